/*
 * index-static.c -- which static variable holds an address?
 *
 * The object containing p (sorted snapshot of loaded objects), then a binary
 * search of its meta-DSO's statics (sorted by vaddr; vaddrs are relative to
 * the load bias for ACMETA_F_PIC objects).  The answer is the exact
 * variable: base, size and type.
 *
 * Addresses inside an object but in no known variable (string literals,
 * padding, code, objects without metadata) return -1 rather than the
 * enclosing segment: "static" promises an exact variable, and a segment as
 * bounds would be both weaker and misleading in reports.  The checker treats
 * -1 as unknown (counted, not reported).
 */
#include "index-static.h"
#include "metadata-load.h"

int allocs_static_lookup(const void *p, struct allocs_info *out)
{
	uintptr_t a = (uintptr_t)p, reloc;
	const struct meta_blob *b = meta_blob_at(a, &reloc);
	if (!b)
		return -1;
	uint32_t i = acmeta_find_static(&b->view, (uint64_t)(a - reloc));
	if (i == ACMETA_NONE)
		return -1;
	const struct acmeta_static *s = acmeta_static(&b->view, i);
	out->kind = ALLOCS_STATIC;
	out->base = (const void *)(uintptr_t)(s->vaddr + reloc);
	out->size = (size_t)s->size;
	out->type = s->type == ACMETA_NONE ? NULL : b->types[s->type];
	out->site = NULL;
	return 0;
}
