/*
 * symbolize.c -- backtraces and address -> name, file:line, for reports.
 *
 * Only ever called on the report path, with the report lock held (so one
 * thread at a time).  The frames come from libunwind's local unwinder,
 * which allocates nothing from the heap.  Both libraries are opened at
 * the first report (symbolize-libs.h).  Names and lines come from
 * libdw's dwfl over this process's modules; libdw does allocate, which is
 * why report.c writes the main part of a report before it symbolizes the
 * backtrace.  The Dwfl session is made once and remade when an address
 * falls in no known module (a library loaded since).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"
#include "symbolize-libs.h"
#include "../runtime/runtime-log.h"

/* The object holding the checker: its frames lead every backtrace taken
 * in a report and are left out. */
static const void *own_object(void)
{
	Dl_info di;
	return dladdr((void *)&sym_backtrace, &di) ? di.dli_fbase : NULL;
}

int sym_backtrace(void **pcs, int max, int skip)
{
	const void *own = own_object();
	int leading = 1;
	unw_context_t ctx;
	unw_cursor_t cur;
	if (symbolize_unwind_open() != 0)
		return 0;
	if (symlib.unw_tdep_getcontext(&ctx) != 0 || symlib.unw_init_local(&cur, &ctx) != 0)
		return 0;
	int n = 0;
	while (n < max && symlib.unw_step(&cur) > 0) {
		unw_word_t ip;
		if (symlib.unw_get_reg(&cur, UNW_REG_IP, &ip) != 0 || ip == 0)
			break;
		if (skip > 0) {
			skip--;
			continue;
		}
		if (leading && own) {
			Dl_info di;
			if (dladdr((void *)(uintptr_t)ip, &di) && di.dli_fbase == own)
				continue;
		}
		leading = 0;
		pcs[n++] = (void *)(uintptr_t)ip;
	}
	return n;
}

static Dwfl *dwfl;

static Dwfl *session(int refresh)
{
	static char *debuginfo_path;
	static Dwfl_Callbacks callbacks = { .debuginfo_path = &debuginfo_path };
	if (dwfl && !refresh)
		return dwfl;
	if (symbolize_libdw_open() != 0)
		return NULL;
	callbacks.find_elf = symlib.dwfl_linux_proc_find_elf;
	callbacks.find_debuginfo = symlib.dwfl_standard_find_debuginfo;
	if (dwfl)
		symlib.dwfl_end(dwfl);
	dwfl = symlib.dwfl_begin(&callbacks);
	if (!dwfl)
		return NULL;
	symlib.dwfl_report_begin(dwfl);
	if (symlib.dwfl_linux_proc_report(dwfl, getpid()) != 0 || symlib.dwfl_report_end(dwfl, NULL, NULL) != 0) {
		symlib.dwfl_end(dwfl);
		dwfl = NULL;
	}
	return dwfl;
}

static Dwfl_Module *module_of(uintptr_t a)
{
	Dwfl *d = session(0);
	Dwfl_Module *m = d ? symlib.dwfl_addrmodule(d, a) : NULL;
	if (!m && d && (d = session(1)))
		m = symlib.dwfl_addrmodule(d, a);
	return m;
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path;
}

int sym_code(uintptr_t pc, int is_return, char *fn_buf, size_t fn_size, char *loc_buf, size_t loc_size)
{
	uintptr_t a = is_return && pc ? pc - 1 : pc;
	Dwfl_Module *m = module_of(a);
	if (!m) {
		allocs_format(fn_buf, fn_size, "??");
		allocs_format(loc_buf, loc_size, "(unknown module)");
		return -1;
	}
	const char *fn = symlib.dwfl_module_addrname(m, a);
	allocs_format(fn_buf, fn_size, "%s", fn ? fn : "??");
	Dwfl_Line *line = symlib.dwfl_module_getsrc(m, a);
	int lineno = 0, col = 0;
	const char *file = line ? symlib.dwfl_lineinfo(line, NULL, &lineno, &col, NULL, NULL) : NULL;
	if (file && lineno > 0) {
		if (col > 0)
			allocs_format(loc_buf, loc_size, "%s:%d:%d", file, lineno, col);
		else
			allocs_format(loc_buf, loc_size, "%s:%d", file, lineno);
	} else {
		Dwarf_Addr start = 0;
		const char *mod = symlib.dwfl_module_info(m, NULL, &start, NULL, NULL, NULL, NULL, NULL);
		allocs_format(loc_buf, loc_size, "(%s+0x%lx)", base_name(mod), (unsigned long)(a - start));
	}
	return 0;
}

int sym_data(uintptr_t addr, char *buf, size_t size)
{
	Dwfl_Module *m = module_of(addr);
	const char *name = m ? symlib.dwfl_module_addrname(m, addr) : NULL;
	if (!name) {
		if (size)
			buf[0] = '\0';
		return -1;
	}
	allocs_format(buf, size, "%s", name);
	return 0;
}

/* ---- inlined frames ----
 * At -O2 one machine frame may hold several source-level calls.  The DWARF
 * scopes at pc (innermost first) name them: each DW_TAG_inlined_subroutine
 * is a function inlined into the next scope out, and its DW_AT_call_file/
 * call_line/call_column say where, in that outer function, the call was. */

static const char *file_of(Dwarf_Die *cu, Dwarf_Word idx)
{
	Dwarf_Files *files;
	size_t n;
	if (symlib.dwarf_getsrcfiles(cu, &files, &n) != 0 || idx >= n)
		return NULL;
	return symlib.dwarf_filesrc(files, idx, NULL, NULL);
}

/* A subprogram's or inlined instance's name, through DW_AT_abstract_origin
 * and DW_AT_specification. */
static const char *name_of(Dwarf_Die *die)
{
	Dwarf_Attribute at;
	const char *n = symlib.dwarf_formstring(symlib.dwarf_attr_integrate(die, DW_AT_name, &at));
	return n ? n : symlib.dwarf_diename(die);
}

int sym_code_frames(uintptr_t pc, int is_return, struct sym_frame *out, int max)
{
	if (max <= 0)
		return 0;
	uintptr_t a = is_return && pc ? pc - 1 : pc;
	/* innermost: the function and line the line table gives for pc */
	int got = sym_code(pc, is_return, out[0].fn, sizeof out[0].fn, out[0].loc, sizeof out[0].loc) == 0;
	if (!got)
		return 1;
	Dwfl_Module *m = module_of(a);
	Dwarf_Addr bias = 0;
	Dwarf *dw = m ? symlib.dwfl_module_getdwarf(m, &bias) : NULL;
	Dwarf_Die cu;
	if (!dw || !symlib.dwarf_addrdie(dw, a - bias, &cu))
		return 1;
	/* dwarf_getscopes follows an inlined instance into its abstract
	 * definition; the concrete chain of callers comes from the innermost
	 * instance's own parents (dwarf_getscopes_die). */
	Dwarf_Die *inner = NULL, *scopes = NULL;
	int ni = symlib.dwarf_getscopes(&cu, a - bias, &inner);
	int ns = ni > 0 && symlib.dwarf_tag(&inner[0]) == DW_TAG_inlined_subroutine
		? symlib.dwarf_getscopes_die(&inner[0], &scopes) : 0;
	free(inner);
	int n = 1;
	for (int i = 0; i < ns && n < max; i++) {
		if (symlib.dwarf_tag(&scopes[i]) != DW_TAG_inlined_subroutine)
			continue;
		const char *name = name_of(&scopes[i]);
		if (name)  /* the inlined function's own name, not the symbol's */
			allocs_format(out[n - 1].fn, sizeof out[n - 1].fn, "%s", name);
		/* the next frame out: the function this one was inlined into */
		const char *outer = NULL;
		for (int j = i + 1; j < ns && !outer; j++) {
			int tag = symlib.dwarf_tag(&scopes[j]);
			if (tag == DW_TAG_inlined_subroutine || tag == DW_TAG_subprogram)
				outer = name_of(&scopes[j]);
		}
		Dwarf_Attribute at;
		Dwarf_Word file = 0, line = 0, col = 0;
		symlib.dwarf_formudata(symlib.dwarf_attr(&scopes[i], DW_AT_call_file, &at), &file);
		symlib.dwarf_formudata(symlib.dwarf_attr(&scopes[i], DW_AT_call_line, &at), &line);
		symlib.dwarf_formudata(symlib.dwarf_attr(&scopes[i], DW_AT_call_column, &at), &col);
		const char *fname = file_of(&cu, file);
		allocs_format(out[n].fn, sizeof out[n].fn, "%s", outer ? outer : "??");
		if (fname && line && col)
			allocs_format(out[n].loc, sizeof out[n].loc, "%s:%lu:%lu", fname,
				      (unsigned long)line, (unsigned long)col);
		else if (fname && line)
			allocs_format(out[n].loc, sizeof out[n].loc, "%s:%lu", fname, (unsigned long)line);
		else
			allocs_format(out[n].loc, sizeof out[n].loc, "%s", out[0].loc);
		n++;
	}
	free(scopes);
	return n;
}
