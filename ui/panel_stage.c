/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_stage.c - the sockets on stage: id and name, the processes that
 * hold it, protocol, option badges, addresses, its state (the kernel's
 * word when the kernel has a row for it), its last result. Up/Down or a
 * click select one. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "kernel.h"
#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"
#include "view.h"
#include "wrap.h"

/* A socket's state: the kernel's word for it when the kernel has a row
 * for it (LISTEN, ESTAB, SYN-SENT, CLOSE-WAIT, BOUND, UNCONN ...), as the
 * kernel view says it; else, in lower case, what the stage knows: created
 * (no bind yet), bound (a port the kernel does not show, as with
 * IP_BIND_ADDRESS_NO_PORT), listening, connecting, connected, closed. */
static const char *state_text(const struct tui *t, const struct stage_sock *s)
{
	static const char *const names[] = {
		[SB_NEW] = "created", [SB_BOUND] = "bound",
		[SB_LISTENING] = "listening", [SB_CONNECTING] = "connecting",
		[SB_CONNECTED] = "connected", [SB_CLOSED] = "closed",
	};
	const struct diag_row *r = kv_sock_row(t, s);

	return r ? view_state_name(r) : names[s->belief];
}

/* One stage socket's cells, and the widths they need. */
enum { C_ID, C_PROC, C_PROTO, C_OPTS, C_LOCAL, C_PEER, C_STATE, C_LAST, C_N };

static void stage_cells(const struct tui *t, const struct stage_sock *s,
			char cells[C_N][64])
{
	snprintf(cells[C_ID], 64, "s%d%s%s", s->id, s->name[0] ? " " : "", s->name);
	stage_holders_text(&t->st, s, ",", cells[C_PROC], 64);
	str_copy(cells[C_PROTO], stage_sock_netid(s), 64);
	sockopt_badges(s->opts, cells[C_OPTS], 64);
	ep_format(&s->local, cells[C_LOCAL], 64);
	ep_format(&s->peer, cells[C_PEER], 64);
	str_copy(cells[C_STATE], state_text(t, s), 64);
	str_copy(cells[C_LAST], s->last, 64);
}

/* Widths from the cells of every row shown; addresses shrink (keeping
 * their port) when the row does not fit, so that the last result stays in
 * sight. */
static void stage_widths(const struct tui *t, const int *idx, int n, int w,
			 int width[C_N])
{
	static const int min[C_N] = { 6, 4, 4, 11, 5, 4, 5, 4 };
	static const char *const head[C_N] = {
		"ID", "PROC", "P", "OPTS", "LOCAL", "PEER", "STATE", "LAST"
	};
	char cells[C_N][64];
	int total = 0;

	for (int c = 0; c < C_N; c++)
		width[c] = (int)strlen(head[c]) > min[c] ? (int)strlen(head[c]) : min[c];
	for (int i = 0; i < n; i++) {
		stage_cells(t, t->st.socks[idx[i]], cells);
		for (int c = 0; c < C_N; c++)
			if ((int)strlen(cells[c]) > width[c])
				width[c] = (int)strlen(cells[c]);
	}
	width[C_ID] = width[C_ID] > 12 ? 12 : width[C_ID];
	for (int c = 0; c < C_LAST; c++)
		total += width[c] ? width[c] + 1 : 0;
	/* give the last result at least 10 columns: take them from the
	 * addresses, down to 15 each (127.0.0.1:65535 whole) */
	while (total + 10 > w && (width[C_LOCAL] > 15 || width[C_PEER] > 15)) {
		int c = width[C_LOCAL] >= width[C_PEER] ? C_LOCAL : C_PEER;

		width[c]--;
		total--;
	}
	width[C_LAST] = w - total > 0 ? w - total : 0;
}

static void stage_line(const int width[C_N], char cells[C_N][64], char *line,
		       size_t len)
{
	size_t off = 0;
	char cell[80];

	line[0] = '\0';
	for (int c = 0; c < C_N && off < len; c++) {
		if (!width[c])
			continue;
		if (c == C_LOCAL || c == C_PEER)
			fit_keep_end(cell, sizeof(cell), cells[c], width[c]);
		else
			snprintf(cell, sizeof(cell), "%.*s", width[c], cells[c]);
		off += (size_t)snprintf(line + off, len - off, "%-*s ", width[c], cell);
	}
}

/* A state the kernel gave in its colours, as the kernel view shows it. */
static void paint_state(const struct tui *t, const struct stage_sock *s,
			const struct box *b, int y, const int width[C_N],
			const char *text, int attr)
{
	const struct diag_row *r = kv_sock_row(t, s);
	int x = 0, w = width[C_STATE];

	if (!r || !w)
		return;
	for (int c = 0; c < C_STATE; c++)
		x += width[c] ? width[c] + 1 : 0;
	if (x + w > b->w)
		w = b->w - x;
	if (w > 0)
		paint_field(y, b->x + x, w, term_attr(kv_state_role(r)) | attr,
			    text);
}

/* The first of the n live sockets idx[] on rows rows: where it was
 * scrolled to, moved as little as keeps the selection in sight. */
static int first_shown(const struct tui *t, const int *idx, int n, int rows)
{
	int at = -1;

	for (int i = 0; i < n; i++)
		if (idx[i] == t->sel)
			at = i;
	return tui_first_row(t->sel_top, at, n, rows);
}

static void stage_draw(const struct tui *t, const struct box *b, bool focused)
{
	static const char *const head[C_N] = {
		"ID", "PROC", "P", "OPTS", "LOCAL", "PEER", "STATE", "LAST"
	};
	int *idx = xcalloc((size_t)t->st.nsocks, sizeof(*idx));
	int n = tui_live_socks(t, idx, t->st.nsocks), rows = b->h - 2;
	int first = first_shown(t, idx, n, rows), width[C_N], attr;
	char title_text[160], cells[C_N][64], line[512];

	/* what does not fit: how many rows above and below */
	if (n > rows && rows > 0)
		snprintf(title_text, sizeof(title_text),
			 "Sockets (%d: %d above, %d below)%s", n, first,
			 n - first - rows < 0 ? 0 : n - first - rows,
			 focused ? " *" : "");
	else
		snprintf(title_text, sizeof(title_text), "Sockets (%d)%s", n,
			 focused ? " *" : "");
	paint_title(b, b->y, title_text);
	stage_widths(t, idx, n, b->w, width);
	for (int c = 0; c < C_N; c++)
		str_copy(cells[c], head[c], sizeof(cells[c]));
	stage_line(width, cells, line, sizeof(line));
	paint_field(b->y + 1, b->x, b->w, term_attr(ROLE_DIM), line);
	if (!n) {
		paint_field(b->y + 2, b->x, b->w, term_attr(ROLE_DIM),
		    "  no sockets yet: press n (new socket) or : (a command)");
		free(idx);
		return;
	}
	for (int i = 0; i < rows && first + i < n; i++) {
		const struct stage_sock *s = t->st.socks[idx[first + i]];

		stage_cells(t, s, cells);
		stage_line(width, cells, line, sizeof(line));
		attr = idx[first + i] == t->sel ?
		       term_attr(ROLE_SELECTED) |
		       (focused ? (int)A_BOLD : 0) : (int)A_NORMAL;
		paint_field(b->y + 2 + i, b->x, b->w, attr, line);
		paint_state(t, s, b, b->y + 2 + i, width, cells[C_STATE], attr);
	}
	free(idx);
}

/* As many rows as there are sockets (two at least), at most a third of
 * what its column has beyond the panels of fixed size. */
static void stage_size(const struct tui *t, int rows, int cols,
		       struct panel_size *sz)
{
	int live = tui_live_socks(t, NULL, t->st.nsocks);

	(void)rows;
	(void)cols;
	sz->chrome = 2;
	sz->pref = (live < 1 ? 1 : live) + sz->chrome;
	sz->min = sz->chrome + 1;
	sz->prio = 3;
	sz->grow = true;
	sz->share = 3;
}

/* The rows as drawn now, then the selection moves (by step, or to
 * idx[at]) and the rows as little as keeps it in sight. */
static void select_in_view(struct tui *t, const struct box *b, int step, int at)
{
	int *idx = xcalloc((size_t)t->st.nsocks + 1, sizeof(*idx));
	int n = tui_live_socks(t, idx, t->st.nsocks), rows = b->h - 2;

	t->sel_top = first_shown(t, idx, n, rows);
	if (step)
		tui_move_sock(t, step);
	else if (at >= 0 && at < n)
		t->sel = idx[at];
	t->sel_top = first_shown(t, idx, n, rows);
	free(idx);
}

static unsigned stage_scroll(struct tui *t, const struct box *b,
			     enum scroll_by how)
{
	if (how == SCROLL_UP || how == SCROLL_DOWN)
		select_in_view(t, b, how == SCROLL_UP ? -1 : 1, -1);
	return R_REDRAW;
}

/* A click on a socket's row selects it; the rows stay where they are. */
static unsigned stage_click(struct tui *t, const struct box *b, int y, int x)
{
	int *idx = xcalloc((size_t)t->st.nsocks + 1, sizeof(*idx));
	int n = tui_live_socks(t, idx, t->st.nsocks), rows = b->h - 2;
	int first = first_shown(t, idx, n, rows);

	(void)x;
	free(idx);
	if (y >= 2 && y - 2 < rows)
		select_in_view(t, b, 0, first + y - 2);
	return R_REDRAW;
}

const struct panel panel_stage = {
	.name = "sockets",
	.region = REG_LEFT,
	.flags = PANEL_FOCUS,
	.size = stage_size,
	.draw = stage_draw,
	.step = stage_scroll,
	.click = stage_click,
};
