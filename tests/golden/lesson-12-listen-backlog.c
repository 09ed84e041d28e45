/* lesson-12-listen-backlog.stage: exported by sockstage --export-c.
 *
 * The listen backlog: a full accept queue
 * The kernel completes connections on its own and queues them until the
 * program accepts. The listen backlog caps that queue. When it is full,
 * the kernel drops new SYNs unanswered: the client waits in SYN-SENT,
 * retries, and connects only once the server has made room.
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
#define NSTEPS 12

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* The listen backlog: a full accept queue */
/* The kernel completes connections on its own and queues them until the
 * program accepts. The listen backlog caps that queue. When it is full,
 * the kernel drops new SYNs unanswered: the client waits in SYN-SENT,
 * retries, and connects only once the server has made room. */
/* A server listens on 127.0.0.1:3470 with a backlog of 1. The LISTEN
 * row's Send-Q shows the backlog. */
/* line 5, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 6, in main: bind srv 127.0.0.1:3470 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3470)", &a, alen, 0);
}

/* line 7, in main: listen srv 1 */
static void step_2(void)
{
	do_listen(1, "listen(s1, 1)", 1);
}

/* line 8: expect LISTEN 127.0.0.1:3470 (sockstage checks the kernel
 * view) */
/* line 9: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Two clients connect. The server does not accept. */
/* line 13, in main: socket tcp as c1 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 14, in main: connect c1 127.0.0.1:3470 */
static void step_4(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3470)", &a, alen, 1000);
}

/* line 15, in main: socket tcp as c2 */
static void step_5(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (c2)");
}

/* line 16, in main: connect c2 127.0.0.1:3470 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_connect(3, "connect(s3, 127.0.0.1:3470)", &a, alen, 1000);
}

/* Both connections are complete and queued: Recv-Q 2 on the LISTEN row,
 * with a backlog of 1. */
/* Linux calls the queue full only when it holds more than the backlog,
 * so it holds backlog + 1. */
/* line 19: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A third client, from port 4470, connects. */
/* line 23, in main: socket tcp as c3 */
static void step_7(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (c3)");
}

/* line 24, in main: bind c3 127.0.0.1:4470 */
static void step_8(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4470, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4470)", &a, alen, 0);
}

/* line 25, in main: connect c3 127.0.0.1:3470 => EINPROGRESS */
static void step_9(void)
{
	/* the script expects => EINPROGRESS */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:3470)", &a, alen, 1000);
}

/* line 26: expect segment c3 -> srv SYN (sockstage checks the wire) */
/* line 27: expect no segment srv -> c3 SYN+ACK (sockstage checks the
 * wire) */
/* line 28: expect no segment srv -> c3 RST (sockstage checks the wire) */
/* It does not complete: the server's kernel dropped its SYN. The client
 * stays in SYN-SENT, and the server has no row for it at all. */
/* line 30: expect SYN-SENT 127.0.0.1:4470 127.0.0.1:3470 (sockstage
 * checks the kernel view) */
/* line 31: expect no SYN-RECV 127.0.0.1:3470 127.0.0.1:4470 (sockstage
 * checks the kernel view) */
/* line 32: expect no ESTAB 127.0.0.1:3470 127.0.0.1:4470 (sockstage
 * checks the kernel view) */
/* The client's kernel sends its SYN again, at first once a second. Each
 * SYN is a line in the Wire panel. The timer column counts down to the
 * next. */
/* line 34: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server accepts one connection: there is room in the queue again. */
/* At its next retry the SYN is answered, and the third client's connect
 * completes on its own. */
/* line 39, in main: accept srv as a1 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_accept(1, 5, "accept(s1)", "s5 (a1)", 1000);
}

/* line 40, in main: wait c3 ESTAB 35s */
static void step_11(void)
{
	do_wait_state(4, 0, 1, "ESTAB", 35000, "wait s4 ESTAB");
}

/* line 41: expect segment c3 -> srv SYN (sockstage checks the wire) */
/* line 42: expect segment srv -> c3 SYN+ACK (sockstage checks the wire) */
/* line 43: expect segment c3 -> srv ACK (sockstage checks the wire) */
/* line 44: expect ESTAB 127.0.0.1:4470 127.0.0.1:3470 (sockstage checks
 * the kernel view) */
/* line 45: expect ESTAB 127.0.0.1:3470 127.0.0.1:4470 (sockstage checks
 * the kernel view) */
/* line 46: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 13, main */
	{ step_4, 0 },	/* line 14, main */
	{ step_5, 0 },	/* line 15, main */
	{ step_6, 0 },	/* line 16, main */
	{ step_7, 0 },	/* line 23, main */
	{ step_8, 0 },	/* line 24, main */
	{ step_9, 0 },	/* line 25, main */
	{ step_10, 0 },	/* line 39, main */
	{ step_11, 0 },	/* line 40, main */
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
