// Casts of interior pointers of an untyped heap chunk answer "unknown"
// whatever the target, and the per-thread cache answers them for every
// target at once (nine targets here, more than its per-target entries): only
// the first check is a lookup.  A chunk reallocated at the same address with
// a type is checked again: the cached answer does not outlive the chunk.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>

struct t1 { long a; }; struct t2 { long a; }; struct t3 { long a; };
struct t4 { long a; }; struct t5 { long a; }; struct t6 { long a; };
struct t7 { long a; }; struct t8 { long a; }; struct t9 { long a; };
struct holder { long a; long b; double c[6]; };
struct pair { long tag; long len; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	void *raw = malloc(64);                          /* untyped */
	char *c = raw;
	long sum = 0;
	for (int i = 0; i < 5; i++) {
		sum += ((struct t1 *)launder(c + 8))->a != 0;
		sum += ((struct t2 *)launder(c + 16))->a != 0;
		sum += ((struct t3 *)launder(c + 24))->a != 0;
		sum += ((struct t4 *)launder(c + 32))->a != 0;
		sum += ((struct t5 *)launder(c + 40))->a != 0;
		sum += ((struct t6 *)launder(c + 48))->a != 0;
		sum += ((struct t7 *)launder(c + 56))->a != 0;
		sum += ((struct t8 *)launder(c + 8))->a != 0;
		sum += ((struct t9 *)launder(c + 16))->a != 0;
	}
	free(raw);
	struct holder *h = malloc(sizeof *h);            /* typed at allocation */
	printf("same address %d\n", (void *)h == raw);
	// CHECK: same address 1
	struct pair *p = (struct pair *)launder((char *)h + 8);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct pair *`
	// CHECK-NEXT: at {{.*}}untyped-chunk-cache.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} type `struct holder`
	printf("%d\n", p != NULL && sum >= 0);
	// CHECK: 1
	free(h);
	return 0;
	// CHECK: allocscheck: summary: 46 checks, 0 passed, 1 failed, 45 unknown
	// CHECK: allocscheck: summary: 44 cache hits
}
