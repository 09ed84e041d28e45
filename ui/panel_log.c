/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_log.c - the log: the newest lines, the newest last, always in
 * sight unless it is scrolled back (Tab to it, then Up, PgUp, Home; End
 * comes back). Scrolled back, it holds still while lines come, and its
 * title says how many newer lines are below. A line wider than the panel
 * wraps at blanks onto indented rows (nothing of it is cut), and the
 * panel grows, up to a third of the screen, so that the last call's
 * result and its notes, and what was logged since, are seen whole. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "logview.h"
#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"

/* Characters [from, from + n) of w, from column x on row y. */
static void put_chars(int y, int x, const struct wline *w, int from, int n)
{
	if (n > 0)
		mvaddnwstr(y, x, w->c + from, n);
}

/* Row r of a laid-out line on screen row y; the hint in the title's
 * colours. */
static void paint_row(int y, const struct box *b, const struct log_line *l,
		      const struct wline *w, const struct wrow *r, int first,
		      int hint, int indent)
{
	int x = b->x + (first ? 0 : indent), cols = 0, plain;

	mvhline(y, b->x, ' ', b->w);
	plain = r->from + r->n <= hint ? r->n : hint > r->from ? hint - r->from : 0;
	attrset(term_attr(l->role));
	put_chars(y, x, w, r->from, plain);
	for (int i = 0; i < plain; i++)
		cols += w->w[r->from + i];
	attrset(term_attr(ROLE_TITLE));
	put_chars(y, x + cols, w, r->from + plain, r->n - plain);
	attrset(A_NORMAL);
}

/* "Log", in a lesson with how its checks show, and scrolled back how
 * many newer lines are below. */
static void log_title(const struct tui *t, const struct box *b,
		      const struct log_frame *f, bool focused)
{
	char head[160], checks[48] = "", back[80] = "";

	if (t->play.on)
		snprintf(checks, sizeof(checks), "checks: %s",
			 log_detail_name(t->log.detail));
	if (f->back)
		snprintf(back, sizeof(back), "scrolled back, %d newer below: %s",
			 f->newer, focused ? "End" : "Tab, End");
	snprintf(head, sizeof(head), "Log%s%s%s%s%s%s", checks[0] || back[0] ?
		 " (" : "", checks, checks[0] && back[0] ? "; " : "", back,
		 checks[0] || back[0] ? ")" : "", focused ? " *" : "");
	paint_title(b, b->y, head);
}

/* The rows from the frame's top down: with the newest line at the bottom
 * when the log is shorter than the panel. */
static void log_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct log *lg = &t->log;
	int h = b->h - 1, y;
	struct log_frame f;
	struct wline w;
	struct wrow rows[LOG_LINE_ROWS];
	struct log_line scratch;
	char buf[128];

	logview_frame(&t->logview, lg, b->w, h, &f);
	log_title(t, b, &f, focused);
	if (h <= 0)
		return;
	y = b->y + 1 + (f.rows < h ? h - f.rows : 0);
	for (int r = b->y + 1; r < y; r++)
		paint_field(r, b->x, b->w, A_NORMAL, "");
	for (long long seq = f.top.seq; seq < log_end(lg) && y < b->y + 1 + h;
	     seq = log_next(lg, seq)) {
		const struct log_line *l = log_shown(lg, seq, &scratch, buf,
						     sizeof(buf));
		int hint, indent, n;

		if (!l)
			continue;
		n = log_wrap(l, b->w, &w, &hint, &indent, rows, LOG_LINE_ROWS);
		if (n > LOG_LINE_ROWS)
			n = LOG_LINE_ROWS;
		for (int r = seq == f.top.seq ? f.top.row : 0;
		     r < n && y < b->y + 1 + h; r++, y++)
			paint_row(y, b, l, &w, &rows[r], r == 0, hint, indent);
	}
	for (; y < b->y + 1 + h; y++)
		paint_field(y, b->x, b->w, A_NORMAL, "");
}

/* What it would like: 4 rows of lines (6 from 30 screen rows, 9 from
 * 40), more when the last result and the lines after it need them, up
 * to a third of the screen; what it needs: those rows (at least the
 * newest line). */
static void log_size(const struct tui *t, int rows, int cols,
		     struct panel_size *sz)
{
	int want = rows >= 40 ? 9 : rows >= 30 ? 6 : 4, most = rows / 3 - 1;
	int need = log_result_rows(&t->log, cols, most > want ? most : want);

	if (need > most)
		need = most;
	if (need < 1)
		need = 1;
	sz->chrome = 1;
	sz->min = 2;
	sz->need = need + 1;
	sz->pref = (want > need ? want : need) + 1;
	sz->prio = 1;
}

static unsigned log_step(struct tui *t, const struct box *b, enum scroll_by how)
{
	logview_scroll(&t->logview, &t->log, b->w, b->h - 1, how);
	return R_REDRAW;
}

static void log_fit(struct tui *t, const struct box *b)
{
	logview_fit(&t->logview, &t->log, b->w, b->h - 1);
}

const struct panel panel_log = {
	.name = "log",
	.region = REG_BOTTOM,
	.flags = PANEL_FOCUS | PANEL_PAGES | PANEL_REDUCED,
	.size = log_size,
	.draw = log_draw,
	.step = log_step,
	.fit = log_fit,
};
