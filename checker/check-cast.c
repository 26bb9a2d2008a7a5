/*
 * check-cast.c -- __allocs_check_cast: is p really a T?
 *
 * First, a pointer to the start of a heap chunk is answered from the
 * chunk's own metadata when the chunk is exactly a T (start_of_chunk).
 * Then a small per-thread cache of recent verdicts.  An entry says
 * "for target descriptor td, every p in [base, base+span) whose offset from
 * base is congruent to residue modulo period gets this verdict" -- one entry
 * covers a whole array of structs, so loops over arrays hit.  Entries are
 * only made for verdicts that cannot change while the memory keeps its
 * allocation: passes, untyped storage, and untyped heap chunks (until a
 * cast types them), never failures (they take the slow path to be counted
 * and reported) nor other unknowns.  Memory does change owners, so:
 *   - heap entries remember the chunk's stamp (header, metadata word with
 *     its type id, size) and are revalidated on each hit by the heap
 *     index's stamp check: a chunk freed and reallocated with another type
 *     or size, or typed since, no longer matches;
 *   - stack entries only serve the same check site (a different frame at
 *     the same address is far more likely reached from another site), and
 *     hold the object's place relative to the checking call's frame, so
 *     that they serve the site at any stack depth;
 *   - static entries live as long as their object.
 * A second level answers "unknown" for any target at any interior offset
 * of a recently seen untyped heap chunk (see untyped_probe).  A per-site
 * hint names the entry of either level that last answered the site; it
 * is probed first, so a hit usually costs one entry's compares.
 * Slow path: the heap index (which also stamps the chunk, for the cache)
 * or the other indexes, then the sub-object walk (is-a.c).
 */
#include "checker.h"
#include "../runtime/heap-chunk.h"
#include "../runtime/heap-index.h"
#include "../runtime/lookup.h"

#define CACHE_N 8

struct cache_entry {
	const struct allocs_typedesc *td;
	uintptr_t base;
	uint64_t span, period, residue;
	uint64_t pmul;                        /* fastmod multiplier for period */
	const struct allocs_srcloc *loc;      /* stack entries: this site only */
	const void *chunk;                    /* heap entries: chunk to revalidate */
	struct heap_stamp stamp;              /* ...and its state when the entry was made */
	enum isa_verdict verdict;
};

/* An untyped heap chunk, whatever the target: see untyped_probe. */
#define UNTYPED_N 8
struct untyped_entry {
	uintptr_t base;
	uint64_t size;                        /* 0: empty slot */
	struct heap_stamp stamp;
};

/* Per-site hints: which entry last answered a check site (by a hash of
 * its srcloc), tried before the scans.  A site usually keeps hitting one
 * entry (a loop over one array, a pager fetching from one page-cache
 * chunk), and a scan that compares every entry's target first costs more
 * than the probe itself.  A hint is only a guess: the entry it names is
 * probed in full, so a stale hint (the slot reused since) just misses. */
#define HINT_N 256
#define HINT_UNTYPED 0x80                     /* names a second-level entry */
#define HINT_STACK 0x40                       /* names a stack entry */

/* Stack entries have their own slots: a site checking a caller's local
 * (a comparison function given &a) must not lose its entry to the heap
 * entries that other checks make meanwhile. */
#define STACK_N 4

struct check_tls {
	struct cache_entry e[CACHE_N];
	unsigned next;
	struct untyped_entry u[UNTYPED_N];
	unsigned unext;
	int busy;                             /* in the slow path (re-entry: signals) */
	struct cache_entry s[STACK_N];
	unsigned snext;
	unsigned char hint[HINT_N];           /* entry index + 1 (0: none), | HINT_UNTYPED */
};

static __thread struct check_tls ctls __attribute__((tls_model("initial-exec")));

/* The heap index's stamp check (a handful of loads for glibc chunks): the
 * chunk still starts there with the same header, size, site and type.  A
 * lazy typing or a demotion changes the type in the metadata word, so an
 * entry made before it no longer matches. */
static int chunk_unchanged(const struct cache_entry *e)
{
	return heap_stamp_valid_inline((uintptr_t)e->chunk, &e->stamp);
}

/* a % d without a division (Lemire, Kaser, Kurz: "Faster remainder by
 * direct computation", 2019); exact for 32-bit a and d.  A hit must cost a
 * few compares; a 64-bit div alone costs more than the rest of the probe. */
static inline uint32_t fastmod32(uint32_t a, uint64_t m, uint32_t d)
{
	return (uint32_t)(((__uint128_t)(m * a) * d) >> 64);
}

static inline unsigned hint_slot(const struct allocs_srcloc *loc)
{
	return (unsigned)(((uintptr_t)loc * 0x9e3779b97f4a7c15ull) >> 56) & (HINT_N - 1);
}

/* Does first-level entry e answer (p, td, loc)?  fp: the checking call's
 * frame (stack entries are relative to it, see cache_insert). */
static inline int entry_answers(const struct cache_entry *e, uintptr_t a,
				const struct allocs_typedesc *td,
				const struct allocs_srcloc *loc, uintptr_t fp)
{
	if (e->td != td)
		return 0;
	uint64_t d = a - e->base - (e->loc ? fp : 0);
	if (d >= e->span)
		return 0;
	if (e->period ? fastmod32((uint32_t)d, e->pmul, (uint32_t)e->period) != e->residue
		      : d != e->residue)
		return 0;
	if (e->loc && e->loc != loc)
		return 0;
	return !e->chunk || chunk_unchanged(e);
}

static int cache_probe(const void *p, const struct allocs_typedesc *td,
		       const struct allocs_srcloc *loc, uintptr_t fp, enum isa_verdict *v)
{
	uintptr_t a = (uintptr_t)p;
	for (unsigned i = 0; i < CACHE_N; i++) {
		const struct cache_entry *e = &ctls.e[i];
		if (!entry_answers(e, a, td, loc, fp))
			continue;
		*v = e->verdict;
		ctls.hint[hint_slot(loc)] = (unsigned char)(i + 1);
		return 1;
	}
	for (unsigned i = 0; i < STACK_N; i++) {
		const struct cache_entry *e = &ctls.s[i];
		if (!entry_answers(e, a, td, loc, fp))
			continue;
		*v = e->verdict;
		ctls.hint[hint_slot(loc)] = (unsigned char)(HINT_STACK | (i + 1));
		return 1;
	}
	return 0;
}

/* Second level.  In an untyped heap chunk every check at offsets 1..size
 * (one past the end included) answers "unknown" whatever the target: only
 * offset 0 can be typed by a cast (lazy typing).  Programs that carve big
 * raw chunks (jq's interpreter stack, SQLite's lookaside and page-cache
 * buffers) check many targets at many interior pointers; keyed by target,
 * the first level thrashes on them and each miss was a heap lookup.  The
 * stamp holds the chunk's type id (0), so typing or reusing the chunk
 * invalidates the entry, as for first-level heap entries. */
static inline int untyped_answers(const struct untyped_entry *u, uintptr_t a)
{
	return a - u->base - 1 < u->size &&   /* also rejects a == base, empty slots */
	       heap_stamp_valid_inline(u->base, &u->stamp);
}

static int untyped_probe(const void *p, const struct allocs_srcloc *loc)
{
	uintptr_t a = (uintptr_t)p;
	for (unsigned i = 0; i < UNTYPED_N; i++) {
		if (!untyped_answers(&ctls.u[i], a))
			continue;
		ctls.hint[hint_slot(loc)] = (unsigned char)(HINT_UNTYPED | (i + 1));
		return 1;
	}
	return 0;
}

/* The hinted entry for loc, probed in full: 1 answered (*v set), 0 not. */
static inline int hint_probe(const void *p, const struct allocs_typedesc *td,
			     const struct allocs_srcloc *loc, uintptr_t fp, enum isa_verdict *v)
{
	unsigned h = ctls.hint[hint_slot(loc)];
	if (!h)
		return 0;
	if (h & HINT_UNTYPED) {
		if (!untyped_answers(&ctls.u[(h & ~HINT_UNTYPED) - 1], (uintptr_t)p))
			return 0;
		*v = ISA_UNTYPED;
		return 1;
	}
	const struct cache_entry *e = h & HINT_STACK ? &ctls.s[(h & ~HINT_STACK) - 1] : &ctls.e[h - 1];
	if (!entry_answers(e, (uintptr_t)p, td, loc, fp))
		return 0;
	*v = e->verdict;
	return 1;
}

/* st: the stamp of info's heap chunk from the lookup (NULL: not
 * stampable, or not heap memory). */
static void cache_insert(const void *p, const struct allocs_typedesc *td,
			 const struct allocs_srcloc *loc, uintptr_t fp,
			 const struct allocs_info *info, const struct heap_stamp *st,
			 const struct isa_extent *x, enum isa_verdict v)
{
	uint64_t off = (uintptr_t)p - (uintptr_t)info->base;
	if (x->hi <= x->lo || off < x->lo || off >= x->hi)
		return;
	if (x->period && (x->hi - x->lo > UINT32_MAX || x->period > UINT32_MAX))
		return;                       /* beyond fastmod32's range */
	struct cache_entry e = {
		.td = td,
		.base = (uintptr_t)info->base + x->lo,
		.span = x->hi - x->lo,
		.period = x->period,
		.residue = x->period ? (off - x->lo) % x->period : off - x->lo,
		.pmul = x->period ? UINT64_MAX / x->period + 1 : 0,
		.verdict = v,
	};
	switch (info->kind) {
	case ALLOCS_HEAP:
		if (!st)
			return;
		e.stamp = *st;
		e.chunk = info->base;
		break;
	case ALLOCS_STACK:
		/* Relative to the checking call's frame: the same site at the
		 * same distance from its own frame names the same object of
		 * the same frame layout, at whatever depth the caller runs
		 * (a comparison function called from a recursive sort). */
		e.loc = loc;
		e.base -= fp;
		ctls.s[ctls.snext++ % STACK_N] = e;
		return;
	case ALLOCS_STATIC:
		break;
	default:
		return;
	}
	ctls.e[ctls.next++ % CACHE_N] = e;
}

/* An untyped heap chunk answers "unknown" at every offset but 0 (where a
 * cast may type it lazily), and at 0 too for a target that just failed to
 * type it (lazy typing depends only on the target and the chunk's size).
 * Interior offsets go to the second level, for every target at once (see
 * untyped_probe); offset 0 to a first-level entry for this target, which
 * covers the whole chunk.  Both stamps hold the chunk's type id (0), so
 * typing the chunk later invalidates them. */
static void cache_untyped_chunk(const void *p, const struct allocs_typedesc *td,
				const struct allocs_srcloc *loc, const struct allocs_info *info,
				const struct heap_stamp *st, uint64_t off)
{
	if (off != 0) {
		if (off > info->size || !st)
			return;
		struct untyped_entry u = { (uintptr_t)info->base, info->size, *st };
		/* A signal handler's check may probe between these stores: the
		 * slot is empty (size 0) until it is whole. */
		struct untyped_entry *slot = &ctls.u[ctls.unext++ % UNTYPED_N];
		__atomic_store_n(&slot->size, 0, __ATOMIC_RELAXED);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		slot->base = u.base;
		slot->stamp = u.stamp;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		__atomic_store_n(&slot->size, u.size, __ATOMIC_RELAXED);
		return;
	}
	struct isa_extent x = { 0, info->size + 1, 1 };   /* one past the end too */
	cache_insert(p, td, loc, 0, info, st, &x, ISA_UNTYPED);
}

/* A stack address that no frame's metadata describes (a parameter the
 * debug information only locates in registers, a spill slot): the lookup
 * unwound the whole stack to say so, and would again on every call, so
 * the answer is cached as a stack entry for this site and this exact
 * place relative to the checking call's frame (see cache_insert).  "In
 * the stack" is judged by distance: callers' frames lie just above ours,
 * and no heap or static object lies within STACK_NEAR bytes of a live
 * stack pointer. */
#define STACK_NEAR 65536u
static void cache_unknown_stack_slot(const void *p, const struct allocs_typedesc *td,
				     const struct allocs_srcloc *loc, uintptr_t fp)
{
	if ((uintptr_t)p - fp >= STACK_NEAR)
		return;
	struct cache_entry e = {
		.td = td, .base = (uintptr_t)p - fp, .span = 1, .loc = loc,
		.verdict = ISA_UNTYPED,
	};
	ctls.s[ctls.snext++ % STACK_N] = e;
}

static void fail(const void *p, struct allocs_typedesc *td, const struct allocs_srcloc *loc,
		 const struct allocs_info *info, const char *why)
{
	checker_count(CTR_FAILED);
	enum allocs_check_mode m = checker_mode();
	if (m == ALLOCS_CHECK_COUNT)
		return;
	if (m == ALLOCS_CHECK_WARN && !checker_first_at_site(loc))
		return;
	struct bad_cast bc = { p, td, loc, info, why };
	if (report_bad_cast(&bc) && m == ALLOCS_CHECK_ABORT)
		checker_abort();
}

/* Pointers to the start of a heap chunk (a struct allocated whole, then
 * handed around as a "base class" pointer or a void *) are answered from
 * the chunk's own metadata word, found with a few loads (heap_start_type),
 * before any cache: whichever chunk it is, a chunk of exactly the target
 * type passes, so new chunks need no lookup and take no cache entries
 * from the checks that need them.  Only passes are read off this way; the
 * size test keeps the answer the walk's (a chunk too small for its type is
 * judged there).  START_UNTYPED: the chunk may be typed by this very cast
 * (lazy typing), which the caller then does from what was read here; if
 * the cast does not type it, the full check decides (without the cache
 * scans: they hold no answer at a chunk's start but for failed typings,
 * which the hinted entry catches). */
enum start_answer { START_PASS, START_UNTYPED, START_OTHER };
static inline enum start_answer start_of_chunk(const void *p, const struct allocs_typedesc *td,
					       struct heap_start *hs)
{
	if ((td->flags & (ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION | ALLOCS_TD_GENERIC)) || !td->size)
		return START_OTHER;
	switch (heap_start_type(p, hs)) {
	case HEAP_START_TYPED:
		return hs->type->identity == td->identity && hs->size >= td->size ? START_PASS
										: START_OTHER;
	case HEAP_START_UNTYPED:
		return START_UNTYPED;
	default:
		return START_OTHER;
	}
}

static __attribute__((noinline)) void check_slow(const void *p, struct allocs_typedesc *td,
						 const struct allocs_srcloc *loc, uintptr_t fp)
{
	if ((td->flags & ALLOCS_TD_INCOMPLETE) && !td_tag_defined(td)) {
		checker_count(CTR_UNKNOWN);      /* an opaque handle: nothing defines it */
		return;
	}
	struct allocs_info info = { ALLOCS_UNKNOWN, NULL, 0, NULL, NULL };
	struct heap_stamp stamp;
	int h = heap_lookup_stamped(p, &info, &stamp);
	const struct heap_stamp *st = h == 0 ? &stamp : NULL;
	if (h < 0 && allocs_lookup_nonheap(p, &info) != 0) {
		checker_count(CTR_UNKNOWN);      /* unindexed memory: code, libc data... */
		cache_unknown_stack_slot(p, td, loc, fp);
		return;
	}
	uint64_t off = (uintptr_t)p - (uintptr_t)info.base;

	if (td->flags & ALLOCS_TD_FUNCTION) {
		/* Functions live in text, which no lookup indexes; a pointer into a
		 * typed data object is certainly not a function.  Function types are
		 * not in the metadata, so a function's own type is not checked. */
		if (info.type && !uniqtype_is_char(info.type) && !uniqtype_is_char_array(info.type))
			fail(p, td, loc, &info, "points to data, not to a function");
		else
			checker_count(CTR_UNKNOWN);
		return;
	}

	if (!info.type) {
		if (info.kind == ALLOCS_HEAP && off == 0 && lazy_type_chunk(&info, st, td)) {
			checker_count(CTR_LAZY_TYPED);
		} else {
			checker_count(CTR_UNKNOWN);
			if (info.kind == ALLOCS_HEAP) {
				cache_untyped_chunk(p, td, loc, &info, st, off);
			} else if (info.kind == ALLOCS_STACK && info.size) {
				/* a frame's untyped slot: nothing types it later */
				struct isa_extent x = { 0, info.size, 1 };
				cache_insert(p, td, loc, fp, &info, NULL, &x, ISA_UNTYPED);
			}
		}
		return;
	}

	struct isa_target t;
	td_target(td, &t);
	/* A chunk of generic pointers takes the first concrete pointer type cast
	 * to it, before the walk (whose void * slot leniency would accept it). */
	if (info.kind == ALLOCS_HEAP && specialise_chunk(&info, off, &t)) {
		checker_count(CTR_SPECIALISED);
		return;
	}
	struct isa_extent x;
	enum isa_verdict v = allocs_is_a(info.type, info.size, off, &t, checker_isa_mode(), &x, NULL);
	switch (v) {
	case ISA_PASS:
		cache_insert(p, td, loc, fp, &info, st, &x, v);
		return;
	case ISA_UNTYPED:
		checker_count(CTR_UNKNOWN);
		cache_insert(p, td, loc, fp, &info, st, &x, v);
		return;
	case ISA_FAIL:
		if (info.kind == ALLOCS_HEAP && demote_soft_chunk(&info)) {
			checker_count(CTR_UNKNOWN);   /* a buffer used for several types */
			return;
		}
		fail(p, td, loc, &info, NULL);
		return;
	}
}

CHECKER_EXPORT void *__allocs_check_cast(const void *p, struct allocs_typedesc *target,
			  const struct allocs_srcloc *loc)
{
	if (!p || !target)
		return (void *)p;
	if (__builtin_expect(checker_mode() == ALLOCS_CHECK_OFF, 0))
		return (void *)p;
	/* Passes are not counted: the summary derives them (checks - failed -
	 * unknown), which keeps a cache hit to two increments. */
	struct ctr_block *b = checker_counters();
	checker_inc(b, CTR_CHECKS);
	/* This call's frame: a fixed distance from the caller's. */
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
	struct heap_start hs;
	enum start_answer sa = start_of_chunk(p, target, &hs);
	if (sa == START_PASS) {
		checker_inc(b, CTR_AT_START);
		return (void *)p;
	}
	/* An untyped chunk cast at its start: lazy typing, from what the
	 * start test read (no lookup).  Under the signal guard: it may
	 * allocate a soft type. */
	if (sa == START_UNTYPED && !ctls.busy) {
		ctls.busy = 1;
		int typed = lazy_type_start(&hs, target);
		ctls.busy = 0;
		if (typed) {
			checker_inc(b, CTR_LAZY_TYPED);
			return (void *)p;
		}
	}
	enum isa_verdict v;
	if (hint_probe(p, target, loc, fp, &v) ||
	    (sa == START_OTHER && cache_probe(p, target, loc, fp, &v))) {
		checker_inc(b, CTR_CACHE_HITS);
		if (v != ISA_PASS)
			checker_inc(b, CTR_UNKNOWN);
		return (void *)p;
	}
	if (sa == START_OTHER && untyped_probe(p, loc)) {
		checker_inc(b, CTR_CACHE_HITS);
		checker_inc(b, CTR_UNKNOWN);
		return (void *)p;
	}
	if (ctls.busy) {
		checker_count(CTR_UNKNOWN);      /* a signal handler interrupted a check */
		return (void *)p;
	}
	ctls.busy = 1;
	check_slow(p, target, loc, fp);
	ctls.busy = 0;
	return (void *)p;
}
