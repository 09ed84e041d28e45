/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_detail.c - the details overlay (Enter on a kernel row): a title
 * with the row, whether the values are live or the socket has gone, then
 * the lines detail.c made (headings; label, value and what it means,
 * wrapped by display columns), scrollable, and its keys at the bottom. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "detail.h"
#include "paint.h"
#include "panel.h"
#include "react.h"
#include "rowwin.h"
#include "state.h"
#include "view.h"
#include "wrap.h"

#define LABEL_X 2
#define VALUE_X 18
#define TEXT_X 42		/* what a field means, when the value fits */
#define TEXT_MIN 30		/* narrower than this: under the field */


/* Text from column x, wrapped at blanks to the width; its next rows
 * from next_x. Returns the rows it took. */
static int wrap_text(struct rows *r, int x, int next_x, int attr,
		     const char *s)
{
	struct wline l;
	int at = 0, k, rows = 0;

	wline_decode(&l, s, strlen(s));
	do {
		k = wline_row(&l, at, r->cols - x > 1 ? r->cols - x : 1);
		if (on_screen(r)) {
			attrset(attr);
			mvaddnwstr(screen_y(r), x, l.c + at, k);
			attrset(A_NORMAL);
		}
		r->row++;
		rows++;
		at += k;
		while (at < l.n && l.c[at] == L' ')
			at++;
		x = next_x;
	} while (at < l.n);
	return rows;
}

static void put(const struct rows *r, int x, int w, int attr, const char *s)
{
	if (on_screen(r) && x < r->cols)
		paint_field(screen_y(r), x, w < r->cols - x ? w : r->cols - x, attr, s);
}

/* label, value, then what it means beside them or under them */
static void field_rows(struct rows *r, const struct si_line *l)
{
	int vw = (int)strlen(l->value), tx = VALUE_X + vw + 2;

	if (tx < TEXT_X)
		tx = TEXT_X;
	put(r, LABEL_X, VALUE_X - LABEL_X - 1, term_attr(ROLE_TITLE), l->label);
	put(r, VALUE_X, vw, (int)A_BOLD, l->value);
	if (r->cols - tx >= TEXT_MIN) {
		wrap_text(r, tx, tx, (int)A_NORMAL, l->text);
		return;
	}
	r->row++;
	wrap_text(r, VALUE_X, VALUE_X, term_attr(ROLE_DIM), l->text);
}

/* What the values are: live, gone, or not read. */
static const char *status(const struct tui *t, int *attr)
{
	const struct detail *d = &t->detail;

	*attr = term_attr(ROLE_FAIL) | (int)A_BOLD;
	if (d->gone)
		return d->read ? "GONE: the kernel has no socket with this cookie any more; below are the last values read" :
		       "GONE: the kernel had no socket with this cookie any more when it was asked";
	if (d->err[0])
		return d->err;
	*attr = term_attr(ROLE_DIM);
	if (t->kv.paused)
		return "paused (Z): looked up again when the refresh resumes";
	return d->read ? "live: looked up again at every read of the kernel (exact sock_diag request)" :
	       "looking it up...";
}

/* Every row of the overlay's body; returns how many. */
static int body_rows(const struct tui *t, struct rows *r)
{
	const struct si_lines *ls = &t->detail.lines;
	int attr;
	const char *st = status(t, &attr);

	wrap_text(r, 1, 3, attr, st);
	for (int i = 0; i < ls->n; i++) {
		const struct si_line *l = &ls->l[i];

		switch (l->kind) {
		case SIL_HEAD:
			r->row++;
			wrap_text(r, 1, 1, term_attr(ROLE_TITLE) | (int)A_BOLD, l->text);
			break;
		case SIL_FIELD:
			field_rows(r, l);
			break;
		case SIL_NOTE:
			wrap_text(r, LABEL_X, LABEL_X, term_attr(ROLE_DIM), l->text);
			break;
		}
	}
	return r->row;
}

static int count_rows(const struct tui *t, int cols)
{
	struct rows r = { .cols = cols };

	return body_rows(t, &r);
}

static int body_height(int rows)
{
	return rows - 2 > 1 ? rows - 2 : 1;
}

/* Its rows fill the body when there are enough of them. */
static int clamp_scroll(int scroll, int total, int body)
{
	if (scroll > total - body)
		scroll = total - body;
	return scroll < 0 ? 0 : scroll;
}

static void draw_title(const struct tui *t, int scroll, int total, int body,
		       int cols)
{
	const struct diag_row *row = &t->detail.row;
	char left[300], local[80], peer[80], right[64] = "";
	int rw;

	view_format_local(row, local, sizeof(local));
	view_format_peer(row, peer, sizeof(peer));
	snprintf(left, sizeof(left), " details: %s %s %s %s%s", view_netid(row),
		 view_state_name(row), local, peer,
		 t->detail.gone ? "  GONE" : "");
	if (total > body)
		snprintf(right, sizeof(right), "  rows %d-%d of %d ", scroll + 1,
			 scroll + body < total ? scroll + body : total, total);
	rw = (int)strlen(right);
	paint_field(0, 0, cols - rw, term_attr(ROLE_HEADER), left);
	paint_field(0, cols - rw, rw, term_attr(ROLE_HEADER), right);
}

static bool detail_shown(const struct tui *t)
{
	return t->detail.open;
}

static void detail_draw(const struct tui *t, const struct box *b, bool focused)
{
	int body = b->h - 2, total, scroll;
	struct rows r;

	(void)focused;
	if (body < 1)
		return;
	total = count_rows(t, b->w);
	scroll = clamp_scroll(t->detail.scroll, total, body);
	r = (struct rows){ .first = scroll, .n = body, .y = 1, .cols = b->w };
	body_rows(t, &r);
	draw_title(t, scroll, total, body, b->w);
	paint_field(b->h - 1, 0, b->w, term_attr(ROLE_KEYBAR),
		    " Up/Down/PgUp/PgDn/Home/End scroll  ? help  Esc close");
}

/* Up/Down, PgUp/PgDn, Home/End. */
static unsigned detail_scroll(struct tui *t, const struct box *b,
			      enum scroll_by how)
{
	int body = body_height(b->h), page = body > 1 ? body - 1 : 1;
	int *s = &t->detail.scroll;

	switch (how) {
	case SCROLL_UP: (*s)--; break;
	case SCROLL_DOWN: (*s)++; break;
	case SCROLL_PGUP: *s -= page; break;
	case SCROLL_PGDN: *s += page; break;
	case SCROLL_HOME: *s = 0; break;
	case SCROLL_END: *s = INT_MAX / 2; break;
	}
	*s = clamp_scroll(*s, count_rows(t, b->w), body);
	return R_REDRAW;
}

static void detail_fit(struct tui *t, const struct box *b)
{
	t->detail.scroll = clamp_scroll(t->detail.scroll, count_rows(t, b->w),
					body_height(b->h));
}

const struct panel panel_detail = {
	.name = "detail",
	.region = REG_FULL,
	.shown = detail_shown,
	.draw = detail_draw,
	.step = detail_scroll,
	.fit = detail_fit,
};
