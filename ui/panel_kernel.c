/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_kernel.c - the kernel view: the rows the kernel returns for the
 * ports in play (or every socket), their state in color, the stage
 * socket each belongs to, the rows behind the last failure marked '!'.
 * It draws the rows on screen of those kernel.c made when the kernel
 * was read: a frame formats only what it shows. With the focus, a
 * cursor (Up/Down) marks a row, whose details Enter opens. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"
#include "view.h"

#define CHANGED_MS 1200		/* how long a changed row stays marked */

/* A row that got its state at since (now_ms) is marked as changed for a
 * moment; with --stable, while the step (or key) that changed it is the
 * last one. */
static bool changed(const struct tui *t, long long since)
{
	if (since <= 0 || !t->track.primed)
		return false;
	if (t->opts.stable)
		return since >= t->act_ms;
	return t->kv.last_read_ms - since < CHANGED_MS &&
	       now_ms() - since < CHANGED_MS;
}

static int row_attr(const struct tui *t, const struct diag_row *r, bool cause)
{
	const struct stage_sock *s = stage_sock_of_row(&t->st, r);
	long long since = track_since(&t->track, r->cookie);

	if (cause)
		return term_attr(ROLE_CAUSE);
	if (changed(t, since))
		return term_attr(ROLE_CHANGED);
	if (s && t->sel >= 0 && t->sel < t->st.nsocks && s == t->st.socks[t->sel])
		return term_attr(ROLE_MINE);
	return (int)A_NORMAL;
}

static void kernel_row(const struct tui *t, const struct diag_row *r, int y,
		       const struct box *b, const char *line, int state_x,
		       bool cursor)
{
	bool cause = kv_is_cause(t, r);
	int attr = row_attr(t, r, cause) | (cursor ? term_attr(ROLE_SELECTED) : 0);

	paint_field(y, b->x, b->w, attr, line);
	if (!cause)
		paint_field(y, b->x + state_x, 10, term_attr(kv_state_role(r)) | attr,
		    view_state_name(r));
}

static void kernel_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct kview *kv = &t->kv;
	int rows = b->h - 2, shown = 0;
	struct diag_row tmp;
	char done[24] = "";
	char head[200], line[512], at[48] = "";

	size_t left = kv->nrows > (size_t)kv->scroll ? kv->nrows - (size_t)kv->scroll : 0;
	/* more than the rows hold: the last row says how many more */
	bool more = rows > 1 && left > (size_t)rows;
	char above[32] = "";

	if (kv->scroll > 0 && kv->nrows)
		snprintf(above, sizeof(above), ", %d above", kv->scroll);
	if (focused && kv->nrows)
		snprintf(at, sizeof(at), " row %d, Enter: details", kv->cursor + 1);
	char host[120] = "";

	if (t->st.nhosts > 1) {
		stage_host_text(&t->st, 0, host, sizeof(host) - 2);
		strcat(host, ", ");
	}
	if (kv->rows_pending)
		snprintf(done, sizeof(done), ", %d%% gone through",
			 kv_rows_done_pct(t));
	snprintf(head, sizeof(head), "Kernel: %s%s (%zu rows%s)%s%s%s%s%s", host,
		 kv->all ? "all sockets" : "ports in play",
		 t->st.nhosts > 1 ? kv->nrows : kv_count(t), above,
		 kv->filter[0] ? ", filter: " : "", kv->filter, done,
		 focused ? " *" : "", at);
	paint_title(b, b->y, head);
	snprintf(line, sizeof(line), "  %-*s %-10s %5s %5s %*s %-*s %-6s %s",
		 kv_netid_width(t), "P", "State", "Recv", "Send", kv->aw, "Local", kv->aw, "Peer",
		 "Timer", "Owner");
	paint_field(b->y + 1, b->x, b->w, term_attr(ROLE_DIM), line);
	if (kv->err[0]) {
		paint_field(b->y + 2, b->x, b->w, term_attr(ROLE_FAIL), kv->err);
		return;
	}
	for (size_t i = (size_t)kv->scroll; i < kv->nrows &&
	     shown < rows - (more ? 1 : 0); i++) {
		const struct diag_row *r;

		if (kv->rows[i] >= kv_count(t))
			continue;
		r = kv_row(t, kv->rows[i], &tmp);
		kv_format(t, r, kv->aw, line, sizeof(line));
		kernel_row(t, r, b->y + 2 + shown++, b, line, 3 + kv_netid_width(t),
			   focused && (int)i == kv->cursor);
	}
	if (more) {
		snprintf(line, sizeof(line), "  +%zu more below%s", left - (size_t)shown,
			 focused ? ": Down, PgDn" : ": Tab to here, then Down");
		paint_field(b->y + 2 + shown, b->x, b->w, (int)A_BOLD, line);
	}
	if (!kv->nrows)
		paint_field(b->y + 2, b->x, b->w, term_attr(ROLE_DIM),
			    kv->all || t->st.nports ? "  (no socket here)" :
			    "  (no ports in play yet)");
}

/* It needs the rows that matter now (they come first: kernel.c) and a
 * line to say how many more there are, up to half the screen; it would
 * like them all, a third of the column before the sockets get theirs,
 * and it gets what is left. */
static void kernel_size(const struct tui *t, int rows, int cols,
			struct panel_size *sz)
{
	const struct kview *kv = &t->kv;
	size_t first = kv->nfirst, all = kv->nrows;

	(void)cols;
	if (all > (size_t)rows)
		all = (size_t)rows;
	if (first > all)
		first = all;
	sz->chrome = 2;
	sz->min = sz->chrome + 1;
	sz->need = sz->chrome + (int)first + (kv->nrows > first ? 1 : 0);
	if (sz->need > rows / 2)
		sz->need = rows / 2;
	sz->pref = sz->chrome + (all ? (int)all : 1);
	sz->prio = 2;
	sz->grow = true;
	sz->share = 3;
}

/* The cursor: Up/Down a row, PgUp/PgDn ten, Home the first; the view
 * follows it. */
static unsigned kernel_scroll(struct tui *t, const struct box *b,
			      enum scroll_by how)
{
	(void)b;
	switch (how) {
	case SCROLL_UP: kv_cursor_move(t, -1); break;
	case SCROLL_DOWN: kv_cursor_move(t, 1); break;
	case SCROLL_PGUP: kv_cursor_move(t, -10); break;
	case SCROLL_PGDN: kv_cursor_move(t, 10); break;
	case SCROLL_HOME: kv_cursor_move(t, INT_MIN); break;
	case SCROLL_END: kv_cursor_move(t, INT_MAX / 2); break;
	}
	return R_REDRAW;
}

/* The wheel scrolls the view; the cursor stays on screen. */
static unsigned kernel_wheel(struct tui *t, const struct box *b, int by)
{
	(void)b;
	kv_scroll(t, by);
	return R_REDRAW;
}

/* The rows' text depends on the width (the addresses' column): a new
 * width, the rows again. */
static void kernel_fit(struct tui *t, const struct box *b)
{
	t->kv.page = b->h - 2;
	/* the panel stays full; focused, the view shows the cursor, else the
	 * cursor stays in what the view shows */
	if (tui_focused(t, NULL) == &panel_kernel)
		kv_cursor_move(t, 0);
	else
		kv_scroll(t, 0);
	if (t->kv.width == b->w)
		return;
	t->kv.width = b->w;
	kv_rows(t);
}

const struct panel panel_kernel = {
	.name = "kernel",
	.region = REG_RIGHT,
	.flags = PANEL_FOCUS | PANEL_PAGES | PANEL_REDUCED,
	.size = kernel_size,
	.draw = kernel_draw,
	.step = kernel_scroll,
	.wheel = kernel_wheel,
	.fit = kernel_fit,
};
