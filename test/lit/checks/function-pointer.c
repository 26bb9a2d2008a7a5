// Casts to function pointer types: a real function passes (its type is not
// in the metadata: counted as unknown); a data object cast to a function
// pointer is reported.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>

typedef int (*unary_fn)(int);

struct table { int entries[4]; };
struct table global_table;

__attribute__((noinline)) int twice(int x) { return 2 * x; }
__attribute__((noinline)) void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	void *code = launder((void *)twice);
	unary_fn f = (unary_fn)code;
	printf("%d\n", f(21));
	// CHECK: 42
	unary_fn bad = (unary_fn)launder(&global_table);
	// CHECK-NEXT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to a pointer to function `int (int)`
	// CHECK-NEXT: at {{.*}}function-pointer.c:[[@LINE-2]]
	// CHECK-NEXT: the pointer points to data, not to a function
	// CHECK: memory: static allocation {{.*}} type `struct table`, the variable `global_table`
	printf("%d\n", bad != NULL);
	// CHECK: 1
	return 0;
	// CHECK: allocscheck: summary: 2 checks, 0 passed, 1 failed, 1 unknown
}
