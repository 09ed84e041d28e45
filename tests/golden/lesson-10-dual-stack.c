/* lesson-10-dual-stack.stage: exported by sockstage --export-c.
 *
 * Dual stack: [::]:P covers 0.0.0.0:P
 * An IPv6 socket on [::] with IPV6_V6ONLY off is dual-stack: it takes
 * IPv4 connections too, seen as ::ffff:127.0.0.1, so it also holds the
 * IPv4 port and 0.0.0.0:P cannot be bound beside it. With IPV6_V6ONLY
 * on, the IPv6 and IPv4 sockets live side by side.
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

#define NSOCK 11
#define NPROC 1
#define NSTEPS 24

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Dual stack: [::]:P covers 0.0.0.0:P */
/* An IPv6 socket on [::] with IPV6_V6ONLY off is dual-stack: it takes
 * IPv4 connections too, seen as ::ffff:127.0.0.1, so it also holds the
 * IPv4 port and 0.0.0.0:P cannot be bound beside it. With IPV6_V6ONLY
 * on, the IPv6 and IPv4 sockets live side by side. */
/* An IPv6 listener on [::]:3468 with IPV6_V6ONLY off. (Off is the
 * default here, as net.ipv6.bindv6only is 0; we set it anyway.) */
/* line 5, in main: socket tcp 6 as ds */
static void step_0(void)
{
	do_socket(1, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s1 (ds)");
}

/* line 6, in main: set ds v6only off */
static void step_1(void)
{
	int v = 0;

	do_setsockopt(1, "setsockopt(s1, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 7, in main: bind ds [::]:3468 */
static void step_2(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3468, 0u);

	do_bind(1, "bind(s1, [::]:3468)", &a, alen, 0);
}

/* line 8, in main: listen ds */
static void step_3(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 9: expect LISTEN [::]:3468 (sockstage checks the kernel view) */
/* The kernel view prints it as *:3468, as ss does for a dual-stack
 * socket: every address, IPv6 and IPv4. */
/* line 11: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* An IPv4 socket binds 0.0.0.0:3468, the same port. */
/* line 15, in main: socket tcp as v4 */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (v4)");
}

/* line 16, in main: bind v4 0.0.0.0:3468 => EADDRINUSE */
static void step_5(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3468, 0u);

	do_bind(2, "bind(s2, 0.0.0.0:3468)", &a, alen, 0);
}

/* Refused: the dual-stack listener already covers IPv4 on this port. */
/* ---- pause: the end of a lesson step ---- */

/* An IPv4 client connects to 127.0.0.1:3468, from port 4468. It reaches
 * the IPv6 listener. */
/* line 21, in main: socket tcp as cli */
static void step_6(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (cli)");
}

/* line 22, in main: bind cli 127.0.0.1:4468 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4468, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:4468)", &a, alen, 0);
}

/* line 23, in main: connect cli 127.0.0.1:3468 */
static void step_8(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3468, 0u);

	do_connect(3, "connect(s3, 127.0.0.1:3468)", &a, alen, 1000);
}

/* line 24, in main: accept ds as conn => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_accept(1, 4, "accept(s1)", "s4 (conn)", 1000);
}

/* The server's side shows IPv4-mapped IPv6 addresses, ::ffff:127.0.0.1;
 * the client's side is plain IPv4. */
/* line 26: expect tcp ESTAB [::ffff:127.0.0.1]:3468
 * [::ffff:127.0.0.1]:4468 (sockstage checks the kernel view) */
/* line 27: expect tcp ESTAB 127.0.0.1:4468 127.0.0.1:3468 (sockstage
 * checks the kernel view) */
/* line 28: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* On port 3568, an IPv6 listener with IPV6_V6ONLY on, then an IPv4
 * listener on 0.0.0.0:3568. */
/* line 32, in main: socket tcp 6 as v6 */
static void step_10(void)
{
	do_socket(5, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s5 (v6)");
}

/* line 33, in main: set v6 v6only on */
static void step_11(void)
{
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, IPV6_V6ONLY, 1)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 34, in main: bind v6 [::]:3568 */
static void step_12(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3568, 0u);

	do_bind(5, "bind(s5, [::]:3568)", &a, alen, 0);
}

/* line 35, in main: listen v6 */
static void step_13(void)
{
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 36, in main: socket tcp as v4b */
static void step_14(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (v4b)");
}

/* line 37, in main: bind v4b 0.0.0.0:3568 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3568, 0u);

	do_bind(6, "bind(s6, 0.0.0.0:3568)", &a, alen, 0);
}

/* line 38, in main: listen v4b */
static void step_16(void)
{
	do_listen(6, "listen(s6, 4096)", 4096);
}

/* Both bind and both listen: each family has its own socket. The
 * IPv6-only listener shows as [::]:3568. */
/* line 40: expect LISTEN [::]:3568 (sockstage checks the kernel view) */
/* line 41: expect LISTEN 0.0.0.0:3568 (sockstage checks the kernel view) */
/* line 42: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* An IPv4 client connects to 127.0.0.1:3568. Which listener gets it? */
/* line 46, in main: socket tcp as c4 */
static void step_17(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (c4)");
}

/* line 47, in main: connect c4 127.0.0.1:3568 */
static void step_18(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3568, 0u);

	do_connect(7, "connect(s7, 127.0.0.1:3568)", &a, alen, 1000);
}

/* line 48, in main: accept v4b as a4 => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_accept(6, 8, "accept(s6)", "s8 (a4)", 1000);
}

/* line 49, in main: accept v6 => EAGAIN */
static void step_20(void)
{
	/* the script expects => EAGAIN */
	do_accept(5, 0, "accept(s5)", "", 1000);
}

/* The IPv4 listener: an IPv6-only socket takes no IPv4 connections. */
/* ---- pause: the end of a lesson step ---- */

/* An IPv6 client connects to [::1]:3568. */
/* line 54, in main: socket tcp 6 as c6 */
static void step_21(void)
{
	do_socket(9, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s9 (c6)");
}

/* line 55, in main: connect c6 [::1]:3568 */
static void step_22(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 3568, 0u);

	do_connect(9, "connect(s9, [::1]:3568)", &a, alen, 1000);
}

/* line 56, in main: accept v6 as a6 => ok */
static void step_23(void)
{
	/* the script expects => ok */
	do_accept(5, 10, "accept(s5)", "s10 (a6)", 1000);
}

/* The IPv6 listener takes it. */
/* line 58: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 0 },	/* line 15, main */
	{ step_5, 0 },	/* line 16, main */
	{ step_6, 0 },	/* line 21, main */
	{ step_7, 0 },	/* line 22, main */
	{ step_8, 0 },	/* line 23, main */
	{ step_9, 0 },	/* line 24, main */
	{ step_10, 0 },	/* line 32, main */
	{ step_11, 0 },	/* line 33, main */
	{ step_12, 0 },	/* line 34, main */
	{ step_13, 0 },	/* line 35, main */
	{ step_14, 0 },	/* line 36, main */
	{ step_15, 0 },	/* line 37, main */
	{ step_16, 0 },	/* line 38, main */
	{ step_17, 0 },	/* line 46, main */
	{ step_18, 0 },	/* line 47, main */
	{ step_19, 0 },	/* line 48, main */
	{ step_20, 0 },	/* line 49, main */
	{ step_21, 0 },	/* line 54, main */
	{ step_22, 0 },	/* line 55, main */
	{ step_23, 0 },	/* line 56, main */
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
