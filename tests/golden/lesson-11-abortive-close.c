/* lesson-11-abortive-close.stage: exported by sockstage --export-c.
 *
 * Abortive close: SO_LINGER 0 sends a RST
 * A normal close sends a FIN: the peer reads the end of the stream, and
 * the side that closed first keeps TIME-WAIT. With SO_LINGER on and a
 * timeout of 0, close sends a RST instead: the peer's recv fails with
 * ECONNRESET, and nobody keeps TIME-WAIT. Data in flight is lost.
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

#define NSOCK 8
#define NPROC 1
#define NSTEPS 26

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Abortive close: SO_LINGER 0 sends a RST */
/* A normal close sends a FIN: the peer reads the end of the stream, and
 * the side that closed first keeps TIME-WAIT. With SO_LINGER on and a
 * timeout of 0, close sends a RST instead: the peer's recv fails with
 * ECONNRESET, and nobody keeps TIME-WAIT. Data in flight is lost. */
/* A server listens on 127.0.0.1:3469; a client connects from port 4469
 * and the server accepts. */
/* line 5, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 6, in main: bind srv 127.0.0.1:3469 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3469)", &a, alen, 0);
}

/* line 7, in main: listen srv */
static void step_2(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 8, in main: socket tcp as cli */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (cli)");
}

/* line 9, in main: bind cli 127.0.0.1:4469 */
static void step_4(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4469, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:4469)", &a, alen, 0);
}

/* line 10, in main: connect cli 127.0.0.1:3469 */
static void step_5(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3469)", &a, alen, 1000);
}

/* line 11, in main: accept srv as conn */
static void step_6(void)
{
	do_accept(1, 3, "accept(s1)", "s3 (conn)", 1000);
}

/* line 12: expect ESTAB 127.0.0.1:3469 127.0.0.1:4469 (sockstage checks
 * the kernel view) */
/* line 13: expect ESTAB 127.0.0.1:4469 127.0.0.1:3469 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server sets SO_LINGER with a timeout of 0 on its connection, and
 * closes it. Its kernel sends a RST, not a FIN. */
/* line 17, in main: set conn linger 0 */
static void step_7(void)
{
	struct linger v = { 1, 0 };

	do_setsockopt(3, "setsockopt(s3, SO_LINGER, {on=1, 0s})", SOL_SOCKET, SO_LINGER, &v, sizeof(v));
}

/* line 18, in main: close conn */
static void step_8(void)
{
	do_close(3, "close(s3)");
}

/* line 19: expect segment conn -> cli RST (sockstage checks the wire) */
/* line 20: expect no segment conn -> cli FIN (sockstage checks the wire) */
/* The RST ended the connection on both sides at once. The server's row
 * is gone: no FIN-WAIT, no TIME-WAIT. */
/* The client's socket is still open, but its connection is over: the
 * state is CLOSE. */
/* line 23: expect CLOSE 127.0.0.1:4469 127.0.0.1:3469 (sockstage checks
 * the kernel view) */
/* line 24: expect no ESTAB 127.0.0.1:3469 127.0.0.1:4469 (sockstage
 * checks the kernel view) */
/* line 25: expect no TIME-WAIT 127.0.0.1:3469 127.0.0.1:4469 (sockstage
 * checks the kernel view) */
/* line 26: expect no FIN-WAIT-2 127.0.0.1:3469 127.0.0.1:4469 (sockstage
 * checks the kernel view) */
/* line 27: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The client program has not noticed yet. It calls recv. */
/* line 31, in main: recv cli => ECONNRESET */
static void step_9(void)
{
	/* the script expects => ECONNRESET */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* Not 0, the end of the stream, but an error: the connection was reset. */
/* ---- pause: the end of a lesson step ---- */

/* The client tries to send. */
/* line 36, in main: send cli "anyone there?" => EPIPE */
static void step_10(void)
{
	/* the script expects => EPIPE */
	do_send(2, "send(s2, \"anyone there\?\")", 0, "anyone there\?", 13, NULL, 0);
}

/* The connection is gone: a send now fails with EPIPE (a real program
 * would also get SIGPIPE, unless it ignores it or sends with
 * MSG_NOSIGNAL). */
/* ---- pause: the end of a lesson step ---- */

/* For contrast, a second client, from port 4569, and a normal close by
 * the server. */
/* line 41, in main: socket tcp as cli2 */
static void step_11(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (cli2)");
}

/* line 42, in main: bind cli2 127.0.0.1:4569 */
static void step_12(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4569, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4569)", &a, alen, 0);
}

/* line 43, in main: connect cli2 127.0.0.1:3469 */
static void step_13(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:3469)", &a, alen, 1000);
}

/* line 44, in main: accept srv as conn2 */
static void step_14(void)
{
	do_accept(1, 5, "accept(s1)", "s5 (conn2)", 1000);
}

/* line 45, in main: close conn2 */
static void step_15(void)
{
	do_close(5, "close(s5)");
}

/* line 46: expect segment conn2 -> cli2 FIN (sockstage checks the wire) */
/* The client calls recv. */
/* line 48, in main: recv cli2 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv(4, "recv(s4, 65536)", 0, 65536, 1000);
}

/* It reads 0, the end of the stream, and closes too. The server's side
 * keeps TIME-WAIT for 60 s. */
/* line 50, in main: close cli2 */
static void step_17(void)
{
	do_close(4, "close(s4)");
}

/* line 51, in main: wait conn2 TIME-WAIT 2s */
static void step_18(void)
{
	do_wait_state(5, 0, 6, "TIME-WAIT", 2000, "wait s5 TIME-WAIT");
}

/* line 52: expect TIME-WAIT 127.0.0.1:3469 127.0.0.1:4569 (sockstage
 * checks the kernel view) */
/* line 53: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A RST also goes out without SO_LINGER, when a program closes a socket
 * with data it never read. */
/* line 57, in main: socket tcp as cli3 */
static void step_19(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (cli3)");
}

/* line 58, in main: bind cli3 127.0.0.1:4669 */
static void step_20(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4669, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:4669)", &a, alen, 0);
}

/* line 59, in main: connect cli3 127.0.0.1:3469 */
static void step_21(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3469)", &a, alen, 1000);
}

/* line 60, in main: accept srv as conn3 */
static void step_22(void)
{
	do_accept(1, 7, "accept(s1)", "s7 (conn3)", 1000);
}

/* line 61, in main: send cli3 "never read" */
static void step_23(void)
{
	do_send(6, "send(s6, \"never read\")", 0, "never read", 10, NULL, 0);
}

/* The 10 bytes wait in the server's Recv-Q. */
/* line 63: show (sockstage prints the kernel view) */
/* The server closes without reading them. */
/* line 65, in main: close conn3 */
static void step_24(void)
{
	do_close(7, "close(s7)");
}

/* line 66: expect segment conn3 -> cli3 RST (sockstage checks the wire) */
/* line 67: expect no segment conn3 -> cli3 FIN (sockstage checks the
 * wire) */
/* line 68, in main: recv cli3 => ECONNRESET */
static void step_25(void)
{
	/* the script expects => ECONNRESET */
	do_recv(6, "recv(s6, 65536)", 0, 65536, 1000);
}

/* line 69: expect no TIME-WAIT 127.0.0.1:3469 127.0.0.1:4669 (sockstage
 * checks the kernel view) */
/* The unread data is lost, and the kernel tells the peer so with a RST
 * instead of a FIN. */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 0 },	/* line 9, main */
	{ step_5, 0 },	/* line 10, main */
	{ step_6, 0 },	/* line 11, main */
	{ step_7, 0 },	/* line 17, main */
	{ step_8, 0 },	/* line 18, main */
	{ step_9, 0 },	/* line 31, main */
	{ step_10, 0 },	/* line 36, main */
	{ step_11, 0 },	/* line 41, main */
	{ step_12, 0 },	/* line 42, main */
	{ step_13, 0 },	/* line 43, main */
	{ step_14, 0 },	/* line 44, main */
	{ step_15, 0 },	/* line 45, main */
	{ step_16, 0 },	/* line 48, main */
	{ step_17, 0 },	/* line 50, main */
	{ step_18, 0 },	/* line 51, main */
	{ step_19, 0 },	/* line 57, main */
	{ step_20, 0 },	/* line 58, main */
	{ step_21, 0 },	/* line 59, main */
	{ step_22, 0 },	/* line 60, main */
	{ step_23, 0 },	/* line 61, main */
	{ step_24, 0 },	/* line 65, main */
	{ step_25, 0 },	/* line 68, main */
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
