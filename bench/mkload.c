/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mkload.c - load generator for bench/dump-vs-ss. Run it inside a private
 * network namespace with loopback up and net.ipv4.tcp_max_tw_buckets
 * raised. It fills the kernel's TCP table with
 *
 *   TW TIME-WAIT sockets: 127.0.0.2..N:P -> 127.0.0.1:3460 (the client
 *      closes first, so the TIME-WAIT stays on the client's tuple); the
 *      source addresses and ports are explicit (ports 10000-59999 on
 *      127.0.0.2, then on 127.0.0.3, ...) because letting the kernel pick
 *      slows to a crawl once TIME-WAIT fills the ephemeral range;
 *   PAIRS established connections to 127.0.0.1:3459 (both ends held),
 *   plus the two listeners,
 *
 * prints "ready", and holds everything until its standard input closes.
 * File descriptors stay below 2 * PAIRS + 2 * BATCH + a few.
 *
 * usage: mkload [TW [PAIRS]]      (defaults 100000 and 3000) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH		512
#define PORT_LO		10000
#define PORTS		50000
#define TW_PORT		3460
#define PAIR_PORT	3459

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "mkload: %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct sockaddr_in sin4(uint32_t host_addr, uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(host_addr);
	a.sin_port = htons(port);
	return a;
}

static int listener(uint16_t port)
{
	struct sockaddr_in a = sin4(INADDR_LOOPBACK, port);
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind listener");
	if (listen(fd, 4096) < 0)
		die("listen");
	return fd;
}

/* Connect a new socket, optionally from an explicit source. */
static int client(uint32_t src, uint16_t sport, uint16_t dport)
{
	struct sockaddr_in dst = sin4(INADDR_LOOPBACK, dport);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	if (src) {
		struct sockaddr_in a = sin4(src, sport);

		if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
			die("bind source");
	}
	if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)) < 0)
		die("connect");
	return fd;
}

static void make_time_wait(int lfd, long n)
{
	int c[BATCH], s[BATCH];
	long done = 0;
	int i, k;

	while (done < n) {
		k = n - done < BATCH ? (int)(n - done) : BATCH;
		for (i = 0; i < k; i++) {
			long j = done + i;
			uint32_t src = INADDR_LOOPBACK + 1 + (uint32_t)(j / PORTS);

			c[i] = client(src, (uint16_t)(PORT_LO + j % PORTS), TW_PORT);
		}
		for (i = 0; i < k; i++)
			if ((s[i] = accept(lfd, NULL, NULL)) < 0)
				die("accept");
		/* Client first: its end goes to TIME-WAIT once the server's
		 * FIN arrives. */
		for (i = 0; i < k; i++)
			close(c[i]);
		for (i = 0; i < k; i++)
			close(s[i]);
		done += k;
	}
}

static void make_pairs(int lfd, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		client(0, 0, PAIR_PORT);
		if (accept(lfd, NULL, NULL) < 0)
			die("accept");
	}
}

static void raise_nofile(long need)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("getrlimit");
	if ((long)rl.rlim_max < need) {
		fprintf(stderr, "mkload: need %ld file descriptors, the limit is %ld\n",
			need, (long)rl.rlim_max);
		exit(1);
	}
	if ((long)rl.rlim_cur < need) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			die("setrlimit");
	}
}

int main(int argc, char **argv)
{
	long tw = argc > 1 ? atol(argv[1]) : 100000;
	long pairs = argc > 2 ? atol(argv[2]) : 3000;
	char buf[64];
	int ltw, lpair;

	if (tw < 0 || pairs < 0 || tw > 200L * PORTS) {
		fprintf(stderr, "usage: mkload [TW [PAIRS]]\n");
		return 2;
	}
	raise_nofile(2 * pairs + 2 * BATCH + 16);
	ltw = listener(TW_PORT);
	lpair = listener(PAIR_PORT);
	make_time_wait(ltw, tw);
	make_pairs(lpair, pairs);
	printf("ready\n");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	return 0;
}
