// Allocation wrappers named with -fplugin-arg-allocscheck-alloc-fns= type
// their chunks like malloc: a chunk from xmalloc converted to struct
// point * is a struct point, so a later cast to another struct is reported
// with that type.  Without the option the chunk is typed lazily instead.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 -fplugin-arg-allocscheck-alloc-fns=xmalloc %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-alloc-fns=xmalloc %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct label { char *text; int len; };

__attribute__((noinline)) void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct point *pts = xmalloc(3 * sizeof *pts);
	struct label *l = (struct label *)launder(&pts[1]);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct label *`
	// CHECK-NEXT: at {{.*}}alloc-wrapper.c:[[@LINE-2]]
	// CHECK-NEXT: no `struct label` starts there
	// CHECK-NEXT: it points 0 bytes into member `x` (int) of struct point at offset 8 into the allocation
	// CHECK-NEXT: memory: heap allocation {{.*}} of 24 bytes, type `struct point`
	printf("%d\n", l != NULL);
	// CHECK: 1
	return 0;
	// CHECK: allocscheck: summary: 1 checks, 0 passed, 1 failed, 0 unknown
	// CHECK: allocscheck: summary: {{.*}} 1 allocations typed
}
