/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_procs.c - the processes on stage: name, pid, uid, the sockets
 * each holds; * marks the current one. Up/Down select one (for S F E K
 * U). */
#include <curses.h>
#include <stdio.h>
#include <unistd.h>

#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"

static void proc_row(const struct tui *t, int p, int y, const struct box *b,
		     bool focused)
{
	const struct stage_proc *pr = &t->st.procs[p];
	char socks[160] = "", line[320], uid[24];
	size_t off = 0;
	int attr;

	for (int i = 0; i < t->st.nsocks && off < sizeof(socks) - 8; i++)
		for (int h = 0; h < t->st.socks[i]->nholders; h++)
			if (t->st.socks[i]->holders[h].proc == p)
				off += (size_t)snprintf(socks + off, sizeof(socks) - off,
							"%ss%d", off ? " " : "",
							t->st.socks[i]->id);
	if (pr->uid >= 0)
		snprintf(uid, sizeof(uid), "%ld", pr->uid);
	else
		snprintf(uid, sizeof(uid), "%u", (unsigned)getuid());
	snprintf(line, sizeof(line), "%c %-10.10s pid %-7d uid %-6s holds %s",
		 p == t->st.cur ? '*' : ' ', pr->name, (int)pr->w.pid, uid,
		 socks[0] ? socks : "-");
	attr = p == t->psel && focused ?
	       term_attr(ROLE_SELECTED) | (int)A_BOLD : (int)A_NORMAL;
	paint_field(y, b->x, b->w, attr, line);
}

static void procs_draw(const struct tui *t, const struct box *b, bool focused)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);
	int rows = b->h - 1, first = 0;
	char head[96];

	snprintf(head, sizeof(head), "Processes (%d, * current)%s", n,
		 focused ? " *" : "");
	paint_title(b, b->y, head);
	if (!n) {
		paint_field(b->y + 1, b->x, b->w, term_attr(ROLE_DIM),
		    "  no process left: press S to spawn one");
		return;
	}
	for (int i = 0; i < n; i++)
		if (idx[i] == t->psel && i >= rows)
			first = i - rows + 1;
	for (int i = 0; i < rows && first + i < n; i++)
		proc_row(t, idx[first + i], b->y + 1 + i, b, focused);
}

/* A row for each live process (one at least, four at most), and the
 * title. */
static void procs_size(const struct tui *t, int rows, int cols,
		       struct panel_size *sz)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);

	(void)rows;
	(void)cols;
	sz->chrome = 1;
	sz->pref = sz->chrome + (n < 1 ? 1 : n > 4 ? 4 : n);
}

static unsigned procs_scroll(struct tui *t, const struct box *b,
			     enum scroll_by how)
{
	(void)b;
	if (how == SCROLL_UP || how == SCROLL_DOWN)
		tui_move_proc(t, how == SCROLL_UP ? -1 : 1);
	return R_REDRAW;
}

const struct panel panel_procs = {
	.name = "processes",
	.region = REG_LEFT,
	.flags = PANEL_FOCUS,
	.size = procs_size,
	.draw = procs_draw,
	.step = procs_scroll,
};
