/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wireview.h - the wire in the TUI: the stage's capture read as packets
 * come (a source of the loop, never waited for), each segment's
 * transitions into the log with their causes, and what the Wire panel
 * shows: the selected socket's conversation or every one, scrolled. */
#ifndef SOCKSTAGE_UI_WIREVIEW_H
#define SOCKSTAGE_UI_WIREVIEW_H

#include <poll.h>
#include <stdbool.h>

#include "ladder.h"

struct wireview {
	unsigned long long seen;	/* segments whose moves are logged */
	bool shown;			/* the panel is on screen (w) */
	bool all;			/* every conversation, not the selected
					   socket's (a) */
	int scroll;			/* rungs from the newest (0: follow) */
	int said_err;			/* the failure logged (once) */
	unsigned dropped;		/* the kernel's drops, as last read */
	bool news;			/* segments not drawn yet */
	long long drawn_ms;		/* when they were last drawn */
};

struct tui;

/* A new stage: capture its wire (st->wire_err says why not, logged once;
 * on the host only the ports in play). */
void wv_start(struct tui *t);
/* The loop's source: the capture's descriptor, and reading it. */
int wv_fds(struct tui *t, struct pollfd *fds, int max);
unsigned wv_ready(struct tui *t, const struct pollfd *fds, int n);
/* Read what was captured now: new segments' transitions into the log.
 * True when there was something. */
bool wv_read(struct tui *t);
/* The same, with every packet captured before this call (after a read of
 * the kernel: the segments behind the states it saw). */
bool wv_sync(struct tui *t);
/* --stable: a lesson step's calls are done and the kernel settled: its
 * segments' transitions into the log, a line for each end (their order
 * does not depend on when the capture was read). */
void wv_step_end(struct tui *t);
/* The loop's timer: segments read are drawn at most WV_FRAME_MS apart
 * (a bulk transfer brings thousands a second; the screen need not
 * follow each). */
#define WV_FRAME_MS 100
long long wv_due(const struct tui *t);
unsigned wv_draw(struct tui *t);

/* The conversation the panel follows: the selected socket's (its
 * connection, or its datagrams), NULL in "all" mode or when it has none
 * on the wire. */
bool wv_key(const struct tui *t, struct ladder_key *k);

#endif
