// Addresses in nothing indexed: NULL, small integers, kernel addresses,
// non-canonical values, free glibc memory between chunks, code.  Lookup
// says unknown (-1) and never crashes.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: unknown heap stack static mapped
// CHECK: OK
#include "Inputs/lookup-expect.h"
#include <stdint.h>
#include <stdlib.h>

static void expect_unknown(const char *what, uintptr_t a)
{
	struct allocs_info info;
	int r = allocs_lookup((const void *)a, &info);
	if (r != -1 || info.kind != ALLOCS_UNKNOWN || info.base || info.size)
		printf("FAIL %s %#lx: r=%d kind=%s\n", what, (unsigned long)a, r, allocs_kind_name(info.kind)), failures++;
}

int main(void)
{
	expect_unknown("null", 0);
	expect_unknown("small", 16);
	expect_unknown("low", 0x1000);
	expect_unknown("kernel", 0xffffffff81000000ul);
	expect_unknown("non-canonical", 0x0000900000000000ul);
	expect_unknown("top", UINTPTR_MAX);
	expect_unknown("top-16", UINTPTR_MAX - 15);
	expect_unknown("2^47", (uintptr_t)1 << 47);
	// a freed chunk surrounded by live ones
	char *a = malloc(64), *b = malloc(64), *c = malloc(64);
	free(b);
	expect_not_in("freed neighbour", b + 8, b);
	expect_not_in("freed neighbour", b + 8, a);
	// a pointer into the glibc chunk header/trailer area past the requested size
	expect_not_in("past end", a + 64, a);
	// lookup with NULL out is allowed
	if (allocs_lookup(a, NULL) != 0)
		printf("FAIL lookup with NULL out\n"), failures++;
	if (allocs_kind_name((enum allocs_kind)99)[0] != 'u')
		printf("FAIL kind name of bad kind\n"), failures++;
	printf("%s %s %s %s %s\n", allocs_kind_name(ALLOCS_UNKNOWN), allocs_kind_name(ALLOCS_HEAP),
	       allocs_kind_name(ALLOCS_STACK), allocs_kind_name(ALLOCS_STATIC), allocs_kind_name(ALLOCS_MAPPED));
	free(a); free(c);
	return report();
}
