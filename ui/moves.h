/* SPDX-License-Identifier: GPL-2.0-or-later */
/* moves.h - state transitions into the log. */
#ifndef SOCKSTAGE_UI_MOVES_H
#define SOCKSTAGE_UI_MOVES_H

struct tui;

/* A transition into the log: "WHO: FROM -> TO (CAUSE)", or " -> TO
 * (CAUSE)" onto the line of WHO's last one while they come fast (with
 * --stable: in the same step). sock_id: a stage socket's, or 0 (WHO is
 * its addresses); cause NULL: none said. */
void moves_log(struct tui *t, int sock_id, const char *who, const char *from,
	       const char *to, const char *cause);

#endif
