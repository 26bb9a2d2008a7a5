// Clean run: an opaque handle type that nothing defines.  A library's
// public header declares `struct db_stmt;` and never defines it; inside,
// the library converts its own `struct vm *` to `struct db_stmt *` for the
// caller and back (SQLite's sqlite3_stmt is a Vdbe).  No object can be
// accessed through a type defined nowhere, so the cast cannot be wrong: it
// is counted as unknown.  A tag that is defined somewhere is still matched
// by name (cross-library.c reports a wrong one).
// ALLOCS_CHECK=abort: any report fails.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: stmt 1 pc 3 stmt 2 pc 5 defined 9
// The three casts to struct db_stmt * (the one in the loop is made twice)
// are unknown; the casts back, and the one to the defined struct, pass.
// CHECK: allocscheck: summary: {{[0-9]+}} checks, {{[1-9][0-9]*}} passed, 0 failed, 3 unknown
#include <stdio.h>
#include <stdlib.h>

/* the public API */
struct db_stmt;                              /* never defined anywhere */
struct db_cursor;                            /* defined below */

/* the library's internals */
struct vm { int id; int pc; long regs[4]; };
struct db_cursor { int pos; };

__attribute__((noinline)) static struct db_stmt *prepare(int id)
{
	struct vm *v = malloc(sizeof *v);
	v->id = id;
	v->pc = 1 + 2 * id;
	return (struct db_stmt *)v;
}

__attribute__((noinline)) static int stmt_pc(struct db_stmt *s)
{
	struct vm *v = (struct vm *)s;
	return v->pc;
}

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 1; i <= 2; i++) {
		struct db_stmt *s = prepare(i);
		printf("stmt %d pc %d ", ((struct vm *)s)->id, stmt_pc(s));
		free(s);
	}
	struct db_cursor *c = malloc(sizeof *c);
	c->pos = 9;
	struct db_cursor *c2 = (struct db_cursor *)launder(c);
	printf("defined %d\n", c2->pos);
	struct vm *v = malloc(sizeof *v);
	struct db_stmt *s3 = (struct db_stmt *)launder(v);
	free(s3);
	free(c);
	return 0;
}
