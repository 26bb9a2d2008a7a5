/*
 * uniqtype.h -- allocscheck's type descriptors ("uniqtypes").
 *
 * One descriptor per distinct C type in the whole process.  The runtime
 * builds these from the per-binary meta-DSOs when it loads them, interning
 * every type by its canonical identity (docs/type-identity.md), so that
 * type equality is pointer equality: `int` described by the executable's
 * meta-DSO and `int` described by libfoo's are the same object.
 *
 * Descriptors are immutable once published and never freed (a dlclose'd
 * library's types stay interned: other objects may still point at them).
 *
 * The on-disk form inside a meta-DSO is different (position independent,
 * index based: see metadata/meta-format.h); this is the in-memory form that
 * checks walk.
 */
#ifndef ALLOCSCHECK_UNIQTYPE_H
#define ALLOCSCHECK_UNIQTYPE_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum uniqtype_kind {
	UNIQTYPE_VOID = 0,      /* void: size 0 */
	UNIQTYPE_BASE,          /* integer, char, _Bool, floating, complex */
	UNIQTYPE_ENUM,          /* enumeration; u.en.underlying is its integer type */
	UNIQTYPE_STRUCT,        /* struct; members sorted by offset */
	UNIQTYPE_UNION,         /* union; every member at offset 0 */
	UNIQTYPE_ARRAY,         /* element type + count (count may be unknown) */
	UNIQTYPE_POINTER,       /* pointer to u.ptr.pointee */
	UNIQTYPE_FUNCTION,      /* function type: return + parameters; size 0 */
	UNIQTYPE_OPAQUE,        /* incomplete struct/union/enum: known by name only */
	UNIQTYPE_NKINDS
};

/* Base-type encodings (the subset of DWARF's DW_ATE_* that C uses). */
enum uniqtype_encoding {
	UNIQTYPE_ENC_NONE = 0,
	UNIQTYPE_ENC_SIGNED,          /* signed integers and plain `char` where signed */
	UNIQTYPE_ENC_UNSIGNED,
	UNIQTYPE_ENC_SIGNED_CHAR,     /* `char` (when signed) and `signed char` */
	UNIQTYPE_ENC_UNSIGNED_CHAR,   /* `unsigned char` (and `char` where unsigned) */
	UNIQTYPE_ENC_BOOL,
	UNIQTYPE_ENC_FLOAT,
	UNIQTYPE_ENC_COMPLEX_FLOAT,
};

/* Flags (uniqtype.flags). */
#define UNIQTYPE_F_FLEXIBLE      0x0001u /* array: count unknown (flexible member, [], VLA);
                                            bounded by its enclosing allocation */
#define UNIQTYPE_F_VARIADIC      0x0002u /* function: takes `...` */
#define UNIQTYPE_F_UNPROTOTYPED  0x0004u /* function: K&R `f()` declaration */
#define UNIQTYPE_F_HAS_FLEXIBLE  0x0008u /* struct: its last member is a flexible array
                                            (or a trailing [0]/[1] array: the struct hack) */
#define UNIQTYPE_F_HAS_BITFIELDS 0x0010u /* struct/union: some member is a bit-field */
#define UNIQTYPE_F_ANONYMOUS     0x0020u /* struct/union/enum without a tag */

#define UNIQTYPE_SIZE_UNKNOWN    UINT64_MAX /* opaque types, flexible arrays */

struct uniqtype;

/* One member of a struct or union.  For a bit-field, `size` is the size of
 * the storage unit the compiler reports for it (its declared type's size),
 * bit_offset counts from `offset`, and bit_size is non-zero. */
struct uniqtype_member {
	uint64_t offset;                /* byte offset from the start of the aggregate */
	uint32_t bit_offset;            /* bit-fields only: bits from `offset` (LSB first) */
	uint32_t bit_size;              /* bit-fields only; 0 for ordinary members */
	const struct uniqtype *type;
	const char *name;               /* "" for anonymous struct/union members */
};

struct uniqtype_enumerator {
	int64_t value;
	const char *name;
};

struct uniqtype {
	uint64_t identity;              /* canonical 64-bit identity (docs/type-identity.md) */
	uint64_t size;                  /* bytes, or UNIQTYPE_SIZE_UNKNOWN */
	uint16_t kind;                  /* enum uniqtype_kind */
	uint16_t flags;                 /* UNIQTYPE_F_* */
	uint32_t n;                     /* members, array count, parameters, enumerators */
	const char *name;               /* C spelling: "struct point", "unsigned int", "double[4]" */
	union {
		struct { uint32_t encoding; } base;
		struct { const struct uniqtype_member *members; } agg;      /* STRUCT, UNION */
		struct { const struct uniqtype *elem; } array;              /* n = count */
		struct { const struct uniqtype *pointee; } ptr;
		struct {
			const struct uniqtype *ret;
			const struct uniqtype *const *params;               /* n entries */
		} fn;
		struct {
			const struct uniqtype *underlying;
			const struct uniqtype_enumerator *enumerators;      /* n entries */
		} en;
		struct { uint16_t tag_kind; } opaque;                       /* UNIQTYPE_STRUCT/UNION/ENUM */
	} u;
};

static inline int uniqtype_is_aggregate(const struct uniqtype *t)
{
	return t->kind == UNIQTYPE_STRUCT || t->kind == UNIQTYPE_UNION;
}

static inline int uniqtype_is_char(const struct uniqtype *t)
{
	return t->kind == UNIQTYPE_BASE && t->size == 1 &&
	       (t->u.base.encoding == UNIQTYPE_ENC_SIGNED_CHAR ||
	        t->u.base.encoding == UNIQTYPE_ENC_UNSIGNED_CHAR);
}

#ifdef __cplusplus
}
#endif
#endif /* ALLOCSCHECK_UNIQTYPE_H */
