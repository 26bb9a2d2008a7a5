// REQUIRES: plugin, runtime
// Build systems link helper tools with CFLAGS alone; as with
// -fsanitize=address, the compile flags carry what an instrumented link
// needs: the runtime, and the meta-DSO written at link time.
// RUN: rm -rf %t.meta && mkdir %t.meta
// RUN: %cc $(%config --cflags) -c %s -o %t.o
// RUN: env ALLOCS_META_DIR=%t.meta %cc $(%config --cflags) %t.o -o %t
// RUN: test -f "$(%meta-path %t %t.meta)"
// RUN: env ALLOCS_META_DIR=%t.meta ALLOCS_CHECK=abort not --crash %t 2>&1 | FileCheck %s
// CHECK: ERROR: allocscheck: bad-cast
// CHECK-SAME: cast to `struct b *`
#include <stdlib.h>

struct a { int x; };
struct b { double d; };

int main(void)
{
	void *p = malloc(sizeof(struct a));
	struct a *pa = p;
	pa->x = 1;
	struct b *pb = p;
	return (int)pb->d;
}
