/*
 * index-stack.c -- which stack variable holds an address?
 *
 * For the calling thread: unwind its stack and, for each
 * frame, look its pc up in the frame table of the owning object's
 * meta-DSO; a local or parameter valid at that pc whose bytes
 * [CFA + offset, CFA + offset + size) contain p is the answer, exact base,
 * size and type, with the function's entry as the "site".  A frame's CFA is
 * the stack pointer of its caller just before the call, so a frame spans
 * [its SP, its CFA) and its SP is its callee's CFA.
 *
 * The unwinder is libgcc's (_Unwind_Backtrace, which reports each frame's
 * CFA directly).  libunwind was measured first: its unw_getcontext and its
 * uncached steps call sigprocmask, about 10 us per lookup where system
 * calls are dear, against under 1 us per frame for libgcc's, which finds
 * FDEs with glibc's lock-free _dl_find_object and makes no system call.
 * libunwind also exports _Unwind_Backtrace, and the runtime links it (for
 * report backtraces), so libgcc's entry points are taken from libgcc_s
 * explicitly at start-up (stack_unwinder_init), all three from the same
 * library: contexts of one unwinder must never reach the other's getters.
 *
 * Walking outward, the first frame whose [SP, CFA) contains p is the one p
 * physically lies in (the callee's stack-passed parameters lie there too,
 * and were checked one frame earlier), so the walk stops there.  If no
 * variable matched:
 *   - a registered alloca/VLA block (allocs-alloca.h) containing p;
 *   - else the frame itself: kind STACK, base/size = [SP, CFA), no type.
 *     This covers alloca/VLA storage that nobody registered, spill slots,
 *     and frames of code without metadata; bounds are the frame's, never
 *     tighter than the truth.
 * Addresses below the calling thread's stack pointer hold nothing live
 * (-1).  Addresses above the outermost frame (argv, environment strings)
 * get the rest of the stack, untyped.
 *
 * Another thread's stack cannot be unwound from here (its registers are
 * not ours to read without stopping it), so a pointer into it is reported
 * as kind STACK with that whole stack as base/size and no type.
 */
#include "index-stack.h"
#include "metadata-load.h"
#include "thread-stacks.h"
#include "alloca-blocks.h"

#include <stdatomic.h>

#include <dlfcn.h>
#include <unwind.h>

#define MAX_FRAMES 1024

/* Is p in one of the variables of the frame at `pc` with canonical frame
 * address `cfa`?  *func is set to the function's entry when the frame is
 * known. */
static int match_frame(uintptr_t p, uintptr_t pc, uintptr_t cfa, struct allocs_info *out,
		       uintptr_t *func)
{
	struct meta_object *o = meta_object_at(pc);
	if (!o)
		return -1;
	const struct meta_blob *b = meta_object_blob(o);
	if (!b)
		return -1;
	const struct acmeta_view *v = &b->view;
	uint64_t rpc = (uint64_t)(pc - o->reloc);
	uint32_t fi = acmeta_find_frame(v, rpc);
	if (fi == ACMETA_NONE)
		return -1;
	const struct acmeta_frame *f = acmeta_frame(v, fi);
	*func = (uintptr_t)(f->lowpc + o->reloc);
	for (uint32_t i = 0; i < f->nlocals; i++) {
		const struct acmeta_local *l = acmeta_local(v, f->first_local + i);
		if (!(l->lowpc == 0 && l->highpc == 0) && !(rpc >= l->lowpc && rpc < l->highpc))
			continue;
		uintptr_t base = cfa + (uintptr_t)l->cfa_offset;
		if (p >= base && p - base < l->size) {
			out->kind = ALLOCS_STACK;
			out->base = (const void *)base;
			out->size = (size_t)l->size;
			out->type = l->type == ACMETA_NONE ? NULL : b->types[l->type];
			out->site = (const void *)*func;
			return 0;
		}
	}
	return -1;
}

static void region(struct allocs_info *out, uintptr_t lo, uintptr_t hi, uintptr_t site)
{
	out->kind = ALLOCS_STACK;
	out->base = (const void *)lo;
	out->size = (size_t)(hi - lo);
	out->type = NULL;
	out->site = (const void *)site;
}

typedef _Unwind_Reason_Code backtrace_fn(_Unwind_Trace_Fn, void *);
typedef _Unwind_Ptr get_ip_info_fn(struct _Unwind_Context *, int *);
typedef _Unwind_Word get_cfa_fn(struct _Unwind_Context *);

struct unwinder {
	backtrace_fn *backtrace;
	get_ip_info_fn *get_ip_info;
	get_cfa_fn *get_cfa;
};

/* Until stack_unwinder_init runs: whichever library the dynamic linker
 * bound these names to (consistently, all three). */
static struct unwinder uw_default = { _Unwind_Backtrace, _Unwind_GetIPInfo, _Unwind_GetCFA };
static _Atomic(const struct unwinder *) uw = &uw_default;

void stack_unwinder_init(void)
{
	static struct unwinder gcc;
	void *h = dlopen("libgcc_s.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	gcc.backtrace = (backtrace_fn *)dlsym(h, "_Unwind_Backtrace");
	gcc.get_ip_info = (get_ip_info_fn *)dlsym(h, "_Unwind_GetIPInfo");
	gcc.get_cfa = (get_cfa_fn *)dlsym(h, "_Unwind_GetCFA");
	if (gcc.backtrace && gcc.get_ip_info && gcc.get_cfa)
		atomic_store_explicit(&uw, &gcc, memory_order_release);
	/* The handle is kept: libgcc_s stays loaded for the process. */
}

struct walk {
	const struct unwinder *uw;
	uintptr_t p;             /* the address asked about */
	uintptr_t sp_now;        /* stack pointer of the lookup itself */
	uintptr_t sp;            /* stack pointer of the frame being visited */
	int depth;
	int done;                /* *out is filled */
	struct allocs_info *out;
};

/* One frame: pc (already adjusted to lie inside the call for return
 * addresses), its stack pointer w->sp and its CFA.  Returns 1 when the
 * walk can stop. */
static int visit_frame(struct walk *w, uintptr_t pc, uintptr_t cfa)
{
	uintptr_t p = w->p, sp = w->sp, func = 0;
	w->sp = cfa;                       /* the caller's SP is our CFA */
	if (match_frame(p, pc, cfa, w->out, &func) == 0)
		return w->done = 1;
	if (p >= sp && p < cfa) {
		uintptr_t base;
		size_t size;
		const void *asite;
		if (alloca_block_find(p, w->sp_now, &base, &size, &asite) == 0)
			region(w->out, base, base + size, (uintptr_t)asite);
		else
			region(w->out, sp, cfa, func);
		return w->done = 1;
	}
	return sp > p || cfa <= sp;        /* passed p, or a corrupt stack */
}

static _Unwind_Reason_Code walk_one(struct _Unwind_Context *ctx, void *arg)
{
	struct walk *w = arg;
	int exact = 0;
	uintptr_t ip = (uintptr_t)w->uw->get_ip_info(ctx, &exact);
	uintptr_t cfa = (uintptr_t)w->uw->get_cfa(ctx);
	if (ip == 0 || cfa == 0 || ++w->depth > MAX_FRAMES)
		return _URC_END_OF_STACK;
	/* A return address points after the call: the call itself (and the
	 * variables live across it) is at ip - 1, except in a frame
	 * interrupted by a signal, whose ip is exact. */
	uintptr_t pc = exact ? ip : ip - 1;
	return visit_frame(w, pc, cfa) ? _URC_END_OF_STACK : _URC_NO_REASON;
}

__attribute__((noinline))
static int lookup_own_stack(uintptr_t p, uintptr_t sp_now, struct stack_range st,
			    struct allocs_info *out)
{
	struct walk w = { .uw = atomic_load_explicit(&uw, memory_order_acquire),
			  .p = p, .sp_now = sp_now, .sp = sp_now, .out = out };
	w.uw->backtrace(walk_one, &w);
	if (w.done)
		return 0;
	/* Above the outermost frame we could walk (argv, environment), or
	 * the walk failed: the rest of the stack, untyped. */
	uintptr_t lo = w.sp > p ? st.lo : w.sp;
	region(out, lo, st.hi, 0);
	return 0;
}

int allocs_stack_lookup(const void *ptr, struct allocs_info *out)
{
	uintptr_t p = (uintptr_t)ptr;
	struct stack_range st = thread_stack_self();
	if (st.hi && p >= st.lo && p < st.hi) {
		uintptr_t sp_now = (uintptr_t)__builtin_frame_address(0);
		if (p < sp_now)
			return -1;   /* below every live frame: nothing lives there */
		return lookup_own_stack(p, sp_now, st, out);
	}
	struct stack_range other;
	if (thread_stack_find(p, &other) == 0) {
		region(out, other.lo, other.hi, 0);
		return 0;
	}
	return -1;
}
