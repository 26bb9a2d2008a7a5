/*
 * typedesc.cc -- the static data instrumented code hands to the checker:
 * per-type descriptors (struct allocs_typedesc, COMDAT, one per type per
 * linked object) and per-site source locations (struct allocs_srcloc,
 * private to the unit).  Layouts: include/allocs-check.h.
 */
#include "plugin.h"
#include "allocs-check.h"
#include "uniqtype.h"

#include <unordered_map>

tree allocs_typedesc_record_type(void);
tree allocs_srcloc_record_type(void);

/* Descriptors made so far in this unit, by symbol name. */
static std::map<std::string, tree> *descriptors;

static tree string_ptr(const char *s)
{
	tree str = build_string_literal(strlen(s) + 1, s);
	return fold_convert(build_pointer_type(build_qualified_type(
				char_type_node, TYPE_QUAL_CONST)), str);
}

static tree field(tree record, const char *name)
{
	for (tree f = TYPE_FIELDS(record); f; f = DECL_CHAIN(f))
		if (DECL_NAME(f) && strcmp(IDENTIFIER_POINTER(DECL_NAME(f)), name) == 0)
			return f;
	gcc_unreachable();
}

static void set(vec<constructor_elt, va_gc> **elts, tree record,
		const char *name, tree value)
{
	tree f = field(record, name);
	CONSTRUCTOR_APPEND_ELT(*elts, f, fold_convert(TREE_TYPE(f), value));
}

static uint64_t const_size(tree t)
{
	tree s = TYPE_SIZE_UNIT(t);
	return s && tree_fits_uhwi_p(s) ? tree_to_uhwi(s) : 0;
}

static bool has_flexible_tail(tree t)
{
	if (TREE_CODE(t) != RECORD_TYPE || !COMPLETE_TYPE_P(t))
		return false;
	tree last = NULL_TREE;
	for (tree f = TYPE_FIELDS(t); f; f = DECL_CHAIN(f))
		if (TREE_CODE(f) == FIELD_DECL)
			last = f;
	if (!last || TREE_CODE(TREE_TYPE(last)) != ARRAY_TYPE)
		return false;
	tree a = TREE_TYPE(last);
	tree dom = TYPE_DOMAIN(a);
	return !dom || !TYPE_MAX_VALUE(dom) || !TYPE_SIZE(a) || integer_zerop(TYPE_SIZE(a));
}

static tree make_descriptor(const std::string &sym, tree pointee, ac_typeid id,
			    unsigned flags, unsigned degree)
{
	tree rec = allocs_typedesc_record_type();
	unsigned kind = allocs_type_kind(pointee);
	if (kind == UNIQTYPE_OPAQUE)
		flags |= ALLOCS_TD_INCOMPLETE;
	if (kind == UNIQTYPE_FUNCTION)
		flags |= ALLOCS_TD_FUNCTION;
	if (has_flexible_tail(TYPE_MAIN_VARIANT(pointee)))
		flags |= ALLOCS_TD_FLEXIBLE;

	vec<constructor_elt, va_gc> *elts = NULL;
	set(&elts, rec, "identity", build_int_cst(uint64_type_node, id));
	set(&elts, rec, "name", string_ptr(allocs_type_spelling(pointee).c_str()));
	set(&elts, rec, "size", build_int_cst(uint64_type_node,
		kind == UNIQTYPE_FUNCTION ? 0 : const_size(TYPE_MAIN_VARIANT(pointee))));
	set(&elts, rec, "kind", build_int_cst(integer_type_node, kind));
	set(&elts, rec, "flags", build_int_cst(integer_type_node, flags));
	set(&elts, rec, "degree", build_int_cst(integer_type_node, degree));
	set(&elts, rec, "cache", null_pointer_node);

	tree decl = build_decl(BUILTINS_LOCATION, VAR_DECL,
			       get_identifier(sym.c_str()), rec);
	TREE_STATIC(decl) = 1;
	TREE_PUBLIC(decl) = 1;
	DECL_EXTERNAL(decl) = 0;
	DECL_ARTIFICIAL(decl) = 1;
	DECL_IGNORED_P(decl) = 1;
	TREE_USED(decl) = 1;
	TREE_ADDRESSABLE(decl) = 1;
	DECL_VISIBILITY(decl) = VISIBILITY_HIDDEN;
	DECL_VISIBILITY_SPECIFIED(decl) = 1;
	DECL_INITIAL(decl) = build_constructor(rec, elts);
	/* Pointer alignment is all the layout needs; without USER_ALIGN GCC
	 * would raise a 40-byte object to 32 bytes. */
	SET_DECL_ALIGN(decl, TYPE_ALIGN(ptr_type_node));
	DECL_USER_ALIGN(decl) = 1;
	make_decl_one_only(decl, DECL_ASSEMBLER_NAME(decl));
	/* One section per descriptor: GCC reuses a named section for every
	 * decl that names it, which would put all descriptors of the unit in
	 * the COMDAT group of the first one, and the linker would then keep
	 * or drop them together. */
	set_decl_section_name(decl, (std::string(ALLOCS_TYPEDESC_SECTION) + "." +
				     sym).c_str());
	rest_of_decl_compilation(decl, 1, 0);
	allocs_gc_keep(decl);
	return decl;
}

tree allocs_typedesc_addr(tree pointee, unsigned extra_flags, unsigned degree)
{
	ac_typeid id = allocs_type_identity(pointee);
	char hex[17];
	ac_typeid_format(id, hex);
	std::string sym = std::string(ALLOCS_TYPEDESC_PREFIX) + hex;
	if (extra_flags & ALLOCS_TD_GENERIC)
		sym += "_g" + std::to_string(degree);
	if (extra_flags & ALLOCS_TD_FROM_BYTES)
		sym += "_b";
	if (!descriptors)
		descriptors = new std::map<std::string, tree>;
	tree &decl = (*descriptors)[sym];
	if (!decl)
		decl = make_descriptor(sym, pointee, id, extra_flags, degree);
	return build_fold_addr_expr_with_type(decl, allocs_typedesc_ptr_type());
}

static unsigned srcloc_counter;

tree allocs_srcloc_addr(location_t loc, tree fndecl)
{
	tree rec = allocs_srcloc_record_type();
	expanded_location x = expand_location(loc);
	const char *fn = fndecl && DECL_NAME(fndecl)
		? IDENTIFIER_POINTER(DECL_NAME(fndecl)) : "";

	vec<constructor_elt, va_gc> *elts = NULL;
	set(&elts, rec, "file", string_ptr(x.file ? x.file : "<unknown>"));
	set(&elts, rec, "line", build_int_cst(integer_type_node, x.line));
	set(&elts, rec, "column", build_int_cst(integer_type_node, x.column));
	set(&elts, rec, "function", string_ptr(fn));

	char name[64];
	snprintf(name, sizeof name, "__allocs_loc.%u", srcloc_counter++);
	tree type = build_qualified_type(rec, TYPE_QUAL_CONST);
	tree decl = build_decl(BUILTINS_LOCATION, VAR_DECL, get_identifier(name), type);
	TREE_STATIC(decl) = 1;
	TREE_PUBLIC(decl) = 0;
	DECL_ARTIFICIAL(decl) = 1;
	DECL_IGNORED_P(decl) = 1;
	TREE_READONLY(decl) = 1;
	TREE_USED(decl) = 1;
	TREE_ADDRESSABLE(decl) = 1;
	DECL_INITIAL(decl) = build_constructor(type, elts);
	TREE_CONSTANT(DECL_INITIAL(decl)) = 1;
	TREE_STATIC(DECL_INITIAL(decl)) = 1;
	rest_of_decl_compilation(decl, 1, 0);
	return build_fold_addr_expr_with_type(decl, allocs_srcloc_ptr_type());
}
