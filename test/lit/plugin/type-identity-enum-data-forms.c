// Enumerators of a signed enum that are non-negative but whose DWARF
// constant form is narrower than their value's significant bits (GCC writes
// 200 as DW_FORM_data1 0xc8 and 40000 as DW_FORM_data2 0x9c40; negative
// values use DW_FORM_sdata).  GCC's writer intends these forms to be
// zero-extended; the plugin uses the C value (200).  Expected to fail until
// the generator reads fixed-size data forms of enumerators zero-extended.
//
// REQUIRES: plugin, dump
// XFAIL: *
//
// RUN: %allocscheck-cc -DENUM_DATA_FORMS -fplugin-arg-allocscheck-dump-typeids=%t.ids -c %S/Inputs/type-corpus-extra.c -o %t.o
// RUN: %dump --types %t.o > %t.types
// RUN: %dump --statics %t.o > %t.statics
// RUN: %python %S/Inputs/compare-typeids.py %t.ids %t.types %t.statics
// RUN: grep -A3 '^type enum mixed_sign ' %t.types | FileCheck %s
// CHECK: enumerator MS_200 = 200
// CHECK: enumerator MS_40000 = 40000
