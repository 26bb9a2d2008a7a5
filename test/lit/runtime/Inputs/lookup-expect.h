/* Helpers shared by the runtime lookup tests: compare allocs_lookup's
 * answer with what the test program itself knows, print FAIL lines and
 * count failures; the test prints OK at the end when there were none. */
#ifndef LOOKUP_EXPECT_H
#define LOOKUP_EXPECT_H
#include <allocs.h>
#include <stdio.h>

static int failures;

static void expect_alloc(const char *what, const void *p, enum allocs_kind kind,
			 const void *base, size_t size)
{
	struct allocs_info info;
	int r = allocs_lookup(p, &info);
	if (r != 0 || info.kind != kind || info.base != base || info.size != size) {
		printf("FAIL %s: lookup(%p) r=%d kind=%s base=%p size=%zu; expected %s %p %zu\n",
		       what, p, r, allocs_kind_name(info.kind), info.base, info.size,
		       allocs_kind_name(kind), base, size);
		failures++;
	}
}

/* base, middle and last byte of [base, base+size) */
static void expect_whole(const char *what, const void *base, enum allocs_kind kind, size_t size)
{
	const char *b = base;
	expect_alloc(what, b, kind, b, size);
	if (size) {
		expect_alloc(what, b + size / 2, kind, b, size);
		expect_alloc(what, b + size - 1, kind, b, size);
	}
}

/* p is not inside an allocation starting at base */
static void expect_not_in(const char *what, const void *p, const void *base)
{
	struct allocs_info info;
	if (allocs_lookup(p, &info) == 0 && info.base == base) {
		printf("FAIL %s: %p still found in %s allocation %p size %zu\n", what, p,
		       allocs_kind_name(info.kind), info.base, info.size);
		failures++;
	}
}

static int report(void)
{
	printf("%s\n", failures ? "FAIL" : "OK");
	return failures != 0;
}
#endif
