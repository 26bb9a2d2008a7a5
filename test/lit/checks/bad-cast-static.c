// Statics: a global cast to an unrelated struct, and a file-scope static
// array element cast to a struct at an interior offset.  The report names
// the variable.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>

struct config { int verbose; int level; const char *name; };
struct timer { long deadline; void (*fire)(void); };

struct config global_config = { 1, 2, "cfg" };
static struct timer timers[4];

__attribute__((noinline)) void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("global %p timers %p\n", (void *)&global_config, (void *)timers);
	// CHECK: global [[G:0x[0-9a-f]+]] timers [[T:0x[0-9a-f]+]]
	struct timer *t = (struct timer *)launder(&global_config);
	// CHECK-NEXT: ERROR: allocscheck: bad-cast: pointer [[G]] cast to `struct timer *`
	// CHECK-NEXT: at {{.*}}bad-cast-static.c:[[@LINE-2]]:{{[0-9]+}} in main
	// CHECK: memory: static allocation [[[G]], 0x{{[0-9a-f]+}}) of 16 bytes, type `struct config`, the variable `global_config`
	struct config *c = (struct config *)launder((char *)timers + 8);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct config *`
	// CHECK: it points 0 bytes into member `fire` (void (*)(void)) of struct timer at offset 8 into the allocation
	// CHECK-NEXT: memory: static allocation [[[T]], 0x{{[0-9a-f]+}}) of 64 bytes, type `struct timer[4]`, the variable `timers`
	// CHECK-NEXT: layout of struct timer (16 bytes), around offset 8:
	// CHECK-NEXT: +0 long deadline (8 bytes)
	// CHECK-NEXT: => +8 void (*)(void) fire (8 bytes) <- the pointer is here
	struct timer *ok = (struct timer *)launder(&timers[2]);
	printf("%d %d %d\n", t != NULL, c != NULL, ok == &timers[2]);
	// CHECK: 1 1 1
	return 0;
	// CHECK: allocscheck: summary: 3 checks, 1 passed, 2 failed, 0 unknown
}
