// Checks removed after inlining, rule 1 (docs/checks.md, "Checks removed
// after inlining"): a check whose pointer is, once the callee is inlined,
// the address of a declared object of the target type cannot fail and is
// not kept.  A declared object of another type is still checked (and the
// bad cast reported), and so is one reached through an opaque call.
//
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-verbose %s -o %t %allocscheck-ldflags 2> %t.cc
// RUN: FileCheck %s --check-prefix=CC < %t.cc
// RUN: env ALLOCS_CHECK=warn ALLOCS_SUMMARY=1 %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// Without elision every check runs (the counts below are not vacuous):
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-no-cast-elision %s -o %t.all %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_SUMMARY=1 %t.all > %t.all.out 2>&1
// RUN: FileCheck %s --check-prefix=ALL < %t.all.out
#include <stdio.h>

struct val { int kind; double num; };
struct other { double d; long l[4]; };

/* A comparison function, as qsort would take it. */
static int cmp(const void *pa, const void *pb)
{
	const struct val *a = pa, *b = pb;
	return a->num < b->num ? -1 : a->num > b->num;
}

/* By value: &a and &b are this frame's own struct vals. */
__attribute__((noinline)) static int compare(struct val a, struct val b)
{
	return cmp(&a, &b);
}
// CC: note: allocscheck: check not kept after inlining: declared object, same type
// CC: note: allocscheck: check not kept after inlining: declared object, same type

static double num_of(const void *p)
{
	const struct val *v = p;
	return v->num;
}

__attribute__((noipa)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct val x = { 1, 2.0 }, y = { 1, 3.0 };
	int r = 0;
	for (int i = 0; i < 100; i++)
		r += compare(x, y);
	/* The wrong type, even declared: still checked, still caught. */
	struct other o = { 0 };
	double d = num_of(&o);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct val *`
	/* Through a call the optimiser cannot see into: still checked. */
	double e = num_of(launder(&x));
	printf("%d %g %g\n", r, d, e);
	// CHECK: -100 0 2
	return 0;
	// CHECK: allocscheck: summary: 2 checks, 1 passed, 1 failed, 0 unknown
	// ALL: allocscheck: summary: 202 checks, 201 passed, 1 failed, 0 unknown
}
// CC: allocscheck: 2 checks removed after inlining (2 of declared objects, 0 repeated)
