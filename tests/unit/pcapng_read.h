/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcapng_read.h - reading back, in the unit tests, the pcapng files that
 * sockstage writes: its blocks, checked for their lengths, and a block's
 * options, checked for their padding and their end. */
#ifndef SOCKSTAGE_PCAPNG_READ_H
#define SOCKSTAGE_PCAPNG_READ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get32(const unsigned char *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static inline uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* The whole file at path, in a malloc'd buffer (*n bytes). */
static inline unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0;

	*n = 0;
	if (!f)
		return NULL;
	for (;;) {
		unsigned char *more;
		size_t got;

		if (*n == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(more = realloc(buf, cap)))
				break;
			buf = more;
		}
		if (!(got = fread(buf + *n, 1, cap - *n, f)))
			break;
		*n += got;
	}
	fclose(f);
	return buf;
}

struct block {
	uint32_t type, len;
	const unsigned char *p;		/* its first byte (its type) */
};

/* Split buf into its blocks (at most max). Returns how many, or -1 when a
 * block's total length is not a multiple of 4, too short, past the end,
 * or not the same at its end (said in a diagnostic line). */
static inline int blocks(const unsigned char *buf, size_t n, struct block *out,
			 int max)
{
	size_t off = 0;
	int k = 0;

	while (off < n) {
		uint32_t len;

		if (n - off < 12 || k == max) {
			printf("# block %d: %zu bytes left\n", k, n - off);
			return -1;
		}
		len = get32(buf + off + 4);
		if (len % 4 || len < 12 || len > n - off) {
			printf("# block %d: total length %u\n", k, len);
			return -1;
		}
		if (get32(buf + off + len - 4) != len) {
			printf("# block %d: %u at its start, %u at its end\n",
			       k, len, get32(buf + off + len - 4));
			return -1;
		}
		out[k++] = (struct block){ get32(buf + off), len, buf + off };
		off += len;
	}
	return k;
}

struct opt {
	uint16_t code, len;
	const unsigned char *v;
};

/* The options of block b, from offset off in it (after its body): at most
 * max, opt_endofopt not counted. Returns how many, or -1 when they do
 * not fill the block up to its trailing length exactly, a value's
 * padding is not zeros, or the list does not end with opt_endofopt
 * (none at all: 0, and the body must fill the block). */
static inline int options(const struct block *b, size_t off, struct opt *out,
			  int max)
{
	size_t end = b->len - 4;
	int k = 0;

	if (off == end)
		return 0;
	while (off + 4 <= end) {
		uint16_t code = get16(b->p + off), len = get16(b->p + off + 2);
		size_t padded = (len + 3u) & ~3u;

		if (off + 4 + padded > end)
			return -1;
		for (size_t i = len; i < padded; i++)
			if (b->p[off + 4 + i])
				return -1;
		if (code == 0)
			return len == 0 && off + 4 == end ? k : -1;
		if (k == max)
			return -1;
		out[k++] = (struct opt){ code, len, b->p + off + 4 };
		off += 4 + padded;
	}
	return -1;
}

static inline int opt_is(const struct opt *o, uint16_t code, const char *text)
{
	size_t n = strlen(text);

	return o->code == code && o->len == n && memcmp(o->v, text, n) == 0;
}

#endif
