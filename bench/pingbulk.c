/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pingbulk.c - the TCP load of bench/wire-relay: a ping-pong of 1-byte
 * messages and a bulk transfer, each a server and a client. Run each in
 * the network namespace it belongs to (nsenter -t PID -n). A server
 * prints "ready" once it listens, serves one connection and exits.
 *
 *   pingbulk echo ADDR PORT		server: sends back every byte it
 *					reads, until EOF
 *   pingbulk ping ADDR PORT N WARM	client: WARM round trips, then N
 *					timed ones, of 1 byte each way
 *					(TCP_NODELAY); prints "rtt NS" for
 *					each timed one
 *   pingbulk sink ADDR PORT		server: reads until EOF (1 MiB
 *					reads), closes; prints "got BYTES"
 *					and "cpu NS", its own CPU time
 *					while it had the connection
 *   pingbulk bulk ADDR PORT SIZE [PID[/TID]...]
 *					client: SIZE bytes in 1 MiB
 *					writes, shutdown(SHUT_WR), then
 *					waits for the sink's close (it
 *					has read the last byte); prints
 *					"wall S", "cpu NS" (its own), and
 *					"cpu PID[/TID] NS" for each task
 *					given: its CPU time meanwhile, from
 *					/proc/PID/task/TID/schedstat (every
 *					thread of PID without /TID)
 *
 * Every failure is a message on stderr and exit 1. IPv4 only. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "pingbulk: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long ns_of(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct sockaddr_in addr_of(const char *ip, const char *port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)atoi(port));
	if (inet_pton(AF_INET, ip, &a.sin_addr) != 1) {
		fprintf(stderr, "pingbulk: '%s' is not an IPv4 address\n", ip);
		exit(1);
	}
	return a;
}

/* Listen on ADDR:PORT, say "ready", take one connection. */
static int serve_one(const char *ip, const char *port)
{
	struct sockaddr_in a = addr_of(ip, port);
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0), c;

	if (l < 0)
		die("socket");
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind");
	if (listen(l, 1) < 0)
		die("listen");
	printf("ready\n");
	fflush(stdout);
	if ((c = accept(l, NULL, NULL)) < 0)
		die("accept");
	close(l);
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return c;
}

static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in a = addr_of(ip, port);
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		die("socket");
	if (connect(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("connect");
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return s;
}

static void echo(int c)
{
	char b[64];
	ssize_t n;

	while ((n = read(c, b, sizeof(b))) > 0)
		if (write(c, b, (size_t)n) != n)
			die("write");
	if (n < 0)
		die("read");
}

static void ping(int s, long n, long warm)
{
	long long *rtt = malloc((size_t)(n > 0 ? n : 1) * sizeof(*rtt));
	char b = 'x';

	if (!rtt)
		die("malloc");
	for (long i = -warm; i < n; i++) {
		long long t0 = ns_of(CLOCK_MONOTONIC);

		if (write(s, &b, 1) != 1)
			die("write");
		if (read(s, &b, 1) != 1)
			die("read (the echo closed?)");
		if (i >= 0)
			rtt[i] = ns_of(CLOCK_MONOTONIC) - t0;
	}
	shutdown(s, SHUT_WR);
	for (long i = 0; i < n; i++)
		printf("rtt %lld\n", rtt[i]);
	free(rtt);
}

static void sink(int c)
{
	char *buf = malloc(CHUNK);
	long long got = 0, cpu0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	ssize_t n;

	if (!buf)
		die("malloc");
	while ((n = read(c, buf, CHUNK)) > 0)
		got += n;
	if (n < 0)
		die("read");
	close(c);
	printf("got %lld\ncpu %lld\n", got, ns_of(CLOCK_PROCESS_CPUTIME_ID) - cpu0);
	free(buf);
}

/* CPU time of task "PID" (all its threads) or "PID/TID", in ns; -1. */
static long long task_ns(const char *task)
{
	char path[512], pid[32], *slash;
	long long sum = 0, v;
	FILE *f;

	snprintf(pid, sizeof(pid), "%s", task);
	if ((slash = strchr(pid, '/'))) {
		*slash = '\0';
		snprintf(path, sizeof(path), "/proc/%s/task/%s/schedstat", pid,
			 slash + 1);
		if (!(f = fopen(path, "r")))
			return -1;
		if (fscanf(f, "%lld", &sum) != 1)
			sum = -1;
		fclose(f);
		return sum;
	}
	snprintf(path, sizeof(path), "/proc/%s/task", pid);
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task/%s/schedstat", pid,
			 e->d_name);
		if ((f = fopen(path, "r"))) {
			if (fscanf(f, "%lld", &v) == 1)
				sum += v;
			fclose(f);
		}
	}
	closedir(d);
	return sum;
}

static void bulk(const char *ip, const char *port, long long size,
		 char **tasks, int ntasks)
{
	char *buf = calloc(1, CHUNK), b;
	long long before[64], left = size, t0, t1, cpu0, cpu1;
	int s;

	if (!buf)
		die("malloc");
	if (ntasks > 64)
		ntasks = 64;
	for (int i = 0; i < ntasks; i++)
		before[i] = task_ns(tasks[i]);
	cpu0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	t0 = ns_of(CLOCK_MONOTONIC);
	s = connect_to(ip, port);
	while (left > 0) {
		size_t want = left < CHUNK ? (size_t)left : CHUNK;
		ssize_t n = write(s, buf, want);

		if (n <= 0)
			die("write");
		left -= n;
	}
	shutdown(s, SHUT_WR);
	if (read(s, &b, 1) != 0)	/* the sink's close: all was read */
		die("waiting for the sink to close");
	t1 = ns_of(CLOCK_MONOTONIC);
	cpu1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	printf("wall %.6f\ncpu %lld\n", (t1 - t0) / 1e9, cpu1 - cpu0);
	for (int i = 0; i < ntasks; i++) {
		long long after = task_ns(tasks[i]);

		printf("cpu %s %lld\n", tasks[i],
		       before[i] < 0 || after < 0 ? -1 : after - before[i]);
	}
	close(s);
	free(buf);
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "usage: pingbulk echo|sink ADDR PORT\n"
		"       pingbulk ping ADDR PORT N WARM\n"
		"       pingbulk bulk ADDR PORT SIZE [PID[/TID]...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 4)
		usage();
	if (!strcmp(argv[1], "echo"))
		echo(serve_one(argv[2], argv[3]));
	else if (!strcmp(argv[1], "sink"))
		sink(serve_one(argv[2], argv[3]));
	else if (!strcmp(argv[1], "ping") && argc == 6)
		ping(connect_to(argv[2], argv[3]), atol(argv[4]), atol(argv[5]));
	else if (!strcmp(argv[1], "bulk") && argc >= 5)
		bulk(argv[2], argv[3], atoll(argv[4]), argv + 5, argc - 5);
	else
		usage();
	return 0;
}
