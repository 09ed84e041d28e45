/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_caption.c - a lesson's caption, under the header: the step
 * counter, the score in predict mode, and the narration of the step. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "paint.h"
#include "panel.h"
#include "state.h"
#include "util.h"
#include "wrap.h"

static bool caption_shown(const struct tui *t)
{
	return t->play.on;
}

static void caption_size(const struct tui *t, int rows, int cols,
			 struct panel_size *sz)
{
	(void)t;
	(void)cols;
	sz->pref = rows >= 30 ? 5 : 4;
}

/* The narration of the step on screen, wrapped at blanks; when it does
 * not fit, its end (the newest narration) is what shows. */
static void caption_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct play *p = &t->play;
	struct wline l;
	int starts[64], n = 0, at = 0, text_h = b->h - 1;
	char head[256];
	int off = snprintf(head, sizeof(head), "step %d/%d%s", p->step,
			   p->l.nsteps, play_running(p) ? " running" : "");

	if (p->predict)
		off += snprintf(head + off, sizeof(head) - (size_t)off,
				"  score %d/%d", p->right, p->asked);
	snprintf(head + off, sizeof(head) - (size_t)off, " | %s: %s", p->l.name,
		 p->l.title ? p->l.title : "");
	paint_title(b, b->y, head);
	wline_decode(&l, p->caption, strlen(p->caption));
	while (at < l.n && n < (int)ARRAY_LEN(starts)) {
		starts[n++] = at;
		at += wline_row(&l, at, b->w - 2);
		while (at < l.n && l.c[at] == L' ')
			at++;
	}
	attrset(term_attr(p->asking ? ROLE_FAIL : ROLE_TITLE));
	for (int i = n > text_h ? n - text_h : 0, y = b->y + 1; i < n; i++, y++) {
		int end = i + 1 < n ? starts[i + 1] : l.n, k = end - starts[i];

		while (k > 0 && l.c[starts[i] + k - 1] == L' ')
			k--;
		k = wline_fit(&l, starts[i], b->w - 2) < k ?
		    wline_fit(&l, starts[i], b->w - 2) : k;
		mvaddnwstr(y, b->x + 1, l.c + starts[i], k);
	}
	attrset(A_NORMAL);
}

const struct panel panel_caption = {
	.name = "caption",
	.region = REG_TOP,
	.shown = caption_shown,
	.size = caption_size,
	.draw = caption_draw,
};
