// A cast whose operand is a byte pointer (char *, signed char *, unsigned
// char * or a typedef of one, directly or through casts to other pointer
// types) names the descriptor variant with ALLOCS_TD_FROM_BYTES ("_b"):
// lazy typing through it is soft.  A void * of other origin does not.
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -c %s -o %t.o -fdump-tree-original=%t.dump
// RUN: FileCheck %s --input-file %t.dump
typedef unsigned char u8;
struct node { int key; struct node *next; };

struct node *from_u8(u8 *z) { return (struct node *)&z[16]; }
// CHECK-LABEL: from_u8
// CHECK: __allocs_check_cast ({{.*}}, &__allocs_td_[[NODE:[0-9a-f]{16}]]_b,

struct node *from_char_via_void(char *c) { return (struct node *)(void *)c; }
// CHECK-LABEL: from_char_via_void
// CHECK: __allocs_check_cast ({{.*}}, &__allocs_td_[[NODE]]_b,

struct node *from_signed(signed char *c) { return (struct node *)(c + 1); }
// CHECK-LABEL: from_signed
// CHECK: __allocs_check_cast ({{.*}}, &__allocs_td_[[NODE]]_b,

struct node *from_void(void *v) { return (struct node *)v; }
// CHECK-LABEL: from_void
// CHECK: __allocs_check_cast ({{.*}}, &__allocs_td_[[NODE]], &__allocs_loc
