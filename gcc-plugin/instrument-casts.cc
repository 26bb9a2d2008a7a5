/*
 * instrument-casts.cc -- pointer-cast checks, inserted into GENERIC at
 * PLUGIN_PRE_GENERICIZE.
 *
 * Why GENERIC: the gimplifier drops pointer-to-pointer conversions as
 * "useless", so after gimplification the casts we must check are gone.  At
 * PRE_GENERICIZE every conversion, explicit or implicit (assignment,
 * argument passing, return, initialisation), is still a NOP_EXPR or
 * CONVERT_EXPR.  We rewrite
 *      (T *) E    into    (T *) __allocs_check_cast ((const void *) E, &td_T, &loc)
 * which evaluates E exactly once, keeps its side effects and ordering, and
 * survives optimisation because the result is used.
 *
 * The walk is our own post-order recursion (not walk_tree) because after
 * rewriting a node its ancestors' flags are stale: an ancestor that was
 * TREE_CONSTANT (`&((struct s *) &g)->f`) or had no side effects now
 * contains a call, and the gimplifier trusts those flags.  Shared nodes
 * (SAVE_EXPR operands and the like) are visited once.
 */
#include "plugin.h"
#include "allocs-check.h"
#include "uniqtype.h"

struct walk_state {
	tree fndecl;
	hash_set<tree> *visited;
	hash_set<tree> *changed;
};

static bool is_char_type(tree t)
{
	return TREE_CODE(t) == INTEGER_TYPE && TYPE_STRING_FLAG(t) &&
	       TYPE_PRECISION(t) == CHAR_TYPE_SIZE;
}

/* Pointer degree: `int *` 1, `void **` 2; *ultimate is the final pointee. */
static unsigned pointer_degree(tree t, tree *ultimate)
{
	unsigned d = 0;
	t = TYPE_MAIN_VARIANT(t);
	while (POINTER_TYPE_P(t)) {
		d++;
		t = TYPE_MAIN_VARIANT(TREE_TYPE(t));
	}
	if (ultimate)
		*ultimate = t;
	return d;
}

enum cast_decision { NO_CHECK, CHECK_EXACT, CHECK_GENERIC, ELIDED };

/* -fplugin-arg-allocscheck-no-cast-elision / -verbose (plugin-options.cc) */
bool allocs_cast_elision = true;
bool allocs_cast_verbose = false;
static unsigned n_checked, n_elided;

/* ---- static elision (docs/checks.md, "Casts proven safe at compile time") ----
 *
 * A value of static type `S *` was checked when it was made (or comes from
 * an allocation typed S, or from `&` of an S): we trust that an S starts
 * where it points, as libcrunch does.  A conversion to `T *` then cannot
 * fail when the checker accepts, at the address of any S, a T; by its
 * walk (checker/is-a.c) that holds when
 *   - T (arrays decayed to their element, as the checker decays targets)
 *     is one of the sub-objects starting at offset 0 of an S: S itself,
 *     the members at offset 0 of a struct (recursively), the element of an
 *     array, every arm of a union *member* (a whole union object holds all
 *     its arms' storage) -- the walk descends into each and matches T by
 *     identity (ISA_RULE_EXACT);
 *   - T is a union one of whose arms (through nested unions) is such a
 *     sub-object: the union-arm rule (ISA_RULE_UNION_ARM) matches there.
 * S itself being a union does not open its arms: a `union U *` may point
 * at an object allocated as one arm only (the union-arm rule again), so
 * `(struct arm2 *) u` is a real check.  Identities, not GCC types, are
 * compared, as the runtime does; leniencies that depend on mode (integer
 * sizes, prefixes, void * slots) are not relied on. */

static tree decay_array(tree t)
{
	t = TYPE_MAIN_VARIANT(t);
	while (TREE_CODE(t) == ARRAY_TYPE)
		t = TYPE_MAIN_VARIANT(TREE_TYPE(t));
	return t;
}

static bool has_nonzero_size(tree t)
{
	tree sz = TYPE_SIZE_UNIT(t);
	return sz && TREE_CODE(sz) == INTEGER_CST && !integer_zerop(sz);
}

/* Is a FIELD_DECL a member the runtime walk descends into at offset 0?
 * Bit-fields are not (they cannot be pointed to), nor zero-sized members
 * (they span no byte). */
static bool member_at_zero(tree f)
{
	if (TREE_CODE(f) != FIELD_DECL || DECL_BIT_FIELD_TYPE(f) || !TREE_TYPE(f))
		return false;
	tree off = byte_position(f);
	return off && TREE_CODE(off) == INTEGER_CST && integer_zerop(off) &&
	       has_nonzero_size(TREE_TYPE(f));
}

/* Is `u` (a union) or one of its arms, through nested unions, of identity
 * `id`?  Mirrors is-a.c's is_union_arm, plus the union itself. */
static bool union_has_arm(tree un, ac_typeid id, unsigned depth)
{
	if (TREE_CODE(un) != UNION_TYPE || depth > 8)
		return false;
	for (tree f = TYPE_FIELDS(un); f; f = DECL_CHAIN(f)) {
		if (TREE_CODE(f) != FIELD_DECL || DECL_BIT_FIELD_TYPE(f) || !TREE_TYPE(f))
			continue;
		tree m = TYPE_MAIN_VARIANT(TREE_TYPE(f));
		if (allocs_type_identity(m) == id || union_has_arm(m, id, depth + 1))
			return true;
	}
	return false;
}

/* Does the sub-object `s` (at offset 0 of an S; whole: is_top false once
 * inside S), or one starting at its offset 0, match target `t`? */
static bool zero_subobject_matches(tree s, tree t, ac_typeid tid, bool is_top,
				   const char **rule, unsigned depth)
{
	s = TYPE_MAIN_VARIANT(s);
	if (depth > 16)
		return false;
	ac_typeid sid = allocs_type_identity(s);
	if (sid == tid) {
		*rule = is_top ? "same type" : "first member";
		return true;
	}
	if (TREE_CODE(t) == UNION_TYPE && union_has_arm(t, sid, 0)) {
		*rule = "union arm";
		return true;
	}
	switch (TREE_CODE(s)) {
	case ARRAY_TYPE:
		if (!has_nonzero_size(s))
			return false;
		return zero_subobject_matches(TREE_TYPE(s), t, tid, false, rule, depth + 1);
	case UNION_TYPE:
		if (is_top)
			return false;       /* may be one arm only */
		/* fall through */
	case RECORD_TYPE:
		if (!COMPLETE_TYPE_P(s))
			return false;
		for (tree f = TYPE_FIELDS(s); f; f = DECL_CHAIN(f))
			if (member_at_zero(f) &&
			    zero_subobject_matches(TREE_TYPE(f), t, tid, false, rule, depth + 1))
				return true;
		return false;
	default:
		return false;
	}
}

/* Can a conversion from `S *` to `T *` be elided (see above)?  *rule names
 * the reason for -verbose.  Also elide-cast-checks.cc's test of declared
 * objects. */
bool allocs_cast_statically_safe(tree src_pointee, tree pointee, const char **rule)
{
	tree s = TYPE_MAIN_VARIANT(src_pointee);
	tree t = decay_array(pointee);
	/* Only aggregates as sources: a scalar or pointer S may be a `void *`
	 * slot or untyped storage the runtime still types by this cast
	 * (lazy typing, specialisation), and function types are not walked. */
	if (TREE_CODE(s) != RECORD_TYPE && TREE_CODE(s) != UNION_TYPE &&
	    TREE_CODE(s) != ARRAY_TYPE)
		return false;
	/* An incomplete T is matched by tag name at run time (and a function
	 * type is checked by other rules): not ours to decide. */
	if (!COMPLETE_TYPE_P(t) || TREE_CODE(t) == FUNCTION_TYPE || TREE_CODE(t) == VOID_TYPE)
		return false;
	return zero_subobject_matches(s, t, allocs_type_identity(t), true, rule, 0);
}


/* The pointee type each descriptor decl was made for, so that checks
 * found in GIMPLE (where the target pointer type is gone: the check
 * returns void *) can be judged against their target.  Descriptor decls
 * are GC roots (typedesc.cc); the types are kept alive here. */
static hash_map<tree, tree> *td_pointees;

static void note_td_pointee(tree td_addr, tree pointee)
{
	if (TREE_CODE(td_addr) != ADDR_EXPR)
		return;
	if (!td_pointees)
		td_pointees = new hash_map<tree, tree>;
	bool existed;
	tree &slot = td_pointees->get_or_insert(TREE_OPERAND(td_addr, 0), &existed);
	if (!existed) {
		slot = pointee;
		allocs_gc_keep(pointee);
	}
}

tree allocs_typedesc_pointee(tree td_decl)
{
	tree *p = td_pointees ? td_pointees->get(td_decl) : NULL;
	return p ? *p : NULL_TREE;
}

/* Integers of one size that differ only in signedness (`long long` and
 * `unsigned long long`): C lets an object be accessed through either, and
 * the runtime accepts either for the other in every mode (is-a.c's
 * integer_compatible), so a pointer already typed as one is never wrong as
 * the other: the same trust as between identical types.  Enums are left
 * to the runtime (their integer type is the compiler's choice), as are
 * same-signedness pairs like `long`/`long long` (reported in strict mode). */
static bool signedness_variants(tree a, tree b)
{
	return TREE_CODE(a) == INTEGER_TYPE && TREE_CODE(b) == INTEGER_TYPE &&
	       TYPE_PRECISION(a) == TYPE_PRECISION(b) && TYPE_UNSIGNED(a) != TYPE_UNSIGNED(b) &&
	       tree_int_cst_equal(TYPE_SIZE(a), TYPE_SIZE(b));
}

/* Decide how a conversion of `op` to pointer type `target` is checked.
 * The exemptions are the conversions that can never be wrong
 * (include/allocs-check.h lists them). */
static enum cast_decision classify_cast(tree target, tree op, unsigned *degree,
					const char **elide_rule)
{
	tree src = TREE_TYPE(op);
	if (TREE_CODE(op) == INTEGER_CST)
		return NO_CHECK;               /* null and other constants */
	if (!POINTER_TYPE_P(src) && !INTEGRAL_TYPE_P(src))
		return NO_CHECK;
	tree pointee = TYPE_MAIN_VARIANT(TREE_TYPE(target));
	if (TREE_CODE(pointee) == VOID_TYPE || is_char_type(pointee))
		return NO_CHECK;
	if (POINTER_TYPE_P(src)) {
		tree src_pointee = TYPE_MAIN_VARIANT(TREE_TYPE(src));
		if (src_pointee == pointee)
			return NO_CHECK;
		if (allocs_type_identity(src_pointee) == allocs_type_identity(pointee) ||
		    signedness_variants(src_pointee, pointee))
			return NO_CHECK;
		const char *rule = NULL;
		if (allocs_cast_elision && allocs_cast_statically_safe(src_pointee, pointee, &rule)) {
			*elide_rule = rule;
			return ELIDED;
		}
	}
	tree ultimate;
	unsigned d = pointer_degree(target, &ultimate);
	if (d >= 2 && TREE_CODE(ultimate) == VOID_TYPE) {
		/* void **, void ***: losing a level of indirection into a
		 * generic pointer is always fine; gaining one needs "points to
		 * some pointer of degree d - 1". */
		if (POINTER_TYPE_P(src) && pointer_degree(src, NULL) >= d)
			return NO_CHECK;
		*degree = d - 1;
		return CHECK_GENERIC;
	}
	return CHECK_EXACT;
}

/* -verbose: the unit's totals, when cc1 exits (the plugin has no
 * finish-unit hook of its own for this file). */
static void __attribute__((destructor)) report_totals(void)
{
	if (allocs_cast_verbose && (n_checked || n_elided))
		fprintf(stderr, "allocscheck: %u cast checks inserted, %u elided\n",
			n_checked, n_elided);
}

/* classify_cast, counted; -verbose notes each elided cast. */
static enum cast_decision decide(tree target, tree op, unsigned *degree, location_t loc)
{
	const char *rule = NULL;
	enum cast_decision how = classify_cast(target, op, degree, &rule);
	if (how == ELIDED) {
		n_elided++;
		if (allocs_cast_verbose)
			inform(loc, "allocscheck: cast from %qT to %qT not checked: %s",
			       TREE_TYPE(op), target, rule);
		return NO_CHECK;
	}
	if (how != NO_CHECK)
		n_checked++;
	return how;
}

/* Is `op` a byte pointer (char *, signed char *, unsigned char *, any
 * qualifiers or typedefs), or such a pointer converted to another pointer
 * type ((T *)(void *)buf)?  The runtime then types an untyped chunk softly
 * even when it holds exactly one T (ALLOCS_TD_FROM_BYTES): code that holds
 * a chunk as bytes carves it (SQLite's exprDup).  A void * of any other
 * origin (malloc's result, a parameter) does not count: it is how most
 * single objects travel before their first cast. */
static bool from_byte_pointer(tree op)
{
	for (;;) {
		tree type = TREE_TYPE(op);
		if (!type || !POINTER_TYPE_P(type))
			return false;
		if (is_char_type(TYPE_MAIN_VARIANT(TREE_TYPE(type))))
			return true;
		if (!CONVERT_EXPR_P(op) && TREE_CODE(op) != NON_LVALUE_EXPR)
			return false;
		op = TREE_OPERAND(op, 0);
	}
}

static tree build_check(tree target, tree op, enum cast_decision how,
			unsigned degree, location_t loc, tree fndecl)
{
	tree pointee = TREE_TYPE(target);
	unsigned flags = how == CHECK_GENERIC ? ALLOCS_TD_GENERIC : 0;
	if (from_byte_pointer(op))
		flags |= ALLOCS_TD_FROM_BYTES;
	tree td = allocs_typedesc_addr(pointee, flags, degree);
	note_td_pointee(td, pointee);
	tree where = allocs_srcloc_addr(loc, fndecl);
	tree arg = fold_convert_loc(loc, const_ptr_type_node, op);
	return build_call_expr_loc(loc, allocs_check_cast_decl(), 3, arg, td, where);
}

static bool walk(tree *tp, location_t loc, struct walk_state *st);

static bool walk_decl_init(tree decl, location_t loc, struct walk_state *st)
{
	/* Automatic variables only: a static initializer must stay constant
	 * (and is not function code). */
	if (TREE_CODE(decl) == VAR_DECL && !TREE_STATIC(decl) &&
	    !DECL_EXTERNAL(decl) && DECL_INITIAL(decl))
		return walk(&DECL_INITIAL(decl), loc, st);
	return false;
}

static void mark_changed(tree t)
{
	if (CONSTANT_CLASS_P(t))
		return;
	TREE_SIDE_EFFECTS(t) = 1;
	TREE_CONSTANT(t) = 0;
	if (TREE_CODE(t) == CONSTRUCTOR)
		TREE_STATIC(t) = 0;
	if (TREE_CODE(t) == ADDR_EXPR)
		recompute_tree_invariant_for_addr_expr(t);
}

static bool walk_conversion(tree t, location_t loc, struct walk_state *st)
{
	bool changed = walk(&TREE_OPERAND(t, 0), loc, st);
	tree target = TREE_TYPE(t), op = TREE_OPERAND(t, 0);

	if (allocs_opts.alloc_types) {
		tree wrapped = allocs_wrap_allocation(t, loc);
		if (wrapped) {
			TREE_OPERAND(t, 0) = wrapped;
			return true;
		}
	}
	if (!allocs_opts.cast_checks)
		return changed;
	unsigned degree = 0;
	enum cast_decision how = decide(target, op, &degree, loc);
	if (how == NO_CHECK)
		return changed;
	TREE_OPERAND(t, 0) = build_check(target, op, how, degree, loc, st->fndecl);
	return true;
}

/* Is `t`, a POINTER_PLUS_EXPR whose first operand converts X to t's type,
 * really the conversion of the sum X + off?  fold moves a conversion of a
 * pointer sum inside it ("(T *) (X p+ off)" becomes "(T *) X p+ off" when
 * X is itself a conversion or off a constant), so container_of's
 * `(struct t *) ((char *) p - 8)` reaches us as `(struct t *) p + -8`,
 * which must be checked at p - 8, not at p.  The folded form keeps the
 * cast's location on the sum and the operator's on the conversion, so the
 * sum's location comes first; in a genuine `(T *) X + n` the `+` follows
 * the cast.  (`n + (T *) X` is misread; it is rare.)  Without usable
 * locations: a genuine sum's offset is a multiple of sizeof (T). */
static bool is_folded_cast_of_sum(tree t)
{
	tree conv = TREE_OPERAND(t, 0), off = TREE_OPERAND(t, 1);
	location_t sum_loc = EXPR_LOCATION(t), conv_loc = EXPR_LOCATION(conv);
	if (sum_loc != UNKNOWN_LOCATION && conv_loc != UNKNOWN_LOCATION &&
	    sum_loc != conv_loc)
		return linemap_compare_locations(line_table, sum_loc, conv_loc) > 0;
	tree size = TYPE_SIZE_UNIT(TREE_TYPE(TREE_TYPE(t)));
	if (!size || TREE_CODE(size) != INTEGER_CST || integer_zerop(size))
		return true;   /* no arithmetic on T * itself is possible */
	if (TREE_CODE(off) == INTEGER_CST)
		return wi::smod_trunc(wi::to_wide(off),
				      wi::to_wide(size, TYPE_PRECISION(TREE_TYPE(off)))) != 0;
	return !multiple_of_p(sizetype, off, size);
}

/* `X p+ off` of type T * whose constant offset is not a multiple of
 * sizeof (T): no arithmetic on a T * gives that, so it is the folded
 * `(T *) ((char *) X + off)` with X already a T * (the conversion folded
 * away entirely). */
static bool is_hidden_cast_of_sum(tree t)
{
	tree off = TREE_OPERAND(t, 1);
	tree size = TYPE_SIZE_UNIT(TREE_TYPE(TREE_TYPE(t)));
	if (TREE_CODE(off) != INTEGER_CST || !size ||
	    TREE_CODE(size) != INTEGER_CST || integer_zerop(size))
		return false;
	return wi::smod_trunc(wi::to_wide(off),
			      wi::to_wide(size, TYPE_PRECISION(TREE_TYPE(off)))) != 0;
}

/* `(T *) X p+ off` (or `X p+ off`, hidden) that is really
 * `(T *) ((char *) X p+ off)`: check the sum.  xp: where X is. */
static bool walk_folded_sum(tree *tp, tree *xp, location_t loc,
			    struct walk_state *st)
{
	tree t = *tp;
	bool changed = walk(xp, loc, st);
	changed |= walk(&TREE_OPERAND(t, 1), loc, st);
	tree x = *xp, target = TREE_TYPE(t);
	/* The sum is byte arithmetic, as the program wrote it (container_of's
	 * `(char *) p - offset`): the conversion's source is a char *, never
	 * "the same type" as the target even when x's type is; typed char * it
	 * also keeps derivation checks from bounding it by the member x points
	 * to. */
	tree byte_ptr = build_pointer_type(char_type_node);
	tree sum = build2_loc(EXPR_LOCATION(t), POINTER_PLUS_EXPR, byte_ptr,
			      fold_convert(byte_ptr, x), TREE_OPERAND(t, 1));
	unsigned degree = 0;
	enum cast_decision how = allocs_opts.cast_checks
		? decide(target, sum, &degree, loc) : NO_CHECK;
	if (how == NO_CHECK)
		return changed;
	*tp = build1_loc(EXPR_LOCATION(t), NOP_EXPR, target,
			 build_check(target, sum, how, degree, loc, st->fndecl));
	st->visited->add(*tp);
	st->changed->add(*tp);
	return true;
}

/* Instrument *tp and everything below it; true if anything changed. */
static bool walk(tree *tp, location_t loc, struct walk_state *st)
{
	tree t = *tp;
	if (!t || TYPE_P(t) || DECL_P(t) || CONSTANT_CLASS_P(t))
		return false;
	if (st->visited->add(t))
		return st->changed->contains(t);
	if (EXPR_HAS_LOCATION(t))
		loc = EXPR_LOCATION(t);

	bool changed = false;
	switch (TREE_CODE(t)) {
	case STATEMENT_LIST:
		for (tree_stmt_iterator i = tsi_start(t); !tsi_end_p(i); tsi_next(&i))
			changed |= walk(tsi_stmt_ptr(i), loc, st);
		break;
	case CONSTRUCTOR: {
		unsigned i;
		constructor_elt *ce;
		FOR_EACH_VEC_SAFE_ELT(CONSTRUCTOR_ELTS(t), i, ce)
			changed |= walk(&ce->value, loc, st);
		break;
	}
	case TREE_LIST:
		for (tree l = t; l; l = TREE_CHAIN(l))
			changed |= walk(&TREE_VALUE(l), loc, st);
		break;
	case DECL_EXPR:
		/* The declaration statement's own flags do not depend on
		 * its initializer. */
		walk_decl_init(DECL_EXPR_DECL(t), loc, st);
		return false;
	case COMPOUND_LITERAL_EXPR:
		changed = walk_decl_init(COMPOUND_LITERAL_EXPR_DECL(t), loc, st);
		break;
	case BIND_EXPR:
		changed = walk(&BIND_EXPR_BODY(t), loc, st);
		break;
	case POINTER_PLUS_EXPR: {
		tree conv = TREE_OPERAND(t, 0);
		if (CONVERT_EXPR_P(conv) &&
		    TREE_TYPE(conv) == TREE_TYPE(t) &&
		    POINTER_TYPE_P(TREE_TYPE(TREE_OPERAND(conv, 0))) &&
		    !st->visited->contains(conv) &&
		    is_folded_cast_of_sum(t)) {
			st->visited->add(conv);
			return walk_folded_sum(tp, &TREE_OPERAND(conv, 0), loc, st);
		}
		if (POINTER_TYPE_P(TREE_TYPE(TREE_OPERAND(t, 0))) &&
		    is_hidden_cast_of_sum(t))
			return walk_folded_sum(tp, &TREE_OPERAND(t, 0), loc, st);
		goto generic;
	}
	case NOP_EXPR:
	case CONVERT_EXPR:
		if (POINTER_TYPE_P(TREE_TYPE(t))) {
			changed = walk_conversion(t, loc, st);
			break;
		}
		/* fall through */
	default:
	generic:
		if (TREE_CODE(t) == CALL_EXPR && allocs_opts.alloc_types) {
			for (int i = 0; i < TREE_OPERAND_LENGTH(t); i++)
				changed |= walk(&TREE_OPERAND(t, i), loc, st);
			tree wrapped = allocs_wrap_out_param_allocation(t, loc);
			if (wrapped) {
				*tp = wrapped;
				return true;
			}
			break;
		}
		if (!EXPR_P(t))
			return false;
		for (int i = 0; i < TREE_OPERAND_LENGTH(t); i++)
			changed |= walk(&TREE_OPERAND(t, i), loc, st);
		break;
	}
	if (changed) {
		mark_changed(t);
		st->changed->add(t);
	}
	return changed;
}

static bool should_instrument(tree fndecl)
{
	if (DECL_IN_SYSTEM_HEADER(fndecl) ||
	    in_system_header_at(DECL_SOURCE_LOCATION(fndecl)))
		return false;
	/* The runtime's own code, should it be compiled with the plugin. */
	if (DECL_NAME(fndecl) &&
	    strncmp(IDENTIFIER_POINTER(DECL_NAME(fndecl)), "__allocs_", 9) == 0)
		return false;
	return true;
}

void allocs_instrument_function(tree fndecl)
{
	if (!allocs_opts.cast_checks && !allocs_opts.alloc_types)
		return;
	if (!should_instrument(fndecl) || !DECL_SAVED_TREE(fndecl))
		return;
	hash_set<tree> visited, changed;
	struct walk_state st = { fndecl, &visited, &changed };
	walk(&DECL_SAVED_TREE(fndecl), DECL_SOURCE_LOCATION(fndecl), &st);
}
