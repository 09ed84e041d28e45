/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_export.c - unit tests of the C exporter (export.h), without a
 * stage: lines parsed by the command parser, with results made by hand
 * (a success, a failure with its errno, a line the stage refused, none
 * for narration), fed to export_add, and the program export_write makes
 * looked at as text:
 *  - the steps' calls, their arguments and the script's comments, in the
 *    script's order; the sizes and the steps' table;
 *  - the runtime: every section of src/export_rt.c, found in its source
 *    file here (not through the embedding), byte for byte and in order,
 *    with only the sizes and the errno table between them, and nothing of
 *    the source file outside its sections; the UNIX sections only in the
 *    program of a UNIX script (its steps too: names, socketpair, sendfd,
 *    recvfd naming the socket that came, unlink), after the runtime;
 *  - a comment end, a comment start and a trigraph in narration and in a
 *    script's comment stay inside the program's comments: none ends one,
 *    none is in one, and with comments and literals taken out, the
 *    program holds none of the narration's words;
 *  - both programs compile (cc -fsyntax-only, C11, -Wall -Wextra -Werror;
 *    skipped without a compiler). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "command.h"
#include "export.h"
#include "stage.h"
#include "tap.h"
#include "util.h"

#ifndef EXPORT_RT_C
#error "EXPORT_RT_C: the path of src/export_rt.c (see Makefile.am)"
#endif

/* One line of the script, and what the stage made of it. */
struct line {
	const char *text;
	enum result_kind kind;	/* RES_NONE: no result (narration) */
	const char *call;	/* the call as the transcript prints it */
	int err;		/* RES_FAIL */
	const char *msg;	/* RES_ERROR */
};

#define NARRATION "the port is taken */ broken code; /* so ?\?/ we connect"

static const struct line script[] = {
	{ "# a server and a client /* both here", RES_NONE, NULL, 0, NULL },
	{ "socket tcp as srv", RES_OK, "socket(AF_INET, SOCK_STREAM, 0)", 0, NULL },
	{ "set srv reuseaddr on", RES_OK, "setsockopt(s1, SO_REUSEADDR, 1)", 0, NULL },
	{ "bind srv 127.0.0.1:3459 => EADDRINUSE", RES_FAIL,
	  "bind(s1, 127.0.0.1:3459)", EADDRINUSE, NULL },
	{ "say " NARRATION, RES_NONE, NULL, 0, NULL },
	{ "socket tcp as cli", RES_OK, "socket(AF_INET, SOCK_STREAM, 0)", 0, NULL },
	{ "connect cli 127.0.0.1:3459", RES_OK, "connect(s2, 127.0.0.1:3459)", 0, NULL },
	{ "listen nosuch", RES_ERROR, NULL, 0, "unknown socket 'nosuch'" },
};

/* What the program must hold, in this order. */
static const char *const in_order[] = {
	"/* test.stage: exported by sockstage --export-c.\n",
	"#define NSOCK 3\n#define NPROC 1\n#define NSTEPS 5\n",
	"/* ---- the script ---- */\n",
	"/* # a server and a client / * both here */\n",
	"/* line 2, in main: socket tcp as srv */\nstatic void step_0(void)\n{\n",
	"\tdo_socket(1, AF_INET, SOCK_STREAM, \"socket(AF_INET, SOCK_STREAM, 0)\", \"s1 (srv)\");\n",
	"/* line 3, in main: set srv reuseaddr on */\nstatic void step_1(void)\n{\n",
	"\tint v = 1;\n",
	"\tdo_setsockopt(1, \"setsockopt(s1, SO_REUSEADDR, 1)\", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));\n",
	"static void step_2(void)\n{\n\t/* the script expects => EADDRINUSE */\n",
	"\tsocklen_t alen = sa_make(&a, AF_INET, \"127.0.0.1\", 3459, 0u);\n",
	"\tdo_bind(1, \"bind(s1, 127.0.0.1:3459)\", &a, alen, 0);\n",
	"/* the port is taken * / broken code; / * so ?? / we connect */\n",
	"static void step_3(void)\n{\n",
	"\tdo_socket(2, AF_INET, SOCK_STREAM, \"socket(AF_INET, SOCK_STREAM, 0)\", \"s2 (cli)\");\n",
	"static void step_4(void)\n{\n",
	"\tdo_connect(2, \"connect(s2, 127.0.0.1:3459)\", &a, alen, 1000);\n",
	"/* line 8, not exported (unknown socket 'nosuch'): listen nosuch */\n",
	"static const struct step steps[] = {\n",
	"\t{ step_0, 0 },\t/* line 2, main */\n",
	"\t{ step_4, 0 },\t/* line 7, main */\n};\n",
	"int main(void)\n",
};

/* A UNIX script: a relative path, an abstract name, a pair, a socket
 * passed, a file unlinked. */
static const struct line unix_script[] = {
	{ "socket unix seqpacket as srv", RES_OK,
	  "socket(AF_UNIX, SOCK_SEQPACKET, 0)", 0, NULL },
	{ "bind srv srv.sock", RES_OK, "bind(s1, \"srv.sock\")", 0, NULL },
	{ "listen srv", RES_OK, "listen(s1, 4096)", 0, NULL },
	{ "socket unix dgram as d", RES_OK, "socket(AF_UNIX, SOCK_DGRAM, 0)", 0, NULL },
	{ "sendto d @abs \"hi\"", RES_FAIL, "sendto(s2, \"hi\", @abs)",
	  ECONNREFUSED, NULL },
	{ "recv d", RES_FAIL, "recv(s2, 65536)", EAGAIN, NULL },
	{ "socketpair stream as p1 p2", RES_OK,
	  "socketpair(AF_UNIX, SOCK_STREAM, 0)", 0, NULL },
	{ "sendfd p1 srv", RES_OK, "sendmsg(s3, \"F\", SCM_RIGHTS: s1)", 0, NULL },
	{ "recvfd p2 as got", RES_OK, "recvmsg(s4, SCM_RIGHTS)", 0, NULL },
	{ "unlink srv.sock", RES_OK, "unlink(\"srv.sock\")", 0, NULL },
};

static const char *const unix_in_order[] = {
	"/* ---- UNIX-domain sockets: ",
	"/* ---- the program's own directory: ",
	"/* ---- the script ---- */\n",
	"\tdo_socket(1, AF_UNIX, SOCK_SEQPACKET, \"socket(AF_UNIX, SOCK_SEQPACKET, 0)\", \"s1 (srv)\");\n",
	"\tsocklen_t alen = sun_make(&a, 0, \"srv.sock\", 8);\n",
	"\tdo_bind(1, \"bind(s1, \\\"srv.sock\\\")\", &a, alen, 0);\n",
	"\tdo_listen_unix(1, \"listen(s1, 4096)\", 4096);\n",
	"\tsocklen_t alen = sun_make(&a, 1, \"abs\", 3);\n",
	"\tdo_send(2, \"sendto(s2, \\\"hi\\\", @abs)\", 1, \"hi\", 2, &a, alen);\n",
	"\tdo_recv_unix(2, \"recv(s2, 65536)\", SOCK_DGRAM, 65536, ",
	"\tdo_socketpair(3, 4, SOCK_STREAM, \"socketpair(AF_UNIX, SOCK_STREAM, 0)\", \"s3 (p1), s4 (p2)\");\n",
	"\tdo_sendfd(3, 1, \"sendmsg(s3, \\\"F\\\", SCM_RIGHTS: s1)\");\n",
	"\tdo_recvfd(4, 1, \"recvmsg(s4, SCM_RIGHTS)\", \"s1 (srv)\", ",
	"\tdo_unlink(\"unlink(\\\"srv.sock\\\")\", \"srv.sock\");\n",
	"int main(void)\n",
};

/* ---- helpers ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* A TAP line for a printable excerpt: no newlines, no '#'. */
static const char *shown(const char *s)
{
	static char buf[64];
	size_t n = 0;

	for (; *s && n < 50; s++)
		buf[n++] = *s == '\n' || *s == '\t' ? ' ' : *s == '#' ? '%' : *s;
	buf[n] = '\0';
	return buf;
}

/* ---- the program ---------------------------------------------------------- */

static void add_line(struct export *x, const struct line *l, int lineno)
{
	struct command cmd;
	struct cmd_error err;
	struct result res;

	if (command_parse(l->text, &cmd, &err) < 0) {
		tap_ok(0, "line %d parses: %s", lineno, err.msg);
		command_free(&cmd);
		return;
	}
	result_init(&res);
	res.kind = l->kind;
	if (l->call)
		snprintf(res.call, sizeof(res.call), "%s", l->call);
	if (l->kind == RES_FAIL) {
		res.ret = -1;
		res.err = l->err;
	}
	if (l->msg)
		snprintf(res.msg, sizeof(res.msg), "%s", l->msg);
	if (l->kind == RES_OK && strncmp(l->text, "recvfd", 6) == 0)
		snprintf(res.value, sizeof(res.value), "s1 (srv)");
	export_add(x, &cmd, l->text, lineno, l->kind == RES_NONE ? NULL : &res);
	result_free(&res);
	command_free(&cmd);
}

static char *make_program(const struct line *lines, size_t n, size_t *len)
{
	struct export *x = export_new("test.stage");
	char *buf = NULL, err[200] = "";
	FILE *f = open_memstream(&buf, len);
	int rc;

	if (!f)
		abort();
	for (size_t i = 0; i < n; i++)
		add_line(x, &lines[i], (int)i + 1);
	rc = export_write(x, f, err, sizeof(err));
	fclose(f);
	export_free(x);
	tap_is_int(rc, 0, "export_write succeeds %s", err);
	tap_is_int(strlen(buf), *len, "the program holds no NUL byte");
	return buf;
}

/* ---- the steps, in order ---------------------------------------------------- */

static void test_order(const char *prog, const char *const *want, size_t n)
{
	const char *at = prog;

	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(at, want[i]);

		tap_ok(p != NULL, "in order: %s", shown(want[i]));
		if (!p) {
			printf("# %s\n", strstr(prog, want[i]) ?
			       "found, but before the previous one" : "not found");
			continue;
		}
		at = p + strlen(want[i]);
	}
}

/* ---- the runtime ---------------------------------------------------------------- */

struct section {
	char name[32];
	char *text;
	size_t len;
};

/* The sections of src/export_rt.c, read here as the file says: the lines
 * between "//@ begin NAME" and "//@ end". Returns how many (at most max). */
static int read_sections(const char *src, struct section *sec, int max)
{
	int n = 0;
	const char *l = src, *start = NULL;

	for (; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
		if (strncmp(l, "//@ begin ", 10) == 0 && n < max) {
			size_t w = strcspn(l + 10, "\n");

			snprintf(sec[n].name, sizeof(sec[n].name), "%.*s", (int)w, l + 10);
			start = l + 10 + w + 1;
		} else if (strncmp(l, "//@ end\n", 8) == 0 && start) {
			sec[n].len = (size_t)(l - start);
			sec[n].text = strndup(start, sec[n].len);
			n++;
			start = NULL;
		}
	}
	return n;
}

/* Is the text between from and to only the errno table's entries (each
 * "#ifdef E\n\t{ E, \"E\" },\n#endif\n"), more than ten, one of them
 * EADDRINUSE? */
static bool errno_table(const char *from, const char *to)
{
	char name[32], entry[128];
	bool addrinuse = false;
	int entries = 0;

	while (from < to) {
		size_t w;

		if (strncmp(from, "#ifdef E", 8) != 0)
			return false;
		w = strcspn(from + 7, "\n");
		if (w >= sizeof(name))
			return false;
		snprintf(name, sizeof(name), "%.*s", (int)w, from + 7);
		snprintf(entry, sizeof(entry), "#ifdef %s\n\t{ %s, \"%s\" },\n#endif\n",
			 name, name, name);
		if ((size_t)(to - from) < strlen(entry) ||
		    strncmp(from, entry, strlen(entry)) != 0)
			return false;
		addrinuse |= strcmp(name, "EADDRINUSE") == 0;
		entries++;
		from += strlen(entry);
	}
	return addrinuse && entries > 10;
}

/* The runtime of a program of inet sockets only: every section but the
 * UNIX ones (unix, unix_dir), which only a UNIX script's program holds,
 * between the runtime and the script. */
static void test_runtime(const char *prog, const char *uprog)
{
	static const char *const want[] = {
		"prologue", "runtime", "runtime_rest", "unix", "unix_dir", "epilogue",
	};
	struct section sec[8];
	size_t len;
	char *src = slurp(EXPORT_RT_C, &len);
	const char *at[6] = { NULL }, *from = prog, *ufrom = uprog;
	int n;

	tap_ok(src != NULL, "reads %s", EXPORT_RT_C);
	if (!src)
		return;
	n = read_sections(src, sec, 8);
	tap_is_int(n, 6, "export_rt.c has six sections");
	for (int i = 0; i < 6; i++) {
		const char *name = i < n ? sec[i].name : "(none)";
		bool unix_only = i == 3 || i == 4;
		const char *u = i < n ? strstr(ufrom, sec[i].text) : NULL;

		tap_ok(strcmp(name, want[i]) == 0, "section %d is %s (%s)", i + 1,
		       want[i], name);
		tap_ok(u != NULL, "a UNIX script's program holds section %s as it is",
		       want[i]);
		if (u)
			ufrom = u + sec[i].len;
		if (unix_only) {
			tap_ok(i < n && !strstr(prog, sec[i].text),
			       "a program of inet sockets has no section %s", want[i]);
			continue;
		}
		at[i] = i < n ? strstr(from, sec[i].text) : NULL;
		tap_ok(at[i] != NULL, "the program holds section %s as it is (%zu bytes)",
		       want[i], i < n ? sec[i].len : 0);
		if (at[i])
			from = at[i] + sec[i].len;
	}
	if (n == 6) {
		const char *u = strstr(uprog, sec[2].text);

		tap_ok(u && strncmp(u + sec[2].len, sec[3].text, sec[3].len) == 0 &&
		       strncmp(u + sec[2].len + sec[3].len, sec[4].text, sec[4].len) == 0 &&
		       strncmp(u + sec[2].len + sec[3].len + sec[4].len,
			       "\n/* ---- the script ---- */\n", 28) == 0,
		       "a UNIX script's sections come after the runtime, before the script");
	}
	if (at[0] && at[1] && at[2] && at[5]) {
		const char *sizes = "#define NSOCK 3\n#define NPROC 1\n#define NSTEPS 5\n\n";
		const char *head_end = strstr(prog, " */\n");

		tap_ok(head_end && head_end + 4 == at[0],
		       "the prologue follows the header comment");
		tap_ok(at[1] == at[0] + sec[0].len + strlen(sizes) &&
		       strncmp(at[0] + sec[0].len, sizes, strlen(sizes)) == 0,
		       "only the sizes between the prologue and the runtime");
		tap_ok(errno_table(at[1] + sec[1].len, at[2]),
		       "only the errno table between the runtime's two sections");
		tap_ok(strncmp(at[2] + sec[2].len, "\n/* ---- the script ---- */\n", 28) == 0,
		       "the script follows the runtime");
		tap_ok(at[5][sec[5].len] == '\0', "the program ends with the epilogue");
	}
	tap_ok(!strstr(prog, "SPDX") && !strstr(prog, "//@") &&
	       !strstr(prog, "stand-in"),
	       "nothing of export_rt.c outside its sections is exported");
	for (int i = 0; i < n; i++)
		free(sec[i].text);
	free(src);
}

/* ---- comments ---------------------------------------------------------------- */

/* The program without its comments and literals (as cc -Wall sees them:
 * a comment holding a comment start is counted as a failure). Returns
 * NULL when a comment or a literal is left open. */
static char *code_only(const char *s, int *nested)
{
	struct strbuf b = { 0 };

	*nested = 0;
	while (*s) {
		if (s[0] == '/' && s[1] == '*') {
			const char *end = strstr(s + 2, "*/");

			if (!end) {
				sb_free(&b);
				return NULL;
			}
			for (const char *c = s + 2; c + 1 < end; c++)
				*nested += c[0] == '/' && c[1] == '*';
			sb_add(&b, " ");
			s = end + 2;
		} else if (*s == '"' || *s == '\'') {
			char q = *s++;

			while (*s && *s != q && *s != '\n')
				s += s[0] == '\\' && s[1] ? 2 : 1;
			if (*s != q) {
				sb_free(&b);
				return NULL;
			}
			s++;
			sb_addn(&b, &q, 1);
			sb_addn(&b, &q, 1);
		} else {
			sb_addn(&b, s++, 1);
		}
	}
	return b.s;
}

static void test_comments(const char *prog)
{
	int nested;
	char *code = code_only(prog, &nested);

	tap_ok(code != NULL, "no comment or literal is left open");
	if (!code)
		return;
	tap_is_int(nested, 0, "no comment holds a comment start");
	tap_ok(!strstr(code, "broken"),
	       "the narration's comment end does not end its comment");
	tap_ok(!strstr(prog, "?\?/"), "no trigraph ?\?/ in the program");
	tap_ok(strstr(code, "do_connect(2, \"\", &a, alen, 1000);") != NULL,
	       "the code after the narration is code");
	free(code);
}

/* ---- it compiles ---------------------------------------------------------------- */

static void test_compiles(const char *prog, size_t len)
{
	const char *cc = getenv("CC") && *getenv("CC") ? getenv("CC") : "cc";
	char cmd[512];
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "%s --version >/dev/null 2>&1", cc);
	if (system(cmd) != 0) {
		printf("ok %d - # SKIP no C compiler (%s)\n", ++tap_n, cc);
		return;
	}
	snprintf(cmd, sizeof(cmd),
		 "%s -std=c11 -Wall -Wextra -Werror -fsyntax-only -x c - 1>&2", cc);
	p = popen(cmd, "w");
	tap_ok(p != NULL, "runs %s", cc);
	if (!p)
		return;
	fwrite(prog, 1, len, p);
	st = pclose(p);
	tap_ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the program compiles: %s -std=c11 -Wall -Wextra -Werror", cc);
}

int main(void)
{
	size_t len = 0, ulen = 0;
	char *prog = make_program(script, sizeof(script) / sizeof(script[0]), &len);
	char *uprog = make_program(unix_script, sizeof(unix_script) /
				   sizeof(unix_script[0]), &ulen);

	test_order(prog, in_order, sizeof(in_order) / sizeof(in_order[0]));
	tap_ok(strstr(prog, "static void step_5(") == NULL,
	       "five steps: the refused line and the narration are none");
	test_order(uprog, unix_in_order, sizeof(unix_in_order) /
		   sizeof(unix_in_order[0]));
	test_runtime(prog, uprog);
	test_comments(prog);
	test_compiles(prog, len);
	test_compiles(uprog, ulen);
	if (tap_failed && getenv("TEST_EXPORT_SHOW"))
		fprintf(stderr, "%s\n%s", prog, uprog);
	free(prog);
	free(uprog);
	return tap_done();
}
