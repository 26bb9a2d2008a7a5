// Clean run: a struct whose last member is an array of declared length
// (SQLite's memjrnl FileChunk: `u8 zChunk[8]`) allocated larger than the
// struct, the array used to the end of the allocation (GCC reads any
// trailing array so with its default -fstrict-flex-arrays=0).  A chunk of
// a whole number of structs stays an array of structs, whose trailing
// arrays keep their declared length -- unless its type is a guess (soft:
// `sizeof (chunk) + n` is carved, and 16 + 1008 = 1024, SQLite's default
// journal chunk, is a multiple of 16 by accident).
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// Writing past the allocation is still caught, and so is overflowing a
// trailing array of an element of an array of structs.
// RUN: env ALLOCS_CHECK=warn %t0 over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t2 over 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=warn %t0 elem 2>&1 | FileCheck %s --check-prefix=ELEM
// RUN: env ALLOCS_CHECK=warn %t2 elem 2>&1 | FileCheck %s --check-prefix=ELEM
// CHECK: chunk 99 a 99
// OVER: ERROR: allocscheck: out-of-bounds-libc
// OVER: memcpy
// ELEM: ERROR: allocscheck: out-of-bounds
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chunk chunk;
struct chunk {
	chunk *next;
	unsigned char data[8];
};
struct named { int id; char name[8]; };

__attribute__((noinline)) static size_t num(size_t n) { return n; }

__attribute__((noinline)) static chunk *mk(int size, const unsigned char *src, size_t off, size_t n)
{
	chunk *c = malloc(sizeof(chunk) + (size - 8));
	c->next = NULL;
	memcpy((unsigned char *)c->data + off, src, n);
	c->data[off + n - 1] = 99;
	return c;
}

__attribute__((noinline)) static void name(struct named *v, int i, const char *s, size_t n)
{
	memcpy(v[i].name, s, n);
}

int main(int argc, char **argv)
{
	int over = argc > 1 && strcmp(argv[1], "over") == 0;
	int elem = argc > 1 && strcmp(argv[1], "elem") == 0;
	unsigned char src[200];
	memset(src, 'x', sizeof src);
	/* 16 + 92 = 108 bytes, not a multiple of 16 */
	chunk *c = mk(100, src, num(40), num(over ? 70 : 60));
	/* 16 + 1008 = 1024 bytes, a multiple of 16 */
	chunk *big = mk(1016, src, num(100), num(80));
	struct named *v = calloc(4, sizeof(*v));
	name(v, 1, "abcdefghijkl", num(elem ? 12 : 8));
	printf("chunk %d %c %d\n", c->data[99], v[1].name[0], big->data[179]);
	free(big);
	free(v);
	free(c);
	return 0;
}
