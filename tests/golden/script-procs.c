/* script-procs.stage: exported by sockstage --export-c.
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
#define NPROC 6
#define NSTEPS 36

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # golden: processes (spawn, fork, kill, exit, use, PROC:), as in
 * tests/export-c.sh */
/* line 2, in main: spawn srv */
static void step_0(void)
{
	do_spawn(1, -1, -1, "spawn(srv)");
}

/* line 3: srv: socket tcp as l */
static void step_1(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l)");
}

/* line 4: srv: bind l 127.0.0.1:5001 */
static void step_2(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5001, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:5001)", &a, alen, 0);
}

/* line 5: srv: listen l */
static void step_3(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 6, in main: spawn cli */
static void step_4(void)
{
	do_spawn(2, -1, -1, "spawn(cli)");
}

/* line 7, in cli: use cli */
static void step_5(void)
{
	do_use("use cli", "cli");
}

/* line 8, in cli: socket tcp as c */
static void step_6(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c)");
}

/* line 9, in cli: connect c 127.0.0.1:5001 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5001, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:5001)", &a, alen, 1000);
}

/* line 10: srv: accept l as a */
static void step_8(void)
{
	do_accept(1, 3, "accept(s1)", "s3 (a)", 1000);
}

/* line 11, in srv: fork srv as kid */
static void step_9(void)
{
	do_fork(3, "fork(srv)", "kid");
}

/* line 12: srv: close a */
static void step_10(void)
{
	do_close(3, "close(s3)");
}

/* line 13: kid: close l */
static void step_11(void)
{
	do_close(1, "close(s1)");
}

/* line 14: kid: send a "from the kid" */
static void step_12(void)
{
	do_send(3, "send(s3, \"from the kid\")", 0, "from the kid", 12, NULL, 0);
}

/* line 15, in cli: recv c */
static void step_13(void)
{
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 16, in cli: kill kid */
static void step_14(void)
{
	do_end(3, SIGKILL, "kill(kid, SIGKILL)");
}

/* line 17, in cli: recv c */
static void step_15(void)
{
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 18: main: close a */
static void step_16(void)
{
	do_close(3, "close(s3)");
}

/* line 19, in cli: close c */
static void step_17(void)
{
	do_close(2, "close(s2)");
}

/* line 20, in cli: exit srv */
static void step_18(void)
{
	do_end(1, 0, "exit(srv)");
}

/* line 21, in cli: socket tcp as c2 */
static void step_19(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (c2)");
}

/* line 22, in cli: connect c2 127.0.0.1:5001 => ECONNREFUSED */
static void step_20(void)
{
	/* the script expects => ECONNREFUSED */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5001, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:5001)", &a, alen, 1000);
}

/* line 23, in cli: fork cli */
static void step_21(void)
{
	do_fork(4, "fork(cli)", "cli-1");
}

/* line 24: cli-1: close c2 */
static void step_22(void)
{
	do_close(4, "close(s4)");
}

/* line 25: cli-1: close c2 */
static void step_23(void)
{
	do_close(4, "close(s4)");
}

/* line 26, in cli: exit cli-1 */
static void step_24(void)
{
	do_end(4, 0, "exit(cli-1)");
}

/* line 27: main: wait 50ms */
static void step_25(void)
{
	do_sleep(50);
}

/* line 28, in main: use main */
static void step_26(void)
{
	do_use("use main", "main");
}

/* line 29, in main: socket tcp as m */
static void step_27(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (m)");
}

/* line 30, in main: listen m */
static void step_28(void)
{
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 31, in main: socket tcp as mm */
static void step_29(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (mm)");
}

/* line 32, in main: bind mm 127.0.0.1:5002 */
static void step_30(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5002, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:5002)", &a, alen, 0);
}

/* line 33, in main: listen mm */
static void step_31(void)
{
	do_listen(6, "listen(s6, 4096)", 4096);
}

/* line 34, in main: spawn last */
static void step_32(void)
{
	do_spawn(5, -1, -1, "spawn(last)");
}

/* line 35, in main: kill main */
static void step_33(void)
{
	do_end_main("kill(main, SIGKILL)");
}

/* line 36: last: socket tcp as z */
static void step_34(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (z)");
}

/* line 37: last: connect z 127.0.0.1:5002 => ECONNREFUSED */
static void step_35(void)
{
	/* the script expects => ECONNREFUSED */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5002, 0u);

	do_connect(7, "connect(s7, 127.0.0.1:5002)", &a, alen, 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 2, main */
	{ step_1, 1 },	/* line 3, srv */
	{ step_2, 1 },	/* line 4, srv */
	{ step_3, 1 },	/* line 5, srv */
	{ step_4, 0 },	/* line 6, main */
	{ step_5, 2 },	/* line 7, cli */
	{ step_6, 2 },	/* line 8, cli */
	{ step_7, 2 },	/* line 9, cli */
	{ step_8, 1 },	/* line 10, srv */
	{ step_9, 1 },	/* line 11, srv */
	{ step_10, 1 },	/* line 12, srv */
	{ step_11, 3 },	/* line 13, kid */
	{ step_12, 3 },	/* line 14, kid */
	{ step_13, 2 },	/* line 15, cli */
	{ step_14, 2 },	/* line 16, cli */
	{ step_15, 2 },	/* line 17, cli */
	{ step_16, 0 },	/* line 18, main */
	{ step_17, 2 },	/* line 19, cli */
	{ step_18, 2 },	/* line 20, cli */
	{ step_19, 2 },	/* line 21, cli */
	{ step_20, 2 },	/* line 22, cli */
	{ step_21, 2 },	/* line 23, cli */
	{ step_22, 4 },	/* line 24, cli-1 */
	{ step_23, 4 },	/* line 25, cli-1 */
	{ step_24, 2 },	/* line 26, cli */
	{ step_25, 0 },	/* line 27, main */
	{ step_26, 0 },	/* line 28, main */
	{ step_27, 0 },	/* line 29, main */
	{ step_28, 0 },	/* line 30, main */
	{ step_29, 0 },	/* line 31, main */
	{ step_30, 0 },	/* line 32, main */
	{ step_31, 0 },	/* line 33, main */
	{ step_32, 0 },	/* line 34, main */
	{ step_33, 0 },	/* line 35, main */
	{ step_34, 5 },	/* line 36, last */
	{ step_35, 5 },	/* line 37, last */
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
