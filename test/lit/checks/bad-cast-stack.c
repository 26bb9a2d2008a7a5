// A local variable cast to an unrelated struct is reported as stack memory
// with the local's type; a local array element at the right offset passes.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>

struct vec3 { float x, y, z; };
struct rgb { unsigned char r, g, b, a; long stamp; };

__attribute__((noinline)) static void use_rgb(void *v)
{
	struct rgb *c = (struct rgb *)v;          /* line 17 */
	printf("rgb %p\n", (void *)c);
}

__attribute__((noinline)) static float use_vec(void *v)
{
	struct vec3 *p = (struct vec3 *)v;        /* line 23: fine */
	return p->x;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct vec3 local[2] = { { 1, 2, 3 }, { 4, 5, 6 } };
	printf("local at %p\n", (void *)local);
	// CHECK: local at [[L:0x[0-9a-f]+]]
	printf("%g\n", use_vec(&local[1]));
	// CHECK-NEXT: 4
	use_rgb(&local[0]);
	// CHECK-NEXT: ==[[PID:[0-9]+]]==ERROR: allocscheck: bad-cast: pointer [[L]] cast to `struct rgb *`
	// CHECK-NEXT: at {{.*}}bad-cast-stack.c:17:{{[0-9]+}} in use_rgb
	// CHECK-NEXT: no `struct rgb` starts there
	// CHECK-NEXT: it points 0 bytes into member `x` (float) of struct vec3 at offset 0 into the allocation
	// CHECK-NEXT: memory: stack allocation [[[L]], 0x{{[0-9a-f]+}}) of 24 bytes, type `struct vec3[2]`
	// CHECK: SUMMARY: allocscheck: bad-cast {{.*}}bad-cast-stack.c:17
	// CHECK: rgb [[L]]
	return 0;
	// CHECK: allocscheck: summary: 2 checks, 1 passed, 1 failed, 0 unknown
}
