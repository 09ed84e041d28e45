/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_hosts.c - the kernel views of the other hosts (the stage's own,
 * "local", is the Kernel panel's): one section each, titled with the
 * host's name and addresses, its rows as the Kernel panel draws them,
 * read through sock_diag in the host's own namespace. Stacked under the
 * Kernel panel, side by side with the stage on a wide screen. */
#include <curses.h>
#include <stdio.h>

#include "kernel.h"
#include "paint.h"
#include "panel.h"
#include "state.h"
#include "view.h"

/* Host h's rows in the table on show, up to max of their indexes. */
static int host_rows(const struct tui *t, int h, size_t *idx, int max)
{
	const struct diag_table *tab = kv_table(t);
	int n = 0;

	for (size_t i = 0; i < tab->n; i++)
		if (tab->rows[i].host == h && (!idx || n < max)) {
			if (idx)
				idx[n] = i;
			n++;
		}
	return n;
}

/* Host h's section from row y: its title, then as many rows as fit
 * before end. Returns the row after it. */
static int draw_host(const struct tui *t, int h, const struct box *b, int y,
		     int end)
{
	const struct diag_table *tab = kv_table(t);
	size_t idx[64];
	int n = host_rows(t, h, idx, 64), total = host_rows(t, h, NULL, 0);
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
		const struct diag_row *r = &tab->rows[idx[i]];

		kv_format(t, r, t->kv.aw, line, sizeof(line));
		paint_field(y, b->x, b->w, (int)A_NORMAL, line);
		paint_field(y++, b->x + 6, 10, term_attr(kv_state_role(r)),
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

static void hosts_draw(const struct tui *t, const struct box *b, bool focused)
{
	int y = b->y, end = b->y + b->h;

	(void)focused;
	for (int h = 1; h < t->st.nhosts && y < end; h++)
		y = draw_host(t, h, b, y, end);
}

/* A title and at least one row a host; all its rows if it can. */
static void hosts_size(const struct tui *t, int rows, int cols,
		       struct panel_size *sz)
{
	int all = 0, hosts = t->st.nhosts - 1;

	(void)rows;
	(void)cols;
	for (int h = 1; h < t->st.nhosts; h++) {
		int n = host_rows(t, h, NULL, 0);

		all += 1 + (n ? n : 1);
	}
	sz->chrome = hosts;
	sz->min = hosts > 0 ? 2 : 1;
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
