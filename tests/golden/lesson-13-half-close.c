/* lesson-13-half-close.stage: exported by sockstage --export-c.
 *
 * Half-close: shutdown(SHUT_WR) ends one direction only
 * A TCP connection is two streams, one each way. shutdown(SHUT_WR) ends
 * only the caller's stream: it sends a FIN, and the peer's recv returns
 * 0, while the other way stays open. A client can send its request, say
 * that is all, and still read the reply.
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
#define NSTEPS 17

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Half-close: shutdown(SHUT_WR) ends one direction only */
/* A TCP connection is two streams, one each way. shutdown(SHUT_WR) ends
 * only the caller's stream: it sends a FIN, and the peer's recv returns
 * 0, while the other way stays open. A client can send its request, say
 * that is all, and still read the reply. */
/* A server listens on 127.0.0.1:3471; a client connects from port 4471
 * and the server accepts. */
/* line 5, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 6, in main: bind srv 127.0.0.1:3471 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3471)", &a, alen, 0);
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

/* line 9, in main: bind cli 127.0.0.1:4471 */
static void step_4(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4471, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:4471)", &a, alen, 0);
}

/* line 10, in main: connect cli 127.0.0.1:3471 */
static void step_5(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3471)", &a, alen, 1000);
}

/* line 11, in main: accept srv as conn */
static void step_6(void)
{
	do_accept(1, 3, "accept(s1)", "s3 (conn)", 1000);
}

/* line 12: expect ESTAB 127.0.0.1:4471 127.0.0.1:3471 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The client sends its request, then shuts down its sending side:
 * shutdown(SHUT_WR). Its kernel sends a FIN after the data. */
/* line 16, in main: send cli "request" */
static void step_7(void)
{
	do_send(2, "send(s2, \"request\")", 0, "request", 7, NULL, 0);
}

/* line 17: expect segment cli -> conn PSH (sockstage checks the wire) */
/* line 18, in main: shutdown cli wr */
static void step_8(void)
{
	do_shutdown(2, "shutdown(s2, SHUT_WR)", SHUT_WR);
}

/* line 19: expect segment cli -> conn FIN (sockstage checks the wire) */
/* line 20: expect segment conn -> cli ACK (sockstage checks the wire) */
/* The client side is FIN-WAIT-2: its FIN is acknowledged, it waits for
 * the server's. The server side is CLOSE-WAIT. */
/* line 22: expect FIN-WAIT-2 127.0.0.1:4471 127.0.0.1:3471 (sockstage
 * checks the kernel view) */
/* line 23: expect CLOSE-WAIT 127.0.0.1:3471 127.0.0.1:4471 (sockstage
 * checks the kernel view) */
/* The request waits in the server's Recv-Q: 8, the 7 bytes plus 1 for
 * the FIN, which takes a sequence number of its own. */
/* line 25: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server reads: first the request, then recv returns 0. Not an
 * error: the end of the client's stream. */
/* line 29, in main: recv conn */
static void step_9(void)
{
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 30, in main: recv conn => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* The server's direction is still open. It sends the reply, and the
 * half-closed client reads it. */
/* line 34, in main: send conn "response" */
static void step_11(void)
{
	do_send(3, "send(s3, \"response\")", 0, "response", 8, NULL, 0);
}

/* line 35: expect segment conn -> cli PSH (sockstage checks the wire) */
/* line 36: expect segment cli -> conn ACK (sockstage checks the wire) */
/* line 37, in main: recv cli => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* The client, though, can send no more. */
/* line 41, in main: send cli "one more thing" => EPIPE */
static void step_13(void)
{
	/* the script expects => EPIPE */
	do_send(2, "send(s2, \"one more thing\")", 0, "one more thing", 14, NULL, 0);
}

/* line 42: expect no segment cli -> conn PSH (sockstage checks the wire) */
/* ---- pause: the end of a lesson step ---- */

/* The server is done too and closes: its FIN ends the other direction. */
/* line 46, in main: close conn */
static void step_14(void)
{
	do_close(3, "close(s3)");
}

/* line 47: expect segment conn -> cli FIN (sockstage checks the wire) */
/* line 48: expect segment cli -> conn ACK (sockstage checks the wire) */
/* The client sent the first FIN, so its side is in TIME-WAIT; the
 * server's side is gone. */
/* line 50, in main: wait cli TIME-WAIT 2s */
static void step_15(void)
{
	do_wait_state(2, 0, 6, "TIME-WAIT", 2000, "wait s2 TIME-WAIT");
}

/* line 51: expect TIME-WAIT 127.0.0.1:4471 127.0.0.1:3471 (sockstage
 * checks the kernel view) */
/* line 52: expect no LAST-ACK 127.0.0.1:3471 127.0.0.1:4471 (sockstage
 * checks the kernel view) */
/* line 53: expect no CLOSE-WAIT 127.0.0.1:3471 127.0.0.1:4471 (sockstage
 * checks the kernel view) */
/* The client program still holds its socket, in state CLOSE, and its
 * recv returns 0: the end of the server's stream. */
/* line 55: expect CLOSE 127.0.0.1:4471 127.0.0.1:3471 (sockstage checks
 * the kernel view) */
/* line 56, in main: recv cli => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 57: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 0 },	/* line 9, main */
	{ step_5, 0 },	/* line 10, main */
	{ step_6, 0 },	/* line 11, main */
	{ step_7, 0 },	/* line 16, main */
	{ step_8, 0 },	/* line 18, main */
	{ step_9, 0 },	/* line 29, main */
	{ step_10, 0 },	/* line 30, main */
	{ step_11, 0 },	/* line 34, main */
	{ step_12, 0 },	/* line 37, main */
	{ step_13, 0 },	/* line 41, main */
	{ step_14, 0 },	/* line 46, main */
	{ step_15, 0 },	/* line 50, main */
	{ step_16, 0 },	/* line 56, main */
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
