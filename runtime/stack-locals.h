/*
 * stack-locals.h -- the calling thread's registered address-taken locals
 * (entry points in include/allocs-alloca.h; stack-locals.c).
 */
#ifndef ALLOCS_STACK_LOCALS_H
#define ALLOCS_STACK_LOCALS_H

#include <stddef.h>
#include <stdint.h>
#include "allocs.h"

/* The registered local of the calling thread holding p: 0 and *out
 * filled (kind STACK, exact base, size and type, site: the registering
 * call), or -1 when no entry, or more than one, claims p (then unwind).
 * sp_now: the caller's stack pointer (entries below it are dead);
 * stack_hi: the top of this thread's stack. */
int stack_local_find(uintptr_t p, uintptr_t sp_now, uintptr_t stack_hi, struct allocs_info *out);

/* Changes whenever the calling thread's registry does (a push, a pop, a
 * dead entry dropped): an answer found in the registry holds while it is
 * unchanged, since the same entries give the same answer (the bounds
 * cache, checker/bounds-cache.h).  A frame leaves the registry only by
 * popping, or by a longjmp past instrumented setjmps that no instrumented
 * frame has popped yet (stack-locals.c): such an entry is dropped, and the
 * version changed, by the next lookup that finds it below the stack
 * pointer. */
extern __thread unsigned long stack_locals_version __attribute__((tls_model("initial-exec")));

#endif
