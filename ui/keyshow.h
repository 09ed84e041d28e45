/* SPDX-License-Identifier: GPL-2.0-or-later */
/* keyshow.h - --show-keys: the last keys pressed, by name, for a moment
 * after each key, on a row of their own (panel_keys, panel.h). */
#ifndef SOCKSTAGE_UI_KEYSHOW_H
#define SOCKSTAGE_UI_KEYSHOW_H

#include <stdbool.h>

#define KEYSHOW_KEYS 6
struct keyshow {
	char names[KEYSHOW_KEYS][16];
	int n;			/* 0: no key on the row */
	long long last_ms;
};

struct tui;

void keyshow_add(struct tui *t, bool is_key, unsigned key);
/* When the keys go (ms, now_ms), or -1 when none is shown. */
long long keyshow_due(const struct tui *t);
/* They go: reaction flags (react.h). */
unsigned keyshow_expire(struct tui *t);

#endif
