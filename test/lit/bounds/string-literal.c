// A pointer into a string literal (memory of the executable's image that
// no variable covers) is bounded by the segment holding it: a static
// answer, looked up once and then cached, not an "unbounded" answer that
// searches every index again at each fetch.  Reading past the literal's
// own end but inside its segment is not reported: the segment is all the
// runtime knows, and it invents no bounds tighter than that.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
// CHECK: sum 2100000
// CHECK: past 1
// CHECK-NOT: ERROR: allocscheck
// CHECK: summary: bounds: {{[0-9]+}} bounds fetched, {{[0-9] }}index queries, 0 unbounded,
// CHECK-SAME: 0 out-of-bounds created, {{.*}} 0 out-of-bounds accesses
#include <stdio.h>

static const char *volatile lit = "abcdefghijklmnopqrstu";

__attribute__((noinline)) static int get(const char *const *pp, long i)
{
	return (*pp)[i];        /* *pp is fetched at every call */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long sum = 0;
	for (int k = 0; k < 100000; k++)
		for (long i = 0; i < 21; i++)
			sum += get((const char *const *)&lit, i) - 'a' + 1 - i;
	printf("sum %ld\n", sum);
	/* past the literal's NUL, still inside its segment */
	printf("past %d\n", get((const char *const *)&lit, 30) >= 0 || 1);
	return 0;
}
