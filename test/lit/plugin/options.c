// Plugin arguments are parsed strictly: a misspelt key must not silently
// leave code uninstrumented.  `disable` loads the plugin and does nothing;
// -v lists the plugin's version, --help -v its options.
//
// REQUIRES: plugin
// RUN: not %allocscheck-cc -c %s -o %t.o -fplugin-arg-allocscheck-bogus 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: unknown option '-fplugin-arg-allocscheck-bogus'; valid keys: disable, no-cast-checks, no-alloc-types, alloc-fns=..., {{.*}}dump-typeids=...
// RUN: not %allocscheck-cc -c %s -o %t.o -fplugin-arg-allocscheck-dump-typeids 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: error: option '-fplugin-arg-allocscheck-dump-typeids' needs a value
// RUN: not %allocscheck-cc -c %s -o %t.o -fplugin-arg-allocscheck-disable=yes 2>&1 | FileCheck %s --check-prefix=HASVAL
// HASVAL: error: option '-fplugin-arg-allocscheck-disable' takes no value
//
// RUN: %allocscheck-cc -c %s -o %t.o -fdump-tree-original=%t.on.dump
// RUN: FileCheck %s --input-file %t.on.dump --check-prefix=ON
// ON: __allocs_check_cast
// RUN: %allocscheck-cc -c %s -o %t.o -fplugin-arg-allocscheck-disable -fdump-tree-original=%t.off.dump
// RUN: FileCheck %s --input-file %t.off.dump --check-prefix=OFF
// RUN: %allocscheck-cc -c %s -o %t.o -fplugin-arg-allocscheck-no-cast-checks -fdump-tree-original=%t.nocast.dump
// RUN: FileCheck %s --input-file %t.nocast.dump --check-prefix=OFF
// OFF-NOT: __allocs_check_cast
//
// RUN: %allocscheck-cc -c %s -o %t.o -v 2>&1 | FileCheck %s --check-prefix=VERSION
// VERSION: Versions of loaded plugins:
// VERSION-NEXT: allocscheck: {{[0-9]+\.[0-9]+\.[0-9]+}}
// RUN: %allocscheck-cc -c %s -o %t.o --help -v 2>&1 | FileCheck %s --check-prefix=HELP
// HELP: Help for the loaded plugins:
// HELP: allocscheck: type and bounds checking for C
// HELP: dump-typeids=VALUE:
//
// Only C is instrumented; C++ compiles unchanged, with a note.
// RUN: %allocscheck-cc -x c++ -c %s -o %t.cxx.o -fdump-tree-original=%t.cxx.dump 2>&1 | FileCheck %s --check-prefix=CXX
// CXX: note: allocscheck: only C is instrumented; nothing done for GNU C++
// RUN: FileCheck %s --input-file %t.cxx.dump --check-prefix=OFF

struct point { int x, y; };

int get_x(void *v)
{
	return ((struct point *)v)->x;
}
