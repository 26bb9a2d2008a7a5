// The bounds cache and large chunks (over 4 KiB: the index keeps them in
// per-granule slots, and their 64-bit size is in the trailer, not in the
// metadata word): an answer about a large chunk that was freed is not
// reused when a chunk of the same usable size but a smaller requested
// size takes its place at the same address, nor when the same chunk is
// given another size by realloc in place.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
// CHECK: sum 3998000
// CHECK: same base 1
// CHECK: ERROR: allocscheck: out-of-bounds-deref
// CHECK: bounds: {{.*}} (7996 bytes)
// CHECK: shrunk in place 1
// CHECK: ERROR: allocscheck: out-of-bounds-deref
// CHECK: bounds: {{.*}} (7000 bytes)
// CHECK: summary: bounds: {{[0-9]+}} bounds fetched, 3 index queries,
// CHECK-SAME: 2 out-of-bounds accesses
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int get(int *const *pp, long i)
{
	return (*pp)[i];        /* *pp is fetched at every call */
}

/* other sites: warn mode reports once per site */
__attribute__((noinline)) static int get2(int *const *pp, long i)
{
	return (*pp)[i];
}

__attribute__((noinline)) static int get3(int *const *pp, long i)
{
	return (*pp)[i];
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int *p = malloc(2000 * sizeof(int));
	for (int i = 0; i < 2000; i++)
		p[i] = i;
	long sum = 0;
	for (int k = 0; k < 2000; k++)
		sum += get(&p, 1999);
	printf("sum %ld\n", sum);
	void *old = p;
	free(p);
	/* same glibc chunk size, 4 bytes less asked for: usually the same place */
	int *q = malloc(1999 * sizeof(int));
	for (int i = 0; i < 1999; i++)
		q[i] = i;
	printf("same base %d\n", (void *)q == old);
	int *volatile qq = q;
	sum += get2((int *const *)&qq, 1999);      /* one past the new chunk */
	sum += get2((int *const *)&qq, 1998);      /* cached now: in bounds */
	int *r = realloc(q, 1750 * sizeof(int));   /* glibc shrinks in place */
	printf("shrunk in place %d\n", r == q);
	int *volatile rr = r;
	sum += get3((int *const *)&rr, 1750);
	free(r);
	printf("done %ld\n", sum > 0 ? 1L : 0L);
	return 0;
}
