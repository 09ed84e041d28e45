/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rowwin.h - a window on numbered rows, for an overlay that lays out more
 * rows than the screen holds (the why overlay, a row's details): rows
 * are counted from the first, those in [first, first + n) are drawn from
 * screen line y. Laying out with n = 0 only counts them. */
#ifndef SOCKSTAGE_UI_ROWWIN_H
#define SOCKSTAGE_UI_ROWWIN_H

#include <stdbool.h>

struct rows {
	int row;		/* the row laid out next */
	int first, n, y;
	int cols;
};

static inline bool on_screen(const struct rows *r)
{
	return r->row >= r->first && r->row < r->first + r->n;
}

/* The screen line of the row laid out next (when on_screen). */
static inline int screen_y(const struct rows *r)
{
	return r->y + r->row - r->first;
}

#endif
