/*
 * type-spelling.cc -- the C spelling of a type, for descriptors, reports
 * and the identity dump: "struct node *", "unsigned long", "int[4]",
 * "int (*)(char *, ...)".  Typedefs and qualifiers are stripped, as in the
 * identity; base types use the canonical names (ac_canonical_base_name).
 * Spellings are for people: identities, not spellings, decide equality.
 */
#include "plugin.h"

static const char *base_name(tree t)
{
	tree name = TYPE_NAME(t);
	if (name && TREE_CODE(name) == TYPE_DECL)
		name = DECL_NAME(name);
	if (name && TREE_CODE(name) == IDENTIFIER_NODE)
		return ac_canonical_base_name(IDENTIFIER_POINTER(name));
	return "__unknown__";
}

static std::string tagged_name(tree t)
{
	const char *kw = TREE_CODE(t) == RECORD_TYPE ? "struct"
		: TREE_CODE(t) == ENUMERAL_TYPE ? "enum" : "union";
	const char *tag = allocs_type_tag(t);
	return std::string(kw) + " " + (*tag ? tag : "<anonymous>");
}

/* Spell `t` around the declarator text `decl` (what is being declared,
 * e.g. "*" for a pointer to t). */
static std::string spell(tree t, const std::string &decl)
{
	t = TYPE_MAIN_VARIANT(t);
	switch (TREE_CODE(t)) {
	case POINTER_TYPE:
	case REFERENCE_TYPE: {
		tree pointee = TYPE_MAIN_VARIANT(TREE_TYPE(t));
		bool wrap = TREE_CODE(pointee) == ARRAY_TYPE ||
			    TREE_CODE(pointee) == FUNCTION_TYPE;
		return spell(pointee, wrap ? "(*" + decl + ")" : "*" + decl);
	}
	case ARRAY_TYPE: {
		tree dom = TYPE_DOMAIN(t);
		tree max = dom ? TYPE_MAX_VALUE(dom) : NULL_TREE;
		std::string n;
		if (max && tree_fits_shwi_p(max))
			n = std::to_string(tree_to_shwi(max) + 1);
		else if (TYPE_SIZE(t) && integer_zerop(TYPE_SIZE(t)))
			n = "0";
		return spell(TREE_TYPE(t), decl + "[" + n + "]");
	}
	case FUNCTION_TYPE: {
		std::string params;
		if (!prototype_p(t)) {
			params = "";
		} else {
			tree a = TYPE_ARG_TYPES(t);
			for (; a && a != void_list_node; a = TREE_CHAIN(a)) {
				if (!params.empty())
					params += ", ";
				params += spell(TREE_VALUE(a), "");
			}
			if (!a)
				params += params.empty() ? "..." : ", ...";
			else if (params.empty())
				params = "void";
		}
		return spell(TREE_TYPE(t), decl + "(" + params + ")");
	}
	default:
		break;
	}
	std::string head;
	switch (TREE_CODE(t)) {
	case VOID_TYPE: head = "void"; break;
	case RECORD_TYPE: case UNION_TYPE: case QUAL_UNION_TYPE: case ENUMERAL_TYPE:
		head = tagged_name(t); break;
	case VECTOR_TYPE:
		head = spell(TREE_TYPE(t), "") + " __attribute__((vector_size(" +
		       std::to_string(TYPE_SIZE_UNIT(t) && tree_fits_uhwi_p(TYPE_SIZE_UNIT(t))
				      ? tree_to_uhwi(TYPE_SIZE_UNIT(t)) : 0) + ")))";
		break;
	default: head = base_name(t); break;
	}
	if (decl.empty())
		return head;
	/* "int[4]", "int *", "int (*)(void)": a space before a declarator
	 * that starts with a pointer or a parenthesis, none before "[". */
	return decl[0] == '[' ? head + decl : head + " " + decl;
}

std::string allocs_type_spelling(tree type)
{
	return spell(type, "");
}
