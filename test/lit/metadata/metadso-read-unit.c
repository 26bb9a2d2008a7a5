// Unit test of the meta-DSO reader core (metadso-read.c, meta-paths.c):
// hand-built blobs, each corruption the validator must catch with its
// specific error, the ELF section finder, address lookups, search roots and
// build-id notes.  Self-contained: compiles the two sources directly.
//
// RUN: %cc -I%S/../../../include %s %S/../../../metadata/metadso-read.c %S/../../../metadata/meta-paths.c -o %t
// RUN: %t | FileCheck %s
// CHECK: metadso-read-unit: all {{[0-9]+}} checks passed
//
// With a directory argument it also writes fuzzing seeds there (the valid
// blob raw, and wrapped in a minimal ELF file): metadata/fuzz/run.sh uses it.
#include "metadso-read.h"
#include "meta-paths.h"
#include "uniqtype.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nchecks, nfail;

#define CHECK(cond)                                                            \
	do {                                                                   \
		nchecks++;                                                     \
		if (!(cond)) {                                                 \
			nfail++;                                               \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}                                                              \
	} while (0)

/* ---- a hand-made blob ------------------------------------------------------ */

static _Alignas(8) uint8_t blob[16384];
static size_t blob_len;

static struct acmeta_header *H(void) { return (struct acmeta_header *)blob; }

static void add_table(int id, const void *data, uint32_t count, uint32_t entsize)
{
	blob_len = (blob_len + 7) & ~(size_t)7;
	H()->tables[id].offset = blob_len;
	H()->tables[id].count = count;
	H()->tables[id].entsize = entsize;
	memcpy(blob + blob_len, data, (size_t)count * entsize);
	blob_len += (size_t)count * entsize;
}

/* String table: offsets found by stroff(). */
static const char strtab[] =
	"\0int\0struct point\0x\0y\0counter\0main\0buf\0argc\0enum color\0RED\0"
	"GREEN\0int *\0int[4]\0prog\0char\0char[16]\0int (int)\0struct node\0origin";

static uint32_t S(const char *s)
{
	for (uint32_t i = 0; i < sizeof strtab; i += strlen(strtab + i) + 1)
		if (!strcmp(strtab + i, s))
			return i;
	abort();
}

/* Type indices. */
enum { T_INT, T_POINT, T_COLOR, T_INTP, T_INT4, T_CHAR, T_CHAR16, T_FN, T_NODE, NT };

static void build_blob(uint32_t types_entsize)
{
	struct acmeta_type types[NT] = {
		[T_INT] = { 0x1111, 4, UNIQTYPE_BASE, 0, 0, S("int"), 0, UNIQTYPE_ENC_SIGNED, 0 },
		[T_POINT] = { 0x2222, 8, UNIQTYPE_STRUCT, 0, 2, S("struct point"), 0, 0, 0 },
		[T_COLOR] = { 0x3333, 4, UNIQTYPE_ENUM, 0, 2, S("enum color"), 0, T_INT, 0 },
		[T_INTP] = { 0x4444, 8, UNIQTYPE_POINTER, 0, 0, S("int *"), 0, T_INT, 0 },
		[T_INT4] = { 0x5555, 16, UNIQTYPE_ARRAY, 0, 4, S("int[4]"), 0, T_INT, 0 },
		[T_CHAR] = { 0x6666, 1, UNIQTYPE_BASE, 0, 0, S("char"), 0, UNIQTYPE_ENC_SIGNED_CHAR, 0 },
		[T_CHAR16] = { 0x7777, 16, UNIQTYPE_ARRAY, 0, 16, S("char[16]"), 0, T_CHAR, 0 },
		[T_FN] = { 0x8888, 0, UNIQTYPE_FUNCTION, 0, 1, S("int (int)"), 0, T_INT, 0 },
		[T_NODE] = { 0x9999, UNIQTYPE_SIZE_UNKNOWN, UNIQTYPE_OPAQUE, 0, 0,
			     S("struct node"), 0, UNIQTYPE_STRUCT, 0 },
	};
	struct acmeta_member members[] = {
		{ 0, 0, 0, T_INT, S("x") }, { 4, 0, 0, T_INT, S("y") },
	};
	struct acmeta_enumerator enums[] = { { 0, S("RED"), 0 }, { 1, S("GREEN"), 0 } };
	uint32_t params[] = { T_INT };
	struct acmeta_static statics[] = {
		{ 0x4010, 4, T_INT, S("counter") }, { 0x4020, 8, T_POINT, S("origin") },
	};
	struct acmeta_frame frames[] = { { 0x1139, 0x11a0, S("main"), 0, 2, 0 } };
	struct acmeta_local locals[] = {
		{ -32, 16, 0, 0, T_CHAR16, S("buf"), 0, 0 },
		{ -52, 4, 0, 0, T_INT, S("argc"), ACMETA_LOCAL_PARAM, 0 },
	};
	struct acmeta_allocsite sites[] = {
		{ 0x1150, T_POINT, ACMETA_SITE_ARRAY }, { 0x1160, ACMETA_NONE, ACMETA_SITE_UNTYPED },
	};
	static _Alignas(8) uint8_t wide[NT * 64];

	memset(blob, 0, sizeof blob);
	memcpy(H()->magic, ACMETA_MAGIC, ACMETA_MAGIC_LEN);
	H()->version = ACMETA_VERSION;
	H()->header_size = sizeof(struct acmeta_header);
	H()->flags = ACMETA_F_PIC;
	H()->build_id_len = 20;
	for (int i = 0; i < 20; i++)
		H()->build_id[i] = (uint8_t)(0xa0 + i);
	H()->binary_name = S("prog");
	H()->vaddr_lo = 0;
	H()->vaddr_hi = 0x5000;
	blob_len = sizeof(struct acmeta_header);

	/* A newer writer's wider entries: our fields first, then padding. */
	memset(wide, 0xee, sizeof wide);
	for (int i = 0; i < NT; i++)
		memcpy(wide + (size_t)i * types_entsize, &types[i], sizeof types[i]);
	add_table(ACMETA_T_TYPES, wide, NT, types_entsize);
	add_table(ACMETA_T_MEMBERS, members, 2, sizeof members[0]);
	add_table(ACMETA_T_ENUMERATORS, enums, 2, sizeof enums[0]);
	add_table(ACMETA_T_PARAMS, params, 1, sizeof params[0]);
	add_table(ACMETA_T_STATICS, statics, 2, sizeof statics[0]);
	add_table(ACMETA_T_FRAMES, frames, 1, sizeof frames[0]);
	add_table(ACMETA_T_LOCALS, locals, 2, sizeof locals[0]);
	add_table(ACMETA_T_SITES, sites, 2, sizeof sites[0]);
	add_table(ACMETA_T_STRINGS, strtab, sizeof strtab, 1);
	blob_len = (blob_len + 7) & ~(size_t)7;
	H()->total_size = blob_len;
}

/* Pointer to entry i of table t in the raw blob, for corrupting it. */
static void *ent(int t, uint32_t i)
{
	return blob + H()->tables[t].offset + (size_t)i * H()->tables[t].entsize;
}

static int validate(struct acmeta_status *st)
{
	return acmeta_validate(blob, blob_len, st);
}

#define EXPECT_ERR(mutation, code)                                             \
	do {                                                                   \
		struct acmeta_status st_;                                      \
		build_blob(sizeof(struct acmeta_type));                        \
		mutation;                                                      \
		int e_ = validate(&st_);                                       \
		CHECK(e_ == (code));                                           \
		CHECK(st_.err == e_);                                          \
		if (e_ != (code))                                              \
			printf("  got %d (%s) for: %s\n", e_, st_.msg, #mutation); \
		CHECK((code) == ACMETA_OK ? st_.msg[0] == 0 : st_.msg[0] != 0); \
	} while (0)

static void test_valid(void)
{
	struct acmeta_view v;
	struct acmeta_status st;

	for (uint32_t es = sizeof(struct acmeta_type); es <= sizeof(struct acmeta_type) + 16; es += 8) {
		build_blob(es);
		CHECK(acmeta_open(&v, blob, blob_len, &st) == 0);
		CHECK(st.err == 0 && st.msg[0] == 0);
		CHECK(v.count[ACMETA_T_TYPES] == NT);
		CHECK(acmeta_type(&v, T_NODE)->identity == 0x9999);
		CHECK(!strcmp(acmeta_type_name(&v, T_CHAR16), "char[16]"));
		CHECK(!strcmp(acmeta_type_name(&v, ACMETA_NONE), "?"));
		CHECK(!strcmp(acmeta_string(&v, acmeta_member(&v, 1)->name), "y"));
		CHECK(acmeta_enumerator(&v, 1)->value == 1);
		CHECK(acmeta_param(&v, 0) == T_INT);
		CHECK(acmeta_local(&v, 1)->cfa_offset == -52);
	}
	/* section padding beyond total_size is fine */
	build_blob(sizeof(struct acmeta_type));
	CHECK(acmeta_open(&v, blob, blob_len + 64, &st) == 0);

	/* lookups */
	CHECK(acmeta_open(&v, blob, blob_len, &st) == 0);
	CHECK(acmeta_find_static(&v, 0x100) == ACMETA_NONE);
	CHECK(acmeta_find_static(&v, 0x4010) == 0);
	CHECK(acmeta_find_static(&v, 0x4013) == 0);
	CHECK(acmeta_find_static(&v, 0x4014) == ACMETA_NONE);
	CHECK(acmeta_find_static(&v, 0x4020) == 1);
	CHECK(acmeta_find_static(&v, 0x4027) == 1);
	CHECK(acmeta_find_static(&v, 0x4028) == ACMETA_NONE);
	CHECK(acmeta_find_frame(&v, 0x1138) == ACMETA_NONE);
	CHECK(acmeta_find_frame(&v, 0x1139) == 0);
	CHECK(acmeta_find_frame(&v, 0x119f) == 0);
	CHECK(acmeta_find_frame(&v, 0x11a0) == ACMETA_NONE);
	CHECK(acmeta_find_site(&v, 0x1150) == 0);
	CHECK(acmeta_find_site(&v, 0x1151) == ACMETA_NONE);
	CHECK(acmeta_find_site(&v, 0x1160) == 1);
	CHECK(acmeta_find_site(&v, 0x1170) == ACMETA_NONE);
	CHECK(acmeta_find_site(&v, 0) == ACMETA_NONE);
}

static void test_corruptions(void)
{
	struct acmeta_type *t;
	struct acmeta_status st;

	EXPECT_ERR((void)0, ACMETA_OK);
	EXPECT_ERR(H()->magic[0] = 'X', ACMETA_E_MAGIC);
	EXPECT_ERR(H()->version = 2, ACMETA_E_VERSION);
	build_blob(sizeof(struct acmeta_type));
	H()->version = 2;
	validate(&st);
	CHECK(!strcmp(st.msg, "meta-DSO format version 2, expected 1"));
	/* another version is recognised even when too short for our header */
	build_blob(sizeof(struct acmeta_type));
	H()->version = 7;
	{
		struct acmeta_view v;
		CHECK(acmeta_open(&v, blob, 16, &st) == ACMETA_E_VERSION);
	}
	EXPECT_ERR(H()->total_size = blob_len + 8, ACMETA_E_TRUNCATED);
	EXPECT_ERR(H()->header_size = 12, ACMETA_E_HEADER);
	EXPECT_ERR(H()->header_size = blob_len + 8, ACMETA_E_HEADER);
	EXPECT_ERR(H()->build_id_len = 65, ACMETA_E_HEADER);
	EXPECT_ERR(H()->vaddr_lo = 0x6000, ACMETA_E_HEADER);
	EXPECT_ERR(H()->tables[ACMETA_T_TYPES].entsize = 8, ACMETA_E_TABLE);
	EXPECT_ERR(H()->tables[ACMETA_T_TYPES].entsize += 4, ACMETA_E_ALIGN);
	EXPECT_ERR(H()->tables[ACMETA_T_TYPES].offset += 4, ACMETA_E_ALIGN);
	EXPECT_ERR(H()->tables[ACMETA_T_PARAMS].offset += 2, ACMETA_E_ALIGN);
	EXPECT_ERR(H()->tables[ACMETA_T_MEMBERS].count = 0xffffffffu, ACMETA_E_TABLE);
	EXPECT_ERR(H()->tables[ACMETA_T_MEMBERS].offset = 0xfffffffffffffff8ull, ACMETA_E_TABLE);
	EXPECT_ERR(H()->tables[ACMETA_T_MEMBERS].offset = 0, ACMETA_E_TABLE);
	EXPECT_ERR(H()->tables[ACMETA_T_STRINGS].entsize = 2, ACMETA_E_TABLE);
	EXPECT_ERR(H()->tables[ACMETA_T_STRINGS].count = 0, ACMETA_E_STRING);
	EXPECT_ERR(H()->tables[ACMETA_T_STRINGS].count -= 1, ACMETA_E_STRING);
	EXPECT_ERR(((char *)ent(ACMETA_T_STRINGS, 0))[0] = 'a', ACMETA_E_STRING);
	EXPECT_ERR(H()->binary_name = sizeof strtab, ACMETA_E_STRING);

	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_INT))->kind = UNIQTYPE_NKINDS, ACMETA_E_KIND);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_INT))->aux = 99, ACMETA_E_KIND);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_INT))->name = 0x7fffffff, ACMETA_E_STRING);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_POINT))->first = 1, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_POINT))->n = 0xffffffffu, ACMETA_E_INDEX);
	EXPECT_ERR((t = ent(ACMETA_T_TYPES, T_POINT), t->first = 0xffffffffu, t->n = 2), ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_COLOR))->n = 3, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_COLOR))->aux = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_COLOR))->aux = ACMETA_NONE, ACMETA_OK);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_INTP))->aux = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_INTP))->aux = ACMETA_NONE, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_INT4))->aux = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_FN))->aux = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_FN))->n = 2, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_type *)ent(ACMETA_T_TYPES, T_NODE))->aux = UNIQTYPE_BASE, ACMETA_E_KIND);
	EXPECT_ERR(((struct acmeta_member *)ent(ACMETA_T_MEMBERS, 1))->type = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_member *)ent(ACMETA_T_MEMBERS, 1))->name = sizeof strtab, ACMETA_E_STRING);
	EXPECT_ERR(((struct acmeta_member *)ent(ACMETA_T_MEMBERS, 1))->offset = 0, ACMETA_OK);
	EXPECT_ERR((((struct acmeta_member *)ent(ACMETA_T_MEMBERS, 0))->offset = 4,
		    ((struct acmeta_member *)ent(ACMETA_T_MEMBERS, 1))->offset = 0), ACMETA_E_ORDER);
	EXPECT_ERR(((struct acmeta_enumerator *)ent(ACMETA_T_ENUMERATORS, 1))->name = 0xffffffffu, ACMETA_E_STRING);
	EXPECT_ERR(*(uint32_t *)ent(ACMETA_T_PARAMS, 0) = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_static *)ent(ACMETA_T_STATICS, 0))->type = ACMETA_NONE, ACMETA_OK);
	EXPECT_ERR(((struct acmeta_static *)ent(ACMETA_T_STATICS, 0))->type = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_static *)ent(ACMETA_T_STATICS, 0))->vaddr = 0x4030, ACMETA_E_ORDER);
	EXPECT_ERR(((struct acmeta_static *)ent(ACMETA_T_STATICS, 1))->name = sizeof strtab, ACMETA_E_STRING);
	EXPECT_ERR(((struct acmeta_frame *)ent(ACMETA_T_FRAMES, 0))->nlocals = 3, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_frame *)ent(ACMETA_T_FRAMES, 0))->first_local = 0xffffffffu, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_frame *)ent(ACMETA_T_FRAMES, 0))->highpc = 0x1000, ACMETA_E_HEADER);
	EXPECT_ERR(((struct acmeta_local *)ent(ACMETA_T_LOCALS, 0))->type = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_local *)ent(ACMETA_T_LOCALS, 0))->name = sizeof strtab, ACMETA_E_STRING);
	EXPECT_ERR(((struct acmeta_local *)ent(ACMETA_T_LOCALS, 0))->lowpc = 1, ACMETA_E_HEADER);
	EXPECT_ERR(((struct acmeta_allocsite *)ent(ACMETA_T_SITES, 0))->type = NT, ACMETA_E_INDEX);
	EXPECT_ERR(((struct acmeta_allocsite *)ent(ACMETA_T_SITES, 0))->vaddr = 0x1170, ACMETA_E_ORDER);

	/* every truncation fails cleanly */
	build_blob(sizeof(struct acmeta_type));
	int all = 1;
	for (size_t n = 0; n < blob_len; n++) {
		struct acmeta_view v;
		if (acmeta_open(&v, blob, n, &st) == ACMETA_OK)
			all = 0;
	}
	CHECK(all);
	/* misaligned blob */
	{
		static _Alignas(8) uint8_t copy[sizeof blob + 8];
		struct acmeta_view v;
		memcpy(copy + 4, blob, blob_len);
		CHECK(acmeta_open(&v, copy + 4, blob_len, &st) == ACMETA_E_ALIGN);
	}
	/* random corruption never crashes (and a view that passes is usable) */
	uint64_t seed = 12345;
	for (int iter = 0; iter < 200000; iter++) {
		struct acmeta_view v;
		build_blob(sizeof(struct acmeta_type));
		for (int k = 0; k < 1 + iter % 4; k++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			blob[(seed >> 33) % blob_len] ^= (uint8_t)(1u << ((seed >> 20) % 8));
		}
		if (acmeta_open(&v, blob, blob_len, &st) == ACMETA_OK) {
			for (uint32_t i = 0; i < v.count[ACMETA_T_TYPES]; i++)
				(void)strlen(acmeta_type_name(&v, i));
			(void)acmeta_find_static(&v, 0x4010);
			(void)acmeta_find_frame(&v, 0x1140);
			(void)acmeta_find_site(&v, 0x1150);
		} else {
			CHECK(st.msg[0] != 0);
		}
	}
}

/* ---- ELF wrapping ------------------------------------------------------------ */

static _Alignas(8) uint8_t elf[32768];
static size_t elf_len;

/* A minimal ELF64 file: header, one PT_NOTE with a build-id, the blob in
 * .allocs_meta, .shstrtab and the section headers. */
static void build_elf(void)
{
	static const char shstr[] = "\0" ACMETA_SECTION "\0.shstrtab\0.note.gnu.build-id";
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph = { 0 };
	Elf64_Shdr sh[4] = { { 0 } };
	size_t off = sizeof eh + sizeof ph;
	uint8_t note[12 + 4 + 20];
	Elf64_Nhdr nh = { 4, 20, NT_GNU_BUILD_ID };

	memset(elf, 0, sizeof elf);
	memcpy(note, &nh, sizeof nh);
	memcpy(note + 12, "GNU", 4);
	memcpy(note + 16, H()->build_id, 20);
	memcpy(elf + off, note, sizeof note);
	ph.p_type = PT_NOTE;
	ph.p_offset = off;
	ph.p_filesz = sizeof note;
	ph.p_align = 4;
	sh[3].sh_name = 1 + sizeof ACMETA_SECTION + sizeof ".shstrtab";
	sh[3].sh_type = SHT_NOTE;
	sh[3].sh_offset = off;
	sh[3].sh_size = sizeof note;
	sh[3].sh_addralign = 4;
	off = (off + sizeof note + 7) & ~(size_t)7;

	memcpy(elf + off, blob, blob_len);
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_PROGBITS;
	sh[1].sh_offset = off;
	sh[1].sh_size = blob_len;
	sh[1].sh_addralign = 8;
	off += blob_len;

	memcpy(elf + off, shstr, sizeof shstr);
	sh[2].sh_name = 1 + sizeof ACMETA_SECTION;
	sh[2].sh_type = SHT_STRTAB;
	sh[2].sh_offset = off;
	sh[2].sh_size = sizeof shstr;
	off = (off + sizeof shstr + 7) & ~(size_t)7;

	memcpy(elf + off, sh, sizeof sh);
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_DYN;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof eh;
	eh.e_phentsize = sizeof ph;
	eh.e_phnum = 1;
	eh.e_shoff = off;
	eh.e_shentsize = sizeof sh[0];
	eh.e_shnum = 4;
	eh.e_shstrndx = 2;
	eh.e_ehsize = sizeof eh;
	memcpy(elf, &eh, sizeof eh);
	memcpy(elf + sizeof eh, &ph, sizeof ph);
	elf_len = off + sizeof sh;
}

static Elf64_Ehdr *EH(void) { return (Elf64_Ehdr *)elf; }
static Elf64_Shdr *SH(int i) { return (Elf64_Shdr *)(elf + EH()->e_shoff) + i; }

static int find(struct acmeta_status *st)
{
	const void *b;
	size_t n;
	int e = acmeta_find_section(elf, elf_len, &b, &n, st);
	if (e == 0 && (b != elf + SH(1)->sh_offset || n != blob_len))
		return -1;
	return e;
}

#define EXPECT_FIND(mutation, code)                                            \
	do {                                                                   \
		struct acmeta_status st_;                                      \
		build_blob(sizeof(struct acmeta_type));                        \
		build_elf();                                                   \
		mutation;                                                      \
		int e_ = find(&st_);                                           \
		CHECK(e_ == (code));                                           \
		if (e_ != (code))                                              \
			printf("  got %d (%s) for: %s\n", e_, st_.msg, #mutation); \
	} while (0)

static void test_elf(void)
{
	struct acmeta_status st;
	const void *b;
	size_t n;

	EXPECT_FIND((void)0, ACMETA_OK);
	EXPECT_FIND(elf_len = 3, ACMETA_E_NOT_ELF);
	EXPECT_FIND(elf_len = 40, ACMETA_E_NOT_ELF);
	EXPECT_FIND(elf[1] = 'X', ACMETA_E_NOT_ELF);
	EXPECT_FIND(elf[EI_CLASS] = ELFCLASS32, ACMETA_E_ELF_UNSUPPORTED);
	EXPECT_FIND(elf[EI_DATA] = ELFDATA2MSB, ACMETA_E_ELF_UNSUPPORTED);
	EXPECT_FIND(EH()->e_shoff = 0, ACMETA_E_NO_SECTION);
	EXPECT_FIND(EH()->e_shoff = 1ull << 62, ACMETA_E_ELF_CORRUPT);
	EXPECT_FIND(EH()->e_shentsize = 8, ACMETA_E_ELF_CORRUPT);
	EXPECT_FIND(EH()->e_shnum = 60000, ACMETA_E_ELF_CORRUPT);
	EXPECT_FIND(EH()->e_shstrndx = 9, ACMETA_E_ELF_CORRUPT);
	EXPECT_FIND(SH(2)->sh_size = 1ull << 40, ACMETA_E_ELF_CORRUPT);
	EXPECT_FIND(SH(1)->sh_name = 2, ACMETA_E_NO_SECTION);
	EXPECT_FIND(SH(1)->sh_name = 0xfffffff0u, ACMETA_E_NO_SECTION);
	EXPECT_FIND(SH(1)->sh_type = SHT_NOBITS, ACMETA_E_NO_SECTION);
	EXPECT_FIND(SH(1)->sh_size = 1ull << 40, ACMETA_E_TRUNCATED);
	EXPECT_FIND(SH(1)->sh_offset = ~0ull, ACMETA_E_TRUNCATED);
	/* many sections: count and name index in section 0 */
	EXPECT_FIND((EH()->e_shnum = 0, SH(0)->sh_size = 4, EH()->e_shstrndx = SHN_XINDEX,
		     SH(0)->sh_link = 2), ACMETA_OK);
	/* every truncation of the file fails cleanly, never crashes */
	build_blob(sizeof(struct acmeta_type));
	build_elf();
	int all = 1;
	for (size_t k = 0; k + 1 < elf_len; k++)
		if (acmeta_find_section(elf, k, &b, &n, &st) == ACMETA_OK) {
			struct acmeta_view v;
			static _Alignas(8) uint8_t copy[sizeof elf];
			memcpy(copy, b, n);
			if (acmeta_open(&v, copy, n, &st) == ACMETA_OK)
				all = 0;
		}
	CHECK(all);

	/* build-id from the image (PT_NOTE), and from sections when no phdrs */
	const uint8_t *id;
	size_t idlen;
	build_elf();
	CHECK(acmeta_build_id_from_image(elf, elf_len, &id, &idlen) == 0);
	CHECK(idlen == 20 && id[0] == 0xa0 && id[19] == 0xa0 + 19);
	EH()->e_phnum = 0;
	CHECK(acmeta_build_id_from_image(elf, elf_len, &id, &idlen) == 0);
	CHECK(idlen == 20 && id[0] == 0xa0);
	SH(3)->sh_type = SHT_PROGBITS;
	CHECK(acmeta_build_id_from_image(elf, elf_len, &id, &idlen) == -1);
	CHECK(acmeta_build_id_from_image("hello", 5, &id, &idlen) == -1);
}

static void test_notes(void)
{
	/* a non-GNU note with an odd name length first, then the build-id */
	_Alignas(8) uint8_t notes[64] = { 0 };
	Elf64_Nhdr a = { 5, 3, 1 }, b = { 4, 8, NT_GNU_BUILD_ID };
	const uint8_t *id;
	size_t len;

	memcpy(notes, &a, 12);
	memcpy(notes + 12, "Xen!", 5);          /* name padded to 8 */
	memcpy(notes + 20, "abc", 3);           /* desc padded to 4 -> 24 */
	memcpy(notes + 24, &b, 12);
	memcpy(notes + 36, "GNU", 4);
	memcpy(notes + 40, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	CHECK(acmeta_build_id_from_notes(notes, 48, 4, &id, &len) == 0);
	CHECK(len == 8 && id == notes + 40);
	CHECK(acmeta_build_id_from_notes(notes, 47, 4, &id, &len) == -1);
	CHECK(acmeta_build_id_from_notes(notes, 11, 4, &id, &len) == -1);
	CHECK(acmeta_build_id_from_notes(notes, 0, 4, &id, &len) == -1);

	/* 8-byte aligned notes (as in PT_NOTE segments with p_align 8): a
	 * GNU property note, then the build-id; header+name padded together. */
	_Alignas(8) uint8_t notes8[80] = { 0 };
	Elf64_Nhdr p8 = { 4, 16, 5 /* NT_GNU_PROPERTY_TYPE_0 */ }, b8 = { 4, 20, NT_GNU_BUILD_ID };
	memcpy(notes8, &p8, 12);
	memcpy(notes8 + 12, "GNU", 4);
	memcpy(notes8 + 32, &b8, 12);
	memcpy(notes8 + 44, "GNU", 4);
	notes8[48] = 0x42;
	CHECK(acmeta_build_id_from_notes(notes8, 68, 8, &id, &len) == 0);
	CHECK(len == 20 && id == notes8 + 48 && id[0] == 0x42);
	CHECK(acmeta_build_id_from_notes(notes8, 67, 8, &id, &len) == -1);

	((Elf64_Nhdr *)(void *)notes)->n_descsz = 0xffffffffu;
	CHECK(acmeta_build_id_from_notes(notes, 48, 4, &id, &len) == -1);
	CHECK(acmeta_build_id_from_notes(notes, 48, 8, &id, &len) == -1);
}

static void test_paths(void)
{
	static const uint8_t id[] = { 0xab, 0xcd, 0xef, 0x01 };
	char buf[ACMETA_PATH_MAX], small[8];
	struct acmeta_root_iter it;
	const char *r;

	CHECK(acmeta_build_id_hex(id, 4, buf, sizeof buf) == 8 && !strcmp(buf, "abcdef01"));
	CHECK(acmeta_build_id_hex(id, 4, small, sizeof small) == -1 && small[0] == 0);
	CHECK(acmeta_meta_path("/r", id, 4, buf, sizeof buf) == 20 &&
	      !strcmp(buf, "/r/ab/cdef01.meta.so"));
	CHECK(acmeta_meta_dir("/r", id, 4, buf, sizeof buf) == 5 && !strcmp(buf, "/r/ab"));
	CHECK(acmeta_meta_path("/r", id, 1, buf, sizeof buf) == -1);
	CHECK(acmeta_meta_path("/r", id, 4, small, sizeof small) == -1);

	setenv("ALLOCS_META_DIR", "/w", 1);
	setenv("ALLOCS_META_PATH", "/a::/b:", 1);
	acmeta_roots_begin(&it);
	CHECK((r = acmeta_roots_next(&it)) && !strcmp(r, "/a"));
	CHECK((r = acmeta_roots_next(&it)) && !strcmp(r, "/b"));
	CHECK((r = acmeta_roots_next(&it)) && !strcmp(r, "/w"));
	CHECK((r = acmeta_roots_next(&it)) && !strcmp(r, acmeta_system_root()));
	CHECK(acmeta_roots_next(&it) == NULL);
	CHECK(acmeta_roots_next(&it) == NULL);

	unsetenv("ALLOCS_META_PATH");
	setenv("ALLOCS_META_DIR", acmeta_system_root(), 1);   /* no duplicate */
	acmeta_roots_begin(&it);
	CHECK((r = acmeta_roots_next(&it)) && !strcmp(r, acmeta_system_root()));
	CHECK(acmeta_roots_next(&it) == NULL);

	unsetenv("ALLOCS_META_DIR");
	setenv("XDG_CACHE_HOME", "/x", 1);
	CHECK(acmeta_write_root(buf, sizeof buf) > 0 && !strcmp(buf, "/x/allocscheck/meta"));
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/h", 1);
	CHECK(acmeta_write_root(buf, sizeof buf) > 0 && !strcmp(buf, "/h/.cache/allocscheck/meta"));
	unsetenv("HOME");
	CHECK(acmeta_write_root(buf, sizeof buf) > 0 && !strcmp(buf, "/tmp/allocscheck-meta"));
	CHECK(acmeta_write_root(small, sizeof small) == -1);
}

static void write_seed(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")) || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	test_valid();
	test_corruptions();
	test_elf();
	test_notes();
	test_paths();
	CHECK(!strcmp(acmeta_strerror(ACMETA_E_VERSION), "unsupported meta-DSO format version"));
	CHECK(!strcmp(acmeta_strerror(-1), "unknown error"));
	if (argc > 1) {
		build_blob(sizeof(struct acmeta_type));
		build_elf();
		write_seed(argv[1], "handmade-blob.bin", blob, blob_len);
		write_seed(argv[1], "handmade-elf.bin", elf, elf_len);
	}
	if (nfail) {
		printf("metadso-read-unit: %d of %d checks FAILED\n", nfail, nchecks);
		return 1;
	}
	printf("metadso-read-unit: all %d checks passed\n", nchecks);
	return 0;
}
