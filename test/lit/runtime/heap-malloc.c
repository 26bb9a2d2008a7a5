// Heap chunks from malloc: exact base and requested size for the base,
// interior pointers and the last byte; after free, the address is no
// longer that chunk.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>

static int failures;

static void expect_chunk(const char *what, const void *p, const void *base, size_t size)
{
	struct allocs_info info;
	int r = allocs_lookup(p, &info);
	if (r != 0 || info.kind != ALLOCS_HEAP || info.base != base || info.size != size) {
		printf("FAIL %s: r=%d kind=%s base=%p size=%zu, expected heap %p %zu\n", what, r,
		       allocs_kind_name(info.kind), info.base, info.size, base, size);
		failures++;
	}
}

int main(void)
{
	static const size_t sizes[] = { 0, 1, 7, 8, 15, 16, 17, 24, 25, 100, 1000, 4096,
					65535, 65536, 65537, 200000, 5u << 20 };
	char *p[sizeof sizes / sizeof sizes[0]];
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		p[i] = malloc(sizes[i]);
		expect_chunk("base", p[i], p[i], sizes[i]);
		if (sizes[i]) {
			expect_chunk("last byte", p[i] + sizes[i] - 1, p[i], sizes[i]);
			expect_chunk("middle", p[i] + sizes[i] / 2, p[i], sizes[i]);
		}
	}
	// the site is the call in this function
	struct allocs_info info;
	allocs_lookup(p[3], &info);
	if ((const char *)info.site < (const char *)main || (const char *)info.site > (const char *)main + 4096)
		printf("FAIL site %p not in main %p\n", info.site, (void *)main), failures++;
	if (info.type != NULL)
		printf("FAIL type set\n"), failures++;
	// one past the end of a chunk is not in it
	if (allocs_lookup(p[9] + sizes[9], &info) == 0 && info.base == p[9])
		printf("FAIL one-past-end found in chunk\n"), failures++;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char *q = p[i];
		free(q);
		if (allocs_lookup(q + (sizes[i] ? sizes[i] - 1 : 0), &info) == 0 && info.base == q)
			printf("FAIL freed chunk %zu still found\n", sizes[i]), failures++;
	}
	// many chunks at once, interleaved frees
	enum { N = 20000 };
	static char *many[N];
	for (int i = 0; i < N; i++)
		many[i] = malloc((size_t)(i % 300) + 1);
	for (int i = 0; i < N; i += 2)
		free(many[i]);
	for (int i = 1; i < N; i += 2)
		expect_chunk("many", many[i] + (i % 300), many[i], (size_t)(i % 300) + 1);
	for (int i = 1; i < N; i += 2)
		free(many[i]);
	printf("%s\n", failures ? "FAIL" : "OK");
	// CHECK-NOT: FAIL
	// CHECK: OK
	return failures != 0;
}
