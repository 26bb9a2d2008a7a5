/*
 * dwarf-gen.h -- private to the generator: the state shared by the DWARF
 * readers (types, statics, frames) and the allocation-site reader.
 */
#ifndef ALLOCSCHECK_DWARF_GEN_H
#define ALLOCSCHECK_DWARF_GEN_H

#include "meta-builder.h"

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <stdarg.h>

/* A pointer to a tagged struct/union/enum whose pointee index is decided
 * once every unit has been read (see gt_resolve_pointers). */
struct gen_pending_ptr {
	uint32_t ptr;             /* type index of the pointer */
	uint32_t tag;             /* string offset of the tag */
	uint16_t tag_kind;        /* UNIQTYPE_STRUCT/UNION/ENUM */
	uint64_t pointee_key;     /* DIE key of the (stripped) pointee */
};

struct gen {
	struct mb mb;
	const char *name;         /* binary's name, for messages */
	Dwfl *dwfl;
	Dwfl_Module *mod;
	Dwarf *dw;
	Elf *elf;                 /* the binary's own ELF (not separate debuginfo) */
	GElf_Ehdr ehdr;

	struct mb_map die_types;  /* DIE key -> type index (or GEN_IN_PROGRESS) */
	struct mb_map complete_by_tag; /* gen_tag_key() -> complete aggregate/enum */
	struct mb_vec pending;    /* struct gen_pending_ptr */
	struct mb_vec copies;     /* struct gen_copy (copy-relocs.c), by name */
	uint32_t void_type;

	char *err;                /* first error, one line */
	size_t errlen;
	int failed;
};

#define GEN_IN_PROGRESS  (ACMETA_NONE - 1)
#define GEN_TYPE_DEPTH_MAX 1000

/* Record the first failure as "<binary>: <message>"; returns -1. */
int gen_fail(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Memo key for a DIE: the address of its bytes in the mapped section, so
 * DIEs of different sections (.debug_info, .debug_types) never collide. */
static inline uint64_t gen_die_key(const Dwarf_Die *die)
{
	return (uint64_t)(uintptr_t)die->addr;
}

static inline uint64_t gen_tag_key(uint32_t tag_str, unsigned tag_kind)
{
	return ((uint64_t)tag_str << 4 | tag_kind) + 1;
}

/* Name of a DIE, following DW_AT_specification / DW_AT_abstract_origin;
 * NULL if none. */
const char *gen_die_name(Dwarf_Die *die);

/* dwarf-types.c */
int gt_init(struct gen *g);
/* The type index of `die` (a type DIE), typedefs/cv stripped;
 * ACMETA_NONE on error (g->failed set). */
uint32_t gt_type(struct gen *g, Dwarf_Die *die, int depth);
/* The type index of the DW_AT_type of `die` (integrated), void if absent. */
uint32_t gt_type_of(struct gen *g, Dwarf_Die *die);
int gt_is_type_tag(int tag);
/* Decide the pointees of pointers to tagged types; call after all units. */
int gt_resolve_pointers(struct gen *g);

/* dwarf-statics.c: a DW_TAG_variable; `fn` is the innermost enclosing
 * subprogram DIE or NULL at file scope. */
int gs_variable(struct gen *g, Dwarf_Die *var, Dwarf_Die *fn);

/* copy-relocs.c: variables the executable takes over through COPY
 * relocations.  Read the relocations before the DWARF walk, show the walk's
 * DW_TAG_variable DIEs to gc_variable() (it takes types from declarations),
 * then add one static per relocated variable with gc_add_statics(). */
int gc_read_copy_relocs(struct gen *g);
int gc_variable(struct gen *g, Dwarf_Die *var);
int gc_add_statics(struct gen *g);

/* dwarf-frames.c: a DW_TAG_subprogram. */
int gf_subprogram(struct gen *g, Dwarf_Die *fn);

/* alloc-sites.c: the plugin's .allocs_sites section, if any. */
int ga_sites(struct gen *g);

#endif
