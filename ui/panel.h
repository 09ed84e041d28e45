/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel.h - a part of the screen: it draws itself from the state (const:
 * drawing never changes anything), says how much room it wants, and
 * scrolls. The layout (layout.h) places the panels the loop lists; Tab
 * moves the focus over those that take it, as does a click (mouse.c).
 * A new panel is one struct panel and one line in the loop's list. */
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

/* How much room a panel wants, in rows (layout.c says how they are
 * shared out). */
struct panel_size {
	int pref;		/* what it would like (chrome included) */
	int need;		/* what shows what matters now (the rows a
				   step is about, the last result); 0: min */
	int min;		/* never less (0: one row) */
	int chrome;		/* rows that are not content (title, heading) */
	int prio;		/* its rank for need and pref: 0 first */
	bool grow;		/* the last grower of a column gets what is
				   left */
	int share;		/* its content takes at most 1/share of the
				   column for pref */
};

enum scroll_by {
	SCROLL_UP, SCROLL_DOWN,		/* a line (a row, an entry) */
	SCROLL_PGUP, SCROLL_PGDN,	/* a page */
	SCROLL_HOME, SCROLL_END,
};

#define PANEL_FOCUS 1u		/* takes the focus (Tab, a click) */
#define PANEL_PAGES 2u		/* focused, it takes PgUp/PgDn/Home/End (else
				   they scroll the kernel view) */
#define PANEL_REDUCED 4u	/* placed in the reduced layout too */

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
	/* the mouse wheel over it, up (-1) or down (1) by a line: the view
	 * scrolls, whatever has the focus. NULL: as step does. */
	unsigned (*wheel)(struct tui *t, const struct box *b, int by);
	/* its box changed (a resize): bring what it keeps (a scroll
	 * position) within the new box. NULL: nothing to do. */
	void (*fit)(struct tui *t, const struct box *b);
	/* a click on row y, column x of its box (0: its first), after it
	 * took the focus: select what is there; reaction flags. NULL:
	 * the focus is all a click does. */
	unsigned (*click)(struct tui *t, const struct box *b, int y, int x);
};

extern const struct panel panel_header, panel_caption, panel_stage,
	panel_procs, panel_kernel, panel_hosts, panel_log, panel_keys, panel_keybar,
	panel_help, panel_why, panel_detail, panel_wire;

#endif
