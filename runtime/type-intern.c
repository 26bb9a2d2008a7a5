/*
 * type-intern.c -- one uniqtype per canonical identity, process-wide.
 *
 * The table is open addressing over identities (already SipHash outputs, so
 * their low bits index directly), linear probing, load factor <= 3/4.
 * Invariants that make lock-free reads safe:
 *   - a slot goes from NULL to a descriptor once and never changes again;
 *   - a descriptor is completely built (members, names, pointers to other
 *     descriptors) before the release store that puts it in a slot;
 *   - growing builds a new table, copies every slot, then publishes the new
 *     table pointer with a release store; old tables are never freed (a
 *     reader may still be probing one, and it stays correct: it only lacks
 *     types added later).
 * Writers hold meta_lock.
 */
#include "type-intern.h"
#include "meta-mem.h"
#include "meta-msg.h"
#include "allocs.h"

#include <stdatomic.h>
#include <string.h>

struct intern_table {
	size_t mask;                                /* capacity - 1 */
	_Atomic(const struct uniqtype *) *slots;
};

#define INITIAL_CAP 1024u
static _Atomic(const struct uniqtype *) initial_slots[INITIAL_CAP];
static struct intern_table initial_table = { INITIAL_CAP - 1, initial_slots };
static _Atomic(struct intern_table *) current_table = &initial_table;
static size_t interned_count;                       /* writers only */
static int roots_installed;                         /* writers only */

static inline size_t slot_of(uint64_t id, size_t mask)
{
	return (size_t)(id ^ (id >> 29)) & mask;
}

const struct uniqtype *type_intern_find(uint64_t identity)
{
	struct intern_table *t = atomic_load_explicit(&current_table, memory_order_acquire);
	for (size_t i = slot_of(identity, t->mask);; i = (i + 1) & t->mask) {
		const struct uniqtype *u = atomic_load_explicit(&t->slots[i], memory_order_acquire);
		if (!u)
			return NULL;
		if (u->identity == identity)
			return u;
	}
}

static void put_slot(struct intern_table *t, const struct uniqtype *u)
{
	size_t i = slot_of(u->identity, t->mask);
	while (atomic_load_explicit(&t->slots[i], memory_order_relaxed))
		i = (i + 1) & t->mask;
	atomic_store_explicit(&t->slots[i], u, memory_order_release);
}

/* Caller holds meta_lock and has checked the identity is not present. */
static void insert(const struct uniqtype *u)
{
	struct intern_table *t = atomic_load_explicit(&current_table, memory_order_relaxed);
	if ((interned_count + 1) * 4 > (t->mask + 1) * 3) {
		size_t cap = (t->mask + 1) * 2;
		struct intern_table *n = meta_alloc(sizeof *n);
		_Atomic(const struct uniqtype *) *slots = meta_alloc(cap * sizeof *slots);
		if (n && slots) {
			n->mask = cap - 1;
			n->slots = slots;
			for (size_t i = 0; i <= t->mask; i++) {
				const struct uniqtype *o =
					atomic_load_explicit(&t->slots[i], memory_order_relaxed);
				if (o)
					put_slot(n, o);
			}
			atomic_store_explicit(&current_table, n, memory_order_release);
			t = n;
		} else if (interned_count + 1 > t->mask) {
			return;   /* out of memory and full: the type stays private */
		}
	}
	put_slot(t, u);
	interned_count++;
}

static void insert_root(const struct uniqtype *u)
{
	if (!type_intern_find(u->identity))
		insert(u);
}

void type_intern_roots(void)
{
	if (roots_installed)
		return;
	roots_installed = 1;
	root_types_install(insert_root);
}

/* ---- interning a blob ---------------------------------------------------- */

/* Blob-local set of identities first seen in this blob: maps identity to the
 * first type index carrying it (duplicates inside one blob share it). */
struct local_set {
	uint64_t *ids;
	uint32_t *idx;
	size_t mask;
};

static uint32_t local_find_or_add(struct local_set *s, uint64_t id, uint32_t i)
{
	for (size_t k = slot_of(id, s->mask);; k = (k + 1) & s->mask) {
		if (s->idx[k] == 0) {
			s->ids[k] = id;
			s->idx[k] = i + 1;
			return ACMETA_NONE;
		}
		if (s->ids[k] == id)
			return s->idx[k] - 1;
	}
}

static int same_name(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Does the interned descriptor `u` describe the blob's type `t`?  Compares
 * what the identity is supposed to summarise: kind, size, count, name, and
 * for aggregates each member's position and type identity, for arrays the
 * element.  Pointers are compared by name only: their pointee may
 * legitimately be complete in one object and opaque in another. */
static int structurally_equal(const struct acmeta_view *v, const struct acmeta_type *t,
			      const struct uniqtype *u)
{
	if (u->kind != t->kind || u->size != t->size || u->n != t->n ||
	    !same_name(u->name, acmeta_string(v, t->name)))
		return 0;
	switch (t->kind) {
	case UNIQTYPE_BASE:
		return u->u.base.encoding == t->aux;
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION:
		for (uint32_t j = 0; j < t->n; j++) {
			const struct acmeta_member *m = acmeta_member(v, t->first + j);
			const struct uniqtype_member *um = &u->u.agg.members[j];
			if (um->offset != m->offset || um->bit_offset != m->bit_offset ||
			    um->bit_size != m->bit_size ||
			    um->type->identity != acmeta_type(v, m->type)->identity)
				return 0;
		}
		return 1;
	case UNIQTYPE_ARRAY:
		return u->u.array.elem->identity == acmeta_type(v, t->aux)->identity;
	case UNIQTYPE_OPAQUE:
		return u->u.opaque.tag_kind == t->aux;
	default:
		return 1;
	}
}

static void collision_message(const char *objname, const struct uniqtype *u)
{
	struct meta_msg m = { .len = 0 };
	char hex[17];
	mm_str(&m, "type identity collision: ");
	mm_str(&m, allocs_type_name(u));
	mm_str(&m, " (identity ");
	for (int i = 0; i < 16; i++)
		hex[i] = "0123456789abcdef"[(u->identity >> (60 - 4 * i)) & 15];
	hex[16] = '\0';
	mm_str(&m, hex);
	mm_str(&m, ") is described differently by ");
	mm_str(&m, objname);
	mm_str(&m, "; its objects keep a private descriptor");
	mm_emit(&m);
}

/* Fill the parts of a fresh descriptor that refer to other types. */
static int fill_relations(const struct acmeta_view *v, const struct acmeta_type *t,
			  struct uniqtype *u, const struct uniqtype **map)
{
	switch (t->kind) {
	case UNIQTYPE_BASE:
		u->u.base.encoding = t->aux;
		break;
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION: {
		struct uniqtype_member *ms = t->n ? meta_alloc(t->n * sizeof *ms) : NULL;
		if (t->n && !ms)
			return -1;
		for (uint32_t j = 0; j < t->n; j++) {
			const struct acmeta_member *m = acmeta_member(v, t->first + j);
			ms[j].offset = m->offset;
			ms[j].bit_offset = m->bit_offset;
			ms[j].bit_size = m->bit_size;
			ms[j].type = map[m->type];
			ms[j].name = acmeta_string(v, m->name);
		}
		u->u.agg.members = ms;
		break;
	}
	case UNIQTYPE_ENUM: {
		struct uniqtype_enumerator *es = t->n ? meta_alloc(t->n * sizeof *es) : NULL;
		if (t->n && !es)
			return -1;
		for (uint32_t j = 0; j < t->n; j++) {
			const struct acmeta_enumerator *e = acmeta_enumerator(v, t->first + j);
			es[j].value = e->value;
			es[j].name = acmeta_string(v, e->name);
		}
		u->u.en.enumerators = es;
		u->u.en.underlying = t->aux == ACMETA_NONE ? NULL : map[t->aux];
		break;
	}
	case UNIQTYPE_ARRAY:
		u->u.array.elem = map[t->aux];
		break;
	case UNIQTYPE_POINTER:
		u->u.ptr.pointee = map[t->aux];
		break;
	case UNIQTYPE_FUNCTION: {
		const struct uniqtype **ps = t->n ? meta_alloc(t->n * sizeof *ps) : NULL;
		if (t->n && !ps)
			return -1;
		for (uint32_t j = 0; j < t->n; j++)
			ps[j] = map[acmeta_param(v, t->first + j)];
		u->u.fn.ret = map[t->aux];
		u->u.fn.params = ps;
		break;
	}
	case UNIQTYPE_OPAQUE:
		u->u.opaque.tag_kind = (uint16_t)t->aux;
		break;
	default:
		break;
	}
	return 0;
}

/* A pointer interned from an object where its tagged pointee was opaque
 * learns the complete pointee when a later object provides it.  One aligned
 * pointer store: readers see either the opaque or the complete type, both
 * valid descriptors of the same tag. */
static void maybe_complete_pointee(const struct uniqtype *existing, const struct uniqtype *pointee)
{
	if (existing->kind != UNIQTYPE_POINTER || !pointee || pointee->kind == UNIQTYPE_OPAQUE)
		return;
	const struct uniqtype *old = existing->u.ptr.pointee;
	if (old && old->kind == UNIQTYPE_OPAQUE) {
		struct uniqtype *w = (struct uniqtype *)existing;
		__atomic_store_n(&w->u.ptr.pointee, pointee, __ATOMIC_RELEASE);
	}
}

enum { T_EXISTING, T_NEW, T_PRIVATE, T_DUP };

const struct uniqtype **type_intern_blob(const struct acmeta_view *v, const char *objname)
{
	uint32_t n = v->count[ACMETA_T_TYPES];
	const struct uniqtype **map = meta_alloc((n ? n : 1) * sizeof *map);
	if (!map)
		return NULL;
	if (n == 0)
		return map;

	size_t cap = 16;
	while (cap < (size_t)n * 2)
		cap *= 2;
	size_t scratch_size = cap * (sizeof(uint64_t) + sizeof(uint32_t)) + n;
	void *scratch = meta_scratch_alloc(scratch_size);
	if (!scratch)
		return NULL;
	struct local_set set = { scratch, (uint32_t *)((uint64_t *)scratch + cap), cap - 1 };
	uint8_t *state = (uint8_t *)(set.idx + cap);

	/* Phase 1: decide, for each type, the descriptor it maps to; allocate
	 * fresh descriptors (scalar fields only) for the new ones. */
	for (uint32_t i = 0; i < n; i++) {
		const struct acmeta_type *t = acmeta_type(v, i);
		const struct uniqtype *e = type_intern_find(t->identity);
		uint32_t first = local_find_or_add(&set, t->identity, i);
		if (first != ACMETA_NONE) {
			map[i] = map[first];
			state[i] = T_DUP;
			continue;
		}
		if (e && structurally_equal(v, t, e)) {
			map[i] = e;
			state[i] = T_EXISTING;
			continue;
		}
		if (e)
			collision_message(objname, e);
		struct uniqtype *u = meta_alloc(sizeof *u);
		if (!u) {
			meta_scratch_free(scratch, scratch_size);
			return NULL;
		}
		u->identity = t->identity;
		u->size = t->size;
		u->kind = t->kind;
		u->flags = t->flags;
		u->n = t->n;
		u->name = acmeta_string(v, t->name);
		map[i] = u;
		state[i] = e ? T_PRIVATE : T_NEW;
	}

	/* Phase 2: link fresh descriptors to the descriptors of their parts. */
	for (uint32_t i = 0; i < n; i++) {
		const struct acmeta_type *t = acmeta_type(v, i);
		if (state[i] == T_NEW || state[i] == T_PRIVATE) {
			if (fill_relations(v, t, (struct uniqtype *)map[i], map) != 0) {
				meta_scratch_free(scratch, scratch_size);
				return NULL;
			}
		} else if (state[i] == T_EXISTING && t->kind == UNIQTYPE_POINTER) {
			maybe_complete_pointee(map[i], map[t->aux]);
		}
	}

	/* Phase 3: publish.  Only now can readers reach the new descriptors. */
	for (uint32_t i = 0; i < n; i++)
		if (state[i] == T_NEW)
			insert(map[i]);

	meta_scratch_free(scratch, scratch_size);
	return map;
}

/* ---- public lookup --------------------------------------------------------- */

#include "metadata-load.h"

const struct uniqtype *allocs_uniqtype_by_identity(uint64_t id)
{
	const struct uniqtype *u = type_intern_find(id);
	if (u)
		return u;
	/* Lazily loaded metadata may hold it (or the root types may not be
	 * installed yet, before initialisation). */
	meta_load_all();
	return type_intern_find(id);
}

/* No index by name: names are not unique (one tag, several layouts), and
 * only checks of casts to incomplete types ask, once per type. */
const struct uniqtype *allocs_uniqtype_complete_by_name(const char *name)
{
	if (!name)
		return NULL;
	meta_load_all();
	struct intern_table *t = atomic_load_explicit(&current_table, memory_order_acquire);
	for (size_t i = 0; i <= t->mask; i++) {
		const struct uniqtype *u = atomic_load_explicit(&t->slots[i], memory_order_acquire);
		if (u && (u->kind == UNIQTYPE_STRUCT || u->kind == UNIQTYPE_UNION ||
			  u->kind == UNIQTYPE_ENUM) && u->name && strcmp(u->name, name) == 0)
			return u;
	}
	return NULL;
}
