// A void ** out-parameter pointed at memory that holds no pointer (an int
// member) is reported: the loose check still needs a pointer there.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>

struct slot { int tag; int value; void *ptr; };

__attribute__((noinline)) static void get(void **out) { *out = NULL; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct slot *s = malloc(sizeof *s);
	char *raw = (char *)&s->ptr;
	get((void **)raw);                              /* checked, holds a pointer: fine */
	get((void **)&s->tag);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `void **` (needs a pointer of degree >= 1 there)
	// CHECK-NEXT: at {{.*}}void-out-bad.c:[[@LINE-2]]
	// CHECK-NEXT: no pointer (of degree >= 1) starts there: a `void **` must point to one
	// CHECK-NEXT: it points 0 bytes into member `tag` (int) of struct slot at offset 0 into the allocation
	printf("done\n");
	// CHECK: done
	free(s);
	return 0;
	// CHECK: allocscheck: summary: 2 checks, 1 passed, 1 failed, 0 unknown
}
