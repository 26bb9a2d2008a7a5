// A heap object cast to an unrelated struct: the report names the check's
// location, the pointer, the target type, the allocation (kind, bounds,
// type, allocation site file:line), where the pointer lands and the layout
// around it, and a symbolized backtrace; warn mode continues.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>

struct account { long id; double balance; int flags; };
struct packet { unsigned char hdr[4]; short len; };

__attribute__((noinline)) static struct packet *as_packet(void *v)
{
	return (struct packet *)v;   /* line 20: the bad cast */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct account *a = malloc(sizeof *a);   /* line 26: allocation site */
	printf("account at %p size %zu\n", (void *)a, sizeof *a);
	// CHECK: account at [[A:0x[0-9a-f]+]] size 24
	struct packet *p = as_packet(a);
	// CHECK: ==[[PID:[0-9]+]]==ERROR: allocscheck: bad-cast: pointer [[A]] cast to `struct packet *`
	// CHECK-NEXT: at {{.*}}bad-cast-heap.c:20:{{[0-9]+}} in as_packet
	// CHECK-NEXT: no `struct packet` starts there
	// CHECK-NEXT: it points 0 bytes into member `id` (long) of struct account at offset 0 into the allocation
	// CHECK-NEXT: memory: heap allocation [[[A]], 0x{{[0-9a-f]+}}) of 24 bytes, type `struct account`, allocated at {{.*}}bad-cast-heap.c:26{{.*}} in main
	// CHECK-NEXT: layout of struct account (24 bytes), around offset 0:
	// CHECK-NEXT: => +0 long id (8 bytes) <- the pointer is here
	// CHECK-NEXT: +8 double balance (8 bytes)
	// CHECK-NEXT: +16 int flags (4 bytes)
	// CHECK-NEXT: backtrace:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in {{as_packet|main}} {{.*}}bad-cast-heap.c:{{20|29}}
	// CHECK: SUMMARY: allocscheck: bad-cast {{.*}}bad-cast-heap.c:20:{{[0-9]+}} in as_packet
	printf("continued %d\n", p != NULL);
	// CHECK: continued 1
	free(a);
	return 0;
	// CHECK: allocscheck: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 1 failed, {{[0-9]+}} unknown
}
