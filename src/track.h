/* SPDX-License-Identifier: GPL-2.0-or-later */
/* track.h - follow kernel rows from one read to the next (by socket
 * cookie): which changed state, which appeared, which went away. */
#ifndef SOCKSTAGE_TRACK_H
#define SOCKSTAGE_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct track_entry {
	uint64_t cookie;
	uint8_t proto;
	uint8_t state;
	bool seen;		/* in the latest read */
	long long since_ms;	/* when it got its current state */
	struct diag_row row;	/* as last read (for rows that go away) */
};

struct track {
	struct track_entry *v;	/* sorted by cookie */
	size_t n, cap;
	bool primed;		/* one read done: changes are meaningful */
};

struct track_event {
	const struct diag_row *row;	/* the row now, or as it was (gone) */
	int from;		/* previous KS_* state, -1 for a new row */
	int to;			/* new KS_* state, -1 when the row is gone */
};

typedef void (*track_fn)(void *ctx, const struct track_event *ev);

/* Take a new read: fn hears of every state change and every row that is
 * gone (not of new rows, nor anything on the first read). Rows without a
 * cookie are not tracked. */
void track_update(struct track *tk, const struct diag_table *t,
		  long long now_ms, track_fn fn, void *ctx);
/* Rows of t that tk does not know yet join it, in the state t has them
 * in (the rows it knows keep theirs): a later track_update then reports
 * each row's change from when it was first seen. */
void track_add_new(struct track *tk, const struct diag_table *t,
		   long long now_ms);
/* When the row with this cookie got its current state; -1 if unknown. */
long long track_since(const struct track *tk, uint64_t cookie);
/* The row with this cookie in the latest read, or NULL. */
const struct diag_row *track_row(const struct track *tk, uint64_t cookie);
/* Forget everything (the set of rows read changes meaning). */
void track_reset(struct track *tk);
void track_free(struct track *tk);

#endif
