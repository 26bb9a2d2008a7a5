// The plugin (GCC trees) and the meta-DSO generator (DWARF) must give every
// type the same identity (docs/type-identity.md).  Two corpora: the
// generator's (every kind of C type) and ours (the corner cases where trees
// and DWARF could disagree).  The plugin lists the identity of every tag,
// typedef and file-scope variable; each must be the identity the meta-DSO
// gives the same type (variables: the type of the same static).
//
// REQUIRES: plugin, dump
//
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-dump-typeids=%t.a.ids -c %S/../metadata/Inputs/type-corpus.c -o %t.a.o
// RUN: %dump --types %t.a.o > %t.a.types
// RUN: %dump --statics %t.a.o > %t.a.statics
// RUN: %python %S/Inputs/compare-typeids.py %t.a.ids %t.a.types %t.a.statics | FileCheck %s --check-prefix=CORPUS
// CORPUS-NOT: MISMATCH
// CORPUS: typeids agree: {{[1-9][0-9]+}} checked
//
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-dump-typeids=%t.b.ids -c %S/Inputs/type-corpus-extra.c -o %t.b.o
// RUN: %dump --types %t.b.o > %t.b.types
// RUN: %dump --statics %t.b.o > %t.b.statics
// RUN: %python %S/Inputs/compare-typeids.py %t.b.ids %t.b.types %t.b.statics | FileCheck %s --check-prefix=EXTRA
// EXTRA-NOT: MISMATCH
// EXTRA: typeids agree: 86 checked
//
// Options that change layouts or DWARF must not break agreement.
// RUN: %allocscheck-cc -O2 -gdwarf-4 -funsigned-char -fshort-enums -fplugin-arg-allocscheck-dump-typeids=%t.c.ids -c %S/Inputs/type-corpus-extra.c -o %t.c.o
// RUN: %dump --types %t.c.o > %t.c.types
// RUN: %dump --statics %t.c.o > %t.c.statics
// RUN: %python %S/Inputs/compare-typeids.py %t.c.ids %t.c.types %t.c.statics | FileCheck %s --check-prefix=EXTRA
// RUN: %allocscheck-cc -fpack-struct -std=gnu89 -fplugin-arg-allocscheck-dump-typeids=%t.d.ids -c %S/../metadata/Inputs/type-corpus.c -o %t.d.o
// RUN: %dump --types %t.d.o > %t.d.types
// RUN: %dump --statics %t.d.o > %t.d.statics
// RUN: %python %S/Inputs/compare-typeids.py %t.d.ids %t.d.types %t.d.statics | FileCheck %s --check-prefix=CORPUS
//
// The comparison itself must be able to fail: a wrong identity is reported.
// RUN: sed 's/^var g_point [0-9a-f]*/var g_point 0000000000000001/' %t.a.ids > %t.bad.ids
// RUN: not %python %S/Inputs/compare-typeids.py %t.bad.ids %t.a.types %t.a.statics | FileCheck %s --check-prefix=BAD
// BAD: MISMATCH var g_point: plugin 0000000000000001, meta-DSO {{[0-9a-f]+}} for struct point
// BAD: typeids disagree: 1 of
