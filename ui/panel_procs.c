/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_procs.c - the processes on stage: name, pid, uid, the sockets
 * each holds; * marks the current one. Up/Down or a click select one
 * (for S F E K U). */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"

/* " pid N" (in a column) or "pid N, ", or nothing with --stable: pids
 * vary from run to run. */
static void pid_text(const struct tui *t, const struct stage_proc *pr,
		     bool column, char *buf, size_t len)
{
	buf[0] = '\0';
	if (t->opts.stable)
		return;
	if (column)
		snprintf(buf, len, " pid %-7d", (int)pr->w.pid);
	else
		snprintf(buf, len, "pid %d, ", (int)pr->w.pid);
}

/* The sockets process p holds ("s1 s3", or "-") and its uid. */
static void proc_facts(const struct tui *t, int p, char *socks, size_t slen,
		       char *uid, size_t ulen)
{
	const struct stage_proc *pr = &t->st.procs[p];
	size_t off = 0;

	socks[0] = '\0';
	for (int i = 0; i < t->st.nsocks && off + 8 < slen; i++)
		for (int h = 0; h < t->st.socks[i]->nholders; h++)
			if (t->st.socks[i]->holders[h].proc == p)
				off += (size_t)snprintf(socks + off, slen - off,
							"%ss%d", off ? " " : "",
							t->st.socks[i]->id);
	if (!socks[0])
		snprintf(socks, slen, "-");
	if (pr->uid >= 0)
		snprintf(uid, ulen, "%ld", pr->uid);
	else
		snprintf(uid, ulen, "%u", (unsigned)getuid());
}

static void proc_row(const struct tui *t, int p, int y, const struct box *b,
		     bool focused)
{
	const struct stage_proc *pr = &t->st.procs[p];
	char socks[160], line[320], uid[24], pid[24], on[40] = "";
	int attr;

	proc_facts(t, p, socks, sizeof(socks), uid, sizeof(uid));
	pid_text(t, pr, true, pid, sizeof(pid));
	if (t->st.nhosts > 1)
		snprintf(on, sizeof(on), " on %s", t->st.hosts[pr->host].h.name);
	snprintf(line, sizeof(line), "%c %-10.10s%s%s uid %-6s holds %s",
		 p == t->st.cur ? '*' : ' ', pr->name, pid, on, uid, socks);
	attr = p == t->psel && focused ?
	       term_attr(ROLE_SELECTED) | (int)A_BOLD : (int)A_NORMAL;
	paint_field(y, b->x, b->w, attr, line);
}

/* "Processes (4, * current): *main, client, server2 s4, server4 s8" */
static void procs_line(const struct tui *t, const int *idx, int n,
		       bool focused, char *buf, size_t len)
{
	char socks[160], uid[24];
	size_t off = (size_t)snprintf(buf, len, "Processes (%d, * current):", n);

	for (int i = 0; i < n && off < len; i++) {
		proc_facts(t, idx[i], socks, sizeof(socks), uid, sizeof(uid));
		off += (size_t)snprintf(buf + off, len - off, "%s %s%s%s%s",
					i ? "," : "", idx[i] == t->st.cur ? "*" : "",
					t->st.procs[idx[i]].name,
					strcmp(socks, "-") ? " " : "",
					strcmp(socks, "-") ? socks : "");
	}
	if (focused && off < len)
		snprintf(buf + off, len - off, " *");
}

/* The first of the n live processes idx[] on rows rows: where it was
 * scrolled to, moved as little as keeps the selection in sight. */
static int first_shown(const struct tui *t, const int *idx, int n, int rows)
{
	int at = -1;

	for (int i = 0; i < n; i++)
		if (idx[i] == t->psel)
			at = i;
	return tui_first_row(t->psel_top, at, n, rows);
}

/* The rows as drawn now, then the selection moves (by step, or to
 * idx[at]) and the rows as little as keeps it in sight. */
static void select_in_view(struct tui *t, const struct box *b, int step, int at)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);
	int rows = b->h - 1;

	t->psel_top = first_shown(t, idx, n, rows);
	if (step)
		tui_move_proc(t, step);
	else if (at >= 0 && at < n)
		t->psel = idx[at];
	t->psel_top = first_shown(t, idx, n, rows);
}

static void procs_draw(const struct tui *t, const struct box *b, bool focused)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);
	int rows = b->h - 1, first = first_shown(t, idx, n, rows);
	char head[320], socks[160], uid[24], pid[24];

	if (n == 1 && b->h == 1) {	/* one process: one line */
		const struct stage_proc *pr = &t->st.procs[idx[0]];

		proc_facts(t, idx[0], socks, sizeof(socks), uid, sizeof(uid));
		pid_text(t, pr, false, pid, sizeof(pid));
		snprintf(head, sizeof(head), "Process: %s (%suid %s) holds %s%s",
			 pr->name, pid, uid, socks, focused ? " *" : "");
		paint_title(b, b->y, head);
		return;
	}
	if (!n) {			/* none: one line */
		paint_title(b, b->y, focused ? "Processes: none left: press S to spawn "
			    "one *" : "Processes: none left: press S to spawn one");
		return;
	}
	if (b->h == 1) {		/* short of room: every name on one line */
		procs_line(t, idx, n, focused, head, sizeof(head));
		paint_title(b, b->y, head);
		return;
	}
	if (n > first + rows)
		snprintf(head, sizeof(head), "Processes (%d, * current) +%d more: %s%s",
			 n, n - first - rows, focused ? "Down" : "Tab, Down",
			 focused ? " *" : "");
	else
		snprintf(head, sizeof(head), "Processes (%d, * current)%s", n,
			 focused ? " *" : "");
	paint_title(b, b->y, head);
	for (int i = 0; i < rows && first + i < n; i++)
		proc_row(t, idx[first + i], b->y + 1 + i, b, focused);
}

/* A row for each live process (four at most), and the title; a single
 * process is the title alone. */
static void procs_size(const struct tui *t, int rows, int cols,
		       struct panel_size *sz)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);

	(void)rows;
	(void)cols;
	sz->chrome = 1;
	sz->pref = n <= 1 ? 1 : sz->chrome + (n > 4 ? 4 : n);
	sz->min = 1;		/* one line: every name (procs_line) */
	sz->prio = 4;
}

static unsigned procs_scroll(struct tui *t, const struct box *b,
			     enum scroll_by how)
{
	if (how == SCROLL_UP || how == SCROLL_DOWN)
		select_in_view(t, b, how == SCROLL_UP ? -1 : 1, -1);
	return R_REDRAW;
}

/* A click on a process's row selects it (a single process is its title:
 * selected already); the rows stay where they are. */
static unsigned procs_click(struct tui *t, const struct box *b, int y, int x)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);
	int rows = b->h - 1;

	(void)x;
	if (y >= 1 && y - 1 < rows)
		select_in_view(t, b, 0, first_shown(t, idx, n, rows) + y - 1);
	return R_REDRAW;
}

const struct panel panel_procs = {
	.name = "processes",
	.region = REG_LEFT,
	.flags = PANEL_FOCUS,
	.size = procs_size,
	.draw = procs_draw,
	.step = procs_scroll,
	.click = procs_click,
};
