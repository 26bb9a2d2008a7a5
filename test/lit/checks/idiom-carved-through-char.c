// A chunk held as bytes is carved: SQLite's exprDup (EXPRDUP_REDUCE) puts a
// reduced Expr and its reduced children in one buffer addressed through a
// char pointer, whose size may happen to equal sizeof(Expr).  Lazy typing
// by a cast from a character pointer gives the chunk a soft type whatever
// its size, so casting the carved parts is not reported.  A chunk typed by
// `(T *)malloc(sizeof(T))` stays hard: a cast of it through a char pointer
// to another type is still reported, and so is a chunk of exactly one T
// lazily typed through a void *.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 72 bytes, like SQLite's Expr on x86-64 */
struct expr {
	unsigned char op, affinity;
	unsigned flags;
	char *token;
	struct expr *left, *right;
	void *list;
	int height, table;
	short column, agg;
	int right_join;
	void *tab;
	void *win;
};
struct sym { int id; float weight; };
struct valve { double pressure; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

/* exprDup's shape: one allocation, a reduced node at 0, its reduced child
 * at 48 (both addressed as bytes). */
__attribute__((noinline)) static struct expr *dup_reduced(const struct expr *e)
{
	unsigned char *z = launder(malloc(sizeof(struct expr)));
	struct expr *top = (struct expr *)z;                   /* types the chunk: soft */
	memcpy(top, e, 48);
	struct expr *kid = (struct expr *)&z[48];              /* carved part: not reported */
	memcpy(kid, e, 24);
	top->left = kid;
	return top;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct expr e = { .op = 7 };
	struct expr *d = dup_reduced(&e);

	char *buf = launder(malloc(sizeof(struct sym)));
	struct sym *s = (struct sym *)buf;                      /* soft */
	struct valve *sv = (struct valve *)buf;                 /* storage, not reported */

	struct sym *hard = (struct sym *)malloc(sizeof *hard);   /* typed at allocation */
	char *bytes = (char *)hard;
	struct valve *v = (struct valve *)bytes;
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct valve *`
	// CHECK-NEXT: at {{.*}}idiom-carved-through-char.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} of 8 bytes, type `struct sym`

	void *raw = launder(malloc(sizeof(struct sym)));
	struct sym *s2 = (struct sym *)raw;                     /* through void *: hard */
	struct valve *v2 = (struct valve *)launder(raw);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct valve *`
	// CHECK-NEXT: at {{.*}}idiom-carved-through-char.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} of 8 bytes, type `struct sym`

	printf("%d %d %d %d %d %d\n", d->left->op, s != NULL, sv != NULL, v != NULL,
	       s2 != NULL, v2 != NULL);
	// CHECK: 7 1 1 1 1 1
	free(d);
	free(buf);
	free(hard);
	free(raw);
	return 0;
	// CHECK: allocscheck: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 2 failed, {{[0-9]+}} unknown
}
