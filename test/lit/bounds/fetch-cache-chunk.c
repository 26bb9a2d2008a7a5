// The bounds cache's per-chunk level: pointers never fetched before, but
// into a chunk whose answer does not depend on where they point (here an
// int array fetched as int *), are answered without an index query; and
// that answer is not reused once the chunk is freed and a smaller one
// takes its place at the same address.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
// CHECK: sum 499500
// CHECK: same base 1
// CHECK: ERROR: allocscheck: out-of-bounds-deref
// CHECK: bounds: {{.*}} (2000 bytes)
// CHECK: summary: bounds: {{[0-9]+}} bounds fetched, {{[1-4]}} index queries,
// CHECK-SAME: 1 out-of-bounds accesses
#include <stdio.h>
#include <stdlib.h>

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
	int *buf = malloc(1000 * sizeof(int));
	int *volatile cur = buf;
	for (int i = 0; i < 1000; i++)
		cur[i] = i;
	long sum = 0;
	/* a new pointer at every call: one index query for all of them */
	for (int i = 0; i < 1000; i++) {
		cur = buf + i;
		sum += get((int *const *)&cur, 0);
	}
	printf("sum %ld\n", sum);
	void *old = buf;
	free(buf);
	/* glibc splits the freed 4 KiB chunk: usually the same address */
	int *small = malloc(500 * sizeof(int));
	cur = small;
	for (int i = 0; i < 500; i++)
		cur[i] = i;
	printf("same base %d\n", (void *)small == old);
	cur = small + 499;
	sum += get2((int *const *)&cur, 1);        /* one past the new chunk */
	free(small);
	printf("done %ld\n", sum > 0 ? 1L : 0L);
	return 0;
}
