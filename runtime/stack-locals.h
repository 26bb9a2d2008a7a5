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

#endif
