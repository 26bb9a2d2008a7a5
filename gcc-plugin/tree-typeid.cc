/*
 * tree-typeid.cc -- the canonical type identity of a GCC type tree.
 *
 * The meta-DSO generator computes the same identity from DWARF (metadata/
 * dwarf-types.c).  Both describe types to include/type-identity.h in the
 * same neutral terms; the rules below are the tree side of that contract
 * (docs/type-identity.md) and each one is chosen to mirror what GCC's own
 * DWARF writer (dwarf2out) emits for the same tree:
 *
 *   - typedefs and qualifiers are stripped (TYPE_MAIN_VARIANT) at every
 *     level;
 *   - base types are named as GCC names them (TYPE_NAME, canonicalised by
 *     ac_canonical_base_name), encoded like dwarf2out's base_type_die:
 *     char types (TYPE_STRING_FLAG) -> SIGNED_CHAR/UNSIGNED_CHAR, other
 *     integers SIGNED/UNSIGNED, _Bool BOOL, real (also decimal) FLOAT,
 *     complex real COMPLEX_FLOAT, complex integer NONE (DWARF has no
 *     standard encoding for it: GCC emits the vendor code 0x80);
 *   - arrays: count = max - min + 1 of the domain; `[0]` has a NULL domain
 *     maximum but a zero size: count 0 (DWARF: DW_AT_count 0); `[]` and
 *     VLAs (no or non-constant maximum) are flexible;
 *   - bit-fields are the members with DECL_BIT_FIELD_TYPE (not
 *     DECL_BIT_FIELD: layout clears that for `int x:32`, but dwarf2out still
 *     emits DW_AT_bit_size); their type is the declared type; unnamed
 *     bit-fields are padding and not members (dwarf2out omits them);
 *   - pointers to tagged structs/unions/enums name the pointee by tag;
 *   - functions: return, parameters from TYPE_ARG_TYPES, variadic when a
 *     prototype does not end in void_list_node, unprototyped otherwise.
 *
 * Identities are cached by TYPE_UID (unique for the compilation, never
 * reused, so a collected tree cannot alias a cached entry) unless they
 * depended on an incomplete type, which may be completed later in the TU.
 */
#include "plugin.h"
#include "uniqtype.h"

#include <unordered_map>

static std::unordered_map<unsigned, ac_typeid> *identity_cache;

const char *allocs_type_tag(tree type)
{
	tree name = TYPE_NAME(TYPE_MAIN_VARIANT(type));
	if (!name)
		return "";
	if (TREE_CODE(name) == IDENTIFIER_NODE)
		return IDENTIFIER_POINTER(name);
	/* Records built by the compiler itself (x86-64's `struct
	 * __va_list_tag`, behind va_list) are named by a TYPE_DECL; dwarf2out
	 * (type_tag) names the type after it unless it is ignored or
	 * nameless, and so do we. */
	if (TREE_CODE(name) == TYPE_DECL && !DECL_IGNORED_P(name) &&
	    DECL_NAME(name) && !DECL_NAMELESS(name))
		return IDENTIFIER_POINTER(DECL_NAME(name));
	return "";
}

static unsigned tag_kind(tree t)
{
	switch (TREE_CODE(t)) {
	case RECORD_TYPE: return UNIQTYPE_STRUCT;
	case UNION_TYPE:
	case QUAL_UNION_TYPE: return UNIQTYPE_UNION;
	case ENUMERAL_TYPE: return UNIQTYPE_ENUM;
	default: return UNIQTYPE_OPAQUE;
	}
}

static bool is_tagged(tree t)
{
	return tag_kind(t) != UNIQTYPE_OPAQUE;
}

static uint64_t size_in_bytes(tree t)
{
	tree s = TYPE_SIZE_UNIT(t);
	if (s && tree_fits_uhwi_p(s))
		return tree_to_uhwi(s);
	return 0;
}

static const char *base_type_name(tree t)
{
	tree name = TYPE_NAME(t);
	if (name && TREE_CODE(name) == TYPE_DECL)
		name = DECL_NAME(name);
	if (name && TREE_CODE(name) == IDENTIFIER_NODE)
		return IDENTIFIER_POINTER(name);
	/* dwarf2out names an unnamed base type like this. */
	return "__unknown__";
}

static unsigned base_encoding(tree t)
{
	switch (TREE_CODE(t)) {
	case BOOLEAN_TYPE:
		return UNIQTYPE_ENC_BOOL;
	case REAL_TYPE:
		return UNIQTYPE_ENC_FLOAT;
	case COMPLEX_TYPE:
		return TREE_CODE(TREE_TYPE(t)) == REAL_TYPE
			? UNIQTYPE_ENC_COMPLEX_FLOAT : UNIQTYPE_ENC_NONE;
	case INTEGER_TYPE:
		if (TYPE_STRING_FLAG(t))
			return TYPE_UNSIGNED(t) ? UNIQTYPE_ENC_UNSIGNED_CHAR
						: UNIQTYPE_ENC_SIGNED_CHAR;
		return TYPE_UNSIGNED(t) ? UNIQTYPE_ENC_UNSIGNED
					: UNIQTYPE_ENC_SIGNED;
	default:
		return UNIQTYPE_ENC_NONE;
	}
}

static ac_typeid identity_of(tree t, bool *incomplete);

static int64_t enumerator_value(tree v)
{
	if (TREE_CODE(v) == CONST_DECL)
		v = DECL_INITIAL(v);
	if (!v || TREE_CODE(v) != INTEGER_CST)
		return 0;
	/* The value as the C program means it: an unsigned 0x80000000 stays
	 * positive. */
	if (TYPE_UNSIGNED(TREE_TYPE(v)))
		return (int64_t)TREE_INT_CST_LOW(v);
	return (int64_t)tree_to_shwi(v);
}

static ac_typeid enum_identity(tree t)
{
	struct ac_typeid_builder b;
	ac_typeid_begin_enum(&b, allocs_type_tag(t), size_in_bytes(t));
	for (tree v = TYPE_VALUES(t); v; v = TREE_CHAIN(v))
		ac_typeid_enumerator(&b, IDENTIFIER_POINTER(TREE_PURPOSE(v)),
				     enumerator_value(TREE_VALUE(v)));
	return ac_typeid_end(&b);
}

static ac_typeid aggregate_identity(tree t, bool *incomplete)
{
	struct ac_typeid_builder b;
	ac_typeid_begin_aggregate(&b, tag_kind(t), allocs_type_tag(t),
				  size_in_bytes(t));
	for (tree f = TYPE_FIELDS(t); f; f = DECL_CHAIN(f)) {
		if (TREE_CODE(f) != FIELD_DECL)
			continue;
		const char *name = DECL_NAME(f) ? IDENTIFIER_POINTER(DECL_NAME(f)) : "";
		if (DECL_BIT_FIELD_TYPE(f)) {
			uint64_t bits = DECL_SIZE(f) && tree_fits_uhwi_p(DECL_SIZE(f))
				? tree_to_uhwi(DECL_SIZE(f)) : 0;
			/* Unnamed bit-fields (`int :3`, `int :0`) are padding:
			 * dwarf2out emits no member for them. */
			if (!DECL_NAME(f) || bits == 0)
				continue;
			ac_typeid_member(&b, name, 0, (uint64_t)int_bit_position(f),
					 (uint32_t)bits,
					 identity_of(DECL_BIT_FIELD_TYPE(f), incomplete));
		} else {
			ac_typeid_member(&b, name, (uint64_t)int_byte_position(f), 0, 0,
					 identity_of(TREE_TYPE(f), incomplete));
		}
	}
	return ac_typeid_end(&b);
}

/* Element count of an array type; false when it is flexible (unknown). */
static bool array_count(tree t, uint64_t *count)
{
	tree dom = TYPE_DOMAIN(t);
	tree max = dom ? TYPE_MAX_VALUE(dom) : NULL_TREE;
	tree min = dom ? TYPE_MIN_VALUE(dom) : NULL_TREE;
	if (max && TREE_CODE(max) == INTEGER_CST &&
	    (!min || TREE_CODE(min) == INTEGER_CST)) {
		offset_int n = wi::to_offset(max) + 1;
		if (min)
			n -= wi::to_offset(min);
		*count = wi::neg_p(n) ? 0 : n.to_uhwi();
		return true;
	}
	/* `T a[0]`: the C front end gives it an open domain but a zero size
	 * (and dwarf2out emits DW_AT_count 0). */
	if (TYPE_SIZE(t) && integer_zerop(TYPE_SIZE(t))) {
		*count = 0;
		return true;
	}
	return false;
}

static ac_typeid function_identity(tree t, bool *incomplete)
{
	struct ac_typeid_builder b;
	bool prototyped = prototype_p(t);
	bool variadic = false;
	tree args = TYPE_ARG_TYPES(t);
	if (prototyped) {
		tree a = args;
		while (a && a != void_list_node)
			a = TREE_CHAIN(a);
		variadic = (a == NULL_TREE);
	}
	ac_typeid_begin_function(&b, identity_of(TREE_TYPE(t), incomplete),
				 variadic, !prototyped);
	for (tree a = args; a && a != void_list_node; a = TREE_CHAIN(a))
		ac_typeid_param(&b, identity_of(TREE_VALUE(a), incomplete));
	return ac_typeid_end(&b);
}

static ac_typeid compute_identity(tree t, bool *incomplete)
{
	switch (TREE_CODE(t)) {
	case VOID_TYPE:
		return ac_typeid_void();
	case INTEGER_TYPE:
	case BOOLEAN_TYPE:
	case REAL_TYPE:
	case COMPLEX_TYPE:
	case FIXED_POINT_TYPE:
		return ac_typeid_base(base_type_name(t), base_encoding(t),
				      size_in_bytes(t));
	case ENUMERAL_TYPE:
	case RECORD_TYPE:
	case UNION_TYPE:
	case QUAL_UNION_TYPE:
		if (!COMPLETE_TYPE_P(t)) {
			*incomplete = true;
			return ac_typeid_opaque(tag_kind(t), allocs_type_tag(t));
		}
		if (TREE_CODE(t) == ENUMERAL_TYPE)
			return enum_identity(t);
		return aggregate_identity(t, incomplete);
	case ARRAY_TYPE: {
		uint64_t count = 0;
		bool known = array_count(t, &count);
		return ac_typeid_array(identity_of(TREE_TYPE(t), incomplete),
				       count, !known);
	}
	case VECTOR_TYPE:
		/* dwarf2out describes a vector as an array of its elements
		 * (flagged DW_AT_GNU_vector, which the identity ignores). */
		return ac_typeid_array(identity_of(TREE_TYPE(t), incomplete),
				       TYPE_VECTOR_SUBPARTS(t).to_constant(), 0);
	case POINTER_TYPE:
	case REFERENCE_TYPE: {
		tree pointee = TYPE_MAIN_VARIANT(TREE_TYPE(t));
		if (is_tagged(pointee) && *allocs_type_tag(pointee))
			return ac_typeid_pointer_to_tagged(tag_kind(pointee),
							   allocs_type_tag(pointee));
		return ac_typeid_pointer(identity_of(pointee, incomplete));
	}
	case FUNCTION_TYPE:
	case METHOD_TYPE:
		return function_identity(t, incomplete);
	default:
		/* Nothing C produces; keep it distinct and deterministic. */
		*incomplete = true;
		return ac_typeid_opaque(UNIQTYPE_OPAQUE,
					get_tree_code_name(TREE_CODE(t)));
	}
}

static ac_typeid identity_of(tree t, bool *incomplete)
{
	t = TYPE_MAIN_VARIANT(t);
	if (!identity_cache)
		identity_cache = new std::unordered_map<unsigned, ac_typeid>;
	auto hit = identity_cache->find(TYPE_UID(t));
	if (hit != identity_cache->end())
		return hit->second;
	bool inner_incomplete = false;
	ac_typeid id = compute_identity(t, &inner_incomplete);
	if (inner_incomplete)
		*incomplete = true;
	else
		(*identity_cache)[TYPE_UID(t)] = id;
	return id;
}

ac_typeid allocs_type_identity(tree type)
{
	bool incomplete = false;
	return identity_of(type, &incomplete);
}

unsigned allocs_type_kind(tree type)
{
	tree t = TYPE_MAIN_VARIANT(type);
	switch (TREE_CODE(t)) {
	case VOID_TYPE: return UNIQTYPE_VOID;
	case INTEGER_TYPE: case BOOLEAN_TYPE: case REAL_TYPE:
	case COMPLEX_TYPE: case FIXED_POINT_TYPE: return UNIQTYPE_BASE;
	case ENUMERAL_TYPE: case RECORD_TYPE: case UNION_TYPE: case QUAL_UNION_TYPE:
		if (!COMPLETE_TYPE_P(t))
			return UNIQTYPE_OPAQUE;
		return tag_kind(t);
	case ARRAY_TYPE: case VECTOR_TYPE: return UNIQTYPE_ARRAY;
	case POINTER_TYPE: case REFERENCE_TYPE: return UNIQTYPE_POINTER;
	case FUNCTION_TYPE: case METHOD_TYPE: return UNIQTYPE_FUNCTION;
	default: return UNIQTYPE_OPAQUE;
	}
}
