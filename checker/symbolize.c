/*
 * symbolize.c -- backtraces and address -> name, file:line, for reports.
 *
 * Only ever called on the report path, with the report lock held (so one
 * thread at a time).  The frames come from libunwind's local unwinder,
 * which allocates nothing from the heap.  Names and lines come from
 * libdw's dwfl over this process's modules; libdw does allocate, which is
 * why report.c writes the main part of a report before it symbolizes the
 * backtrace.  The Dwfl session is made once and remade when an address
 * falls in no known module (a library loaded since).
 */
#define _GNU_SOURCE
#define UNW_LOCAL_ONLY
#include <dlfcn.h>
#include <libunwind.h>
#include <elfutils/libdwfl.h>
#include <unistd.h>
#include <string.h>

#include "checker.h"
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
	if (unw_getcontext(&ctx) != 0 || unw_init_local(&cur, &ctx) != 0)
		return 0;
	int n = 0;
	while (n < max && unw_step(&cur) > 0) {
		unw_word_t ip;
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) != 0 || ip == 0)
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
	static const Dwfl_Callbacks callbacks = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.debuginfo_path = &debuginfo_path,
	};
	if (dwfl && !refresh)
		return dwfl;
	if (dwfl)
		dwfl_end(dwfl);
	dwfl = dwfl_begin(&callbacks);
	if (!dwfl)
		return NULL;
	dwfl_report_begin(dwfl);
	if (dwfl_linux_proc_report(dwfl, getpid()) != 0 || dwfl_report_end(dwfl, NULL, NULL) != 0) {
		dwfl_end(dwfl);
		dwfl = NULL;
	}
	return dwfl;
}

static Dwfl_Module *module_of(uintptr_t a)
{
	Dwfl *d = session(0);
	Dwfl_Module *m = d ? dwfl_addrmodule(d, a) : NULL;
	if (!m && d && (d = session(1)))
		m = dwfl_addrmodule(d, a);
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
	const char *fn = dwfl_module_addrname(m, a);
	allocs_format(fn_buf, fn_size, "%s", fn ? fn : "??");
	Dwfl_Line *line = dwfl_module_getsrc(m, a);
	int lineno = 0, col = 0;
	const char *file = line ? dwfl_lineinfo(line, NULL, &lineno, &col, NULL, NULL) : NULL;
	if (file && lineno > 0) {
		if (col > 0)
			allocs_format(loc_buf, loc_size, "%s:%d:%d", file, lineno, col);
		else
			allocs_format(loc_buf, loc_size, "%s:%d", file, lineno);
	} else {
		Dwarf_Addr start = 0;
		const char *mod = dwfl_module_info(m, NULL, &start, NULL, NULL, NULL, NULL, NULL);
		allocs_format(loc_buf, loc_size, "(%s+0x%lx)", base_name(mod), (unsigned long)(a - start));
	}
	return 0;
}

int sym_data(uintptr_t addr, char *buf, size_t size)
{
	Dwfl_Module *m = module_of(addr);
	const char *name = m ? dwfl_module_addrname(m, addr) : NULL;
	if (!name) {
		if (size)
			buf[0] = '\0';
		return -1;
	}
	allocs_format(buf, size, "%s", name);
	return 0;
}
