/* behaviour-kill-restart.stage: exported by sockstage --export-c.
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

#define NSOCK 30
#define NPROC 9
#define NSTEPS 119

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # kill-restart.stage - "the server crashed": a server process is
 * SIGKILLed */
/* # while a client (another process) is connected to it, and a new
 * server */
/* # process restarts on the same port. */
/* # */
/* # What the kernel does (6.18): */
/* # - SIGKILL closes the dead process's descriptors like close(): its */
/* # listener goes away, connections still waiting in the accept queue
 * get */
/* # an RST (the client's recv: ECONNRESET), and the accepted connection */
/* # sends a FIN: the server side goes FIN-WAIT-1, then FIN-WAIT-2 once
 * the */
/* # client ACKs (the client delays that ACK a little, so FIN-WAIT-1 is
 * seen */
/* # only briefly), and the client side goes CLOSE-WAIT (its recv reads
 * the */
/* # end of stream, 0). When the client closes too, the server side goes */
/* # TIME-WAIT (60 s). */
/* # KERNEL DETAIL: the FIN-WAIT-2 of a socket nobody holds is already a */
/* # TIME-WAIT mini-socket ("timewait" timer in `show`, 60 s = */
/* # net.ipv4.tcp_fin_timeout): if the client never closes, it goes away */
/* # after 60 s (the port is free then), and the client stays in
 * CLOSE-WAIT */
/* # for ever (tests/procs.sh part 5). */
/* # - the restart's bind, in FIN-WAIT-2 and in TIME-WAIT alike, one port
 * per */
/* # case (the SO_REUSEADDR of the old listener is inherited by the
 * accepted */
/* # connection and remembered by its FIN-WAIT-2/TIME-WAIT): */
/* # old run new run bind during FIN-WAIT-2 during TIME-WAIT */
/* # - - EADDRINUSE EADDRINUSE (1) */
/* # reuseaddr - EADDRINUSE EADDRINUSE (2) */
/* # - reuseaddr EADDRINUSE EADDRINUSE (3) */
/* # reuseaddr reuseaddr ok ok (4) */
/* # (0.0.0.0:P behaves as 127.0.0.1:P.) As for a clean close */
/* # (timewait-restart.stage): SO_REUSEADDR must be set in both runs. */
/* # - two ways the crash leaves nothing on the port, so the restart
 * binds */
/* # without any option: */
/* # (5) the client writes to the dead server: the FIN-WAIT-2 answers the */
/* # data with an RST and is gone at once. The client's recv still reads */
/* # 0 (the FIN came first), its next send fails with EPIPE; */
/* # (6) the dead server had unread data in its receive buffer: the
 * kernel */
/* # sends an RST instead of a FIN (LINUX-FACTS.md (f)); no FIN-WAIT, no */
/* # TIME-WAIT; the client's recv gets ECONNRESET, its send EPIPE. */
/* # Clients bind fixed ports (server port + 100) so both ends can be
 * named. */
/* line 39, in main: spawn cli => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_spawn(1, -1, -1, "spawn(cli)");
}

/* line 40, in main: spawn new => ok */
static void step_1(void)
{
	/* the script expects => ok */
	do_spawn(2, -1, -1, "spawn(new)");
}

/* # ---- 1. 3470: old -, new -: EADDRINUSE until the TIME-WAIT ends ---- */
/* line 43, in main: spawn srv1 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_spawn(3, -1, -1, "spawn(srv1)");
}

/* line 44: srv1: socket tcp as l1 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 45: srv1: bind l1 127.0.0.1:3470 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3470)", &a, alen, 0);
}

/* line 46: srv1: listen l1 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 47: cli: socket tcp as c1 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 48: cli: bind c1 127.0.0.1:3570 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3570, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3570)", &a, alen, 0);
}

/* line 49: cli: connect c1 127.0.0.1:3470 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3470)", &a, alen, 1000);
}

/* line 50: srv1: accept l1 as conn1 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (conn1)", 1000);
}

/* # a second client, connected but never accepted (in the accept queue) */
/* line 52: cli: socket tcp as q1 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (q1)");
}

/* line 53: cli: bind q1 127.0.0.1:3670 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3670, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3670)", &a, alen, 0);
}

/* line 54: cli: connect q1 127.0.0.1:3470 => ok */
static void step_12(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:3470)", &a, alen, 1000);
}

/* line 55: expect ESTAB 127.0.0.1:3670 127.0.0.1:3470 (sockstage checks
 * the kernel view) */
/* line 56: show (sockstage prints the kernel view) */
/* line 57, in main: kill srv1 => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_end(3, SIGKILL, "kill(srv1, SIGKILL)");
}

/* line 58, in main: wait conn1 FIN-WAIT-2 2s */
static void step_14(void)
{
	do_wait_state(3, 0, 5, "FIN-WAIT-2", 2000, "wait s3 FIN-WAIT-2");
}

/* line 59: expect FIN-WAIT-2 127.0.0.1:3470 127.0.0.1:3570 (sockstage
 * checks the kernel view) */
/* line 60: expect CLOSE-WAIT 127.0.0.1:3570 127.0.0.1:3470 (sockstage
 * checks the kernel view) */
/* line 61: expect no LISTEN 127.0.0.1:3470 (sockstage checks the kernel
 * view) */
/* # the queued connection was reset with the listener; the FIN-WAIT-2
 * row */
/* # carries the "timewait" timer */
/* line 64: cli: recv q1 => ECONNRESET */
static void step_15(void)
{
	/* the script expects => ECONNRESET */
	do_recv(4, "recv(s4, 65536)", 0, 65536, 1000);
}

/* line 65: show (sockstage prints the kernel view) */
/* line 66: cli: recv c1 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 67: new: socket tcp as n1 => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (n1)");
}

/* line 68: new: bind n1 127.0.0.1:3470 => EADDRINUSE */
static void step_18(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3470)", &a, alen, 0);
}

/* line 69: new: bind n1 0.0.0.0:3470 => EADDRINUSE */
static void step_19(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3470, 0u);

	do_bind(5, "bind(s5, 0.0.0.0:3470)", &a, alen, 0);
}

/* line 70: cli: close c1 => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 71, in main: wait conn1 TIME-WAIT 2s */
static void step_21(void)
{
	do_wait_state(3, 0, 6, "TIME-WAIT", 2000, "wait s3 TIME-WAIT");
}

/* line 72: expect TIME-WAIT 127.0.0.1:3470 127.0.0.1:3570 (sockstage
 * checks the kernel view) */
/* line 73: expect no CLOSE-WAIT 127.0.0.1:3570 (sockstage checks the
 * kernel view) */
/* line 74: new: bind n1 127.0.0.1:3470 => EADDRINUSE */
static void step_22(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3470)", &a, alen, 0);
}

/* line 75: new: bind n1 0.0.0.0:3470 => EADDRINUSE */
static void step_23(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3470, 0u);

	do_bind(5, "bind(s5, 0.0.0.0:3470)", &a, alen, 0);
}

/* # ---- 2. 3471: old reuseaddr, new -: EADDRINUSE ---- */
/* line 78, in main: spawn srv2 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_spawn(4, -1, -1, "spawn(srv2)");
}

/* line 79: srv2: socket tcp as l2 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (l2)");
}

/* line 80: srv2: set l2 reuseaddr => ok */
static void step_26(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 81: srv2: bind l2 127.0.0.1:3471 => ok */
static void step_27(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3471)", &a, alen, 0);
}

/* line 82: srv2: listen l2 => ok */
static void step_28(void)
{
	/* the script expects => ok */
	do_listen(6, "listen(s6, 4096)", 4096);
}

/* line 83: cli: socket tcp as c2 => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (c2)");
}

/* line 84: cli: bind c2 127.0.0.1:3571 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3571, 0u);

	do_bind(7, "bind(s7, 127.0.0.1:3571)", &a, alen, 0);
}

/* line 85: cli: connect c2 127.0.0.1:3471 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_connect(7, "connect(s7, 127.0.0.1:3471)", &a, alen, 1000);
}

/* line 86: srv2: accept l2 as conn2 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_accept(6, 8, "accept(s6)", "s8 (conn2)", 1000);
}

/* line 87, in main: kill srv2 => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_end(4, SIGKILL, "kill(srv2, SIGKILL)");
}

/* line 88, in main: wait conn2 FIN-WAIT-2 2s */
static void step_34(void)
{
	do_wait_state(8, 0, 5, "FIN-WAIT-2", 2000, "wait s8 FIN-WAIT-2");
}

/* line 89: new: socket tcp as n2 => ok */
static void step_35(void)
{
	/* the script expects => ok */
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (n2)");
}

/* line 90: new: bind n2 127.0.0.1:3471 => EADDRINUSE */
static void step_36(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3471)", &a, alen, 0);
}

/* line 91: cli: close c2 => ok */
static void step_37(void)
{
	/* the script expects => ok */
	do_close(7, "close(s7)");
}

/* line 92, in main: wait conn2 TIME-WAIT 2s */
static void step_38(void)
{
	do_wait_state(8, 0, 6, "TIME-WAIT", 2000, "wait s8 TIME-WAIT");
}

/* line 93: new: bind n2 127.0.0.1:3471 => EADDRINUSE */
static void step_39(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3471)", &a, alen, 0);
}

/* line 94: new: bind n2 0.0.0.0:3471 => EADDRINUSE */
static void step_40(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3471, 0u);

	do_bind(9, "bind(s9, 0.0.0.0:3471)", &a, alen, 0);
}

/* # ---- 3. 3472: old -, new reuseaddr: EADDRINUSE ---- */
/* line 97, in main: spawn srv3 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	do_spawn(5, -1, -1, "spawn(srv3)");
}

/* line 98: srv3: socket tcp as l3 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (l3)");
}

/* line 99: srv3: bind l3 127.0.0.1:3472 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3472, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:3472)", &a, alen, 0);
}

/* line 100: srv3: listen l3 => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_listen(10, "listen(s10, 4096)", 4096);
}

/* line 101: cli: socket tcp as c3 => ok */
static void step_45(void)
{
	/* the script expects => ok */
	do_socket(11, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s11 (c3)");
}

/* line 102: cli: bind c3 127.0.0.1:3572 => ok */
static void step_46(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3572, 0u);

	do_bind(11, "bind(s11, 127.0.0.1:3572)", &a, alen, 0);
}

/* line 103: cli: connect c3 127.0.0.1:3472 => ok */
static void step_47(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3472, 0u);

	do_connect(11, "connect(s11, 127.0.0.1:3472)", &a, alen, 1000);
}

/* line 104: srv3: accept l3 as conn3 => ok */
static void step_48(void)
{
	/* the script expects => ok */
	do_accept(10, 12, "accept(s10)", "s12 (conn3)", 1000);
}

/* line 105, in main: kill srv3 => ok */
static void step_49(void)
{
	/* the script expects => ok */
	do_end(5, SIGKILL, "kill(srv3, SIGKILL)");
}

/* line 106, in main: wait conn3 FIN-WAIT-2 2s */
static void step_50(void)
{
	do_wait_state(12, 0, 5, "FIN-WAIT-2", 2000, "wait s12 FIN-WAIT-2");
}

/* line 107: new: socket tcp as n3 => ok */
static void step_51(void)
{
	/* the script expects => ok */
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (n3)");
}

/* line 108: new: set n3 reuseaddr => ok */
static void step_52(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(13, "setsockopt(s13, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 109: new: bind n3 127.0.0.1:3472 => EADDRINUSE */
static void step_53(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3472, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3472)", &a, alen, 0);
}

/* line 110: cli: close c3 => ok */
static void step_54(void)
{
	/* the script expects => ok */
	do_close(11, "close(s11)");
}

/* line 111, in main: wait conn3 TIME-WAIT 2s */
static void step_55(void)
{
	do_wait_state(12, 0, 6, "TIME-WAIT", 2000, "wait s12 TIME-WAIT");
}

/* line 112: new: bind n3 127.0.0.1:3472 => EADDRINUSE */
static void step_56(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3472, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3472)", &a, alen, 0);
}

/* line 113: new: bind n3 0.0.0.0:3472 => EADDRINUSE */
static void step_57(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3472, 0u);

	do_bind(13, "bind(s13, 0.0.0.0:3472)", &a, alen, 0);
}

/* # ---- 4. 3473: old reuseaddr, new reuseaddr: the restart works ---- */
/* line 116, in main: spawn srv4 => ok */
static void step_58(void)
{
	/* the script expects => ok */
	do_spawn(6, -1, -1, "spawn(srv4)");
}

/* line 117: srv4: socket tcp as l4 => ok */
static void step_59(void)
{
	/* the script expects => ok */
	do_socket(14, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s14 (l4)");
}

/* line 118: srv4: set l4 reuseaddr => ok */
static void step_60(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(14, "setsockopt(s14, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 119: srv4: bind l4 127.0.0.1:3473 => ok */
static void step_61(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_bind(14, "bind(s14, 127.0.0.1:3473)", &a, alen, 0);
}

/* line 120: srv4: listen l4 => ok */
static void step_62(void)
{
	/* the script expects => ok */
	do_listen(14, "listen(s14, 4096)", 4096);
}

/* line 121: cli: socket tcp as c4 => ok */
static void step_63(void)
{
	/* the script expects => ok */
	do_socket(15, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s15 (c4)");
}

/* line 122: cli: bind c4 127.0.0.1:3573 => ok */
static void step_64(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3573, 0u);

	do_bind(15, "bind(s15, 127.0.0.1:3573)", &a, alen, 0);
}

/* line 123: cli: connect c4 127.0.0.1:3473 => ok */
static void step_65(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_connect(15, "connect(s15, 127.0.0.1:3473)", &a, alen, 1000);
}

/* line 124: srv4: accept l4 as conn4 => ok */
static void step_66(void)
{
	/* the script expects => ok */
	do_accept(14, 16, "accept(s14)", "s16 (conn4)", 1000);
}

/* line 125, in main: kill srv4 => ok */
static void step_67(void)
{
	/* the script expects => ok */
	do_end(6, SIGKILL, "kill(srv4, SIGKILL)");
}

/* line 126, in main: wait conn4 FIN-WAIT-2 2s */
static void step_68(void)
{
	do_wait_state(16, 0, 5, "FIN-WAIT-2", 2000, "wait s16 FIN-WAIT-2");
}

/* # during FIN-WAIT-2: probes bind 127.0.0.1 and 0.0.0.0 (each closed */
/* # again: a socket that was only bound leaves nothing behind) */
/* line 129: new: socket tcp as p4 => ok */
static void step_69(void)
{
	/* the script expects => ok */
	do_socket(17, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s17 (p4)");
}

/* line 130: new: set p4 reuseaddr => ok */
static void step_70(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(17, "setsockopt(s17, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 131: new: bind p4 127.0.0.1:3473 => ok */
static void step_71(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_bind(17, "bind(s17, 127.0.0.1:3473)", &a, alen, 0);
}

/* line 132: new: close p4 => ok */
static void step_72(void)
{
	/* the script expects => ok */
	do_close(17, "close(s17)");
}

/* line 133: new: socket tcp as q4 => ok */
static void step_73(void)
{
	/* the script expects => ok */
	do_socket(18, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s18 (q4)");
}

/* line 134: new: set q4 reuseaddr => ok */
static void step_74(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(18, "setsockopt(s18, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 135: new: bind q4 0.0.0.0:3473 => ok */
static void step_75(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3473, 0u);

	do_bind(18, "bind(s18, 0.0.0.0:3473)", &a, alen, 0);
}

/* line 136: new: close q4 => ok */
static void step_76(void)
{
	/* the script expects => ok */
	do_close(18, "close(s18)");
}

/* line 137: cli: close c4 => ok */
static void step_77(void)
{
	/* the script expects => ok */
	do_close(15, "close(s15)");
}

/* line 138, in main: wait conn4 TIME-WAIT 2s */
static void step_78(void)
{
	do_wait_state(16, 0, 6, "TIME-WAIT", 2000, "wait s16 TIME-WAIT");
}

/* # during TIME-WAIT: the restarted server binds, listens and serves */
/* line 140: new: socket tcp as n4 => ok */
static void step_79(void)
{
	/* the script expects => ok */
	do_socket(19, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s19 (n4)");
}

/* line 141: new: set n4 reuseaddr => ok */
static void step_80(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(19, "setsockopt(s19, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 142: new: bind n4 127.0.0.1:3473 => ok */
static void step_81(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_bind(19, "bind(s19, 127.0.0.1:3473)", &a, alen, 0);
}

/* line 143: new: listen n4 => ok */
static void step_82(void)
{
	/* the script expects => ok */
	do_listen(19, "listen(s19, 4096)", 4096);
}

/* line 144: expect LISTEN 127.0.0.1:3473 (sockstage checks the kernel
 * view) */
/* line 145: expect TIME-WAIT 127.0.0.1:3473 127.0.0.1:3573 (sockstage
 * checks the kernel view) */
/* line 146: cli: socket tcp as d4 => ok */
static void step_83(void)
{
	/* the script expects => ok */
	do_socket(20, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s20 (d4)");
}

/* line 147: cli: bind d4 127.0.0.1:3673 => ok */
static void step_84(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3673, 0u);

	do_bind(20, "bind(s20, 127.0.0.1:3673)", &a, alen, 0);
}

/* line 148: cli: connect d4 127.0.0.1:3473 => ok */
static void step_85(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_connect(20, "connect(s20, 127.0.0.1:3473)", &a, alen, 1000);
}

/* line 149: new: accept n4 as nconn4 => ok */
static void step_86(void)
{
	/* the script expects => ok */
	do_accept(19, 21, "accept(s19)", "s21 (nconn4)", 1000);
}

/* line 150: expect ESTAB 127.0.0.1:3473 127.0.0.1:3673 (sockstage checks
 * the kernel view) */
/* # ---- 5. 3474: the client writes to the dead server: RST, port free
 * ---- */
/* line 153, in main: spawn srv5 => ok */
static void step_87(void)
{
	/* the script expects => ok */
	do_spawn(7, -1, -1, "spawn(srv5)");
}

/* line 154: srv5: socket tcp as l5 => ok */
static void step_88(void)
{
	/* the script expects => ok */
	do_socket(22, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s22 (l5)");
}

/* line 155: srv5: bind l5 127.0.0.1:3474 => ok */
static void step_89(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3474, 0u);

	do_bind(22, "bind(s22, 127.0.0.1:3474)", &a, alen, 0);
}

/* line 156: srv5: listen l5 => ok */
static void step_90(void)
{
	/* the script expects => ok */
	do_listen(22, "listen(s22, 4096)", 4096);
}

/* line 157: cli: socket tcp as c5 => ok */
static void step_91(void)
{
	/* the script expects => ok */
	do_socket(23, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s23 (c5)");
}

/* line 158: cli: bind c5 127.0.0.1:3574 => ok */
static void step_92(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3574, 0u);

	do_bind(23, "bind(s23, 127.0.0.1:3574)", &a, alen, 0);
}

/* line 159: cli: connect c5 127.0.0.1:3474 => ok */
static void step_93(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3474, 0u);

	do_connect(23, "connect(s23, 127.0.0.1:3474)", &a, alen, 1000);
}

/* line 160: srv5: accept l5 as conn5 => ok */
static void step_94(void)
{
	/* the script expects => ok */
	do_accept(22, 24, "accept(s22)", "s24 (conn5)", 1000);
}

/* line 161, in main: kill srv5 => ok */
static void step_95(void)
{
	/* the script expects => ok */
	do_end(7, SIGKILL, "kill(srv5, SIGKILL)");
}

/* line 162, in main: wait conn5 FIN-WAIT-2 2s */
static void step_96(void)
{
	do_wait_state(24, 0, 5, "FIN-WAIT-2", 2000, "wait s24 FIN-WAIT-2");
}

/* line 163: new: socket tcp as n5 => ok */
static void step_97(void)
{
	/* the script expects => ok */
	do_socket(25, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s25 (n5)");
}

/* line 164: new: bind n5 127.0.0.1:3474 => EADDRINUSE */
static void step_98(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3474, 0u);

	do_bind(25, "bind(s25, 127.0.0.1:3474)", &a, alen, 0);
}

/* # the client, in CLOSE-WAIT, may still send: the data reaches the */
/* # FIN-WAIT-2, which answers with an RST and disappears */
/* line 167: cli: send c5 "anyone?" => ok */
static void step_99(void)
{
	/* the script expects => ok */
	do_send(23, "send(s23, \"anyone\?\")", 0, "anyone\?", 7, NULL, 0);
}

/* line 168: expect no FIN-WAIT-2 127.0.0.1:3474 (sockstage checks the
 * kernel view) */
/* line 169: expect no CLOSE-WAIT 127.0.0.1:3574 (sockstage checks the
 * kernel view) */
/* line 170: expect no TIME-WAIT 127.0.0.1:3474 (sockstage checks the
 * kernel view) */
/* line 171: cli: recv c5 => ok */
static void step_100(void)
{
	/* the script expects => ok */
	do_recv(23, "recv(s23, 65536)", 0, 65536, 1000);
}

/* line 172: cli: send c5 "again" => EPIPE */
static void step_101(void)
{
	/* the script expects => EPIPE */
	do_send(23, "send(s23, \"again\")", 0, "again", 5, NULL, 0);
}

/* line 173: new: bind n5 127.0.0.1:3474 => ok */
static void step_102(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3474, 0u);

	do_bind(25, "bind(s25, 127.0.0.1:3474)", &a, alen, 0);
}

/* line 174: new: listen n5 => ok */
static void step_103(void)
{
	/* the script expects => ok */
	do_listen(25, "listen(s25, 4096)", 4096);
}

/* line 175: expect LISTEN 127.0.0.1:3474 (sockstage checks the kernel
 * view) */
/* # ---- 6. 3475: killed with unread data: RST, no FIN-WAIT, port free
 * ---- */
/* line 178, in main: spawn srv6 => ok */
static void step_104(void)
{
	/* the script expects => ok */
	do_spawn(8, -1, -1, "spawn(srv6)");
}

/* line 179: srv6: socket tcp as l6 => ok */
static void step_105(void)
{
	/* the script expects => ok */
	do_socket(26, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s26 (l6)");
}

/* line 180: srv6: bind l6 127.0.0.1:3475 => ok */
static void step_106(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3475, 0u);

	do_bind(26, "bind(s26, 127.0.0.1:3475)", &a, alen, 0);
}

/* line 181: srv6: listen l6 => ok */
static void step_107(void)
{
	/* the script expects => ok */
	do_listen(26, "listen(s26, 4096)", 4096);
}

/* line 182: cli: socket tcp as c6 => ok */
static void step_108(void)
{
	/* the script expects => ok */
	do_socket(27, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s27 (c6)");
}

/* line 183: cli: bind c6 127.0.0.1:3575 => ok */
static void step_109(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3575, 0u);

	do_bind(27, "bind(s27, 127.0.0.1:3575)", &a, alen, 0);
}

/* line 184: cli: connect c6 127.0.0.1:3475 => ok */
static void step_110(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3475, 0u);

	do_connect(27, "connect(s27, 127.0.0.1:3475)", &a, alen, 1000);
}

/* line 185: srv6: accept l6 as conn6 => ok */
static void step_111(void)
{
	/* the script expects => ok */
	do_accept(26, 28, "accept(s26)", "s28 (conn6)", 1000);
}

/* line 186: cli: send c6 "never read" => ok */
static void step_112(void)
{
	/* the script expects => ok */
	do_send(27, "send(s27, \"never read\")", 0, "never read", 10, NULL, 0);
}

/* # wait until the data sits in conn6's receive buffer */
/* line 188: expect ESTAB 127.0.0.1:3475 127.0.0.1:3575 (sockstage checks
 * the kernel view) */
/* line 189, in main: kill srv6 => ok */
static void step_113(void)
{
	/* the script expects => ok */
	do_end(8, SIGKILL, "kill(srv6, SIGKILL)");
}

/* line 190: cli: recv c6 => ECONNRESET */
static void step_114(void)
{
	/* the script expects => ECONNRESET */
	do_recv(27, "recv(s27, 65536)", 0, 65536, 1000);
}

/* line 191: cli: send c6 "anyone?" => EPIPE */
static void step_115(void)
{
	/* the script expects => EPIPE */
	do_send(27, "send(s27, \"anyone\?\")", 0, "anyone\?", 7, NULL, 0);
}

/* line 192: expect no FIN-WAIT-1 127.0.0.1:3475 (sockstage checks the
 * kernel view) */
/* line 193: expect no FIN-WAIT-2 127.0.0.1:3475 (sockstage checks the
 * kernel view) */
/* line 194: expect no TIME-WAIT 127.0.0.1:3475 (sockstage checks the
 * kernel view) */
/* line 195: new: socket tcp as n6 => ok */
static void step_116(void)
{
	/* the script expects => ok */
	do_socket(29, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s29 (n6)");
}

/* line 196: new: bind n6 127.0.0.1:3475 => ok */
static void step_117(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3475, 0u);

	do_bind(29, "bind(s29, 127.0.0.1:3475)", &a, alen, 0);
}

/* line 197: new: listen n6 => ok */
static void step_118(void)
{
	/* the script expects => ok */
	do_listen(29, "listen(s29, 4096)", 4096);
}

/* line 198: expect LISTEN 127.0.0.1:3475 (sockstage checks the kernel
 * view) */
/* line 199: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 39, main */
	{ step_1, 0 },	/* line 40, main */
	{ step_2, 0 },	/* line 43, main */
	{ step_3, 3 },	/* line 44, srv1 */
	{ step_4, 3 },	/* line 45, srv1 */
	{ step_5, 3 },	/* line 46, srv1 */
	{ step_6, 1 },	/* line 47, cli */
	{ step_7, 1 },	/* line 48, cli */
	{ step_8, 1 },	/* line 49, cli */
	{ step_9, 3 },	/* line 50, srv1 */
	{ step_10, 1 },	/* line 52, cli */
	{ step_11, 1 },	/* line 53, cli */
	{ step_12, 1 },	/* line 54, cli */
	{ step_13, 0 },	/* line 57, main */
	{ step_14, 0 },	/* line 58, main */
	{ step_15, 1 },	/* line 64, cli */
	{ step_16, 1 },	/* line 66, cli */
	{ step_17, 2 },	/* line 67, new */
	{ step_18, 2 },	/* line 68, new */
	{ step_19, 2 },	/* line 69, new */
	{ step_20, 1 },	/* line 70, cli */
	{ step_21, 0 },	/* line 71, main */
	{ step_22, 2 },	/* line 74, new */
	{ step_23, 2 },	/* line 75, new */
	{ step_24, 0 },	/* line 78, main */
	{ step_25, 4 },	/* line 79, srv2 */
	{ step_26, 4 },	/* line 80, srv2 */
	{ step_27, 4 },	/* line 81, srv2 */
	{ step_28, 4 },	/* line 82, srv2 */
	{ step_29, 1 },	/* line 83, cli */
	{ step_30, 1 },	/* line 84, cli */
	{ step_31, 1 },	/* line 85, cli */
	{ step_32, 4 },	/* line 86, srv2 */
	{ step_33, 0 },	/* line 87, main */
	{ step_34, 0 },	/* line 88, main */
	{ step_35, 2 },	/* line 89, new */
	{ step_36, 2 },	/* line 90, new */
	{ step_37, 1 },	/* line 91, cli */
	{ step_38, 0 },	/* line 92, main */
	{ step_39, 2 },	/* line 93, new */
	{ step_40, 2 },	/* line 94, new */
	{ step_41, 0 },	/* line 97, main */
	{ step_42, 5 },	/* line 98, srv3 */
	{ step_43, 5 },	/* line 99, srv3 */
	{ step_44, 5 },	/* line 100, srv3 */
	{ step_45, 1 },	/* line 101, cli */
	{ step_46, 1 },	/* line 102, cli */
	{ step_47, 1 },	/* line 103, cli */
	{ step_48, 5 },	/* line 104, srv3 */
	{ step_49, 0 },	/* line 105, main */
	{ step_50, 0 },	/* line 106, main */
	{ step_51, 2 },	/* line 107, new */
	{ step_52, 2 },	/* line 108, new */
	{ step_53, 2 },	/* line 109, new */
	{ step_54, 1 },	/* line 110, cli */
	{ step_55, 0 },	/* line 111, main */
	{ step_56, 2 },	/* line 112, new */
	{ step_57, 2 },	/* line 113, new */
	{ step_58, 0 },	/* line 116, main */
	{ step_59, 6 },	/* line 117, srv4 */
	{ step_60, 6 },	/* line 118, srv4 */
	{ step_61, 6 },	/* line 119, srv4 */
	{ step_62, 6 },	/* line 120, srv4 */
	{ step_63, 1 },	/* line 121, cli */
	{ step_64, 1 },	/* line 122, cli */
	{ step_65, 1 },	/* line 123, cli */
	{ step_66, 6 },	/* line 124, srv4 */
	{ step_67, 0 },	/* line 125, main */
	{ step_68, 0 },	/* line 126, main */
	{ step_69, 2 },	/* line 129, new */
	{ step_70, 2 },	/* line 130, new */
	{ step_71, 2 },	/* line 131, new */
	{ step_72, 2 },	/* line 132, new */
	{ step_73, 2 },	/* line 133, new */
	{ step_74, 2 },	/* line 134, new */
	{ step_75, 2 },	/* line 135, new */
	{ step_76, 2 },	/* line 136, new */
	{ step_77, 1 },	/* line 137, cli */
	{ step_78, 0 },	/* line 138, main */
	{ step_79, 2 },	/* line 140, new */
	{ step_80, 2 },	/* line 141, new */
	{ step_81, 2 },	/* line 142, new */
	{ step_82, 2 },	/* line 143, new */
	{ step_83, 1 },	/* line 146, cli */
	{ step_84, 1 },	/* line 147, cli */
	{ step_85, 1 },	/* line 148, cli */
	{ step_86, 2 },	/* line 149, new */
	{ step_87, 0 },	/* line 153, main */
	{ step_88, 7 },	/* line 154, srv5 */
	{ step_89, 7 },	/* line 155, srv5 */
	{ step_90, 7 },	/* line 156, srv5 */
	{ step_91, 1 },	/* line 157, cli */
	{ step_92, 1 },	/* line 158, cli */
	{ step_93, 1 },	/* line 159, cli */
	{ step_94, 7 },	/* line 160, srv5 */
	{ step_95, 0 },	/* line 161, main */
	{ step_96, 0 },	/* line 162, main */
	{ step_97, 2 },	/* line 163, new */
	{ step_98, 2 },	/* line 164, new */
	{ step_99, 1 },	/* line 167, cli */
	{ step_100, 1 },	/* line 171, cli */
	{ step_101, 1 },	/* line 172, cli */
	{ step_102, 2 },	/* line 173, new */
	{ step_103, 2 },	/* line 174, new */
	{ step_104, 0 },	/* line 178, main */
	{ step_105, 8 },	/* line 179, srv6 */
	{ step_106, 8 },	/* line 180, srv6 */
	{ step_107, 8 },	/* line 181, srv6 */
	{ step_108, 1 },	/* line 182, cli */
	{ step_109, 1 },	/* line 183, cli */
	{ step_110, 1 },	/* line 184, cli */
	{ step_111, 8 },	/* line 185, srv6 */
	{ step_112, 1 },	/* line 186, cli */
	{ step_113, 0 },	/* line 189, main */
	{ step_114, 1 },	/* line 190, cli */
	{ step_115, 1 },	/* line 191, cli */
	{ step_116, 2 },	/* line 195, new */
	{ step_117, 2 },	/* line 196, new */
	{ step_118, 2 },	/* line 197, new */
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
