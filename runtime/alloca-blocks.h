/*
 * alloca-blocks.h -- the calling thread's registered alloca/VLA blocks
 * (entry points in include/allocs-alloca.h).
 */
#ifndef ALLOCS_ALLOCA_BLOCKS_H
#define ALLOCS_ALLOCA_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/* The live block of the calling thread containing a (blocks below sp are
 * dead and dropped).  0 and base/size/site set, or -1. */
int alloca_block_find(uintptr_t a, uintptr_t sp, uintptr_t *base, size_t *size,
		      const void **site);

#endif
