// DWARF constants in fixed-size data forms (DW_FORM_data1/2/4/8) must be
// read zero-extended: GCC writes every non-negative constant with
// add_AT_unsigned in the smallest data form that holds it, and only
// negative ones as DW_FORM_sdata.  Sign-extending them breaks positive
// enumerators of signed enums (200 is data1 0xc8, read as -56) and, worse,
// array bounds (char[200] has upper bound 199, data1 0xc7: read as a
// negative bound, the generator makes it char[0]).  The plugin uses the C
// values.
//
// REQUIRES: plugin, dump
//
// RUN: %allocscheck-cc -DDWARF_DATA_FORMS -fplugin-arg-allocscheck-dump-typeids=%t.ids -c %S/Inputs/type-corpus-extra.c -o %t.o
// RUN: %dump --types %t.o > %t.types
// RUN: %dump --statics %t.o > %t.statics
// RUN: %python %S/Inputs/compare-typeids.py %t.ids %t.types %t.statics
// RUN: FileCheck %s --input-file %t.types
// CHECK: type char[200] size 200
// CHECK: enumerator MS_200 = 200
// CHECK-NEXT: enumerator MS_40000 = 40000
// CHECK: type int[40000] size 160000
