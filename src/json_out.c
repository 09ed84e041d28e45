/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_out.c - JSON Lines, written here with the string rule of
 * json_out.h in one pass: runs of printable ASCII are copied as they
 * are, every other character escaped, kept or replaced as the rule says.
 *
 * It was written with yajl's generator, and yajl's string encoder and
 * buffer took more than half of the instructions of a --dump --json row
 * (19,700 a row, 33,000 with its output filter), which made --dump
 * --json three times as slow as --dump at a million sockets. The tests
 * and the fuzz harness still parse every line with yajl's parser. */
#include "json_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

static void grow(struct json_out *j, size_t n)
{
	j->cap = (j->used + n) * 2 + 256;
	j->buf = xrealloc(j->buf, j->cap);
}

static inline void put(struct json_out *j, const void *p, size_t n)
{
	if (j->used + n > j->cap)
		grow(j, n);
	memcpy(j->buf + j->used, p, n);
	j->used += n;
}

static inline void put_c(struct json_out *j, char c)
{
	if (j->used + 1 > j->cap)
		grow(j, 1);
	j->buf[j->used++] = c;
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

/* How many bytes from s on go out as they are: printable ASCII but the
 * quote and the backslash. */
static const bool plain[256] = {
	[0x20 ... '"' - 1] = true, ['"' + 1 ... '\\' - 1] = true,
	['\\' + 1 ... 0x7e] = true,
};

static size_t plain_run(const unsigned char *s, size_t len)
{
	size_t k = 0;

	while (k < len && plain[s[k]])
		k++;
	return k;
}

static void put_u_escape(struct json_out *j, uint32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[6] = { '\\', 'u', hex[cp >> 12 & 15], hex[cp >> 8 & 15],
			hex[cp >> 4 & 15], hex[cp & 15] };

	put(j, esc, sizeof(esc));
}

/* One character that is not plain: escaped as JSON wants and as the rule
 * says (\" \\ \b \f \n \r \t, else \uXXXX), a valid one copied, an
 * invalid byte as U+FFFD. Returns the bytes of s it took. */
static size_t put_special(struct json_out *j, const unsigned char *s,
			  size_t len)
{
	static const char short_esc[0x20] = {
		['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r',
		['\t'] = 't',
	};
	uint32_t cp;
	int n;

	if (*s == '"' || *s == '\\') {
		put_c(j, '\\');
		put_c(j, (char)*s);
		return 1;
	}
	if (*s < 0x20 && short_esc[*s]) {
		put_c(j, '\\');
		put_c(j, short_esc[*s]);
		return 1;
	}
	n = text_utf8_decode((const char *)s, len, &cp);
	if (n <= 0) {
		put(j, "\xef\xbf\xbd", 3);	/* U+FFFD */
		return 1;
	}
	if (escaped(cp))
		put_u_escape(j, cp);
	else
		put(j, s, (size_t)n);
	return (size_t)n;
}

static void put_string(struct json_out *j, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	put_c(j, '"');
	while (len) {
		size_t k = plain_run(s, len);

		put(j, s, k);
		s += k;
		len -= k;
		if (len) {
			k = put_special(j, s, len);
			s += k;
			len -= k;
		}
	}
	put_c(j, '"');
}

/* Before a value or a key: the comma that separates it from the one
 * before (none after a key, or first in its map or array). */
static void before_item(struct json_out *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0 && j->depth <= JSON_DEPTH_MAX) {
		if (j->count[j->depth - 1]++)
			put_c(j, ',');
	}
}

static void open_(struct json_out *j, char c)
{
	before_item(j);
	put_c(j, c);
	if (j->depth < JSON_DEPTH_MAX)
		j->count[j->depth] = 0;
	else if (!j->bad)
		j->bad = EINVAL;	/* nested too deep */
	j->depth++;
}

static void close_(struct json_out *j, char c)
{
	if (j->depth == 0 || j->after_key) {
		if (!j->bad)
			j->bad = EINVAL;	/* unbalanced */
		return;
	}
	j->depth--;
	put_c(j, c);
}

int json_out_init(struct json_out *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	return 0;
}

void json_out_free(struct json_out *j)
{
	free(j->buf);
	j->buf = NULL;
	j->used = j->cap = 0;
}

void json_begin(struct json_out *j)
{
	j->used = 0;
	j->depth = 0;
	j->after_key = false;
	j->bad = 0;
	open_(j, '{');
}

int json_end(struct json_out *j)
{
	close_(j, '}');
	if ((j->depth != 0 || j->bad) && !j->err)
		j->err = EINVAL;	/* an object left open inside */
	put_c(j, '\n');
	flush(j);
	return j->err ? -1 : 0;
}

/* A key is the program's own printable ASCII: written as it is. */
void json_key(struct json_out *j, const char *key)
{
	size_t n = strlen(key);

	before_item(j);
	if (j->used + n + 3 > j->cap)
		grow(j, n + 3);
	j->buf[j->used++] = '"';
	memcpy(j->buf + j->used, key, n);
	j->used += n;
	j->buf[j->used++] = '"';
	j->buf[j->used++] = ':';
	j->after_key = true;
}

void json_bytes(struct json_out *j, const char *s, size_t len)
{
	before_item(j);
	put_string(j, s, len);
}

void json_str(struct json_out *j, const char *s)
{
	json_bytes(j, s, strlen(s));
}

static void put_number(struct json_out *j, bool minus, unsigned long long v)
{
	char num[24];
	size_t n = sizeof(num);

	do {
		num[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (minus)
		num[--n] = '-';
	before_item(j);
	put(j, num + n, sizeof(num) - n);
}

void json_int(struct json_out *j, long long v)
{
	put_number(j, v < 0, v < 0 ? 0ULL - (unsigned long long)v :
		   (unsigned long long)v);
}

void json_uint(struct json_out *j, unsigned long long v)
{
	put_number(j, false, v);
}

void json_bool(struct json_out *j, bool v)
{
	before_item(j);
	if (v)
		put(j, "true", 4);
	else
		put(j, "false", 5);
}

void json_null(struct json_out *j)
{
	before_item(j);
	put(j, "null", 4);
}

void json_map_open(struct json_out *j)
{
	open_(j, '{');
}

void json_map_close(struct json_out *j)
{
	close_(j, '}');
}

void json_array_open(struct json_out *j)
{
	open_(j, '[');
}

void json_array_close(struct json_out *j)
{
	close_(j, ']');
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
