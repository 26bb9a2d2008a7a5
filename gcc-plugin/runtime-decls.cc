/*
 * runtime-decls.cc -- declarations of the checker entry points the
 * instrumented code calls (include/allocs-check.h is the contract: keep the
 * two in step).  Built lazily, once per compilation, kept alive for GC.
 */
#include "plugin.h"

static tree typedesc_type, srcloc_type;
static tree check_cast_fn, note_alloc_fn, note_alloc_out_fn;

/* Fields are chained in reverse; finish_builtin_struct reverses them back
 * into declaration order. */
static tree add_field(tree record, tree *chain, const char *name, tree type)
{
	tree f = build_decl(BUILTINS_LOCATION, FIELD_DECL, get_identifier(name), type);
	DECL_CONTEXT(f) = record;
	DECL_CHAIN(f) = *chain;
	*chain = f;
	return f;
}

static tree const_char_ptr(void)
{
	return build_pointer_type(build_qualified_type(char_type_node, TYPE_QUAL_CONST));
}

static tree uint_type(unsigned bits)
{
	return lang_hooks.types.type_for_size(bits, 1);
}

/* struct allocs_typedesc { uint64_t identity; const char *name;
 *   uint64_t size; uint16_t kind, flags; uint32_t degree; void *cache; } */
static tree get_typedesc_type(void)
{
	if (typedesc_type)
		return typedesc_type;
	tree rec = make_node(RECORD_TYPE), fields = NULL_TREE;
	add_field(rec, &fields, "identity", uint_type(64));
	add_field(rec, &fields, "name", const_char_ptr());
	add_field(rec, &fields, "size", uint_type(64));
	add_field(rec, &fields, "kind", uint_type(16));
	add_field(rec, &fields, "flags", uint_type(16));
	add_field(rec, &fields, "degree", uint_type(32));
	add_field(rec, &fields, "cache", ptr_type_node);
	finish_builtin_struct(rec, "allocs_typedesc", fields, NULL_TREE);
	typedesc_type = rec;
	allocs_gc_keep(rec);
	return rec;
}

/* struct allocs_srcloc { const char *file; uint32_t line, column;
 *   const char *function; } */
static tree get_srcloc_type(void)
{
	if (srcloc_type)
		return srcloc_type;
	tree rec = make_node(RECORD_TYPE), fields = NULL_TREE;
	add_field(rec, &fields, "file", const_char_ptr());
	add_field(rec, &fields, "line", uint_type(32));
	add_field(rec, &fields, "column", uint_type(32));
	add_field(rec, &fields, "function", const_char_ptr());
	finish_builtin_struct(rec, "allocs_srcloc", fields, NULL_TREE);
	srcloc_type = rec;
	allocs_gc_keep(rec);
	return rec;
}

tree allocs_typedesc_record_type(void) { return get_typedesc_type(); }
tree allocs_srcloc_record_type(void) { return get_srcloc_type(); }
tree allocs_typedesc_ptr_type(void) { return build_pointer_type(get_typedesc_type()); }
tree allocs_srcloc_ptr_type(void)
{
	return build_pointer_type(build_qualified_type(get_srcloc_type(), TYPE_QUAL_CONST));
}

tree allocs_declare_runtime_fn(const char *name, tree fntype, unsigned flags,
			       const char *fnspec)
{
	tree decl = build_fn_decl(name, fntype);
	TREE_PUBLIC(decl) = 1;
	DECL_EXTERNAL(decl) = 1;
	DECL_ARTIFICIAL(decl) = 1;
	TREE_NOTHROW(decl) = 1;
	DECL_VISIBILITY(decl) = VISIBILITY_DEFAULT;
	tree attrs = tree_cons(get_identifier("leaf"), NULL_TREE, NULL_TREE);
	attrs = tree_cons(get_identifier("nothrow"), NULL_TREE, attrs);
	if (flags & ALLOCS_RT_CONST)
		attrs = tree_cons(get_identifier("const"), NULL_TREE, attrs);
	if (flags & ALLOCS_RT_COLD)
		attrs = tree_cons(get_identifier("cold"), NULL_TREE, attrs);
	if (fnspec)
		attrs = tree_cons(get_identifier("fn spec"),
				  build_tree_list(NULL_TREE,
						  build_string(strlen(fnspec), fnspec)),
				  attrs);
	decl_attributes(&decl, attrs, 0);
	if (flags & ALLOCS_RT_CONST)
		TREE_READONLY(decl) = 1;
	(void)DECL_ASSEMBLER_NAME(decl);
	allocs_gc_keep(decl);
	return decl;
}

static tree declare(const char *name, tree fntype, const char *fnspec)
{
	return allocs_declare_runtime_fn(name, fntype, 0, fnspec);
}

tree allocs_check_cast_decl(void)
{
	if (!check_cast_fn)
		check_cast_fn = declare("__allocs_check_cast",
			build_function_type_list(ptr_type_node, const_ptr_type_node,
						 allocs_typedesc_ptr_type(),
						 allocs_srcloc_ptr_type(), NULL_TREE),
			"1 R . . ");
	return check_cast_fn;
}

tree allocs_note_alloc_decl(void)
{
	if (!note_alloc_fn)
		note_alloc_fn = declare("__allocs_note_alloc",
			build_function_type_list(ptr_type_node, ptr_type_node,
						 allocs_typedesc_ptr_type(),
						 uint_type(32), NULL_TREE),
			"1 R . . ");
	return note_alloc_fn;
}

tree allocs_note_alloc_out_decl(void)
{
	if (!note_alloc_out_fn)
		note_alloc_out_fn = declare("__allocs_note_alloc_out",
			build_function_type_list(integer_type_node, integer_type_node,
						 build_pointer_type(ptr_type_node),
						 allocs_typedesc_ptr_type(),
						 uint_type(32), NULL_TREE),
			NULL);
	return note_alloc_out_fn;
}
