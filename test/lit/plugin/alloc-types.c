// Allocations converted to `T *` tell the runtime their type: the call's
// result goes through __allocs_note_alloc (result, &descriptor of T, flags)
// (flags: 1 realloc, 2 calloc/zeroed, 4 user allocation function).
// Matching is by name, so it also works under -fno-builtin.  Allocations
// kept as void * or character pointers are not noted (lazy typing), and
// the noted result is not cast-checked.
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -c %s -o %t.o -fdump-tree-gimple=%t.gimple -fplugin-arg-allocscheck-alloc-fns=xmalloc,pool_get
// RUN: FileCheck %s --input-file %t.gimple
// RUN: %allocscheck-cc -fno-builtin -c %s -o %t.nb.o -fdump-tree-gimple=%t.nb.gimple -fplugin-arg-allocscheck-alloc-fns=xmalloc,pool_get
// RUN: FileCheck %s --input-file %t.nb.gimple
// RUN: %allocscheck-cc -c %s -o %t.off.o -fdump-tree-gimple=%t.off.gimple -fplugin-arg-allocscheck-no-alloc-types
// RUN: FileCheck %s --input-file %t.off.gimple --check-prefix=OFF

#include <stdlib.h>
#include <malloc.h>

struct node { struct node *next; int value; };
void *xmalloc(size_t n);
void *pool_get(void);
void *not_an_allocator(size_t n);

// CHECK-LABEL: libc_allocators (
// CHECK: [[M:_[0-9]+]] = malloc (16);
// CHECK-NEXT: a = __allocs_note_alloc ([[M]], &__allocs_td_[[NODE:[0-9a-f]+]], 0);
// CHECK: [[C:_[0-9]+]] = calloc (n, 16);
// CHECK-NEXT: b = __allocs_note_alloc ([[C]], &__allocs_td_[[NODE]], 2);
// CHECK: [[R:_[0-9]+]] = realloc (b, {{.*}});
// CHECK-NEXT: b = __allocs_note_alloc ([[R]], &__allocs_td_[[NODE]], 1);
// CHECK: [[A:_[0-9]+]] = aligned_alloc (64, 64);
// CHECK-NEXT: c = __allocs_note_alloc ([[A]], &__allocs_td_[[NODE]], 0);
// CHECK: [[G:_[0-9]+]] = memalign (32, 16);
// CHECK-NEXT: d = __allocs_note_alloc ([[G]], &__allocs_td_[[NODE]], 0);
// CHECK: [[I:_[0-9]+]] = malloc (40);
// CHECK-NEXT: ints = __allocs_note_alloc ([[I]], &__allocs_td_e22fb419bdf155ea, 0);
// CHECK: [[BM:_[0-9]+]] = {{(__builtin_)?}}malloc (8);
// CHECK-NEXT: more = __allocs_note_alloc ([[BM]], &__allocs_td_e22fb419bdf155ea, 0);
// CHECK-NOT: __allocs_check_cast
// CHECK: return
// OFF-LABEL: libc_allocators (
// OFF-NOT: __allocs_note_alloc
// OFF: return
int libc_allocators(size_t n)
{
	struct node *a = malloc(sizeof *a);
	struct node *b = (struct node *)calloc(n, sizeof(struct node));
	b = realloc(b, 2 * n * sizeof *b);
	struct node *c = aligned_alloc(64, 64);
	struct node *d = memalign(32, sizeof *d);
	int *ints = malloc(10 * sizeof(int));
	int *more = __builtin_malloc(2 * sizeof(int));
	return a->value + b->value + c->value + d->value + ints[0] + more[1];
}

// The out-parameter expression is evaluated once (i++ below).
// CHECK-LABEL: out_parameter (
// CHECK: [[RET:_[0-9]+]] = posix_memalign (&p, 64, 16);
// CHECK-NEXT: __allocs_note_alloc_out ([[RET]], &p, &__allocs_td_[[NODE]], 0);
// CHECK-NOT: i =
// CHECK: i = {{.*}} + 1;
// CHECK-NOT: i =
// CHECK: [[RET2:_[0-9]+]] = posix_memalign ([[PP:[^,]+]], 64, 16);
// CHECK-NEXT: __allocs_note_alloc_out ([[RET2]], [[PP]], &__allocs_td_[[NODE]], 0);
// CHECK-NOT: i =
// CHECK: return
int out_parameter(struct node **slots, int i)
{
	struct node *p;
	if (posix_memalign((void **)&p, 64, sizeof *p) != 0)
		return -1;
	if (posix_memalign((void **)&slots[i++], 64, sizeof *p) != 0)
		return -1;
	return p->value + i;
}

// CHECK-LABEL: user_allocators (
// CHECK: [[X:_[0-9]+]] = xmalloc (16);
// CHECK-NEXT: a = __allocs_note_alloc ([[X]], &__allocs_td_[[NODE]], 4);
// CHECK: [[P:_[0-9]+]] = pool_get ();
// CHECK-NEXT: b = __allocs_note_alloc ([[P]], &__allocs_td_[[NODE]], 4);
// Not an allocator: its result is cast-checked instead.
// CHECK: [[N:_[0-9]+]] = not_an_allocator (16);
// CHECK-NEXT: c = __allocs_check_cast ([[N]], &__allocs_td_[[NODE]],
int user_allocators(void)
{
	struct node *a = xmalloc(sizeof *a);
	struct node *b = pool_get();
	struct node *c = not_an_allocator(sizeof *c);
	return a->value + b->value + c->value;
}

// Untyped: void *, char *, unsigned char * results are left to lazy typing.
// CHECK-LABEL: untyped (
// CHECK-NOT: __allocs_note_alloc
// CHECK: return
size_t untyped(size_t n)
{
	void *v = malloc(n);
	char *c = malloc(n);
	unsigned char *u = calloc(n, 1);
	return (size_t)v + (size_t)c + (size_t)u;
}
