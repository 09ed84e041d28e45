/* SPDX-License-Identifier: GPL-2.0-or-later */
/* paint.c - drawing helpers shared by the panels. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "paint.h"
#include "term.h"
#include "wrap.h"

/* Cut on a character boundary by display width (never by bytes: half a
 * UTF-8 character makes curses draw something wider and the line runs
 * into the next ones); a byte that does not print shows as its escape
 * (text.h). */
int paint_text_cut(int y, int x, int w, const char *s, bool *cut)
{
	struct wline l;
	int k, cols = 0;

	wline_decode(&l, s, strlen(s));
	k = wline_fit(&l, 0, w);
	for (int i = 0; i < k; i++)
		cols += l.w[i];
	if (k)
		mvaddnwstr(y, x, l.c, k);
	if (cut)
		*cut = k < l.n;
	return cols;
}

int paint_text(int y, int x, int w, const char *s)
{
	return paint_text_cut(y, x, w, s, NULL);
}

void paint_field(int y, int x, int w, int attr, const char *s)
{
	int cols;

	if (w <= 0)
		return;
	attrset(attr);
	cols = paint_text(y, x, w, s);
	move(y, x + cols);
	for (int i = cols; i < w; i++)
		addch(' ');
	attrset(A_NORMAL);
}

void paint_title(const struct box *b, int y, const char *text)
{
	char buf[256];

	attrset(term_attr(ROLE_TITLE));
	mvhline(y, b->x, ACS_HLINE, b->w);
	snprintf(buf, sizeof(buf), " %s ", text);
	paint_text(y, b->x + 1, b->w - 2, buf);
	attrset(A_NORMAL);
}
