/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_json.c - unit tests of the JSON writers: json_utf8_repair (valid
 * UTF-8 kept, each invalid byte one U+FFFD: stray continuation, cut
 * short, overlong, surrogate, too large); json_out's strings (C0, DEL, C1,
 * bidirectional formatting and separators escaped, quotes and
 * backslashes escaped, printable UTF-8 kept); one object a line; a write
 * error reported; json_row's fields for an inet and a UNIX row (columns
 * as the text dump's, the abstract name's bytes, owners split into pid
 * and command). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "emit.h"
#include "json_out.h"
#include "json_row.h"
#include "tap.h"

static void repair_is(const char *in, size_t len, const char *want,
		      const char *what)
{
	char *out = malloc(3 * len + 1);

	if (!out)
		abort();
	json_utf8_repair(in, len, out);
	tap_is_str(out, want, "repair: %s", what);
	free(out);
}

static void test_repair(void)
{
	repair_is("abc", 3, "abc", "ASCII kept");
	repair_is("caf\xc3\xa9 \xe2\x86\x92", 9, "caf\xc3\xa9 \xe2\x86\x92",
		  "valid UTF-8 kept");
	repair_is("a\x80z", 3, "a\xef\xbf\xbdz", "a stray continuation byte");
	repair_is("a\xe2\x86", 3, "a\xef\xbf\xbd\xef\xbf\xbd",
		  "a sequence cut short: one U+FFFD a byte");
	repair_is("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd", "overlong");
	repair_is("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
		  "a surrogate");
	repair_is("\xf4\x90\x80\x80", 4,
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
		  "above U+10FFFF");
	repair_is("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80", "an emoji kept");
}

/* One object {"s": s} as written. */
static char *one_string(const char *s, size_t len)
{
	struct json_out j;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f || json_out_init(&j, f) < 0)
		abort();
	json_begin(&j);
	json_kbytes(&j, "s", s, len);
	tap_is_int(json_end(&j), 0, "json_end: 0");
	json_out_free(&j);
	fclose(f);
	return buf;
}

static void string_is(const char *in, size_t len, const char *want,
		      const char *what)
{
	char *got = one_string(in, len);

	tap_is_str(got, want, "string: %s", what);
	free(got);
}

static void test_strings(void)
{
	string_is("a\"b\\c", 5, "{\"s\":\"a\\\"b\\\\c\"}\n", "quote, backslash");
	string_is("\x1b[31m\n", 6, "{\"s\":\"\\u001B[31m\\n\"}\n",
		  "ESC and newline escaped");
	string_is("a\0b", 3, "{\"s\":\"a\\u0000b\"}\n", "NUL escaped");
	string_is("\x7f", 1, "{\"s\":\"\\u007F\"}\n", "DEL escaped");
	string_is("\xc2\x9b" "2J", 4, "{\"s\":\"\\u009B2J\"}\n",
		  "C1 CSI escaped");
	string_is("\xe2\x80\xae" "x", 4, "{\"s\":\"\\u202Ex\"}\n",
		  "bidirectional override escaped");
	string_is("\xe2\x80\xa8", 3, "{\"s\":\"\\u2028\"}\n",
		  "line separator escaped");
	string_is("\xff" "ok", 3, "{\"s\":\"\xef\xbf\xbdok\"}\n",
		  "invalid byte as U+FFFD");
	string_is("d\xc3\xa9j\xc3\xa0", 6, "{\"s\":\"d\xc3\xa9j\xc3\xa0\"}\n",
		  "printable UTF-8 kept");
}

static void test_lines_and_errors(void)
{
	struct json_out j;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f || json_out_init(&j, f) < 0)
		abort();
	for (int i = 0; i < 3; i++) {
		json_begin(&j);
		json_kint(&j, "i", i);
		json_kuint(&j, "big", 18446744073709551615ULL);
		json_end(&j);
	}
	json_out_free(&j);
	fclose(f);
	tap_is_str(buf, "{\"i\":0,\"big\":18446744073709551615}\n"
		   "{\"i\":1,\"big\":18446744073709551615}\n"
		   "{\"i\":2,\"big\":18446744073709551615}\n",
		   "three objects, three lines, a 64-bit number whole");
	free(buf);

	f = fopen("/dev/full", "w");
	if (!f) {
		tap_ok(1, "# SKIP no /dev/full");
		return;
	}
	setvbuf(f, NULL, _IONBF, 0);
	if (json_out_init(&j, f) < 0)
		abort();
	json_begin(&j);
	json_kstr(&j, "a", "b");
	tap_is_int(json_end(&j), -1, "a write error: json_end -1");
	tap_ok(j.err != 0, "the error's errno kept");
	json_out_free(&j);
	fclose(f);
}

static char *row_json(const struct diag_row *r, const char *owners,
		      bool with_owners)
{
	struct json_out j;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f || json_out_init(&j, f) < 0)
		abort();
	json_row(&j, r, owners, with_owners);
	json_out_free(&j);
	fclose(f);
	return buf;
}

#define has(hay, needle, ...) do {					\
	bool in_ = strstr((hay), (needle)) != NULL;			\
	tap_ok(in_, __VA_ARGS__);					\
	if (!in_)							\
		printf("# %s lacks %s\n", (hay), (needle));		\
} while (0)

static void test_inet_row(void)
{
	struct diag_row r = { .proto = IPPROTO_TCP, .family = AF_INET,
			      .type = SOCK_STREAM, .state = KS_TIME_WAIT,
			      .timer = DT_TIMEWAIT, .expires_ms = 59321,
			      .v6only = -1, .inode = 0, .cookie = 77,
			      .sport = 3459, .dport = 40000 };
	char *s;

	inet_pton(AF_INET, "127.0.0.1", &r.src);
	inet_pton(AF_INET, "127.0.0.2", &r.dst);
	s = row_json(&r, "12/nc,34/my_d,+2", true);
	has(s, "{\"netid\":\"tcp\",\"state\":\"TIME-WAIT\",\"recv_q\":0,"
	    "\"send_q\":0,\"local\":\"127.0.0.1:3459\",\"peer\":"
	    "\"127.0.0.2:40000\",\"timer\":\"timewait:59.3s\"",
	    "inet row: the text columns first");
	has(s, "\"local_address\":\"127.0.0.1\",\"local_port\":3459",
	    "inet row: local address and port");
	has(s, "\"timer_kind\":\"timewait\",\"timer_ms\":59321",
	    "inet row: timer kind and ms");
	has(s, "\"owners\":[{\"pid\":12,\"command\":\"nc\"},{\"pid\":34,"
	    "\"command\":\"my_d\"}],\"owners_more\":2}\n",
	    "inet row: owners as pid and command, the rest counted");
	tap_ok(strstr(s, "v6only") == NULL, "inet row: no v6only for IPv4");
	free(s);
	s = row_json(&r, NULL, false);
	tap_ok(strstr(s, "owners") == NULL, "no owners field with --no-owners");
	free(s);
}

static void test_unix_row(void)
{
	struct diag_row r = { .family = AF_UNIX, .type = SOCK_DGRAM,
			      .state = KS_CLOSE, .inode = 1234,
			      .peer_inode = 99, .nicons = 2,
			      .icons = { 5, 6 } };
	char *s;

	memcpy(r.name, "\0ab\0\x1b" "c", 6);
	r.namelen = 6;
	s = row_json(&r, "", true);
	has(s, "\"netid\":\"u_dgr\",\"state\":\"UNCONN\"", "unix row: netid, state");
	has(s, "\"type\":\"dgram\",\"peer_inode\":99,\"name_kind\":"
	    "\"abstract\",\"name\":"
	    "\"ab\\u0000\\u001Bc\"", "unix row: the abstract name's bytes");
	has(s, "\"pending\":2,\"pending_inodes\":[5,6]",
	    "unix row: peer inode, pending connections");
	has(s, "\"owners\":[]}\n", "unix row: no owner found, an empty list");
	free(s);
	memcpy(r.name, "/tmp/x.sock", 12);
	r.namelen = 12;
	s = row_json(&r, NULL, false);
	has(s, "\"name_kind\":\"path\",\"name\":\"/tmp/x.sock\"",
	    "unix row: a path without its NUL");
	free(s);
}

static void test_events(void)
{
	struct emitter e;
	struct result res;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f || emit_json_init(&e, f) < 0)
		abort();
	result_init(&res);
	res.kind = RES_FAIL;
	res.cmd = CMD_BIND;
	res.ret = -1;
	res.err = EADDRINUSE;
	res_call(&res, "bind(s1, 127.0.0.1:80)");
	res_note_kind(&res, NOTE_WHY, "held by \x1b s2");
	e.ops->line(&e, 3, "a: bind s1 \"x y\" # why", NULL);
	e.ops->result(&e, 3, NULL, &res);
	e.ops->note(&e, &res.notes[0]);
	e.ops->change(&e, 2, "CLOSE", "LISTEN", EMIT_NO_SEGMENT);
	emit_free(&e);
	result_free(&res);
	fclose(f);
	has(buf, "{\"event\":\"line\",\"line\":3,\"text\":\"a: bind s1 "
	    "\\\"x y\\\" # why\",\"proc\":\"a\",\"command\":\"bind\","
	    "\"args\":[\"s1\",\"\\\"x y\\\"\"]}\n",
	    "line: proc, command word, arguments (a quoted one whole, no comment)");
	has(buf, "\"kind\":\"fail\",\"ret\":-1,\"errno\":\"EADDRINUSE\"",
	    "result: the errno's name");
	has(buf, "{\"event\":\"note\",\"kind\":\"why\",\"label\":\"why: \","
	    "\"text\":\"held by \\u001B s2\"}\n", "note: kind, label, text");
	has(buf, "{\"event\":\"transition\",\"socket\":\"s2\",\"cause\":"
	    "\"no-segment\",\"from\":\"CLOSE\",\"to\":\"LISTEN\"}\n",
	    "transition: socket, cause, states");
	free(buf);
}

int main(void)
{
	test_events();
	test_repair();
	test_strings();
	test_lines_and_errors();
	test_inet_row();
	test_unix_row();
	return tap_done();
}
