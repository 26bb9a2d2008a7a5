// Clean run: one allocation holding a header with a trailing array (a
// flexible array member or the [1] struct hack), the n elements it needs,
// then another object placed after them.  SQLite allocates its WhereInfo,
// nTab WhereLevel elements and a WhereLoop this way
// (`(WhereLoop *)((char *)pWInfo + nByteWInfo)`), and its sqlite3_context
// with argv[n] followed by a Mem at &argv[n], n possibly 0 (the [1] of the
// struct hack declares no count).  Nothing records n, so a cast into the
// tail that matches no element is to untyped storage.  Chunks typed at
// allocation and lazily typed both.
// ALLOCS_CHECK=abort: any report fails.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: hack 3 levels 11 12 13 loop 7 8 flex 2 cells 5 6 loop 9 8
// CHECK: ctx 0 out 40 ctx 2 out 42
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#define ROUND8(x) (((x) + 7) & ~(size_t)7)

/* 12 bytes: n elements end where the loop cannot start (alignment) */
struct level { int from, to, cursor; };
struct loop { struct level *terms[2]; long cost; int nterm; };
struct info { int ntab; void *parse; struct level a[1]; };   /* struct hack */
struct cell { short x, y; };
struct row { int n; struct cell cells[]; };                   /* flexible */
struct val { double r; long i; int flags; };
struct ctx { void *fn; int argc; struct val *out; struct val *argv[1]; };

__attribute__((noinline)) static void *raw_alloc(size_t n) { return malloc(n); }
__attribute__((noinline)) static void *launder(void *p) { return p; }

static void loop_init(struct loop *l, struct level *first)
{
	l->terms[0] = first;
	l->terms[1] = NULL;
	l->cost = 7;
	l->nterm = 8;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	/* lazily typed: the allocator returns void * */
	int ntab = 3;
	size_t nbyte = ROUND8(sizeof(struct info) + (ntab - 1) * sizeof(struct level));
	struct info *w = raw_alloc(nbyte + sizeof(struct loop));
	w->ntab = ntab;
	for (int i = 0; i < ntab; i++)
		w->a[i].from = 11 + i;
	struct loop *l = (struct loop *)((char *)w + nbyte);
	loop_init(l, &w->a[0]);
	struct loop *l2 = (struct loop *)launder(l);

	/* typed at allocation: malloc converted to struct row * */
	int ncell = 2;
	size_t rbyte = ROUND8(sizeof(struct row) + ncell * sizeof(struct cell));
	struct row *r = malloc(rbyte + sizeof(struct loop));
	r->n = ncell;
	r->cells[0].x = 5;
	r->cells[1].x = 6;
	struct loop *rl = (struct loop *)launder((char *)r + rbyte);
	loop_init(rl, NULL);
	rl->cost = 9;
	struct cell *c1 = (struct cell *)launder(&r->cells[1]);

	printf("hack %d levels %d %d %d loop %ld %d flex %d cells %d %d loop %ld %d\n",
	       w->ntab, w->a[0].from, w->a[1].from, w->a[2].from, l2->cost, l2->nterm,
	       r->n, r->cells[0].x, c1->x, rl->cost, rl->nterm);
	for (int n = 0; n <= 2; n += 2) {
		struct ctx *c = raw_alloc(n * sizeof(struct val *) +
					  (sizeof *c + sizeof(struct val) - sizeof(struct val *)));
		c->argc = n;
		c->out = (struct val *)&c->argv[n];
		c->out->i = 40 + n;
		struct val *o = (struct val *)launder(c->out);
		printf("ctx %d out %ld%s", c->argc, o->i, n ? "\n" : " ");
		free(c);
	}
	free(r);
	free(w);
	return 0;
}
