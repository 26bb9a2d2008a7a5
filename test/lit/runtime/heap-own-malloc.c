// A program that defines its own malloc, free, calloc and realloc: the
// dynamic linker binds every call (the program's own, libc's strdup) to
// them, not to the runtime.  The runtime hooks their entry points at
// start-up; the chunks are heap chunks with exact base and size.
// REQUIRES: runtime
// RUN: %cc -O0 -I%S/../../../include %s -o %t.O0 %allocscheck-ldflags
// RUN: %t.O0 2>&1 | FileCheck %s
// RUN: %cc -O2 -I%S/../../../include %s -o %t.O2 %allocscheck-ldflags
// RUN: %t.O2 2>&1 | FileCheck %s
// CHECK-NOT: cannot hook
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

/* noinline: a call the compiler inlined into its caller bypasses the
 * entry hook (such chunks are not indexed; a free inlined that way leaves
 * a stale entry, documented in foreign-malloc.c). */
#define ENTRY __attribute__((noinline))

/* A small size-class allocator with an 8-byte size header, on an arena
 * mapped with mmap (so the arena is also a "mapped" region: the heap
 * answer must win inside it). */
#define ARENA (64u << 20)
static char *arena, *arena_next;
static void *free_lists[32];
static volatile unsigned long own_mallocs;

static unsigned size_class(size_t n)
{
	unsigned c = 4;
	while (((size_t)1 << c) < n + 8)
		c++;
	return c;
}

ENTRY void *malloc(size_t n)
{
	own_mallocs++;
	if (!arena) {
		arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		arena_next = arena;
	}
	unsigned c = size_class(n);
	char *h;
	if (free_lists[c]) {
		h = free_lists[c];
		free_lists[c] = *(void **)(h + 8);
	} else {
		if (arena_next + ((size_t)1 << c) > arena + ARENA)
			return NULL;
		h = arena_next;
		arena_next += (size_t)1 << c;
	}
	*(size_t *)h = c;
	return h + 8;
}

ENTRY void free(void *p)
{
	if (!p)
		return;
	char *h = (char *)p - 8;
	unsigned c = (unsigned)*(size_t *)h;
	*(void **)(h + 8) = free_lists[c];
	free_lists[c] = h;
}

/* called through a volatile pointer: GCC would otherwise turn malloc+memset
 * into a call to calloc, i.e. this very function */
static void *(*volatile zero_fill)(void *, int, size_t) = memset;

ENTRY void *calloc(size_t n, size_t size)
{
	size_t total = n * size;
	void *p = malloc(total);
	if (p)
		zero_fill(p, 0, total);
	return p;
}

ENTRY void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	size_t old = ((size_t)1 << *(size_t *)((char *)p - 8)) - 8;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, old < n ? old : n);
		free(p);
	}
	return q;
}

int main(void)
{
	unsigned long before = own_mallocs;
	char *a = malloc(100);
	if (own_mallocs == before)
		printf("FAIL the program's malloc was not called\n"), failures++;
	if ((size_t)(a - arena) >= ARENA)
		printf("FAIL chunk %p not from the program's arena\n", a), failures++;
	expect_whole("own malloc", a, ALLOCS_HEAP, 100);
	struct allocs_info si;
	allocs_lookup(a, &si);
	if ((const char *)si.site < (const char *)main || (const char *)si.site > (const char *)main + 65536)
		printf("FAIL site %p is not in main %p\n", si.site, (void *)main), failures++;
	int *z = calloc(10, sizeof(int));
	expect_whole("own calloc", z, ALLOCS_HEAP, 10 * sizeof(int));
	for (int i = 0; i < 10; i++)
		if (z[i])
			printf("FAIL calloc not zero\n"), failures++;
	strcpy(a, "kept");
	char *b = realloc(a, 5000);
	expect_whole("own realloc", b, ALLOCS_HEAP, 5000);
	if (strcmp(b, "kept") != 0)
		printf("FAIL realloc lost contents\n"), failures++;
	if (b != a)
		expect_not_in("realloc old", a, a);
	char *d = strdup("through libc");
	expect_whole("strdup via own malloc", d, ALLOCS_HEAP, strlen("through libc") + 1);
	free(d);
	expect_not_in("freed", d, d);
	// reuse from the free list: the new chunk is found with its own size
	char *e = malloc(10);
	expect_whole("reused", e, ALLOCS_HEAP, 10);
	// the arena's unallocated part is only a mapped region
	struct allocs_info info;
	if (allocs_lookup(arena + ARENA - 100, &info) != 0 || info.kind != ALLOCS_MAPPED)
		printf("FAIL arena tail: %s\n", allocs_kind_name(info.kind)), failures++;
	free(b); free(z); free(e);
	return report();
}
