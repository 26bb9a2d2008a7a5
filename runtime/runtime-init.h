/*
 * runtime-init.h -- start-up of the runtime.
 *
 * Nothing on the allocation or lookup paths depends on initialisation:
 * those structures are zero-initialised statics or mapped on first use, so
 * mallocs from other libraries' constructors (and from the dynamic linker)
 * before ours are indexed like any other.  Initialisation does the parts
 * that need a normal process: read settings, register fork handlers,
 * detect an allocator that displaced ours, start metadata loading.  It
 * runs from a constructor with high priority; it is never called from a
 * hook or from allocs_lookup.
 */
#ifndef ALLOCSCHECK_RUNTIME_INIT_H
#define ALLOCSCHECK_RUNTIME_INIT_H

/* Idempotent and thread-safe. */
void allocs_runtime_init(void);
/* 1 once allocs_runtime_init has completed. */
int allocs_runtime_ready(void);

/* Optional start-up step of the metadata side (metadata-load.c): called
 * once from allocs_runtime_init, after settings are read, if linked in. */
void allocs_metadata_init(void) __attribute__((weak));

/* foreign-malloc.c: detect and hook a malloc that displaced ours. */
void allocs_foreign_malloc_init(void);

#endif
