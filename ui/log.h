/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h - the log: a ring of the last lines, newest last, each laid out
 * in as many screen rows as its width needs. */
#ifndef SOCKSTAGE_UI_LOG_H
#define SOCKSTAGE_UI_LOG_H

#include <stdbool.h>

#include "term.h"
#include "wrap.h"

#define LOG_LINES 300
#define LOG_WIDTH 480
/* what a line with why_hint ends in */
#define LOG_HINT " (y: why)"
/* the extra indent of a line's second and later rows */
#define LOG_INDENT 4

struct log_line {
	char text[LOG_WIDTH];
	enum term_role role;
	int sock_id;		/* a transition line of this socket, or 0 */
	long long at_ms;
	bool why_hint;		/* drawn ending in LOG_HINT, kept on one row */
};

struct log {
	struct log_line lines[LOG_LINES];
	int head;		/* index of the oldest */
	int n;
	long long added;	/* lines added so far */
	long long result_at;	/* 1 + the number (added) of the first line
				   of the last result; 0: none yet */
};

void log_add(struct log *l, enum term_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct log_line *log_last(struct log *l);
const struct log_line *log_get(const struct log *l, int i); /* 0 = oldest */
/* A line laid out in rows of cols columns (the second and later ones
 * indented: LOG_INDENT more than the line's own leading blanks), into w
 * (the text and, with why_hint, LOG_HINT; *hint: where LOG_HINT starts
 * in it) and at most max rows; returns how many rows it takes. *indent:
 * the columns the second and later rows are indented by. */
int log_wrap(const struct log_line *line, int cols, struct wline *w,
	     int *hint, int *indent, struct wrow *rows, int max);
/* The next line added begins a result (a call and its notes). */
void log_result_begins(struct log *l);
/* The rows, at cols columns, from the last result's first line to the
 * newest line (0: no result in the ring). */
int log_result_rows(const struct log *l, int cols);

#endif
