/*
 * generate.h -- DWARF to meta-DSO blob: the generator's entry point, shared
 * by allocscheck-meta (which writes the meta-DSO) and allocscheck-dump (which
 * dumps the types of a relocatable object without writing anything).
 */
#ifndef ALLOCSCHECK_GENERATE_H
#define ALLOCSCHECK_GENERATE_H

#include <stddef.h>
#include <stdio.h>

struct acm_blob {
	void *data;       /* malloc'd blob in metadso-format.h layout */
	size_t size;
	unsigned elf_type;  /* the input's e_type (ET_EXEC, ET_DYN, ET_REL); set
	                       once the ELF header is read, also on failure */
};

/* Read `path` (an ET_EXEC/ET_DYN binary, or ET_REL object) and build its
 * metadata blob.  Returns 0 on success; on failure -1 and a one-line reason
 * (no trailing newline) in errbuf, e.g. "prog: no DWARF debug information
 * (compile with -g)". */
int acm_generate(const char *path, struct acm_blob *out, char *errbuf, size_t errlen);

void acm_blob_free(struct acm_blob *b);

/* Write `blob` as a meta-DSO at `out_path` (atomically: temporary file in
 * the same directory, then rename).  The meta-DSO is built by the C
 * compiler (ALLOCS_META_CC, else the one allocscheck was built with).
 * Returns 0, or -1 with a one-line reason in errbuf. */
int acm_write_metadso(const struct acm_blob *blob, const char *out_path,
		      char *errbuf, size_t errlen);

/* Print a blob human-readably (types, members, statics, frames, sites);
 * a debugging aid of allocscheck-meta --print. */
void acm_print_blob(const struct acm_blob *blob, FILE *out);

#endif
