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

/* Only the calling thread's registered locals (stack-locals.h): 0 with
 * *out and *id filled, -1 otherwise (p elsewhere, or a claim the full
 * lookup must settle by unwinding).  Such an answer holds while
 * stack_local_still(id) does. */
struct stack_local_id;
int allocs_registered_local_lookup(const void *p, struct allocs_info *out, struct stack_local_id *id);

/* The local or parameter holding p in the frame whose pc and canonical
 * frame address are given (for a frame the caller knows but an unwind from
 * here would not reach, e.g. one named by a debugger): 0 with *out filled
 * (site: the function's entry) and *name the variable's name; -1 when the
 * pc has no frame layout or no variable valid there holds p. */
int stack_frame_variable(uintptr_t p, uintptr_t pc, uintptr_t cfa, struct allocs_info *out,
			 const char **name);

#endif
