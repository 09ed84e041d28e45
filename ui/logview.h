/* SPDX-License-Identifier: GPL-2.0-or-later */
/* logview.h - where the log panel is scrolled to. It follows the newest
 * line (the last rows of the log at its bottom) until it is scrolled
 * back; then it holds to the line it shows at its top, so that new lines
 * do not move what is being read, until it comes back to the end. Up and
 * Down move a line (a wrapped line is one line; a line taller than the
 * panel goes a row at a time), PgUp and PgDn a page of rows, Home to the
 * first line kept, End back to following. */
#ifndef SOCKSTAGE_UI_LOGVIEW_H
#define SOCKSTAGE_UI_LOGVIEW_H

#include <stdbool.h>

#include "log.h"
#include "panel.h"

/* A row of the log: row 'row' of line 'seq' (log.h numbers lines). */
struct log_pos {
	long long seq;
	int row;
};

struct log_view {
	bool back;		/* scrolled back: top holds */
	struct log_pos top;	/* with back: the first row shown */
};

/* What a frame of h rows, cols wide, shows. */
struct log_frame {
	struct log_pos top;	/* its first row */
	int rows;		/* rows with text (fewer than h only when the
				   whole log is shorter: then at the bottom) */
	bool back;		/* the newest line is not in sight */
	int newer;		/* with back: lines below (wholly or partly) */
};

void logview_frame(const struct log_view *v, const struct log *l, int cols,
		   int h, struct log_frame *f);
/* Up, Down, PgUp, PgDn, Home, End on a panel of h rows, cols wide. */
void logview_scroll(struct log_view *v, const struct log *l, int cols, int h,
		    enum scroll_by how);
/* The panel's size (or what shows) changed: back at the end, it follows
 * the newest line again. */
void logview_fit(struct log_view *v, const struct log *l, int cols, int h);

#endif
