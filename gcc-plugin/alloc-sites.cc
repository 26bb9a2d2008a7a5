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

static bool is_allocation_call(tree call, unsigned *flags, unsigned depth = 0);

/*
 * Allocation wrappers, inferred.  Programs allocate through functions of
 * their own: xmalloc, pool and free-list allocators (dtoa's Balloc pops a
 * recycled Bigint off a free list, or mallocs a new one).  What such a
 * function returns is new storage, whatever the chunk held before (the
 * previous object's lifetime ended when it was put on the free list; C11
 * 6.5p6: allocated storage takes the type of what is stored in it), so the
 * conversion of its result types the chunk afresh instead of being checked
 * against the chunk's old type.
 *
 * A function defined earlier in the translation unit is a wrapper when it
 * returns a pointer and every value it returns is
 *   - the result of an allocation call (malloc & co., alloc-fns=, or
 *     another inferred wrapper), or a null pointer, or
 *   - a local variable whose every assignment is such a call, a null, or a
 *     free-list pop: `v = E` where the function also stores `E = v->m`
 *     (E is the list head, m the link).  When the function pops a free
 *     list, a call of any function returning a pointer counts as its
 *     refill (Balloc's MALLOC is jq's jv_mem_alloc, in another file): the
 *     pop is evidence enough that the function hands out storage.
 * The plugin's own wrappers around calls and conversions are looked
 * through (the earlier function is already instrumented).
 */
struct wrapper_scan {
	tree fn;
	auto_vec<tree> returns;          /* returned values */
	auto_vec<tree> lhs, rhs;         /* assignments and initialisations */
};

static tree scan_wrapper_r(tree *tp, int *walk_subtrees, void *data)
{
	struct wrapper_scan *ws = (struct wrapper_scan *)data;
	tree t = *tp;
	switch (TREE_CODE(t)) {
	case RETURN_EXPR: {
		tree v = TREE_OPERAND(t, 0);
		if (v && (TREE_CODE(v) == MODIFY_EXPR || TREE_CODE(v) == INIT_EXPR))
			v = TREE_OPERAND(v, 1);
		ws->returns.safe_push(v);
		break;
	}
	case MODIFY_EXPR:
	case INIT_EXPR:
		ws->lhs.safe_push(TREE_OPERAND(t, 0));
		ws->rhs.safe_push(TREE_OPERAND(t, 1));
		break;
	case DECL_EXPR: {
		tree d = DECL_EXPR_DECL(t);
		if (TREE_CODE(d) == VAR_DECL && DECL_INITIAL(d)) {
			ws->lhs.safe_push(d);
			ws->rhs.safe_push(DECL_INITIAL(d));
		}
		break;
	}
	default:
		if (TYPE_P(t))
			*walk_subtrees = 0;
		break;
	}
	return NULL_TREE;
}

/* e without conversions and without the plugin's calls around it
 * (__allocs_check_cast (x, ...), __allocs_note_alloc (x, ...)). */
static tree strip_instrumentation(tree e)
{
	for (unsigned i = 0; e && i < 16; i++) {
		STRIP_NOPS(e);
		if (CONVERT_EXPR_P(e) || TREE_CODE(e) == NON_LVALUE_EXPR) {
			e = TREE_OPERAND(e, 0);
			continue;
		}
		if (TREE_CODE(e) == SAVE_EXPR) {
			e = TREE_OPERAND(e, 0);
			continue;
		}
		const char *name = callee_name(e);
		if (name && call_expr_nargs(e) >= 1 &&
		    (strcmp(name, "__allocs_check_cast") == 0 ||
		     strcmp(name, "__allocs_note_alloc") == 0)) {
			e = CALL_EXPR_ARG(e, 0);
			continue;
		}
		break;
	}
	return e;
}

/* Is `e` the read `v->m` (or `(*v).m`, `*v`) of local v? */
static bool reads_through(tree e, tree v)
{
	e = strip_instrumentation(e);
	while (e && (TREE_CODE(e) == COMPONENT_REF || TREE_CODE(e) == ARRAY_REF))
		e = TREE_OPERAND(e, 0);
	if (!e || (TREE_CODE(e) != INDIRECT_REF && TREE_CODE(e) != MEM_REF))
		return false;
	return strip_instrumentation(TREE_OPERAND(e, 0)) == v;
}

enum source { SRC_BAD, SRC_NULL, SRC_ALLOC, SRC_POP, SRC_CALL };

static enum source value_source(struct wrapper_scan *ws, tree e, tree var, unsigned depth)
{
	e = strip_instrumentation(e);
	if (!e)
		return SRC_BAD;
	if (integer_zerop(e))
		return SRC_NULL;
	unsigned flags;
	if (TREE_CODE(e) == CALL_EXPR) {
		if (is_allocation_call(e, &flags, depth + 1))
			return SRC_ALLOC;
		return POINTER_TYPE_P(TREE_TYPE(e)) ? SRC_CALL : SRC_BAD;
	}
	if (var && (REFERENCE_CLASS_P(e) || TREE_CODE(e) == VAR_DECL) && !TREE_SIDE_EFFECTS(e)) {
		/* a pop: the function also stores var's link into e */
		for (unsigned i = 0; i < ws->lhs.length(); i++)
			if (operand_equal_p(ws->lhs[i], e, 0) && reads_through(ws->rhs[i], var))
				return SRC_POP;
	}
	return SRC_BAD;
}

static bool scan_is_wrapper(tree fn, unsigned depth)
{
	tree body = DECL_SAVED_TREE(fn);
	if (!body || depth > 4 || !POINTER_TYPE_P(TREE_TYPE(TREE_TYPE(fn))))
		return false;
	struct wrapper_scan ws;
	ws.fn = fn;
	walk_tree_without_duplicates(&body, scan_wrapper_r, &ws);
	if (ws.returns.is_empty())
		return false;
	bool fresh = false, pop = false, other_call = false;
	for (unsigned r = 0; r < ws.returns.length(); r++) {
		tree v = strip_instrumentation(ws.returns[r]);
		if (!v)
			return false;
		if (TREE_CODE(v) == VAR_DECL && DECL_CONTEXT(v) == fn && !TREE_STATIC(v) &&
		    !TREE_ADDRESSABLE(v)) {
			bool assigned = false;
			for (unsigned i = 0; i < ws.lhs.length(); i++) {
				if (ws.lhs[i] != v)
					continue;
				assigned = true;
				switch (value_source(&ws, ws.rhs[i], v, depth)) {
				case SRC_BAD: return false;
				case SRC_NULL: break;
				case SRC_ALLOC: fresh = true; break;
				case SRC_POP: pop = true; break;
				case SRC_CALL: other_call = true; break;
				}
			}
			if (!assigned)
				return false;
			continue;
		}
		switch (value_source(&ws, v, NULL_TREE, depth)) {
		case SRC_NULL: break;
		case SRC_ALLOC: fresh = true; break;
		case SRC_CALL: other_call = true; break;
		default: return false;
		}
	}
	if (other_call && !pop)
		return false;
	return fresh || pop;
}

/* Verdicts per function, computed at the first call seen. */
static hash_map<tree, bool> *wrapper_verdicts;

static bool is_inferred_wrapper(tree fn, unsigned depth)
{
	if (!fn || TREE_CODE(fn) != FUNCTION_DECL || !DECL_SAVED_TREE(fn) ||
	    DECL_STRUCT_FUNCTION(fn) == NULL)
		return false;
	if (!wrapper_verdicts)
		wrapper_verdicts = new hash_map<tree, bool>;
	if (bool *v = wrapper_verdicts->get(fn))
		return *v;
	wrapper_verdicts->put(fn, false);        /* recursion: not (yet) a wrapper */
	bool v = scan_is_wrapper(fn, depth);
	wrapper_verdicts->put(fn, v);
	return v;
}

/* Is `call` a call to an allocation function returning the object?
 * Sets *flags. */
static bool is_allocation_call(tree call, unsigned *flags, unsigned depth)
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
	if (is_inferred_wrapper(get_callee_fndecl(call), depth)) {
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
	const char *name = callee_name(call);
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
	if (!is_allocation_call(call, &flags) ||
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
