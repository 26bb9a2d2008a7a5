// Indexing a stack array, a global array and a stack array through a
// pointer, outside the array: overflow (off by one, far) and underflow
// (negative index), read and write.  Direct indexing is checked at the
// access (reported before it happens); indexing through a pointer traps
// the derived pointer and reports its dereference.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 stack 8 2>&1 | FileCheck %s --check-prefixes=CHECK,STACK8
// RUN: env ALLOCS_CHECK=warn %t2 stack 8 2>&1 | FileCheck %s --check-prefixes=CHECK,STACK8
// RUN: env ALLOCS_CHECK=warn %t0 stack -1 2>&1 | FileCheck %s --check-prefixes=CHECK,STACKNEG
// RUN: env ALLOCS_CHECK=warn %t2 stack -1 2>&1 | FileCheck %s --check-prefixes=CHECK,STACKNEG
// RUN: env ALLOCS_CHECK=warn %t0 global 8 2>&1 | FileCheck %s --check-prefixes=CHECK,GLOBAL8
// RUN: env ALLOCS_CHECK=warn %t2 global 8 2>&1 | FileCheck %s --check-prefixes=CHECK,GLOBAL8
// RUN: env ALLOCS_CHECK=warn %t0 global -3 2>&1 | FileCheck %s --check-prefixes=CHECK,GLOBALNEG
// RUN: env ALLOCS_CHECK=warn %t2 global 100 2>&1 | FileCheck %s --check-prefixes=CHECK,GLOBALFAR
// RUN: env ALLOCS_CHECK=warn %t0 ptr 8 2>&1 | FileCheck %s --check-prefixes=CHECK,PTR
// RUN: env ALLOCS_CHECK=warn %t2 ptr 8 2>&1 | FileCheck %s --check-prefixes=CHECK,PTR
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int garr[8];

__attribute__((noinline)) static long pick(const char *s) { return atol(s); }
__attribute__((noinline)) static int sum(const int *p, long i) { return p[i]; }   /* line 26 */

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long i = pick(argv[2]);
	int local[8];
	for (int k = 0; k < 8; k++)
		local[k] = garr[k] = k;
	printf("local %p garr %p\n", (void *)local, (void *)garr);
	// CHECK: local [[L:0x[0-9a-f]+]] garr [[G:0x[0-9a-f]+]]
	if (strcmp(argv[1], "stack") == 0) {
		local[i] = 5;                                      /* line 38 */
		printf("read %d\n", local[i ^ 0]);
	} else if (strcmp(argv[1], "global") == 0) {
		printf("read %d\n", garr[i]);                      /* line 41 */
		garr[i] = 1;
	} else {
		printf("read %d\n", sum(local, i));
	}
	// STACK8: ERROR: allocscheck: out-of-bounds-deref: write of 4 bytes at {{0x[0-9a-f]+}}: index 8 outside [0, 8)
	// STACK8-NEXT: at {{.*}}index-stack-global.c:38:{{[0-9]+}} in main
	// STACK8-NEXT: bounds: [[[L]], {{0x[0-9a-f]+}}) (32 bytes)
	// STACK8-NEXT: the access starts 0 bytes past the end of those bounds
	// STACK8: memory: stack allocation [[[L]], {{0x[0-9a-f]+}}) of 32 bytes, type `int[8]`
	// STACKNEG: ERROR: allocscheck: out-of-bounds-deref: write of 4 bytes at {{0x[0-9a-f]+}}: index -1 outside [0, 8)
	// STACKNEG: the access starts 4 bytes before those bounds
	// GLOBAL8: ERROR: allocscheck: out-of-bounds-deref: read of 4 bytes at {{0x[0-9a-f]+}}: index 8 outside [0, 8)
	// GLOBAL8-NEXT: at {{.*}}index-stack-global.c:41:{{[0-9]+}} in main
	// GLOBAL8-NEXT: bounds: [[[G]], {{0x[0-9a-f]+}}) (32 bytes)
	// GLOBAL8: memory: static allocation [[[G]], {{0x[0-9a-f]+}}) of 32 bytes, type `int[8]`, the variable `garr`
	// GLOBAL8: ERROR: allocscheck: out-of-bounds-deref: write of 4 bytes at {{0x[0-9a-f]+}}: index 8 outside [0, 8)
	// GLOBALNEG: index -3 outside [0, 8)
	// GLOBALNEG: the access starts 12 bytes before those bounds
	// GLOBALFAR: index 100 outside [0, 8)
	// GLOBALFAR: the access starts 368 bytes past the end of those bounds
	// PTR: ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer
	// PTR-NEXT: at pc
	// PTR-NEXT: the pointer was derived at {{.*}}index-stack-global.c:26:{{[0-9]+}} in sum
	// PTR-NEXT: bounds: [[[L]], {{0x[0-9a-f]+}}) (32 bytes)
	// PTR-NEXT: the pointer is 0 bytes past the end of those bounds
	// PTR: memory: stack allocation [[[L]], {{0x[0-9a-f]+}}) of 32 bytes, type `int[8]`
	printf("continued\n");
	// CHECK: continued
	return 0;
}
