// A library variable the executable uses directly (`extern struct point
// lib_point;`) is moved into the executable by a copy relocation: the
// program's references and the library's own all use the executable's
// copy, which the executable's DWARF only declares.  The lookup must still
// give the variable's exact base, size and type.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libcopy.so %s %allocscheck-ldflags
// RUN: %cc -I%S/../../../include -o %t %s -L%t.d -lcopy -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: readelf -rW %t | FileCheck --check-prefix=RELOC %s
// RELOC: R_X86_64_COPY {{.*}} lib_point
// RUN: %t | FileCheck %s
// CHECK: lib_point: r=0 kind=static base=ok size=ok type=struct point
// CHECK: via library: same

#include <stdio.h>

struct point { int x, y; };

#ifdef LIB
struct point lib_point = { 1, 2 };
void *lib_point_addr(void) { return &lib_point; }
#else
#include "allocs.h"

extern struct point lib_point;
void *lib_point_addr(void);

int main(void)
{
	struct allocs_info i;
	int r = allocs_lookup(&lib_point.y, &i);
	printf("lib_point: r=%d kind=%s base=%s size=%s type=%s\n", r, allocs_kind_name(i.kind),
	       i.base == &lib_point ? "ok" : "WRONG", i.size == sizeof lib_point ? "ok" : "WRONG",
	       allocs_type_name(i.type));
	printf("via library: %s\n", lib_point_addr() == (void *)&lib_point ? "same" : "different");
	return 0;
}
#endif
