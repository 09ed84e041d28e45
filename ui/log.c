/* log.c - the log: a ring of the last lines, newest last. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui.h"
#include "util.h"

/* One screen line per entry, and nothing in it that a terminal obeys:
 * C0 and C1 controls, DEL, invalid UTF-8 and other characters that do not
 * print (direction overrides...) become '?'. */
static void sanitize(char *text)
{
	mbstate_t st;
	size_t len = strlen(text), i = 0, n;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		n = mbrtowc(&wc, text + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			text[i++] = '?';
			memset(&st, 0, sizeof(st));
			continue;
		}
		if (!iswprint((wint_t)wc)) {
			memset(text + i, '?', 1);
			memmove(text + i + 1, text + i + n, len - i - n + 1);
			len -= n - 1;
			i++;
			continue;
		}
		i += n;
	}
}

void log_add(struct log *l, enum term_role role, const char *fmt, ...)
{
	struct log_line *line;
	va_list ap;

	if (l->n < LOG_LINES) {
		line = &l->lines[(l->head + l->n++) % LOG_LINES];
	} else {
		line = &l->lines[l->head];
		l->head = (l->head + 1) % LOG_LINES;
	}
	va_start(ap, fmt);
	vsnprintf(line->text, sizeof(line->text), fmt, ap);
	va_end(ap);
	sanitize(line->text);
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
