/* SPDX-License-Identifier: GPL-2.0-or-later */
/* paint.h - what every panel draws with: text cut by display columns
 * (never inside a character; what does not print shows as escapes),
 * fields padded to their width, panel titles. */
#ifndef SOCKSTAGE_UI_PAINT_H
#define SOCKSTAGE_UI_PAINT_H

#include <stdbool.h>

#include "panel.h"

/* Text at (y, x), at most w columns; returns the columns used; *cut
 * (unless NULL) tells whether some of it did not fit. */
int paint_text_cut(int y, int x, int w, const char *s, bool *cut);
int paint_text(int y, int x, int w, const char *s);
/* Text at (y, x) in attr, cut or padded with blanks to exactly w
 * columns. */
void paint_field(int y, int x, int w, int attr, const char *s);
/* A panel's title line: a rule with " text " on it, on row y of b. */
void paint_title(const struct box *b, int y, const char *text);

#endif
