/*
 * meta-mem.c -- permanent bump allocation and scratch mappings for the
 * metadata half of the runtime (see meta-mem.h).
 *
 * A bump pointer over 1 MiB chunks reserved from the runtime's internal
 * allocator (mmap'd, never the indexed heap); big requests get their own
 * reservation.  Everything here is permanent and small (descriptors,
 * member arrays), so a bump pointer wastes less than size classes would.
 * Allocation takes a spin lock: it happens while loading metadata and
 * registering threads, never on a lookup's fast path.
 */
#include "meta-mem.h"

#include "internal-alloc.h"

#include <stdatomic.h>
#include <stdint.h>

#define CHUNK_SIZE (1u << 20)
#define ALIGN 16u

static atomic_flag lock = ATOMIC_FLAG_INIT;
static char *cur, *end;

void *meta_alloc(size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	if (size > CHUNK_SIZE / 4)
		return allocs_internal_reserve(size);

	while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
		;
	if (!cur || (size_t)(end - cur) < size) {
		char *c = allocs_internal_reserve(CHUNK_SIZE);
		if (!c) {
			atomic_flag_clear_explicit(&lock, memory_order_release);
			return NULL;
		}
		cur = c;
		end = c + CHUNK_SIZE;
	}
	void *p = cur;
	cur += size;
	atomic_flag_clear_explicit(&lock, memory_order_release);
	return p;
}

void *meta_scratch_alloc(size_t size)
{
	return allocs_internal_reserve(size ? size : 1);
}

void meta_scratch_free(void *p, size_t size)
{
	if (p)
		allocs_internal_unreserve(p, size ? size : 1);
}
