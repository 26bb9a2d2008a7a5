// Aligned allocation functions: alignment honoured, exact requested size
// (pvalloc: whole pages), interior pointers found; errors as glibc.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static void aligned(const char *what, void *p, size_t align)
{
	if ((uintptr_t)p % align)
		printf("FAIL %s: %p not aligned to %zu\n", what, p, align), failures++;
}

int main(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	static const size_t aligns[] = { 8, 16, 32, 64, 256, 4096, 65536, 1 << 20 };
	static const size_t sizes[] = { 1, 24, 100, 4095, 70000 };
	for (size_t i = 0; i < sizeof aligns / sizeof *aligns; i++)
		for (size_t j = 0; j < sizeof sizes / sizeof *sizes; j++) {
			size_t al = aligns[i], n = sizes[j];
			void *p;
			if (posix_memalign(&p, al, n) != 0)
				printf("FAIL posix_memalign(%zu,%zu)\n", al, n), failures++;
			aligned("posix_memalign", p, al);
			expect_whole("posix_memalign", p, ALLOCS_HEAP, n);
			void *m = memalign(al, n);
			aligned("memalign", m, al);
			expect_whole("memalign", m, ALLOCS_HEAP, n);
			void *a = aligned_alloc(al, n);
			aligned("aligned_alloc", a, al);
			expect_whole("aligned_alloc", a, ALLOCS_HEAP, n);
			free(p); free(m); free(a);
			expect_not_in("freed", p, p);
		}
	void *v = valloc(100);
	aligned("valloc", v, page);
	expect_whole("valloc", v, ALLOCS_HEAP, 100);
	void *pv = pvalloc(100);
	aligned("pvalloc", pv, page);
	expect_whole("pvalloc", pv, ALLOCS_HEAP, page);
	if (malloc_usable_size(v) < 100)
		printf("FAIL malloc_usable_size(valloc) %zu\n", malloc_usable_size(v)), failures++;
	free(v); free(pv);
	void *bad = (void *)1;
	if (posix_memalign(&bad, 24, 10) != EINVAL || bad != (void *)1)
		printf("FAIL posix_memalign(24) not EINVAL\n"), failures++;
	errno = 0;
	if (aligned_alloc(3, 10) != NULL || errno != EINVAL)
		printf("FAIL aligned_alloc(3) not EINVAL\n"), failures++;
	// malloc_usable_size: at least the request, never into our metadata
	for (size_t n = 1; n < 200; n++) {
		char *c = malloc(n);
		size_t u = malloc_usable_size(c);
		if (u < n)
			printf("FAIL usable %zu < %zu\n", u, n), failures++;
		for (size_t k = 0; k < u; k++)
			c[k] = (char)0xff;   // writing all usable bytes must not break the index
		expect_whole("after writing usable", c, ALLOCS_HEAP, n);
		free(c);
	}
	return report();
}
