/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mkunix.c - test helper for tests/diff-ss-unix.sh: creates UNIX-domain
 * sockets of every type and state, prints "ready" and holds them until
 * its standard input closes.
 *
 *   mkunix DIR          the set below, every path under DIR
 *   mkunix DIR hostile  one abstract datagram socket whose name holds ESC
 *                       and a newline ("\0sockstage-\e[31m\nevil")
 *
 * Run it in a private network namespace: abstract names belong to the
 * namespace. The set:
 *
 *   DIR/listen.sock     stream listener, backlog 4: one connection
 *                       pending (never accepted), one accepted; the
 *                       accepted pair has 5 bytes queued each way
 *   DIR/seq.sock        seqpacket listener, one accepted pair, 3 bytes
 *                       queued
 *   socketpairs         stream (7 bytes queued), dgram (two datagrams
 *                       queued), seqpacket
 *   DIR/dgram.sock      bound datagram socket, 2 datagrams queued from
 *                       an unbound datagram socket connected to it
 *   DIR/with space.sock a bound datagram socket, a blank in its path
 *   @sockstage-abs      abstract stream listener
 *   @sockstage-dgr@x    abstract datagram socket, a NUL inside its name
 *   unnamed             one unbound socket of each type
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	fputs("mkunix: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (e)
		fprintf(stderr, ": %s", strerror(e));
	fputc('\n', stderr);
	exit(1);
}

/* A path under dir, or (dir NULL) an abstract name of len bytes. */
static socklen_t mkaddr(struct sockaddr_un *a, const char *dir,
			const char *name, size_t len)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	if (dir) {
		if ((size_t)snprintf(a->sun_path, sizeof(a->sun_path), "%s/%s",
				     dir, name) >= sizeof(a->sun_path))
			die("path %s/%s too long", dir, name);
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				   strlen(a->sun_path) + 1);
	}
	if (len + 1 > sizeof(a->sun_path))
		die("abstract name too long");
	memcpy(a->sun_path + 1, name, len);	/* sun_path[0] stays NUL */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

static int mksock(int type)
{
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0)
		die("socket");
	return fd;
}

static int bound(int type, const char *dir, const char *name, size_t len)
{
	struct sockaddr_un a;
	socklen_t alen = mkaddr(&a, dir, name, len);
	int fd = mksock(type);

	if (bind(fd, (struct sockaddr *)&a, alen) < 0)
		die("bind %s", name);
	return fd;
}

static int listener(int type, const char *dir, const char *name, size_t len,
		    int backlog)
{
	int fd = bound(type, dir, name, len);

	if (listen(fd, backlog) < 0)
		die("listen %s", name);
	return fd;
}

static int connected(int type, const char *dir, const char *name, size_t len)
{
	struct sockaddr_un a;
	socklen_t alen = mkaddr(&a, dir, name, len);
	int fd = mksock(type);

	if (connect(fd, (struct sockaddr *)&a, alen) < 0)
		die("connect %s", name);
	return fd;
}

static void put(int fd, const char *data)
{
	if (send(fd, data, strlen(data), 0) != (ssize_t)strlen(data))
		die("send");
}

/* Every kind of socket listed in the header. */
static void make_set(const char *dir)
{
	static const char dgr_name[] = "sockstage-dgr\0x";
	int l, c, s, sv[2];

	l = listener(SOCK_STREAM, dir, "listen.sock", 0, 4);
	c = connected(SOCK_STREAM, dir, "listen.sock", 0);
	s = accept(l, NULL, NULL);
	if (s < 0)
		die("accept");
	put(c, "hello");
	put(s, "world");
	(void)connected(SOCK_STREAM, dir, "listen.sock", 0);	/* pending */

	l = listener(SOCK_SEQPACKET, dir, "seq.sock", 0, 4);
	c = connected(SOCK_SEQPACKET, dir, "seq.sock", 0);
	s = accept(l, NULL, NULL);
	if (s < 0)
		die("accept seq");
	put(c, "abc");

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		die("socketpair stream");
	put(sv[0], "1234567");
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
		die("socketpair dgram");
	put(sv[1], "one");
	put(sv[1], "two");
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0)
		die("socketpair seqpacket");

	(void)bound(SOCK_DGRAM, dir, "dgram.sock", 0);
	c = connected(SOCK_DGRAM, dir, "dgram.sock", 0);
	put(c, "x");
	put(c, "yz");
	(void)bound(SOCK_DGRAM, dir, "with space.sock", 0);

	(void)listener(SOCK_STREAM, NULL, "sockstage-abs", 13, 8);
	(void)bound(SOCK_DGRAM, NULL, dgr_name, sizeof(dgr_name) - 1);

	(void)mksock(SOCK_STREAM);
	(void)mksock(SOCK_DGRAM);
	(void)mksock(SOCK_SEQPACKET);
}

int main(int argc, char **argv)
{
	static const char evil[] = "sockstage-\033[31m\nevil";
	char buf[64];

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "hostile"))) {
		fputs("usage: mkunix DIR [hostile]\n", stderr);
		return 2;
	}
	if (argc == 3)
		(void)bound(SOCK_DGRAM, NULL, evil, sizeof(evil) - 1);
	else
		make_set(argv[1]);
	printf("ready\n");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	return 0;
}
