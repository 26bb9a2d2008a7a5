// REQUIRES: meta
// Linking objects compiled without -g: exactly one warning, no meta-DSO,
// and the link still succeeds with a working program.
// RUN: rm -rf %t.meta && mkdir %t.meta
// RUN: env ALLOCS_META_DIR=%t.meta gcc -g0 -o %t %s %allocscheck-ldflags 2> %t.err
// RUN: FileCheck %s < %t.err
// CHECK: {{^}}allocscheck: warning: {{.*}}link-no-dwarf.c.tmp has no DWARF; no metadata (compile with -g){{$}}
// RUN: count 1 < %t.err
// RUN: find %t.meta -type f | count 0
// RUN: %t
//
// A relocatable link (-r) writes no metadata and no warning.
// RUN: env ALLOCS_META_DIR=%t.meta %cc -r -o %t.o %s %allocscheck-ldflags 2> %t.err
// RUN: count 0 < %t.err
// RUN: find %t.meta -type f | count 0
//
// Any other failure to write metadata is one warning too, with the reason.
// RUN: touch %t.file
// RUN: env ALLOCS_META_DIR=%t.file/meta %cc -o %t %s %allocscheck-ldflags 2> %t.err
// RUN: FileCheck --check-prefix=UNWRITABLE %s < %t.err
// UNWRITABLE: {{^}}allocscheck: warning: no metadata for {{.*}}link-no-dwarf.c.tmp: cannot create {{.*}}.file/meta{{.*}}: Not a directory{{$}}
// RUN: count 1 < %t.err
// RUN: %t
//
// A failed link keeps its diagnostics and exit status, and we add nothing.
// RUN: not env ALLOCS_META_DIR=%t.meta %cc -DBROKEN -o %t.broken %s %allocscheck-ldflags 2> %t.err
// RUN: FileCheck --check-prefix=BROKEN --implicit-check-not=allocscheck: %s < %t.err
// BROKEN: undefined reference to `no_such_function'
// RUN: find %t.meta -type f | count 0

#ifdef BROKEN
void no_such_function(void);
#endif

int main(void)
{
#ifdef BROKEN
	no_such_function();
#endif
	return 0;
}
