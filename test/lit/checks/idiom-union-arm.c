// Clean run: an object allocated as one arm of a union, reached through a
// pointer to the union (C11 6.7.2.1p16: a pointer to a union points to each
// of its members, and vice versa).  Lua does this for every collectable
// object: a Table, a closure or a thread is allocated alone and converted
// to `union GCUnion *` to reach its fields or its common header, and the
// main thread lives inside a bigger struct, after other members.
// ALLOCS_CHECK=abort: any report fails.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: table 3 size 16 closure 2 upvals 5 thread 4 status 9 tags 5 6 7 8
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
#include <stdio.h>
#include <stdlib.h>

struct gcobj { struct gcobj *next; unsigned char tt, marked; };
struct table { struct gcobj *next; unsigned char tt, marked; int size; double *array; };
struct cclosure { struct gcobj *next; unsigned char tt, marked, nup; void *f; };
struct lclosure { struct gcobj *next; unsigned char tt, marked, nup; void *proto; long upvals[4]; };
union closure { struct cclosure c; struct lclosure l; };
struct thread { struct gcobj *next; unsigned char tt, marked, status; long stack[16]; };
union gcunion {
	struct gcobj gc;
	struct table h;
	union closure cl;
	struct thread th;
};
/* the main thread, after an extra-space prefix, inside a bigger chunk */
struct lx { char extra[8]; struct thread l; };
struct lg { struct lx l; long global[32]; };

#define cast_u(o) ((union gcunion *)(o))
#define obj2gco(v) (&(cast_u(v)->gc))
#define gco2t(o) (&(cast_u(o)->h))
#define gco2lcl(o) (&(cast_u(o)->cl.l))
#define gco2th(o) (&(cast_u(o)->th))

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct table *t = malloc(sizeof *t);
	t->tt = 5;
	t->size = 16;
	struct lclosure *cl = malloc(sizeof *cl);
	cl->tt = 6;
	cl->nup = 5;
	struct lg *g = malloc(sizeof *g);
	struct thread *th = &g->l.l;
	th->tt = 8;
	th->status = 9;
	struct thread *co = malloc(sizeof *co);
	co->tt = 7;

	/* up: each object seen as the union's common header */
	struct gcobj *all[4] = { obj2gco(t), obj2gco(cl), obj2gco(co), obj2gco(th) };
	for (int i = 0; i < 4; i++)
		all[i] = (struct gcobj *)launder(all[i]);
	/* down: from the header, through the union, to the concrete arm */
	struct table *t2 = gco2t(all[0]);
	struct lclosure *cl2 = gco2lcl(all[1]);
	struct thread *th2 = gco2th(all[3]);
	int n = 0;
	for (int i = 0; i < 4; i++)
		n += cast_u(all[i])->gc.tt != 0;

	printf("table %d size %d closure %d upvals %d thread %d status %d tags %d %d %d %d\n",
	       n - 1, t2->size, cl2->tt - 4, cl2->nup, n, th2->status,
	       all[0]->tt, all[1]->tt, all[2]->tt, all[3]->tt);
	free(co);
	free(g);
	free(cl);
	free(t);
	return 0;
}
