/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_addr.c - unit tests of addresses as the command language writes
 * them (addr_parse, addr_parse_host: every form, every error and where it
 * is reported), of their conversion to socket addresses for either family
 * (addr_to_sockaddr), and of the transcript formats (addr_format_sa,
 * addr_format_spec, addr_sa_port). Every input is a heap block of exactly
 * its length, so AddressSanitizer catches any read past the end. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "addr.h"
#include "tap.h"

static char *dup_exact(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);

	if (!d)
		abort();
	memcpy(d, s, n + 1);
	return d;
}

static struct in_addr v4(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		abort();
	return a;
}

static struct in6_addr v6(const char *s)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, s, &a) != 1)
		abort();
	return a;
}

/* ---- addr_parse: accepted ------------------------------------------------ */

/* Parse text that must be accepted with the given kind, host and port
 * (host: text for inet_pton of the kind, NULL for ANY/LOCALHOST). */
static void parse_ok(const char *text, bool port_required, enum addr_kind kind,
		     const char *host, int port)
{
	struct addrspec a;
	char err[160] = "", *t = dup_exact(text);
	int pos = -7, rc;
	bool good;

	memset(&a, 0x5a, sizeof(a));	/* everything must be (re)set */
	rc = addr_parse(t, port_required, &a, err, sizeof(err), &pos);
	good = rc == 0 && a.kind == kind && a.port == port;
	if (good && kind == ADDR_V4) {
		struct in_addr w = v4(host);

		good = memcmp(&a.v4, &w, sizeof(w)) == 0;
	} else if (good && kind == ADDR_V6) {
		struct in6_addr w = v6(host);

		good = memcmp(&a.v6, &w, sizeof(w)) == 0;
	}
	tap_ok(good, "addr_parse(\"%s\"%s) = kind %d, port %d", text,
	       port_required ? ", port required" : "", (int)kind, port);
	if (!good)
		printf("# rc %d, kind %d, port %d, err '%s' at %d\n", rc,
		       (int)a.kind, a.port, err, pos);
	tap_ok(pos == -7, "  errpos untouched on success");
	free(t);
}

static void test_parse_ok(void)
{
	parse_ok("127.0.0.1:3459", false, ADDR_V4, "127.0.0.1", 3459);
	parse_ok("127.0.0.1:3459", true, ADDR_V4, "127.0.0.1", 3459);
	parse_ok("127.0.0.1", false, ADDR_V4, "127.0.0.1", -1);
	parse_ok("0.0.0.0", false, ADDR_V4, "0.0.0.0", -1);
	parse_ok("0.0.0.0:0", true, ADDR_V4, "0.0.0.0", 0);
	parse_ok("255.255.255.255:65535", true, ADDR_V4, "255.255.255.255", 65535);
	parse_ok("10.1.2.3:00080", true, ADDR_V4, "10.1.2.3", 80);
	parse_ok("[::1]:80", false, ADDR_V6, "::1", 80);
	parse_ok("[::1]:80", true, ADDR_V6, "::1", 80);
	parse_ok("[::1]", false, ADDR_V6, "::1", -1);
	parse_ok("[::]", false, ADDR_V6, "::", -1);
	parse_ok("[::]:0", true, ADDR_V6, "::", 0);
	parse_ok("[::ffff:127.0.0.1]:5", true, ADDR_V6, "::ffff:127.0.0.1", 5);
	parse_ok("[fe80::1:2:3:4]:65535", true, ADDR_V6, "fe80::1:2:3:4", 65535);
	parse_ok("[FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF]:1", true, ADDR_V6,
		 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1);
	parse_ok("[0000:0000:0000:0000:0000:ffff:255.255.255.255]:1", true,
		 ADDR_V6, "::ffff:255.255.255.255", 1);
	/* without brackets an address with several colons is a bare IPv6
	 * address, without a port */
	parse_ok("::1", false, ADDR_V6, "::1", -1);
	parse_ok("::", false, ADDR_V6, "::", -1);
	parse_ok("fe80::1", false, ADDR_V6, "fe80::1", -1);
	parse_ok("::ffff:1.2.3.4", false, ADDR_V6, "::ffff:1.2.3.4", -1);
	parse_ok("*:80", false, ADDR_ANY, NULL, 80);
	parse_ok("*:80", true, ADDR_ANY, NULL, 80);
	parse_ok("*", false, ADDR_ANY, NULL, -1);
	parse_ok("localhost:8080", false, ADDR_LOCALHOST, NULL, 8080);
	parse_ok("localhost", false, ADDR_LOCALHOST, NULL, -1);
	parse_ok("LocalHost:1", true, ADDR_LOCALHOST, NULL, 1);
}

/* ---- addr_parse: rejected ------------------------------------------------- */

static void parse_bad(const char *text, bool port_required, int want_pos,
		      const char *want_msg)
{
	struct addrspec a;
	char err[160] = "", *t = dup_exact(text);
	int pos = -7, rc;
	bool good;

	rc = addr_parse(t, port_required, &a, err, sizeof(err), &pos);
	good = rc == -1 && pos == want_pos && strstr(err, want_msg) != NULL;
	tap_ok(good, "addr_parse(\"%s\"%s) fails at %d: %s", text,
	       port_required ? ", port required" : "", want_pos, want_msg);
	if (!good)
		printf("# rc %d, err '%s' at %d\n", rc, err, pos);
	free(t);
}

static void test_parse_bad(void)
{
	/* ports */
	parse_bad("127.0.0.1:70000", false, 10, "port 70000 is out of range (0-65535)");
	parse_bad("127.0.0.1:65536", false, 10, "out of range");
	parse_bad("127.0.0.1:99999999999999999999", false, 10, "out of range");
	parse_bad("[::1]:65536", false, 6, "out of range");
	parse_bad("*:100000", false, 2, "out of range");
	parse_bad("127.0.0.1:abc", false, 10, "'abc': not a port number");
	parse_bad("127.0.0.1:", false, 10, "not a port number");
	parse_bad("127.0.0.1:-1", false, 10, "not a port number");
	parse_bad("127.0.0.1:+1", false, 10, "not a port number");
	parse_bad("127.0.0.1:1x", false, 10, "not a port number");
	parse_bad("127.0.0.1:0x50", false, 10, "not a port number");
	parse_bad("localhost:http", false, 10, "not a port number");
	parse_bad("[::1]:", false, 6, "not a port number");
	parse_bad("[::1]:x", false, 6, "not a port number");
	parse_bad("*:", true, 2, "not a port number");

	/* a port is needed: reported at the end */
	parse_bad("127.0.0.1", true, 9, "a port is needed (ADDR:PORT)");
	parse_bad("[::1]", true, 5, "a port is needed");
	parse_bad("*", true, 1, "a port is needed");
	parse_bad("localhost", true, 9, "a port is needed");
	parse_bad("::1", true, 3, "a port is needed");

	/* hosts: reported at the start */
	parse_bad("", false, 0, "not an address");
	parse_bad("", true, 0, "not an address");
	parse_bad(":80", false, 0, "not an address");
	parse_bad("256.1.1.1:80", false, 0, "'256.1.1.1:80': not an address");
	parse_bad("1.2.3:80", false, 0, "not an address");
	parse_bad("1.2.3.4.5", false, 0, "not an address");
	parse_bad("01.2.3.4", false, 0, "not an address");
	parse_bad("example.com:80", false, 0, "not an address (use 127.0.0.1");
	parse_bad("localhost.:80", false, 0, "not an address");
	parse_bad("**:80", false, 0, "not an address");
	parse_bad("1.2.3.4:80:90", false, 0, "not an address");
	parse_bad(":::80", false, 0, "not an address");
	parse_bad("[]:80", false, 0, "not an address");
	parse_bad("[]", false, 0, "not an address");
	parse_bad("[1.2.3.4]:80", false, 0, "not an address");
	parse_bad("[localhost]:80", false, 0, "not an address");
	parse_bad("[*]:80", false, 0, "not an address");
	parse_bad("[::1%lo]:80", false, 0, "not an address");
	parse_bad("[ ::1]:80", false, 0, "not an address");

	/* brackets */
	parse_bad("[::1", false, 0, "missing ']' after an IPv6 address");
	parse_bad("[", false, 0, "missing ']'");
	parse_bad("[::1:80", true, 0, "missing ']'");
	parse_bad("[::1]80", false, 5, "expected ':PORT' after ']'");
	parse_bad("[::1]]:80", false, 5, "expected ':PORT' after ']'");
	parse_bad("[::1] ", false, 5, "expected ':PORT'");
	parse_bad("[::1]:80]", false, 6, "not a port number");
}

static void test_parse_edges(void)
{
	struct addrspec a;
	char err[16], big[4096];
	int pos = 0;
	char *t;

	/* errpos may be NULL */
	t = dup_exact("nowhere:1");
	tap_ok(addr_parse(t, false, &a, err, sizeof(err), NULL) == -1,
	       "addr_parse with errpos NULL fails cleanly");
	free(t);

	/* a small error buffer is truncated, NUL-terminated */
	memset(err, 'X', sizeof(err));
	t = dup_exact("127.0.0.1:70000");
	tap_ok(addr_parse(t, false, &a, err, sizeof(err), &pos) == -1 &&
	       memchr(err, 0, sizeof(err)) && strlen(err) == sizeof(err) - 1,
	       "a short error buffer is truncated and terminated ('%s')", err);
	free(t);

	/* long inputs */
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	t = dup_exact(big);
	tap_ok(addr_parse(t, false, &a, err, sizeof(err), &pos) == -1 && pos == 0,
	       "a 4095-digit address is rejected");
	free(t);
	big[0] = '[';
	t = dup_exact(big);
	tap_ok(addr_parse(t, false, &a, err, sizeof(err), &pos) == -1 && pos == 0,
	       "a 4095-byte '[' without ']' is rejected");
	free(t);
	memcpy(big, "1.2.3.4:", 8);
	t = dup_exact(big);
	tap_ok(addr_parse(t, false, &a, err, sizeof(err), &pos) == -1 && pos == 8,
	       "a 4087-digit port is out of range at 8");
	free(t);
	memset(big, 'f', 200);
	memcpy(big, "[", 1);
	memcpy(big + 190, "]:1", 4);
	t = dup_exact(big);
	tap_ok(addr_parse(t, false, &a, err, sizeof(err), &pos) == -1 && pos == 0,
	       "a 189-character bracketed host is rejected");
	free(t);

	/* the result of a failed parse does not keep an old port */
	t = dup_exact("1.2.3.4:x");
	a.port = 1234;
	addr_parse(t, false, &a, err, sizeof(err), &pos);
	tap_ok(a.port != 1234, "a failed parse resets the spec");
	free(t);
}

/* ---- addr_parse_host ----------------------------------------------------- */

static void host_ok(const char *text, enum addr_kind kind, const char *host)
{
	struct addrspec a;
	char err[160] = "", *t = dup_exact(text);
	int rc;
	bool good;

	memset(&a, 0x5a, sizeof(a));
	rc = addr_parse_host(t, &a, err, sizeof(err));
	good = rc == 0 && a.kind == kind && a.port == -1;
	if (good && kind == ADDR_V4) {
		struct in_addr w = v4(host);

		good = memcmp(&a.v4, &w, sizeof(w)) == 0;
	} else if (good && kind == ADDR_V6) {
		struct in6_addr w = v6(host);

		good = memcmp(&a.v6, &w, sizeof(w)) == 0;
	}
	tap_ok(good, "addr_parse_host(\"%s\") = kind %d", text, (int)kind);
	if (!good)
		printf("# rc %d, kind %d, port %d, err '%s'\n", rc, (int)a.kind,
		       a.port, err);
	free(t);
}

static void host_bad(const char *text)
{
	struct addrspec a;
	char err[160] = "", *t = dup_exact(text), want[200];
	int rc;

	snprintf(want, sizeof(want), "'%s': not an address", text);
	rc = addr_parse_host(t, &a, err, sizeof(err));
	tap_ok(rc == -1 && strcmp(err, want) == 0,
	       "addr_parse_host(\"%s\") fails", text);
	if (rc != -1 || strcmp(err, want) != 0)
		printf("# rc %d, err '%s'\n", rc, err);
	free(t);
}

static void test_parse_host(void)
{
	host_ok("239.1.2.3", ADDR_V4, "239.1.2.3");
	host_ok("0.0.0.0", ADDR_V4, "0.0.0.0");
	host_ok("[::1]", ADDR_V6, "::1");
	host_ok("::1", ADDR_V6, "::1");
	host_ok("[ff02::1]", ADDR_V6, "ff02::1");
	host_ok("*", ADDR_ANY, NULL);
	host_ok("localhost", ADDR_LOCALHOST, NULL);
	host_ok("LOCALHOST", ADDR_LOCALHOST, NULL);
	host_bad("");
	host_bad("1.2.3.4:80");
	host_bad("[::1]:80");
	host_bad("[::1");
	host_bad("::1]");
	host_bad("[]");
	host_bad("[");
	host_bad("]");
	host_bad("[1.2.3.4]");
	host_bad("[localhost]");
	host_bad("*:1");
	host_bad("eth0");
	host_bad("1.2.3");
	host_bad("11111111111111111111111111111111111111111111111111111111111111");
}

/* ---- addr_to_sockaddr ----------------------------------------------------- */

static struct addrspec spec(enum addr_kind kind, const char *host, int port)
{
	struct addrspec a;

	memset(&a, 0, sizeof(a));
	a.kind = kind;
	a.port = port;
	if (kind == ADDR_V4)
		a.v4 = v4(host);
	else if (kind == ADDR_V6)
		a.v6 = v6(host);
	return a;
}

/* Convert and compare with the expected family, address text and port. */
static void to_sa(struct addrspec a, int family, int want_family,
		  const char *want_host, int want_port, const char *what)
{
	struct sockaddr_storage ss;
	socklen_t len = 12345;
	bool good;

	memset(&ss, 0xa5, sizeof(ss));	/* padding must be cleared */
	addr_to_sockaddr(&a, family, &ss, &len);
	if (want_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
		struct in_addr w = v4(want_host);
		static const unsigned char zero[sizeof(sin->sin_zero)];

		good = sin->sin_family == AF_INET && len == sizeof(*sin) &&
		       ntohs(sin->sin_port) == want_port &&
		       sin->sin_addr.s_addr == w.s_addr &&
		       memcmp(sin->sin_zero, zero, sizeof(zero)) == 0;
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
		struct in6_addr w = v6(want_host);

		good = sin6->sin6_family == AF_INET6 && len == sizeof(*sin6) &&
		       ntohs(sin6->sin6_port) == want_port &&
		       memcmp(&sin6->sin6_addr, &w, sizeof(w)) == 0 &&
		       sin6->sin6_flowinfo == 0 && sin6->sin6_scope_id == 0;
	}
	tap_ok(good, "addr_to_sockaddr: %s -> %s %s port %d", what,
	       want_family == AF_INET ? "AF_INET" : "AF_INET6", want_host,
	       want_port);
	if (!good) {
		char buf[80];

		addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
		printf("# got family %d, len %u: %s\n", ss.ss_family,
		       (unsigned)len, buf);
	}
}

static void test_to_sockaddr(void)
{
	to_sa(spec(ADDR_V4, "127.0.0.1", 3459), AF_INET, AF_INET, "127.0.0.1",
	      3459, "127.0.0.1:3459 for AF_INET");
	to_sa(spec(ADDR_V4, "127.0.0.1", 3459), AF_INET6, AF_INET6,
	      "::ffff:127.0.0.1", 3459, "127.0.0.1:3459 for AF_INET6");
	to_sa(spec(ADDR_V4, "0.0.0.0", 80), AF_INET6, AF_INET6, "::ffff:0.0.0.0",
	      80, "0.0.0.0:80 for AF_INET6");
	to_sa(spec(ADDR_V4, "192.0.2.200", 65535), AF_INET6, AF_INET6,
	      "::ffff:192.0.2.200", 65535, "192.0.2.200:65535 for AF_INET6");
	to_sa(spec(ADDR_ANY, NULL, 80), AF_INET, AF_INET, "0.0.0.0", 80,
	      "*:80 for AF_INET");
	to_sa(spec(ADDR_ANY, NULL, 80), AF_INET6, AF_INET6, "::", 80,
	      "*:80 for AF_INET6");
	to_sa(spec(ADDR_LOCALHOST, NULL, 8080), AF_INET, AF_INET, "127.0.0.1",
	      8080, "localhost:8080 for AF_INET");
	to_sa(spec(ADDR_LOCALHOST, NULL, 8080), AF_INET6, AF_INET6, "::1", 8080,
	      "localhost:8080 for AF_INET6");
	to_sa(spec(ADDR_V6, "::1", 80), AF_INET6, AF_INET6, "::1", 80,
	      "[::1]:80 for AF_INET6");
	to_sa(spec(ADDR_V6, "::1", 80), AF_INET, AF_INET6, "::1", 80,
	      "[::1]:80 for AF_INET stays AF_INET6");
	to_sa(spec(ADDR_V6, "::", 0), AF_INET, AF_INET6, "::", 0,
	      "[::]:0 for AF_INET stays AF_INET6");
	to_sa(spec(ADDR_V4, "10.0.0.1", -1), AF_INET, AF_INET, "10.0.0.1", 0,
	      "10.0.0.1 without port for AF_INET");
	to_sa(spec(ADDR_V6, "fe80::1", -1), AF_INET6, AF_INET6, "fe80::1", 0,
	      "fe80::1 without port for AF_INET6");
	to_sa(spec(ADDR_ANY, NULL, -1), AF_INET6, AF_INET6, "::", 0,
	      "* without port for AF_INET6");
	to_sa(spec(ADDR_LOCALHOST, NULL, -1), AF_INET, AF_INET, "127.0.0.1", 0,
	      "localhost without port for AF_INET");
	to_sa(spec(ADDR_NONE, NULL, -1), AF_INET, AF_INET, "0.0.0.0", 0,
	      "nothing for AF_INET: the wildcard");
	to_sa(spec(ADDR_NONE, NULL, -1), AF_INET6, AF_INET6, "::", 0,
	      "nothing for AF_INET6: the wildcard");
	to_sa(spec(ADDR_V4, "127.0.0.1", 0), AF_INET, AF_INET, "127.0.0.1", 0,
	      "127.0.0.1:0 for AF_INET");
}

/* ---- formatting ----------------------------------------------------------- */

static void test_format_sa(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_un *sunx = (struct sockaddr_un *)&ss;
	char buf[80], small[5];

	memset(&ss, 0, sizeof(ss));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(3459);
	sin->sin_addr = v4("127.0.0.1");
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "127.0.0.1:3459", "addr_format_sa: IPv4");
	tap_is_int(addr_sa_port((struct sockaddr *)&ss), 3459, "addr_sa_port: IPv4");
	memset(small, 'X', sizeof(small));
	addr_format_sa((struct sockaddr *)&ss, small, sizeof(small));
	tap_is_str(small, "127.", "addr_format_sa: truncated to the buffer");

	sin->sin_port = 0;
	sin->sin_addr.s_addr = htonl(INADDR_ANY);
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "0.0.0.0:0", "addr_format_sa: IPv4 wildcard, port 0");
	tap_is_int(addr_sa_port((struct sockaddr *)&ss), 0, "addr_sa_port: 0");

	sin->sin_port = htons(65535);
	sin->sin_addr = v4("255.255.255.255");
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "255.255.255.255:65535", "addr_format_sa: IPv4 widest");
	tap_is_int(addr_sa_port((struct sockaddr *)&ss), 65535,
		   "addr_sa_port: 65535");

	memset(&ss, 0, sizeof(ss));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(80);
	sin6->sin6_addr = in6addr_loopback;
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "[::1]:80", "addr_format_sa: IPv6");
	tap_is_int(addr_sa_port((struct sockaddr *)&ss), 80, "addr_sa_port: IPv6");

	sin6->sin6_addr = v6("::ffff:127.0.0.1");
	sin6->sin6_port = htons(3459);
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "[::ffff:127.0.0.1]:3459", "addr_format_sa: v4-mapped");

	sin6->sin6_addr = in6addr_any;
	sin6->sin6_port = 0;
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "[::]:0", "addr_format_sa: IPv6 wildcard");

	sin6->sin6_addr = v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	sin6->sin6_port = htons(65535);
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535",
		   "addr_format_sa: IPv6 widest");

	memset(&ss, 0, sizeof(ss));
	sunx->sun_family = AF_UNIX;
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "(unnamed)", "addr_format_sa: a UNIX socket without a name");
	memcpy(sunx->sun_path, "srv\x1b.sock", 9);
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "\"srv\\x1b.sock\"", "addr_format_sa: a path, neutralised");
	memset(sunx->sun_path, 0, sizeof(sunx->sun_path));
	memcpy(sunx->sun_path + 1, "abs", 3);
	addr_format_sa_len((struct sockaddr *)&ss, 2 + 1 + 3, buf, sizeof(buf));
	tap_is_str(buf, "@abs", "addr_format_sa_len: an abstract name");
	memset(&ss, 0, sizeof(ss));
	ss.ss_family = AF_PACKET;
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "-", "addr_format_sa: other families are '-'");
	tap_is_int(addr_sa_port((struct sockaddr *)&ss), 0,
		   "addr_sa_port: other families are 0");
	memset(&ss, 0, sizeof(ss));
	addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
	tap_is_str(buf, "-", "addr_format_sa: AF_UNSPEC is '-'");
}

static void test_format_spec(void)
{
	struct addrspec a;
	char buf[80], small[6];

	a = spec(ADDR_V4, "127.0.0.1", 3459);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "127.0.0.1:3459", "addr_format_spec: IPv4 with port");
	a = spec(ADDR_V4, "0.0.0.0", -1);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "0.0.0.0", "addr_format_spec: IPv4 without port");
	a = spec(ADDR_V6, "::1", 80);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "[::1]:80", "addr_format_spec: IPv6 with port");
	a = spec(ADDR_V6, "::", -1);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "[::]", "addr_format_spec: IPv6 without port");
	a = spec(ADDR_V6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535",
		   "addr_format_spec: IPv6 widest");
	a = spec(ADDR_V6, "::ffff:255.255.255.255", -1);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "[::ffff:255.255.255.255]", "addr_format_spec: v4-mapped");
	a = spec(ADDR_ANY, NULL, 80);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "*:80", "addr_format_spec: '*' with port");
	a = spec(ADDR_ANY, NULL, 0);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "*:0", "addr_format_spec: port 0 is written");
	a = spec(ADDR_ANY, NULL, -1);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "*", "addr_format_spec: '*' without port");
	a = spec(ADDR_LOCALHOST, NULL, -1);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "localhost", "addr_format_spec: localhost");
	a = spec(ADDR_LOCALHOST, NULL, 8080);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "localhost:8080", "addr_format_spec: localhost with port");
	a = spec(ADDR_NONE, NULL, -1);
	addr_format_spec(&a, buf, sizeof(buf));
	tap_is_str(buf, "?", "addr_format_spec: nothing is '?'");
	a = spec(ADDR_LOCALHOST, NULL, 8080);
	memset(small, 'X', sizeof(small));
	addr_format_spec(&a, small, sizeof(small));
	tap_is_str(small, "local", "addr_format_spec: truncated to the buffer");
}

/* parse -> format_spec gives the text back; parse -> sockaddr -> format_sa
 * gives what a transcript prints. */
static void test_round_trips(void)
{
	static const char *const same[] = {
		"127.0.0.1:3459", "[::1]:80", "*:80", "0.0.0.0", "[::]",
		"localhost:8080", "localhost", "*", "10.20.30.40:0",
		"[::ffff:1.2.3.4]:5", "[fe80::1]:65535",
	};
	static const struct { const char *in; int family; const char *out; } sa[] = {
		{ "127.0.0.1:3459", AF_INET, "127.0.0.1:3459" },
		{ "127.0.0.1:3459", AF_INET6, "[::ffff:127.0.0.1]:3459" },
		{ "*:80", AF_INET, "0.0.0.0:80" },
		{ "*:80", AF_INET6, "[::]:80" },
		{ "localhost", AF_INET, "127.0.0.1:0" },
		{ "localhost", AF_INET6, "[::1]:0" },
		{ "[::1]:9", AF_INET, "[::1]:9" },
		{ "::", AF_INET6, "[::]:0" },
	};
	char err[160], buf[80], desc[160];
	struct addrspec a;
	int pos;

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char *t = dup_exact(same[i]);
		int rc = addr_parse(t, false, &a, err, sizeof(err), &pos);

		buf[0] = '\0';
		if (rc == 0)
			addr_format_spec(&a, buf, sizeof(buf));
		snprintf(desc, sizeof(desc), "round trip through addr_format_spec: %s",
			 same[i]);
		tap_is_str(buf, same[i], "%s", desc);
		free(t);
	}
	for (size_t i = 0; i < sizeof(sa) / sizeof(sa[0]); i++) {
		struct sockaddr_storage ss;
		socklen_t len;
		char *t = dup_exact(sa[i].in);
		int rc = addr_parse(t, false, &a, err, sizeof(err), &pos);

		buf[0] = '\0';
		if (rc == 0) {
			addr_to_sockaddr(&a, sa[i].family, &ss, &len);
			addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
		}
		snprintf(desc, sizeof(desc), "%s on %s prints as %s", sa[i].in,
			 sa[i].family == AF_INET ? "AF_INET" : "AF_INET6", sa[i].out);
		tap_is_str(buf, sa[i].out, "%s", desc);
		free(t);
	}
}

/* ---- robustness ----------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1DULL) >> 32);
}

static void test_robustness(void)
{
	static const char alphabet[] = "0123456789abcdefABCDEF.:[]*%lhostx \xff\x01";
	static const char *const seeds[] = {
		"127.0.0.1:3459", "[::1]:80", "*:80", "localhost:8080", "[::]",
		"::ffff:1.2.3.4", "0.0.0.0:65535",
	};
	int bad_rc = 0, bad_pos = 0, bad_port = 0, bad_host = 0, lines = 0;

	for (int iter = 0; iter < 20000; iter++) {
		char line[128], err[160], *t;
		struct addrspec a;
		int pos = -1, rc;
		size_t n;

		if (iter & 1) {
			n = rnd() % 60;
			for (size_t i = 0; i < n; i++)
				line[i] = alphabet[rnd() % (sizeof(alphabet) - 1)];
			line[n] = '\0';
		} else {
			snprintf(line, sizeof(line), "%s",
				 seeds[rnd() % (sizeof(seeds) / sizeof(seeds[0]))]);
			n = strlen(line);
			for (int m = 1 + (int)(rnd() % 3); m > 0 && n; m--) {
				size_t at = rnd() % n;

				if (rnd() & 1)
					line[at] = alphabet[rnd() % (sizeof(alphabet) - 1)];
				else
					line[n = at] = '\0';
			}
		}
		lines++;
		t = dup_exact(line);
		rc = addr_parse(t, iter % 3 == 0, &a, err, sizeof(err), &pos);
		if (rc != 0 && rc != -1)
			bad_rc++;
		else if (rc == -1 && (pos < 0 || (size_t)pos > strlen(t)))
			bad_pos++;
		else if (rc == 0 && (a.port < -1 || a.port > 65535 ||
				     (iter % 3 == 0 && a.port < 0)))
			bad_port++;
		else if (rc == 0 && (a.kind < ADDR_V4 || a.kind > ADDR_LOCALHOST))
			bad_host++;
		if (rc == 0) {	/* a spec that parses converts and formats */
			struct sockaddr_storage ss;
			socklen_t len;
			char buf[80];

			addr_format_spec(&a, buf, sizeof(buf));
			addr_to_sockaddr(&a, iter & 2 ? AF_INET6 : AF_INET, &ss, &len);
			addr_format_sa((struct sockaddr *)&ss, buf, sizeof(buf));
		}
		if (addr_parse_host(t, &a, err, sizeof(err)) == 0 && a.port != -1)
			bad_port++;
		free(t);
	}
	tap_ok(bad_rc == 0, "robustness: addr_parse returns 0 or -1 (%d inputs)",
	       lines);
	tap_ok(bad_pos == 0, "robustness: error positions inside the text");
	tap_ok(bad_port == 0, "robustness: ports in range, required ones present");
	tap_ok(bad_host == 0, "robustness: accepted specs have a kind");
}

/* A sockaddr from written text, through the parser, for a socket of
 * family. */
static struct sockaddr_storage sa_of(const char *text, int family)
{
	struct sockaddr_storage ss;
	struct addrspec a;
	socklen_t len;
	char err[80];
	int pos;

	if (addr_parse(text, false, &a, err, sizeof(err), &pos) < 0)
		printf("# bad test address %s: %s\n", text, err);
	addr_to_sockaddr(&a, family, &ss, &len);
	return ss;
}

static void same(const char *a, int fa, const char *b, int fb, bool port,
		 bool want)
{
	struct sockaddr_storage x = sa_of(a, fa), y = sa_of(b, fb);

	tap_ok(addr_sa_same((struct sockaddr *)&x, (struct sockaddr *)&y, port) ==
	       want && addr_sa_same((struct sockaddr *)&y, (struct sockaddr *)&x,
				    port) == want,
	       "addr_sa_same(%s/%d, %s/%d, %s) is %s", a, fa == AF_INET ? 4 : 6,
	       b, fb == AF_INET ? 4 : 6, port ? "with port" : "address only",
	       want ? "true" : "false");
}

static void test_compare(void)
{
	struct sockaddr_storage ss;
	struct in_addr in;

	same("127.0.0.1:80", AF_INET, "127.0.0.1:80", AF_INET, true, true);
	same("127.0.0.1:80", AF_INET, "127.0.0.1:81", AF_INET, true, false);
	same("127.0.0.1:80", AF_INET, "127.0.0.1:81", AF_INET, false, true);
	same("127.0.0.1:80", AF_INET, "127.0.0.2:80", AF_INET, true, false);
	/* IPv4-mapped IPv6 is the IPv4 address */
	same("127.0.0.1:80", AF_INET, "127.0.0.1:80", AF_INET6, true, true);
	same("127.0.0.1:80", AF_INET6, "127.0.0.1:80", AF_INET6, true, true);
	same("127.0.0.1:80", AF_INET6, "127.0.0.2:80", AF_INET, true, false);
	same("[::1]:80", AF_INET6, "[::1]:80", AF_INET6, true, true);
	same("[::1]:80", AF_INET6, "[::2]:80", AF_INET6, true, false);
	same("[::1]:80", AF_INET6, "127.0.0.1:80", AF_INET, true, false);
	same("[::1]:80", AF_INET6, "127.0.0.1:80", AF_INET6, true, false);
	same("[::]:80", AF_INET6, "0.0.0.0:80", AF_INET, true, false);
	same("0.0.0.0:80", AF_INET, "0.0.0.0:80", AF_INET6, true, true);

	ss = sa_of("0.0.0.0:1", AF_INET);
	tap_ok(addr_sa_any((struct sockaddr *)&ss), "addr_sa_any(0.0.0.0)");
	ss = sa_of("[::]:1", AF_INET6);
	tap_ok(addr_sa_any((struct sockaddr *)&ss), "addr_sa_any([::])");
	ss = sa_of("127.0.0.1:1", AF_INET);
	tap_ok(!addr_sa_any((struct sockaddr *)&ss), "addr_sa_any(127.0.0.1) false");
	ss = sa_of("[::1]:1", AF_INET6);
	tap_ok(!addr_sa_any((struct sockaddr *)&ss), "addr_sa_any([::1]) false");

	ss = sa_of("10.1.2.3:1", AF_INET6);
	tap_ok(addr_sa_v4((struct sockaddr *)&ss, &in) &&
	       in.s_addr == v4("10.1.2.3").s_addr, "addr_sa_v4(::ffff:10.1.2.3)");
	ss = sa_of("[::1]:1", AF_INET6);
	tap_ok(!addr_sa_v4((struct sockaddr *)&ss, &in), "addr_sa_v4([::1]) false");
	memset(&ss, 0, sizeof(ss));
	ss.ss_family = AF_UNIX;
	tap_ok(!addr_sa_v4((struct sockaddr *)&ss, &in) &&
	       !addr_sa_same((struct sockaddr *)&ss, (struct sockaddr *)&ss, false) &&
	       !addr_sa_any((struct sockaddr *)&ss),
	       "another family is no address of ours");
}

/* UNIX names: parsed as written, into an AF_UNIX sockaddr of their length,
 * never taken for an inet address */
static void test_unix(void)
{
	struct addrspec a;
	struct sockaddr_storage ss;
	socklen_t len;
	char err[160];
	static const struct in6_addr lo = IN6ADDR_LOOPBACK_INIT;

	tap_ok(addr_looks_unix("srv.sock", 8) && addr_looks_unix("@x", 2) &&
	       addr_looks_unix("a/b", 3), "addr_looks_unix: paths and @names");
	tap_ok(!addr_looks_unix("127.0.0.1", 9) && !addr_looks_unix("*:80", 4) &&
	       !addr_looks_unix("localhost", 9) && !addr_looks_unix("bad:80", 6),
	       "addr_looks_unix: addresses, however wrong, are not paths");
	tap_is_int(addr_parse_unix("@demo", 5, false, &a, err, sizeof(err)), 0,
		   "addr_parse_unix: @demo");
	addr_to_sockaddr(&a, AF_UNIX, &ss, &len);
	tap_ok(a.kind == ADDR_ABSTRACT && len == 2 + 1 + 4 &&
	       memcmp((char *)&ss + 3, "demo", 4) == 0 && !((char *)&ss)[2],
	       "an abstract name: a leading NUL, no trailing one (len %u)",
	       (unsigned)len);
	tap_ok(!addr_spec_matches(&a, AF_INET6, &lo, 0),
	       "addr_spec_matches: a UNIX name matches no inet row");
	tap_is_int(addr_parse_unix("x.sock", 6, false, &a, err, sizeof(err)), 0,
		   "addr_parse_unix: x.sock");
	addr_to_sockaddr(&a, AF_INET, &ss, &len);
	tap_ok(ss.ss_family == AF_UNIX && len == 2 + 6,
	       "a path: AF_UNIX whatever the family asked, its length (%u)",
	       (unsigned)len);
	tap_ok(!addr_spec_matches(&a, AF_INET, &lo, 0),
	       "addr_spec_matches: a path matches no inet row");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_parse_ok();
	test_parse_bad();
	test_parse_edges();
	test_parse_host();
	test_to_sockaddr();
	test_format_sa();
	test_format_spec();
	test_round_trips();
	test_robustness();
	test_compare();
	test_unix();
	return tap_done();
}
