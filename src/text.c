/* SPDX-License-Identifier: GPL-2.0-or-later */
/* text.c - text from outside made harmless to print: the rule is in
 * text.h. */
#include "text.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>

/* Valid UTF-8 code points that must not reach a terminal as they are:
 * C1 controls, bidirectional formatting, line and paragraph separators. */
static bool unprintable(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

int text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[0], lo = 0x80, hi = 0xbf;
	uint32_t v;
	int n;

	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;		/* overlong */
	else if (c == 0xed)
		hi = 0x9f;		/* surrogates */
	else if (c == 0xf0)
		lo = 0x90;		/* overlong */
	else if (c == 0xf4)
		hi = 0x8f;		/* above U+10FFFF */
	v = c & (0xffu >> (n + 1));
	for (int i = 1; i < n; i++) {
		if ((size_t)i >= len)
			return -1;
		if (u[i] < (i == 1 ? lo : 0x80) || u[i] > (i == 1 ? hi : 0xbf))
			return 0;
		v = v << 6 | (u[i] & 0x3fu);
	}
	if (cp)
		*cp = v;
	return n;
}

size_t text_char_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	int n;

	if (u[0] < 0x80)
		return u[0] >= 0x20 && u[0] != 0x7f ? 1 : 0;
	n = text_utf8_decode(s, len, &cp);
	return n > 0 && !unprintable(cp) ? (size_t)n : 0;
}

size_t text_escape_byte(unsigned char c, char out[TEXT_ESC_MAX])
{
	static const char hex[] = "0123456789abcdef";
	char short_form = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;

	out[0] = '\\';
	if (short_form) {
		out[1] = short_form;
		out[2] = '\0';
		return 2;
	}
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 0xf];
	out[4] = '\0';
	return 4;
}

/* The next piece of s to write: the length of a printable run, or 0 when
 * the byte at s is to be escaped. */
static size_t printable_run(const char *s, size_t len)
{
	size_t at = 0, k;

	while (at < len && (k = text_char_len(s + at, len - at)))
		at += k;
	return at;
}

void text_sb_add(struct strbuf *b, const char *s, size_t len)
{
	char esc[TEXT_ESC_MAX];
	size_t at = 0, run;

	while (at < len) {
		run = printable_run(s + at, len - at);
		if (run) {
			sb_addn(b, s + at, run);
			at += run;
		} else {
			sb_addn(b, esc, text_escape_byte((unsigned char)s[at], esc));
			at++;
		}
	}
	if (!b->s)
		sb_addn(b, "", 0);
}

size_t text_escape(char *buf, size_t size, const char *s, size_t len)
{
	char esc[TEXT_ESC_MAX];
	size_t at = 0, o = 0, k, took;

	while (at < len) {
		const char *piece = s + at;

		took = k = text_char_len(s + at, len - at);
		if (!k) {
			piece = esc;
			k = text_escape_byte((unsigned char)s[at], esc);
			took = 1;
		}
		if (o + k >= size)
			break;
		memcpy(buf + o, piece, k);
		o += k;
		at += took;
	}
	buf[o] = '\0';
	return o;
}

int text_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct strbuf raw = { 0 }, safe = { 0 };
	bool nl;
	int rc;

	sb_vprintf(&raw, fmt, ap);
	nl = raw.len && raw.s[raw.len - 1] == '\n';
	text_sb_add(&safe, raw.s ? raw.s : "", raw.len - nl);
	if (nl)
		sb_addn(&safe, "\n", 1);
	rc = fputs(safe.s, f) == EOF ? -1 : (int)safe.len;
	sb_free(&raw);
	sb_free(&safe);
	return rc;
}

int text_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = text_vfprintf(f, fmt, ap);
	va_end(ap);
	return rc;
}

size_t text_char_shown(const char *s, size_t len, wchar_t *wc, int *width)
{
	char esc[TEXT_ESC_MAX];
	size_t k = text_char_len(s, len), n;
	mbstate_t st;
	wchar_t c;
	int w;

	if (k) {
		memset(&st, 0, sizeof(st));
		n = mbrtowc(&c, s, k, &st);
		if (n == k && iswprint((wint_t)c) && (w = wcwidth(c)) >= 0) {
			*wc = c;
			*width = w;
			return k;
		}
	}
	*wc = L'\0';
	*width = (int)text_escape_byte((unsigned char)s[0], esc);
	return 1;
}
