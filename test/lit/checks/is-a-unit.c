// Unit test of the sub-object walk (checker/is-a.c) and of the report's
// path description (checker/subobject.c) on hand-built uniqtypes: every
// rule of docs/checks.md, passing and failing, in normal and strict mode.
// Self-contained: compiles the two sources directly.
//
// RUN: %cc -Wall -Wextra -I%S/../../../include -I%S/../../../checker %s %S/../../../checker/is-a.c %S/../../../checker/subobject.c -o %t
// RUN: %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: is-a-unit: all {{[0-9]+}} checks passed
#include "is-a.h"
#include "subobject.h"
#include "allocs-check.h"

#include <stdio.h>
#include <string.h>

static int failures, checks;

#define SZU UNIQTYPE_SIZE_UNKNOWN

/* ---- base types ---- */
#define BASE(var, nm, sz, enc, id) \
	static struct uniqtype var = { .identity = id, .size = sz, .kind = UNIQTYPE_BASE, .name = nm, \
				       .u.base.encoding = enc }
BASE(t_int, "int", 4, UNIQTYPE_ENC_SIGNED, 101);
BASE(t_uint, "unsigned int", 4, UNIQTYPE_ENC_UNSIGNED, 102);
BASE(t_long, "long int", 8, UNIQTYPE_ENC_SIGNED, 103);
BASE(t_llong, "long long int", 8, UNIQTYPE_ENC_SIGNED, 104);
BASE(t_ulong, "long unsigned int", 8, UNIQTYPE_ENC_UNSIGNED, 105);
BASE(t_char, "char", 1, UNIQTYPE_ENC_SIGNED_CHAR, 106);
BASE(t_uchar, "unsigned char", 1, UNIQTYPE_ENC_UNSIGNED_CHAR, 107);
BASE(t_double, "double", 8, UNIQTYPE_ENC_FLOAT, 108);
BASE(t_float, "float", 4, UNIQTYPE_ENC_FLOAT, 109);
BASE(t_ushort, "short unsigned int", 2, UNIQTYPE_ENC_UNSIGNED, 110);
static struct uniqtype t_void = { .identity = 111, .size = 0, .kind = UNIQTYPE_VOID, .name = "void" };

#define PTR(var, nm, to, id) \
	static struct uniqtype var = { .identity = id, .size = 8, .kind = UNIQTYPE_POINTER, .name = nm, \
				       .u.ptr.pointee = &to }
PTR(t_voidp, "void *", t_void, 201);
PTR(t_intp, "int *", t_int, 202);
PTR(t_voidpp, "void **", t_voidp, 203);
PTR(t_intpp, "int **", t_intp, 204);
PTR(t_charp, "char *", t_char, 205);
PTR(t_ucharp, "unsigned char *", t_uchar, 206);

#define ARR(var, nm, el, count, id) \
	static struct uniqtype var = { .identity = id, .size = 0, /* fix_sizes() */ \
				       .kind = UNIQTYPE_ARRAY, .n = count, .name = nm, .u.array.elem = &el }
ARR(t_int10, "int[10]", t_int, 10, 301);
ARR(t_int4, "int[4]", t_int, 4, 302);
ARR(t_char64, "char[64]", t_char, 64, 303);
ARR(t_char14, "char[14]", t_char, 14, 304);
ARR(t_uchar8, "unsigned char[8]", t_uchar, 8, 305);
ARR(t_char118, "char[118]", t_char, 118, 306);
ARR(t_uchar16, "unsigned char[16]", t_uchar, 16, 307);
static struct uniqtype t_doubleflex = { .identity = 308, .size = SZU, .kind = UNIQTYPE_ARRAY,
	.flags = UNIQTYPE_F_FLEXIBLE, .n = 0, .name = "double[]", .u.array.elem = &t_double };

#define M(off, ty, nm) { .offset = off, .type = &ty, .name = nm }
#define STRUCT(var, nm, sz, id, ...) \
	static const struct uniqtype_member var##_m[] = { __VA_ARGS__ }; \
	static struct uniqtype var = { .identity = id, .size = sz, .kind = UNIQTYPE_STRUCT, \
		.n = sizeof var##_m / sizeof var##_m[0], .name = nm, .u.agg.members = var##_m }

STRUCT(t_point, "struct point", 8, 401, M(0, t_int, "x"), M(4, t_int, "y"));
STRUCT(t_a, "struct a", 16, 402, M(0, t_int, "x"), M(4, t_int, "y"), M(8, t_double, "d"));
STRUCT(t_b, "struct b", 16, 403, M(0, t_double, "q"), M(8, t_long, "r"));
STRUCT(t_pad, "struct padded", 8, 404, M(0, t_char, "c"), M(4, t_int, "i"));
STRUCT(t_arena, "struct arena", 68, 405, M(0, t_int, "used"), M(4, t_char64, "buf"));
STRUCT(t_sa, "struct sockaddr", 16, 406, M(0, t_ushort, "sa_family"), M(2, t_char14, "sa_data"));
STRUCT(t_inaddr, "struct in_addr", 4, 407, M(0, t_uint, "s_addr"));
STRUCT(t_sin, "struct sockaddr_in", 16, 408, M(0, t_ushort, "sin_family"), M(2, t_ushort, "sin_port"),
       M(4, t_inaddr, "sin_addr"), M(8, t_uchar8, "sin_zero"));
STRUCT(t_ss, "struct sockaddr_storage", 128, 409, M(0, t_ushort, "ss_family"), M(2, t_char118, "__ss_padding"),
       M(120, t_ulong, "__ss_align"));
STRUCT(t_sin6, "struct sockaddr_in6", 28, 410, M(0, t_ushort, "sin6_family"), M(2, t_ushort, "sin6_port"),
       M(4, t_uint, "sin6_flowinfo"), M(8, t_uchar16, "sin6_addr"), M(24, t_uint, "sin6_scope_id"));
STRUCT(t_base, "struct base", 4, 411, M(0, t_int, "kind"));
STRUCT(t_derived, "struct derived", 16, 412, M(0, t_base, "b"), M(8, t_double, "v"));
STRUCT(t_circle, "struct circle", 16, 413, M(0, t_int, "kind"), M(8, t_double, "r"));
static struct uniqtype t_list;
static const struct uniqtype t_listp = { .identity = 414, .size = 8, .kind = UNIQTYPE_POINTER,
	.name = "struct list_head *", .u.ptr.pointee = &t_list };
static const struct uniqtype_member t_list_m[] = { M(0, t_listp, "next"), M(8, t_listp, "prev") };
static struct uniqtype t_list = { .identity = 415, .size = 16, .kind = UNIQTYPE_STRUCT, .n = 2,
	.name = "struct list_head", .u.agg.members = t_list_m };
STRUCT(t_item, "struct item", 24, 416, M(0, t_int, "v"), M(8, t_list, "link"));
static const struct uniqtype_member t_flex_m[] = { M(0, t_int, "n"), M(8, t_doubleflex, "data") };
static struct uniqtype t_flex = { .identity = 417, .size = 8, .kind = UNIQTYPE_STRUCT,
	.flags = UNIQTYPE_F_HAS_FLEXIBLE, .n = 2, .name = "struct flex", .u.agg.members = t_flex_m };
static const struct uniqtype_member t_union_m[] = { M(0, t_int, "i"), M(0, t_float, "f"), M(0, t_point, "p") };
static struct uniqtype t_union = { .identity = 418, .size = 8, .kind = UNIQTYPE_UNION, .n = 3,
	.name = "union u", .u.agg.members = t_union_m };
/* union u2 { union u inner; double d; }: arms reached through a nested union */
static const struct uniqtype_member t_union2_m[] = { M(0, t_union, "inner"), M(0, t_double, "d") };
static struct uniqtype t_union2 = { .identity = 427, .size = 8, .kind = UNIQTYPE_UNION, .n = 2,
	.name = "union u2", .u.agg.members = t_union2_m };
/* struct charhdr { char tag[4]; int after; } */
ARR(t_char4, "char[4]", t_char, 4, 428);
STRUCT(t_charhdr, "struct charhdr", 8, 429, M(0, t_char4, "tag"), M(4, t_int, "after"));
ARR(t_point3, "struct point[3]", t_point, 3, 419);
STRUCT(t_nested, "struct nested", 32, 420, M(0, t_point, "p"), M(8, t_point3, "q"));
static struct uniqtype t_enum = { .identity = 421, .size = 4, .kind = UNIQTYPE_ENUM, .n = 0,
	.name = "enum color", .u.en.underlying = &t_uint };
static const struct uniqtype_member t_bits_m[] = {
	{ .offset = 0, .bit_offset = 0, .bit_size = 3, .type = &t_uint, .name = "a" },
	{ .offset = 0, .bit_offset = 3, .bit_size = 5, .type = &t_uint, .name = "b" },
	M(4, t_int, "after") };
static struct uniqtype t_bits = { .identity = 422, .size = 8, .kind = UNIQTYPE_STRUCT,
	.flags = UNIQTYPE_F_HAS_BITFIELDS, .n = 3, .name = "struct bits", .u.agg.members = t_bits_m };

/* the struct hack: struct msg { int len; char data[1]; } and an int[1] tail */
ARR(t_char1, "char[1]", t_char, 1, 423);
ARR(t_int1, "int[1]", t_int, 1, 424);
static const struct uniqtype_member t_hack_m[] = { M(0, t_int, "len"), M(4, t_char1, "data") };
static struct uniqtype t_hack = { .identity = 425, .size = 8, .kind = UNIQTYPE_STRUCT,
	.flags = UNIQTYPE_F_HAS_FLEXIBLE, .n = 2, .name = "struct msg", .u.agg.members = t_hack_m };
static const struct uniqtype_member t_hack2_m[] = { M(0, t_long, "n"), M(8, t_int1, "v") };
static struct uniqtype t_hack2 = { .identity = 426, .size = 16, .kind = UNIQTYPE_STRUCT,
	.flags = UNIQTYPE_F_HAS_FLEXIBLE, .n = 2, .name = "struct ints", .u.agg.members = t_hack2_m };

static void fix_sizes(void)
{
	struct uniqtype *arrays[] = { &t_int10, &t_int4, &t_char64, &t_char14, &t_uchar8, &t_char118,
				      &t_uchar16, &t_point3, &t_char1, &t_int1, &t_char4 };
	for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
		arrays[i]->size = arrays[i]->n * arrays[i]->u.array.elem->size;
}

static struct isa_target target(const struct uniqtype *t)
{
	struct isa_target x = { t, t->identity, t->name, t->size == SZU ? 0 : t->size, 0, 0 };
	return x;
}

static struct isa_target incomplete(const char *name)
{
	struct isa_target x = { NULL, 9999, name, 0, ALLOCS_TD_INCOMPLETE, 0 };
	return x;
}

static struct isa_target generic(unsigned degree)
{
	struct isa_target x = { &t_voidp, t_voidp.identity, "void *", 8, ALLOCS_TD_GENERIC, degree };
	return x;
}

static const char *vname(enum isa_verdict v)
{
	return v == ISA_PASS ? "PASS" : v == ISA_UNTYPED ? "UNTYPED" : "FAIL";
}

static void expect_(int line, const struct uniqtype *alloc, uint64_t size, uint64_t off,
		    struct isa_target t, unsigned mode, enum isa_verdict want, enum isa_rule want_rule)
{
	checks++;
	enum isa_rule rule;
	struct isa_extent x;
	enum isa_verdict v = allocs_is_a(alloc, size, off, &t, mode, &x, &rule);
	if (v != want || (want_rule != ISA_RULE_NONE && rule != want_rule)) {
		failures++;
		printf("FAIL line %d: %s (%llu bytes) +%llu as %s%s: got %s rule %d, want %s rule %d\n",
		       line, alloc->name, (unsigned long long)size, (unsigned long long)off, t.name,
		       mode & ISA_STRICT ? " (strict)" : "", vname(v), rule, vname(want), want_rule);
	}
	/* the verdict must hold over the extent it claims */
	if (x.period && x.hi > x.lo) {
		for (uint64_t o = x.lo + (off - x.lo) % x.period; o < x.hi; o += x.period) {
			if (allocs_is_a(alloc, size, o, &t, mode, NULL, NULL) != v) {
				failures++;
				printf("FAIL line %d: extent [%llu,%llu)/%llu wrong at %llu\n", line,
				       (unsigned long long)x.lo, (unsigned long long)x.hi,
				       (unsigned long long)x.period, (unsigned long long)o);
				break;
			}
		}
	}
}
#define expect(a, sz, off, t, mode, want, rule) expect_(__LINE__, a, sz, off, t, mode, want, rule)
#define PASS_(a, off, t, rule) expect(&a, a.size, off, t, 0, ISA_PASS, rule)
#define FAIL_(a, off, t) expect(&a, a.size, off, t, 0, ISA_FAIL, ISA_RULE_NONE)
#define STRICT_FAIL(a, off, t) expect(&a, a.size, off, t, ISA_STRICT, ISA_FAIL, ISA_RULE_NONE)
#define STRICT_PASS(a, off, t, rule) expect(&a, a.size, off, t, ISA_STRICT, ISA_PASS, rule)

int main(void)
{
	fix_sizes();
	/* exact types, first members, members at their offsets */
	PASS_(t_a, 0, target(&t_a), ISA_RULE_EXACT);
	STRICT_PASS(t_a, 0, target(&t_int), ISA_RULE_EXACT);
	STRICT_PASS(t_a, 4, target(&t_int), ISA_RULE_EXACT);
	STRICT_PASS(t_a, 8, target(&t_double), ISA_RULE_EXACT);
	FAIL_(t_a, 2, target(&t_int));                 /* inside a member */
	FAIL_(t_a, 4, target(&t_point));               /* right type family, wrong offset */
	FAIL_(t_a, 0, target(&t_b));                   /* unrelated struct */
	FAIL_(t_a, 8, target(&t_long));                /* double is not long */
	/* padding and bit-fields match nothing */
	FAIL_(t_pad, 1, target(&t_int));
	FAIL_(t_pad, 2, target(&t_char));
	PASS_(t_pad, 4, target(&t_int), ISA_RULE_EXACT);
	FAIL_(t_bits, 0, target(&t_uint));
	PASS_(t_bits, 4, target(&t_int), ISA_RULE_EXACT);
	/* scalar type confusion: a char is not an int */
	FAIL_(t_char, 0, target(&t_int));
	FAIL_(t_double, 0, target(&t_long));
	/* physical subtyping: common initial members (not in strict mode) */
	PASS_(t_a, 0, target(&t_point), ISA_RULE_PREFIX);
	STRICT_FAIL(t_a, 0, target(&t_point));
	PASS_(t_circle, 0, target(&t_base), ISA_RULE_PREFIX);
	FAIL_(t_base, 0, target(&t_circle));           /* memory too small for a circle */
	FAIL_(t_circle, 0, target(&t_point));          /* double r vs int y */
	/* sockaddr family: char arrays on either side are wildcards */
	PASS_(t_sin, 0, target(&t_sa), ISA_RULE_PREFIX);
	PASS_(t_sa, 0, target(&t_sin), ISA_RULE_PREFIX);
	PASS_(t_ss, 0, target(&t_sin), ISA_RULE_PREFIX);
	PASS_(t_ss, 0, target(&t_sin6), ISA_RULE_PREFIX);
	PASS_(t_ss, 0, target(&t_sa), ISA_RULE_PREFIX);
	FAIL_(t_sa, 0, target(&t_sin6));               /* 16 bytes cannot hold 28 */
	FAIL_(t_sin, 0, target(&t_sin6));
	STRICT_FAIL(t_sin, 0, target(&t_sa));
	/* but a sockaddr_in in a big enough chunk is fine */
	/* first-member (containment) casts need no leniency */
	STRICT_PASS(t_derived, 0, target(&t_base), ISA_RULE_EXACT);
	STRICT_PASS(t_derived, 0, target(&t_derived), ISA_RULE_EXACT);
	FAIL_(t_base, 0, target(&t_derived));          /* down-cast of a real base */
	/* container_of: back at the container's start */
	STRICT_PASS(t_item, 8, target(&t_list), ISA_RULE_EXACT);
	STRICT_PASS(t_item, 0, target(&t_item), ISA_RULE_EXACT);
	FAIL_(t_item, 8, target(&t_item));
	FAIL_(t_item, 4, target(&t_list));             /* padding */
	/* unions: any arm */
	STRICT_PASS(t_union, 0, target(&t_float), ISA_RULE_EXACT);
	STRICT_PASS(t_union, 0, target(&t_point), ISA_RULE_EXACT);
	STRICT_PASS(t_union, 4, target(&t_int), ISA_RULE_EXACT);
	FAIL_(t_union, 0, target(&t_double));
	/* an object of one arm, allocated alone, seen through the union (Lua's GCUnion) */
	STRICT_PASS(t_point, 0, target(&t_union), ISA_RULE_UNION_ARM);
	STRICT_PASS(t_a, 4, target(&t_union), ISA_RULE_UNION_ARM);   /* int y: arm i */
	STRICT_PASS(t_point, 0, target(&t_union2), ISA_RULE_UNION_ARM);
	STRICT_PASS(t_double, 0, target(&t_union2), ISA_RULE_UNION_ARM);
	FAIL_(t_double, 0, target(&t_union));          /* no double arm */
	FAIL_(t_a, 2, target(&t_union));               /* inside a member */
	FAIL_(t_b, 0, target(&t_union));               /* double q: no arm */
	/* char storage: anything that fits, counted as untyped */
	expect(&t_char64, 64, 8, target(&t_a), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_char64, 64, 48, target(&t_a), ISA_STRICT, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_arena, 68, 4, target(&t_point), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_arena, 68, 60, target(&t_point), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	/* running past the allocation's end is for bounds checks (end pointers
	 * of arrays carved from the storage are legal); overlapping typed
	 * members that follow the storage is a type conflict */
	expect(&t_arena, 68, 62, target(&t_point), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	FAIL_(t_charhdr, 4, target(&t_point));         /* would overlap `after` */
	expect(&t_charhdr, 8, 0, target(&t_int), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	FAIL_(t_charhdr, 0, target(&t_point));         /* would overlap `after` too */
	/* two arenas in one chunk: the first one's buf is followed by the second */
	expect(&t_arena, 136, 62, target(&t_point), 0, ISA_FAIL, ISA_RULE_NONE);
	expect(&t_arena, 136, 130, target(&t_point), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	STRICT_PASS(t_arena, 0, target(&t_int), ISA_RULE_EXACT);
	expect(&t_char, 16, 4, target(&t_int), ISA_STRICT, ISA_UNTYPED, ISA_RULE_STORAGE);  /* char chunk */
	/* void ** out-parameters: a pointer of enough degree */
	PASS_(t_voidp, 0, generic(1), ISA_RULE_DEGREE);
	PASS_(t_intp, 0, generic(1), ISA_RULE_DEGREE);
	PASS_(t_intpp, 0, generic(2), ISA_RULE_DEGREE);
	FAIL_(t_intp, 0, generic(2));
	FAIL_(t_int, 0, generic(1));
	FAIL_(t_long, 0, generic(1));
	expect(&t_char64, 64, 8, generic(1), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	/* a void * slot holds any pointer (not strict) */
	PASS_(t_voidp, 0, target(&t_intp), ISA_RULE_GENERIC_SLOT);
	STRICT_FAIL(t_voidp, 0, target(&t_intp));
	FAIL_(t_intp, 0, target(&t_voidpp));
	PASS_(t_charp, 0, target(&t_ucharp), ISA_RULE_INTEGER);
	/* integers: signedness and enums always, same-size others if not strict */
	STRICT_PASS(t_int10, 12, target(&t_uint), ISA_RULE_INTEGER);
	STRICT_PASS(t_long, 0, target(&t_ulong), ISA_RULE_INTEGER);
	PASS_(t_long, 0, target(&t_llong), ISA_RULE_INTEGER);
	STRICT_FAIL(t_long, 0, target(&t_llong));
	STRICT_PASS(t_enum, 0, target(&t_uint), ISA_RULE_INTEGER);
	STRICT_PASS(t_enum, 0, target(&t_int), ISA_RULE_INTEGER);
	STRICT_PASS(t_uint, 0, target(&t_enum), ISA_RULE_INTEGER);
	FAIL_(t_int10, 12, target(&t_long));
	FAIL_(t_float, 0, target(&t_int));
	/* arrays: elements at any index, not between them; targets decay */
	STRICT_PASS(t_int10, 36, target(&t_int), ISA_RULE_EXACT);
	FAIL_(t_int10, 2, target(&t_int));
	STRICT_PASS(t_int10, 8, target(&t_int4), ISA_RULE_EXACT);
	STRICT_PASS(t_nested, 16, target(&t_point), ISA_RULE_EXACT);
	STRICT_PASS(t_nested, 20, target(&t_int), ISA_RULE_EXACT);
	FAIL_(t_nested, 18, target(&t_int));
	expect(&t_int10, 40, 40, target(&t_int), 0, ISA_UNTYPED, ISA_RULE_STORAGE);  /* one past */
	/* a chunk bigger than its type: an array of it, then an untyped tail */
	expect(&t_point, 40, 16, target(&t_point), ISA_STRICT, ISA_PASS, ISA_RULE_EXACT);
	expect(&t_point, 40, 36, target(&t_int), ISA_STRICT, ISA_PASS, ISA_RULE_EXACT);
	expect(&t_point, 40, 36, target(&t_point), 0, ISA_FAIL, ISA_RULE_NONE);
	expect(&t_point, 44, 40, target(&t_b), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_sin, 128, 0, target(&t_sin6), 0, ISA_FAIL, ISA_RULE_NONE);
	/* flexible array members extend to the end of the allocation */
	expect(&t_flex, 32, 8, target(&t_double), ISA_STRICT, ISA_PASS, ISA_RULE_EXACT);
	expect(&t_flex, 32, 24, target(&t_double), ISA_STRICT, ISA_PASS, ISA_RULE_EXACT);
	expect(&t_flex, 32, 4, target(&t_double), 0, ISA_FAIL, ISA_RULE_NONE);
	expect(&t_flex, 32, 0, target(&t_flex), ISA_STRICT, ISA_PASS, ISA_RULE_EXACT);
	expect(&t_flex, 32, 32, target(&t_double), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	/* the struct hack: a trailing [1] array extends to the allocation's end */
	expect(&t_hack, 64, 4, target(&t_a), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_hack, 64, 52, target(&t_a), 0, ISA_UNTYPED, ISA_RULE_STORAGE);   /* 52 + 16 > 64: bounds */
	expect(&t_hack2, 48, 36, target(&t_int), ISA_STRICT, ISA_PASS, ISA_RULE_EXACT);
	expect(&t_hack2, 48, 34, target(&t_int), 0, ISA_UNTYPED, ISA_RULE_STORAGE);  /* no element: another object? */
	expect(&t_hack2, 48, 8, target(&t_a), 0, ISA_UNTYPED, ISA_RULE_STORAGE);     /* [1] declares no count */
	expect(&t_hack2, 48, 4, target(&t_int), 0, ISA_FAIL, ISA_RULE_NONE);         /* inside the header */
	expect(&t_hack2, 48, 40, target(&t_a), 0, ISA_UNTYPED, ISA_RULE_STORAGE);    /* runs past the end: bounds */
	/* another object after a flexible tail (header, n elements, then it) */
	expect(&t_flex, 40, 24, target(&t_point), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_flex, 40, 8, target(&t_point), 0, ISA_UNTYPED, ISA_RULE_STORAGE);
	expect(&t_flex, 40, 0, target(&t_point), 0, ISA_FAIL, ISA_RULE_NONE);        /* the header */
	expect(&t_hack2, 16, 12, target(&t_int), 0, ISA_PASS, ISA_RULE_EXACT);  /* tail padding holds v[1] */
	/* incomplete targets match by tag name */
	expect(&t_nested, 32, 8, incomplete("struct point"), 0, ISA_PASS, ISA_RULE_NAME);
	expect(&t_nested, 32, 0, incomplete("struct point"), ISA_STRICT, ISA_PASS, ISA_RULE_NAME);
	expect(&t_nested, 32, 4, incomplete("struct point"), 0, ISA_FAIL, ISA_RULE_NONE);
	expect(&t_nested, 32, 0, incomplete("struct other"), 0, ISA_FAIL, ISA_RULE_NONE);
	/* unresolved target (no metadata for it here): identity still decides */
	{
		struct isa_target t = target(&t_point);
		t.type = NULL;
		expect(&t_nested, 32, 16, t, 0, ISA_PASS, ISA_RULE_EXACT);
		expect(&t_nested, 32, 12, t, 0, ISA_FAIL, ISA_RULE_NONE);
	}

	/* report paths */
	struct subobj_path sp;
	subobject_path(&t_a, 16, 9, &sp);
	checks++;
	if (sp.n != 1 || sp.lv[0].index != 2 || sp.leaf != &t_double || sp.leaf_base != 8) {
		failures++;
		printf("FAIL path struct a +9: n=%u index=%lld\n", sp.n, (long long)sp.lv[0].index);
	}
	subobject_path(&t_pad, 8, 2, &sp);
	checks++;
	if (sp.n != 1 || sp.lv[0].index != -1 || sp.lv[0].prev != 0 || sp.leaf) {
		failures++;
		printf("FAIL path padding\n");
	}
	subobject_path(&t_nested, 32, 20, &sp);
	checks++;
	if (sp.n != 3 || sp.lv[1].index != 1 || sp.lv[2].index != 1 || sp.lv[2].base != 16 || sp.leaf != &t_int) {
		failures++;
		printf("FAIL path nested: n=%u\n", sp.n);
	}
	subobject_path(&t_point, 44, 42, &sp);
	checks++;
	if (!sp.in_tail || !sp.implicit_array) {
		failures++;
		printf("FAIL path tail\n");
	}
	subobject_path(&t_point, 40, 28, &sp);
	checks++;
	if (sp.n != 2 || sp.lv[0].index != 3 || sp.lv[1].index != 1 || sp.leaf_base != 28) {
		failures++;
		printf("FAIL path implicit array: n=%u\n", sp.n);
	}

	if (failures) {
		printf("is-a-unit: %d of %d checks FAILED\n", failures, checks);
		return 1;
	}
	printf("is-a-unit: all %d checks passed\n", checks);
	return 0;
}
