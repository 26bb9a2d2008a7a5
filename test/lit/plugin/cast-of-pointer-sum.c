// fold moves a pointer conversion inside a pointer sum: `(T *) ((char *) p
// - 8)` reaches the plugin as `(T *) p + -8`.  The check must be made at
// the value the program converts (p - 8: container_of), while a genuine
// `(T *) p + n` is checked at p.  Both shapes, with and without macros.
// (The dump prints the checked sum `(char *) p - 8` as `(const void *) p
// + 18446744073709551608`.)
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -fplugin-arg-allocscheck-checks=types -c %s -o %t.o -fdump-tree-original=%t.dump
// RUN: FileCheck %s --input-file %t.dump

struct task { int id; long link; int prio; };
struct list_head { struct list_head *next, *prev; };
struct item { int id; struct list_head link; };

// CHECK-LABEL: ;; Function cast_of_sum
// CHECK: return (struct task *) __allocs_check_cast ((const void *) p + 18446744073709551608, &__allocs_td_[[TASK:[0-9a-f]+]]_b,
struct task *cast_of_sum(void *p) { return (struct task *)((char *)p - 8); }

// CHECK-LABEL: ;; Function cast_of_sum_multiple
// CHECK: return (struct task *) __allocs_check_cast ((const void *) p + 48, &__allocs_td_[[TASK]]_b,
struct task *cast_of_sum_multiple(void *p) { return (struct task *)((char *)p + 48); }

// CHECK-LABEL: ;; Function cast_of_variable_sum
// CHECK: return (struct task *) __allocs_check_cast ((const void *) (l0 + (sizetype) n), &__allocs_td_[[TASK]]_b,
struct task *cast_of_variable_sum(char *l0, long n) { return (struct task *)((char *)l0 + n); }

// CHECK-LABEL: ;; Function sum_of_cast
// CHECK: return (struct task *) __allocs_check_cast ((const void *) p, &__allocs_td_[[TASK]], &__allocs_loc.{{[0-9]+}}) + 18446744073709551592;
struct task *sum_of_cast(void *p) { return (struct task *)p - 1; }

// CHECK-LABEL: ;; Function sum_of_cast_variable
// CHECK: return (struct task *) __allocs_check_cast ((const void *) p, &__allocs_td_[[TASK]], &__allocs_loc.{{[0-9]+}}) + (sizetype) ((long unsigned int) n * 24);
struct task *sum_of_cast_variable(void *p, long n) { return (struct task *)p + n; }

// Same trees, distinguished by source order: (long *) ((char *) p - 8)
// versus (long *) p - 1.
// CHECK-LABEL: ;; Function long_cast_of_sum
// CHECK: return (long int *) __allocs_check_cast ((const void *) p + 18446744073709551608,
// CHECK-LABEL: ;; Function long_sum_of_cast
// CHECK: return (long int *) __allocs_check_cast ((const void *) p, {{.*}}) + 18446744073709551608;
long *long_cast_of_sum(void *p) { return (long *)((char *)p - 8); }
long *long_sum_of_cast(void *p) { return (long *)p - 1; }

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))
// CHECK-LABEL: ;; Function from_member
// CHECK: return (struct item *) __allocs_check_cast ((const void *) l + 18446744073709551608,
struct item *from_member(struct list_head *l) { return container_of(l, struct item, link); }

#define CAST(T, e) ((T *)(e))
#define PTR_ADD(p, n) ((char *)(p) + (n))
// CHECK-LABEL: ;; Function macro_sum_of_cast
// CHECK: return (struct task *) __allocs_check_cast ((const void *) p, {{.*}}) + 24;
// CHECK-LABEL: ;; Function macro_cast_of_sum
// CHECK: return (struct task *) __allocs_check_cast ((const void *) p + 8,
struct task *macro_sum_of_cast(void *p) { return CAST(struct task, p) + 1; }
struct task *macro_cast_of_sum(void *p) { return (struct task *)PTR_ADD(p, 8); }

// Moving within an object and converting back to its own type is a real
// conversion (to whatever lies 8 bytes further), though fold removes the
// conversion altogether (`t + 8`: no sum of struct task * moves 8 bytes).
// Whole elements are plain arithmetic.
// CHECK-LABEL: ;; Function same_type_moved
// CHECK: return (struct task *) __allocs_check_cast ((const void *) t + 8, &__allocs_td_[[TASK]]_b,
// CHECK-LABEL: ;; Function same_type_elements
// CHECK-NOT: __allocs_check_cast
// CHECK: return
struct task *same_type_moved(struct task *t) { return (struct task *)((char *)t + 8); }
struct task *same_type_elements(struct task *t) { return (struct task *)((char *)t + 48) + 1; }

// A cast of a sum into an exempt type stays unchecked.
// CHECK-LABEL: ;; Function exempt_sum
// CHECK-NOT: __allocs_check_cast
// CHECK: return
char *exempt_sum(struct item *i) { return (char *)((char *)i + 4); }
