/*
 * metadata-load.h -- the loaded objects of the process and their meta-DSOs.
 *
 * Every object the dynamic linker has loaded (executable, libraries,
 * dlopen'ed libraries) gets a record: its address range, load bias, name
 * and GNU build-id.  Its meta-DSO is located when the object is registered
 * (cheap: a few failed open()s at most) and loaded -- mapped read-only,
 * validated, build-id checked, types interned -- lazily, the first time a
 * lookup needs it.  A meta-DSO stays mapped for the life of the process
 * (type names point into it), even after its object is dlclose'd.
 *
 * Readers (lookups) are lock-free: the set of objects is an immutable
 * sorted snapshot published with a release store; an object's metadata is
 * published by a release store of its state.  Writers (registration,
 * loading, dlopen/dlclose) hold meta_lock.
 */
#ifndef ALLOCS_METADATA_LOAD_H
#define ALLOCS_METADATA_LOAD_H

#include <stdatomic.h>
#include <stdint.h>
#include "metadso-read.h"
#include "uniqtype.h"

/* A validated meta-DSO with its types interned.  Shared by every record of
 * the same binary (a library dlopen'ed again after dlclose). */
struct meta_blob {
	struct acmeta_view view;
	const struct uniqtype **types;   /* blob type index -> interned descriptor */
	struct meta_blob *next;          /* cache list (writers only) */
};

enum meta_state {
	META_PENDING,   /* a meta-DSO was found, not loaded yet */
	META_READY,     /* blob valid and interned */
	META_NONE       /* untyped: no build-id, no meta-DSO, or refused */
};

struct meta_object {
	uintptr_t lo, hi;                /* [lo, hi): its PT_LOAD segments in memory */
	uintptr_t bias;                  /* load bias (dl_phdr_info.dlpi_addr) */
	uintptr_t reloc;                 /* added to blob vaddrs (bias for ACMETA_F_PIC) */
	const char *name;                /* file name (the executable's real path) */
	const char *meta_path;           /* the meta-DSO found, while PENDING */
	uint8_t build_id[ACMETA_BUILD_ID_MAX];
	uint32_t build_id_len;
	_Atomic int state;               /* enum meta_state */
	const struct meta_blob *blob;    /* valid once state == META_READY */
};

struct meta_snapshot {
	size_t n;
	struct meta_object *objs[];      /* sorted by lo, non-overlapping */
};

/* Register the objects loaded so far and pick the stack unwinder.
 * Idempotent; called once at start-up by the runtime's initialisation
 * (lookups that come earlier register the objects themselves). */
void allocs_metadata_init(void);

/* index-stack.c: pick the stack unwinder (called by allocs_metadata_init). */
void stack_unwinder_init(void);

/* Re-read the set of loaded objects (after dlopen/dlclose): new objects are
 * registered, vanished ones dropped from the index. */
void allocs_meta_rescan(void);

/* The object whose segments span address a, or NULL.  Lock-free. */
struct meta_object *meta_object_at(uintptr_t a);

/* Its loaded metadata, loading it on first use; NULL when it runs untyped
 * (or while this thread is itself inside the loader, e.g. a signal). */
const struct meta_blob *meta_object_blob(struct meta_object *o);

/* The loaded metadata of the object whose segments span address a (loaded
 * on first use), with *reloc set to what its blob's vaddrs are relative to;
 * NULL when a is in no object or its object runs untyped.  Lock-free once
 * the metadata is loaded. */
const struct meta_blob *meta_blob_at(uintptr_t a, uintptr_t *reloc);

/* Load every pending meta-DSO (so that every type is interned). */
void meta_load_all(void);

#endif
