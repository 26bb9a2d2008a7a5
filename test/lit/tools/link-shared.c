// REQUIRES: meta
// Shared libraries get their meta-DSO in the same link too; so does an
// executable linked from objects in a separate step, and one written to
// the default a.out (same objects, so the same build-id as prog: the
// meta-DSO is rewritten in place, not added).
// RUN: rm -rf %t.meta %t.d && mkdir %t.meta %t.d
// RUN: env ALLOCS_META_DIR=%t.meta %cc -shared -fPIC -o %t.d/libshared.so %s $(%config --cflags --ldflags) 2> %t.err
// RUN: count 0 < %t.err
// RUN: readelf -S "$(%meta-path %t.d/libshared.so %t.meta)" | FileCheck %s
// CHECK: .allocs_meta
//
// RUN: %allocscheck-cc -DMAIN -c -o %t.d/main.o %s
// RUN: env ALLOCS_META_DIR=%t.meta %cc -o %t.d/prog %t.d/main.o -L%t.d -lshared -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: test -f "$(%meta-path %t.d/prog %t.meta)"
// RUN: %t.d/prog | FileCheck --check-prefix=OUT %s
// OUT: shared 42
//
// RUN: cd %t.d && env ALLOCS_META_DIR=%t.meta %cc %t.d/main.o -L%t.d -lshared -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: test -f "$(%meta-path %t.d/a.out %t.meta)"
// RUN: find %t.meta -type f | count 2

#include <stdio.h>

int shared_value(void);

#ifdef MAIN
int main(void)
{
	printf("shared %d\n", shared_value());
	return 0;
}
#else
struct shared_state { long hits; char tag[8]; };
static struct shared_state state = { 41, "tag" };

int shared_value(void)
{
	return (int)++state.hits;
}
#endif
