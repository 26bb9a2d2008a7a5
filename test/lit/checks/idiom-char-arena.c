// Clean run: char arrays are storage.  A static char arena and a char
// array inside a struct hold objects of several types; a malloc'd char
// buffer carved into objects of different types stays clean too (its lazy
// type is soft: the first contradiction makes it untyped storage).
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort ALLOCS_VERBOSE=1 %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort ALLOCS_VERBOSE=1 %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: sum 11
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[0-9]+}} passed, 0 failed, {{[1-9][0-9]*}} unknown
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct name { char text[12]; long hash; };

static _Alignas(16) char arena[4096];
static size_t used;

static void *arena_alloc(size_t n)
{
	void *p = arena + used;
	used += (n + 15) & ~(size_t)15;
	return p;
}

struct pool { int count; _Alignas(8) unsigned char slab[256]; };
static struct pool pool;

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct point *p = (struct point *)arena_alloc(sizeof *p);
	struct name *n = (struct name *)arena_alloc(sizeof *n);
	double *d = (double *)arena_alloc(sizeof *d);
	p->x = 1;
	n->hash = 2;
	*d = 3;
	struct point *q = (struct point *)(pool.slab + 8);
	long *l = (long *)(pool.slab + 64);
	q->y = 1;
	*l = 1;

	char *buf = malloc(1024);
	struct name *hdr = (struct name *)buf;                  /* first cast: soft type */
	struct point *body = (struct point *)(buf + 32);        /* contradicts it */
	int *tail = (int *)(buf + 100);
	hdr->hash = 1;
	body->x = 1;
	*tail = 0;
	printf("sum %d\n", p->x + (int)n->hash + (int)*d + q->y + (int)*l + (int)hdr->hash + body->x + *tail + 1);
	free(buf);
	return 0;
}
