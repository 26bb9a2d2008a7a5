/*
 * dwarf-statics.c -- static variables (globals, file statics, function
 * statics) from DW_TAG_variable DIEs.
 *
 * Rules:
 * - A variable is static when its DW_AT_location is exactly one operation,
 *   DW_OP_addr or (DWARF 5 / split DWARF) DW_OP_addrx / DW_OP_GNU_addr_index.
 *   Thread-locals (address + DW_OP_form_tls_address), register and stack
 *   locations, location lists and DW_AT_const_value are not statics.
 * - Name and type follow DW_AT_specification / DW_AT_abstract_origin, so a
 *   definition that refers to its declaration gets the declaration's name
 *   and type.  Declarations without a location are skipped.
 * - Function statics are named "fn::var", fn being the innermost enclosing
 *   subprogram's name ("<anon>" if it has none).
 * - vaddr is the address DWARF gives: the link-time address, i.e. relative
 *   to the load base for ET_DYN (the header carries ACMETA_F_PIC).
 * - size is the type's size; when the type's size is unknown (e.g. `int
 *   a[]`), the size of an ELF symbol starting at that address, else 0.
 * - The table is sorted by (vaddr, name); duplicates (same vaddr and name)
 *   are dropped by mb_sort_tables().
 */
#include "dwarf-gen.h"
#include "uniqtype.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The static address of `var`, if its location is a plain address. */
static int static_address(Dwarf_Die *var, Dwarf_Addr *addr)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	size_t nops;
	if (!dwarf_attr(var, DW_AT_location, &a))
		return 0;
	if (dwarf_getlocation(&a, &ops, &nops) != 0 || nops != 1)
		return 0;
	switch (ops[0].atom) {
	case DW_OP_addr:
		*addr = ops[0].number;
		return 1;
	case DW_OP_addrx:
	case DW_OP_GNU_addr_index: {
		Dwarf_Attribute res;
		if (dwarf_getlocation_attr(&a, &ops[0], &res) != 0)
			return 0;
		return dwarf_formaddr(&res, addr) == 0;
	}
	default:
		return 0;
	}
}

static uint64_t symbol_size(struct gen *g, Dwarf_Addr addr)
{
	GElf_Sym sym;
	GElf_Off off = 0;
	if (!g->mod)
		return 0;
	const char *n = dwfl_module_addrinfo(g->mod, addr, &off, &sym, NULL, NULL, NULL);
	if (n && off == 0)
		return sym.st_size;
	return 0;
}

int gs_variable(struct gen *g, Dwarf_Die *var, Dwarf_Die *fn)
{
	Dwarf_Addr addr;
	if (!static_address(var, &addr))
		return 0;
	uint32_t type = gt_type_of(g, var);
	if (type == ACMETA_NONE)
		return -1;
	const char *vname = gen_die_name(var);
	if (!vname)
		vname = "";
	uint32_t name;
	if (fn) {
		const char *fname = gen_die_name(fn);
		size_t n = strlen(vname) + (fname ? strlen(fname) : 6) + 3;
		char *buf = malloc(n);
		if (!buf)
			return gen_fail(g, "out of memory");
		snprintf(buf, n, "%s::%s", fname ? fname : "<anon>", vname);
		name = mb_str(&g->mb, buf);
		free(buf);
	} else {
		name = mb_str(&g->mb, vname);
	}
	uint64_t size = mb_type(&g->mb, type)->size;
	if (size == UNIQTYPE_SIZE_UNKNOWN)
		size = symbol_size(g, addr);
	struct acmeta_static *s = mb_vec_push(&g->mb, &g->mb.statics);
	if (!s)
		return gen_fail(g, "out of memory");
	s->vaddr = addr;
	s->size = size;
	s->type = type;
	s->name = name;
	return 0;
}
