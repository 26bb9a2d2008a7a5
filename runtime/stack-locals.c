/*
 * stack-locals.c -- per-thread registry of address-taken locals announced
 * by instrumented code (include/allocs-alloca.h, "Registered locals").
 *
 * Why: answering "which local holds p" from DWARF frame layouts means
 * unwinding the thread's stack (index-stack.c), about a microsecond per
 * lookup, and frames die without any call the runtime sees, so those
 * answers cannot be cached.  Instrumented functions push each local whose
 * address escapes (address, size, type descriptor) on entry and pop back
 * to their mark before every return, so a lookup is a scan of a few
 * entries in TLS.
 *
 * The registry is a stack in initial-exec TLS: no allocation, no lock.
 * Entries are written before the count that publishes them, so a signal
 * handler on this thread (which pops whatever it pushed before returning)
 * sees [0, n) complete.  When full, a push is dropped (its local is then
 * found by unwinding, as before).
 *
 * Entries whose frame died without popping (a longjmp to a setjmp the
 * plugin did not instrument, an exception unwinding through C frames, a
 * context switch) stay until an instrumented frame further out returns
 * and pops to its mark; the plugin pops after every instrumented setjmp
 * returns, which covers the common longjmp.  Meanwhile such an entry is
 * only trusted where it is above the stack pointer, and the lookup never
 * trusts an address two entries claim (variables of disjoint scopes share
 * slots at -O1 and above, and a stale entry may overlap a live one): it
 * falls back to unwinding, which picks by pc.
 */
#include "stack-locals.h"
#include "allocs-alloca.h"
#include "allocs-check.h"

__thread struct locals_stack stack_locals __attribute__((tls_model("initial-exec")));
static __thread struct stack_local_counts counts __attribute__((tls_model("initial-exec")));

/* checker/typedesc.c (same library): descriptor -> uniqtype, cached in
 * the descriptor.  Weak: a runtime built without the checker gives
 * registered locals no type, so they are not answered from here. */
const struct uniqtype *td_resolve(struct allocs_typedesc *td) __attribute__((weak));

__attribute__((visibility("default")))
unsigned __allocs_local_push(void *base, size_t size, struct allocs_typedesc *type)
{
	unsigned i = stack_locals.n;
	if (__builtin_expect(i >= LOCALS_MAX, 0))
		return LOCALS_MAX;
	stack_locals.e[i].base = (uintptr_t)base;
	stack_locals.e[i].size = size;
	stack_locals.e[i].type = type;
	stack_locals.e[i].site = __builtin_return_address(0);
	/* publish after the fields (a signal handler may look) */
	__atomic_signal_fence(__ATOMIC_RELEASE);
	stack_locals.n = i + 1;
	return i;
}

__attribute__((visibility("default")))
void __allocs_local_pop(unsigned mark)
{
	if (stack_locals.n > mark)
		stack_locals.n = mark;
}

__attribute__((visibility("default")))
unsigned __allocs_local_depth(void)
{
	return stack_locals.n < LOCALS_MAX ? stack_locals.n : LOCALS_MAX;
}

__attribute__((visibility("default")))
void allocs_stack_local_counts(struct stack_local_counts *out)
{
	*out = counts;
	out->unwinds = counts.ambiguous + counts.misses;   /* each such lookup unwinds */
}

int stack_local_find(uintptr_t p, uintptr_t sp_now, uintptr_t stack_hi, struct allocs_info *out,
		     struct stack_local_id *id)
{
	unsigned n = stack_locals.n;
	__atomic_signal_fence(__ATOMIC_ACQUIRE);
	/* Entries on top that lie below the stack pointer belong to frames
	 * that are gone: drop them. */
	while (n > 0 && stack_locals.e[n - 1].base < sp_now)
		n--;
	stack_locals.n = n;
	const struct local_entry *hit = NULL;
	for (unsigned i = n; i-- > 0;) {
		const struct local_entry *e = &stack_locals.e[i];
		if (!(p >= e->base && p - e->base < e->size))
			continue;
		if (e->base < sp_now || e->base + e->size > stack_hi)
			continue;                 /* dead, or not on this stack */
		if (hit) {
			counts.ambiguous++;
			return -1;                /* two claims: let the unwinder decide */
		}
		hit = e;
	}
	if (!hit) {
		counts.misses++;
		return -1;
	}
	const struct uniqtype *t = td_resolve ? td_resolve(hit->type) : NULL;
	if (!t) {
		counts.misses++;
		return -1;                        /* DWARF would say the type: ask it */
	}
	out->kind = ALLOCS_STACK;
	out->base = (const void *)hit->base;
	out->size = hit->size;
	out->type = t;
	out->site = hit->site;
	id->index = (unsigned)(hit - stack_locals.e);
	id->base = hit->base;
	id->size = hit->size;
	id->type = hit->type;
	counts.hits++;
	return 0;
}
