/* behaviour-timewait-restart.stage: exported by sockstage --export-c.
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

#define NSOCK 65
#define NPROC 1
#define NSTEPS 220

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # timewait-restart.stage - LINUX-FACTS.md (a): restarting a server
 * while the */
/* # connection it closed first sits in TIME-WAIT on its port. */
/* # */
/* # Every case uses its own port, so the 60 s TIME-WAIT of one case
 * never */
/* # meets another. Each case: a server ("old") listens on 127.0.0.1:P, a */
/* # client connects, the server closes the accepted connection first (so
 * the */
/* # server's side goes to TIME-WAIT), the client closes, the old
 * listener */
/* # closes (the old server is gone). Only the TIME-WAIT holds the port.
 * Then */
/* # a "new" server socket binds 127.0.0.1:P or 0.0.0.0:P. */
/* # */
/* # What the kernel does (6.18), as LINUX-FACTS.md says: */
/* # - the old socket without SO_REUSEADDR: the new bind fails with
 * EADDRINUSE, */
/* # even when the new socket sets SO_REUSEADDR (or SO_REUSEPORT), for */
/* # 127.0.0.1:P and for 0.0.0.0:P; */
/* # - the old socket with SO_REUSEADDR (the accepted connection inherits
 * it */
/* # from the listener, and its TIME-WAIT remembers it): the new bind
 * works */
/* # only when the new socket sets SO_REUSEADDR too, and the new server
 * can */
/* # then listen; SO_REUSEPORT alone on the new socket does not help. */
/* # So "set SO_REUSEADDR before bind" works because the same program
 * sets it */
/* # in both runs; setting it only in the new run does not. */
/* # (SO_REUSEPORT on both the old and the new socket is another way
 * through, */
/* # which LINUX-FACTS.md does not mention: see
 * timewait-reuseport.stage.) */
/* # ---- the old server did not set SO_REUSEADDR: always EADDRINUSE ---- */
/* # 1. old: -; new: -; new binds 127.0.0.1: EADDRINUSE */
/* line 27, in main: socket tcp as old1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (old1)");
}

/* line 28, in main: bind old1 127.0.0.1:3461 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3461)", &a, alen, 0);
}

/* line 29, in main: listen old1 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 30, in main: socket tcp as cli1 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (cli1)");
}

/* line 31, in main: connect cli1 127.0.0.1:3461 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3461)", &a, alen, 1000);
}

/* line 32, in main: accept old1 as conn1 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (conn1)", 1000);
}

/* line 33, in main: close conn1 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_close(3, "close(s3)");
}

/* line 34, in main: close cli1 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 35, in main: close old1 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* line 36, in main: wait conn1 TIME-WAIT 2s */
static void step_9(void)
{
	do_wait_state(3, 0, 6, "TIME-WAIT", 2000, "wait s3 TIME-WAIT");
}

/* line 37: expect no LISTEN 127.0.0.1:3461 (sockstage checks the kernel
 * view) */
/* line 38, in main: socket tcp as new1 */
static void step_10(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (new1)");
}

/* line 39, in main: bind new1 127.0.0.1:3461 => EADDRINUSE */
static void step_11(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3461, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3461)", &a, alen, 0);
}

/* # 2. old: -; new: -; new binds 0.0.0.0: EADDRINUSE */
/* line 42, in main: socket tcp as old2 */
static void step_12(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (old2)");
}

/* line 43, in main: bind old2 127.0.0.1:3462 => ok */
static void step_13(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3462)", &a, alen, 0);
}

/* line 44, in main: listen old2 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 45, in main: socket tcp as cli2 */
static void step_15(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (cli2)");
}

/* line 46, in main: connect cli2 127.0.0.1:3462 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3462, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3462)", &a, alen, 1000);
}

/* line 47, in main: accept old2 as conn2 => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_accept(5, 7, "accept(s5)", "s7 (conn2)", 1000);
}

/* line 48, in main: close conn2 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_close(7, "close(s7)");
}

/* line 49, in main: close cli2 => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_close(6, "close(s6)");
}

/* line 50, in main: close old2 => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_close(5, "close(s5)");
}

/* line 51, in main: wait conn2 TIME-WAIT 2s */
static void step_21(void)
{
	do_wait_state(7, 0, 6, "TIME-WAIT", 2000, "wait s7 TIME-WAIT");
}

/* line 52: expect no LISTEN 127.0.0.1:3462 (sockstage checks the kernel
 * view) */
/* line 53, in main: socket tcp as new2 */
static void step_22(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (new2)");
}

/* line 54, in main: bind new2 0.0.0.0:3462 => EADDRINUSE */
static void step_23(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3462, 0u);

	do_bind(8, "bind(s8, 0.0.0.0:3462)", &a, alen, 0);
}

/* # 3. old: -; new: reuseaddr; new binds 127.0.0.1: EADDRINUSE */
/* line 57, in main: socket tcp as old3 */
static void step_24(void)
{
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (old3)");
}

/* line 58, in main: bind old3 127.0.0.1:3463 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3463)", &a, alen, 0);
}

/* line 59, in main: listen old3 => ok */
static void step_26(void)
{
	/* the script expects => ok */
	do_listen(9, "listen(s9, 4096)", 4096);
}

/* line 60, in main: socket tcp as cli3 */
static void step_27(void)
{
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (cli3)");
}

/* line 61, in main: connect cli3 127.0.0.1:3463 => ok */
static void step_28(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_connect(10, "connect(s10, 127.0.0.1:3463)", &a, alen, 1000);
}

/* line 62, in main: accept old3 as conn3 => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_accept(9, 11, "accept(s9)", "s11 (conn3)", 1000);
}

/* line 63, in main: close conn3 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	do_close(11, "close(s11)");
}

/* line 64, in main: close cli3 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	do_close(10, "close(s10)");
}

/* line 65, in main: close old3 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_close(9, "close(s9)");
}

/* line 66, in main: wait conn3 TIME-WAIT 2s */
static void step_33(void)
{
	do_wait_state(11, 0, 6, "TIME-WAIT", 2000, "wait s11 TIME-WAIT");
}

/* line 67: expect no LISTEN 127.0.0.1:3463 (sockstage checks the kernel
 * view) */
/* line 68, in main: socket tcp as new3 */
static void step_34(void)
{
	do_socket(12, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s12 (new3)");
}

/* line 69, in main: set new3 reuseaddr => ok */
static void step_35(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(12, "setsockopt(s12, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 70, in main: bind new3 127.0.0.1:3463 => EADDRINUSE */
static void step_36(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3463, 0u);

	do_bind(12, "bind(s12, 127.0.0.1:3463)", &a, alen, 0);
}

/* # 4. old: -; new: reuseaddr; new binds 0.0.0.0: EADDRINUSE */
/* line 73, in main: socket tcp as old4 */
static void step_37(void)
{
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (old4)");
}

/* line 74, in main: bind old4 127.0.0.1:3464 => ok */
static void step_38(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3464)", &a, alen, 0);
}

/* line 75, in main: listen old4 => ok */
static void step_39(void)
{
	/* the script expects => ok */
	do_listen(13, "listen(s13, 4096)", 4096);
}

/* line 76, in main: socket tcp as cli4 */
static void step_40(void)
{
	do_socket(14, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s14 (cli4)");
}

/* line 77, in main: connect cli4 127.0.0.1:3464 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3464, 0u);

	do_connect(14, "connect(s14, 127.0.0.1:3464)", &a, alen, 1000);
}

/* line 78, in main: accept old4 as conn4 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_accept(13, 15, "accept(s13)", "s15 (conn4)", 1000);
}

/* line 79, in main: close conn4 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	do_close(15, "close(s15)");
}

/* line 80, in main: close cli4 => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_close(14, "close(s14)");
}

/* line 81, in main: close old4 => ok */
static void step_45(void)
{
	/* the script expects => ok */
	do_close(13, "close(s13)");
}

/* line 82, in main: wait conn4 TIME-WAIT 2s */
static void step_46(void)
{
	do_wait_state(15, 0, 6, "TIME-WAIT", 2000, "wait s15 TIME-WAIT");
}

/* line 83: expect no LISTEN 127.0.0.1:3464 (sockstage checks the kernel
 * view) */
/* line 84, in main: socket tcp as new4 */
static void step_47(void)
{
	do_socket(16, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s16 (new4)");
}

/* line 85, in main: set new4 reuseaddr => ok */
static void step_48(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(16, "setsockopt(s16, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 86, in main: bind new4 0.0.0.0:3464 => EADDRINUSE */
static void step_49(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3464, 0u);

	do_bind(16, "bind(s16, 0.0.0.0:3464)", &a, alen, 0);
}

/* # 5. old: -; new: reuseport; new binds 127.0.0.1: EADDRINUSE */
/* line 89, in main: socket tcp as old5 */
static void step_50(void)
{
	do_socket(17, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s17 (old5)");
}

/* line 90, in main: bind old5 127.0.0.1:3465 => ok */
static void step_51(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(17, "bind(s17, 127.0.0.1:3465)", &a, alen, 0);
}

/* line 91, in main: listen old5 => ok */
static void step_52(void)
{
	/* the script expects => ok */
	do_listen(17, "listen(s17, 4096)", 4096);
}

/* line 92, in main: socket tcp as cli5 */
static void step_53(void)
{
	do_socket(18, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s18 (cli5)");
}

/* line 93, in main: connect cli5 127.0.0.1:3465 => ok */
static void step_54(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_connect(18, "connect(s18, 127.0.0.1:3465)", &a, alen, 1000);
}

/* line 94, in main: accept old5 as conn5 => ok */
static void step_55(void)
{
	/* the script expects => ok */
	do_accept(17, 19, "accept(s17)", "s19 (conn5)", 1000);
}

/* line 95, in main: close conn5 => ok */
static void step_56(void)
{
	/* the script expects => ok */
	do_close(19, "close(s19)");
}

/* line 96, in main: close cli5 => ok */
static void step_57(void)
{
	/* the script expects => ok */
	do_close(18, "close(s18)");
}

/* line 97, in main: close old5 => ok */
static void step_58(void)
{
	/* the script expects => ok */
	do_close(17, "close(s17)");
}

/* line 98, in main: wait conn5 TIME-WAIT 2s */
static void step_59(void)
{
	do_wait_state(19, 0, 6, "TIME-WAIT", 2000, "wait s19 TIME-WAIT");
}

/* line 99: expect no LISTEN 127.0.0.1:3465 (sockstage checks the kernel
 * view) */
/* line 100, in main: socket tcp as new5 */
static void step_60(void)
{
	do_socket(20, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s20 (new5)");
}

/* line 101, in main: set new5 reuseport => ok */
static void step_61(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(20, "setsockopt(s20, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 102, in main: bind new5 127.0.0.1:3465 => EADDRINUSE */
static void step_62(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3465, 0u);

	do_bind(20, "bind(s20, 127.0.0.1:3465)", &a, alen, 0);
}

/* # 6. old: -; new: reuseport; new binds 0.0.0.0: EADDRINUSE */
/* line 105, in main: socket tcp as old6 */
static void step_63(void)
{
	do_socket(21, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s21 (old6)");
}

/* line 106, in main: bind old6 127.0.0.1:3466 => ok */
static void step_64(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(21, "bind(s21, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 107, in main: listen old6 => ok */
static void step_65(void)
{
	/* the script expects => ok */
	do_listen(21, "listen(s21, 4096)", 4096);
}

/* line 108, in main: socket tcp as cli6 */
static void step_66(void)
{
	do_socket(22, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s22 (cli6)");
}

/* line 109, in main: connect cli6 127.0.0.1:3466 => ok */
static void step_67(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_connect(22, "connect(s22, 127.0.0.1:3466)", &a, alen, 1000);
}

/* line 110, in main: accept old6 as conn6 => ok */
static void step_68(void)
{
	/* the script expects => ok */
	do_accept(21, 23, "accept(s21)", "s23 (conn6)", 1000);
}

/* line 111, in main: close conn6 => ok */
static void step_69(void)
{
	/* the script expects => ok */
	do_close(23, "close(s23)");
}

/* line 112, in main: close cli6 => ok */
static void step_70(void)
{
	/* the script expects => ok */
	do_close(22, "close(s22)");
}

/* line 113, in main: close old6 => ok */
static void step_71(void)
{
	/* the script expects => ok */
	do_close(21, "close(s21)");
}

/* line 114, in main: wait conn6 TIME-WAIT 2s */
static void step_72(void)
{
	do_wait_state(23, 0, 6, "TIME-WAIT", 2000, "wait s23 TIME-WAIT");
}

/* line 115: expect no LISTEN 127.0.0.1:3466 (sockstage checks the kernel
 * view) */
/* line 116, in main: socket tcp as new6 */
static void step_73(void)
{
	do_socket(24, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s24 (new6)");
}

/* line 117, in main: set new6 reuseport => ok */
static void step_74(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(24, "setsockopt(s24, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 118, in main: bind new6 0.0.0.0:3466 => EADDRINUSE */
static void step_75(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3466, 0u);

	do_bind(24, "bind(s24, 0.0.0.0:3466)", &a, alen, 0);
}

/* # 7. old: -; new: reuseaddr reuseport; new binds 127.0.0.1: EADDRINUSE */
/* line 121, in main: socket tcp as old7 */
static void step_76(void)
{
	do_socket(25, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s25 (old7)");
}

/* line 122, in main: bind old7 127.0.0.1:3467 => ok */
static void step_77(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_bind(25, "bind(s25, 127.0.0.1:3467)", &a, alen, 0);
}

/* line 123, in main: listen old7 => ok */
static void step_78(void)
{
	/* the script expects => ok */
	do_listen(25, "listen(s25, 4096)", 4096);
}

/* line 124, in main: socket tcp as cli7 */
static void step_79(void)
{
	do_socket(26, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s26 (cli7)");
}

/* line 125, in main: connect cli7 127.0.0.1:3467 => ok */
static void step_80(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_connect(26, "connect(s26, 127.0.0.1:3467)", &a, alen, 1000);
}

/* line 126, in main: accept old7 as conn7 => ok */
static void step_81(void)
{
	/* the script expects => ok */
	do_accept(25, 27, "accept(s25)", "s27 (conn7)", 1000);
}

/* line 127, in main: close conn7 => ok */
static void step_82(void)
{
	/* the script expects => ok */
	do_close(27, "close(s27)");
}

/* line 128, in main: close cli7 => ok */
static void step_83(void)
{
	/* the script expects => ok */
	do_close(26, "close(s26)");
}

/* line 129, in main: close old7 => ok */
static void step_84(void)
{
	/* the script expects => ok */
	do_close(25, "close(s25)");
}

/* line 130, in main: wait conn7 TIME-WAIT 2s */
static void step_85(void)
{
	do_wait_state(27, 0, 6, "TIME-WAIT", 2000, "wait s27 TIME-WAIT");
}

/* line 131: expect no LISTEN 127.0.0.1:3467 (sockstage checks the kernel
 * view) */
/* line 132, in main: socket tcp as new7 */
static void step_86(void)
{
	do_socket(28, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s28 (new7)");
}

/* line 133, in main: set new7 reuseaddr => ok */
static void step_87(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(28, "setsockopt(s28, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 134, in main: set new7 reuseport => ok */
static void step_88(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(28, "setsockopt(s28, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 135, in main: bind new7 127.0.0.1:3467 => EADDRINUSE */
static void step_89(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3467, 0u);

	do_bind(28, "bind(s28, 127.0.0.1:3467)", &a, alen, 0);
}

/* # 8. old: -; new: reuseaddr reuseport; new binds 0.0.0.0: EADDRINUSE */
/* line 138, in main: socket tcp as old8 */
static void step_90(void)
{
	do_socket(29, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s29 (old8)");
}

/* line 139, in main: bind old8 127.0.0.1:3468 => ok */
static void step_91(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3468, 0u);

	do_bind(29, "bind(s29, 127.0.0.1:3468)", &a, alen, 0);
}

/* line 140, in main: listen old8 => ok */
static void step_92(void)
{
	/* the script expects => ok */
	do_listen(29, "listen(s29, 4096)", 4096);
}

/* line 141, in main: socket tcp as cli8 */
static void step_93(void)
{
	do_socket(30, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s30 (cli8)");
}

/* line 142, in main: connect cli8 127.0.0.1:3468 => ok */
static void step_94(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3468, 0u);

	do_connect(30, "connect(s30, 127.0.0.1:3468)", &a, alen, 1000);
}

/* line 143, in main: accept old8 as conn8 => ok */
static void step_95(void)
{
	/* the script expects => ok */
	do_accept(29, 31, "accept(s29)", "s31 (conn8)", 1000);
}

/* line 144, in main: close conn8 => ok */
static void step_96(void)
{
	/* the script expects => ok */
	do_close(31, "close(s31)");
}

/* line 145, in main: close cli8 => ok */
static void step_97(void)
{
	/* the script expects => ok */
	do_close(30, "close(s30)");
}

/* line 146, in main: close old8 => ok */
static void step_98(void)
{
	/* the script expects => ok */
	do_close(29, "close(s29)");
}

/* line 147, in main: wait conn8 TIME-WAIT 2s */
static void step_99(void)
{
	do_wait_state(31, 0, 6, "TIME-WAIT", 2000, "wait s31 TIME-WAIT");
}

/* line 148: expect no LISTEN 127.0.0.1:3468 (sockstage checks the kernel
 * view) */
/* line 149, in main: socket tcp as new8 */
static void step_100(void)
{
	do_socket(32, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s32 (new8)");
}

/* line 150, in main: set new8 reuseaddr => ok */
static void step_101(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(32, "setsockopt(s32, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 151, in main: set new8 reuseport => ok */
static void step_102(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(32, "setsockopt(s32, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 152, in main: bind new8 0.0.0.0:3468 => EADDRINUSE */
static void step_103(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3468, 0u);

	do_bind(32, "bind(s32, 0.0.0.0:3468)", &a, alen, 0);
}

/* # ---- the old server set SO_REUSEADDR: the new one must set it too
 * ---- */
/* # 9. old: reuseaddr; new: -; new binds 127.0.0.1: EADDRINUSE */
/* line 157, in main: socket tcp as old9 */
static void step_104(void)
{
	do_socket(33, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s33 (old9)");
}

/* line 158, in main: set old9 reuseaddr => ok */
static void step_105(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(33, "setsockopt(s33, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 159, in main: bind old9 127.0.0.1:3469 => ok */
static void step_106(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_bind(33, "bind(s33, 127.0.0.1:3469)", &a, alen, 0);
}

/* line 160, in main: listen old9 => ok */
static void step_107(void)
{
	/* the script expects => ok */
	do_listen(33, "listen(s33, 4096)", 4096);
}

/* line 161, in main: socket tcp as cli9 */
static void step_108(void)
{
	do_socket(34, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s34 (cli9)");
}

/* line 162, in main: connect cli9 127.0.0.1:3469 => ok */
static void step_109(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_connect(34, "connect(s34, 127.0.0.1:3469)", &a, alen, 1000);
}

/* line 163, in main: accept old9 as conn9 => ok */
static void step_110(void)
{
	/* the script expects => ok */
	do_accept(33, 35, "accept(s33)", "s35 (conn9)", 1000);
}

/* line 164, in main: close conn9 => ok */
static void step_111(void)
{
	/* the script expects => ok */
	do_close(35, "close(s35)");
}

/* line 165, in main: close cli9 => ok */
static void step_112(void)
{
	/* the script expects => ok */
	do_close(34, "close(s34)");
}

/* line 166, in main: close old9 => ok */
static void step_113(void)
{
	/* the script expects => ok */
	do_close(33, "close(s33)");
}

/* line 167, in main: wait conn9 TIME-WAIT 2s */
static void step_114(void)
{
	do_wait_state(35, 0, 6, "TIME-WAIT", 2000, "wait s35 TIME-WAIT");
}

/* line 168: expect no LISTEN 127.0.0.1:3469 (sockstage checks the kernel
 * view) */
/* line 169, in main: socket tcp as new9 */
static void step_115(void)
{
	do_socket(36, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s36 (new9)");
}

/* line 170, in main: bind new9 127.0.0.1:3469 => EADDRINUSE */
static void step_116(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3469, 0u);

	do_bind(36, "bind(s36, 127.0.0.1:3469)", &a, alen, 0);
}

/* # 10. old: reuseaddr; new: -; new binds 0.0.0.0: EADDRINUSE */
/* line 173, in main: socket tcp as old10 */
static void step_117(void)
{
	do_socket(37, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s37 (old10)");
}

/* line 174, in main: set old10 reuseaddr => ok */
static void step_118(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(37, "setsockopt(s37, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 175, in main: bind old10 127.0.0.1:3470 => ok */
static void step_119(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_bind(37, "bind(s37, 127.0.0.1:3470)", &a, alen, 0);
}

/* line 176, in main: listen old10 => ok */
static void step_120(void)
{
	/* the script expects => ok */
	do_listen(37, "listen(s37, 4096)", 4096);
}

/* line 177, in main: socket tcp as cli10 */
static void step_121(void)
{
	do_socket(38, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s38 (cli10)");
}

/* line 178, in main: connect cli10 127.0.0.1:3470 => ok */
static void step_122(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3470, 0u);

	do_connect(38, "connect(s38, 127.0.0.1:3470)", &a, alen, 1000);
}

/* line 179, in main: accept old10 as conn10 => ok */
static void step_123(void)
{
	/* the script expects => ok */
	do_accept(37, 39, "accept(s37)", "s39 (conn10)", 1000);
}

/* line 180, in main: close conn10 => ok */
static void step_124(void)
{
	/* the script expects => ok */
	do_close(39, "close(s39)");
}

/* line 181, in main: close cli10 => ok */
static void step_125(void)
{
	/* the script expects => ok */
	do_close(38, "close(s38)");
}

/* line 182, in main: close old10 => ok */
static void step_126(void)
{
	/* the script expects => ok */
	do_close(37, "close(s37)");
}

/* line 183, in main: wait conn10 TIME-WAIT 2s */
static void step_127(void)
{
	do_wait_state(39, 0, 6, "TIME-WAIT", 2000, "wait s39 TIME-WAIT");
}

/* line 184: expect no LISTEN 127.0.0.1:3470 (sockstage checks the kernel
 * view) */
/* line 185, in main: socket tcp as new10 */
static void step_128(void)
{
	do_socket(40, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s40 (new10)");
}

/* line 186, in main: bind new10 0.0.0.0:3470 => EADDRINUSE */
static void step_129(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3470, 0u);

	do_bind(40, "bind(s40, 0.0.0.0:3470)", &a, alen, 0);
}

/* # 11. old: reuseaddr; new: reuseaddr; new binds 127.0.0.1: ok */
/* line 189, in main: socket tcp as old11 */
static void step_130(void)
{
	do_socket(41, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s41 (old11)");
}

/* line 190, in main: set old11 reuseaddr => ok */
static void step_131(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(41, "setsockopt(s41, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 191, in main: bind old11 127.0.0.1:3471 => ok */
static void step_132(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_bind(41, "bind(s41, 127.0.0.1:3471)", &a, alen, 0);
}

/* line 192, in main: listen old11 => ok */
static void step_133(void)
{
	/* the script expects => ok */
	do_listen(41, "listen(s41, 4096)", 4096);
}

/* line 193, in main: socket tcp as cli11 */
static void step_134(void)
{
	do_socket(42, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s42 (cli11)");
}

/* line 194, in main: connect cli11 127.0.0.1:3471 => ok */
static void step_135(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_connect(42, "connect(s42, 127.0.0.1:3471)", &a, alen, 1000);
}

/* line 195, in main: accept old11 as conn11 => ok */
static void step_136(void)
{
	/* the script expects => ok */
	do_accept(41, 43, "accept(s41)", "s43 (conn11)", 1000);
}

/* line 196, in main: close conn11 => ok */
static void step_137(void)
{
	/* the script expects => ok */
	do_close(43, "close(s43)");
}

/* line 197, in main: close cli11 => ok */
static void step_138(void)
{
	/* the script expects => ok */
	do_close(42, "close(s42)");
}

/* line 198, in main: close old11 => ok */
static void step_139(void)
{
	/* the script expects => ok */
	do_close(41, "close(s41)");
}

/* line 199, in main: wait conn11 TIME-WAIT 2s */
static void step_140(void)
{
	do_wait_state(43, 0, 6, "TIME-WAIT", 2000, "wait s43 TIME-WAIT");
}

/* line 200: expect no LISTEN 127.0.0.1:3471 (sockstage checks the kernel
 * view) */
/* line 201, in main: socket tcp as new11 */
static void step_141(void)
{
	do_socket(44, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s44 (new11)");
}

/* line 202, in main: set new11 reuseaddr => ok */
static void step_142(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(44, "setsockopt(s44, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 203, in main: bind new11 127.0.0.1:3471 => ok */
static void step_143(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3471, 0u);

	do_bind(44, "bind(s44, 127.0.0.1:3471)", &a, alen, 0);
}

/* line 204, in main: listen new11 => ok */
static void step_144(void)
{
	/* the script expects => ok */
	do_listen(44, "listen(s44, 4096)", 4096);
}

/* line 205: expect LISTEN 127.0.0.1:3471 (sockstage checks the kernel
 * view) */
/* # 12. old: reuseaddr; new: reuseaddr; new binds 0.0.0.0: ok */
/* line 208, in main: socket tcp as old12 */
static void step_145(void)
{
	do_socket(45, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s45 (old12)");
}

/* line 209, in main: set old12 reuseaddr => ok */
static void step_146(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(45, "setsockopt(s45, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 210, in main: bind old12 127.0.0.1:3472 => ok */
static void step_147(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3472, 0u);

	do_bind(45, "bind(s45, 127.0.0.1:3472)", &a, alen, 0);
}

/* line 211, in main: listen old12 => ok */
static void step_148(void)
{
	/* the script expects => ok */
	do_listen(45, "listen(s45, 4096)", 4096);
}

/* line 212, in main: socket tcp as cli12 */
static void step_149(void)
{
	do_socket(46, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s46 (cli12)");
}

/* line 213, in main: connect cli12 127.0.0.1:3472 => ok */
static void step_150(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3472, 0u);

	do_connect(46, "connect(s46, 127.0.0.1:3472)", &a, alen, 1000);
}

/* line 214, in main: accept old12 as conn12 => ok */
static void step_151(void)
{
	/* the script expects => ok */
	do_accept(45, 47, "accept(s45)", "s47 (conn12)", 1000);
}

/* line 215, in main: close conn12 => ok */
static void step_152(void)
{
	/* the script expects => ok */
	do_close(47, "close(s47)");
}

/* line 216, in main: close cli12 => ok */
static void step_153(void)
{
	/* the script expects => ok */
	do_close(46, "close(s46)");
}

/* line 217, in main: close old12 => ok */
static void step_154(void)
{
	/* the script expects => ok */
	do_close(45, "close(s45)");
}

/* line 218, in main: wait conn12 TIME-WAIT 2s */
static void step_155(void)
{
	do_wait_state(47, 0, 6, "TIME-WAIT", 2000, "wait s47 TIME-WAIT");
}

/* line 219: expect no LISTEN 127.0.0.1:3472 (sockstage checks the kernel
 * view) */
/* line 220, in main: socket tcp as new12 */
static void step_156(void)
{
	do_socket(48, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s48 (new12)");
}

/* line 221, in main: set new12 reuseaddr => ok */
static void step_157(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(48, "setsockopt(s48, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 222, in main: bind new12 0.0.0.0:3472 => ok */
static void step_158(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3472, 0u);

	do_bind(48, "bind(s48, 0.0.0.0:3472)", &a, alen, 0);
}

/* line 223, in main: listen new12 => ok */
static void step_159(void)
{
	/* the script expects => ok */
	do_listen(48, "listen(s48, 4096)", 4096);
}

/* line 224: expect LISTEN 0.0.0.0:3472 (sockstage checks the kernel
 * view) */
/* # 13. old: reuseaddr; new: reuseport; new binds 127.0.0.1: EADDRINUSE */
/* line 227, in main: socket tcp as old13 */
static void step_160(void)
{
	do_socket(49, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s49 (old13)");
}

/* line 228, in main: set old13 reuseaddr => ok */
static void step_161(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(49, "setsockopt(s49, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 229, in main: bind old13 127.0.0.1:3473 => ok */
static void step_162(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_bind(49, "bind(s49, 127.0.0.1:3473)", &a, alen, 0);
}

/* line 230, in main: listen old13 => ok */
static void step_163(void)
{
	/* the script expects => ok */
	do_listen(49, "listen(s49, 4096)", 4096);
}

/* line 231, in main: socket tcp as cli13 */
static void step_164(void)
{
	do_socket(50, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s50 (cli13)");
}

/* line 232, in main: connect cli13 127.0.0.1:3473 => ok */
static void step_165(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_connect(50, "connect(s50, 127.0.0.1:3473)", &a, alen, 1000);
}

/* line 233, in main: accept old13 as conn13 => ok */
static void step_166(void)
{
	/* the script expects => ok */
	do_accept(49, 51, "accept(s49)", "s51 (conn13)", 1000);
}

/* line 234, in main: close conn13 => ok */
static void step_167(void)
{
	/* the script expects => ok */
	do_close(51, "close(s51)");
}

/* line 235, in main: close cli13 => ok */
static void step_168(void)
{
	/* the script expects => ok */
	do_close(50, "close(s50)");
}

/* line 236, in main: close old13 => ok */
static void step_169(void)
{
	/* the script expects => ok */
	do_close(49, "close(s49)");
}

/* line 237, in main: wait conn13 TIME-WAIT 2s */
static void step_170(void)
{
	do_wait_state(51, 0, 6, "TIME-WAIT", 2000, "wait s51 TIME-WAIT");
}

/* line 238: expect no LISTEN 127.0.0.1:3473 (sockstage checks the kernel
 * view) */
/* line 239, in main: socket tcp as new13 */
static void step_171(void)
{
	do_socket(52, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s52 (new13)");
}

/* line 240, in main: set new13 reuseport => ok */
static void step_172(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(52, "setsockopt(s52, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 241, in main: bind new13 127.0.0.1:3473 => EADDRINUSE */
static void step_173(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3473, 0u);

	do_bind(52, "bind(s52, 127.0.0.1:3473)", &a, alen, 0);
}

/* # 14. old: reuseaddr; new: reuseport; new binds 0.0.0.0: EADDRINUSE */
/* line 244, in main: socket tcp as old14 */
static void step_174(void)
{
	do_socket(53, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s53 (old14)");
}

/* line 245, in main: set old14 reuseaddr => ok */
static void step_175(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(53, "setsockopt(s53, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 246, in main: bind old14 127.0.0.1:3474 => ok */
static void step_176(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3474, 0u);

	do_bind(53, "bind(s53, 127.0.0.1:3474)", &a, alen, 0);
}

/* line 247, in main: listen old14 => ok */
static void step_177(void)
{
	/* the script expects => ok */
	do_listen(53, "listen(s53, 4096)", 4096);
}

/* line 248, in main: socket tcp as cli14 */
static void step_178(void)
{
	do_socket(54, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s54 (cli14)");
}

/* line 249, in main: connect cli14 127.0.0.1:3474 => ok */
static void step_179(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3474, 0u);

	do_connect(54, "connect(s54, 127.0.0.1:3474)", &a, alen, 1000);
}

/* line 250, in main: accept old14 as conn14 => ok */
static void step_180(void)
{
	/* the script expects => ok */
	do_accept(53, 55, "accept(s53)", "s55 (conn14)", 1000);
}

/* line 251, in main: close conn14 => ok */
static void step_181(void)
{
	/* the script expects => ok */
	do_close(55, "close(s55)");
}

/* line 252, in main: close cli14 => ok */
static void step_182(void)
{
	/* the script expects => ok */
	do_close(54, "close(s54)");
}

/* line 253, in main: close old14 => ok */
static void step_183(void)
{
	/* the script expects => ok */
	do_close(53, "close(s53)");
}

/* line 254, in main: wait conn14 TIME-WAIT 2s */
static void step_184(void)
{
	do_wait_state(55, 0, 6, "TIME-WAIT", 2000, "wait s55 TIME-WAIT");
}

/* line 255: expect no LISTEN 127.0.0.1:3474 (sockstage checks the kernel
 * view) */
/* line 256, in main: socket tcp as new14 */
static void step_185(void)
{
	do_socket(56, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s56 (new14)");
}

/* line 257, in main: set new14 reuseport => ok */
static void step_186(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(56, "setsockopt(s56, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 258, in main: bind new14 0.0.0.0:3474 => EADDRINUSE */
static void step_187(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3474, 0u);

	do_bind(56, "bind(s56, 0.0.0.0:3474)", &a, alen, 0);
}

/* # 15. old: reuseaddr; new: reuseaddr reuseport; new binds 127.0.0.1:
 * ok */
/* line 261, in main: socket tcp as old15 */
static void step_188(void)
{
	do_socket(57, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s57 (old15)");
}

/* line 262, in main: set old15 reuseaddr => ok */
static void step_189(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(57, "setsockopt(s57, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 263, in main: bind old15 127.0.0.1:3475 => ok */
static void step_190(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3475, 0u);

	do_bind(57, "bind(s57, 127.0.0.1:3475)", &a, alen, 0);
}

/* line 264, in main: listen old15 => ok */
static void step_191(void)
{
	/* the script expects => ok */
	do_listen(57, "listen(s57, 4096)", 4096);
}

/* line 265, in main: socket tcp as cli15 */
static void step_192(void)
{
	do_socket(58, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s58 (cli15)");
}

/* line 266, in main: connect cli15 127.0.0.1:3475 => ok */
static void step_193(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3475, 0u);

	do_connect(58, "connect(s58, 127.0.0.1:3475)", &a, alen, 1000);
}

/* line 267, in main: accept old15 as conn15 => ok */
static void step_194(void)
{
	/* the script expects => ok */
	do_accept(57, 59, "accept(s57)", "s59 (conn15)", 1000);
}

/* line 268, in main: close conn15 => ok */
static void step_195(void)
{
	/* the script expects => ok */
	do_close(59, "close(s59)");
}

/* line 269, in main: close cli15 => ok */
static void step_196(void)
{
	/* the script expects => ok */
	do_close(58, "close(s58)");
}

/* line 270, in main: close old15 => ok */
static void step_197(void)
{
	/* the script expects => ok */
	do_close(57, "close(s57)");
}

/* line 271, in main: wait conn15 TIME-WAIT 2s */
static void step_198(void)
{
	do_wait_state(59, 0, 6, "TIME-WAIT", 2000, "wait s59 TIME-WAIT");
}

/* line 272: expect no LISTEN 127.0.0.1:3475 (sockstage checks the kernel
 * view) */
/* line 273, in main: socket tcp as new15 */
static void step_199(void)
{
	do_socket(60, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s60 (new15)");
}

/* line 274, in main: set new15 reuseaddr => ok */
static void step_200(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(60, "setsockopt(s60, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 275, in main: set new15 reuseport => ok */
static void step_201(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(60, "setsockopt(s60, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 276, in main: bind new15 127.0.0.1:3475 => ok */
static void step_202(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3475, 0u);

	do_bind(60, "bind(s60, 127.0.0.1:3475)", &a, alen, 0);
}

/* line 277, in main: listen new15 => ok */
static void step_203(void)
{
	/* the script expects => ok */
	do_listen(60, "listen(s60, 4096)", 4096);
}

/* line 278: expect LISTEN 127.0.0.1:3475 (sockstage checks the kernel
 * view) */
/* # 16. old: reuseaddr; new: reuseaddr reuseport; new binds 0.0.0.0: ok */
/* line 281, in main: socket tcp as old16 */
static void step_204(void)
{
	do_socket(61, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s61 (old16)");
}

/* line 282, in main: set old16 reuseaddr => ok */
static void step_205(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(61, "setsockopt(s61, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 283, in main: bind old16 127.0.0.1:3476 => ok */
static void step_206(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3476, 0u);

	do_bind(61, "bind(s61, 127.0.0.1:3476)", &a, alen, 0);
}

/* line 284, in main: listen old16 => ok */
static void step_207(void)
{
	/* the script expects => ok */
	do_listen(61, "listen(s61, 4096)", 4096);
}

/* line 285, in main: socket tcp as cli16 */
static void step_208(void)
{
	do_socket(62, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s62 (cli16)");
}

/* line 286, in main: connect cli16 127.0.0.1:3476 => ok */
static void step_209(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3476, 0u);

	do_connect(62, "connect(s62, 127.0.0.1:3476)", &a, alen, 1000);
}

/* line 287, in main: accept old16 as conn16 => ok */
static void step_210(void)
{
	/* the script expects => ok */
	do_accept(61, 63, "accept(s61)", "s63 (conn16)", 1000);
}

/* line 288, in main: close conn16 => ok */
static void step_211(void)
{
	/* the script expects => ok */
	do_close(63, "close(s63)");
}

/* line 289, in main: close cli16 => ok */
static void step_212(void)
{
	/* the script expects => ok */
	do_close(62, "close(s62)");
}

/* line 290, in main: close old16 => ok */
static void step_213(void)
{
	/* the script expects => ok */
	do_close(61, "close(s61)");
}

/* line 291, in main: wait conn16 TIME-WAIT 2s */
static void step_214(void)
{
	do_wait_state(63, 0, 6, "TIME-WAIT", 2000, "wait s63 TIME-WAIT");
}

/* line 292: expect no LISTEN 127.0.0.1:3476 (sockstage checks the kernel
 * view) */
/* line 293, in main: socket tcp as new16 */
static void step_215(void)
{
	do_socket(64, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s64 (new16)");
}

/* line 294, in main: set new16 reuseaddr => ok */
static void step_216(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(64, "setsockopt(s64, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 295, in main: set new16 reuseport => ok */
static void step_217(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(64, "setsockopt(s64, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 296, in main: bind new16 0.0.0.0:3476 => ok */
static void step_218(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3476, 0u);

	do_bind(64, "bind(s64, 0.0.0.0:3476)", &a, alen, 0);
}

/* line 297, in main: listen new16 => ok */
static void step_219(void)
{
	/* the script expects => ok */
	do_listen(64, "listen(s64, 4096)", 4096);
}

/* line 298: expect LISTEN 0.0.0.0:3476 (sockstage checks the kernel
 * view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 27, main */
	{ step_1, 0 },	/* line 28, main */
	{ step_2, 0 },	/* line 29, main */
	{ step_3, 0 },	/* line 30, main */
	{ step_4, 0 },	/* line 31, main */
	{ step_5, 0 },	/* line 32, main */
	{ step_6, 0 },	/* line 33, main */
	{ step_7, 0 },	/* line 34, main */
	{ step_8, 0 },	/* line 35, main */
	{ step_9, 0 },	/* line 36, main */
	{ step_10, 0 },	/* line 38, main */
	{ step_11, 0 },	/* line 39, main */
	{ step_12, 0 },	/* line 42, main */
	{ step_13, 0 },	/* line 43, main */
	{ step_14, 0 },	/* line 44, main */
	{ step_15, 0 },	/* line 45, main */
	{ step_16, 0 },	/* line 46, main */
	{ step_17, 0 },	/* line 47, main */
	{ step_18, 0 },	/* line 48, main */
	{ step_19, 0 },	/* line 49, main */
	{ step_20, 0 },	/* line 50, main */
	{ step_21, 0 },	/* line 51, main */
	{ step_22, 0 },	/* line 53, main */
	{ step_23, 0 },	/* line 54, main */
	{ step_24, 0 },	/* line 57, main */
	{ step_25, 0 },	/* line 58, main */
	{ step_26, 0 },	/* line 59, main */
	{ step_27, 0 },	/* line 60, main */
	{ step_28, 0 },	/* line 61, main */
	{ step_29, 0 },	/* line 62, main */
	{ step_30, 0 },	/* line 63, main */
	{ step_31, 0 },	/* line 64, main */
	{ step_32, 0 },	/* line 65, main */
	{ step_33, 0 },	/* line 66, main */
	{ step_34, 0 },	/* line 68, main */
	{ step_35, 0 },	/* line 69, main */
	{ step_36, 0 },	/* line 70, main */
	{ step_37, 0 },	/* line 73, main */
	{ step_38, 0 },	/* line 74, main */
	{ step_39, 0 },	/* line 75, main */
	{ step_40, 0 },	/* line 76, main */
	{ step_41, 0 },	/* line 77, main */
	{ step_42, 0 },	/* line 78, main */
	{ step_43, 0 },	/* line 79, main */
	{ step_44, 0 },	/* line 80, main */
	{ step_45, 0 },	/* line 81, main */
	{ step_46, 0 },	/* line 82, main */
	{ step_47, 0 },	/* line 84, main */
	{ step_48, 0 },	/* line 85, main */
	{ step_49, 0 },	/* line 86, main */
	{ step_50, 0 },	/* line 89, main */
	{ step_51, 0 },	/* line 90, main */
	{ step_52, 0 },	/* line 91, main */
	{ step_53, 0 },	/* line 92, main */
	{ step_54, 0 },	/* line 93, main */
	{ step_55, 0 },	/* line 94, main */
	{ step_56, 0 },	/* line 95, main */
	{ step_57, 0 },	/* line 96, main */
	{ step_58, 0 },	/* line 97, main */
	{ step_59, 0 },	/* line 98, main */
	{ step_60, 0 },	/* line 100, main */
	{ step_61, 0 },	/* line 101, main */
	{ step_62, 0 },	/* line 102, main */
	{ step_63, 0 },	/* line 105, main */
	{ step_64, 0 },	/* line 106, main */
	{ step_65, 0 },	/* line 107, main */
	{ step_66, 0 },	/* line 108, main */
	{ step_67, 0 },	/* line 109, main */
	{ step_68, 0 },	/* line 110, main */
	{ step_69, 0 },	/* line 111, main */
	{ step_70, 0 },	/* line 112, main */
	{ step_71, 0 },	/* line 113, main */
	{ step_72, 0 },	/* line 114, main */
	{ step_73, 0 },	/* line 116, main */
	{ step_74, 0 },	/* line 117, main */
	{ step_75, 0 },	/* line 118, main */
	{ step_76, 0 },	/* line 121, main */
	{ step_77, 0 },	/* line 122, main */
	{ step_78, 0 },	/* line 123, main */
	{ step_79, 0 },	/* line 124, main */
	{ step_80, 0 },	/* line 125, main */
	{ step_81, 0 },	/* line 126, main */
	{ step_82, 0 },	/* line 127, main */
	{ step_83, 0 },	/* line 128, main */
	{ step_84, 0 },	/* line 129, main */
	{ step_85, 0 },	/* line 130, main */
	{ step_86, 0 },	/* line 132, main */
	{ step_87, 0 },	/* line 133, main */
	{ step_88, 0 },	/* line 134, main */
	{ step_89, 0 },	/* line 135, main */
	{ step_90, 0 },	/* line 138, main */
	{ step_91, 0 },	/* line 139, main */
	{ step_92, 0 },	/* line 140, main */
	{ step_93, 0 },	/* line 141, main */
	{ step_94, 0 },	/* line 142, main */
	{ step_95, 0 },	/* line 143, main */
	{ step_96, 0 },	/* line 144, main */
	{ step_97, 0 },	/* line 145, main */
	{ step_98, 0 },	/* line 146, main */
	{ step_99, 0 },	/* line 147, main */
	{ step_100, 0 },	/* line 149, main */
	{ step_101, 0 },	/* line 150, main */
	{ step_102, 0 },	/* line 151, main */
	{ step_103, 0 },	/* line 152, main */
	{ step_104, 0 },	/* line 157, main */
	{ step_105, 0 },	/* line 158, main */
	{ step_106, 0 },	/* line 159, main */
	{ step_107, 0 },	/* line 160, main */
	{ step_108, 0 },	/* line 161, main */
	{ step_109, 0 },	/* line 162, main */
	{ step_110, 0 },	/* line 163, main */
	{ step_111, 0 },	/* line 164, main */
	{ step_112, 0 },	/* line 165, main */
	{ step_113, 0 },	/* line 166, main */
	{ step_114, 0 },	/* line 167, main */
	{ step_115, 0 },	/* line 169, main */
	{ step_116, 0 },	/* line 170, main */
	{ step_117, 0 },	/* line 173, main */
	{ step_118, 0 },	/* line 174, main */
	{ step_119, 0 },	/* line 175, main */
	{ step_120, 0 },	/* line 176, main */
	{ step_121, 0 },	/* line 177, main */
	{ step_122, 0 },	/* line 178, main */
	{ step_123, 0 },	/* line 179, main */
	{ step_124, 0 },	/* line 180, main */
	{ step_125, 0 },	/* line 181, main */
	{ step_126, 0 },	/* line 182, main */
	{ step_127, 0 },	/* line 183, main */
	{ step_128, 0 },	/* line 185, main */
	{ step_129, 0 },	/* line 186, main */
	{ step_130, 0 },	/* line 189, main */
	{ step_131, 0 },	/* line 190, main */
	{ step_132, 0 },	/* line 191, main */
	{ step_133, 0 },	/* line 192, main */
	{ step_134, 0 },	/* line 193, main */
	{ step_135, 0 },	/* line 194, main */
	{ step_136, 0 },	/* line 195, main */
	{ step_137, 0 },	/* line 196, main */
	{ step_138, 0 },	/* line 197, main */
	{ step_139, 0 },	/* line 198, main */
	{ step_140, 0 },	/* line 199, main */
	{ step_141, 0 },	/* line 201, main */
	{ step_142, 0 },	/* line 202, main */
	{ step_143, 0 },	/* line 203, main */
	{ step_144, 0 },	/* line 204, main */
	{ step_145, 0 },	/* line 208, main */
	{ step_146, 0 },	/* line 209, main */
	{ step_147, 0 },	/* line 210, main */
	{ step_148, 0 },	/* line 211, main */
	{ step_149, 0 },	/* line 212, main */
	{ step_150, 0 },	/* line 213, main */
	{ step_151, 0 },	/* line 214, main */
	{ step_152, 0 },	/* line 215, main */
	{ step_153, 0 },	/* line 216, main */
	{ step_154, 0 },	/* line 217, main */
	{ step_155, 0 },	/* line 218, main */
	{ step_156, 0 },	/* line 220, main */
	{ step_157, 0 },	/* line 221, main */
	{ step_158, 0 },	/* line 222, main */
	{ step_159, 0 },	/* line 223, main */
	{ step_160, 0 },	/* line 227, main */
	{ step_161, 0 },	/* line 228, main */
	{ step_162, 0 },	/* line 229, main */
	{ step_163, 0 },	/* line 230, main */
	{ step_164, 0 },	/* line 231, main */
	{ step_165, 0 },	/* line 232, main */
	{ step_166, 0 },	/* line 233, main */
	{ step_167, 0 },	/* line 234, main */
	{ step_168, 0 },	/* line 235, main */
	{ step_169, 0 },	/* line 236, main */
	{ step_170, 0 },	/* line 237, main */
	{ step_171, 0 },	/* line 239, main */
	{ step_172, 0 },	/* line 240, main */
	{ step_173, 0 },	/* line 241, main */
	{ step_174, 0 },	/* line 244, main */
	{ step_175, 0 },	/* line 245, main */
	{ step_176, 0 },	/* line 246, main */
	{ step_177, 0 },	/* line 247, main */
	{ step_178, 0 },	/* line 248, main */
	{ step_179, 0 },	/* line 249, main */
	{ step_180, 0 },	/* line 250, main */
	{ step_181, 0 },	/* line 251, main */
	{ step_182, 0 },	/* line 252, main */
	{ step_183, 0 },	/* line 253, main */
	{ step_184, 0 },	/* line 254, main */
	{ step_185, 0 },	/* line 256, main */
	{ step_186, 0 },	/* line 257, main */
	{ step_187, 0 },	/* line 258, main */
	{ step_188, 0 },	/* line 261, main */
	{ step_189, 0 },	/* line 262, main */
	{ step_190, 0 },	/* line 263, main */
	{ step_191, 0 },	/* line 264, main */
	{ step_192, 0 },	/* line 265, main */
	{ step_193, 0 },	/* line 266, main */
	{ step_194, 0 },	/* line 267, main */
	{ step_195, 0 },	/* line 268, main */
	{ step_196, 0 },	/* line 269, main */
	{ step_197, 0 },	/* line 270, main */
	{ step_198, 0 },	/* line 271, main */
	{ step_199, 0 },	/* line 273, main */
	{ step_200, 0 },	/* line 274, main */
	{ step_201, 0 },	/* line 275, main */
	{ step_202, 0 },	/* line 276, main */
	{ step_203, 0 },	/* line 277, main */
	{ step_204, 0 },	/* line 281, main */
	{ step_205, 0 },	/* line 282, main */
	{ step_206, 0 },	/* line 283, main */
	{ step_207, 0 },	/* line 284, main */
	{ step_208, 0 },	/* line 285, main */
	{ step_209, 0 },	/* line 286, main */
	{ step_210, 0 },	/* line 287, main */
	{ step_211, 0 },	/* line 288, main */
	{ step_212, 0 },	/* line 289, main */
	{ step_213, 0 },	/* line 290, main */
	{ step_214, 0 },	/* line 291, main */
	{ step_215, 0 },	/* line 293, main */
	{ step_216, 0 },	/* line 294, main */
	{ step_217, 0 },	/* line 295, main */
	{ step_218, 0 },	/* line 296, main */
	{ step_219, 0 },	/* line 297, main */
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
