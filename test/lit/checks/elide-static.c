// Static elision: a conversion from `S *` to `T *` is not checked when
// every S is accepted as a T at its own address -- T is S modulo arrays, a
// member at offset 0 (recursively, through arrays and union members), or a
// union with such a sub-object as an arm.  The same program built with
// no-cast-elision checks every cast: all pass, in strict mode too (the
// elision relies on no leniency), and on heap, stack and static objects,
// including objects allocated as one arm of a union.  Downcasts stay checked
// and still catch confusions.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t-all %allocscheck-ldflags -fplugin-arg-allocscheck-no-cast-elision
// RUN: env ALLOCS_CHECK=abort ALLOCS_CHECK_STRICT=1 %t-all 2>&1 > %t-all.out | FileCheck %s --check-prefix=ALL --implicit-check-not=ERROR
// RUN: FileCheck %s --check-prefix=SUM --input-file %t-all.out
// SUM: sum 1748
// ALL: allocscheck: summary: 48 checks, 48 passed, 0 failed, 0 unknown
// RUN: %allocscheck-cc -O0 %s -o %t %allocscheck-ldflags -fplugin-arg-allocscheck-verbose 2> %t.notes
// RUN: FileCheck %s --check-prefix=NOTES --input-file %t.notes
// RUN: env ALLOCS_CHECK=abort ALLOCS_CHECK_STRICT=1 %t 2>&1 > %t.out | FileCheck %s --check-prefix=ELIDED --implicit-check-not=ERROR
// RUN: FileCheck %s --check-prefix=SUM --input-file %t.out
// ELIDED: allocscheck: summary: 2 checks, 2 passed, 0 failed, 0 unknown
// RUN: env ALLOCS_CHECK=warn ALLOCS_CHECK_STRICT=1 %t bad 2>&1 | FileCheck %s --check-prefix=BAD
// BAD-COUNT-3: ERROR: allocscheck: bad-cast
// BAD: allocscheck: summary: 5 checks, 2 passed, 3 failed
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gcobj { struct gcobj *next; unsigned char tt, marked; };
struct table { struct gcobj *next; unsigned char tt, marked; int n; };
struct str { struct gcobj *next; unsigned char tt, marked; char s[8]; };
union gcunion { struct gcobj gc; struct table h; struct str ts; };
struct node { int key; struct node *next; };
struct wrap { struct node n; double d; };
struct outer { union { struct wrap w; long l; } u; int z; };
struct arr { struct node ns[4]; };
union nested { union gcunion g; double d; };

// NOTES: cast from 'struct gcobj *' to 'union gcunion *' not checked: union arm
// NOTES: cast from 'struct table *' to 'union gcunion *' not checked: union arm
// NOTES: cast from 'struct str *' to 'union nested *' not checked: union arm
// NOTES: cast from 'struct outer *' to 'struct node *' not checked: first member
// NOTES: cast from 'struct outer *' to 'struct wrap *' not checked: first member
// NOTES: cast from 'struct outer *' to 'long int *' not checked: first member
// NOTES: cast from 'struct outer *' to 'int *' not checked: first member
// NOTES: cast from 'struct arr *' to 'struct node *' not checked: first member
// NOTES: cast from 'struct arr *' to 'struct node (*)[4]' not checked: first member
// NOTES-NOT: cast from 'struct wrap *' to 'union gcunion *' not checked
// NOTES: allocscheck: {{[0-9]+}} cast checks inserted, {{[0-9]+}} elided
static long use(struct gcobj *o, struct table *t, struct str *s, struct outer *ou,
		struct arr *a)
{
	long sum = 0;
	union gcunion *u1 = (union gcunion *)o;
	union gcunion *u2 = (union gcunion *)t;
	union nested *u3 = (union nested *)s;
	struct node *n1 = (struct node *)ou;
	struct wrap *w = (struct wrap *)ou;
	long *l = (long *)ou;
	int *ip = (int *)ou;
	struct node *n2 = (struct node *)a;
	struct node (*na)[4] = (struct node (*)[4])a;
	sum += u1->gc.tt + u2->h.n + u3->g.ts.s[0] + n1->key + w->n.key + *ip + n2->key + na[0][1].key;
	sum += *l != 0;
	return sum;
}

/* Downcasts: checked with or without elision (the union may be one arm). */
static long down(union gcunion *u, struct node *n)
{
	struct table *t = (struct table *)u;
	struct wrap *w = (struct wrap *)n;
	return t->n + (long)w->d;
}

/* Not elided either: a wrap is no arm of the union. */
static int not_an_arm(struct wrap *w)
{
	union gcunion *u = (union gcunion *)w;
	return u != 0;
}

static struct arr static_arr;

int main(int argc, char **argv)
{
	long sum = 0;
	for (int round = 0; round < 5; round++) {
		struct gcobj *go = malloc(sizeof *go);
		struct table *tb = malloc(sizeof *tb);   /* one arm, alone */
		struct str *st = malloc(sizeof *st);
		struct outer *ou = malloc(sizeof *ou);
		memset(go, 0, sizeof *go);
		memset(tb, 0, sizeof *tb);
		memset(st, 0, sizeof *st);
		memset(ou, 0, sizeof *ou);
		tb->n = 10 * round + 20;
		ou->u.w.n.key = 100;
		struct arr local;
		memset(&local, 0, sizeof local);
		local.ns[1].key = 10;
		static_arr.ns[0].key = 1;
		sum += use(go, tb, st, ou, round & 1 ? &local : &static_arr);
		if (round == 0)
			sum += down((union gcunion *)(void *)tb, &ou->u.w.n);
		free(go);
		free(tb);
		free(st);
		free(ou);
	}
	printf("sum %ld\n", sum);
	if (argc > 1 && strcmp(argv[1], "bad") == 0) {
		struct str *st = calloc(1, sizeof *st);
		struct node *n = calloc(1, sizeof *n);
		down((union gcunion *)(void *)st, n);  /* a str is no table; a lone node no wrap */
		struct wrap *w = calloc(1, sizeof *w);
		not_an_arm(w);
		free(w);
		free(st);
		free(n);
	}
	return 0;
}
