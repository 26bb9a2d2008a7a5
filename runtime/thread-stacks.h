/*
 * thread-stacks.h -- the address ranges of every thread's stack.
 *
 * The main thread's stack comes from /proc/self/maps ("[stack]", extended
 * down to the stack rlimit, since it grows); other threads register
 * themselves from the start routine wrapper that our pthread_create
 * installs.  The calling thread's own range is cached in initial-exec TLS.
 */
#ifndef ALLOCS_THREAD_STACKS_H
#define ALLOCS_THREAD_STACKS_H

#include <stdint.h>

struct stack_range {
	uintptr_t lo, hi;        /* [lo, hi); hi == 0: unknown */
};

/* The calling thread's stack. */
struct stack_range thread_stack_self(void);

/* The stack of some other live thread containing a, if any.  Lock-free. */
int thread_stack_find(uintptr_t a, struct stack_range *out);

#endif
