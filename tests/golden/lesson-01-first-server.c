/* lesson-01-first-server.stage: exported by sockstage --export-c.
 *
 * First server: one listener, one connection, two ESTAB rows
 * A TCP server is a socket bound to an address and listening. The kernel
 * completes a client's handshake on its own and queues the connection
 * until the server accepts it. One connection is two kernel sockets, one
 * per side, both ESTAB. Recv-Q shows what waits for the program.
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
#define NSTEPS 9

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* First server: one listener, one connection, two ESTAB rows */
/* A TCP server is a socket bound to an address and listening. The kernel
 * completes a client's handshake on its own and queues the connection
 * until the server accepts it. One connection is two kernel sockets, one
 * per side, both ESTAB. Recv-Q shows what waits for the program. */
/* A server socket: bind it to 127.0.0.1, port 3459, then listen. */
/* The kernel view shows one LISTEN row. Its Send-Q column is the backlog
 * that listen asked for. */
/* line 6, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 7, in main: bind srv 127.0.0.1:3459 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3459)", &a, alen, 0);
}

/* line 8, in main: listen srv => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 9: expect LISTEN 127.0.0.1:3459 (sockstage checks the kernel
 * view) */
/* ---- pause: the end of a lesson step ---- */

/* A client connects. It did not bind: the kernel picks a free local port
 * for it. */
/* The kernels do the handshake, SYN, SYN+ACK, ACK, before the server
 * accepts. */
/* line 14, in main: socket tcp as cli */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (cli)");
}

/* line 15, in main: connect cli 127.0.0.1:3459 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3459)", &a, alen, 1000);
}

/* line 16: expect segment cli -> srv SYN (sockstage checks the wire) */
/* line 17: expect segment srv -> cli SYN+ACK (sockstage checks the wire) */
/* line 18: expect segment cli -> srv ACK (sockstage checks the wire) */
/* line 19: expect ESTAB 127.0.0.1:3459 (sockstage checks the kernel
 * view) */
/* line 20, in main: wait cli ESTAB 1s */
static void step_5(void)
{
	do_wait_state(2, 0, 1, "ESTAB", 1000, "wait s2 ESTAB");
}

/* Two ESTAB rows: the client's side, from its new port to 3459, and the
 * server's side, from 3459 back to it. */
/* Until accept, the server's side waits in the listener's accept queue:
 * the LISTEN row's Recv-Q counts it. */
/* line 23: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server accepts: a new socket, for this one connection. The
 * listener keeps listening. */
/* line 27, in main: accept srv as conn => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (conn)", 1000);
}

/* line 28: expect LISTEN 127.0.0.1:3459 (sockstage checks the kernel
 * view) */
/* The server's ESTAB row now belongs to the new socket, and the LISTEN
 * row's Recv-Q is back to 0. */
/* line 30: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The client sends 5 bytes. The server has not read them yet: its side's
 * Recv-Q shows 5. */
/* line 34, in main: send cli "hello" => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"hello\")", 0, "hello", 5, NULL, 0);
}

/* line 35: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server reads the data, and its Recv-Q is empty again. */
/* line 39, in main: recv conn => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 40: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 6, main */
	{ step_1, 0 },	/* line 7, main */
	{ step_2, 0 },	/* line 8, main */
	{ step_3, 0 },	/* line 14, main */
	{ step_4, 0 },	/* line 15, main */
	{ step_5, 0 },	/* line 20, main */
	{ step_6, 0 },	/* line 27, main */
	{ step_7, 0 },	/* line 34, main */
	{ step_8, 0 },	/* line 39, main */
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
