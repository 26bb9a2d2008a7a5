/*
 * metadso-format.h -- the on-disk layout of the metadata a meta-DSO carries.
 *
 * A meta-DSO is an ordinary ELF shared object whose section ".allocs_meta"
 * holds one blob in this format.  The blob is position independent: every
 * reference is an index into one of its tables or an offset into its string
 * table, so it needs no relocations and can be used straight from a
 * read-only mmap of the file.  The runtime never dlopens meta-DSOs: it maps
 * them, validates the blob (acmeta_validate) and interns its types.
 *
 * Everything is little-endian, naturally aligned, fixed width.  Readers must
 * treat the blob as untrusted input: validate before use.
 *
 * Version history: bump ACMETA_VERSION on any incompatible change; readers
 * refuse other versions with a clear message.
 */
#ifndef ALLOCSCHECK_METADSO_FORMAT_H
#define ALLOCSCHECK_METADSO_FORMAT_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACMETA_SECTION     ".allocs_meta"
#define ACMETA_SYMBOL      "__allocs_meta"  /* marks the blob's start */
#define ACMETA_MAGIC       "ACMETA\x00\x01"
#define ACMETA_MAGIC_LEN   8
#define ACMETA_VERSION     1u
#define ACMETA_BUILD_ID_MAX 64
#define ACMETA_NONE        0xffffffffu     /* "no type" / "no entry" index */

/* Section written by the GCC plugin into instrumented objects: an array of
 * struct acmeta_site_record, relocated by the link; the generator turns it
 * into the allocation-site table. */
#define ACMETA_SITES_SECTION ".allocs_sites"

/* A table: `count` entries of `entsize` bytes at blob offset `offset`.
 * entsize lets a newer writer append fields that older readers skip. */
struct acmeta_table {
	uint64_t offset;
	uint32_t count;
	uint32_t entsize;
};

enum acmeta_table_id {
	ACMETA_T_TYPES = 0,    /* struct acmeta_type; indices may refer forward (cycles through pointers) */
	ACMETA_T_MEMBERS,      /* struct acmeta_member (aggregate members) */
	ACMETA_T_ENUMERATORS,  /* struct acmeta_enumerator */
	ACMETA_T_PARAMS,       /* uint32_t type indices (function parameters) */
	ACMETA_T_STATICS,      /* struct acmeta_static, sorted by vaddr */
	ACMETA_T_FRAMES,       /* struct acmeta_frame, sorted by lowpc */
	ACMETA_T_LOCALS,       /* struct acmeta_local, grouped per frame */
	ACMETA_T_SITES,        /* struct acmeta_allocsite, sorted by vaddr */
	ACMETA_T_STRINGS,      /* NUL-terminated strings; entsize 1; offset 0 is "" */
	ACMETA_NTABLES
};

/* Header flags. */
#define ACMETA_F_PIC   0x1u  /* the binary is ET_DYN (PIE or DSO): vaddrs are
                                relative to its load base; else absolute */

struct acmeta_header {
	char magic[ACMETA_MAGIC_LEN];
	uint32_t version;
	uint32_t header_size;          /* sizeof(struct acmeta_header) of the writer */
	uint64_t total_size;           /* bytes in the whole blob */
	uint32_t flags;                /* ACMETA_F_* */
	uint32_t build_id_len;         /* bytes of build_id used (GNU build-id: 20) */
	uint8_t build_id[ACMETA_BUILD_ID_MAX]; /* the described binary's build-id */
	uint32_t binary_name;          /* string: the binary's file name when generated */
	uint32_t reserved;
	uint64_t vaddr_lo, vaddr_hi;   /* span of the binary's PT_LOAD segments */
	struct acmeta_table tables[ACMETA_NTABLES];
};

/* One type.  Kind-specific fields:
 *   BASE:     aux = enum uniqtype_encoding
 *   ENUM:     first/n = enumerators; aux = underlying integer type index
 *   STRUCT, UNION: first/n = members (sorted by offset, then bit position)
 *   ARRAY:    n = element count (0 with UNIQTYPE_F_FLEXIBLE = unknown);
 *             aux = element type index
 *   POINTER:  aux = pointee type index (may be an OPAQUE type)
 *   FUNCTION: aux = return type index (a VOID type for void); first/n = params
 *   OPAQUE:   aux = UNIQTYPE_STRUCT / UNIQTYPE_UNION / UNIQTYPE_ENUM
 * Type indices always refer to entries of the same blob. */
struct acmeta_type {
	uint64_t identity;             /* canonical identity (docs/type-identity.md) */
	uint64_t size;                 /* bytes or UNIQTYPE_SIZE_UNKNOWN */
	uint16_t kind;                 /* enum uniqtype_kind */
	uint16_t flags;                /* UNIQTYPE_F_* */
	uint32_t n;
	uint32_t name;                 /* string: C spelling */
	uint32_t first;
	uint32_t aux;
	uint32_t reserved;
};

struct acmeta_member {
	uint64_t offset;               /* bytes */
	uint32_t bit_offset;           /* bit-fields: bits from offset */
	uint32_t bit_size;             /* 0 unless a bit-field */
	uint32_t type;
	uint32_t name;                 /* string; "" for anonymous members */
};

struct acmeta_enumerator {
	int64_t value;
	uint32_t name;
	uint32_t reserved;
};

/* A static variable: global or function-static local. */
struct acmeta_static {
	uint64_t vaddr;                /* see ACMETA_F_PIC */
	uint64_t size;
	uint32_t type;
	uint32_t name;                 /* "fn::var" for function-static locals */
};

/* One contiguous PC range of a function (a function with several ranges,
 * e.g. hot/cold split, has several frames sharing its locals). */
struct acmeta_frame {
	uint64_t lowpc, highpc;        /* [lowpc, highpc), vaddrs like statics */
	uint32_t name;                 /* function name */
	uint32_t first_local;
	uint32_t nlocals;
	uint32_t reserved;
};

#define ACMETA_LOCAL_PARAM 0x1u  /* a formal parameter */

/* A local or parameter that lives in the frame at a fixed offset from the
 * canonical frame address (CFA) while pc is in [lowpc, highpc) (lowpc ==
 * highpc == 0: throughout its frame).  Locals that live only in registers
 * cannot be pointed to and are not listed. */
struct acmeta_local {
	int64_t cfa_offset;            /* address = CFA + cfa_offset */
	uint64_t size;
	uint64_t lowpc, highpc;
	uint32_t type;
	uint32_t name;
	uint32_t flags;                /* ACMETA_LOCAL_* */
	uint32_t reserved;
};

#define ACMETA_SITE_ARRAY     0x1u  /* allocates an array of `type` (n * sizeof) */
#define ACMETA_SITE_TRAILING  0x2u  /* struct `type` with a trailing flexible array */
#define ACMETA_SITE_UNTYPED   0x4u  /* type could not be decided: lazy typing */

/* An allocation site: the return address of a call to an allocation
 * function, and the type it allocates. */
struct acmeta_allocsite {
	uint64_t vaddr;
	uint32_t type;
	uint32_t flags;                /* ACMETA_SITE_* */
};

/* Record in an object's ACMETA_SITES_SECTION (written by the plugin). */
struct acmeta_site_record {
	uint64_t site;                 /* relocated code address (return address of the call) */
	uint64_t type_identity;        /* canonical identity of the allocated type, 0 = unknown */
	uint32_t flags;                /* ACMETA_SITE_* */
	uint32_t reserved;
};

#ifdef __cplusplus
}
#endif
#endif
