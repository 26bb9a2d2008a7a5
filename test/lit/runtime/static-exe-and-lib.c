// Statics of the executable and of a shared library: exact base, size and
// type of globals, file-scope statics and function-static locals, also for
// interior pointers; the same struct type from both objects is one
// descriptor.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libstat.so %s %allocscheck-ldflags
// RUN: %cc -I%S/../../../include -o %t %s -L%t.d -lstat -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: %t | FileCheck %s

#include <stddef.h>
#include <stdio.h>

struct point { int x, y; };

#ifdef LIB
struct point lib_point = { 1, 2 };
static double lib_table[7];
void *lib_point_addr(void) { return &lib_point; }
void *lib_table_addr(void) { return lib_table; }
void *lib_counter_addr(void) { static long counter; return &counter; }
#else
#include "allocs.h"

void *lib_point_addr(void);
void *lib_table_addr(void);
void *lib_counter_addr(void);

struct point exe_point = { 3, 4 };
char exe_name[13] = "name";
static long exe_counts[5];
struct node { struct node *next; int v; } exe_nodes[3];

static int *function_static(void) { static int calls; calls++; return &calls; }

static const struct uniqtype *show(const char *what, void *p, void *base, size_t size)
{
	struct allocs_info i;
	int r = allocs_lookup(p, &i);
	printf("%s: r=%d kind=%s base=%s size=%s type=%s\n", what, r, allocs_kind_name(i.kind),
	       i.base == base ? "ok" : "WRONG", i.size == size ? "ok" : "WRONG",
	       allocs_type_name(i.type));
	return i.type;
}

int main(void)
{
	const struct uniqtype *exe_pt =
	show("exe_point", &exe_point, &exe_point, sizeof exe_point);
	// CHECK: exe_point: r=0 kind=static base=ok size=ok type=struct point
	show("exe_point.y", &exe_point.y, &exe_point, sizeof exe_point);
	// CHECK: exe_point.y: r=0 kind=static base=ok size=ok type=struct point
	show("exe_name", exe_name, exe_name, sizeof exe_name);
	// CHECK: exe_name: r=0 kind=static base=ok size=ok type=char[13]
	show("exe_counts[4]", &exe_counts[4], exe_counts, sizeof exe_counts);
	// CHECK: exe_counts[4]: r=0 kind=static base=ok size=ok type=long[5]
	show("exe_nodes", &exe_nodes[1].v, exe_nodes, sizeof exe_nodes);
	// CHECK: exe_nodes: r=0 kind=static base=ok size=ok type=struct node[3]
	show("function_static", function_static(), function_static(), sizeof(int));
	// CHECK: function_static: r=0 kind=static base=ok size=ok type=int

	const struct uniqtype *lib_pt =
	show("lib_point", lib_point_addr(), lib_point_addr(), sizeof(struct point));
	// CHECK: lib_point: r=0 kind=static base=ok size=ok type=struct point
	show("lib_table+3", (double *)lib_table_addr() + 3, lib_table_addr(), 7 * sizeof(double));
	// CHECK: lib_table+3: r=0 kind=static base=ok size=ok type=double[7]
	show("lib_counter", lib_counter_addr(), lib_counter_addr(), sizeof(long));
	// CHECK: lib_counter: r=0 kind=static base=ok size=ok type=long

	printf("same struct point descriptor: %s\n", exe_pt && exe_pt == lib_pt ? "yes" : "no");
	// CHECK: same struct point descriptor: yes
	return 0;
}
#endif
