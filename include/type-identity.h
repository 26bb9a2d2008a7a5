/*
 * type-identity.h -- the canonical type identity, shared by the meta-DSO
 * generator (which sees DWARF) and the GCC plugin (which sees GCC trees).
 *
 * Both sides describe a type to these functions in the same neutral terms;
 * the functions build the canonical serialization (docs/type-identity.md)
 * and hash it.  Neither side formats canonical strings itself: that is what
 * guarantees they agree.
 *
 * Identities are Merkle-style: an aggregate's serialization names its
 * members' types by their identities, so each type is serialized once,
 * bottom up.  Pointers to tagged structs/unions/enums name the pointee by
 * spelling ("struct node") instead, which breaks the recursion of
 * self-referential types and makes `struct node *` the same type whether or
 * not `struct node` is complete where the pointer is declared.
 *
 * Plain C (C11) so that both the C tools and the C++ plugin compile it.
 */
#ifndef ALLOCSCHECK_TYPE_IDENTITY_H
#define ALLOCSCHECK_TYPE_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t ac_typeid;

/* Longest canonical serialization we build (an aggregate's members are
 * hashed incrementally, so only scalar pieces need to fit). */
#define AC_TYPEID_NAME_MAX 256

/* Canonical spelling of a base type from the name GCC/DWARF give it
 * ("long unsigned int" -> "unsigned long", "short int" -> "short",
 * "complex double" -> "complex double").  Returns `name` itself when it is
 * already canonical or unknown. */
const char *ac_canonical_base_name(const char *name);

ac_typeid ac_typeid_void(void);

/* name: as the compiler spells it (canonicalised here); encoding: enum
 * uniqtype_encoding; size in bytes. */
ac_typeid ac_typeid_base(const char *name, unsigned encoding, uint64_t size);

/* An incomplete struct, union or enum.  tag_kind: UNIQTYPE_STRUCT,
 * UNIQTYPE_UNION or UNIQTYPE_ENUM. */
ac_typeid ac_typeid_opaque(unsigned tag_kind, const char *tag);

/* Arrays: count unknown (flexible, [], VLA) is flexible = 1, count ignored. */
ac_typeid ac_typeid_array(ac_typeid elem, uint64_t count, int flexible);

/* Pointer to a tagged struct/union/enum (complete or not): by spelling. */
ac_typeid ac_typeid_pointer_to_tagged(unsigned tag_kind, const char *tag);
/* Pointer to anything else (base, pointer, array, function, void, or an
 * anonymous aggregate): by the pointee's identity. */
ac_typeid ac_typeid_pointer(ac_typeid pointee);

/* Incremental builders for types with a list of parts. */
struct ac_typeid_builder {
	uint64_t v0, v1, v2, v3;   /* SipHash state */
	uint64_t tail;             /* pending bytes, little-endian */
	size_t ntail;              /* number of pending bytes (< 8) */
	uint64_t total;            /* bytes absorbed */
};

/* struct or union (kind = UNIQTYPE_STRUCT/UNIQTYPE_UNION); tag "" for
 * anonymous ones.  Then one ac_typeid_member() per member, in declaration
 * order, then ac_typeid_end(). */
void ac_typeid_begin_aggregate(struct ac_typeid_builder *b, unsigned kind,
			       const char *tag, uint64_t size);
/* bit_size == 0: ordinary member at byte `offset` (bit_pos ignored).
 * bit_size != 0: bit-field at bit position `bit_pos` from the start of the
 * aggregate (offset ignored). */
void ac_typeid_member(struct ac_typeid_builder *b, const char *name,
		      uint64_t offset, uint64_t bit_pos, uint32_t bit_size,
		      ac_typeid type);

/* enum; then one ac_typeid_enumerator() per enumerator in declaration order. */
void ac_typeid_begin_enum(struct ac_typeid_builder *b, const char *tag,
			  uint64_t size);
void ac_typeid_enumerator(struct ac_typeid_builder *b, const char *name,
			  int64_t value);

/* function type; then one ac_typeid_param() per parameter. */
void ac_typeid_begin_function(struct ac_typeid_builder *b, ac_typeid ret,
			      int variadic, int unprototyped);
void ac_typeid_param(struct ac_typeid_builder *b, ac_typeid type);

ac_typeid ac_typeid_end(struct ac_typeid_builder *b);

/* Hex form used in symbol names, dumps and tests: 16 lower-case digits. */
void ac_typeid_format(ac_typeid id, char out[17]);

#ifdef __cplusplus
}
#endif
#endif
