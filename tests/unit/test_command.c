/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_command.c - unit tests of the command-language parser (DESIGN.md
 * section 4): every command in every form it is documented with, the
 * fields of struct command it fills, every error with the 0-based column
 * it is reported at, and a seeded robustness loop of random and mutated
 * lines. Meant to run under AddressSanitizer + UBSan: each fuzzed line is a
 * heap block of exactly its length, and command_free is called after every
 * parse, so overreads and leaks show. */
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture.h"
#include "command.h"
#include "diag.h"
#include "tap.h"

/* ---- helpers ------------------------------------------------------------ */

static struct command C;
static struct cmd_error E;
static char cur[256];		/* printable form of the line under test */

/* A line as it may appear in a TAP description: no control bytes, no
 * bare '#', bounded length. */
static const char *printable(const char *s)
{
	static char bufs[4][256];
	static int k;
	char *b = bufs[k++ & 3];
	size_t n = 0;

	for (; *s && n < 200; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '#' || c == '\\') {
			b[n++] = '\\';
			b[n++] = (char)c;
		} else if (c < 32 || c >= 127) {
			n += (size_t)snprintf(b + n, 256 - n, "\\x%02x", c);
		} else {
			b[n++] = (char)c;
		}
	}
	b[n] = '\0';
	if (*s)
		strcat(b, "...");
	return b;
}

static void set_cur(const char *line)
{
	snprintf(cur, sizeof(cur), "%s", printable(line));
}

/* Parse a line that must be accepted: one TAP case. */
static bool ok(const char *line)
{
	int rc;

	command_free(&C);
	set_cur(line);
	rc = command_parse(line, &C, &E);
	tap_ok(rc == 0, "parses: %s", cur);
	if (rc != 0)
		printf("#   rc %d, col %d: %s\n", rc, E.col, printable(E.msg));
	return rc == 0;
}

/* Parse a line that must be rejected at column col with a message that
 * contains msg: one TAP case. */
static void bad(const char *line, int col, const char *msg)
{
	int rc;
	bool good;

	command_free(&C);
	set_cur(line);
	rc = command_parse(line, &C, &E);
	good = rc == -1 && E.col == col && strstr(E.msg, msg) != NULL;
	tap_ok(good, "error at %d '%s': %s", col, printable(msg), cur);
	if (!good)
		printf("#   got rc %d, col %d: %s\n", rc, E.col, printable(E.msg));
}

#define IS(field, want) \
	tap_is_int((long long)(C.field), (long long)(want), \
		   "  %s: " #field " == " #want, cur)
#define IS_STR(field, want) \
	tap_is_str(C.field, want, "  %s: " #field " == " #want, cur)

static bool v4_is(const struct addrspec *a, uint8_t a0, uint8_t a1,
		  uint8_t a2, uint8_t a3)
{
	const uint8_t *b = (const uint8_t *)&a->v4.s_addr;

	return a->kind == ADDR_V4 && b[0] == a0 && b[1] == a1 && b[2] == a2 &&
	       b[3] == a3;
}

static bool v6_is(const struct addrspec *a, const struct in6_addr *want)
{
	return a->kind == ADDR_V6 && memcmp(&a->v6, want, sizeof(*want)) == 0;
}

/* The defaults of fields a command does not set. */
static void no_extras(void)
{
	IS(proc.col, -1);
	IS(has_expect, false);
}

/* ---- successful parses, one command at a time --------------------------- */

static void test_blank_and_comments(void)
{
	static const char *const lines[] = {
		"", " ", "\t", "   \t  ", "\n", "\r\n", "# a comment",
		"#", "   # indented comment", "#show", "\t# tab then comment",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (ok(lines[i])) {
			IS(kind, CMD_NONE);
			IS(proc.col, -1);
			IS(has_expect, false);
		}
	}
}

static void test_socket(void)
{
	if (ok("socket tcp")) {
		IS(kind, CMD_SOCKET);
		IS(proto, IPPROTO_TCP);
		IS(family, AF_INET);
		IS(as.col, -1);
		IS(sock.col, -1);
		no_extras();
	}
	if (ok("socket udp")) {
		IS(proto, IPPROTO_UDP);
		IS(family, AF_INET);
	}
	if (ok("socket tcp 4")) {
		IS(proto, IPPROTO_TCP);
		IS(family, AF_INET);
	}
	if (ok("socket tcp 6")) {
		IS(proto, IPPROTO_TCP);
		IS(family, AF_INET6);
	}
	if (ok("socket udp 6 as srv")) {
		IS(proto, IPPROTO_UDP);
		IS(family, AF_INET6);
		IS_STR(as.name, "srv");
		IS(as.col, 16);
	}
	if (ok("socket tcp as cli")) {
		IS(family, AF_INET);
		IS_STR(as.name, "cli");
		IS(as.col, 14);
	}
	if (ok("socket udp 4 as dns_server-1.x")) {
		IS(family, AF_INET);
		IS_STR(as.name, "dns_server-1.x");
	}
	if (ok("SOCKET TCP 6 AS Big")) {
		IS(kind, CMD_SOCKET);
		IS(proto, IPPROTO_TCP);
		IS(family, AF_INET6);
		IS_STR(as.name, "Big");
	}
	if (ok("   socket\t  udp   6\tas   _x    ")) {
		IS(proto, IPPROTO_UDP);
		IS(family, AF_INET6);
		IS_STR(as.name, "_x");
		IS(as.col, 25);
	}
	/* a name of exactly NAME_MAX_LEN characters */
	if (ok("socket tcp as abcdefghijklmnopqrstuvwxyz01234"))
		IS_STR(as.name, "abcdefghijklmnopqrstuvwxyz01234");
	/* "s" alone and "s1x" are not socket ids */
	if (ok("socket tcp as s"))
		IS_STR(as.name, "s");
	if (ok("socket tcp as s1x"))
		IS_STR(as.name, "s1x");
	if (ok("socket tcp => ok")) {
		IS(has_expect, true);
		IS(expect_errno, 0);
		IS(expect_col, 11);
	}
	if (ok("socket udp 6 as u => EAFNOSUPPORT")) {
		IS(family, AF_INET6);
		IS_STR(as.name, "u");
		IS(has_expect, true);
		IS(expect_errno, EAFNOSUPPORT);
		IS(expect_col, 18);
	}
	if (ok("socket tcp # trailing comment"))
		IS(proto, IPPROTO_TCP);
	if (ok("socket tcp\r\n"))
		IS(proto, IPPROTO_TCP);
}

static void test_set(void)
{
	static const struct { const char *name; enum sock_opt opt; } bools[] = {
		{ "reuseaddr", OPT_REUSEADDR },
		{ "reuseport", OPT_REUSEPORT },
		{ "v6only", OPT_V6ONLY },
		{ "nodelay", OPT_NODELAY },
		{ "keepalive", OPT_KEEPALIVE },
		{ "broadcast", OPT_BROADCAST },
		{ "multicast-loop", OPT_MULTICAST_LOOP },
	};
	static const struct { const char *word; long value; } vals[] = {
		{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
		{ "ON", 1 }, { "Off", 0 },
	};
	char line[128];

	if (ok("set s1 reuseaddr")) {
		IS(kind, CMD_SET);
		IS_STR(sock.name, "s1");
		IS(sock.col, 4);
		IS(opt, OPT_REUSEADDR);
		IS(value, 1);
		IS(value_set, false);
		no_extras();
	}
	for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++) {
		snprintf(line, sizeof(line), "set srv %s", bools[i].name);
		if (ok(line)) {
			IS(opt, bools[i].opt);
			IS(value, 1);	/* bare: on */
			IS(value_set, false);
		}
		for (size_t j = 0; j < sizeof(vals) / sizeof(vals[0]); j++) {
			snprintf(line, sizeof(line), "set srv %s %s", bools[i].name,
				 vals[j].word);
			if (ok(line)) {
				IS(opt, bools[i].opt);
				IS(value, vals[j].value);
				IS(value_set, true);
				IS_STR(sock.name, "srv");
			}
		}
	}
	if (ok("SET s1 ReuseAddr ON")) {
		IS(opt, OPT_REUSEADDR);
		IS(value, 1);
	}
	if (ok("set s1 linger 5")) {
		IS(opt, OPT_LINGER);
		IS(value, 5);
		IS(value_set, true);
	}
	if (ok("set s1 linger 0")) {
		IS(opt, OPT_LINGER);
		IS(value, 0);
	}
	if (ok("set s1 linger off")) {
		IS(opt, OPT_LINGER);
		IS(value, -1);
	}
	if (ok("set s1 rcvbuf 65536")) {
		IS(opt, OPT_RCVBUF);
		IS(value, 65536);
	}
	if (ok("set s1 sndbuf 4096")) {
		IS(opt, OPT_SNDBUF);
		IS(value, 4096);
	}
	if (ok("set s1 sndbuf 2147483647"))
		IS(value, 2147483647L);
	if (ok("set s1 ttl 64")) {
		IS(opt, OPT_TTL);
		IS(value, 64);
	}
	if (ok("set s1 multicast-if 192.168.1.1")) {
		IS(opt, OPT_MULTICAST_IF);
		IS(addr_col, 20);
		tap_ok(v4_is(&C.addr, 192, 168, 1, 1), "  %s: addr 192.168.1.1", cur);
		IS(addr.port, -1);
	}
	if (ok("set s1 multicast-if localhost"))
		IS(addr.kind, ADDR_LOCALHOST);
	if (ok("set srv reuseaddr => ok")) {
		IS(opt, OPT_REUSEADDR);
		IS(value, 1);
		IS(has_expect, true);
		IS(expect_errno, 0);
	}
	if (ok("set cli nodelay on => ENOPROTOOPT")) {
		IS(value, 1);
		IS(expect_errno, ENOPROTOOPT);
	}
}

static void test_bind(void)
{
	struct in6_addr any6 = IN6ADDR_ANY_INIT, lo6 = IN6ADDR_LOOPBACK_INIT;

	if (ok("bind s1 127.0.0.1:3459")) {
		IS(kind, CMD_BIND);
		IS_STR(sock.name, "s1");
		IS(sock.col, 5);
		IS(addr_col, 8);
		tap_ok(v4_is(&C.addr, 127, 0, 0, 1), "  %s: addr 127.0.0.1", cur);
		IS(addr.port, 3459);
		IS(addr2.kind, ADDR_NONE);
		no_extras();
	}
	if (ok("bind s1 [::1]:80")) {
		tap_ok(v6_is(&C.addr, &lo6), "  %s: addr ::1", cur);
		IS(addr.port, 80);
	}
	if (ok("bind s1 *:80")) {
		IS(addr.kind, ADDR_ANY);
		IS(addr.port, 80);
	}
	if (ok("bind s1 *")) {
		IS(addr.kind, ADDR_ANY);
		IS(addr.port, -1);
	}
	if (ok("bind s1 0.0.0.0")) {
		tap_ok(v4_is(&C.addr, 0, 0, 0, 0), "  %s: addr 0.0.0.0", cur);
		IS(addr.port, -1);
	}
	if (ok("bind s1 [::]")) {
		tap_ok(v6_is(&C.addr, &any6), "  %s: addr ::", cur);
		IS(addr.port, -1);
	}
	if (ok("bind s1 localhost:8080")) {
		IS(addr.kind, ADDR_LOCALHOST);
		IS(addr.port, 8080);
	}
	if (ok("bind s1 localhost")) {
		IS(addr.kind, ADDR_LOCALHOST);
		IS(addr.port, -1);
	}
	if (ok("bind s1 127.0.0.1")) {
		IS(addr.kind, ADDR_V4);
		IS(addr.port, -1);
	}
	if (ok("bind s1 127.0.0.1:0"))
		IS(addr.port, 0);
	if (ok("bind s1 10.1.2.3:65535"))
		IS(addr.port, 65535);
	if (ok("bind s1 ::1")) {
		tap_ok(v6_is(&C.addr, &lo6), "  %s: bare IPv6 ::1", cur);
		IS(addr.port, -1);
	}
	if (ok("bind srv 127.0.0.1:3459 => EADDRINUSE")) {
		IS_STR(sock.name, "srv");
		IS(has_expect, true);
		IS(expect_errno, EADDRINUSE);
		IS(expect_col, 24);
	}
	if (ok("bind srv *:80 => eacces"))
		IS(expect_errno, EACCES);
	if (ok("bind srv *:80 => OK")) {
		IS(has_expect, true);
		IS(expect_errno, 0);
	}
	if (ok("bind srv *:80 # kernel picks nothing: port 80"))
		IS(addr.port, 80);
	if (ok("bind my-sock.2 [::ffff:127.0.0.1]:1"))
		IS_STR(sock.name, "my-sock.2");
}

static void test_listen_connect_accept(void)
{
	struct in6_addr lo6 = IN6ADDR_LOOPBACK_INIT;

	if (ok("listen s1")) {
		IS(kind, CMD_LISTEN);
		IS_STR(sock.name, "s1");
		IS(value_set, false);
		no_extras();
	}
	if (ok("listen s1 5")) {
		IS(value, 5);
		IS(value_set, true);
	}
	if (ok("listen s1 0")) {
		IS(value, 0);
		IS(value_set, true);
	}
	if (ok("listen s1 65535"))
		IS(value, 65535);
	if (ok("listen srv => ok")) {
		IS(value_set, false);
		IS(has_expect, true);
	}
	if (ok("listen srv 1 => EINVAL")) {
		IS(value, 1);
		IS(expect_errno, EINVAL);
	}

	if (ok("connect cli 127.0.0.1:3459")) {
		IS(kind, CMD_CONNECT);
		IS_STR(sock.name, "cli");
		IS(addr_col, 12);
		tap_ok(v4_is(&C.addr, 127, 0, 0, 1), "  %s: addr", cur);
		IS(addr.port, 3459);
		no_extras();
	}
	if (ok("connect s2 [::1]:3459 => ECONNREFUSED")) {
		tap_ok(v6_is(&C.addr, &lo6), "  %s: addr ::1", cur);
		IS(addr.port, 3459);
		IS(expect_errno, ECONNREFUSED);
	}
	if (ok("connect s2 localhost:80")) {
		IS(addr.kind, ADDR_LOCALHOST);
		IS(addr.port, 80);
	}
	if (ok("connect s2 *:80"))
		IS(addr.kind, ADDR_ANY);

	if (ok("accept srv")) {
		IS(kind, CMD_ACCEPT);
		IS_STR(sock.name, "srv");
		IS(sock.col, 7);
		IS(as.col, -1);
		no_extras();
	}
	if (ok("accept srv as conn")) {
		IS_STR(as.name, "conn");
		IS(as.col, 14);
	}
	if (ok("accept srv => EWOULDBLOCK")) {
		IS(has_expect, true);
		IS(expect_errno, EAGAIN);
		IS(expect_col, 11);
	}
	if (ok("accept srv => EAGAIN"))
		IS(expect_errno, EAGAIN);
	if (ok("accept srv as c => ok")) {
		IS_STR(as.name, "c");
		IS(expect_errno, 0);
	}
}

static void test_send_recv(void)
{
	static const char escaped[] = "a\nb\tc\\d\"e" "A" "z" "\0" "f\r'";
	struct in6_addr lo6 = IN6ADDR_LOOPBACK_INIT;

	if (ok("send s1 \"hello\"")) {
		IS(kind, CMD_SEND);
		IS_STR(sock.name, "s1");
		IS(datalen, 5);
		IS(nbytes, -1);
		tap_ok(C.data && memcmp(C.data, "hello", 5) == 0, "  %s: data", cur);
		no_extras();
	}
	if (ok("send s1 \"a\\nb\\tc\\\\d\\\"e\\x41\\x7a\\0f\\r\\'\"")) {
		IS(datalen, sizeof(escaped) - 1);
		tap_ok(C.data && C.datalen == sizeof(escaped) - 1 &&
		       memcmp(C.data, escaped, sizeof(escaped) - 1) == 0,
		       "  %s: every escape decoded", cur);
	}
	if (ok("send s1 \"\\xff\\xFE\\x00\"")) {
		IS(datalen, 3);
		tap_ok(C.data && (unsigned char)C.data[0] == 0xff &&
		       (unsigned char)C.data[1] == 0xfe && C.data[2] == 0,
		       "  %s: \\xNN in both cases, \\x00", cur);
	}
	if (ok("send s1 \"\"")) {
		IS(datalen, 0);
		IS(nbytes, -1);
		tap_ok(C.data != NULL, "  %s: empty text is data, not NULL", cur);
	}
	if (ok("send s1 'single quoted'")) {
		IS(datalen, 13);
		tap_ok(C.data && strcmp(C.data, "single quoted") == 0, "  %s: data", cur);
	}
	if (ok("send s1 'say \"hi\"'"))
		tap_ok(C.data && strcmp(C.data, "say \"hi\"") == 0, "  %s: data", cur);
	if (ok("send s1 \"it's # not a comment => ok\"")) {
		IS(has_expect, false);
		tap_ok(C.data && strcmp(C.data, "it's # not a comment => ok") == 0,
		       "  %s: data keeps '#' and '=>'", cur);
	}
	if (ok("send s1 \"=>\"")) {
		IS(has_expect, false);
		IS(datalen, 2);
	}
	if (ok("send s1 100")) {
		IS(nbytes, 100);
		tap_ok(C.data == NULL, "  %s: no data for N", cur);
	}
	if (ok("send s1 0"))
		IS(nbytes, 0);
	if (ok("send s1 67108864"))
		IS(nbytes, 67108864L);
	if (ok("send cli \"hello\" => ok")) {
		IS(datalen, 5);
		IS(has_expect, true);
		IS(expect_errno, 0);
		IS(expect_col, 17);
	}
	if (ok("send cli 10 => EPIPE")) {
		IS(nbytes, 10);
		IS(expect_errno, EPIPE);
	}

	if (ok("sendto s1 127.0.0.1:9 \"ping\"")) {
		IS(kind, CMD_SENDTO);
		IS(addr_col, 10);
		tap_ok(v4_is(&C.addr, 127, 0, 0, 1), "  %s: addr", cur);
		IS(addr.port, 9);
		IS(datalen, 4);
		IS(nbytes, -1);
		no_extras();
	}
	if (ok("sendto s1 [::1]:53 512")) {
		tap_ok(v6_is(&C.addr, &lo6), "  %s: addr ::1", cur);
		IS(addr.port, 53);
		IS(nbytes, 512);
		tap_ok(C.data == NULL, "  %s: no data for N", cur);
	}
	if (ok("sendto u 239.1.2.3:5000 \"x\" => EMSGSIZE")) {
		IS(addr.port, 5000);
		IS(expect_errno, EMSGSIZE);
	}

	if (ok("recv s1")) {
		IS(kind, CMD_RECV);
		IS(value_set, false);
		IS(value, 65536);
		no_extras();
	}
	if (ok("recv s1 10")) {
		IS(value, 10);
		IS(value_set, true);
	}
	if (ok("recv s1 1"))
		IS(value, 1);
	if (ok("recv s1 65536"))
		IS(value, 65536);
	if (ok("recv conn => ok"))
		IS(has_expect, true);
	if (ok("recv conn 5 => EAGAIN")) {
		IS(value, 5);
		IS(expect_errno, EAGAIN);
	}
}

static void test_shutdown_close(void)
{
	if (ok("shutdown s1 rd")) {
		IS(kind, CMD_SHUTDOWN);
		IS(value, SHUT_RD);
		no_extras();
	}
	if (ok("shutdown s1 wr"))
		IS(value, SHUT_WR);
	if (ok("shutdown s1 rdwr"))
		IS(value, SHUT_RDWR);
	if (ok("shutdown s1 RDWR => ENOTCONN")) {
		IS(value, SHUT_RDWR);
		IS(expect_errno, ENOTCONN);
	}
	if (ok("close s1")) {
		IS(kind, CMD_CLOSE);
		IS_STR(sock.name, "s1");
		IS(sock.col, 6);
		no_extras();
	}
	if (ok("close srv => EBADF"))
		IS(expect_errno, EBADF);
}

static void test_join_leave(void)
{
	if (ok("join s1 239.1.2.3")) {
		IS(kind, CMD_JOIN);
		IS(addr_col, 8);
		tap_ok(v4_is(&C.addr, 239, 1, 2, 3), "  %s: group", cur);
		IS(addr2.kind, ADDR_NONE);
		no_extras();
	}
	if (ok("join s1 239.1.2.3 192.168.0.1")) {
		tap_ok(v4_is(&C.addr2, 192, 168, 0, 1), "  %s: interface", cur);
		IS(addr2.port, -1);
	}
	if (ok("join s1 224.0.0.251 localhost"))
		IS(addr2.kind, ADDR_LOCALHOST);
	if (ok("join s1 224.0.0.0"))
		tap_ok(v4_is(&C.addr, 224, 0, 0, 0), "  %s: lowest group", cur);
	if (ok("join s1 239.255.255.255"))
		tap_ok(v4_is(&C.addr, 239, 255, 255, 255), "  %s: highest group", cur);
	if (ok("join u 239.255.255.250 => ok"))
		IS(has_expect, true);
	if (ok("leave s1 239.1.2.3")) {
		IS(kind, CMD_LEAVE);
		tap_ok(v4_is(&C.addr, 239, 1, 2, 3), "  %s: group", cur);
	}
	if (ok("leave s1 239.1.2.3 127.0.0.1 => EADDRNOTAVAIL")) {
		IS(kind, CMD_LEAVE);
		tap_ok(v4_is(&C.addr2, 127, 0, 0, 1), "  %s: interface", cur);
		IS(expect_errno, EADDRNOTAVAIL);
	}
}

static void test_processes(void)
{
	if (ok("spawn web")) {
		IS(kind, CMD_SPAWN);
		IS_STR(sock.name, "web");
		IS(sock.col, 6);
		IS(value, -1);
		IS(value_set, false);
		no_extras();
	}
	if (ok("spawn web uid 1000")) {
		IS(value, 1000);
		IS(value_set, true);
	}
	if (ok("spawn web uid 1000 gid 2000")) {
		IS(value, 1000);
		IS(gid, 2000);
	}
	if (ok("spawn web uid 1000"))
		IS(gid, -1);
	if (ok("spawn root uid 0")) {
		IS(value, 0);
		IS(value_set, true);
	}
	if (ok("spawn w => ok"))
		IS(has_expect, true);
	if (ok("fork main")) {
		IS(kind, CMD_FORK);
		IS_STR(sock.name, "main");
		IS(as.col, -1);
		no_extras();
	}
	if (ok("fork main as child")) {
		IS_STR(as.name, "child");
		IS(as.col, 13);
	}
	if (ok("fork main as child => ok")) {
		IS_STR(as.name, "child");
		IS(has_expect, true);
	}
	if (ok("exit child")) {
		IS(kind, CMD_EXIT);
		IS_STR(sock.name, "child");
		IS(sock.col, 5);
		no_extras();
	}
	if (ok("exit child => ok"))
		IS(has_expect, true);
	if (ok("kill web")) {
		IS(kind, CMD_KILL);
		IS_STR(sock.name, "web");
		no_extras();
	}
	if (ok("kill web => ESRCH"))
		IS(expect_errno, ESRCH);
	if (ok("use web")) {
		IS(kind, CMD_USE);
		IS_STR(sock.name, "web");
		IS(sock.col, 4);
		no_extras();
	}
}

static void test_prefix(void)
{
	if (ok("main: socket tcp")) {
		IS(kind, CMD_SOCKET);
		IS_STR(proc.name, "main");
		IS(proc.col, 0);
	}
	if (ok("  web:   bind s1 *:80")) {
		IS(kind, CMD_BIND);
		IS_STR(proc.name, "web");
		IS(proc.col, 2);
		IS(sock.col, 14);
		IS(addr_col, 17);
	}
	if (ok("child: close s1 => ok")) {
		IS_STR(proc.name, "child");
		IS(has_expect, true);
		IS(expect_col, 16);
	}
	if (ok("web:\tshow")) {
		IS(kind, CMD_SHOW);
		IS_STR(proc.name, "web");
	}
	if (ok("worker-2.b: send s1 \"x\""))
		IS_STR(proc.name, "worker-2.b");
	if (ok("abcdefghijklmnopqrstuvwxyz01234: pause"))
		IS_STR(proc.name, "abcdefghijklmnopqrstuvwxyz01234");
	/* only the first word can be a prefix: ':' in operands is an address */
	if (ok("connect s1 127.0.0.1:80")) {
		IS(proc.col, -1);
		IS(addr.port, 80);
	}
}

static void test_show_say_pause(void)
{
	if (ok("show")) {
		IS(kind, CMD_SHOW);
		no_extras();
	}
	if (ok("SHOW  # the kernel view"))
		IS(kind, CMD_SHOW);
	if (ok("pause"))
		IS(kind, CMD_PAUSE);
	if (ok("say hello world")) {
		IS(kind, CMD_SAY);
		IS_STR(text, "hello world");
		no_extras();
	}
	if (ok("say \"quoted text\""))
		IS_STR(text, "quoted text");
	if (ok("say 'single'"))
		IS_STR(text, "single");
	if (ok("say    padded    \r\n"))
		IS_STR(text, "padded");
	/* quotes are only stripped when the whole text is one quoted string */
	if (ok("say \"hello\" is sent, \"bye\" is not"))
		IS_STR(text, "\"hello\" is sent, \"bye\" is not");
	if (ok("say 'a' \"b\""))
		IS_STR(text, "'a' \"b\"");
	if (ok("say \"\"x\"\""))
		IS_STR(text, "\"\"x\"\"");
	if (ok("say \" spaced \""))
		IS_STR(text, " spaced ");
	if (ok("say \"only a leading quote"))
		IS_STR(text, "\"only a leading quote");
	/* say takes the rest of the line: '=>' and '#' are narration there */
	if (ok("say bind s2 127.0.0.1:3459 => EADDRINUSE, the port is taken")) {
		IS_STR(text, "bind s2 127.0.0.1:3459 => EADDRINUSE, the port is taken");
		IS(has_expect, false);
	}
	if (ok("say Recv-Q counts it: 5 bytes"))
		IS_STR(text, "Recv-Q counts it: 5 bytes");
	if (ok("say caf\xc3\xa9 \xe2\x86\x92 ok"))
		IS_STR(text, "caf\xc3\xa9 \xe2\x86\x92 ok");
	if (ok("title First server: one listener")) {
		IS(kind, CMD_TITLE);
		IS_STR(text, "First server: one listener");
	}
	if (ok("about A TCP server is a socket that is bound.")) {
		IS(kind, CMD_ABOUT);
		IS_STR(text, "A TCP server is a socket that is bound.");
	}
}

static void test_wait(void)
{
	if (ok("wait 300ms")) {
		IS(kind, CMD_WAIT);
		IS(duration_ms, 300);
		IS(sock.col, -1);
		IS(state, -1);
		no_extras();
	}
	if (ok("wait 2s"))
		IS(duration_ms, 2000);
	if (ok("wait 1.5s"))
		IS(duration_ms, 1500);
	if (ok("wait 0ms"))
		IS(duration_ms, 0);
	if (ok("wait 0s"))
		IS(duration_ms, 0);
	if (ok("wait 600s"))
		IS(duration_ms, 600000);
	if (ok("wait 600000ms"))
		IS(duration_ms, 600000);
	if (ok("wait 2.25s"))
		IS(duration_ms, 2250);
	if (ok("wait s1 ESTAB")) {
		IS_STR(sock.name, "s1");
		IS(sock.col, 5);
		IS(state, KS_ESTABLISHED);
		IS_STR(state_name, "ESTAB");
		IS(duration_ms, -1);
	}
	if (ok("wait srv listen 2s")) {
		IS(state, KS_LISTEN);
		IS_STR(state_name, "LISTEN");
		IS(duration_ms, 2000);
	}
	if (ok("wait cli SYN-SENT 500ms")) {
		IS(state, KS_SYN_SENT);
		IS(duration_ms, 500);
	}
	if (ok("wait cli time-wait"))
		IS_STR(state_name, "TIME-WAIT");
}

static void test_expect(void)
{
	static const struct { const char *name; int state; } states[] = {
		{ "LISTEN", KS_LISTEN }, { "ESTAB", KS_ESTABLISHED },
		{ "SYN-SENT", KS_SYN_SENT }, { "SYN-RECV", KS_SYN_RECV },
		{ "FIN-WAIT-1", KS_FIN_WAIT1 }, { "FIN-WAIT-2", KS_FIN_WAIT2 },
		{ "TIME-WAIT", KS_TIME_WAIT }, { "CLOSE-WAIT", KS_CLOSE_WAIT },
		{ "LAST-ACK", KS_LAST_ACK }, { "CLOSING", KS_CLOSING },
		{ "UNCONN", KS_CLOSE }, { "BOUND", KS_CLOSE },
	};
	struct in6_addr lo6 = IN6ADDR_LOOPBACK_INIT;
	char line[128];

	if (ok("expect LISTEN 127.0.0.1:3459")) {
		IS(kind, CMD_EXPECT);
		IS(state, KS_LISTEN);
		IS_STR(state_name, "LISTEN");
		IS(negate, false);
		IS(expect_proto, 0);
		tap_ok(v4_is(&C.addr, 127, 0, 0, 1), "  %s: addr", cur);
		IS(addr.port, 3459);
		IS(addr_col, 14);
		IS(addr2.kind, ADDR_NONE);
		no_extras();
	}
	if (ok("expect no LISTEN 127.0.0.1:3459")) {
		IS(negate, true);
		IS(expect_proto, 0);
		IS(addr_col, 17);
	}
	if (ok("expect tcp ESTAB 127.0.0.1:3459 127.0.0.1:40000")) {
		IS(negate, false);
		IS(expect_proto, IPPROTO_TCP);
		IS(addr.port, 3459);
		tap_ok(v4_is(&C.addr2, 127, 0, 0, 1), "  %s: peer", cur);
		IS(addr2.port, 40000);
	}
	if (ok("expect no udp UNCONN *:5353")) {
		IS(negate, true);
		IS(expect_proto, IPPROTO_UDP);
		IS(state, KS_CLOSE);
		IS_STR(state_name, "UNCONN");
		IS(addr.kind, ADDR_ANY);
		IS(addr_col, 21);
	}
	if (ok("expect BOUND 0.0.0.0:80")) {
		IS(state, KS_CLOSE);
		IS_STR(state_name, "BOUND");
	}
	if (ok("expect time-wait [::1]:80 [::1]:5000")) {
		IS_STR(state_name, "TIME-WAIT");
		tap_ok(v6_is(&C.addr, &lo6) && v6_is(&C.addr2, &lo6),
		       "  %s: both IPv6", cur);
		IS(addr2.port, 5000);
	}
	if (ok("expect segment s2 -> srv SYN+ACK")) {
		IS(kind, CMD_EXPECT);
		IS(segment, true);
		IS(negate, false);
		IS_STR(seg[0].sock.name, "s2");
		IS_STR(seg[1].sock.name, "srv");
		IS(seg_flags, SEG_SYN | SEG_ACK);
	}
	if (ok("expect no segment 127.0.0.1:3459 -> s4 R")) {
		IS(negate, true);
		IS(seg[0].sock.col, -1);
		IS(seg[0].addr.port, 3459);
		IS(seg[1].sock.col, 36);
		IS(seg_flags, SEG_RST);
	}
	if (ok("expect segment s1 -> s2 F."))
		IS(seg_flags, SEG_FIN | SEG_ACK);
	if (ok("expect segment s1 -> s2 psh+ack"))
		IS(seg_flags, SEG_PSH | SEG_ACK);
	if (ok("show wire"))
		IS(segment, true);
	if (ok("sysctl net.ipv4.tcp_syn_retries 2")) {
		IS(kind, CMD_SYSCTL);
		IS_STR(text, "net.ipv4.tcp_syn_retries");
		IS_STR(data, "2");
	}
	if (ok("sysctl net.ipv4.ip_local_port_range \"50000 50001\"")) {
		IS_STR(data, "50000 50001");
		IS(datalen, 11);
	}
	if (ok("sysctl net.core.somaxconn")) {
		IS_STR(text, "net.core.somaxconn");
		tap_ok(C.data == NULL, "  %s: no value: a read", cur);
	}
	if (ok("show"))
		IS(segment, false);
	if (ok("show b")) {
		IS_STR(host.name, "b");
		IS(host.col, 5);
	}
	if (ok("sysctl b net.ipv4.tcp_syn_retries 2")) {
		IS_STR(host.name, "b");
		IS_STR(text, "net.ipv4.tcp_syn_retries");
		IS_STR(data, "2");
	}
	if (ok("spawn web on b uid 5 gid 6")) {
		IS_STR(host.name, "b");
		IS(value, 5);
		IS(gid, 6);
	}
	if (ok("spawn web"))
		IS(host.col, -1);
	if (ok("expect on b no SYN-RECV 10.0.0.2:80")) {
		IS_STR(host.name, "b");
		IS(negate, true);
	}
	if (ok("host b")) {
		IS(kind, CMD_HOST);
		IS_STR(host.name, "b");
		IS(nhaddr, 0);
	}
	if (ok("host client 10.0.0.3 10.0.1.3/24 fd00::3")) {
		IS(nhaddr, 3);
		IS(haddr[0].family, AF_INET);
		IS(haddr[0].prefix, 24);
		IS(haddr[1].a.s6_addr[2], 1);
		IS(haddr[2].family, AF_INET6);
		IS(haddr[2].prefix, 64);
	}
	if (ok("wire"))
		IS(wire_op, WIRE_STATE);
	if (ok("wire hold"))
		IS(wire_op, WIRE_HOLD);
	if (ok("wire release"))
		IS(wire_op, WIRE_RELEASE);
	if (ok("wire step")) {
		IS(wire_op, WIRE_STEP);
		IS(value, 1);
	}
	if (ok("wire step 3"))
		IS(value, 3);
	if (ok("wire delay 200ms")) {
		IS(wire_op, WIRE_DELAY);
		IS(duration_ms, 200);
	}
	if (ok("wire drop next")) {
		IS(wire_op, WIRE_DROP_NEXT);
		IS(value, 1);
		IS(seg_flags, 0);
	}
	if (ok("wire drop next 2 SYN+ACK")) {
		IS(value, 2);
		IS(seg_flags, SEG_SYN | SEG_ACK);
	}
	if (ok("wire drop next FIN"))
		IS(seg_flags, SEG_FIN);
	if (ok("wire drop next 0")) {
		IS(wire_op, WIRE_DROP_NEXT);
		IS(value, 0);
	}
	if (ok("wire drop 25%")) {
		IS(wire_op, WIRE_DROP_SHARE);
		IS(value, 25);
		IS(gid, 1);
	}
	if (ok("wire drop 25% seed 9"))
		IS(gid, 9);
	if (ok("wire dup next")) {
		IS(wire_op, WIRE_DUP_NEXT);
		IS(value, 1);
	}
	if (ok("wire dup next 4"))
		IS(value, 4);
	if (ok("wire dup next 0"))
		IS(value, 0);
	if (ok("wire down"))
		IS(wire_op, WIRE_DOWN);
	if (ok("wire up"))
		IS(wire_op, WIRE_UP);
	if (ok("wire unknown drop")) {
		IS(wire_op, WIRE_UNKNOWN);
		IS(value, 0);
	}
	if (ok("wire unknown icmp"))
		IS(value, 1);
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		snprintf(line, sizeof(line), "expect %s localhost:1", states[i].name);
		if (ok(line)) {
			IS(state, states[i].state);
			IS_STR(state_name, states[i].name);
		}
	}
}

static void test_expectations(void)
{
	static const struct { const char *name; int err; } errs[] = {
		{ "ok", 0 }, { "EADDRINUSE", EADDRINUSE },
		{ "EWOULDBLOCK", EAGAIN }, { "EAGAIN", EAGAIN },
		{ "ECONNREFUSED", ECONNREFUSED }, { "EINPROGRESS", EINPROGRESS },
		{ "ENOTSUP", EOPNOTSUPP }, { "EOPNOTSUPP", EOPNOTSUPP },
		{ "eaddrnotavail", EADDRNOTAVAIL }, { "ETIMEDOUT", ETIMEDOUT },
		{ "ECONNRESET", ECONNRESET }, { "EISCONN", EISCONN },
	};
	char line[128];

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		snprintf(line, sizeof(line), "connect s1 127.0.0.1:1  =>   %s  ",
			 errs[i].name);
		if (ok(line)) {
			IS(has_expect, true);
			IS(expect_errno, errs[i].err);
			IS(expect_col, 24);
			IS(addr.port, 1);
		}
	}
	/* without an expectation */
	if (ok("connect s1 127.0.0.1:1")) {
		IS(has_expect, false);
		IS(expect_errno, 0);
	}
}

static void test_tables(void)
{
	const char *const *names = command_names();
	size_t n;
	bool all = true;

	for (n = 0; names[n]; n++)
		;
	tap_is_int(n, CMD_COUNT - 1, "command_names: one per command");
	for (int k = CMD_NONE + 1; k < CMD_COUNT; k++) {
		const char *u = command_usage((enum cmd_kind)k);
		const char *nm = command_name((enum cmd_kind)k);

		if (!nm[0] || strncmp(u, nm, strlen(nm)) != 0 ||
		    strcmp(names[k - 1], nm) != 0) {
			printf("# kind %d: name '%s' usage '%s'\n", k, nm, u);
			all = false;
		}
	}
	tap_ok(all, "every command has a name and a usage that starts with it");
	tap_is_str(command_name(CMD_NONE), "", "command_name(CMD_NONE) is empty");
	tap_is_str(command_name(CMD_COUNT), "", "command_name(CMD_COUNT) is empty");
	tap_is_str(command_name(CMD_SENDTO), "sendto", "command_name(CMD_SENDTO)");
	tap_is_str(command_usage(CMD_BIND), "bind SOCK ADDR[:PORT] | PATH | @NAME",
		   "command_usage(CMD_BIND)");
	tap_is_str(command_usage(CMD_NONE), "", "command_usage(CMD_NONE)");

	for (int k = OPT_NONE + 1; k < OPT_COUNT; k++) {
		char line[96];
		const struct sockopt_def *d = sockopt_get((enum sock_opt)k);
		const char *val = d->kind == SOV_ADDR4 ? "127.0.0.1" :
				  d->kind == SOV_IFNAME ? "lo" : "1";

		snprintf(line, sizeof(line), "set s1 %s %s", d->name, val);
		command_free(&C);
		if (command_parse(line, &C, &E) != 0 || C.opt != (enum sock_opt)k) {
			printf("# option %d '%s' does not parse back\n", k, d->name);
			all = false;
		}
	}
	tap_ok(all, "every option name parses back to its option");
}

/* ---- errors -------------------------------------------------------------- */

static void test_errors_general(void)
{
	bad("frobnicate s1", 0, "unknown command 'frobnicate'");
	bad("  bnid s1 *:80", 2, "unknown command 'bnid'");
	bad("sock tcp", 0, "unknown command 'sock'");
	bad("main: frob", 6, "unknown command 'frob'");
	bad("=> ok", 0, "unknown command '=>'");
	bad("\"show\"", 0, "unknown command");
	/* the prefix needs a space after the colon */
	bad("main:show", 0, "unknown command 'main:show'");
	/* a long unknown word is cut in the message */
	bad("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 0,
	    "unknown command 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'");

	/* prefix */
	bad("main:", 5, "a command must follow 'main:'");
	bad("main:   ", 8, "a command must follow");
	bad("main: # comment", 6, "a command must follow");
	bad("9x: show", 0, "'9x': not a process name");
	bad("a!b: show", 0, "not a process name");
	bad("  abcdefghijklmnopqrstuvwxyz012345: show", 2,
	    "'abcdefghijklmnopqrst...': the name is too long (at most 31 "
	    "characters)");
	bad("main: say hello", 0, "'say' takes no process prefix");
	bad("web: title T", 0, "takes no process prefix");

	/* too many words (12 at most) */
	bad("show a b c d e f g h i j k l", 27, "too many words");
	bad("send s1 \"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\" \"i\" \"j\" \"k\"",
	    48, "too many words");

	/* strings */
	bad("send s1 \"abc", 8, "unterminated string");
	bad("send s1 'abc\"", 8, "unterminated string");
	bad("send s1 \"abc\\", 12, "unterminated string");
	bad("send s1 \"a\\qb\"", 10, "unknown escape '\\q'");
	bad("send s1 \"\\x4\"", 9, "\\x needs two hex digits");
	bad("send s1 \"\\xZZ\"", 9, "\\x needs two hex digits");
	bad("send s1 \"\\x", 9, "\\x needs two hex digits");
	bad("send s1 \"\\x\xc3\xa9\"", 9, "\\x needs two hex digits");
	bad("send s1 \"abc\"x", 13, "expected a space after the closing quote");
	bad("send s1 \"abc\"# c", 13, "expected a space after the closing quote");

	/* names */
	bad("close 1s", 6, "'1s': not a socket name");
	bad("close a/b", 6, "not a socket name");
	bad("close \"s1\"", 6, "not a socket name");
	bad("close abcdefghijklmnopqrstuvwxyz012345", 6,
	    "'abcdefghijklmnopqrst...': the name is too long (at most 31 "
	    "characters)");
	bad("spawn abcdefghijklmnopqrstuvwxyz012345", 6,
	    "the name is too long (at most 31 characters)");
	/* not a name at all: that first */
	bad("close abcdefghijklmnopqrs\xc3\xa9" "abcdefghijklmnopqrstuvwxyz", 6,
	    "not a socket name");
	bad("abcdefghijklmnopqrstuvwxyz/012345: show", 0, "not a process name");
	bad("close caf\xc3\xa9", 6, "not a socket name");
	bad("spawn 9web", 6, "'9web': not a process name");
	bad("use w@b", 4, "not a process name");
}

static void test_errors_expectation(void)
{
	bad("bind s1 *:80 =>", 15, "'=>' needs ok or an errno name");
	bad("bind s1 *:80 =>   ", 15, "'=>' needs ok or an errno name");
	bad("bind s1 *:80 => # c", 15, "'=>' needs ok");
	bad("bind s1 *:80 => EFOO", 16, "'EFOO': not an errno name");
	bad("bind s1 *:80 => \"ok\"", 16, "not an errno name");
	bad("bind s1 *:80 => 98", 16, "not an errno name");
	bad("bind s1 *:80 => ok extra", 19, "nothing may follow the expectation");
	bad("bind s1 *:80 => ok => ok", 19, "nothing may follow");
	bad("show => ok", 5, "'show' takes no '=>' expectation");
	bad("pause => ok", 6, "'pause' takes no '=>'");
	bad("use web => ok", 8, "'use' takes no '=>'");
	bad("wait 2s => ok", 8, "'wait DURATION' takes no '=>'");
	bad("expect LISTEN 1.2.3.4:5 => ok", 24, "'expect' takes no '=>'");
	/* the expectation is cut before the operands are counted */
	bad("close => ok", 5, "usage: close SOCK");
	bad("bind s1 => EADDRINUSE", 7, "usage: bind SOCK ADDR[:PORT]");
}

static void test_errors_socket_set(void)
{
	char line[256];

	bad("socket", 6, "usage: socket tcp|udp [4|6] [as NAME]");
	bad("socket tcp 4 as x y", 18, "usage: socket");
	bad("socket tcp 4 as x y z", 18, "usage: socket");
	bad("socket sctp", 7, "expected tcp, udp or unix");
	bad("socket \"tcp\"", 7, "expected tcp, udp or unix");
	bad("socket unix", 11, "expected stream, dgram or seqpacket");
	bad("socket unix raw", 12, "expected stream, dgram or seqpacket");
	bad("bind s1 @", 8, "'@' needs a NAME");
	bad("bind s1 \"\"", 8, "an empty path");
	bad("bind s1 \"a\\0b\"", 8, "a path cannot hold a NUL byte");
	bad("unlink @x", 7, "an abstract name is no file");
	bad("socketpair stream as a a", 23, "the two ends need two names");
	bad("socketpair stream a b", 21, "usage: socketpair");
	bad("socketpair stream as s1 b", 21, "looks like a socket id");
	bad("sendfd s1", 9, "usage: sendfd");
	bad("socket tcp 5", 11, "expected 4, 6 or 'as NAME'");
	bad("socket tcp 46", 11, "expected 4, 6 or 'as NAME'");
	bad("socket tcp 4 x", 13, "usage: socket");
	bad("socket tcp as", 13, "'as' needs a NAME");
	bad("socket tcp as  # c", 13, "'as' needs a NAME");
	bad("socket tcp as s5", 14, "'s5' looks like a socket id");
	bad("socket tcp as s0", 14, "looks like a socket id");
	bad("socket tcp as s123", 14, "looks like a socket id");
	bad("socket tcp as 9lives", 14, "'9lives': not a socket name");
	bad("socket tcp as a/b", 14, "not a socket name");
	bad("socket tcp as -x", 14, "not a socket name");
	bad("socket tcp as \"q\"", 14, "not a socket name");
	bad("socket tcp as abcdefghijklmnopqrstuvwxyz012345", 14, "the name is too long");
	snprintf(line, sizeof(line), "socket tcp as %0200d", 0);
	bad(line, 14, "not a socket name");

	bad("set", 3, "usage: set SOCK OPTION [VALUE]");
	bad("set s1", 6, "usage: set");
	bad("set s1 ttl 1 2", 13, "usage: set");
	bad("set 1s reuseaddr", 4, "not a socket name");
	bad("set s1 reuse on", 7, "'reuse': unknown option");
	bad("set s1 \"reuseaddr\"", 7, "unknown option");
	bad("set s1 SO_REUSEADDR", 7, "unknown option (reuseaddr reuseport");
	bad("set s1 reuseaddrreuseaddrreuseaddrreuseaddr", 7, "unknown option");
	bad("set s1 linger", 13, "linger needs a value");
	bad("set s1 ttl", 10, "ttl needs a value");
	bad("set s1 rcvbuf", 13, "rcvbuf needs a value");
	bad("set s1 sndbuf  # c", 13, "sndbuf needs a value");
	bad("set s1 multicast-if", 19, "multicast-if needs a value");
	bad("set s1 nodelay maybe", 15, "expected on or off");
	bad("set s1 reuseaddr 2", 17, "expected on or off");
	bad("set s1 multicast-loop \"on\"", 22, "expected on or off");
	bad("set s1 ttl -1", 11, "ttl: -1 is out of range");
	bad("set s1 rcvbuf 99999999999999999999", 14, "out of range");
	bad("set s1 rcvbuf 2147483648", 14, "out of range");
	bad("set s1 rcvbuf 12k", 14, "'12k' is not a number");
	bad("set s1 rcvbuf 0x10", 14, "is not a number");
	bad("set s1 sndbuf \"5\"", 14, "expected a number");
	bad("set s1 ttl 123456789012345678901234567890123", 11, "expected a number");
	bad("set s1 linger -5", 14, "out of range");
	bad("set s1 linger on", 14, "is not a number");
	bad("set s1 multicast-if nowhere", 20, "not an address");
	bad("set s1 multicast-if 1.2.3.4:80", 20, "not an address");
}

static void test_errors_addresses(void)
{
	bad("bind", 4, "usage: bind SOCK ADDR[:PORT]");
	bad("bind s1", 7, "usage: bind");
	bad("bind s1 *:80 extra", 13, "usage: bind");
	bad("bind s1 127.0.0.1:70000", 18, "port 70000 is out of range (0-65535)");
	bad("bind s1 127.0.0.1:65536", 18, "out of range");
	bad("bind s1 [::1]:99999999", 14, "out of range");
	bad("bind s1 127.0.0.1:abc", 18, "'abc': not a port number");
	bad("bind s1 127.0.0.1:", 18, "not a port number");
	bad("bind s1 1.2.3.4:-1", 16, "not a port number");
	bad("bind s1 1.2.3.4:+1", 16, "not a port number");
	bad("bind s1 999.1.1.1:80", 8, "not an address");
	bad("bind s1 1.2.3:80", 8, "not an address");
	bad("bind s1 example.com:80", 8, "not an address");
	bad("bind s1 :80", 8, "not an address");
	bad("bind s1 [::1:80", 8, "missing ']'");
	bad("bind s1 [::1]80", 13, "expected ':PORT' after ']'");
	bad("bind s1 [127.0.0.1]:80", 8, "not an address");
	bad("bind s1 []:80", 8, "not an address");
	bad("bind s1 [::1]:", 14, "not a port number");
	/* quoted: a UNIX path, whatever it holds (the socket's family says at
	   run time whether a path will do) */

	bad("connect", 7, "usage: connect SOCK ADDR:PORT");
	bad("connect s1", 10, "usage: connect");
	bad("connect s1 127.0.0.1", 20, "a port is needed");
	bad("connect s1 [::1]", 16, "a port is needed");
	bad("connect s1 localhost", 20, "a port is needed");
	bad("connect s1 a:1 b", 15, "usage: connect");
	bad("connect s1 a:1", 11, "not an address");
	bad("connect s1 127.0.0.1:1 b", 23, "usage: connect");
	bad("connect s1 localhost:http", 21, "'http': not a port number");
	bad("connect s1 127.0.0.1:70000 => ok", 21, "out of range");
}

static void test_errors_commands(void)
{
	bad("listen", 6, "usage: listen SOCK [BACKLOG]");
	bad("listen s1 5 6", 12, "usage: listen");
	bad("listen s1 65536", 10, "backlog: 65536 is out of range (0-65535)");
	bad("listen s1 -1", 10, "out of range");
	bad("listen s1 99999999999999999999999", 10, "out of range");
	bad("listen s1 many", 10, "'many' is not a number");
	bad("listen s1 5x", 10, "is not a number");

	bad("accept", 6, "usage: accept SOCK [as NAME]");
	bad("accept s1 as", 12, "'as' needs a NAME");
	bad("accept s1 as c d", 15, "usage: accept");
	bad("accept s1 into c", 10, "usage: accept");
	bad("accept s1 as s12", 13, "looks like a socket id");
	bad("accept s1 as 1c", 13, "not a socket name");

	bad("send", 4, "usage: send SOCK");
	bad("send s1", 7, "usage: send");
	bad("send s1 \"a\" \"b\"", 12, "usage: send");
	bad("send s1 hello", 8, "expected \"TEXT\" in quotes or a byte count N");
	bad("send s1 -5", 8, "expected \"TEXT\"");
	bad("send s1 67108865", 8, "out of range");
	bad("send s1 10x", 8, "is not a number");

	bad("sendto", 6, "usage: sendto SOCK ADDR:PORT");
	bad("sendto s1 127.0.0.1:9", 21, "usage: sendto");
	bad("sendto s1 127.0.0.1 \"x\"", 19, "a port is needed");
	bad("sendto s1 127.0.0.1:9 \"x\" y", 26, "usage: sendto");
	bad("sendto s1 127.0.0.1:9 x", 22, "expected \"TEXT\"");

	bad("recv", 4, "usage: recv SOCK [MAX]");
	bad("recv s1 0", 8, "max bytes: 0 is out of range (1-65536)");
	bad("recv s1 65537", 8, "out of range");
	bad("recv s1 -1", 8, "out of range");
	bad("recv s1 1 2", 10, "usage: recv");

	bad("shutdown", 8, "usage: shutdown SOCK rd|wr|rdwr");
	bad("shutdown s1", 11, "usage: shutdown");
	bad("shutdown s1 both", 12, "expected rd, wr or rdwr");
	bad("shutdown s1 rd wr", 15, "usage: shutdown");

	bad("close", 5, "usage: close SOCK");
	bad("close s1 s2", 9, "usage: close");

	bad("join", 4, "usage: join SOCK GROUP [IFADDR]");
	bad("join s1", 7, "usage: join");
	bad("join s1 10.0.0.1", 8, "the group must be an IPv4 multicast address");
	bad("join s1 223.255.255.255", 8, "multicast");
	bad("join s1 240.0.0.1", 8, "multicast");
	bad("join s1 [ff02::1]", 8, "must be an IPv4 multicast");
	bad("join s1 ff02::1", 8, "must be an IPv4 multicast");
	bad("join s1 *", 8, "multicast");
	bad("join s1 bogus", 8, "not an address");
	bad("join s1 239.1.1.1:5000", 8, "not an address");
	bad("join s1 239.1.1.1 [::1]", 18, "the interface address must be IPv4");
	bad("join s1 239.1.1.1 nowhere", 18, "not an address");
	bad("join s1 239.1.1.1 1.2.3.4 x", 26, "usage: join");
	bad("leave", 5, "usage: leave SOCK GROUP");
	bad("leave s1 10.0.0.1", 9, "multicast");

	bad("spawn", 5, "usage: spawn NAME [on HOST] [uid N [gid G]]");
	bad("spawn web uid", 13, "'uid' needs a number");
	bad("spawn web uid  # c", 13, "'uid' needs a number");
	bad("spawn web user 5", 10, "expected 'on HOST' or 'uid N'");
	bad("spawn web 1000", 10, "expected 'on HOST' or 'uid N'");
	bad("spawn web on", 12, "'on' needs a HOST");
	bad("spawn web on 9b", 13, "'9b': not a host name");
	bad("spawn web on b 5", 15, "expected 'uid N'");
	bad("host", 4, "usage: host NAME");
	bad("host 9b", 5, "not a host name");
	bad("host abcdefghijklmnopq", 5, "at most 16 characters");
	bad("host b 10.0.0", 7, "'10.0.0' is not an IPv4 or IPv6 address");
	bad("host b 10.0.0.2/33", 7, "'/33' is not a prefix length (0-32)");
	bad("host b fd00::2/129", 7, "'/129' is not a prefix length (0-128)");
	bad("host b 10.0.0.2/", 7, "is not a prefix length");
	bad("host b \"10.0.0.2\"", 7, "expected ADDR[/PREFIX]");
	bad("host b 1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5", 39, "usage: host");
	bad("wire hold 2", 10, "usage: wire");
	bad("wire sideways", 5, "usage: wire");
	bad("wire step 0", 10, "N: 0 is out of range (1-1000000)");
	bad("wire step 2 3", 12, "usage: wire");
	bad("wire delay", 10, "usage: wire");
	bad("wire delay 5", 12, "give a unit");
	bad("wire drop", 9, "expected 'drop next [N] [FLAGS]' or 'drop P%'");
	bad("wire drop 101%", 10, "expected a share: 0% to 100%");
	bad("wire drop 5", 10, "expected a share");
	bad("wire drop 5% sees 3", 13, "usage: wire");
	bad("wire drop next 2 SYN 3", 21, "usage: wire");
	bad("wire drop next BOGUS", 15, "expected flags");
	bad("wire dup", 5, "usage: wire");
	bad("wire unknown", 12, "usage: wire");
	bad("wire unknown reject", 13, "expected icmp or drop");
	bad("expect on b segment s1 -> s2 SYN", 12, "expect segment takes no host");
	bad("sysctl b", 8, "expected a network sysctl's name after the host");
	bad("sysctl b net.core.somaxconn 1 2", 30, "usage: sysctl");
	bad("spawn web uid x", 14, "uid: 'x' is not a number");
	bad("spawn web uid -1", 14, "out of range");
	bad("spawn web uid 99999999999", 14, "out of range");
	bad("spawn web uid 5 6", 16, "usage: spawn");
	bad("spawn web uid 5 gid", 19, "'gid' needs a number");
	bad("spawn web uid 5 gid x", 20, "gid: 'x' is not a number");
	bad("spawn web uid 5 gid 1 2", 22, "usage: spawn");

	bad("fork", 4, "usage: fork PROC [as NAME]");
	bad("fork main as", 12, "'as' needs a NAME");
	bad("fork main child", 10, "usage: fork");
	bad("fork main as c d", 15, "usage: fork");
	bad("exit", 4, "usage: exit PROC");
	bad("exit a b", 7, "usage: exit");
	bad("kill", 4, "usage: kill PROC");
	bad("kill a b", 7, "usage: kill");
	bad("use", 3, "usage: use PROC");
	bad("use a b", 6, "usage: use");

	bad("show now later", 9, "usage: show");
	bad("show 9b", 5, "not a host or socket name");
	bad("pause 1", 6, "usage: pause");
	bad("say", 3, "say needs TEXT");
	bad("say   ", 6, "say needs TEXT");
	bad("say \"\"", 5, "say needs TEXT");
	bad("title", 5, "title needs TEXT");
	bad("about  ", 7, "about needs TEXT");
}

static void test_errors_wait_expect(void)
{
	bad("wait", 4, "usage: wait DURATION | wait SOCK STATE [TIMEOUT]");
	bad("wait 300", 8, "give a unit, ms or s");
	bad("wait 1.5", 8, "give a unit");
	bad("wait 5m", 6, "give a unit");
	bad("wait 2sec", 6, "give a unit");
	bad("wait 601s", 5, "at most 600s");
	bad("wait 600001ms", 5, "at most 600s");
	bad("wait 1e9s", 5, "at most 600s");
	bad("wait -1s", 5, "expected a duration such as 300ms or 2s");
	bad("wait abc", 5, "expected a duration");
	bad("wait ms", 5, "expected a duration");
	bad("wait nanms", 5, "expected a duration");
	bad("wait nans", 5, "expected a duration");
	bad("wait 1e999s", 5, "expected a duration");
	bad("wait \"2s\"", 5, "expected a duration");
	bad("wait 123456789012345678901234567890123s", 5, "expected a duration");
	bad("wait s1 LISTEN 2s x", 18, "usage: wait");
	bad("wait s1 BOGUS", 8, "'BOGUS': not a state");
	bad("wait s1 LISTEN 2", 16, "give a unit");
	bad("wait 1s LISTEN", 5, "not a socket name");
	bad("wait s1 LISTENINGLISTENING", 8, "expected a state");

	bad("expect", 6, "usage: expect [on HOST] [no] [tcp|udp] STATE ADDR:PORT [PEER]");
	bad("expect LISTEN", 13, "usage: expect");
	bad("expect no", 9, "usage: expect");
	bad("expect no tcp LISTEN", 20, "usage: expect");
	bad("expect LISTEN 1.2.3.4:5 1.2.3.4:6 x", 34, "usage: expect");
	bad("expect LISTENING 1.2.3.4:5", 7, "'LISTENING': not a state (LISTEN, ESTAB");
	bad("expect CLOSED 1.2.3.4:5", 7, "not a state");
	bad("expect \"LISTEN\" 1.2.3.4:5", 7, "expected a state");
	bad("expect LISTEN 1.2.3.4", 21, "a port is needed");
	bad("expect LISTEN 1.2.3.4:99999", 22, "out of range");
	bad("expect ESTAB 1.2.3.4:5 1.2.3.4", 30, "a port is needed");
	bad("expect ESTAB 1.2.3.4:5 nowhere:1", 23, "not an address");
	bad("expect segment s1 s2 SYN", 24, "usage: expect [no] segment");
	bad("expect segment s1 => s2 SYN", 18, "'expect' takes no '=>'");
	bad("expect segment s1 - s2 SYN", 18, "expected '->'");
	bad("expect segment s1 -> s2 SYN+FOO", 24, "expected flags");
	bad("expect segment s1 -> s2 XYZ", 24, "expected flags");
	bad("expect segment s1 -> 1.2.3.4 SYN", 28, "a port is needed");
	bad("expect segment s1 -> s2", 23, "usage: expect [no] segment");
	bad("expect no segment s1 -> s2 SYN ACK", 31, "usage: expect [no] segment");
	bad("show wire now", 10, "usage: show");
	bad("sysctl", 6, "usage: sysctl");
	bad("sysctl kernel.hostname x", 7, "expected a network sysctl's name");
	bad("sysctl net..ipv4 1", 7, "expected a network sysctl's name");
	bad("sysctl net.ipv4/../x 1", 7, "expected a network sysctl's name");
	bad("sysctl net.ipv4. 1", 7, "expected a network sysctl's name");
	bad("sysctl net.core.somaxconn \"\"", 26, "expected a value on one line");
	bad("sysctl net.core.somaxconn 1 2", 28, "usage: sysctl");
	bad("expect no no LISTEN 1.2.3.4:5", 10, "'no': not a state");
	bad("expect udp tcp LISTEN 1.2.3.4:5", 11, "not a state");
}

/* ---- big inputs ----------------------------------------------------------- */

static void test_long_lines(void)
{
	size_t n = 100000;
	char *line = malloc(n + 64);
	size_t len;

	if (!line)
		abort();

	/* a long payload */
	len = (size_t)sprintf(line, "send s1 \"");
	memset(line + len, 'x', n);
	len += n;
	strcpy(line + len, "\" => ok");
	if (ok(line)) {
		IS(datalen, n);
		IS(has_expect, true);
	}
	/* a long payload of escapes */
	len = (size_t)sprintf(line, "send s1 \"");
	for (size_t i = 0; i < n / 4; i++, len += 4)
		memcpy(line + len, "\\x41", 4);
	strcpy(line + len, "\"");
	if (ok(line))
		IS(datalen, n / 4);
	/* a long name, a long address, a long number, a long command */
	len = (size_t)sprintf(line, "close ");
	memset(line + len, 'a', n);
	line[len + n] = '\0';
	bad(line, 6, "the name is too long (at most 31 characters)");
	len = (size_t)sprintf(line, "bind s1 ");
	memset(line + len, '1', n);
	line[len + n] = '\0';
	bad(line, 8, "expected an address");
	len = (size_t)sprintf(line, "listen s1 ");
	memset(line + len, '9', n);
	line[len + n] = '\0';
	bad(line, 10, "expected a number");
	memset(line, 'q', n);
	line[n] = '\0';
	bad(line, 0, "unknown command");
	/* a long prefix */
	memset(line, 'p', n);
	strcpy(line + n, ": show");
	bad(line, 0, "the name is too long (at most 31 characters)");
	/* a long say */
	len = (size_t)sprintf(line, "say ");
	memset(line + len, 'y', n);
	line[len + n] = '\0';
	if (ok(line))
		tap_is_int(strlen(C.text), n, "  %s: text length", cur);
	free(line);
}

/* ---- robustness ----------------------------------------------------------- */

static const char *const corpus[] = {
	"socket tcp", "socket udp 6 as srv", "socket tcp 4 as cli => ok",
	"set s1 reuseaddr", "set s1 reuseport on", "set srv v6only off",
	"set s1 nodelay 1", "set s1 keepalive 0", "set u broadcast",
	"set s1 linger 5", "set s1 linger off", "set s1 rcvbuf 65536",
	"set s1 sndbuf 4096 => ok", "set s1 ttl 64",
	"set u multicast-if 192.168.1.1", "set u multicast-loop off",
	"bind s1 127.0.0.1:3459", "bind s1 [::1]:80", "bind s1 *:80",
	"bind s1 0.0.0.0", "bind s1 [::]", "bind s1 localhost:8080",
	"bind srv 127.0.0.1:3459 => EADDRINUSE", "listen s1", "listen srv 5 => ok",
	"connect cli 127.0.0.1:3459 => ECONNREFUSED", "accept srv as conn => ok",
	"accept srv => EWOULDBLOCK", "send cli \"hello\\n\\t\\\\\\\"\\x41\\0\" => ok",
	"send s1 1000", "sendto u 239.1.2.3:5000 \"x\"", "sendto u [::1]:53 12",
	"recv conn", "recv conn 10 => EAGAIN", "shutdown s1 rd", "shutdown s1 rdwr",
	"close s1 => ok", "join u 239.1.2.3 192.168.0.1", "leave u 239.1.2.3",
	"spawn web uid 1000", "spawn w", "fork main as child", "exit child",
	"kill web => ok", "use web", "show", "say Hello: the \"kernel\" => view",
	"pause", "wait 300ms", "wait 1.5s", "wait s1 ESTAB 2s", "wait cli SYN-SENT",
	"expect LISTEN 127.0.0.1:3459", "expect no tcp ESTAB [::1]:80 [::1]:5000",
	"expect udp UNCONN *:5353", "title First server", "about Some words.",
	"main: socket tcp as x", "child: close s1 => ok", "# a comment", "",
	"bind s1 *:80 # comment", "send s1 'single \"quoted\"'",
};

static const char *const dictionary[] = {
	"as", "=>", "ok", "uid", "no", "tcp", "udp", "4", "6", "LISTEN", "BOUND",
	"0", "65536", "-1", "99999999999999999999", "1.5s", "nanms", "infs",
	"[::1]", "*:80", "main:", "\"", "'", "\\", "s1", "s5", "[", "]", ":",
	"#", "\"\\x\"", "\"\\", "EWOULDBLOCK", "EBOGUS", "linger", "off",
	"multicast-if", "239.1.1.1", "::", "[::]:", "localhost:", "0x1p3s",
};

static const char *const snippets[] = {
	"\xc3\xa9", "\xe2\x86\x92", "\xef\xbb\xbf", "\xff", "\xfe\xff", "\xc0\x80",
	"\xed\xa0\x80", "\xf4\x90\x80\x80", "\x01", "\x1b[31m", "\x7f", "\r",
	"\v", "\f", "\t", "\x80", "\xc3", "\xe2\x86",
};

#define FUZZ_MAX 12000

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1DULL) >> 32);
}

static size_t rn(size_t n)
{
	return n ? rnd() % n : 0;
}

static size_t insert(char *buf, size_t len, size_t at, const char *s, size_t n)
{
	if (len + n >= FUZZ_MAX)
		n = FUZZ_MAX - 1 - len;
	memmove(buf + at + n, buf + at, len - at + 1);
	memcpy(buf + at, s, n);
	return len + n;
}

/* One mutation of buf (NUL-terminated, len bytes). Returns the new length. */
static size_t mutate(char *buf, size_t len)
{
	size_t at = rn(len + 1), n;
	char tmp[5000];

	switch (rn(11)) {
	case 0:		/* truncate */
		buf[at] = '\0';
		return at;
	case 1:		/* flip a byte */
		if (len) {
			buf[rn(len)] = (char)(1 + rn(255));
		}
		return len;
	case 2: {	/* insert a structural character */
		static const char chars[] = "\"'[]:=>#\\ \t,;";
		char c = chars[rn(sizeof(chars) - 1)];

		return insert(buf, len, at, &c, 1);
	}
	case 3:		/* a very long token */
		n = 1 + rn(sizeof(tmp));
		memset(tmp, "a9:[\"'\\x.-"[rn(10)], n);
		return insert(buf, len, at, tmp, n);
	case 4: {	/* non-ASCII, invalid UTF-8, control bytes */
		const char *s = snippets[rn(sizeof(snippets) / sizeof(snippets[0]))];

		return insert(buf, len, at, s, strlen(s));
	}
	case 5:		/* delete a range */
		n = rn(len - at + 1);
		memmove(buf + at, buf + at + n, len - at - n + 1);
		return len - n;
	case 6:		/* duplicate a range */
		n = rn(len - at + 1);
		if (n > sizeof(tmp))
			n = sizeof(tmp);
		memcpy(tmp, buf + at, n);
		return insert(buf, len, at, tmp, n);
	case 7: {	/* a keyword, with spaces around */
		const char *w = dictionary[rn(sizeof(dictionary) / sizeof(dictionary[0]))];

		n = (size_t)snprintf(tmp, sizeof(tmp), rn(2) ? " %s " : "%s", w);
		return insert(buf, len, at, tmp, n);
	}
	case 8: {	/* splice with another corpus line */
		const char *o = corpus[rn(sizeof(corpus) / sizeof(corpus[0]))];
		size_t from = rn(strlen(o) + 1);

		buf[at] = '\0';
		return insert(buf, at, at, o + from, strlen(o + from));
	}
	case 9:		/* random bytes */
		n = rn(200);
		for (size_t i = 0; i < n; i++)
			tmp[i] = (char)(1 + rn(255));
		return insert(buf, len, at, tmp, n);
	default:	/* a prefix */
		n = (size_t)snprintf(tmp, sizeof(tmp), "%s: ",
				     rn(2) ? "main" : dictionary[rn(10)]);
		return insert(buf, 0 + len, 0, tmp, n);
	}
}

struct fuzz_stats {
	int lines, accepted, rejected;
	int bad_rc, bad_col, bad_msg, bad_result, nondeterministic;
};

static void fuzz_fail(const char *what, const char *line, int *count)
{
	if ((*count)++ < 5)
		printf("# fuzz: %s: %s\n", what, printable(line));
}

static bool result_consistent(const struct command *c)
{
	if ((int)c->kind < CMD_NONE || c->kind >= CMD_COUNT)
		return false;
	if (!memchr(c->proc.name, 0, sizeof(c->proc.name)) ||
	    !memchr(c->sock.name, 0, sizeof(c->sock.name)) ||
	    !memchr(c->as.name, 0, sizeof(c->as.name)) ||
	    !memchr(c->state_name, 0, sizeof(c->state_name)))
		return false;
	if (c->kind == CMD_SEND || c->kind == CMD_SENDTO) {
		if ((c->data != NULL) == (c->nbytes >= 0))
			return false;
	} else if (c->data) {
		return false;
	}
	if (c->kind == CMD_SAY || c->kind == CMD_TITLE || c->kind == CMD_ABOUT) {
		if (!c->text || !c->text[0])
			return false;
	} else if (c->text) {
		return false;
	}
	if ((c->kind == CMD_WAIT && c->sock.col >= 0) || c->kind == CMD_EXPECT)
		if (c->state < 0 || !c->state_name[0])
			return false;
	if (c->kind == CMD_WAIT && c->duration_ms > 600000)
		return false;
	if (c->kind == CMD_NONE && c->proc.col >= 0)
		return false;
	return true;
}

static void fuzz_one(const char *line, struct fuzz_stats *st)
{
	size_t len = strlen(line);
	char *copy = malloc(len + 1);	/* exactly sized: overreads show */
	struct command c2;
	struct cmd_error e2;
	int rc, rc2;

	if (!copy)
		abort();
	memcpy(copy, line, len + 1);
	st->lines++;
	command_free(&C);
	rc = command_parse(copy, &C, &E);
	if (rc != 0 && rc != -1) {
		fuzz_fail("rc not 0/-1", line, &st->bad_rc);
	} else if (rc == -1) {
		st->rejected++;
		if (E.col < 0 || (size_t)E.col > len)
			fuzz_fail("err.col out of the line", line, &st->bad_col);
		if (!E.msg[0] || !memchr(E.msg, 0, sizeof(E.msg)))
			fuzz_fail("no message", line, &st->bad_msg);
	} else {
		st->accepted++;
		if (!result_consistent(&C))
			fuzz_fail("inconsistent result", line, &st->bad_result);
	}
	rc2 = command_parse(copy, &c2, &e2);
	if (rc2 != rc || (rc < 0 && (e2.col != E.col || strcmp(e2.msg, E.msg))) ||
	    (rc == 0 && c2.kind != C.kind))
		fuzz_fail("not deterministic", line, &st->nondeterministic);
	command_free(&c2);
	command_free(&C);
	command_free(&C);	/* idempotent */
	free(copy);
}

static void test_robustness(void)
{
	static char buf[FUZZ_MAX];
	struct fuzz_stats st = { 0 };
	size_t ncorpus = sizeof(corpus) / sizeof(corpus[0]);
	bool all = true;

	for (size_t i = 0; i < ncorpus; i++) {
		command_free(&C);
		if (command_parse(corpus[i], &C, &E) != 0) {
			printf("# corpus line rejected: %s (col %d: %s)\n",
			       printable(corpus[i]), E.col, printable(E.msg));
			all = false;
		}
	}
	tap_ok(all, "robustness: every corpus line is valid (%zu)", ncorpus);

	for (int iter = 0; iter < 6000; iter++) {
		size_t len;

		snprintf(buf, sizeof(buf), "%s", corpus[rn(ncorpus)]);
		len = strlen(buf);
		for (int m = 1 + (int)rn(4); m > 0; m--)
			len = mutate(buf, len);
		(void)len;
		fuzz_one(buf, &st);
	}
	/* purely random lines, printable and not */
	for (int iter = 0; iter < 2000; iter++) {
		size_t n = rn(300);

		for (size_t i = 0; i < n; i++)
			buf[i] = iter & 1 ? (char)(32 + rn(95)) : (char)(1 + rn(255));
		buf[n] = '\0';
		fuzz_one(buf, &st);
	}
	/* every corpus line cut at every position */
	for (size_t i = 0; i < ncorpus; i++) {
		size_t n = strlen(corpus[i]);

		for (size_t k = 0; k <= n; k++) {
			memcpy(buf, corpus[i], k);
			buf[k] = '\0';
			fuzz_one(buf, &st);
		}
	}
	printf("# fuzz: %d lines, %d accepted, %d rejected\n", st.lines,
	       st.accepted, st.rejected);
	tap_ok(st.bad_rc == 0, "robustness: command_parse returns 0 or -1 (%d lines)",
	       st.lines);
	tap_ok(st.bad_col == 0, "robustness: err.col within [0, strlen(line)]");
	tap_ok(st.bad_msg == 0, "robustness: every error has a message");
	tap_ok(st.bad_result == 0, "robustness: accepted lines give consistent commands");
	tap_ok(st.nondeterministic == 0, "robustness: parsing is deterministic");
	tap_ok(st.accepted > 100 && st.rejected > 1000,
	       "robustness: the mutations reach both outcomes (%d/%d)",
	       st.accepted, st.rejected);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_blank_and_comments();
	test_socket();
	test_set();
	test_bind();
	test_listen_connect_accept();
	test_send_recv();
	test_shutdown_close();
	test_join_leave();
	test_processes();
	test_prefix();
	test_show_say_pause();
	test_wait();
	test_expect();
	test_expectations();
	test_tables();
	test_errors_general();
	test_errors_expectation();
	test_errors_socket_set();
	test_errors_addresses();
	test_errors_commands();
	test_errors_wait_expect();
	test_long_lines();
	test_robustness();
	command_free(&C);
	return tap_done();
}
