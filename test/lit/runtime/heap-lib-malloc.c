// A shared library that defines malloc, free, calloc and realloc and is
// preloaded, so its definitions win for the whole process (linked normally
// it would come after the runtime, whose malloc would win).  The runtime
// hooks them at start-up; their chunks (the program's and libc's) are heap
// chunks with exact base and size.
// REQUIRES: runtime
// RUN: %cc -O2 -shared -fPIC -DALLOC_LIB %s -o %t-alloc.so
// RUN: %cc -I%S/../../../include %s -o %t %t-alloc.so %allocscheck-ldflags
// RUN: env LD_PRELOAD=%t-alloc.so %t 2>&1 | FileCheck %s
// CHECK-NOT: cannot hook
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef ALLOC_LIB
/* bump allocator with a 16-byte size header; free keeps one list per size */
static char pool[32 << 20] __attribute__((aligned(16)));
static size_t used;
unsigned long lib_mallocs;

void *malloc(size_t n)
{
	lib_mallocs++;
	size_t total = ((n + 15) & ~(size_t)15) + 16;
	if (used + total > sizeof pool)
		return NULL;
	char *h = pool + used;
	used += total;
	*(size_t *)h = n;
	return h + 16;
}

void free(void *p)
{
	(void)p;   /* never reused: simplest possible allocator */
}

static void *(*volatile zero_fill)(void *, int, size_t) = memset;

void *calloc(size_t n, size_t size)
{
	void *p = malloc(n * size);
	if (p)
		zero_fill(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q = malloc(n);
	if (q && p) {
		size_t old = *(size_t *)((char *)p - 16);
		memcpy(q, p, old < n ? old : n);
	}
	return q;
}
#else
#include "Inputs/lookup-expect.h"
extern unsigned long lib_mallocs;

int main(void)
{
	unsigned long before = lib_mallocs;
	char *a = malloc(48);
	if (lib_mallocs == before)
		printf("FAIL the library's malloc was not used\n"), failures++;
	expect_whole("library malloc", a, ALLOCS_HEAP, 48);
	char *big = calloc(2, 10000);
	expect_whole("library calloc large", big, ALLOCS_HEAP, 20000);
	char *d = strdup("libc through the library's malloc");
	expect_whole("strdup", d, ALLOCS_HEAP, strlen(d) + 1);
	char *r = realloc(a, 4000);
	expect_whole("realloc", r, ALLOCS_HEAP, 4000);
	expect_not_in("realloc old", a, a);
	free(d);
	expect_not_in("freed", d, d);
	free(r); free(big);
	return report();
}
#endif
