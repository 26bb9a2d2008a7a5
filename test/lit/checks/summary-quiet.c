// ALLOCS_SUMMARY=0: a clean run prints nothing at all (build tools whose
// stderr is watched, e.g. by Tcl's exec, keep working); a failing run, or
// ALLOCS_CHECK=count, still ends with the summary.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_SUMMARY=0 %t > %t.out 2> %t.err
// RUN: count 0 < %t.err
// RUN: %t 2>&1 | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: allocscheck: summary: 1 checks, 1 passed, 0 failed, 0 unknown
// RUN: env ALLOCS_SUMMARY=0 ALLOCS_CHECK=count %t 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: env ALLOCS_SUMMARY=0 %t bad 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: ERROR: allocscheck: bad-cast
// BAD: allocscheck: summary: 2 checks, 1 passed, 1 failed, 0 unknown
#include <stdlib.h>

struct alpha { int a; };
struct beta { double b; };

int main(int argc, char **argv)
{
	(void)argv;
	void *p = malloc(sizeof(struct alpha));
	struct alpha *a = p;
	a->a = 1;
	if (argc > 1) {
		struct beta *b = p;
		return (int)b->b;
	}
	free(p);
	return 0;
}
