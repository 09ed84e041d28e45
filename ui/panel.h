/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel.h - a part of the screen: it draws itself from the state (const:
 * drawing never changes anything), says how much room it wants, and
 * scrolls. The layout (layout.h) places the panels the loop lists; Tab
 * moves the focus over those that take it. A new panel is one struct
 * panel and one line in the loop's list. */
#ifndef SOCKSTAGE_UI_PANEL_H
#define SOCKSTAGE_UI_PANEL_H

#include <stdbool.h>

struct tui;

struct box {
	int y, x, h, w;
};

/* Where the layout puts a panel. */
enum region {
	REG_TOP,		/* a full-width strip from the top, in list order */
	REG_BOTTOM,		/* a full-width strip above the bottom, in order */
	REG_LEFT,		/* the body: the left column on a wide screen, */
	REG_RIGHT,		/* the right one; stacked on a narrow screen */
	REG_FULL,		/* the whole screen, over the others (overlays) */
};

/* How much room a panel wants, in rows. */
struct panel_size {
	int pref;		/* what it would like (chrome included) */
	int min;		/* never less, when it grows */
	int chrome;		/* rows that are not content (title, heading) */
	bool grow;		/* takes what its column has left: the last
				   grower of a column all of it, one before
				   at most its share of it */
	int share;		/* with grow: its content takes at most
				   1/share of what the column has left */
};

enum scroll_by {
	SCROLL_UP, SCROLL_DOWN,		/* a line (a row, an entry) */
	SCROLL_PGUP, SCROLL_PGDN,	/* a page */
	SCROLL_HOME, SCROLL_END,
};

#define PANEL_FOCUS 1u		/* takes the focus (Tab) */

struct panel {
	const char *name;
	enum region region;
	unsigned flags;
	/* on screen now (NULL: always) */
	bool (*shown)(const struct tui *t);
	/* its size on a rows x cols screen (NULL: REG_FULL, or one row) */
	void (*size)(const struct tui *t, int rows, int cols,
		     struct panel_size *sz);
	void (*draw)(const struct tui *t, const struct box *b, bool focused);
	/* Up/Down... while focused (or while it is the overlay on screen);
	 * returns reaction flags (react.h). NULL: it does not scroll. */
	unsigned (*step)(struct tui *t, const struct box *b,
			 enum scroll_by how);
	/* its box changed (a resize): bring what it keeps (a scroll
	 * position) within the new box. NULL: nothing to do. */
	void (*fit)(struct tui *t, const struct box *b);
};

extern const struct panel panel_header, panel_caption, panel_stage,
	panel_procs, panel_kernel, panel_log, panel_keys, panel_keybar,
	panel_help, panel_why;

#endif
