/*
 * mapped-index.h -- regions the program mapped itself (mmap, mremap, brk/sbrk).
 *
 * One entry per mapping call (adjacent mappings stay separate allocations;
 * brk growth extends the one brk region).  munmap of part of a region trims
 * or splits it.  Readers take no lock (sequence counter, bounded retries:
 * a lookup from a signal handler that interrupted an update on the same
 * thread answers "unknown" instead of waiting forever).  Writers serialise
 * on a spinlock.  Storage is one fixed MAP_NORESERVE array, never moved,
 * so a reader can never touch freed memory.
 */
#ifndef ALLOCSCHECK_MAPPED_INDEX_H
#define ALLOCSCHECK_MAPPED_INDEX_H

#include <stddef.h>
#include "allocs.h"

#define MAPPED_BRK 1u      /* region grown and shrunk by brk/sbrk */

void mapped_index_add(const void *base, size_t len, const void *site, unsigned flags);
void mapped_index_remove(const void *base, size_t len);
/* The site recorded for the region containing p, or NULL. */
const void *mapped_index_site(const void *p);
int mapped_lookup(const void *p, struct allocs_info *out);

void mapped_index_atfork_prepare(void);
void mapped_index_atfork_parent(void);
void mapped_index_atfork_child(void);

#endif
