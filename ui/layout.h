/* SPDX-License-Identifier: GPL-2.0-or-later */
/* layout.h - the panels placed on the screen: strips at the top and the
 * bottom, the body between them in one column, or in two side by side
 * on a wide screen, overlays on all of it. */
#ifndef SOCKSTAGE_UI_LAYOUT_H
#define SOCKSTAGE_UI_LAYOUT_H

#include <stdbool.h>

#include "panel.h"

#define MIN_COLS 80		/* the full layout from here on */
#define MIN_ROWS 24
#define REDUCED_COLS 60		/* a reduced one (caption, kernel view, log) */
#define REDUCED_ROWS 18
#define WIDE_COLS 160		/* from here on, two columns */
#define PANELS_MAX 16

/* What a screen of that size holds: every panel, the reduced set, or
 * only the message that it is too small. */
enum fit { FIT_FULL, FIT_REDUCED, FIT_TINY };

enum fit layout_fit(int rows, int cols);

/* The boxes of a list of panels on a rows x cols screen. */
struct placement {
	int rows, cols;
	enum fit fit;
	int n;
	bool on[PANELS_MAX];	/* shown */
	struct box box[PANELS_MAX];
};

void layout_place(const struct panel *const *panels, int n,
		  const struct tui *t, int rows, int cols,
		  struct placement *out);

#endif
