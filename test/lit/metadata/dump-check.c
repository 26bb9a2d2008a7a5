// REQUIRES: meta, dump
// allocscheck-dump --check BINARY [META]: the meta-DSO must carry BINARY's
// build-id and describe addresses inside BINARY's PT_LOAD segments.
// RUN: %cc -o %t %s
// RUN: %cc -DOTHER -o %t.other %s
// RUN: %meta %t -o %t.meta.so
// RUN: %dump --check %t %t.meta.so | FileCheck --check-prefix=OK %s
// OK: allocscheck-dump: {{.*}}: ok: {{.*}}.meta.so matches (build-id, {{[1-9][0-9]*}} statics, {{[1-9][0-9]*}} frames
//
// Found by build-id when META is not given.
// RUN: rm -rf %t.root
// RUN: env ALLOCS_META_DIR=%t.root %meta %t
// RUN: env ALLOCS_META_DIR=%t.root %dump --check %t | FileCheck --check-prefix=OK %s
//
// A meta-DSO of another binary is refused.
// RUN: not %dump --check %t.other %t.meta.so 2>&1 | FileCheck --check-prefix=MISMATCH %s
// MISMATCH: allocscheck-dump: {{.*}}.other: build-id mismatch: binary {{[0-9a-f]+}}, meta-DSO {{.*}}.meta.so has {{[0-9a-f]+}} (stale or foreign)
//
// A file at the right path but describing another binary is never used.
// RUN: %meta %t.other -o %t.other.meta.so
// RUN: rm -rf %t.stale && mkdir -p "$(dirname "$(%meta-path %t %t.stale)")"
// RUN: cp %t.other.meta.so "$(%meta-path %t %t.stale)"
// RUN: env ALLOCS_META_DIR=%t.stale not %dump --statics %t 2>&1 | FileCheck --check-prefix=STALE %s
// STALE: allocscheck-dump: {{.*}}: no meta-DSO for build-id {{[0-9a-f]+}} (looked in: {{.*}}.meta.so (build-id differs: stale or foreign)
//
// So is one that is not found.
// RUN: env ALLOCS_META_DIR=%t.root not %dump --check %t.other 2>&1 | FileCheck --check-prefix=NONE %s
// NONE: allocscheck-dump: {{.*}}.other: no meta-DSO for build-id

int counter;
#ifdef OTHER
int other_counter;
#endif

int main(void)
{
	return counter;
}
