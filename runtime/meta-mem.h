/*
 * meta-mem.h -- memory for the metadata half of the runtime (interned
 * types, per-object records, snapshots of the object table).
 *
 * Everything allocated here lives until the process exits: readers walk
 * these structures without locks, so nothing they may still hold is ever
 * freed.  The memory comes from mmap, never from the heap the runtime
 * indexes, so it is safe to use from the malloc hooks' neighbourhood and
 * before the heap index exists.
 */
#ifndef ALLOCS_META_MEM_H
#define ALLOCS_META_MEM_H

#include <stddef.h>

/* Zeroed, 16-byte aligned, never freed.  NULL when the system is out of
 * address space (callers degrade to "no metadata"). */
void *meta_alloc(size_t size);

/* Short-lived scratch memory (e.g. a hash set used while interning one
 * blob): zeroed, page-granular, returned with meta_scratch_free. */
void *meta_scratch_alloc(size_t size);
void meta_scratch_free(void *p, size_t size);

#endif
