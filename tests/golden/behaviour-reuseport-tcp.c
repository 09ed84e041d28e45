/* behaviour-reuseport-tcp.stage: exported by sockstage --export-c.
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

/* # reuseport-tcp.stage - LINUX-FACTS.md (c): SO_REUSEPORT lets TCP
 * listeners */
/* # of the same user share a port. */
/* # */
/* # What the kernel does (6.18), as LINUX-FACTS.md says: */
/* # - two listeners of the same user that both set SO_REUSEPORT share */
/* # 127.0.0.1:P (two LISTEN rows), and a connection reaches one of them; */
/* # - a third socket without SO_REUSEPORT gets EADDRINUSE (SO_REUSEADDR
 * does */
/* # not help it, on 127.0.0.1:P or 0.0.0.0:P); */
/* # - (a socket of another uid: reuseport-other-uid.stage, which needs
 * root) */
/* # Plus: a listener that did not set SO_REUSEPORT cannot be joined by
 * one */
/* # that does. */
/* # ---- two listeners of the same user share the port ---- */
/* line 14, in main: socket tcp as l1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 15, in main: set l1 reuseport => ok */
static void step_1(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 16, in main: bind l1 127.0.0.1:3701 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3701, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3701)", &a, alen, 0);
}

/* line 17, in main: listen l1 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 18, in main: socket tcp as l2 */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (l2)");
}

/* line 19, in main: set l2 reuseport => ok */
static void step_5(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 20, in main: bind l2 127.0.0.1:3701 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3701, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3701)", &a, alen, 0);
}

/* line 21, in main: listen l2 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_listen(2, "listen(s2, 4096)", 4096);
}

/* line 22: show (sockstage prints the kernel view) */
/* line 23: expect LISTEN 127.0.0.1:3701 (sockstage checks the kernel
 * view) */
/* # the port works: a client is accepted by one of the two listeners
 * (which */
/* # one is the kernel's hash of the connection; the ESTAB row shows it
 * is */
/* # there) */
/* line 28, in main: socket tcp as c1 */
static void step_8(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (c1)");
}

/* line 29, in main: connect c1 127.0.0.1:3701 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3701, 0u);

	do_connect(3, "connect(s3, 127.0.0.1:3701)", &a, alen, 1000);
}

/* line 30: expect ESTAB 127.0.0.1:3701 (sockstage checks the kernel
 * view) */
/* # ---- a third socket without SO_REUSEPORT: refused ---- */
/* line 33, in main: socket tcp as l3 */
static void step_10(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (l3)");
}

/* line 34, in main: bind l3 127.0.0.1:3701 => EADDRINUSE */
static void step_11(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3701, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3701)", &a, alen, 0);
}

/* line 35, in main: bind l3 0.0.0.0:3701 => EADDRINUSE */
static void step_12(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3701, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3701)", &a, alen, 0);
}

/* line 36, in main: set l3 reuseaddr => ok */
static void step_13(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 37, in main: bind l3 127.0.0.1:3701 => EADDRINUSE */
static void step_14(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3701, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3701)", &a, alen, 0);
}

/* line 38, in main: bind l3 0.0.0.0:3701 => EADDRINUSE */
static void step_15(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3701, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3701)", &a, alen, 0);
}

/* # ---- a third listener of the same user with SO_REUSEPORT joins ---- */
/* line 41, in main: socket tcp as l4 */
static void step_16(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (l4)");
}

/* line 42, in main: set l4 reuseport => ok */
static void step_17(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 43, in main: bind l4 127.0.0.1:3701 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3701, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3701)", &a, alen, 0);
}

/* line 44, in main: listen l4 => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* # ---- the first listener did not set SO_REUSEPORT: nobody joins it
 * ---- */
/* line 47, in main: socket tcp as m1 */
static void step_20(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (m1)");
}

/* line 48, in main: bind m1 127.0.0.1:3703 => ok */
static void step_21(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3703, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3703)", &a, alen, 0);
}

/* line 49, in main: listen m1 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	do_listen(6, "listen(s6, 4096)", 4096);
}

/* line 50, in main: socket tcp as m2 */
static void step_23(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (m2)");
}

/* line 51, in main: set m2 reuseport => ok */
static void step_24(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(7, "setsockopt(s7, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 52, in main: bind m2 127.0.0.1:3703 => EADDRINUSE */
static void step_25(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3703, 0u);

	do_bind(7, "bind(s7, 127.0.0.1:3703)", &a, alen, 0);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 14, main */
	{ step_1, 0 },	/* line 15, main */
	{ step_2, 0 },	/* line 16, main */
	{ step_3, 0 },	/* line 17, main */
	{ step_4, 0 },	/* line 18, main */
	{ step_5, 0 },	/* line 19, main */
	{ step_6, 0 },	/* line 20, main */
	{ step_7, 0 },	/* line 21, main */
	{ step_8, 0 },	/* line 28, main */
	{ step_9, 0 },	/* line 29, main */
	{ step_10, 0 },	/* line 33, main */
	{ step_11, 0 },	/* line 34, main */
	{ step_12, 0 },	/* line 35, main */
	{ step_13, 0 },	/* line 36, main */
	{ step_14, 0 },	/* line 37, main */
	{ step_15, 0 },	/* line 38, main */
	{ step_16, 0 },	/* line 41, main */
	{ step_17, 0 },	/* line 42, main */
	{ step_18, 0 },	/* line 43, main */
	{ step_19, 0 },	/* line 44, main */
	{ step_20, 0 },	/* line 47, main */
	{ step_21, 0 },	/* line 48, main */
	{ step_22, 0 },	/* line 49, main */
	{ step_23, 0 },	/* line 50, main */
	{ step_24, 0 },	/* line 51, main */
	{ step_25, 0 },	/* line 52, main */
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
