/*
 * allocs.h -- allocscheck's query API: what allocation holds an address?
 *
 * Stable interface of the runtime (liballocs.so, linked into every program
 * built with `allocscheck-config --ldflags`).  Every function here is safe
 * to call from any thread, from signal handlers, and before main; none of
 * them allocates from the heap it indexes.
 */
#ifndef ALLOCSCHECK_ALLOCS_H
#define ALLOCSCHECK_ALLOCS_H

#include <stddef.h>
#include <stdint.h>
#include "uniqtype.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The runtime is built with hidden visibility by default; what this header
 * declares is its exported interface.  (Harmless in programs.) */
#if defined(__GNUC__)
# define ALLOCS_API __attribute__((visibility("default")))
#else
# define ALLOCS_API
#endif

enum allocs_kind {
	ALLOCS_UNKNOWN,   /* nothing we index */
	ALLOCS_HEAP,      /* a chunk of the malloc family */
	ALLOCS_STACK,     /* a local or parameter (the variable is the allocation), or an alloca block */
	ALLOCS_STATIC,    /* a global or function-static variable of a loaded object */
	ALLOCS_MAPPED     /* an mmap/brk region */
};

struct allocs_info {
	enum allocs_kind kind;
	const void *base;             /* start of the allocation */
	size_t size;                  /* its size in bytes */
	const struct uniqtype *type;  /* its type, or NULL when unknown */
	const void *site;             /* allocation site (code address) or NULL */
};

/* Which allocation holds p?  0 and *out filled when found, -1 when p is in
 * nothing the runtime indexes (out->kind is then ALLOCS_UNKNOWN). */
ALLOCS_API int allocs_lookup(const void *p, struct allocs_info *out);

/* C spelling of a type: "struct point", "int", "double[4]", "char *".
 * NULL gives "(unknown type)".  The string lives as long as the process. */
ALLOCS_API const char *allocs_type_name(const struct uniqtype *t);

/* The process-wide descriptor of the type whose canonical identity is id
 * (include/type-identity.h), or NULL when no loaded object describes it.
 * The root types (void, the C base types, void *) always resolve.  A miss
 * first loads any meta-DSO not loaded yet, so it costs more than a hit:
 * callers resolving per-type descriptors should cache the answer
 * (descriptors never move and are never freed). */
ALLOCS_API const struct uniqtype *allocs_uniqtype_by_identity(uint64_t id);

/* A complete struct, union or enum type spelled `name` ("struct foo") in
 * the loaded metadata, or NULL when every loaded object has it incomplete
 * or does not mention it (an opaque handle type such as sqlite3_stmt).  A
 * scan of every interned type: callers ask once per name and cache. */
ALLOCS_API const struct uniqtype *allocs_uniqtype_complete_by_name(const char *name);

/* Printable name of an allocation kind: "heap", "stack", "static", "mapped", "unknown". */
ALLOCS_API const char *allocs_kind_name(enum allocs_kind kind);

#ifdef __cplusplus
}
#endif
#endif
