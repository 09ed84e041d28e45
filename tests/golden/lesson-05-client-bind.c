/* lesson-05-client-bind.stage: exported by sockstage --export-c.
 *
 * A client that binds: fixed local ports and SO_REUSEADDR
 * A client that binds before connect chooses its local port, and two
 * clients can collide on it. SO_REUSEADDR on both lets them bind the
 * same port, but no two connections may have the same four addresses:
 * Linux refuses a connect to the same destination with EADDRNOTAVAIL.
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

#define NSOCK 7
#define NPROC 1
#define NSTEPS 22

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* A client that binds: fixed local ports and SO_REUSEADDR */
/* A client that binds before connect chooses its local port, and two
 * clients can collide on it. SO_REUSEADDR on both lets them bind the
 * same port, but no two connections may have the same four addresses:
 * Linux refuses a connect to the same destination with EADDRNOTAVAIL. */
/* Two servers, on 127.0.0.1:3463 and 127.0.0.1:3563. */
/* A client binds 127.0.0.1:4463 before it connects: its side of the
 * connection uses that port, not one the kernel picks. */
/* line 6, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 7, in main: bind srv 127.0.0.1:3463 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3463)", &a, alen, 0);
}

/* line 8, in main: listen srv */
static void step_2(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 9, in main: socket tcp as srv2 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (srv2)");
}

/* line 10, in main: bind srv2 127.0.0.1:3563 */
static void step_4(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3563, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3563)", &a, alen, 0);
}

/* line 11, in main: listen srv2 */
static void step_5(void)
{
	do_listen(2, "listen(s2, 4096)", 4096);
}

/* line 12, in main: socket tcp as c1 */
static void step_6(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (c1)");
}

/* line 13, in main: bind c1 127.0.0.1:4463 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4463, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:4463)", &a, alen, 0);
}

/* line 14, in main: connect c1 127.0.0.1:3463 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_connect(3, "connect(s3, 127.0.0.1:3463)", &a, alen, 1000);
}

/* line 15: expect ESTAB 127.0.0.1:4463 127.0.0.1:3463 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A second client wants the same local address and port. */
/* line 19, in main: socket tcp as c2 */
static void step_9(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (c2)");
}

/* line 20, in main: bind c2 127.0.0.1:4463 => EADDRINUSE */
static void step_10(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4463, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4463)", &a, alen, 0);
}

/* A connected socket holds its local port just as a server's listener
 * does. */
/* ---- pause: the end of a lesson step ---- */

/* The second client sets SO_REUSEADDR and tries again. */
/* line 25, in main: set c2 reuseaddr */
static void step_11(void)
{
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 26, in main: bind c2 127.0.0.1:4463 => EADDRINUSE */
static void step_12(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4463, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4463)", &a, alen, 0);
}

/* Still refused: the first client did not set it. Both sockets must. */
/* ---- pause: the end of a lesson step ---- */

/* Two new clients, both with SO_REUSEADDR, on port 4464. The first binds
 * and connects to the server on 3463. */
/* line 31, in main: socket tcp as d1 */
static void step_13(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (d1)");
}

/* line 32, in main: set d1 reuseaddr */
static void step_14(void)
{
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 33, in main: bind d1 127.0.0.1:4464 */
static void step_15(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4464, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:4464)", &a, alen, 0);
}

/* line 34, in main: connect d1 127.0.0.1:3463 */
static void step_16(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_connect(5, "connect(s5, 127.0.0.1:3463)", &a, alen, 1000);
}

/* line 35: expect ESTAB 127.0.0.1:4464 127.0.0.1:3463 (sockstage checks
 * the kernel view) */
/* The second binds the same address and port. */
/* line 37, in main: socket tcp as d2 */
static void step_17(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (d2)");
}

/* line 38, in main: set d2 reuseaddr */
static void step_18(void)
{
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 39, in main: bind d2 127.0.0.1:4464 => ok */
static void step_19(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4464, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:4464)", &a, alen, 0);
}

/* line 40: expect BOUND 127.0.0.1:4464 (sockstage checks the kernel
 * view) */
/* line 41: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The second client connects to the same server. */
/* line 45, in main: connect d2 127.0.0.1:3463 => EADDRNOTAVAIL */
static void step_20(void)
{
	/* the script expects => EADDRNOTAVAIL */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3463)", &a, alen, 1000);
}

/* That connection would have the same four addresses as the first one,
 * 127.0.0.1:4464 to 127.0.0.1:3463. */
/* Linux says EADDRNOTAVAIL here. The connect(2) man page lists
 * EADDRINUSE; the kernel is what counts. */
/* ---- pause: the end of a lesson step ---- */

/* The same socket connects to the other server. Another destination
 * makes another four-tuple: it works. */
/* line 51, in main: connect d2 127.0.0.1:3563 => ok */
static void step_21(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3563, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3563)", &a, alen, 1000);
}

/* line 52: expect ESTAB 127.0.0.1:4464 127.0.0.1:3463 (sockstage checks
 * the kernel view) */
/* line 53: expect ESTAB 127.0.0.1:4464 127.0.0.1:3563 (sockstage checks
 * the kernel view) */
/* Two connections from one local port. SO_REUSEADDR let them share the
 * port; the four-tuple keeps them apart. */
/* line 55: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 6, main */
	{ step_1, 0 },	/* line 7, main */
	{ step_2, 0 },	/* line 8, main */
	{ step_3, 0 },	/* line 9, main */
	{ step_4, 0 },	/* line 10, main */
	{ step_5, 0 },	/* line 11, main */
	{ step_6, 0 },	/* line 12, main */
	{ step_7, 0 },	/* line 13, main */
	{ step_8, 0 },	/* line 14, main */
	{ step_9, 0 },	/* line 19, main */
	{ step_10, 0 },	/* line 20, main */
	{ step_11, 0 },	/* line 25, main */
	{ step_12, 0 },	/* line 26, main */
	{ step_13, 0 },	/* line 31, main */
	{ step_14, 0 },	/* line 32, main */
	{ step_15, 0 },	/* line 33, main */
	{ step_16, 0 },	/* line 34, main */
	{ step_17, 0 },	/* line 37, main */
	{ step_18, 0 },	/* line 38, main */
	{ step_19, 0 },	/* line 39, main */
	{ step_20, 0 },	/* line 45, main */
	{ step_21, 0 },	/* line 51, main */
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
