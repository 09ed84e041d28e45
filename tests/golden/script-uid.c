/* script-uid.stage: exported by sockstage --export-c.
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

#define NSOCK 3
#define NPROC 3
#define NSTEPS 6

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # needs: root */
/* # golden: spawn with a uid and a gid (real root only), as in
 * tests/export-c.sh */
/* line 3, in main: spawn nobody uid 65534 */
static void step_0(void)
{
	do_spawn(1, 65534, -1, "spawn(nobody, uid 65534)");
}

/* line 4: nobody: socket tcp as n */
static void step_1(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (n)");
}

/* line 5: nobody: bind n 127.0.0.1:80 => EACCES */
static void step_2(void)
{
	/* the script expects => EACCES */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 80, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:80)", &a, alen, 0);
}

/* line 6: nobody: bind n 127.0.0.1:5080 */
static void step_3(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5080, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:5080)", &a, alen, 0);
}

/* line 7, in main: spawn grp uid 65534 gid 65533 */
static void step_4(void)
{
	do_spawn(2, 65534, 65533, "spawn(grp, uid 65534, gid 65533)");
}

/* line 8: grp: socket udp as g */
static void step_5(void)
{
	do_socket(2, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s2 (g)");
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 3, main */
	{ step_1, 1 },	/* line 4, nobody */
	{ step_2, 1 },	/* line 5, nobody */
	{ step_3, 1 },	/* line 6, nobody */
	{ step_4, 0 },	/* line 7, main */
	{ step_5, 2 },	/* line 8, grp */
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
