/*
 * dump.h -- private interface between the parts of allocscheck-dump:
 * loading files (dump-load.c), printing a validated blob (dump-print.c),
 * verifying a meta-DSO against its binary (dump-check.c) and the driver
 * (allocscheck-dump.c).  The printer is also driven by the fuzz target.
 */
#ifndef ALLOCSCHECK_DUMP_H
#define ALLOCSCHECK_DUMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metadso-read.h"

/* What to print (bits). */
enum {
	DUMP_HEADER  = 0x01,
	DUMP_TYPES   = 0x02,
	DUMP_STATICS = 0x04,
	DUMP_FRAMES  = 0x08,
	DUMP_SITES   = 0x10,
	DUMP_ALL     = 0x1f,
};

/* Print a validated blob.  Returns 0, or -1 if memory ran out. */
int dump_print(FILE *out, const struct acmeta_view *v, unsigned what);

/* A file's bytes, read whole. */
struct dump_file {
	uint8_t *data;
	size_t size;
};

/* Read `path`; on failure -1 and a reason ("No such file or directory"). */
int dump_read_file(const char *path, struct dump_file *f, char *err, size_t errlen);
void dump_free_file(struct dump_file *f);

/* A loaded, validated blob and the memory holding it. */
struct dump_meta {
	void *mem;                 /* owned copy of the blob (8-byte aligned) */
	struct acmeta_view view;
	char path[4096];           /* where it came from */
};

/* Load the blob of a meta-DSO image (copied to aligned memory and
 * validated).  -1 and reason on failure. */
int dump_meta_from_image(const struct dump_file *f, struct dump_meta *m,
			 char *err, size_t errlen);

/* Find and load the meta-DSO of a binary with build-id id/len, searching the
 * roots like the runtime.  On failure -1 and, in err, where it looked. */
int dump_meta_for_build_id(const uint8_t *id, size_t len, struct dump_meta *m,
			   char *err, size_t errlen);

void dump_meta_free(struct dump_meta *m);

/* --check: exit status (0 ok, 1 problem); messages on stderr/stdout. */
int dump_check(const char *binary, const char *meta);

#endif
