/* SPDX-License-Identifier: GPL-2.0-or-later */
/* draw.c - a frame: every panel the loop placed, in its box, in the
 * loop's order (header, caption, sockets, processes, kernel view, log,
 * --show-keys row, key bar); an overlay (help, why, details) instead of
 * them when one is open, with the --show-keys row over its own. Below
 * 80x24 the panels of the reduced layout, below 60x18 a message instead.
 * Draws from the state only; changes nothing, reads nothing. */
#include <curses.h>
#include <string.h>

#include "draw.h"
#include "state.h"

static void draw_too_small(int rows, int cols)
{
	static const char *const msg[] = {
		"terminal too small", "(60x18 at least, 80x24 for everything)",
		"q quits",
	};
	int top = rows / 2 - 1;

	erase();
	for (int i = 0; i < 3; i++) {
		int len = (int)strlen(msg[i]);

		if (top + i >= 0 && top + i < rows)
			mvaddnstr(top + i, cols > len ? (cols - len) / 2 : 0, msg[i],
				  cols);
	}
}

void draw_frame(const struct tui *t)
{
	const struct placement *pl = &t->placed;
	const struct panel *over;
	const struct box *b;

	curs_set(t->ask.open ? 1 : 0);	/* a prompt shows its cursor */
	if (pl->fit == FIT_TINY) {
		draw_too_small(pl->rows, pl->cols);
		refresh();
		return;
	}
	erase();
	if ((over = tui_overlay(t, &b))) {
		over->draw(t, b, false);
		for (int i = 0; i < pl->n && i < t->npanels; i++)
			if (pl->on[i] && t->panels[i] == &panel_keys)
				panel_keys.draw(t, &pl->box[i], false);
		refresh();
		return;
	}
	for (int i = 0; i < pl->n && i < t->npanels; i++)
		if (pl->on[i] && t->panels[i]->region != REG_FULL)
			t->panels[i]->draw(t, &pl->box[i], i == t->focus);
	refresh();
}
