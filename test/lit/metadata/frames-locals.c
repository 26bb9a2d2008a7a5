// REQUIRES: meta, dump
// Frame layouts: every local and parameter that lives in memory is listed
// with its offset from the canonical frame address (CFA), size and type.
// The program prints what it expects: offsets are &local minus
// __builtin_dwarf_cfa() (the CFA of the running function), the frame's
// start is &function minus the load base.  At -O0 everything is in memory;
// at -O2 the address-taken locals are, and must be listed the same way.
// RUN: %cc -O0 -o %t.O0 %s
// RUN: %t.O0 > %t.O0.expected
// RUN: %meta %t.O0 -o %t.O0.meta.so
// RUN: %dump --frames %t.O0.meta.so > %t.O0.dump
// RUN: %dump-contains --subset %t.O0.expected %t.O0.dump
// RUN: FileCheck --check-prefix=O0 %s < %t.O0.dump
//
// RUN: %cc -O2 -o %t.O2 %s
// RUN: %t.O2 O2 > %t.O2.expected
// RUN: %meta %t.O2 -o %t.O2.meta.so
// RUN: %dump --frames %t.O2.meta.so > %t.O2.dump
// RUN: %dump-contains --subset %t.O2.expected %t.O2.dump
//
// At -O0 the parameters are spilled to the frame as well, and listed as
// params; a VLA has no fixed slot and is not listed.
// O0: frame with_params [
// O0-DAG: param count cfa-offset {{-[0-9]+}} size 4 type int
// O0-DAG: param scale cfa-offset {{-[0-9]+}} size 8 type double
// O0-DAG: param where cfa-offset {{-[0-9]+}} size 8 type struct point *
// O0: frame with_vla [
// O0-NOT: local vla
// O0: frame

#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

struct point { int x, y; };
struct record { char name[12]; struct point at; double weight; };

static int optimised;

static unsigned long link_vaddr(const void *p)
{
	Dl_info info;
	struct link_map *lm = NULL;
	if (!dladdr1(p, &info, (void **)&lm, RTLD_DL_LINKMAP) || !lm)
		return 0;
	return (unsigned long)((const char *)p - (const char *)lm->l_addr);
}

/* Keeps every local whose address it sees in memory, at -O2 too. */
__attribute__((noipa)) void sink(const void *p) { (void)p; }

#define FRAME(fn) printf("frame %s [0x%lx,...\n", #fn, link_vaddr((const void *)&fn))
#define SLOT(kind, var, tname) \
	printf("  %s %s cfa-offset %ld size %zu type %s\n", kind, #var, \
	       (long)((char *)&(var) - (char *)__builtin_dwarf_cfa()), sizeof(var), tname)

__attribute__((noipa)) int locals_of_every_shape(int seed)
{
	int scalar = seed;
	char buffer[10];
	struct point pt = { seed, seed + 1 };
	struct record rec;
	double matrix[2][3];
	long *ptr = (long *)&matrix;
	memset(buffer, seed, sizeof buffer);
	memset(&rec, 0, sizeof rec);
	sink(&scalar); sink(buffer); sink(&pt); sink(&rec); sink(matrix); sink(&ptr);
	FRAME(locals_of_every_shape);
	SLOT("local", scalar, "int");
	SLOT("local", buffer, "char[10]");
	SLOT("local", pt, "struct point");
	SLOT("local", rec, "struct record");
	SLOT("local", matrix, "double[2][3]");
	SLOT("local", ptr, "long *");
	return scalar + buffer[3] + pt.y + rec.name[0];
}

__attribute__((noipa)) int with_params(int count, double scale, struct point *where)
{
	int total = count;
	sink(&total);
	FRAME(with_params);
	if (!optimised) {
		SLOT("param", count, "int");
		SLOT("param", scale, "double");
		SLOT("param", where, "struct point *");
	}
	SLOT("local", total, "int");
	return total + (int)scale + (where ? where->x : 0);
}

__attribute__((noipa)) int with_blocks(int n)
{
	int outer = n;
	sink(&outer);
	FRAME(with_blocks);
	SLOT("local", outer, "int");
	if (n > 0) {
		struct point inner = { n, n };      /* lexical block */
		sink(&inner);
		/* Listed with the pc range of its block (not checked here). */
		SLOT("local", inner, "struct point...");
		outer += inner.y;
	}
	return outer;
}

__attribute__((noipa)) int with_vla(int n)
{
	int before = n;
	int vla[n];
	sink(&before);
	sink(vla);
	vla[0] = n;
	FRAME(with_vla);
	SLOT("local", before, "int");
	return vla[0] + before;
}

int main(int argc, char **argv)
{
	struct point p = { 1, 2 };
	optimised = argc > 1 && strcmp(argv[1], "O2") == 0;
	int r = locals_of_every_shape(3) + with_params(2, 1.5, &p) + with_blocks(4) + with_vla(2);
	return r == 0;
}
