// Heap overflow and underflow through pointer arithmetic, read and write,
// near (one past the end, one before the start) and far: the derivation
// traps the pointer, its dereference faults and is reported with the
// bounds it left, the allocation and where it was derived; warn mode
// continues.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 write 10 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE
// RUN: env ALLOCS_CHECK=warn %t2 write 10 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE
// RUN: env ALLOCS_CHECK=warn %t0 read 10 2>&1 | FileCheck %s --check-prefixes=CHECK,READ
// RUN: env ALLOCS_CHECK=warn %t2 read 10 2>&1 | FileCheck %s --check-prefixes=CHECK,READ
// RUN: env ALLOCS_CHECK=warn %t0 read -1 2>&1 | FileCheck %s --check-prefixes=CHECK,UNDER
// RUN: env ALLOCS_CHECK=warn %t2 write -1 2>&1 | FileCheck %s --check-prefixes=CHECK,UNDER
// RUN: env ALLOCS_CHECK=warn %t0 write 1000 2>&1 | FileCheck %s --check-prefixes=CHECK,FAR
// RUN: env ALLOCS_CHECK=warn %t2 read 1000 2>&1 | FileCheck %s --check-prefixes=CHECK,FAR
// abort mode stops at the first report
// RUN: env ALLOCS_CHECK=abort not --crash %t2 write 10 2>&1 | FileCheck %s --check-prefix=ABORT
// ABORT: ERROR: allocscheck: out-of-bounds-deref
// ABORT-NOT: continued
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static long pick(const char *s) { return atol(s); }

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long i = pick(argv[2]);
	int *h = malloc(10 * sizeof(int));
	for (int k = 0; k < 10; k++)
		h[k] = k;
	printf("h %p end %p\n", (void *)h, (void *)(h + 10));
	// CHECK: h [[H:0x[0-9a-f]+]] end [[END:0x[0-9a-f]+]]
	volatile int *p = h + i;                 /* the derivation */
	if (strcmp(argv[1], "write") == 0)
		*p = 42;
	else
		printf("value %d\n", *p);
	// CHECK: ==[[PID:[0-9]+]]==ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer
	// WRITE-SAME: [[END]]
	// READ-SAME: [[END]]
	// CHECK-NEXT: at pc 0x{{[0-9a-f]+}}
	// CHECK-NEXT: the pointer was derived at {{.*}}heap-overflow.c:36:{{[0-9]+}} in main
	// CHECK-NEXT: bounds: [[[H]], [[END]]) (40 bytes)
	// WRITE-NEXT: the pointer is 0 bytes past the end of those bounds
	// READ-NEXT: the pointer is 0 bytes past the end of those bounds
	// UNDER-NEXT: the pointer is 4 bytes before those bounds
	// FAR-NEXT: the pointer is 3960 bytes past the end of those bounds
	// CHECK-NEXT: the bounds start in the object the pointer was derived from:
	// CHECK-NEXT: it points 0 bytes into element [0] (int) of the chunk at offset 0 into the allocation
	// CHECK-NEXT: memory: heap allocation [[[H]], [[END]]) of 40 bytes, type `int`, allocated at {{.*}}heap-overflow.c:31{{.*}} in main
	// CHECK: backtrace:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main {{.*}}heap-overflow.c:{{38|40}}
	// CHECK: SUMMARY: allocscheck: out-of-bounds-deref {{.*}}heap-overflow.c:36:{{[0-9]+}} in main
	printf("continued\n");
	// CHECK: continued
	/* no free(h): the out-of-bounds write may have hit the chunk header */
	return 0;
	// CHECK: summary: bounds: {{.*}} 1 out-of-bounds accesses
}
