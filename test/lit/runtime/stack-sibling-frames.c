// Sibling calls reuse the same stack addresses for different variables:
// repeated lookups from the same place must follow the frames that are
// live now, not the ones seen last time (the stack index reuses its last
// walk only while the frames it saw are still the ones on the stack).
// REQUIRES: runtime, meta
// RUN: %cc -O0 -I%S/../../../include -o %t.O0 %s %allocscheck-ldflags
// RUN: %t.O0 | FileCheck %s
// RUN: %cc -O2 -I%S/../../../include -o %t.O2 %s %allocscheck-ldflags
// RUN: %t.O2 | FileCheck %s
// CHECK: round 0: first=struct first ok, second=struct second ok, deep=long[3] ok
// CHECK: round 1: first=struct first ok, second=struct second ok, deep=long[3] ok
// CHECK: round 2: first=struct first ok, second=struct second ok, deep=long[3] ok

#include <stdio.h>
#include "allocs.h"

struct first { int a, b, c, d; };
struct second { char tag[16]; };

__attribute__((noinline)) void escape(const void *p) { __asm__ volatile("" :: "r"(p) : "memory"); }

/* The one place lookups come from: same return address every time. */
__attribute__((noinline)) static const char *probe(const void *p, const void *base, size_t size)
{
	static char buf[64];
	struct allocs_info i;
	allocs_lookup(p, &i);
	snprintf(buf, sizeof buf, "%s %s", allocs_type_name(i.type),
		 i.base == base && i.size == size ? "ok" : "WRONG");
	return buf;
}

__attribute__((noinline)) static void use_first(char *out)
{
	struct first f = { 1, 2, 3, 4 };
	escape(&f);
	snprintf(out, 64, "%s", probe(&f.c, &f, sizeof f));
}

__attribute__((noinline)) static void use_second(char *out)
{
	struct second s = { "second" };
	escape(&s);
	snprintf(out, 64, "%s", probe(&s.tag[9], &s, sizeof s));
}

__attribute__((noinline)) static void one_more_level(char *out)
{
	long deep[3] = { 1, 2, 3 };
	escape(deep);
	use_first(out);     /* same depth as below, different chain */
	snprintf(out, 64, "%s", probe(&deep[2], deep, sizeof deep));
}

int main(void)
{
	for (int round = 0; round < 3; round++) {
		char a[64], b[64], c[64];
		use_first(a);
		use_second(b);
		one_more_level(c);
		printf("round %d: first=%s, second=%s, deep=%s\n", round, a, b, c);
	}
	return 0;
}
