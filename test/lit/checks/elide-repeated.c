// Checks removed after inlining, rule 2 (docs/checks.md, "Checks removed
// after inlining"): a check of the same pointer value against the same
// type as a dominating check, with no call between them that may free,
// reallocate or retype memory, is not kept.  With such a call between
// them (here free, and a function the compiler cannot see into) the
// second check stays, and catches the memory's new type.
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
#include <stdlib.h>

struct rec { int id; int n; };
struct big { double a, b; };

static int id_of(void *p) { struct rec *r = p; return r->id; }
static int n_of(void *p) { struct rec *r = p; return r->n; }

__attribute__((noipa)) static void *launder(void *p) { return p; }
__attribute__((noipa)) static void touch(void *p) { (void)p; }

/* Two helpers inlined on one pointer: the second check repeats the first. */
__attribute__((noinline)) static int sum(void *p)
{
	return id_of(p) + n_of(p);
}
// CC: note: allocscheck: check not kept after inlining: repeats the check at line 22

/* A call between: both kept. */
__attribute__((noinline)) static int sum_across_call(void *p)
{
	int a = id_of(p);
	touch(p);
	return a + n_of(p);
}

/* free between: kept, and the pointer now lands in a chunk of another
 * type (the freed one, reused): reported. */
__attribute__((noinline)) static int stale(void *p, struct big **out)
{
	int a = id_of(p);
	free(p);
	*out = malloc(sizeof(struct big));
	return a + n_of(p);
}
// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct rec *`
// CHECK-NEXT: at {{.*}}elide-repeated.c:23
// CHECK: memory: heap allocation {{.*}} type `struct big`

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct rec *r = malloc(sizeof *r);
	r->id = 1;
	r->n = 2;
	void *p = launder(r);
	int s = 0;
	for (int i = 0; i < 100; i++)
		s += sum(p);
	s += sum_across_call(p);
	struct big *b;
	s += stale(p, &b) != 0;
	printf("%d reused %d\n", s, (void *)b == p);
	// CHECK: 304 reused 1
	free(b);
	return 0;
	// CHECK: allocscheck: summary: 104 checks, 103 passed, 1 failed, 0 unknown
	// ALL: allocscheck: summary: 204 checks, 203 passed, 1 failed, 0 unknown
}
// CC: allocscheck: 1 checks removed after inlining (0 of declared objects, 1 repeated)
