/*
 * allocs-alloca.h -- registering alloca and VLA blocks with the runtime.
 *
 * DWARF cannot give a VLA's or an alloca block's bounds as a fixed frame
 * offset (GCC describes a VLA through a pointer slot and a size variable),
 * so the stack index only knows these blocks if the instrumented code tells
 * it.  Calls the plugin may emit:
 *
 *   __allocs_alloca_register(base, size)
 *       right after an alloca / VLA allocation of `size` bytes at `base`;
 *   __allocs_alloca_restore(sp)
 *       where GCC restores the stack pointer (end of a VLA's scope,
 *       __builtin_stack_restore): every block below `sp` is dead.
 *
 * Blocks are kept per thread (a small ring in TLS); blocks below the
 * current stack pointer are dropped lazily, so a function returning without
 * a restore call is handled too.  Until the memory is reused by a deeper
 * frame of a different function, a returned block may still be reported;
 * variables DWARF knows take precedence over blocks.
 *
 * Registered locals.  Finding a local from DWARF means unwinding the stack
 * on every lookup, so the plugin also announces each local (or parameter)
 * whose address escapes, on entry to its function:
 *
 *   mark = __allocs_local_push(&var, sizeof var, &type_descriptor)
 *       returns the registry depth before the push; the function's first
 *       push gives its mark;
 *   __allocs_local_pop(mark)
 *       before every return (and right after an instrumented setjmp
 *       returns, with the depth __allocs_local_depth() gave at entry plus
 *       the function's own pushes, so that a longjmp forgets the frames it
 *       skipped).
 *
 * The stack index answers addresses in registered locals from this
 * per-thread registry without unwinding.  allocs_stack_local_counts tells
 * how the calling thread's own-stack lookups were answered.
 */
#ifndef ALLOCSCHECK_ALLOCS_ALLOCA_H
#define ALLOCSCHECK_ALLOCS_ALLOCA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void __allocs_alloca_register(void *base, size_t size);
void __allocs_alloca_restore(void *sp);

struct allocs_typedesc;
unsigned __allocs_local_push(void *base, size_t size, struct allocs_typedesc *type);
void __allocs_local_pop(unsigned mark);
unsigned __allocs_local_depth(void);

struct stack_local_counts {
	unsigned long long hits;       /* answered from the registry */
	unsigned long long ambiguous;  /* two entries claimed the address: unwound */
	unsigned long long misses;     /* no entry claimed it: unwound */
	unsigned long long unwinds;    /* own-stack lookups that unwound: ambiguous + misses */
};
/* The calling thread's counts since it started. */
void allocs_stack_local_counts(struct stack_local_counts *out);

#ifdef __cplusplus
}
#endif
#endif
