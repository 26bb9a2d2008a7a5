// Clean run: first-member up- and down-casts (the memory really holds the
// container), and the "common header" style of C inheritance, where
// structs that begin with the same members are used through a pointer to
// the shortest (physical subtyping).  ALLOCS_CHECK=abort: any report fails.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: area 12 kinds 1 2 sum 3
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int key; };
struct entry { struct node link; double value; };

enum shape_kind { CIRCLE = 1, RECT = 2 };
struct shape { enum shape_kind kind; };
struct circle { enum shape_kind kind; double r; };
struct rect { enum shape_kind kind; double w, h; };

__attribute__((noinline)) static int kind_of(struct shape *s) { return s->kind; }

__attribute__((noinline)) static double area(struct shape *s)
{
	if (s->kind == CIRCLE) {
		struct circle *c = (struct circle *)s;
		return 3 * c->r * c->r;
	}
	struct rect *r = (struct rect *)s;
	return r->w * r->h;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct entry *e = malloc(sizeof *e);
	e->link.next = NULL;
	e->link.key = 1;
	e->value = 2;
	struct node *n = &e->link;                 /* up */
	struct entry *back = (struct entry *)n;    /* down: memory is an entry */
	void *v = e;
	struct node *n2 = (struct node *)v;        /* first member through void * */

	struct circle *c = malloc(sizeof *c);
	c->kind = CIRCLE;
	c->r = 1;
	struct rect *r = malloc(sizeof *r);
	r->kind = RECT;
	r->w = 3;
	r->h = 3;
	double total = area((struct shape *)c) + area((struct shape *)r);
	printf("area %g kinds %d %d sum %d\n", total - 0, kind_of((struct shape *)c),
	       kind_of((struct shape *)r), back->link.key + (int)n2->key * 2);
	free(c);
	free(r);
	free(e);
	return 0;
}
