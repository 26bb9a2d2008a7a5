// allocs_describe from C: the same description `allocs whatis` prints in gdb, into
// the caller's buffer with snprintf-like semantics (the full length is
// returned; a short buffer gets a cut, NUL-terminated prefix).
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 -I%S/../../../include %s -o %t %allocscheck-ldflags
// RUN: %t 2>&1 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "allocs-describe.h"

struct node { struct node *next; short weight[4]; };
static struct node table[2];

int main(void)
{
	struct node *n = malloc(sizeof *n);
	char buf[4096];
	int len = allocs_describe(&n->weight[2], buf, sizeof buf);
	printf("len ok: %d\n", len == (int)strlen(buf));
	// CHECK: len ok: 1
	printf("%s", buf);
	// CHECK-NEXT: heap allocation [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) of 16 bytes, type `struct node`
	// CHECK-NEXT: allocated at {{.*}}describe-api.c:17{{.*}} in main
	// CHECK-NEXT: at offset 12: 4 bytes into member `weight` (short[4]) of struct node, element [2]{{$}}
	len = allocs_describe(&table[1], buf, sizeof buf);
	printf("%s", buf);
	// CHECK: static allocation [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) of 32 bytes, type `struct node[2]`
	// CHECK-NEXT: the variable `table`
	// CHECK-NEXT: at offset 16: 0 bytes into member `next` (struct node *) of struct node
	char small[10];
	int full = allocs_describe(n, small, sizeof small);
	printf("cut: %d %zu %d\n", full > (int)sizeof small, strlen(small), full == allocs_describe(n, NULL, 0));
	// CHECK: cut: 1 9 1
	free(n);
	return 0;
}
