/* behaviour-bind-no-port.stage: exported by sockstage --export-c.
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
#define NSTEPS 11

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # bind-no-port.stage - IP_BIND_ADDRESS_NO_PORT (set SOCK
 * bind-no-port): a */
/* # client binds a source address without taking a port. */
/* # */
/* # What the kernel does (6.18): bind(ADDR:0) normally reserves an
 * ephemeral */
/* # port at once, so the port is taken from every destination. With */
/* # IP_BIND_ADDRESS_NO_PORT the bind keeps port 0 (getsockname says :0)
 * and */
/* # connect picks the port, knowing the destination, so the same port
 * can */
/* # serve connections to different servers. */
/* line 10, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 11, in main: bind srv 127.0.0.1:4105 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4105, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:4105)", &a, alen, 0);
}

/* line 12, in main: listen srv => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* # the transcript says which port each bind took: a number, then 0 */
/* line 15, in main: socket tcp as early */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (early)");
}

/* line 16, in main: bind early 127.0.0.2 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.2", 0, 0u);

	do_bind(2, "bind(s2, 127.0.0.2:0)", &a, alen, 1);
}

/* line 18, in main: socket tcp as late */
static void step_5(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (late)");
}

/* line 19, in main: set late bind-no-port => ok */
static void step_6(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, IP_BIND_ADDRESS_NO_PORT, 1)", IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &v, sizeof(v));
}

/* line 20, in main: bind late 127.0.0.3 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.3", 0, 0u);

	do_bind(3, "bind(s3, 127.0.0.3:0)", &a, alen, 1);
}

/* line 21, in main: connect late 127.0.0.1:4105 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4105, 0u);

	do_connect(3, "connect(s3, 127.0.0.1:4105)", &a, alen, 1000);
}

/* line 22, in main: wait late ESTAB 1s */
static void step_9(void)
{
	do_wait_state(3, 0, 1, "ESTAB", 1000, "wait s3 ESTAB");
}

/* line 23, in main: accept srv => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_accept(1, 4, "accept(s1)", "s4", 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 10, main */
	{ step_1, 0 },	/* line 11, main */
	{ step_2, 0 },	/* line 12, main */
	{ step_3, 0 },	/* line 15, main */
	{ step_4, 0 },	/* line 16, main */
	{ step_5, 0 },	/* line 18, main */
	{ step_6, 0 },	/* line 19, main */
	{ step_7, 0 },	/* line 20, main */
	{ step_8, 0 },	/* line 21, main */
	{ step_9, 0 },	/* line 22, main */
	{ step_10, 0 },	/* line 23, main */
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
