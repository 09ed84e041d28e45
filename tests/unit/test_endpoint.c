/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_endpoint.c - tagged endpoints: each kind from a sockaddr and back,
 * formatted as the transcript writes it, compared (IPv4-mapped IPv6 equals
 * IPv4), and a kernel row's two ends. */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>

#include "diag.h"
#include "endpoint.h"
#include "tap.h"

static struct endpoint inet(int family, const char *host, int port)
{
	struct sockaddr_storage ss;
	struct endpoint e;
	socklen_t len;

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (void *)&ss;

		sin->sin_family = AF_INET;
		inet_pton(AF_INET, host, &sin->sin_addr);
		sin->sin_port = htons((uint16_t)port);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (void *)&ss;

		sin6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, host, &sin6->sin6_addr);
		sin6->sin6_port = htons((uint16_t)port);
		len = sizeof(*sin6);
	}
	ep_from_sockaddr(&e, (struct sockaddr *)&ss, len);
	return e;
}

static struct endpoint unix_ep(const char *path, size_t n)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct endpoint e;

	memcpy(sun.sun_path, path, n);
	ep_from_sockaddr(&e, (struct sockaddr *)&sun,
			 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n));
	return e;
}

static void is_fmt(const struct endpoint *e, const char *want, const char *what)
{
	char buf[256];

	ep_format(e, buf, sizeof(buf));
	tap_is_str(buf, want, "%s", what);
}

static void test_inet(void)
{
	struct endpoint a = inet(AF_INET, "127.0.0.1", 3459);
	struct endpoint b = inet(AF_INET6, "::ffff:127.0.0.1", 3459);
	struct endpoint c = inet(AF_INET6, "::1", 80);
	struct endpoint any4 = inet(AF_INET, "0.0.0.0", 0);
	struct endpoint any6 = inet(AF_INET6, "::", 0);
	struct sockaddr_storage ss;
	struct endpoint back;
	socklen_t len;

	tap_ok(a.kind == EP_INET4 && ep_port(&a) == 3459 && ep_family(&a) == AF_INET,
	       "IPv4: kind, port, family");
	is_fmt(&a, "127.0.0.1:3459", "IPv4 formatted");
	is_fmt(&c, "[::1]:80", "IPv6 formatted");
	tap_ok(ep_same(&a, &b, true), "IPv4-mapped IPv6 equals IPv4");
	tap_ok(!ep_same(&a, &c, false), "127.0.0.1 is not ::1");
	b.port = 1;
	tap_ok(!ep_same(&a, &b, true) && ep_same(&a, &b, false), "ports count when asked");
	tap_ok(ep_any(&any4) && ep_any(&any6) && !ep_any(&a), "wildcards");
	len = ep_to_sockaddr(&c, &ss);
	ep_from_sockaddr(&back, (struct sockaddr *)&ss, len);
	tap_ok(len == sizeof(struct sockaddr_in6) && ep_same(&back, &c, true),
	       "IPv6 to a sockaddr and back");
}

static void test_unix(void)
{
	struct endpoint p = unix_ep("/run/x.sock", 12);
	struct endpoint ab = unix_ep("\0name", 5);
	struct endpoint un = unix_ep("", 0);
	struct endpoint odd = unix_ep("\0a\x1b[2Jb", 7);
	struct sockaddr_storage ss;
	struct endpoint back;
	socklen_t len;

	tap_ok(p.kind == EP_UNIX_PATH && ep_family(&p) == AF_UNIX && !ep_port(&p),
	       "a path: UNIX, no port");
	is_fmt(&p, "/run/x.sock", "a path formatted");
	tap_ok(ab.kind == EP_UNIX_ABSTRACT && ab.pathlen == 4, "an abstract name");
	is_fmt(&ab, "@name", "an abstract name formatted with @");
	tap_ok(un.kind == EP_UNIX_UNNAMED, "no name: unnamed");
	is_fmt(&un, "(unnamed)", "unnamed formatted");
	is_fmt(&odd, "@a\\x1b[2Jb", "control bytes in a name are \\xNN");
	len = ep_to_sockaddr(&ab, &ss);
	ep_from_sockaddr(&back, (struct sockaddr *)&ss, len);
	tap_ok(ep_same(&back, &ab, false) && len == offsetof(struct sockaddr_un, sun_path) + 5,
	       "an abstract name to a sockaddr and back, same length");
	tap_ok(!ep_same(&un, &un, false), "unnamed sockets are never the same place");
	tap_ok(!ep_same(&p, &ab, false), "a path is not an abstract name");
}

static void test_rows(void)
{
	struct diag_row r;
	struct endpoint l, pe;

	memset(&r, 0, sizeof(r));
	r.family = AF_INET;
	inet_pton(AF_INET, "127.0.0.1", &r.src);
	inet_pton(AF_INET, "127.0.0.2", &r.dst);
	r.sport = 3459;
	r.dport = 40000;
	diag_row_local(&r, &l);
	diag_row_peer(&r, &pe);
	is_fmt(&l, "127.0.0.1:3459", "a row's local end");
	is_fmt(&pe, "127.0.0.2:40000", "a row's peer end");
	is_fmt(&(struct endpoint){ .kind = EP_NONE }, "-", "none: -");
}

int main(void)
{
	test_inet();
	test_unix();
	test_rows();
	return tap_done();
}
