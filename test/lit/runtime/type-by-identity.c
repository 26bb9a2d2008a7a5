// Uniqtypes are interned process-wide by canonical identity: the root
// types (void, C base types, void *) exist even without any meta-DSO, a
// meta-DSO's `int` is the root `int`, and a struct resolves to the very
// descriptor its statics carry.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.meta %t.empty && mkdir %t.meta %t.empty
// RUN: env ALLOCS_META_DIR=%t.meta %cc -I%S/../../../include -o %t %s %S/../../../metadata/type-identity.c %allocscheck-ldflags
// RUN: env ALLOCS_META_DIR=%t.meta %t | FileCheck --check-prefixes=CHECK,META %s
// RUN: env ALLOCS_META_DIR=%t.empty %t | FileCheck --check-prefixes=CHECK,NOMETA %s

#include <stdio.h>
#include "allocs.h"
#include "type-identity.h"

struct pair { int a; long b; };
struct pair the_pair;
int the_int;

static void base(const char *gcc_name, unsigned enc, unsigned size)
{
	const struct uniqtype *t = allocs_uniqtype_by_identity(ac_typeid_base(gcc_name, enc, size));
	printf("base %s: %s size=%llu kind=%s\n", gcc_name, allocs_type_name(t),
	       t ? (unsigned long long)t->size : 0ull,
	       t && t->kind == UNIQTYPE_BASE ? "base" : "WRONG");
}

int main(void)
{
	base("char", UNIQTYPE_ENC_SIGNED_CHAR, 1);
	base("unsigned char", UNIQTYPE_ENC_UNSIGNED_CHAR, 1);
	base("short int", UNIQTYPE_ENC_SIGNED, 2);
	base("int", UNIQTYPE_ENC_SIGNED, 4);
	base("long unsigned int", UNIQTYPE_ENC_UNSIGNED, 8);
	base("__int128", UNIQTYPE_ENC_SIGNED, 16);
	base("_Bool", UNIQTYPE_ENC_BOOL, 1);
	base("long double", UNIQTYPE_ENC_FLOAT, 16);
	base("complex double", UNIQTYPE_ENC_COMPLEX_FLOAT, 16);
	// CHECK: base char: char size=1 kind=base
	// CHECK: base unsigned char: unsigned char size=1 kind=base
	// CHECK: base short int: short size=2 kind=base
	// CHECK: base int: int size=4 kind=base
	// CHECK: base long unsigned int: unsigned long size=8 kind=base
	// CHECK: base __int128: __int128 size=16 kind=base
	// CHECK: base _Bool: _Bool size=1 kind=base
	// CHECK: base long double: long double size=16 kind=base
	// CHECK: base complex double: complex double size=16 kind=base

	const struct uniqtype *v = allocs_uniqtype_by_identity(ac_typeid_void());
	const struct uniqtype *vp = allocs_uniqtype_by_identity(ac_typeid_pointer(ac_typeid_void()));
	printf("void: %s; void *: %s -> %s\n", allocs_type_name(v), allocs_type_name(vp),
	       vp && vp->u.ptr.pointee == v ? "void" : "WRONG");
	// CHECK: void: void; void *: void * -> void
	printf("unknown identity: %s\n", allocs_uniqtype_by_identity(0x1234) ? "WRONG" : "NULL");
	// CHECK: unknown identity: NULL

	struct allocs_info i;
	const struct uniqtype *int_t =
		allocs_uniqtype_by_identity(ac_typeid_base("int", UNIQTYPE_ENC_SIGNED, 4));
	int r = allocs_lookup(&the_int, &i);
	printf("the_int: r=%d same as root int: %s\n", r, r == 0 && i.type == int_t ? "yes" : "no");
	// META: the_int: r=0 same as root int: yes
	// NOMETA: the_int: r=-1 same as root int: no
	r = allocs_lookup(&the_pair, &i);
	const struct uniqtype *by_id = r == 0 ? allocs_uniqtype_by_identity(i.type->identity) : NULL;
	printf("the_pair: %s; by identity: %s\n", allocs_type_name(i.type),
	       by_id && by_id == i.type ? "same" : "none");
	// META: the_pair: struct pair; by identity: same
	// NOMETA: the_pair: (unknown type); by identity: none
	if (r == 0) {
		const struct uniqtype *t = i.type;
		printf("members: %u; b at %llu is %s\n", t->n,
		       (unsigned long long)t->u.agg.members[1].offset,
		       allocs_type_name(t->u.agg.members[1].type));
	}
	// META: members: 2; b at 8 is long
	return 0;
}
