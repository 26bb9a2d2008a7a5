/*
 * stack-locals.h -- the calling thread's registered address-taken locals
 * (entry points in include/allocs-alloca.h; stack-locals.c).
 */
#ifndef ALLOCS_STACK_LOCALS_H
#define ALLOCS_STACK_LOCALS_H

#include <stddef.h>
#include <stdint.h>
#include "allocs.h"

#define LOCALS_MAX 128

struct local_entry {
	uintptr_t base;
	size_t size;
	struct allocs_typedesc *type;
	const void *site;                 /* return address of the push */
};

struct locals_stack {
	unsigned n;                       /* entries [0, n) are published */
	struct local_entry e[LOCALS_MAX];
};

/* The calling thread's registry (read by the bounds cache's inline probe). */
extern __thread struct locals_stack stack_locals __attribute__((tls_model("initial-exec")));

/* Which entry an answer came from, and what it said: the answer holds
 * while the registry has the same entry there (stack_local_still). */
struct stack_local_id {
	unsigned index;
	uintptr_t base;
	size_t size;
	const struct allocs_typedesc *type;
};

/* The registered local of the calling thread holding p: 0 and *out
 * filled (kind STACK, exact base, size and type, site: the registering
 * call) and *id, or -1 when no entry, or more than one, claims p (then
 * unwind).  sp_now: the caller's stack pointer (entries below it are
 * dead); stack_hi: the top of this thread's stack. */
int stack_local_find(uintptr_t p, uintptr_t sp_now, uintptr_t stack_hi, struct allocs_info *out,
		     struct stack_local_id *id);

/* Does the registry still have, where an answer came from, an entry for
 * the same bytes and type?  Then the answer holds, whether it is the same
 * push or a new one (a function inlined into a loop pushes its local on
 * every pass): entries below it are those of frames further out, live
 * while it is, and entries above it belong to frames further in, which
 * cannot hold its bytes.  (A frame left by a longjmp past instrumented
 * setjmps that nothing has popped yet stays registered, stack-locals.c;
 * a pointer into it is a dangling one.)  Inline: the bounds cache's
 * probe. */
static inline int stack_local_still(unsigned index, uintptr_t base, size_t size, const void *type)
{
	if (index >= stack_locals.n)
		return 0;
	const struct local_entry *e = &stack_locals.e[index];
	return e->base == base && e->size == size && e->type == type;
}

#endif
