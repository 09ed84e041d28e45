/* script-tcp.stage: exported by sockstage --export-c.
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
#define NSTEPS 26

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # golden: TCP options, shutdown, waits; "wait a LISTEN" times out: a
 * MISMATCH, exit 1 */
/* line 2, in main: socket tcp as l */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l)");
}

/* line 3, in main: set l nodelay */
static void step_1(void)
{
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, TCP_NODELAY, 1)", IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v));
}

/* line 4, in main: set l keepalive */
static void step_2(void)
{
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_KEEPALIVE, 1)", SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v));
}

/* line 5, in main: set l linger 3 */
static void step_3(void)
{
	struct linger v = { 1, 3 };

	do_setsockopt(1, "setsockopt(s1, SO_LINGER, {on=1, 3s})", SOL_SOCKET, SO_LINGER, &v, sizeof(v));
}

/* line 6, in main: set l rcvbuf 8192 */
static void step_4(void)
{
	int v = 8192;

	do_setsockopt(1, "setsockopt(s1, SO_RCVBUF, 8192)", SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
}

/* line 7, in main: listen l */
static void step_5(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 8, in main: socket tcp as s */
static void step_6(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (s)");
}

/* line 9, in main: bind s 127.0.0.1:5201 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5201, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:5201)", &a, alen, 0);
}

/* line 10, in main: listen s 2 */
static void step_8(void)
{
	do_listen(2, "listen(s2, 2)", 2);
}

/* line 11, in main: socket tcp as c */
static void step_9(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (c)");
}

/* line 12, in main: set c linger off */
static void step_10(void)
{
	struct linger v = { 0, 0 };

	do_setsockopt(3, "setsockopt(s3, SO_LINGER, {on=0, 0s})", SOL_SOCKET, SO_LINGER, &v, sizeof(v));
}

/* line 13, in main: connect c 127.0.0.1:5201 */
static void step_11(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5201, 0u);

	do_connect(3, "connect(s3, 127.0.0.1:5201)", &a, alen, 1000);
}

/* line 14, in main: accept s as a */
static void step_12(void)
{
	do_accept(2, 4, "accept(s2)", "s4 (a)", 1000);
}

/* line 15, in main: send c 3000 */
static void step_13(void)
{
	do_send(3, "send(s3, 3000 bytes)", 0, NULL, 3000, NULL, 0);
}

/* line 16, in main: recv a 5000 */
static void step_14(void)
{
	do_recv(4, "recv(s4, 5000)", 0, 5000, 1000);
}

/* line 17, in main: shutdown a rdwr */
static void step_15(void)
{
	do_shutdown(4, "shutdown(s4, SHUT_RDWR)", SHUT_RDWR);
}

/* line 18, in main: recv c */
static void step_16(void)
{
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 19, in main: send c "after" */
static void step_17(void)
{
	do_send(3, "send(s3, \"after\")", 0, "after", 5, NULL, 0);
}

/* line 20, in main: accept s => EAGAIN */
static void step_18(void)
{
	/* the script expects => EAGAIN */
	do_accept(2, 0, "accept(s2)", "", 1000);
}

/* line 21, in main: wait s LISTEN 1s */
static void step_19(void)
{
	do_wait_state(2, 0, 10, "LISTEN", 1000, "wait s2 LISTEN");
}

/* line 22, in main: wait a LISTEN 100ms */
static void step_20(void)
{
	do_wait_state(4, 0, 10, "LISTEN", 100, "wait s4 LISTEN");
}

/* line 23, in main: close c */
static void step_21(void)
{
	do_close(3, "close(s3)");
}

/* line 24, in main: wait a TIME-WAIT 1s */
static void step_22(void)
{
	do_wait_state(4, 0, 6, "TIME-WAIT", 1000, "wait s4 TIME-WAIT");
}

/* line 25, in main: socket tcp as b */
static void step_23(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (b)");
}

/* line 26, in main: bind b 127.0.0.1:5202 */
static void step_24(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5202, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:5202)", &a, alen, 0);
}

/* line 27, in main: wait b BOUND 1s */
static void step_25(void)
{
	do_wait_state(5, 0, 100, "BOUND", 1000, "wait s5 BOUND");
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 2, main */
	{ step_1, 0 },	/* line 3, main */
	{ step_2, 0 },	/* line 4, main */
	{ step_3, 0 },	/* line 5, main */
	{ step_4, 0 },	/* line 6, main */
	{ step_5, 0 },	/* line 7, main */
	{ step_6, 0 },	/* line 8, main */
	{ step_7, 0 },	/* line 9, main */
	{ step_8, 0 },	/* line 10, main */
	{ step_9, 0 },	/* line 11, main */
	{ step_10, 0 },	/* line 12, main */
	{ step_11, 0 },	/* line 13, main */
	{ step_12, 0 },	/* line 14, main */
	{ step_13, 0 },	/* line 15, main */
	{ step_14, 0 },	/* line 16, main */
	{ step_15, 0 },	/* line 17, main */
	{ step_16, 0 },	/* line 18, main */
	{ step_17, 0 },	/* line 19, main */
	{ step_18, 0 },	/* line 20, main */
	{ step_19, 0 },	/* line 21, main */
	{ step_20, 0 },	/* line 22, main */
	{ step_21, 0 },	/* line 23, main */
	{ step_22, 0 },	/* line 24, main */
	{ step_23, 0 },	/* line 25, main */
	{ step_24, 0 },	/* line 26, main */
	{ step_25, 0 },	/* line 27, main */
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
