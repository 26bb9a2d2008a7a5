// The per-thread cache of bounds answers: a pointer reloaded and fetched
// again and again is looked up in the index once; an answer about a chunk
// that was freed is not reused when a smaller chunk, or one of another
// type, takes its place at the same address.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
// CHECK: sum 300000
// CHECK: same base 1
// CHECK: ERROR: allocscheck: out-of-bounds-deref
// CHECK: bounds: {{.*}} (8 bytes)
// CHECK: retyped base 1
// CHECK: ERROR: allocscheck: out-of-bounds-deref
// CHECK: bounds: {{.*}} (4 bytes)
// CHECK: summary: bounds: 100004 bounds fetched, 3 index queries,
// CHECK-SAME: 2 out-of-bounds accesses
#include <stdio.h>
#include <stdlib.h>

struct pair { int a; int b[3]; };

__attribute__((noinline)) static int get(int *const *pp, long i)
{
	return (*pp)[i];        /* *pp is fetched at every call */
}

/* another site: warn mode reports once per site */
__attribute__((noinline)) static int get2(int *const *pp, long i)
{
	return (*pp)[i];
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int *p = malloc(4 * sizeof(int));
	for (int i = 0; i < 4; i++)
		p[i] = i;
	long sum = 0;
	for (int k = 0; k < 100000; k++)
		sum += get(&p, 3);
	printf("sum %ld\n", sum);
	void *old = p;
	free(p);
	/* same glibc size class: usually the same address */
	int *q = malloc(2 * sizeof(int));
	q[0] = q[1] = 0;
	printf("same base %d\n", (void *)q == old);
	int *volatile qq = q;
	sum += get((int *const *)&qq, 3);          /* 8-byte chunk now */
	free(q);
	/* a struct chunk at the same place: an int * into it is bounded by its
	 * int member, not by the int array cached before */
	struct pair *s = malloc(sizeof *s);
	s->a = 1;
	printf("retyped base %d\n", (void *)s == old);
	int *volatile as = &s->a;
	sum += get2((int *const *)&as, 1);
	free(s);
	printf("done %ld\n", sum > 0 ? 1L : 0L);
	return 0;
}
