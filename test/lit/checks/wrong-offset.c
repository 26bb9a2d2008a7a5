// The right type at the wrong offset: a pointer to the second int of a
// struct point inside a struct segment, cast to struct point *.  Reported
// with the member it lands in and the layout around it.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct point { int x; int y; };
struct segment { char tag; struct point from; struct point to; long weight; };

__attribute__((noinline)) void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct segment *s = malloc(sizeof *s);
	printf("offsetof(from.y)=%zu offsetof(to)=%zu\n", offsetof(struct segment, from.y),
	       offsetof(struct segment, to));
	// CHECK: offsetof(from.y)=8 offsetof(to)=12
	struct point *good = (struct point *)launder(&s->to);
	struct point *bad = (struct point *)launder(&s->from.y);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct point *`
	// CHECK-NEXT: at {{.*}}wrong-offset.c:[[@LINE-2]]
	// CHECK-NEXT: no `struct point` starts there
	// CHECK-NEXT: it points 0 bytes into member `y` (int) of struct point at offset 8 into the allocation
	// CHECK-NEXT: memory: heap allocation {{.*}} of 32 bytes, type `struct segment`, allocated at {{.*}}wrong-offset.c:23
	// CHECK-NEXT: layout of struct point (8 bytes), around offset 4:
	// CHECK-NEXT: +0 int x (4 bytes)
	// CHECK-NEXT: => +4 int y (4 bytes) <- the pointer is here
	struct segment *mid = (struct segment *)launder(&s->from);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct segment *`
	// CHECK: it points 0 bytes into member `x` (int) of struct point at offset 4 into the allocation
	long *padding = (long *)launder((char *)s + 1);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `long *`
	// CHECK: it points into padding of struct segment, 1 bytes into it, at offset 1 into the allocation
	// CHECK: layout of struct segment (32 bytes), around offset 1:
	// CHECK-NEXT: +0 char tag (1 bytes)
	// CHECK-NEXT: => +1 (padding)
	// CHECK-NEXT: +4 struct point from (8 bytes)
	printf("%d %d %d %d\n", good == &s->to, bad != NULL, mid != NULL, padding != NULL);
	// CHECK: 1 1 1 1
	free(s);
	return 0;
	// CHECK: allocscheck: summary: 4 checks, 1 passed, 3 failed, 0 unknown
}
