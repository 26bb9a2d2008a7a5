// Functions defined in system headers are not instrumented (libc's inline
// helpers would otherwise be checked in every unit); the user's are.
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -isystem %S/Inputs/sysinclude -c %s -o %t.o -fdump-tree-original=%t.dump
// RUN: FileCheck %s --input-file %t.dump

#include <sys-inline.h>

// CHECK-LABEL: ;; Function sys_get
// CHECK-NOT: __allocs_check_cast
// CHECK-LABEL: ;; Function user_get
// CHECK: __allocs_check_cast ((const void *) v,
int user_get(void *v)
{
	return ((struct sys_thing *)v)->a + sys_get(v);
}
