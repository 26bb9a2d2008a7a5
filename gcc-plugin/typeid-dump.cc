/*
 * typeid-dump.cc -- -fplugin-arg-allocscheck-dump-typeids=FILE.
 *
 * Writes one line per type the unit names, so that tests can compare the
 * plugin's identities with the meta-DSO generator's:
 *     struct NAME <hex>      every struct/union/enum tag (complete or not)
 *     union NAME <hex>
 *     enum NAME <hex>
 *     typedef NAME <hex>     every typedef (identity of what it names)
 *     var NAME <hex>         every variable defined at file scope
 * followed, for a complete struct or union, by one indented line per member
 * ("  member NAME <hex>", the identity of the member's type), which tells
 * which member differs when the identities of an aggregate disagree.
 * The identity is always the last field.  Types are noted as the front end
 * finishes them and identified at the end of the unit, when every tag the
 * unit completes has been completed.  Only declarations from the main file
 * are listed (headers would swamp the dump).
 */
#include "plugin.h"

static vec<tree> noted;   /* types and decls, in order; kept alive below */

static bool in_main_file(location_t loc)
{
	return loc != UNKNOWN_LOCATION && !in_system_header_at(loc) &&
	       LOCATION_FILE(loc) && main_input_filename &&
	       strcmp(LOCATION_FILE(loc), main_input_filename) == 0;
}

static void note(tree t)
{
	noted.safe_push(t);
	allocs_gc_keep(t);
}

void allocs_dump_note_type(tree type)
{
	if (!type || !TYPE_P(type))
		return;
	switch (TREE_CODE(type)) {
	case RECORD_TYPE: case UNION_TYPE: case ENUMERAL_TYPE:
		break;
	default:
		return;
	}
	type = TYPE_MAIN_VARIANT(type);
	if (!*allocs_type_tag(type))
		return;
	tree stub = TYPE_STUB_DECL(type);
	if (stub && !in_main_file(DECL_SOURCE_LOCATION(stub)))
		return;
	for (unsigned i = 0; i < noted.length(); i++)
		if (noted[i] == type)
			return;
	note(type);
}

void allocs_dump_note_decl(tree decl)
{
	if (!decl || !in_main_file(DECL_SOURCE_LOCATION(decl)))
		return;
	if (TREE_CODE(decl) == TYPE_DECL && DECL_NAME(decl) &&
	    DECL_ORIGINAL_TYPE(decl)) {
		note(decl);             /* a typedef */
	} else if (TREE_CODE(decl) == VAR_DECL && DECL_FILE_SCOPE_P(decl) &&
		   !DECL_EXTERNAL(decl) && DECL_NAME(decl)) {
		note(decl);
	} else if (TREE_CODE(decl) == TYPE_DECL) {
		/* A tag declaration seen as a TYPE_DECL (forward references). */
		allocs_dump_note_type(TREE_TYPE(decl));
	}
}

static void write_line(FILE *out, const char *what, tree type)
{
	char hex[17];
	ac_typeid_format(allocs_type_identity(type), hex);
	fprintf(out, "%s %s\n", what, hex);
}

static void write_members(FILE *out, tree t)
{
	if (!RECORD_OR_UNION_TYPE_P(t) || !COMPLETE_TYPE_P(t))
		return;
	for (tree f = TYPE_FIELDS(t); f; f = DECL_CHAIN(f)) {
		if (TREE_CODE(f) != FIELD_DECL)
			continue;
		std::string what = std::string("  member ") +
			(DECL_NAME(f) ? IDENTIFIER_POINTER(DECL_NAME(f)) : "<anonymous>");
		write_line(out, what.c_str(),
			   DECL_BIT_FIELD_TYPE(f) ? DECL_BIT_FIELD_TYPE(f) : TREE_TYPE(f));
	}
}

void allocs_dump_write(void)
{
	FILE *out = fopen(allocs_opts.dump_typeids, "w");
	if (!out) {
		error("cannot write %qs: %m", allocs_opts.dump_typeids);
		return;
	}
	for (unsigned i = 0; i < noted.length(); i++) {
		tree t = noted[i];
		std::string what;
		if (TYPE_P(t)) {
			what = allocs_type_spelling(t);
			if (!COMPLETE_TYPE_P(t))
				what += " (incomplete)";
			write_line(out, what.c_str(), t);
			write_members(out, t);
		} else if (TREE_CODE(t) == TYPE_DECL) {
			what = std::string("typedef ") + IDENTIFIER_POINTER(DECL_NAME(t));
			write_line(out, what.c_str(), TREE_TYPE(t));
		} else {
			what = std::string("var ") + IDENTIFIER_POINTER(DECL_NAME(t));
			write_line(out, what.c_str(), TREE_TYPE(t));
		}
	}
	if (fclose(out) != 0)
		error("cannot write %qs: %m", allocs_opts.dump_typeids);
}
