/*
 * root-types.c -- the types that exist in every process, with or without
 * meta-DSOs: void, the C base types of x86-64 (GCC's spellings made
 * canonical by type-identity.c) and `void *`.
 *
 * Their identities are computed with the same functions the generator and
 * the plugin use, so a meta-DSO's `int` interns onto the root `int` (the
 * structural compare in type-intern.c checks that the generator agrees with
 * the sizes and encodings below).
 */
#include "type-intern.h"
#include "type-identity.h"

struct base_spec {
	const char *name;        /* as GCC names it in DWARF */
	unsigned encoding;
	unsigned size;
};

/* x86-64 System V: char is signed; long double is the 80-bit x87 format in
 * 16 bytes; __int128 and the _FloatN types exist. */
static const struct base_spec base_specs[] = {
	{ "char",                   UNIQTYPE_ENC_SIGNED_CHAR,   1 },
	{ "signed char",            UNIQTYPE_ENC_SIGNED_CHAR,   1 },
	{ "unsigned char",          UNIQTYPE_ENC_UNSIGNED_CHAR, 1 },
	{ "short int",              UNIQTYPE_ENC_SIGNED,        2 },
	{ "short unsigned int",     UNIQTYPE_ENC_UNSIGNED,      2 },
	{ "int",                    UNIQTYPE_ENC_SIGNED,        4 },
	{ "unsigned int",           UNIQTYPE_ENC_UNSIGNED,      4 },
	{ "long int",               UNIQTYPE_ENC_SIGNED,        8 },
	{ "long unsigned int",      UNIQTYPE_ENC_UNSIGNED,      8 },
	{ "long long int",          UNIQTYPE_ENC_SIGNED,        8 },
	{ "long long unsigned int", UNIQTYPE_ENC_UNSIGNED,      8 },
	{ "__int128",               UNIQTYPE_ENC_SIGNED,        16 },
	{ "__int128 unsigned",      UNIQTYPE_ENC_UNSIGNED,      16 },
	{ "_Bool",                  UNIQTYPE_ENC_BOOL,          1 },
	{ "float",                  UNIQTYPE_ENC_FLOAT,         4 },
	{ "double",                 UNIQTYPE_ENC_FLOAT,         8 },
	{ "long double",            UNIQTYPE_ENC_FLOAT,         16 },
	{ "_Float32",               UNIQTYPE_ENC_FLOAT,         4 },
	{ "_Float64",               UNIQTYPE_ENC_FLOAT,         8 },
	{ "_Float128",              UNIQTYPE_ENC_FLOAT,         16 },
	{ "_Float32x",              UNIQTYPE_ENC_FLOAT,         8 },
	{ "_Float64x",              UNIQTYPE_ENC_FLOAT,         16 },
	{ "complex float",          UNIQTYPE_ENC_COMPLEX_FLOAT, 8 },
	{ "complex double",         UNIQTYPE_ENC_COMPLEX_FLOAT, 16 },
	{ "complex long double",    UNIQTYPE_ENC_COMPLEX_FLOAT, 32 },
};

#define NBASE (sizeof base_specs / sizeof base_specs[0])

/* Static storage: the roots need no allocator and exist from the start. */
static struct uniqtype base_types[NBASE];
static struct uniqtype void_type, void_ptr_type;

void root_types_install(void (*insert)(const struct uniqtype *))
{
	void_type.identity = ac_typeid_void();
	void_type.size = 0;
	void_type.kind = UNIQTYPE_VOID;
	void_type.name = "void";
	insert(&void_type);

	for (unsigned i = 0; i < NBASE; i++) {
		struct uniqtype *t = &base_types[i];
		t->identity = ac_typeid_base(base_specs[i].name, base_specs[i].encoding,
					     base_specs[i].size);
		t->size = base_specs[i].size;
		t->kind = UNIQTYPE_BASE;
		t->name = ac_canonical_base_name(base_specs[i].name);
		t->u.base.encoding = base_specs[i].encoding;
		insert(t);
	}

	void_ptr_type.identity = ac_typeid_pointer(void_type.identity);
	void_ptr_type.size = 8;
	void_ptr_type.kind = UNIQTYPE_POINTER;
	void_ptr_type.name = "void *";
	void_ptr_type.u.ptr.pointee = &void_type;
	insert(&void_ptr_type);
}
