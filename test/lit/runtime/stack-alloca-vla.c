// alloca blocks and VLAs.  DWARF cannot place them at a fixed offset from
// the frame, so on their own they resolve to their whole frame, untyped
// (bounds never tighter than the truth).  Blocks announced through
// __allocs_alloca_register (as instrumented code does) resolve exactly,
// until the stack pointer is restored above them.
// REQUIRES: runtime, meta
// RUN: %cc -O0 -I%S/../../../include -o %t.O0 %s %allocscheck-ldflags
// RUN: %t.O0 | FileCheck %s
// RUN: %cc -O2 -I%S/../../../include -o %t.O2 %s %allocscheck-ldflags
// RUN: %t.O2 | FileCheck %s

#include <alloca.h>
#include <stdio.h>
#include <string.h>
#include "allocs.h"
#include "allocs-alloca.h"

__attribute__((noinline)) void escape(const void *p) { __asm__ volatile("" :: "r"(p) : "memory"); }

static void covers(const char *what, const char *p, size_t n)
{
	struct allocs_info i;
	int r = allocs_lookup(p + n / 2, &i);
	const char *b = i.base;
	printf("%s: r=%d kind=%s covers=%s type=%s\n", what, r, allocs_kind_name(i.kind),
	       b <= p && p + n <= b + i.size ? "yes" : "NO", allocs_type_name(i.type));
}

static void exact(const char *what, const char *p, size_t n)
{
	struct allocs_info i;
	int r = allocs_lookup(p + n - 1, &i);
	printf("%s: r=%d kind=%s base=%s size=%s type=%s\n", what, r, allocs_kind_name(i.kind),
	       i.base == p ? "ok" : "WRONG", i.size == n ? "ok" : "WRONG", allocs_type_name(i.type));
}

__attribute__((noinline)) int vla_frame(int n)
{
	char vla[n];
	memset(vla, 1, n);
	escape(vla);
	covers("vla", vla, n);
	char *a = alloca(n * 2);
	memset(a, 2, n * 2);
	escape(a);
	covers("alloca", a, n * 2);
	__allocs_alloca_register(a, n * 2);
	exact("registered alloca", a, n * 2);
	return vla[n - 1] + a[0];
}

__attribute__((noinline)) int registered_vla(int n)
{
	int total = 0;
	{
		long vla[n];
		__allocs_alloca_register(vla, sizeof vla);
		memset(vla, 0, sizeof vla);
		exact("registered vla", (char *)vla, sizeof vla);
		total += (int)vla[1];
	}
	return total;
}

int main(void)
{
	int r = vla_frame(40) + registered_vla(10);
	/* Both frames are gone: their blocks are forgotten. */
	return r == -1;
}
// CHECK: vla: r=0 kind=stack covers=yes type=(unknown type)
// CHECK: alloca: r=0 kind=stack covers=yes type=(unknown type)
// CHECK: registered alloca: r=0 kind=stack base=ok size=ok type=(unknown type)
// CHECK: registered vla: r=0 kind=stack base=ok size=ok type=(unknown type)
