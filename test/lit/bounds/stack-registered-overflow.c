// Overflow of a registered local (include/allocs-alloca.h, "Registered
// locals") through a pointer the callee loads out of it: the bounds come
// from the registry, without unwinding, and are the variable's own, so the
// overflow is still caught, at -O0 and -O2.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 70 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t2 70 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=abort %t0 40 2>&1 | FileCheck %s --check-prefix=FITS
// RUN: env ALLOCS_CHECK=abort %t2 40 2>&1 | FileCheck %s --check-prefix=FITS
#include <allocs-alloca.h>
#include <stdio.h>
#include <stdlib.h>

struct buf {
	char *b;
	unsigned long n;
	char init[64];
};

/* Appends k bytes at B->b + B->n: a pointer derived from one loaded out
 * of the struct, so its bounds are fetched (a stack lookup). */
__attribute__((noinline)) static void add(struct buf *B, long k)
{
	char *p = B->b;
	for (long i = 0; i < k; i++)
		p[B->n++] = 'x';
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long k = argc > 1 ? atol(argv[1]) : 0;
	struct buf b;
	b.b = b.init;
	b.n = 0;
	struct stack_local_counts c0, c1;
	allocs_stack_local_counts(&c0);
	add(&b, k);
	allocs_stack_local_counts(&c1);
	// OVER: ERROR: allocscheck: out-of-bounds
	// OVER: memory: stack allocation [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) of 80 bytes, type `struct buf`
	printf("wrote %lu; %llu lookups from the registry, %llu unwound\n", b.n,
	       c1.hits - c0.hits, c1.unwinds - c0.unwinds);
	// FITS: wrote 40; {{[1-9][0-9]*}} lookups from the registry, 0 unwound
	return 0;
}
