/*
 * spin-lock.h -- the runtime's lock for short writer sections.
 *
 * A word, not a pthread mutex: it works before libc's locking is set up,
 * needs no initialisation call, takes no lock of libc's (so it is safe
 * inside malloc and mmap hooks), and the sections it guards are a few
 * stores long.  Waiters spin on a plain load (no bus traffic) with a pause.
 */
#ifndef ALLOCS_SPIN_LOCK_H
#define ALLOCS_SPIN_LOCK_H

static inline void spin_lock(int *w)
{
	while (__atomic_exchange_n(w, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(w, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
}

static inline void spin_unlock(int *w)
{
	__atomic_store_n(w, 0, __ATOMIC_RELEASE);
}

#endif
