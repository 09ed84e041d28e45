/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_record.c - the asciicast writer (ui/record.c): terminal output of
 * any bytes, cut anywhere, and markers, through its event writer into a
 * file in a private temporary directory. The input:
 *
 *   TITLE \0      the recording's title (any bytes)
 *   then steps:
 *   0x00-0xef     an output chunk of that many bytes (which follow)
 *   0xf0-0xf7 B   an output chunk of 64*B + (low 3 bits) bytes
 *   0xf8-0xff T\0 a marker with text T
 *
 * The file must be asciicast v2: a JSON object, then one JSON array a line,
 * [time, code, text], times never going back. Every string is valid JSON
 * (UTF-8, no raw control character). The "o" texts, decoded and joined,
 * are the output as written, with each byte that does not start a valid
 * UTF-8 character replaced by U+FFFD; the markers are theirs; the title
 * is the title. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../ui/record.h"
#include "fuzz.h"

#define MARKER_MAX 199		/* rec_marker's buffer, less its NUL */

static char dir[64], path[96];

/* ---- bytes ---------------------------------------------------------------------- */

struct bytes {
	char *s;
	size_t n, cap;
};

static void put(struct bytes *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static bool same(const struct bytes *a, const struct bytes *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->s, b->s, a->n) == 0);
}

/* The length of the valid UTF-8 character at s (RFC 3629: no overlong
 * form, no surrogate, nothing past U+10FFFF), or 0. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0], cp;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc0 && c < 0xe0)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c < 0xf0)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c < 0xf8)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* What the recording should say for bytes s: invalid bytes as U+FFFD. */
static void sanitize(struct bytes *out, const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		k = utf8_char(s + i, n - i);
		if (k) {
			put(out, s + i, k);
			i += k;
		} else {
			put(out, "\xef\xbf\xbd", 3);
			i++;
		}
	}
}

/* ---- a small JSON reader -------------------------------------------------------- */

struct json {
	const char *s;
	size_t at, n;
};

static void ws(struct json *j)
{
	while (j->at < j->n && strchr(" \t\r\n", j->s[j->at]))
		j->at++;
}

static bool eat(struct json *j, char c)
{
	ws(j);
	if (j->at < j->n && j->s[j->at] == c) {
		j->at++;
		return true;
	}
	return false;
}

static unsigned hex4(struct json *j)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++, j->at++) {
		char c = j->at < j->n ? j->s[j->at] : 0;

		FUZZ_CHECK(strchr("0123456789abcdefABCDEF", c) && c,
			   "bad \\u escape");
		v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

static void put_cp(struct bytes *b, unsigned cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6), n = 2;
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12), n = 3;
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
	} else {
		u[0] = (unsigned char)(0xf0 | cp >> 18), n = 4;
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	}
	put(b, u, n);
}

static void escape(struct json *j, struct bytes *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char c = j->at < j->n ? j->s[j->at++] : 0;
	const char *e = c ? strchr(from, c) : NULL;
	unsigned cp, lo;

	if (e) {
		put(out, &to[e - from], 1);
		return;
	}
	FUZZ_CHECK(c == 'u', "bad escape \\%c", c ? c : '0');
	cp = hex4(j);
	if (cp >= 0xd800 && cp < 0xdc00) {
		FUZZ_CHECK(j->at + 1 < j->n && j->s[j->at] == '\\' &&
			   j->s[j->at + 1] == 'u', "a lone high surrogate");
		j->at += 2;
		lo = hex4(j);
		FUZZ_CHECK(lo >= 0xdc00 && lo < 0xe000, "a bad low surrogate");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	FUZZ_CHECK(cp < 0xdc00 || cp >= 0xe000, "a lone low surrogate");
	put_cp(out, cp);
}

/* A JSON string, decoded into out (may be NULL). */
static void string(struct json *j, struct bytes *out)
{
	struct bytes tmp = { 0 };
	size_t k;

	FUZZ_CHECK(eat(j, '"'), "a string expected at %zu", j->at);
	for (;;) {
		unsigned char c;

		FUZZ_CHECK(j->at < j->n, "an unterminated string");
		c = (unsigned char)j->s[j->at];
		if (c == '"')
			break;
		FUZZ_CHECK(c >= 0x20, "a raw control byte %#x in a string", c);
		if (c == '\\') {
			j->at++;
			escape(j, out ? out : &tmp);
			continue;
		}
		k = utf8_char((const unsigned char *)j->s + j->at, j->n - j->at);
		FUZZ_CHECK(k, "invalid UTF-8 in a string at %zu", j->at);
		put(out ? out : &tmp, j->s + j->at, k);
		j->at += k;
	}
	j->at++;
	free(tmp.s);
}

static double number(struct json *j)
{
	char buf[64], *end;
	size_t n;
	double v;

	ws(j);
	n = strspn(j->s + j->at, "-+.0123456789eE");
	FUZZ_CHECK(n > 0 && n < sizeof(buf), "a number expected at %zu", j->at);
	memcpy(buf, j->s + j->at, n);
	buf[n] = '\0';
	v = strtod(buf, &end);
	FUZZ_CHECK(*end == '\0' && (buf[0] == '-' || (buf[0] >= '0' && buf[0] <= '9')),
		   "a bad number '%s'", buf);
	j->at += n;
	return v;
}

static void value(struct json *j, int depth);

static void object(struct json *j, int depth)
{
	if (eat(j, '}'))
		return;
	do {
		string(j, NULL);
		FUZZ_CHECK(eat(j, ':'), "':' expected at %zu", j->at);
		value(j, depth + 1);
	} while (eat(j, ','));
	FUZZ_CHECK(eat(j, '}'), "'}' expected at %zu", j->at);
}

static void value(struct json *j, int depth)
{
	FUZZ_CHECK(depth < 8, "nested too deep");
	ws(j);
	FUZZ_CHECK(j->at < j->n, "a value expected at the end");
	if (eat(j, '{'))
		object(j, depth);
	else if (j->s[j->at] == '"')
		string(j, NULL);
	else
		number(j);
}

/* ---- the recording ------------------------------------------------------------- */

struct expect {
	struct bytes title, out, markers;	/* markers: each ends in \n */
	struct bytes raw;			/* the output as written */
};

/* {"version": 2, ... "title": T ...}: a JSON object, T the title. */
static void check_header(const char *line, size_t n, const struct expect *e)
{
	struct json j = { line, 0, n };
	const char *t = strstr(line, "\"title\": ");
	struct bytes title = { 0 };

	FUZZ_CHECK(strncmp(line, "{\"version\": 2, ", 15) == 0, "header: %.40s",
		   line);
	FUZZ_CHECK(eat(&j, '{'), "header: not an object");
	object(&j, 0);
	ws(&j);
	FUZZ_CHECK(j.at == n, "header: text after the object");
	FUZZ_CHECK(t, "header without a title");
	j.at = (size_t)(t - line) + 9;
	string(&j, &title);
	FUZZ_CHECK(same(&title, &e->title), "header: the title is not the title");
	free(title.s);
}

/* [time, code, text] */
static void check_event(const char *line, size_t n, double *last,
			struct bytes *out, struct bytes *markers)
{
	struct json j = { line, 0, n };
	struct bytes code = { 0 };
	double t;

	FUZZ_CHECK(eat(&j, '['), "event: not an array: %.40s", line);
	t = number(&j);
	FUZZ_CHECK(t >= *last, "time goes back: %f after %f", t, *last);
	*last = t;
	FUZZ_CHECK(eat(&j, ','), "event: ',' expected");
	string(&j, &code);
	FUZZ_CHECK(code.n == 1 && (code.s[0] == 'o' || code.s[0] == 'm'),
		   "event code '%s'", code.s ? code.s : "");
	FUZZ_CHECK(eat(&j, ','), "event: ',' expected");
	if (code.s[0] == 'o') {
		string(&j, out);
	} else {
		string(&j, markers);
		put(markers, "\n", 1);
	}
	FUZZ_CHECK(eat(&j, ']'), "event: ']' expected");
	ws(&j);
	FUZZ_CHECK(j.at == n, "event: text after the array");
	free(code.s);
}

static void check_file(const struct expect *e)
{
	struct bytes out = { 0 }, markers = { 0 };
	char *line = NULL;
	size_t cap = 0, lines = 0;
	ssize_t n;
	double last = 0;
	FILE *f = fopen(path, "r");

	FUZZ_CHECK(f, "the recording cannot be read");
	while ((n = getline(&line, &cap, f)) > 0) {
		FUZZ_CHECK(line[n - 1] == '\n', "the last line is not complete");
		FUZZ_CHECK(strlen(line) == (size_t)n, "a NUL byte in the file");
		line[--n] = '\0';
		if (lines++ == 0)
			check_header(line, (size_t)n, e);
		else
			check_event(line, (size_t)n, &last, &out, &markers);
	}
	fclose(f);
	free(line);
	FUZZ_CHECK(lines > 0, "an empty recording");
	FUZZ_CHECK(same(&out, &e->out),
		   "the output events are not the output (%zu bytes, want %zu)",
		   out.n, e->out.n);
	FUZZ_CHECK(same(&markers, &e->markers), "the markers are not the markers");
	free(out.s);
	free(markers.s);
}

/* ---- driving it ------------------------------------------------------------------ */

struct input {
	const uint8_t *d;
	size_t n, at;
};

static size_t take(struct input *in, size_t want)
{
	size_t left = in->n - in->at;

	return want < left ? want : left;
}

static void marker(struct input *in, struct expect *e)
{
	size_t n = strnlen((const char *)in->d + in->at, in->n - in->at);
	char *text = malloc(n + 1);

	if (!text)
		abort();
	memcpy(text, in->d + in->at, n);
	text[n] = '\0';
	in->at += n + (in->at + n < in->n);
	rec_marker("%s", text);
	sanitize(&e->markers, (const unsigned char *)text,
		 n < MARKER_MAX ? n : MARKER_MAX);
	put(&e->markers, "\n", 1);
	free(text);
}

static void step(struct input *in, struct expect *e)
{
	unsigned b = in->d[in->at++];
	size_t n;

	if (b >= 0xf8) {
		marker(in, e);
		return;
	}
	n = b;
	if (b >= 0xf0)
		n = (in->at < in->n ? in->d[in->at++] : 0) * 64u + (b & 7);
	n = take(in, n);
	rec_output(in->d + in->at, n);
	put(&e->raw, in->d + in->at, n);
	in->at += n;
}

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%.40s/fuzz-record.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("fuzz_record: mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/rec.cast", dir);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct expect e = { 0 };
	char err[256], *title;
	size_t n = strnlen((const char *)data, size);

	title = malloc(n + 1);
	if (!title)
		abort();
	memcpy(title, data, n);
	title[n] = '\0';
	in.at = n + (n < size);
	unlink(path);
	FUZZ_CHECK(rec_open(path, title, NULL, false, err, sizeof(err)) == 0,
		   "rec_open: %s", err);
	sanitize(&e.title, (const unsigned char *)title, n);
	while (in.at < in.n)
		step(&in, &e);
	FUZZ_CHECK(rec_close(err, sizeof(err)) == 0, "rec_close: %s", err);
	FUZZ_CHECK(!rec_on(), "still recording after rec_close");
	sanitize(&e.out, (const unsigned char *)(e.raw.s ? e.raw.s : ""), e.raw.n);
	check_file(&e);
	free(title);
	free(e.title.s);
	free(e.out.s);
	free(e.markers.s);
	free(e.raw.s);
	return 0;
}
