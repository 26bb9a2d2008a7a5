/*
 * internal-alloc.c -- a small mmap-backed allocator for the runtime's data.
 *
 * Blocks up to 4 KiB come from power-of-two size classes carved out of
 * 1 MiB slabs, with one free list per class; bigger blocks are mmapped on
 * their own.  Each block has a 16-byte header holding its size class (or
 * mapped length) so free/realloc need no size argument.  The runtime's
 * data is small and long-lived; simplicity beats speed here.
 *
 * Invariant: a block on a free list has its whole body zeroed except the
 * first word (the link), which is cleared when the block is handed out.
 */
#include "internal-alloc.h"
#include "spin-lock.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define HDR 16u
#define MIN_SHIFT 4u             /* 16 bytes */
#define MAX_SHIFT 12u            /* 4096 bytes */
#define NCLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define SLAB_SIZE (1u << 20)
#define BIG_MAGIC 0xb16b10cull

struct hdr {
	uint64_t info;     /* class index (< NCLASSES), or mapped length | 1 for big blocks */
	uint64_t magic;
};

static void *free_list[NCLASSES];
static char *slab_cur, *slab_end;
static int lock_word;


/* Raw system calls: mmap/munmap in libc are interposed by the runtime's
 * own mapped-memory hooks, and the runtime's memory is not the program's. */
static void *raw_mmap(size_t len, int flags)
{
	long r = syscall(SYS_mmap, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
	return r < 0 && r > -4096 ? NULL : (void *)r;
}

void *allocs_internal_reserve(size_t size)
{
	size = (size + 4095) & ~(size_t)4095;
	void *p = raw_mmap(size, MAP_NORESERVE);
	if (p)
		syscall(SYS_madvise, p, size, MADV_DONTDUMP);
	return p;
}

void allocs_internal_unreserve(void *p, size_t size)
{
	size = (size + 4095) & ~(size_t)4095;
	syscall(SYS_munmap, p, size);
}

static unsigned class_of(size_t total)
{
	unsigned c = 0;
	while (((size_t)1 << (c + MIN_SHIFT)) < total)
		c++;
	return c;
}

void *allocs_internal_malloc(size_t n)
{
	if (n > ((size_t)1 << 46))
		return NULL;
	size_t total = n + HDR;
	if (total > ((size_t)1 << MAX_SHIFT)) {
		size_t len = (total + 4095) & ~(size_t)4095;
		struct hdr *h = raw_mmap(len, 0);
		if (!h)
			return NULL;
		h->info = len | 1;
		h->magic = BIG_MAGIC;
		return h + 1;
	}
	unsigned c = class_of(total);
	size_t csize = (size_t)1 << (c + MIN_SHIFT);
	struct hdr *h;
	spin_lock(&lock_word);
	if (free_list[c]) {
		h = free_list[c];
		free_list[c] = *(void **)h;
		*(void **)h = NULL;
	} else {
		if ((size_t)(slab_end - slab_cur) < csize) {
			char *s = raw_mmap(SLAB_SIZE, 0);
			if (!s) {
				spin_unlock(&lock_word);
				return NULL;
			}
			slab_cur = s;   /* the tail of the old slab is abandoned: at most 4 KiB */
			slab_end = s + SLAB_SIZE;
		}
		h = (struct hdr *)slab_cur;
		slab_cur += csize;
	}
	spin_unlock(&lock_word);
	h->info = c;
	h->magic = BIG_MAGIC ^ c;
	return h + 1;
}

void *allocs_internal_calloc(size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total))
		return NULL;
	return allocs_internal_malloc(total);
}

static size_t usable(const struct hdr *h)
{
	if (h->info & 1 && h->info >= 4096)
		return (h->info & ~(uint64_t)1) - HDR;
	return ((size_t)1 << (h->info + MIN_SHIFT)) - HDR;
}

void allocs_internal_free(void *p)
{
	if (!p)
		return;
	struct hdr *h = (struct hdr *)p - 1;
	if (h->magic == BIG_MAGIC && (h->info & 1)) {
		syscall(SYS_munmap, h, h->info & ~(uint64_t)1);
		return;
	}
	if (h->info >= NCLASSES || h->magic != (BIG_MAGIC ^ h->info))
		return;   /* not ours: leaking beats corrupting */
	unsigned c = (unsigned)h->info;
	memset(h, 0, (size_t)1 << (c + MIN_SHIFT));
	spin_lock(&lock_word);
	*(void **)h = free_list[c];
	free_list[c] = h;
	spin_unlock(&lock_word);
}

void *allocs_internal_realloc(void *p, size_t n)
{
	if (!p)
		return allocs_internal_malloc(n);
	struct hdr *h = (struct hdr *)p - 1;
	size_t old = usable(h);
	if (n <= old)
		return p;
	void *q = allocs_internal_malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, old);
	allocs_internal_free(p);
	return q;
}

char *allocs_internal_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = allocs_internal_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void allocs_internal_alloc_atfork_prepare(void) { spin_lock(&lock_word); }
void allocs_internal_alloc_atfork_parent(void) { spin_unlock(&lock_word); }
void allocs_internal_alloc_atfork_child(void) { spin_unlock(&lock_word); }
