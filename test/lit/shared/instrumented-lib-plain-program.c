// An instrumented shared library used by a program built without
// allocscheck (no plugin, no runtime of its own: the library brings the
// runtime in).  The library's allocations are indexed and typed, its own
// casts are checked: a wrong one is reported with its allocation site, a
// right one passes; the program runs normally.
// REQUIRES: plugin, runtime
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %allocscheck-cc -O1 -DLIB -shared -fPIC %s -o %t.d/libshapes.so %allocscheck-ldflags
// RUN: %cc -O1 %s -o %t.d/prog -L%t.d -lshapes -Wl,-rpath,%t.d
// RUN: readelf -d %t.d/prog | FileCheck --check-prefix=PLAIN %s
// PLAIN-NOT: liballocs
// RUN: env ALLOCS_CHECK=warn %t.d/prog > %t.d/out 2>&1
// RUN: FileCheck %s < %t.d/out
// RUN: env ALLOCS_CHECK=abort not --crash %t.d/prog > %t.d/out.abort 2>&1
// RUN: FileCheck --check-prefix=ABORT %s < %t.d/out.abort
// ABORT: ERROR: allocscheck: bad-cast
// ABORT: aborting on the first failed check
// ABORT-NOT: program done
#include <stdio.h>
#include <stdlib.h>

struct rec { long key; int vals[4]; };
struct pt { double x, y; };

#ifdef LIB
struct rec *rec_new(long key)
{
	struct rec *r = malloc(sizeof *r);     /* line 28: the allocation site */
	r->key = key;
	return r;
}
long rec_key(void *p)
{
	return ((struct rec *)p)->key;         /* a right cast: passes */
}
double pt_x(void *p)
{
	return ((struct pt *)p)->x;            /* line 38: wrong for a struct rec */
}
#else
struct rec *rec_new(long key);
long rec_key(void *p);
double pt_x(void *p);

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct rec *r = rec_new(42);
	printf("key %ld\n", rec_key(r));
	// CHECK: key 42
	double x = pt_x(r);
	// CHECK-NEXT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct pt *`
	// CHECK-NEXT: at {{.*}}instrumented-lib-plain-program.c:38:{{[0-9]+}} in pt_x
	// CHECK: memory: heap allocation [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) of 24 bytes, type `struct rec`, allocated at {{.*}}instrumented-lib-plain-program.c:28{{.*}} in rec_new
	printf("program done %d\n", x != 1.0);
	// CHECK: program done 1
	free(r);
	return 0;
	// CHECK: summary: 2 checks, 1 passed, 1 failed, 0 unknown
}
#endif
