/*
 * copy-relocs.c -- statics an executable takes over from a shared library
 * through copy relocations.
 *
 * When an executable refers directly to a library's variable (`extern
 * struct point lib_point;` in non-PIC or PIE code), the linker reserves
 * room for it in the executable's .bss and emits a COPY relocation: at
 * startup the dynamic linker copies the library's initial value there, and
 * from then on every reference, the library's own included, uses the
 * executable's copy.  The executable's DWARF only declares the variable
 * (DW_AT_declaration, no location), so the DWARF walk alone never lists it,
 * and the library's own static describes a copy nobody uses.
 *
 * So, for each COPY relocation of the executable's dynamic relocation
 * sections, one static:
 * - vaddr: the relocation's offset (a link-time address, like DWARF's);
 * - size: the dynamic symbol's st_size (what the linker reserved);
 * - type: from the executable's DWARF declaration of that name (one with a
 *   complete type preferred), ACMETA_NONE if the DWARF has none;
 * - name: the symbol's name.
 * Malformed relocation sections (bad symbol index, no name) are skipped
 * entry by entry: a missing static is better than a refused binary.
 */
#include "dwarf-gen.h"
#include "uniqtype.h"

#include <dwarf.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

struct gen_copy {
	const char *name;         /* in the ELF's mapped string table */
	uint64_t vaddr, size;
	uint32_t type;            /* ACMETA_NONE until a declaration is seen */
};

/* The COPY relocation type of a machine; 0 if unknown. */
static unsigned copy_reloc_type(unsigned machine)
{
	switch (machine) {
	case EM_X86_64: return R_X86_64_COPY;
	case EM_386: return R_386_COPY;
	case EM_AARCH64: return R_AARCH64_COPY;
	default: return 0;
	}
}

static int cmp_copy_name(const void *a, const void *b)
{
	return strcmp(((const struct gen_copy *)a)->name, ((const struct gen_copy *)b)->name);
}

/* Record the COPY relocations of one SHT_REL/SHT_RELA section. */
static int read_section(struct gen *g, Elf_Scn *scn, const GElf_Shdr *sh, unsigned copy_type)
{
	Elf_Scn *symscn = elf_getscn(g->elf, sh->sh_link);
	GElf_Shdr symsh;
	if (!symscn || !gelf_getshdr(symscn, &symsh) || symsh.sh_type != SHT_DYNSYM)
		return 0;
	Elf_Data *syms = elf_getdata(symscn, NULL);
	Elf_Data *rels = elf_getdata(scn, NULL);
	if (!syms || !rels || !sh->sh_entsize)
		return 0;
	size_t n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Rela r;
		if (sh->sh_type == SHT_RELA) {
			if (!gelf_getrela(rels, (int)i, &r))
				break;
		} else {
			GElf_Rel rel;
			if (!gelf_getrel(rels, (int)i, &rel))
				break;
			r.r_offset = rel.r_offset;
			r.r_info = rel.r_info;
		}
		if (GELF_R_TYPE(r.r_info) != copy_type)
			continue;
		GElf_Sym sym;
		if (!gelf_getsym(syms, (int)GELF_R_SYM(r.r_info), &sym))
			continue;
		const char *name = elf_strptr(g->elf, symsh.sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		struct gen_copy *c = mb_vec_push(&g->mb, &g->copies);
		if (!c)
			return gen_fail(g, "out of memory");
		c->name = name;
		c->vaddr = r.r_offset;
		c->size = sym.st_size;
		c->type = ACMETA_NONE;
	}
	return 0;
}

int gc_read_copy_relocs(struct gen *g)
{
	g->copies.entsize = sizeof(struct gen_copy);
	unsigned copy_type = copy_reloc_type(g->ehdr.e_machine);
	if (!copy_type || (g->ehdr.e_type != ET_EXEC && g->ehdr.e_type != ET_DYN))
		return 0;
	for (Elf_Scn *s = elf_nextscn(g->elf, NULL); s; s = elf_nextscn(g->elf, s)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL))
			continue;
		if (read_section(g, s, &sh, copy_type) < 0)
			return -1;
	}
	if (g->copies.count > 1)
		qsort(g->copies.data, g->copies.count, g->copies.entsize, cmp_copy_name);
	return 0;
}

/* The copy named `name`, or NULL. */
static struct gen_copy *find_copy(struct gen *g, const char *name)
{
	struct gen_copy key = { .name = name };
	return bsearch(&key, g->copies.data, g->copies.count, g->copies.entsize, cmp_copy_name);
}

int gc_variable(struct gen *g, Dwarf_Die *var)
{
	if (!g->copies.count || !dwarf_hasattr_integrate(var, DW_AT_declaration))
		return 0;
	const char *name = NULL;
	Dwarf_Attribute a;
	if (dwarf_attr_integrate(var, DW_AT_linkage_name, &a))
		name = dwarf_formstring(&a);
	if (!name)
		name = gen_die_name(var);
	struct gen_copy *c = name ? find_copy(g, name) : NULL;
	if (!c)
		return 0;
	if (c->type != ACMETA_NONE && mb_type(&g->mb, c->type)->size != UNIQTYPE_SIZE_UNKNOWN)
		return 0;            /* already have a complete type */
	uint32_t type = gt_type_of(g, var);
	if (type == ACMETA_NONE)
		return -1;
	if (c->type == ACMETA_NONE || mb_type(&g->mb, type)->size != UNIQTYPE_SIZE_UNKNOWN)
		c->type = type;
	return 0;
}

int gc_add_statics(struct gen *g)
{
	const struct gen_copy *prev = NULL;
	for (size_t i = 0; i < g->copies.count; i++) {
		const struct gen_copy *c = mb_vec_at(&g->copies, i);
		if (prev && strcmp(c->name, prev->name) == 0)
			continue;    /* the same symbol relocated twice: one static */
		prev = c;
		struct acmeta_static *s = mb_vec_push(&g->mb, &g->mb.statics);
		if (!s)
			return gen_fail(g, "out of memory");
		s->vaddr = c->vaddr;
		s->size = c->size;
		s->type = c->type;
		s->name = mb_str(&g->mb, c->name);
	}
	return 0;
}
