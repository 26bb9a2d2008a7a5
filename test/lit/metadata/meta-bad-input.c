// REQUIRES: meta, dump
// allocscheck-meta refuses what it cannot describe with one clear line
// "allocscheck-meta: FILE: reason", exit status 1, and writes nothing.
// RUN: rm -rf %t.meta && mkdir %t.meta
// RUN: gcc -g0 -o %t.nodwarf %s
// RUN: env ALLOCS_META_DIR=%t.meta not %meta %t.nodwarf 2>&1 | FileCheck --check-prefix=NODWARF %s
// NODWARF: {{^}}allocscheck-meta: {{.*}}.nodwarf: no DWARF debug information (compile with -g){{$}}
// RUN: %cc -o %t %s && strip -o %t.stripped %t
// RUN: env ALLOCS_META_DIR=%t.meta not %meta %t.stripped 2>&1 | FileCheck --check-prefix=STRIPPED %s
// STRIPPED: {{^}}allocscheck-meta: {{.*}}.stripped: no DWARF debug information (compile with -g){{$}}
// RUN: %cc -Wl,--build-id=none -o %t.noid %s
// RUN: env ALLOCS_META_DIR=%t.meta not %meta %t.noid 2>&1 | FileCheck --check-prefix=NOID %s
// NOID: {{^}}allocscheck-meta: {{.*}}.noid: no GNU build-id (link with -Wl,--build-id){{$}}
// RUN: find %t.meta -type f | count 0
//
// Missing, not ELF (this source), empty, a directory, truncated.
// RUN: not %meta %t.missing -o %t.out 2>&1 | FileCheck --check-prefix=MISSING %s
// MISSING: {{^}}allocscheck-meta: {{.*}}.missing: No such file or directory{{$}}
// RUN: not %meta %s -o %t.out 2>&1 | FileCheck --check-prefix=NOTELF %s
// NOTELF: {{^}}allocscheck-meta: {{.*}}meta-bad-input.c: not an ELF file{{$}}
// RUN: : > %t.empty
// RUN: not %meta %t.empty -o %t.out 2>&1 | FileCheck --check-prefix=EMPTY %s
// EMPTY: {{^}}allocscheck-meta: {{.*}}.empty: not an ELF file{{$}}
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: not %meta %t.dir -o %t.out 2>&1 | FileCheck --check-prefix=DIR %s
// DIR: {{^}}allocscheck-meta: {{.*}}.dir: not a regular file{{$}}
// RUN: head -c 3000 %t > %t.trunc
// RUN: not %meta %t.trunc -o %t.out 2>&1 | FileCheck --check-prefix=TRUNC %s
// TRUNC: {{^}}allocscheck-meta: {{.*}}.trunc: truncated ELF file
// RUN: head -c 100 %t > %t.trunc100
// RUN: not %meta %t.trunc100 -o %t.out 2>&1 | FileCheck --check-prefix=TRUNC100 %s
// TRUNC100: {{^}}allocscheck-meta: {{.*}}.trunc100: {{.+$}}
// RUN: test ! -e %t.out
//
// A relocatable object has no meta-DSO (allocscheck-dump reads it directly).
// RUN: %cc -c -o %t.o %s
// RUN: not %meta %t.o -o %t.out 2>&1 | FileCheck --check-prefix=REL %s
// REL: {{^}}allocscheck-meta: {{.*}}.o: relocatable object
//
// The dump tool on the same bad binaries.
// RUN: not %dump %t.trunc 2>&1 | FileCheck --check-prefix=DUMP-TRUNC %s
// DUMP-TRUNC: {{^}}allocscheck-dump: {{.*}}.trunc: {{.*}}truncated
// RUN: not %dump --check %t.noid 2>&1 | FileCheck --check-prefix=DUMP-NOID %s
// DUMP-NOID: {{^}}allocscheck-dump: {{.*}}.noid: {{.*}}no GNU build-id
//
// Usage errors.
// RUN: not %meta 2>&1 | FileCheck --check-prefix=USAGE %s
// USAGE: usage: allocscheck-meta BINARY
// RUN: not %meta %t -o 2>&1 | FileCheck --check-prefix=NOOUT %s
// NOOUT: allocscheck-meta: -o needs a file name
// RUN: not %meta --frobnicate %t 2>&1 | FileCheck --check-prefix=OPTION %s
// OPTION: allocscheck-meta: unknown option --frobnicate

int main(void)
{
	return 0;
}
