/*
 * layout-excerpt.h -- the few lines of a struct's layout around an offset,
 * as bad-cast reports and `allocs whatis` (describe.c) print them:
 *
 *   layout of struct point (8 bytes), around offset 4:
 *        +0     int                      x  (4 bytes)
 *     => +4     int                      y  (4 bytes)   <- the pointer is here
 *
 * Formatted with the runtime's own formatter into the caller's buffer: no
 * allocation, so it is safe on the report path.
 */
#ifndef ALLOCSCHECK_LAYOUT_EXCERPT_H
#define ALLOCSCHECK_LAYOUT_EXCERPT_H

#include <stddef.h>
#include <stdint.h>
#include "subobject.h"

/* The deepest struct or union level of a path, or -1 when there is none. */
int subobject_deepest_aggregate(const struct subobj_path *sp);

/* Append to buf (capacity cap, used len; NUL-terminated) the layout of the
 * aggregate at level l, showing the members within `radius` of the one
 * holding `off` (an offset in the allocation); returns the new length.
 * Prints nothing for an aggregate without members. */
size_t layout_excerpt(char *buf, size_t cap, size_t len, const struct subobj_level *l,
		      uint64_t off, int radius);

#endif
