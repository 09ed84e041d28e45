/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h - the log: the whole session, newest last, in a ring of the last
 * LOG_LINES lines (what falls off is counted, and said at the top); each
 * line laid out in as many screen rows as its width needs. A lesson's
 * passed expect and wait lines are kept twice, in full and as one short
 * line: the log shows one form or the other, or neither (log.detail). */
#ifndef SOCKSTAGE_UI_LOG_H
#define SOCKSTAGE_UI_LOG_H

#include <stdbool.h>

#include "term.h"
#include "wrap.h"

#define LOG_LINES 10000
#define LOG_WIDTH 480
/* what a line with why_hint ends in */
#define LOG_HINT " (y: why)"
/* the extra indent of a line's second and later rows */
#define LOG_INDENT 4
/* the rows of one line, at most (a longer one shows its first rows) */
#define LOG_LINE_ROWS 64

/* Which lines show: a lesson's passed expectations (expect, wait) in
 * full, as one short line each, or not at all. */
enum log_detail { DETAIL_COMPACT, DETAIL_HIDDEN, DETAIL_FULL, DETAIL_COUNT };

/* What a line is, for log.detail. */
enum log_kind {
	LK_ALWAYS,		/* shown whatever the detail */
	LK_FULL,		/* a passed expectation in full */
	LK_SHORT,		/* the same as one short line */
};

struct log_line {
	char *text;		/* escaped: nothing a terminal obeys */
	enum term_role role;
	int sock_id;		/* a transition line of this socket, or 0 */
	long long at_ms;
	bool why_hint;		/* drawn ending in LOG_HINT, kept on one row */
	enum log_kind kind;
};

/* Lines are numbered from 0 (the first of the session) in the order they
 * came: line N is in the ring while N >= added - n. */
struct log {
	struct log_line *lines;	/* LOG_LINES of them, allocated at first use */
	int head;		/* index of the oldest */
	int n;
	long long added;	/* lines added so far */
	long long result_at;	/* 1 + the number (added) of the first line
				   of the last result; 0: none yet */
	enum log_detail detail;
};

void log_add(struct log *l, enum term_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* More text at the end of the newest line (escaped as log_add does);
 * false when it would make the line longer than LOG_WIDTH: nothing is
 * added then. */
bool log_append(struct log *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct log_line *log_last(struct log *l);
const struct log_line *log_get(const struct log *l, int i); /* 0 = oldest */
/* Every line goes (the memory too); the detail stays. */
void log_free(struct log *l);
/* The lines added since 'since' (l->added then) are of kind k. */
void log_mark_since(struct log *l, long long since, enum log_kind k);

/* Line numbers: the first there is (the count of dropped lines, when
 * there are some, is a line of its own just before the oldest kept), and
 * one past the newest. */
long long log_first(const struct log *l);
static inline long long log_end(const struct log *l)
{
	return l->added;
}
/* Line seq as it shows, or NULL when it is not in the ring or does not
 * show at the log's detail. The count of dropped lines is made into
 * *scratch (text in buf). */
const struct log_line *log_shown(const struct log *l, long long seq,
				 struct log_line *scratch, char *buf,
				 size_t len);
/* The next / previous line that shows after / before seq: log_end / -1
 * when there is none. */
long long log_next(const struct log *l, long long seq);
long long log_prev(const struct log *l, long long seq);

/* A line laid out in rows of cols columns (the second and later ones
 * indented: LOG_INDENT more than the line's own leading blanks), into w
 * (the text and, with why_hint, LOG_HINT; *hint: where LOG_HINT starts
 * in it) and at most max rows; returns how many rows it takes. *indent:
 * the columns the second and later rows are indented by. */
int log_wrap(const struct log_line *line, int cols, struct wline *w,
	     int *hint, int *indent, struct wrow *rows, int max);
/* The rows line seq takes at cols columns (1 to LOG_LINE_ROWS; 0 when it
 * does not show). */
int log_rows(const struct log *l, long long seq, int cols);
/* The next line added begins a result (a call and its notes). */
void log_result_begins(struct log *l);
/* The rows, at cols columns, from the last result's first line to the
 * newest line, of the lines that show (0: no result in the ring), or max
 * when they are more. */
int log_result_rows(const struct log *l, int cols, int max);
/* The name of a detail: "compact", "hidden", "full". */
const char *log_detail_name(enum log_detail d);

#endif
