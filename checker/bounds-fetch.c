/*
 * bounds-fetch.c -- __allocs_fetch_bounds: which bytes may a pointer
 * derived from p (element size esz) range over?
 *
 * Answer, in order of preference (include/allocs-check.h states the rule):
 *   1. the innermost array whose elements are esz bytes and which holds p,
 *      widened to the enclosing arrays when arrays of such arrays are
 *      nested directly (int a[3][4] walked by an int * spans all 12 ints,
 *      as C programs walk matrices flat);
 *   2. else the innermost object of exactly esz bytes holding p;
 *   3. else, and always for esz <= 1 (byte pointers) or untyped memory,
 *      the whole allocation;
 *   4. memory in a loaded object's image but in no variable (string
 *      literals): the segment holding it;
 *   5. memory no index knows: unbounded (counted).
 * A flexible array member (or trailing [0]/[1] of a struct flagged
 * UNIQTYPE_F_HAS_FLEXIBLE, or a trailing array of any length when the
 * allocation is larger than the struct but not a multiple of it, or when
 * the struct is only the chunk's guessed, soft type) extends
 * to the end of the allocation; a heap chunk bigger than its type is
 * otherwise an array of that type -- except that a struct chunk that is
 * not a whole number of structs (or whose type is a guess) is one struct
 * and then untyped data.
 *
 * The plugin calls this once per pointer origin and reuses the answer, so
 * it is not on the per-derivation path; it still avoids allocation and
 * locks (allocs_lookup is lock-free), since signal handlers may derive.
 */
#include "bounds.h"
#include "bounds-cache.h"
#include "is-a.h"
#include "../runtime/heap-index.h"
#include "../runtime/index-stack.h"
#include "../runtime/index-static.h"
#include "../runtime/lookup.h"

static int sized(const struct uniqtype *u)
{
	return u && u->size != UNIQTYPE_SIZE_UNKNOWN;
}

/* The last member of struct u, if it is an array that may run on to the
 * end of the allocation: flexible ([]), or the struct hack ([0], [1]),
 * whether or not the metadata flagged the struct; or an array of any
 * declared length when the struct's `extent` (what encloses it) runs past
 * the struct and is not a whole number of structs (`malloc (sizeof (struct
 * chunk) + n - 8)` for a trailing u8 data[8]: GCC's own reading of a
 * trailing array with -fstrict-flex-arrays=0).  An extent that is a
 * multiple of the struct is an array of structs -- unless the struct is a
 * chunk's soft type (`guessed`: lazy typing or a carved allocation, see
 * note-alloc.c), where the chunk's size says nothing about how many
 * structs the program meant (SQLite's 1024-byte FileChunk, a 16-byte
 * struct ending in u8 zChunk[8], is one struct and 1008 more bytes). */
static const struct uniqtype_member *flexible_tail(const struct uniqtype *u, uint64_t extent,
						   int guessed)
{
	if (u->kind != UNIQTYPE_STRUCT || u->n == 0 || !u->u.agg.members)
		return NULL;
	const struct uniqtype_member *m = &u->u.agg.members[u->n - 1];
	if (!m->type || m->type->kind != UNIQTYPE_ARRAY)
		return NULL;
	if ((u->flags & UNIQTYPE_F_HAS_FLEXIBLE) || (m->type->flags & UNIQTYPE_F_FLEXIBLE) ||
	    m->type->n <= 1)
		return m;
	if (sized(u) && u->size > 0 && extent > u->size && (guessed || extent % u->size != 0))
		return m;
	return NULL;
}

struct walk_result {
	int have_array;
	uint64_t arr_lo, arr_hi;
	int have_object;
	uint64_t obj_lo, obj_hi;
	/* Inside the elements of a flexible array of another element size:
	 * its extent (to the end of what encloses it). */
	int in_flex;
	uint64_t flex_lo, flex_hi;
};

/* An object of the pointer's element size holding p: its bounds, unless
 * p lies in a flexible array of other elements.  The length of a flexible
 * array is whatever the program makes it; the bytes past its last used
 * element commonly hold another array of the same allocation (a header,
 * then n slots, then an int table found as (int *)&h->slots[n]).  The
 * element "found" there by dividing the allocation by the element size is
 * a guess, so p is bounded by the flexible array's extent instead of by a
 * member of that guessed element.  Arrays of the element size (rule 1)
 * still win. */
static void found_object(struct walk_result *r, uint64_t lo, uint64_t hi)
{
	r->have_object = 1;
	r->obj_lo = r->in_flex ? r->flex_lo : lo;
	r->obj_hi = r->in_flex ? r->flex_hi : hi;
}

/* Walk from the allocation type down along offset `off`. */
static void walk(const struct uniqtype *u, uint64_t alloc_size, uint64_t off, uint64_t esz,
		 struct walk_result *r)
{
	uint64_t base = 0, limit = alloc_size;
	/* run of directly nested arrays: outermost extent */
	int in_run = 0;
	uint64_t run_lo = 0, run_hi = 0;

	int flex_next = 0;                   /* entering a flexible tail array */
	const struct uniqtype *chunk_type = u;
	int guessed = (u->flags & CHECKER_F_SOFT) != 0;

	if (sized(u) && u->size > 0 && alloc_size > u->size && !flexible_tail(u, alloc_size, guessed) &&
	    !(u->kind == UNIQTYPE_ARRAY && (u->flags & UNIQTYPE_F_FLEXIBLE))) {
		/* a chunk holding several objects of its type (also arrays:
		 * malloc (n * sizeof (double[8])) for a double (*)[8]) */
		uint64_t n = alloc_size / u->size;
		if (off >= n * u->size)
			return;          /* the untyped tail */
		/* A struct chunk that is not a whole number of structs is one
		 * struct and then data of other types (`calloc (sizeof (struct
		 * rule) + n * sizeof (struct symbol *) + ...)`, reached as
		 * `(struct symbol **)&rp[1]`): the "second struct" the division
		 * finds there is a guess, and a member of it must not bound a
		 * pointer to the data.  So is it when the struct is the chunk's
		 * soft type (a carved `sizeof (T) + extra` allocation), whatever
		 * the size.  Pointers past the struct get the whole chunk;
		 * pointers to the struct type keep the array reading. */
		if (off >= u->size && (guessed || alloc_size % u->size != 0) && u->size != esz &&
		    (u->kind == UNIQTYPE_STRUCT || u->kind == UNIQTYPE_UNION))
			return;
		if (u->size == esz) {
			r->have_array = 1;
			r->arr_lo = 0;
			r->arr_hi = n * u->size;
		}
		base = (off / u->size) * u->size;
		limit = u->size;
	}

	for (int depth = 0; depth < 32 && u; depth++) {
		if (off < base || off - base >= limit)
			return;
		if (sized(u) && u->size == esz && limit >= esz) {
			/* Nothing below changes the answer: an array of esz-byte
			 * elements inside esz bytes has one element, and objects
			 * inside have the same extent.  (Stopping here saves walking
			 * every struct pointer down to its first scalar.)  Not so
			 * when p is past it, in a flexible array member's bytes, nor
			 * for an array (a [1] struct hack may run on). */
			found_object(r, base, base + esz);
			if (off - base < esz && u->kind != UNIQTYPE_ARRAY)
				return;
		}
		if (u->kind == UNIQTYPE_ARRAY) {
			const struct uniqtype *e = u->u.array.elem;
			if (!sized(e) || e->size == 0)
				return;
			int flexible = flex_next || (u->flags & UNIQTYPE_F_FLEXIBLE) || !sized(u);
			uint64_t n = flexible ? limit / e->size : u->n;
			flex_next = 0;
			if (flexible && e->size != esz && !r->in_flex) {
				r->in_flex = 1;
				r->flex_lo = base;
				r->flex_hi = base + limit;
				if (r->have_object)     /* an enclosing header of size esz */
					found_object(r, 0, 0);
			}
			if (n * e->size > limit)
				n = limit / e->size;
			uint64_t hi = base + n * e->size;
			if (!in_run) {
				in_run = 1;
				run_lo = base;
				run_hi = hi;
			}
			if (e->size == esz) {
				r->have_array = 1;
				r->arr_lo = run_lo;
				r->arr_hi = run_hi;
			}
			uint64_t idx = (off - base) / e->size;
			if (idx >= n)
				return;
			base += idx * e->size;
			limit = e->size;
			if (e->kind != UNIQTYPE_ARRAY)
				in_run = 0;
			u = e;
			continue;
		}
		in_run = 0;
		if (u->kind == UNIQTYPE_STRUCT || u->kind == UNIQTYPE_UNION) {
			const struct uniqtype_member *ms = u->u.agg.members;
			const struct uniqtype_member *found = NULL;
			const struct uniqtype_member *tail =
				flexible_tail(u, limit, guessed && u == chunk_type && base == 0);
			uint64_t ext = 0;
			for (uint32_t i = 0; ms && i < u->n; i++) {
				const struct uniqtype_member *m = &ms[i];
				if (!m->type || m->bit_size)
					continue;
				uint64_t rel = off - base;
				uint64_t x = sized(m->type) ? m->type->size : 0;
				/* flexible tail: to the end of what encloses it */
				if (m == tail)
					x = limit > m->offset ? limit - m->offset : 0;
				else if (!sized(m->type))
					x = limit > m->offset ? limit - m->offset : 0;
				if (m->offset <= rel && rel - m->offset < x) {
					found = m;
					ext = x;
					break;
				}
			}
			if (!found)
				return;          /* padding */
			base += found->offset;
			limit = ext;
			flex_next = found == tail;
			u = found->type;
			continue;
		}
		return;                          /* a scalar: nothing below */
	}
}

/* The answer for (a, esz) in the allocation *info (found by a lookup) */
static allocs_bounds_t answer_in(uint64_t a, uint64_t esz, const struct allocs_info *info)
{
	uint64_t base = (uintptr_t)info->base;
	if (esz <= 1 || !info->type)
		return bounds_make(base, info->size);
	struct walk_result r = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	walk(info->type, info->size, a - base, esz, &r);
	if (r.have_array)
		return bounds_make(base + r.arr_lo, r.arr_hi - r.arr_lo);
	if (r.have_object)
		return bounds_make(base + r.obj_lo, r.obj_hi - r.obj_lo);
	/* No sub-object of this element size holds p (the memory is used as
	 * another type than declared): the allocation is all we can say. */
	return bounds_make(base, info->size);
}

/* How far from the chunk's start the answer for its pointers with
 * element size esz is the same wherever they point (0: it is not):
 *  - byte pointers and untyped chunks: the whole allocation;
 *  - chunks of characters (a char buffer, a soft-typed chunk demoted to
 *    storage used for several types: SQLite's page-cache and lookaside
 *    buffers): the walk finds no object bigger than a byte in them, so
 *    for every element size the answer is the whole allocation too;
 *  - a chunk of esz-byte objects (not arrays: their elements may be
 *    walked into), without a flexible tail: the array of whole objects
 *    (walk() sets have_array to it at the top and returns as soon as it
 *    meets the first esz-byte object, before looking at any member);
 *  - an array (of arrays) of esz-byte scalars, as locals and statics are
 *    typed: the whole array (the run of elements walk() reports).
 * The caller also checks that the answer it found is this range. */
static uint64_t uniform_extent(const struct allocs_info *info, uint64_t esz)
{
	const struct uniqtype *u = info->type;
	if (esz <= 1 || !u || uniqtype_is_char(u) || uniqtype_is_char_array(u))
		return info->size;
	if (u->kind == UNIQTYPE_ARRAY && sized(u) && u->size <= info->size) {
		const struct uniqtype *e = u;
		while (e->kind == UNIQTYPE_ARRAY && e->u.array.elem)
			e = e->u.array.elem;
		int scalar = e->kind == UNIQTYPE_BASE || e->kind == UNIQTYPE_POINTER ||
			     e->kind == UNIQTYPE_ENUM;
		return scalar && sized(e) && e->size == esz ? u->size : 0;
	}
	if (!sized(u) || u->size != esz || u->size == 0 || u->kind == UNIQTYPE_ARRAY ||
	    info->size < u->size)
		return 0;
	if (info->size > u->size && flexible_tail(u, info->size, (u->flags & CHECKER_F_SOFT) != 0))
		return 0;
	return (info->size / u->size) * u->size;
}

/* The answer for (a, esz) from the indexes other than the heap's (a is
 * in no heap chunk); *info says which allocation it came from (kind
 * ALLOCS_UNKNOWN: unbounded). */
static allocs_bounds_t nonheap_bounds(uint64_t a, uint64_t esz, struct allocs_info *info)
{
	if (allocs_lookup_nonheap((const void *)a, info) != 0) {
		/* In a loaded object's image but in no variable (a string
		 * literal, other .rodata; data of an object without metadata):
		 * the segment bounds it, a static answer the cache keeps until
		 * a dlclose.  Nothing a program may do with a literal leaves its
		 * segment, so nothing is reported that was not wrong before. */
		if (allocs_static_segment((const void *)a, info) == 0)
			return bounds_make((uintptr_t)info->base, info->size);
		info->kind = ALLOCS_UNKNOWN;
		checker_count(CTR_BOUNDS_UNKNOWN);
		return bounds_make(0, BOUNDS_UNBOUNDED_SIZE);
	}
	return answer_in(a, esz, info);
}

/* bounds_for through this thread's answer cache (bounds-cache.h).
 * reprobe: probe the per-pointer level (with foreign entries), which the
 * caller has not done or whose inline probe found a foreign entry; a
 * plain miss there is not probed twice.  Then the per-chunk level; then
 * the heap index, asked for the chunk's stamp in the same pass (no second
 * lookup to stamp the entry).
 * Fetches minus index queries in the exit summary = cache hits. */
static allocs_bounds_t cached_bounds_for(uint64_t a, uint64_t esz, int reprobe)
{
	allocs_bounds_t b;
	if (reprobe && bounds_cache_get(a, esz, &b, 1))
		return b;
	if (bounds_cache_get_chunk(a, esz, &b))
		return b;
	checker_count(CTR_INDEX_QUERIES);
	struct allocs_info info = { ALLOCS_UNKNOWN, NULL, 0, NULL, NULL };
	struct heap_stamp st;
	int h = heap_lookup_stamped((const void *)a, &info, &st);
	if (h >= 0) {
		b = answer_in(a, esz, &info);
		if (h == 0) {
			uint64_t base = (uintptr_t)info.base, ext = uniform_extent(&info, esz);
			bounds_cache_put(a, esz, b, base, &st, 0);
			if (ext && b == bounds_make(base, ext))
				bounds_cache_put_chunk(a, esz, b, base, base + ext, &st);
		}
		return b;
	}
	/* A registered local: cached for as long as its entry is there. */
	struct stack_local_id id;
	if (allocs_registered_local_lookup((const void *)(uintptr_t)a, &info, &id) == 0) {
		b = answer_in(a, esz, &info);
		bounds_cache_put_local(a, esz, b, &id);
		uint64_t ext = uniform_extent(&info, esz);
		if (ext && b == bounds_make(id.base, ext))
			bounds_cache_put_chunk_local(a, esz, b, id.base + ext, &id);
		return b;
	}
	/* the generation is read before the lookup: a dlclose racing with
	 * it leaves the entry already stale */
	unsigned long gen = allocs_nonheap_generation();
	b = nonheap_bounds(a, esz, &info);
	if (info.kind == ALLOCS_STATIC)
		bounds_cache_put(a, esz, b, 0, NULL, gen);
	return b;
}

/* A pointer converted to another element type (the plugin's "retyping"
 * conversion, docs/bounds.md) gets bounds afresh for its address.  A
 * trapped one is un-trapped first if it is still inside the allocation
 * it left (`(char *)&hdr[n]`: one past the typed header, at the chunk's
 * trailing data); outside it, it stays trapped with the bounds it left.
 * Called only for values that may be trapped, and cheap for the others. */
CHECKER_EXPORT void *__allocs_retype(const void *p)
{
	uint64_t v = (uintptr_t)p;
	if (!ALLOCS_IS_TRAPPED(v) || checker_mode() == ALLOCS_CHECK_OFF)
		return (void *)p;
	uint64_t a = ALLOCS_DETRAP(v), inside;
	struct trapped_entry e;
	if (trapped_find(v, &e) == 0 && e.size)
		inside = e.base;
	else if ((v >> ALLOCS_TRAP_SHIFT) == ALLOCS_TRAP_ONE_PAST && a > 0)
		inside = a - 1;
	else
		return (void *)p;
	struct allocs_info info = { ALLOCS_UNKNOWN, NULL, 0, NULL, NULL };
	if (!allocs_lookup || allocs_lookup((const void *)(uintptr_t)inside, &info) != 0)
		return (void *)p;
	if (a - (uintptr_t)info.base < info.size)
		return (void *)(uintptr_t)a;
	return (void *)p;
}

/* Everything but a counted cache hit: a null pointer, checking off,
 * trapped pointers, misses, and a hit before this thread's first miss has
 * set bc_tls.fetched.  probe, b: what the inline probe said (0, 1 with
 * its answer b, or BC_FOREIGN). */
static __attribute__((noinline)) allocs_bounds_t fetch_slow(uint64_t a, uint64_t esz, int probe,
							     allocs_bounds_t b)
{
	if (!a || __builtin_expect(checker_mode() == ALLOCS_CHECK_OFF, 0))
		return bounds_make(0, BOUNDS_UNBOUNDED_SIZE);
	struct ctr_block *c = checker_counters();
	checker_inc(c, CTR_BOUNDS_FETCHED);
	/* the hit path counts through this pointer; never into the shared
	 * overflow block, which needs atomic adds */
	if (__builtin_expect(!bc_tls.fetched, 0) && c != &checker_shared_ctr)
		bc_tls.fetched = &c->c[CTR_BOUNDS_FETCHED];
	if (probe == 1)
		return b;
	if (ALLOCS_IS_TRAPPED(a)) {
		/* A trapped pointer keeps the bounds it left, if this thread
		 * still remembers them; a one-past pointer belongs to the object
		 * just below it. */
		struct trapped_entry e;
		if (trapped_find(a, &e) == 0)
			return bounds_make(e.base, e.size);
		uint64_t tag = a >> ALLOCS_TRAP_SHIFT;
		a = ALLOCS_DETRAP(a);
		if (tag == ALLOCS_TRAP_ONE_PAST && a > 0)
			return cached_bounds_for(a - 1, esz, 1);
		return bounds_make(a, 0);    /* nothing is in bounds: stays trapped */
	}
	return cached_bounds_for(a, esz, probe == BC_FOREIGN);
}

/* The hit path, with no call and no stack frame: the cache never holds
 * an answer for a null or trapped pointer (keys are untrapped, non-null
 * addresses) and holds answers only while checking is on (entries are
 * made only then, and the mode never changes once decided), so neither
 * needs testing before the probe. */
CHECKER_EXPORT allocs_bounds_t __allocs_fetch_bounds(const void *p, uint64_t esz)
{
	allocs_bounds_t b = 0;
	int probe = bounds_cache_get((uintptr_t)p, esz, &b, 0);
	if (__builtin_expect(probe == 1, 1)) {
		uint64_t *n = bc_tls.fetched;
		if (__builtin_expect(n != NULL, 1)) {
			/* checker_inc on this thread's own block */
			__atomic_store_n(n, __atomic_load_n(n, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
			return b;
		}
	}
	return fetch_slow((uintptr_t)p, esz, probe, b);
}
