/* SPDX-License-Identifier: GPL-2.0-or-later */
/* why.c - the full explanation of the recent failed calls. The log shows
 * a failure's meaning and its conclusion only; here the last WHY_KEEP
 * failures are kept whole (the call, then every note in order), and key y
 * shows one in a full-screen overlay: the notes grouped under means / why
 * / try, wrapped by display columns, scrollable, the older ones a key
 * away. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "explain.h"
#include "paint.h"
#include "react.h"
#include "rowwin.h"
#include "state.h"
#include "util.h"
#include "why.h"
#include "wrap.h"

#define LABEL_X 1		/* "means", "why", "try" */
#define TEXT_X 8		/* a note's first row; its next rows: + 2 */

/* ---- the ring ------------------------------------------------------------ */

static struct why_entry *entry(struct why *w, int i)
{
	return &w->e[(w->head + i) % WHY_KEEP];
}

static const struct why_entry *entry_at(const struct why *w, int i)
{
	return &w->e[(w->head + i) % WHY_KEEP];
}

static void drop_notes(struct why_entry *e)
{
	for (int i = 0; i < e->nnotes; i++)
		free(e->notes[i].text);
	free(e->notes);
	e->notes = NULL;
	e->nnotes = 0;
}

void why_add(struct why *w, const struct result *res)
{
	struct why_entry *e;

	if (w->n < WHY_KEEP) {
		e = entry(w, w->n++);
	} else {
		/* the oldest goes; the one on screen stays on screen */
		e = entry(w, 0);
		w->head = (w->head + 1) % WHY_KEEP;
		if (w->at > 0)
			w->at--;
		else
			w->scroll = 0;
	}
	drop_notes(e);
	str_copy(e->call, res->call, sizeof(e->call));
	e->err = res->err;
	e->notes = res->nnotes ? xcalloc((size_t)res->nnotes, sizeof(*e->notes)) :
		   NULL;
	for (int i = 0; i < res->nnotes; i++) {
		e->notes[i].kind = res->notes[i].kind;
		e->notes[i].text = xstrdup(res->notes[i].text);
	}
	e->nnotes = res->nnotes;
}

void why_free(struct why *w)
{
	for (int i = 0; i < WHY_KEEP; i++)
		drop_notes(&w->e[i]);
	memset(w, 0, sizeof(*w));
}

unsigned why_open(struct tui *t)
{
	if (!t->why.n) {
		log_add(&t->log, ROLE_DIM, "no failed call to explain yet");
		return R_REDRAW;
	}
	t->why.open = true;
	t->why.at = t->why.n - 1;
	t->why.scroll = 0;
	return R_REDRAW;
}

unsigned why_close(struct tui *t)
{
	t->why.open = false;
	return R_REDRAW;
}

/* ---- an explanation as rows ---------------------------------------------------- */

static void put_row(struct rows *r, int x, int attr, const struct wline *l,
		    int from, int k)
{
	if (on_screen(r) && k > 0) {
		attrset(attr);
		mvaddnwstr(r->y + r->row - r->first, x, l->c + from, k);
		attrset(A_NORMAL);
	}
	r->row++;
}

/* len bytes of text from column x, wrapped; its next rows from x + 2. */
static void wrap_note(struct rows *r, int x, int attr, const char *s, size_t len)
{
	struct wline l;
	int at = 0, k, room, draw, next_x = x + 2;

	wline_decode(&l, s, len);
	do {
		room = r->cols - x;
		k = wline_row(&l, at, room);
		draw = wline_fit(&l, at, room);
		put_row(r, x, attr, &l, at, draw < k ? draw : k);
		at += k;
		while (at < l.n && l.c[at] == L' ')
			at++;
		x = next_x;
	} while (at < l.n);
}

enum group { G_MEANS, G_WHY, G_TRY, G_NOTE, G_NONE };

static enum group group_of(enum note_kind k)
{
	switch (k) {
	case NOTE_MEANS: return G_MEANS;
	case NOTE_WHY: return G_WHY;
	case NOTE_TRY:
	case NOTE_ADVICE: return G_TRY;
	default: return G_NOTE;
	}
}

/* A blank row, then the group's label beside its first note. */
static void group_start(struct rows *r, enum group g)
{
	static const char *const label[] = { "means", "why", "try", "note" };

	r->row++;
	if (on_screen(r)) {
		attrset(term_attr(ROLE_TITLE) | (int)A_BOLD);
		mvaddstr(r->y + r->row - r->first, LABEL_X, label[g]);
		attrset(A_NORMAL);
	}
}

/* The call, then every note under its label. Returns the rows. */
static int entry_rows(const struct why_entry *e, struct rows *r)
{
	enum group g, last = G_NONE;
	char line[320];

	snprintf(line, sizeof(line), "%s = -1 %s (%s)", e->call,
		 explain_errname(e->err), strerror(e->err));
	wrap_note(r, LABEL_X, term_attr(ROLE_FAIL), line, strlen(line));
	if (!e->nnotes) {
		const char *none = "(nothing more is known about this failure)";

		r->row++;
		wrap_note(r, LABEL_X, term_attr(ROLE_DIM), none, strlen(none));
	}
	for (int i = 0; i < e->nnotes; i++) {
		const struct note *n = &e->notes[i];

		g = group_of(n->kind);
		if (g != last)
			group_start(r, g);
		last = g;
		if (g == G_NOTE && note_label(n->kind)[0]) {
			/* a plain note keeps its own label ("kernel: ...") */
			struct strbuf b = { 0 };

			sb_printf(&b, "%s%s", note_label(n->kind), n->text);
			wrap_note(r, TEXT_X, (int)A_NORMAL, b.s, b.len);
			sb_free(&b);
		} else {
			wrap_note(r, TEXT_X, (int)A_NORMAL, n->text, strlen(n->text));
		}
	}
	return r->row;
}

static int count_rows(const struct why_entry *e, int cols)
{
	struct rows r = { .cols = cols };

	return entry_rows(e, &r);
}

/* ---- the overlay ------------------------------------------------------------- */

static int clamp_at(const struct why *w)
{
	return w->at >= w->n ? w->n - 1 : w->at < 0 ? 0 : w->at;
}

/* Its rows fill the body when there are enough of them. */
static int clamp_scroll(int scroll, int total, int body)
{
	if (scroll > total - body)
		scroll = total - body;
	return scroll < 0 ? 0 : scroll;
}

static int body_rows(int rows)
{
	return rows - 2 > 1 ? rows - 2 : 1;
}

void why_fit(struct why *w, int rows, int cols)
{
	if (!w->n)
		return;
	w->at = clamp_at(w);
	w->scroll = clamp_scroll(w->scroll, count_rows(entry_at(w, w->at), cols),
				 body_rows(rows));
}

unsigned why_turn(struct tui *t, int delta)
{
	struct why *w = &t->why;
	int old = w->at;

	w->at += delta;
	w->at = clamp_at(w);
	if (w->at != old)
		w->scroll = 0;
	why_fit(w, t->placed.rows, t->placed.cols);
	return R_REDRAW;
}

static void draw_title(const struct why *w, const struct why_entry *e,
		       int at, int scroll, int total, int body, int cols)
{
	char left[300], right[64] = "";
	int rw;

	snprintf(left, sizeof(left), " why: %s = -1 %s", e->call,
		 explain_errname(e->err));
	if (w->n > 1)
		snprintf(right, sizeof(right), "  %d/%d", at + 1, w->n);
	if (total > body)
		snprintf(right + strlen(right), sizeof(right) - strlen(right),
			 "  rows %d-%d of %d", scroll + 1,
			 scroll + body < total ? scroll + body : total, total);
	if (right[0])
		strcat(right, " ");
	rw = (int)strlen(right);
	paint_field(0, 0, cols - rw, term_attr(ROLE_HEADER), left);
	paint_field(0, cols - rw, rw, term_attr(ROLE_HEADER), right);
}

static void draw_footer(const struct why *w, int y, int cols)
{
	char keys[200];

	snprintf(keys, sizeof(keys), " Up/Down/PgUp/PgDn/Home/End scroll%s  "
		 "? help  Esc close", w->n > 1 ? "  Left/Right older/newer" : "");
	paint_field(y, 0, cols, term_attr(ROLE_KEYBAR), keys);
}

static bool why_shown(const struct tui *t)
{
	return t->why.open;
}

static void why_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct why *w = &t->why;
	const struct why_entry *e;
	struct rows r;
	int body = b->h - 2, total, at, scroll;

	(void)focused;
	if (!w->n || body < 1)
		return;
	at = clamp_at(w);
	e = entry_at(w, at);
	total = count_rows(e, b->w);
	scroll = clamp_scroll(w->scroll, total, body);
	r = (struct rows){ .first = scroll, .n = body, .y = 1, .cols = b->w };
	entry_rows(e, &r);
	draw_title(w, e, at, scroll, total, body, b->w);
	draw_footer(w, b->h - 1, b->w);
}

/* Up/Down, PgUp/PgDn, Home/End. */
static unsigned why_scroll(struct tui *t, const struct box *b,
			   enum scroll_by how)
{
	struct why *w = &t->why;
	int body = body_rows(b->h), page = body > 1 ? body - 1 : 1;

	switch (how) {
	case SCROLL_UP: w->scroll--; break;
	case SCROLL_DOWN: w->scroll++; break;
	case SCROLL_PGUP: w->scroll -= page; break;
	case SCROLL_PGDN: w->scroll += page; break;
	case SCROLL_HOME: w->scroll = 0; break;
	case SCROLL_END: w->scroll = INT_MAX / 2; break;
	}
	why_fit(w, b->h, b->w);
	return R_REDRAW;
}

static void why_fit_box(struct tui *t, const struct box *b)
{
	why_fit(&t->why, b->h, b->w);
}

const struct panel panel_why = {
	.name = "why",
	.region = REG_FULL,
	.shown = why_shown,
	.draw = why_draw,
	.step = why_scroll,
	.fit = why_fit_box,
};
