/* SPDX-License-Identifier: GPL-2.0-or-later */
/* layout.c - place the panels: the top strips from row 0 down, the body,
 * the bottom strips up to the last row. On a screen WIDE_COLS wide or
 * more the body is two columns side by side (REG_LEFT in the left half
 * less one column, REG_RIGHT in the rest), else one column with the
 * REG_LEFT panels above the REG_RIGHT ones. Overlays (REG_FULL) get the
 * whole screen.
 *
 * Rows go by content and priority, so that what matters is never hidden:
 * every panel first gets its minimum; then, panel by panel in priority
 * order, what it needs (the rows that matter now: the kernel rows the
 * step is about, the first sentence of the narration, the last result);
 * then what it would like, in the same order (a panel with a share at
 * most its share of the column); what is left goes to the last panel that
 * grows. A screen too short for every minimum drops the panels of least
 * priority. Between REDUCED_COLS x REDUCED_ROWS and MIN_COLS x MIN_ROWS
 * only the panels marked PANEL_REDUCED (and the overlays) are placed. */
#include <string.h>

#include "layout.h"

/* A panel, or the whole body of a wide screen, as the allocation sees it. */
struct item {
	int idx;		/* the panel, or -1: the body */
	struct panel_size sz;
	int h;
};

static void size_of(const struct panel *p, const struct tui *t, int rows,
		    int cols, struct panel_size *sz)
{
	memset(sz, 0, sizeof(*sz));
	sz->pref = 1;
	if (p->size)
		p->size(t, rows, cols, sz);
	if (sz->min < 1)
		sz->min = 1;
	if (sz->pref < sz->min)
		sz->pref = sz->min;
	if (sz->need < sz->min)
		sz->need = sz->min;
	if (sz->need > sz->pref)
		sz->pref = sz->need;
}

/* The items in priority order (the smallest prio first; ties in list
 * order), as indexes into it. */
static void by_priority(const struct item *it, int n, int *order)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && it[order[k]].sz.prio <
					   it[order[k - 1]].sz.prio; k--) {
			int x = order[k];

			order[k] = order[k - 1];
			order[k - 1] = x;
		}
}

/* Raise each item, in priority order, towards what want says, as far as
 * left allows; returns what is left. */
static int raise_to(struct item *it, const int *order, int n, int left,
		    int (*want)(const struct item *, int), int avail)
{
	for (int k = 0; k < n && left > 0; k++) {
		struct item *x = &it[order[k]];
		int more = want(x, avail) - x->h;

		if (more <= 0)
			continue;
		if (more > left)
			more = left;
		x->h += more;
		left -= more;
	}
	return left;
}

static int want_need(const struct item *x, int avail)
{
	(void)avail;
	return x->sz.need;
}

static int want_pref(const struct item *x, int avail)
{
	int content = x->sz.pref - x->sz.chrome;

	if (x->sz.share > 0 && content > avail / x->sz.share)
		content = avail / x->sz.share;
	content += x->sz.chrome;
	return content > x->sz.need ? content : x->sz.need;
}

/* Heights for the items stacked in avail rows. */
static void allocate(struct item *it, int n, int avail)
{
	int order[PANELS_MAX + 1], left = avail, last = -1;

	by_priority(it, n, order);
	for (int k = 0; k < n; k++) {		/* minimums, while there is room */
		struct item *x = &it[order[k]];

		x->h = x->sz.min <= left ? x->sz.min : 0;
		left -= x->h;
	}
	left = raise_to(it, order, n, left, want_need, avail);
	left = raise_to(it, order, n, left, want_pref, avail);
	for (int i = 0; i < n; i++)
		if (it[i].sz.grow && it[i].h > 0)
			last = i;
	if (last >= 0)
		it[last].h += left;
}

static bool placed_here(const struct panel *p, enum fit fit)
{
	return fit == FIT_FULL || p->region == REG_FULL ||
	       (p->flags & PANEL_REDUCED);
}

/* The panels of a column, in list order. */
static int column_items(const struct panel *const *panels,
			const struct placement *out, enum region reg,
			const struct tui *t, int cols, struct item *it)
{
	int n = 0;

	for (int i = 0; i < out->n; i++) {
		if (!out->on[i] || panels[i]->region != reg)
			continue;
		it[n].idx = i;
		size_of(panels[i], t, out->rows, cols, &it[n].sz);
		n++;
	}
	return n;
}

/* A wide screen's body: its size is that of its taller column. */
static void body_item(const struct item *l, int nl, const struct item *r,
		      int nr, struct item *body)
{
	struct panel_size a = { .prio = 1000 }, b = { .prio = 1000 };

	for (int i = 0; i < nl; i++) {
		a.min += l[i].sz.min;
		a.need += l[i].sz.need;
		a.pref += l[i].sz.pref;
		a.prio = l[i].sz.prio < a.prio ? l[i].sz.prio : a.prio;
	}
	for (int i = 0; i < nr; i++) {
		b.min += r[i].sz.min;
		b.need += r[i].sz.need;
		b.pref += r[i].sz.pref;
		b.prio = r[i].sz.prio < b.prio ? r[i].sz.prio : b.prio;
	}
	body->idx = -1;
	body->sz = (struct panel_size){
		.min = a.min > b.min ? a.min : b.min,
		.need = a.need > b.need ? a.need : b.need,
		.pref = a.pref > b.pref ? a.pref : b.pref,
		.prio = a.prio < b.prio ? a.prio : b.prio,
		.grow = true,
	};
}

/* Stack the items from row y down, x wide from column x. */
static void stack(struct item *it, int n, int y, int x, int w,
		  struct placement *out)
{
	for (int i = 0; i < n; i++) {
		if (it[i].idx < 0) {
			y += it[i].h;
			continue;
		}
		out->box[it[i].idx] = (struct box){ y, x, it[i].h, w };
		if (!it[i].h)
			out->on[it[i].idx] = false;
		y += it[i].h;
	}
}

/* One column: the top strips, the body's panels, the bottom strips. */
static void place_narrow(const struct panel *const *panels,
			 const struct tui *t, struct placement *out)
{
	static const enum region order[] = { REG_TOP, REG_LEFT, REG_RIGHT,
					     REG_BOTTOM };
	struct item it[PANELS_MAX];
	int n = 0;

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		n += column_items(panels, out, order[k], t, out->cols, it + n);
	allocate(it, n, out->rows);
	stack(it, n, 0, 0, out->cols, out);
}

/* Two columns between the strips. */
static void place_wide(const struct panel *const *panels,
		       const struct tui *t, struct placement *out)
{
	struct item chain[PANELS_MAX + 1], left[PANELS_MAX], right[PANELS_MAX];
	int nc, nl, nr, body = -1, y = 0, lw = out->cols / 2 - 1;

	nc = column_items(panels, out, REG_TOP, t, out->cols, chain);
	nl = column_items(panels, out, REG_LEFT, t, lw, left);
	nr = column_items(panels, out, REG_RIGHT, t, out->cols - lw - 1, right);
	if (nl + nr) {
		body = nc;
		body_item(left, nl, right, nr, &chain[nc++]);
	}
	nc += column_items(panels, out, REG_BOTTOM, t, out->cols, chain + nc);
	allocate(chain, nc, out->rows);
	stack(chain, nc, 0, 0, out->cols, out);
	if (body < 0)
		return;
	for (int i = 0; i < body; i++)
		y += chain[i].h;
	allocate(left, nl, chain[body].h);
	stack(left, nl, y, 0, lw, out);
	allocate(right, nr, chain[body].h);
	stack(right, nr, y, lw + 1, out->cols - lw - 1, out);
}

enum fit layout_fit(int rows, int cols)
{
	if (rows >= MIN_ROWS && cols >= MIN_COLS)
		return FIT_FULL;
	if (rows >= REDUCED_ROWS && cols >= REDUCED_COLS)
		return FIT_REDUCED;
	return FIT_TINY;
}

void layout_place(const struct panel *const *panels, int n,
		  const struct tui *t, int rows, int cols,
		  struct placement *out)
{
	memset(out, 0, sizeof(*out));
	out->rows = rows;
	out->cols = cols;
	out->fit = layout_fit(rows, cols);
	out->n = n < PANELS_MAX ? n : PANELS_MAX;
	if (out->fit == FIT_TINY)
		return;
	for (int i = 0; i < out->n; i++)
		out->on[i] = (!panels[i]->shown || panels[i]->shown(t)) &&
			     placed_here(panels[i], out->fit);
	for (int i = 0; i < out->n; i++)
		if (out->on[i] && panels[i]->region == REG_FULL)
			out->box[i] = (struct box){ 0, 0, rows, cols };
	if (cols >= WIDE_COLS)
		place_wide(panels, t, out);
	else
		place_narrow(panels, t, out);
}
