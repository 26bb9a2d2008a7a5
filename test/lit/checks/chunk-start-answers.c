// A pointer to the start of a heap chunk whose type is exactly the target
// is answered from the chunk's own metadata, with no lookup and no cache
// entry: every one of many new chunks passes that way.  Anything else at a
// chunk's start still takes the full check: a chunk of another type fails,
// an untyped chunk is typed by its first cast (and answered at its start
// from then on), and a chunk freed and reused for another type at the same
// address is judged by its new type.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>

struct node { long key; struct node *next; };
struct other { long a, b; };
struct big { long v[600]; };     /* > 4 KiB: a large chunk */

__attribute__((noinline)) static void *launder(void *p) { return p; }
__attribute__((noinline)) static long other_a(void *p) { return ((struct other *)p)->a; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	enum { N = 100 };
	struct node *nodes[N];
	for (int i = 0; i < N; i++) {
		nodes[i] = malloc(sizeof(struct node));     /* typed at allocation */
		nodes[i]->key = i;
	}
	long sum = 0;
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < N; i++)
			sum += ((struct node *)launder(nodes[i]))->key;
	struct big *b = malloc(sizeof *b);
	b->v[0] = 1;
	sum += ((struct big *)launder(b))->v[0];
	printf("sum %ld\n", sum);
	// CHECK: sum 9901

	struct other *o = (struct other *)launder(nodes[0]);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct other *`
	// CHECK-NEXT: at {{.*}}chunk-start-answers.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} type `struct node`

	void *raw = malloc(sizeof(struct other));       /* untyped */
	struct other *t = (struct other *)launder(raw); /* typed by this cast */
	t->a = 2;
	sum = other_a(raw);                             /* answered at its start */

	void *was = nodes[1];
	free(nodes[1]);
	struct other *reused = malloc(sizeof(struct node));
	printf("reused %d\n", (void *)reused == was);
	// CHECK: reused 1
	struct node *stale = (struct node *)launder(reused);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct node *`
	// CHECK-NEXT: at {{.*}}chunk-start-answers.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} type `struct other`
	printf("%d\n", o != NULL && stale != NULL && sum == 2);
	// CHECK: 1
	return 0;
	// CHECK: allocscheck: summary: 205 checks, 203 passed, 2 failed, 0 unknown
	// CHECK: allocscheck: summary: {{[0-9]+}} cache hits, 1 chunks typed by a cast, 0 specialised, {{[0-9]+}} allocations typed, 202 answered at a chunk's start
}
