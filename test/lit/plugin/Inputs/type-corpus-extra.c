/*
 * type-corpus-extra.c -- the corner cases of the type identity contract
 * (docs/type-identity.md) beyond test/lit/metadata/Inputs/type-corpus.c:
 * the places where GCC trees and GCC's DWARF could plausibly disagree.
 * Every type is given to a file-scope variable so that its DWARF is
 * emitted and the meta-DSO lists it as a static.
 */
#include <stddef.h>
#include <wchar.h>
#include <uchar.h>
#include <stdarg.h>

/* Constants GCC writes in DWARF fixed-size data forms, where a reader that
 * sign-extends them gets them wrong: positive enumerators of a signed enum
 * (200 is DW_FORM_data1 0xc8) and array upper bounds (char[200] has upper
 * bound 199, DW_FORM_data1 0xc7).  Only with -DDWARF_DATA_FORMS:
 * type-identity-data-forms.c. */
#ifdef DWARF_DATA_FORMS
enum mixed_sign { MS_NEG = -1, MS_200 = 200, MS_40000 = 40000, MS_BIG = 2147483647 };
enum mixed_sign g_mixed_sign;
struct with_mixed_sign { enum mixed_sign (*take_enum)(enum mixed_sign *); } g_with_mixed_sign;
char g_buf200[200];
int g_big[40000];
struct with_buffer { int len; char space[200]; } g_with_buffer;
#endif

/* Enumerators: huge unsigned values, negative ones in wide and narrow
 * enums. */
enum wide_unsigned { WU_TOP = 0x80000000u, WU_ONE = 1 };
enum huge { HUGE_MAX = 0xffffffffffffffffull };
enum negative_wide { NW_MIN = -0x7fffffffffffffffll - 1, NW_MAX = 0x7fffffffffffffffll };
enum __attribute__((packed)) packed_signed { PS_NEG = -100, PS_POS = 100 };
enum wide_unsigned g_wide_unsigned;
enum huge g_huge;
enum negative_wide g_negative_wide;
enum packed_signed g_packed_signed;
enum { ANON_ENUM_A, ANON_ENUM_B } g_anon_enum;
enum forward_enum;                        /* GNU extension: incomplete enum */
enum forward_enum *g_forward_enum;

/* Bit-fields of every shape. */
struct bitfield_shapes {
	int full : 32;                        /* natural size and alignment */
	unsigned : 3;                         /* unnamed */
	unsigned named : 5;
	int : 0;                              /* zero width: alignment only */
	char ch : 4;
	long long wide : 60;
	_Bool flag : 1;
	unsigned long straddle : 33;
};
struct __attribute__((packed)) packed_bits {
	char c;
	unsigned int u : 20;
	unsigned int v : 20;
};
struct bitfield_shapes g_bitfield_shapes;
struct packed_bits g_packed_bits;

/* Layout attributes. */
struct __attribute__((packed)) packed { char c; int i; double d; };
struct aligned { char c; int i __attribute__((aligned(32))); };
struct packed g_packed;
struct aligned g_aligned;

/* Base types GCC names in more than one way. */
_Complex int g_complex_int;
_Complex unsigned short g_complex_ushort;
_Float128 g_float128;
__float128 g_gnu_float128;
_Float32 g_float32;
_Float64x g_float64x;
__int128 g_int128;
wchar_t g_wchar;
char16_t g_char16;
char32_t g_char32;
_Atomic int g_atomic;
_Atomic struct atomic_pair { int a, b; } g_atomic_pair;
volatile const short g_cvshort;
signed g_signed;
unsigned g_unsigned;
long unsigned g_long_unsigned;

/* Vector types (DWARF: arrays flagged DW_AT_GNU_vector). */
typedef int v4si __attribute__((vector_size(16)));
typedef float v8sf __attribute__((vector_size(32)));
v4si g_v4si;
v8sf g_v8sf;

/* Arrays. */
int g_zero[0];
int g_3d[2][3][4];
struct multi_flex { int n; int rows[][3]; };
struct multi_flex *g_multi_flex;
struct zero_mid { int a[0]; int b; };
struct zero_mid g_zero_mid;
const char *const g_const_strings[2] = { "a", "b" };
char (*g_ptr_to_array)[10];
extern int g_unsized[];
int g_unsized[5];

/* Pointers to anonymous aggregates and to incomplete tags. */
typedef struct { int x; struct { char y; } inner; } anon_outer;
anon_outer *g_anon_ptr;
anon_outer **g_anon_pp;
union { int i; char c[4]; } *g_anon_union_ptr;
struct never_defined;
struct never_defined **g_never_pp;
struct defined_late;
struct defined_late *g_defined_late_ptr;
struct later_complete { struct defined_late *p; } g_later_complete;
struct defined_late { int late; };
struct defined_late g_defined_late;

/* Self and mutual reference, through typedefs and qualifiers. */
typedef struct list list_t;
struct list { const list_t *next; volatile struct list *prev; list_t *const *handle; };
list_t g_list;
struct ping; struct pong;
struct ping { struct pong *pong; };
struct pong { struct ping *ping; };
struct ping g_ping;

/* Unions containing aggregates and arrays. */
union mixed { struct { short a, b; } pair; long l; char bytes[3]; double d[2]; };
union mixed g_mixed;

/* Function types. */
struct callbacks {
	void (*take_struct)(struct defined_late);
	struct point_by_value { int x, y; } (*ret_struct)(void);
	int (*take_array)(int a[10], char b[]);
	void (*take_func)(void f(int));
	int (*old_style)();
	double (*variadic)(int, ...);
	void (*qualified)(const int, volatile char *restrict);
	_Bool (*take_bool)(_Bool, float, long double);
	enum wide_unsigned (*take_enum)(enum wide_unsigned *);
	anon_outer *(*ret_anon)(anon_outer);
};
struct callbacks g_callbacks;
int (*g_fp_array[3])(void);
void (*(*g_fp_returning_fp)(int))(char);

/* Nested, anonymous and deep structs. */
struct deep {
	struct { struct { struct { int x; } c; } b; } a;
	union { struct { int p, q; }; long pq; };
	struct point_by_value arr[2][2];
};
struct deep g_deep;

/* A struct whose tag is shared with a typedef of another struct. */
typedef struct defined_late point_alias;
point_alias g_point_alias;

/* Pointer to void qualified at several levels. */
const void *volatile *const g_cvpp;

/* va_list: on x86-64 an array of the compiler-built `struct __va_list_tag`
 * (named by a TYPE_DECL, not a tag identifier); a pointer as a parameter. */
int (*g_vprintf_like)(const char *, va_list);
va_list *g_valist_ptr;
struct holds_va_list { int n; va_list ap; } g_holds_va_list;

/* Empty struct (GNU extension): size 0. */
struct empty {};
struct empty g_empty;
struct with_empty { int a; struct empty e; int b; };
struct with_empty g_with_empty;

int main(void) { return 0; }
