/*
 * allocs-describe.h -- what is at an address, in words.
 *
 * For people rather than programs: debuggers (tools/gdb/allocscheck-gdb.py
 * calls these in the stopped process), logging, tests.  Programs that need
 * the facts use allocs_lookup (allocs.h).  Exported by liballocs.so.
 */
#ifndef ALLOCSCHECK_ALLOCS_DESCRIBE_H
#define ALLOCSCHECK_ALLOCS_DESCRIBE_H

#include <stddef.h>
#include <stdint.h>
#include "allocs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Describe the allocation holding p into buf (always NUL-terminated when
 * len > 0): its kind, bounds, size and type, where it was allocated
 * (file:line when the binary has debug information) or which variable it
 * is, and the sub-object at p's offset with the layout of the innermost
 * struct or union around it.  Several lines, each ending in '\n'.
 * Returns the length of the full description (like snprintf: a result
 * >= len means it was cut).  Does not allocate from the indexed heap
 * before the symbolizer is needed; unlike allocs_lookup it may take locks
 * (symbolization), so it is not for signal handlers. */
ALLOCS_API int allocs_describe(const void *p, char *buf, size_t len);

/* For debuggers, which stop a process anywhere and cannot easily hand it a
 * buffer: describes p into a static buffer and returns it (not reentrant).
 * A debugger's function call runs on a frame the runtime cannot unwind
 * past, so for an address on the stack the debugger passes the program
 * counter and canonical frame address (CFA: the caller's stack pointer
 * before the call) of the frame it believes holds p; the variable there
 * is looked up in that frame's metadata.  pc = cfa = 0: no frame. */
ALLOCS_API const char *allocs_debug_describe(const void *p, uintptr_t pc, uintptr_t cfa);

#ifdef __cplusplus
}
#endif
#endif
