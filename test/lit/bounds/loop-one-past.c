// A loop that walks one element too far (`<=` instead of `<`) and
// dereferences the one-past-the-end pointer: reported once (per site),
// at -O0 and -O2, for heap and stack arrays.  The same loop written
// correctly, ending on the one-past pointer without dereferencing it, is
// clean (no report; when every derivation traps, the one-past pointer is
// counted).
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 bad 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env ALLOCS_CHECK=warn %t2 bad 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env ALLOCS_CHECK=abort %t0 good 2>&1 | FileCheck %s --check-prefix=GOOD --implicit-check-not=ERROR
// RUN: env ALLOCS_CHECK=abort %t2 good 2>&1 | FileCheck %s --check-prefix=GOOD --implicit-check-not=ERROR
// Every derivation trapped (no checks at dereferences): the same reports,
// and the good loops make one-past pointers.
// RUN: env ALLOCS_BOUNDS_TRAP_ALL=1 %allocscheck-cc -O2 %s -o %t2t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2t bad 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env ALLOCS_CHECK=abort %t2t good 2>&1 | FileCheck %s --check-prefix=TRAPGOOD --implicit-check-not=ERROR
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static long total(const int *a, long n, int bad)
{
	long s = 0;
	const int *end = a + n;
	if (bad)
		for (const int *p = a; p <= end; p++)
			s += *p;                                   /* line 29 */
	else
		for (const int *p = a; p < end; p++)
			s += *p;
	return s;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int bad = strcmp(argv[1], "bad") == 0;
	int *h = malloc(100 * sizeof(int));
	int st[50];
	for (int i = 0; i < 100; i++)
		h[i] = 1;
	for (int i = 0; i < 50; i++)
		st[i] = 2;
	long a = total(h, 100, bad);
	long b = total(st, 50, bad);
	printf("totals %ld %ld\n", a - (bad ? h[0] * 0 : 0), b);
	free(h);
	return 0;
}
// BAD: ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer
// BAD-NEXT: at pc
// BAD-NEXT: the pointer was derived at {{.*}}loop-one-past.c:28:{{[0-9]+}} in total
// BAD-NEXT: bounds: [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) (400 bytes)
// BAD-NEXT: the pointer is 0 bytes past the end of those bounds
// BAD: #0 {{.*}} in total {{.*}}loop-one-past.c:29
// BAD-NOT: ERROR
// BAD: totals
// BAD: summary: bounds: {{.*}} 2 out-of-bounds accesses
// GOOD: totals 100 100
// GOOD: summary: bounds: {{[0-9]+}} bounds fetched, {{[0-9]+}} index queries, 0 unbounded, {{.*}} 0 out-of-bounds created, 0 back in bounds, 0 out-of-bounds accesses
// TRAPGOOD: totals 100 100
// TRAPGOOD: summary: bounds: {{[0-9]+}} bounds fetched, {{[0-9]+}} index queries, 0 unbounded, {{[0-9]+}} slow-path derivations, 2 one-past, 0 out-of-bounds created, 0 back in bounds, 0 out-of-bounds accesses

