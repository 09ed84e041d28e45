/* SPDX-License-Identifier: GPL-2.0-or-later */
/* recmark.c - marks in the recorded stream: written between curses'
 * output, found and taken out again by the copying thread. */
#include "recmark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prefix[] = "\033_sockstage:";
#define PREFIX_LEN (sizeof(prefix) - 1)
static const char hexdigits[] = "0123456789abcdef";

size_t recmark_encode(const struct recmark *m, char *buf, size_t len)
{
	const char *text = m->text;
	size_t tn = strnlen(text, RECMARK_TEXT_MAX - 1);
	int n = snprintf(buf, len, "%s%c:%lld:", prefix, (char)m->kind, m->us);
	size_t off;

	if (n < 0 || (size_t)n + 2 * tn + 3 > len)
		return 0;
	off = (size_t)n;
	for (size_t i = 0; i < tn; i++) {
		buf[off++] = hexdigits[(unsigned char)text[i] >> 4];
		buf[off++] = hexdigits[(unsigned char)text[i] & 15];
	}
	memcpy(buf + off, "\033\\", 3);
	return off + 2;
}

static int hexval(unsigned char c)
{
	const char *p = c ? strchr(hexdigits, c) : NULL;

	return p ? (int)(p - hexdigits) : -1;
}

/* The mark in s[0, n) (its ESC \ excluded); false when it is not one. */
static bool parse(const unsigned char *s, size_t n, struct recmark *m)
{
	char num[24];
	size_t i = PREFIX_LEN + 2, k = 0, t = 0;
	char *end;

	if (n < i || s[PREFIX_LEN + 1] != ':' || !strchr("FSMZ", s[PREFIX_LEN]) ||
	    !s[PREFIX_LEN])
		return false;
	m->kind = (enum recmark_kind)s[PREFIX_LEN];
	while (i < n && s[i] != ':' && k < sizeof(num) - 1)
		num[k++] = (char)s[i++];
	num[k] = '\0';
	if (i == n || s[i] != ':' || !k)
		return false;
	m->us = strtoll(num, &end, 10);
	if (*end)
		return false;
	for (i++; i + 1 < n && t < RECMARK_TEXT_MAX - 1; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		m->text[t++] = (char)(hi << 4 | lo);
	}
	m->text[t] = '\0';
	return i == n;
}

/* At s (an ESC): the length of a whole mark (its ESC \ included) with
 * *m filled; 0 when it is not a mark; -1 when it may be one that n bytes
 * cut. */
static long match(const unsigned char *s, size_t n, struct recmark *m)
{
	size_t k = n < PREFIX_LEN ? n : PREFIX_LEN;

	if (memcmp(s, prefix, k) != 0)
		return 0;
	for (size_t i = PREFIX_LEN; i + 1 < n && i + 1 < RECMARK_MAX; i++)
		if (s[i] == 033 && s[i + 1] == '\\')
			return parse(s, i, m) ? (long)i + 2 : 0;
	return n < RECMARK_MAX ? -1 : 0;
}

static void scan(struct recmark_scan *sc, const unsigned char *s, size_t n,
		 recmark_data_fn *data, recmark_mark_fn *mark, void *ctx)
{
	struct recmark m;
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		long k;

		if (s[i] != 033 || (k = match(s + i, n - i, &m)) == 0)
			continue;
		if (i > start)
			data(ctx, s + start, i - start);
		if (k < 0) {	/* cut: wait for the rest */
			memcpy(sc->held, s + i, n - i);
			sc->nheld = n - i;
			return;
		}
		mark(ctx, &m);
		i += (size_t)k - 1;
		start = i + 1;
	}
	if (n > start)
		data(ctx, s + start, n - start);
}

void recmark_feed(struct recmark_scan *sc, const unsigned char *buf, size_t n,
		  recmark_data_fn *data, recmark_mark_fn *mark, void *ctx)
{
	unsigned char *all;
	size_t len;

	if (!sc->nheld) {
		scan(sc, buf, n, data, mark, ctx);
		return;
	}
	/* what was held, then the new bytes */
	len = sc->nheld + n;
	all = malloc(len);
	if (!all) {	/* no room: the held bytes go out as output */
		recmark_flush(sc, data, ctx);
		scan(sc, buf, n, data, mark, ctx);
		return;
	}
	memcpy(all, sc->held, sc->nheld);
	memcpy(all + sc->nheld, buf, n);
	sc->nheld = 0;
	scan(sc, all, len, data, mark, ctx);
	free(all);
}

void recmark_flush(struct recmark_scan *sc, recmark_data_fn *data, void *ctx)
{
	if (sc->nheld)
		data(ctx, sc->held, sc->nheld);
	sc->nheld = 0;
}
