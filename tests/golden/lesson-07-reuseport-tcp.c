/* lesson-07-reuseport-tcp.stage: exported by sockstage --export-c.
 *
 * SO_REUSEPORT: several listeners on one TCP port
 * With SO_REUSEPORT several sockets listen on one address and port, each
 * with its own accept queue, and the kernel spreads new connections
 * across them: worker processes share a port this way. Every socket must
 * set it, and all must belong to the same user.
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

#define NSOCK 25
#define NPROC 2
#define NSTEPS 57

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* SO_REUSEPORT: several listeners on one TCP port */
/* With SO_REUSEPORT several sockets listen on one address and port, each
 * with its own accept queue, and the kernel spreads new connections
 * across them: worker processes share a port this way. Every socket must
 * set it, and all must belong to the same user. */
/* # needs: root (the last step spawns a process with uid 65534) */
/* Two listeners on 127.0.0.1:3465, both with SO_REUSEPORT set before
 * bind. */
/* line 6, in main: socket tcp as l1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 7, in main: set l1 reuseport */
static void step_1(void)
{
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 8, in main: bind l1 127.0.0.1:3465 */
static void step_2(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3465)", &a, alen, 0);
}

/* line 9, in main: listen l1 */
static void step_3(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 10, in main: socket tcp as l2 */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (l2)");
}

/* line 11, in main: set l2 reuseport */
static void step_5(void)
{
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 12, in main: bind l2 127.0.0.1:3465 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3465)", &a, alen, 0);
}

/* line 13, in main: listen l2 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_listen(2, "listen(s2, 4096)", 4096);
}

/* Two LISTEN rows on one address and port. */
/* line 15: expect LISTEN 127.0.0.1:3465 (sockstage checks the kernel
 * view) */
/* line 16: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A third socket without SO_REUSEPORT wants the port. */
/* line 20, in main: socket tcp as l3 */
static void step_8(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (l3)");
}

/* line 21, in main: bind l3 127.0.0.1:3465 => EADDRINUSE */
static void step_9(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:3465)", &a, alen, 0);
}

/* Every socket on the port must set it, the newcomer too. SO_REUSEADDR
 * is not a substitute. */
/* line 23, in main: set l3 reuseaddr */
static void step_10(void)
{
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 24, in main: bind l3 127.0.0.1:3465 => EADDRINUSE */
static void step_11(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:3465)", &a, alen, 0);
}

/* ---- pause: the end of a lesson step ---- */

/* It works the other way round too: on port 3565 a listener that did not
 * set SO_REUSEPORT cannot be joined, even by a socket that did. */
/* line 28, in main: socket tcp as m1 */
static void step_12(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (m1)");
}

/* line 29, in main: bind m1 127.0.0.1:3565 */
static void step_13(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3565, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3565)", &a, alen, 0);
}

/* line 30, in main: listen m1 */
static void step_14(void)
{
	do_listen(4, "listen(s4, 4096)", 4096);
}

/* line 31, in main: socket tcp as m2 */
static void step_15(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (m2)");
}

/* line 32, in main: set m2 reuseport */
static void step_16(void)
{
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 33, in main: bind m2 127.0.0.1:3565 => EADDRINUSE */
static void step_17(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3565, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3565)", &a, alen, 0);
}

/* ---- pause: the end of a lesson step ---- */

/* 16 clients connect to 127.0.0.1:3465, each from its own port. Nobody
 * accepts yet. */
/* The kernel gives each connection to one listener, chosen by a hash of
 * its addresses and ports. */
/* line 38, in main: socket tcp as c1 */
static void step_18(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (c1)");
}

/* line 39, in main: connect c1 127.0.0.1:3465 */
static void step_19(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 40, in main: socket tcp as c2 */
static void step_20(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (c2)");
}

/* line 41, in main: connect c2 127.0.0.1:3465 */
static void step_21(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(7, "connect(s7, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 42, in main: socket tcp as c3 */
static void step_22(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (c3)");
}

/* line 43, in main: connect c3 127.0.0.1:3465 */
static void step_23(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(8, "connect(s8, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 44, in main: socket tcp as c4 */
static void step_24(void)
{
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (c4)");
}

/* line 45, in main: connect c4 127.0.0.1:3465 */
static void step_25(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(9, "connect(s9, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 46, in main: socket tcp as c5 */
static void step_26(void)
{
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (c5)");
}

/* line 47, in main: connect c5 127.0.0.1:3465 */
static void step_27(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(10, "connect(s10, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 48, in main: socket tcp as c6 */
static void step_28(void)
{
	do_socket(11, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s11 (c6)");
}

/* line 49, in main: connect c6 127.0.0.1:3465 */
static void step_29(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(11, "connect(s11, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 50, in main: socket tcp as c7 */
static void step_30(void)
{
	do_socket(12, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s12 (c7)");
}

/* line 51, in main: connect c7 127.0.0.1:3465 */
static void step_31(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(12, "connect(s12, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 52, in main: socket tcp as c8 */
static void step_32(void)
{
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (c8)");
}

/* line 53, in main: connect c8 127.0.0.1:3465 */
static void step_33(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(13, "connect(s13, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 54, in main: socket tcp as c9 */
static void step_34(void)
{
	do_socket(14, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s14 (c9)");
}

/* line 55, in main: connect c9 127.0.0.1:3465 */
static void step_35(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(14, "connect(s14, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 56, in main: socket tcp as c10 */
static void step_36(void)
{
	do_socket(15, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s15 (c10)");
}

/* line 57, in main: connect c10 127.0.0.1:3465 */
static void step_37(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(15, "connect(s15, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 58, in main: socket tcp as c11 */
static void step_38(void)
{
	do_socket(16, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s16 (c11)");
}

/* line 59, in main: connect c11 127.0.0.1:3465 */
static void step_39(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(16, "connect(s16, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 60, in main: socket tcp as c12 */
static void step_40(void)
{
	do_socket(17, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s17 (c12)");
}

/* line 61, in main: connect c12 127.0.0.1:3465 */
static void step_41(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(17, "connect(s17, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 62, in main: socket tcp as c13 */
static void step_42(void)
{
	do_socket(18, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s18 (c13)");
}

/* line 63, in main: connect c13 127.0.0.1:3465 */
static void step_43(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(18, "connect(s18, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 64, in main: socket tcp as c14 */
static void step_44(void)
{
	do_socket(19, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s19 (c14)");
}

/* line 65, in main: connect c14 127.0.0.1:3465 */
static void step_45(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(19, "connect(s19, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 66, in main: socket tcp as c15 */
static void step_46(void)
{
	do_socket(20, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s20 (c15)");
}

/* line 67, in main: connect c15 127.0.0.1:3465 */
static void step_47(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(20, "connect(s20, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 68, in main: socket tcp as c16 */
static void step_48(void)
{
	do_socket(21, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s21 (c16)");
}

/* line 69, in main: connect c16 127.0.0.1:3465 */
static void step_49(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(21, "connect(s21, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 70: expect ESTAB 127.0.0.1:3465 (sockstage checks the kernel
 * view) */
/* Each LISTEN row's Recv-Q is its own accept queue; the two add up to
 * 16. The split changes from run to run. */
/* line 72: expect LISTEN 127.0.0.1:3465 (sockstage checks the kernel
 * view) */
/* line 73: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Each listener accepts from its own queue only. */
/* line 77, in main: accept l1 as a1 */
static void step_50(void)
{
	do_accept(1, 22, "accept(s1)", "s22 (a1)", 1000);
}

/* line 78, in main: accept l2 as a2 */
static void step_51(void)
{
	do_accept(2, 23, "accept(s2)", "s23 (a2)", 1000);
}

/* line 79: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Last, a process of another user, uid 65534, tries to join the port,
 * with SO_REUSEPORT set. */
/* line 83, in main: spawn other uid 65534 */
static void step_52(void)
{
	do_spawn(1, 65534, -1, "spawn(other, uid 65534)");
}

/* line 84: other: socket tcp as o1 */
static void step_53(void)
{
	do_socket(24, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s24 (o1)");
}

/* line 85: other: set o1 reuseport */
static void step_54(void)
{
	int v = 1;

	do_setsockopt(24, "setsockopt(s24, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 86: other: bind o1 127.0.0.1:3465 => EADDRINUSE */
static void step_55(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(24, "bind(s24, 127.0.0.1:3465)", &a, alen, 0);
}

/* Refused: SO_REUSEPORT shares a port only among sockets of the same
 * user, so another user cannot steal its connections. */
/* line 88: other: bind o1 127.0.0.1:3765 => ok */
static void step_56(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3765, 0u);

	do_bind(24, "bind(s24, 127.0.0.1:3765)", &a, alen, 0);
}

/* The same socket binds a free port: the refusal is about the port, not
 * the process. */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 6, main */
	{ step_1, 0 },	/* line 7, main */
	{ step_2, 0 },	/* line 8, main */
	{ step_3, 0 },	/* line 9, main */
	{ step_4, 0 },	/* line 10, main */
	{ step_5, 0 },	/* line 11, main */
	{ step_6, 0 },	/* line 12, main */
	{ step_7, 0 },	/* line 13, main */
	{ step_8, 0 },	/* line 20, main */
	{ step_9, 0 },	/* line 21, main */
	{ step_10, 0 },	/* line 23, main */
	{ step_11, 0 },	/* line 24, main */
	{ step_12, 0 },	/* line 28, main */
	{ step_13, 0 },	/* line 29, main */
	{ step_14, 0 },	/* line 30, main */
	{ step_15, 0 },	/* line 31, main */
	{ step_16, 0 },	/* line 32, main */
	{ step_17, 0 },	/* line 33, main */
	{ step_18, 0 },	/* line 38, main */
	{ step_19, 0 },	/* line 39, main */
	{ step_20, 0 },	/* line 40, main */
	{ step_21, 0 },	/* line 41, main */
	{ step_22, 0 },	/* line 42, main */
	{ step_23, 0 },	/* line 43, main */
	{ step_24, 0 },	/* line 44, main */
	{ step_25, 0 },	/* line 45, main */
	{ step_26, 0 },	/* line 46, main */
	{ step_27, 0 },	/* line 47, main */
	{ step_28, 0 },	/* line 48, main */
	{ step_29, 0 },	/* line 49, main */
	{ step_30, 0 },	/* line 50, main */
	{ step_31, 0 },	/* line 51, main */
	{ step_32, 0 },	/* line 52, main */
	{ step_33, 0 },	/* line 53, main */
	{ step_34, 0 },	/* line 54, main */
	{ step_35, 0 },	/* line 55, main */
	{ step_36, 0 },	/* line 56, main */
	{ step_37, 0 },	/* line 57, main */
	{ step_38, 0 },	/* line 58, main */
	{ step_39, 0 },	/* line 59, main */
	{ step_40, 0 },	/* line 60, main */
	{ step_41, 0 },	/* line 61, main */
	{ step_42, 0 },	/* line 62, main */
	{ step_43, 0 },	/* line 63, main */
	{ step_44, 0 },	/* line 64, main */
	{ step_45, 0 },	/* line 65, main */
	{ step_46, 0 },	/* line 66, main */
	{ step_47, 0 },	/* line 67, main */
	{ step_48, 0 },	/* line 68, main */
	{ step_49, 0 },	/* line 69, main */
	{ step_50, 0 },	/* line 77, main */
	{ step_51, 0 },	/* line 78, main */
	{ step_52, 0 },	/* line 83, main */
	{ step_53, 1 },	/* line 84, other */
	{ step_54, 1 },	/* line 85, other */
	{ step_55, 1 },	/* line 86, other */
	{ step_56, 1 },	/* line 88, other */
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
