/*
 * metadata-load.c -- registering loaded objects and loading their meta-DSOs
 * (see metadata-load.h for the concurrency rules).
 *
 * How objects become known.  At start-up dl_iterate_phdr lists them.  Later
 * dlopen'ed libraries are discovered lazily rather than by wrapping dlopen:
 * glibc's dlopen resolves $ORIGIN and the caller's RUNPATH from its return
 * address, so a wrapper in the runtime would change which library a
 * program's dlopen finds.  Instead, a lookup that falls in no known object
 * asks glibc's lock-free _dl_find_object whether the address belongs to
 * some object; only then (and only if dl_iterate_phdr's add/remove counters
 * moved) is the object list re-read.  dlclose has no such caller
 * dependence, so it is wrapped (dlclose-hook.c) and triggers a re-read that
 * drops the closed objects.
 *
 * Meta-DSOs are opened and mapped with plain syscalls (no stdio, no malloc)
 * and never dlopen'ed; the blob is validated completely (metadso-read.h)
 * and its build-id compared with the object's before any of it is used.
 */
#define _GNU_SOURCE
#include "metadata-load.h"
#include "meta-mem.h"
#include "meta-msg.h"
#include "type-intern.h"
#include "meta-paths.h"
#include "options.h"
#include "index-sites.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096u

static pthread_mutex_t meta_lock = PTHREAD_MUTEX_INITIALIZER;
/* Set while this thread holds meta_lock: a signal handler that looks
 * something up meanwhile must not try to take it again. */
static __thread int in_loader __attribute__((tls_model("initial-exec")));

static _Atomic(struct meta_snapshot *) snapshot;
static unsigned long long seen_adds, seen_subs;     /* writers only */
static struct meta_blob *blob_cache;                /* writers only */
static int verbose;

/* _dl_find_object appeared in glibc 2.35; without it every miss re-checks
 * the loader's counters instead. */
extern int _dl_find_object(void *, struct dl_find_object *) __attribute__((weak));

static int lock_meta(void)
{
	if (in_loader)
		return -1;
	pthread_mutex_lock(&meta_lock);
	in_loader = 1;
	return 0;
}

static void unlock_meta(void)
{
	in_loader = 0;
	pthread_mutex_unlock(&meta_lock);
}

/* strncpy without its truncation pitfalls: always terminated. */
static void set_reason(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *copy_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = meta_alloc(n);
	if (!c)
		return "(out of memory)";
	memcpy(c, s, n);
	return c;
}

/* ---- messages ------------------------------------------------------------ */

static void msg_object(struct meta_msg *m, const struct meta_object *o)
{
	mm_str(m, o->name);
	if (o->build_id_len) {
		mm_str(m, " (build-id ");
		mm_bytes_hex(m, o->build_id, o->build_id_len);
		mm_str(m, ")");
	}
}

static void say_missing(const struct meta_object *o, const char *why)
{
	if (!verbose)
		return;
	struct meta_msg m = { .len = 0 };
	mm_str(&m, "no metadata for ");
	msg_object(&m, o);
	mm_str(&m, ": ");
	mm_str(&m, why);
	mm_str(&m, "; its objects are untyped");
	mm_emit(&m);
}

/* A meta-DSO exists but cannot be used: always worth saying, once. */
static void say_refused(const struct meta_object *o, const char *path, const char *why)
{
	struct meta_msg m = { .len = 0 };
	mm_str(&m, "ignoring meta-DSO ");
	mm_str(&m, path);
	mm_str(&m, " for ");
	msg_object(&m, o);
	mm_str(&m, ": ");
	mm_str(&m, why);
	mm_str(&m, "; it runs untyped (regenerate it with allocscheck-meta)");
	mm_emit(&m);
}

/* ---- registering objects --------------------------------------------------- */

struct scan {
	struct meta_snapshot *old;
	struct meta_object **objs;
	size_t n, cap;
	size_t objs_bytes;
	uintptr_t vdso;
	unsigned long long adds, subs;
	int oom;
};

static struct meta_object *find_in(struct meta_snapshot *s, uintptr_t a)
{
	if (!s)
		return NULL;
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->objs[mid]->lo <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	struct meta_object *o = s->objs[lo - 1];
	return a < o->hi ? o : NULL;
}

static void exe_name(char *buf, size_t len)
{
	long r = syscall(SYS_readlink, "/proc/self/exe", buf, len - 1);
	if (r <= 0) {
		strcpy(buf, "(main program)");
		return;
	}
	buf[r] = '\0';
}

static int scan_one(struct dl_phdr_info *info, size_t size, void *data)
{
	struct scan *sc = data;
	(void)size;
	sc->adds = info->dlpi_adds;
	sc->subs = info->dlpi_subs;

	uintptr_t lo = UINTPTR_MAX, hi = 0;
	const uint8_t *id = NULL;
	size_t idlen = 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_LOAD && ph->p_memsz) {
			uintptr_t s = info->dlpi_addr + ph->p_vaddr;
			uintptr_t e = s + ph->p_memsz;
			if (s < lo)
				lo = s;
			if (e > hi)
				hi = e;
		} else if (ph->p_type == PT_NOTE && !id) {
			acmeta_build_id_from_notes((const void *)(info->dlpi_addr + ph->p_vaddr),
						   ph->p_memsz, ph->p_align, &id, &idlen);
		}
	}
	if (hi <= lo)
		return 0;
	/* Page granularity, as the dynamic linker maps them (and as
	 * _dl_find_object reports them). */
	lo &= ~(uintptr_t)(PAGE - 1);
	hi = (hi + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	if (idlen > ACMETA_BUILD_ID_MAX)
		idlen = 0;

	/* Still the same object as before? */
	struct meta_object *o = find_in(sc->old, lo);
	if (!(o && o->lo == lo && o->hi == hi && o->bias == info->dlpi_addr &&
	      o->build_id_len == idlen && memcmp(o->build_id, id, idlen) == 0)) {
		o = meta_alloc(sizeof *o);
		if (!o) {
			sc->oom = 1;
			return 0;
		}
		o->lo = lo;
		o->hi = hi;
		o->bias = info->dlpi_addr;
		o->build_id_len = (uint32_t)idlen;
		if (idlen)
			memcpy(o->build_id, id, idlen);
		if (info->dlpi_name && info->dlpi_name[0]) {
			o->name = copy_str(info->dlpi_name);
		} else {
			char buf[4096];
			exe_name(buf, sizeof buf);
			o->name = copy_str(buf);
		}
		/* Not yet decided: META_PENDING with meta_path NULL.  The
		 * vDSO has no file and never gets metadata; say nothing. */
		atomic_store_explicit(&o->state, lo == sc->vdso ? META_NONE : META_PENDING,
				      memory_order_relaxed);
		o->meta_path = lo == sc->vdso ? "" : NULL;
	}

	if (sc->n == sc->cap) {
		size_t ncap = sc->cap ? sc->cap * 2 : 64;
		struct meta_object **n = meta_scratch_alloc(ncap * sizeof *n);
		if (!n) {
			sc->oom = 1;
			return 0;
		}
		if (sc->objs) {
			memcpy(n, sc->objs, sc->n * sizeof *n);
			meta_scratch_free(sc->objs, sc->objs_bytes);
		}
		sc->objs = n;
		sc->cap = ncap;
		sc->objs_bytes = ncap * sizeof *n;
	}
	sc->objs[sc->n++] = o;
	return 0;
}

/* Decide where a new object's metadata is: at least one candidate file
 * readable in the search roots (validated when first needed). */
static void locate(struct meta_object *o, uintptr_t self)
{
	if (o->build_id_len < 2) {
		atomic_store_explicit(&o->state, META_NONE, memory_order_relaxed);
		if (!(self >= o->lo && self < o->hi))
			say_missing(o, "it has no GNU build-id (link with -Wl,--build-id)");
		return;
	}
	struct acmeta_root_iter it;
	char path[ACMETA_PATH_MAX];
	acmeta_roots_begin(&it);
	for (const char *r; (r = acmeta_roots_next(&it));) {
		if (acmeta_meta_path(r, o->build_id, o->build_id_len, path, sizeof path) < 0)
			continue;
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			close(fd);
			o->meta_path = copy_str(path);
			return;   /* stays META_PENDING */
		}
	}
	atomic_store_explicit(&o->state, META_NONE, memory_order_relaxed);
	o->meta_path = "";
	/* The runtime itself carries no metadata by design: not worth a line. */
	if (!(self >= o->lo && self < o->hi))
		say_missing(o, "no meta-DSO in the search roots");
}

static void sort_objects(struct meta_object **a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct meta_object *x = a[i];
		size_t j = i;
		while (j > 0 && a[j - 1]->lo > x->lo) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = x;
	}
}

/* Caller holds meta_lock. */
static void rescan_locked(void)
{
	struct scan sc = { .old = atomic_load_explicit(&snapshot, memory_order_relaxed) };
	sc.vdso = (uintptr_t)getauxval(AT_SYSINFO_EHDR);
	dl_iterate_phdr(scan_one, &sc);
	if (!sc.objs)
		return;
	sort_objects(sc.objs, sc.n);

	/* Overlaps would break the binary search: keep the first. */
	size_t k = 0;
	for (size_t i = 0; i < sc.n; i++)
		if (k == 0 || sc.objs[i]->lo >= sc.objs[k - 1]->hi)
			sc.objs[k++] = sc.objs[i];

	struct meta_snapshot *ns = meta_alloc(sizeof *ns + k * sizeof ns->objs[0]);
	if (ns) {
		uintptr_t self = (uintptr_t)&allocs_metadata_init;
		ns->n = k;
		for (size_t i = 0; i < k; i++) {
			ns->objs[i] = sc.objs[i];
			if (sc.objs[i]->meta_path == NULL)
				locate(sc.objs[i], self);
		}
		/* The old snapshot is never freed: lock-free readers may hold it. */
		atomic_store_explicit(&snapshot, ns, memory_order_release);
		seen_adds = sc.adds;
		seen_subs = sc.subs;
	}
	meta_scratch_free(sc.objs, sc.objs_bytes);
}

static _Atomic int initialised;

/* Register the objects loaded so far (also the lazy path of lookups that
 * run before the runtime's initialisation). */
static void init_objects(void)
{
	if (atomic_load_explicit(&initialised, memory_order_acquire))
		return;
	if (lock_meta() != 0)
		return;
	if (!atomic_load_explicit(&initialised, memory_order_relaxed)) {
		verbose = allocs_options()->verbose >= 1;
		type_intern_roots();
		rescan_locked();
		atomic_store_explicit(&initialised, 1, memory_order_release);
	}
	unlock_meta();
}

/* A fork while another thread holds meta_lock would leave the child's copy
 * locked for ever: hold it across fork (taken before, released after in
 * both processes).  Registered after the runtime's own handlers, so our
 * prepare runs first: meta_lock is taken before the internal allocator's
 * lock, the order in which loading takes them. */
static void atfork_prepare(void)
{
	pthread_mutex_lock(&meta_lock);
}

static void atfork_release(void)
{
	pthread_mutex_unlock(&meta_lock);
}

void allocs_metadata_init(void)
{
	static _Atomic int once;
	if (atomic_exchange(&once, 1) == 0)
		pthread_atfork(atfork_prepare, atfork_release, atfork_release);
	init_objects();
	/* Only from the runtime's initialisation, never from a lookup: it
	 * dlopens. */
	stack_unwinder_init();
}

void allocs_meta_rescan(void)
{
	if (!atomic_load_explicit(&initialised, memory_order_acquire)) {
		init_objects();
		return;
	}
	if (lock_meta() != 0)
		return;
	rescan_locked();
	unlock_meta();
}

static int read_counters(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	unsigned long long *c = data;
	c[0] = info->dlpi_adds;
	c[1] = info->dlpi_subs;
	return 1;
}

/* Re-read the object list if the dynamic linker loaded or unloaded
 * anything since we last looked. */
static void rescan_if_changed(void)
{
	if (lock_meta() != 0)
		return;
	unsigned long long c[2] = { 0, 0 };
	dl_iterate_phdr(read_counters, c);
	if (c[0] != seen_adds || c[1] != seen_subs)
		rescan_locked();
	unlock_meta();
}

struct meta_object *meta_object_at(uintptr_t a)
{
	struct meta_snapshot *s = atomic_load_explicit(&snapshot, memory_order_acquire);
	if (!s) {
		init_objects();
		s = atomic_load_explicit(&snapshot, memory_order_acquire);
	}
	struct meta_object *o = find_in(s, a);
	if (o || in_loader)
		return o;
	/* Not an object we know: a library dlopen'ed since, or no object at
	 * all (heap, mmap).  Ask the loader cheaply before re-reading. */
	if (_dl_find_object) {
		struct dl_find_object fo;
		if (_dl_find_object((void *)a, &fo) != 0)
			return NULL;
	}
	rescan_if_changed();
	return find_in(atomic_load_explicit(&snapshot, memory_order_acquire), a);
}

/* ---- loading a meta-DSO ---------------------------------------------------- */

static struct meta_blob *cached_blob(const struct meta_object *o)
{
	for (struct meta_blob *b = blob_cache; b; b = b->next) {
		const struct acmeta_header *h = b->view.hdr;
		if (h->build_id_len == o->build_id_len &&
		    memcmp(h->build_id, o->build_id, o->build_id_len) == 0)
			return b;
	}
	return NULL;
}

static void *map_file(int fd, size_t size)
{
	long r = syscall(SYS_mmap, NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (r < 0 && r > -4096)
		return NULL;
	return (void *)r;
}

/* Try one candidate file.  0 and *out filled on success; otherwise -1 with
 * a reason in why (the mapping is undone). */
static int try_candidate(const struct meta_object *o, const char *path,
			 struct acmeta_view *out, char *why, size_t whylen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;   /* vanished since registration: not a refusal */
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		close(fd);
		set_reason(why, whylen, "empty or unreadable file");
		return -2;
	}
	size_t size = (size_t)st.st_size;
	void *image = map_file(fd, size);
	close(fd);
	if (!image) {
		set_reason(why, whylen, "cannot map it");
		return -2;
	}

	struct acmeta_status status;
	const void *blob;
	size_t blob_size;
	if (acmeta_find_section(image, size, &blob, &blob_size, &status) != 0)
		goto refuse;
	if ((uintptr_t)blob % 8 != 0) {
		/* The format wants 8-byte alignment; a writer that did not
		 * align the section costs us a copy. */
		void *copy = meta_alloc(blob_size);
		if (!copy) {
			set_reason(why, whylen, "out of memory");
			goto unmap;
		}
		memcpy(copy, blob, blob_size);
		blob = copy;
	}
	if (acmeta_open(out, blob, blob_size, &status) != 0)
		goto refuse;
	const struct acmeta_header *h = out->hdr;
	if (h->build_id_len != o->build_id_len ||
	    memcmp(h->build_id, o->build_id, o->build_id_len) != 0) {
		struct meta_msg m = { .len = 0 };
		mm_str(&m, "stale: it describes build-id ");
		mm_bytes_hex(&m, h->build_id,
			     h->build_id_len <= ACMETA_BUILD_ID_MAX ? h->build_id_len : 0);
		mm_str(&m, ", not the loaded binary's");
		set_reason(why, whylen, m.buf);
		goto unmap;
	}
	return 0;   /* mapped for good: the types' names point into it */

refuse:
	set_reason(why, whylen, status.msg[0] ? status.msg : acmeta_strerror(status.err));
unmap:
	syscall(SYS_munmap, image, size);
	return -2;
}

/* Caller holds meta_lock; o is META_PENDING. */
static void load_locked(struct meta_object *o)
{
	struct meta_blob *b = cached_blob(o);
	char first_path[ACMETA_PATH_MAX] = "";
	char why[ACMETA_MSG_MAX + 64] = "";

	if (!b) {
		struct acmeta_root_iter it;
		char path[ACMETA_PATH_MAX];
		struct acmeta_view view;
		acmeta_roots_begin(&it);
		for (const char *r; (r = acmeta_roots_next(&it));) {
			if (acmeta_meta_path(r, o->build_id, o->build_id_len, path, sizeof path) < 0)
				continue;
			char w[sizeof why];
			memset(w, 0, sizeof w);
			int rc = try_candidate(o, path, &view, w, sizeof w);
			if (rc == 0) {
				b = meta_alloc(sizeof *b);
				if (b) {
					b->view = view;
					b->types = type_intern_blob(&view, o->name);
				}
				if (!b || !b->types) {
					b = NULL;
					strcpy(why, "out of memory while loading its types");
					strcpy(first_path, path);
				}
				break;
			}
			if (rc == -2 && !first_path[0]) {
				strcpy(first_path, path);
				strcpy(why, w);
			}
		}
		if (b) {
			b->next = blob_cache;
			blob_cache = b;
		}
	}

	if (!b) {
		if (first_path[0])
			say_refused(o, first_path, why);
		else
			say_missing(o, "its meta-DSO disappeared");
		atomic_store_explicit(&o->state, META_NONE, memory_order_release);
		return;
	}
	o->blob = b;
	o->reloc = (b->view.hdr->flags & ACMETA_F_PIC) ? o->bias : 0;
	atomic_store_explicit(&o->state, META_READY, memory_order_release);
	/* Sites the heap index could not type before may be typed now. */
	allocs_site_types_changed();
}

const struct meta_blob *meta_object_blob(struct meta_object *o)
{
	int s = atomic_load_explicit(&o->state, memory_order_acquire);
	if (s == META_READY)
		return o->blob;
	if (s == META_NONE)
		return NULL;
	if (lock_meta() != 0)
		return NULL;
	if (atomic_load_explicit(&o->state, memory_order_relaxed) == META_PENDING)
		load_locked(o);
	unlock_meta();
	return atomic_load_explicit(&o->state, memory_order_acquire) == META_READY ? o->blob : NULL;
}

const struct meta_blob *meta_blob_at(uintptr_t a, uintptr_t *reloc)
{
	struct meta_object *o = meta_object_at(a);
	const struct meta_blob *b = o ? meta_object_blob(o) : NULL;
	if (b)
		*reloc = o->reloc;   /* written before the state became READY */
	return b;
}

void meta_load_all(void)
{
	init_objects();
	rescan_if_changed();
	if (lock_meta() != 0)
		return;
	struct meta_snapshot *s = atomic_load_explicit(&snapshot, memory_order_relaxed);
	for (size_t i = 0; s && i < s->n; i++)
		if (atomic_load_explicit(&s->objs[i]->state, memory_order_relaxed) == META_PENDING)
			load_locked(s->objs[i]);
	unlock_meta();
}
