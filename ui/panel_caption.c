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

/* The bytes of the caption's first sentence: up to the first '.', '?'
 * or '!' followed by a blank, or all of it. */
static size_t first_sentence(const char *s)
{
	for (size_t i = 0; s[i]; i++)
		if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ')
			return i + 1;
	return strlen(s);
}

/* The rows that show the first sentence whole. */
static int sentence_rows(const struct play *p, const int *starts, int n)
{
	static struct wline head;
	int chars, r = 0;

	wline_decode(&head, p->caption, first_sentence(p->caption));
	chars = head.n;
	while (r + 1 < n && starts[r + 1] < chars)
		r++;
	return n ? r + 1 : 0;
}

/* The row where the newest beat's narration begins (0: the first). */
static int beat_row(const struct play *p, const int *starts, int n)
{
	static struct wline head;
	int r = 0;

	if (!p->beat_from)
		return 0;
	wline_decode(&head, p->caption, p->beat_from);
	while (r + 1 < n && starts[r + 1] <= head.n)
		r++;
	return r;
}

/* It needs its first sentence and, in a step of several beats, all of
 * the step's narration so far (at most a third of the screen); while a
 * question is open, the rows that end with it. It would like the rest,
 * up to caption_room. */
static void caption_size(const struct tui *t, int rows, int cols,
			 struct panel_size *sz)
{
	static struct wline l;
	int starts[CAPTION_ROWS], n = caption_rows(&t->play, cols - 2, &l, starts);
	int room = caption_room(rows), need = sentence_rows(&t->play, starts, n);

	if (t->play.beat_from)
		need = n < rows / 3 ? n : rows / 3;
	sz->chrome = 1;
	sz->min = 1 + (n ? 1 : 0);
	sz->pref = 1 + (n < room ? (n ? n : 1) : room);
	sz->need = t->play.asking ? sz->pref : 1 + need;
	sz->prio = 0;
}

/* The first row shown: the one scrolled to, kept within the text; while
 * a question is open, the rows that end with it; the newest beat's
 * first row always. */
static int caption_first(const struct play *p, const int *starts, int n,
			 int text_h)
{
	int top = p->asking ? n : p->caption_top, beat = beat_row(p, starts, n);

	if (beat >= top + text_h)
		top = beat;

	if (top > n - text_h)
		top = n - text_h;
	return top < 0 ? 0 : top;
}

/* The character where the newest beat's narration begins (0: none). */
static int beat_char(const struct play *p)
{
	static struct wline head;

	if (!p->beat_from)
		return 0;
	wline_decode(&head, p->caption, p->beat_from);
	return head.n;
}

/* n characters of l from from, at y, x: those of earlier beats plain, the
 * newest beat's (all, in a step of one) in the title's colours; an open
 * question in the failure's. */
static void caption_row(int y, int x, const struct wline *l, int from, int n,
			int beat, bool asking)
{
	int plain = from + n <= beat ? n : beat > from ? beat - from : 0;
	int cols = 0;

	attrset(A_NORMAL);
	if (plain > 0)
		mvaddnwstr(y, x, l->c + from, plain);
	for (int i = 0; i < plain; i++)
		cols += l->w[from + i];
	attrset(term_attr(asking ? ROLE_FAIL : ROLE_TITLE));
	if (n - plain > 0)
		mvaddnwstr(y, x + cols, l->c + from + plain, n - plain);
}

/* The narration of the step on screen, wrapped at blanks, from its first
 * sentence; when it does not fit, the title says how many rows more there
 * are (Tab to the caption, then Down). */
static void caption_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct play *p = &t->play;
	static struct wline l;
	int starts[CAPTION_ROWS], n, first, beat, text_h = b->h - 1;
	char head[256], more[48] = "";
	int off;

	n = caption_rows(p, b->w - 2, &l, starts);
	first = caption_first(p, starts, n, text_h);
	beat = beat_char(p);
	if (n > first + text_h)
		snprintf(more, sizeof(more), " [+%d more: %s]", n - first - text_h,
			 focused ? "Down" : "Tab, Down");
	off = snprintf(head, sizeof(head), "step %d/%d", p->step, p->l.nsteps);
	if (p->step >= 1 && p->step <= p->l.nsteps &&
	    p->l.steps[p->step - 1].nbeats > 1)
		off += snprintf(head + off, sizeof(head) - (size_t)off, ", part %d/%d",
				p->beat, p->l.steps[p->step - 1].nbeats);
	off += snprintf(head + off, sizeof(head) - (size_t)off, "%s%s%s",
			play_running(p) ? " running" : "",
			play_held(p) ? " Space: go on" : "", more);
	if (p->predict)
		off += snprintf(head + off, sizeof(head) - (size_t)off,
				"  score %d/%d", p->right, p->asked);
	snprintf(head + off, sizeof(head) - (size_t)off, " | %s: %s",
		 p->l.name, p->l.title ? p->l.title : "");
	paint_title(b, b->y, head);
	for (int i = first, y = b->y + 1; i < n && y < b->y + b->h; i++, y++) {
		int end = i + 1 < n ? starts[i + 1] : l.n, k = end - starts[i];
		int fit = wline_fit(&l, starts[i], b->w - 2);

		while (k > 0 && l.c[starts[i] + k - 1] == L' ')
			k--;
		caption_row(y, b->x + 1, &l, starts[i], fit < k ? fit : k, beat,
			    p->asking);
	}
	attrset(A_NORMAL);
}

static unsigned caption_step(struct tui *t, const struct box *b,
			     enum scroll_by how)
{
	static struct wline l;
	int starts[CAPTION_ROWS], text_h = b->h - 1;
	int n = caption_rows(&t->play, b->w - 2, &l, starts);
	int top = caption_first(&t->play, starts, n, text_h);

	switch (how) {
	case SCROLL_UP: top--; break;
	case SCROLL_DOWN: top++; break;
	case SCROLL_PGUP: top -= text_h; break;
	case SCROLL_PGDN: top += text_h; break;
	case SCROLL_HOME: top = 0; break;
	case SCROLL_END: top = n; break;
	}
	t->play.caption_top = top;
	t->play.caption_top = caption_first(&t->play, starts, n, text_h);
	return R_REDRAW;
}

const struct panel panel_caption = {
	.name = "caption",
	.region = REG_TOP,
	.flags = PANEL_FOCUS | PANEL_PAGES | PANEL_REDUCED,
	.shown = caption_shown,
	.size = caption_size,
	.draw = caption_draw,
	.step = caption_step,
};
