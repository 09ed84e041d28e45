/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h - the log: a ring of the last lines, newest last. */
#ifndef SOCKSTAGE_UI_LOG_H
#define SOCKSTAGE_UI_LOG_H

#include <stdbool.h>

#include "term.h"

#define LOG_LINES 300
#define LOG_WIDTH 240

struct log_line {
	char text[LOG_WIDTH];
	enum term_role role;
	int sock_id;		/* a transition line of this socket, or 0 */
	long long at_ms;
	bool why_hint;		/* drawn ending in " (y: why)", never cut off */
};

struct log {
	struct log_line lines[LOG_LINES];
	int head;		/* index of the oldest */
	int n;
};

void log_add(struct log *l, enum term_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct log_line *log_last(struct log *l);
const struct log_line *log_get(const struct log *l, int i); /* 0 = oldest */

#endif
