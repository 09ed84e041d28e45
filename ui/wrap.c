/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wrap.c - text as display columns: decode UTF-8 into characters with
 * their widths (a byte that does not show as itself shows as its escape,
 * "\x1b", one column per character of it: text.h), and find where rows
 * end when text is wrapped at blanks, and lay a line out in such rows. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "wrap.h"

static void push(struct wline *l, wchar_t wc, int width)
{
	if (l->n < WLINE_MAX) {
		l->c[l->n] = wc;
		l->w[l->n++] = (signed char)width;
	}
}

void wline_decode(struct wline *l, const char *s, size_t len)
{
	char esc[TEXT_ESC_MAX];
	size_t i = 0, k;
	wchar_t wc;
	int cw;

	l->n = 0;
	while (i < len && l->n < WLINE_MAX) {
		k = text_char_shown(s + i, len - i, &wc, &cw);
		if (wc) {
			push(l, wc, cw);
		} else {
			text_escape_byte((unsigned char)s[i], esc);
			for (int j = 0; esc[j]; j++)
				push(l, (wchar_t)esc[j], 1);
		}
		i += k;
	}
}

int wline_fit(const struct wline *l, int from, int cols)
{
	int i = from, used = 0;

	while (i < l->n && used + l->w[i] <= cols)
		used += l->w[i++];
	return i - from;
}

int wline_row(const struct wline *l, int from, int cols)
{
	int k = wline_fit(l, from, cols), blank = -1;

	if (from + k < l->n && l->c[from + k] != L' ')
		for (int i = from + k - 1; i > from && blank < 0; i--)
			if (l->c[i] == L' ')
				blank = i;
	if (blank > from)
		k = blank - from;
	return k > 0 ? k : 1;
}

int wline_wrap(const struct wline *l, int cols, int indent, int keep,
	       struct wrow *rows, int max)
{
	int from = 0, n = 0;

	if (cols < 1)
		cols = 1;
	if (indent > cols / 2)
		indent = cols / 2;
	do {
		int w = n ? cols - indent : cols, k = 0;

		if (from < l->n)
			k = wline_row(l, from, w);
		if (from < keep && from + k > keep && from + k < l->n)
			k = keep - from;	/* the tail goes whole to the next row */
		if (n < max) {
			int shown = k;

			while (shown > 0 && from + shown < l->n &&
			       l->c[from + shown - 1] == L' ')
				shown--;	/* the blanks it wraps at */
			rows[n] = (struct wrow){ from, shown };
		}
		n++;
		from += k;
		while (from < l->n && l->c[from] == L' ')
			from++;
	} while (from < l->n);
	return n;
}

void fit_keep_end(char *dst, size_t len, const char *src, int w)
{
	int n = (int)strlen(src);

	if (n <= w || w < 2)
		snprintf(dst, len, "%.*s", w < 0 ? 0 : w, src);
	else
		snprintf(dst, len, "~%s", src + n - (w - 1));
}
