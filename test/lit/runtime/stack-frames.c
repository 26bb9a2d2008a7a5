// Locals and parameters in nested frames, at -O0 and -O2: exact base, size
// and type of every variable whose address is taken, also through interior
// pointers and from frames further out than the caller.
// REQUIRES: runtime, meta
// RUN: %cc -O0 -I%S/../../../include -o %t.O0 %s %allocscheck-ldflags
// RUN: %t.O0 | FileCheck --check-prefixes=CHECK,O0 %s
// RUN: %cc -O2 -I%S/../../../include -o %t.O2 %s %allocscheck-ldflags
// RUN: %t.O2 | FileCheck %s

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "allocs.h"

struct point { int x, y; };

static void show(const char *what, const void *p, const void *base, size_t size)
{
	struct allocs_info i;
	int r = allocs_lookup(p, &i);
	printf("%s: r=%d kind=%s base=%s size=%s type=%s\n", what, r, allocs_kind_name(i.kind),
	       i.base == base ? "ok" : "WRONG", i.size == size ? "ok" : "WRONG",
	       allocs_type_name(i.type));
}

/* Keeps a variable in memory (its address escapes) without telling GCC
 * anything else about it. */
__attribute__((noinline)) void escape(const void *p) { __asm__ volatile("" :: "r"(p) : "memory"); }

__attribute__((noinline)) int innermost(struct point *from_outer, char *outer_buf, int param)
{
	double d[3] = { 1, 2, 3 };
	struct point q = { param, 2 };
	escape(d);
	escape(&q);
	show("innermost.d", &d[2], d, sizeof d);
	show("innermost.q", &q, &q, sizeof q);
	show("innermost.q.y", &q.y, &q, sizeof q);
	show("outer.pt", from_outer, from_outer, sizeof *from_outer);
	show("outer.buf+31", outer_buf + 31, outer_buf, 32);
	/* At -O2 GCC's DWARF locates an address-taken parameter only while
	 * its register still holds the address: only -O0 is exact. */
	escape(&param);
	show("innermost.param", &param, &param, sizeof param);
	return q.x + (int)d[1];
}

__attribute__((noinline)) int middle(struct point *pt, char *buf)
{
	long m[2] = { 1, 2 };
	escape(m);
	show("middle.m", &m[1], m, sizeof m);
	return innermost(pt, buf, 7) + (int)m[0];
}

__attribute__((noinline)) int outer(int n)
{
	struct point pt = { n, n };
	char buf[32];
	memset(buf, 0, sizeof buf);
	escape(buf);
	escape(&pt);
	show("outer.buf", buf, buf, sizeof buf);
	return middle(&pt, buf) + buf[3];
}

int main(void)
{
	return outer(5) == 0;
}
// CHECK: outer.buf: r=0 kind=stack base=ok size=ok type=char[32]
// CHECK: middle.m: r=0 kind=stack base=ok size=ok type=long[2]
// CHECK: innermost.d: r=0 kind=stack base=ok size=ok type=double[3]
// CHECK: innermost.q: r=0 kind=stack base=ok size=ok type=struct point
// CHECK: innermost.q.y: r=0 kind=stack base=ok size=ok type=struct point
// CHECK: outer.pt: r=0 kind=stack base=ok size=ok type=struct point
// CHECK: outer.buf+31: r=0 kind=stack base=ok size=ok type=char[32]
// O0: innermost.param: r=0 kind=stack base=ok size=ok type=int
