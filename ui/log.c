/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.c - the log: a ring of the last lines, newest last. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "log.h"
#include "util.h"

void log_add(struct log *l, enum term_role role, const char *fmt, ...)
{
	char raw[LOG_WIDTH];
	struct log_line *line;
	va_list ap;

	if (l->n < LOG_LINES) {
		line = &l->lines[(l->head + l->n++) % LOG_LINES];
	} else {
		line = &l->lines[l->head];
		l->head = (l->head + 1) % LOG_LINES;
	}
	/* One screen line per entry, and nothing in it that a terminal
	 * obeys: what does not print shows as its escape (text.h). */
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	text_escape(line->text, sizeof(line->text), raw, strlen(raw));
	line->role = role;
	line->sock_id = 0;
	line->why_hint = false;
	line->at_ms = now_ms();
}

struct log_line *log_last(struct log *l)
{
	return l->n ? &l->lines[(l->head + l->n - 1) % LOG_LINES] : NULL;
}

const struct log_line *log_get(const struct log *l, int i)
{
	return i >= 0 && i < l->n ? &l->lines[(l->head + i) % LOG_LINES] : NULL;
}
