// REQUIRES: dump
// A relocatable object has no meta-DSO: allocscheck-dump generates its
// metadata in memory from the object's DWARF.
// RUN: %cc -c %s -o %t.o
// RUN: %dump --types %t.o | FileCheck %s
// CHECK: type struct pair size 16 id {{[0-9a-f]+}} struct 2 members
// CHECK-NEXT:   member a offset 0 size 8 type long
// CHECK-NEXT:   member b offset 8 size 8 type double

struct pair { long a; double b; };
struct pair the_pair;
