/* lesson-02-timewait-restart.stage: exported by sockstage --export-c.
 *
 * Restart after TIME-WAIT: SO_REUSEADDR in both runs
 * A server that closes first leaves each connection in TIME-WAIT on its
 * port for 60 s, and a restart in that minute fails with EADDRINUSE.
 * SO_REUSEADDR fixes it on Linux only when the old server had set it
 * too. Each run of the server here is its own process.
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

#define NSOCK 9
#define NPROC 6
#define NSTEPS 38

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Restart after TIME-WAIT: SO_REUSEADDR in both runs */
/* A server that closes first leaves each connection in TIME-WAIT on its
 * port for 60 s, and a restart in that minute fails with EADDRINUSE.
 * SO_REUSEADDR fixes it on Linux only when the old server had set it
 * too. Each run of the server here is its own process. */
/* The first run of the server: a process, server1, listens on
 * 127.0.0.1:3460. It does not set SO_REUSEADDR. */
/* A client process connects from port 4460, and server1 accepts. */
/* line 6, in main: spawn server1 */
static void step_0(void)
{
	do_spawn(1, -1, -1, "spawn(server1)");
}

/* line 7, in main: spawn client */
static void step_1(void)
{
	do_spawn(2, -1, -1, "spawn(client)");
}

/* line 8: server1: socket tcp as l1 */
static void step_2(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 9: server1: bind l1 127.0.0.1:3460 */
static void step_3(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3460)", &a, alen, 0);
}

/* line 10: server1: listen l1 */
static void step_4(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 11: client: socket tcp as c1 */
static void step_5(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 12: client: bind c1 127.0.0.1:4460 */
static void step_6(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4460, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:4460)", &a, alen, 0);
}

/* line 13: client: connect c1 127.0.0.1:3460 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3460)", &a, alen, 1000);
}

/* line 14: server1: accept l1 as conn1 */
static void step_8(void)
{
	do_accept(1, 3, "accept(s1)", "s3 (conn1)", 1000);
}

/* line 15: expect ESTAB 127.0.0.1:3460 127.0.0.1:4460 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server closes the connection first, the client closes its side
 * too, and server1 exits. */
/* The side that closed first keeps the connection in TIME-WAIT for 60 s:
 * here the server's side, on port 3460. */
/* line 20: server1: close conn1 */
static void step_9(void)
{
	do_close(3, "close(s3)");
}

/* line 21: client: close c1 */
static void step_10(void)
{
	do_close(2, "close(s2)");
}

/* line 22, in main: wait conn1 TIME-WAIT 2s */
static void step_11(void)
{
	do_wait_state(3, 0, 6, "TIME-WAIT", 2000, "wait s3 TIME-WAIT");
}

/* line 23, in main: exit server1 */
static void step_12(void)
{
	do_end(1, 0, "exit(server1)");
}

/* line 24: expect no LISTEN 127.0.0.1:3460 (sockstage checks the kernel
 * view) */
/* line 25: expect TIME-WAIT 127.0.0.1:3460 127.0.0.1:4460 (sockstage
 * checks the kernel view) */
/* line 26: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The restart: a new process, server2, binds the same address. */
/* line 30, in main: spawn server2 */
static void step_13(void)
{
	do_spawn(3, -1, -1, "spawn(server2)");
}

/* line 31: server2: socket tcp as l2 */
static void step_14(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (l2)");
}

/* line 32: server2: bind l2 127.0.0.1:3460 => EADDRINUSE */
static void step_15(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3460)", &a, alen, 0);
}

/* Nobody listens on 3460 any more: the TIME-WAIT row alone holds the
 * port. */
/* ---- pause: the end of a lesson step ---- */

/* The common advice: set SO_REUSEADDR before bind. server2 does, and
 * tries again. */
/* line 37: server2: set l2 reuseaddr */
static void step_16(void)
{
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 38: server2: bind l2 127.0.0.1:3460 => EADDRINUSE */
static void step_17(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3460)", &a, alen, 0);
}

/* Still refused. The TIME-WAIT remembers that the old socket did not set
 * SO_REUSEADDR, and then nothing the new socket sets helps. */
/* The wildcard address does not get around it either. */
/* line 41: server2: bind l2 0.0.0.0:3460 => EADDRINUSE */
static void step_18(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3460, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3460)", &a, alen, 0);
}

/* ---- pause: the end of a lesson step ---- */

/* Once more, on port 3560, with a server that sets SO_REUSEADDR, as a
 * well-written server does in every run. */
/* line 45, in main: spawn server3 */
static void step_19(void)
{
	do_spawn(4, -1, -1, "spawn(server3)");
}

/* line 46: server3: socket tcp as l3 */
static void step_20(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (l3)");
}

/* line 47: server3: set l3 reuseaddr */
static void step_21(void)
{
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 48: server3: bind l3 127.0.0.1:3560 */
static void step_22(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3560, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3560)", &a, alen, 0);
}

/* line 49: server3: listen l3 */
static void step_23(void)
{
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 50: client: socket tcp as c3 */
static void step_24(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (c3)");
}

/* line 51: client: bind c3 127.0.0.1:4560 */
static void step_25(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4560, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:4560)", &a, alen, 0);
}

/* line 52: client: connect c3 127.0.0.1:3560 */
static void step_26(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3560, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3560)", &a, alen, 1000);
}

/* line 53: server3: accept l3 as conn3 */
static void step_27(void)
{
	do_accept(5, 7, "accept(s5)", "s7 (conn3)", 1000);
}

/* line 54: expect ESTAB 127.0.0.1:3560 127.0.0.1:4560 (sockstage checks
 * the kernel view) */
/* This time the server crashes: kill server3 while its client is
 * connected. The kernel closes its sockets, so the server side still
 * closes first. */
/* line 56, in main: kill server3 */
static void step_28(void)
{
	do_end(4, SIGKILL, "kill(server3, SIGKILL)");
}

/* line 57, in main: wait conn3 FIN-WAIT-2 2s */
static void step_29(void)
{
	do_wait_state(7, 0, 5, "FIN-WAIT-2", 2000, "wait s7 FIN-WAIT-2");
}

/* line 58: client: close c3 */
static void step_30(void)
{
	do_close(6, "close(s6)");
}

/* line 59, in main: wait conn3 TIME-WAIT 2s */
static void step_31(void)
{
	do_wait_state(7, 0, 6, "TIME-WAIT", 2000, "wait s7 TIME-WAIT");
}

/* line 60: expect no LISTEN 127.0.0.1:3560 (sockstage checks the kernel
 * view) */
/* line 61: expect TIME-WAIT 127.0.0.1:3560 127.0.0.1:4560 (sockstage
 * checks the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The restart, server4, first without SO_REUSEADDR: refused. The old
 * socket's setting alone is not enough. */
/* line 65, in main: spawn server4 */
static void step_32(void)
{
	do_spawn(5, -1, -1, "spawn(server4)");
}

/* line 66: server4: socket tcp as l4 */
static void step_33(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (l4)");
}

/* line 67: server4: bind l4 127.0.0.1:3560 => EADDRINUSE */
static void step_34(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3560, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:3560)", &a, alen, 0);
}

/* ---- pause: the end of a lesson step ---- */

/* Now server4 sets SO_REUSEADDR too: the bind works, and it listens
 * while the old TIME-WAIT is still there. */
/* line 71: server4: set l4 reuseaddr */
static void step_35(void)
{
	int v = 1;

	do_setsockopt(8, "setsockopt(s8, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 72: server4: bind l4 127.0.0.1:3560 => ok */
static void step_36(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3560, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:3560)", &a, alen, 0);
}

/* line 73: server4: listen l4 */
static void step_37(void)
{
	do_listen(8, "listen(s8, 4096)", 4096);
}

/* line 74: expect LISTEN 127.0.0.1:3560 (sockstage checks the kernel
 * view) */
/* line 75: expect TIME-WAIT 127.0.0.1:3560 127.0.0.1:4560 (sockstage
 * checks the kernel view) */
/* line 76: show (sockstage prints the kernel view) */
/* So "set SO_REUSEADDR before bind" works because the same program sets
 * it in every run. Set only in the restarted server, it does not help. */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 6, main */
	{ step_1, 0 },	/* line 7, main */
	{ step_2, 1 },	/* line 8, server1 */
	{ step_3, 1 },	/* line 9, server1 */
	{ step_4, 1 },	/* line 10, server1 */
	{ step_5, 2 },	/* line 11, client */
	{ step_6, 2 },	/* line 12, client */
	{ step_7, 2 },	/* line 13, client */
	{ step_8, 1 },	/* line 14, server1 */
	{ step_9, 1 },	/* line 20, server1 */
	{ step_10, 2 },	/* line 21, client */
	{ step_11, 0 },	/* line 22, main */
	{ step_12, 0 },	/* line 23, main */
	{ step_13, 0 },	/* line 30, main */
	{ step_14, 3 },	/* line 31, server2 */
	{ step_15, 3 },	/* line 32, server2 */
	{ step_16, 3 },	/* line 37, server2 */
	{ step_17, 3 },	/* line 38, server2 */
	{ step_18, 3 },	/* line 41, server2 */
	{ step_19, 0 },	/* line 45, main */
	{ step_20, 4 },	/* line 46, server3 */
	{ step_21, 4 },	/* line 47, server3 */
	{ step_22, 4 },	/* line 48, server3 */
	{ step_23, 4 },	/* line 49, server3 */
	{ step_24, 2 },	/* line 50, client */
	{ step_25, 2 },	/* line 51, client */
	{ step_26, 2 },	/* line 52, client */
	{ step_27, 4 },	/* line 53, server3 */
	{ step_28, 0 },	/* line 56, main */
	{ step_29, 0 },	/* line 57, main */
	{ step_30, 2 },	/* line 58, client */
	{ step_31, 0 },	/* line 59, main */
	{ step_32, 0 },	/* line 65, main */
	{ step_33, 5 },	/* line 66, server4 */
	{ step_34, 5 },	/* line 67, server4 */
	{ step_35, 5 },	/* line 71, server4 */
	{ step_36, 5 },	/* line 72, server4 */
	{ step_37, 5 },	/* line 73, server4 */
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
