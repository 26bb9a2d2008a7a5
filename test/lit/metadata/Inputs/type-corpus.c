/*
 * type-corpus.c -- one declaration of every kind of C type the meta-DSO
 * generator describes.  Run, it prints what the compiler says about them
 * (sizeof, offsetof, addresses of statics, frame offsets of locals) as
 * "LAYOUT <what> <value>" lines, for comparison with the generated
 * metadata.
 */
#include <complex.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct point { int x, y; };
struct node { int value; struct node *next; struct node *prev; };
struct opaque_thing;                      /* never completed */
union number { int i; double d; char bytes[8]; };
enum colour { RED, GREEN = 5, BLUE = -3 };
enum __attribute__((packed)) small_enum { SMALL_A = 1, SMALL_B = 200 };
typedef struct { int a; char b; } anon_typedef;
typedef const volatile unsigned long cv_ulong;

struct bits {
	unsigned a : 3;
	int b : 5;
	unsigned long c : 40;
	char d;
	_Bool e : 1;
	enum colour f : 4;
};

struct with_anon_members {
	int tag;
	union { int i; float f; };            /* anonymous union member */
	struct { short lo, hi; };             /* anonymous struct member */
	struct { char c; } named_anon;        /* anonymous type, named member */
};

struct flex { size_t n; int data[]; };
struct hack0 { int n; char data[0]; };
struct hack1 { int n; char data[1]; };
struct nested { struct point p[2]; union number u; struct node *n; char grid[2][3]; };

struct bases {
	char c; signed char sc; unsigned char uc;
	short s; unsigned short us; int i; unsigned u;
	long l; unsigned long ul; long long ll; unsigned long long ull;
	_Bool b; float f; double d; long double ld;
	float complex fc; double complex dc; long double complex ldc;
	__int128 i128; unsigned __int128 u128;
};

typedef int (*binop)(int, char *);
typedef void (*variadic_fn)(const char *, ...);
typedef int (*unprototyped_fn)();
typedef void (*noarg_fn)(void);

struct funcs { binop f1; variadic_fn f2; unprototyped_fn f3; noarg_fn f4; int (*(*f5)(int))[4]; };

/* Statics of every kind. */
struct point g_point = { 1, 2 };
struct node g_nodes[3];
struct opaque_thing *g_opaque;
union number g_number;
enum colour g_colour = BLUE;
enum small_enum g_small;
anon_typedef g_anon;
cv_ulong g_cv = 7;
struct bits g_bits;
struct with_anon_members g_anon_members;
struct flex *g_flex;
struct hack0 *g_hack0;
struct hack1 g_hack1;
struct nested g_nested;
struct bases g_bases;
struct funcs g_funcs;
int **g_intpp;
double g_matrix[2][3];
const char *g_strings[4];
void *g_void;
static int file_static = 42;
extern int declared_then_defined;
int declared_then_defined = 9;

static int add(int a, char *b) { return a + (b ? *b : 0); }

static int counter(void)
{
	static int calls;                     /* function static: "counter::calls" */
	return ++calls;
}

static void vla_user(int n)
{
	int vla[n];                           /* VLA: no fixed frame slot */
	vla[0] = n;
	printf("LAYOUT vla %d\n", vla[0]);
}

#define CFA_OFFSET(var) ((long)((char *)&(var) - (char *)__builtin_frame_address(0) - 16))

static void frame_user(int param, double dparam)
{
	struct point local_point = { param, param };
	char buffer[16];
	long scalar = (long)dparam;
	/* With frame pointers, CFA = rbp + 16 on x86-64. */
	printf("LAYOUT frame_user::param %ld\n", CFA_OFFSET(param));
	printf("LAYOUT frame_user::dparam %ld\n", CFA_OFFSET(dparam));
	printf("LAYOUT frame_user::local_point %ld\n", CFA_OFFSET(local_point));
	printf("LAYOUT frame_user::buffer %ld\n", CFA_OFFSET(buffer));
	printf("LAYOUT frame_user::scalar %ld\n", CFA_OFFSET(scalar));
	{
		int inner = param * 2;        /* nested lexical block */
		printf("LAYOUT frame_user::inner %ld\n", CFA_OFFSET(inner));
	}
}

#define SZ(T) printf("LAYOUT sizeof(%s) %zu\n", #T, sizeof(T))
#define OFF(T, m) printf("LAYOUT offsetof(%s,%s) %zu\n", #T, #m, offsetof(T, m))
#define ADDR(v) printf("LAYOUT &%s %p\n", #v, (void *)&(v))

int main(void)
{
	SZ(struct point); OFF(struct point, y);
	SZ(struct node); OFF(struct node, next); OFF(struct node, prev);
	SZ(union number);
	SZ(enum colour); SZ(enum small_enum);
	SZ(anon_typedef); OFF(anon_typedef, b);
	SZ(struct bits); OFF(struct bits, d);
	SZ(struct with_anon_members); OFF(struct with_anon_members, i);
	OFF(struct with_anon_members, lo); OFF(struct with_anon_members, hi);
	OFF(struct with_anon_members, named_anon);
	SZ(struct flex); OFF(struct flex, data);
	SZ(struct hack0); SZ(struct hack1); OFF(struct hack1, data);
	SZ(struct nested); OFF(struct nested, u); OFF(struct nested, n); OFF(struct nested, grid);
	SZ(struct bases); OFF(struct bases, ld); OFF(struct bases, ldc); OFF(struct bases, i128);
	SZ(struct funcs); OFF(struct funcs, f5);
	ADDR(g_point); ADDR(g_nodes); ADDR(g_matrix); ADDR(file_static);
	ADDR(declared_then_defined); ADDR(g_bits);
	frame_user(3, 2.5);
	vla_user(2);
	g_funcs.f1 = add;
	printf("LAYOUT calls %d %d\n", counter(), file_static);
	return 0;
}
