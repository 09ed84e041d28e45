/* behaviour-sysctl.stage: exported by sockstage --export-c.
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
#define NPROC 1
#define NSTEPS 13

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # sysctl.stage - a network namespace's sysctls, read and set (a
 * sandbox */
/* # only: the test runs it with --sandbox). */
/* # */
/* # What the kernel does (6.18): each network namespace has its own
 * net.* */
/* # sysctls, starting from the defaults; ip_local_port_range bounds the */
/* # ephemeral port a connect takes (one port: that port); a value the
 * kernel */
/* # cannot parse is EINVAL, a name it does not have ENOENT; it takes */
/* # tcp_fin_timeout 0 (so "=> ok"). */
/* line 10, in main: sysctl net.ipv4.tcp_fin_timeout => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_sysctl("sysctl(net.ipv4.tcp_fin_timeout)", "/proc/sys/net/ipv4/tcp_fin_timeout", NULL);
}

/* line 11, in main: sysctl net.ipv4.ip_local_port_range "50000 50000" => ok */
static void step_1(void)
{
	/* the script expects => ok */
	/* a sysctl of the network namespace: run the program in one of its own
	   (unshare -rn), as sockstage ran the script in a sandbox */
	do_sysctl("sysctl(net.ipv4.ip_local_port_range, \"50000 50000\")", "/proc/sys/net/ipv4/ip_local_port_range", "50000 50000");
}

/* line 12, in main: sysctl net.ipv4.ip_local_port_range => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_sysctl("sysctl(net.ipv4.ip_local_port_range)", "/proc/sys/net/ipv4/ip_local_port_range", NULL);
}

/* line 13, in main: socket tcp as srv */
static void step_3(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 14, in main: bind srv 127.0.0.1:3459 */
static void step_4(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3459)", &a, alen, 0);
}

/* line 15, in main: listen srv */
static void step_5(void)
{
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 16, in main: socket tcp as cli */
static void step_6(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (cli)");
}

/* line 17, in main: connect cli 127.0.0.1:3459 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3459)", &a, alen, 1000);
}

/* line 18, in main: getsockname cli => ok */
static void step_8(void)
{
	/* the script expects => ok */
	if (held(2, "getsockname(s2)")) {
		struct sockaddr_storage a;
		socklen_t alen = sizeof(a);
		char v[80] = "";
		int rc = getsockname(fd[2], (struct sockaddr *)&a, &alen);

		if (rc == 0)
			fmt_addr(&a, v, sizeof(v));
		report("getsockname(s2)", rc, v);
	}
}

/* line 19: expect ESTAB 127.0.0.1:50000 127.0.0.1:3459 (sockstage checks
 * the kernel view) */
/* line 20, in main: sysctl net.ipv4.tcp_syn_retries "two" => EINVAL */
static void step_9(void)
{
	/* the script expects => EINVAL */
	/* a sysctl of the network namespace: run the program in one of its own
	   (unshare -rn), as sockstage ran the script in a sandbox */
	do_sysctl("sysctl(net.ipv4.tcp_syn_retries, \"two\")", "/proc/sys/net/ipv4/tcp_syn_retries", "two");
}

/* line 21, in main: sysctl net.ipv4.nosuch 1 => ENOENT */
static void step_10(void)
{
	/* the script expects => ENOENT */
	/* a sysctl of the network namespace: run the program in one of its own
	   (unshare -rn), as sockstage ran the script in a sandbox */
	do_sysctl("sysctl(net.ipv4.nosuch, \"1\")", "/proc/sys/net/ipv4/nosuch", "1");
}

/* line 22, in main: sysctl net.ipv4.tcp_fin_timeout 0 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	/* a sysctl of the network namespace: run the program in one of its own
	   (unshare -rn), as sockstage ran the script in a sandbox */
	do_sysctl("sysctl(net.ipv4.tcp_fin_timeout, \"0\")", "/proc/sys/net/ipv4/tcp_fin_timeout", "0");
}

/* line 23, in main: sysctl net.ipv4.tcp_fin_timeout => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_sysctl("sysctl(net.ipv4.tcp_fin_timeout)", "/proc/sys/net/ipv4/tcp_fin_timeout", NULL);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 10, main */
	{ step_1, 0 },	/* line 11, main */
	{ step_2, 0 },	/* line 12, main */
	{ step_3, 0 },	/* line 13, main */
	{ step_4, 0 },	/* line 14, main */
	{ step_5, 0 },	/* line 15, main */
	{ step_6, 0 },	/* line 16, main */
	{ step_7, 0 },	/* line 17, main */
	{ step_8, 0 },	/* line 18, main */
	{ step_9, 0 },	/* line 20, main */
	{ step_10, 0 },	/* line 21, main */
	{ step_11, 0 },	/* line 22, main */
	{ step_12, 0 },	/* line 23, main */
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
