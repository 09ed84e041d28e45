/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_complete.c - unit tests of completion (src/complete.h): the command
 * word and a "PROC:" prefix, then every operand position of every command
 * as the command table's args column says, "=>" where a command takes an
 * expectation and errno names after it; and every row's args spec is well
 * formed. A stage of two sockets (s1 srv, s2 cli) and two processes (main,
 * child) is given through the callback. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "explain.h"
#include "sockopt.h"
#include "tap.h"
#include "view.h"

static struct completion C;

static void fill(void *ctx, enum complete_source what, enum cmd_kind cmd,
		 struct completion *c)
{
	static const char *const socks[] = { "s1", "srv", "s2", "cli", NULL };
	static const char *const procs[] = { "main", "child", NULL };
	static const char *const hosts[] = { "local", "b", NULL };
	const char *const *w = what == CS_SOCKETS ? socks :
			       what == CS_HOSTS ? hosts : procs;

	(void)ctx;
	if (what == CS_ADDRS) {
		completion_add(c, cmd == CMD_BIND ? "127.0.0.1:3459" : "127.0.0.1:4000");
		return;
	}
	for (; *w; w++)
		completion_add(c, *w);
}

static void join(char *buf, size_t len, const char *const *w)
{
	size_t at = strlen(buf);

	for (; *w; w++)
		at += (size_t)snprintf(buf + at, at < len ? len - at : 0, "%s%s",
				       at && buf[at - 1] != ' ' ? " " : "", *w);
}

/* The candidates for line (cursor at its end), joined by spaces. */
static const char *got(const char *line)
{
	static char buf[8192];

	buf[0] = '\0';
	join(buf, sizeof(buf), complete_line(line, strlen(line), fill, NULL, &C));
	return buf;
}

/* want with %C (every command), %O (every option), %S (every state)
 * written out. */
static const char *expand(const char *want)
{
	static char buf[8192];
	size_t at = 0;

	buf[0] = '\0';
	for (const char *s = want; *s; s++) {
		const char *const *list = NULL;

		if (s[0] == '%' && s[1] == 'C')
			list = command_names();
		else if (s[0] == '%' && s[1] == 'O')
			list = sockopt_names();
		else if (s[0] == '%' && s[1] == 'S')
			list = view_state_names();
		if (list) {
			buf[at] = '\0';
			join(buf, sizeof(buf), list);
			at = strlen(buf);
			s++;
		} else if (at + 1 < sizeof(buf)) {
			buf[at++] = *s;
			buf[at] = '\0';
		}
	}
	return buf;
}

#define SOCKS "s1 srv s2 cli"
#define PROCS "main child"

static const struct {
	const char *line, *want;
} cases[] = {
	/* the command word, a process prefix */
	{ "", "%C main: child:" },
	{ "s", "socket set send sendto shutdown socketpair sendfd spawn sysctl show say" },
	{ "mai", "main:" },
	{ "main: ", "%C" },
	{ "main: bi", "bind" },
	{ "  child:  cl", "close" },
	{ "child: close ", SOCKS },
	{ "bogus ", "" },
	{ "SOCKET ", "tcp udp unix" },
	/* socket tcp|udp [4|6] [as NAME] | unix stream|dgram|seqpacket ... */
	{ "socket ", "tcp udp unix" },
	{ "socket unix ", "stream dgram seqpacket" },
	{ "socket unix seqpacket ", "as =>" },
	/* socketpair stream|dgram|seqpacket as A B */
	{ "socketpair ", "stream dgram seqpacket" },
	{ "socketpair dgram ", "as" },
	{ "socketpair dgram as a ", "" },
	{ "socketpair dgram as a b ", "=>" },
	/* sendfd SOCK SOCK2, recvfd SOCK [as NAME], unlink PATH */
	{ "sendfd ", SOCKS },
	{ "sendfd s1 ", SOCKS },
	{ "sendfd s1 s2 ", "=>" },
	{ "recvfd ", SOCKS },
	{ "recvfd s1 ", "as =>" },
	{ "unlink ", "" },
	{ "unlink srv.sock ", "=>" },
	{ "socket t", "tcp" },
	{ "socket tcp ", "4 6 as =>" },
	{ "socket udp 6 ", "as =>" },
	{ "socket tcp as ", "" },
	{ "socket tcp 4 as web ", "=>" },
	{ "socket tcp 4 as web x ", "" },
	{ "socket sctp ", "" },
	/* set SOCK OPTION [VALUE] */
	{ "set ", SOCKS },
	{ "set s", "s1 srv s2" },
	{ "set s1 ", "%O" },
	{ "set s1 reuse", "reuseaddr reuseport" },
	{ "set srv reuseaddr ", "on off =>" },
	{ "set s1 reuseaddr o", "on off" },
	{ "set s1 linger ", "off =>" },
	{ "set s1 bindtodevice ", "off =>" },
	{ "set s1 ttl ", "=>" },
	{ "set s1 reuseaddr on ", "=>" },
	{ "set s1 nosuchopt ", "" },
	/* bind SOCK ADDR[:PORT] */
	{ "bind ", SOCKS },
	{ "bind s1 ", "127.0.0.1:3459" },
	{ "bind s1 127.0.0.1:80 ", "=>" },
	{ "bind s1 127.0.0.1:80 =", "=>" },
	{ "bind s1 127.0.0.1:80 x ", "" },
	{ "bind s1 127.0.0.1:80 => EADDRINUSE ", "" },
	/* listen SOCK [BACKLOG] */
	{ "listen ", SOCKS },
	{ "listen s1 ", "=>" },
	{ "listen s1 10 ", "=>" },
	{ "listen s1 10 20 ", "" },
	/* connect SOCK ADDR:PORT */
	{ "connect ", SOCKS },
	{ "connect cli ", "127.0.0.1:4000" },
	{ "connect cli 127.0.0.1:4000 ", "=>" },
	/* accept SOCK [as NAME] */
	{ "accept ", SOCKS },
	{ "accept s1 ", "as =>" },
	{ "accept s1 as ", "" },
	{ "accept s1 as conn ", "=>" },
	/* send SOCK "TEXT"|N */
	{ "send ", SOCKS },
	{ "send s2 ", "" },
	{ "send s2 \"hi th", "" },
	{ "send s2 \"hi there\" ", "=>" },
	{ "send s2 100 ", "=>" },
	/* sendto SOCK ADDR:PORT "TEXT"|N */
	{ "sendto ", SOCKS },
	{ "sendto s2 ", "127.0.0.1:4000" },
	{ "sendto s2 127.0.0.1:53 ", "" },
	{ "sendto s2 127.0.0.1:53 'x' ", "=>" },
	/* recv SOCK [MAX] */
	{ "recv ", SOCKS },
	{ "recv s1 ", "=>" },
	{ "recv s1 10 ", "=>" },
	/* shutdown SOCK rd|wr|rdwr */
	{ "shutdown ", SOCKS },
	{ "shutdown s1 ", "rd wr rdwr" },
	{ "shutdown s1 r", "rd rdwr" },
	{ "shutdown s1 wr ", "=>" },
	/* close, getsockname, getpeername SOCK */
	{ "close ", SOCKS },
	{ "close s1 ", "=>" },
	{ "getsockname ", SOCKS },
	{ "getsockname s1 ", "=>" },
	{ "getpeername ", SOCKS },
	{ "getpeername s1 ", "=>" },
	/* join, leave SOCK GROUP [IFADDR] */
	{ "join ", SOCKS },
	{ "join s2 ", "" },
	{ "join s2 224.1.1.1 ", "=>" },
	{ "join s2 224.1.1.1 127.0.0.1 ", "=>" },
	{ "leave ", SOCKS },
	{ "leave s2 224.1.1.1 ", "=>" },
	/* spawn NAME [on HOST] [uid N [gid G]] */
	{ "spawn ", "" },
	{ "spawn web ", "on uid =>" },
	{ "spawn web on ", "local b" },
	{ "spawn web on b ", "uid =>" },
	{ "spawn web on b uid 7 ", "gid =>" },
	{ "spawn web uid ", "" },
	{ "spawn web uid 1000 ", "gid =>" },
	{ "spawn web uid 1000 gid ", "" },
	{ "spawn web uid 1000 gid 1000 ", "=>" },
	/* fork PROC [as NAME] */
	{ "fork ", PROCS },
	{ "fork c", "child" },
	{ "fork main ", "as =>" },
	{ "fork main as kid ", "=>" },
	/* exit, kill, use PROC */
	{ "exit ", PROCS },
	{ "exit child ", "=>" },
	{ "kill ", PROCS },
	{ "kill main ", "=>" },
	{ "use ", PROCS },
	{ "use main ", "" },
	{ "use main => ", "" },
	/* show, pause: nothing */
	{ "show ", "local b " SOCKS " wire" },
	{ "show b ", "" },
	/* sysctl [HOST] NAME [VALUE] */
	{ "sysctl b ", "net.core.somaxconn net.ipv4.ip_local_port_range "
		       "net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_syn_backlog "
		       "net.ipv4.tcp_syn_retries net.ipv4.tcp_synack_retries "
		       "net.ipv4.tcp_tw_reuse" },
	{ "sysctl ", "local b net.core.somaxconn net.ipv4.ip_local_port_range "
		     "net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_syn_backlog "
		     "net.ipv4.tcp_syn_retries net.ipv4.tcp_synack_retries "
		     "net.ipv4.tcp_tw_reuse" },
	{ "sysctl net.ipv4.tcp_syn_re", "net.ipv4.tcp_syn_retries" },
	{ "sysctl net.core.somaxconn ", "=>" },
	{ "show wire ", "" },
	{ "pause ", "" },
	/* say, title, about TEXT: nothing */
	{ "say ", "" },
	{ "say s", "" },
	{ "title ", "" },
	{ "about a", "" },
	/* wait DURATION | wait SOCK STATE [TIMEOUT] */
	{ "wait ", SOCKS },
	{ "wait s1 ", "%S" },
	{ "wait s1 L", "LAST-ACK LISTEN" },
	{ "wait s1 LISTEN ", "=>" },
	{ "wait 2s ", "" },
	/* expect [no] [tcp|udp] STATE ADDR:PORT [PEER] */
	{ "expect ", "on no tcp udp %S segment" },
	{ "expect on ", "local b" },
	{ "expect on b ", "no tcp udp %S" },
	/* host NAME [ADDR[/PREFIX]]... */
	{ "host ", "" },
	{ "host b ", "=>" },
	/* wire [hold | release | step [N] | ...] */
	{ "wire ", "hold release step delay drop dup down up unknown" },
	{ "wire unknown ", "icmp drop" },
	{ "wire step ", "" },
	{ "wire drop ", "next" },
	{ "wire drop next ", "SYN SYN+ACK ACK PSH+ACK FIN+ACK FIN RST RST+ACK" },
	{ "wire drop 5% ", "seed" },
	{ "wire dup ", "next" },
	{ "wire hold ", "" },
	{ "expect no ", "tcp udp %S segment" },
	/* expect [no] segment FROM -> TO FLAGS */
	{ "expect segment ", SOCKS " 127.0.0.1:4000" },
	{ "expect segment s1 ", "->" },
	{ "expect segment s1 -> ", SOCKS " 127.0.0.1:4000" },
	{ "expect no segment s1 -> s2 ", "SYN SYN+ACK ACK PSH+ACK FIN+ACK FIN RST RST+ACK" },
	{ "expect segment s1 -> s2 FIN ", "" },
	{ "expect no udp ", "%S" },
	{ "expect ESTAB ", "127.0.0.1:4000" },
	{ "expect ESTAB 127.0.0.1:80 ", "127.0.0.1:4000" },
	{ "expect ESTAB 127.0.0.1:80 127.0.0.1:81 ", "" },
	/* a comment */
	{ "bind s1 # ", "" },
};

/* Every command is the first word of some case. */
static void test_every_command(void)
{
	for (const char *const *n = command_names(); *n; n++) {
		size_t len = strlen(*n);
		bool seen = false;

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]) && !seen; i++)
			seen = strncmp(cases[i].line, *n, len) == 0 &&
			       cases[i].line[len] == ' ';
		tap_ok(seen, "'%s' has its operands tested", *n);
	}
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[8192];

		snprintf(want, sizeof(want), "%s", expand(cases[i].want));
		tap_is_str(got(cases[i].line), want, "'%s|'", cases[i].line);
	}
}

/* After "=>": ok, the command's likely errnos first, then every name. */
static void test_errnos(void)
{
	const char *s = got("bind s1 127.0.0.1:80 => E");
	size_t n = 0;

	tap_ok(strncmp(s, "EADDRINUSE EADDRNOTAVAIL EACCES ", 32) == 0,
	       "bind => E: its likely errnos first (%.40s)", s);
	for (const char *const *e = explain_errnames(); *e; e++)
		n++;
	tap_is_int(C.n, (long long)n, "bind => E: every errno name once");
	for (int i = 0; i < C.n; i++)
		if (C.list[i][0] != 'E') {
			tap_ok(0, "bind => E: '%s' does not start with E", C.list[i]);
			break;
		}
	s = got("getpeername s1 => ");
	tap_ok(strncmp(s, "ok ENOTCONN ", 12) == 0, "getpeername => : ok, ENOTCONN first");
	tap_is_str(got("connect s1 127.0.0.1:1 => ECONNR"), "ECONNREFUSED ECONNRESET",
		   "connect => ECONNR");
	tap_is_str(got("socket tcp => ok"), "ok", "socket tcp => ok");
	tap_is_str(got("show => "), "", "show takes no expectation");
}

/* The cursor in the middle of the line: what is before it counts. */
static void test_cursor(void)
{
	const char *line = "socket tcp as web";

	complete_line(line, 8, fill, NULL, &C);
	tap_is_int(C.n, 1, "cursor after 'socket t' in a longer line: one");
	tap_is_str(C.n ? C.list[0] : "", "tcp", "... tcp");
	complete_line("bind ", 5, NULL, NULL, &C);
	tap_is_int(C.n, 0, "no callback: no sockets");
	complete_line("so", 2, NULL, NULL, &C);
	tap_is_str(C.n ? C.list[0] : "", "socket", "no callback: still commands");
}

static void test_specs(void)
{
	static const char *const bad[] = {
		"[<sock>", "<sock> ]", "<bogus>", "<sock", "a||b", "|a",
		"Tcp", "<sock> |x", "[]x|", NULL,
	};
	char msg[100];

	for (int k = CMD_NONE + 1; k < CMD_COUNT; k++) {
		const struct cmd_info *info = command_info((enum cmd_kind)k);
		int rc = complete_spec_check(info->args, msg, sizeof(msg));

		tap_ok(rc == 0, "%s: args \"%s\" %s", info->name, info->args,
		       rc ? msg : "well formed");
	}
	for (const char *const *b = bad; *b; b++)
		tap_ok(complete_spec_check(*b, msg, sizeof(msg)) < 0,
		       "\"%s\" is refused", *b);
	tap_ok(complete_spec_check("a|b [<num> | x-y] <dur>", msg, sizeof(msg)) == 0,
	       "a spec with every form");
}

/* Every candidate begins with the word at the cursor (what is after the
 * last blank before it), at every cursor of every case and of seeded
 * random lines made of the language's pieces. */
static int check_all_cursors(const char *line)
{
	size_t len = strlen(line);

	for (size_t cur = 0; cur <= len; cur++) {
		size_t start = cur;

		while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
			start--;
		complete_line(line, cur, fill, NULL, &C);
		for (int i = 0; i < C.n; i++)
			if (strncmp(C.list[i], line + start, cur - start) != 0 ||
			    strlen(C.list[i]) >= COMPLETE_WORD)
				return -1;
		if (C.list[C.n])
			return -1;
	}
	return 0;
}

static void test_robust(void)
{
	static const char *const pieces[] = {
		"socket", "set", "bind", "wait", "expect", "say", "main:", "s1",
		"srv", "reuseaddr", "on", "=>", "E", "ok", "\"", "'", "#", "as",
		"tcp", "[", "]", "|", "LISTEN", "2s", "127.0.0.1:80", "\t", "",
	};
	const size_t np = sizeof(pieces) / sizeof(pieces[0]);
	int bad = 0;
	char line[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad += check_all_cursors(cases[i].line) < 0;
	tap_ok(!bad, "every case at every cursor: candidates extend the word");
	srand(7);
	for (int round = 0; round < 2000; round++) {
		size_t at = 0;
		int words = rand() % 12;

		line[0] = '\0';
		for (int w = 0; w < words && at < sizeof(line) - 64; w++)
			at += (size_t)snprintf(line + at, sizeof(line) - at, "%s%s",
					       pieces[(size_t)rand() % np],
					       rand() % 4 ? " " : "");
		bad += check_all_cursors(line) < 0;
	}
	tap_ok(!bad, "2000 random lines at every cursor: candidates extend the word");
}

int main(void)
{
	test_specs();
	test_cases();
	test_every_command();
	test_errnos();
	test_cursor();
	test_robust();
	return tap_done();
}
