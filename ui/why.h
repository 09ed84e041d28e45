/* SPDX-License-Identifier: GPL-2.0-or-later */
/* why.h - the recent failed calls, explained in full (key y): the ring
 * that keeps them and the overlay that shows one (panel_why). */
#ifndef SOCKSTAGE_UI_WHY_H
#define SOCKSTAGE_UI_WHY_H

#include <stdbool.h>

#include "result.h"

#define WHY_KEEP 16	/* explanations kept: the last failed calls */

/* A failed call and everything the stage said about it. */
struct why_entry {
	char call[200];		/* bind(s2, 0.0.0.0:3459) */
	int err;
	struct note *notes;	/* a copy of its typed notes (result.h) */
	int nnotes;
};

/* The ring of explanations, and the overlay that shows one (key y). */
struct why {
	struct why_entry e[WHY_KEEP];
	int head;		/* index of the oldest */
	int n;
	bool open;		/* the overlay is on screen */
	int at;			/* the one shown: 0 = the oldest kept */
	int scroll;		/* its first row on screen */
};

struct result;
struct tui;

void why_add(struct why *w, const struct result *res);	/* a RES_FAIL */
void why_free(struct why *w);
/* The overlay with the newest; or the log says there is none. Returns
 * reaction flags (react.h). */
unsigned why_open(struct tui *t);
unsigned why_close(struct tui *t);
/* delta -1: an older failure, +1: a newer one */
unsigned why_turn(struct tui *t, int delta);
/* The one shown within those kept, its first row within its rows on a
 * rows x cols screen (after a failure came or the screen changed). */
void why_fit(struct why *w, int rows, int cols);

#endif
