// Bounds are fetched once per pointer, not per derivation: loops over an
// array of 10 or of 100000 elements make the same (constant) number of
// allocation-index queries, at -O0 and -O2 -- indexing through a pointer,
// walking a pointer, and a nested loop over a 2-D heap array.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 10 2>&1 | FileCheck %s -DN=10
// RUN: env ALLOCS_CHECK=abort %t0 100000 2>&1 | FileCheck %s -DN=100000
// RUN: env ALLOCS_CHECK=abort %t2 10 2>&1 | FileCheck %s -DN=10
// RUN: env ALLOCS_CHECK=abort %t2 100000 2>&1 | FileCheck %s -DN=100000
// CHECK: n [[N]] sum
// The 5 fetches make 3 index queries: the other 2 are answered by the
// per-thread cache (bounds-cache.c; fetch-cache.c tests it).
// CHECK: summary: bounds: 5 bounds fetched, 3 index queries, 0 unbounded, {{[01]}} slow-path derivations, {{[01]}} one-past, 0 out-of-bounds created
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static long walk(const int *a, long n)
{
	long s = 0;
	for (const int *p = a; p < a + n; p++)
		s += *p;
	return s;
}

__attribute__((noinline)) static long grid(const double (*g)[8], long rows)
{
	double s = 0;
	for (long i = 0; i < rows; i++)
		for (int j = 0; j < 8; j++)
			s += g[i][j];
	return (long)s;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long n = atol(argv[1]);
	int *h = malloc(n * sizeof(int));
	for (long i = 0; i < n; i++)
		h[i] = (int)i;
	double (*g)[8] = malloc(n * sizeof *g);
	for (long i = 0; i < n; i++)
		for (int j = 0; j < 8; j++)
			g[i][j] = 1;
	printf("n %ld sum %ld %ld\n", n, walk(h, n), grid((const double (*)[8])g, n));
	free(g);
	free(h);
	return 0;
}
