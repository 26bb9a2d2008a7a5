/*
 * is-a.c -- the sub-object walk behind every cast check.
 *
 * Starting from the allocation's type at the pointer's offset, descend
 * through struct members (only those spanning the offset: padding matches
 * nothing), array elements and every union arm, and succeed when a
 * sub-object starting exactly at the offset has the target type.  Type
 * equality is identity equality (interned uniqtypes share identities); the
 * leniencies real C needs (integers of one size, void * slots, common
 * initial members, char storage) are rules of their own, named by
 * enum isa_rule, and documented in docs/checks.md.
 *
 * Pure: reads uniqtypes only, so it is safe anywhere and unit-testable.
 */
#include "is-a.h"
#include "allocs-check.h"

#include <string.h>

struct walk {
	const struct isa_target *t;
	unsigned mode;
	enum isa_rule rule;
	uint64_t to_end;        /* bytes from the pointer to the allocation's end */
	int pinned;             /* the verdict used to_end: it holds at this offset only */
};

unsigned uniqtype_pointer_degree(const struct uniqtype *t)
{
	unsigned d = 0;
	while (t && t->kind == UNIQTYPE_POINTER && d < 64) {
		d++;
		t = t->u.ptr.pointee;
	}
	return d;
}

int uniqtype_is_generic_pointer(const struct uniqtype *t)
{
	if (!t || t->kind != UNIQTYPE_POINTER)
		return 0;
	for (unsigned d = 0; t && t->kind == UNIQTYPE_POINTER && d < 64; d++)
		t = t->u.ptr.pointee;
	return t && t->kind == UNIQTYPE_VOID;
}

int uniqtype_is_char_array(const struct uniqtype *t)
{
	if (!t || t->kind != UNIQTYPE_ARRAY)
		return 0;
	while (t && t->kind == UNIQTYPE_ARRAY)
		t = t->u.array.elem;
	return t && uniqtype_is_char(t);
}

static int known_size(const struct uniqtype *u)
{
	return u->size != UNIQTYPE_SIZE_UNKNOWN;
}

/* Integer view of a type: enums by their underlying type. */
static const struct uniqtype *integer_of(const struct uniqtype *u)
{
	if (u && u->kind == UNIQTYPE_ENUM)
		u = u->u.en.underlying;
	if (!u || u->kind != UNIQTYPE_BASE)
		return NULL;
	switch (u->u.base.encoding) {
	case UNIQTYPE_ENC_SIGNED:
	case UNIQTYPE_ENC_UNSIGNED:
	case UNIQTYPE_ENC_SIGNED_CHAR:
	case UNIQTYPE_ENC_UNSIGNED_CHAR:
		return u;
	default:
		return NULL;
	}
}

static int complement_encodings(unsigned a, unsigned b)
{
	return (a == UNIQTYPE_ENC_SIGNED && b == UNIQTYPE_ENC_UNSIGNED) ||
	       (a == UNIQTYPE_ENC_UNSIGNED && b == UNIQTYPE_ENC_SIGNED) ||
	       (a == UNIQTYPE_ENC_SIGNED_CHAR && b == UNIQTYPE_ENC_UNSIGNED_CHAR) ||
	       (a == UNIQTYPE_ENC_UNSIGNED_CHAR && b == UNIQTYPE_ENC_SIGNED_CHAR);
}

/* C lets an object be accessed through its signed/unsigned variant, and an
 * enum through its compatible integer type: allowed in every mode.  Other
 * integers of the same size (long vs long long) only when not strict. */
static int integer_compatible(const struct uniqtype *u, const struct uniqtype *t, unsigned mode)
{
	const struct uniqtype *a = integer_of(u), *b = integer_of(t);
	if (!a || !b || a->size != b->size)
		return 0;
	if (!(mode & ISA_STRICT))
		return 1;
	return a == b || a->identity == b->identity ||
	       complement_encodings(a->u.base.encoding, b->u.base.encoding);
}

static int same_type(const struct uniqtype *a, const struct uniqtype *b)
{
	return a == b || (a && b && a->identity == b->identity);
}

/* Physical subtyping: every member of target struct `t` is matched in the
 * actual struct `u` at the same offset by a member of the same type, or
 * overlaps a char array of either side (sockaddr's sa_data, sockaddr_
 * storage's padding).  The first member must match exactly, and `t` must
 * fit in the bytes available (`limit`). */
static int prefix_compatible(const struct uniqtype *u, const struct uniqtype *t, uint64_t limit)
{
	if (u->kind != UNIQTYPE_STRUCT || t->kind != UNIQTYPE_STRUCT || t->n == 0 || u->n == 0)
		return 0;
	if (!known_size(t) || t->size > limit)
		return 0;
	const struct uniqtype_member *um = u->u.agg.members, *tm = t->u.agg.members;
	for (uint32_t i = 0; i < t->n; i++) {
		const struct uniqtype_member *m = &tm[i];
		if (!m->type)
			return 0;
		uint64_t msize = known_size(m->type) ? m->type->size : t->size - m->offset;
		int ok = 0;
		if (i > 0 && uniqtype_is_char_array(m->type))
			ok = 1;                         /* target's wildcard bytes */
		for (uint32_t j = 0; !ok && j < u->n; j++) {
			const struct uniqtype_member *a = &um[j];
			if (!a->type)
				continue;
			if (a->offset == m->offset && a->bit_size == m->bit_size &&
			    a->bit_offset == m->bit_offset && same_type(a->type, m->type)) {
				ok = 1;
				break;
			}
			uint64_t asize = known_size(a->type) ? a->type->size : limit - a->offset;
			if (i > 0 && uniqtype_is_char_array(a->type) &&
			    a->offset <= m->offset && m->offset + msize <= a->offset + asize)
				ok = 1;                 /* actual's wildcard bytes */
		}
		if (!ok)
			return 0;
	}
	return 1;
}

/* C11 6.7.2.1p16: a pointer to a union, suitably converted, points to each
 * of its members, and vice versa.  Programs rely on the "vice versa" for
 * objects allocated as one arm only: Lua allocates a Table or a lua_State
 * by itself and reaches it through `union GCUnion *`, and an arm's own
 * fields are all such a pointer is used for.  So a union target matches an
 * object whose type is one of its arms (through nested unions, which also
 * start at offset 0). */
static int is_union_arm(const struct uniqtype *un, const struct uniqtype *u, unsigned depth)
{
	if (!un || un->kind != UNIQTYPE_UNION || !un->u.agg.members || depth > 8)
		return 0;
	for (uint32_t i = 0; i < un->n; i++) {
		const struct uniqtype_member *m = &un->u.agg.members[i];
		if (!m->type || m->bit_size || m->offset != 0)
			continue;
		if (same_type(m->type, u) || is_union_arm(m->type, u, depth + 1))
			return 1;
	}
	return 0;
}

static enum isa_rule match_here(const struct uniqtype *u, const struct walk *w)
{
	const struct isa_target *t = w->t;
	if (t->flags & ALLOCS_TD_GENERIC)
		return u->kind == UNIQTYPE_POINTER && uniqtype_pointer_degree(u) >= t->degree
			? ISA_RULE_DEGREE : ISA_RULE_NONE;
	if (t->flags & ALLOCS_TD_INCOMPLETE) {
		if (u->kind != UNIQTYPE_STRUCT && u->kind != UNIQTYPE_UNION &&
		    u->kind != UNIQTYPE_ENUM && u->kind != UNIQTYPE_OPAQUE)
			return ISA_RULE_NONE;
		return u->name && t->name && strcmp(u->name, t->name) == 0 ? ISA_RULE_NAME : ISA_RULE_NONE;
	}
	if (u == t->type || u->identity == t->identity)
		return ISA_RULE_EXACT;
	const struct uniqtype *tt = t->type;
	if (!tt)
		return ISA_RULE_NONE;
	if (integer_compatible(u, tt, w->mode))
		return ISA_RULE_INTEGER;
	if (tt->kind == UNIQTYPE_UNION && is_union_arm(tt, u, 0))
		return ISA_RULE_UNION_ARM;
	if (!(w->mode & ISA_STRICT) && u->kind == UNIQTYPE_POINTER && tt->kind == UNIQTYPE_POINTER) {
		const struct uniqtype *up = u->u.ptr.pointee, *tp = tt->u.ptr.pointee;
		if (up && up->kind == UNIQTYPE_VOID)
			return ISA_RULE_GENERIC_SLOT;
		if (up && tp && integer_compatible(up, tp, 0))
			return ISA_RULE_INTEGER;   /* char * slot seen as unsigned char * */
		/* any pointer slot seen as `char *`, the generic pointer of C
		 * before void *: old code sorts and links lists of any struct
		 * through `char **` (lemon's msort: `(char **)&ap->next`) */
		if (tp && uniqtype_is_char(tp))
			return ISA_RULE_GENERIC_SLOT;
	}
	return ISA_RULE_NONE;
}

static int better(enum isa_verdict a, enum isa_verdict b)
{
	/* PASS beats UNTYPED beats FAIL */
	return (a == ISA_PASS && b != ISA_PASS) || (a == ISA_UNTYPED && b == ISA_FAIL);
}

/* Bytes from the start of member m to the end of its aggregate's storage:
 * a flexible array member is bounded by the allocation (limit). */
static uint64_t member_extent(const struct uniqtype_member *m, uint64_t limit)
{
	if (known_size(m->type))
		return m->type->size;
	return limit > m->offset ? limit - m->offset : 0;
}

static enum isa_verdict visit(const struct uniqtype *u, uint64_t off, uint64_t limit,
			      struct walk *w, unsigned depth)
{
	if (!u || depth > 64)
		return ISA_FAIL;
	if (off == 0) {
		enum isa_rule r = match_here(u, w);
		if (r != ISA_RULE_NONE) {
			w->rule = r;
			return ISA_PASS;
		}
		if (!(w->mode & ISA_STRICT) && w->t->type && !(w->t->flags & (ALLOCS_TD_GENERIC | ALLOCS_TD_INCOMPLETE)) &&
		    prefix_compatible(u, w->t->type, limit)) {
			w->rule = ISA_RULE_PREFIX;
			return ISA_PASS;
		}
	}
	switch (u->kind) {
	case UNIQTYPE_ARRAY: {
		const struct uniqtype *e = u->u.array.elem;
		if (!e || !known_size(e) || e->size == 0)
			return ISA_FAIL;
		/* more room than the array's own size: a struct-hack tail */
		uint64_t n = (u->flags & UNIQTYPE_F_FLEXIBLE) || !known_size(u) || limit > u->size
			? limit / e->size : u->n;
		uint64_t extent = n * e->size;
		if (off >= extent)
			return ISA_FAIL;
		if (uniqtype_is_char(e)) {
			/* char storage: an arena may hold anything that fits.  A
			 * target that would overlap whatever follows the array is
			 * a type conflict; one that would run past the end of the
			 * allocation is a size question for bounds checks (and an
			 * end pointer of an array carved from the storage, like
			 * MurmurHash's `(uint32_t *)(data + nblocks * 4)`, is legal). */
			if (w->t->size && off + w->t->size > extent) {
				w->pinned = 1;
				if (extent - off != w->to_end)
					return ISA_FAIL;
			}
			w->rule = ISA_RULE_STORAGE;
			return ISA_UNTYPED;
		}
		return visit(e, off % e->size, e->size, w, depth + 1);
	}
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION: {
		const struct uniqtype_member *ms = u->u.agg.members;
		if (!ms)
			return ISA_FAIL;
		/* first member starting beyond off (members sorted by offset) */
		uint32_t lo = 0, hi = u->n;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (ms[mid].offset <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		enum isa_verdict best = ISA_FAIL;
		enum isa_rule best_rule = ISA_RULE_NONE;
		/* every member starting at or before off that spans it: union arms,
		 * several members at one offset */
		for (uint32_t i = lo; i-- > 0;) {
			const struct uniqtype_member *m = &ms[i];
			if (!m->type || m->bit_size)
				continue;           /* bit-fields cannot be pointed to */
			uint64_t ext = member_extent(m, limit);
			int flex_tail = (u->flags & UNIQTYPE_F_HAS_FLEXIBLE) && i == u->n - 1 &&
					m->type->kind == UNIQTYPE_ARRAY;
			/* the struct hack: a trailing [1] (or [0]) array extends to
			 * the end of the allocation, like a flexible array member */
			if (flex_tail && limit > m->offset + ext)
				ext = limit - m->offset;
			if (off - m->offset >= ext) {
				/* In a struct, members do not overlap: once one ends
				 * before off, the earlier ones do too. */
				if (u->kind == UNIQTYPE_STRUCT && m->offset < off)
					break;
				continue;
			}
			enum isa_verdict v = visit(m->type, off - m->offset, ext, w, depth + 1);
			if (v == ISA_PASS)
				return v;
			/* Nothing says how many elements a program put in a
			 * flexible (or struct-hack: [1] declares no count) tail, and
			 * programs allocate the header, n elements and further
			 * objects in one chunk: SQLite's WhereInfo, WhereLevel[n],
			 * then a WhereLoop; its sqlite3_context with argv[n] and a
			 * Mem at &argv[n], n possibly 0.  A target that matches no
			 * element in the tail is in untyped storage. */
			if (v == ISA_FAIL && flex_tail) {
				v = ISA_UNTYPED;
				w->rule = ISA_RULE_STORAGE;
			}
			if (better(v, best)) {
				best = v;
				best_rule = w->rule;
			}
		}
		w->rule = best_rule;
		return best;
	}
	default:
		return ISA_FAIL;
	}
}

enum isa_verdict allocs_is_a(const struct uniqtype *alloc, uint64_t alloc_size,
			     uint64_t offset, const struct isa_target *t0,
			     unsigned mode, struct isa_extent *ext, enum isa_rule *rule)
{
	struct isa_target dec = *t0;
	/* A cast to pointer-to-array is checked as a cast to its element
	 * (arrays of arrays decay the same way). */
	while (dec.type && dec.type->kind == UNIQTYPE_ARRAY && dec.type->u.array.elem &&
	       !(dec.flags & (ALLOCS_TD_GENERIC | ALLOCS_TD_INCOMPLETE))) {
		const struct uniqtype *e = dec.type->u.array.elem;
		dec.type = e;
		dec.identity = e->identity;
		dec.name = e->name;
		dec.size = known_size(e) ? e->size : 0;
	}
	struct walk w = { &dec, mode, ISA_RULE_NONE, 0, 0 };
	struct isa_extent x = { offset, offset + 1, 0 };
	enum isa_verdict v;
	uint64_t s = alloc->size;

	if ((uniqtype_is_char(alloc) && alloc_size > alloc->size) || uniqtype_is_char_array(alloc)) {
		/* the whole allocation is char storage (a lone char is not) */
		x.lo = 0;
		x.hi = alloc_size;
		x.period = 1;
		w.rule = ISA_RULE_STORAGE;
		v = ISA_UNTYPED;
	} else if (known_size(alloc) && s > 0 && alloc_size > s && alloc->kind != UNIQTYPE_ARRAY &&
		   !(alloc->flags & UNIQTYPE_F_HAS_FLEXIBLE)) {
		/* A chunk bigger than its type: an array of it, then an untyped tail. */
		uint64_t n = alloc_size / s;
		if (offset >= n * s) {
			x.lo = n * s;
			x.hi = alloc_size;
			x.period = 1;
			w.rule = ISA_RULE_STORAGE;
			v = ISA_UNTYPED;
		} else {
			x.lo = 0;
			x.hi = n * s;
			x.period = s;
			w.to_end = alloc_size - offset;
			v = visit(alloc, offset % s, s, &w, 0);
		}
	} else if (alloc->kind == UNIQTYPE_ARRAY && alloc->u.array.elem &&
		   known_size(alloc->u.array.elem) && alloc->u.array.elem->size > 0) {
		uint64_t es = alloc->u.array.elem->size;
		uint64_t n = (alloc->flags & UNIQTYPE_F_FLEXIBLE) || !known_size(alloc) ? alloc_size / es : alloc->n;
		uint64_t bytes = known_size(alloc) ? s : alloc_size;
		if (alloc_size > bytes)
			bytes = alloc_size;
		if (offset >= n * es && offset < bytes) {
			x.lo = n * es;
			x.hi = bytes;
			x.period = 1;
			w.rule = ISA_RULE_STORAGE;
			v = ISA_UNTYPED;
		} else if (offset >= bytes) {
			v = offset == bytes ? ISA_UNTYPED : ISA_FAIL;   /* one past the end */
			w.rule = v == ISA_UNTYPED ? ISA_RULE_STORAGE : ISA_RULE_NONE;
		} else {
			/* below the top-level array the walk depends only on
			 * offset % es (targets never are array types: they decay),
			 * unless the verdict depends on the end (w.pinned) */
			w.to_end = bytes - offset;
			v = visit(alloc, offset, bytes, &w, 0);
			x.lo = 0;
			x.hi = n * es;
			x.period = es;
		}
	} else {
		uint64_t limit = alloc_size ? alloc_size : (known_size(alloc) ? s : 0);
		if (offset >= limit && limit > 0) {
			v = offset == limit ? ISA_UNTYPED : ISA_FAIL;     /* one past the end */
			w.rule = v == ISA_UNTYPED ? ISA_RULE_STORAGE : ISA_RULE_NONE;
		} else {
			w.to_end = limit - offset;
			v = visit(alloc, offset, limit, &w, 0);
		}
	}
	if (w.pinned) {
		x.lo = offset;
		x.hi = offset + 1;
		x.period = 0;
	}
	if (ext)
		*ext = x;
	if (rule)
		*rule = v == ISA_FAIL ? ISA_RULE_NONE : w.rule;
	return v;
}
