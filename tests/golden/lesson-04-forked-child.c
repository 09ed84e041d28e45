/* lesson-04-forked-child.stage: exported by sockstage --export-c.
 *
 * A forked child keeps the port: restarting a forking server
 * A forking server's child holds its connection, and a connection uses
 * the server's port as a listener does. A new server cannot bind the
 * port while the child serves, unless SO_REUSEADDR was set on the old
 * listener, whose options the connection inherited, and on the new
 * socket.
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

#define NSOCK 12
#define NPROC 8
#define NSTEPS 47

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* A forked child keeps the port: restarting a forking server */
/* A forking server's child holds its connection, and a connection uses
 * the server's port as a listener does. A new server cannot bind the
 * port while the child serves, unless SO_REUSEADDR was set on the old
 * listener, whose options the connection inherited, and on the new
 * socket. */
/* A server process listens on 127.0.0.1:3462, without SO_REUSEADDR. A
 * client process connects from port 4462; the server accepts. */
/* line 5, in main: spawn server */
static void step_0(void)
{
	do_spawn(1, -1, -1, "spawn(server)");
}

/* line 6, in main: spawn client */
static void step_1(void)
{
	do_spawn(2, -1, -1, "spawn(client)");
}

/* line 7: server: socket tcp as l1 */
static void step_2(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 8: server: bind l1 127.0.0.1:3462 */
static void step_3(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3462)", &a, alen, 0);
}

/* line 9: server: listen l1 */
static void step_4(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 10: client: socket tcp as c1 */
static void step_5(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 11: client: bind c1 127.0.0.1:4462 */
static void step_6(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4462, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:4462)", &a, alen, 0);
}

/* line 12: client: connect c1 127.0.0.1:3462 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3462)", &a, alen, 1000);
}

/* line 13: server: accept l1 as conn1 */
static void step_8(void)
{
	do_accept(1, 3, "accept(s1)", "s3 (conn1)", 1000);
}

/* line 14: expect ESTAB 127.0.0.1:3462 127.0.0.1:4462 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server forks a child to serve the client. Both processes now hold
 * both sockets. */
/* line 18, in server: fork server as child */
static void step_9(void)
{
	do_fork(3, "fork(server)", "child");
}

/* Each closes what it does not need: the parent the connection, the
 * child the listener. */
/* A socket stays open while any process holds it, so nothing changes in
 * the kernel view except the owners. */
/* line 21: server: close conn1 */
static void step_10(void)
{
	do_close(3, "close(s3)");
}

/* line 22: child: close l1 */
static void step_11(void)
{
	do_close(1, "close(s1)");
}

/* line 23: expect LISTEN 127.0.0.1:3462 (sockstage checks the kernel
 * view) */
/* line 24: expect ESTAB 127.0.0.1:3462 127.0.0.1:4462 (sockstage checks
 * the kernel view) */
/* line 25: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server process exits, say for an upgrade. It was the listener's
 * last holder: the LISTEN row goes. */
/* The connection stays, held by the child, which can still talk to the
 * client. */
/* line 30, in main: exit server */
static void step_12(void)
{
	do_end(1, 0, "exit(server)");
}

/* line 31: expect no LISTEN 127.0.0.1:3462 (sockstage checks the kernel
 * view) */
/* line 32: expect ESTAB 127.0.0.1:3462 127.0.0.1:4462 (sockstage checks
 * the kernel view) */
/* line 33: child: send conn1 "still served" => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"still served\")", 0, "still served", 12, NULL, 0);
}

/* line 34: client: recv c1 */
static void step_14(void)
{
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 35: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The new server starts and binds the port. */
/* line 39, in main: spawn server2 */
static void step_15(void)
{
	do_spawn(4, -1, -1, "spawn(server2)");
}

/* line 40: server2: socket tcp as l2 */
static void step_16(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (l2)");
}

/* line 41: server2: bind l2 127.0.0.1:3462 => EADDRINUSE */
static void step_17(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3462)", &a, alen, 0);
}

/* Nobody listens on 3462, but the child's connection uses the port. */
/* ---- pause: the end of a lesson step ---- */

/* server2 sets SO_REUSEADDR and tries again. */
/* line 46: server2: set l2 reuseaddr */
static void step_18(void)
{
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 47: server2: bind l2 127.0.0.1:3462 => EADDRINUSE */
static void step_19(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3462)", &a, alen, 0);
}

/* Not enough: the connection inherited its options from the old
 * listener, which did not set SO_REUSEADDR. */
/* ---- pause: the end of a lesson step ---- */

/* The connection ends, the client closing first: the child reads the end
 * of the stream and closes. */
/* The TIME-WAIT is on the client's port 4462, and nothing is left on
 * 3462. */
/* line 53: client: close c1 */
static void step_20(void)
{
	do_close(2, "close(s2)");
}

/* line 54: child: recv conn1 */
static void step_21(void)
{
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 55: child: close conn1 */
static void step_22(void)
{
	do_close(3, "close(s3)");
}

/* line 56, in main: wait c1 TIME-WAIT 2s */
static void step_23(void)
{
	do_wait_state(2, 0, 6, "TIME-WAIT", 2000, "wait s2 TIME-WAIT");
}

/* line 57: expect TIME-WAIT 127.0.0.1:4462 127.0.0.1:3462 (sockstage
 * checks the kernel view) */
/* line 58: expect no ESTAB 127.0.0.1:3462 (sockstage checks the kernel
 * view) */
/* line 59: expect no LAST-ACK 127.0.0.1:3462 (sockstage checks the
 * kernel view) */
/* line 60: expect no TIME-WAIT 127.0.0.1:3462 (sockstage checks the
 * kernel view) */
/* So a new socket binds 3462 with no option at all. */
/* line 62: server2: socket tcp as l3 */
static void step_24(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (l3)");
}

/* line 63: server2: bind l3 127.0.0.1:3462 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3462)", &a, alen, 0);
}

/* Had the child closed first, its side would have kept TIME-WAIT on 3462
 * for 60 s, and the restart would still fail (lessons 02 and 03). */
/* ---- pause: the end of a lesson step ---- */

/* The same story on port 3562, with SO_REUSEADDR set on the listener of
 * the old server. */
/* line 68, in main: spawn server3 */
static void step_26(void)
{
	do_spawn(5, -1, -1, "spawn(server3)");
}

/* line 69: server3: socket tcp as l4 */
static void step_27(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (l4)");
}

/* line 70: server3: set l4 reuseaddr */
static void step_28(void)
{
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 71: server3: bind l4 127.0.0.1:3562 */
static void step_29(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3562, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3562)", &a, alen, 0);
}

/* line 72: server3: listen l4 */
static void step_30(void)
{
	do_listen(6, "listen(s6, 4096)", 4096);
}

/* line 73: client: socket tcp as c4 */
static void step_31(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (c4)");
}

/* line 74: client: bind c4 127.0.0.1:4562 */
static void step_32(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4562, 0u);

	do_bind(7, "bind(s7, 127.0.0.1:4562)", &a, alen, 0);
}

/* line 75: client: connect c4 127.0.0.1:3562 */
static void step_33(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3562, 0u);

	do_connect(7, "connect(s7, 127.0.0.1:3562)", &a, alen, 1000);
}

/* line 76: server3: accept l4 as conn4 */
static void step_34(void)
{
	do_accept(6, 8, "accept(s6)", "s8 (conn4)", 1000);
}

/* line 77, in server3: fork server3 as child3 */
static void step_35(void)
{
	do_fork(6, "fork(server3)", "child3");
}

/* line 78: child3: close l4 */
static void step_36(void)
{
	do_close(6, "close(s6)");
}

/* line 79, in main: exit server3 */
static void step_37(void)
{
	do_end(5, 0, "exit(server3)");
}

/* line 80: expect no LISTEN 127.0.0.1:3562 (sockstage checks the kernel
 * view) */
/* line 81: expect ESTAB 127.0.0.1:3562 127.0.0.1:4562 (sockstage checks
 * the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The new server sets SO_REUSEADDR too: now it binds and listens while
 * the child still serves its old client. */
/* line 85, in main: spawn server4 */
static void step_38(void)
{
	do_spawn(7, -1, -1, "spawn(server4)");
}

/* line 86: server4: socket tcp as l5 */
static void step_39(void)
{
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (l5)");
}

/* line 87: server4: set l5 reuseaddr */
static void step_40(void)
{
	int v = 1;

	do_setsockopt(9, "setsockopt(s9, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 88: server4: bind l5 127.0.0.1:3562 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3562, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3562)", &a, alen, 0);
}

/* line 89: server4: listen l5 */
static void step_42(void)
{
	do_listen(9, "listen(s9, 4096)", 4096);
}

/* line 90: expect LISTEN 127.0.0.1:3562 (sockstage checks the kernel
 * view) */
/* A new client is served by the new server, the old one by the child. */
/* line 92: client: socket tcp as c5 */
static void step_43(void)
{
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (c5)");
}

/* line 93: client: bind c5 127.0.0.1:4662 */
static void step_44(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4662, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:4662)", &a, alen, 0);
}

/* line 94: client: connect c5 127.0.0.1:3562 */
static void step_45(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3562, 0u);

	do_connect(10, "connect(s10, 127.0.0.1:3562)", &a, alen, 1000);
}

/* line 95: server4: accept l5 as conn5 */
static void step_46(void)
{
	do_accept(9, 11, "accept(s9)", "s11 (conn5)", 1000);
}

/* line 96: expect ESTAB 127.0.0.1:3562 127.0.0.1:4662 (sockstage checks
 * the kernel view) */
/* line 97: expect ESTAB 127.0.0.1:3562 127.0.0.1:4562 (sockstage checks
 * the kernel view) */
/* line 98: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 1 },	/* line 7, server */
	{ step_3, 1 },	/* line 8, server */
	{ step_4, 1 },	/* line 9, server */
	{ step_5, 2 },	/* line 10, client */
	{ step_6, 2 },	/* line 11, client */
	{ step_7, 2 },	/* line 12, client */
	{ step_8, 1 },	/* line 13, server */
	{ step_9, 1 },	/* line 18, server */
	{ step_10, 1 },	/* line 21, server */
	{ step_11, 3 },	/* line 22, child */
	{ step_12, 0 },	/* line 30, main */
	{ step_13, 3 },	/* line 33, child */
	{ step_14, 2 },	/* line 34, client */
	{ step_15, 0 },	/* line 39, main */
	{ step_16, 4 },	/* line 40, server2 */
	{ step_17, 4 },	/* line 41, server2 */
	{ step_18, 4 },	/* line 46, server2 */
	{ step_19, 4 },	/* line 47, server2 */
	{ step_20, 2 },	/* line 53, client */
	{ step_21, 3 },	/* line 54, child */
	{ step_22, 3 },	/* line 55, child */
	{ step_23, 0 },	/* line 56, main */
	{ step_24, 4 },	/* line 62, server2 */
	{ step_25, 4 },	/* line 63, server2 */
	{ step_26, 0 },	/* line 68, main */
	{ step_27, 5 },	/* line 69, server3 */
	{ step_28, 5 },	/* line 70, server3 */
	{ step_29, 5 },	/* line 71, server3 */
	{ step_30, 5 },	/* line 72, server3 */
	{ step_31, 2 },	/* line 73, client */
	{ step_32, 2 },	/* line 74, client */
	{ step_33, 2 },	/* line 75, client */
	{ step_34, 5 },	/* line 76, server3 */
	{ step_35, 5 },	/* line 77, server3 */
	{ step_36, 6 },	/* line 78, child3 */
	{ step_37, 0 },	/* line 79, main */
	{ step_38, 0 },	/* line 85, main */
	{ step_39, 7 },	/* line 86, server4 */
	{ step_40, 7 },	/* line 87, server4 */
	{ step_41, 7 },	/* line 88, server4 */
	{ step_42, 7 },	/* line 89, server4 */
	{ step_43, 2 },	/* line 92, client */
	{ step_44, 2 },	/* line 93, client */
	{ step_45, 2 },	/* line 94, client */
	{ step_46, 7 },	/* line 95, server4 */
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
