// Clean run: one struct, then arrays of other types in the same chunk
// (lemon's rules: `calloc (sizeof (struct rule) + n * sizeof (struct
// symbol *) + n * sizeof (char *))`, `rp->rhs = (struct symbol **)&rp[1]`,
// `rp->rhsalias = (const char **)&rp->rhs[n]`).  The chunk is not a whole
// number of structs, so the bytes past the struct are not a second struct:
// the data pointers must not be bounded by the pointer-sized member of a
// "second struct" that happens to lie at their address -- nor when the
// chunk happens to be a whole number of structs, since its type is then
// only a guess from the `sizeof (T) + extra` allocation.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// A read past the end of the chunk is still caught.
// RUN: env ALLOCS_CHECK=warn %t0 over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t2 over 2>&1 | FileCheck %s --check-prefix=OVER
// CHECK: rule 3: a b c / x - z
// CHECK: rule 2: a b / x -
// OVER: ERROR: allocscheck: out-of-bounds-deref
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sym { const char *name; int idx; };
/* 32 bytes, first member pointer-sized like lemon's `struct symbol *lhs` */
struct rule { struct sym *lhs; int nrhs; struct sym **rhs; const char **alias; };

__attribute__((noinline)) static struct rule *mk_rule(int nrhs, struct sym **syms,
						      const char **names)
{
	/* 32 + 3 * 8 + 3 * 8 = 80 bytes: not a whole number of rules */
	struct rule *rp = calloc(sizeof(struct rule) + sizeof(struct sym *) * nrhs +
				 sizeof(char *) * nrhs, 1);
	rp->rhs = (struct sym **)&rp[1];
	rp->alias = (const char **)&(rp->rhs[nrhs]);
	rp->nrhs = nrhs;
	for (int i = 0; i < nrhs; i++) {
		rp->rhs[i] = syms[i];
		rp->alias[i] = names[i];
	}
	return rp;
}

__attribute__((noinline)) static const char *alias_at(struct rule *rp, int i)
{
	return rp->alias[i];
}

int main(int argc, char **argv)
{
	int over = argc > 1 && strcmp(argv[1], "over") == 0;
	struct sym a = { "a", 0 }, b = { "b", 1 }, c = { "c", 2 };
	struct sym *syms[] = { &a, &b, &c };
	const char *names[] = { "x", NULL, "z" };
	struct rule *rp = mk_rule(3, syms, names);
	printf("rule %d:", rp->nrhs);
	for (int i = 0; i < rp->nrhs; i++)
		printf(" %s", rp->rhs[i]->name);
	printf(" /");
	for (int i = 0; i < rp->nrhs; i++)
		printf(" %s", alias_at(rp, i) ? alias_at(rp, i) : "-");
	printf("\n");
	if (over)   /* one past the chunk (inside glibc's usable size) */
		printf("past %p\n", (void *)alias_at(rp, rp->nrhs));
	free(rp);
	/* 32 + 2 * 8 + 2 * 8 = 64 bytes: two rules' worth, but the type is
	 * only a guess from a `sizeof (struct rule) + extra` allocation */
	rp = mk_rule(2, syms, names);
	printf("rule %d: %s %s / %s %s\n", rp->nrhs, rp->rhs[0]->name, rp->rhs[1]->name,
	       alias_at(rp, 0), alias_at(rp, 1) ? alias_at(rp, 1) : "-");
	free(rp);
	return 0;
}
