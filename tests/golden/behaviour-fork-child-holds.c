/* behaviour-fork-child-holds.stage: exported by sockstage --export-c.
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

#define NSOCK 41
#define NPROC 21
#define NSTEPS 171

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # fork-child-holds.stage - a forking server restarts while a forked
 * child */
/* # still serves an old connection: who holds the port, and which */
/* # SO_REUSEADDR settings let the new server bind it. */
/* # */
/* # Every case: a server process "srvN" listens on 127.0.0.1:P, a client
 * in */
/* # another process ("cli", fixed port P+100) connects, srvN accepts and */
/* # forks "childN"; the child closes its copy of the listener, srvN
 * exits. */
/* # The listener is gone (its last holder exited), the accepted
 * connection */
/* # stays ESTAB, held by the child alone (`show`: "s3 @ child1"). Then a
 * new */
/* # server process ("new") binds P. The accepted socket inherits
 * SO_REUSEADDR */
/* # (and SO_REUSEPORT) from the listener it came from. */
/* # */
/* # What the kernel does (6.18), one port per case: */
/* # old listener new socket new bind, old connection ESTAB (child) */
/* # - - EADDRINUSE (1, 3459) */
/* # reuseaddr - EADDRINUSE (2, 3460) */
/* # - reuseaddr EADDRINUSE (3, 3461) */
/* # reuseaddr reuseaddr ok, and listen ok (4, 3462) */
/* # reuseaddr reuseaddr ok on 0.0.0.0:P too (4a, 3463) */
/* # reuseport reuseport ok too (same uid) (4b, 3464) */
/* # (Cases 1 and 4a: 0.0.0.0:P behaves as 127.0.0.1:P.) An ESTAB (or */
/* # CLOSE-WAIT) connection on P blocks a new bind of P like a socket
 * that */
/* # is only bound (LINUX-FACTS.md (b)): only when both sockets set */
/* # SO_REUSEADDR (and the old one is not listening) do they share the
 * port. The new server then accepts new clients while the */
/* # child still serves the old one. */
/* # */
/* # After the child's connection ends, what the restart needs depends on
 * who */
/* # closed first: */
/* # - the child (server side) closes first (5, 6): its side goes
 * FIN-WAIT-2, */
/* # then TIME-WAIT once the client closes too. Both block the port as a */
/* # TIME-WAIT does (timewait-restart.stage): without SO_REUSEADDR on the */
/* # old listener nothing helps (5: EADDRINUSE even with SO_REUSEADDR on
 * the */
/* # new socket, in FIN-WAIT-2 and in TIME-WAIT); with it, the new socket */
/* # must set it too (6). */
/* # KERNEL DETAIL: the FIN-WAIT-2 of a closed socket (no holder left) is */
/* # already a TIME-WAIT mini-socket in the kernel: `show` gives it the */
/* # "timewait" timer (60 s, net.ipv4.tcp_fin_timeout) and no inode. If
 * the */
/* # client never closes, that row goes away after 60 s (then the port is */
/* # free) and the client stays in CLOSE-WAIT (tests/procs.sh part 5). */
/* # - the client closes first (7): the child's side goes CLOSE-WAIT
 * (still */
/* # blocks the port: EADDRINUSE); when the child closes it goes LAST-ACK */
/* # and is gone at the client's ACK. The TIME-WAIT is on the client's
 * side */
/* # (its own port P+100), so the restart binds P with no option at all. */
/* line 45, in main: spawn cli => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_spawn(1, -1, -1, "spawn(cli)");
}

/* line 46, in main: spawn new => ok */
static void step_1(void)
{
	/* the script expects => ok */
	do_spawn(2, -1, -1, "spawn(new)");
}

/* # ---- 1. 3459: old -, new -: EADDRINUSE ---- */
/* line 49, in main: spawn srv1 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_spawn(3, -1, -1, "spawn(srv1)");
}

/* line 50: srv1: socket tcp as l1 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 51: srv1: bind l1 127.0.0.1:3459 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3459)", &a, alen, 0);
}

/* line 52: srv1: listen l1 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 53: cli: socket tcp as c1 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 54: cli: bind c1 127.0.0.1:3559 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3559, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3559)", &a, alen, 0);
}

/* line 55: cli: connect c1 127.0.0.1:3459 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3459)", &a, alen, 1000);
}

/* line 56: srv1: accept l1 as conn1 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (conn1)", 1000);
}

/* line 57, in srv1: fork srv1 as child1 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_fork(4, "fork(srv1)", "child1");
}

/* # the child's close leaves the listener open: srv1 still holds it */
/* line 59: child1: close l1 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* line 60: expect LISTEN 127.0.0.1:3459 (sockstage checks the kernel
 * view) */
/* line 61, in main: exit srv1 => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_end(3, 0, "exit(srv1)");
}

/* # srv1 was the listener's last holder: it is gone; the connection is
 * not */
/* line 63: expect no LISTEN 127.0.0.1:3459 (sockstage checks the kernel
 * view) */
/* line 64: expect ESTAB 127.0.0.1:3459 127.0.0.1:3559 (sockstage checks
 * the kernel view) */
/* line 65: expect ESTAB 127.0.0.1:3559 127.0.0.1:3459 (sockstage checks
 * the kernel view) */
/* # the owner column: the connection "@ child1", no longer "@ srv1,
 * child1" */
/* line 67: show (sockstage prints the kernel view) */
/* line 68: child1: send conn1 "still served" => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"still served\")", 0, "still served", 12, NULL, 0);
}

/* line 69: cli: recv c1 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 70: new: socket tcp as n1 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (n1)");
}

/* line 71: new: bind n1 127.0.0.1:3459 => EADDRINUSE */
static void step_16(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3459, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3459)", &a, alen, 0);
}

/* line 72: new: bind n1 0.0.0.0:3459 => EADDRINUSE */
static void step_17(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3459, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3459)", &a, alen, 0);
}

/* # ---- 2. 3460: old reuseaddr, new -: EADDRINUSE ---- */
/* line 75, in main: spawn srv2 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_spawn(5, -1, -1, "spawn(srv2)");
}

/* line 76: srv2: socket tcp as l2 => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (l2)");
}

/* line 77: srv2: set l2 reuseaddr => ok */
static void step_20(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 78: srv2: bind l2 127.0.0.1:3460 => ok */
static void step_21(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3460)", &a, alen, 0);
}

/* line 79: srv2: listen l2 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 80: cli: socket tcp as c2 => ok */
static void step_23(void)
{
	/* the script expects => ok */
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (c2)");
}

/* line 81: cli: bind c2 127.0.0.1:3560 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3560, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3560)", &a, alen, 0);
}

/* line 82: cli: connect c2 127.0.0.1:3460 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3460)", &a, alen, 1000);
}

/* line 83: srv2: accept l2 as conn2 => ok */
static void step_26(void)
{
	/* the script expects => ok */
	do_accept(5, 7, "accept(s5)", "s7 (conn2)", 1000);
}

/* line 84, in srv2: fork srv2 as child2 => ok */
static void step_27(void)
{
	/* the script expects => ok */
	do_fork(6, "fork(srv2)", "child2");
}

/* line 85: child2: close l2 => ok */
static void step_28(void)
{
	/* the script expects => ok */
	do_close(5, "close(s5)");
}

/* line 86, in main: exit srv2 => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_end(5, 0, "exit(srv2)");
}

/* line 87: expect no LISTEN 127.0.0.1:3460 (sockstage checks the kernel
 * view) */
/* line 88: expect ESTAB 127.0.0.1:3460 127.0.0.1:3560 (sockstage checks
 * the kernel view) */
/* line 89: new: socket tcp as n2 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (n2)");
}

/* line 90: new: bind n2 127.0.0.1:3460 => EADDRINUSE */
static void step_31(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3460, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:3460)", &a, alen, 0);
}

/* # ---- 3. 3461: old -, new reuseaddr: EADDRINUSE ---- */
/* line 93, in main: spawn srv3 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_spawn(7, -1, -1, "spawn(srv3)");
}

/* line 94: srv3: socket tcp as l3 => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (l3)");
}

/* line 95: srv3: bind l3 127.0.0.1:3461 => ok */
static void step_34(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3461)", &a, alen, 0);
}

/* line 96: srv3: listen l3 => ok */
static void step_35(void)
{
	/* the script expects => ok */
	do_listen(9, "listen(s9, 4096)", 4096);
}

/* line 97: cli: socket tcp as c3 => ok */
static void step_36(void)
{
	/* the script expects => ok */
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (c3)");
}

/* line 98: cli: bind c3 127.0.0.1:3561 => ok */
static void step_37(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3561, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:3561)", &a, alen, 0);
}

/* line 99: cli: connect c3 127.0.0.1:3461 => ok */
static void step_38(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_connect(10, "connect(s10, 127.0.0.1:3461)", &a, alen, 1000);
}

/* line 100: srv3: accept l3 as conn3 => ok */
static void step_39(void)
{
	/* the script expects => ok */
	do_accept(9, 11, "accept(s9)", "s11 (conn3)", 1000);
}

/* line 101, in srv3: fork srv3 as child3 => ok */
static void step_40(void)
{
	/* the script expects => ok */
	do_fork(8, "fork(srv3)", "child3");
}

/* line 102: child3: close l3 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	do_close(9, "close(s9)");
}

/* line 103, in main: exit srv3 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_end(7, 0, "exit(srv3)");
}

/* line 104: expect no LISTEN 127.0.0.1:3461 (sockstage checks the kernel
 * view) */
/* line 105: expect ESTAB 127.0.0.1:3461 127.0.0.1:3561 (sockstage checks
 * the kernel view) */
/* line 106: new: socket tcp as n3 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	do_socket(12, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s12 (n3)");
}

/* line 107: new: set n3 reuseaddr => ok */
static void step_44(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(12, "setsockopt(s12, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 108: new: bind n3 127.0.0.1:3461 => EADDRINUSE */
static void step_45(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_bind(12, "bind(s12, 127.0.0.1:3461)", &a, alen, 0);
}

/* # ---- 4. 3462: old reuseaddr, new reuseaddr: the restart works ---- */
/* line 111, in main: spawn srv4 => ok */
static void step_46(void)
{
	/* the script expects => ok */
	do_spawn(9, -1, -1, "spawn(srv4)");
}

/* line 112: srv4: socket tcp as l4 => ok */
static void step_47(void)
{
	/* the script expects => ok */
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (l4)");
}

/* line 113: srv4: set l4 reuseaddr => ok */
static void step_48(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(13, "setsockopt(s13, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 114: srv4: bind l4 127.0.0.1:3462 => ok */
static void step_49(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3462)", &a, alen, 0);
}

/* line 115: srv4: listen l4 => ok */
static void step_50(void)
{
	/* the script expects => ok */
	do_listen(13, "listen(s13, 4096)", 4096);
}

/* line 116: cli: socket tcp as c4 => ok */
static void step_51(void)
{
	/* the script expects => ok */
	do_socket(14, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s14 (c4)");
}

/* line 117: cli: bind c4 127.0.0.1:3562 => ok */
static void step_52(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3562, 0u);

	do_bind(14, "bind(s14, 127.0.0.1:3562)", &a, alen, 0);
}

/* line 118: cli: connect c4 127.0.0.1:3462 => ok */
static void step_53(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_connect(14, "connect(s14, 127.0.0.1:3462)", &a, alen, 1000);
}

/* line 119: srv4: accept l4 as conn4 => ok */
static void step_54(void)
{
	/* the script expects => ok */
	do_accept(13, 15, "accept(s13)", "s15 (conn4)", 1000);
}

/* line 120, in srv4: fork srv4 as child4 => ok */
static void step_55(void)
{
	/* the script expects => ok */
	do_fork(10, "fork(srv4)", "child4");
}

/* line 121: child4: close l4 => ok */
static void step_56(void)
{
	/* the script expects => ok */
	do_close(13, "close(s13)");
}

/* line 122, in main: exit srv4 => ok */
static void step_57(void)
{
	/* the script expects => ok */
	do_end(9, 0, "exit(srv4)");
}

/* line 123: expect no LISTEN 127.0.0.1:3462 (sockstage checks the kernel
 * view) */
/* line 124: expect ESTAB 127.0.0.1:3462 127.0.0.1:3562 (sockstage checks
 * the kernel view) */
/* line 125: new: socket tcp as n4 => ok */
static void step_58(void)
{
	/* the script expects => ok */
	do_socket(16, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s16 (n4)");
}

/* line 126: new: set n4 reuseaddr => ok */
static void step_59(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(16, "setsockopt(s16, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 127: new: bind n4 127.0.0.1:3462 => ok */
static void step_60(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(16, "bind(s16, 127.0.0.1:3462)", &a, alen, 0);
}

/* line 128: new: listen n4 => ok */
static void step_61(void)
{
	/* the script expects => ok */
	do_listen(16, "listen(s16, 4096)", 4096);
}

/* line 129: expect LISTEN 127.0.0.1:3462 (sockstage checks the kernel
 * view) */
/* # a new client is served by the new server, the old one still by the
 * child */
/* line 131: cli: socket tcp as d4 => ok */
static void step_62(void)
{
	/* the script expects => ok */
	do_socket(17, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s17 (d4)");
}

/* line 132: cli: bind d4 127.0.0.1:3662 => ok */
static void step_63(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3662, 0u);

	do_bind(17, "bind(s17, 127.0.0.1:3662)", &a, alen, 0);
}

/* line 133: cli: connect d4 127.0.0.1:3462 => ok */
static void step_64(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_connect(17, "connect(s17, 127.0.0.1:3462)", &a, alen, 1000);
}

/* line 134: new: accept n4 as nconn4 => ok */
static void step_65(void)
{
	/* the script expects => ok */
	do_accept(16, 18, "accept(s16)", "s18 (nconn4)", 1000);
}

/* line 135: expect ESTAB 127.0.0.1:3462 127.0.0.1:3662 (sockstage checks
 * the kernel view) */
/* line 136: expect ESTAB 127.0.0.1:3462 127.0.0.1:3562 (sockstage checks
 * the kernel view) */
/* line 137: child4: send conn4 "old" => ok */
static void step_66(void)
{
	/* the script expects => ok */
	do_send(15, "send(s15, \"old\")", 0, "old", 3, NULL, 0);
}

/* line 138: cli: recv c4 => ok */
static void step_67(void)
{
	/* the script expects => ok */
	do_recv(14, "recv(s14, 65536)", 0, 65536, 1000);
}

/* # a second restart (not setting SO_REUSEADDR) is refused, and one
 * setting */
/* # it is refused by the new LISTEN socket */
/* line 141: new: socket tcp as m4 => ok */
static void step_68(void)
{
	/* the script expects => ok */
	do_socket(19, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s19 (m4)");
}

/* line 142: new: bind m4 127.0.0.1:3462 => EADDRINUSE */
static void step_69(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(19, "bind(s19, 127.0.0.1:3462)", &a, alen, 0);
}

/* line 143: new: set m4 reuseaddr => ok */
static void step_70(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(19, "setsockopt(s19, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 144: new: bind m4 127.0.0.1:3462 => EADDRINUSE */
static void step_71(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(19, "bind(s19, 127.0.0.1:3462)", &a, alen, 0);
}

/* line 145: new: close nconn4 => ok */
static void step_72(void)
{
	/* the script expects => ok */
	do_close(18, "close(s18)");
}

/* line 146: cli: close d4 => ok */
static void step_73(void)
{
	/* the script expects => ok */
	do_close(17, "close(s17)");
}

/* # ---- 4a. 3463: the same over 0.0.0.0 ---- */
/* line 149, in main: spawn srv4a => ok */
static void step_74(void)
{
	/* the script expects => ok */
	do_spawn(11, -1, -1, "spawn(srv4a)");
}

/* line 150: srv4a: socket tcp as l4a => ok */
static void step_75(void)
{
	/* the script expects => ok */
	do_socket(20, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s20 (l4a)");
}

/* line 151: srv4a: set l4a reuseaddr => ok */
static void step_76(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(20, "setsockopt(s20, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 152: srv4a: bind l4a 127.0.0.1:3463 => ok */
static void step_77(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_bind(20, "bind(s20, 127.0.0.1:3463)", &a, alen, 0);
}

/* line 153: srv4a: listen l4a => ok */
static void step_78(void)
{
	/* the script expects => ok */
	do_listen(20, "listen(s20, 4096)", 4096);
}

/* line 154: cli: socket tcp as c4a => ok */
static void step_79(void)
{
	/* the script expects => ok */
	do_socket(21, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s21 (c4a)");
}

/* line 155: cli: bind c4a 127.0.0.1:3563 => ok */
static void step_80(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3563, 0u);

	do_bind(21, "bind(s21, 127.0.0.1:3563)", &a, alen, 0);
}

/* line 156: cli: connect c4a 127.0.0.1:3463 => ok */
static void step_81(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_connect(21, "connect(s21, 127.0.0.1:3463)", &a, alen, 1000);
}

/* line 157: srv4a: accept l4a as conn4a => ok */
static void step_82(void)
{
	/* the script expects => ok */
	do_accept(20, 22, "accept(s20)", "s22 (conn4a)", 1000);
}

/* line 158, in srv4a: fork srv4a as child4a => ok */
static void step_83(void)
{
	/* the script expects => ok */
	do_fork(12, "fork(srv4a)", "child4a");
}

/* line 159: child4a: close l4a => ok */
static void step_84(void)
{
	/* the script expects => ok */
	do_close(20, "close(s20)");
}

/* line 160, in main: exit srv4a => ok */
static void step_85(void)
{
	/* the script expects => ok */
	do_end(11, 0, "exit(srv4a)");
}

/* line 161: expect ESTAB 127.0.0.1:3463 127.0.0.1:3563 (sockstage checks
 * the kernel view) */
/* line 162: new: socket tcp as w4a => ok */
static void step_86(void)
{
	/* the script expects => ok */
	do_socket(23, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s23 (w4a)");
}

/* line 163: new: bind w4a 0.0.0.0:3463 => EADDRINUSE */
static void step_87(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3463, 0u);

	do_bind(23, "bind(s23, 0.0.0.0:3463)", &a, alen, 0);
}

/* line 164: new: set w4a reuseaddr => ok */
static void step_88(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(23, "setsockopt(s23, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 165: new: bind w4a 0.0.0.0:3463 => ok */
static void step_89(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3463, 0u);

	do_bind(23, "bind(s23, 0.0.0.0:3463)", &a, alen, 0);
}

/* line 166: new: listen w4a => ok */
static void step_90(void)
{
	/* the script expects => ok */
	do_listen(23, "listen(s23, 4096)", 4096);
}

/* line 167: expect LISTEN 0.0.0.0:3463 (sockstage checks the kernel
 * view) */
/* # ---- 4b. 3464: old reuseport, new reuseport (same uid): ok too ---- */
/* line 170, in main: spawn srv4b => ok */
static void step_91(void)
{
	/* the script expects => ok */
	do_spawn(13, -1, -1, "spawn(srv4b)");
}

/* line 171: srv4b: socket tcp as l4b => ok */
static void step_92(void)
{
	/* the script expects => ok */
	do_socket(24, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s24 (l4b)");
}

/* line 172: srv4b: set l4b reuseport => ok */
static void step_93(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(24, "setsockopt(s24, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 173: srv4b: bind l4b 127.0.0.1:3464 => ok */
static void step_94(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(24, "bind(s24, 127.0.0.1:3464)", &a, alen, 0);
}

/* line 174: srv4b: listen l4b => ok */
static void step_95(void)
{
	/* the script expects => ok */
	do_listen(24, "listen(s24, 4096)", 4096);
}

/* line 175: cli: socket tcp as c4b => ok */
static void step_96(void)
{
	/* the script expects => ok */
	do_socket(25, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s25 (c4b)");
}

/* line 176: cli: bind c4b 127.0.0.1:3564 => ok */
static void step_97(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3564, 0u);

	do_bind(25, "bind(s25, 127.0.0.1:3564)", &a, alen, 0);
}

/* line 177: cli: connect c4b 127.0.0.1:3464 => ok */
static void step_98(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_connect(25, "connect(s25, 127.0.0.1:3464)", &a, alen, 1000);
}

/* line 178: srv4b: accept l4b as conn4b => ok */
static void step_99(void)
{
	/* the script expects => ok */
	do_accept(24, 26, "accept(s24)", "s26 (conn4b)", 1000);
}

/* line 179, in srv4b: fork srv4b as child4b => ok */
static void step_100(void)
{
	/* the script expects => ok */
	do_fork(14, "fork(srv4b)", "child4b");
}

/* line 180: child4b: close l4b => ok */
static void step_101(void)
{
	/* the script expects => ok */
	do_close(24, "close(s24)");
}

/* line 181, in main: exit srv4b => ok */
static void step_102(void)
{
	/* the script expects => ok */
	do_end(13, 0, "exit(srv4b)");
}

/* line 182: expect ESTAB 127.0.0.1:3464 127.0.0.1:3564 (sockstage checks
 * the kernel view) */
/* line 183: new: socket tcp as n4b => ok */
static void step_103(void)
{
	/* the script expects => ok */
	do_socket(27, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s27 (n4b)");
}

/* line 184: new: set n4b reuseaddr => ok */
static void step_104(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(27, "setsockopt(s27, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 185: new: bind n4b 127.0.0.1:3464 => EADDRINUSE */
static void step_105(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(27, "bind(s27, 127.0.0.1:3464)", &a, alen, 0);
}

/* line 186: new: socket tcp as p4b => ok */
static void step_106(void)
{
	/* the script expects => ok */
	do_socket(28, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s28 (p4b)");
}

/* line 187: new: set p4b reuseport => ok */
static void step_107(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(28, "setsockopt(s28, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 188: new: bind p4b 127.0.0.1:3464 => ok */
static void step_108(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(28, "bind(s28, 127.0.0.1:3464)", &a, alen, 0);
}

/* line 189: new: listen p4b => ok */
static void step_109(void)
{
	/* the script expects => ok */
	do_listen(28, "listen(s28, 4096)", 4096);
}

/* line 190: expect LISTEN 127.0.0.1:3464 (sockstage checks the kernel
 * view) */
/* # ---- 5. 3465: old -, the child closes first: FIN-WAIT-2, TIME-WAIT
 * ---- */
/* line 193, in main: spawn srv5 => ok */
static void step_110(void)
{
	/* the script expects => ok */
	do_spawn(15, -1, -1, "spawn(srv5)");
}

/* line 194: srv5: socket tcp as l5 => ok */
static void step_111(void)
{
	/* the script expects => ok */
	do_socket(29, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s29 (l5)");
}

/* line 195: srv5: bind l5 127.0.0.1:3465 => ok */
static void step_112(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(29, "bind(s29, 127.0.0.1:3465)", &a, alen, 0);
}

/* line 196: srv5: listen l5 => ok */
static void step_113(void)
{
	/* the script expects => ok */
	do_listen(29, "listen(s29, 4096)", 4096);
}

/* line 197: cli: socket tcp as c5 => ok */
static void step_114(void)
{
	/* the script expects => ok */
	do_socket(30, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s30 (c5)");
}

/* line 198: cli: bind c5 127.0.0.1:3565 => ok */
static void step_115(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3565, 0u);

	do_bind(30, "bind(s30, 127.0.0.1:3565)", &a, alen, 0);
}

/* line 199: cli: connect c5 127.0.0.1:3465 => ok */
static void step_116(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(30, "connect(s30, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 200: srv5: accept l5 as conn5 => ok */
static void step_117(void)
{
	/* the script expects => ok */
	do_accept(29, 31, "accept(s29)", "s31 (conn5)", 1000);
}

/* line 201, in srv5: fork srv5 as child5 => ok */
static void step_118(void)
{
	/* the script expects => ok */
	do_fork(16, "fork(srv5)", "child5");
}

/* line 202: child5: close l5 => ok */
static void step_119(void)
{
	/* the script expects => ok */
	do_close(29, "close(s29)");
}

/* line 203, in main: exit srv5 => ok */
static void step_120(void)
{
	/* the script expects => ok */
	do_end(15, 0, "exit(srv5)");
}

/* line 204: expect ESTAB 127.0.0.1:3465 127.0.0.1:3565 (sockstage checks
 * the kernel view) */
/* line 205: child5: close conn5 => ok */
static void step_121(void)
{
	/* the script expects => ok */
	do_close(31, "close(s31)");
}

/* line 206, in main: wait conn5 FIN-WAIT-2 2s */
static void step_122(void)
{
	do_wait_state(31, 0, 5, "FIN-WAIT-2", 2000, "wait s31 FIN-WAIT-2");
}

/* line 207: expect FIN-WAIT-2 127.0.0.1:3465 127.0.0.1:3565 (sockstage
 * checks the kernel view) */
/* line 208: expect CLOSE-WAIT 127.0.0.1:3565 127.0.0.1:3465 (sockstage
 * checks the kernel view) */
/* # (the row shows the "timewait" timer: a TIME-WAIT mini-socket
 * already) */
/* line 210: show (sockstage prints the kernel view) */
/* line 211: new: socket tcp as n5 => ok */
static void step_123(void)
{
	/* the script expects => ok */
	do_socket(32, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s32 (n5)");
}

/* line 212: new: set n5 reuseaddr => ok */
static void step_124(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(32, "setsockopt(s32, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 213: new: bind n5 127.0.0.1:3465 => EADDRINUSE */
static void step_125(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(32, "bind(s32, 127.0.0.1:3465)", &a, alen, 0);
}

/* line 214: cli: close c5 => ok */
static void step_126(void)
{
	/* the script expects => ok */
	do_close(30, "close(s30)");
}

/* line 215, in main: wait conn5 TIME-WAIT 2s */
static void step_127(void)
{
	do_wait_state(31, 0, 6, "TIME-WAIT", 2000, "wait s31 TIME-WAIT");
}

/* line 216: expect TIME-WAIT 127.0.0.1:3465 127.0.0.1:3565 (sockstage
 * checks the kernel view) */
/* line 217: expect no CLOSE-WAIT 127.0.0.1:3565 (sockstage checks the
 * kernel view) */
/* line 218: new: bind n5 127.0.0.1:3465 => EADDRINUSE */
static void step_128(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(32, "bind(s32, 127.0.0.1:3465)", &a, alen, 0);
}

/* line 219: new: bind n5 0.0.0.0:3465 => EADDRINUSE */
static void step_129(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3465, 0u);

	do_bind(32, "bind(s32, 0.0.0.0:3465)", &a, alen, 0);
}

/* # ---- 6. 3466: old reuseaddr, the child closes first: new needs it
 * too ---- */
/* line 222, in main: spawn srv6 => ok */
static void step_130(void)
{
	/* the script expects => ok */
	do_spawn(17, -1, -1, "spawn(srv6)");
}

/* line 223: srv6: socket tcp as l6 => ok */
static void step_131(void)
{
	/* the script expects => ok */
	do_socket(33, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s33 (l6)");
}

/* line 224: srv6: set l6 reuseaddr => ok */
static void step_132(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(33, "setsockopt(s33, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 225: srv6: bind l6 127.0.0.1:3466 => ok */
static void step_133(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(33, "bind(s33, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 226: srv6: listen l6 => ok */
static void step_134(void)
{
	/* the script expects => ok */
	do_listen(33, "listen(s33, 4096)", 4096);
}

/* line 227: cli: socket tcp as c6 => ok */
static void step_135(void)
{
	/* the script expects => ok */
	do_socket(34, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s34 (c6)");
}

/* line 228: cli: bind c6 127.0.0.1:3566 => ok */
static void step_136(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_bind(34, "bind(s34, 127.0.0.1:3566)", &a, alen, 0);
}

/* line 229: cli: connect c6 127.0.0.1:3466 => ok */
static void step_137(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_connect(34, "connect(s34, 127.0.0.1:3466)", &a, alen, 1000);
}

/* line 230: srv6: accept l6 as conn6 => ok */
static void step_138(void)
{
	/* the script expects => ok */
	do_accept(33, 35, "accept(s33)", "s35 (conn6)", 1000);
}

/* line 231, in srv6: fork srv6 as child6 => ok */
static void step_139(void)
{
	/* the script expects => ok */
	do_fork(18, "fork(srv6)", "child6");
}

/* line 232: child6: close l6 => ok */
static void step_140(void)
{
	/* the script expects => ok */
	do_close(33, "close(s33)");
}

/* line 233, in main: exit srv6 => ok */
static void step_141(void)
{
	/* the script expects => ok */
	do_end(17, 0, "exit(srv6)");
}

/* line 234: child6: close conn6 => ok */
static void step_142(void)
{
	/* the script expects => ok */
	do_close(35, "close(s35)");
}

/* line 235, in main: wait conn6 FIN-WAIT-2 2s */
static void step_143(void)
{
	do_wait_state(35, 0, 5, "FIN-WAIT-2", 2000, "wait s35 FIN-WAIT-2");
}

/* line 236: new: socket tcp as n6 => ok */
static void step_144(void)
{
	/* the script expects => ok */
	do_socket(36, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s36 (n6)");
}

/* line 237: new: bind n6 127.0.0.1:3466 => EADDRINUSE */
static void step_145(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(36, "bind(s36, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 238: cli: close c6 => ok */
static void step_146(void)
{
	/* the script expects => ok */
	do_close(34, "close(s34)");
}

/* line 239, in main: wait conn6 TIME-WAIT 2s */
static void step_147(void)
{
	do_wait_state(35, 0, 6, "TIME-WAIT", 2000, "wait s35 TIME-WAIT");
}

/* line 240: new: bind n6 127.0.0.1:3466 => EADDRINUSE */
static void step_148(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(36, "bind(s36, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 241: new: set n6 reuseaddr => ok */
static void step_149(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(36, "setsockopt(s36, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 242: new: bind n6 127.0.0.1:3466 => ok */
static void step_150(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(36, "bind(s36, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 243: new: listen n6 => ok */
static void step_151(void)
{
	/* the script expects => ok */
	do_listen(36, "listen(s36, 4096)", 4096);
}

/* line 244: expect LISTEN 127.0.0.1:3466 (sockstage checks the kernel
 * view) */
/* line 245: expect TIME-WAIT 127.0.0.1:3466 127.0.0.1:3566 (sockstage
 * checks the kernel view) */
/* # ---- 7. 3467: old -, the client closes first: no TIME-WAIT on the
 * port ---- */
/* line 248, in main: spawn srv7 => ok */
static void step_152(void)
{
	/* the script expects => ok */
	do_spawn(19, -1, -1, "spawn(srv7)");
}

/* line 249: srv7: socket tcp as l7 => ok */
static void step_153(void)
{
	/* the script expects => ok */
	do_socket(37, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s37 (l7)");
}

/* line 250: srv7: bind l7 127.0.0.1:3467 => ok */
static void step_154(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_bind(37, "bind(s37, 127.0.0.1:3467)", &a, alen, 0);
}

/* line 251: srv7: listen l7 => ok */
static void step_155(void)
{
	/* the script expects => ok */
	do_listen(37, "listen(s37, 4096)", 4096);
}

/* line 252: cli: socket tcp as c7 => ok */
static void step_156(void)
{
	/* the script expects => ok */
	do_socket(38, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s38 (c7)");
}

/* line 253: cli: bind c7 127.0.0.1:3567 => ok */
static void step_157(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3567, 0u);

	do_bind(38, "bind(s38, 127.0.0.1:3567)", &a, alen, 0);
}

/* line 254: cli: connect c7 127.0.0.1:3467 => ok */
static void step_158(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_connect(38, "connect(s38, 127.0.0.1:3467)", &a, alen, 1000);
}

/* line 255: srv7: accept l7 as conn7 => ok */
static void step_159(void)
{
	/* the script expects => ok */
	do_accept(37, 39, "accept(s37)", "s39 (conn7)", 1000);
}

/* line 256, in srv7: fork srv7 as child7 => ok */
static void step_160(void)
{
	/* the script expects => ok */
	do_fork(20, "fork(srv7)", "child7");
}

/* line 257: child7: close l7 => ok */
static void step_161(void)
{
	/* the script expects => ok */
	do_close(37, "close(s37)");
}

/* line 258, in main: exit srv7 => ok */
static void step_162(void)
{
	/* the script expects => ok */
	do_end(19, 0, "exit(srv7)");
}

/* line 259: cli: close c7 => ok */
static void step_163(void)
{
	/* the script expects => ok */
	do_close(38, "close(s38)");
}

/* line 260, in main: wait conn7 CLOSE-WAIT 2s */
static void step_164(void)
{
	do_wait_state(39, 0, 8, "CLOSE-WAIT", 2000, "wait s39 CLOSE-WAIT");
}

/* line 261: expect FIN-WAIT-2 127.0.0.1:3567 127.0.0.1:3467 (sockstage
 * checks the kernel view) */
/* # a CLOSE-WAIT still holds the port */
/* line 263: new: socket tcp as n7 => ok */
static void step_165(void)
{
	/* the script expects => ok */
	do_socket(40, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s40 (n7)");
}

/* line 264: new: bind n7 127.0.0.1:3467 => EADDRINUSE */
static void step_166(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_bind(40, "bind(s40, 127.0.0.1:3467)", &a, alen, 0);
}

/* line 265: child7: recv conn7 => ok */
static void step_167(void)
{
	/* the script expects => ok */
	do_recv(39, "recv(s39, 65536)", 0, 65536, 1000);
}

/* line 266: child7: close conn7 => ok */
static void step_168(void)
{
	/* the script expects => ok */
	do_close(39, "close(s39)");
}

/* # the TIME-WAIT is the client's; the server's side is gone after
 * LAST-ACK */
/* line 268: expect TIME-WAIT 127.0.0.1:3567 127.0.0.1:3467 (sockstage
 * checks the kernel view) */
/* line 269: expect no LAST-ACK 127.0.0.1:3467 (sockstage checks the
 * kernel view) */
/* line 270: expect no TIME-WAIT 127.0.0.1:3467 (sockstage checks the
 * kernel view) */
/* line 271: expect no CLOSE-WAIT 127.0.0.1:3467 (sockstage checks the
 * kernel view) */
/* line 272: new: bind n7 127.0.0.1:3467 => ok */
static void step_169(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_bind(40, "bind(s40, 127.0.0.1:3467)", &a, alen, 0);
}

/* line 273: new: listen n7 => ok */
static void step_170(void)
{
	/* the script expects => ok */
	do_listen(40, "listen(s40, 4096)", 4096);
}

/* line 274: expect LISTEN 127.0.0.1:3467 (sockstage checks the kernel
 * view) */
/* line 275: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 45, main */
	{ step_1, 0 },	/* line 46, main */
	{ step_2, 0 },	/* line 49, main */
	{ step_3, 3 },	/* line 50, srv1 */
	{ step_4, 3 },	/* line 51, srv1 */
	{ step_5, 3 },	/* line 52, srv1 */
	{ step_6, 1 },	/* line 53, cli */
	{ step_7, 1 },	/* line 54, cli */
	{ step_8, 1 },	/* line 55, cli */
	{ step_9, 3 },	/* line 56, srv1 */
	{ step_10, 3 },	/* line 57, srv1 */
	{ step_11, 4 },	/* line 59, child1 */
	{ step_12, 0 },	/* line 61, main */
	{ step_13, 4 },	/* line 68, child1 */
	{ step_14, 1 },	/* line 69, cli */
	{ step_15, 2 },	/* line 70, new */
	{ step_16, 2 },	/* line 71, new */
	{ step_17, 2 },	/* line 72, new */
	{ step_18, 0 },	/* line 75, main */
	{ step_19, 5 },	/* line 76, srv2 */
	{ step_20, 5 },	/* line 77, srv2 */
	{ step_21, 5 },	/* line 78, srv2 */
	{ step_22, 5 },	/* line 79, srv2 */
	{ step_23, 1 },	/* line 80, cli */
	{ step_24, 1 },	/* line 81, cli */
	{ step_25, 1 },	/* line 82, cli */
	{ step_26, 5 },	/* line 83, srv2 */
	{ step_27, 5 },	/* line 84, srv2 */
	{ step_28, 6 },	/* line 85, child2 */
	{ step_29, 0 },	/* line 86, main */
	{ step_30, 2 },	/* line 89, new */
	{ step_31, 2 },	/* line 90, new */
	{ step_32, 0 },	/* line 93, main */
	{ step_33, 7 },	/* line 94, srv3 */
	{ step_34, 7 },	/* line 95, srv3 */
	{ step_35, 7 },	/* line 96, srv3 */
	{ step_36, 1 },	/* line 97, cli */
	{ step_37, 1 },	/* line 98, cli */
	{ step_38, 1 },	/* line 99, cli */
	{ step_39, 7 },	/* line 100, srv3 */
	{ step_40, 7 },	/* line 101, srv3 */
	{ step_41, 8 },	/* line 102, child3 */
	{ step_42, 0 },	/* line 103, main */
	{ step_43, 2 },	/* line 106, new */
	{ step_44, 2 },	/* line 107, new */
	{ step_45, 2 },	/* line 108, new */
	{ step_46, 0 },	/* line 111, main */
	{ step_47, 9 },	/* line 112, srv4 */
	{ step_48, 9 },	/* line 113, srv4 */
	{ step_49, 9 },	/* line 114, srv4 */
	{ step_50, 9 },	/* line 115, srv4 */
	{ step_51, 1 },	/* line 116, cli */
	{ step_52, 1 },	/* line 117, cli */
	{ step_53, 1 },	/* line 118, cli */
	{ step_54, 9 },	/* line 119, srv4 */
	{ step_55, 9 },	/* line 120, srv4 */
	{ step_56, 10 },	/* line 121, child4 */
	{ step_57, 0 },	/* line 122, main */
	{ step_58, 2 },	/* line 125, new */
	{ step_59, 2 },	/* line 126, new */
	{ step_60, 2 },	/* line 127, new */
	{ step_61, 2 },	/* line 128, new */
	{ step_62, 1 },	/* line 131, cli */
	{ step_63, 1 },	/* line 132, cli */
	{ step_64, 1 },	/* line 133, cli */
	{ step_65, 2 },	/* line 134, new */
	{ step_66, 10 },	/* line 137, child4 */
	{ step_67, 1 },	/* line 138, cli */
	{ step_68, 2 },	/* line 141, new */
	{ step_69, 2 },	/* line 142, new */
	{ step_70, 2 },	/* line 143, new */
	{ step_71, 2 },	/* line 144, new */
	{ step_72, 2 },	/* line 145, new */
	{ step_73, 1 },	/* line 146, cli */
	{ step_74, 0 },	/* line 149, main */
	{ step_75, 11 },	/* line 150, srv4a */
	{ step_76, 11 },	/* line 151, srv4a */
	{ step_77, 11 },	/* line 152, srv4a */
	{ step_78, 11 },	/* line 153, srv4a */
	{ step_79, 1 },	/* line 154, cli */
	{ step_80, 1 },	/* line 155, cli */
	{ step_81, 1 },	/* line 156, cli */
	{ step_82, 11 },	/* line 157, srv4a */
	{ step_83, 11 },	/* line 158, srv4a */
	{ step_84, 12 },	/* line 159, child4a */
	{ step_85, 0 },	/* line 160, main */
	{ step_86, 2 },	/* line 162, new */
	{ step_87, 2 },	/* line 163, new */
	{ step_88, 2 },	/* line 164, new */
	{ step_89, 2 },	/* line 165, new */
	{ step_90, 2 },	/* line 166, new */
	{ step_91, 0 },	/* line 170, main */
	{ step_92, 13 },	/* line 171, srv4b */
	{ step_93, 13 },	/* line 172, srv4b */
	{ step_94, 13 },	/* line 173, srv4b */
	{ step_95, 13 },	/* line 174, srv4b */
	{ step_96, 1 },	/* line 175, cli */
	{ step_97, 1 },	/* line 176, cli */
	{ step_98, 1 },	/* line 177, cli */
	{ step_99, 13 },	/* line 178, srv4b */
	{ step_100, 13 },	/* line 179, srv4b */
	{ step_101, 14 },	/* line 180, child4b */
	{ step_102, 0 },	/* line 181, main */
	{ step_103, 2 },	/* line 183, new */
	{ step_104, 2 },	/* line 184, new */
	{ step_105, 2 },	/* line 185, new */
	{ step_106, 2 },	/* line 186, new */
	{ step_107, 2 },	/* line 187, new */
	{ step_108, 2 },	/* line 188, new */
	{ step_109, 2 },	/* line 189, new */
	{ step_110, 0 },	/* line 193, main */
	{ step_111, 15 },	/* line 194, srv5 */
	{ step_112, 15 },	/* line 195, srv5 */
	{ step_113, 15 },	/* line 196, srv5 */
	{ step_114, 1 },	/* line 197, cli */
	{ step_115, 1 },	/* line 198, cli */
	{ step_116, 1 },	/* line 199, cli */
	{ step_117, 15 },	/* line 200, srv5 */
	{ step_118, 15 },	/* line 201, srv5 */
	{ step_119, 16 },	/* line 202, child5 */
	{ step_120, 0 },	/* line 203, main */
	{ step_121, 16 },	/* line 205, child5 */
	{ step_122, 0 },	/* line 206, main */
	{ step_123, 2 },	/* line 211, new */
	{ step_124, 2 },	/* line 212, new */
	{ step_125, 2 },	/* line 213, new */
	{ step_126, 1 },	/* line 214, cli */
	{ step_127, 0 },	/* line 215, main */
	{ step_128, 2 },	/* line 218, new */
	{ step_129, 2 },	/* line 219, new */
	{ step_130, 0 },	/* line 222, main */
	{ step_131, 17 },	/* line 223, srv6 */
	{ step_132, 17 },	/* line 224, srv6 */
	{ step_133, 17 },	/* line 225, srv6 */
	{ step_134, 17 },	/* line 226, srv6 */
	{ step_135, 1 },	/* line 227, cli */
	{ step_136, 1 },	/* line 228, cli */
	{ step_137, 1 },	/* line 229, cli */
	{ step_138, 17 },	/* line 230, srv6 */
	{ step_139, 17 },	/* line 231, srv6 */
	{ step_140, 18 },	/* line 232, child6 */
	{ step_141, 0 },	/* line 233, main */
	{ step_142, 18 },	/* line 234, child6 */
	{ step_143, 0 },	/* line 235, main */
	{ step_144, 2 },	/* line 236, new */
	{ step_145, 2 },	/* line 237, new */
	{ step_146, 1 },	/* line 238, cli */
	{ step_147, 0 },	/* line 239, main */
	{ step_148, 2 },	/* line 240, new */
	{ step_149, 2 },	/* line 241, new */
	{ step_150, 2 },	/* line 242, new */
	{ step_151, 2 },	/* line 243, new */
	{ step_152, 0 },	/* line 248, main */
	{ step_153, 19 },	/* line 249, srv7 */
	{ step_154, 19 },	/* line 250, srv7 */
	{ step_155, 19 },	/* line 251, srv7 */
	{ step_156, 1 },	/* line 252, cli */
	{ step_157, 1 },	/* line 253, cli */
	{ step_158, 1 },	/* line 254, cli */
	{ step_159, 19 },	/* line 255, srv7 */
	{ step_160, 19 },	/* line 256, srv7 */
	{ step_161, 20 },	/* line 257, child7 */
	{ step_162, 0 },	/* line 258, main */
	{ step_163, 1 },	/* line 259, cli */
	{ step_164, 0 },	/* line 260, main */
	{ step_165, 2 },	/* line 263, new */
	{ step_166, 2 },	/* line 264, new */
	{ step_167, 20 },	/* line 265, child7 */
	{ step_168, 20 },	/* line 266, child7 */
	{ step_169, 2 },	/* line 272, new */
	{ step_170, 2 },	/* line 273, new */
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
