/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.c - the log: a ring of the last LOG_LINES lines, newest last, the
 * count of those that fell off, which lines show at the log's detail, and
 * how a line is laid out in rows: wrapped at blanks, never cut. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "log.h"
#include "util.h"

/* fmt with ap, escaped (what does not print shows as its escape: text.h),
 * at most LOG_WIDTH bytes */
static char *escaped(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static char *escaped(const char *fmt, va_list ap)
{
	char raw[LOG_WIDTH], out[LOG_WIDTH];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	text_escape(out, sizeof(out), raw, strlen(raw));
	return xstrdup(out);
}

static struct log_line *slot(const struct log *l, int i)
{
	return &l->lines[(l->head + i) % LOG_LINES];
}

void log_add(struct log *l, enum term_role role, const char *fmt, ...)
{
	struct log_line *line;
	va_list ap;

	if (!l->lines)
		l->lines = xcalloc(LOG_LINES, sizeof(*l->lines));
	if (l->n < LOG_LINES) {
		line = slot(l, l->n++);
	} else {
		line = slot(l, 0);
		l->head = (l->head + 1) % LOG_LINES;
		free(line->text);
	}
	va_start(ap, fmt);
	line->text = escaped(fmt, ap);
	va_end(ap);
	line->role = role;
	line->sock_id = 0;
	line->why_hint = false;
	line->kind = LK_ALWAYS;
	line->at_ms = now_ms();
	l->added++;
}

bool log_append(struct log *l, const char *fmt, ...)
{
	struct log_line *last = log_last(l);
	size_t have, more;
	bool fits;
	char *tail;
	va_list ap;

	if (!last)
		return false;
	va_start(ap, fmt);
	tail = escaped(fmt, ap);
	va_end(ap);
	have = strlen(last->text);
	more = strlen(tail);
	fits = have + more < LOG_WIDTH;
	if (fits) {
		last->text = xrealloc(last->text, have + more + 1);
		memcpy(last->text + have, tail, more + 1);
	}
	free(tail);
	return fits;
}

void log_free(struct log *l)
{
	enum log_detail detail = l->detail;

	for (int i = 0; l->lines && i < l->n; i++)
		free(slot(l, i)->text);
	free(l->lines);
	memset(l, 0, sizeof(*l));
	l->detail = detail;
}

void log_mark_since(struct log *l, long long since, enum log_kind k)
{
	for (long long seq = since; seq < l->added; seq++)
		if (seq >= l->added - l->n)
			slot(l, (int)(seq - (l->added - l->n)))->kind = k;
}

void log_result_begins(struct log *l)
{
	l->result_at = l->added + 1;
}

struct log_line *log_last(struct log *l)
{
	return l->n ? slot(l, l->n - 1) : NULL;
}

const struct log_line *log_get(const struct log *l, int i)
{
	return i >= 0 && i < l->n ? slot(l, i) : NULL;
}

/* ---- the lines that show ------------------------------------------------ */

static long long oldest(const struct log *l)
{
	return l->added - l->n;
}

long long log_first(const struct log *l)
{
	return oldest(l) > 0 ? oldest(l) - 1 : 0;
}

static bool kind_shows(const struct log *l, enum log_kind k)
{
	switch (k) {
	case LK_FULL: return l->detail == DETAIL_FULL;
	case LK_SHORT: return l->detail == DETAIL_COMPACT;
	default: return true;
	}
}

const struct log_line *log_shown(const struct log *l, long long seq,
				 struct log_line *scratch, char *buf,
				 size_t len)
{
	const struct log_line *line;

	if (seq == oldest(l) - 1 && seq >= 0) {
		/* what fell off the ring, said where it was */
		snprintf(buf, len, "(%lld older lines are gone: the log keeps "
			 "the last %d)", oldest(l), LOG_LINES);
		*scratch = (struct log_line){ .text = buf, .role = ROLE_DIM };
		return scratch;
	}
	if (seq < oldest(l) || seq >= l->added)
		return NULL;
	line = slot(l, (int)(seq - oldest(l)));
	return kind_shows(l, line->kind) ? line : NULL;
}

static bool shows(const struct log *l, long long seq)
{
	struct log_line scratch;
	char buf[8];

	return (seq >= 0 && seq == oldest(l) - 1) ||
	       log_shown(l, seq, &scratch, buf, sizeof(buf)) != NULL;
}

long long log_next(const struct log *l, long long seq)
{
	if (seq < log_first(l))
		seq = log_first(l) - 1;
	while (++seq < l->added)
		if (shows(l, seq))
			return seq;
	return l->added;
}

long long log_prev(const struct log *l, long long seq)
{
	if (seq > l->added)
		seq = l->added;
	while (--seq >= log_first(l))
		if (shows(l, seq))
			return seq;
	return -1;
}

const char *log_detail_name(enum log_detail d)
{
	static const char *const names[DETAIL_COUNT] = {
		[DETAIL_COMPACT] = "compact", [DETAIL_HIDDEN] = "hidden",
		[DETAIL_FULL] = "full",
	};

	return d < DETAIL_COUNT ? names[d] : "?";
}

/* ---- rows ------------------------------------------------------------------- */

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

int log_rows(const struct log *l, long long seq, int cols)
{
	struct log_line scratch;
	const struct log_line *line;
	struct wline w;
	struct wrow row[1];
	char buf[128];
	int hint, indent, n;

	if (!(line = log_shown(l, seq, &scratch, buf, sizeof(buf))))
		return 0;
	n = log_wrap(line, cols, &w, &hint, &indent, row, 0);
	return n < LOG_LINE_ROWS ? n : LOG_LINE_ROWS;
}

int log_result_rows(const struct log *l, int cols, int max)
{
	long long first = l->result_at - 1;
	int rows = 0;

	if (!l->result_at || first < oldest(l) || first >= l->added)
		return 0;
	/* from the newest back: a result long ago, with many lines since,
	 * costs no more than max rows */
	for (long long seq = l->added - 1; seq >= first && rows < max; seq--)
		rows += log_rows(l, seq, cols);
	return rows;
}
