/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_out.c - JSON Lines through yajl's generator, with the string rule
 * of json_out.h: strings are repaired into valid UTF-8 before yajl sees
 * them (yajl escapes C0 controls, quotes and backslashes), and the bytes
 * yajl prints pass a filter that escapes the other characters a terminal
 * would obey (DEL, C1, bidirectional formatting, separators). Outside its
 * strings yajl prints only ASCII, so the filter changes nothing else. */
#include "json_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "text.h"
#include "util.h"

/* The character at s: text_utf8_decode's answer */
static int utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	return text_utf8_decode((const char *)s, len, cp);
}

size_t json_utf8_repair(const char *s, size_t len, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		n = utf8_seq(u + i, len - i, &cp);
		if (n > 0) {
			memcpy(out + o, u + i, (size_t)n);
			o += (size_t)n;
			i += (size_t)n;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	return o;
}

/* Valid characters that still come out as \uXXXX escapes. */
static bool escaped(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x2028 || cp == 0x2029;
}

static void put(struct json_out *j, const void *p, size_t n)
{
	if (j->err || !n)
		return;
	if (j->used + n > j->cap) {
		j->cap = (j->used + n) * 2 + 256;
		j->buf = xrealloc(j->buf, j->cap);
	}
	memcpy(j->buf + j->used, p, n);
	j->used += n;
}

/* The object, whole, to the file. */
static void flush(struct json_out *j)
{
	if (j->err || !j->used)
		return;
	errno = 0;
	if (fwrite_unlocked(j->buf, 1, j->used, j->f) != j->used)
		j->err = errno ? errno : EIO;
	j->used = 0;
}

/* How many bytes from s on are printable ASCII, which goes out as it is
 * (yajl has escaped the controls, quotes and backslashes already). */
static size_t plain_run(const unsigned char *s, size_t len)
{
	size_t k = 0;

	while (k < len && s[k] >= 0x20 && s[k] < 0x7f)
		k++;
	return k;
}

/* One character of what yajl printed, escaped when it must be. */
static void put_char(struct json_out *j, const unsigned char *s, int n,
		     uint32_t cp)
{
	char esc[8];

	if (n <= 0) {			/* never from a repaired string */
		put(j, "\\uFFFD", 6);
		return;
	}
	if (!escaped(cp)) {
		put(j, s, (size_t)n);
		return;
	}
	snprintf(esc, sizeof(esc), "\\u%04X", (unsigned)cp);
	put(j, esc, 6);
}

/* yajl's print callback: the filter, a character cut at the end of one
 * call kept for the next. */
static void print_cb(void *ctx, const char *str, size_t len)
{
	struct json_out *j = ctx;
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	int n;

	while (len) {
		size_t k = j->ncarry ? 0 : plain_run(s, len);

		if (k) {		/* most of it: one write */
			put(j, s, k);
			s += k;
			len -= k;
			continue;
		}
		if (j->ncarry) {
			j->carry[j->ncarry++] = *s++;
			len--;
			n = utf8_seq(j->carry, j->ncarry, &cp);
			if (n < 0 && j->ncarry < sizeof(j->carry))
				continue;
			put_char(j, j->carry, n, cp);
			j->ncarry = 0;
			continue;
		}
		n = utf8_seq(s, len, &cp);
		if (n < 0) {		/* cut: keep what came */
			memcpy(j->carry, s, len);
			j->ncarry = len;
			return;
		}
		put_char(j, s, n, cp);
		s += n > 0 ? n : 1;
		len -= n > 0 ? (size_t)n : 1;
	}
}

int json_out_init(struct json_out *j, FILE *f)
{
	yajl_gen g;

	memset(j, 0, sizeof(*j));
	j->f = f;
	if (!(g = yajl_gen_alloc(NULL)))
		return -1;
	yajl_gen_config(g, yajl_gen_beautify, 0);
	/* every string is repaired before yajl sees it (json_bytes): yajl
	   need not check it again */
	yajl_gen_config(g, yajl_gen_validate_utf8, 0);
	yajl_gen_config(g, yajl_gen_print_callback, print_cb, j);
	j->gen = g;
	return 0;
}

void json_out_free(struct json_out *j)
{
	if (j->gen)
		yajl_gen_free(j->gen);
	j->gen = NULL;
	free(j->buf);
	j->buf = NULL;
	j->used = j->cap = 0;
}

void json_begin(struct json_out *j)
{
	yajl_gen_reset(j->gen, NULL);
	j->ncarry = 0;
	j->used = 0;
	yajl_gen_map_open(j->gen);
}

int json_end(struct json_out *j)
{
	if (yajl_gen_map_close(j->gen) != yajl_gen_status_ok && !j->err)
		j->err = EINVAL;	/* an object left open inside */
	put(j, "\n", 1);
	flush(j);
	return j->err ? -1 : 0;
}

/* A key is the program's own ASCII: no repair needed. */
void json_key(struct json_out *j, const char *key)
{
	yajl_gen_string(j->gen, (const unsigned char *)key, strlen(key));
}

void json_bytes(struct json_out *j, const char *s, size_t len)
{
	char small[256], *buf = len * 3 + 1 <= sizeof(small) ? small :
				xmalloc(len * 3 + 1);
	size_t n = json_utf8_repair(s, len, buf);

	yajl_gen_string(j->gen, (const unsigned char *)buf, n);
	if (buf != small)
		free(buf);
}

void json_str(struct json_out *j, const char *s)
{
	json_bytes(j, s, strlen(s));
}

void json_int(struct json_out *j, long long v)
{
	yajl_gen_integer(j->gen, v);
}

void json_uint(struct json_out *j, unsigned long long v)
{
	char num[24];

	/* yajl's integers are signed: a cookie may not fit one */
	snprintf(num, sizeof(num), "%llu", v);
	yajl_gen_number(j->gen, num, strlen(num));
}

void json_bool(struct json_out *j, bool v)
{
	yajl_gen_bool(j->gen, v);
}

void json_null(struct json_out *j)
{
	yajl_gen_null(j->gen);
}

void json_map_open(struct json_out *j)
{
	yajl_gen_map_open(j->gen);
}

void json_map_close(struct json_out *j)
{
	yajl_gen_map_close(j->gen);
}

void json_array_open(struct json_out *j)
{
	yajl_gen_array_open(j->gen);
}

void json_array_close(struct json_out *j)
{
	yajl_gen_array_close(j->gen);
}

void json_kstr(struct json_out *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kbytes(struct json_out *j, const char *key, const char *s,
		 size_t len)
{
	json_key(j, key);
	json_bytes(j, s, len);
}

void json_kint(struct json_out *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kuint(struct json_out *j, const char *key, unsigned long long v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kbool(struct json_out *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}
