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
 * keeps char arenas reusable as storage for anything.  Besides the malloc
 * family and alloc-fns=, a program's own allocation wrappers count; which
 * functions those are is inferred in infer-alloc-wrappers.cc.
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

const char *allocs_callee_name(tree call)
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
bool allocs_is_allocation_call(tree call, unsigned *flags)
{
	const char *name = allocs_callee_name(call);
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
	if (allocs_is_inferred_wrapper(get_callee_fndecl(call))) {
		*flags = ALLOCS_NOTE_INFERRED;
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

/* Does size expression e visibly ask for a whole number of objects of
 * `bytes` bytes (a constant multiple, or a product with one)?  1: yes;
 * 0: visibly not (a constant that is no multiple, a product counted in
 * other units, a sum: a header and more); -1: cannot tell (a variable). */
static int whole_objects(tree e, unsigned HOST_WIDE_INT bytes)
{
	STRIP_NOPS(e);
	if (TREE_CODE(e) == INTEGER_CST)
		return tree_fits_uhwi_p(e) && tree_to_uhwi(e) % bytes == 0 ? 1 : 0;
	if (TREE_CODE(e) == MULT_EXPR) {
		tree a = TREE_OPERAND(e, 0), b = TREE_OPERAND(e, 1);
		STRIP_NOPS(a);
		STRIP_NOPS(b);
		if (whole_objects(a, bytes) == 1 || whole_objects(b, bytes) == 1)
			return 1;
		/* counted in units that are not Ts: fold makes `n * 8 + n * 8 +
		 * 32` into `(n + 2) * 16` */
		return TREE_CODE(a) == INTEGER_CST || TREE_CODE(b) == INTEGER_CST ? 0 : -1;
	}
	if (TREE_CODE(e) == PLUS_EXPR)
		return 0;
	return -1;
}

/* An allocation of the malloc family converted to T * whose size visibly
 * is not a whole number of Ts holds something else after them:
 * `calloc(1024, sizeof(node) + sizeof(node *))` (a table and its hash
 * array, in SQLite's lemon), `malloc(sizeof(struct rule) + n * sizeof(char
 * *))` (a header and its arrays).  Typed softly (ALLOCS_NOTE_CARVED), as
 * lazy typing does for chunks bigger than their type: the first cast to
 * another type inside it makes it untyped storage instead of a report. */
static bool carved_allocation(tree call, tree type)
{
	const char *name = allocs_callee_name(call);
	if (!name || !COMPLETE_TYPE_P(type) || !tree_fits_uhwi_p(TYPE_SIZE_UNIT(type)))
		return false;
	unsigned HOST_WIDE_INT bytes = tree_to_uhwi(TYPE_SIZE_UNIT(type));
	if (bytes == 0)
		return false;
	if (strncmp(name, "__builtin_", 10) == 0)
		name += 10;
	int n = call_expr_nargs(call);
	if (strcmp(name, "calloc") == 0 && n == 2) {
		/* calloc(nmemb, size): the element size says what the elements
		 * are (`calloc(128, sizeof(x2node) + sizeof(x2node *))` is 128
		 * elements of 40 bytes, even though 5120 bytes would hold 160
		 * x2nodes); a size of 1 makes nmemb the byte count */
		tree es = CALL_EXPR_ARG(call, 1);
		STRIP_NOPS(es);
		if (TREE_CODE(es) == INTEGER_CST)
			return integer_onep(es) ? whole_objects(CALL_EXPR_ARG(call, 0), bytes) == 0
						: whole_objects(es, bytes) == 0;
		/* a variable element size (or the arguments swapped) */
		return whole_objects(CALL_EXPR_ARG(call, 0), bytes) == 0 &&
		       whole_objects(es, bytes) == 0;
	}
	int size_arg = -1;
	if ((strcmp(name, "malloc") == 0 || strcmp(name, "valloc") == 0 ||
	     strcmp(name, "pvalloc") == 0) && n == 1)
		size_arg = 0;
	else if ((strcmp(name, "realloc") == 0 || strcmp(name, "aligned_alloc") == 0 ||
		  strcmp(name, "memalign") == 0) && n == 2)
		size_arg = 1;
	if (size_arg < 0)
		return false;
	tree e = CALL_EXPR_ARG(call, size_arg);
	STRIP_NOPS(e);
	/* smaller than one T: a size question, for bounds checks */
	if (TREE_CODE(e) == INTEGER_CST && tree_fits_uhwi_p(e) && tree_to_uhwi(e) < bytes)
		return false;
	return whole_objects(e, bytes) == 0;
}

tree allocs_wrap_allocation(tree conv, location_t loc)
{
	tree call = TREE_OPERAND(conv, 0);
	unsigned flags;
	if (!allocs_is_allocation_call(call, &flags) ||
	    !POINTER_TYPE_P(TREE_TYPE(call)))
		return NULL_TREE;
	tree type = noted_type(TREE_TYPE(conv));
	if (!type)
		return NULL_TREE;
	if (!(flags & (ALLOCS_NOTE_USER_FN | ALLOCS_NOTE_INFERRED)) && carved_allocation(call, type))
		flags |= ALLOCS_NOTE_CARVED;
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
	const char *name = allocs_callee_name(call);
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
