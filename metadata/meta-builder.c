/*
 * meta-builder.c -- growable tables, string and identity deduplication, the
 * names of derived types, and serialization to the metadso-format.h blob.
 *
 * Blob layout written here: the header, then the tables in enum
 * acmeta_table_id order, each starting at an 8-byte aligned offset, the
 * string table last.  Unused bytes (alignment padding, reserved fields) are
 * zero, so the same input always gives the same bytes.
 *
 * Derived type names follow C declarator syntax:
 *   pointer   "int *", "char **", "int (*)[4]", "int (*)(int, char *)"
 *   array     "double[4]", "char[2][3]", "int[]" (flexible / unknown count)
 *   function  "int (int, char *)", "void (void)" (prototyped, no parameters),
 *             "int ()" (unprototyped), "int (const char *, ...)" minus the
 *             qualifiers (cv-qualifiers are stripped from every type)
 * Leaf names (base, struct, union, enum, opaque, void) are set by their
 * creator.  Spelling stops at a nesting depth of 32 with "...".
 */
#include "meta-builder.h"
#include "uniqtype.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void vec_init(struct mb_vec *v, size_t entsize)
{
	memset(v, 0, sizeof *v);
	v->entsize = entsize;
}

void mb_init(struct mb *b)
{
	memset(b, 0, sizeof *b);
	vec_init(&b->types, sizeof(struct acmeta_type));
	vec_init(&b->members, sizeof(struct acmeta_member));
	vec_init(&b->enumerators, sizeof(struct acmeta_enumerator));
	vec_init(&b->params, sizeof(uint32_t));
	vec_init(&b->statics, sizeof(struct acmeta_static));
	vec_init(&b->frames, sizeof(struct acmeta_frame));
	vec_init(&b->locals, sizeof(struct acmeta_local));
	vec_init(&b->sites, sizeof(struct acmeta_allocsite));
	mb_str(b, "");  /* offset 0 is the empty string */
}

void mb_free(struct mb *b)
{
	struct mb_vec *vs[] = { &b->types, &b->members, &b->enumerators, &b->params,
				&b->statics, &b->frames, &b->locals, &b->sites };
	for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++)
		free(vs[i]->data);
	free(b->strings);
	free(b->str_slots);
	mb_map_free(&b->by_identity);
	memset(b, 0, sizeof *b);
}

void *mb_vec_push(struct mb *b, struct mb_vec *v)
{
	if (v->count == v->cap) {
		size_t ncap = v->cap ? v->cap * 2 : 64;
		void *nd = realloc(v->data, ncap * v->entsize);
		if (!nd) {
			b->oom = 1;
			return NULL;
		}
		v->data = nd;
		v->cap = ncap;
	}
	void *e = mb_vec_at(v, v->count++);
	memset(e, 0, v->entsize);
	return e;
}

/* ---- 64-bit key map ---------------------------------------------------- */

static uint64_t mix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return k;
}

int mb_map_get(const struct mb_map *m, uint64_t key, uint32_t *val)
{
	if (!m->cap || !key)
		return 0;
	size_t mask = m->cap - 1;
	for (size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
		if (m->keys[i] == key) {
			*val = m->vals[i];
			return 1;
		}
		if (m->keys[i] == 0)
			return 0;
	}
}

static int map_grow(struct mb_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 1024;
	uint64_t *nk = calloc(ncap, sizeof *nk);
	uint32_t *nv = calloc(ncap, sizeof *nv);
	if (!nk || !nv) {
		free(nk);
		free(nv);
		return -1;
	}
	for (size_t j = 0; j < m->cap; j++) {
		if (!m->keys[j])
			continue;
		size_t i = mix64(m->keys[j]) & (ncap - 1);
		while (nk[i])
			i = (i + 1) & (ncap - 1);
		nk[i] = m->keys[j];
		nv[i] = m->vals[j];
	}
	free(m->keys);
	free(m->vals);
	m->keys = nk;
	m->vals = nv;
	m->cap = ncap;
	return 0;
}

/* Key 0 is reserved for empty slots: callers map it away (identities of 0
 * are astronomically unlikely; DIE offsets are never 0). */
int mb_map_put(struct mb *b, struct mb_map *m, uint64_t key, uint32_t val)
{
	if (!key)
		return -1;
	if ((m->count + 1) * 2 > m->cap && map_grow(m) < 0) {
		b->oom = 1;
		return -1;
	}
	size_t mask = m->cap - 1;
	size_t i = mix64(key) & mask;
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & mask;
	if (!m->keys[i])
		m->count++;
	m->keys[i] = key;
	m->vals[i] = val;
	return 0;
}

void mb_map_free(struct mb_map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- strings ----------------------------------------------------------- */

static uint64_t str_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;  /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static int str_slots_grow(struct mb *b)
{
	size_t ncap = b->str_slots_cap ? b->str_slots_cap * 2 : 1024;
	uint32_t *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	for (size_t j = 0; j < b->str_slots_cap; j++) {
		uint32_t v = b->str_slots[j];
		if (!v)
			continue;
		const char *s = b->strings + (v - 1);
		size_t i = str_hash(s, strlen(s)) & (ncap - 1);
		while (ns[i])
			i = (i + 1) & (ncap - 1);
		ns[i] = v;
	}
	free(b->str_slots);
	b->str_slots = ns;
	b->str_slots_cap = ncap;
	return 0;
}

uint32_t mb_str(struct mb *b, const char *s)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	if ((b->str_count + 1) * 2 > b->str_slots_cap && str_slots_grow(b) < 0) {
		b->oom = 1;
		return 0;
	}
	size_t mask = b->str_slots_cap - 1;
	size_t i = str_hash(s, len) & mask;
	for (; b->str_slots[i]; i = (i + 1) & mask) {
		const char *t = b->strings + (b->str_slots[i] - 1);
		if (strcmp(s, t) == 0)
			return b->str_slots[i] - 1;
	}
	if (b->strings_len + len + 1 > UINT32_MAX - 1) {
		b->oom = 1;
		return 0;
	}
	if (b->strings_len + len + 1 > b->strings_cap) {
		size_t ncap = b->strings_cap ? b->strings_cap : 4096;
		while (ncap < b->strings_len + len + 1)
			ncap *= 2;
		char *ns = realloc(b->strings, ncap);
		if (!ns) {
			b->oom = 1;
			return 0;
		}
		b->strings = ns;
		b->strings_cap = ncap;
	}
	uint32_t off = (uint32_t)b->strings_len;
	memcpy(b->strings + off, s, len + 1);
	b->strings_len += len + 1;
	b->str_slots[i] = off + 1;
	b->str_count++;
	return off;
}

/* ---- types ------------------------------------------------------------- */

uint32_t mb_type_find(const struct mb *b, uint64_t identity)
{
	uint32_t v;
	if (mb_map_get(&b->by_identity, identity ? identity : 1, &v))
		return v;
	return ACMETA_NONE;
}

uint32_t mb_type_add(struct mb *b, const struct acmeta_type *t)
{
	if (b->types.count >= ACMETA_NONE - 1) {
		b->oom = 1;
		return ACMETA_NONE;
	}
	struct acmeta_type *e = mb_vec_push(b, &b->types);
	if (!e)
		return ACMETA_NONE;
	*e = *t;
	uint32_t idx = (uint32_t)(b->types.count - 1);
	mb_map_put(b, &b->by_identity, t->identity ? t->identity : 1, idx);
	return idx;
}

/* A small growable string for spelling names. */
struct sbuf {
	char *p;
	size_t len, cap;
	int oom;
};

static void sb_put(struct sbuf *s, const char *str, size_t n)
{
	if (s->oom)
		return;
	if (s->len + n + 1 > s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 128;
		while (ncap < s->len + n + 1)
			ncap *= 2;
		char *np = realloc(s->p, ncap);
		if (!np) {
			s->oom = 1;
			return;
		}
		s->p = np;
		s->cap = ncap;
	}
	memcpy(s->p + s->len, str, n);
	s->len += n;
	s->p[s->len] = 0;
}

static void sb_puts(struct sbuf *s, const char *str)
{
	sb_put(s, str, strlen(str));
}

static int is_derived(unsigned kind)
{
	return kind == UNIQTYPE_POINTER || kind == UNIQTYPE_ARRAY || kind == UNIQTYPE_FUNCTION;
}

#define SPELL_DEPTH_MAX 32

/* Spell type `idx` around the declarator text `inner` into `out`. */
static void spell(struct mb *b, uint32_t idx, const char *inner, struct sbuf *out, int depth)
{
	if (idx >= b->types.count || depth > SPELL_DEPTH_MAX) {
		sb_puts(out, "...");
		if (*inner) {
			sb_puts(out, " ");
			sb_puts(out, inner);
		}
		return;
	}
	const struct acmeta_type *t = mb_type(b, idx);
	struct sbuf in = { 0 };
	switch (t->kind) {
	case UNIQTYPE_POINTER: {
		uint32_t p = t->aux;
		int paren = p < b->types.count &&
			    (mb_type(b, p)->kind == UNIQTYPE_ARRAY || mb_type(b, p)->kind == UNIQTYPE_FUNCTION);
		sb_puts(&in, paren ? "(*" : "*");
		sb_puts(&in, inner);
		if (paren)
			sb_puts(&in, ")");
		spell(b, p, in.p ? in.p : "", out, depth + 1);
		break;
	}
	case UNIQTYPE_ARRAY: {
		char num[32] = "";
		if (!(t->flags & UNIQTYPE_F_FLEXIBLE))
			snprintf(num, sizeof num, "%u", t->n);
		sb_puts(&in, inner);
		sb_puts(&in, "[");
		sb_puts(&in, num);
		sb_puts(&in, "]");
		spell(b, t->aux, in.p ? in.p : "", out, depth + 1);
		break;
	}
	case UNIQTYPE_FUNCTION: {
		sb_puts(&in, inner);
		sb_puts(&in, "(");
		if (t->flags & UNIQTYPE_F_UNPROTOTYPED) {
			/* K&R: parameters unknown */
		} else if (t->n == 0 && !(t->flags & UNIQTYPE_F_VARIADIC)) {
			sb_puts(&in, "void");
		} else {
			for (uint32_t i = 0; i < t->n; i++) {
				uint32_t pi = ACMETA_NONE;
				if ((size_t)t->first + i < b->params.count)
					pi = *(uint32_t *)mb_vec_at(&b->params, t->first + i);
				if (i)
					sb_puts(&in, ", ");
				spell(b, pi, "", &in, depth + 1);
			}
			if (t->flags & UNIQTYPE_F_VARIADIC)
				sb_puts(&in, t->n ? ", ..." : "...");
		}
		sb_puts(&in, ")");
		spell(b, t->aux, in.p ? in.p : "", out, depth + 1);
		break;
	}
	default:
		sb_puts(out, mb_strat(b, t->name));
		if (*inner) {
			if (*inner != '[')
				sb_puts(out, " ");
			sb_puts(out, inner);
		}
		break;
	}
	if (in.oom)
		out->oom = 1;
	free(in.p);
}

void mb_finish_names(struct mb *b)
{
	/* Leaf names first stay as they are; derived names are computed from
	 * leaf names only (spell() recurses through derived types itself). */
	uint32_t *names = calloc(b->types.count + 1, sizeof *names);
	if (!names) {
		b->oom = 1;
		return;
	}
	for (size_t i = 0; i < b->types.count; i++) {
		const struct acmeta_type *t = mb_type(b, (uint32_t)i);
		names[i] = t->name;
		if (!is_derived(t->kind))
			continue;
		struct sbuf s = { 0 };
		spell(b, (uint32_t)i, "", &s, 0);
		if (s.oom)
			b->oom = 1;
		names[i] = mb_str(b, s.p ? s.p : "");
		free(s.p);
	}
	for (size_t i = 0; i < b->types.count; i++)
		mb_type(b, (uint32_t)i)->name = names[i];
	free(names);
}

/* ---- sorting ----------------------------------------------------------- */

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_static(const void *pa, const void *pb)
{
	const struct acmeta_static *a = pa, *b = pb;
	int c = cmp_u64(a->vaddr, b->vaddr);
	if (!c)
		c = cmp_u64(a->name, b->name);
	if (!c)
		c = cmp_u64(a->size, b->size);
	if (!c)
		c = cmp_u64(a->type, b->type);
	return c;
}

static int cmp_frame(const void *pa, const void *pb)
{
	const struct acmeta_frame *a = pa, *b = pb;
	int c = cmp_u64(a->lowpc, b->lowpc);
	if (!c)
		c = cmp_u64(a->highpc, b->highpc);
	if (!c)
		c = cmp_u64(a->first_local, b->first_local);
	return c;
}

static int cmp_site(const void *pa, const void *pb)
{
	const struct acmeta_allocsite *a = pa, *b = pb;
	int c = cmp_u64(a->vaddr, b->vaddr);
	if (!c)
		c = cmp_u64(a->type, b->type);
	if (!c)
		c = cmp_u64(a->flags, b->flags);
	return c;
}

/* Sort, then keep the first of each run whose `same` holds. */
static void sort_unique(struct mb_vec *v, int (*cmp)(const void *, const void *),
			int (*same)(const void *, const void *))
{
	if (v->count < 2)
		return;
	qsort(v->data, v->count, v->entsize, cmp);
	size_t out = 1;
	for (size_t i = 1; i < v->count; i++) {
		if (same(mb_vec_at(v, out - 1), mb_vec_at(v, i)))
			continue;
		if (out != i)
			memcpy(mb_vec_at(v, out), mb_vec_at(v, i), v->entsize);
		out++;
	}
	v->count = out;
}

static int same_static(const void *pa, const void *pb)
{
	const struct acmeta_static *a = pa, *b = pb;
	return a->vaddr == b->vaddr && a->name == b->name;
}

static int same_frame(const void *pa, const void *pb)
{
	const struct acmeta_frame *a = pa, *b = pb;
	return a->lowpc == b->lowpc && a->highpc == b->highpc;
}

static int same_site(const void *pa, const void *pb)
{
	const struct acmeta_allocsite *a = pa, *b = pb;
	return a->vaddr == b->vaddr;
}

void mb_sort_tables(struct mb *b)
{
	sort_unique(&b->statics, cmp_static, same_static);
	sort_unique(&b->frames, cmp_frame, same_frame);
	sort_unique(&b->sites, cmp_site, same_site);
}

/* ---- serialization ----------------------------------------------------- */

int mb_serialize(struct mb *b, const struct mb_header_info *h, struct acm_blob *out)
{
	if (b->oom)
		return -1;
	const struct mb_vec *tabs[ACMETA_NTABLES] = {
		[ACMETA_T_TYPES] = &b->types,
		[ACMETA_T_MEMBERS] = &b->members,
		[ACMETA_T_ENUMERATORS] = &b->enumerators,
		[ACMETA_T_PARAMS] = &b->params,
		[ACMETA_T_STATICS] = &b->statics,
		[ACMETA_T_FRAMES] = &b->frames,
		[ACMETA_T_LOCALS] = &b->locals,
		[ACMETA_T_SITES] = &b->sites,
	};
	struct acmeta_header hdr;
	memset(&hdr, 0, sizeof hdr);
	memcpy(hdr.magic, ACMETA_MAGIC, ACMETA_MAGIC_LEN);
	hdr.version = ACMETA_VERSION;
	hdr.header_size = sizeof hdr;
	hdr.flags = h->flags;
	size_t bil = h->build_id_len > ACMETA_BUILD_ID_MAX ? ACMETA_BUILD_ID_MAX : h->build_id_len;
	hdr.build_id_len = (uint32_t)bil;
	if (bil)
		memcpy(hdr.build_id, h->build_id, bil);
	hdr.binary_name = mb_str(b, h->binary_name ? h->binary_name : "");
	hdr.vaddr_lo = h->vaddr_lo;
	hdr.vaddr_hi = h->vaddr_hi;
	if (b->oom)
		return -1;

	size_t off = align8(sizeof hdr);
	for (int i = 0; i < ACMETA_NTABLES; i++) {
		size_t count, entsize;
		if (i == ACMETA_T_STRINGS) {
			count = b->strings_len;
			entsize = 1;
		} else {
			count = tabs[i]->count;
			entsize = tabs[i]->entsize;
		}
		if (count > UINT32_MAX)
			return -1;
		hdr.tables[i].offset = off;
		hdr.tables[i].count = (uint32_t)count;
		hdr.tables[i].entsize = (uint32_t)entsize;
		off = align8(off + count * entsize);
	}
	hdr.total_size = off;

	char *blob = calloc(1, off);
	if (!blob)
		return -1;
	memcpy(blob, &hdr, sizeof hdr);
	for (int i = 0; i < ACMETA_NTABLES; i++) {
		const void *src = i == ACMETA_T_STRINGS ? b->strings : tabs[i]->data;
		size_t n = (size_t)hdr.tables[i].count * hdr.tables[i].entsize;
		if (n)
			memcpy(blob + hdr.tables[i].offset, src, n);
	}
	out->data = blob;
	out->size = off;
	return 0;
}
