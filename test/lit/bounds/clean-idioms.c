// Clean run: C idioms that derive pointers near or outside their bounds
// without ever dereferencing them out of bounds.  Aborts on any report.
// One-past-end loops and end - begin, container_of, flexible array
// members and the [1] struct hack, byte-wise walks over a struct, a
// pointer leaving its array and coming back before use, realloc growth,
// pointers returned by libc (strtok, strchr, getenv), uintptr_t round
// trips, VLAs and alloca, a flat walk over a 2-D array, a backwards walk.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort PATH=/usr/bin:/bin %t0 2>&1 | FileCheck %s --check-prefixes=CHECK,DEREF --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort PATH=/usr/bin:/bin %t2 2>&1 | FileCheck %s --check-prefixes=CHECK,DEREF --implicit-check-not=ERROR
// Every derivation trapped (no checks at dereferences): the pointer that
// leaves its array and comes back is un-trapped by the derivation's own
// inline check, with no runtime call (none counted back in bounds).
// RUN: env ALLOCS_BOUNDS_TRAP_ALL=1 %allocscheck-cc -O2 %s -o %t2t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort PATH=/usr/bin:/bin %t2t 2>&1 | FileCheck %s --check-prefixes=CHECK,TRAP --implicit-check-not=ERROR
// CHECK: diff 10 container 1 flex 10 hack 10 bytes 24 back 5 grown 4950 libc 411 uint 9 vla 28 alloca 28 flat 66 backwards 120
// DEREF: summary: bounds: {{.*}} 0 out-of-bounds accesses
// TRAP: summary: bounds: {{.*}} 0 back in bounds, 0 out-of-bounds accesses
#include <alloca.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct link { struct link *next; };
struct node { int key; struct link link; char name[8]; };
struct flex { int n; int data[]; };
struct hack { int n; int data[1]; };
#define container_of(p, T, m) ((T *)((char *)(p) - offsetof(T, m)))

__attribute__((noinline)) static long opaque(long v) { return v; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int a[10];
	for (int i = 0; i < 10; i++)
		a[i] = i;
	int *end = a + 10, s = 0;
	for (int *p = a; p != end; p++)
		s += *p;
	long diff = end - a;

	struct node n = { 1, { NULL }, "abc" };
	struct link *l = &n.link;
	struct node *np = container_of(l, struct node, link);

	struct flex *f = malloc(sizeof *f + 5 * sizeof(int));
	f->n = 5;
	int fs = 0;
	for (int i = 0; i < 5; i++)
		f->data[i] = i;
	for (int i = 0; i < 5; i++)
		fs += f->data[i];
	struct hack *h = malloc(sizeof *h + 4 * sizeof(int));
	int hs = 0;
	for (int i = 0; i < 5; i++)
		h->data[i] = i;
	for (int *p = h->data; p < h->data + 5; p++)
		hs += *p;

	unsigned char *b = (unsigned char *)&n;
	size_t nbytes = 0;
	for (size_t i = 0; i < sizeof n; i++, b++)
		nbytes += (*b, 1);

	int *q = a + opaque(20);       /* out ... */
	q -= 15;                        /* ... and back in */
	int back = *q;

	int *r = malloc(4 * sizeof(int));
	for (int i = 0; i < 4; i++)
		r[i] = i;
	r = realloc(r, 100 * sizeof(int));
	int grown = 0;
	for (int i = 0; i < 100; i++)
		r[i] = i;
	for (int *p = r; p < r + 100; p++)
		grown += *p;

	char buf[64];
	strcpy(buf, "a,b,c");
	int libc = 0;
	for (char *t = strtok(buf, ","); t; t = strtok(NULL, ","))
		libc += t[0];
	char *e = getenv("PATH");
	if (e && e[0] == '/')
		libc += e[1] == 'u' ? 'u' : 0;
	char *c = strchr("xyz", 'y');
	libc += c[1] - 'z';

	uintptr_t u = (uintptr_t)(a + 10);
	int *last = (int *)(u - sizeof(int));
	int uint = *last;

	int n2 = (int)opaque(7);
	int vla[n2];
	for (int i = 0; i < n2; i++)
		vla[i] = i;
	int vs = 0;
	for (int *p = vla; p < vla + n2; p++)
		vs += *p;
	int *al = alloca(8 * sizeof(int));
	for (int i = 0; i < 8; i++)
		al[i] = i;
	int as = 0;
	for (int *p = al; p != al + 8; p++)
		as += *p;

	int m[3][4];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 4; j++)
			m[i][j] = i * 4 + j;
	int flat = 0;
	for (int *p = &m[0][0]; p < &m[0][0] + 12; p++)
		flat += *p;
	int bw = 0;
	for (int *p = r + 15; p >= r; p--)
		bw += *p;

	printf("diff %ld container %d flex %d hack %d bytes %zu back %d grown %d libc %d uint %d "
	       "vla %d alloca %d flat %d backwards %d\n", diff, np->key, fs, hs, nbytes, back, grown,
	       libc, uint, vs + 7, as, flat, bw);
	free(f);
	free(h);
	free(r);
	return s == 45 ? 0 : 1;
}
