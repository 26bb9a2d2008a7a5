// Object-file form of the data the plugin emits (include/allocs-check.h):
// each type descriptor is a hidden COMDAT object in its own writable
// section and group, so a link keeps one per type; source locations are
// private read-only data.  Linking two units that use the same type keeps
// one descriptor.
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -c %s -o %t.o
// RUN: readelf -gW %t.o | FileCheck %s --check-prefix=GROUPS
// GROUPS: COMDAT group section [{{ *[0-9]+}}] `.group' [__allocs_td_[[ID:[0-9a-f]+]]] contains 2 sections:
// GROUPS: .data.allocs_typedesc.__allocs_td_[[ID]]{{$}}
// GROUPS: COMDAT group section {{.*}} [__allocs_td_[[ID2:[0-9a-f]+]]] contains 2 sections:
// GROUPS: .data.allocs_typedesc.__allocs_td_[[ID2]]{{$}}
// RUN: readelf -sW %t.o | FileCheck %s --check-prefix=SYMS
// SYMS-DAG: 40 OBJECT UNIQUE HIDDEN {{.*}} __allocs_td_09481992f3aeaf55
// SYMS-DAG: 40 OBJECT UNIQUE HIDDEN {{.*}} __allocs_td_e22fb419bdf155ea
// SYMS-DAG: 24 OBJECT LOCAL DEFAULT {{.*}} __allocs_loc.0
// SYMS-DAG: 24 OBJECT LOCAL DEFAULT {{.*}} __allocs_loc.1
// RUN: readelf -SW %t.o | FileCheck %s --check-prefix=SECTIONS
// SECTIONS: .data.allocs_typedesc.__allocs_td_{{[0-9a-f]+}} PROGBITS {{.*}} 000028 00 WAG 0 0 8
//
// RUN: %allocscheck-cc -c %s -o %t.2.o -DSECOND
// RUN: %cc -shared %t.o %t.2.o -o %t.so
// RUN: readelf -sW %t.so | grep -c '__allocs_td_09481992f3aeaf55' | FileCheck %s --check-prefix=ONE
// ONE: {{^1$}}

struct point { int x, y; };

#ifndef SECOND
struct point *to_point(void *v) { return (struct point *)v; }
int *to_int(void *v) { return (int *)v; }
#else
struct point *to_point_again(void *v) { return (struct point *)v; }
#endif
