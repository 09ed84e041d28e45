/* behaviour-freebind.stage: exported by sockstage --export-c.
 *
 * The script's socket calls, in its order, in real processes: main,
 * and one fork() for each spawn and fork. Each prints its call and
 * its result as sockstage's transcript does. What sockstage reads
 * in the kernel view (show, expect) stays a comment.
 * Build: cc -std=c11 -Wall -Wextra -o prog prog.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

#define NSOCK 4
#define NPROC 1
#define NSTEPS 14

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # freebind.stage - IP_FREEBIND (set SOCK freebind): bind an address
 * this */
/* # host does not have. */
/* # */
/* # What the kernel does (6.18): bind to an IPv4 address no interface of
 * the */
/* # namespace holds fails with EADDRNOTAVAIL (net.ipv4.ip_nonlocal_bind
 * is 0); */
/* # with IP_FREEBIND set first the same bind succeeds, listen works, and
 * the */
/* # kernel lists the listener on that address although nothing can reach
 * it. */
/* # An IPv6 socket takes the same option (at level IPPROTO_IP). */
/* # */
/* # (In a namespace whose loopback is still down the first bind succeeds
 * too: */
/* # with no local address at all the kernel has no table to refuse it
 * from. */
/* # The tests run with loopback up.) */
/* line 14, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 15, in main: bind srv 192.0.2.1:4100 => EADDRNOTAVAIL */
static void step_1(void)
{
	/* the script expects => EADDRNOTAVAIL */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "192.0.2.1", 4100, 0u);

	do_bind(1, "bind(s1, 192.0.2.1:4100)", &a, alen, 0);
}

/* line 16, in main: set srv freebind => ok */
static void step_2(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, IP_FREEBIND, 1)", IPPROTO_IP, IP_FREEBIND, &v, sizeof(v));
}

/* line 17, in main: bind srv 192.0.2.1:4100 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "192.0.2.1", 4100, 0u);

	do_bind(1, "bind(s1, 192.0.2.1:4100)", &a, alen, 0);
}

/* line 18, in main: listen srv => ok */
static void step_4(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 19: expect LISTEN 192.0.2.1:4100 (sockstage checks the kernel
 * view) */
/* line 21, in main: socket tcp 6 as srv6 */
static void step_5(void)
{
	do_socket(2, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s2 (srv6)");
}

/* line 22, in main: bind srv6 [2001:db8::1]:4100 => EADDRNOTAVAIL */
static void step_6(void)
{
	/* the script expects => EADDRNOTAVAIL */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "2001:db8::1", 4100, 0u);

	do_bind(2, "bind(s2, [2001:db8::1]:4100)", &a, alen, 0);
}

/* line 23, in main: set srv6 freebind => ok */
static void step_7(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, IP_FREEBIND, 1)", IPPROTO_IP, IP_FREEBIND, &v, sizeof(v));
}

/* line 24, in main: bind srv6 [2001:db8::1]:4100 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "2001:db8::1", 4100, 0u);

	do_bind(2, "bind(s2, [2001:db8::1]:4100)", &a, alen, 0);
}

/* line 25, in main: listen srv6 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_listen(2, "listen(s2, 4096)", 4096);
}

/* line 26: expect LISTEN [2001:db8::1]:4100 (sockstage checks the kernel
 * view) */
/* # freebind can be turned off again before bind */
/* line 29, in main: socket udp as u */
static void step_10(void)
{
	do_socket(3, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s3 (u)");
}

/* line 30, in main: set u freebind on => ok */
static void step_11(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, IP_FREEBIND, 1)", IPPROTO_IP, IP_FREEBIND, &v, sizeof(v));
}

/* line 31, in main: set u freebind off => ok */
static void step_12(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(3, "setsockopt(s3, IP_FREEBIND, 0)", IPPROTO_IP, IP_FREEBIND, &v, sizeof(v));
}

/* line 32, in main: bind u 192.0.2.1:4101 => EADDRNOTAVAIL */
static void step_13(void)
{
	/* the script expects => EADDRNOTAVAIL */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "192.0.2.1", 4101, 0u);

	do_bind(3, "bind(s3, 192.0.2.1:4101)", &a, alen, 0);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 14, main */
	{ step_1, 0 },	/* line 15, main */
	{ step_2, 0 },	/* line 16, main */
	{ step_3, 0 },	/* line 17, main */
	{ step_4, 0 },	/* line 18, main */
	{ step_5, 0 },	/* line 21, main */
	{ step_6, 0 },	/* line 22, main */
	{ step_7, 0 },	/* line 23, main */
	{ step_8, 0 },	/* line 24, main */
	{ step_9, 0 },	/* line 25, main */
	{ step_10, 0 },	/* line 29, main */
	{ step_11, 0 },	/* line 30, main */
	{ step_12, 0 },	/* line 31, main */
	{ step_13, 0 },	/* line 32, main */
};

/* Each process runs its own lines, each when its turn comes, and
 * passes the turn to the process of the next line. */
static void play(void)
{
	for (int i = 0; i < NSTEPS; i++) {
		int was = me;

		if (steps[i].owner != me)
			continue;
		wait_turn();
		steps[i].run();
		if (me != was)
			continue;	/* a new process: its turn comes later */
		give_turn(i + 1 < NSTEPS ? steps[i + 1].owner : 0, 'g');
	}
}

int main(void)
{
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		die("mmap");
	for (int i = 0; i < NSOCK; i++)
		fd[i] = -1;
	for (int i = 0; i < NPROC; i++)
		if (pipe(turn[i]) < 0)
			die("pipe");
	signal(SIGCHLD, SIG_IGN);	/* no zombies */
	sh->pid[0] = getpid();
	sh->alive[0] = 1;
	give_turn(0, 'g');
	play();
	if (me != 0)
		for (;;)
			wait_turn();	/* until exit PROC, kill PROC or the end */
	wait_turn();
	for (int i = 1; i < NPROC; i++) {
		if (sh->alive[i]) {
			int pfd = open_pid(i);

			give_turn(i, 'x');
			wait_gone(pfd);
		}
	}
	return 0;
}
