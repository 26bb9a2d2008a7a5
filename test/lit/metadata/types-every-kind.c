// REQUIRES: meta, dump
// Every kind of C type, described member by member in the meta-DSO exactly
// as the compiler lays it out.  The program prints the dump blocks it
// expects, with every size, offset and bit position taken from
// sizeof/offsetof or measured on a real object; the type names are the
// canonical spellings (typedefs and qualifiers stripped).
// RUN: %cc -o %t %s
// RUN: %t > %t.expected
// RUN: %meta %t -o %t.meta.so
// RUN: %dump --types %t.meta.so > %t.dump
// RUN: %dump-contains %t.expected %t.dump
//
// A relocatable object of the same source describes the same types.
// RUN: %cc -c -o %t.o %s
// RUN: %dump --types %t.o > %t.o.dump
// RUN: %dump-contains %t.expected %t.o.dump
//
// Optimisation does not change the types.
// RUN: %cc -O2 -o %t.O2 %s
// RUN: %meta %t.O2 -o %t.O2.meta.so
// RUN: %dump --types %t.O2.meta.so > %t.O2.dump
// RUN: %dump-contains %t.expected %t.O2.dump

#include <complex.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ---- declarations: one of each kind ---- */

struct bases {
	char c; signed char sc; unsigned char uc;
	short s; unsigned short us;
	int i; unsigned u;
	long l; unsigned long ul;
	long long ll; unsigned long long ull;
	__int128 i128; unsigned __int128 u128;
	_Bool b;
	float f; double d; long double ld;
	float complex fc; double complex dc; long double complex ldc;
};

enum colour { RED, GREEN = 5, BLUE = 7 };                 /* unsigned int */
enum sign { NEGATIVE = -3, ZERO, POSITIVE = 3 };          /* int */
enum __attribute__((packed)) tiny { TINY_A = 1, TINY_B = 200 };
enum wide { WIDE_SMALL = 1, WIDE_BIG = 0x100000000L };    /* 8 bytes */

typedef const volatile unsigned long cv_ulong;            /* stripped */
typedef struct tagged_by_typedef { int a; char b; } tbt;

struct bits {
	unsigned a : 3;
	int b : 5;
	unsigned long c : 40;
	char d;
	_Bool e : 1;
	enum colour f : 4;
	unsigned : 0;          /* unnamed: no member */
	unsigned g : 10;
	unsigned h : 10;       /* straddles a byte boundary */
};

struct anon_members {
	int tag;
	union { int i; float f; };            /* anonymous union member */
	struct { short lo, hi; };             /* anonymous struct member */
	struct { char c; } named;             /* anonymous type, named member */
};

struct flex { size_t n; int data[]; };
struct hack0 { int n; char data[0]; };
struct hack1 { int n; char data[1]; };

struct node { int value; struct node *next; struct node **prevp; };
struct incomplete;                                          /* never completed */
union incomplete_u;
struct uses_incomplete { struct incomplete *p; union incomplete_u *u; };

struct point { int x, y; };
struct nested {
	struct point p[2];
	struct point grid[2][3];
	double matrix[3][4][5];
	char name[7];
	cv_ulong cv;
	tbt t;
	const char *const *strings;
	void *opaque;
	void **outp;
	int ***ppp;
};

union number { int i; double d; char bytes[12]; struct point pt; };

typedef int (*binop)(int, char *);
typedef void (*variadic_fn)(const char *, ...);
typedef int (*unprototyped_fn)();
typedef void (*noarg_fn)(void);
struct funcs {
	binop f1;
	variadic_fn f2;
	unprototyped_fn f3;
	noarg_fn f4;
	int (*(*f5)(int))[4];                 /* pointer to function returning pointer to array */
	struct point (*f6)(struct point, double, ...);
};

/* A VLA's element type: the VLA itself has no static count. */
struct vla_elem { short s[3]; };

struct bases g_bases;
enum colour g_colour;
enum sign g_sign;
enum tiny g_tiny;
enum wide g_wide;
struct bits g_bits;
struct anon_members g_anon;
struct flex *g_flex;
struct hack0 *g_hack0;
struct hack1 g_hack1;
struct node g_node;
struct uses_incomplete g_uses_incomplete;
struct nested g_nested;
union number g_number;
struct funcs g_funcs;

static int sum_vla(int n)
{
	struct vla_elem vla[n];
	memset(vla, 0, sizeof vla);
	return vla[n - 1].s[0] + (int)sizeof vla;
}

/* ---- printing the expected dump ---- */

#define MSIZE(T, m) sizeof(((T *)0)->m)
#define HEAD(name, size, rest) printf("type %s size %zu %s\n", name, (size_t)(size), rest)
#define BASE(T, name, enc) printf("type %s size %zu base %s\n", name, sizeof(T), enc)
#define AGG(T, name, kind, n, flags) \
	printf("type %s size %zu %s %d members%s\n", name, sizeof(T), kind, n, flags)
#define MEMBER(T, m, tname) \
	printf("  member %s offset %zu size %zu type %s\n", #m, offsetof(T, m), MSIZE(T, m), tname)
#define FLEXMEMBER(T, m, tname) \
	printf("  member %s offset %zu size ? type %s\n", #m, offsetof(T, m), tname)
/* An anonymous member, located by its first member, sized by a replica. */
#define ANON(T, first, size, tname) \
	printf("  member (anonymous) offset %zu size %zu type %s\n", offsetof(T, first), \
	       (size_t)(size), tname)
#define ENUMERATOR(e) printf("  enumerator %s = %lld\n", #e, (long long)(e))

/* A bit-field's position, measured: set all its bits in a zeroed object
 * and find them.  The dump gives the byte offset of the storage unit of the
 * declared type that holds its first bit (the first bit's byte if the field
 * straddles such units) and the bit position from there. */
#define BITFIELD(T, m, unit_t, tname) do {                                   \
	T obj_;                                                              \
	memset(&obj_, 0, sizeof obj_);                                       \
	obj_.m = ~0;                                                         \
	print_bitfield(#m, (unsigned char *)&obj_, sizeof obj_, sizeof(unit_t), tname); \
} while (0)

static void print_bitfield(const char *name, const unsigned char *p, size_t size,
			   size_t unit, const char *tname)
{
	size_t first = (size_t)-1, width = 0;
	for (size_t bit = 0; bit < size * 8; bit++)
		if (p[bit / 8] >> (bit % 8) & 1) {
			if (first == (size_t)-1)
				first = bit;
			width++;
		}
	size_t off = first / (unit * 8) * unit;
	if (first - off * 8 + width > unit * 8)
		off = first / 8;
	printf("  member %s offset %zu bits %zu:%zu size %zu type %s\n",
	       name, off, first - off * 8, width, unit, tname);
}

int main(void)
{
	/* Base types: canonical C names and encodings. */
	BASE(char, "char", "signed-char");
	BASE(signed char, "signed char", "signed-char");
	BASE(unsigned char, "unsigned char", "unsigned-char");
	BASE(short, "short", "signed");
	BASE(unsigned short, "unsigned short", "unsigned");
	BASE(int, "int", "signed");
	BASE(unsigned, "unsigned int", "unsigned");
	BASE(long, "long", "signed");
	BASE(unsigned long, "unsigned long", "unsigned");
	BASE(long long, "long long", "signed");
	BASE(unsigned long long, "unsigned long long", "unsigned");
	BASE(__int128, "__int128", "signed");
	BASE(unsigned __int128, "unsigned __int128", "unsigned");
	BASE(_Bool, "_Bool", "bool");
	BASE(float, "float", "float");
	BASE(double, "double", "float");
	BASE(long double, "long double", "float");
	BASE(float complex, "complex float", "complex-float");
	BASE(double complex, "complex double", "complex-float");
	BASE(long double complex, "complex long double", "complex-float");
	HEAD("void", 0, "void");

	AGG(struct bases, "struct bases", "struct", 20, "");
	MEMBER(struct bases, c, "char");
	MEMBER(struct bases, sc, "signed char");
	MEMBER(struct bases, uc, "unsigned char");
	MEMBER(struct bases, s, "short");
	MEMBER(struct bases, us, "unsigned short");
	MEMBER(struct bases, i, "int");
	MEMBER(struct bases, u, "unsigned int");
	MEMBER(struct bases, l, "long");
	MEMBER(struct bases, ul, "unsigned long");
	MEMBER(struct bases, ll, "long long");
	MEMBER(struct bases, ull, "unsigned long long");
	MEMBER(struct bases, i128, "__int128");
	MEMBER(struct bases, u128, "unsigned __int128");
	MEMBER(struct bases, b, "_Bool");
	MEMBER(struct bases, f, "float");
	MEMBER(struct bases, d, "double");
	MEMBER(struct bases, ld, "long double");
	MEMBER(struct bases, fc, "complex float");
	MEMBER(struct bases, dc, "complex double");
	MEMBER(struct bases, ldc, "complex long double");

	/* Enums: the underlying type is the one the compiler chose. */
	HEAD("enum colour", sizeof(enum colour),
	     (enum colour)-1 < 0 ? "enum of int 3 enumerators" : "enum of unsigned int 3 enumerators");
	ENUMERATOR(RED); ENUMERATOR(GREEN); ENUMERATOR(BLUE);
	HEAD("enum sign", sizeof(enum sign), "enum of int 3 enumerators");
	ENUMERATOR(NEGATIVE); ENUMERATOR(ZERO); ENUMERATOR(POSITIVE);
	HEAD("enum tiny", sizeof(enum tiny), "enum of unsigned char 2 enumerators");
	ENUMERATOR(TINY_A); ENUMERATOR(TINY_B);
	HEAD("enum wide", sizeof(enum wide), "enum of unsigned long 2 enumerators");
	ENUMERATOR(WIDE_SMALL); ENUMERATOR(WIDE_BIG);

	/* Bit-fields, including one straddling a byte, and an unnamed :0. */
	AGG(struct bits, "struct bits", "struct", 8, " (has-bitfields)");
	BITFIELD(struct bits, a, unsigned, "unsigned int");
	BITFIELD(struct bits, b, int, "int");
	BITFIELD(struct bits, c, unsigned long, "unsigned long");
	/* Members are listed by position: f packs into the int unit at 4,
	 * ahead of d and e. */
	BITFIELD(struct bits, f, enum colour, "enum colour");
	MEMBER(struct bits, d, "char");
	BITFIELD(struct bits, e, _Bool, "_Bool");
	BITFIELD(struct bits, g, unsigned, "unsigned int");
	BITFIELD(struct bits, h, unsigned, "unsigned int");

	/* Anonymous members and anonymous types. */
	AGG(struct anon_members, "struct anon_members", "struct", 4, "");
	MEMBER(struct anon_members, tag, "int");
	ANON(struct anon_members, i, sizeof(union { int i; float f; }), "union <anon>");
	ANON(struct anon_members, lo, sizeof(struct { short lo, hi; }), "struct <anon>");
	MEMBER(struct anon_members, named, "struct <anon>");

	/* Flexible array members and the old [0]/[1] struct hacks, which are
	 * flagged the same way (a trailing array bounded by the allocation). */
	AGG(struct flex, "struct flex", "struct", 2, " (has-flexible)");
	MEMBER(struct flex, n, "unsigned long");
	FLEXMEMBER(struct flex, data, "int[]");
	printf("type int[] size ? array of int count ? (flexible)\n");
	AGG(struct hack0, "struct hack0", "struct", 2, " (has-flexible)");
	MEMBER(struct hack0, n, "int");
	MEMBER(struct hack0, data, "char[0]");
	AGG(struct hack1, "struct hack1", "struct", 2, " (has-flexible)");
	MEMBER(struct hack1, n, "int");
	MEMBER(struct hack1, data, "char[1]");

	/* Recursive and incomplete types. */
	AGG(struct node, "struct node", "struct", 3, "");
	MEMBER(struct node, value, "int");
	MEMBER(struct node, next, "struct node *");
	MEMBER(struct node, prevp, "struct node **");
	HEAD("struct node *", sizeof(struct node *), "pointer to struct node");
	HEAD("struct node **", sizeof(struct node **), "pointer to struct node *");
	AGG(struct uses_incomplete, "struct uses_incomplete", "struct", 2, "");
	MEMBER(struct uses_incomplete, p, "struct incomplete *");
	MEMBER(struct uses_incomplete, u, "union incomplete_u *");
	printf("type struct incomplete size ? opaque struct\n");
	printf("type union incomplete_u size ? opaque union\n");

	/* Nesting, multi-dimensional arrays, multi-level pointers,
	 * qualifiers and typedefs stripped. */
	AGG(struct point, "struct point", "struct", 2, "");
	MEMBER(struct point, x, "int");
	MEMBER(struct point, y, "int");
	AGG(struct nested, "struct nested", "struct", 10, "");
	MEMBER(struct nested, p, "struct point[2]");
	MEMBER(struct nested, grid, "struct point[2][3]");
	MEMBER(struct nested, matrix, "double[3][4][5]");
	MEMBER(struct nested, name, "char[7]");
	MEMBER(struct nested, cv, "unsigned long");
	MEMBER(struct nested, t, "struct tagged_by_typedef");
	MEMBER(struct nested, strings, "char **");
	MEMBER(struct nested, opaque, "void *");
	MEMBER(struct nested, outp, "void **");
	MEMBER(struct nested, ppp, "int ***");
	AGG(struct tagged_by_typedef, "struct tagged_by_typedef", "struct", 2, "");
	MEMBER(struct tagged_by_typedef, a, "int");
	MEMBER(struct tagged_by_typedef, b, "char");
	HEAD("struct point[2]", sizeof(struct point[2]), "array of struct point count 2");
	HEAD("struct point[2][3]", sizeof(struct point[2][3]), "array of struct point[3] count 2");
	HEAD("struct point[3]", sizeof(struct point[3]), "array of struct point count 3");
	HEAD("double[3][4][5]", sizeof(double[3][4][5]), "array of double[4][5] count 3");
	HEAD("double[4][5]", sizeof(double[4][5]), "array of double[5] count 4");
	HEAD("double[5]", sizeof(double[5]), "array of double count 5");
	HEAD("char[7]", 7, "array of char count 7");
	HEAD("char **", sizeof(char **), "pointer to char *");
	HEAD("char *", sizeof(char *), "pointer to char");
	HEAD("void **", sizeof(void **), "pointer to void *");
	HEAD("void *", sizeof(void *), "pointer to void");
	HEAD("int ***", sizeof(int ***), "pointer to int **");
	HEAD("int **", sizeof(int **), "pointer to int *");
	HEAD("int *", sizeof(int *), "pointer to int");

	/* Unions. */
	AGG(union number, "union number", "union", 4, "");
	MEMBER(union number, i, "int");
	MEMBER(union number, d, "double");
	MEMBER(union number, bytes, "char[12]");
	MEMBER(union number, pt, "struct point");

	/* Function types and pointers to them: prototyped, variadic,
	 * unprototyped, no arguments, returning pointers, taking structs. */
	AGG(struct funcs, "struct funcs", "struct", 6, "");
	MEMBER(struct funcs, f1, "int (*)(int, char *)");
	MEMBER(struct funcs, f2, "void (*)(char *, ...)");
	MEMBER(struct funcs, f3, "int (*)()");
	MEMBER(struct funcs, f4, "void (*)(void)");
	MEMBER(struct funcs, f5, "int (*(*)(int))[4]");
	MEMBER(struct funcs, f6, "struct point (*)(struct point, double, ...)");
	printf("type int (int, char *) size 0 function returning int 2 params\n"
	       "  param int\n  param char *\n");
	printf("type void (char *, ...) size 0 function returning void 1 params (variadic)\n"
	       "  param char *\n");
	printf("type int () size 0 function returning int 0 params (unprototyped)\n");
	printf("type void (void) size 0 function returning void 0 params\n");
	printf("type int (*(int))[4] size 0 function returning int (*)[4] 1 params\n"
	       "  param int\n");
	HEAD("int (*)[4]", sizeof(int (*)[4]), "pointer to int[4]");
	HEAD("int[4]", sizeof(int[4]), "array of int count 4");
	printf("type struct point (struct point, double, ...) size 0 function returning "
	       "struct point 2 params (variadic)\n  param struct point\n  param double\n");

	/* A VLA: element type known, count not. */
	printf("type struct vla_elem[] size ? array of struct vla_elem count ? (flexible)\n");
	AGG(struct vla_elem, "struct vla_elem", "struct", 1, "");
	MEMBER(struct vla_elem, s, "short[3]");

	return sum_vla(2) == 0;
}
