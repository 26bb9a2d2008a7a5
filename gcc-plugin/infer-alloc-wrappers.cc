/*
 * infer-alloc-wrappers.cc -- which functions of the translation unit are
 * allocation wrappers, so that alloc-sites.cc types what they return.
 *
 * Programs allocate through functions of
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
#include "plugin.h"

struct wrapper_scan {
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
		const char *name = allocs_callee_name(e);
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

static enum source value_source(struct wrapper_scan *ws, tree e, tree var)
{
	e = strip_instrumentation(e);
	if (!e)
		return SRC_BAD;
	if (integer_zerop(e))
		return SRC_NULL;
	unsigned flags;
	if (TREE_CODE(e) == CALL_EXPR) {
		if (allocs_is_allocation_call(e, &flags))
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

static bool scan_is_wrapper(tree fn)
{
	tree body = DECL_SAVED_TREE(fn);
	if (!body || !POINTER_TYPE_P(TREE_TYPE(TREE_TYPE(fn))))
		return false;
	struct wrapper_scan ws;
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
				switch (value_source(&ws, ws.rhs[i], v)) {
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
		switch (value_source(&ws, v, NULL_TREE)) {
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

bool allocs_is_inferred_wrapper(tree fn)
{
	if (!fn || TREE_CODE(fn) != FUNCTION_DECL || !DECL_SAVED_TREE(fn) ||
	    DECL_STRUCT_FUNCTION(fn) == NULL)
		return false;
	if (!wrapper_verdicts)
		wrapper_verdicts = new hash_map<tree, bool>;
	if (bool *v = wrapper_verdicts->get(fn))
		return *v;
	/* in progress: a call back into fn (recursion) is not (yet) a wrapper,
	 * which also bounds the scan: each function is scanned once */
	wrapper_verdicts->put(fn, false);
	bool v = scan_is_wrapper(fn);
	wrapper_verdicts->put(fn, v);
	return v;
}

