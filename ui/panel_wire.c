/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_wire.c - the Wire panel: the selected socket's conversation as a
 * ladder (its two ends as columns, a rung for each segment with an arrow
 * in its direction, the state each end entered beside it), or every
 * segment of the ports in play, one line each (T switches, and hides the
 * panel). The newest rungs show; Up/Down/PgUp/PgDn scroll back. Without
 * a capture it says why. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "kernel.h"
#include "ladder.h"
#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"
#include "view.h"
#include "wire.h"

#define WIRE_PREF 10		/* rungs it would like */

static bool wire_shown(const struct tui *t)
{
	return t->wv.shown;
}

/* The entries the panel shows, oldest first, into idx (at most max,
 * the newest ones); how many there are in all. */
static size_t wire_entries(const struct tui *t, const struct ladder_key *k,
			   unsigned long long *idx, size_t max, size_t *all)
{
	const struct wire *w = t->st.wire;
	size_t n = 0;

	*all = 0;
	if (!w)
		return 0;
	for (unsigned long long i = w->total; i-- > wire_oldest(w);) {
		if (k && ladder_dir(k, wire_entry(w, i)) < 0)
			continue;
		if (n < max && idx)
			idx[n++] = i;
		(*all)++;
		if (!idx && *all >= max)
			break;		/* only counting, up to max */
	}
	for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
		unsigned long long x = idx[a];

		idx[a] = idx[b];
		idx[b] = x;
	}
	return n;
}

static int state_role_of(const char *name)
{
	struct diag_row r = { .proto = IPPROTO_TCP };
	int st = view_state_parse(name);

	if (st < 0 || !name[0])
		return ROLE_NORMAL;
	r.state = (uint8_t)st;
	r.dport = 1;
	return kv_state_role(&r);
}

static void paint_rung(const struct ladder_rung *r, int y, const struct box *b)
{
	char line[512];
	int mid, x = b->x;

	ladder_line(r, b->w, line, sizeof(line));
	paint_field(y, x, b->w, (int)A_NORMAL, line);
	/* the states in their colours: columns 8 and the last 11 */
	if (r->left[0])
		paint_field(y, x + 8, 11, term_attr(state_role_of(r->left)) |
			    (int)A_BOLD, r->left);
	mid = (int)strlen(line) - (int)strlen(r->right);
	if (r->right[0] && mid > 0 && mid < b->w)
		paint_field(y, x + mid, b->w - mid, term_attr(state_role_of(r->right)) |
			    (int)A_BOLD, r->right);
}

/* A line of the "all" view: "0.012 s2 > s1 [S] seq 0 ... s2 SYN-SENT". */
static void all_line(const struct tui *t, const struct wire_entry *e,
		     long long t0, char *buf, size_t len)
{
	char from[40], to[40], states[80] = "";
	struct ladder_key k;
	struct ladder_rung r;
	long long us = e->s.us - t0;

	ladder_key_of(e, &k);
	ladder_rung(&t->st, &k, e, false, &r);
	wire_end_name(&t->st, e, 0, from, sizeof(from));
	wire_end_name(&t->st, e, 1, to, sizeof(to));
	for (int i = 0; i < e->nmv; i++) {
		size_t off = strlen(states);
		char who[40];

		wire_end_name(&t->st, e, e->mv[i].who, who, sizeof(who));
		snprintf(states + off, sizeof(states) - off, "%s%s %s",
			 off ? ", " : "  ", who,
			 view_state_text(IPPROTO_TCP, e->mv[i].to));
	}
	if (t->opts.stable)
		snprintf(buf, len, "%s > %s %s%s", from, to, r.what, states);
	else
		snprintf(buf, len, "%3d.%03d %s > %s %s%s",
			 (int)(us / 1000000 % 1000), (int)(us / 1000 % 1000), from,
			 to, r.what, states);
}

static void title_text(const struct tui *t, const struct ladder_key *k,
		       size_t all, bool focused, char *buf, size_t len)
{
	char left[120], right[120], drops[48] = "";

	if (t->wv.dropped)
		snprintf(drops, sizeof(drops), ", %u dropped", t->wv.dropped);
	if (k) {
		ladder_head(&t->st, k, left, right, sizeof(left));
		snprintf(buf, len, "Wire: %s <-> %s (%zu segment%s%s) T: all%s",
			 left, right, all, all == 1 ? "" : "s", drops,
			 focused ? " *" : "");
	} else {
		snprintf(buf, len, "Wire: the ports in play (%zu segment%s%s)%s%s",
			 all, all == 1 ? "" : "s", drops,
			 t->wv.all ? " T: hide" : "", focused ? " *" : "");
	}
}

/* "Wire (7 segments), the newest: s2 > s3 [.] seq 1 ack 2 ..." */
static void one_line(const struct tui *t, const struct wire_entry *e,
		     size_t all, bool focused, char *buf, size_t len)
{
	char what[400] = "nothing yet";

	if (e)
		wire_format(&t->st, e, what, sizeof(what));
	snprintf(buf, len, "Wire (%zu segment%s), the newest: %s%s", all,
		 all == 1 ? "" : "s", what, focused ? " *" : "");
}

/* What the wire between hosts holds, at the top from row y, the first
 * max of them ("held 1/3: ...", in the order they go). How many lines. */
static int held_lines(const struct tui *t, const struct box *b, int y, int max)
{
	const struct wire_entry *held[32];
	size_t n = stage_wire_held(&t->st, held, ARRAY_LEN(held));
	int shown = 0;
	char text[400], line[480];	/* "held N/N: " and text */

	for (size_t i = 0; i < n && shown < max; i++) {
		wire_format(&t->st, held[i], text, sizeof(text));
		snprintf(line, sizeof(line), "held %zu/%zu: %s", i + 1, n, text);
		paint_field(y + shown++, b->x, b->w, term_attr(ROLE_CAUSE), line);
	}
	return shown;
}

static void wire_draw(const struct tui *t, const struct box *b, bool focused)
{
	unsigned long long idx[1024];
	struct ladder_key key;
	const struct ladder_key *k = wv_key(t, &key) ? &key : NULL;
	int rows = b->h - 1 - (k ? 1 : 0), first;
	size_t all, n;
	char line[512];

	if (!t->st.wire) {
		snprintf(line, sizeof(line), "no capture: %s", t->st.wire_err);
		if (b->h == 1) {
			char title[600];

			snprintf(title, sizeof(title), "Wire: %s", line);
			paint_title(b, b->y, title);
			return;
		}
		paint_title(b, b->y, "Wire");
		for (int y = 1; y < b->h; y++)
			paint_field(b->y + y, b->x, b->w, term_attr(ROLE_DIM),
				    y == 1 ? line : "");
		return;
	}
	n = wire_entries(t, k, idx, ARRAY_LEN(idx), &all);
	if (b->h == 1) {	/* short of room: the newest segment alone */
		one_line(t, n ? wire_entry(t->st.wire, idx[n - 1]) : NULL, all,
			 focused, line, sizeof(line));
		paint_title(b, b->y, line);
		return;
	}
	title_text(t, k, all, focused, line, sizeof(line));
	paint_title(b, b->y, line);
	if (k) {
		char left[120], right[120];

		ladder_head(&t->st, k, left, right, sizeof(left));
		ladder_title(left, right, b->w, line, sizeof(line));
		paint_field(b->y + 1, b->x, b->w, term_attr(ROLE_DIM), line);
	}
	rows -= held_lines(t, b, b->y + 1 + (k ? 1 : 0), rows > 1 ? rows / 2 : 1);
	first = (int)n - rows - t->wv.scroll;
	if (first < 0)
		first = 0;
	for (int y = 0; y < rows; y++) {
		int row = b->y + b->h - rows + y;
		const struct wire_entry *e = first + y < (int)n ?
			wire_entry(t->st.wire, idx[first + y]) : NULL;
		struct ladder_rung r;

		if (!e) {
			paint_field(row, b->x, b->w, (int)A_NORMAL,
				    !n && !y ? "(nothing has crossed the wire yet)" : "");
		} else if (k) {
			ladder_rung(&t->st, k, e, false, &r);
			paint_rung(&r, row, b);
		} else {
			all_line(t, e, wire_entry(t->st.wire,
						  wire_oldest(t->st.wire))->s.us,
				 line, sizeof(line));
			paint_field(row, b->x, b->w, (int)A_NORMAL, line);
		}
	}
}

/* A row for each segment shown (WIRE_PREF at most), its title, and the
 * ladder's column titles. */
static void wire_size(const struct tui *t, int rows, int cols,
		      struct panel_size *sz)
{
	struct ladder_key key;
	bool ladder = wv_key(t, &key);
	size_t n = 0;

	(void)rows;
	(void)cols;
	if (t->st.wire)
		wire_entries(t, ladder ? &key : NULL, NULL, WIRE_PREF, &n);
	sz->chrome = ladder ? 2 : 1;
	sz->min = 1;		/* its title: the newest segment */
	sz->pref = t->st.wire ? sz->chrome + (n ? (int)n : 1) : 2;
	sz->prio = 5;
	sz->share = 3;
}

static unsigned wire_scroll(struct tui *t, const struct box *b,
			    enum scroll_by how)
{
	int page = b->h > 3 ? b->h - 3 : 1;

	switch (how) {
	case SCROLL_UP: t->wv.scroll++; break;
	case SCROLL_DOWN: t->wv.scroll--; break;
	case SCROLL_PGUP: t->wv.scroll += page; break;
	case SCROLL_PGDN: t->wv.scroll -= page; break;
	case SCROLL_HOME: t->wv.scroll = WIRE_RING; break;
	case SCROLL_END: t->wv.scroll = 0; break;
	}
	if (t->wv.scroll < 0)
		t->wv.scroll = 0;
	if (t->wv.scroll > WIRE_RING)
		t->wv.scroll = WIRE_RING;
	return R_REDRAW;
}

const struct panel panel_wire = {
	.name = "wire",
	.region = REG_LEFT,
	.flags = PANEL_FOCUS | PANEL_PAGES,
	.shown = wire_shown,
	.size = wire_size,
	.draw = wire_draw,
	.step = wire_scroll,
};
