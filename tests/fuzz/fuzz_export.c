/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_export.c - the C exporter (export.h), with an oracle: the input is
 * a script; its lines are parsed (lines that do not parse are skipped,
 * as batch skips them) and fed to two exports: one as written, one with
 * every free text changed (narration: say, title, about; the quoted text
 * of send and sendto; comments), into characters that matter to C (star,
 * slash, quotes, backslash, question mark ...). Free text may only ever
 * land in comments and string literals: with those taken out, the two
 * programs must be the same, and both must lex (no comment or literal
 * left open, no raw newline in a literal) without what cc -Wall warns
 * about in comments (a comment start in a comment, a trigraph ??/ at the
 * end of a line). A UNIX name stays as written, quoted or not: it is an
 * address, not free text. A script with hosts (a host or wire line) may have no
 * program: then both exports refuse it alike, saying it needs hosts, and
 * only such a script is refused.
 *
 * The stage does not run: each line gets a plausible result, chosen from
 * a hash of the line as written (the same for both exports): success
 * mostly (fork and spawn with a pid, the child's name), sometimes a
 * failure with an errno, sometimes a line the stage refused; NULL for the
 * lines batch runs itself (say, show, pause, wait DURATION ...). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "command.h"
#include "export.h"
#include "fuzz.h"
#include "stage.h"

#define MAX_LINE 4096		/* batch refuses longer lines */

struct text {
	char *s;
	size_t n, cap;
};

static void put(struct text *t, const char *p, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
	memcpy(t->s + t->n, p, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static void put_char(struct text *t, char c)
{
	put(t, &c, 1);
}

/* ---- the free texts, changed ----------------------------------------------------- */

/* A character that matters to C, other than orig and those in avoid. */
static char nasty(char orig, size_t i, const char *avoid)
{
	static const char set[] = "*/\"\\?'#{};x";

	for (size_t k = 0;; k++) {
		char c = set[(i + k) % (sizeof(set) - 1)];

		if (c != orig && !strchr(avoid, c))
			return c;
	}
}

/* say/title/about: every character of the text after the command word. */
static void change_narration(const char *line, struct text *out)
{
	size_t i = strspn(line, " \t\v\f\r");

	while (line[i] && !isspace((unsigned char)line[i]))
		i++;
	put(out, line, i);
	for (; line[i]; i++)
		put_char(out, isspace((unsigned char)line[i]) ? line[i] :
		      nasty(line[i], i, ""));
}

/* A quoted token from its opening quote: its plain characters changed,
 * its escapes kept (the bytes it stands for keep their number). Returns
 * the index past it. */
static size_t change_quoted(const char *line, size_t i, struct text *out)
{
	char q = line[i], avoid[3] = { q, '\\', '\0' };

	put_char(out, line[i++]);
	while (line[i] && line[i] != q) {
		if (line[i] != '\\') {
			put_char(out, nasty(line[i], i, avoid));
			i++;
			continue;
		}
		put_char(out, line[i++]);
		if (line[i] == 'x' && line[i + 1] && line[i + 2]) {
			put(out, line + i, 3);
			i += 3;
		} else if (line[i]) {
			put_char(out, line[i++]);
		}
	}
	if (line[i])
		put_char(out, line[i++]);
	return i;
}

/* Other lines: quoted tokens and the comment, as the lexer finds them (a
 * quote or '#' counts at the start of a word only). The quoted token at
 * column keep (-1: none) stays as written: a UNIX name is no free text
 * (its first byte makes it a path or an @NAME, relative or not: another
 * program). */
static void change_line(const char *line, int keep, struct text *out)
{
	bool start = true;
	size_t i = 0;

	while (line[i]) {
		char c = line[i];

		if (isspace((unsigned char)c)) {
			put_char(out, c);
			start = true;
			i++;
		} else if (start && c == '#') {
			put_char(out, c);
			for (i++; line[i]; i++)
				put_char(out, nasty(line[i], i, ""));
		} else if (start && (c == '"' || c == '\'') && (int)i == keep) {
			size_t from = i++;

			while (line[i] && line[i] != c)
				i += line[i] == '\\' && line[i + 1] ? 2 : 1;
			i += line[i] != '\0';
			put(out, line + from, i - from);
			start = false;
		} else if (start && (c == '"' || c == '\'')) {
			i = change_quoted(line, i, out);
			start = false;
		} else {
			put_char(out, c);
			start = false;
			i++;
		}
	}
}

/* ---- results, as the stage might give them ---------------------------------------- */

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Lines the front-end runs itself (batch's stage_runs): no result. */
static bool stage_runs(const struct command *c)
{
	switch (c->kind) {
	case CMD_NONE: case CMD_PAUSE: case CMD_SAY: case CMD_ABOUT:
	case CMD_TITLE: case CMD_SHOW:
		return false;
	case CMD_WAIT:
		return c->state >= 0;
	default:
		return true;
	}
}

/* The call as the stage writes it; send shows its bytes, whatever they
 * are (the exporter must escape them). */
static void call_text(const struct command *c, struct result *res)
{
	char data[101];
	size_t n = c->data ? (c->datalen < 100 ? c->datalen : 100) : 0;

	for (size_t i = 0; i < n; i++)
		data[i] = c->data[i] ? c->data[i] : '.';
	data[n] = '\0';
	if (c->kind == CMD_SEND || c->kind == CMD_SENDTO)
		snprintf(res->call, sizeof(res->call), "%s(%s, \"%s\")",
			 command_name(c->kind), c->sock.name, data);
	else
		snprintf(res->call, sizeof(res->call), "%s(%s)",
			 command_name(c->kind), c->sock.name);
}

static void synth(const struct command *c, uint32_t h, struct result *res)
{
	static const int errs[] = {
		EADDRINUSE, EADDRNOTAVAIL, ECONNREFUSED, EAGAIN, EINVAL,
		EPIPE, ECONNRESET, ENOTCONN, EBADF, EACCES, 4095,
	};

	result_init(res);
	call_text(c, res);
	if (h % 16 == 0) {
		res->kind = RES_ERROR;
		snprintf(res->msg, sizeof(res->msg), "unknown socket '%s' */ \"",
			 c->sock.name);
	} else if (h % 16 < 4) {
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = errs[(h >> 4) % (sizeof(errs) / sizeof(errs[0]))];
	} else if (c->kind == CMD_FORK) {
		res->kind = RES_OK;
		if (c->as.col >= 0)
			snprintf(res->value, sizeof(res->value), "pid 4242 (%s)",
				 c->as.name);
		else
			snprintf(res->value, sizeof(res->value), "pid 4242 (%.20s-%u)",
				 c->sock.name, h >> 28);
	} else {
		res->kind = RES_OK;
		snprintf(res->value, sizeof(res->value), "%s",
			 c->kind == CMD_SPAWN ? "pid 4243" : "3");
	}
}

/* ---- the two exports ---------------------------------------------------------------- */

struct pair {
	struct export *x[2];
	bool hosts;		/* a host or wire line was added */
};

static void parse_or_die(const char *line, struct command *c)
{
	struct cmd_error err;

	FUZZ_CHECK(command_parse(line, c, &err) == 0,
		   "the changed line '%s' does not parse: %s", line, err.msg);
}

/* The column of the line's UNIX name (bind, connect, sendto, unlink), or
 * -1. */
static int unix_name_col(const struct command *c)
{
	return addr_is_unix(&c->addr) ? c->addr_col : -1;
}

static void add_line(struct pair *p, const char *line, int lineno)
{
	struct command a, b;
	struct cmd_error err;
	struct text changed = { 0 };
	struct result ra, rb;
	uint32_t h = hash(line);

	if (command_parse(line, &a, &err) < 0) {
		command_free(&a);
		return;
	}
	if (a.kind == CMD_SAY || a.kind == CMD_TITLE || a.kind == CMD_ABOUT)
		change_narration(line, &changed);
	else
		change_line(line, unix_name_col(&a), &changed);
	put(&changed, "", 0);
	parse_or_die(changed.s, &b);
	FUZZ_CHECK(a.kind == b.kind && a.datalen == b.datalen &&
		   a.nbytes == b.nbytes, "'%s' changed to '%s' is another "
		   "command", line, changed.s);
	if (a.kind == CMD_HOST || a.kind == CMD_WIRE)
		p->hosts = true;
	if (!stage_runs(&a)) {
		export_add(p->x[0], &a, line, lineno, NULL);
		export_add(p->x[1], &b, changed.s, lineno, NULL);
	} else {
		synth(&a, h, &ra);
		synth(&b, h, &rb);
		export_add(p->x[0], &a, line, lineno, &ra);
		export_add(p->x[1], &b, changed.s, lineno, &rb);
		result_free(&ra);
		result_free(&rb);
	}
	command_free(&a);
	command_free(&b);
	free(changed.s);
}

/* ---- C, without its comments and literals ----------------------------------------------- */

/* Past the literal that starts at s[i] (a quote): it must end on its
 * line. */
static size_t skip_literal(const char *s, size_t n, size_t i)
{
	char q = s[i++];

	for (; i < n && s[i] != q; i++) {
		FUZZ_CHECK(s[i] != '\n', "a newline in a literal at byte %zu", i);
		if (s[i] == '\\')
			i++;
	}
	FUZZ_CHECK(i < n, "a literal left open");
	return i + 1;
}

/* Where cc -std=c11 -Wall warns (and export-c.sh's -Werror fails): a
 * trigraph that makes an escaped newline (??/ at the end of a line), a
 * backslash and a newline with blanks between. */
static void check_lines(const char *s)
{
	for (const char *nl = strchr(s, '\n'); nl; nl = strchr(nl + 1, '\n')) {
		const char *e = nl;

		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		FUZZ_CHECK(!(e - s >= 3 && !memcmp(e - 3, "?\?/", 3)),
			   "a trigraph ?\?/ ends line at byte %zu", (size_t)(nl - s));
		FUZZ_CHECK(e == nl || e == s || e[-1] != '\\',
			   "a backslash, blanks and a newline at byte %zu",
			   (size_t)(nl - s));
	}
}

/* The program's code: comments as one blank, literals as "" or ''. A
 * comment holds no comment start (-Wcomment). */
static void strip_c(const char *s, size_t n, struct text *out)
{
	size_t i = 0;
	const char *end;
	const void *inner;

	while (i < n) {
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			end = strstr(s + i + 2, "*/");
			FUZZ_CHECK(end, "a comment left open at byte %zu", i);
			inner = memmem(s + i + 2, (size_t)(end - s) - (i + 2), "/*", 2);
			FUZZ_CHECK(!inner, "'/*' in a comment at byte %zu",
				   (size_t)((const char *)inner - s));
			i = (size_t)(end - s) + 2;
			put_char(out, ' ');
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				i++;
		} else if (s[i] == '"' || s[i] == '\'') {
			put_char(out, s[i]);
			put_char(out, s[i]);
			i = skip_literal(s, n, i);
		} else {
			put_char(out, s[i++]);
		}
	}
}

/* The program's code, or false when the export refused the script (why
 * in err): only a script with hosts may be refused, and only for them. */
static bool program(const struct pair *p, int i, struct text *code,
		    char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	if (export_write(p->x[i], f, err, errlen) < 0) {
		FUZZ_CHECK(p->hosts && strstr(err, " needs hosts: "),
			   "export_write: %s", err);
		fclose(f);
		free(buf);
		return false;
	}
	fclose(f);
	FUZZ_CHECK(strlen(buf) == len, "a NUL byte in the program");
	check_lines(buf);
	strip_c(buf, len, code);
	free(buf);
	return true;
}

static void compare(const struct text *a, const struct text *b)
{
	size_t i = 0, from;

	while (i < a->n && i < b->n && a->s[i] == b->s[i])
		i++;
	if (i == a->n && i == b->n)
		return;
	from = i > 200 ? i - 200 : 0;
	fprintf(stderr, "as written:\n%.*s<<<HERE>>>%.80s\n\nchanged:\n%.*s<<<HERE>>>%.80s\n",
		(int)(i - from), a->s + from, a->s + i, (int)(i - from),
		b->s + from, i < b->n ? b->s + i : "");
	FUZZ_CHECK(0, "changing free text changed the program's code at byte %zu",
		   i);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pair p = { { export_new("fuzz.stage"), export_new("fuzz.stage") },
			  false };
	struct text code[2] = { { 0 }, { 0 } };
	char why[2][300];
	bool made[2];
	size_t at = 0;
	int lineno = 0;

	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t n = nl ? (size_t)(nl - (data + at)) : size - at;
		char *line;

		lineno++;
		if (n && data[at + n - 1] == '\r')
			n--;	/* as batch reads it */
		if (n <= MAX_LINE && !memchr(data + at, '\0', n)) {
			line = malloc(n + 1);
			if (!line)
				abort();
			memcpy(line, data + at, n);
			line[n] = '\0';
			add_line(&p, line, lineno);
			free(line);
		}
		at += (nl ? (size_t)(nl - (data + at)) : size - at) + 1;
	}
	made[0] = program(&p, 0, &code[0], why[0], sizeof(why[0]));
	made[1] = program(&p, 1, &code[1], why[1], sizeof(why[1]));
	FUZZ_CHECK(made[0] == made[1] && (made[0] || !strcmp(why[0], why[1])),
		   "changing free text changed whether the script exports: %s",
		   made[0] ? why[1] : why[0]);
	if (made[0])
		compare(&code[0], &code[1]);
	for (int i = 0; i < 2; i++) {
		export_free(p.x[i]);
		free(code[i].s);
	}
	return 0;
}
