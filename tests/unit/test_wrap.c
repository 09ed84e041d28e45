/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_wrap.c - unit tests of laying a line out in rows (ui/wrap.c
 * wline_wrap, which the log draws with): rows end at blanks, which are
 * dropped; the second and later rows are narrower by the indent; a word
 * wider than a row is cut; a tail that is kept whole (the log's
 * " (y: why)") goes to the next row rather than being split; the count
 * is the whole line's even when fewer rows are asked for. */
#include <stdio.h>
#include <string.h>

#include "../../ui/wrap.h"
#include "tap.h"

#define MAXROWS 16

static struct wline l;
static struct wrow rows[MAXROWS];

/* The rows of s at cols/indent/keep (keep < 0: none), joined by '|'. */
static const char *wrap(const char *s, int cols, int indent, int keep, int *n)
{
	static char out[512];
	size_t o = 0;

	wline_decode(&l, s, strlen(s));
	*n = wline_wrap(&l, cols, indent, keep < 0 ? l.n : keep, rows, MAXROWS);
	for (int r = 0; r < *n && r < MAXROWS; r++) {
		if (r)
			out[o++] = '|';
		for (int i = 0; i < rows[r].n; i++)
			out[o++] = (char)l.c[rows[r].from + i];
	}
	out[o] = '\0';
	return out;
}

int main(void)
{
	int n;

	tap_is_str(wrap("aaa bbb ccc", 7, 0, -1, &n), "aaa bbb|ccc",
		   "a row that fits exactly, the blank after it dropped");
	tap_is_int(n, 2, "... two rows");
	tap_is_str(wrap("aaaa bbbb cccc dddd", 10, 4, -1, &n),
		   "aaaa bbbb|cccc|dddd", "later rows are narrower by the indent");
	tap_is_int(n, 3, "... three rows");
	tap_is_str(wrap("short", 80, 4, -1, &n), "short", "a line that fits");
	tap_is_int(n, 1, "... one row");
	tap_is_str(wrap("abcdefghij", 4, 0, -1, &n), "abcd|efgh|ij",
		   "a word wider than a row is cut");
	tap_is_str(wrap("abc defgh (y: why)", 14, 2, 9, &n), "abc defgh|(y: why)",
		   "the kept tail goes whole to the next row");
	tap_is_str(wrap("abc de (y: why)", 16, 2, 6, &n), "abc de (y: why)",
		   "a kept tail that fits stays on the row");
	tap_is_str(wrap("abc  def", 4, 0, -1, &n), "abc|def",
		   "every blank at a row's end is dropped");
	wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z", 2, 0, -1, &n);
	tap_is_int(n, 26, "the count of all rows, more than the rows filled");
	tap_is_str(wrap("", 10, 0, -1, &n), "", "an empty line");
	tap_is_int(n, 1, "... takes one row");
	tap_is_str(wrap("abcd efgh", 1, 4, -1, &n), "a|b|c|d|e|f|g|h",
		   "one column, an indent that does not fit");
	return tap_done();
}
