/*
 * meta-paths.h -- where meta-DSOs live, and how a binary is matched to one.
 *
 * A binary's meta-DSO is <root>/<hh>/<rest>.meta.so, where <hh> is the
 * first byte of the binary's GNU build-id in lower-case hex and <rest> the
 * remaining bytes.  Roots are searched in this order:
 *   1. each entry of ALLOCS_META_PATH (colon-separated; empty entries skipped);
 *   2. the write root: ALLOCS_META_DIR, else
 *      ${XDG_CACHE_HOME:-$HOME/.cache}/allocscheck/meta, else
 *      /tmp/allocscheck-meta (no HOME either);
 *   3. the system root ALLOCS_SYSTEM_META_ROOT (compiled in:
 *      <prefix>/lib/allocscheck/meta).
 * The file name is only a hint: a candidate is used only if the build-id in
 * its blob header equals the binary's.
 *
 * Pure C, no allocation, no stdio (the runtime calls these early): results
 * go to caller buffers; getenv is the only libc state read.
 */
#ifndef ALLOCSCHECK_META_PATHS_H
#define ALLOCSCHECK_META_PATHS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Large enough for any path these functions build from sane inputs. */
#define ACMETA_PATH_MAX 4096

/* Lower-case hex of id[0..len) into out (2*len+1 bytes needed).
 * Returns the number of hex digits, or -1 if out is too small. */
int acmeta_build_id_hex(const uint8_t *id, size_t len, char *out, size_t outlen);

/* "<root>/<hh>/<rest>.meta.so".  The build-id needs at least 2 bytes.
 * Returns the length, or -1 (id too short, or out too small). */
int acmeta_meta_path(const char *root, const uint8_t *id, size_t len,
		     char *out, size_t outlen);

/* Same, but only "<root>/<hh>" (the directory a writer must create). */
int acmeta_meta_dir(const char *root, const uint8_t *id, size_t len,
		    char *out, size_t outlen);

/* The root meta-DSOs are written to (see above).  Returns its length, or
 * -1 if out is too small. */
int acmeta_write_root(char *out, size_t outlen);

/* The compiled-in system root. */
const char *acmeta_system_root(void);

/* Iterator over the search roots, in order:
 *     struct acmeta_root_iter it;
 *     acmeta_roots_begin(&it);
 *     for (const char *r; (r = acmeta_roots_next(&it)); ) ...
 * The returned string lives in the iterator until the next call.  Entries
 * too long for ACMETA_PATH_MAX are skipped; the system root is skipped when
 * it equals the write root. */
struct acmeta_root_iter {
	const char *path_env;     /* rest of ALLOCS_META_PATH, or NULL */
	int stage;                /* 0: path entries, 1: write root, 2: system root, 3: done */
	char buf[ACMETA_PATH_MAX];
	char write_root[ACMETA_PATH_MAX];
};

void acmeta_roots_begin(struct acmeta_root_iter *it);
const char *acmeta_roots_next(struct acmeta_root_iter *it);

/* The GNU build-id in a run of ELF notes (a PT_NOTE segment or SHT_NOTE
 * section: `size` bytes, entries padded to `align`, 4 or 8 -- pass the
 * segment's p_align; other values are taken as 4).  On success sets *id and
 * *len (pointing into `notes`) and returns 0; -1 if there is none. */
int acmeta_build_id_from_notes(const void *notes, size_t size, size_t align,
			       const uint8_t **id, size_t *len);

/* The GNU build-id of an in-memory ELF64 file image (PT_NOTE segments,
 * else SHT_NOTE sections).  Returns 0, or -1 if the image is not ELF64 or
 * has no build-id. */
int acmeta_build_id_from_image(const void *image, size_t size,
			       const uint8_t **id, size_t *len);

/* Whether an ELF64 file image of `size` bytes holds all it claims to: its
 * header, its program and section header tables, and the file bytes of
 * every segment and section.  Returns 0 when it does (also when the image
 * is not ELF64 little-endian: not a truncation, other checks say what it
 * is); otherwise -1 with a one-line reason in why, e.g. "truncated ELF
 * file (section headers: 36 entries at offset 14456, file is 100 bytes)".
 * Check this before looking for anything in an image: a cut-off file
 * otherwise looks like one without build-id, DWARF or metadata. */
int acmeta_elf_check_extent(const void *image, size_t size, char *why, size_t whylen);

#ifdef __cplusplus
}
#endif
#endif /* ALLOCSCHECK_META_PATHS_H */
