/*
 * type-intern.h -- the process-wide table of uniqtypes, keyed by canonical
 * identity (docs/type-identity.md).
 *
 * Readers (allocs_uniqtype_by_identity, checks) never lock: the table and
 * every descriptor in it are published with release stores after being
 * completely built.  Writers (loading a meta-DSO, installing the root types)
 * are serialised by the caller holding meta_lock (metadata-load.h).
 */
#ifndef ALLOCS_TYPE_INTERN_H
#define ALLOCS_TYPE_INTERN_H

#include <stdint.h>
#include "uniqtype.h"
#include "metadso-read.h"

/* Lock-free lookup among the types interned so far (no loading). */
const struct uniqtype *type_intern_find(uint64_t identity);

/* Install the root types (void, the C base types of x86-64, void *).
 * Idempotent; caller holds meta_lock. */
void type_intern_roots(void);

/* Intern every type of a validated blob.  Returns an array of count[TYPES]
 * pointers mapping the blob's type indices to process-wide descriptors
 * (allocated with meta_alloc, never freed), or NULL when out of memory.
 * A type whose identity collides with a structurally different interned
 * type keeps a private descriptor (and one message names it).  `objname`
 * is used in messages only.  Caller holds meta_lock. */
const struct uniqtype **type_intern_blob(const struct acmeta_view *v, const char *objname);

/* Root types built at start-up (root-types.c). */
void root_types_install(void (*insert)(const struct uniqtype *));

#endif
