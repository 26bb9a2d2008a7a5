/*
 * mmap-hooks.c -- the program's mmap, mmap64, munmap, mremap, brk and sbrk.
 *
 * The mappings are made with raw system calls (as glibc's wrappers do) and
 * recorded in the mapped-region index.  glibc's own uses (malloc's arenas
 * and big chunks, thread stacks, stdio buffers) call its internal
 * functions, not these, so they never appear as "mapped": heap chunks are
 * found by the heap index.
 */
#define _GNU_SOURCE
#include "mapped-index.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

extern void *__sbrk(intptr_t increment);

static void *do_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off, const void *site)
{
	long r = syscall(SYS_mmap, addr, len, prot, flags, fd, off);
	if (r == -1)
		return MAP_FAILED;
	mapped_index_add((void *)r, len, site, 0);
	return (void *)r;
}

EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return do_mmap(addr, len, prot, flags, fd, off, __builtin_return_address(0));
}

EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return do_mmap(addr, len, prot, flags, fd, off, __builtin_return_address(0));
}

EXPORT int munmap(void *addr, size_t len)
{
	long r = syscall(SYS_munmap, addr, len);
	if (r == 0)
		mapped_index_remove(addr, len);
	return (int)r;
}

EXPORT void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;
	if (flags & MREMAP_FIXED) {
		va_list ap;
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	const void *site = mapped_index_site(old);
	long r = syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
	if (r == -1)
		return MAP_FAILED;
	/* old_len == 0 duplicates a shared mapping and leaves the old one */
	if (old_len)
		mapped_index_remove(old, old_len);
	mapped_index_add((void *)r, new_len, site ? site : __builtin_return_address(0), 0);
	return (void *)r;
}

static void note_brk_change(char *old_end, char *new_end, const void *site)
{
	if (new_end > old_end)
		mapped_index_add(old_end, (size_t)(new_end - old_end), site, MAPPED_BRK);
	else if (new_end < old_end)
		mapped_index_remove(new_end, (size_t)(old_end - new_end));
}

EXPORT void *sbrk(intptr_t increment)
{
	char *old = __sbrk(increment);
	if (old != (char *)-1)
		note_brk_change(old, old + increment, __builtin_return_address(0));
	return old;
}

EXPORT int brk(void *addr)
{
	/* brk(addr) == sbrk(addr - current break), keeping glibc's record of
	 * the break (__curbrk) right */
	char *cur = __sbrk(0);
	if (cur == (char *)-1)
		return -1;
	char *old = __sbrk((char *)addr - cur);
	if (old == (char *)-1)
		return -1;
	note_brk_change(old, (char *)addr, __builtin_return_address(0));
	return 0;
}
