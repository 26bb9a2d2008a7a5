/*
 * malloc-hooks.c -- the malloc family, interposed: glibc allocates, we index.
 *
 * Each entry point asks glibc (through its __libc_* names) for the
 * requested size plus room for the chunk's metadata trailer (heap-chunk.h),
 * writes the trailer, then publishes the chunk in the heap index.  free
 * unpublishes before glibc gets the chunk back.  The site recorded is the
 * return address of the call into the family, i.e. the caller's code.
 *
 * Everything here is safe before the runtime is initialised: the index and
 * id tables are zero-initialised statics or mapped on first use, and
 * nothing here calls malloc, dlsym or stdio.
 *
 * libc's own allocating functions (strdup, getline, asprintf, fopen, ...)
 * call malloc through the PLT, because glibc supports replacing malloc, so
 * their chunks come through these hooks too (test/lit/runtime/heap-libc-strdup.c).
 */
#define _GNU_SOURCE
#include "malloc-hooks.h"
#include "heap-chunk.h"
#include "heap-ids.h"
#include "heap-index.h"

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

void heap_note_alloc(void *p, size_t n, const void *site, unsigned type_id)
{
	uint32_t sid = heap_site_id(site);
	size_t usable = heap_glibc_usable(p);
	uint64_t *end = (uint64_t *)((char *)p + usable);
	if (n <= HEAP_SMALL_MAX) {
		__atomic_store_n(end - 1, HEAP_WORD(n, sid, type_id, HEAP_TAG_SMALL), __ATOMIC_RELAXED);
		heap_index_add(p, n, 0);
	} else {
		__atomic_store_n(end - 2, (uint64_t)n, __ATOMIC_RELAXED);
		__atomic_store_n(end - 1, HEAP_WORD(0, sid, type_id, HEAP_TAG_LARGE), __ATOMIC_RELAXED);
		heap_index_add(p, n, 1);
	}
}

/* n plus trailer room, or 0 (and errno) on overflow */
static inline size_t with_room(size_t n)
{
	size_t total;
	if (__builtin_add_overflow(n, heap_trailer_room(n), &total)) {
		errno = ENOMEM;
		return 0;
	}
	return total;
}

static inline void *alloc_common(size_t n, const void *site)
{
	size_t total = with_room(n);
	if (!total)
		return NULL;
	void *p = __libc_malloc(total);
	if (p)
		heap_note_alloc(p, n, site, 0);
	return p;
}

EXPORT void *malloc(size_t n)
{
	return alloc_common(n, __builtin_return_address(0));
}

EXPORT void free(void *p)
{
	if (!p)
		return;
	heap_index_remove(p);
	__libc_free(p);
}

EXPORT void *calloc(size_t nmemb, size_t size)
{
	size_t n, total;
	if (__builtin_mul_overflow(nmemb, size, &n) || !(total = with_room(n))) {
		errno = ENOMEM;
		return NULL;
	}
	/* one element of `total` bytes: glibc still skips zeroing fresh mmapped memory */
	void *p = __libc_calloc(1, total);
	if (p)
		heap_note_alloc(p, n, __builtin_return_address(0), 0);
	return p;
}

static void *realloc_common(void *old, size_t n, const void *site)
{
	if (!old)
		return alloc_common(n, site);
	if (n == 0) {
		/* glibc frees and returns NULL for realloc(p, 0) */
		free(old);
		return NULL;
	}
	size_t total = with_room(n);
	if (!total)
		return NULL;
	/* The chunk keeps a type set on it by allocs_heap_set_type; its site
	 * becomes the realloc call. */
	size_t old_size = 0;
	uint64_t old_word = 0;
	int was_indexed = heap_index_contains_start(old) && heap_chunk_read(old, &old_size, &old_word) == 0;
	if (was_indexed)
		heap_index_remove(old);
	void *p = __libc_realloc(old, total);
	if (!p) {
		/* old is still live and untouched: put it back */
		if (was_indexed)
			heap_index_add(old, old_size, old_size > HEAP_SMALL_MAX);
		return NULL;
	}
	heap_note_alloc(p, n, site, was_indexed ? HEAP_WORD_TYPE(old_word) : 0);
	return p;
}

EXPORT void *realloc(void *old, size_t n)
{
	return realloc_common(old, n, __builtin_return_address(0));
}

EXPORT void *reallocarray(void *old, size_t nmemb, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(nmemb, size, &n)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc_common(old, n, __builtin_return_address(0));
}

static inline void *memalign_common(size_t align, size_t n, const void *site)
{
	size_t total = with_room(n);
	if (!total)
		return NULL;
	void *p = __libc_memalign(align, total);
	if (p)
		heap_note_alloc(p, n, site, 0);
	return p;
}

EXPORT void *memalign(size_t align, size_t n)
{
	return memalign_common(align, n, __builtin_return_address(0));
}

EXPORT void *aligned_alloc(size_t align, size_t n)
{
	if (align == 0 || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return memalign_common(align, n, __builtin_return_address(0));
}

EXPORT int posix_memalign(void **out, size_t align, size_t n)
{
	if (align % sizeof(void *) != 0 || (align & (align - 1)) || align == 0)
		return EINVAL;
	int saved = errno;
	void *p = memalign_common(align, n, __builtin_return_address(0));
	if (!p) {
		errno = saved;
		return ENOMEM;
	}
	*out = p;
	return 0;
}

EXPORT void *valloc(size_t n)
{
	size_t total = with_room(n);
	if (!total)
		return NULL;
	void *p = __libc_valloc(total);
	if (p)
		heap_note_alloc(p, n, __builtin_return_address(0), 0);
	return p;
}

EXPORT void *pvalloc(size_t n)
{
	/* pvalloc promises whole pages: that is the allocation's size */
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t rounded;
	if (__builtin_add_overflow(n, page - 1, &rounded)) {
		errno = ENOMEM;
		return NULL;
	}
	rounded &= ~(page - 1);
	if (rounded == 0)
		rounded = page;
	size_t total = with_room(rounded);
	if (!total)
		return NULL;
	void *p = __libc_memalign(page, total);
	if (p)
		heap_note_alloc(p, rounded, __builtin_return_address(0), 0);
	return p;
}

EXPORT size_t malloc_usable_size(void *p)
{
	if (!p)
		return 0;
	/* The requested size, as AddressSanitizer answers: bytes past it are
	 * outside the object's bounds (and in glibc chunks hold our trailer),
	 * so a program that grows into "usable" slack would be reported. */
	size_t size;
	uint64_t word;
	if (heap_index_contains_start(p) && heap_chunk_read(p, &size, &word) == 0)
		return size;
	return heap_glibc_usable(p);
}

/* Our own entry points, whatever the names resolve to (foreign-malloc.c compares). */
extern __typeof__(malloc) heap_own_malloc __attribute__((alias("malloc"), copy(malloc), visibility("hidden")));
extern __typeof__(free) heap_own_free __attribute__((alias("free"), copy(free), visibility("hidden")));
extern __typeof__(calloc) heap_own_calloc __attribute__((alias("calloc"), copy(calloc), visibility("hidden")));
extern __typeof__(realloc) heap_own_realloc __attribute__((alias("realloc"), copy(realloc), visibility("hidden")));
