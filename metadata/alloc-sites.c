/*
 * alloc-sites.c -- the allocation-site table, from the records the GCC
 * plugin leaves in the ACMETA_SITES_SECTION of instrumented objects (the
 * linker concatenates them).
 *
 * Rules:
 * - The section may be absent (uninstrumented binary): no sites.
 * - A record's `site` is taken from the section contents; in a PIE/DSO the
 *   linker may leave the value to an R_X86_64_RELATIVE dynamic relocation,
 *   whose addend then wins (the same link-time address either way).  In a
 *   relocatable object, R_X86_64_64 relocations against the section are
 *   applied as symbol value + addend (section-relative addresses).
 * - type_identity is resolved to the index of the type with that identity
 *   among the types read from DWARF; when 0 or not found the site gets type
 *   ACMETA_NONE and ACMETA_SITE_UNTYPED (lazy typing at run time).
 * - Sorted by vaddr; one entry per vaddr (the first after sorting).
 */
#include "dwarf-gen.h"
#include "uniqtype.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#define REC_SIZE sizeof(struct acmeta_site_record)

static Elf_Scn *find_section(Elf *elf, const char *name, GElf_Shdr *shdr)
{
	size_t shstrndx;
	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return NULL;
	for (Elf_Scn *s = elf_nextscn(elf, NULL); s; s = elf_nextscn(elf, s)) {
		if (!gelf_getshdr(s, shdr))
			continue;
		const char *n = elf_strptr(elf, shstrndx, shdr->sh_name);
		if (n && strcmp(n, name) == 0)
			return s;
	}
	return NULL;
}

/* Apply relocations that target the sites section to `vals`. */
static void apply_relocs(struct gen *g, Elf_Scn *sites, const GElf_Shdr *ssh,
			 uint64_t *vals, size_t n)
{
	size_t sites_ndx = elf_ndxscn(sites);
	int rel = g->ehdr.e_type == ET_REL;
	for (Elf_Scn *s = elf_nextscn(g->elf, NULL); s; s = elf_nextscn(g->elf, s)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_RELA || !sh.sh_entsize)
			continue;
		if (rel && sh.sh_info != sites_ndx)
			continue;
		if (!rel && !(sh.sh_flags & SHF_ALLOC))
			continue;  /* only dynamic relocations matter once linked */
		Elf_Data *d = elf_getdata(s, NULL);
		if (!d)
			continue;
		Elf_Data *symd = NULL;
		if (rel) {
			Elf_Scn *symscn = elf_getscn(g->elf, sh.sh_link);
			symd = symscn ? elf_getdata(symscn, NULL) : NULL;
		}
		size_t nrel = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; i < nrel; i++) {
			GElf_Rela r;
			if (!gelf_getrela(d, (int)i, &r))
				break;
			uint64_t at = rel ? r.r_offset : r.r_offset - ssh->sh_addr;
			if (!rel && (r.r_offset < ssh->sh_addr))
				continue;
			if (at % REC_SIZE != 0 || at / REC_SIZE >= n)
				continue;
			unsigned type = GELF_R_TYPE(r.r_info);
			if (!rel && type == R_X86_64_RELATIVE) {
				vals[at / REC_SIZE] = (uint64_t)r.r_addend;
			} else if (rel && type == R_X86_64_64) {
				GElf_Sym sym;
				if (symd && gelf_getsym(symd, (int)GELF_R_SYM(r.r_info), &sym))
					vals[at / REC_SIZE] = sym.st_value + (uint64_t)r.r_addend;
			}
		}
	}
}

int ga_sites(struct gen *g)
{
	GElf_Shdr sh;
	Elf_Scn *s = find_section(g->elf, ACMETA_SITES_SECTION, &sh);
	if (!s || sh.sh_type == SHT_NOBITS)
		return 0;
	Elf_Data *d = elf_getdata(s, NULL);
	if (!d || !d->d_buf)
		return 0;
	size_t n = d->d_size / REC_SIZE;
	if (!n)
		return 0;
	uint64_t *vals = malloc(n * sizeof *vals);
	if (!vals)
		return gen_fail(g, "out of memory");
	for (size_t i = 0; i < n; i++) {
		struct acmeta_site_record rec;
		memcpy(&rec, (const char *)d->d_buf + i * REC_SIZE, REC_SIZE);
		vals[i] = rec.site;
	}
	apply_relocs(g, s, &sh, vals, n);
	for (size_t i = 0; i < n; i++) {
		struct acmeta_site_record rec;
		memcpy(&rec, (const char *)d->d_buf + i * REC_SIZE, REC_SIZE);
		uint32_t type = rec.type_identity ? mb_type_find(&g->mb, rec.type_identity) : ACMETA_NONE;
		struct acmeta_allocsite *a = mb_vec_push(&g->mb, &g->mb.sites);
		if (!a) {
			free(vals);
			return gen_fail(g, "out of memory");
		}
		a->vaddr = vals[i];
		a->type = type;
		a->flags = rec.flags & (ACMETA_SITE_ARRAY | ACMETA_SITE_TRAILING | ACMETA_SITE_UNTYPED);
		if (type == ACMETA_NONE)
			a->flags |= ACMETA_SITE_UNTYPED;
	}
	free(vals);
	return 0;
}
