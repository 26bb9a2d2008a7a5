/*
 * site-types.c -- allocation site -> allocated type, from the site table of
 * the meta-DSO of the object containing the site.
 *
 * Sites are return addresses of calls to allocation functions; the table is
 * keyed by exact address (never "nearest below": an unknown site must stay
 * unknown rather than inherit its neighbour's type).
 */
#include "index-sites.h"
#include "site-types.h"
#include "metadata-load.h"

int allocs_site_info(const void *site, const struct uniqtype **type, uint32_t *flags)
{
	uintptr_t a = (uintptr_t)site, reloc;
	const struct meta_blob *b = meta_blob_at(a, &reloc);
	if (!b)
		return -1;
	uint32_t i = acmeta_find_site(&b->view, (uint64_t)(a - reloc));
	if (i == ACMETA_NONE)
		return -1;
	const struct acmeta_allocsite *s = acmeta_site(&b->view, i);
	*type = s->type == ACMETA_NONE ? NULL : b->types[s->type];
	*flags = s->flags;
	return 0;
}

const struct uniqtype *allocs_site_type(const void *site)
{
	const struct uniqtype *t;
	uint32_t flags;
	if (allocs_site_info(site, &t, &flags) != 0)
		return NULL;
	return t;
}
