// REQUIRES: meta, dump
// A binary built without allocscheck's flags (but with -g) gets its
// meta-DSO after the fact: allocscheck-meta BINARY writes it under
// ALLOCS_META_DIR by build-id, where the tools (and the runtime) find it.
// RUN: rm -rf %t.meta %t.elsewhere && mkdir %t.meta
// RUN: %cc -o %t %s
// RUN: env ALLOCS_META_DIR=%t.meta not %dump %t 2>&1 | FileCheck --check-prefix=NONE %s
// NONE: allocscheck-dump: {{.*}}: no meta-DSO for build-id
//
// RUN: env ALLOCS_META_DIR=%t.meta %meta %t
// RUN: test -f "$(%meta-path %t %t.meta)"
// RUN: find %t.meta -type f | count 1
// RUN: env ALLOCS_META_DIR=%t.meta %dump --check %t | FileCheck --check-prefix=OK %s
// OK: allocscheck-dump: {{.*}}: ok:
// RUN: env ALLOCS_META_DIR=%t.meta %dump --statics %t | FileCheck --check-prefix=STATICS %s
// STATICS: type struct posthoc[3] name posthoc_table
//
// Generation is reproducible: the same binary gives the same bytes.
// RUN: env ALLOCS_META_DIR=%t.meta %meta %t -o %t.again.meta.so
// RUN: cmp %t.again.meta.so "$(%meta-path %t %t.meta)"
//
// Moved to another root, it is found through ALLOCS_META_PATH.
// RUN: mv %t.meta %t.elsewhere && mkdir %t.meta
// RUN: env ALLOCS_META_DIR=%t.meta ALLOCS_META_PATH=%t.elsewhere %dump --check %t | FileCheck --check-prefix=OK %s
//
// A shared library, post hoc too.
// RUN: %cc -shared -fPIC -o %t.so %s
// RUN: env ALLOCS_META_DIR=%t.meta %meta %t.so
// RUN: env ALLOCS_META_DIR=%t.meta %dump --check %t.so | FileCheck --check-prefix=OK %s

struct posthoc { int id; const char *label; };
struct posthoc posthoc_table[3];

int main(void)
{
	return posthoc_table[0].id;
}
