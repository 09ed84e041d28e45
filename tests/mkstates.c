/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mkstates.c - test helper for tests/diff-ss.sh: run inside a private
 * network namespace (loopback up), it creates TCP and UDP sockets in as
 * many states as loopback allows, checks the ones it can with TCP_INFO,
 * prints "ready" and holds everything until its standard input closes.
 *
 *   port  what
 *   5001  LISTEN (127.0.0.1) with two connections waiting to be accepted
 *   5002  an accepted ESTAB pair
 *   5003  TIME-WAIT (the client closed first), IPv4
 *   5004  CLOSE-WAIT / FIN-WAIT-2 (client shut down its sending side)
 *   5005  CLOSE-WAIT / orphaned FIN-WAIT-2 (client closed)
 *   5006  SYN-SENT: listener with backlog 0 and a full accept queue
 *   5007  SYN-RECV: TCP_DEFER_ACCEPT keeps the request after the ACK
 *   5008  FIN-WAIT-1: FIN queued behind data the peer's window refuses
 *   5009  LAST-ACK: same trick on the side that got the FIN first
 *   5010  CLOSING: FIN-WAIT-1 side receives the peer's FIN
 *   5011  IPv6 [::1] listener, ESTAB pair, TIME-WAIT
 *   5012  v6only [::] listener            -> [::]:5012  [::]:*
 *   5013  dual-stack [::] listener, reached over IPv4
 *                                          -> [::ffff:127.0.0.1]
 *   5014  LISTEN bound to device lo       -> 127.0.0.1%lo:5014
 *   5020  TCP only bound (BOUND), 127.0.0.1; 5021 [::] v6only; 5022 0.0.0.0
 *   5301  UDP connected to 5302 (ESTAB); 5302 UNCONN
 *   5303  UDP 0.0.0.0; 5304 [::] dual stack; 5305 [::] v6only; 5306 [::1]
 *   5307  UDP 127.0.0.1 bound to device lo
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("mkstates: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (errno)
		fprintf(stderr, ": %s", strerror(errno));
	fputc('\n', stderr);
	exit(1);
}

/* An address: family 4 or 6, text, port. */
static socklen_t mkaddr(struct sockaddr_storage *ss, int fam, const char *ip,
			int port)
{
	memset(ss, 0, sizeof(*ss));
	if (fam == 4) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, ip, &a->sin_addr) != 1)
			die("bad address %s", ip);
		return sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, ip, &a->sin6_addr) != 1)
			die("bad address %s", ip);
		return sizeof(*a);
	}
}

static int sock(int fam, int type)
{
	int fd = socket(fam == 4 ? AF_INET : AF_INET6, type, 0);

	if (fd < 0)
		die("socket");
	return fd;
}

static void setint(int fd, int level, int opt, int val, const char *what)
{
	if (setsockopt(fd, level, opt, &val, sizeof(val)) < 0)
		die("setsockopt %s", what);
}

static void do_bind(int fd, int fam, const char *ip, int port)
{
	struct sockaddr_storage ss;
	socklen_t len = mkaddr(&ss, fam, ip, port);

	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		die("bind %s port %d", ip, port);
}

static int listener(int fam, const char *ip, int port, int backlog)
{
	int fd = sock(fam, SOCK_STREAM);

	setint(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
	do_bind(fd, fam, ip, port);
	if (listen(fd, backlog) < 0)
		die("listen port %d", port);
	return fd;
}

static void set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		die("fcntl");
}

/* Connect; blocking unless nb. Returns the fd. */
static int connect_to(int fd, int fam, const char *ip, int port, int nb)
{
	struct sockaddr_storage ss;
	socklen_t len = mkaddr(&ss, fam, ip, port);

	if (nb)
		set_nonblock(fd);
	if (connect(fd, (struct sockaddr *)&ss, len) < 0 &&
	    !(nb && errno == EINPROGRESS))
		die("connect %s port %d", ip, port);
	return fd;
}

static int accept_one(int lfd)
{
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		die("accept");
	return fd;
}

static int tcp_state(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		die("TCP_INFO");
	return ti.tcpi_state;
}

/* Wait (at most 3 s) until fd is in TCP state st. */
static void expect_state(int fd, int st, const char *name)
{
	int i, now = -1;

	for (i = 0; i < 300; i++) {
		now = tcp_state(fd);
		if (now == st)
			return;
		poll(NULL, 0, 10);
	}
	errno = 0;
	die("socket did not reach %s (state %d)", name, now);
}

/* Send until the socket refuses more: the peer's window and our send
 * buffer are full. Twice, in case loopback was still moving data. */
static void fill(int fd)
{
	static char junk[65536];
	int round;

	set_nonblock(fd);
	for (round = 0; round < 2; round++) {
		for (;;) {
			ssize_t n = send(fd, junk, sizeof(junk), 0);

			if (n < 0 && errno == EAGAIN)
				break;
			if (n < 0)
				die("send");
		}
		poll(NULL, 0, 20);
	}
}

/* A pair whose client -> server direction is blocked: small client
 * send buffer, small server receive buffer (set on the listener before
 * listen, inherited by the accepted socket), client filled. */
static void blocked_pair(int port, int *c, int *s, int client_sends)
{
	int l = sock(4, SOCK_STREAM);

	setint(l, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
	setint(l, SOL_SOCKET, SO_RCVBUF, 4096, "SO_RCVBUF");
	setint(l, SOL_SOCKET, SO_SNDBUF, 4096, "SO_SNDBUF");
	do_bind(l, 4, "127.0.0.1", port);
	if (listen(l, 4) < 0)
		die("listen");
	*c = sock(4, SOCK_STREAM);
	setint(*c, SOL_SOCKET, SO_SNDBUF, 4096, "SO_SNDBUF");
	setint(*c, SOL_SOCKET, SO_RCVBUF, 4096, "SO_RCVBUF");
	connect_to(*c, 4, "127.0.0.1", port, 0);
	*s = accept_one(l);
	close(l);
	fill(client_sends ? *c : *s);
}

static void tcp_states_v4(void)
{
	int l, c, s, c2, s2;

	/* 5001: LISTEN with a non-empty accept queue. */
	l = listener(4, "127.0.0.1", 5001, 8);
	connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5001, 0);
	connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5001, 0);

	/* 5002: an accepted ESTAB pair. */
	l = listener(4, "127.0.0.1", 5002, 8);
	c = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5002, 0);
	s = accept_one(l);
	expect_state(c, 1, "ESTAB");
	(void)s;

	/* 5003: TIME-WAIT on the side that closes first. */
	l = listener(4, "127.0.0.1", 5003, 8);
	c = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5003, 0);
	s = accept_one(l);
	close(c);
	expect_state(s, 8, "CLOSE-WAIT");
	close(s);

	/* 5004: CLOSE-WAIT and FIN-WAIT-2 after shutdown(SHUT_WR). */
	l = listener(4, "127.0.0.1", 5004, 8);
	c = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5004, 0);
	s = accept_one(l);
	if (shutdown(c, SHUT_WR) < 0)
		die("shutdown");
	expect_state(c, 5, "FIN-WAIT-2");
	expect_state(s, 8, "CLOSE-WAIT");

	/* 5005: CLOSE-WAIT and an orphaned FIN-WAIT-2 after close. */
	l = listener(4, "127.0.0.1", 5005, 8);
	c = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5005, 0);
	s = accept_one(l);
	close(c);
	expect_state(s, 8, "CLOSE-WAIT");

	/* 5006: SYN-SENT. Backlog 0 takes one connection; the queue is then
	 * full and the kernel drops further SYNs. */
	l = listener(4, "127.0.0.1", 5006, 0);
	c = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5006, 0);
	c2 = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5006, 1);
	poll(NULL, 0, 50);
	if (tcp_state(c2) != 2) {
		errno = 0;
		die("connect to a full listener: state %d, not SYN-SENT",
		    tcp_state(c2));
	}

	/* 5007: SYN-RECV. With TCP_DEFER_ACCEPT the listener drops the bare
	 * ACK of the handshake and keeps the request socket. */
	l = listener(4, "127.0.0.1", 5007, 8);
	setint(l, IPPROTO_TCP, TCP_DEFER_ACCEPT, 30, "TCP_DEFER_ACCEPT");
	c = connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5007, 0);
	expect_state(c, 1, "ESTAB");

	/* 5008: FIN-WAIT-1. */
	blocked_pair(5008, &c, &s, 1);
	if (shutdown(c, SHUT_WR) < 0)
		die("shutdown");
	expect_state(c, 4, "FIN-WAIT-1");

	/* 5009: LAST-ACK. The server's sending side is blocked; the client
	 * sends its FIN (CLOSE-WAIT on the server), then the server's FIN
	 * waits behind its data. */
	blocked_pair(5009, &c, &s, 0);
	if (shutdown(c, SHUT_WR) < 0)
		die("shutdown");
	expect_state(s, 8, "CLOSE-WAIT");
	if (shutdown(s, SHUT_WR) < 0)
		die("shutdown");
	expect_state(s, 9, "LAST-ACK");

	/* 5010: CLOSING. The client's FIN waits behind data; the server's
	 * FIN arrives while the client is in FIN-WAIT-1. */
	blocked_pair(5010, &c2, &s2, 1);
	if (shutdown(c2, SHUT_WR) < 0)
		die("shutdown");
	expect_state(c2, 4, "FIN-WAIT-1");
	if (shutdown(s2, SHUT_WR) < 0)
		die("shutdown");
	expect_state(c2, 11, "CLOSING");

	/* 5014: a listener bound to a device. */
	l = sock(4, SOCK_STREAM);
	if (setsockopt(l, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3) < 0)
		die("SO_BINDTODEVICE");
	do_bind(l, 4, "127.0.0.1", 5014);
	if (listen(l, 8) < 0)
		die("listen");
}

static void tcp_states_v6(void)
{
	int l, c, s, fd;

	/* 5011: IPv6 loopback: LISTEN, an ESTAB pair, a TIME-WAIT. */
	l = listener(6, "::1", 5011, 8);
	c = connect_to(sock(6, SOCK_STREAM), 6, "::1", 5011, 0);
	s = accept_one(l);
	(void)s;
	c = connect_to(sock(6, SOCK_STREAM), 6, "::1", 5011, 0);
	s = accept_one(l);
	close(c);
	expect_state(s, 8, "CLOSE-WAIT");
	close(s);

	/* 5012: v6only wildcard. */
	fd = sock(6, SOCK_STREAM);
	setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
	do_bind(fd, 6, "::", 5012);
	if (listen(fd, 8) < 0)
		die("listen");

	/* 5013: dual-stack wildcard reached over IPv4; one accepted, one
	 * left in the queue. */
	fd = sock(6, SOCK_STREAM);
	setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0, "IPV6_V6ONLY");
	do_bind(fd, 6, "::", 5013);
	if (listen(fd, 8) < 0)
		die("listen");
	connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5013, 0);
	accept_one(fd);
	connect_to(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5013, 0);
}

static void tcp_bound(void)
{
	int fd;

	do_bind(sock(4, SOCK_STREAM), 4, "127.0.0.1", 5020);
	fd = sock(6, SOCK_STREAM);
	setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
	do_bind(fd, 6, "::", 5021);
	do_bind(sock(4, SOCK_STREAM), 4, "0.0.0.0", 5022);
}

static void udp_sockets(void)
{
	int a, fd;

	a = sock(4, SOCK_DGRAM);
	do_bind(a, 4, "127.0.0.1", 5301);
	do_bind(sock(4, SOCK_DGRAM), 4, "127.0.0.1", 5302);
	connect_to(a, 4, "127.0.0.1", 5302, 0);
	do_bind(sock(4, SOCK_DGRAM), 4, "0.0.0.0", 5303);
	fd = sock(6, SOCK_DGRAM);
	setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0, "IPV6_V6ONLY");
	do_bind(fd, 6, "::", 5304);
	fd = sock(6, SOCK_DGRAM);
	setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
	do_bind(fd, 6, "::", 5305);
	do_bind(sock(6, SOCK_DGRAM), 6, "::1", 5306);
	fd = sock(4, SOCK_DGRAM);
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3) < 0)
		die("SO_BINDTODEVICE");
	do_bind(fd, 4, "127.0.0.1", 5307);
}

int main(void)
{
	char buf[256];

	tcp_states_v4();
	tcp_states_v6();
	tcp_bound();
	udp_sockets();
	printf("ready\n");
	fflush(stdout);
	/* Hold every socket until the test closes our standard input. */
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	return 0;
}
