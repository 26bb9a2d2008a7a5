// Clean run: one allocation holding a header, a flexible array of structs
// and, after its last used element, an array of another type found by
// converting the address one past that element (jq's objects: slots, then
// int hash buckets).  The flexible array's length is whatever the program
// makes it, so an int pointer into the bytes past it must not be narrowed
// to an int member of an element that does not exist.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// A real overflow of the trailing array is still caught.
// RUN: env ALLOCS_CHECK=warn %t2 over 2>&1 | FileCheck %s --check-prefix=OVER
// CHECK: buckets -16 slots 20
// CHECK: summary: bounds: {{.*}} 0 out-of-bounds accesses
// OVER: ERROR: allocscheck: out-of-bounds-deref
// OVER: bounds: {{.*}} (256 bytes)
// OVER: buckets
#include <stdio.h>
#include <stdlib.h>

struct slot {
	int next;
	unsigned hash;
	void *key, *value;
};
struct table {
	int refcount;
	int next_free;
	struct slot elements[];
};

/* an allocation wrapper, as jq's jv_mem_alloc: the chunk is typed by its
 * first use as a struct table */
__attribute__((noinline)) static void *xalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

__attribute__((noinline)) static struct table *table_new(int size)
{
	struct table *t = xalloc(sizeof(struct table) + sizeof(struct slot) * size +
				 sizeof(int) * (size * 2));
	t->refcount = 1;
	for (int i = 0; i < size; i++) {
		t->elements[i].next = i - 1;
		t->elements[i].hash = 0;
		t->elements[i].key = t->elements[i].value = NULL;
	}
	t->next_free = 0;
	int *buckets = (int *)&t->elements[size];
	for (int i = 0; i < size * 2; i++)
		buckets[i] = -1;
	return t;
}

__attribute__((noinline)) static int *table_buckets(struct table *t, int size)
{
	return (int *)&t->elements[size];
}

int main(int argc, char **argv)
{
	(void)argv;
	setvbuf(stdout, NULL, _IONBF, 0);
	int size = 8;
	struct table *t = table_new(size);
	int *b = table_buckets(t, size);
	int s = 0;
	int n = size * 2 + (argc > 1);    /* "over": one int past the allocation */
	for (int i = 0; i < n; i++)
		s += b[i];
	int slots = 0;
	for (int i = 0; i < size; i++)
		slots += t->elements[i].next;
	printf("buckets %d slots %d\n", s, slots);
	free(t);
	return 0;
}
