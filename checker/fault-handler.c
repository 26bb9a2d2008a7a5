/*
 * fault-handler.c -- dereferences of out-of-bounds pointers, caught two
 * ways: a derived pointer that stays in the function that derived it is
 * checked before each dereference (__allocs_deref_fail, below, is that
 * check's failure path); one that escaped was trapped, and its
 * dereference faults.
 *
 * A trapped pointer is non-canonical, so x86-64 raises a general-protection
 * fault when it is dereferenced; Linux delivers SIGSEGV with si_code
 * SI_KERNEL and si_addr 0 (the faulting address is not reported for #GP).
 * We do not decode the instruction: an address is always formed from
 * general-purpose registers, and a trapped value (bit 62 set, bit 63
 * clear) is something no ordinary register holds, so the handler looks for
 * such a value among the saved registers.  Found: report an
 * out-of-bounds-deref for it (with the bounds and derivation site recorded
 * when it was trapped); then, unless aborting, clear the tags in every
 * such register and return, so the instruction is retried with the real
 * address and the program continues as if unchecked (like a warn-mode
 * report of any other check).  Not found: not ours, pass the signal on to
 * the previous handler or the default action.
 *
 * Limits: a dereference in code that copied the trapped value through
 * vector registers, or that faults for another reason while a register
 * happens to hold a trapped value, is attributed to that value.
 */
#define _GNU_SOURCE
#include "bounds.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

static struct sigaction prev_segv, prev_bus;

static const int gp_regs[] = {
	REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_RSP,
	REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

/* A trapped pointer, possibly moved by a little arithmetic (a borrow or
 * carry into the tag's low bit): tags 0x4000..0x4003. */
static int tag_intact(uint64_t v)
{
	return (v >> 50) == (ALLOCS_TRAP_ONE_PAST >> 2) && ((v >> 32) & 0xffff) != 0xffff &&
	       (v & ((1ull << 48) - 1)) < (1ull << 47);
}

static void pass_on(int sig, siginfo_t *si, void *uc)
{
	struct sigaction *p = sig == SIGBUS ? &prev_bus : &prev_segv;
	if ((p->sa_flags & SA_SIGINFO) && p->sa_sigaction) {
		p->sa_sigaction(sig, si, uc);
		return;
	}
	if (p->sa_handler != SIG_DFL && p->sa_handler != SIG_IGN) {
		p->sa_handler(sig);
		return;
	}
	/* Default action: restore it and return; the instruction faults
	 * again and the kernel kills the process the usual way. */
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
}

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;
	int found = -1;
	/* #GP (non-canonical address) comes as SI_KERNEL; a fault at a real
	 * address (SEGV_MAPERR...) is never a trapped dereference. */
	if (si->si_code != SI_KERNEL) {
		pass_on(sig, si, ucv);
		return;
	}
	/* Prefer a value we handed out (in the table), then one whose tag is
	 * intact; data that merely has bit 62 set (text in a register) is
	 * neither. */
	struct trapped_entry e;
	for (unsigned i = 0; i < sizeof gp_regs / sizeof gp_regs[0] && found < 0; i++)
		if (trapped_find((uint64_t)g[gp_regs[i]], &e) == 0)
			found = gp_regs[i];
	for (unsigned i = 0; i < sizeof gp_regs / sizeof gp_regs[0] && found < 0; i++)
		if (tag_intact((uint64_t)g[gp_regs[i]]))
			found = gp_regs[i];
	if (found < 0) {
		pass_on(sig, si, ucv);
		return;
	}
	uint64_t v = (uint64_t)g[found];
	struct bounds_report br;
	memset(&br, 0, sizeof br);
	br.kind = BR_DEREF;
	br.addr = ALLOCS_DETRAP(v);
	br.fault_pc = (uintptr_t)g[REG_RIP];
	if (trapped_find(v, &e) == 0) {
		br.base = e.base;
		br.size = e.size;
		br.have_bounds = 1;
		br.derived_at = e.loc;
	}
	if (bounds_fail_policy(br.derived_at)) {
		report_bounds(&br);
		bounds_after_report();
	}
	for (unsigned i = 0; i < sizeof gp_regs / sizeof gp_regs[0]; i++)
		if (tag_intact((uint64_t)g[gp_regs[i]]))
			g[gp_regs[i]] = (greg_t)ALLOCS_DETRAP((uint64_t)g[gp_regs[i]]);
}

/* After the runtime's own start-up (priority 101), before the program's
 * constructors: a program installing its own SIGSEGV handler replaces
 * ours, and then trapped dereferences are its faults to handle. */
__attribute__((constructor(150))) static void install_fault_handler(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &prev_segv);
	sigaction(SIGBUS, &sa, &prev_bus);
}

/* A dereference of p, derived from an origin with bounds [base, base +
 * size), found outside them by the inline check before the access.  The
 * report is the fault's, with the call's return address as the pc.
 * Returns 0: the plugin declares this `const` (see allocs-check.h). */
CHECKER_EXPORT __attribute__((cold, noinline)) unsigned
__allocs_deref_fail(const void *p, uint64_t base, uint64_t size, uint32_t flags,
		    const struct allocs_srcloc *derived_at)
{
	uint64_t a = ALLOCS_DETRAP((uintptr_t)p);
	if (checker_mode() == ALLOCS_CHECK_OFF || a - base < size)
		return 0;
	struct bounds_report br;
	memset(&br, 0, sizeof br);
	br.kind = BR_DEREF;
	br.addr = a;
	br.flags = flags;
	br.fault_pc = (uintptr_t)__builtin_return_address(0);
	br.derived_at = derived_at;
	/* a trapped origin whose bounds were forgotten fetches [p, p) */
	if (size != 0) {
		br.base = base;
		br.size = size;
		br.have_bounds = 1;
	}
	if (bounds_fail_policy(derived_at)) {
		report_bounds(&br);
		bounds_after_report();
	}
	return 0;
}
