/*
 * type-name.c -- printable names of types.
 *
 * Names are the C spellings the generator stored in the meta-DSO (which
 * stays mapped for the life of the process) or static strings of the root
 * types, so no copy is ever needed.
 */
#include "allocs.h"

const char *allocs_type_name(const struct uniqtype *t)
{
	if (!t)
		return "(unknown type)";
	if (!t->name || !t->name[0])
		return "(unnamed type)";
	return t->name;
}
