// Regions the program maps: mmap (anonymous and file), partial munmap
// (trim, split), mremap (grow, move), sbrk/brk.  Lookups give the region's
// base and page-rounded size, kind mapped, no type.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 10 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect_whole("mmap", m, ALLOCS_MAPPED, 10 * pg);
	struct allocs_info info;
	allocs_lookup(m + 5, &info);
	if (info.type != NULL)
		printf("FAIL mapped region has a type\n"), failures++;
	// a length that is not a page multiple covers whole pages
	char *odd = mmap(NULL, 100, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect_whole("mmap 100 bytes", odd, ALLOCS_MAPPED, pg);
	// unmap the middle: two regions remain
	munmap(m + 4 * pg, 2 * pg);
	expect_whole("split head", m, ALLOCS_MAPPED, 4 * pg);
	expect_whole("split tail", m + 6 * pg, ALLOCS_MAPPED, 4 * pg);
	expect_not_in("hole", m + 4 * pg, m);
	expect_not_in("hole", m + 5 * pg, m + 6 * pg);
	// trim the head of the tail part
	munmap(m + 6 * pg, pg);
	expect_whole("trimmed", m + 7 * pg, ALLOCS_MAPPED, 3 * pg);
	// mremap: grow, maybe moving
	char *g = mremap(m, 4 * pg, 40 * pg, MREMAP_MAYMOVE);
	expect_whole("mremap", g, ALLOCS_MAPPED, 40 * pg);
	if (g != m)
		expect_not_in("mremap old", m, m);
	// MAP_FIXED over part of a region replaces that part
	char *fixed = mmap(g + 10 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	expect_whole("fixed", fixed, ALLOCS_MAPPED, pg);
	expect_whole("before fixed", g, ALLOCS_MAPPED, 10 * pg);
	expect_whole("after fixed", g + 11 * pg, ALLOCS_MAPPED, 29 * pg);
	// file mapping
	int fd = open("/proc/self/exe", O_RDONLY);
	char *f = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0);
	expect_whole("file mapping", f, ALLOCS_MAPPED, pg);
	close(fd);
	munmap(f, pg);
	expect_not_in("unmapped file", f, f);
	munmap(g, 40 * pg);
	expect_not_in("unmapped", g + pg, g);
	// heap chunks big enough for glibc to mmap are heap, not mapped
	char *big = malloc(8 << 20);
	expect_whole("big malloc", big, ALLOCS_HEAP, 8 << 20);
	free(big);
	// sbrk: the program's own break area
	char *b0 = sbrk(0);
	char *b = sbrk(3 * pg);
	if (b != (char *)-1) {
		struct allocs_info bi;
		if (allocs_lookup(b + pg, &bi) != 0 || bi.kind != ALLOCS_MAPPED || (char *)bi.base > b
		    || (char *)bi.base + bi.size < b + 3 * pg)
			printf("FAIL sbrk region: kind=%s base=%p size=%zu\n", allocs_kind_name(bi.kind), bi.base, bi.size), failures++;
		sbrk(-(intptr_t)(3 * pg));
		expect_not_in("sbrk released", b + pg, b);
	}
	(void)b0;
	return report();
}
