/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mkload.c - load generator for bench/dump-vs-ss, bench/scale and others.
 * Run it inside a private network namespace with loopback up and
 * net.ipv4.tcp_max_tw_buckets raised. It fills the kernel's TCP table with
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
 * With -s (steady), the TW sockets are instead TW connections to
 * 127.0.0.1:3460 (the same sources) that are never accepted: each client
 * connects, is put in repair mode (TCP_REPAIR) and closed, which drops it
 * without a FIN or a reset, so the server's end waits in the listener's
 * accept queue, established, with no file descriptor, no timer and no
 * data. They last as long as the listener, so the table holds steady; when
 * mkload exits, its close resets them. It needs CAP_NET_ADMIN in the
 * namespace (for TCP_REPAIR) and net.core.somaxconn of at least TW (the
 * listener's backlog; both per namespace). The connections are made by
 * one process per CPU (up to 4).
 *
 * (Closing the clients normally would give two sockets per connection, an
 * orphan in FIN-WAIT-2 that lasts net.ipv4.tcp_fin_timeout and the
 * server's end in CLOSE-WAIT, but each orphan counts against
 * net.ipv4.tcp_max_orphans and each queued FIN takes a page of
 * net.ipv4.tcp_mem, both shared by the whole host: half a million pairs
 * would put the host's TCP under memory pressure.)
 *
 * usage: mkload [-s] [TW [PAIRS]]      (defaults 100000 and 3000) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

static int listener(uint16_t port, int backlog)
{
	struct sockaddr_in a = sin4(INADDR_LOOPBACK, port);
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind listener");
	if (listen(fd, backlog) < 0)
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

/* connections j0 .. j1 - 1 to TW_PORT, left in the listener's queue */
static void make_queued(long j0, long j1)
{
	int on = 1;
	long j;

	for (j = j0; j < j1; j++) {
		uint32_t src = INADDR_LOOPBACK + 1 + (uint32_t)(j / PORTS);
		int fd = client(src, (uint16_t)(PORT_LO + j % PORTS), TW_PORT);

		if (setsockopt(fd, IPPROTO_TCP, TCP_REPAIR, &on, sizeof(on)) < 0)
			die("TCP_REPAIR (CAP_NET_ADMIN is needed)");
		close(fd);
	}
}

/* n of them, by one process per CPU */
static void make_steady(long n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), k, ok = 1;
	int st;

	if (cpus < 1)
		cpus = 1;
	if (cpus > 4)
		cpus = 4;
	for (k = 0; k < cpus; k++) {
		pid_t p = fork();

		if (p < 0)
			die("fork");
		if (p == 0) {
			make_queued(n * k / cpus, n * (k + 1) / cpus);
			_exit(0);
		}
	}
	for (k = 0; k < cpus; k++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			ok = 0;
	if (!ok) {
		fprintf(stderr, "mkload: a worker failed\n");
		exit(1);
	}
}

/* the length of a listener's accept queue */
static long queued(int lfd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (getsockopt(lfd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		die("getsockopt TCP_INFO");
	return ti.tcpi_unacked;
}

static long sysctl_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
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
	int steady = argc > 1 && strcmp(argv[1], "-s") == 0;
	long tw, pairs;
	char buf[64];
	int ltw, lpair;

	if (steady) {
		argc--;
		argv++;
	}
	tw = argc > 1 ? atol(argv[1]) : 100000;
	pairs = argc > 2 ? atol(argv[2]) : 3000;

	if (tw < 0 || pairs < 0 || tw > 200L * PORTS) {
		fprintf(stderr, "usage: mkload [-s] [TW [PAIRS]]\n");
		return 2;
	}
	raise_nofile(2 * pairs + 2 * BATCH + 16);
	if (steady) {
		long n = tw, q = 0, somax = sysctl_long("/proc/sys/net/core/somaxconn");

		if (somax < n) {
			fprintf(stderr, "mkload: net.core.somaxconn is %ld, -s %ld needs %ld\n",
				somax, tw, n);
			return 1;
		}
		ltw = listener(TW_PORT, n > INT_MAX - 16 ? INT_MAX : (int)n + 16);
		make_steady(n);
		/* a connection's last ACK may still be on its way */
		for (int i = 0; i < 100 && (q = queued(ltw)) < n; i++)
			usleep(10000);
		if (q < n) {
			fprintf(stderr, "mkload: %ld of %ld connections queued\n", q, n);
			return 1;
		}
	} else {
		ltw = listener(TW_PORT, 4096);
		make_time_wait(ltw, tw);
	}
	lpair = listener(PAIR_PORT, 4096);
	make_pairs(lpair, pairs);
	printf("ready\n");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	return 0;
}
