/* SPDX-License-Identifier: GPL-2.0-or-later */
/* draw.h - a frame: the panels in the boxes the loop placed them in,
 * from the state as it is (const: drawing changes nothing). */
#ifndef SOCKSTAGE_UI_DRAW_H
#define SOCKSTAGE_UI_DRAW_H

struct tui;

void draw_frame(const struct tui *t);

#endif
