// Scalar type confusion: a char read as an int, a double read as a long,
// an int read through a struct pointer.  Char storage is different: a char
// array may hold anything (see idiom-char-arena.c).
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>

struct pair { int a, b; };

char flag = 'x';
double ratio = 0.5;
int counter = 7;

__attribute__((noinline)) void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int *pi = (int *)launder(&flag);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `int *`
	// CHECK: memory: static allocation {{.*}} of 1 bytes, type `char`, the variable `flag`
	long *pl = (long *)launder(&ratio);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `long *`
	// CHECK: memory: static allocation {{.*}} of 8 bytes, type `double`, the variable `ratio`
	struct pair *pp = (struct pair *)launder(&counter);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct pair *`
	// CHECK: memory: static allocation {{.*}} of 4 bytes, type `int`, the variable `counter`
	unsigned *pu = (unsigned *)launder(&counter);   /* signedness variant: fine */
	printf("%d %d %d %u\n", pi != NULL, pl != NULL, pp != NULL, *pu);
	// CHECK: 1 1 1 7
	return 0;
	// CHECK: allocscheck: summary: 4 checks, 1 passed, 3 failed, 0 unknown
}
