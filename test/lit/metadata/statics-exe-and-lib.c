// REQUIRES: meta, dump
// Statics of an executable (PIE and not) and of a shared library: globals,
// file statics, function statics ("fn::var"), read-only and zero-filled
// data.  The program prints the lines it expects, each address being &var
// minus its object's load base (l_addr, from dladdr1): the meta-DSO's
// addresses are link-time addresses, relative for PIE/DSOs, absolute
// otherwise.  Each meta-DSO lists its own binary's statics only.
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libstatics.so %s
// RUN: %cc -o %t.d/pie %s -L%t.d -lstatics -Wl,-rpath,%t.d
// RUN: %cc -no-pie -fno-pie -o %t.d/nopie %s -L%t.d -lstatics -Wl,-rpath,%t.d
//
// RUN: %t.d/pie exe > %t.d/pie.expected
// RUN: %meta %t.d/pie -o %t.d/pie.meta.so
// RUN: %dump --statics %t.d/pie.meta.so > %t.d/pie.dump
// RUN: %dump-contains %t.d/pie.expected %t.d/pie.dump
// RUN: FileCheck --check-prefix=EXE %s < %t.d/pie.dump
//
// RUN: %t.d/nopie exe > %t.d/nopie.expected
// RUN: %meta %t.d/nopie -o %t.d/nopie.meta.so
// RUN: %dump --statics %t.d/nopie.meta.so > %t.d/nopie.dump
// RUN: %dump-contains %t.d/nopie.expected %t.d/nopie.dump
// RUN: FileCheck --check-prefix=EXE %s < %t.d/nopie.dump
// The header says which: fixed (absolute) for non-PIE, pic otherwise.
// RUN: %dump %t.d/nopie.meta.so | FileCheck --check-prefix=FIXED %s
// RUN: %dump %t.d/pie.meta.so | FileCheck --check-prefix=PIC %s
//
// RUN: %t.d/pie lib > %t.d/lib.expected
// RUN: %meta %t.d/libstatics.so -o %t.d/lib.meta.so
// RUN: %dump --statics %t.d/lib.meta.so > %t.d/lib.dump
// RUN: %dump-contains %t.d/lib.expected %t.d/lib.dump
// RUN: FileCheck --check-prefix=LIB %s < %t.d/lib.dump
// RUN: %dump %t.d/lib.meta.so | FileCheck --check-prefix=PIC %s
// The library is loaded at the same place from both executables' view.
// RUN: %t.d/nopie lib | cmp - %t.d/lib.expected

// EXE-NOT: name lib_
// EXE-NOT: name {{.*}}::lib_
// LIB-NOT: name exe_
// LIB-NOT: name main::
// FIXED: {{^}}meta-dso {{.*}} fixed vaddr [0x400000,
// PIC: {{^}}meta-dso {{.*}} pic vaddr [0x0,

#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

struct pair { long a; char b; };

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

#define STATIC(var, tname, name) \
	printf("static 0x%lx size %zu type %s name %s\n", link_vaddr(&(var)), sizeof(var), tname, name)

#ifdef LIB
int lib_int = 7;
struct pair lib_pairs[4];
static const char lib_message[] = "hello";
static double lib_file_static;

static long *lib_counter(void)
{
	static long lib_hits;
	++lib_hits;
	return &lib_hits;
}

void lib_expected(void)
{
	STATIC(lib_int, "int", "lib_int");
	STATIC(lib_pairs, "struct pair[4]", "lib_pairs");
	STATIC(lib_message, "char[6]", "lib_message");
	STATIC(lib_file_static, "double", "lib_file_static");
	STATIC(*lib_counter(), "long", "lib_counter::lib_hits");
}
#else
void lib_expected(void);

int exe_int = 1;
double exe_zeroes[3];
const long exe_const = 5;
static char exe_file_static[5] = "abc";
struct pair exe_pair;
char *exe_strp = "str";
unsigned char exe_matrix[2][3];

static struct pair *exe_memo(void)
{
	static struct pair memo;
	memo.a++;
	return &memo;
}

int main(int argc, char **argv)
{
	static int calls;
	if (argc > 1 && strcmp(argv[1], "lib") == 0) {
		lib_expected();
		return 0;
	}
	calls++;
	STATIC(exe_int, "int", "exe_int");
	STATIC(exe_zeroes, "double[3]", "exe_zeroes");
	STATIC(exe_const, "long", "exe_const");
	STATIC(exe_file_static, "char[5]", "exe_file_static");
	STATIC(exe_pair, "struct pair", "exe_pair");
	STATIC(exe_strp, "char *", "exe_strp");
	STATIC(exe_matrix, "unsigned char[2][3]", "exe_matrix");
	STATIC(*exe_memo(), "struct pair", "exe_memo::memo");
	STATIC(calls, "int", "main::calls");
	return 0;
}
#endif
