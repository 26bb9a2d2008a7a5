// Derived pointers that never leave the function are checked where they
// are dereferenced instead of being trapped.  What that must not change:
//   back     a pointer that leaves its array and comes back before use
//   stored   a derived pointer stored to memory, reloaded, dereferenced
//   cmp      out-of-bounds pointers compared (no access): no report
//   endm1    `s->end - 1` of a stored one-past `end`: in bounds
//   guard    q = a + i dereferenced only under `i < n`: no report
//   over     q = a + i dereferenced with i == n: reported, before the access
//   loop     `<=` loop through an index: reported once
//   stbad    the stored pointer, out of bounds, dereferenced: reported
// and that both schemes agree (every derivation trapped: same results).
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_BOUNDS_TRAP_ALL=1 %allocscheck-cc -O2 %s -o %t2t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 clean 2>&1 | FileCheck %s --check-prefix=CLEAN --implicit-check-not=ERROR
// RUN: env ALLOCS_CHECK=abort %t2 clean 2>&1 | FileCheck %s --check-prefix=CLEAN --implicit-check-not=ERROR
// RUN: env ALLOCS_CHECK=abort %t2t clean 2>&1 | FileCheck %s --check-prefix=CLEAN --implicit-check-not=ERROR
// RUN: env ALLOCS_CHECK=warn %t0 over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t2 over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t2t over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t0 loop 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: env ALLOCS_CHECK=warn %t2 loop 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: env ALLOCS_CHECK=warn %t2t loop 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: env ALLOCS_CHECK=warn %t0 stbad 2>&1 | FileCheck %s --check-prefix=STBAD
// RUN: env ALLOCS_CHECK=warn %t2 stbad 2>&1 | FileCheck %s --check-prefix=STBAD
// RUN: env ALLOCS_CHECK=warn %t2t stbad 2>&1 | FileCheck %s --check-prefix=STBAD
// RUN: env ALLOCS_CHECK=abort not --crash %t2 over 2>&1 | FileCheck %s --check-prefix=ABORT
// ABORT: ERROR: allocscheck: out-of-bounds-deref
// ABORT-NOT: after
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
	int *begin, *end;
};

__attribute__((noinline)) static long pick(const char *s) { return atol(s); }

__attribute__((noinline)) static int back(const int *a, long far, long n)
{
	const int *q = a + far;          /* out of bounds */
	const int *r = q - (far - n + 1); /* back in: a[n - 1] */
	return *r;
}

__attribute__((noinline)) static int stored(int *a, long i, int **slot)
{
	*slot = a + i;                   /* escapes: stored */
	int **again = (int **)slot;
	return **again;
}

__attribute__((noinline)) static int cmp(const int *a, long n)
{
	const int *far = a + n + 5, *before = a - 3;
	return (far > a + n) + (before < a);
}

__attribute__((noinline)) static int endm1(const struct vec *v)
{
	const int *last = v->end - 1;
	return *last;
}

__attribute__((noinline)) static int guard(const int *a, long i, long n)
{
	const int *q = a + i;
	return i < n ? *q : -1;
}

__attribute__((noinline)) static long loop(const int *a, long n)
{
	long s = 0;
	for (long i = 0; i <= n; i++)    /* one too far */
		s += a[i];
	return s;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long n = pick("10");
	int *a = malloc(n * sizeof(int));
	for (long i = 0; i < n; i++)
		a[i] = (int)(i * 3);
	int *slot[1];
	if (strcmp(argv[1], "clean") == 0) {
		struct vec v = { a, a + n };
		printf("back %d stored %d cmp %d endm1 %d guard %d\n", back(a, pick("50"), n),
		       stored(a, pick("4"), slot), cmp(a, n), endm1(&v), guard(a, n, n));
		// CLEAN: back 27 stored 12 cmp 2 endm1 27 guard -1
		// CLEAN: summary: bounds: {{.*}} 0 out-of-bounds accesses
	} else if (strcmp(argv[1], "over") == 0) {
		int v = guard(a, n, n + 1);
		// OVER: ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer
		// OVER: the pointer was derived at {{.*}}deref-checks.c:69:{{[0-9]+}} in guard
		// OVER-NEXT: bounds: [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) (40 bytes)
		// OVER-NEXT: the pointer is 0 bytes past the end of those bounds
		// OVER: memory: heap allocation {{.*}} of 40 bytes, type `int`
		printf("after %d\n", v != 12345);
		// OVER: after 1
		// OVER: summary: bounds: {{.*}} 1 out-of-bounds accesses
	} else if (strcmp(argv[1], "loop") == 0) {
		printf("loop %ld\n", loop(a, n) >= 135);
		// LOOP: ERROR: allocscheck: out-of-bounds-deref
		// LOOP: the pointer is 0 bytes past the end of those bounds
		// LOOP-NOT: ERROR
		// LOOP: loop 1
	} else {
		printf("stbad %d\n", stored(a, pick("12"), slot) != 12345);
		// STBAD: ERROR: allocscheck: out-of-bounds-deref
		// STBAD: the pointer was derived at {{.*}}deref-checks.c:50:{{[0-9]+}} in stored
		// STBAD-NEXT: bounds: [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) (40 bytes)
		// STBAD-NEXT: the pointer is 8 bytes past the end of those bounds
		// STBAD: stbad 1
	}
	return 0;
}
