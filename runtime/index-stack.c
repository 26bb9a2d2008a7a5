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
 * libunwind also exports _Unwind_Backtrace, and reports open it (for
 * backtraces; locally, but the program may link it itself), so libgcc's
 * entry points are taken from libgcc_s explicitly at start-up
 * (stack_unwinder_init), all three from the same library: contexts of one
 * unwinder must never reach the other's getters.
 *
 * Locals whose address escapes are registered by instrumented code
 * (stack-locals.c): those are answered from the registry first, without
 * unwinding; everything else (and any address two entries claim) is
 * found by the walk below.
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
#include "stack-locals.h"

#include <stdatomic.h>

#include <dlfcn.h>
#include <unwind.h>

#define MAX_FRAMES 1024

/* What the meta-DSO says about the function a pc is in. */
struct frame_info {
	const struct meta_blob *b;       /* NULL: no metadata for this pc */
	const struct acmeta_frame *f;
	uintptr_t reloc;
};

static struct frame_info resolve_frame(uintptr_t pc)
{
	struct frame_info fi = { NULL, NULL, 0 };
	uintptr_t reloc;
	const struct meta_blob *b = meta_blob_at(pc, &reloc);
	if (!b)
		return fi;
	uint32_t i = acmeta_find_frame(&b->view, (uint64_t)(pc - reloc));
	if (i == ACMETA_NONE)
		return fi;
	fi.b = b;
	fi.f = acmeta_frame(&b->view, i);
	fi.reloc = reloc;
	return fi;
}

/* Is p in one of the variables valid at `pc` of the frame with canonical
 * frame address `cfa`?  The variable's entry when it is (and *out filled),
 * else NULL.  *func is set to the function's entry when the frame is
 * known. */
static const struct acmeta_local *match_frame(const struct frame_info *fi, uintptr_t p,
					      uintptr_t pc, uintptr_t cfa,
					      struct allocs_info *out, uintptr_t *func)
{
	if (!fi->b)
		return NULL;
	const struct acmeta_view *v = &fi->b->view;
	const struct acmeta_frame *f = fi->f;
	uint64_t rpc = (uint64_t)(pc - fi->reloc);
	*func = (uintptr_t)(f->lowpc + fi->reloc);
	/* At -O2 GCC gives variables whose lifetimes do not overlap one stack
	 * slot: SQLite's `u8 aWalHdr[32]`, in a block of sqlite3WalFrames,
	 * shares its slot with the function-level `WalWriter w`, which is dead
	 * inside that block.  Of the variables valid at pc that hold p, the one
	 * of the innermost scope (the narrowest pc range; function-level
	 * variables have none) is the one live there. */
	const struct acmeta_local *best = NULL;
	uint64_t best_width = UINT64_MAX;
	for (uint32_t i = 0; i < f->nlocals; i++) {
		const struct acmeta_local *l = acmeta_local(v, f->first_local + i);
		int whole_frame = l->lowpc == 0 && l->highpc == 0;
		if (!whole_frame && !(rpc >= l->lowpc && rpc < l->highpc))
			continue;
		uintptr_t base = cfa + (uintptr_t)l->cfa_offset;
		if (!(p >= base && p - base < l->size))
			continue;
		uint64_t width = whole_frame ? UINT64_MAX : l->highpc - l->lowpc;
		if (!best || width < best_width) {
			best = l;
			best_width = width;
		}
	}
	if (!best)
		return NULL;
	uintptr_t base = cfa + (uintptr_t)best->cfa_offset;
	out->kind = ALLOCS_STACK;
	out->base = (const void *)base;
	out->size = (size_t)best->size;
	out->type = best->type == ACMETA_NONE ? NULL : fi->b->types[best->type];
	out->site = (const void *)*func;
	return best;
}

int stack_frame_variable(uintptr_t p, uintptr_t pc, uintptr_t cfa, struct allocs_info *out,
			 const char **name)
{
	struct frame_info fi = resolve_frame(pc);
	uintptr_t func;
	const struct acmeta_local *l = match_frame(&fi, p, pc, cfa, out, &func);
	if (!l)
		return -1;
	*name = acmeta_string(&fi.b->view, l->name);
	return 0;
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
	if (atomic_load_explicit(&uw, memory_order_acquire) != &uw_default)
		return;
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

/* The last walk of this thread's stack, reused when the next lookup comes
 * from the same place (the common case: a loop checking pointers into the
 * same frames).  Frame i is identified by its CFA and by the return address
 * its caller's call left at CFA - 8, the x86-64 call convention: if the
 * lookup's own frame is at the same address (sp_now) and every cached
 * frame's return-address slot still holds the return address recorded for
 * the next frame, the chain of activations is the same, so are their pcs,
 * CFAs and variables.  (Frames with alloca/VLA storage have variable size,
 * but with the lookup's frame at the same address and the outermost frames
 * fixed, a changed size would have to be compensated exactly by another
 * frame and leave matching return addresses at the stale slots.)  A signal
 * handler that looks something up while the cache is being rewritten
 * neither uses nor updates it. */
#define CACHE_FRAMES 32

struct frame_rec {
	uintptr_t pc;            /* adjusted pc (inside the call) */
	uintptr_t ip;            /* the return address as found on the stack */
	uintptr_t cfa;
	struct frame_info fi;    /* its metadata, resolved once */
};

struct frame_cache {
	uintptr_t sp_now;
	unsigned n;
	int busy;
	struct frame_rec f[CACHE_FRAMES];
};

static __thread struct frame_cache fcache __attribute__((tls_model("initial-exec")));

struct walk {
	const struct unwinder *uw;
	uintptr_t p;             /* the address asked about */
	uintptr_t sp_now;        /* stack pointer of the lookup itself */
	uintptr_t sp;            /* stack pointer of the frame being visited */
	uintptr_t pending_pc;    /* frame whose CFA the next callback gives */
	uintptr_t pending_ip;
	int depth;
	int done;                /* *out is filled */
	int record;              /* filling fcache */
	struct allocs_info *out;
};

/* One frame: pc (already adjusted to lie inside the call for return
 * addresses), its stack pointer w->sp and its CFA.  Returns 1 when the
 * walk can stop. */
static int visit_frame(struct walk *w, uintptr_t pc, uintptr_t ip, uintptr_t cfa,
		       const struct frame_info *known)
{
	uintptr_t p = w->p, sp = w->sp, func = 0;
	w->sp = cfa;                       /* the caller's SP is our CFA */
	if (cfa <= w->sp_now)
		return 0;                  /* the runtime's own frames */
	struct frame_info fi = known ? *known : resolve_frame(pc);
	if (w->record && fcache.n < CACHE_FRAMES)
		fcache.f[fcache.n++] = (struct frame_rec){ pc, ip, cfa, fi };
	if (match_frame(&fi, p, pc, cfa, w->out, &func))
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

/* Called by the unwinder once per frame.  In libgcc's _Unwind_Backtrace
 * the context handed to the callback has the frame's pc but still the CFA
 * of its callee (the frame's own CFA is computed after the callback
 * returns), so each frame is visited one call later, when its CFA is
 * known; the outermost frame never is. */
static _Unwind_Reason_Code walk_one(struct _Unwind_Context *ctx, void *arg)
{
	struct walk *w = arg;
	int exact = 0;
	uintptr_t ip = (uintptr_t)w->uw->get_ip_info(ctx, &exact);
	uintptr_t cfa_of_pending = (uintptr_t)w->uw->get_cfa(ctx);
	if (w->pending_pc && visit_frame(w, w->pending_pc, w->pending_ip, cfa_of_pending, NULL))
		return _URC_END_OF_STACK;
	if (ip == 0 || ++w->depth > MAX_FRAMES)
		return _URC_END_OF_STACK;
	/* A return address points after the call: the call itself (and the
	 * variables live across it) is at ip - 1, except in a frame
	 * interrupted by a signal, whose ip is exact. */
	w->pending_pc = exact ? ip : ip - 1;
	w->pending_ip = ip;
	return _URC_NO_REASON;
}

/* Answer from the cached walk if it still describes the stack and reaches
 * p: 1 when *w->out is decided. */
static int walk_cached(struct walk *w, struct stack_range st)
{
	struct frame_cache *c = &fcache;
	if (c->sp_now != w->sp_now || c->n == 0)
		return 0;
	for (unsigned i = 0; i < c->n; i++) {
		const struct frame_rec *f = &c->f[i];
		if (f->cfa <= w->sp || f->cfa > st.hi || f->cfa - 8 < w->sp_now)
			return 0;
		/* The return address into frame i+1 sits just below frame
		 * i's CFA; frame 0 is the lookup's own, fixed by sp_now. */
		if (i + 1 < c->n && *(const uintptr_t *)(f->cfa - 8) != c->f[i + 1].ip)
			return 0;
		if (visit_frame(w, f->pc, f->ip, f->cfa, &f->fi))
			return w->done;
	}
	return 0;
}

__attribute__((noinline))
static int lookup_own_stack(uintptr_t p, uintptr_t sp_now, struct stack_range st,
			    struct allocs_info *out)
{
	struct walk w = { .uw = atomic_load_explicit(&uw, memory_order_acquire),
			  .p = p, .sp_now = sp_now, .sp = sp_now, .out = out };
	if (!fcache.busy) {
		fcache.busy = 1;
		if (walk_cached(&w, st)) {
			fcache.busy = 0;
			return 0;
		}
		w.sp = sp_now;
		w.record = 1;
		fcache.sp_now = sp_now;
		fcache.n = 0;
	}
	w.uw->backtrace(walk_one, &w);
	if (w.record)
		fcache.busy = 0;
	if (w.done)
		return 0;
	/* Above the outermost frame we could walk (argv, environment), or
	 * the walk failed: the rest of the stack, untyped. */
	uintptr_t lo = w.sp > p ? st.lo : w.sp;
	region(out, lo, st.hi, 0);
	return 0;
}

int allocs_registered_local_lookup(const void *ptr, struct allocs_info *out, struct stack_local_id *id)
{
	uintptr_t p = (uintptr_t)ptr;
	struct stack_range st = thread_stack_self();
	uintptr_t sp_now = (uintptr_t)__builtin_frame_address(0);
	if (!st.hi || p < sp_now || p >= st.hi)
		return -1;
	return stack_local_find(p, sp_now, st.hi, out, id);
}

int allocs_stack_lookup(const void *ptr, struct allocs_info *out)
{
	uintptr_t p = (uintptr_t)ptr;
	struct stack_range st = thread_stack_self();
	if (st.hi && p >= st.lo && p < st.hi) {
		uintptr_t sp_now = (uintptr_t)__builtin_frame_address(0);
		if (p < sp_now)
			return -1;   /* below every live frame: nothing lives there */
		/* A local the instrumented code registered: no unwinding. */
		struct stack_local_id id;
		if (stack_local_find(p, sp_now, st.hi, out, &id) == 0)
			return 0;
		return lookup_own_stack(p, sp_now, st, out);
	}
	struct stack_range other;
	if (thread_stack_find(p, &other) == 0) {
		region(out, other.lo, other.hi, 0);
		return 0;
	}
	return -1;
}
