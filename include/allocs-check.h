/*
 * allocs-check.h -- the ABI between code instrumented by the allocscheck
 * GCC plugin and the runtime checker.
 *
 * The plugin (gcc-plugin/) emits the data structures below and calls the
 * entry points below; the checker (checker/) defines the entry points.  The
 * plugin builds these declarations itself from GCC trees, so any change
 * here must be mirrored in gcc-plugin/runtime-decls.cc and
 * gcc-plugin/typedesc.cc, and ALLOCS_CHECK_ABI_VERSION bumped.
 *
 * 1. Type descriptors.  For every type T that an instrumented unit casts
 *    pointers to (T * targets) or allocates, the unit carries one
 *    struct allocs_typedesc describing T (the *pointee*, not the pointer):
 *    - identity: T's canonical identity (include/type-identity.h), the key
 *      under which the runtime interns T's uniqtype from the meta-DSOs;
 *    - name: T's C spelling ("struct node", "int[4]"), for reports and for
 *      matching incomplete types by name;
 *    - cache: a writable word, NULL in the object file, that the runtime
 *      may set once to the resolved `const struct uniqtype *` (or to any
 *      other private value) so that each descriptor is resolved once.
 *    Each descriptor lives in its own COMDAT group and section
 *    (ALLOCS_TYPEDESC_SECTION), symbol "__allocs_td_<16 hex digits of
 *    identity>" (plus "_g<degree>" for ALLOCS_TD_GENERIC ones, then "_b"
 *    for ALLOCS_TD_FROM_BYTES ones), hidden
 *    visibility: every unit of one linked object shares a single
 *    copy (one cache word per type per object); different objects (the
 *    executable, each DSO) have their own copies, which resolve to the same
 *    interned uniqtype.  Descriptors are never freed or moved.
 *
 * 2. Source locations: one static read-only struct allocs_srcloc per
 *    instrumented site, private to its unit.
 *
 * 3. Entry points, called from instrumented code:
 *
 *    __allocs_check_cast(p, target, loc)
 *        p is being converted to `T *`, target describes T.  Returns p
 *        unchanged (the instrumented code uses the result as the converted
 *        value, which keeps the check from being optimised away).  Called
 *        for every conversion to a pointer type except those that can never
 *        be wrong: to void * / char * / signed char * / unsigned char *
 *        (any qualifiers), from a null constant or other integer constant,
 *        between pointers whose pointees are the same type once qualifiers
 *        and typedefs are stripped, and to a generic pointer-to-pointer
 *        (void **, void ***, ...) from a pointer of at least the same degree.
 *        A cast to a generic pointer-to-pointer from a pointer of lower
 *        degree is checked loosely: target has ALLOCS_TD_GENERIC set and
 *        target->degree = d means "p must point to some pointer of degree
 *        >= d" (void ** has pointee void *, degree 1).  target has
 *        ALLOCS_TD_FROM_BYTES set when p is a byte pointer (below): the
 *        check is the same, only lazy typing differs.
 *        Conversions from integers (other than constants) are checked like
 *        pointer conversions.  p may be NULL, a one-past-end pointer or any
 *        other value: the runtime decides (NULL always passes).
 *
 *    __allocs_note_alloc(p, type, flags)
 *        p is the result of an allocation call (the malloc family, or a
 *        function named by -fplugin-arg-allocscheck-alloc-fns=) that the
 *        program converts to `T *` (type describes T).  Returns p unchanged.
 *        The runtime types the chunk starting at p as T, or as an array of T
 *        when the chunk holds several (chunk size / sizeof T), with a
 *        trailing partial element meaning "T followed by a flexible tail".
 *        p may be NULL (failed allocation): ignore it.  Allocations
 *        converted to void * or to a character pointer are not noted: their
 *        type is decided later by the first checked cast (lazy typing).
 *
 *    __allocs_note_alloc_out(ret, pp, type, flags)
 *        For allocators that return the object through an out-parameter
 *        (posix_memalign): ret is the allocator's result, pp the
 *        out-parameter (the plugin evaluates it once); when ret == 0, *pp
 *        is the new chunk, to be typed as for __allocs_note_alloc.  Returns
 *        ret.
 *
 *    Why a call after the allocation rather than allocation-site records
 *    keyed by return address (ACMETA_SITES_SECTION): the plugin works on
 *    GENERIC, where the return address of a call has no name, and a record
 *    keyed by the malloc caller's return address misattributes allocations
 *    made through wrappers (xmalloc) unless every wrapper is known when the
 *    runtime is built.  A note call types the chunk exactly, whichever
 *    function allocated it, costs one call next to a malloc, and needs no
 *    metadata lookup at allocation time.
 *
 * The plugin gives __allocs_check_cast and __allocs_note_alloc the GCC
 * internal "fn spec" "1 R . . " (returns its first argument, does not
 * dereference it), so alias analysis still knows what the result points to.
 */
#ifndef ALLOCSCHECK_ALLOCS_CHECK_H
#define ALLOCSCHECK_ALLOCS_CHECK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 2: bounds-check entry points added (section "Bounds checks" below);
 * version-1 objects remain valid.
 * 3: ALLOCS_TD_FROM_BYTES added; a runtime that ignores it only types
 * some chunks hard that it could type softly, so version-2 objects and
 * runtimes remain valid. */
#define ALLOCS_CHECK_ABI_VERSION 3

/* Descriptor sections (writable: the cache word) are named
 * ALLOCS_TYPEDESC_SECTION "." <symbol>, one per COMDAT group; a link
 * gathers them into .data. */
#define ALLOCS_TYPEDESC_SECTION ".data.allocs_typedesc"
/* Symbol prefix of a descriptor: prefix + 16 lower-case hex digits. */
#define ALLOCS_TYPEDESC_PREFIX  "__allocs_td_"

/* allocs_typedesc.flags */
#define ALLOCS_TD_INCOMPLETE 0x1u /* T is an incomplete struct/union/enum in
                                     the unit that emitted the descriptor:
                                     identity is its opaque identity; match
                                     by name */
#define ALLOCS_TD_GENERIC    0x2u /* loose check: p must point to a pointer
                                     of degree >= `degree` (casts to void **) */
#define ALLOCS_TD_FUNCTION   0x4u /* T is a function type (function-pointer cast) */
#define ALLOCS_TD_FLEXIBLE   0x8u /* T is a struct whose last member is a
                                     flexible array (or [0]) */
#define ALLOCS_TD_FROM_BYTES 0x10u /* set by the cast, not by T: the value
                                     converted has static type char *,
                                     signed char * or unsigned char *
                                     (directly or through casts to other
                                     pointer types); lazy typing then
                                     types the chunk softly, whatever its
                                     size (code holding a chunk as bytes
                                     carves it).  Symbol suffix "_b". */

struct allocs_typedesc {
	uint64_t identity;      /* canonical identity of T */
	const char *name;       /* C spelling of T */
	uint64_t size;          /* sizeof T; 0 when unknown (incomplete, function, void) */
	uint16_t kind;          /* enum uniqtype_kind of T */
	uint16_t flags;         /* ALLOCS_TD_* */
	uint32_t degree;        /* ALLOCS_TD_GENERIC: required pointer degree */
	void *cache;            /* runtime-owned; NULL until resolved */
};

struct allocs_srcloc {
	const char *file;
	uint32_t line;
	uint32_t column;
	const char *function;   /* enclosing function's name */
};

/* __allocs_note_alloc flags */
#define ALLOCS_NOTE_REALLOC  0x1u /* from realloc-like: p may be the old chunk */
#define ALLOCS_NOTE_ZEROED   0x2u /* calloc: memory is zeroed */
#define ALLOCS_NOTE_USER_FN  0x4u /* a user allocation function (alloc-fns=) */
#define ALLOCS_NOTE_INFERRED 0x8u /* a function the plugin found to return
				     fresh or recycled storage (alloc-sites.cc):
				     the chunk is retyped, softly if bigger */
#define ALLOCS_NOTE_CARVED   0x10u /* the size is visibly no whole number of
				     the type's objects: typed softly */

void *__allocs_check_cast(const void *p, struct allocs_typedesc *target,
			  const struct allocs_srcloc *loc);
void *__allocs_note_alloc(void *p, struct allocs_typedesc *type,
			  uint32_t flags);
int __allocs_note_alloc_out(int ret, void **pp, struct allocs_typedesc *type,
			    uint32_t flags);

/* ==================================================================
 * Bounds checks (ABI version 2 adds this section; nothing above changed
 * meaning, so version-1 objects still link and run: they simply carry no
 * bounds checks).  Mirrored by gcc-plugin/instrument-derivations.cc.
 *
 * A derivation (p + i, &a[i], &p->f, p++) is checked against the bounds
 * of its source: the innermost array of the derived pointer's element
 * type that holds the source pointer, or the single object when there is
 * no such array; the whole allocation for byte pointers (char, unsigned
 * char, void); up to the allocation's end for flexible / trailing [0] [1]
 * arrays; unbounded for memory the runtime does not index.  The plugin
 * computes bounds statically where the tree says them (&local[i],
 * &p->f.a[i], &global) and otherwise asks the runtime once per pointer
 * origin (not per derivation: loops reuse them).
 *
 * Bounds are [base, base + size).  A derived pointer q is in bounds when
 * (uintptr_t)q - base < size: the plugin emits that compare inline and
 * calls __allocs_derive_slow only when it fails.  One past the end and
 * other out-of-bounds results are *trapped*: returned with
 * ALLOCS_TRAP_MASK bits set, so that the address is non-canonical and any
 * dereference faults (the runtime's SIGSEGV handler then reports it).
 * Instrumented code removes the trap (ALLOCS_DETRAP below) wherever a
 * pointer's value is observed: conversion to an integer, pointer
 * difference, every comparison, and arguments of library calls.
 * ================================================================== */
#define ALLOCS_CHECK_BOUNDS_ABI_VERSION 3

/* Trapped pointer: bit 62 set, bit 63 clear, bits 48..61 a tag.  User
 * addresses on x86-64 are below 2^47, so no real pointer looks like this. */
#define ALLOCS_TRAP_SHIFT      48
#define ALLOCS_TRAP_ONE_PAST   0x4001ull  /* exactly one past the end */
#define ALLOCS_TRAP_OOB        0x4002ull  /* anywhere else outside */
#define ALLOCS_TRAP_MASK       0x7fff000000000000ull
#define ALLOCS_IS_TRAPPED(v)   (((uint64_t)(v) >> 62) == 1)
#define ALLOCS_DETRAP(v)       (ALLOCS_IS_TRAPPED(v) ? (uint64_t)(v) & ~ALLOCS_TRAP_MASK \
							: (uint64_t)(v))

/* Bounds as one 128-bit value: low 64 bits base, high 64 bits size, so a
 * fetch is one call whose result GCC can keep in registers. */
typedef unsigned __int128 allocs_bounds_t;
#define ALLOCS_BOUNDS_BASE(b)  ((uint64_t)(b))
#define ALLOCS_BOUNDS_SIZE(b)  ((uint64_t)((b) >> 64))

/* access flags (__allocs_check_access, __allocs_index_fail) */
#define ALLOCS_ACCESS_READ   0x1u
#define ALLOCS_ACCESS_WRITE  0x2u

/* Bounds for pointers derived from p whose element size is esz (1 for
 * byte pointers: the whole allocation).  Declared `const` by the plugin:
 * an object's bounds do not change while a pointer into it is live, so
 * GCC may reuse one answer for every derivation from the same value. */
allocs_bounds_t __allocs_fetch_bounds(const void *p, uint64_t esz);

/* q left [base, base + size) (or was trapped and may have come back):
 * returns q un-trapped if it is back in bounds, else trapped.  Never
 * reports: an out-of-bounds pointer is legal until used. */
void *__allocs_derive_slow(void *q, uint64_t base, uint64_t size,
			   const struct allocs_srcloc *loc);

/* p is being converted to a pointer of another element size (a new
 * bounds origin): if it is trapped but still inside the allocation it
 * left (one past a header, where the chunk's trailing data starts),
 * returns it un-trapped, so that its own bounds are fetched; otherwise
 * returns p unchanged (a pointer outside the allocation stays trapped). */
void *__allocs_retype(const void *p);

/* A dereference (flags ALLOCS_ACCESS_*) of p, derived from a pointer
 * whose bounds are [base, base + size), is outside them: reported before
 * the access, which then happens unless the policy aborts.  The plugin
 * checks derived pointers that never leave the function's registers this
 * way, at their dereferences, instead of trapping them.
 * __allocs_deref_fail and __allocs_index_fail return 0 (the latter was
 * first declared void; callers ignoring the result still work): the
 * plugin declares both `const` and guards a trap with the result, so
 * that GCC keeps the calls yet treats a checked loop as free of side
 * effects (and still hoists its loads and invariant calls). */
unsigned __allocs_deref_fail(const void *p, uint64_t base, uint64_t size, uint32_t flags,
			     const struct allocs_srcloc *derived_at);

/* An access a[index] with index outside [0, nelems): reported before the
 * access happens.  elem: the element's address; array/array_size: the
 * array's bytes; flags ALLOCS_ACCESS_*; elem_size: bytes accessed. */
unsigned __allocs_index_fail(const void *elem, const void *array, uint64_t array_size,
			     int64_t index, uint64_t nelems, uint64_t elem_size,
			     uint32_t flags, const struct allocs_srcloc *loc);

/* A library function `fn` is about to read (flags READ) or write len
 * bytes at p, whose bounds (from the instrumented caller) are
 * [base, base + size).  Reports if the range does not fit; returns p
 * un-trapped, to be passed to the library. */
void *__allocs_check_access(const void *p, uint64_t len, uint64_t base, uint64_t size,
			    uint32_t flags, const char *fn, const struct allocs_srcloc *loc);

/* Pointer argument of a library call that has no dedicated check: a
 * one-past pointer is un-trapped silently, any other out-of-bounds pointer
 * is reported (the library will use it).  Returns p un-trapped. */
void *__allocs_libc_arg(const void *p, const char *fn, const struct allocs_srcloc *loc);

/* String lengths for the checks of str* calls, computed without reading
 * past [base, base + size) (bounded by it; a missing terminator inside
 * the bounds is reported as an overread by `fn`): strlen(p) + 1. */
uint64_t __allocs_checked_strsize(const void *p, uint64_t base, uint64_t size,
				  const char *fn, const struct allocs_srcloc *loc);

/* Called by a constructor of every object built with bounds checks: the
 * runtime's interposed memcpy & co. check heap ranges only once one ran
 * (a checks=types program asked for no bounds work). */
void __allocs_bounds_enable(void);

#ifdef __cplusplus
}
#endif
#endif
