/* behaviour-getname.stage: exported by sockstage --export-c.
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

#define NSOCK 5
#define NPROC 1
#define NSTEPS 20

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # getname.stage - getsockname and getpeername: the addresses the
 * kernel */
/* # gives a socket. */
/* # */
/* # What the kernel does (6.18): an unbound socket's name is the
 * wildcard */
/* # with port 0; bind sets it; an IPv6 socket connected to an
 * IPv4-mapped */
/* # address has mapped names on both ends; getpeername fails with
 * ENOTCONN */
/* # on a socket with no peer (a listener, an unconnected UDP socket),
 * and a */
/* # socket the process no longer holds is EBADF. */
/* line 10, in main: socket tcp as l */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l)");
}

/* line 11, in main: getsockname l => ok */
static void step_1(void)
{
	/* the script expects => ok */
	if (held(1, "getsockname(s1)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getsockname(fd[1], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getsockname(s1)", rc, v);
	}
}

/* line 12, in main: getpeername l => ENOTCONN */
static void step_2(void)
{
	/* the script expects => ENOTCONN */
	if (held(1, "getpeername(s1)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[1], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s1)", rc, v);
	}
}

/* line 13, in main: bind l 127.0.0.1:4400 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4400, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:4400)", &a, alen, 0);
}

/* line 14, in main: getsockname l => ok */
static void step_4(void)
{
	/* the script expects => ok */
	if (held(1, "getsockname(s1)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getsockname(fd[1], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getsockname(s1)", rc, v);
	}
}

/* line 15, in main: listen l => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 16, in main: getpeername l => ENOTCONN */
static void step_6(void)
{
	/* the script expects => ENOTCONN */
	if (held(1, "getpeername(s1)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[1], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s1)", rc, v);
	}
}

/* line 18, in main: socket tcp 6 as c */
static void step_7(void)
{
	do_socket(2, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s2 (c)");
}

/* line 19, in main: connect c [::ffff:127.0.0.1]:4400 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::ffff:127.0.0.1", 4400, 0u);

	do_connect(2, "connect(s2, [::ffff:127.0.0.1]:4400)", &a, alen, 1000);
}

/* line 20, in main: getpeername c => ok */
static void step_9(void)
{
	/* the script expects => ok */
	if (held(2, "getpeername(s2)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[2], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s2)", rc, v);
	}
}

/* line 21, in main: accept l as a => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (a)", 1000);
}

/* line 22, in main: getpeername a => ok */
static void step_11(void)
{
	/* the script expects => ok */
	if (held(3, "getpeername(s3)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[3], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s3)", rc, v);
	}
}

/* line 24, in main: socket udp 6 as u */
static void step_12(void)
{
	do_socket(4, AF_INET6, SOCK_DGRAM, "socket(AF_INET6, SOCK_DGRAM, 0)", "s4 (u)");
}

/* line 25, in main: bind u [::1]:4401 => ok */
static void step_13(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 4401, 0u);

	do_bind(4, "bind(s4, [::1]:4401)", &a, alen, 0);
}

/* line 26, in main: getsockname u => ok */
static void step_14(void)
{
	/* the script expects => ok */
	if (held(4, "getsockname(s4)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getsockname(fd[4], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getsockname(s4)", rc, v);
	}
}

/* line 27, in main: getpeername u => ENOTCONN */
static void step_15(void)
{
	/* the script expects => ENOTCONN */
	if (held(4, "getpeername(s4)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[4], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s4)", rc, v);
	}
}

/* line 28, in main: connect u [::1]:4402 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 4402, 0u);

	do_connect(4, "connect(s4, [::1]:4402)", &a, alen, 1000);
}

/* line 29, in main: getpeername u => ok */
static void step_17(void)
{
	/* the script expects => ok */
	if (held(4, "getpeername(s4)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[4], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s4)", rc, v);
	}
}

/* line 31, in main: close c => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 32, in main: getpeername c => EBADF */
static void step_19(void)
{
	/* the script expects => EBADF */
	if (held(2, "getpeername(s2)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getpeername(fd[2], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getpeername(s2)", rc, v);
	}
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 10, main */
	{ step_1, 0 },	/* line 11, main */
	{ step_2, 0 },	/* line 12, main */
	{ step_3, 0 },	/* line 13, main */
	{ step_4, 0 },	/* line 14, main */
	{ step_5, 0 },	/* line 15, main */
	{ step_6, 0 },	/* line 16, main */
	{ step_7, 0 },	/* line 18, main */
	{ step_8, 0 },	/* line 19, main */
	{ step_9, 0 },	/* line 20, main */
	{ step_10, 0 },	/* line 21, main */
	{ step_11, 0 },	/* line 22, main */
	{ step_12, 0 },	/* line 24, main */
	{ step_13, 0 },	/* line 25, main */
	{ step_14, 0 },	/* line 26, main */
	{ step_15, 0 },	/* line 27, main */
	{ step_16, 0 },	/* line 28, main */
	{ step_17, 0 },	/* line 29, main */
	{ step_18, 0 },	/* line 31, main */
	{ step_19, 0 },	/* line 32, main */
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
