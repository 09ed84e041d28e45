/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.c - the log: a ring of the last lines, newest last, and how a line
 * is laid out in rows: wrapped at blanks, never cut. */
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
	l->added++;
}

void log_result_begins(struct log *l)
{
	l->result_at = l->added + 1;
}

struct log_line *log_last(struct log *l)
{
	return l->n ? &l->lines[(l->head + l->n - 1) % LOG_LINES] : NULL;
}

const struct log_line *log_get(const struct log *l, int i)
{
	return i >= 0 && i < l->n ? &l->lines[(l->head + i) % LOG_LINES] : NULL;
}

int log_wrap(const struct log_line *line, int cols, struct wline *w,
	     int *hint, int *indent, struct wrow *rows, int max)
{
	char buf[LOG_WIDTH + sizeof(LOG_HINT)];
	int n;

	n = snprintf(buf, sizeof(buf), "%s%s", line->text,
		     line->why_hint ? LOG_HINT : "");
	wline_decode(w, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	*hint = line->why_hint ? w->n - (int)strlen(LOG_HINT) : w->n;
	if (*hint < 0)
		*hint = 0;
	*indent = (int)strspn(line->text, " ") + LOG_INDENT;
	if (*indent > cols / 2)
		*indent = cols / 2;
	return wline_wrap(w, cols, *indent, *hint, rows, max);
}

int log_result_rows(const struct log *l, int cols)
{
	struct wline w;
	struct wrow row[1];
	long long oldest = l->added - l->n, first = l->result_at - 1;
	int rows = 0, hint, indent;

	if (!l->result_at || first < oldest || first >= l->added)
		return 0;
	for (int i = (int)(first - oldest); i < l->n; i++)
		rows += log_wrap(log_get(l, i), cols, &w, &hint, &indent, row, 0);
	return rows;
}
