// Every conversion to a pointer type that could be wrong is checked:
// explicit casts, implicit conversions (initialisation, assignment,
// argument, return), integer-to-pointer casts and function-pointer casts.
// The checked operand is evaluated inside the call, exactly once.
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -c %s -o %t.o -fdump-tree-original=%t.dump -fdump-tree-gimple=%t.gimple
// RUN: FileCheck %s --input-file %t.dump
// RUN: FileCheck %s --input-file %t.gimple --check-prefix=GIMPLE
// RUN: %allocscheck-cc -O2 -c %s -o %t.o2.o -fdump-tree-original=%t.o2.dump -fdump-tree-gimple=%t.o2.gimple
// RUN: FileCheck %s --input-file %t.o2.dump
// RUN: FileCheck %s --input-file %t.o2.gimple --check-prefix=GIMPLE
// (The original dump shows each initialised local twice, so counts are
// checked on the GIMPLE dump.)

#include <stdint.h>

struct point { int x, y; };
struct node { struct node *next; int value; };
typedef struct point point_t;

void take_point(struct point *p);
void *next_object(void);

// CHECK-LABEL: ;; Function explicit_cast
// CHECK: (struct point *) __allocs_check_cast ((const void *) v, &__allocs_td_[[POINT:[0-9a-f]{16}]], &__allocs_loc.{{[0-9]+}});
struct point *explicit_cast(void *v)
{
	return (struct point *)v;
}

// CHECK-LABEL: ;; Function implicit_init
// CHECK: struct point * p = (struct point *) __allocs_check_cast ((const void *) v, &__allocs_td_[[POINT]], &__allocs_loc.{{[0-9]+}});
int implicit_init(void *v)
{
	struct point *p = v;
	return p->x;
}

// CHECK-LABEL: ;; Function implicit_assign_arg_return
// CHECK: n = (struct node *) __allocs_check_cast ((const void *) v, &__allocs_td_[[NODE:[0-9a-f]{16}]],
// CHECK: take_point ((struct point *) __allocs_check_cast ((const void *) v, &__allocs_td_[[POINT]],
// CHECK: return (struct point *) __allocs_check_cast ((const void *) n, &__allocs_td_[[POINT]],
struct point *implicit_assign_arg_return(void *v)
{
	struct node *n;
	n = v;
	take_point(v);
	return (struct point *)n;
}

// A typedef names the same type: one descriptor.
// CHECK-LABEL: ;; Function through_typedef
// CHECK: __allocs_check_cast ((const void *) v, &__allocs_td_[[POINT]],
point_t *through_typedef(void *v)
{
	return (point_t *)v;
}

// Side effects stay where they were and happen once: the operand is the
// call's argument, not copied.
// CHECK-LABEL: ;; Function side_effects
// CHECK: (struct point *) __allocs_check_cast ((const void *) next_object (), &__allocs_td_[[POINT]],
// CHECK: (struct node *) __allocs_check_cast ((const void *) *vpp++ , &__allocs_td_[[NODE]]_b,
// GIMPLE-LABEL: int side_effects (
// GIMPLE-NOT: next_object
// GIMPLE: [[OBJ:_[0-9]+]] = next_object ();
// GIMPLE-NEXT: p = __allocs_check_cast ([[OBJ]], &__allocs_td_{{[0-9a-f]+}}, &__allocs_loc.{{[0-9]+}});
// GIMPLE-NOT: next_object
// GIMPLE: = *vpp;
// GIMPLE-NEXT: [[OLD:_[0-9]+]] = _{{[0-9]+}};
// GIMPLE-NEXT: [[NEW:_[0-9]+]] = [[OLD]] + 1;
// GIMPLE-NEXT: *vpp = [[NEW]];
// GIMPLE-NEXT: n = __allocs_check_cast ([[OLD]], &__allocs_td_
// GIMPLE-NOT: next_object
// GIMPLE: return
int side_effects(char **vpp)
{
	struct point *p = (struct point *)next_object();
	struct node *n = (struct node *)(*vpp)++;
	return p->x + n->value;
}

// Casts of casts: the front end folds them into one conversion, checked
// against the final type.
// CHECK-LABEL: ;; Function cast_chain
// CHECK: return (struct node *) __allocs_check_cast ((const void *) v, &__allocs_td_[[NODE]], &__allocs_loc.{{[0-9]+}});
struct node *cast_chain(void *v)
{
	return (struct node *)(struct point *)v;
}

// Integer to pointer: checked (unless a constant).
// CHECK-LABEL: ;; Function from_integer
// CHECK: (struct point *) __allocs_check_cast ((const void *) addr, &__allocs_td_[[POINT]],
// GIMPLE-LABEL: from_integer (
// GIMPLE-NOT: __allocs_check_cast
// GIMPLE: __allocs_check_cast (
// GIMPLE-NOT: __allocs_check_cast
// GIMPLE: return
struct point *from_integer(uintptr_t addr)
{
	struct point *fixed = (struct point *)0x1000;
	return addr ? (struct point *)addr : fixed;
}

// Function pointers: the descriptor describes the function type.
// CHECK-LABEL: ;; Function function_pointer
// CHECK: __allocs_check_cast ((const void *) f, &__allocs_td_{{[0-9a-f]+}},
typedef int (*int_fn)(int);
int function_pointer(void (*f)(void))
{
	return ((int_fn)f)(1);
}

// Scalar type confusion goes through the same check.
// CHECK-LABEL: ;; Function scalar
// CHECK: (int *) __allocs_check_cast ((const void *) f, &__allocs_td_e22fb419bdf155ea,
int scalar(float *f)
{
	return *(int *)f;
}

// Conversions inside automatic aggregate initialisers and compound
// literals are checked; static initialisers must stay constant.
// GIMPLE-LABEL: int initialisers (
// GIMPLE: [[N:_[0-9]+]] = __allocs_check_cast (v, &__allocs_td_[[GNODE:[0-9a-f]+]],
// GIMPLE-NEXT: holder.n = [[N]];
// GIMPLE: [[P:_[0-9]+]] = __allocs_check_cast (v, &__allocs_td_[[GPOINT:[0-9a-f]+]],
// GIMPLE-NEXT: D.{{[0-9]+}}.p = [[P]];
// GIMPLE-NOT: __allocs_check_cast
// GIMPLE: return
static char storage[64];
int initialisers(void *v)
{
	struct { struct node *n; } holder = { v };
	static struct point *fixed = (struct point *)(void *)storage;
	struct point *lit = ((struct { struct point *p; }){ v }).p;
	return holder.n->value + fixed->x + lit->y;
}

// The source location names the cast.
// CHECK-LABEL: ;; Function located
// CHECK: __allocs_check_cast ((const void *) v, &__allocs_td_[[POINT]], &__allocs_loc.[[LOC:[0-9]+]]);
struct point *located(void *v)
{
	return (struct point *)v;
}
