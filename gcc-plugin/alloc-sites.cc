/*
 * alloc-sites.cc -- allocation typing.
 *
 * C's allocators are untyped; the type of a heap object is the type its
 * allocation is converted to.  At PRE_GENERICIZE that is a NOP_EXPR to
 * `T *` directly around the CALL_EXPR (explicit cast or implicit
 * conversion from void *), so we rewrite
 *     (T *) malloc (n)   into   (T *) __allocs_note_alloc (malloc (n), &td_T, flags)
 * and the runtime types the new chunk as T (or T[n]) right after it is
 * made.  Why a call rather than a site table keyed by return address:
 * include/allocs-check.h.  The call needs no location record: its cost
 * must stay small next to the allocation itself.
 *
 * Allocation functions are matched by name, not by BUILT_IN_* codes,
 * because -fno-builtin (and -ffreestanding) hide the built-in codes.
 * Results converted to void * or to character pointers are not noted:
 * such memory is typed by the first checked cast (lazy typing), which
 * keeps char arenas reusable as storage for anything.
 */
#include "plugin.h"
#include "allocs-check.h"

struct alloc_fn {
	const char *name;
	unsigned flags;      /* ALLOCS_NOTE_* */
};

static const struct alloc_fn libc_alloc_fns[] = {
	{ "malloc", 0 },
	{ "calloc", ALLOCS_NOTE_ZEROED },
	{ "realloc", ALLOCS_NOTE_REALLOC },
	{ "reallocarray", ALLOCS_NOTE_REALLOC },
	{ "aligned_alloc", 0 },
	{ "memalign", 0 },
	{ "valloc", 0 },
	{ "pvalloc", 0 },
};

static const char *callee_name(tree call)
{
	if (TREE_CODE(call) != CALL_EXPR)
		return NULL;
	tree fn = get_callee_fndecl(call);
	if (!fn || !DECL_NAME(fn))
		return NULL;
	return IDENTIFIER_POINTER(DECL_NAME(fn));
}

/* Is `call` a call to an allocation function returning the object?
 * Sets *flags. */
static bool is_allocation_call(tree call, unsigned *flags)
{
	const char *name = callee_name(call);
	if (!name)
		return false;
	/* __builtin_malloc (n) is malloc (n). */
	if (strncmp(name, "__builtin_", 10) == 0)
		name += 10;
	for (size_t i = 0; i < ARRAY_SIZE(libc_alloc_fns); i++)
		if (strcmp(name, libc_alloc_fns[i].name) == 0) {
			*flags = libc_alloc_fns[i].flags;
			return true;
		}
	unsigned i;
	const char *user;
	FOR_EACH_VEC_ELT(allocs_opts.alloc_fns, i, user)
		if (strcmp(name, user) == 0) {
			*flags = ALLOCS_NOTE_USER_FN;
			return true;
		}
	return false;
}

/* The type an allocation converted to `T *` is noted as: T, unless T says
 * nothing (void, character types). */
static tree noted_type(tree ptr_type)
{
	if (!POINTER_TYPE_P(ptr_type))
		return NULL_TREE;
	tree t = TYPE_MAIN_VARIANT(TREE_TYPE(ptr_type));
	if (TREE_CODE(t) == VOID_TYPE || TREE_CODE(t) == FUNCTION_TYPE)
		return NULL_TREE;
	if (TREE_CODE(t) == INTEGER_TYPE && TYPE_STRING_FLAG(t) &&
	    TYPE_PRECISION(t) == CHAR_TYPE_SIZE)
		return NULL_TREE;
	return t;
}

tree allocs_wrap_allocation(tree conv, location_t loc)
{
	tree call = TREE_OPERAND(conv, 0);
	unsigned flags;
	if (!is_allocation_call(call, &flags) ||
	    !POINTER_TYPE_P(TREE_TYPE(call)))
		return NULL_TREE;
	tree type = noted_type(TREE_TYPE(conv));
	if (!type)
		return NULL_TREE;
	tree fn = allocs_note_alloc_decl();
	return build_call_expr_loc(loc, fn, 3,
		fold_convert_loc(loc, ptr_type_node, call),
		allocs_typedesc_addr(type, 0, 0),
		build_int_cst(unsigned_type_node, flags));
}

/* posix_memalign (&p, align, size): the object comes back through the
 * out-parameter, whose type (before its conversion to void **) names the
 * allocated type. */
tree allocs_wrap_out_param_allocation(tree call, location_t loc)
{
	const char *name = callee_name(call);
	if (!name || strcmp(name, "posix_memalign") != 0 ||
	    call_expr_nargs(call) != 3)
		return NULL_TREE;
	tree pp = CALL_EXPR_ARG(call, 0);
	tree orig = pp;
	STRIP_NOPS(orig);
	/* STRIP_NOPS keeps conversions that change the mode only; pointer
	 * conversions are all the same mode, so orig is the source. */
	if (!POINTER_TYPE_P(TREE_TYPE(orig)))
		return NULL_TREE;
	tree type = noted_type(TREE_TYPE(TYPE_MAIN_VARIANT(TREE_TYPE(orig))));
	if (!type)
		return NULL_TREE;
	tree saved = save_expr(pp);
	CALL_EXPR_ARG(call, 0) = saved;
	TREE_SIDE_EFFECTS(call) = 1;
	return build_call_expr_loc(loc, allocs_note_alloc_out_decl(), 4,
		fold_convert_loc(loc, integer_type_node, call),
		fold_convert_loc(loc, build_pointer_type(ptr_type_node), saved),
		allocs_typedesc_addr(type, 0, 0),
		build_int_cst(unsigned_type_node, 0));
}
