/*
 * is-a.h -- does an allocation hold an object of type T at a given offset?
 *
 * The rules are written down for users in docs/checks.md; this is the pure
 * part of the checker: it reads uniqtypes and nothing else (no lookups, no
 * globals, no allocation), so the unit test can drive it with hand-built
 * types.
 */
#ifndef ALLOCSCHECK_IS_A_H
#define ALLOCSCHECK_IS_A_H

#include <stdint.h>
#include "uniqtype.h"

/* What a cast claims p points to: the pointee of the target pointer type. */
struct isa_target {
	const struct uniqtype *type;  /* resolved descriptor, or NULL */
	uint64_t identity;            /* canonical identity (always set) */
	const char *name;             /* C spelling; incomplete types match by it */
	uint64_t size;                /* 0 when unknown */
	unsigned flags;               /* ALLOCS_TD_* (allocs-check.h) */
	unsigned degree;              /* ALLOCS_TD_GENERIC: pointer degree required */
};

/* is_a mode bits */
#define ISA_STRICT 0x1u   /* no physical subtyping, no integer/pointer leniency */

enum isa_verdict {
	ISA_FAIL = 0,    /* no sub-object of the target type starts at the offset */
	ISA_PASS,        /* one does */
	ISA_UNTYPED      /* the bytes are untyped storage (char arrays, a chunk's
			    tail, one past the end): anything may live there */
};

/* How a verdict generalises, for the checker's cache: the same verdict holds
 * for every offset o in [lo, hi) with (o - offset) % period == 0 (period 0:
 * only `offset` itself). */
struct isa_extent {
	uint64_t lo, hi, period;
};

/* Which rule decided a pass (reports and debugging). */
enum isa_rule {
	ISA_RULE_NONE,
	ISA_RULE_EXACT,        /* identical type */
	ISA_RULE_INTEGER,      /* integer of the same size (signedness, enum, long/long long) */
	ISA_RULE_GENERIC_SLOT, /* a void * slot cast to another pointer type */
	ISA_RULE_PREFIX,       /* physical subtyping: common initial members */
	ISA_RULE_NAME,         /* incomplete target matched by tag name */
	ISA_RULE_DEGREE,       /* void ** loose check: a pointer of enough degree */
	ISA_RULE_STORAGE,      /* char storage / untyped tail */
	ISA_RULE_UNION_ARM,    /* cast to a union from an object of one of its arms */
};

/*
 * alloc: the allocation's type (non-NULL); alloc_size: its size in bytes
 * (a heap chunk larger than its type is an array of it, plus an untyped
 * tail; a struct with a flexible array member extends to alloc_size).
 * offset: p - base.  ext (optional) receives how far the verdict
 * generalises; rule (optional) which rule passed.
 */
enum isa_verdict allocs_is_a(const struct uniqtype *alloc, uint64_t alloc_size,
			     uint64_t offset, const struct isa_target *t,
			     unsigned mode, struct isa_extent *ext, enum isa_rule *rule);

/* Pointer degree of t: int * is 1, int ** is 2; 0 for non-pointers. */
unsigned uniqtype_pointer_degree(const struct uniqtype *t);

/* void *, void **, ...: a pointer whose ultimate pointee is void. */
int uniqtype_is_generic_pointer(const struct uniqtype *t);

/* Array of char / signed char / unsigned char (possibly multi-dimensional). */
int uniqtype_is_char_array(const struct uniqtype *t);

#endif
