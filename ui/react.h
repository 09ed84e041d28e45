/* SPDX-License-Identifier: GPL-2.0-or-later */
/* react.h - what a key's action, a prompt's answer or a timer asks the
 * loop to do next. They change the state and say so in these flags; they
 * never draw and never read the kernel: the loop does, once, after them. */
#ifndef SOCKSTAGE_UI_REACT_H
#define SOCKSTAGE_UI_REACT_H

#include <stdbool.h>

#include "prompt.h"

enum reaction {
	R_REDRAW = 1u << 0,	/* the screen is to be drawn again */
	R_READ = 1u << 1,	/* read the kernel view again */
	R_QUIT = 1u << 2,	/* leave */
	R_RUN = 1u << 3,	/* run act->line, as a typed ':' line */
	R_REPAINT = 1u << 4,	/* the terminal may be damaged: all of it */
	R_ROWS = 1u << 5,	/* the kernel view's rows again (filter) */
	R_PASS = 1u << 6,	/* not for this key: the next keymap may take it */
};

#define ACT_LINE_MAX (PROMPT_MAX + 128)

struct tui;

/* One key on its way through the keymaps, and what its action asks. */
struct act {
	struct tui *t;
	bool is_key;		/* a curses KEY_* code, else a character */
	unsigned key;
	char line[ACT_LINE_MAX];	/* with R_RUN: the line to run */
};

#endif
