/*
 * index-sites.h -- allocation site -> allocated type (from the meta-DSOs).
 *
 * Implemented by the metadata side of the runtime.  Declared weak so the
 * heap index works (untyped) when it is absent.  Contract: returns the
 * uniqtype allocated at the call site whose return address is `site`, or
 * NULL when unknown; must not allocate from the indexed heap, must be
 * thread-safe and async-signal-safe (it is called from allocs_lookup).
 * The heap index caches non-NULL answers per site, and asks again later
 * for sites it could not resolve (metadata may load later).
 */
#ifndef ALLOCSCHECK_INDEX_SITES_H
#define ALLOCSCHECK_INDEX_SITES_H

#include "uniqtype.h"

const struct uniqtype *allocs_site_type(const void *site) __attribute__((weak));

#endif
