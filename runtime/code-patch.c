/*
 * code-patch.c -- entry-point redirection with a relocated prologue.
 *
 * Layout of one stub page near the target (within +-2 GiB, so 32-bit
 * displacements reach both ways):
 *   [entry]       jmp *0(%rip); .quad replacement
 *   [trampoline]  the target's first instructions, relocated
 *                 jmp *0(%rip); .quad target + patched_len
 * and the target's first 5 bytes become `jmp rel32 entry`.
 */
#define _GNU_SOURCE
#include "code-patch.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096u
#define STUB_SPACE 128u

static unsigned char *stub_page;
static size_t stub_used;

static int fits32(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

static unsigned char *stub_alloc(uintptr_t near)
{
	if (stub_page && stub_used + STUB_SPACE <= PAGE
	    && fits32((int64_t)((uintptr_t)stub_page - near)) && fits32((int64_t)(near - (uintptr_t)stub_page))) {
		unsigned char *s = stub_page + stub_used;
		stub_used += STUB_SPACE;
		return s;
	}
	uintptr_t base = near & ~(uintptr_t)(PAGE - 1);
	for (uintptr_t step = 1; step < 1024; step++) {
		for (int dir = -1; dir <= 1; dir += 2) {
			uintptr_t hint = base + (uintptr_t)((intptr_t)dir * (intptr_t)(step << 20));
			long r = syscall(SYS_mmap, hint, PAGE, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
			if (r == -1)
				continue;
			if ((uintptr_t)r != hint) {      /* old kernel ignoring the flag */
				syscall(SYS_munmap, r, PAGE);
				continue;
			}
			stub_page = (unsigned char *)r;
			stub_used = STUB_SPACE;
			return stub_page;
		}
	}
	return NULL;
}

static void put_abs_jmp(unsigned char *at, const void *dest)
{
	static const unsigned char jmp_rip[6] = { 0xff, 0x25, 0, 0, 0, 0 };
	memcpy(at, jmp_rip, 6);
	uint64_t d = (uint64_t)(uintptr_t)dest;
	memcpy(at + 6, &d, 8);
}

/* ModRM (+SIB +displacement) length at m; *rip_disp_off = offset of a
 * RIP-relative disp32 from m, or -1. */
static size_t modrm_len(const unsigned char *m, int *rip_disp_off)
{
	unsigned mod = m[0] >> 6, rm = m[0] & 7;
	size_t n = 1;
	*rip_disp_off = -1;
	if (mod == 3)
		return n;
	if (rm == 4) {
		unsigned base = m[1] & 7;
		n++;
		if (mod == 0 && base == 5)
			return n + 4;
	} else if (mod == 0 && rm == 5) {
		*rip_disp_off = 1;
		return n + 4;
	}
	if (mod == 1)
		n += 1;
	else if (mod == 2)
		n += 4;
	return n;
}

enum rel_kind { REL_NONE, REL_JCC8, REL_JMP8, REL_REL32 };

struct insn {
	size_t len;
	int rip_disp_off;        /* offset of a RIP-relative disp32 in the instruction, or -1 */
	enum rel_kind rel;
	size_t rel_off;          /* offset of the rel8/rel32 field */
};

/* Decode one instruction of the supported subset; 0 on success. */
static int decode(const unsigned char *c, struct insn *in)
{
	size_t i = 0;
	int opsize16 = 0, rexw = 0;
	in->rip_disp_off = -1;
	in->rel = REL_NONE;
	for (;; i++) {
		unsigned char b = c[i];
		if (b == 0x66) opsize16 = 1;
		else if (b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x3e || b == 0x26
			 || b == 0x64 || b == 0x65 || b == 0x36 || b == 0xf0) ;
		else break;
	}
	if ((c[i] & 0xf0) == 0x40) {
		rexw = (c[i] & 8) != 0;
		i++;
	}
	unsigned char op = c[i++];
	size_t imm32 = opsize16 ? 2 : 4;
	int d;
	if (op == 0x0f) {
		unsigned char op2 = c[i++];
		if ((op2 & 0xf0) == 0x80) {              /* jcc rel32 */
			in->rel = REL_REL32;
			in->rel_off = i;
			in->len = i + 4;
			return 0;
		}
		if (op2 == 0x38 || op2 == 0x3a || op2 == 0x05 || op2 == 0x0b || op2 == 0x31 || op2 == 0xa2)
			return -1;
		size_t n = modrm_len(c + i, &d);
		if (d >= 0) in->rip_disp_off = (int)(i + (size_t)d);
		i += n;
		if (op2 == 0x70 || op2 == 0xc2 || op2 == 0xc6 || op2 == 0xa4 || op2 == 0xac || op2 == 0xba)
			i += 1;                                   /* imm8 forms */
		in->len = i;
		return 0;
	}
	if ((op & 0xc0) == 0 && (op & 7) < 4) {          /* ALU r/m forms 00-3b */
		size_t n = modrm_len(c + i, &d);
		if (d >= 0) in->rip_disp_off = (int)(i + (size_t)d);
		in->len = i + n;
		return 0;
	}
	if ((op & 0xc0) == 0 && (op & 7) == 4) { in->len = i + 1; return 0; }        /* al, imm8 */
	if ((op & 0xc0) == 0 && (op & 7) == 5) { in->len = i + imm32; return 0; }    /* eax, imm32 */
	if (op >= 0x50 && op <= 0x5f) { in->len = i; return 0; }
	if (op == 0x90 || op == 0x98 || op == 0x99 || op == 0xcc || op == 0xc3) { in->len = i; return 0; }
	if (op == 0x68 || op == 0xa9) { in->len = i + imm32; return 0; }
	if (op == 0x6a || op == 0xa8 || (op >= 0xb0 && op <= 0xb7)) { in->len = i + 1; return 0; }
	if (op >= 0xb8 && op <= 0xbf) { in->len = i + (rexw ? 8 : imm32); return 0; }
	if ((op & 0xf0) == 0x70) { in->rel = REL_JCC8; in->rel_off = i; in->len = i + 1; return 0; }
	if (op == 0xeb) { in->rel = REL_JMP8; in->rel_off = i; in->len = i + 1; return 0; }
	if (op == 0xe8 || op == 0xe9) { in->rel = REL_REL32; in->rel_off = i; in->len = i + 4; return 0; }
	size_t imm;
	switch (op) {
	case 0x63: case 0x84: case 0x85: case 0x86: case 0x87: case 0x88: case 0x89:
	case 0x8a: case 0x8b: case 0x8d: case 0x8f: case 0xd0: case 0xd1: case 0xd2:
	case 0xd3: case 0xfe: case 0xff:
		imm = 0; break;
	case 0x6b: case 0x80: case 0x83: case 0xc0: case 0xc1: case 0xc6:
		imm = 1; break;
	case 0x69: case 0x81: case 0xc7:
		imm = imm32; break;
	case 0xf6: case 0xf7: {
		unsigned reg = (c[i] >> 3) & 7;
		imm = reg < 2 ? (op == 0xf6 ? 1 : imm32) : 0;
		break;
	}
	default:
		return -1;
	}
	size_t n = modrm_len(c + i, &d);
	if (d >= 0) in->rip_disp_off = (int)(i + (size_t)d);
	in->len = i + n + imm;
	return 0;
}

/* nop or int3: what compilers put between functions */
static int is_padding(const unsigned char *c, size_t len)
{
	if (len == 1)
		return c[0] == 0x90 || c[0] == 0xcc;
	size_t i = 0;
	while (i < len && (c[i] == 0x66 || c[i] == 0x2e))
		i++;
	return i + 1 < len && c[i] == 0x0f && c[i + 1] == 0x1f;   /* multi-byte nop */
}

int code_patch_prepare(struct code_patch *p, void *target, void *replacement, const char **why)
{
	unsigned char *t = target;
	memset(p, 0, sizeof *p);
	p->target = t;
	p->replacement = replacement;
	unsigned char *stub = stub_alloc((uintptr_t)t);
	if (!stub) {
		*why = "no memory for a stub within reach of the function";
		return -1;
	}
	put_abs_jmp(stub, replacement);
	unsigned char *tramp = stub + 16, *out = tramp;
	size_t n = 0;
	int ended = 0;
	while (n < 5) {
		struct insn in;
		if (decode(t + n, &in) != 0 || in.len > 15) {
			*why = "unsupported instruction at the function's entry";
			return -1;
		}
		if (ended && !is_padding(t + n, in.len)) {
			/* the function ends (or leaves) before 5 bytes and what
			 * follows is not alignment padding: it may be another function */
			*why = "function too short to patch";
			return -1;
		}
		if (t[n] == 0xc3 || t[n] == 0xe9 || t[n] == 0xeb)
			ended = 1;
		const unsigned char *src = t + n;
		if (in.rel != REL_NONE) {
			int64_t rel = in.rel == REL_REL32 ? (int64_t)(int32_t)(src[in.rel_off] | src[in.rel_off + 1] << 8
						| src[in.rel_off + 2] << 16 | (uint32_t)src[in.rel_off + 3] << 24)
						: (int64_t)(int8_t)src[in.rel_off];
			uintptr_t dest = (uintptr_t)(src + in.len) + (uintptr_t)rel;
			if (dest > (uintptr_t)t && dest < (uintptr_t)t + 5) {
				*why = "a branch into the patched bytes";
				return -1;
			}
			size_t newlen;
			if (in.rel == REL_JCC8) {            /* 7x rel8 -> 0f 8x rel32 */
				out[0] = 0x0f;
				out[1] = (unsigned char)(0x80 | (src[in.rel_off - 1] & 0x0f));
				newlen = 6;
			} else if (in.rel == REL_JMP8) {     /* eb rel8 -> e9 rel32 */
				out[0] = 0xe9;
				newlen = 5;
			} else {
				memcpy(out, src, in.rel_off);
				newlen = in.rel_off + 4;
			}
			int64_t nrel = (int64_t)(dest - (uintptr_t)(out + newlen));
			if (!fits32(nrel)) {
				*why = "branch target out of reach from the stub";
				return -1;
			}
			int32_t r32 = (int32_t)nrel;
			memcpy(out + newlen - 4, &r32, 4);
			out += newlen;
		} else {
			memcpy(out, src, in.len);
			if (in.rip_disp_off >= 0) {
				int32_t disp;
				memcpy(&disp, src + in.rip_disp_off, 4);
				int64_t nd = (int64_t)disp + ((int64_t)(uintptr_t)(src + in.len) - (int64_t)(uintptr_t)(out + in.len));
				if (!fits32(nd)) {
					*why = "RIP-relative operand out of reach from the stub";
					return -1;
				}
				disp = (int32_t)nd;
				memcpy(out + in.rip_disp_off, &disp, 4);
			}
			out += in.len;
		}
		n += in.len;
	}
	put_abs_jmp(out, t + n);
	if (out + 14 > stub + STUB_SPACE) {
		*why = "relocated entry too long";
		return -1;
	}
	p->patched_len = n;
	memcpy(p->saved, t, n < sizeof p->saved ? n : sizeof p->saved);
	p->trampoline = tramp;
	return 0;
}

int code_patch_apply(struct code_patch *p)
{
	/* the stub page becomes executable (and stops being writable) first */
	uintptr_t sp = (uintptr_t)p->trampoline & ~(uintptr_t)(PAGE - 1);
	if (syscall(SYS_mprotect, sp, PAGE, PROT_READ | PROT_EXEC) != 0)
		return -1;
	if ((uintptr_t)stub_page == sp)
		stub_page = NULL;   /* no longer writable: later patches get a new page */
	uintptr_t lo = (uintptr_t)p->target & ~(uintptr_t)(PAGE - 1);
	uintptr_t hi = ((uintptr_t)p->target + 5 + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	if (syscall(SYS_mprotect, lo, hi - lo, PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
		return -1;
	unsigned char jmp[5] = { 0xe9 };
	int32_t rel = (int32_t)((intptr_t)((unsigned char *)p->trampoline - 16) - (intptr_t)(p->target + 5));
	memcpy(jmp + 1, &rel, 4);
	memcpy(p->target, jmp, 5);
	__builtin___clear_cache((char *)p->target, (char *)p->target + 5);
	syscall(SYS_mprotect, lo, hi - lo, PROT_READ | PROT_EXEC);
	return 0;
}
