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
#include "ui.h"
#include "util.h"

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)
#define LABEL_X 1		/* "means", "why", "try" */
#define TEXT_X 8		/* a note's first row; its next rows: + 2 */

/* ---- the ring ------------------------------------------------------------ */

static struct why_entry *entry(struct why *w, int i)
{
	return &w->e[(w->head + i) % WHY_KEEP];
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
	free(e->notes);
	str_copy(e->call, res->call, sizeof(e->call));
	e->err = res->err;
	e->notes = NULL;
	if (res->nnotes) {
		struct strbuf sb = { 0 };

		result_notes_text(res, &sb);
		e->notes = sb.s;
	}
}

void why_free(struct why *w)
{
	for (int i = 0; i < WHY_KEEP; i++)
		free(w->e[i].notes);
	memset(w, 0, sizeof(*w));
}

void why_open(struct tui *t)
{
	if (!t->why.n) {
		log_add(&t->log, ROLE_DIM, "no failed call to explain yet");
		return;
	}
	t->why.open = true;
	t->why.at = t->why.n - 1;
	t->why.scroll = 0;
}

/* ---- text by display columns ----------------------------------------------- */

/* s, at most w columns from (y, x); the rest of the w columns blank. */
static void put_line(int y, int x, int w, int attr, const char *s)
{
	struct wline l;
	int k;

	wline_decode(&l, s, strlen(s));
	k = wline_fit(&l, 0, w);
	attrset(attr);
	mvhline(y, x, ' ', w);
	if (k)
		mvaddnwstr(y, x, l.c, k);
	attrset(A_NORMAL);
}

/* ---- an explanation as rows ---------------------------------------------------- */

/* Rows are numbered from the explanation's first; those in [first,
 * first + n) are drawn from screen line y, all are counted. */
struct rows {
	int row;
	int first, n, y;
	int cols;
};

static bool on_screen(const struct rows *r)
{
	return r->row >= r->first && r->row < r->first + r->n;
}

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
static void wrap(struct rows *r, int x, int attr, const char *s, size_t len)
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

static enum group group_of(const char *s, size_t *skip)
{
	static const char *const prefix[] = { "means: ", "why: ", "try: " };

	for (int g = 0; g < G_NOTE; g++) {
		*skip = strlen(prefix[g]);
		if (!strncmp(s, prefix[g], *skip))
			return (enum group)g;
	}
	*skip = 0;
	return G_NOTE;
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
static int layout(const struct why_entry *e, struct rows *r)
{
	const char *s = e->notes, *nl;
	enum group g, last = G_NONE;
	char line[320];
	size_t n, skip;

	snprintf(line, sizeof(line), "%s = -1 %s (%s)", e->call,
		 explain_errname(e->err), strerror(e->err));
	wrap(r, LABEL_X, term_attr(ROLE_FAIL), line, strlen(line));
	if (!s) {
		const char *none = "(nothing more is known about this failure)";

		r->row++;
		wrap(r, LABEL_X, term_attr(ROLE_DIM), none, strlen(none));
	}
	while (s && *s) {
		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		g = group_of(s, &skip);
		if (g != last)
			group_start(r, g);
		last = g;
		wrap(r, TEXT_X, (int)A_NORMAL, s + skip, n - skip);
		s += n + (nl ? 1 : 0);
	}
	return r->row;
}

static int count_rows(const struct why_entry *e, int cols)
{
	struct rows r = { .cols = cols };

	return layout(e, &r);
}

/* ---- the overlay ------------------------------------------------------------- */

/* The one shown: one of those kept. */
static void clamp_at(struct why *w)
{
	if (w->at >= w->n)
		w->at = w->n - 1;
	if (w->at < 0)
		w->at = 0;
}

/* Its rows fill the body when there are enough of them. */
static void clamp_scroll(struct why *w, int total, int body)
{
	if (w->scroll > total - body)
		w->scroll = total - body;
	if (w->scroll < 0)
		w->scroll = 0;
}

static void draw_title(const struct why *w, const struct why_entry *e,
		       int total, int body, int cols)
{
	char left[300], right[64] = "";
	int rw;

	snprintf(left, sizeof(left), " why: %s = -1 %s", e->call,
		 explain_errname(e->err));
	if (w->n > 1)
		snprintf(right, sizeof(right), "  %d/%d", w->at + 1, w->n);
	if (total > body)
		snprintf(right + strlen(right), sizeof(right) - strlen(right),
			 "  rows %d-%d of %d", w->scroll + 1,
			 w->scroll + body < total ? w->scroll + body : total, total);
	if (right[0])
		strcat(right, " ");
	rw = (int)strlen(right);
	put_line(0, 0, cols - rw, term_attr(ROLE_HEADER), left);
	put_line(0, cols - rw, rw, term_attr(ROLE_HEADER), right);
}

static void draw_footer(const struct why *w, int y, int cols)
{
	char keys[200];

	snprintf(keys, sizeof(keys), " Up/Down/PgUp/PgDn/Home/End scroll%s  "
		 "? help  Esc close", w->n > 1 ? "  Left/Right older/newer" : "");
	put_line(y, 0, cols, term_attr(ROLE_KEYBAR), keys);
}

void why_draw(struct tui *t, int rows, int cols)
{
	struct why *w = &t->why;
	const struct why_entry *e;
	struct rows r;
	int body = rows - 2, total;

	if (!w->n || body < 1) {
		w->open = false;
		return;
	}
	clamp_at(w);
	e = entry(w, w->at);
	total = count_rows(e, cols);
	clamp_scroll(w, total, body);
	r = (struct rows){ .first = w->scroll, .n = body, .y = 1, .cols = cols };
	layout(e, &r);
	draw_title(w, e, total, body, cols);
	draw_footer(w, rows - 1, cols);
}

/* ---- keys ---------------------------------------------------------------------- */

/* Scrolling and stepping keys: true when key was one. */
static bool move_key(struct why *w, bool is_key, unsigned key, int page)
{
	int old = w->at;

	if (is_key && key == KEY_UP)
		w->scroll--;
	else if (is_key && key == KEY_DOWN)
		w->scroll++;
	else if (is_key && key == KEY_PPAGE)
		w->scroll -= page;
	else if (is_key && key == KEY_NPAGE)
		w->scroll += page;
	else if (is_key && key == KEY_HOME)
		w->scroll = 0;
	else if (is_key && key == KEY_END)
		w->scroll = INT_MAX / 2;
	else if (is_key && key == KEY_LEFT)
		w->at--;
	else if (is_key && key == KEY_RIGHT)
		w->at++;
	else
		return false;
	clamp_at(w);
	if (w->at != old)
		w->scroll = 0;
	return true;
}

/* The same on plain keys: k j b Space g G [ ]. */
static bool move_char(struct why *w, unsigned key, int page)
{
	static const struct { unsigned ch, key; } map[] = {
		{ 'k', KEY_UP }, { 'j', KEY_DOWN }, { 'b', KEY_PPAGE },
		{ ' ', KEY_NPAGE }, { 'g', KEY_HOME }, { 'G', KEY_END },
		{ '[', KEY_LEFT }, { ']', KEY_RIGHT },
	};

	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (map[i].ch == key)
			return move_key(w, true, map[i].key, page);
	return false;
}

/* Esc, q, y and F10 close; ? and F1 show the help over it (closing the
 * help comes back here); Ctrl-L repaints; any other key does nothing. */
void why_key(struct tui *t, bool is_key, unsigned key)
{
	struct why *w = &t->why;
	int body = LINES - 2 > 1 ? LINES - 2 : 1;
	int page = body > 1 ? body - 1 : 1;

	if (move_key(w, is_key, key, page) || (!is_key && move_char(w, key, page))) {
		clamp_at(w);
		clamp_scroll(w, count_rows(entry(w, w->at), COLS), body);
	} else if ((!is_key && (key == KEY_ESC || key == 'q' || key == 'y')) ||
		   (is_key && key == KEY_F(10))) {
		w->open = false;
	} else if ((!is_key && key == '?') || (is_key && key == KEY_F(1))) {
		t->help = true;
		t->help_scroll = 0;
	} else if (!is_key && key == KEY_CTRL('l')) {
		clearok(curscr, TRUE);
	}
}
