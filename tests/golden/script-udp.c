/* script-udp.stage: exported by sockstage --export-c.
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
#define NSTEPS 22

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # golden: UDP, multicast, IPv6, as in tests/export-c.sh */
/* line 2, in main: socket udp as r */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s1 (r)");
}

/* line 3, in main: set r reuseaddr */
static void step_1(void)
{
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 4, in main: bind r 0.0.0.0:5101 */
static void step_2(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 5101, 0u);

	do_bind(1, "bind(s1, 0.0.0.0:5101)", &a, alen, 0);
}

/* line 5, in main: join r 239.2.2.2 127.0.0.1 */
static void step_3(void)
{
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.2.2.2", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(1, "setsockopt(s1, IP_ADD_MEMBERSHIP, 239.2.2.2, 127.0.0.1)", IPPROTO_IP, IP_ADD_MEMBERSHIP, &v, sizeof(v));
}

/* line 6, in main: socket udp as t */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s2 (t)");
}

/* line 7, in main: set t multicast-if 127.0.0.1 */
static void step_5(void)
{
	struct in_addr v;

	inet_pton(AF_INET, "127.0.0.1", &v);
	do_setsockopt(2, "setsockopt(s2, IP_MULTICAST_IF, 127.0.0.1)", IPPROTO_IP, IP_MULTICAST_IF, &v, sizeof(v));
}

/* line 8, in main: set t multicast-loop on */
static void step_6(void)
{
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, IP_MULTICAST_LOOP, 1)", IPPROTO_IP, IP_MULTICAST_LOOP, &v, sizeof(v));
}

/* line 9, in main: set t ttl 2 */
static void step_7(void)
{
	int v = 2;

	do_setsockopt(2, "setsockopt(s2, IP_TTL, 2)", IPPROTO_IP, IP_TTL, &v, sizeof(v));
}

/* line 10, in main: sendto t 239.2.2.2:5101 "to the group" */
static void step_8(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.2.2.2", 5101, 0u);

	do_send(2, "sendto(s2, \"to the group\", 239.2.2.2:5101)", 1, "to the group", 12, &a, alen);
}

/* line 11, in main: recv r */
static void step_9(void)
{
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 12, in main: sendto t 127.0.0.1:5101 100 */
static void step_10(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 5101, 0u);

	do_send(2, "sendto(s2, 100 bytes, 127.0.0.1:5101)", 1, NULL, 100, &a, alen);
}

/* line 13, in main: recv r 10 */
static void step_11(void)
{
	do_recv(1, "recv(s1, 10)", 1, 10, 1000);
}

/* line 14, in main: leave r 239.2.2.2 */
static void step_12(void)
{
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.2.2.2", &v.imr_multiaddr);
	inet_pton(AF_INET, "0.0.0.0", &v.imr_address);
	do_setsockopt(1, "setsockopt(s1, IP_DROP_MEMBERSHIP, 239.2.2.2, 0.0.0.0)", IPPROTO_IP, IP_DROP_MEMBERSHIP, &v, sizeof(v));
}

/* line 15, in main: recv r => EAGAIN */
static void step_13(void)
{
	/* the script expects => EAGAIN */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 16, in main: socket udp 6 as r6 */
static void step_14(void)
{
	do_socket(3, AF_INET6, SOCK_DGRAM, "socket(AF_INET6, SOCK_DGRAM, 0)", "s3 (r6)");
}

/* line 17, in main: bind r6 [::1]:5102 */
static void step_15(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 5102, 0u);

	do_bind(3, "bind(s3, [::1]:5102)", &a, alen, 0);
}

/* line 18, in main: sendto t [::1]:5102 "v6?" */
static void step_16(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 5102, 0u);

	do_send(2, "sendto(s2, \"v6\?\", [::1]:5102)", 1, "v6\?", 3, &a, alen);
}

/* line 19, in main: socket udp 6 as t6 */
static void step_17(void)
{
	do_socket(4, AF_INET6, SOCK_DGRAM, "socket(AF_INET6, SOCK_DGRAM, 0)", "s4 (t6)");
}

/* line 20, in main: sendto t6 [::1]:5102 "v6 \"quoted\" ??= ok" */
static void step_18(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 5102, 0u);

	do_send(4, "sendto(s4, \"v6 \\\"quoted\\\" \?\?= ok\", [::1]:5102)", 1, "v6 \"quoted\" \?\?= ok", 18, &a, alen);
}

/* line 21, in main: recv r6 */
static void step_19(void)
{
	do_recv(3, "recv(s3, 65536)", 1, 65536, 1000);
}

/* line 22, in main: socket udp as any */
static void step_20(void)
{
	do_socket(5, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s5 (any)");
}

/* line 23, in main: bind any 127.0.0.1:0 */
static void step_21(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 0, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:0)", &a, alen, 1);
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
