/*
 * thread-stacks.c -- where the stacks of the process's threads are.
 *
 * Registry: a fixed array of slots, each guarded by a sequence counter
 * (odd while being written) so that lock-free readers never use a torn
 * [lo, hi) pair.  A thread claims a slot when its start routine begins and
 * clears it when the routine returns or the thread exits (a cleanup handler
 * covers pthread_exit and cancellation).  Threads beyond MAX_SLOTS simply
 * go unregistered: their own lookups still work (TLS), lookups of pointers
 * into their stacks from other threads find nothing.
 *
 * Threads created behind our back (clone(2) directly) are not registered
 * either; their own lookups fall back to pthread_getattr_np.
 */
#define _GNU_SOURCE
#include "thread-stacks.h"
#include "meta-mem.h"
#include "spin-lock.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define MAX_SLOTS 4096

struct slot {
	_Atomic unsigned seq;
	_Atomic int used;
	_Atomic uintptr_t lo, hi;
};

static struct slot slots[MAX_SLOTS];
static _Atomic unsigned slots_hwm;                /* slots in use are below this */

static __thread struct stack_range self_stack __attribute__((tls_model("initial-exec")));
static __thread int self_slot __attribute__((tls_model("initial-exec")));  /* index + 1 */

/* ---- main thread ----------------------------------------------------------- */

static struct stack_range main_stack;
static _Atomic int main_stack_state;              /* 0 unknown, 1 computing, 2 done */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* One line of /proc/self/maps: "lo-hi perms ... [stack]". */
static int parse_stack_line(const char *line, size_t len, struct stack_range *out)
{
	if (len < 7 || memcmp(line + len - 7, "[stack]", 7) != 0)
		return 0;
	uintptr_t v[2] = { 0, 0 };
	size_t i = 0;
	for (int k = 0; k < 2; k++) {
		int d;
		while (i < len && (d = hexval(line[i])) >= 0)
			v[k] = v[k] * 16 + (uintptr_t)d, i++;
		if (k == 0 && (i >= len || line[i++] != '-'))
			return 0;
	}
	out->lo = v[0];
	out->hi = v[1];
	return v[1] > v[0];
}

static void compute_main_stack(void)
{
	struct stack_range r = { 0, 0 };
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		char buf[4096];
		size_t have = 0;
		ssize_t got;
		int found = 0;
		while (!found && (got = read(fd, buf + have, sizeof buf - have)) > 0) {
			have += (size_t)got;
			size_t start = 0;
			for (size_t i = 0; i < have && !found; i++)
				if (buf[i] == '\n') {
					found = parse_stack_line(buf + start, i - start, &r);
					start = i + 1;
				}
			memmove(buf, buf + start, have - start);
			have -= start;
			if (have == sizeof buf)
				have = 0;   /* absurdly long line: drop it */
		}
		close(fd);
	}
	if (r.hi) {
		/* The mapping grows down on demand up to the rlimit. */
		struct rlimit rl;
		uintptr_t max = (uintptr_t)1 << 30;
		if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur < max)
			max = rl.rlim_cur;
		if (r.hi - max < r.lo)
			r.lo = r.hi - max;
	}
	main_stack = r;
}

/* Set while this thread is finding out where a stack is: a signal handler
 * that looks something up meanwhile gets "unknown" instead of re-entering
 * (pthread_getattr_np takes a lock and mallocs; the main stack is computed
 * once, and spinning on ourselves would never end). */
static __thread int querying __attribute__((tls_model("initial-exec")));

static struct stack_range main_thread_stack(void)
{
	static const struct stack_range unknown = { 0, 0 };
	int s = atomic_load_explicit(&main_stack_state, memory_order_acquire);
	if (s == 2)
		return main_stack;
	if (querying)
		return unknown;
	int expected = 0;
	if (atomic_compare_exchange_strong(&main_stack_state, &expected, 1)) {
		querying = 1;
		compute_main_stack();
		querying = 0;
		atomic_store_explicit(&main_stack_state, 2, memory_order_release);
		return main_stack;
	}
	while (atomic_load_explicit(&main_stack_state, memory_order_acquire) != 2)
		;
	return main_stack;
}

/* ---- registry -------------------------------------------------------------- */

static void slot_write(struct slot *s, uintptr_t lo, uintptr_t hi)
{
	atomic_fetch_add_explicit(&s->seq, 1, memory_order_acq_rel);
	atomic_store_explicit(&s->lo, lo, memory_order_relaxed);
	atomic_store_explicit(&s->hi, hi, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->seq, 1, memory_order_release);
}

static void register_self(struct stack_range r)
{
	for (unsigned i = 0; i < MAX_SLOTS; i++) {
		int expected = 0;
		if (atomic_load_explicit(&slots[i].used, memory_order_relaxed) == 0 &&
		    atomic_compare_exchange_strong(&slots[i].used, &expected, 1)) {
			slot_write(&slots[i], r.lo, r.hi);
			unsigned hwm = atomic_load_explicit(&slots_hwm, memory_order_relaxed);
			while (hwm < i + 1 &&
			       !atomic_compare_exchange_weak(&slots_hwm, &hwm, i + 1))
				;
			self_slot = (int)i + 1;
			return;
		}
	}
}

static void unregister_self(void)
{
	if (self_slot) {
		struct slot *s = &slots[self_slot - 1];
		slot_write(s, 0, 0);
		atomic_store_explicit(&s->used, 0, memory_order_release);
		self_slot = 0;
	}
	self_stack.lo = self_stack.hi = 0;
}

/* Ask glibc for the calling (non-main) thread's stack. */
static struct stack_range query_self(void)
{
	struct stack_range r = { 0, 0 };
	if (querying)
		return r;
	querying = 1;
	pthread_attr_t attr;
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		void *addr;
		size_t size;
		if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
			r.lo = (uintptr_t)addr;
			r.hi = r.lo + size;
		}
		pthread_attr_destroy(&attr);
	}
	querying = 0;
	return r;
}

struct stack_range thread_stack_self(void)
{
	if (self_stack.hi)
		return self_stack;
	/* Main thread: its id equals the process id.  Other threads get here
	 * only if they were not started through our pthread_create. */
	struct stack_range r = getpid() == gettid() ? main_thread_stack() : query_self();
	if (r.hi)
		self_stack = r;
	return r;
}

int thread_stack_find(uintptr_t a, struct stack_range *out)
{
	struct stack_range m = main_thread_stack();
	if (a >= m.lo && a < m.hi) {
		*out = m;
		return 0;
	}
	unsigned n = atomic_load_explicit(&slots_hwm, memory_order_acquire);
	for (unsigned i = 0; i < n; i++) {
		struct slot *s = &slots[i];
		unsigned q1 = atomic_load_explicit(&s->seq, memory_order_acquire);
		if (q1 & 1)
			continue;
		uintptr_t lo = atomic_load_explicit(&s->lo, memory_order_relaxed);
		uintptr_t hi = atomic_load_explicit(&s->hi, memory_order_relaxed);
		atomic_thread_fence(memory_order_acquire);
		if (atomic_load_explicit(&s->seq, memory_order_relaxed) != q1)
			continue;
		if (a >= lo && a < hi) {
			out->lo = lo;
			out->hi = hi;
			return 0;
		}
	}
	return -1;
}

/* ---- pthread_create wrapper -------------------------------------------------- */

struct start_args {
	void *(*fn)(void *);
	void *arg;
	struct start_args *next_free;
};

/* Start records are recycled (a thread-heavy program must not leak one per
 * thread); a spin lock guards the short free list. */
static struct start_args *free_args;
static int free_lock;

static struct start_args *get_args(void)
{
	spin_lock(&free_lock);
	struct start_args *a = free_args;
	if (a)
		free_args = a->next_free;
	spin_unlock(&free_lock);
	return a ? a : meta_alloc(sizeof *a);
}

static void put_args(struct start_args *a)
{
	spin_lock(&free_lock);
	a->next_free = free_args;
	free_args = a;
	spin_unlock(&free_lock);
}

static void thread_exit_cleanup(void *unused)
{
	(void)unused;
	unregister_self();
}

static void *thread_start(void *p)
{
	struct start_args *a = p;
	void *(*fn)(void *) = a->fn;
	void *arg = a->arg;
	put_args(a);

	struct stack_range r = query_self();
	self_stack = r;
	register_self(r);
	void *ret;
	pthread_cleanup_push(thread_exit_cleanup, NULL);
	ret = fn(arg);
	pthread_cleanup_pop(1);
	return ret;
}

typedef int pthread_create_fn(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
static _Atomic(pthread_create_fn *) real_pthread_create;

__attribute__((visibility("default")))
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	pthread_create_fn *f = atomic_load_explicit(&real_pthread_create, memory_order_acquire);
	if (!f) {
		f = (pthread_create_fn *)dlsym(RTLD_NEXT, "pthread_create");
		if (!f)
			return EAGAIN;
		atomic_store_explicit(&real_pthread_create, f, memory_order_release);
	}
	struct start_args *a = get_args();
	if (!a)
		return f(thread, attr, start, arg);   /* runs unregistered */
	a->fn = start;
	a->arg = arg;
	int r = f(thread, attr, thread_start, a);
	if (r != 0)
		put_args(a);
	return r;
}
