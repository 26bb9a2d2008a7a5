// The bounds cache keeps answers about registered locals while the
// registry has the same local at the same place: a loop that hands &c to a
// callee on every pass makes one registry lookup, not one per pass, also
// when the local belongs to a function inlined into the loop, which
// registers it anew on every pass (jq's put_char(c) -> put_buf(&c, 1)).
// A local array of scalars walked by pointer is answered once for all of
// its elements (bzip2's 5000-byte input buffer).  A frame that returns pops its locals,
// so another local at the same address, of another size, gets its own
// bounds: its overflow is caught.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
#include <allocs-alloca.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static long sum_bytes(const char *p, long n)
{
	long s = 0;
	for (long i = 0; i < n; i++)
		s += p[i];
	return s;
}

__attribute__((noinline)) static long loop_over_local(int passes)
{
	char c = 1;
	long s = 0;
	for (int i = 0; i < passes; i++) {
		s += sum_bytes(&c, 1);
		c = (char)(i & 7);
	}
	return s;
}

static inline __attribute__((always_inline)) long put_one(char ch)
{
	return sum_bytes(&ch, 1);
}

__attribute__((noinline)) static long loop_over_inlined(int passes)
{
	long s = 0;
	for (int i = 0; i < passes; i++)
		s += put_one((char)(i & 7));
	return s;
}

__attribute__((noipa)) static long first_int(const int *p)
{
	return p[1] - 1;          /* a derivation: p's bounds are fetched */
}

__attribute__((noinline)) static long walk_array(void)
{
	int a[200];
	for (int i = 0; i < 200; i++)
		a[i] = i;
	long s = 0;
	for (int i = 0; i < 199; i++)
		s += first_int(&a[i]);    /* a new pointer every pass */
	return s;
}

/* the same frame slot, first as 16 bytes, then as 4 */
static void *volatile slot_big, *volatile slot_small;
__attribute__((noinline)) static long big(long n)
{
	char b[16] __attribute__((aligned(16)));
	slot_big = b;
	memset(b, 1, sizeof b);
	return sum_bytes(b, n);
}

__attribute__((noinline)) static long small(long n)
{
	char s[4] __attribute__((aligned(16)));
	slot_small = s;
	memset(s, 1, sizeof s);
	return sum_bytes(s, n);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct stack_local_counts c0, c1;
	allocs_stack_local_counts(&c0);
	long s = loop_over_local(1000);
	allocs_stack_local_counts(&c1);
	printf("sum %ld; %llu lookups from the registry\n", s, c1.hits - c0.hits);
	// CHECK: sum 3494; 1 lookups from the registry
	allocs_stack_local_counts(&c0);
	s = loop_over_inlined(1000);
	allocs_stack_local_counts(&c1);
	printf("inlined %ld; %llu lookups from the registry\n", s, c1.hits - c0.hits);
	// CHECK: inlined 3500; 1 lookups from the registry
	allocs_stack_local_counts(&c0);
	s = walk_array();
	allocs_stack_local_counts(&c1);
	printf("array %ld; %llu lookups from the registry\n", s, c1.hits - c0.hits);
	// (one per 4 KiB page the array spans: its per-chunk entry is found
	// by the page of the pointer)
	// CHECK: array 19701; {{[12]}} lookups from the registry
	printf("big %ld\n", big(8));
	// CHECK: big 8
	printf("small %ld\n", small(8));
	// CHECK: ERROR: allocscheck: out-of-bounds
	// CHECK: memory: stack allocation [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) of 4 bytes
	// CHECK: small
	printf("same address %d\n", slot_big == slot_small);
	// CHECK: same address 1
	return 0;
}
