// A program linked against a library built without allocscheck (no
// meta-DSO) runs; the library's objects are untyped (unknown to lookups)
// while the program's own statics stay exact.  ALLOCS_VERBOSE=1 says once
// which objects lack metadata; by default nothing is said.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libplain.so %s
// RUN: %cc -I%S/../../../include -o %t %s -L%t.d -lplain -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: %t 2> %t.quiet | FileCheck %s
// RUN: count 0 < %t.quiet
// RUN: env ALLOCS_VERBOSE=1 %t 2>&1 >/dev/null | FileCheck --check-prefix=VERBOSE %s
// VERBOSE-DAG: allocscheck: no metadata for {{.*}}libplain.so (build-id {{[0-9a-f]+}}): no meta-DSO in the search roots; its objects are untyped
// VERBOSE-DAG: allocscheck: no metadata for {{.*}}libc.so.6 (build-id
// VERBOSE-NOT: no metadata for {{.*}}static-no-metadata-lib.c.tmp {{.*}}
// RUN: env ALLOCS_VERBOSE=1 %t 2>&1 >/dev/null | grep -c 'libplain.so' | FileCheck --check-prefix=ONCE %s
// ONCE: {{^1$}}

#include <stdio.h>

struct blob { int a[6]; };

#ifdef LIB
struct blob plain_blob;
void *plain_addr(void) { return &plain_blob; }
#else
#include "allocs.h"

void *plain_addr(void);
struct blob typed_blob;

int main(void)
{
	struct allocs_info i;
	int r = allocs_lookup(plain_addr(), &i);
	printf("plain: r=%d kind=%s type=%s\n", r, allocs_kind_name(i.kind), allocs_type_name(i.type));
	// CHECK: plain: r=-1 kind=unknown type=(unknown type)
	r = allocs_lookup(&typed_blob.a[3], &i);
	printf("typed: r=%d kind=%s base=%s size=%s type=%s\n", r, allocs_kind_name(i.kind),
	       i.base == &typed_blob ? "ok" : "WRONG", i.size == sizeof typed_blob ? "ok" : "WRONG",
	       allocs_type_name(i.type));
	// CHECK: typed: r=0 kind=static base=ok size=ok type=struct blob
	return 0;
}
#endif
