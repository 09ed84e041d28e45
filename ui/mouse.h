/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mouse.h - the mouse (unless --no-mouse): a click on a panel gives it
 * the focus and selects what is under it; the wheel scrolls the panel
 * under the pointer; a click on the key bar is that key. */
#ifndef SOCKSTAGE_UI_MOUSE_H
#define SOCKSTAGE_UI_MOUSE_H

#include <curses.h>

#include "react.h"

/* A mouse event at row y, column x of the screen, on the screen as the
 * loop placed it last; reaction flags (a key bar's key may fill a->line
 * with R_RUN). */
unsigned mouse_event(struct act *a, int y, int x, mmask_t bstate);

#endif
