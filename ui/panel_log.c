/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_log.c - the log's newest lines, the newest last: always in
 * sight. */
#include <curses.h>
#include <string.h>

#include "log.h"
#include "paint.h"
#include "panel.h"
#include "state.h"

/* A line that ends in the hint " (y: why)": the hint stays in sight
 * however long the line, which is cut before it (marked '~'). */
static void log_hinted(int y, const struct box *b, const struct log_line *l)
{
	static const char hint[] = " (y: why)";
	int room = b->w - (int)strlen(hint), cols;
	bool cut;

	if (room < 2) {
		paint_field(y, b->x, b->w, term_attr(l->role), l->text);
		return;
	}
	attrset(term_attr(l->role));
	cols = paint_text_cut(y, b->x, room, l->text, &cut);
	if (cut) {
		mvhline(y, b->x, ' ', room);
		cols = paint_text(y, b->x, room - 1, l->text);
		mvaddstr(y, b->x + cols++, "~");
	}
	attrset(A_NORMAL);
	paint_field(y, b->x + cols, b->w - cols, term_attr(ROLE_TITLE), hint);
}

/* A log line; one that does not fit ends in '~' (the y overlay and a
 * wider terminal show the rest). */
static void log_line_paint_field(int y, const struct box *b, const struct log_line *l)
{
	bool cut = false;
	int cols;

	attrset(term_attr(l->role));
	cols = paint_text_cut(y, b->x, b->w, l->text, &cut);
	if (cut && cols > 0) {
		move(y, b->x);
		cols = paint_text(y, b->x, b->w - 1, l->text);
		mvaddch(y, b->x + cols, '~');
		cols++;
	}
	for (int i = cols; i < b->w; i++)
		mvaddch(y, b->x + i, ' ');
	attrset(A_NORMAL);
}

static void log_draw(const struct tui *t, const struct box *b, bool focused)
{
	int lines = b->h - 1, first = t->log.n - lines;

	(void)focused;
	paint_title(b, b->y, "Log");
	if (first < 0)
		first = 0;
	for (int i = 0; i < lines; i++) {
		const struct log_line *l = log_get(&t->log, first + i);

		if (l && l->why_hint)
			log_hinted(b->y + 1 + i, b, l);
		else if (l)
			log_line_paint_field(b->y + 1 + i, b, l);
		else
			paint_field(b->y + 1 + i, b->x, b->w, A_NORMAL, "");
	}
}

static void log_size(const struct tui *t, int rows, int cols,
		     struct panel_size *sz)
{
	(void)t;
	(void)cols;
	sz->chrome = 1;
	sz->pref = rows >= 40 ? 10 : rows >= 30 ? 7 : 5;
}

const struct panel panel_log = {
	.name = "log",
	.region = REG_BOTTOM,
	.size = log_size,
	.draw = log_draw,
};
