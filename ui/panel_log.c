/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_log.c - the log's newest lines, the newest last: always in
 * sight. A line wider than the panel wraps at blanks onto indented rows
 * (nothing of it is cut), and the panel grows, up to a third of the
 * screen, so that the last call's result and its notes, and what was
 * logged since, are seen whole. */
#include <curses.h>
#include <string.h>

#include "log.h"
#include "paint.h"
#include "panel.h"
#include "state.h"

#define ROWS_MAX 64		/* rows of one line laid out, at most */

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

static void log_draw(const struct tui *t, const struct box *b, bool focused)
{
	int lines = b->h - 1, used = 0, first = t->log.n;
	struct wline w;
	struct wrow rows[ROWS_MAX];
	int y, hint, indent;

	(void)focused;
	paint_title(b, b->y, "Log");
	if (lines <= 0)
		return;
	/* the lines that show, from the newest up */
	while (first > 0 && used < lines) {
		int n = log_wrap(log_get(&t->log, first - 1), b->w, &w, &hint,
				 &indent, rows, 0);

		used += n < ROWS_MAX ? n : ROWS_MAX;
		first--;
	}
	/* the oldest of them shows its last rows when not all fit */
	y = b->y + 1 + lines - used;
	for (int i = first; i < t->log.n; i++) {
		const struct log_line *l = log_get(&t->log, i);
		int n = log_wrap(l, b->w, &w, &hint, &indent, rows, ROWS_MAX);

		if (n > ROWS_MAX)
			n = ROWS_MAX;
		for (int r = 0; r < n; r++, y++)
			if (y > b->y)
				paint_row(y, b, l, &w, &rows[r], r == 0, hint,
					  indent);
	}
	for (int r = b->y + 1; r < b->y + 1 + lines - used; r++)
		paint_field(r, b->x, b->w, A_NORMAL, "");
}

/* What it would like: 4 rows of lines (6 from 30 screen rows, 9 from
 * 40), more when the last result and the lines after it need them, up
 * to a third of the screen; what it needs: those rows (at least the
 * newest line). */
static void log_size(const struct tui *t, int rows, int cols,
		     struct panel_size *sz)
{
	int want = rows >= 40 ? 9 : rows >= 30 ? 6 : 4;
	int need = log_result_rows(&t->log, cols), most = rows / 3 - 1;

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

const struct panel panel_log = {
	.name = "log",
	.region = REG_BOTTOM,
	.flags = PANEL_REDUCED,
	.size = log_size,
	.draw = log_draw,
};
