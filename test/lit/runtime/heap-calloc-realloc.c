// calloc and realloc: sizes are the requested ones; realloc that moves,
// grows or shrinks in place leaves exactly the new chunk indexed; the
// contents survive; realloc(NULL, n) and realloc(p, 0); reallocarray.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	volatile size_t half = SIZE_MAX / 2, quarter = SIZE_MAX / 4, nearly = SIZE_MAX - 4096;
	int *a = calloc(10, sizeof(int));
	expect_whole("calloc", a, ALLOCS_HEAP, 10 * sizeof(int));
	for (int i = 0; i < 10; i++)
		if (a[i] != 0)
			printf("FAIL calloc not zeroed\n"), failures++;
	char *big = calloc(3, 100000);
	expect_whole("calloc large", big, ALLOCS_HEAP, 300000);
	if (big[299999] != 0)
		printf("FAIL large calloc not zeroed\n"), failures++;
	errno = 0;
	if (calloc(half, 3) != NULL || errno != ENOMEM)
		printf("FAIL calloc overflow\n"), failures++;

	// growth through every size class, small -> large -> small
	char *p = realloc(NULL, 5);
	memcpy(p, "abcd", 5);
	expect_whole("realloc(NULL)", p, ALLOCS_HEAP, 5);
	size_t n = 5;
	for (size_t to = 6; to < 300000; to = to * 3 / 2 + 1) {
		char *old = p;
		p = realloc(p, to);
		if (strcmp(p, "abcd") != 0)
			printf("FAIL realloc lost contents at %zu\n", to), failures++;
		expect_whole("realloc grow", p, ALLOCS_HEAP, to);
		if (p != old)
			expect_not_in("realloc moved: old base", old, old);
		n = to;
	}
	for (size_t to = n; to > 8; to /= 3) {
		p = realloc(p, to);
		expect_whole("realloc shrink", p, ALLOCS_HEAP, to);
		if (strcmp(p, "abcd") != 0)
			printf("FAIL shrink lost contents at %zu\n", to), failures++;
	}
	// in-place shrink keeps the base
	char *q = malloc(1000);
	char *q2 = realloc(q, 100);
	expect_whole("shrink in place", q2, ALLOCS_HEAP, 100);
	if (q2 == q)
		expect_not_in("shrunk tail", q + 500, q);
	// realloc(p, 0) frees
	char *z = malloc(40);
	if (realloc(z, 0) != NULL)
		printf("FAIL realloc(p,0) did not return NULL\n"), failures++;
	expect_not_in("realloc(p,0)", z, z);
	// reallocarray
	long *r = reallocarray(NULL, 7, sizeof(long));
	expect_whole("reallocarray", r, ALLOCS_HEAP, 7 * sizeof(long));
	errno = 0;
	if (reallocarray(r, quarter, 8) != NULL || errno != ENOMEM)
		printf("FAIL reallocarray overflow\n"), failures++;
	expect_whole("reallocarray failed keeps old", r, ALLOCS_HEAP, 7 * sizeof(long));
	// a realloc that fails leaves the old chunk indexed
	char *keep = malloc(64);
	if (realloc(keep, nearly) != NULL)
		printf("FAIL huge realloc succeeded\n"), failures++;
	expect_whole("failed realloc keeps old", keep, ALLOCS_HEAP, 64);
	free(keep); free(r); free(q2); free(p); free(big); free(a);
	return report();
}
