// Clean run: trailing arrays that extend past their declared size, the
// "struct hack" ([1] and [0] arrays) and C99 flexible array members, with
// the allocation sized for the real length.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: hack 9 7 flex 2.5 zero 4
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[0-9]+}} passed, 0 failed
#include <stdio.h>
#include <stdlib.h>

struct payload { long id; double x; };
struct msg { int len; char data[1]; };           /* bytes follow */
struct ints { long n; int v[1]; };               /* ints follow */
struct flex { int n; double d[]; };
struct zero { short n; long w[0]; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct msg *m = malloc(sizeof *m + 64);
	struct payload *pl = (struct payload *)launder(m->data + 4);   /* char storage */
	pl->id = 9;
	struct ints *is = malloc(sizeof *is + 9 * sizeof(int));
	int *fifth = (int *)launder(&is->v[5]);
	*fifth = 7;
	struct flex *f = malloc(sizeof *f + 4 * sizeof(double));
	double *d3 = (double *)launder(&f->d[3]);
	*d3 = 2.5;
	struct zero *z = malloc(sizeof *z + 3 * sizeof(long));
	long *w2 = (long *)launder(&z->w[2]);
	*w2 = 4;
	printf("hack %ld %d flex %g zero %ld\n", pl->id, is->v[5], f->d[3], z->w[2]);
	free(z);
	free(f);
	free(is);
	free(m);
	return 0;
}
