/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_hosts.c - the kernel views of the other hosts (the stage's own,
 * "local", is the Kernel panel's): one section each, titled with the
 * host's name and addresses, its rows as the Kernel panel draws them,
 * read through sock_diag in the host's own namespace, those in focus
 * first (a lesson step's "expect on HOST" rows among them). Stacked under
 * the Kernel panel, side by side with the stage on a wide screen. */
#include <curses.h>
#include <stdio.h>

#include "kernel.h"
#include "paint.h"
#include "panel.h"
#include "play.h"
#include "state.h"
#include "view.h"

/* Does the lesson's step on show expect row r of another host ("expect
 * on HOST ...", its host named in the line: the stage resolves it only
 * when the line runs)? */
static bool step_expects_row(const struct tui *t, const struct diag_row *r)
{
	const struct play *p = &t->play;
	const struct lesson_step *s;

	if (!p->on || p->step < 1 || p->step > p->l.nsteps)
		return false;
	s = &p->l.steps[p->step - 1];
	for (int i = s->first; i < s->first + s->n; i++) {
		const struct command *c = &p->l.lines[i].cmd;

		if (c->kind == CMD_EXPECT && !c->negate && c->host.col >= 0 &&
		    stage_row_expected(&t->st, r, c))
			return true;
	}
	return false;
}

/* Rows that matter now: those the step expects, the selected socket's,
 * those the last command or step touched. */
static bool in_focus(const struct tui *t, const struct diag_row *r)
{
	return step_expects_row(t, r) || kv_is_focus(t, r);
}

/* Host h's rows in the table on show, up to max of their indexes: those
 * in focus first (so that a small section shows them), then the others.
 * Returns how many; *focus (if not NULL) how many are in focus. */
static int host_rows(const struct tui *t, int h, size_t *idx, int max,
		     int *focus)
{
	struct diag_row tmp;
	int n = 0;

	if (focus)
		*focus = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < kv_count(t); i++) {
			const struct diag_row *r;

			if (kv_row_host(t, i) != h)
				continue;
			r = kv_row(t, i, &tmp);
			if (in_focus(t, r) != !pass)
				continue;
			if (idx && n < max)
				idx[n] = i;
			if (focus && !pass)
				(*focus)++;
			n++;
		}
	return n;
}

/* Host h's section from row y: its title, then as many rows as fit
 * before end. Returns the row after it. */
static int draw_host(const struct tui *t, int h, const struct box *b, int y,
		     int end)
{
	struct diag_row tmp;
	size_t idx[64];
	int total = host_rows(t, h, idx, 64, NULL), n = total < 64 ? total : 64;
	char title[200], addrs[160], line[512];

	stage_host_text(&t->st, h, addrs, sizeof(addrs));
	snprintf(title, sizeof(title), "Kernel: %s (%d rows)", addrs, total);
	paint_title(b, y++, title);
	if (!total && y < end)
		paint_field(y++, b->x, b->w, term_attr(ROLE_DIM),
			    "  (no socket on the ports in play)");
	/* more than the rows hold: the last one says how many more */
	int fit = total <= end - y ? n : end - y - 1;

	for (int i = 0; i < fit && i < n; i++) {
		const struct diag_row *r = kv_row(t, idx[i], &tmp);

		kv_format(t, r, t->kv.aw, line, sizeof(line));
		paint_field(y, b->x, b->w, (int)A_NORMAL, line);
		paint_field(y++, b->x + 3 + kv_netid_width(t), 10,
			    term_attr(kv_state_role(r)),
			    view_state_name(r));
	}
	if (fit < total && y < end) {
		snprintf(line, sizeof(line), "  +%d more", total - (fit > 0 ? fit : 0));
		paint_field(y++, b->x, b->w, (int)A_BOLD, line);
	}
	return y;
}

static bool hosts_shown(const struct tui *t)
{
	return t->st.nhosts > 1;
}

/* The panel's rows shared between the hosts: first each its title and
 * its rows in focus (and a line for how many more), then the rest in
 * host order, as many as each has. */
static void hosts_draw(const struct tui *t, const struct box *b, bool focused)
{
	int y = b->y, end = b->y + b->h, left = b->h;
	int lines[HOST_MAX] = { 0 }, total[HOST_MAX];

	(void)focused;
	for (int h = 1; h < t->st.nhosts && h < HOST_MAX; h++) {
		int focus;

		total[h] = host_rows(t, h, NULL, 0, &focus);
		lines[h] = 1 + (focus ? focus + (total[h] > focus ? 1 : 0) : 1);
		left -= lines[h];
	}
	for (int h = 1; h < t->st.nhosts && h < HOST_MAX && left > 0; h++) {
		int more = 1 + (total[h] ? total[h] : 1) - lines[h];

		if (more > left)
			more = left;
		if (more > 0) {
			lines[h] += more;
			left -= more;
		}
	}
	for (int h = 1; h < t->st.nhosts && h < HOST_MAX && y < end; h++)
		y = draw_host(t, h, b, y, y + lines[h] < end ? y + lines[h] : end);
}

/* A title and at least one row a host; it needs the rows in focus (and
 * a line to say how many more), up to half the screen, as the Kernel
 * panel does; all its rows if it can. */
static void hosts_size(const struct tui *t, int rows, int cols,
		       struct panel_size *sz)
{
	int all = 0, need = 0, hosts = t->st.nhosts - 1;

	(void)cols;
	for (int h = 1; h < t->st.nhosts; h++) {
		int focus, n = host_rows(t, h, NULL, 0, &focus);

		all += 1 + (n ? n : 1);
		need += 1 + (focus ? focus + (n > focus ? 1 : 0) : 1);
	}
	sz->chrome = hosts;
	sz->min = hosts > 0 ? 2 : 1;
	sz->need = need > rows / 2 ? rows / 2 : need;
	if (sz->need < 2 * hosts)
		sz->need = 2 * hosts;
	sz->pref = all;
	sz->prio = 2;
	sz->share = 3;
}

const struct panel panel_hosts = {
	.name = "hosts",
	.region = REG_RIGHT,
	.flags = PANEL_REDUCED,
	.shown = hosts_shown,
	.size = hosts_size,
	.draw = hosts_draw,
};
