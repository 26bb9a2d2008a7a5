/*
 * dwarf-frames.c -- frame layouts: per function and PC range, the locals
 * and parameters that live in the frame at a fixed offset from the CFA.
 *
 * Rules:
 * - A frame comes from a DW_TAG_subprogram with code: its PC ranges
 *   (DW_AT_low_pc/high_pc or DW_AT_ranges) each give one acmeta_frame, all
 *   sharing the function's locals.  Declarations and abstract instances
 *   (inline-only, DW_AT_inline) have no code and give none; a concrete
 *   out-of-line instance takes its name from DW_AT_abstract_origin.
 * - Locals are listed only when the function's DW_AT_frame_base is exactly
 *   DW_OP_call_frame_cfa (GCC's default on x86-64).  Then a variable or
 *   formal parameter whose location is exactly DW_OP_fbreg(N) lives at
 *   CFA + N (cfa_offset = N).  Location lists contribute each entry that is
 *   exactly DW_OP_fbreg(N), with that entry's [lowpc, highpc) (adjacent
 *   entries with the same N merged into one range).  Anything
 *   else (registers, pieces, DW_OP_fbreg + DW_OP_deref as for VLAs, other
 *   frame bases) is not listed: it cannot be pointed to at a fixed offset.
 * - Variables of nested lexical blocks and of inlined subroutines (which
 *   live in the same physical frame) are listed; a single-location
 *   variable of such a scope gets one entry per PC range of the innermost
 *   scope that has ranges.  Variables at function level get lowpc == highpc
 *   == 0 ("throughout the frame").  Nested functions (GNU C) are frames of
 *   their own and are not descended into.
 * - Names and types follow DW_AT_abstract_origin; size is the type's size.
 *   Formal parameters carry ACMETA_LOCAL_PARAM.
 * - Frames are sorted by (lowpc, highpc) by mb_sort_tables(); frames with
 *   identical ranges (aliases) are kept once.
 */
#include "dwarf-gen.h"
#include "uniqtype.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RANGES 256       /* per scope; more is treated as corrupt */
#define MAX_SCOPE_DEPTH 256

struct ranges {
	size_t n;
	Dwarf_Addr lo[MAX_RANGES], hi[MAX_RANGES];
};

/* PC ranges of a DIE; -1 on error. */
static int die_ranges(Dwarf_Die *die, struct ranges *r)
{
	Dwarf_Addr base, start, end;
	ptrdiff_t off = 0;
	r->n = 0;
	while ((off = dwarf_ranges(die, off, &base, &start, &end)) > 0) {
		if (start >= end)
			continue;
		if (r->n == MAX_RANGES)
			return -1;
		r->lo[r->n] = start;
		r->hi[r->n] = end;
		r->n++;
	}
	return off < 0 ? -1 : 0;
}

static int frame_base_is_cfa(Dwarf_Die *fn)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	size_t nops;
	if (!dwarf_attr(fn, DW_AT_frame_base, &a))
		return 0;
	return dwarf_getlocation(&a, &ops, &nops) == 0 && nops == 1 &&
	       ops[0].atom == DW_OP_call_frame_cfa;
}

static int push_local(struct gen *g, int64_t off, uint32_t type, uint32_t name,
		      uint32_t flags, Dwarf_Addr lo, Dwarf_Addr hi)
{
	struct acmeta_local *l = mb_vec_push(&g->mb, &g->mb.locals);
	if (!l)
		return gen_fail(g, "out of memory");
	l->cfa_offset = off;
	l->size = mb_type(&g->mb, type)->size;
	l->lowpc = lo;
	l->highpc = hi;
	l->type = type;
	l->name = name;
	l->flags = flags;
	return 0;
}

/* One variable or parameter; `scope` is NULL at function level. */
static int add_local(struct gen *g, Dwarf_Die *var, const struct ranges *scope, int is_param)
{
	Dwarf_Attribute a;
	if (!dwarf_attr(var, DW_AT_location, &a))
		return 0;
	Dwarf_Addr base, start, end;
	Dwarf_Op *expr;
	size_t len;
	ptrdiff_t off = 0;
	uint32_t type = ACMETA_NONE, name = 0;
	uint32_t flags = is_param ? ACMETA_LOCAL_PARAM : 0;
	size_t nentries = 0, first = g->mb.locals.count;
	while ((off = dwarf_getlocations(&a, off, &base, &start, &end, &expr, &len)) > 0) {
		if (++nentries > 4096)
			break;
		if (len != 1 || expr[0].atom != DW_OP_fbreg)
			continue;
		if (type == ACMETA_NONE) {
			type = gt_type_of(g, var);
			if (type == ACMETA_NONE)
				return -1;
			const char *n = gen_die_name(var);
			name = mb_str(&g->mb, n ? n : "");
		}
		int64_t cfa_off = (int64_t)expr[0].number;
		int whole = start == 0 && end == (Dwarf_Addr)-1;
		if (!whole) {
			/* Adjacent entries at the same slot become one range. */
			struct acmeta_local *prev = g->mb.locals.count > first ?
				mb_vec_at(&g->mb.locals, g->mb.locals.count - 1) : NULL;
			if (prev && prev->cfa_offset == cfa_off && prev->highpc == start && start) {
				prev->highpc = end;
				continue;
			}
			if (push_local(g, cfa_off, type, name, flags, start, end) < 0)
				return -1;
		} else if (!scope) {
			if (push_local(g, cfa_off, type, name, flags, 0, 0) < 0)
				return -1;
		} else {
			for (size_t i = 0; i < scope->n; i++)
				if (push_local(g, cfa_off, type, name, flags, scope->lo[i], scope->hi[i]) < 0)
					return -1;
		}
	}
	/* A location we cannot read is not worth failing the whole binary:
	 * the local is simply not listed. */
	return 0;
}

static int walk_scope(struct gen *g, Dwarf_Die *parent, const struct ranges *scope, int depth)
{
	if (depth > MAX_SCOPE_DEPTH)
		return gen_fail(g, "corrupt DWARF: scopes nested too deeply");
	Dwarf_Die child;
	int r = dwarf_child(parent, &child);
	if (r < 0)
		return gen_fail(g, "corrupt DWARF: %s", dwarf_errmsg(-1));
	for (; r == 0; r = dwarf_siblingof(&child, &child)) {
		int tag = dwarf_tag(&child);
		switch (tag) {
		case DW_TAG_variable:
		case DW_TAG_formal_parameter:
			if (add_local(g, &child, scope, tag == DW_TAG_formal_parameter) < 0)
				return -1;
			break;
		case DW_TAG_lexical_block:
		case DW_TAG_inlined_subroutine: {
			struct ranges *inner = malloc(sizeof *inner);
			if (!inner)
				return gen_fail(g, "out of memory");
			int rr = die_ranges(&child, inner);
			const struct ranges *use = (rr == 0 && inner->n) ? inner : scope;
			int wr = walk_scope(g, &child, use, depth + 1);
			free(inner);
			if (wr < 0)
				return -1;
			break;
		}
		default:
			break;  /* nested subprograms are frames of their own */
		}
	}
	if (r < 0)
		return gen_fail(g, "corrupt DWARF: %s", dwarf_errmsg(-1));
	return 0;
}

int gf_subprogram(struct gen *g, Dwarf_Die *fn)
{
	Dwarf_Attribute a;
	if (dwarf_attr(fn, DW_AT_declaration, &a) || dwarf_attr(fn, DW_AT_inline, &a))
		return 0;
	struct ranges *rs = malloc(sizeof *rs);
	if (!rs)
		return gen_fail(g, "out of memory");
	if (die_ranges(fn, rs) < 0 || rs->n == 0) {
		free(rs);  /* no code (or unreadable ranges): no frame */
		return 0;
	}
	const char *fname = gen_die_name(fn);
	uint32_t name = mb_str(&g->mb, fname ? fname : "<anon>");
	size_t first = g->mb.locals.count;
	if (frame_base_is_cfa(fn) && walk_scope(g, fn, NULL, 0) < 0) {
		free(rs);
		return -1;
	}
	size_t nlocals = g->mb.locals.count - first;
	for (size_t i = 0; i < rs->n; i++) {
		struct acmeta_frame *f = mb_vec_push(&g->mb, &g->mb.frames);
		if (!f) {
			free(rs);
			return gen_fail(g, "out of memory");
		}
		f->lowpc = rs->lo[i];
		f->highpc = rs->hi[i];
		f->name = name;
		f->first_local = (uint32_t)first;
		f->nlocals = (uint32_t)nlocals;
	}
	free(rs);
	return 0;
}
