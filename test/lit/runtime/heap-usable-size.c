// malloc_usable_size on every chunk format the index keeps: small, large
// (16-byte trailer) and mmapped (large, page-granular).  The answer is at
// least the request, stops short of the index's trailer (writing every
// usable byte leaves the chunk's lookup intact), and wastes no more than
// glibc's rounding (16 bytes for arena chunks, a page for mmapped ones).
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check(const char *what, char *c, size_t n, size_t slack)
{
	size_t u = malloc_usable_size(c);
	if (u < n || u - n >= slack)
		printf("FAIL %s %zu: usable %zu (slack allowed < %zu)\n", what, n, u, slack),
			failures++;
	memset(c, 0xff, u);   // all of it is the program's
	expect_whole(what, c, ALLOCS_HEAP, n);
}

int main(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	static const size_t sizes[] = { 0, 1, 24, 4087, 4088, 4095, 4096, 4097, 5000, 70000 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		size_t n = sizes[i];
		char *c = malloc(n);
		check("malloc", c, n, 32);
		free(c);
		void *a;
		if (posix_memalign(&a, 64, n) != 0) {
			printf("FAIL posix_memalign %zu\n", n), failures++;
			continue;
		}
		// glibc's memalign keeps a trailing remainder smaller than its
		// minimum chunk (32 bytes) inside the chunk: up to 47 bytes of slack.
		check("posix_memalign", a, n, 48);
		free(a);
	}
	// Above glibc's mmap threshold: a chunk of its own.
	size_t big = 4u << 20;
	char *m = malloc(big);
	check("mmapped", m, big, page);
	m = realloc(m, big + 100);
	check("mmapped realloc", m, big + 100, page);
	free(m);
	if (malloc_usable_size(NULL) != 0)
		printf("FAIL malloc_usable_size(NULL)\n"), failures++;
	return report();
}
