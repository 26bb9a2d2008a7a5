// REQUIRES: meta, dump
// A meta-DSO is used only for the binary whose build-id it records: after a
// relink (new build-id), the old meta-DSO put under the new build-id's name
// is refused by the lookup and by --check, never silently used.
// RUN: rm -rf %t.meta && mkdir %t.meta
// RUN: %cc -o %t %s
// RUN: env ALLOCS_META_DIR=%t.meta %meta %t
// RUN: cp "$(%meta-path %t %t.meta)" %t.old.meta.so
// RUN: %cc -DRELINKED -o %t %s
// RUN: mkdir -p "$(dirname "$(%meta-path %t %t.meta)")"
// RUN: cp %t.old.meta.so "$(%meta-path %t %t.meta)"
// RUN: env ALLOCS_META_DIR=%t.meta not %dump %t 2>&1 | FileCheck --check-prefix=STALE %s
// RUN: env ALLOCS_META_DIR=%t.meta not %dump --check %t 2>&1 | FileCheck --check-prefix=STALE %s
// STALE: allocscheck-dump: {{.*}}: no meta-DSO for build-id {{[0-9a-f]+}} (looked in: {{.*}}.meta.so (build-id differs: stale or foreign)
// RUN: not %dump --check %t %t.old.meta.so 2>&1 | FileCheck --check-prefix=MISMATCH %s
// MISMATCH: build-id mismatch
//
// Regenerating replaces it, and then it is accepted.
// RUN: env ALLOCS_META_DIR=%t.meta %meta %t
// RUN: env ALLOCS_META_DIR=%t.meta %dump --check %t | FileCheck --check-prefix=OK %s
// OK: allocscheck-dump: {{.*}}: ok:
// RUN: env ALLOCS_META_DIR=%t.meta %dump --statics %t | FileCheck --check-prefix=NEW %s
// NEW: name relinked_only

int shared_by_both;
#ifdef RELINKED
int relinked_only;
#endif

int main(void)
{
	return shared_by_both;
}
