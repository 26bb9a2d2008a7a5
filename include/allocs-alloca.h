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
 */
#ifndef ALLOCSCHECK_ALLOCS_ALLOCA_H
#define ALLOCSCHECK_ALLOCS_ALLOCA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void __allocs_alloca_register(void *base, size_t size);
void __allocs_alloca_restore(void *sp);

#ifdef __cplusplus
}
#endif
#endif
