/* SPDX-License-Identifier: GPL-2.0-or-later */
/* keyshow.h - --show-keys: the last keys pressed, by name, in a box for
 * a moment after each key. */
#ifndef SOCKSTAGE_UI_KEYSHOW_H
#define SOCKSTAGE_UI_KEYSHOW_H

#include <stdbool.h>

#define KEYSHOW_KEYS 6
struct keyshow {
	char names[KEYSHOW_KEYS][16];
	int n;			/* 0: the box is not on screen */
	long long last_ms;
};

struct tui;

void keyshow_add(struct tui *t, bool is_key, unsigned key);
/* When the box goes (ms, now_ms), or -1 when it is not shown. */
long long keyshow_due(const struct tui *t);
/* It goes: reaction flags (react.h). */
unsigned keyshow_expire(struct tui *t);
/* The box, right-aligned on row y. */
void keyshow_draw(const struct tui *t, int y, int cols);

#endif
