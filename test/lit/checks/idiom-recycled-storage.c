// A free-list allocator hands out recycled chunks, and its callers give
// them new types: C11 6.5p6 gives allocated storage the type of what is
// stored in it.  The shape of David Gay's dtoa (jq's jv_dtoa.c): Balloc pops
// a Bigint off a free list or gets a new one from an allocator in another
// file; rv_alloc stores an int header over the Bigint and builds a string
// after it; freedtoa goes back from the string to the Bigint, reads the
// header and frees it onto the list, from which it is used as a Bigint
// again.  The plugin infers Balloc to be an allocation function (it returns
// a free-list pop or an allocation), so `(int *)Balloc(k)` types the chunk
// afresh instead of being checked against the Bigint it was; the chunk is
// bigger than an int, so that type is soft, and freedtoa's cast back to
// Bigint turns it into untyped storage.  Nothing is reported.
// A chunk from an inferred wrapper holding exactly one object is typed for
// good: a later cast to an unrelated struct is still reported.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 -DHELPER -c %s -o %t.helper.o
// RUN: %allocscheck-cc -O0 %s %t.helper.o -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s %t.helper.o -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HELPER
void *get_mem(size_t n)          /* jq's jv_mem_alloc: another file */
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}
#else
void *get_mem(size_t n);

typedef unsigned ULong;
typedef struct Bigint {
	struct Bigint *next;
	int k, maxwds, sign, wds;
	ULong x[1];
} Bigint;

static Bigint *freelist[8];

__attribute__((noinline)) static Bigint *Balloc(int k)
{
	Bigint *rv;
	if ((rv = freelist[k]))
		freelist[k] = rv->next;
	else {
		int x = 1 << k;
		rv = (Bigint *)get_mem(sizeof(Bigint) + (x - 1) * sizeof(ULong));
		rv->k = k;
		rv->maxwds = x;
	}
	rv->sign = rv->wds = 0;
	return rv;
}

__attribute__((noinline)) static void Bfree(Bigint *v)
{
	v->next = freelist[v->k];
	freelist[v->k] = v;
}

__attribute__((noinline)) static char *rv_alloc(int i)
{
	int j, k, *r;
	j = sizeof(ULong);
	for (k = 0; (int)(sizeof(Bigint) - sizeof(ULong) - sizeof(int)) + j <= i; j <<= 1)
		k++;
	r = (int *)Balloc(k);
	*r = k;
	return (char *)(r + 1);
}

__attribute__((noinline)) static void freedtoa(char *s)
{
	Bigint *b = (Bigint *)((int *)s - 1);
	b->maxwds = 1 << (b->k = *(int *)b);
	Bfree(b);
}

struct point { long x, y; };
struct label { char *text; long len; };

__attribute__((noinline)) static void *xmalloc(size_t n)   /* inferred too */
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

__attribute__((noinline)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int round = 0; round < 3; round++) {
		char *s = rv_alloc(40);
		strcpy(s, "3.14159265358979");
		printf("%s\n", s);
		freedtoa(s);
		Bigint *b = Balloc(s[-1] ? 0 : 3);   /* the same chunk, a Bigint again */
		b->x[0] = 7;
		Bfree(b);
	}
	// CHECK: 3.14159265358979
	// CHECK-NEXT: 3.14159265358979
	// CHECK-NEXT: 3.14159265358979
	struct point *p = xmalloc(sizeof *p);
	struct label *l = (struct label *)launder(p);
	// CHECK-NEXT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct label *`
	// CHECK-NEXT: at {{.*}}idiom-recycled-storage.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} of 16 bytes, type `struct point`
	printf("%d\n", l != NULL);
	// CHECK: 1
	// CHECK-NOT: ERROR
	// CHECK: allocscheck: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 1 failed
	return 0;
}
#endif
