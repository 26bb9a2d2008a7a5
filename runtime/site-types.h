/*
 * site-types.h -- allocation site -> allocated type, with the site's flags
 * (extends index-sites.h, whose allocs_site_type gives the type alone).
 */
#ifndef ALLOCS_SITE_TYPES_H
#define ALLOCS_SITE_TYPES_H

#include <stdint.h>
#include "uniqtype.h"

/* The meta-DSO's entry for the allocation site whose return address is
 * `site`: 0 with *type (NULL when the site's type is unknown) and *flags
 * (ACMETA_SITE_ARRAY: an array of *type; ACMETA_SITE_TRAILING: *type with a
 * flexible tail; ACMETA_SITE_UNTYPED), or -1 when the site is not listed or
 * its object has no metadata.  Lock-free once the object's metadata is
 * loaded; never allocates from the indexed heap. */
int allocs_site_info(const void *site, const struct uniqtype **type, uint32_t *flags);

#endif
