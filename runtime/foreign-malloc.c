/*
 * foreign-malloc.c -- index the chunks of a malloc that is not ours.
 *
 * If the executable (or a library searched before the runtime) defines
 * malloc, the dynamic linker binds every call -- the program's, libc's
 * (strdup, fopen...), ld.so's -- to that definition, and the hooks in
 * malloc-hooks.c never run.  Interposition cannot win against the
 * executable, and link-time tricks (--wrap) miss calls inside the defining
 * file and from libc.  So at start-up we ask the dynamic linker what
 * malloc, free, calloc and realloc resolve to; if they are not ours, we
 * patch their entry points (code-patch.c) to jump to the wrappers below,
 * which call the original through a trampoline.
 *
 * The wrappers leave the allocator's pointers alone and keep each chunk's
 * metadata out of line (FOREIGN format, heap-chunk.h).  Changing the
 * pointers (a header in front of each chunk) would be cheaper to look up
 * but unsafe: the compiler may inline the program's free into its callers,
 * and such a free would then get a pointer its allocator never returned.
 * With pointers unchanged, an unseen free only leaves a stale index entry.
 * The allocator's own nested calls (a realloc that calls malloc and free)
 * pass straight through, recognised by a thread-local flag.  Chunks
 * allocated before the patch (constructors that ran before ours) are not
 * indexed; freeing them is harmless.
 *
 * Register contract: when the allocator and its callers are in one file,
 * GCC (-fipa-ra, on at -O2) lets callers keep values in call-clobbered
 * registers that the allocator function happens not to touch.  Our
 * wrappers are different code, so their entry stubs (assembly below) save
 * and restore every integer register but the result and the low 128 bits
 * of every vector register; only the upper halves of AVX registers are
 * not kept (values live across a call in ymm/zmm upper halves, with a
 * same-file allocator, are the remaining gap).
 *
 * All four functions must be patchable, or none is patched: a malloc that
 * adds a header with a free that does not remove it would corrupt the heap.
 * When patching is impossible (unusual entry code), the program runs as
 * without the runtime and its chunks are unknown; we say so once.
 */
#define _GNU_SOURCE
#include "code-patch.h"
#include "heap-chunk.h"
#include "heap-ids.h"
#include "heap-index.h"
#include "malloc-hooks.h"
#include "runtime-init.h"
#include "runtime-log.h"

#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

extern void *heap_own_malloc(size_t n);
extern void heap_own_free(void *p);
extern void *heap_own_calloc(size_t n, size_t size);
extern void *heap_own_realloc(void *p, size_t n);

enum { F_MALLOC, F_FREE, F_CALLOC, F_REALLOC, NFUNCS };
static const char *const names[NFUNCS] = { "malloc", "free", "calloc", "realloc" };

static struct code_patch patches[NFUNCS];
static void *(*orig_malloc)(size_t);
static void (*orig_free)(void *);
static void *(*orig_calloc)(size_t, size_t);
static void *(*orig_realloc)(void *, size_t);

/* set while a wrapper runs the original: nested calls are the allocator's own */
static __thread int inside __attribute__((tls_model("initial-exec")));

/* called from the assembly stubs below, which pass the caller's return address */
#define HIDDEN_USED __attribute__((visibility("hidden"), used))
HIDDEN_USED void *stub_malloc_c(size_t n, const void *site);
HIDDEN_USED void *stub_calloc_c(size_t nmemb, size_t size, const void *site);
HIDDEN_USED void *stub_realloc_c(void *p, size_t n, const void *site);
HIDDEN_USED void stub_free_c(void *p);

static inline void publish(void *p, size_t n, const void *site, uint32_t type_id)
{
	if (p)
		heap_index_add_foreign(p, n, heap_site_id(site), type_id);
}

HIDDEN_USED void *stub_malloc_c(size_t n, const void *site)
{
	if (inside)
		return orig_malloc(n);
	inside = 1;
	void *p = orig_malloc(n);
	inside = 0;
	publish(p, n, site, 0);
	return p;
}

HIDDEN_USED void *stub_calloc_c(size_t nmemb, size_t size, const void *site)
{
	if (inside)
		return orig_calloc(nmemb, size);
	inside = 1;
	void *p = orig_calloc(nmemb, size);
	inside = 0;
	publish(p, nmemb * size, site, 0);   /* no overflow when p != NULL */
	return p;
}

HIDDEN_USED void stub_free_c(void *p)
{
	if (!inside && p)
		heap_index_remove(p);
	orig_free(p);
}

HIDDEN_USED void *stub_realloc_c(void *p, size_t n, const void *site)
{
	if (inside)
		return orig_realloc(p, n);
	size_t old_n = 0;
	uint64_t word = 0;
	int known = p && heap_index_contains_start(p) && heap_chunk_read(p, &old_n, &word) == 0;
	if (known)
		heap_index_remove(p);
	inside = 1;
	void *q = orig_realloc(p, n);
	inside = 0;
	if (q)
		publish(q, n, site, known ? HEAP_WORD_TYPE(word) : 0);
	else if (known && n != 0)
		heap_index_add_foreign(p, old_n, HEAP_WORD_SITE(word), HEAP_WORD_TYPE(word));   /* p still live */
	return q;
}

#if defined(__x86_64__)
/* ENTRY_STUB(name, keep_rax): save registers, call name##_c, restore. */
#define SAVE_XMM(n) "movdqu %xmm" #n ", " #n "*16(%rsp)\n"
#define LOAD_XMM(n) "movdqu " #n "*16(%rsp), %xmm" #n "\n"
#define ALL_XMM(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)
#define ENTRY_STUB(name, push_rax, pop_rax, load_site) \
	__asm__(".text\n.p2align 4\n.type " #name ", @function\n" #name ":\n" \
		push_rax "push %rdi\npush %rsi\npush %rdx\npush %rcx\n" \
		"push %r8\npush %r9\npush %r10\npush %r11\n" \
		"sub $264, %rsp\n" \
		ALL_XMM(SAVE_XMM) \
		load_site \
		"call " #name "_c\n" \
		ALL_XMM(LOAD_XMM) \
		"add $264, %rsp\n" \
		"pop %r11\npop %r10\npop %r9\npop %r8\n" \
		"pop %rcx\npop %rdx\npop %rsi\npop %rdi\n" pop_rax \
		"ret\n.size " #name ", .-" #name "\n");
/* Stack at the call: return address + 8 pushes + 264 = 336 bytes, 16-byte
 * aligned; the caller's return address (the allocation site) is at
 * 328(%rsp) and goes in the argument register after the real ones.  free
 * keeps rax too (it returns nothing, so a caller may rely on rax), with 8
 * bytes of padding to stay aligned. */
ENTRY_STUB(stub_malloc, "", "", "mov 328(%rsp), %rsi\n")
ENTRY_STUB(stub_calloc, "", "", "mov 328(%rsp), %rdx\n")
ENTRY_STUB(stub_realloc, "", "", "mov 328(%rsp), %rdx\n")
ENTRY_STUB(stub_free, "push %rax\nsub $8, %rsp\n", "add $8, %rsp\npop %rax\n", "")
void stub_malloc(void), stub_calloc(void), stub_realloc(void), stub_free(void);
#endif

void allocs_foreign_malloc_init(void)
{
	static void *const own[NFUNCS] = { (void *)heap_own_malloc, (void *)heap_own_free,
					   (void *)heap_own_calloc, (void *)heap_own_realloc };
	static void *const wrappers[NFUNCS] = { (void *)stub_malloc, (void *)stub_free,
						(void *)stub_calloc, (void *)stub_realloc };
	void *found[NFUNCS];
	int nforeign = 0;
	for (int i = 0; i < NFUNCS; i++) {
		found[i] = dlsym(RTLD_DEFAULT, names[i]);
		nforeign += found[i] && found[i] != own[i];
	}
	if (nforeign == 0)
		return;
	Dl_info info;
	const char *where = dladdr(found[F_MALLOC], &info) && info.dli_fname && *info.dli_fname
		? info.dli_fname : "the executable";
	if (nforeign != NFUNCS) {
		allocs_log("%s defines only some of malloc/free/calloc/realloc; its chunks are not indexed\n", where);
		return;
	}
#if defined(__x86_64__)
	const char *why = NULL;
	for (int i = 0; i < NFUNCS; i++)
		if (code_patch_prepare(&patches[i], found[i], wrappers[i], &why) != 0) {
			allocs_log("cannot hook %s of %s (%s): its chunks are not indexed\n", names[i], where, why);
			return;
		}
	orig_malloc = (void *(*)(size_t))patches[F_MALLOC].trampoline;
	orig_free = (void (*)(void *))patches[F_FREE].trampoline;
	orig_calloc = (void *(*)(size_t, size_t))patches[F_CALLOC].trampoline;
	orig_realloc = (void *(*)(void *, size_t))patches[F_REALLOC].trampoline;
	for (int i = 0; i < NFUNCS; i++)
		if (code_patch_apply(&patches[i]) != 0) {
			/* cannot happen after a successful first apply unless mprotect is
			 * refused; the first one failing leaves everything unpatched */
			allocs_log("cannot hook %s of %s (mprotect refused)%s\n", names[i], where,
				   i ? ": heap state may be inconsistent" : "; its chunks are not indexed");
			return;
		}
	allocs_debug(1, "indexing the malloc of %s through entry hooks\n", where);
#else
	allocs_log("malloc is defined by %s, not the runtime: its chunks are not indexed\n", where);
#endif
}
