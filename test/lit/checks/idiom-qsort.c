// Clean run: qsort and bsearch comparators cast their const void *
// arguments back to the element type, here elements of a heap array, a
// static array of structs and a local array of pointers.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: 1 2 3 4 5 | a b c | 2
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; const char *name; };
static struct rec recs[3] = { { 3, "c" }, { 1, "a" }, { 2, "b" } };

static int cmp_long(const void *a, const void *b)
{
	const long *x = (const long *)a, *y = (const long *)b;
	return (*x > *y) - (*x < *y);
}

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	return x->key - y->key;
}

static int cmp_recp(const void *a, const void *b)
{
	const struct rec *const *x = (const struct rec *const *)a;
	const struct rec *const *y = (const struct rec *const *)b;
	return strcmp((*x)->name, (*y)->name);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long *v = malloc(5 * sizeof *v);
	for (int i = 0; i < 5; i++)
		v[i] = 5 - i;
	qsort(v, 5, sizeof *v, cmp_long);
	qsort(recs, 3, sizeof recs[0], cmp_rec);
	struct rec *ptrs[3] = { &recs[2], &recs[0], &recs[1] };
	qsort(ptrs, 3, sizeof ptrs[0], cmp_recp);
	struct rec key = { 2, NULL };
	struct rec *found = bsearch(&key, recs, 3, sizeof recs[0], cmp_rec);
	printf("%ld %ld %ld %ld %ld | %s %s %s | %d\n", v[0], v[1], v[2], v[3], v[4],
	       ptrs[0]->name, ptrs[1]->name, ptrs[2]->name, found->key);
	free(v);
	return 0;
}
