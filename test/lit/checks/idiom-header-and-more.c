// Two idioms of old C (both in SQLite's build tool lemon):
//  - one allocation holding objects of a type and something else after
//    them, its size visibly no whole number of them: a table of nodes and
//    its hash array, `calloc(N, sizeof(node) + sizeof(node *))`, the array
//    at `&tbl[N]`; a header and its arrays, `calloc(sizeof(struct rule) +
//    n * sizeof(sym *), 1)`, the array at `&rp[1]`.  Such a chunk is typed
//    softly: a cast to another type inside it makes it untyped storage;
//  - a list of any struct linked and sorted through `char **`, the generic
//    pointer of C before void * (`(char **)&ap->next`).
// What stays reported: a chunk allocated as a whole number of its type
// (`malloc(4 * sizeof(struct node))`) carved into another type; in strict
// mode, the `char **` view.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 -fplugin-arg-allocscheck-checks=types %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-checks=types %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
// RUN: env ALLOCS_CHECK=warn ALLOCS_CHECK_STRICT=1 %t2 2>&1 | FileCheck %s --check-prefix=STRICT
#include <stdio.h>
#include <stdlib.h>

typedef struct node { const char *data; struct node *next; struct node **from; } node;
struct sym { int index; };
struct rule { int line; int nrhs; struct sym **rhs; const char **alias; struct rule *next; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

/* lemon's msort, reduced: the link is found at `offset` in any struct */
#define NEXT(p) (*(char **)(((unsigned long)p) + offset))
__attribute__((noinline)) static char *reverse(char *list, char **next)
{
	unsigned long offset = (unsigned long)((char *)next - list);
	char *out = 0;
	while (list) {
		char *n = NEXT(list);
		NEXT(list) = out;
		out = list;
		list = n;
	}
	return out;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	node *tbl = (node *)calloc(64, sizeof(node) + sizeof(node *));
	node **ht = (node **)&tbl[64];
	ht[3] = &tbl[0];
	tbl[0].data = "x";

	int n = 3;
	struct rule *rp = (struct rule *)calloc(sizeof(struct rule) + n * sizeof(struct sym *) +
						n * sizeof(char *), 1);
	rp->rhs = (struct sym **)&rp[1];
	rp->alias = (const char **)&rp->rhs[n];
	rp->alias[2] = "a";

	struct rule *r2 = (struct rule *)calloc(1, sizeof *r2);
	rp->next = r2;
	struct rule *rev = (struct rule *)reverse((char *)rp, (char **)&rp->next);
	// STRICT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `char **`
	printf("%s %s %d\n", ht[3]->data, rp->alias[2], rev == r2);
	// CHECK: x a 1

	node *four = (node *)malloc(4 * sizeof(node));
	struct rule *bad = (struct rule *)launder(&four[1]);
	// CHECK-NEXT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct rule *`
	// CHECK-NEXT: at {{.*}}idiom-header-and-more.c:[[@LINE-2]]
	printf("%d\n", bad != NULL);
	// CHECK: 1
	// CHECK-NOT: ERROR
	// CHECK: allocscheck: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 1 failed
	return 0;
}
