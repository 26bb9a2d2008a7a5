// Conversions that can never be wrong are not checked: to void * and to
// (any-qualified) char / signed char / unsigned char pointers, from null
// and other integer constants, between the same type once qualifiers and
// typedefs are stripped, between integers that differ only in signedness,
// and into a generic pointer-to-pointer (void **)
// from a pointer of at least its degree.  Raising the degree into void **
// gets the loose check (a descriptor with the generic flag).
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -c %s -o %t.o -fdump-tree-gimple=%t.gimple
// RUN: FileCheck %s --input-file %t.gimple

#include <stddef.h>
#include <stdint.h>

struct point { int x, y; };
typedef struct point point_t;
typedef const point_t cpoint_t;
typedef unsigned char byte;

// CHECK-LABEL: exempt (
// CHECK-NOT: __allocs_check_cast
// CHECK: return
size_t exempt(struct point *p, const struct point *cp, void *v, int **ipp)
{
	void *a = p;                          /* to void * */
	const void *b = cp;
	char *c = (char *)p;                  /* to character pointers */
	const char *d = (const char *)cp;
	signed char *e = (signed char *)p;
	volatile unsigned char *f = (volatile unsigned char *)p;
	byte *g = (byte *)p;                  /* through a typedef */
	struct point *h = NULL;               /* null constants */
	struct point *i = 0;
	struct point *j = (struct point *)(void *)0;
	struct point *k = (struct point *)0x1000; /* integer constant */
	struct point *l = (struct point *)cp; /* qualifiers only */
	point_t *m = p;                       /* typedef only */
	cpoint_t *n = p;
	struct point *o = (point_t *)m;
	void **q = (void **)ipp;              /* same degree into void ** */
	void **r = (void **)&ipp;             /* higher degree */
	void ***s = (void ***)&ipp;
	uintptr_t t = (uintptr_t)p;           /* pointer to integer */
	return (size_t)a + (size_t)b + (size_t)c + (size_t)d + (size_t)e +
	       (size_t)f + (size_t)g + (size_t)h + (size_t)i + (size_t)j +
	       (size_t)k + (size_t)l + (size_t)m + (size_t)n + (size_t)o +
	       (size_t)q + (size_t)r + (size_t)s + t;
}

// Gaining a level of indirection into void ** / void ***: the loose check,
// whose descriptor names the required degree (_g1: a pointer to some
// pointer; _g2: a pointer to some pointer to pointer).
// CHECK-LABEL: generic (
// CHECK: __allocs_check_cast (v, &__allocs_td_6fbe4ff91c7a4188_g1,
// CHECK: __allocs_check_cast (ip, &__allocs_td_{{[0-9a-f]+}}_g1,
// CHECK: __allocs_check_cast (ip, &__allocs_td_{{[0-9a-f]+}}_g2,
// CHECK-NOT: __allocs_check_cast
// CHECK: return
size_t generic(void *v, int *ip)
{
	void **a = (void **)v;
	void **b = (void **)ip;
	void ***c = (void ***)ip;
	return (size_t)a + (size_t)b + (size_t)c;
}

// char ** is not generic: checked like any other pointer type.
// CHECK-LABEL: char_pp (
// CHECK: __allocs_check_cast (v, &__allocs_td_5eb68bbbb88a4be3,
char **char_pp(void *v)
{
	return (char **)v;
}

// Different structs with the same layout are different types.
struct other_point { int x, y; };
// CHECK-LABEL: same_layout (
// CHECK: __allocs_check_cast (p, &__allocs_td_
struct other_point *same_layout(struct point *p)
{
	return (struct other_point *)p;
}

// Integers that differ only in signedness are accessed through each other
// legally (SQLite: `getVarint(pCell, (u64 *)&nCellKey)` of an i64): not
// checked.  Other integers of one size (long vs long long: reported in
// strict mode), enums and integers of another size still are.
enum colour { RED, GREEN };
// CHECK-LABEL: signedness (
// CHECK-NOT: __allocs_check_cast
// CHECK: return
size_t signedness(long long *ll, unsigned *u, short *s, const unsigned long *ul)
{
	unsigned long long *a = (unsigned long long *)ll;
	int *b = (int *)u;
	unsigned short *c = (unsigned short *)s;
	const long *d = (const long *)ul;
	return (size_t)a + (size_t)b + (size_t)c + (size_t)d;
}
// CHECK-LABEL: not_signedness (
// CHECK: __allocs_check_cast (l, &__allocs_td_
// CHECK: __allocs_check_cast (u, &__allocs_td_
// CHECK: __allocs_check_cast (i, &__allocs_td_
// CHECK: __allocs_check_cast (ui, &__allocs_td_
size_t not_signedness(long *l, unsigned *u, int *i, unsigned *ui)
{
	long long *a = (long long *)l;
	enum colour *b = (enum colour *)u;
	long *c = (long *)i;
	unsigned long *d = (unsigned long *)ui;
	return (size_t)a + (size_t)b + (size_t)c + (size_t)d;
}
