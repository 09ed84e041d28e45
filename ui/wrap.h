/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wrap.h - text by display columns. */
#ifndef SOCKSTAGE_UI_WRAP_H
#define SOCKSTAGE_UI_WRAP_H

#include <stddef.h>
#include <wchar.h>

#define WLINE_MAX 1024		/* characters of one line; the rest is cut */
struct wline {
	wchar_t c[WLINE_MAX];
	signed char w[WLINE_MAX];
	int n;
};
void wline_decode(struct wline *l, const char *s, size_t len);
/* how many characters from 'from' fit in cols columns */
int wline_fit(const struct wline *l, int from, int cols);
/* the characters of the row that starts at 'from' when wrapping at
 * blanks: as many as fit, ended at the last blank when a word would be
 * cut; at least one */
int wline_row(const struct wline *l, int from, int cols);
/* One row of a wrapped line: characters [from, from + n). */
struct wrow {
	int from, n;
};
/* Lay l out in rows at blanks (wline_row): the first row cols wide, the
 * others cols - indent (they are drawn indented); the blanks a row ends
 * at are dropped. The characters from keep to the end stay on one row
 * (l->n: no such tail). Fills at most max rows; returns how many rows
 * the whole line takes (at least one), which may be more. */
int wline_wrap(const struct wline *l, int cols, int indent, int keep,
	       struct wrow *rows, int max);
/* src cut to w bytes into dst; a longer one keeps its end (an address's
 * port) behind a '~'. */
void fit_keep_end(char *dst, size_t len, const char *src, int w);

#endif
