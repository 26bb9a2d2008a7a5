/*
 * index-stack.h -- stack allocations (locals, parameters, alloca blocks).
 *
 * Implemented by the stack index (index-stack.c).  Fills *out with kind
 * ALLOCS_STACK when p lies in a live stack allocation of any thread:
 * returns 0 when found, -1 when not.  Must be thread-safe, async-signal-
 * safe, and must not allocate from the indexed heap.
 */
#ifndef ALLOCSCHECK_INDEX_STACK_H
#define ALLOCSCHECK_INDEX_STACK_H

#include "allocs.h"

int allocs_stack_lookup(const void *p, struct allocs_info *out);

#endif
