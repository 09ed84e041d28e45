/* lesson-09-multicast.stage: exported by sockstage --export-c.
 *
 * Multicast: every member on the port gets a copy
 * A unicast datagram goes to one socket, even when several share its
 * port. A multicast datagram goes to every socket in the group: each
 * gets its own copy. So several programs on one host receive the same
 * stream, each with a socket on the group's port, bound with
 * SO_REUSEADDR.
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
#define NSTEPS 22

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* Multicast: every member on the port gets a copy */
/* A unicast datagram goes to one socket, even when several share its
 * port. A multicast datagram goes to every socket in the group: each
 * gets its own copy. So several programs on one host receive the same
 * stream, each with a socket on the group's port, bound with
 * SO_REUSEADDR. */
/* Two UDP sockets, m1 and m2, both set SO_REUSEADDR and bind
 * 0.0.0.0:3467. */
/* Each joins the group 239.1.1.1 on the loopback interface, named by its
 * address 127.0.0.1. */
/* line 6, in main: socket udp as m1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s1 (m1)");
}

/* line 7, in main: set m1 reuseaddr */
static void step_1(void)
{
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 8, in main: bind m1 0.0.0.0:3467 */
static void step_2(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3467, 0u);

	do_bind(1, "bind(s1, 0.0.0.0:3467)", &a, alen, 0);
}

/* line 9, in main: join m1 239.1.1.1 127.0.0.1 */
static void step_3(void)
{
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.1.1.1", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(1, "setsockopt(s1, IP_ADD_MEMBERSHIP, 239.1.1.1, 127.0.0.1)", IPPROTO_IP, IP_ADD_MEMBERSHIP, &v, sizeof(v));
}

/* line 10, in main: socket udp as m2 */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s2 (m2)");
}

/* line 11, in main: set m2 reuseaddr */
static void step_5(void)
{
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 12, in main: bind m2 0.0.0.0:3467 */
static void step_6(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3467, 0u);

	do_bind(2, "bind(s2, 0.0.0.0:3467)", &a, alen, 0);
}

/* line 13, in main: join m2 239.1.1.1 127.0.0.1 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.1.1.1", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(2, "setsockopt(s2, IP_ADD_MEMBERSHIP, 239.1.1.1, 127.0.0.1)", IPPROTO_IP, IP_ADD_MEMBERSHIP, &v, sizeof(v));
}

/* line 14: expect UNCONN 0.0.0.0:3467 (sockstage checks the kernel view) */
/* line 15: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A sender, not bound to any address, sends to the group. */
/* line 19, in main: socket udp as tx */
static void step_8(void)
{
	do_socket(3, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s3 (tx)");
}

/* line 20, in main: sendto tx 239.1.1.1:3467 "hello?" => ENETUNREACH */
static void step_9(void)
{
	/* the script expects => ENETUNREACH */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 3467, 0u);

	do_send(3, "sendto(s3, \"hello\?\", 239.1.1.1:3467)", 1, "hello\?", 6, &a, alen);
}

/* This private namespace has no route for multicast: the kernel does not
 * know which interface to send on. */
/* ---- pause: the end of a lesson step ---- */

/* The sender names the interface with IP_MULTICAST_IF, here the
 * loopback's 127.0.0.1, and sends again. */
/* line 25, in main: set tx multicast-if 127.0.0.1 */
static void step_10(void)
{
	struct in_addr v;

	inet_pton(AF_INET, "127.0.0.1", &v);
	do_setsockopt(3, "setsockopt(s3, IP_MULTICAST_IF, 127.0.0.1)", IPPROTO_IP, IP_MULTICAST_IF, &v, sizeof(v));
}

/* line 26, in main: sendto tx 239.1.1.1:3467 "hello, group" => ok */
static void step_11(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 3467, 0u);

	do_send(3, "sendto(s3, \"hello, group\", 239.1.1.1:3467)", 1, "hello, group", 12, &a, alen);
}

/* Both rows have a datagram waiting (Recv-Q). */
/* line 28: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Each member reads its own copy. */
/* line 32, in main: recv m1 => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 33, in main: recv m2 => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* For contrast, a unicast datagram to 127.0.0.1:3467, the same port. */
/* line 37, in main: sendto tx 127.0.0.1:3467 "just one of you" */
static void step_14(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_send(3, "sendto(s3, \"just one of you\", 127.0.0.1:3467)", 1, "just one of you", 15, &a, alen);
}

/* Only one socket gets it, m2, the one bound last. */
/* line 39, in main: recv m1 => EAGAIN */
static void step_15(void)
{
	/* the script expects => EAGAIN */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 40, in main: recv m2 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* One surprise: a third socket on the port that never joined the group. */
/* line 44, in main: socket udp as nj */
static void step_17(void)
{
	do_socket(4, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s4 (nj)");
}

/* line 45, in main: set nj reuseaddr */
static void step_18(void)
{
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 46, in main: bind nj 0.0.0.0:3467 */
static void step_19(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3467, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3467)", &a, alen, 0);
}

/* line 47, in main: sendto tx 239.1.1.1:3467 "and you?" */
static void step_20(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 3467, 0u);

	do_send(3, "sendto(s3, \"and you\?\", 239.1.1.1:3467)", 1, "and you\?", 8, &a, alen);
}

/* line 48, in main: recv nj => ok */
static void step_21(void)
{
	/* the script expects => ok */
	do_recv(4, "recv(s4, 65536)", 1, 65536, 1000);
}

/* It gets a copy too. Once the interface has joined the group, Linux
 * delivers its datagrams to every socket bound to 0.0.0.0 on the port,
 * member or not (IP_MULTICAST_ALL is on by default). */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 6, main */
	{ step_1, 0 },	/* line 7, main */
	{ step_2, 0 },	/* line 8, main */
	{ step_3, 0 },	/* line 9, main */
	{ step_4, 0 },	/* line 10, main */
	{ step_5, 0 },	/* line 11, main */
	{ step_6, 0 },	/* line 12, main */
	{ step_7, 0 },	/* line 13, main */
	{ step_8, 0 },	/* line 19, main */
	{ step_9, 0 },	/* line 20, main */
	{ step_10, 0 },	/* line 25, main */
	{ step_11, 0 },	/* line 26, main */
	{ step_12, 0 },	/* line 32, main */
	{ step_13, 0 },	/* line 33, main */
	{ step_14, 0 },	/* line 37, main */
	{ step_15, 0 },	/* line 39, main */
	{ step_16, 0 },	/* line 40, main */
	{ step_17, 0 },	/* line 44, main */
	{ step_18, 0 },	/* line 45, main */
	{ step_19, 0 },	/* line 46, main */
	{ step_20, 0 },	/* line 47, main */
	{ step_21, 0 },	/* line 48, main */
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
