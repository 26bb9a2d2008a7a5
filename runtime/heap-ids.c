/*
 * heap-ids.c -- interning of allocation sites and uniqtypes into 22-bit ids.
 *
 * Keys hash by address bits (key >> 3), not by a scrambling hash: sites in
 * the same stretch of code land in neighbouring slots, so a program with a
 * few hundred allocation sites touches a few pages of the table rather than
 * one page per site.  Linear probing, bounded; slot 0 is never used so that
 * id 0 can mean "none".
 */
#include "heap-ids.h"
#include "index-sites.h"
#include "internal-alloc.h"

#include <stddef.h>

#define NSLOTS (1u << HEAP_ID_BITS)
#define MAX_PROBE 256u

struct id_table {
	uintptr_t *keys;                 /* NSLOTS entries, lazily reserved */
};

static struct id_table sites, types;
static const struct uniqtype **site_types;   /* per site id: cached resolved type */
/* Per site id: "allocs_site_type said NULL" -- bits 10..31 the epoch it
 * was said in (+1, so 0 means nothing cached), bits 0..9 how many more
 * lookups may trust it.  Metadata can arrive later (dlopen, lazy loading):
 * allocs_site_types_changed() starts a new epoch, and without it a
 * negative answer is re-checked every 1024 uses anyway. */
static uint32_t *site_unknown;
static uint32_t sites_epoch;
#define NEG_USES 1023u

/* initial-exec: a global-dynamic TLS access may call __tls_get_addr, which may malloc */
static __thread uintptr_t last_site __attribute__((tls_model("initial-exec")));
static __thread uint32_t last_site_id __attribute__((tls_model("initial-exec")));

static void *lazy_reserve(void **slot, size_t size)
{
	void *p = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (p)
		return p;
	void *fresh = allocs_internal_reserve(size);
	if (!fresh)
		return NULL;
	void *expected = NULL;
	if (__atomic_compare_exchange_n(slot, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return fresh;
	allocs_internal_unreserve(fresh, size);   /* another thread won */
	return expected;
}

static uint32_t intern(struct id_table *t, uintptr_t key)
{
	if (!key)
		return 0;
	uintptr_t *keys = lazy_reserve((void **)&t->keys, NSLOTS * sizeof(uintptr_t));
	if (!keys)
		return 0;
	uint32_t i = (uint32_t)(key >> 3) & (NSLOTS - 1);
	for (uint32_t n = 0; n < MAX_PROBE; n++, i = (i + 1) & (NSLOTS - 1)) {
		if (i == 0)
			continue;
		uintptr_t k = __atomic_load_n(&keys[i], __ATOMIC_ACQUIRE);
		if (k == key)
			return i;
		if (k == 0) {
			uintptr_t expected = 0;
			if (__atomic_compare_exchange_n(&keys[i], &expected, key, 0,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)
			    || expected == key)
				return i;
		}
	}
	return 0;   /* neighbourhood full: degrade to "unknown" */
}

static uintptr_t key_of(const struct id_table *t, uint32_t id)
{
	uintptr_t *keys = __atomic_load_n(&t->keys, __ATOMIC_ACQUIRE);
	if (!keys || id == 0 || id >= NSLOTS)
		return 0;
	return __atomic_load_n(&keys[id], __ATOMIC_ACQUIRE);
}

uint32_t heap_site_id(const void *site)
{
	uintptr_t s = (uintptr_t)site;
	if (s == last_site && s)
		return last_site_id;
	uint32_t id = intern(&sites, s);
	last_site = s;
	last_site_id = id;
	return id;
}

const void *heap_site_of(uint32_t id)
{
	return (const void *)key_of(&sites, id);
}

uint32_t heap_type_id(const struct uniqtype *t)
{
	return intern(&types, (uintptr_t)t);
}

const struct uniqtype *heap_type_of(uint32_t id)
{
	return (const struct uniqtype *)key_of(&types, id);
}

const struct uniqtype *heap_site_type_cached(uint32_t site_id)
{
	if (!site_id || site_id >= NSLOTS)
		return NULL;
	const struct uniqtype **cache = __atomic_load_n(&site_types, __ATOMIC_ACQUIRE);
	return cache ? __atomic_load_n(&cache[site_id], __ATOMIC_ACQUIRE) : NULL;
}

const struct uniqtype *heap_site_type(uint32_t site_id)
{
	if (!site_id || site_id >= NSLOTS)
		return NULL;
	const struct uniqtype *known = heap_site_type_cached(site_id);
	if (known)
		return known;
	if (!allocs_site_type)
		return NULL;
	uint32_t *neg = __atomic_load_n(&site_unknown, __ATOMIC_ACQUIRE);
	uint32_t tag = ((__atomic_load_n(&sites_epoch, __ATOMIC_ACQUIRE) + 1) & 0x3fffffu) << 10;
	if (neg) {
		uint32_t v = __atomic_load_n(&neg[site_id], __ATOMIC_RELAXED);
		if ((v & ~NEG_USES) == tag && tag && (v & NEG_USES)) {
			/* racy decrement: a lost update only means asking again a bit later */
			__atomic_store_n(&neg[site_id], v - 1, __ATOMIC_RELAXED);
			return NULL;
		}
	}
	const void *site = heap_site_of(site_id);
	if (!site)
		return NULL;
	const struct uniqtype *t = allocs_site_type(site);
	if (!t) {
		neg = lazy_reserve((void **)&site_unknown, NSLOTS * sizeof *site_unknown);
		if (neg && tag)
			__atomic_store_n(&neg[site_id], tag | NEG_USES, __ATOMIC_RELAXED);
		return NULL;
	}
	const struct uniqtype **cache = lazy_reserve((void **)&site_types, NSLOTS * sizeof *site_types);
	if (cache)
		__atomic_store_n(&cache[site_id], t, __ATOMIC_RELEASE);
	return t;
}

void allocs_site_types_changed(void)
{
	__atomic_fetch_add(&sites_epoch, 1, __ATOMIC_ACQ_REL);
}
