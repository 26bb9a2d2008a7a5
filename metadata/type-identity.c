/*
 * type-identity.c -- canonical serialization + SipHash-2-4 of C types.
 *
 * The serialization is a byte stream of fields (docs/type-identity.md):
 *   string field:  the bytes, then one 0x00
 *   integer field: 8 bytes, little-endian (signed values two's complement)
 * absorbed straight into SipHash-2-4 under a fixed key, so no buffer is
 * needed however many members an aggregate has.
 */
#include "type-identity.h"
#include "uniqtype.h"

#include <string.h>
#include <stdio.h>

/* Fixed key: identities must be the same in every process and every build. */
#define AC_KEY0 0x616c6c6f63736368ull /* "allocsch" */
#define AC_KEY1 0x65636b2d74797065ull /* "eck-type" */

static inline uint64_t rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static inline void sip_round(struct ac_typeid_builder *b)
{
	b->v0 += b->v1; b->v1 = rotl64(b->v1, 13); b->v1 ^= b->v0; b->v0 = rotl64(b->v0, 32);
	b->v2 += b->v3; b->v3 = rotl64(b->v3, 16); b->v3 ^= b->v2;
	b->v0 += b->v3; b->v3 = rotl64(b->v3, 21); b->v3 ^= b->v0;
	b->v2 += b->v1; b->v1 = rotl64(b->v1, 17); b->v1 ^= b->v2; b->v2 = rotl64(b->v2, 32);
}

static void sip_init(struct ac_typeid_builder *b)
{
	b->v0 = AC_KEY0 ^ 0x736f6d6570736575ull;
	b->v1 = AC_KEY1 ^ 0x646f72616e646f6dull;
	b->v2 = AC_KEY0 ^ 0x6c7967656e657261ull;
	b->v3 = AC_KEY1 ^ 0x7465646279746573ull;
	b->tail = 0;
	b->ntail = 0;
	b->total = 0;
}

static void sip_word(struct ac_typeid_builder *b, uint64_t m)
{
	b->v3 ^= m;
	sip_round(b);
	sip_round(b);
	b->v0 ^= m;
}

static void sip_bytes(struct ac_typeid_builder *b, const void *data, size_t len)
{
	const unsigned char *p = data;
	b->total += len;
	while (len--) {
		b->tail |= (uint64_t)*p++ << (8 * b->ntail);
		if (++b->ntail == 8) {
			sip_word(b, b->tail);
			b->tail = 0;
			b->ntail = 0;
		}
	}
}

static uint64_t sip_final(struct ac_typeid_builder *b)
{
	uint64_t m = b->tail | ((b->total & 0xff) << 56);
	sip_word(b, m);
	b->v2 ^= 0xff;
	for (int i = 0; i < 4; i++)
		sip_round(b);
	return b->v0 ^ b->v1 ^ b->v2 ^ b->v3;
}

static void put_str(struct ac_typeid_builder *b, const char *s)
{
	if (!s)
		s = "";
	sip_bytes(b, s, strlen(s) + 1);
}

static void put_u64(struct ac_typeid_builder *b, uint64_t v)
{
	unsigned char le[8];
	for (int i = 0; i < 8; i++)
		le[i] = (unsigned char)(v >> (8 * i));
	sip_bytes(b, le, 8);
}

static void begin(struct ac_typeid_builder *b, const char *kind)
{
	sip_init(b);
	put_str(b, kind);
}

/* Base type names as GCC spells them (tree TYPE_NAME and DW_AT_name agree),
 * mapped to the C spelling we use everywhere.  Names not listed are already
 * canonical ("int", "char", "float", "_Bool", "__int128", ...). */
static const struct { const char *from, *to; } base_names[] = {
	{ "short int", "short" },
	{ "short unsigned int", "unsigned short" },
	{ "long int", "long" },
	{ "long unsigned int", "unsigned long" },
	{ "long long int", "long long" },
	{ "long long unsigned int", "unsigned long long" },
	{ "__int128 unsigned", "unsigned __int128" },
	{ "signed", "int" },
	{ "unsigned", "unsigned int" },
};

const char *ac_canonical_base_name(const char *name)
{
	if (!name)
		return "";
	for (size_t i = 0; i < sizeof base_names / sizeof base_names[0]; i++)
		if (strcmp(name, base_names[i].from) == 0)
			return base_names[i].to;
	return name;
}

static const char *tag_keyword(unsigned tag_kind)
{
	switch (tag_kind) {
	case UNIQTYPE_STRUCT: return "struct";
	case UNIQTYPE_UNION: return "union";
	case UNIQTYPE_ENUM: return "enum";
	default: return "?";
	}
}

ac_typeid ac_typeid_void(void)
{
	struct ac_typeid_builder b;
	begin(&b, "void");
	return sip_final(&b);
}

ac_typeid ac_typeid_base(const char *name, unsigned encoding, uint64_t size)
{
	struct ac_typeid_builder b;
	begin(&b, "base");
	put_str(&b, ac_canonical_base_name(name));
	put_u64(&b, encoding);
	put_u64(&b, size);
	return sip_final(&b);
}

ac_typeid ac_typeid_opaque(unsigned tag_kind, const char *tag)
{
	struct ac_typeid_builder b;
	begin(&b, "opaque");
	put_str(&b, tag_keyword(tag_kind));
	put_str(&b, tag);
	return sip_final(&b);
}

ac_typeid ac_typeid_array(ac_typeid elem, uint64_t count, int flexible)
{
	struct ac_typeid_builder b;
	begin(&b, flexible ? "array[]" : "array");
	if (!flexible)
		put_u64(&b, count);
	put_u64(&b, elem);
	return sip_final(&b);
}

ac_typeid ac_typeid_pointer_to_tagged(unsigned tag_kind, const char *tag)
{
	struct ac_typeid_builder b;
	begin(&b, "ptr-tag");
	put_str(&b, tag_keyword(tag_kind));
	put_str(&b, tag);
	return sip_final(&b);
}

ac_typeid ac_typeid_pointer(ac_typeid pointee)
{
	struct ac_typeid_builder b;
	begin(&b, "ptr");
	put_u64(&b, pointee);
	return sip_final(&b);
}

void ac_typeid_begin_aggregate(struct ac_typeid_builder *b, unsigned kind,
			       const char *tag, uint64_t size)
{
	begin(b, tag_keyword(kind));
	put_str(b, tag);
	put_u64(b, size);
}

void ac_typeid_member(struct ac_typeid_builder *b, const char *name,
		      uint64_t offset, uint64_t bit_pos, uint32_t bit_size,
		      ac_typeid type)
{
	put_str(b, bit_size ? "bitfield" : "member");
	put_str(b, name);
	if (bit_size) {
		put_u64(b, bit_pos);
		put_u64(b, bit_size);
	} else {
		put_u64(b, offset);
	}
	put_u64(b, type);
}

void ac_typeid_begin_enum(struct ac_typeid_builder *b, const char *tag,
			  uint64_t size)
{
	begin(b, "enum");
	put_str(b, tag);
	put_u64(b, size);
}

void ac_typeid_enumerator(struct ac_typeid_builder *b, const char *name,
			  int64_t value)
{
	put_str(b, name);
	put_u64(b, (uint64_t)value);
}

void ac_typeid_begin_function(struct ac_typeid_builder *b, ac_typeid ret,
			      int variadic, int unprototyped)
{
	begin(b, "function");
	put_u64(b, ret);
	put_u64(b, (variadic ? 1u : 0u) | (unprototyped ? 2u : 0u));
}

void ac_typeid_param(struct ac_typeid_builder *b, ac_typeid type)
{
	put_u64(b, type);
}

ac_typeid ac_typeid_end(struct ac_typeid_builder *b)
{
	return sip_final(b);
}

void ac_typeid_format(ac_typeid id, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)id);
}
