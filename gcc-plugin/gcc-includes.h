/*
 * gcc-includes.h -- the GCC internals every plugin file needs, in the order
 * GCC requires (gcc-plugin.h first: it sets up system.h, which poisons
 * malloc & co., so standard headers must be requested through INCLUDE_*).
 *
 * Keeping this in one place is also our compatibility layer: if a later GCC
 * renames something, the shim goes here.
 */
#ifndef ALLOCSCHECK_GCC_INCLUDES_H
#define ALLOCSCHECK_GCC_INCLUDES_H

#define INCLUDE_STRING
#define INCLUDE_VECTOR
#define INCLUDE_MAP
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "c-family/c-common.h"
#include "stringpool.h"
#include "attribs.h"
#include "langhooks.h"
#include "cgraph.h"
#include "varasm.h"
#include "stor-layout.h"
#include "fold-const.h"
#include "tree-iterator.h"
#include "diagnostic-core.h"
#include "print-tree.h"
#include "output.h"
#include "hash-set.h"
#include "toplev.h"

#endif
