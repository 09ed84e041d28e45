/* SPDX-License-Identifier: GPL-2.0-or-later */
/* util.h - small helpers shared by every module: allocation, strings. */
#ifndef SOCKSTAGE_UTIL_H
#define SOCKSTAGE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Copy src into dst (size n, n > 0), always NUL-terminated, truncating. */
void str_copy(char *dst, const char *src, size_t n);

/* A growable string buffer. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct strbuf *b, const char *s);
void sb_addn(struct strbuf *b, const char *s, size_t n);
/* A message into err (errlen bytes; nothing when err is NULL or errlen
 * 0), as snprintf writes it. */
void err_printf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void sb_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);

/* Monotonic clock in milliseconds. */
long long now_ms(void);

#endif
