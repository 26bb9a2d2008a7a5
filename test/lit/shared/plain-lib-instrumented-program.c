// An instrumented program using a library built without allocscheck (but
// with -g).  Without metadata the library's objects are unknown: checks on
// them pass and are counted as unknown, nothing breaks.  After
// `allocscheck-meta libfoo.so` writes its meta-DSO post hoc (into
// ALLOCS_META_DIR, where the runtime looks), the same binaries run with the
// library's statics typed: lookups give their types and a wrong cast of
// one is caught.  Its heap chunks are indexed (the runtime interposes
// malloc for every object) but stay untyped: allocation sites are typed by
// the plugin.
// REQUIRES: plugin, runtime, meta
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -O0 -DLIB -shared -fPIC %s -o %t.d/libfoo.so
// RUN: %allocscheck-cc -O0 -I%S/../../../include %s -o %t.d/prog -L%t.d -lfoo -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: env ALLOCS_META_DIR=%t.d/meta ALLOCS_CHECK=abort %t.d/prog > %t.d/before 2>&1
// RUN: FileCheck --check-prefix=BEFORE %s < %t.d/before
// BEFORE-DAG: static: r=-1 kind=unknown size=0 type=(unknown type) at-element-1=no
// BEFORE-DAG: heap: r=0 kind=heap size=24 type=(unknown type)
// BEFORE-DAG: done
// BEFORE-DAG: summary: 1 checks, 0 passed, 0 failed, 1 unknown
//
// RUN: env ALLOCS_META_DIR=%t.d/meta %meta %t.d/libfoo.so
// RUN: test -f "$(%meta-path %t.d/libfoo.so %t.d/meta)"
// RUN: env ALLOCS_META_DIR=%t.d/meta ALLOCS_CHECK=warn %t.d/prog > %t.d/after 2>&1
// RUN: FileCheck --check-prefix=AFTER %s < %t.d/after
// AFTER-DAG: static: r=0 kind=static size=48 type=struct rec[2] at-element-1=yes
// AFTER-DAG: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct pt *`
// AFTER-DAG: memory: static allocation [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) of 48 bytes, type `struct rec[2]`, the variable `foo_table`
// AFTER-DAG: summary: 1 checks, 0 passed, 1 failed, 0 unknown
#include <stdio.h>
#include <stdlib.h>

struct rec { long key; int vals[4]; };
struct pt { double x, y; };

#ifdef LIB
struct rec foo_table[2];
void *foo_static(void) { return &foo_table[1]; }
void *foo_heap(void) { return calloc(1, sizeof(struct rec)); }
#else
#include "allocs.h"
void *foo_static(void);
void *foo_heap(void);

int main(void)
{
	struct allocs_info in;
	void *s = foo_static(), *h = foo_heap();
	int r = allocs_lookup(s, &in);
	printf("static: r=%d kind=%s size=%zu type=%s at-element-1=%s\n", r, allocs_kind_name(in.kind),
	       in.size, allocs_type_name(in.type),
	       r == 0 && (char *)s - (char *)in.base == sizeof(struct rec) ? "yes" : "no");
	r = allocs_lookup(h, &in);
	printf("heap: r=%d kind=%s size=%zu type=%s\n", r, allocs_kind_name(in.kind), in.size,
	       allocs_type_name(in.type));
	struct pt *p = (struct pt *)s;
	printf("done %d\n", p != NULL);
	free(h);
	return 0;
}
#endif
