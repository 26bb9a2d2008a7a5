// Instrumented code run against a stub checker (Inputs/stub-checker.c):
// the descriptors carry the identity the plugin computed (the same as the
// identity dump's), the type's name, size and kind; the source location
// names the cast; the converted value is unchanged and its operand
// evaluated once; one descriptor per type per linked object (two units
// share it, and its cache word); allocation results are noted.  At -O0 and
// at -O2, in an executable and in a shared library.  Only the type checks
// are compiled in (checks=types): the stub has no bounds entry points.
// At -O2 the pointer is provably &g_point, whose checks the optimised-code
// elision would remove (checks/elide-declared.c): no-cast-elision keeps them.
//
// REQUIRES: plugin
// RUN: %cc -I%S/../../../include -c %S/Inputs/stub-checker.c -o %t.stub.o
//
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -fplugin-arg-allocscheck-dump-typeids=%t.ids -c %s -o %t.main.o
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -c %S/Inputs/second-unit.c -o %t.second.o
// RUN: %cc %t.main.o %t.second.o %t.stub.o -o %t.exe
// RUN: %t.exe > %t.out
// RUN: cat %t.ids %t.out | FileCheck %s
//
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -fplugin-arg-allocscheck-no-cast-elision -O2 -c %s -o %t.main2.o
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -O2 -c %S/Inputs/second-unit.c -o %t.second2.o
// RUN: %cc %t.main2.o %t.second2.o %t.stub.o -o %t.exe2
// RUN: %t.exe2 > %t.out2
// RUN: cat %t.ids %t.out2 | FileCheck %s
//
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -fplugin-arg-allocscheck-no-cast-elision -O2 -fPIC -DAS_LIBRARY -c %s -o %t.lib.o
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -O2 -fPIC -c %S/Inputs/second-unit.c -o %t.lib2.o
// RUN: %cc -shared %t.lib.o %t.lib2.o -o %t.so
// RUN: %cc -fPIC -shared %t.stub.o -o %t.stub.so
// RUN: echo 'int instrumented_main(void); int main(void) { return instrumented_main(); }' > %t.driver.c
// RUN: %cc %t.driver.c %t.so %t.stub.so -Wl,-rpath,%T -o %t.exe3
// RUN: %t.exe3 > %t.out3
// RUN: cat %t.ids %t.out3 | FileCheck %s
// Descriptors are private to the linked object (hidden), not exported.
// RUN: nm -D %t.so | FileCheck %s --check-prefix=DYNSYM
// DYNSYM-NOT: __allocs_td_
// DYNSYM: U __allocs_check_cast
// DYNSYM-NOT: __allocs_td_

#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct point g_point = { 3, 4 };
struct opaque;                            /* incomplete here */
struct flex { int n; int data[]; };
int g_count;

int second_unit_get(void *v);

static void *counted(void *v)
{
	g_count++;
	return v;
}

#ifdef AS_LIBRARY
int instrumented_main(void)
#else
int main(void)
#endif
{
	void *v = &g_point;
	// CHECK: struct point [[POINT:[0-9a-f]+]]
	// CHECK: cast struct point id [[POINT]] size 8 kind 3 flags 0 degree 0 cache null desc [[DESC:0x[0-9a-f]+]]
	// CHECK-NEXT: at {{.*}}instrumented-run.c:[[@LINE+1]]:{{[0-9]+}} in {{(instrumented_)?}}main
	struct point *p = (struct point *)counted(v);
	printf("same pointer %d, operand evaluated %d time(s)\n", p == &g_point, g_count);
	// CHECK: same pointer 1, operand evaluated 1 time(s)

	// The second unit uses the same descriptor, already resolved.
	// CHECK: cast struct point id [[POINT]] size 8 kind 3 flags 0 degree 0 cache set desc [[DESC]]
	// CHECK-NEXT: at {{.*}}second-unit.c:6:{{[0-9]+}} in second_unit_get
	printf("second unit %d\n", second_unit_get(v));
	// CHECK: second unit 4

	// CHECK: alloc struct point id [[POINT]] size 8 kind 3 flags 0 degree 0
	// CHECK-NEXT: flags 2 non-null
	struct point *arr = calloc(4, sizeof *arr);
	// CHECK: alloc-out struct point id [[POINT]]
	// CHECK-NEXT: ret 0 non-null
	struct point *al;
	if (posix_memalign((void **)&al, 64, sizeof *al) != 0)
		return 1;
	// CHECK: cast int id e22fb419bdf155ea size 4 kind 1 flags 0
	int *ip = (int *)v;
	// CHECK: cast void * id 6fbe4ff91c7a4188 size 8 kind 6 flags 2 degree 1
	void **vpp = (void **)v;
	// Incomplete types are matched by name; flexible tails are flagged.
	// CHECK: cast struct opaque id {{[0-9a-f]+}} size 0 kind 8 flags 1 degree 0
	struct opaque *op = (struct opaque *)v;
	// CHECK: cast struct flex id {{[0-9a-f]+}} size 4 kind 3 flags 8 degree 0
	struct flex *fl = (struct flex *)v;
	printf("values %d %d %d %d\n", *ip, arr[3].x, vpp == v,
	       (void *)op == (void *)fl);
	// CHECK: values 3 0 1 1
	free(arr);
	free(al);
	return 0;
}
