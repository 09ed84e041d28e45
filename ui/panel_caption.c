/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_caption.c - a lesson's caption, under the header: the step
 * counter, the score in predict mode, and the narration of the step. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"
#include "wrap.h"

static bool caption_shown(const struct tui *t)
{
	return t->play.on;
}

/* The caption's rows: where each starts when wrapped to w columns. */
#define CAPTION_ROWS 64
static int caption_rows(const struct play *p, int w, struct wline *l,
			int starts[CAPTION_ROWS])
{
	int n = 0, at = 0;

	wline_decode(l, p->caption, strlen(p->caption));
	while (at < l->n && n < CAPTION_ROWS && w > 0) {
		starts[n++] = at;
		at += wline_row(l, at, w);
		while (at < l->n && l->c[at] == L' ')
			at++;
	}
	return n;
}

/* At most this many rows of narration on a screen of that height. */
static int caption_room(int rows)
{
	return rows >= 30 ? 5 : 3;
}

static void caption_size(const struct tui *t, int rows, int cols,
			 struct panel_size *sz)
{
	static struct wline l;
	int starts[CAPTION_ROWS], n = caption_rows(&t->play, cols - 2, &l, starts);

	sz->chrome = 1;
	sz->min = 1 + (n ? 1 : 0);
	sz->pref = 1 + (n < caption_room(rows) ? (n ? n : 1) : caption_room(rows));
}

/* The first row shown: the one scrolled to, kept within the text; while
 * a question is open, the rows that end with it. */
static int caption_first(const struct play *p, int n, int text_h)
{
	int top = p->asking ? n : p->caption_top;

	if (top > n - text_h)
		top = n - text_h;
	return top < 0 ? 0 : top;
}

/* The narration of the step on screen, wrapped at blanks, from its first
 * sentence; when it does not fit, the title says how many rows more there
 * are (Tab to the caption, then Down). */
static void caption_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct play *p = &t->play;
	static struct wline l;
	int starts[CAPTION_ROWS], n, first, text_h = b->h - 1;
	char head[256], more[48] = "";
	int off;

	n = caption_rows(p, b->w - 2, &l, starts);
	first = caption_first(p, n, text_h);
	if (n > first + text_h)
		snprintf(more, sizeof(more), " [+%d more: %s]", n - first - text_h,
			 focused ? "Down" : "Tab, Down");
	off = snprintf(head, sizeof(head), "step %d/%d%s%s", p->step,
		       p->l.nsteps, play_running(p) ? " running" : "", more);
	if (p->predict)
		off += snprintf(head + off, sizeof(head) - (size_t)off,
				"  score %d/%d", p->right, p->asked);
	snprintf(head + off, sizeof(head) - (size_t)off, " | %s: %s",
		 p->l.name, p->l.title ? p->l.title : "");
	paint_title(b, b->y, head);
	attrset(term_attr(p->asking ? ROLE_FAIL : ROLE_TITLE));
	for (int i = first, y = b->y + 1; i < n && y < b->y + b->h; i++, y++) {
		int end = i + 1 < n ? starts[i + 1] : l.n, k = end - starts[i];
		int fit = wline_fit(&l, starts[i], b->w - 2);

		while (k > 0 && l.c[starts[i] + k - 1] == L' ')
			k--;
		mvaddnwstr(y, b->x + 1, l.c + starts[i], fit < k ? fit : k);
	}
	attrset(A_NORMAL);
}

static unsigned caption_step(struct tui *t, const struct box *b,
			     enum scroll_by how)
{
	static struct wline l;
	int starts[CAPTION_ROWS], text_h = b->h - 1;
	int n = caption_rows(&t->play, b->w - 2, &l, starts);
	int top = caption_first(&t->play, n, text_h);

	switch (how) {
	case SCROLL_UP: top--; break;
	case SCROLL_DOWN: top++; break;
	case SCROLL_PGUP: top -= text_h; break;
	case SCROLL_PGDN: top += text_h; break;
	case SCROLL_HOME: top = 0; break;
	case SCROLL_END: top = n; break;
	}
	t->play.caption_top = top;
	t->play.caption_top = caption_first(&t->play, n, text_h);
	return R_REDRAW;
}

const struct panel panel_caption = {
	.name = "caption",
	.region = REG_TOP,
	.flags = PANEL_FOCUS | PANEL_PAGES,
	.shown = caption_shown,
	.size = caption_size,
	.draw = caption_draw,
	.step = caption_step,
};
