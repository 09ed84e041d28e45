/* behaviour-multicast.stage: exported by sockstage --export-c.
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
#define NSTEPS 42

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # multicast.stage - LINUX-FACTS.md (g): IPv4 multicast on loopback in
 * a */
/* # private network namespace (lo is the only interface, and there is no */
/* # route except lo's local ones). */
/* # */
/* # What the kernel does (6.18), as LINUX-FACTS.md says: */
/* # - two UDP sockets with SO_REUSEADDR on 0.0.0.0:4500, each joined to */
/* # 239.1.1.1 on 127.0.0.1 (lo), BOTH receive a datagram sent to */
/* # 239.1.1.1:4500 with IP_MULTICAST_IF 127.0.0.1 (unlike unicast, which */
/* # goes to one socket: udp-sharing.stage); */
/* # - a sender without IP_MULTICAST_IF, with no route for 239.0.0.0/8,
 * gets */
/* # ENETUNREACH from sendto. */
/* # */
/* # KERNEL DISAGREES WITH LINUX-FACTS.md (or says more than it): */
/* # - "Without IP_MULTICAST_IF and without a route, sendto fails with */
/* # ENETUNREACH" holds only for a sender whose source address is not
 * fixed */
/* # (unbound, or bound to 0.0.0.0). A sender BOUND TO 127.0.0.1 sends to */
/* # 239.1.1.1 without IP_MULTICAST_IF and without a route, and both
 * members */
/* # receive it: for a multicast destination the kernel routes out of the */
/* # interface that owns the bound source address. */
/* # - A socket on 0.0.0.0:4500 that never joined the group receives the */
/* # group's datagrams too, as long as some socket on the host has joined */
/* # it (IP_MULTICAST_ALL is on by default). So "leave" on one socket
 * does */
/* # not stop its datagrams while another still belongs to the group;
 * once */
/* # the last member leaves, nobody on the port receives them. */
/* # (The other fix LINUX-FACTS.md names, "ip route add 239.0.0.0/8 dev
 * lo", */
/* # needs a shell command and is not shown here.) */
/* line 28, in main: socket udp as m1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s1 (m1)");
}

/* line 29, in main: set m1 reuseaddr => ok */
static void step_1(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 30, in main: bind m1 0.0.0.0:4500 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 4500, 0u);

	do_bind(1, "bind(s1, 0.0.0.0:4500)", &a, alen, 0);
}

/* line 31, in main: join m1 239.1.1.1 127.0.0.1 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.1.1.1", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(1, "setsockopt(s1, IP_ADD_MEMBERSHIP, 239.1.1.1, 127.0.0.1)", IPPROTO_IP, IP_ADD_MEMBERSHIP, &v, sizeof(v));
}

/* line 32, in main: socket udp as m2 */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s2 (m2)");
}

/* line 33, in main: set m2 reuseaddr => ok */
static void step_5(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 34, in main: bind m2 0.0.0.0:4500 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 4500, 0u);

	do_bind(2, "bind(s2, 0.0.0.0:4500)", &a, alen, 0);
}

/* line 35, in main: join m2 239.1.1.1 127.0.0.1 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.1.1.1", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(2, "setsockopt(s2, IP_ADD_MEMBERSHIP, 239.1.1.1, 127.0.0.1)", IPPROTO_IP, IP_ADD_MEMBERSHIP, &v, sizeof(v));
}

/* line 36: expect udp UNCONN 0.0.0.0:4500 (sockstage checks the kernel
 * view) */
/* # ---- an unbound sender, no IP_MULTICAST_IF, no route: ENETUNREACH
 * ---- */
/* line 39, in main: socket udp as tx */
static void step_8(void)
{
	do_socket(3, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s3 (tx)");
}

/* line 40, in main: sendto tx 239.1.1.1:4500 "lost" => ENETUNREACH */
static void step_9(void)
{
	/* the script expects => ENETUNREACH */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(3, "sendto(s3, \"lost\", 239.1.1.1:4500)", 1, "lost", 4, &a, alen);
}

/* # a sender bound to 0.0.0.0 has no source address either */
/* line 42, in main: socket udp as txany */
static void step_10(void)
{
	do_socket(4, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s4 (txany)");
}

/* line 43, in main: bind txany 0.0.0.0:4502 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 4502, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:4502)", &a, alen, 0);
}

/* line 44, in main: sendto txany 239.1.1.1:4500 "lost" => ENETUNREACH */
static void step_12(void)
{
	/* the script expects => ENETUNREACH */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(4, "sendto(s4, \"lost\", 239.1.1.1:4500)", 1, "lost", 4, &a, alen);
}

/* line 45, in main: recv m1 => EAGAIN */
static void step_13(void)
{
	/* the script expects => EAGAIN */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* # ---- IP_MULTICAST_IF 127.0.0.1: both members receive one copy each
 * ---- */
/* line 48, in main: set tx multicast-if 127.0.0.1 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	struct in_addr v;

	inet_pton(AF_INET, "127.0.0.1", &v);
	do_setsockopt(3, "setsockopt(s3, IP_MULTICAST_IF, 127.0.0.1)", IPPROTO_IP, IP_MULTICAST_IF, &v, sizeof(v));
}

/* line 49, in main: sendto tx 239.1.1.1:4500 "hello, group" => ok */
static void step_15(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(3, "sendto(s3, \"hello, group\", 239.1.1.1:4500)", 1, "hello, group", 12, &a, alen);
}

/* line 50, in main: recv m1 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 51, in main: recv m2 => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* line 52, in main: recv m1 => EAGAIN */
static void step_18(void)
{
	/* the script expects => EAGAIN */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 53, in main: recv m2 => EAGAIN */
static void step_19(void)
{
	/* the script expects => EAGAIN */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* # ---- (disagreement) a sender bound to 127.0.0.1 needs no
 * IP_MULTICAST_IF ---- */
/* line 56, in main: socket udp as txlo */
static void step_20(void)
{
	do_socket(5, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s5 (txlo)");
}

/* line 57, in main: bind txlo 127.0.0.1:4501 => ok */
static void step_21(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4501, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:4501)", &a, alen, 0);
}

/* line 58, in main: sendto txlo 239.1.1.1:4500 "from a bound sender" => ok */
static void step_22(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(5, "sendto(s5, \"from a bound sender\", 239.1.1.1:4500)", 1, "from a bound sender", 19, &a, alen);
}

/* line 59, in main: recv m1 => ok */
static void step_23(void)
{
	/* the script expects => ok */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 60, in main: recv m2 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* # ---- (more than LINUX-FACTS.md says) members by default receive all
 * ---- */
/* # a third socket on the port that never joined still gets the datagram */
/* line 64, in main: socket udp as nojoin */
static void step_25(void)
{
	do_socket(6, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s6 (nojoin)");
}

/* line 65, in main: set nojoin reuseaddr => ok */
static void step_26(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 66, in main: bind nojoin 0.0.0.0:4500 => ok */
static void step_27(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 4500, 0u);

	do_bind(6, "bind(s6, 0.0.0.0:4500)", &a, alen, 0);
}

/* line 67, in main: sendto tx 239.1.1.1:4500 "third" => ok */
static void step_28(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(3, "sendto(s3, \"third\", 239.1.1.1:4500)", 1, "third", 5, &a, alen);
}

/* line 68, in main: recv m1 => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 69, in main: recv m2 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* line 70, in main: recv nojoin => ok */
static void step_31(void)
{
	/* the script expects => ok */
	do_recv(6, "recv(s6, 65536)", 1, 65536, 1000);
}

/* # m2 leaves; m1 is still a member, so m2 (and nojoin) still get it */
/* line 72, in main: leave m2 239.1.1.1 127.0.0.1 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.1.1.1", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(2, "setsockopt(s2, IP_DROP_MEMBERSHIP, 239.1.1.1, 127.0.0.1)", IPPROTO_IP, IP_DROP_MEMBERSHIP, &v, sizeof(v));
}

/* line 73, in main: sendto tx 239.1.1.1:4500 "fourth" => ok */
static void step_33(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(3, "sendto(s3, \"fourth\", 239.1.1.1:4500)", 1, "fourth", 6, &a, alen);
}

/* line 74, in main: recv m1 => ok */
static void step_34(void)
{
	/* the script expects => ok */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 75, in main: recv m2 => ok */
static void step_35(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* line 76, in main: recv nojoin => ok */
static void step_36(void)
{
	/* the script expects => ok */
	do_recv(6, "recv(s6, 65536)", 1, 65536, 1000);
}

/* # the last member leaves: the group is gone from lo, nobody receives */
/* line 78, in main: leave m1 239.1.1.1 127.0.0.1 => ok */
static void step_37(void)
{
	/* the script expects => ok */
	struct ip_mreqn v;

	memset(&v, 0, sizeof(v));
	inet_pton(AF_INET, "239.1.1.1", &v.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &v.imr_address);
	do_setsockopt(1, "setsockopt(s1, IP_DROP_MEMBERSHIP, 239.1.1.1, 127.0.0.1)", IPPROTO_IP, IP_DROP_MEMBERSHIP, &v, sizeof(v));
}

/* line 79, in main: sendto tx 239.1.1.1:4500 "fifth" => ok */
static void step_38(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "239.1.1.1", 4500, 0u);

	do_send(3, "sendto(s3, \"fifth\", 239.1.1.1:4500)", 1, "fifth", 5, &a, alen);
}

/* line 80, in main: recv m1 => EAGAIN */
static void step_39(void)
{
	/* the script expects => EAGAIN */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 81, in main: recv m2 => EAGAIN */
static void step_40(void)
{
	/* the script expects => EAGAIN */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* line 82, in main: recv nojoin => EAGAIN */
static void step_41(void)
{
	/* the script expects => EAGAIN */
	do_recv(6, "recv(s6, 65536)", 1, 65536, 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 28, main */
	{ step_1, 0 },	/* line 29, main */
	{ step_2, 0 },	/* line 30, main */
	{ step_3, 0 },	/* line 31, main */
	{ step_4, 0 },	/* line 32, main */
	{ step_5, 0 },	/* line 33, main */
	{ step_6, 0 },	/* line 34, main */
	{ step_7, 0 },	/* line 35, main */
	{ step_8, 0 },	/* line 39, main */
	{ step_9, 0 },	/* line 40, main */
	{ step_10, 0 },	/* line 42, main */
	{ step_11, 0 },	/* line 43, main */
	{ step_12, 0 },	/* line 44, main */
	{ step_13, 0 },	/* line 45, main */
	{ step_14, 0 },	/* line 48, main */
	{ step_15, 0 },	/* line 49, main */
	{ step_16, 0 },	/* line 50, main */
	{ step_17, 0 },	/* line 51, main */
	{ step_18, 0 },	/* line 52, main */
	{ step_19, 0 },	/* line 53, main */
	{ step_20, 0 },	/* line 56, main */
	{ step_21, 0 },	/* line 57, main */
	{ step_22, 0 },	/* line 58, main */
	{ step_23, 0 },	/* line 59, main */
	{ step_24, 0 },	/* line 60, main */
	{ step_25, 0 },	/* line 64, main */
	{ step_26, 0 },	/* line 65, main */
	{ step_27, 0 },	/* line 66, main */
	{ step_28, 0 },	/* line 67, main */
	{ step_29, 0 },	/* line 68, main */
	{ step_30, 0 },	/* line 69, main */
	{ step_31, 0 },	/* line 70, main */
	{ step_32, 0 },	/* line 72, main */
	{ step_33, 0 },	/* line 73, main */
	{ step_34, 0 },	/* line 74, main */
	{ step_35, 0 },	/* line 75, main */
	{ step_36, 0 },	/* line 76, main */
	{ step_37, 0 },	/* line 78, main */
	{ step_38, 0 },	/* line 79, main */
	{ step_39, 0 },	/* line 80, main */
	{ step_40, 0 },	/* line 81, main */
	{ step_41, 0 },	/* line 82, main */
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
