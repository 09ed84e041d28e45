/* behaviour-defer-accept.stage: exported by sockstage --export-c.
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
#define NSTEPS 16

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # defer-accept.stage - TCP_DEFER_ACCEPT (set SOCK defer-accept
 * SECONDS): a */
/* # listener wakes accept only when data has come. */
/* # */
/* # What the kernel does (6.18): it keeps the value in whole SYN-ACK */
/* # retransmissions, so 5 s reads back as 7 (1 + 2 + 4). The client's */
/* # handshake completes (connect returns 0, ESTAB on the client), but
 * the */
/* # server drops the bare final ACK: the connection waits as SYN-RECV,
 * off the */
/* # accept queue, and accept says EAGAIN. Once the client sends, the */
/* # connection is accepted with the data already queued. */
/* line 11, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 12, in main: set srv defer-accept 5 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	int v = 5;

	do_setsockopt(1, "setsockopt(s1, TCP_DEFER_ACCEPT, 5)", IPPROTO_TCP, TCP_DEFER_ACCEPT, &v, sizeof(v));
}

/* line 13, in main: bind srv 127.0.0.1:4103 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4103, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:4103)", &a, alen, 0);
}

/* line 14, in main: listen srv => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 15, in main: socket tcp as cli */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (cli)");
}

/* line 16, in main: connect cli 127.0.0.1:4103 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4103, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:4103)", &a, alen, 1000);
}

/* line 17, in main: accept srv => EAGAIN */
static void step_6(void)
{
	/* the script expects => EAGAIN */
	do_accept(1, 0, "accept(s1)", "", 1000);
}

/* line 18: expect SYN-RECV 127.0.0.1:4103 (sockstage checks the kernel
 * view) */
/* line 19, in main: send cli "hello" => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"hello\")", 0, "hello", 5, NULL, 0);
}

/* line 20, in main: accept srv as conn => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (conn)", 1000);
}

/* line 21, in main: recv conn => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 22: expect ESTAB 127.0.0.1:4103 (sockstage checks the kernel
 * view) */
/* # without the option the bare ACK is enough */
/* line 25, in main: socket tcp as plain */
static void step_10(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (plain)");
}

/* line 26, in main: bind plain 127.0.0.1:4113 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4113, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4113)", &a, alen, 0);
}

/* line 27, in main: listen plain => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_listen(4, "listen(s4, 4096)", 4096);
}

/* line 28, in main: socket tcp as c2 */
static void step_13(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (c2)");
}

/* line 29, in main: connect c2 127.0.0.1:4113 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4113, 0u);

	do_connect(5, "connect(s5, 127.0.0.1:4113)", &a, alen, 1000);
}

/* line 30, in main: accept plain => ok */
static void step_15(void)
{
	/* the script expects => ok */
	do_accept(4, 6, "accept(s4)", "s6", 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 11, main */
	{ step_1, 0 },	/* line 12, main */
	{ step_2, 0 },	/* line 13, main */
	{ step_3, 0 },	/* line 14, main */
	{ step_4, 0 },	/* line 15, main */
	{ step_5, 0 },	/* line 16, main */
	{ step_6, 0 },	/* line 17, main */
	{ step_7, 0 },	/* line 19, main */
	{ step_8, 0 },	/* line 20, main */
	{ step_9, 0 },	/* line 21, main */
	{ step_10, 0 },	/* line 25, main */
	{ step_11, 0 },	/* line 26, main */
	{ step_12, 0 },	/* line 27, main */
	{ step_13, 0 },	/* line 28, main */
	{ step_14, 0 },	/* line 29, main */
	{ step_15, 0 },	/* line 30, main */
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
