// -fplugin-arg-allocscheck-checks=types|bounds|types,bounds chooses the
// checks inserted (default both); an unknown check name is an error.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O1 %s -o %tb -fplugin-arg-allocscheck-checks=bounds %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %tb 2>&1 | FileCheck %s --check-prefix=BOUNDS
// RUN: %allocscheck-cc -O1 %s -o %tt -fplugin-arg-allocscheck-checks=types %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %tt 2>&1 | FileCheck %s --check-prefix=TYPES
// RUN: %allocscheck-cc -O1 %s -o %ta -fplugin-arg-allocscheck-checks=types,bounds %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %ta 2>&1 | FileCheck %s --check-prefixes=BOUNDS,BOTH
// RUN: not %allocscheck-cc -c %s -o %t.o -fplugin-arg-allocscheck-checks=sizes 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: unknown check 'sizes'; valid: types, bounds
// BOUNDS: ERROR: allocscheck: out-of-bounds-deref
// TYPES-NOT: out-of-bounds
// TYPES: allocscheck: summary: {{[1-9]}} checks
// TYPES-NOT: summary: bounds
// BOTH: allocscheck: summary: {{[1-9]}} checks
// BOUNDS: summary: bounds: {{.*}} 1 out-of-bounds accesses
#include <stdio.h>
#include <stdlib.h>

struct s { int v[4]; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(int argc, char **argv)
{
	struct s *p = (struct s *)launder(malloc(sizeof(struct s) * 2));
	int *q = p->v + argc + 7;      /* one past the two structs' ints */
	volatile int *r = q;
	printf("%d\n", *r * 0);
	free(p);
	return 0;
}
