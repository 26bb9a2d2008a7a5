// REQUIRES: meta, dump
// Library variables an executable takes over through copy relocations get
// one static each in the executable's meta-DSO, at the relocation's address
// (the executable's .bss), sized by the dynamic symbol and typed by the
// executable's DWARF declaration.  Cases: a complete declaration, an
// incomplete one (`int lib_table[]`: type int[], size from the symbol), a
// block-scope declaration, and a variable declared only in a unit built
// without -g (no type).  The program prints the lines it expects, each
// address being &var minus the executable's load base.
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libcopy.so %s
// RUN: %cc -g0 -DNODEBUG -c -o %t.d/nodebug.o %s
// RUN: %cc -o %t.d/pie %s %t.d/nodebug.o -L%t.d -lcopy -Wl,-rpath,%t.d
// RUN: %cc -no-pie -fno-pie -o %t.d/nopie %s %t.d/nodebug.o -L%t.d -lcopy -Wl,-rpath,%t.d
//
// RUN: readelf -rW %t.d/pie | FileCheck --check-prefix=RELOC %s
// RUN: %t.d/pie > %t.d/pie.expected
// RUN: %meta %t.d/pie -o %t.d/pie.meta.so
// RUN: %dump --statics %t.d/pie.meta.so > %t.d/pie.dump
// RUN: %dump-contains %t.d/pie.expected %t.d/pie.dump
// RUN: FileCheck --check-prefix=DUMP %s < %t.d/pie.dump
// RUN: FileCheck --check-prefix=ONCE %s < %t.d/pie.dump
// RUN: %dump --check %t.d/pie %t.d/pie.meta.so
//
// RUN: readelf -rW %t.d/nopie | FileCheck --check-prefix=RELOC %s
// RUN: %t.d/nopie > %t.d/nopie.expected
// RUN: %meta %t.d/nopie -o %t.d/nopie.meta.so
// RUN: %dump --statics %t.d/nopie.meta.so > %t.d/nopie.dump
// RUN: %dump-contains %t.d/nopie.expected %t.d/nopie.dump
// RUN: FileCheck --check-prefix=DUMP %s < %t.d/nopie.dump
// RUN: FileCheck --check-prefix=ONCE %s < %t.d/nopie.dump
// RUN: %dump --check %t.d/nopie %t.d/nopie.meta.so
//
// The library lists its own definitions, whatever executables do.
// RUN: %meta %t.d/libcopy.so -o %t.d/lib.meta.so
// RUN: %dump --statics %t.d/lib.meta.so | FileCheck --check-prefix=LIB %s

// RELOC-DAG: R_X86_64_COPY {{.*}} lib_point
// RELOC-DAG: R_X86_64_COPY {{.*}} lib_table
// RELOC-DAG: R_X86_64_COPY {{.*}} lib_inner
// RELOC-DAG: R_X86_64_COPY {{.*}} lib_nodebug
// libc's stdout is relocated too; each variable is listed once.
// DUMP-DAG: type ? name lib_nodebug
// DUMP-DAG: type struct _IO_FILE * name stdout
// ONCE: name lib_point
// ONCE-NOT: name lib_point
// LIB-DAG: type struct point name lib_point
// LIB-DAG: type int[5] name lib_table
// LIB-DAG: type short name lib_inner
// LIB-DAG: type long name lib_nodebug

#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>

struct point { int x, y; };
#define TABLE_N 5

#if defined(LIB)
struct point lib_point = { 1, 2 };
int lib_table[TABLE_N] = { 1, 2, 3, 4, 5 };
short lib_inner = 3;
long lib_nodebug = 4;
#elif defined(NODEBUG)
extern long lib_nodebug;
long *nodebug_addr(void) { return &lib_nodebug; }
#else
extern struct point lib_point;
extern int lib_table[];
long *nodebug_addr(void);

/* The link-time address of p: p minus the load base of its object. */
static unsigned long link_vaddr(const void *p)
{
	Dl_info info;
	struct link_map *lm = NULL;
	if (!dladdr1(p, &info, (void **)&lm, RTLD_DL_LINKMAP) || !lm) {
		fprintf(stderr, "dladdr1 failed for %p\n", p);
		return 0;
	}
	return (unsigned long)((const char *)p - (const char *)lm->l_addr);
}

#define STATIC(addr, size, tname, name) \
	printf("static 0x%lx size %zu type %s name %s\n", link_vaddr(addr), (size_t)(size), tname, name)

int main(void)
{
	extern short lib_inner;
	FILE *out = stdout;
	STATIC(&lib_point, sizeof lib_point, "struct point", "lib_point");
	STATIC(lib_table, TABLE_N * sizeof lib_table[0], "int[]", "lib_table");
	STATIC(&lib_inner, sizeof lib_inner, "short", "lib_inner");
	STATIC(nodebug_addr(), sizeof(long), "?", "lib_nodebug");
	fflush(out);
	return 0;
}
#endif
