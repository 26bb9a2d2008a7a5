/*
 * dwarf-types.c -- DWARF type DIEs to uniqtypes (struct acmeta_type).
 *
 * Rules implemented here (the identity itself is computed only through
 * type-identity.h; these rules decide what we describe to it):
 *
 * - typedef, const, volatile, restrict and _Atomic are stripped: the type
 *   of such a DIE is the type of its DW_AT_type (void when absent).
 * - Base types: name canonicalised by ac_canonical_base_name(); encoding
 *   from DW_AT_encoding (signed_char/unsigned_char keep `char`, `signed
 *   char` and `unsigned char` distinct by name and encoding; boolean,
 *   float, complex_float; decimal floats count as FLOAT, anything else
 *   ENC_NONE).
 * - Struct/union: a DIE with DW_AT_declaration (or no size and no members)
 *   is an OPAQUE type (aux = tag kind).  Anonymous aggregates have tag ""
 *   in their identity, the flag UNIQTYPE_F_ANONYMOUS and the name
 *   "struct <anon>" / "union <anon>" / "enum <anon>".  Members are given to
 *   the identity in declaration order; the table holds them sorted by
 *   (offset, bit offset).  Anonymous members have name "".
 * - Bit-fields: bit position from the start of the aggregate is
 *   DW_AT_data_bit_offset (DWARF 5), or DW_AT_data_member_location * 8 plus
 *   the little-endian translation of DW_AT_bit_offset within the storage
 *   unit of DW_AT_byte_size bytes (DWARF 4).  The member's `offset` is the
 *   start of the naturally aligned storage unit of the declared type's size
 *   that holds the field's first bit (or that bit's byte when the field
 *   straddles such a unit, as in packed structs); `bit_offset` counts from
 *   there; the member's type is the declared type.
 * - Flexible arrays: an array dimension without a constant count (no
 *   bounds, or a non-constant bound: flexible members, `[]`, VLAs) is
 *   UNIQTYPE_F_FLEXIBLE with n = 0 and size UNIQTYPE_SIZE_UNKNOWN.  `[0]`
 *   has count 0 and is not flexible.  A struct whose last declared member
 *   is an array that is flexible or has 0 or 1 elements gets
 *   UNIQTYPE_F_HAS_FLEXIBLE.
 * - Multi-dimensional arrays are arrays of arrays, outermost dimension
 *   first: int[2][3] is array(2, array(3, int)).
 * - Pointers to a struct/union/enum with a tag use
 *   ac_typeid_pointer_to_tagged(); their pointee index is the complete
 *   type the pointer's own DWARF names, else the first complete type with
 *   that tag in this binary (in DIE order), else an OPAQUE type.
 * - Function types: DW_AT_prototyped absent means unprototyped (no
 *   parameters, not variadic); DW_TAG_unspecified_parameters means `...`.
 * - Enums: underlying type from DW_AT_type, else an int type of the enum's
 *   size ("int"/"unsigned int" style, unsigned unless DW_AT_encoding or a
 *   negative enumerator says signed).
 * - C++ reference types count as pointers, class types as structs; other
 *   non-C type tags become void.
 */
#include "dwarf-gen.h"
#include "type-identity.h"
#include "uniqtype.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

int gt_is_type_tag(int tag)
{
	switch (tag) {
	case DW_TAG_base_type:
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
	case DW_TAG_array_type:
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
	case DW_TAG_subroutine_type:
	case DW_TAG_typedef:
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
	case DW_TAG_unspecified_type:
		return 1;
	default:
		return 0;
	}
}

static int is_stripped_tag(int tag)
{
	return tag == DW_TAG_typedef || tag == DW_TAG_const_type ||
	       tag == DW_TAG_volatile_type || tag == DW_TAG_restrict_type ||
	       tag == DW_TAG_atomic_type;
}

const char *gen_die_name(Dwarf_Die *die)
{
	Dwarf_Attribute a;
	if (!dwarf_attr_integrate(die, DW_AT_name, &a))
		return NULL;
	return dwarf_formstring(&a);
}

/* DW_AT_type of `die` into *out.  1 found, 0 absent, -1 broken reference. */
static int type_ref(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute a;
	if (!dwarf_attr_integrate(die, DW_AT_type, &a))
		return 0;
	return dwarf_formref_die(&a, out) ? 1 : -1;
}

/* A declaration stub that stands for a type in a type unit
 * (-fdebug-types-section) carries DW_AT_signature: use the real DIE. */
static void follow_signature(Dwarf_Die *die)
{
	Dwarf_Attribute a;
	Dwarf_Die real;
	for (int i = 0; i < 8 && dwarf_attr(die, DW_AT_signature, &a); i++) {
		if (!dwarf_formref_die(&a, &real))
			return;
		*die = real;
	}
}

static int get_udata(Dwarf_Die *die, unsigned at, Dwarf_Word *v)
{
	Dwarf_Attribute a;
	if (!dwarf_attr_integrate(die, at, &a))
		return 0;
	return dwarf_formudata(&a, v) == 0 ? 1 : -1;
}

static int flag_set(Dwarf_Die *die, unsigned at)
{
	Dwarf_Attribute a;
	bool f = false;
	if (!dwarf_attr_integrate(die, at, &a))
		return 0;
	return dwarf_formflag(&a, &f) == 0 && f;
}

/* A constant attribute: sdata as signed, every other data form zero-extended.
 * GCC writes non-negative constants in the smallest fixed-size data form
 * that holds them and negative ones as DW_FORM_sdata, so a data1 0xc7 is
 * 199 (the upper bound of char[200]), never -57. */
static int get_const(Dwarf_Die *die, unsigned at, int64_t *v)
{
	Dwarf_Attribute a;
	Dwarf_Word u;
	Dwarf_Sword s;
	if (!dwarf_attr(die, at, &a))
		return 0;
	switch (dwarf_whatform(&a)) {
	case DW_FORM_sdata:
	case DW_FORM_implicit_const:
		if (dwarf_formsdata(&a, &s) != 0)
			return -1;
		*v = s;
		return 1;
	case DW_FORM_data1: case DW_FORM_data2: case DW_FORM_data4: case DW_FORM_data8:
	case DW_FORM_udata: {
		if (dwarf_formudata(&a, &u) != 0)
			return -1;
		*v = (int64_t)u;
		return 1;
	}
	default:
		return -1;  /* a non-constant (expression, reference) */
	}
}

static struct acmeta_type *T(struct gen *g, uint32_t i)
{
	return mb_type(&g->mb, i);
}

/* Find the type with this identity, or add `t` (identity must be set). */
static uint32_t intern(struct gen *g, const struct acmeta_type *t)
{
	uint32_t i = mb_type_find(&g->mb, t->identity);
	if (i != ACMETA_NONE)
		return i;
	i = mb_type_add(&g->mb, t);
	if (i == ACMETA_NONE)
		gen_fail(g, "out of memory");
	return i;
}

int gt_init(struct gen *g)
{
	struct acmeta_type t = { 0 };
	t.identity = ac_typeid_void();
	t.kind = UNIQTYPE_VOID;
	t.size = 0;
	t.name = mb_str(&g->mb, "void");
	t.aux = ACMETA_NONE;
	g->void_type = intern(g, &t);
	return g->void_type == ACMETA_NONE ? -1 : 0;
}

static unsigned map_encoding(Dwarf_Word ate)
{
	switch (ate) {
	case DW_ATE_signed: return UNIQTYPE_ENC_SIGNED;
	case DW_ATE_unsigned: return UNIQTYPE_ENC_UNSIGNED;
	case DW_ATE_signed_char: return UNIQTYPE_ENC_SIGNED_CHAR;
	case DW_ATE_unsigned_char: return UNIQTYPE_ENC_UNSIGNED_CHAR;
	case DW_ATE_UTF: return UNIQTYPE_ENC_UNSIGNED;
	case DW_ATE_boolean: return UNIQTYPE_ENC_BOOL;
	case DW_ATE_float:
	case DW_ATE_decimal_float: return UNIQTYPE_ENC_FLOAT;
	case DW_ATE_complex_float: return UNIQTYPE_ENC_COMPLEX_FLOAT;
	default: return UNIQTYPE_ENC_NONE;
	}
}

static uint32_t base_type(struct gen *g, const char *name, unsigned enc, uint64_t size)
{
	struct acmeta_type t = { 0 };
	const char *cname = ac_canonical_base_name(name ? name : "");
	t.identity = ac_typeid_base(cname, enc, size);
	t.kind = UNIQTYPE_BASE;
	t.size = size;
	t.aux = enc;
	t.name = mb_str(&g->mb, cname);
	return intern(g, &t);
}

static uint32_t do_base(struct gen *g, Dwarf_Die *die)
{
	Dwarf_Word ate = 0, size = 0;
	if (get_udata(die, DW_AT_encoding, &ate) < 0 || get_udata(die, DW_AT_byte_size, &size) < 0) {
		gen_fail(g, "corrupt DWARF: bad base type at DIE 0x%llx",
			 (unsigned long long)dwarf_dieoffset(die));
		return ACMETA_NONE;
	}
	return base_type(g, gen_die_name(die), map_encoding(ate), size);
}

static unsigned tag_kind_of(int tag)
{
	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_class_type: return UNIQTYPE_STRUCT;
	case DW_TAG_union_type: return UNIQTYPE_UNION;
	case DW_TAG_enumeration_type: return UNIQTYPE_ENUM;
	default: return 0;
	}
}

static const char *keyword(unsigned tag_kind)
{
	return tag_kind == UNIQTYPE_UNION ? "union" : tag_kind == UNIQTYPE_ENUM ? "enum" : "struct";
}

static uint32_t spelled_name(struct gen *g, unsigned tag_kind, const char *tag)
{
	char buf[AC_TYPEID_NAME_MAX + 16];
	if (tag && *tag)
		snprintf(buf, sizeof buf, "%s %s", keyword(tag_kind), tag);
	else
		snprintf(buf, sizeof buf, "%s <anon>", keyword(tag_kind));
	if (tag && strlen(tag) + 8 > sizeof buf) {
		/* very long tags: keep them whole */
		size_t n = strlen(tag) + 8;
		char *p = malloc(n);
		if (!p)
			return 0;
		snprintf(p, n, "%s %s", keyword(tag_kind), tag);
		uint32_t s = mb_str(&g->mb, p);
		free(p);
		return s;
	}
	return mb_str(&g->mb, buf);
}

static uint32_t opaque_type(struct gen *g, unsigned tag_kind, const char *tag)
{
	struct acmeta_type t = { 0 };
	t.identity = ac_typeid_opaque(tag_kind, tag ? tag : "");
	t.kind = UNIQTYPE_OPAQUE;
	t.size = UNIQTYPE_SIZE_UNKNOWN;
	t.aux = tag_kind;
	t.name = spelled_name(g, tag_kind, tag);
	if (!tag || !*tag)
		t.flags |= UNIQTYPE_F_ANONYMOUS;
	return intern(g, &t);
}

static int is_declaration(Dwarf_Die *die)
{
	if (flag_set(die, DW_AT_declaration))
		return 1;
	Dwarf_Attribute a;
	if (!dwarf_attr(die, DW_AT_byte_size, &a) && !dwarf_haschildren(die))
		return 1;
	return 0;
}

/* One member while an aggregate is being read. */
struct pmember {
	struct acmeta_member m;
	size_t order;
};

static int cmp_pmember(const void *pa, const void *pb)
{
	const struct pmember *a = pa, *b = pb;
	if (a->m.offset != b->m.offset)
		return a->m.offset < b->m.offset ? -1 : 1;
	if (a->m.bit_offset != b->m.bit_offset)
		return a->m.bit_offset < b->m.bit_offset ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Byte offset of a member: a constant, or (DWARF 2) DW_OP_plus_uconst. */
static int member_location(Dwarf_Die *die, uint64_t *off)
{
	Dwarf_Attribute a;
	*off = 0;
	if (!dwarf_attr(die, DW_AT_data_member_location, &a))
		return 0;
	Dwarf_Word w;
	if (dwarf_formudata(&a, &w) == 0) {
		*off = w;
		return 0;
	}
	Dwarf_Op *ops;
	size_t nops;
	if (dwarf_getlocation(&a, &ops, &nops) == 0 && nops == 1 &&
	    ops[0].atom == DW_OP_plus_uconst) {
		*off = ops[0].number;
		return 0;
	}
	return -1;
}

static uint32_t do_aggregate(struct gen *g, Dwarf_Die *die, int tag, int depth)
{
	unsigned kind = tag_kind_of(tag);
	const char *tagname = gen_die_name(die);
	if (!tagname)
		tagname = "";
	if (is_declaration(die))
		return opaque_type(g, kind, tagname);

	Dwarf_Word size = 0;
	if (get_udata(die, DW_AT_byte_size, &size) < 0)
		goto corrupt;

	struct ac_typeid_builder ib;
	ac_typeid_begin_aggregate(&ib, kind, tagname, size);

	struct pmember *ms = NULL;
	size_t n = 0, cap = 0;
	uint16_t flags = 0;
	int last_is_trailing_array = 0;
	Dwarf_Die child;
	int r = dwarf_child(die, &child);
	if (r < 0)
		goto corrupt;
	for (; r == 0; r = dwarf_siblingof(&child, &child)) {
		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		uint32_t ty;
		{
			Dwarf_Die td;
			int tr = type_ref(&child, &td);
			if (tr < 0)
				goto corrupt_free;
			ty = tr ? gt_type(g, &td, depth + 1) : g->void_type;
			if (ty == ACMETA_NONE)
				goto fail_free;
		}
		const char *mname = gen_die_name(&child);
		if (!mname)
			mname = "";
		uint64_t off;
		if (member_location(&child, &off) < 0)
			goto corrupt_free;
		Dwarf_Word bit_size = 0;
		if (get_udata(&child, DW_AT_bit_size, &bit_size) < 0 || bit_size > UINT32_MAX)
			goto corrupt_free;
		uint64_t bitpos = 0;
		struct pmember pm = { 0 };
		pm.order = n;
		pm.m.type = ty;
		pm.m.name = mb_str(&g->mb, mname);
		uint64_t tsize = T(g, ty)->size;
		if (bit_size) {
			Dwarf_Word dbo, bo, bsz;
			if (get_udata(&child, DW_AT_data_bit_offset, &dbo) > 0) {
				bitpos = dbo;
			} else if (get_udata(&child, DW_AT_bit_offset, &bo) > 0) {
				/* DWARF 4: bits from the MSB of a storage unit of
				 * DW_AT_byte_size bytes at data_member_location */
				if (get_udata(&child, DW_AT_byte_size, &bsz) <= 0)
					bsz = tsize;
				if (bsz == 0 || bsz > 64 || bo + bit_size > bsz * 8)
					goto corrupt_free;
				bitpos = off * 8 + (bsz * 8 - bo - bit_size);
			} else {
				bitpos = off * 8;
			}
			uint64_t unit = (tsize >= 1 && tsize <= 64) ? tsize : 1;
			uint64_t moff = bitpos / (unit * 8) * unit;
			if (bitpos - moff * 8 + bit_size > unit * 8)
				moff = bitpos / 8;
			pm.m.offset = moff;
			pm.m.bit_offset = (uint32_t)(bitpos - moff * 8);
			pm.m.bit_size = (uint32_t)bit_size;
			flags |= UNIQTYPE_F_HAS_BITFIELDS;
		} else {
			pm.m.offset = off;
		}
		ac_typeid_member(&ib, mname, off, bitpos, (uint32_t)bit_size, T(g, ty)->identity);
		const struct acmeta_type *mt = T(g, ty);
		last_is_trailing_array = !bit_size && mt->kind == UNIQTYPE_ARRAY &&
			((mt->flags & UNIQTYPE_F_FLEXIBLE) || mt->n <= 1);
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct pmember *nm = realloc(ms, ncap * sizeof *ms);
			if (!nm) {
				gen_fail(g, "out of memory");
				goto fail_free;
			}
			ms = nm;
			cap = ncap;
		}
		ms[n++] = pm;
	}
	if (r < 0)
		goto corrupt_free;
	if (n > UINT32_MAX - 1)
		goto corrupt_free;

	struct acmeta_type t = { 0 };
	t.identity = ac_typeid_end(&ib);
	uint32_t found = mb_type_find(&g->mb, t.identity);
	if (found != ACMETA_NONE) {
		free(ms);
		return found;
	}
	if (kind == UNIQTYPE_STRUCT && last_is_trailing_array)
		flags |= UNIQTYPE_F_HAS_FLEXIBLE;
	if (!*tagname)
		flags |= UNIQTYPE_F_ANONYMOUS;
	if (ms)
		qsort(ms, n, sizeof *ms, cmp_pmember);
	t.kind = kind;
	t.size = size;
	t.flags = flags;
	t.n = (uint32_t)n;
	t.first = (uint32_t)g->mb.members.count;
	t.name = spelled_name(g, kind, tagname);
	for (size_t i = 0; i < n; i++) {
		struct acmeta_member *m = mb_vec_push(&g->mb, &g->mb.members);
		if (!m) {
			gen_fail(g, "out of memory");
			goto fail_free;
		}
		*m = ms[i].m;
	}
	free(ms);
	return intern(g, &t);

corrupt_free:
	free(ms);
corrupt:
	gen_fail(g, "corrupt DWARF: bad %s at DIE 0x%llx", keyword(kind),
		 (unsigned long long)dwarf_dieoffset(die));
	return ACMETA_NONE;
fail_free:
	free(ms);
	return ACMETA_NONE;
}

static uint32_t do_enum(struct gen *g, Dwarf_Die *die, int depth)
{
	const char *tagname = gen_die_name(die);
	if (!tagname)
		tagname = "";
	if (is_declaration(die))
		return opaque_type(g, UNIQTYPE_ENUM, tagname);
	Dwarf_Word size = 0, ate = 0;
	if (get_udata(die, DW_AT_byte_size, &size) < 0)
		goto corrupt;

	/* Underlying type: decides how fixed-size constant forms are read. */
	uint32_t under = ACMETA_NONE;
	Dwarf_Die ud;
	int tr = type_ref(die, &ud);
	if (tr < 0)
		goto corrupt;
	if (tr) {
		under = gt_type(g, &ud, depth + 1);
		if (under == ACMETA_NONE)
			return ACMETA_NONE;
	}
	int is_signed;
	if (under != ACMETA_NONE) {
		unsigned enc = T(g, under)->kind == UNIQTYPE_BASE ? T(g, under)->aux : 0;
		is_signed = enc == UNIQTYPE_ENC_SIGNED || enc == UNIQTYPE_ENC_SIGNED_CHAR;
	} else {
		is_signed = get_udata(die, DW_AT_encoding, &ate) > 0 &&
			    (ate == DW_ATE_signed || ate == DW_ATE_signed_char);
	}

	struct ac_typeid_builder ib;
	ac_typeid_begin_enum(&ib, tagname, size);
	size_t first = g->mb.enumerators.count, n = 0;
	int negative = 0;
	Dwarf_Die child;
	int r = dwarf_child(die, &child);
	if (r < 0)
		goto corrupt;
	for (; r == 0; r = dwarf_siblingof(&child, &child)) {
		if (dwarf_tag(&child) != DW_TAG_enumerator)
			continue;
		int64_t v = 0;
		if (get_const(&child, DW_AT_const_value, &v) < 0)
			goto corrupt;
		const char *ename = gen_die_name(&child);
		if (!ename)
			ename = "";
		ac_typeid_enumerator(&ib, ename, v);
		struct acmeta_enumerator *e = mb_vec_push(&g->mb, &g->mb.enumerators);
		if (!e) {
			gen_fail(g, "out of memory");
			return ACMETA_NONE;
		}
		e->value = v;
		e->name = mb_str(&g->mb, ename);
		negative |= v < 0;
		n++;
	}
	if (r < 0)
		goto corrupt;

	struct acmeta_type t = { 0 };
	t.identity = ac_typeid_end(&ib);
	uint32_t found = mb_type_find(&g->mb, t.identity);
	if (found != ACMETA_NONE) {
		g->mb.enumerators.count = first;  /* already described */
		return found;
	}
	if (under == ACMETA_NONE) {
		const char *bn;
		int sgn = is_signed || negative;
		switch (size) {
		case 1: bn = sgn ? "signed char" : "unsigned char"; break;
		case 2: bn = sgn ? "short" : "unsigned short"; break;
		case 8: bn = sgn ? "long" : "unsigned long"; break;
		default: bn = sgn ? "int" : "unsigned int"; break;
		}
		unsigned enc = size == 1 ? (sgn ? UNIQTYPE_ENC_SIGNED_CHAR : UNIQTYPE_ENC_UNSIGNED_CHAR)
					 : (sgn ? UNIQTYPE_ENC_SIGNED : UNIQTYPE_ENC_UNSIGNED);
		under = base_type(g, bn, enc, size);
		if (under == ACMETA_NONE)
			return ACMETA_NONE;
	}
	t.kind = UNIQTYPE_ENUM;
	t.size = size;
	t.n = (uint32_t)n;
	t.first = (uint32_t)first;
	t.aux = under;
	t.name = spelled_name(g, UNIQTYPE_ENUM, tagname);
	if (!*tagname)
		t.flags |= UNIQTYPE_F_ANONYMOUS;
	return intern(g, &t);
corrupt:
	gen_fail(g, "corrupt DWARF: bad enum at DIE 0x%llx", (unsigned long long)dwarf_dieoffset(die));
	return ACMETA_NONE;
}

static uint32_t array_of(struct gen *g, uint32_t elem, uint64_t count, int flexible)
{
	struct acmeta_type t = { 0 };
	if (count > UINT32_MAX)
		flexible = 1;  /* not representable: treat as bounded by the allocation */
	t.identity = ac_typeid_array(T(g, elem)->identity, count, flexible);
	t.kind = UNIQTYPE_ARRAY;
	t.aux = elem;
	if (flexible) {
		t.flags = UNIQTYPE_F_FLEXIBLE;
		t.size = UNIQTYPE_SIZE_UNKNOWN;
	} else {
		uint64_t es = T(g, elem)->size;
		t.n = (uint32_t)count;
		if (es == UNIQTYPE_SIZE_UNKNOWN || (es && count > UINT64_MAX / es))
			t.size = UNIQTYPE_SIZE_UNKNOWN;
		else
			t.size = es * count;
	}
	return intern(g, &t);
}

#define MAX_DIMS 64

static uint32_t do_array(struct gen *g, Dwarf_Die *die, int depth)
{
	uint64_t counts[MAX_DIMS];
	int flex[MAX_DIMS];
	int nd = 0;
	Dwarf_Die child, td;
	int tr = type_ref(die, &td);
	if (tr < 0)
		goto corrupt;
	uint32_t elem = tr ? gt_type(g, &td, depth + 1) : g->void_type;
	if (elem == ACMETA_NONE)
		return ACMETA_NONE;
	int r = dwarf_child(die, &child);
	if (r < 0)
		goto corrupt;
	for (; r == 0; r = dwarf_siblingof(&child, &child)) {
		int tag = dwarf_tag(&child);
		if (tag != DW_TAG_subrange_type && tag != DW_TAG_enumeration_type)
			continue;
		if (nd == MAX_DIMS)
			goto corrupt;
		int64_t cnt, ub, lb = 0;
		int have;
		flex[nd] = 0;
		counts[nd] = 0;
		if ((have = get_const(&child, DW_AT_count, &cnt)) > 0) {
			counts[nd] = (uint64_t)cnt;
		} else if (have == 0 && (have = get_const(&child, DW_AT_upper_bound, &ub)) > 0) {
			if (get_const(&child, DW_AT_lower_bound, &lb) < 0)
				lb = 0;
			/* [0] is sometimes written as upper bound -1 */
			counts[nd] = ub < lb ? 0 : (uint64_t)(ub - lb) + 1;
		} else {
			flex[nd] = 1;  /* no bound, or a run-time bound (VLA) */
		}
		nd++;
	}
	if (r < 0)
		goto corrupt;
	if (nd == 0) {
		flex[0] = 1;
		counts[0] = 0;
		nd = 1;
	}
	uint32_t t = elem;
	for (int i = nd - 1; i >= 0 && t != ACMETA_NONE; i--)
		t = array_of(g, t, counts[i], flex[i]);
	return t;
corrupt:
	gen_fail(g, "corrupt DWARF: bad array at DIE 0x%llx", (unsigned long long)dwarf_dieoffset(die));
	return ACMETA_NONE;
}

/* Follow typedefs and qualifiers; *out is the first other DIE.  Returns 1,
 * 0 for void, -1 on a broken or cyclic chain. */
static int strip(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Die cur = *die;
	for (int i = 0; i < GEN_TYPE_DEPTH_MAX; i++) {
		follow_signature(&cur);
		if (!is_stripped_tag(dwarf_tag(&cur))) {
			*out = cur;
			return 1;
		}
		Dwarf_Die next;
		int tr = type_ref(&cur, &next);
		if (tr <= 0)
			return tr;
		cur = next;
	}
	return -1;
}

static uint32_t pointer_size(Dwarf_Die *die)
{
	Dwarf_Word sz;
	if (get_udata(die, DW_AT_byte_size, &sz) > 0)
		return (uint32_t)sz;
	Dwarf_Die cu;
	uint8_t asz = 0;
	if (dwarf_diecu(die, &cu, &asz, NULL) && asz)
		return asz;
	return sizeof(void *);
}

static uint32_t do_pointer(struct gen *g, Dwarf_Die *die, int depth)
{
	Dwarf_Die td, pd;
	struct acmeta_type t = { 0 };
	t.kind = UNIQTYPE_POINTER;
	t.size = pointer_size(die);
	int tr = type_ref(die, &td);
	if (tr < 0)
		goto corrupt;
	int sr = tr ? strip(&td, &pd) : 0;
	if (sr < 0)
		goto corrupt;
	unsigned tk = sr ? tag_kind_of(dwarf_tag(&pd)) : 0;
	const char *tag = tk ? gen_die_name(&pd) : NULL;
	if (tk && tag && *tag) {
		t.identity = ac_typeid_pointer_to_tagged(tk, tag);
		uint32_t found = mb_type_find(&g->mb, t.identity);
		if (found != ACMETA_NONE)
			return found;
		t.aux = ACMETA_NONE;  /* decided by gt_resolve_pointers */
		uint32_t i = intern(g, &t);
		if (i == ACMETA_NONE)
			return i;
		struct gen_pending_ptr *p = mb_vec_push(&g->mb, &g->pending);
		if (!p) {
			gen_fail(g, "out of memory");
			return ACMETA_NONE;
		}
		p->ptr = i;
		p->tag = mb_str(&g->mb, tag);
		p->tag_kind = (uint16_t)tk;
		p->pointee_key = gen_die_key(&pd);
		return i;
	}
	uint32_t pointee = sr ? gt_type(g, &pd, depth + 1) : g->void_type;
	if (pointee == ACMETA_NONE)
		return ACMETA_NONE;
	t.identity = ac_typeid_pointer(T(g, pointee)->identity);
	t.aux = pointee;
	return intern(g, &t);
corrupt:
	gen_fail(g, "corrupt DWARF: bad pointer type at DIE 0x%llx",
		 (unsigned long long)dwarf_dieoffset(die));
	return ACMETA_NONE;
}

static uint32_t do_function(struct gen *g, Dwarf_Die *die, int depth)
{
	Dwarf_Die td, child;
	int tr = type_ref(die, &td);
	if (tr < 0)
		goto corrupt;
	uint32_t ret = tr ? gt_type(g, &td, depth + 1) : g->void_type;
	if (ret == ACMETA_NONE)
		return ACMETA_NONE;
	int prototyped = flag_set(die, DW_AT_prototyped);
	int variadic = 0;
	uint32_t *ps = NULL;
	size_t n = 0, cap = 0;
	if (prototyped) {
		int r = dwarf_child(die, &child);
		if (r < 0)
			goto corrupt;
		for (; r == 0; r = dwarf_siblingof(&child, &child)) {
			int tag = dwarf_tag(&child);
			if (tag == DW_TAG_unspecified_parameters) {
				variadic = 1;
				continue;
			}
			if (tag != DW_TAG_formal_parameter)
				continue;
			Dwarf_Die pt;
			int ptr = type_ref(&child, &pt);
			if (ptr < 0)
				goto corrupt_free;
			uint32_t p = ptr ? gt_type(g, &pt, depth + 1) : g->void_type;
			if (p == ACMETA_NONE) {
				free(ps);
				return ACMETA_NONE;
			}
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 8;
				uint32_t *np = realloc(ps, ncap * sizeof *ps);
				if (!np) {
					free(ps);
					gen_fail(g, "out of memory");
					return ACMETA_NONE;
				}
				ps = np;
				cap = ncap;
			}
			ps[n++] = p;
		}
		if (r < 0)
			goto corrupt_free;
	}
	struct ac_typeid_builder ib;
	ac_typeid_begin_function(&ib, T(g, ret)->identity, variadic, !prototyped);
	for (size_t i = 0; i < n; i++)
		ac_typeid_param(&ib, T(g, ps[i])->identity);
	struct acmeta_type t = { 0 };
	t.identity = ac_typeid_end(&ib);
	uint32_t found = mb_type_find(&g->mb, t.identity);
	if (found != ACMETA_NONE) {
		free(ps);
		return found;
	}
	t.kind = UNIQTYPE_FUNCTION;
	t.size = 0;
	t.aux = ret;
	t.n = (uint32_t)n;
	t.first = (uint32_t)g->mb.params.count;
	t.flags = (variadic ? UNIQTYPE_F_VARIADIC : 0) | (prototyped ? 0 : UNIQTYPE_F_UNPROTOTYPED);
	for (size_t i = 0; i < n; i++) {
		uint32_t *e = mb_vec_push(&g->mb, &g->mb.params);
		if (!e) {
			free(ps);
			gen_fail(g, "out of memory");
			return ACMETA_NONE;
		}
		*e = ps[i];
	}
	free(ps);
	return intern(g, &t);
corrupt_free:
	free(ps);
corrupt:
	gen_fail(g, "corrupt DWARF: bad function type at DIE 0x%llx",
		 (unsigned long long)dwarf_dieoffset(die));
	return ACMETA_NONE;
}

uint32_t gt_type(struct gen *g, Dwarf_Die *die_in, int depth)
{
	if (g->failed)
		return ACMETA_NONE;
	Dwarf_Die real = *die_in, *die = &real;
	follow_signature(die);
	uint64_t key = gen_die_key(die);
	uint32_t idx;
	if (mb_map_get(&g->die_types, key, &idx)) {
		if (idx == GEN_IN_PROGRESS) {
			gen_fail(g, "corrupt DWARF: cyclic type at DIE 0x%llx",
				 (unsigned long long)dwarf_dieoffset(die));
			return ACMETA_NONE;
		}
		return idx;
	}
	if (depth > GEN_TYPE_DEPTH_MAX) {
		gen_fail(g, "corrupt DWARF: types nested too deeply");
		return ACMETA_NONE;
	}
	if (mb_map_put(&g->mb, &g->die_types, key, GEN_IN_PROGRESS) < 0) {
		gen_fail(g, "out of memory");
		return ACMETA_NONE;
	}
	int tag = dwarf_tag(die);
	switch (tag) {
	case DW_TAG_base_type:
		idx = do_base(g, die);
		break;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		idx = do_aggregate(g, die, tag, depth);
		break;
	case DW_TAG_enumeration_type:
		idx = do_enum(g, die, depth);
		break;
	case DW_TAG_array_type:
		idx = do_array(g, die, depth);
		break;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		idx = do_pointer(g, die, depth);
		break;
	case DW_TAG_subroutine_type:
		idx = do_function(g, die, depth);
		break;
	case DW_TAG_typedef:
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type: {
		Dwarf_Die td;
		int tr = type_ref(die, &td);
		if (tr < 0) {
			gen_fail(g, "corrupt DWARF: bad type reference at DIE 0x%llx",
				 (unsigned long long)dwarf_dieoffset(die));
			idx = ACMETA_NONE;
		} else {
			idx = tr ? gt_type(g, &td, depth + 1) : g->void_type;
		}
		break;
	}
	default:
		idx = g->void_type;
		break;
	}
	if (idx == ACMETA_NONE)
		return idx;
	mb_map_put(&g->mb, &g->die_types, key, idx);
	if (g->mb.oom) {
		gen_fail(g, "out of memory");
		return ACMETA_NONE;
	}
	/* Remember complete tagged types for pointers that only see a
	 * declaration (first one in DIE order wins). */
	const struct acmeta_type *t = T(g, idx);
	if ((t->kind == UNIQTYPE_STRUCT || t->kind == UNIQTYPE_UNION || t->kind == UNIQTYPE_ENUM) &&
	    !(t->flags & UNIQTYPE_F_ANONYMOUS) && tag_kind_of(tag)) {
		const char *tn = gen_die_name(die);
		if (tn && *tn) {
			uint64_t k = gen_tag_key(mb_str(&g->mb, tn), t->kind);
			uint32_t prev;
			if (!mb_map_get(&g->complete_by_tag, k, &prev))
				mb_map_put(&g->mb, &g->complete_by_tag, k, idx);
		}
	}
	return idx;
}

uint32_t gt_type_of(struct gen *g, Dwarf_Die *die)
{
	Dwarf_Die td;
	int tr = type_ref(die, &td);
	if (tr < 0) {
		gen_fail(g, "corrupt DWARF: bad type reference at DIE 0x%llx",
			 (unsigned long long)dwarf_dieoffset(die));
		return ACMETA_NONE;
	}
	return tr ? gt_type(g, &td, 0) : g->void_type;
}

int gt_resolve_pointers(struct gen *g)
{
	for (size_t i = 0; i < g->pending.count && !g->failed; i++) {
		const struct gen_pending_ptr *p = mb_vec_at(&g->pending, i);
		uint32_t target = ACMETA_NONE, v;
		if (mb_map_get(&g->die_types, p->pointee_key, &v) && v < g->mb.types.count &&
		    T(g, v)->kind == p->tag_kind)
			target = v;
		if (target == ACMETA_NONE &&
		    mb_map_get(&g->complete_by_tag, gen_tag_key(p->tag, p->tag_kind), &v))
			target = v;
		if (target == ACMETA_NONE) {
			/* copy: opaque_type() may move the string table */
			char *tag = strdup(mb_strat(&g->mb, p->tag));
			if (!tag)
				return gen_fail(g, "out of memory");
			target = opaque_type(g, p->tag_kind, tag);
			free(tag);
		}
		if (target == ACMETA_NONE)
			return -1;
		T(g, p->ptr)->aux = target;
	}
	return g->failed ? -1 : 0;
}
