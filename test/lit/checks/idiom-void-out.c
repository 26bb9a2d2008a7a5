// Clean run: void ** out-parameters (a pointer of any type passed as
// void ** to a function that stores through it), pointer arrays allocated
// as void * and specialised by their first typed use, and void * slots.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: got 5 6 7
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
#include <stdio.h>
#include <stdlib.h>

struct item { int v; };

__attribute__((noinline)) static int make(void **out, int v)
{
	struct item *it = malloc(sizeof *it);
	it->v = v;
	*out = it;
	return 0;
}

struct holder { struct item *first; int *count; };
static struct holder holder;

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct item *a;
	make((void **)&a, 5);                       /* a stack struct item * */
	make((void **)&holder.first, 6);            /* a member of a static */
	struct item **heap_slot = malloc(sizeof *heap_slot);
	make((void **)heap_slot, 7);                /* a heap struct item * */

	void **table = malloc(4 * sizeof(void *));  /* generic pointer array */
	struct item **items = (struct item **)table;  /* specialised to struct item * */
	items[0] = a;
	items[1] = holder.first;
	items[2] = *heap_slot;
	struct item **again = (struct item **)(void *)table;
	printf("got %d %d %d\n", again[0]->v, again[1]->v, again[2]->v);
	free(table);
	free(*heap_slot);
	free(heap_slot);
	free(holder.first);
	free(a);
	return 0;
}
