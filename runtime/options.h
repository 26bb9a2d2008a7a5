/*
 * options.h -- the runtime's environment settings, read once.
 *
 * Every setting is declared once in the table in options.c (name, kind,
 * default, help); parsing, validation and ALLOCS_HELP=1 output all come from
 * that table.  allocs_options() is safe anywhere (hooks, signal handlers,
 * before constructors): it scans the environment itself without allocating;
 * if the environment is not set up yet it returns the defaults and tries
 * again on the next call.
 */
#ifndef ALLOCSCHECK_OPTIONS_H
#define ALLOCSCHECK_OPTIONS_H

enum allocs_check_mode {
	ALLOCS_CHECK_ABORT,   /* report, then abort() */
	ALLOCS_CHECK_WARN,    /* report and continue */
	ALLOCS_CHECK_COUNT,   /* count failures silently; summary at exit */
	ALLOCS_CHECK_OFF      /* do not check */
};

#define ALLOCS_OPTION_STR_MAX 4096

struct allocs_options {
	enum allocs_check_mode check;        /* ALLOCS_CHECK */
	int verbose;                         /* ALLOCS_VERBOSE: 0 quiet, 1 notes, 2+ debug */
	int help;                            /* ALLOCS_HELP: print the settings table at start */
	const char *log_path;                /* ALLOCS_LOG or NULL */
	const char *meta_path;               /* ALLOCS_META_PATH or NULL */
	const char *meta_dir;                /* ALLOCS_META_DIR or NULL */
	const char *suppress;                /* ALLOCS_SUPPRESS or NULL (checker/suppressions.c) */
	int summary;                         /* ALLOCS_SUMMARY: 0 prints it only after failures */
};

const struct allocs_options *allocs_options(void);

/* Print every setting with its current value and help to the log. */
void allocs_options_print_help(void);

#endif
