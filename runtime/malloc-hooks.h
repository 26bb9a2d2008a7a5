/*
 * malloc-hooks.h -- glibc's allocator entry points the hooks forward to.
 *
 * glibc exports its allocator under these names precisely so that an
 * interposing malloc can reach it without dlsym (which itself allocates).
 */
#ifndef ALLOCSCHECK_MALLOC_HOOKS_H
#define ALLOCSCHECK_MALLOC_HOOKS_H

#include <stddef.h>
#include "heap-chunk.h"

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);
extern void *__libc_valloc(size_t n);
extern void *__libc_pvalloc(size_t n);

/* Index a fresh glibc chunk p (allocated with room for the trailer, see
 * heap_trailer_room) holding a requested size n, allocated at site. */
void heap_note_alloc(void *p, size_t n, const void *site, unsigned type_id);

/* Bytes to add to a request of n for the chunk's trailer. */
static inline size_t heap_trailer_room(size_t n)
{
	return n <= HEAP_SMALL_MAX ? HEAP_SMALL_TRAILER : HEAP_LARGE_TRAILER;
}

#endif
