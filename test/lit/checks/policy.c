// ALLOCS_CHECK policies, ALLOCS_LOG, and the summary line.  The program
// fails the same check three times (one site) and another check once.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
//
// abort: the first failure is reported, the summary flushed, then abort().
// RUN: env ALLOCS_CHECK=abort not --crash %t0 > %t.abort0 2>&1
// RUN: FileCheck %s --check-prefix=ABORT < %t.abort0
// RUN: env ALLOCS_CHECK=abort not --crash %t2 > %t.abort2 2>&1
// RUN: FileCheck %s --check-prefix=ABORT < %t.abort2
// ABORT: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct beta *`
// ABORT: allocscheck: summary: 1 checks, 0 passed, 1 failed, 0 unknown
// ABORT: allocscheck: aborting on the first failed check (ALLOCS_CHECK=abort)
// ABORT-NOT: done
//
// warn (also the default): one report per site, the program continues.
// RUN: env ALLOCS_CHECK=warn %t0 > %t.warn0 2>&1
// RUN: FileCheck %s --check-prefix=WARN < %t.warn0
// RUN: %t2 > %t.warn2 2>&1
// RUN: FileCheck %s --check-prefix=WARN < %t.warn2
// WARN: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct beta *`
// WARN-NOT: ERROR
// WARN: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct gamma *`
// WARN-NOT: ERROR
// WARN: done
// WARN-NEXT: allocscheck: summary: 5 checks, 1 passed, 4 failed, 0 unknown
//
// count: no reports, only the summary.
// RUN: env ALLOCS_CHECK=count %t0 2>&1 | FileCheck %s --check-prefix=COUNT --implicit-check-not=ERROR
// RUN: env ALLOCS_CHECK=count %t2 2>&1 | FileCheck %s --check-prefix=COUNT --implicit-check-not=ERROR
// COUNT: done
// COUNT-NEXT: allocscheck: summary: 5 checks, 1 passed, 4 failed, 0 unknown
// COUNT-NOT: allocscheck
//
// off: nothing at all from the checker.
// RUN: env ALLOCS_CHECK=off %t0 > %t.off.out 2> %t.off.err
// RUN: count 0 < %t.off.err
// RUN: FileCheck %s --check-prefix=OFF < %t.off.out
// OFF: done
//
// ALLOCS_LOG: reports and summary go to the file (appended), not stderr.
// RUN: rm -f %t.log && echo "earlier line" > %t.log
// RUN: env ALLOCS_CHECK=warn ALLOCS_LOG=%t.log %t2 > %t.log.out 2> %t.log.err
// RUN: count 0 < %t.log.err
// RUN: FileCheck %s --check-prefix=LOG < %t.log
// LOG: earlier line
// LOG-NEXT: ERROR: allocscheck: bad-cast
// LOG: allocscheck: summary: 5 checks, 1 passed, 4 failed, 0 unknown
//
// An unknown value: a message listing the valid ones, then the default.
// RUN: env ALLOCS_CHECK=sometimes %t0 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: ALLOCS_CHECK=sometimes is not valid: use one of abort, warn, count, off; running with the default (warn)
// BAD: ERROR: allocscheck: bad-cast
// BAD: done
#include <stdio.h>
#include <stdlib.h>

struct alpha { int a; };
struct beta { double b; };
struct gamma { char *c; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct alpha *al = malloc(sizeof *al);
	for (int i = 0; i < 3; i++) {
		struct beta *b = (struct beta *)launder(al);     /* fails 3 times, one site */
		(void)b;
	}
	struct gamma *g = (struct gamma *)launder(al);           /* another site */
	struct alpha *ok = (struct alpha *)launder(al);
	printf("done\n");
	free(al);
	return g == NULL || ok == NULL;
}
