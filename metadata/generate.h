/*
 * generate.h -- DWARF to meta-DSO blob: the generator's entry point, shared
 * by allocscheck-meta (which writes the meta-DSO) and allocscheck-dump (which
 * dumps the types of a relocatable object without writing anything).
 */
#ifndef ALLOCSCHECK_GENERATE_H
#define ALLOCSCHECK_GENERATE_H

#include <stddef.h>

struct acm_blob {
	void *data;       /* malloc'd blob in metadso-format.h layout */
	size_t size;
};

/* Read `path` (an ET_EXEC/ET_DYN binary, or ET_REL object) and build its
 * metadata blob.  Returns 0 on success; on failure -1 and a one-line reason
 * (no trailing newline) in errbuf, e.g. "prog: no DWARF debug information
 * (compile with -g)". */
int acm_generate(const char *path, struct acm_blob *out, char *errbuf, size_t errlen);

void acm_blob_free(struct acm_blob *b);

#endif
