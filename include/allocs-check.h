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
 *    identity>" (plus "_g<degree>" for ALLOCS_TD_GENERIC ones), hidden
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
 *        >= d" (void ** has pointee void *, degree 1).
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

#define ALLOCS_CHECK_ABI_VERSION 1

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

void *__allocs_check_cast(const void *p, struct allocs_typedesc *target,
			  const struct allocs_srcloc *loc);
void *__allocs_note_alloc(void *p, struct allocs_typedesc *type,
			  uint32_t flags);
int __allocs_note_alloc_out(int ret, void **pp, struct allocs_typedesc *type,
			    uint32_t flags);

#ifdef __cplusplus
}
#endif
#endif
