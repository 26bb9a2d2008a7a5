/*
 * code-patch.h -- redirect a function's entry to another function (x86-64).
 *
 * Used to hook an allocator we cannot interpose (foreign-malloc.c).  The
 * first instructions of the target (at least 5 bytes) are decoded, copied
 * into a trampoline near the target (RIP-relative operands and relative
 * branches re-aimed), followed by a jump back; the target's entry becomes
 * a `jmp` to the replacement.  Only a common subset of instructions is
 * understood: anything else makes preparation fail, and nothing is changed.
 * Limitation: a branch from inside the function back into its first 5
 * bytes would land in the middle of the jump (compilers rarely do that).
 */
#ifndef ALLOCSCHECK_CODE_PATCH_H
#define ALLOCSCHECK_CODE_PATCH_H

#include <stddef.h>

struct code_patch {
	unsigned char *target;
	void *replacement;
	void *trampoline;            /* call this to run the original function */
	unsigned char saved[16];
	size_t patched_len;
};

/* Build the trampoline; 0 on success, -1 (with *why set) if not possible. */
int code_patch_prepare(struct code_patch *p, void *target, void *replacement, const char **why);
/* Write the entry jump (after every needed patch is prepared). 0 or -1. */
int code_patch_apply(struct code_patch *p);

#endif
