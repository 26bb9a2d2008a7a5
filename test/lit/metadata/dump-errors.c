// REQUIRES: meta, dump
// Malformed input never crashes allocscheck-dump: one line
// "allocscheck-dump: FILE: reason" and exit status 1.
// RUN: %cc -o %t %s
// RUN: %meta %t -o %t.meta.so
//
// Not ELF (this source file), empty, missing, a directory.
// RUN: not %dump %s 2>&1 | FileCheck --check-prefix=NOTELF %s
// NOTELF: allocscheck-dump: {{.*}}dump-errors.c: not an ELF file
// RUN: : > %t.empty
// RUN: not %dump %t.empty 2>&1 | FileCheck --check-prefix=EMPTY %s
// EMPTY: allocscheck-dump: {{.*}}.empty: not an ELF file
// RUN: not %dump %t.missing 2>&1 | FileCheck --check-prefix=MISSING %s
// MISSING: allocscheck-dump: {{.*}}.missing: No such file or directory
//
// A truncated meta-DSO.
// RUN: head -c 2000 %t.meta.so > %t.trunc
// RUN: not %dump %t.trunc 2>&1 | FileCheck --check-prefix=TRUNC %s
// TRUNC: allocscheck-dump: {{.*}}.trunc: {{.*}}truncated
//
// A binary whose meta-DSO is nowhere: says where it looked.
// RUN: rm -rf %t.none && mkdir %t.none
// RUN: env ALLOCS_META_DIR=%t.none ALLOCS_META_PATH=%t.p not %dump %t 2>&1 | FileCheck --check-prefix=NOTFOUND %s
// NOTFOUND: allocscheck-dump: {{.*}}: no meta-DSO for build-id {{[0-9a-f]+}} (looked in: {{.*}}.p/{{[0-9a-f][0-9a-f]}}/{{[0-9a-f]+}}.meta.so (not found); {{.*}}.none/{{.*}}.meta.so (not found)
//
// Another format version, and corrupt tables (patched in the bare blob,
// then put back into the meta-DSO).
// RUN: objcopy -O binary --only-section=.allocs_meta %t.meta.so %t.blob
// RUN: cp %t.blob %t.v2 && printf '\002' | dd of=%t.v2 bs=1 seek=8 conv=notrunc 2>/dev/null
// RUN: not %dump %t.v2 2>&1 | FileCheck --check-prefix=VERSION %s
// RUN: objcopy --update-section .allocs_meta=%t.v2 %t.meta.so %t.v2.so
// RUN: not %dump %t.v2.so 2>&1 | FileCheck --check-prefix=VERSION %s
// VERSION: allocscheck-dump: {{.*}}: meta-DSO format version 2, expected 1
// Members table count (header: 8+4+4+8+4+4+64+4+4+8+8 = 120, tables of 16 bytes,
// count at +8 of the second) set to 0x01000000.
// RUN: cp %t.blob %t.tab && printf '\000\000\000\001' | dd of=%t.tab bs=1 seek=144 conv=notrunc 2>/dev/null
// RUN: not %dump %t.tab 2>&1 | FileCheck --check-prefix=TABLE %s
// TABLE: allocscheck-dump: {{.*}}: corrupt metadata: members table {{.*}} outside blob
//
// An ELF file without the section that is not a binary either: a core-like
// ET_NONE file is refused by type; a relocatable object without -g says so.
// RUN: %cc -g0 -c %s -o %t.nodebug.o
// RUN: not %dump %t.nodebug.o 2>&1 | FileCheck --check-prefix=NODEBUG %s
// NODEBUG: allocscheck-dump: {{.*}}.nodebug.o: {{.*}}debug
//
// Usage errors exit 2.
// RUN: not %dump 2>&1 | FileCheck --check-prefix=USAGE %s
// RUN: not %dump --bogus %t 2>&1 | FileCheck --check-prefix=USAGE %s
// USAGE: usage: allocscheck-dump

int main(void)
{
	return 0;
}
