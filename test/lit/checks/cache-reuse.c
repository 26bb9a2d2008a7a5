// The per-thread verdict cache never outlives the memory's type: a chunk
// freed and reallocated at the same address with another type fails the
// check that passed before, at the same check site.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 2>&1 | FileCheck %s
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 2>&1 | FileCheck %s
// CHECK: same address 1
// CHECK: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct first *`
// CHECK: memory: heap allocation {{.*}} type `struct second`
// CHECK: allocscheck: summary: 6 checks, 5 passed, 1 failed, 0 unknown
#include <stdio.h>
#include <stdlib.h>

struct first { long a; long b; };
struct second { double x; double y; };

__attribute__((noinline)) static struct first *as_first(void *p)
{
	return (struct first *)p;      /* the one check site */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct first *f = malloc(sizeof *f);
	for (int i = 0; i < 5; i++)
		as_first(f);                        /* passes; cached after the first */
	void *old = f;
	free(f);
	struct second *s = malloc(sizeof *s);   /* glibc hands the chunk back */
	printf("same address %d\n", (void *)s == old);
	as_first(s);
	free(s);
	return 0;
}
