/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockinfo_text.h - a socket's details (sockinfo.h) as lines for a
 * reader: under headings, each a label, a value and what it means in a
 * few words; the socket's ends, state, queues, timer by name and time
 * left, who holds it, its identity, tcp_info, memory (skmeminfo) and
 * congestion control; for a TIME-WAIT, a handshake under way or UDP,
 * what applies and why the rest is not there. Text from outside (the
 * kernel's congestion control name, a process name) is made harmless
 * (text.h). Numbers use no locale. */
#ifndef SOCKSTAGE_SOCKINFO_TEXT_H
#define SOCKSTAGE_SOCKINFO_TEXT_H

#include "sockinfo.h"

enum si_kind {
	SIL_HEAD,		/* a heading: text only */
	SIL_FIELD,		/* label, value, what it means */
	SIL_NOTE,		/* text only, under the fields */
};

struct si_line {
	enum si_kind kind;
	char label[16];
	char value[48];
	char text[360];
};

struct si_lines {
	struct si_line *l;
	int n, cap;
};

/* Who holds the socket, as the caller knows it: the stage socket ("s3
 * conn") and who holds it ("held by main, child"), the owner column's
 * text ("s3 @ main", "was s2", "1234/nginx"); NULL or "" when there is
 * none. */
struct si_who {
	const char *stage;
	const char *held;
	const char *owner;
	const char *peer;	/* a UNIX socket: the other end ("s3"), or NULL */
	const char *cred;	/* ... and its SO_PEERCRED, or NULL */
};

/* The lines for si into out (emptied first; its storage is reused). */
void sockinfo_text(const struct sockinfo *si, const struct si_who *who,
		   struct si_lines *out);
void si_lines_free(struct si_lines *out);

/* Microseconds as milliseconds, as ss prints them: up to three
 * decimals, no trailing zeros ("204", "0.03"); no locale. */
void si_usec_ms(uint64_t usec, char *buf, size_t len);

#endif
