/* SPDX-License-Identifier: GPL-2.0-or-later */
/* result.h - a command's outcome as data: its kind, the call as the
 * transcript writes it, value or errno, and typed notes (what an errno
 * means, why it happened, what would work). Front-ends render it; none
 * parses text back out of it. */
#ifndef SOCKSTAGE_RESULT_H
#define SOCKSTAGE_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "command.h"
#include "util.h"

enum result_kind {
	RES_NONE,	/* nothing to report (blank line) */
	RES_OK,		/* the call succeeded: value */
	RES_FAIL,	/* the call returned -1: err */
	RES_ERROR,	/* the line is wrong: col, msg; nothing ran */
	RES_INFO,	/* not a call (use, expect, wait, show): value */
	RES_PENDING,	/* under way (async mode): the outcome comes later,
			   through stage_poll */
};

enum note_kind {
	NOTE_INFO,	/* a plain remark: "after 3 ms" */
	NOTE_MEANS,	/* what the errno means for this call */
	NOTE_WHY,	/* a cause the kernel shows */
	NOTE_TRY,	/* an alternative, tried against the kernel */
	NOTE_ADVICE,	/* the conclusion of the tries */
	NOTE_KERNEL,	/* a kernel row (expect's evidence) */
	NOTE_KIND_COUNT
};

struct note {
	enum note_kind kind;
	char *text;		/* one line, no '\n' (owned) */
};

#define RESULT_WHY_ROWS 16

struct result {
	enum result_kind kind;
	enum cmd_kind cmd;	/* the command it is the outcome of */
	char call[200];		/* C-like: bind(s2, 127.0.0.1:3459) */
	long ret;
	int err;
	char value[320];	/* what follows "= " on success */
	struct note *notes;
	int nnotes, capnotes;
	int col;		/* RES_ERROR */
	char msg[256];
	bool mismatch;		/* an expectation did not hold */
	char expected[80];
	int sock;		/* index of the socket concerned, or -1 */
	/* the address a bind/connect/listen asked for, for marking the
	 * kernel rows that overlap it after a failure */
	bool has_addr;
	int proto;		/* IPPROTO_TCP / IPPROTO_UDP */
	bool v6only;		/* the socket had IPV6_V6ONLY on */
	struct sockaddr_storage addr;
	socklen_t addrlen;	/* a UNIX name's: addr holds it (has_addr is
				   for inet addresses) */
	/* the kernel rows its explanation names (why:), by cookie */
	uint64_t why_rows[RESULT_WHY_ROWS];
	int nwhy;
	int proc;		/* the process it ran in, or -1 */
	int child_proc;		/* fork/spawn: the new process, or -1 */
	char child[NAME_MAX_LEN + 1];	/* ... and its name */
	int port_before;	/* connect: the socket's port before it */
	uint64_t pending;	/* RES_PENDING, and the outcome that comes
				   later: the same number (0: neither) */
};

void result_init(struct result *res);
void result_free(struct result *res);

enum result_kind res_error(struct result *res, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void res_call(struct result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void res_value(struct result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An expectation's outcome (expect's, of the kernel view or the wire)
 * into res, RES_INFO: "ok", or a mismatch that expected the call without
 * its "expect " ("found" for expect no). Returns whether it held. */
bool res_expect_held(struct result *res, bool found, bool negate);
/* Add a note of a kind; res_note is NOTE_INFO. */
void res_note_kind(struct result *res, enum note_kind kind, const char *fmt,
		   ...) __attribute__((format(printf, 3, 4)));
void res_note(struct result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Put a note before all the others. */
void res_note_first(struct result *res, enum note_kind kind, const char *text);

/* How the transcript labels a kind: "means: ", "why: ", "" ... */
const char *note_label(enum note_kind kind);

#endif
