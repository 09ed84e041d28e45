/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.c - questions about the TUI's state, and the moves of its
 * selections and its focus. */
#include <stdlib.h>

#include "state.h"
#include "util.h"

/* Sockets still held by some process, in creation order. */
int tui_live_socks(const struct tui *t, int *idx, int max)
{
	int n = 0;

	for (int i = 0; i < t->st.nsocks && n < max; i++)
		if (t->st.socks[i]->nholders) {
			if (idx)
				idx[n] = i;
			n++;
		}
	return n;
}

/* Processes still alive, in the order they came. */
int tui_live_procs(const struct tui *t, int *idx, int max)
{
	int n = 0;

	for (int i = 0; i < t->st.nprocs && n < max; i++)
		if (t->st.procs[i].alive)
			idx[n++] = i;
	return n;
}

/* The entry delta steps from *cur in idx[0..n-1] (clamped at the ends). */
static void step_among(const int *idx, int n, int *cur, int delta)
{
	int at = 0;

	if (!n)
		return;
	for (int i = 0; i < n; i++)
		if (idx[i] == *cur)
			at = i;
	at += delta;
	*cur = idx[at < 0 ? 0 : at >= n ? n - 1 : at];
}

void tui_move_sock(struct tui *t, int delta)
{
	int *idx = xcalloc((size_t)t->st.nsocks, sizeof(*idx));
	int n = tui_live_socks(t, idx, t->st.nsocks);

	step_among(idx, n, &t->sel, delta);
	free(idx);
}

void tui_select_near(struct tui *t, int i)
{
	for (int k = i + 1; k < t->st.nsocks; k++)
		if (t->st.socks[k]->nholders) {
			t->sel = k;
			return;
		}
	for (int k = i - 1; k >= 0; k--)
		if (t->st.socks[k]->nholders) {
			t->sel = k;
			return;
		}
	t->sel = -1;
}

void tui_move_proc(struct tui *t, int delta)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);

	step_among(idx, n, &t->psel, delta);
}

int tui_first_row(int top, int at, int n, int rows)
{
	if (rows < 1)
		rows = 1;
	if (top > n - rows)
		top = n - rows;
	if (top < 0)
		top = 0;
	if (at >= 0 && at < top)
		top = at;
	else if (at >= top + rows)
		top = at - rows + 1;
	return top;
}

static bool is_shown(const struct tui *t, int i)
{
	const struct panel *p = t->panels[i];

	return !p->shown || p->shown(t);
}

const struct panel *tui_focused(const struct tui *t, const struct box **b)
{
	if (t->focus < 0 || t->focus >= t->npanels)
		return NULL;
	if (b)
		*b = &t->placed.box[t->focus];
	return t->panels[t->focus];
}

const struct panel *tui_overlay(const struct tui *t, const struct box **b)
{
	for (int i = 0; i < t->npanels; i++)
		if (t->panels[i]->region == REG_FULL && is_shown(t, i)) {
			if (b)
				*b = &t->placed.box[i];
			return t->panels[i];
		}
	return NULL;
}

void tui_move_focus(struct tui *t, int delta)
{
	for (int k = 1; k <= t->npanels; k++) {
		int i = ((t->focus + delta * k) % t->npanels + t->npanels) %
			t->npanels;

		if ((t->panels[i]->flags & PANEL_FOCUS) && is_shown(t, i)) {
			t->focus = i;
			return;
		}
	}
}
