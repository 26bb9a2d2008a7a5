/*
 * metadso-read.h -- find, validate and read the metadata blob of a meta-DSO
 * (layout: metadso-format.h).
 *
 * Pure C11 with no allocation and no stdio: the runtime links this and calls
 * it early, on bytes it mapped itself.  The blob is untrusted input:
 * acmeta_open() checks every header field, table bound, index, string and
 * ordering the format promises, so that once it succeeds the accessors
 * below can index without further checks and never read outside the blob.
 *
 * Typical use:
 *     const void *blob; size_t blob_size;
 *     struct acmeta_status st;
 *     struct acmeta_view v;
 *     if (acmeta_find_section(image, image_size, &blob, &blob_size, &st) ||
 *         acmeta_open(&v, blob, blob_size, &st))
 *             report(st.msg);
 *
 * What validation guarantees (and what it does not):
 *   - every table lies inside the blob, entries are at least as big as the
 *     structs of this header (bigger entries from newer writers are read
 *     through their entsize stride), offsets are naturally aligned;
 *   - every index (type, member, enumerator, param, local) is in range;
 *     type references that may be ACMETA_NONE ("unknown type") are:
 *     an enum's underlying type, a static's, a local's and a site's type;
 *     all others (member, array element, pointee, return, param) are real;
 *   - every string offset is inside the string table, which starts with ""
 *     and ends with a NUL, so every string is NUL-terminated in bounds;
 *   - statics and sites are sorted by vaddr, frames by lowpc, members of a
 *     struct by (offset, bit_offset);
 *   - it does NOT check that type references are acyclic (pointers make
 *     cycles legitimate) nor that layouts are plausible (member inside its
 *     struct): consumers that recurse must bound their recursion.
 */
#ifndef ALLOCSCHECK_METADSO_READ_H
#define ALLOCSCHECK_METADSO_READ_H

#include <stddef.h>
#include <stdint.h>
#include "metadso-format.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes (acmeta_status.err).  ACMETA_E_VERSION is distinct so that
 * callers can tell "written by another allocscheck" from "corrupt". */
enum acmeta_err {
	ACMETA_OK = 0,
	ACMETA_E_NOT_ELF,        /* no ELF magic, or too short for an ELF header */
	ACMETA_E_ELF_UNSUPPORTED,/* not ELF64 little-endian */
	ACMETA_E_ELF_CORRUPT,    /* section headers/names out of bounds */
	ACMETA_E_NO_SECTION,     /* no ACMETA_SECTION (or it has no file bytes) */
	ACMETA_E_TRUNCATED,      /* blob shorter than its header says */
	ACMETA_E_MAGIC,          /* not a metadata blob */
	ACMETA_E_VERSION,        /* another format version */
	ACMETA_E_HEADER,         /* bad header field */
	ACMETA_E_ALIGN,          /* blob or table misaligned */
	ACMETA_E_TABLE,          /* table out of bounds or entries too small */
	ACMETA_E_STRING,         /* bad string table or string offset */
	ACMETA_E_INDEX,          /* index out of range */
	ACMETA_E_KIND,           /* bad type kind or kind-specific field */
	ACMETA_E_ORDER,          /* table not sorted as the format requires */
	ACMETA_NERR
};

#define ACMETA_MSG_MAX 160

/* Outcome of a find/validate step: code plus a one-line reason such as
 * "meta-DSO format version 2, expected 1" or "type 12: member range 40+3
 * exceeds the 37 members".  msg is always NUL-terminated (empty on success). */
struct acmeta_status {
	int err;                          /* enum acmeta_err */
	char msg[ACMETA_MSG_MAX];
};

/* Static generic text for an error code ("corrupt meta-DSO: index out of range"). */
const char *acmeta_strerror(int err);

/* Find ACMETA_SECTION in an in-memory ELF64 image (a whole file's bytes).
 * Sets *blob and *blob_size to the section's bytes inside `image`.  The image
 * need not be aligned.  Returns 0 or an enum acmeta_err (also in *st). */
int acmeta_find_section(const void *image, size_t size,
			const void **blob, size_t *blob_size,
			struct acmeta_status *st);

/* A validated blob.  Table pointers are NULL for empty tables. */
struct acmeta_view {
	const uint8_t *base;
	uint64_t size;                    /* header total_size */
	const struct acmeta_header *hdr;
	const uint8_t *tab[ACMETA_NTABLES];
	uint32_t count[ACMETA_NTABLES];
	uint32_t entsize[ACMETA_NTABLES];
	const char *strings;
	uint32_t strings_size;
};

/* Validate `size` bytes at `blob` (which must be 8-byte aligned: it comes
 * from a page-aligned mapping plus an aligned section offset; copy it if
 * not) and fill *v.  `size` may exceed the blob's total_size (section
 * padding).  Returns 0 or an enum acmeta_err (also in *st). */
int acmeta_open(struct acmeta_view *v, const void *blob, size_t size,
		struct acmeta_status *st);

/* Validation only, for callers that keep no view (the name the format
 * header refers to). */
int acmeta_validate(const void *blob, size_t size, struct acmeta_status *st);

/* Accessors: valid only on a view acmeta_open accepted, with indices below
 * the corresponding count (or taken from validated fields). */
static inline const struct acmeta_type *
acmeta_type(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_type *)(const void *)
		(v->tab[ACMETA_T_TYPES] + (size_t)i * v->entsize[ACMETA_T_TYPES]);
}

static inline const struct acmeta_member *
acmeta_member(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_member *)(const void *)
		(v->tab[ACMETA_T_MEMBERS] + (size_t)i * v->entsize[ACMETA_T_MEMBERS]);
}

static inline const struct acmeta_enumerator *
acmeta_enumerator(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_enumerator *)(const void *)
		(v->tab[ACMETA_T_ENUMERATORS] + (size_t)i * v->entsize[ACMETA_T_ENUMERATORS]);
}

/* Type index of parameter i (of the params table). */
static inline uint32_t
acmeta_param(const struct acmeta_view *v, uint32_t i)
{
	return *(const uint32_t *)(const void *)
		(v->tab[ACMETA_T_PARAMS] + (size_t)i * v->entsize[ACMETA_T_PARAMS]);
}

static inline const struct acmeta_static *
acmeta_static(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_static *)(const void *)
		(v->tab[ACMETA_T_STATICS] + (size_t)i * v->entsize[ACMETA_T_STATICS]);
}

static inline const struct acmeta_frame *
acmeta_frame(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_frame *)(const void *)
		(v->tab[ACMETA_T_FRAMES] + (size_t)i * v->entsize[ACMETA_T_FRAMES]);
}

static inline const struct acmeta_local *
acmeta_local(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_local *)(const void *)
		(v->tab[ACMETA_T_LOCALS] + (size_t)i * v->entsize[ACMETA_T_LOCALS]);
}

static inline const struct acmeta_allocsite *
acmeta_site(const struct acmeta_view *v, uint32_t i)
{
	return (const struct acmeta_allocsite *)(const void *)
		(v->tab[ACMETA_T_SITES] + (size_t)i * v->entsize[ACMETA_T_SITES]);
}

/* String at a validated offset. */
static inline const char *
acmeta_string(const struct acmeta_view *v, uint32_t off)
{
	return v->strings + off;
}

/* Name of a type index, tolerating ACMETA_NONE (gives "?"). */
const char *acmeta_type_name(const struct acmeta_view *v, uint32_t type);

/* Lookups by address (vaddrs as in the blob: see ACMETA_F_PIC), binary
 * searches returning an index or ACMETA_NONE.  Entries of a linked binary
 * do not overlap, so only the last entry starting at or below the address
 * is considered:
 *   statics: vaddr <= addr < vaddr + size (size 0: addr == vaddr);
 *   frames:  lowpc <= pc < highpc;
 *   sites:   vaddr == addr exactly (sites are return addresses; with
 *            duplicates, the first). */
uint32_t acmeta_find_static(const struct acmeta_view *v, uint64_t addr);
uint32_t acmeta_find_frame(const struct acmeta_view *v, uint64_t pc);
uint32_t acmeta_find_site(const struct acmeta_view *v, uint64_t addr);

#ifdef __cplusplus
}
#endif
#endif /* ALLOCSCHECK_METADSO_READ_H */
