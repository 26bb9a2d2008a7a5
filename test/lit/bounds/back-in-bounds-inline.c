// A pointer computed downwards from a stored one-past `end` (jq's
// interpreter stack) comes back in bounds: the derivation's check
// un-traps it inline, with the bounds it already had -- no runtime call
// and no second fetch, also when libc's check wants its bounds (each
// call below fetches once, for the trapped `end` it loads).  A pointer still out of bounds is trapped as before,
// and reported when dereferenced.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t 2>&1 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stack { char *end; };

__attribute__((noipa)) static char *below(struct stack *s, long off)
{
	return s->end - off;          /* returned: the result is checked */
}

/* the derived pointer handed to libc, whose check wants its bounds */
__attribute__((noipa)) static char byte_below(struct stack *s, long off, size_t n)
{
	char c[8];
	memmove(c, s->end - off, n);
	return c[0];
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct stack *s = malloc(sizeof *s);
	char *mem = malloc(64);
	for (int i = 0; i < 64; i++)
		mem[i] = (char)i;
	s->end = mem + 64;            /* one past: stored trapped */
	long sum = 0;
	for (int i = 0; i < 1000; i++)
		sum += *below(s, 1 + i % 64) + byte_below(s, 1 + i % 64, 1);
	printf("sum %ld\n", sum);
	// CHECK: sum 63960
	char *past = below(s, -8);    /* still out of bounds: trapped */
	printf("%d\n", *past);
	// CHECK: ERROR: allocscheck: out-of-bounds-deref
	// CHECK: summary: bounds: 2002 bounds fetched, {{[0-9]+}} index queries, 0 unbounded, 2 slow-path derivations, 1 one-past, 1 out-of-bounds created, 0 back in bounds, 1 out-of-bounds accesses
	free(mem);
	free(s);
	return 0;
}
