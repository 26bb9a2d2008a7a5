// Clean run: unions (any arm may be taken), container_of (pointer
// arithmetic from a member back to its container, then a cast), flexible
// array members and realloc growth of an array.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: union 7 1.5 container 42 43 flex 3 grown 99
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct list_head { struct list_head *next, *prev; };
struct task { int id; struct list_head link; int prio; };

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

union value { int i; double d; struct { short lo, hi; } parts; };
struct msg { int len; double vals[]; };
struct cell { long a; int b; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	union value *u = malloc(sizeof *u);
	int *pi = (int *)launder(u);
	*pi = 7;
	int seen = u->i;
	double *pd = (double *)launder(u);
	*pd = 1.5;
	short *ps = (short *)launder(&u->parts.hi);

	struct task *t = malloc(2 * sizeof *t);
	t[0].id = 42;
	t[1].id = 43;
	struct list_head *l0 = &t[0].link, *l1 = (struct list_head *)launder(&t[1].link);
	struct task *c0 = container_of(l0, struct task, link);
	struct task *c1 = container_of(l1, struct task, link);

	struct msg *m = malloc(sizeof *m + 3 * sizeof(double));
	m->len = 3;
	double *third = (double *)launder(&m->vals[2]);
	*third = 0;

	struct cell *cells = malloc(2 * sizeof *cells);
	cells = realloc(cells, 8 * sizeof *cells);
	struct cell *last = (struct cell *)launder(&cells[7]);
	last->a = 99;

	printf("union %d %g container %d %d flex %d grown %ld\n", seen, *pd + 0 * *ps, c0->id, c1->id,
	       m->len, last->a);
	free(cells);
	free(m);
	free(t);
	free(u);
	return 0;
}
