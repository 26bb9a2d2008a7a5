/*
 * index-sites.h -- allocation site -> allocated type (from the meta-DSOs).
 *
 * Implemented by the metadata side of the runtime.  Declared weak so the
 * heap index works (untyped) when it is absent.  Contract: returns the
 * uniqtype allocated at the call site whose return address is `site`, or
 * NULL when unknown; must not allocate from the indexed heap, must be
 * thread-safe and async-signal-safe (it is called from allocs_lookup).
 * The heap index caches answers per site: non-NULL ones for good; NULL
 * ones until allocs_site_types_changed() is called (or for at most 1024
 * uses, as a safety net).
 */
#ifndef ALLOCSCHECK_INDEX_SITES_H
#define ALLOCSCHECK_INDEX_SITES_H

#include "uniqtype.h"

const struct uniqtype *allocs_site_type(const void *site) __attribute__((weak));

/* Implemented by the heap index: call after loading metadata for more
 * objects (a new meta-DSO, a dlopen), so sites that were unknown are
 * asked about again.  Cheap, thread-safe, async-signal-safe. */
void allocs_site_types_changed(void);

#endif
