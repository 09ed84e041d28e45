/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mouse.c - the mouse, as htop has it. A click on a panel gives it the
 * focus (if it takes the focus) and, through the panel's click, selects
 * what is under the pointer: a socket, a process. The wheel scrolls the
 * panel under the pointer as its Up and Down keys do, three at a notch,
 * without moving the focus. A click on a label of the key bar that names
 * one key is that key, through the keymaps in effect. A click does
 * nothing on the header, between the columns, while a prompt is open or
 * a call waits, over the help or the why overlay (the wheel scrolls
 * them), or on a screen too small to be drawn. */
#include "action.h"
#include "layout.h"
#include "mouse.h"
#include "panel.h"
#include "state.h"

#define WHEEL_STEPS 3

/* The panel at (y, x) as the loop placed it last, or -1. */
static int panel_at(const struct tui *t, int y, int x)
{
	const struct placement *pl = &t->placed;

	for (int i = 0; i < pl->n && i < t->npanels; i++) {
		const struct box *b = &pl->box[i];

		if (pl->on[i] && t->panels[i]->region != REG_FULL &&
		    y >= b->y && y < b->y + b->h && x >= b->x && x < b->x + b->w)
			return i;
	}
	return -1;
}

static unsigned wheel(struct tui *t, const struct panel *p, const struct box *b,
		      enum scroll_by how)
{
	unsigned flags = R_REDRAW;

	if (p && p->wheel)
		return p->wheel(t, b, how == SCROLL_UP ? -WHEEL_STEPS : WHEEL_STEPS);
	if (!p || !p->step)
		return 0;
	for (int i = 0; i < WHEEL_STEPS; i++)
		flags |= p->step(t, b, how);
	return flags;
}

/* The key whose label is under the pointer, as if it was pressed. */
static unsigned keybar_click(struct act *a, int x)
{
	struct keycode key;

	if (!action_bar_at(a->t, a->t->placed.cols, x, &key))
		return 0;
	a->is_key = key.is_key;
	a->key = key.code;
	return action_key(a);
}

static unsigned click(struct act *a, int i, int y, int x)
{
	struct tui *t = a->t;
	const struct panel *p = t->panels[i];
	const struct box *b = &t->placed.box[i];

	if (p == &panel_keybar)
		return keybar_click(a, x);
	if (!(p->flags & PANEL_FOCUS))
		return 0;
	t->focus = i;
	return (p->click ? p->click(t, b, y - b->y, x - b->x) : 0) | R_REDRAW;
}

static bool is_wheel(mmask_t bstate, enum scroll_by *how)
{
#ifdef BUTTON5_PRESSED
	if (bstate & BUTTON4_PRESSED) {
		*how = SCROLL_UP;
		return true;
	}
	if (bstate & BUTTON5_PRESSED) {
		*how = SCROLL_DOWN;
		return true;
	}
#else
	(void)bstate;
	(void)how;
#endif
	return false;
}

unsigned mouse_event(struct act *a, int y, int x, mmask_t bstate)
{
	struct tui *t = a->t;
	const struct panel *over;
	const struct box *b;
	enum scroll_by how = SCROLL_DOWN;
	bool scroll = is_wheel(bstate, &how);
	int i;

	if (t->placed.rows < MIN_ROWS || t->placed.cols < MIN_COLS ||
	    t->ask.open || t->st.busy_proc >= 0)
		return 0;
	if ((over = tui_overlay(t, &b)))
		return scroll ? wheel(t, over, b, how) : 0;
	if ((i = panel_at(t, y, x)) < 0)
		return 0;
	if (scroll)
		return wheel(t, t->panels[i], &t->placed.box[i], how);
	if (bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		return click(a, i, y, x);
	return 0;
}
