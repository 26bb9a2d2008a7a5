/*
 * internal-alloc.h -- memory for the runtime's own data.
 *
 * Never the indexed heap: memory comes from mmap directly, so the runtime's
 * tables do not show up as program allocations, and allocating here from a
 * malloc hook cannot recurse.  Every block is returned zero-filled.
 * Thread-safe (a short spinlock); NOT async-signal-safe (do not call from a
 * signal handler that may interrupt another call into this allocator).
 */
#ifndef ALLOCSCHECK_INTERNAL_ALLOC_H
#define ALLOCSCHECK_INTERNAL_ALLOC_H

#include <stddef.h>

void *allocs_internal_malloc(size_t n);                 /* zeroed; NULL on failure */
void *allocs_internal_calloc(size_t n, size_t size);
void *allocs_internal_realloc(void *p, size_t n);       /* grown part zeroed */
void allocs_internal_free(void *p);
char *allocs_internal_strdup(const char *s);

/* Large zero-filled reservation straight from the kernel (MAP_NORESERVE:
 * pages cost memory only once touched).  size is rounded up to pages. */
void *allocs_internal_reserve(size_t size);
void allocs_internal_unreserve(void *p, size_t size);

/* Fork handlers (registered by runtime-init.c). */
void allocs_internal_alloc_atfork_prepare(void);
void allocs_internal_alloc_atfork_parent(void);
void allocs_internal_alloc_atfork_child(void);

#endif
