/* lesson-03-who-gets-timewait.stage: exported by sockstage --export-c.
 *
 * Who gets TIME-WAIT: the side that closes first
 * When a TCP connection ends, the side that sent the first FIN, client
 * or server, keeps it in TIME-WAIT for 60 s. One connection ends server
 * first, one client first: the states each side passes through, and
 * whose port the TIME-WAIT ties up.
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

#define NSOCK 6
#define NPROC 1
#define NSTEPS 19

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Who gets TIME-WAIT: the side that closes first */
/* When a TCP connection ends, the side that sent the first FIN, client
 * or server, keeps it in TIME-WAIT for 60 s. One connection ends server
 * first, one client first: the states each side passes through, and
 * whose port the TIME-WAIT ties up. */
/* A server listens on 127.0.0.1:3461. A client binds port 4461, so that
 * we can name its side, connects, and the server accepts. */
/* line 5, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 6, in main: bind srv 127.0.0.1:3461 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3461)", &a, alen, 0);
}

/* line 7, in main: listen srv */
static void step_2(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 8, in main: socket tcp as c1 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 9, in main: bind c1 127.0.0.1:4461 */
static void step_4(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4461, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:4461)", &a, alen, 0);
}

/* line 10, in main: connect c1 127.0.0.1:3461 */
static void step_5(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3461)", &a, alen, 1000);
}

/* line 11, in main: accept srv as a1 */
static void step_6(void)
{
	do_accept(1, 3, "accept(s1)", "s3 (a1)", 1000);
}

/* line 12: expect ESTAB 127.0.0.1:3461 127.0.0.1:4461 (sockstage checks
 * the kernel view) */
/* line 13: expect ESTAB 127.0.0.1:4461 127.0.0.1:3461 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server closes first: its kernel sends a FIN, and the client's
 * kernel acknowledges it. */
/* The server side is now FIN-WAIT-2, waiting for the client's FIN. The
 * client side is CLOSE-WAIT, waiting for its program to close. */
/* line 18, in main: close a1 */
static void step_7(void)
{
	do_close(3, "close(s3)");
}

/* line 19: expect segment a1 -> c1 FIN (sockstage checks the wire) */
/* line 20: expect segment c1 -> a1 ACK (sockstage checks the wire) */
/* line 21: expect FIN-WAIT-2 127.0.0.1:3461 127.0.0.1:4461 (sockstage
 * checks the kernel view) */
/* line 22: expect CLOSE-WAIT 127.0.0.1:4461 127.0.0.1:3461 (sockstage
 * checks the kernel view) */
/* The client program finds out when recv returns 0: the end of the
 * stream. */
/* line 24, in main: recv c1 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* The client closes too. Its side sends a FIN and is gone once the
 * server's ACK comes back. */
/* The server side, which closed first, is in TIME-WAIT, on the server's
 * port 3461, for 60 s. The client's port has none. */
/* line 29, in main: close c1 */
static void step_9(void)
{
	do_close(2, "close(s2)");
}

/* line 30: expect segment c1 -> a1 FIN (sockstage checks the wire) */
/* line 31: expect segment a1 -> c1 ACK (sockstage checks the wire) */
/* line 32, in main: wait a1 TIME-WAIT 2s */
static void step_10(void)
{
	do_wait_state(3, 0, 6, "TIME-WAIT", 2000, "wait s3 TIME-WAIT");
}

/* line 33: expect TIME-WAIT 127.0.0.1:3461 127.0.0.1:4461 (sockstage
 * checks the kernel view) */
/* line 34: expect no TIME-WAIT 127.0.0.1:4461 (sockstage checks the
 * kernel view) */
/* line 35: expect no LAST-ACK 127.0.0.1:4461 (sockstage checks the
 * kernel view) */
/* line 36: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A second client, from port 4561. This time the client closes first. */
/* line 40, in main: socket tcp as c2 */
static void step_11(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (c2)");
}

/* line 41, in main: bind c2 127.0.0.1:4561 */
static void step_12(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4561, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4561)", &a, alen, 0);
}

/* line 42, in main: connect c2 127.0.0.1:3461 */
static void step_13(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:3461)", &a, alen, 1000);
}

/* line 43, in main: accept srv as a2 */
static void step_14(void)
{
	do_accept(1, 5, "accept(s1)", "s5 (a2)", 1000);
}

/* line 44, in main: close c2 */
static void step_15(void)
{
	do_close(4, "close(s4)");
}

/* line 45: expect segment c2 -> a2 FIN (sockstage checks the wire) */
/* line 46: expect segment a2 -> c2 ACK (sockstage checks the wire) */
/* The roles are swapped: the client side is FIN-WAIT-2, the server side
 * CLOSE-WAIT. */
/* line 48: expect FIN-WAIT-2 127.0.0.1:4561 127.0.0.1:3461 (sockstage
 * checks the kernel view) */
/* line 49: expect CLOSE-WAIT 127.0.0.1:3461 127.0.0.1:4561 (sockstage
 * checks the kernel view) */
/* A CLOSE-WAIT lasts until the program closes its socket: a server that
 * forgets to close piles them up. */
/* line 51, in main: recv a2 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv(5, "recv(s5, 65536)", 0, 65536, 1000);
}

/* The server's recv returns 0: the end of the stream. */
/* ---- pause: the end of a lesson step ---- */

/* The server closes. Now the TIME-WAIT is on the client's side, port
 * 4561. */
/* The server's side of this connection is gone: the port 3461 gets no
 * TIME-WAIT for it. */
/* line 57, in main: close a2 */
static void step_17(void)
{
	do_close(5, "close(s5)");
}

/* line 58: expect segment a2 -> c2 FIN (sockstage checks the wire) */
/* line 59: expect segment c2 -> a2 ACK (sockstage checks the wire) */
/* line 60, in main: wait c2 TIME-WAIT 2s */
static void step_18(void)
{
	do_wait_state(4, 0, 6, "TIME-WAIT", 2000, "wait s4 TIME-WAIT");
}

/* line 61: expect TIME-WAIT 127.0.0.1:4561 127.0.0.1:3461 (sockstage
 * checks the kernel view) */
/* line 62: expect no TIME-WAIT 127.0.0.1:3461 127.0.0.1:4561 (sockstage
 * checks the kernel view) */
/* line 63: expect no LAST-ACK 127.0.0.1:3461 127.0.0.1:4561 (sockstage
 * checks the kernel view) */
/* line 64: show (sockstage prints the kernel view) */
/* A client's TIME-WAIT ties up one of many ephemeral ports. A server's
 * TIME-WAIT sits on the one port the server must bind again after a
 * restart (lesson 02). */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 0 },	/* line 9, main */
	{ step_5, 0 },	/* line 10, main */
	{ step_6, 0 },	/* line 11, main */
	{ step_7, 0 },	/* line 18, main */
	{ step_8, 0 },	/* line 24, main */
	{ step_9, 0 },	/* line 29, main */
	{ step_10, 0 },	/* line 32, main */
	{ step_11, 0 },	/* line 40, main */
	{ step_12, 0 },	/* line 41, main */
	{ step_13, 0 },	/* line 42, main */
	{ step_14, 0 },	/* line 43, main */
	{ step_15, 0 },	/* line 44, main */
	{ step_16, 0 },	/* line 51, main */
	{ step_17, 0 },	/* line 57, main */
	{ step_18, 0 },	/* line 60, main */
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
