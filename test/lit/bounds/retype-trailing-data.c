// Clean run: a header array and its trailing data in one chunk, the data
// found by converting the address one past the typed part to another
// pointer type (SQLite's findCollSeqEntry: `z = (char *)&pColl[3]`;
// lemon: `rp->rhs = (struct symbol **)&rp[1]`).  The conversion is a new
// bounds origin: the converted pointer gets the chunk's bounds for its own
// element size, not the header array's it was derived from.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// A real overflow past the chunk is still caught.
// RUN: env ALLOCS_CHECK=warn %t0 over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t2 over 2>&1 | FileCheck %s --check-prefix=OVER
// CHECK: pinned 10
// CHECK: BINARY 3 b c
// OVER: ERROR: allocscheck: out-of-bounds-libc
// OVER: memcpy
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct coll { char *name; int enc; void *user; void *cmp; void *del; };
struct sym { const char *name; int idx; };
struct rule { int lhs; int nrhs; struct sym **rhs; double prec; };

__attribute__((noinline)) static size_t num(size_t n) { return n; }

__attribute__((noinline)) static struct coll *mk_coll(const char *name, size_t extra)
{
	size_t n = strlen(name);
	struct coll *c = calloc(1, 3 * sizeof(*c) + n + 1);
	c[0].name = (char *)&c[3];
	c[1].name = (char *)&c[3];
	c[2].name = (char *)&c[3];
	memcpy(c[0].name, name, num(n) + extra);
	/* SQLite's sqlite3FindFunction: one past the header, straight to memcpy */
	memcpy((char *)&c[3], name, num(n) + extra);
	return c;
}

__attribute__((noinline)) static struct rule *mk_rule(int nrhs, struct sym **syms)
{
	/* 24 + 3 * 8 bytes: the symbols fill most of what the type walk
	 * takes for a second rule */
	struct rule *rp = calloc(1, sizeof(*rp) + nrhs * sizeof(struct sym *));
	rp->rhs = (struct sym **)&rp[1];
	rp->nrhs = nrhs;
	for (int i = 0; i < nrhs; i++)
		rp->rhs[i] = syms[i];
	return rp;
}

struct cache { void *grp; int sz; double hit[9]; };
struct group { int pinned; double max[8]; };

/* SQLite's pcache1Create: the group lives right after the cache, found
 * through a local pointer (GIMPLE folds the conversion into the
 * derivation: `g = pc + 88` of type struct group *) */
__attribute__((noinline)) static struct cache *mk_cache(void)
{
	struct cache *pc = calloc(1, sizeof(*pc) + sizeof(struct group));
	struct group *g = (struct group *)&pc[1];
	g->pinned = 10;
	g->max[7] = 1;
	pc->grp = g;
	return pc;
}

int main(int argc, char **argv)
{
	struct cache *pc = mk_cache();
	printf("pinned %d\n", ((struct group *)pc->grp)->pinned);
	free(pc);
	int over = argc > 1 && strcmp(argv[1], "over") == 0;
	struct coll *c = mk_coll("BINARY", over ? 64 : 1);
	struct sym a = { "a", 0 }, b = { "b", 1 }, s = { "c", 2 };
	struct sym *syms[] = { &a, &b, &s };
	struct rule *rp = mk_rule(3, syms);
	printf("%s %d %s %s\n", c->name, rp->nrhs, rp->rhs[1]->name, rp->rhs[2]->name);
	free(rp);
	free(c);
	return 0;
}
