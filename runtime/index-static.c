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
 * -1 as unknown (counted, not reported).  allocs_static_segment gives the
 * segment to the bounds checker alone, which needs only a range.
 */
#include <elf.h>
#include <link.h>
#include <string.h>
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

/* The object's program headers, read from its own image: the first page
 * of its lowest PT_LOAD segment holds the ELF header and, for what the
 * usual linkers produce, the program headers right after it.  (The
 * snapshot keeps only the object's span; dl_iterate_phdr would take the
 * dynamic linker's lock, and this runs on check paths and in signal
 * handlers.)  NULL when the page does not look like that: the caller
 * then answers "unknown" as before. */
static const ElfW(Phdr) *image_phdrs(const struct meta_object *o, unsigned *n)
{
	const ElfW(Ehdr) *eh = (const ElfW(Ehdr) *)o->lo;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_phentsize != sizeof(ElfW(Phdr)) ||
	    eh->e_phnum == 0 || eh->e_phnum == PN_XNUM || eh->e_phoff > 4096 ||
	    eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(ElfW(Phdr)) > 4096)
		return NULL;
	*n = eh->e_phnum;
	return (const ElfW(Phdr) *)(o->lo + eh->e_phoff);
}

int allocs_static_segment(const void *p, struct allocs_info *out)
{
	uintptr_t a = (uintptr_t)p;
	const struct meta_object *o = meta_object_at(a);
	unsigned n = 0;
	const ElfW(Phdr) *ph = o ? image_phdrs(o, &n) : NULL;
	for (unsigned i = 0; ph && i < n; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		uintptr_t s = o->bias + ph[i].p_vaddr;
		/* also checks that this header is the object's: its segment
		 * lies in the span the dynamic linker reported */
		if (s < o->lo || ph[i].p_memsz > o->hi - s)
			return -1;
		if (a - s < ph[i].p_memsz) {
			out->kind = ALLOCS_STATIC;
			out->base = (const void *)s;
			out->size = (size_t)ph[i].p_memsz;
			out->type = NULL;
			out->site = NULL;
			return 0;
		}
	}
	return -1;
}
