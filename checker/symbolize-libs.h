/*
 * symbolize-libs.h -- libunwind and libdw, opened at the first report.
 *
 * Only reports need them (backtraces, file:line), so a checked program
 * does not carry them from startup: no extra libraries to map and
 * relocate, and libunwind's _Unwind_* definitions never join the
 * program's global scope, where they could stand in for libgcc's (C++
 * exceptions, thread cancellation).  Opened RTLD_LOCAL by soname.
 */
#ifndef ALLOCSCHECK_SYMBOLIZE_LIBS_H
#define ALLOCSCHECK_SYMBOLIZE_LIBS_H

#define UNW_LOCAL_ONLY
#include <libunwind.h>
#include <elfutils/libdwfl.h>
#include <dwarf.h>

/* Every function symbolize.c calls.  Several libunwind names are macros
 * (unw_step is _ULx86_64_step): the fields take the expanded names, and
 * so do the strings dlsym looks up. */
#define SYMBOLIZE_UNWIND_FNS(X) \
	X(unw_tdep_getcontext) X(unw_init_local) X(unw_step) X(unw_get_reg)

#define SYMBOLIZE_LIBDW_FNS(X) \
	X(dwfl_begin) X(dwfl_end) X(dwfl_report_begin) X(dwfl_report_end) \
	X(dwfl_linux_proc_report) X(dwfl_linux_proc_find_elf) \
	X(dwfl_standard_find_debuginfo) X(dwfl_addrmodule) X(dwfl_module_addrname) \
	X(dwfl_module_getsrc) X(dwfl_lineinfo) X(dwfl_module_info) \
	X(dwfl_module_getdwarf) X(dwarf_addrdie) X(dwarf_getsrcfiles) X(dwarf_filesrc) \
	X(dwarf_formstring) X(dwarf_attr_integrate) X(dwarf_diename) X(dwarf_getscopes) \
	X(dwarf_getscopes_die) X(dwarf_tag) X(dwarf_formudata) X(dwarf_attr)

struct symbolize_libs {
#define SYMBOLIZE_LIBS_FIELD(f) __typeof__(f) *f;
	SYMBOLIZE_UNWIND_FNS(SYMBOLIZE_LIBS_FIELD)
	SYMBOLIZE_LIBDW_FNS(SYMBOLIZE_LIBS_FIELD)
#undef SYMBOLIZE_LIBS_FIELD
};

/* Filled by symbolize_unwind_open / symbolize_libdw_open; NULL fields
 * until then. */
extern struct symbolize_libs symlib;

/* Open the library once; 0 when its functions are there, else -1 (the
 * first failure logs one line naming the library).  Report path only. */
int symbolize_unwind_open(void);
int symbolize_libdw_open(void);

#endif
