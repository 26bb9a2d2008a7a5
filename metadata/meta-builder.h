/*
 * meta-builder.h -- the generator's in-memory tables and their serializer.
 *
 * The DWARF readers append entries here; mb_serialize() lays them out in
 * the metadso-format.h blob.  Strings are deduplicated (one copy each in the
 * string table, offset 0 is ""), types are deduplicated by canonical
 * identity (mb_type_find / mb_type_add).
 *
 * Type names of derived types (pointers, arrays, functions) are spelled at
 * serialization time from their parts (mb_finish_names), because a
 * pointer's pointee may only be decided after every compilation unit has
 * been read.
 */
#ifndef ALLOCSCHECK_META_BUILDER_H
#define ALLOCSCHECK_META_BUILDER_H

#include "metadso-format.h"
#include "generate.h"

#include <stdint.h>
#include <stddef.h>

/* A growable array of fixed-size entries. */
struct mb_vec {
	void *data;
	size_t count, cap, entsize;
};

/* Open-addressing map from a non-zero 64-bit key to a 32-bit value. */
struct mb_map {
	uint64_t *keys;             /* 0 = empty slot */
	uint32_t *vals;
	size_t cap, count;          /* cap is a power of two */
};

struct mb {
	struct mb_vec types;        /* struct acmeta_type */
	struct mb_vec members;      /* struct acmeta_member */
	struct mb_vec enumerators;  /* struct acmeta_enumerator */
	struct mb_vec params;       /* uint32_t */
	struct mb_vec statics;      /* struct acmeta_static */
	struct mb_vec frames;       /* struct acmeta_frame */
	struct mb_vec locals;       /* struct acmeta_local */
	struct mb_vec sites;        /* struct acmeta_allocsite */

	char *strings;              /* string table under construction */
	size_t strings_len, strings_cap;
	uint32_t *str_slots;        /* hash set of string offsets + 1; 0 = empty */
	size_t str_slots_cap, str_count;

	struct mb_map by_identity;  /* identity -> type index */
	int oom;                    /* an allocation failed: results are invalid */
};

void mb_init(struct mb *b);
void mb_free(struct mb *b);

/* Generic helpers. */
void *mb_vec_push(struct mb *b, struct mb_vec *v);      /* zeroed entry or NULL */
static inline void *mb_vec_at(const struct mb_vec *v, size_t i)
{
	return (char *)v->data + i * v->entsize;
}
int mb_map_get(const struct mb_map *m, uint64_t key, uint32_t *val);
int mb_map_put(struct mb *b, struct mb_map *m, uint64_t key, uint32_t val);
void mb_map_free(struct mb_map *m);

/* Intern a string; returns its offset in the string table. */
uint32_t mb_str(struct mb *b, const char *s);
static inline const char *mb_strat(const struct mb *b, uint32_t off)
{
	return b->strings + off;
}

/* Types. */
uint32_t mb_type_find(const struct mb *b, uint64_t identity); /* ACMETA_NONE if absent */
/* Append a type (identity must be new); returns its index. */
uint32_t mb_type_add(struct mb *b, const struct acmeta_type *t);
static inline struct acmeta_type *mb_type(struct mb *b, uint32_t i)
{
	return mb_vec_at(&b->types, i);
}

/* Spell the names of derived types ("int *", "double[4]", "int (*)(int)").
 * Called once all pointees are known. */
void mb_finish_names(struct mb *b);

/* Sort statics, frames and sites and drop duplicates. */
void mb_sort_tables(struct mb *b);

/* Header fields that are not tables. */
struct mb_header_info {
	uint32_t flags;
	const uint8_t *build_id;
	size_t build_id_len;
	const char *binary_name;
	uint64_t vaddr_lo, vaddr_hi;
};

int mb_serialize(struct mb *b, const struct mb_header_info *h, struct acm_blob *out);

#endif
