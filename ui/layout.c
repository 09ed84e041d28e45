/* SPDX-License-Identifier: GPL-2.0-or-later */
/* layout.c - place the panels: the top strips from row 0 down, the
 * bottom strips up from the last row, the body between them. On a screen
 * WIDE_COLS wide or more the body is two columns side by side (REG_LEFT
 * in the left half less one column, REG_RIGHT in the rest), else one
 * column with the REG_LEFT panels above the REG_RIGHT ones. In a column,
 * a panel that does not grow gets what it prefers; of those that grow,
 * the last gets what is left, one before it what it prefers but at most
 * its share of what the column has beyond the panels that do not grow.
 * Overlays (REG_FULL) get the whole screen. */
#include <string.h>

#include "layout.h"

struct column {
	int idx[PANELS_MAX];
	int n;
};

static void size_of(const struct panel *p, const struct tui *t, int rows,
		    int cols, struct panel_size *sz)
{
	memset(sz, 0, sizeof(*sz));
	sz->pref = 1;
	if (p->size)
		p->size(t, rows, cols, sz);
}

static void place_column(const struct panel *const *panels,
			 const struct column *c, const struct tui *t,
			 int rows, int cols, struct box area,
			 struct placement *out)
{
	struct panel_size sz[PANELS_MAX];
	int h[PANELS_MAX], fixed = 0, last = -1, used = 0, y = area.y;

	for (int k = 0; k < c->n; k++) {
		size_of(panels[c->idx[k]], t, rows, cols, &sz[k]);
		if (sz[k].grow)
			last = k;
		else
			fixed += sz[k].pref;
	}
	for (int k = 0; k < c->n; k++) {
		int content;

		if (!sz[k].grow || k == last) {
			h[k] = sz[k].grow ? 0 : sz[k].pref;
			continue;
		}
		content = sz[k].pref - sz[k].chrome;
		if (sz[k].share > 0 && content > (area.h - fixed) / sz[k].share)
			content = (area.h - fixed) / sz[k].share;
		h[k] = content + sz[k].chrome;
		if (h[k] < sz[k].min)
			h[k] = sz[k].min;
	}
	for (int k = 0; k < c->n; k++)
		used += h[k];
	if (last >= 0)
		h[last] = area.h - used;
	for (int k = 0; k < c->n; k++) {
		out->box[c->idx[k]] = (struct box){ y, area.x, h[k], area.w };
		y += h[k];
	}
}

void layout_place(const struct panel *const *panels, int n,
		  const struct tui *t, int rows, int cols,
		  struct placement *out)
{
	struct column left = { .n = 0 }, right = { .n = 0 };
	struct panel_size sz;
	int top = 0, bottom = rows;

	memset(out, 0, sizeof(*out));
	out->rows = rows;
	out->cols = cols;
	out->n = n < PANELS_MAX ? n : PANELS_MAX;
	for (int i = 0; i < out->n; i++)
		out->on[i] = !panels[i]->shown || panels[i]->shown(t);
	for (int i = 0; i < out->n; i++) {
		if (!out->on[i] || panels[i]->region != REG_TOP)
			continue;
		size_of(panels[i], t, rows, cols, &sz);
		out->box[i] = (struct box){ top, 0, sz.pref, cols };
		top += sz.pref;
	}
	for (int i = out->n - 1; i >= 0; i--) {
		if (!out->on[i] || panels[i]->region != REG_BOTTOM)
			continue;
		size_of(panels[i], t, rows, cols, &sz);
		bottom -= sz.pref;
		out->box[i] = (struct box){ bottom, 0, sz.pref, cols };
	}
	for (int i = 0; i < out->n; i++) {
		if (!out->on[i])
			continue;
		if (panels[i]->region == REG_FULL)
			out->box[i] = (struct box){ 0, 0, rows, cols };
		else if (panels[i]->region == REG_LEFT)
			left.idx[left.n++] = i;
		else if (panels[i]->region == REG_RIGHT)
			right.idx[right.n++] = i;
	}
	if (cols >= WIDE_COLS) {
		place_column(panels, &left, t, rows, cols,
			     (struct box){ top, 0, bottom - top, cols / 2 - 1 }, out);
		place_column(panels, &right, t, rows, cols,
			     (struct box){ top, cols / 2, bottom - top,
					   cols - cols / 2 }, out);
		return;
	}
	for (int k = 0; k < right.n; k++)
		left.idx[left.n++] = right.idx[k];
	place_column(panels, &left, t, rows, cols,
		     (struct box){ top, 0, bottom - top, cols }, out);
}
