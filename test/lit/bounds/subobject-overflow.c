// Sub-object bounds, which AddressSanitizer cannot see: an index leaving
// a struct's array member into the next member (stack and heap, direct
// and through a pointer derived from the member), a multi-dimensional
// index leaving its row while staying inside the array, and a far jump
// from one heap object into another live one.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 member 4 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMBER
// RUN: env ALLOCS_CHECK=warn %t2 member 4 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMBER
// RUN: env ALLOCS_CHECK=warn %t0 memberptr 4 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMBERPTR
// RUN: env ALLOCS_CHECK=warn %t2 memberptr 4 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMBERPTR
// RUN: env ALLOCS_CHECK=warn %t0 row 5 2>&1 | FileCheck %s --check-prefixes=CHECK,ROW
// RUN: env ALLOCS_CHECK=warn %t2 row 5 2>&1 | FileCheck %s --check-prefixes=CHECK,ROW
// RUN: env ALLOCS_CHECK=warn %t0 far 0 2>&1 | FileCheck %s --check-prefixes=CHECK,FAR
// RUN: env ALLOCS_CHECK=warn %t2 far 0 2>&1 | FileCheck %s --check-prefixes=CHECK,FAR
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct inner { int a[4]; int b; };
struct outer { long tag; struct inner s; };

__attribute__((noinline)) static long pick(const char *s) { return atol(s); }
__attribute__((noinline)) static int get(const int *p, long i) { return p[i]; }   /* line 25 */

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long i = pick(argv[2]);
	struct outer *t = calloc(1, sizeof *t);
	t->s.b = 99;
	int m[3][4] = { { 0 } };
	printf("t %p a %p b %p m %p\n", (void *)t, (void *)t->s.a, (void *)&t->s.b, (void *)m);
	// CHECK: t [[T:0x[0-9a-f]+]] a [[A:0x[0-9a-f]+]] b [[B:0x[0-9a-f]+]] m [[M:0x[0-9a-f]+]]
	if (strcmp(argv[1], "member") == 0) {
		t->s.a[i] = 7;                                     /* line 37 */
		printf("b %d\n", t->s.b);
	} else if (strcmp(argv[1], "memberptr") == 0) {
		printf("got %d\n", get(t->s.a, i));
	} else if (strcmp(argv[1], "row") == 0) {
		m[0][i] = 1;                                       /* line 42 */
		printf("m %d\n", m[1][1]);
	} else {
		int *x = malloc(16 * sizeof(int)), *y = malloc(16 * sizeof(int));
		long d = (long)((char *)y - (char *)x) / (long)sizeof(int);
		printf("x %p y %p\n", (void *)x, (void *)y);
		int *p = x + d + 2;                                /* line 48: lands in y */
		*p = 5;
		printf("y[2] %d\n", y[2]);
	}
	// MEMBER: ERROR: allocscheck: out-of-bounds-deref: write of 4 bytes at [[B]]: index 4 outside [0, 4)
	// MEMBER-NEXT: at {{.*}}subobject-overflow.c:37:{{[0-9]+}} in main
	// MEMBER-NEXT: bounds: [[[A]], [[B]]) (16 bytes)
	// MEMBER-NEXT: the access starts 0 bytes past the end of those bounds
	// MEMBER-NEXT: the bounds start in the object the pointer was derived from:
	// MEMBER-NEXT: it points 0 bytes into member `a` (int[4]) of struct inner at offset 8 into the allocation
	// MEMBER-NEXT: memory: heap allocation [[[T]], {{0x[0-9a-f]+}}) of 32 bytes, type `struct outer`, allocated at {{.*}}subobject-overflow.c:31
	// MEMBER-NEXT: layout of struct inner (20 bytes), around offset 16:
	// MEMBER-NEXT: +0 int[4] a (16 bytes)
	// MEMBER-NEXT: => +16 int b (4 bytes) <- the pointer is here
	// MEMBERPTR: ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer [[B]]
	// MEMBERPTR: the pointer was derived at {{.*}}subobject-overflow.c:25:{{[0-9]+}} in get
	// MEMBERPTR-NEXT: bounds: [[[A]], [[B]]) (16 bytes)
	// MEMBERPTR-NEXT: the pointer is 0 bytes past the end of those bounds
	// MEMBERPTR: it points 0 bytes into member `a` (int[4]) of struct inner
	// ROW: ERROR: allocscheck: out-of-bounds-deref: write of 4 bytes at {{0x[0-9a-f]+}}: index 5 outside [0, 4)
	// ROW-NEXT: at {{.*}}subobject-overflow.c:42:{{[0-9]+}} in main
	// ROW-NEXT: bounds: [[[M]], {{0x[0-9a-f]+}}) (16 bytes)
	// ROW: memory: stack allocation [[[M]], {{0x[0-9a-f]+}}) of 48 bytes, type `int[3][4]`
	// FAR: x [[X:0x[0-9a-f]+]] y [[Y:0x[0-9a-f]+]]
	// FAR: ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer
	// FAR-NEXT: at pc
	// FAR-NEXT: the pointer was derived at {{.*}}subobject-overflow.c:48:{{[0-9]+}} in main
	// FAR-NEXT: bounds: [[[X]], {{0x[0-9a-f]+}}) (64 bytes)
	// FAR: memory: heap allocation [[[X]], {{0x[0-9a-f]+}}) of 64 bytes, type `int`
	// FAR: the address lies 8 bytes into another heap allocation [[[Y]], {{0x[0-9a-f]+}}), type `int`
	printf("continued\n");
	// CHECK: continued
	return 0;
}
