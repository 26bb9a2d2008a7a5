// The bounds cache's per-chunk level for a large chunk that the program
// carves into objects of several types (SQLite's lookaside and page-cache
// buffers), which the checker then treats as storage: the answer for a
// record pointer anywhere in it is the whole chunk, and one entry, found
// from the chunk's base, serves pointers on all of its pages.  Thousands
// of new record pointers over sixteen pages take a handful of index
// queries (one per pointer, or one per page, before); an access past the
// chunk's end is still reported.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
// CHECK: records 2730 sum 3725085
// CHECK: ERROR: allocscheck: out-of-bounds-deref
// CHECK: bounds: {{.*}} (65536 bytes)
// CHECK: storage used for several types
// CHECK: summary: bounds: {{[0-9]+}} bounds fetched, {{[1-6]}} index queries,
// CHECK-SAME: 1 out-of-bounds accesses
#include <stdio.h>
#include <stdlib.h>

struct rec { long key; long val; long next; };    /* 24 bytes */
struct pair { int a, b; };

__attribute__((noinline)) static long val_of(struct rec *const *pp, long i)
{
	return (*pp)[i].val;    /* *pp is fetched at every call */
}

/* another site: warn mode reports once per site */
__attribute__((noinline)) static long val_of2(struct rec *const *pp, long i)
{
	return (*pp)[i].val;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	enum { BYTES = 65536 };
	char *pool = malloc(BYTES);
	long n = BYTES / sizeof(struct rec);
	/* the first record types the chunk (softly: it is bigger); a pair
	 * carved where no record starts makes it storage */
	((struct rec *)pool)->key = 0;
	struct pair *pr = (struct pair *)(pool + sizeof(long));
	pr->a = 1;
	for (long i = 0; i < n; i++) {
		struct rec *r = (struct rec *)(pool + i * sizeof(struct rec));
		r->key = i;
		r->val = i;
	}
	struct rec *volatile cur;
	long sum = 0;
	for (long i = 0; i < n; i++) {
		cur = (struct rec *)(pool + i * sizeof(struct rec));
		sum += val_of((struct rec *const *)&cur, 0);
	}
	printf("records %ld sum %ld\n", n, sum);
	/* the last whole record is at BYTES - 40; the next one would end
	 * past the chunk */
	cur = (struct rec *)(pool + (n - 1) * sizeof(struct rec));
	sum += val_of2((struct rec *const *)&cur, 2);
	free(pool);
	printf("done\n");
	return 0;
}
