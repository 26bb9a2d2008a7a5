// REQUIRES: meta, dump
// A cut-off binary is refused as truncated -- not as "no GNU build-id" or
// "no DWARF", which is what its surviving bytes would suggest -- by
// allocscheck-meta and by allocscheck-dump --check, wherever the cut falls:
// in the ELF header, before the section header table, in the program header
// table, in a segment; and a section pointing past the end is named.
// The expected offsets and counts are read from the binary's own header.
// RUN: %cc -o %t %s
// RUN: rm -f %t.out
//
// In the ELF header (64 bytes).
// RUN: head -c 40 %t > %t.40
// RUN: not %meta %t.40 -o %t.out 2>&1 | FileCheck --check-prefix=HDR %s
// RUN: not %dump --check %t.40 2>&1 | FileCheck --check-prefix=DUMP-HDR %s
// HDR: {{^}}allocscheck-meta: {{.*}}.40: truncated ELF file (ELF header: 64 bytes at offset 0, file is 40 bytes){{$}}
// DUMP-HDR: {{^}}allocscheck-dump: {{.*}}.40: truncated ELF file (ELF header: 64 bytes at offset 0, file is 40 bytes){{$}}
//
// 100 bytes: the header survives, the section header table (at the end) does not.
// RUN: head -c 100 %t > %t.100
// RUN: not %meta %t.100 -o %t.out 2>&1 | FileCheck --check-prefix=SHDR -DSHNUM=$(od -An -tu2 -j60 -N2 %t | tr -d ' ') -DSHOFF=$(od -An -tu8 -j40 -N8 %t | tr -d ' ') %s
// RUN: not %dump --check %t.100 2>&1 | FileCheck --check-prefix=SHDR -DSHNUM=$(od -An -tu2 -j60 -N2 %t | tr -d ' ') -DSHOFF=$(od -An -tu8 -j40 -N8 %t | tr -d ' ') %s
// SHDR: {{^}}allocscheck-{{meta|dump}}: {{.*}}.100: truncated ELF file (section headers: [[SHNUM]] entries at offset [[SHOFF]], file is 100 bytes){{$}}
// SHDR-NOT: build-id
//
// Without a section header table (e_shoff = 0), the program headers and the
// segments are what must fit.
// RUN: cp %t %t.noshdr && printf '\000\000\000\000\000\000\000\000' | dd of=%t.noshdr bs=1 seek=40 conv=notrunc 2>/dev/null
// RUN: head -c 100 %t.noshdr > %t.phdr
// RUN: not %meta %t.phdr -o %t.out 2>&1 | FileCheck --check-prefix=PHDR -DPHNUM=$(od -An -tu2 -j56 -N2 %t | tr -d ' ') -DPHOFF=$(od -An -tu8 -j32 -N8 %t | tr -d ' ') %s
// PHDR: {{^}}allocscheck-meta: {{.*}}.phdr: truncated ELF file (program headers: [[PHNUM]] entries at offset [[PHOFF]], file is 100 bytes){{$}}
// RUN: head -c 3000 %t.noshdr > %t.seg
// RUN: not %meta %t.seg -o %t.out 2>&1 | FileCheck --check-prefix=SEG %s
// RUN: not %dump --check %t.seg 2>&1 | FileCheck --check-prefix=SEG %s
// SEG: {{^}}allocscheck-{{meta|dump}}: {{.*}}.seg: truncated ELF file (segment {{[0-9]+}}: {{[0-9]+}} bytes at offset {{[0-9]+}}, file is 3000 bytes){{$}}
//
// Whole file, but section 1's data said to lie far past the end.
// RUN: cp %t %t.badsec
// RUN: printf '\377\377\377\377\377\377\377\000' | dd of=%t.badsec bs=1 seek=$(( $(od -An -tu8 -j40 -N8 %t) + $(od -An -tu2 -j58 -N2 %t) + 24 )) conv=notrunc 2>/dev/null
// RUN: not %meta %t.badsec -o %t.out 2>&1 | FileCheck --check-prefix=SEC %s
// SEC: {{^}}allocscheck-meta: {{.*}}.badsec: truncated ELF file (section 1: {{[0-9]+}} bytes at offset 72057594037927935, file is {{[0-9]+}} bytes){{$}}
//
// Nothing was written for any of them; the intact binary still works.
// RUN: test ! -e %t.out
// RUN: %meta %t -o %t.meta.so && %dump --check %t %t.meta.so

int main(void)
{
	return 0;
}
