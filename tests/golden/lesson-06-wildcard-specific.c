/* lesson-06-wildcard-specific.stage: exported by sockstage --export-c.
 *
 * Wildcard and specific: 0.0.0.0:P against 127.0.0.1:P
 * 0.0.0.0 covers every local address, 127.0.0.1 among them, so 0.0.0.0:P
 * and 127.0.0.1:P are in each other's way. With SO_REUSEADDR on both
 * they may be bound side by side, but a listener on one refuses the
 * other whatever the options, and only one of the two can listen.
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

#define NSOCK 5
#define NPROC 1
#define NSTEPS 19

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Wildcard and specific: 0.0.0.0:P against 127.0.0.1:P */
/* 0.0.0.0 covers every local address, 127.0.0.1 among them, so 0.0.0.0:P
 * and 127.0.0.1:P are in each other's way. With SO_REUSEADDR on both
 * they may be bound side by side, but a listener on one refuses the
 * other whatever the options, and only one of the two can listen. */
/* A server listens on 0.0.0.0:3464, every local address. No options. */
/* line 5, in main: socket tcp as wild1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (wild1)");
}

/* line 6, in main: bind wild1 0.0.0.0:3464 */
static void step_1(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3464, 0u);

	do_bind(1, "bind(s1, 0.0.0.0:3464)", &a, alen, 0);
}

/* line 7, in main: listen wild1 */
static void step_2(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 8: expect LISTEN 0.0.0.0:3464 (sockstage checks the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A second socket binds 127.0.0.1:3464, a more specific address on the
 * same port. */
/* line 12, in main: socket tcp as spec */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (spec)");
}

/* line 13, in main: bind spec 127.0.0.1:3464 => EADDRINUSE */
static void step_4(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3464)", &a, alen, 0);
}

/* The wildcard listener already covers 127.0.0.1. */
/* ---- pause: the end of a lesson step ---- */

/* Start over with SO_REUSEADDR on both. Closing the listener leaves
 * nothing behind: it had no connections. */
/* line 18, in main: close wild1 */
static void step_5(void)
{
	do_close(1, "close(s1)");
}

/* line 19: expect no LISTEN 0.0.0.0:3464 (sockstage checks the kernel
 * view) */
/* A new wildcard listener sets SO_REUSEADDR, and so does the specific
 * socket before it tries again. */
/* line 21, in main: socket tcp as wild2 */
static void step_6(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (wild2)");
}

/* line 22, in main: set wild2 reuseaddr */
static void step_7(void)
{
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 23, in main: bind wild2 0.0.0.0:3464 */
static void step_8(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3464, 0u);

	do_bind(3, "bind(s3, 0.0.0.0:3464)", &a, alen, 0);
}

/* line 24, in main: listen wild2 */
static void step_9(void)
{
	do_listen(3, "listen(s3, 4096)", 4096);
}

/* line 25: expect LISTEN 0.0.0.0:3464 (sockstage checks the kernel view) */
/* line 26, in main: set spec reuseaddr */
static void step_10(void)
{
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 27, in main: bind spec 127.0.0.1:3464 => EADDRINUSE */
static void step_11(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3464)", &a, alen, 0);
}

/* Still refused. SO_REUSEADDR never lets a socket bind over a listener's
 * address. */
/* ---- pause: the end of a lesson step ---- */

/* Once more, but the wildcard socket is only bound, not listening. Both
 * set SO_REUSEADDR. */
/* line 32, in main: close wild2 */
static void step_12(void)
{
	do_close(3, "close(s3)");
}

/* line 33: expect no LISTEN 0.0.0.0:3464 (sockstage checks the kernel
 * view) */
/* line 34, in main: socket tcp as wild3 */
static void step_13(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (wild3)");
}

/* line 35, in main: set wild3 reuseaddr */
static void step_14(void)
{
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 36, in main: bind wild3 0.0.0.0:3464 */
static void step_15(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3464, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3464)", &a, alen, 0);
}

/* Now the specific socket binds too: two BOUND rows on port 3464. */
/* line 38, in main: bind spec 127.0.0.1:3464 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3464)", &a, alen, 0);
}

/* line 39: expect BOUND 0.0.0.0:3464 (sockstage checks the kernel view) */
/* line 40: expect BOUND 127.0.0.1:3464 (sockstage checks the kernel
 * view) */
/* line 41: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Both want to listen. The specific one is first. */
/* line 45, in main: listen spec => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_listen(2, "listen(s2, 4096)", 4096);
}

/* line 46, in main: listen wild3 => EADDRINUSE */
static void step_18(void)
{
	/* the script expects => EADDRINUSE */
	do_listen(4, "listen(s4, 4096)", 4096);
}

/* listen checks the port again: only one of the two may listen,
 * whichever comes first. */
/* line 48: expect LISTEN 127.0.0.1:3464 (sockstage checks the kernel
 * view) */
/* line 49: expect no LISTEN 0.0.0.0:3464 (sockstage checks the kernel
 * view) */
/* line 50: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 12, main */
	{ step_4, 0 },	/* line 13, main */
	{ step_5, 0 },	/* line 18, main */
	{ step_6, 0 },	/* line 21, main */
	{ step_7, 0 },	/* line 22, main */
	{ step_8, 0 },	/* line 23, main */
	{ step_9, 0 },	/* line 24, main */
	{ step_10, 0 },	/* line 26, main */
	{ step_11, 0 },	/* line 27, main */
	{ step_12, 0 },	/* line 32, main */
	{ step_13, 0 },	/* line 34, main */
	{ step_14, 0 },	/* line 35, main */
	{ step_15, 0 },	/* line 36, main */
	{ step_16, 0 },	/* line 38, main */
	{ step_17, 0 },	/* line 45, main */
	{ step_18, 0 },	/* line 46, main */
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
