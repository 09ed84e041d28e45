/* behaviour-wildcard-vs-specific.stage: exported by sockstage --export-c.
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

#define NSOCK 33
#define NPROC 1
#define NSTEPS 92

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # wildcard-vs-specific.stage - LINUX-FACTS.md (b): TCP sockets on
 * 0.0.0.0:P */
/* # and 127.0.0.1:P (the wildcard address covers the specific one). */
/* # */
/* # What the kernel does (6.18), as LINUX-FACTS.md says: */
/* # - the first socket is LISTENING: the second bind fails with
 * EADDRINUSE in */
/* # every SO_REUSEADDR combination, whichever address comes first; */
/* # - the first socket is only BOUND: the second bind succeeds only when
 * both */
/* # sockets set SO_REUSEADDR (either order). */
/* # Plus: two such sockets bound side by side cannot both listen:
 * listen() */
/* # checks the port again, and whichever listens second gets EADDRINUSE. */
/* # */
/* # One port per case; "A" and "B" name the first and second socket. */
/* # ---- the first socket listens on 0.0.0.0:P, the second binds
 * 127.0.0.1:P ---- */
/* # 1. no SO_REUSEADDR */
/* line 17, in main: socket tcp as a1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (a1)");
}

/* line 18, in main: bind a1 0.0.0.0:3601 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3601, 0u);

	do_bind(1, "bind(s1, 0.0.0.0:3601)", &a, alen, 0);
}

/* line 19, in main: listen a1 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 20: expect LISTEN 0.0.0.0:3601 (sockstage checks the kernel view) */
/* line 21, in main: socket tcp as b1 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (b1)");
}

/* line 22, in main: bind b1 127.0.0.1:3601 => EADDRINUSE */
static void step_4(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3601, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3601)", &a, alen, 0);
}

/* # 2. the first sets SO_REUSEADDR */
/* line 25, in main: socket tcp as a2 */
static void step_5(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (a2)");
}

/* line 26, in main: set a2 reuseaddr => ok */
static void step_6(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 27, in main: bind a2 0.0.0.0:3602 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3602, 0u);

	do_bind(3, "bind(s3, 0.0.0.0:3602)", &a, alen, 0);
}

/* line 28, in main: listen a2 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_listen(3, "listen(s3, 4096)", 4096);
}

/* line 29, in main: socket tcp as b2 */
static void step_9(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (b2)");
}

/* line 30, in main: bind b2 127.0.0.1:3602 => EADDRINUSE */
static void step_10(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3602, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3602)", &a, alen, 0);
}

/* # 3. the second sets SO_REUSEADDR */
/* line 33, in main: socket tcp as a3 */
static void step_11(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (a3)");
}

/* line 34, in main: bind a3 0.0.0.0:3603 => ok */
static void step_12(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3603, 0u);

	do_bind(5, "bind(s5, 0.0.0.0:3603)", &a, alen, 0);
}

/* line 35, in main: listen a3 => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 36, in main: socket tcp as b3 */
static void step_14(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (b3)");
}

/* line 37, in main: set b3 reuseaddr => ok */
static void step_15(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 38, in main: bind b3 127.0.0.1:3603 => EADDRINUSE */
static void step_16(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3603, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3603)", &a, alen, 0);
}

/* # 4. both set SO_REUSEADDR: still EADDRINUSE, a listener is never
 * shared */
/* line 41, in main: socket tcp as a4 */
static void step_17(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (a4)");
}

/* line 42, in main: set a4 reuseaddr => ok */
static void step_18(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(7, "setsockopt(s7, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 43, in main: bind a4 0.0.0.0:3604 => ok */
static void step_19(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3604, 0u);

	do_bind(7, "bind(s7, 0.0.0.0:3604)", &a, alen, 0);
}

/* line 44, in main: listen a4 => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_listen(7, "listen(s7, 4096)", 4096);
}

/* line 45, in main: socket tcp as b4 */
static void step_21(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (b4)");
}

/* line 46, in main: set b4 reuseaddr => ok */
static void step_22(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(8, "setsockopt(s8, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 47, in main: bind b4 127.0.0.1:3604 => EADDRINUSE */
static void step_23(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3604, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:3604)", &a, alen, 0);
}

/* # ---- the first socket listens on 127.0.0.1:P, the second binds
 * 0.0.0.0:P ---- */
/* # 5. no SO_REUSEADDR */
/* line 52, in main: socket tcp as a5 */
static void step_24(void)
{
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (a5)");
}

/* line 53, in main: bind a5 127.0.0.1:3605 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3605, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3605)", &a, alen, 0);
}

/* line 54, in main: listen a5 => ok */
static void step_26(void)
{
	/* the script expects => ok */
	do_listen(9, "listen(s9, 4096)", 4096);
}

/* line 55: expect LISTEN 127.0.0.1:3605 (sockstage checks the kernel
 * view) */
/* line 56, in main: socket tcp as b5 */
static void step_27(void)
{
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (b5)");
}

/* line 57, in main: bind b5 0.0.0.0:3605 => EADDRINUSE */
static void step_28(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3605, 0u);

	do_bind(10, "bind(s10, 0.0.0.0:3605)", &a, alen, 0);
}

/* # 6. the first sets SO_REUSEADDR */
/* line 60, in main: socket tcp as a6 */
static void step_29(void)
{
	do_socket(11, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s11 (a6)");
}

/* line 61, in main: set a6 reuseaddr => ok */
static void step_30(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(11, "setsockopt(s11, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 62, in main: bind a6 127.0.0.1:3606 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3606, 0u);

	do_bind(11, "bind(s11, 127.0.0.1:3606)", &a, alen, 0);
}

/* line 63, in main: listen a6 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_listen(11, "listen(s11, 4096)", 4096);
}

/* line 64, in main: socket tcp as b6 */
static void step_33(void)
{
	do_socket(12, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s12 (b6)");
}

/* line 65, in main: bind b6 0.0.0.0:3606 => EADDRINUSE */
static void step_34(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3606, 0u);

	do_bind(12, "bind(s12, 0.0.0.0:3606)", &a, alen, 0);
}

/* # 7. the second sets SO_REUSEADDR */
/* line 68, in main: socket tcp as a7 */
static void step_35(void)
{
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (a7)");
}

/* line 69, in main: bind a7 127.0.0.1:3607 => ok */
static void step_36(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3607, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3607)", &a, alen, 0);
}

/* line 70, in main: listen a7 => ok */
static void step_37(void)
{
	/* the script expects => ok */
	do_listen(13, "listen(s13, 4096)", 4096);
}

/* line 71, in main: socket tcp as b7 */
static void step_38(void)
{
	do_socket(14, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s14 (b7)");
}

/* line 72, in main: set b7 reuseaddr => ok */
static void step_39(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(14, "setsockopt(s14, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 73, in main: bind b7 0.0.0.0:3607 => EADDRINUSE */
static void step_40(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3607, 0u);

	do_bind(14, "bind(s14, 0.0.0.0:3607)", &a, alen, 0);
}

/* # 8. both set SO_REUSEADDR */
/* line 76, in main: socket tcp as a8 */
static void step_41(void)
{
	do_socket(15, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s15 (a8)");
}

/* line 77, in main: set a8 reuseaddr => ok */
static void step_42(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(15, "setsockopt(s15, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 78, in main: bind a8 127.0.0.1:3608 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3608, 0u);

	do_bind(15, "bind(s15, 127.0.0.1:3608)", &a, alen, 0);
}

/* line 79, in main: listen a8 => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_listen(15, "listen(s15, 4096)", 4096);
}

/* line 80, in main: socket tcp as b8 */
static void step_45(void)
{
	do_socket(16, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s16 (b8)");
}

/* line 81, in main: set b8 reuseaddr => ok */
static void step_46(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(16, "setsockopt(s16, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 82, in main: bind b8 0.0.0.0:3608 => EADDRINUSE */
static void step_47(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3608, 0u);

	do_bind(16, "bind(s16, 0.0.0.0:3608)", &a, alen, 0);
}

/* # ---- the first socket is only bound to 0.0.0.0:P, the second binds
 * 127.0.0.1:P ---- */
/* # 9. no SO_REUSEADDR */
/* line 87, in main: socket tcp as a9 */
static void step_48(void)
{
	do_socket(17, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s17 (a9)");
}

/* line 88, in main: bind a9 0.0.0.0:3609 => ok */
static void step_49(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3609, 0u);

	do_bind(17, "bind(s17, 0.0.0.0:3609)", &a, alen, 0);
}

/* line 89: expect BOUND 0.0.0.0:3609 (sockstage checks the kernel view) */
/* line 90, in main: socket tcp as b9 */
static void step_50(void)
{
	do_socket(18, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s18 (b9)");
}

/* line 91, in main: bind b9 127.0.0.1:3609 => EADDRINUSE */
static void step_51(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3609, 0u);

	do_bind(18, "bind(s18, 127.0.0.1:3609)", &a, alen, 0);
}

/* # 10. the first sets SO_REUSEADDR */
/* line 94, in main: socket tcp as a10 */
static void step_52(void)
{
	do_socket(19, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s19 (a10)");
}

/* line 95, in main: set a10 reuseaddr => ok */
static void step_53(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(19, "setsockopt(s19, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 96, in main: bind a10 0.0.0.0:3610 => ok */
static void step_54(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3610, 0u);

	do_bind(19, "bind(s19, 0.0.0.0:3610)", &a, alen, 0);
}

/* line 97, in main: socket tcp as b10 */
static void step_55(void)
{
	do_socket(20, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s20 (b10)");
}

/* line 98, in main: bind b10 127.0.0.1:3610 => EADDRINUSE */
static void step_56(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3610, 0u);

	do_bind(20, "bind(s20, 127.0.0.1:3610)", &a, alen, 0);
}

/* # 11. the second sets SO_REUSEADDR */
/* line 101, in main: socket tcp as a11 */
static void step_57(void)
{
	do_socket(21, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s21 (a11)");
}

/* line 102, in main: bind a11 0.0.0.0:3611 => ok */
static void step_58(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3611, 0u);

	do_bind(21, "bind(s21, 0.0.0.0:3611)", &a, alen, 0);
}

/* line 103, in main: socket tcp as b11 */
static void step_59(void)
{
	do_socket(22, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s22 (b11)");
}

/* line 104, in main: set b11 reuseaddr => ok */
static void step_60(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(22, "setsockopt(s22, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 105, in main: bind b11 127.0.0.1:3611 => EADDRINUSE */
static void step_61(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3611, 0u);

	do_bind(22, "bind(s22, 127.0.0.1:3611)", &a, alen, 0);
}

/* # 12. both set SO_REUSEADDR: the second bind works. Both are BOUND;
 * the */
/* # first to listen gets the port, the other's listen is refused. */
/* line 109, in main: socket tcp as a12 */
static void step_62(void)
{
	do_socket(23, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s23 (a12)");
}

/* line 110, in main: set a12 reuseaddr => ok */
static void step_63(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(23, "setsockopt(s23, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 111, in main: bind a12 0.0.0.0:3612 => ok */
static void step_64(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3612, 0u);

	do_bind(23, "bind(s23, 0.0.0.0:3612)", &a, alen, 0);
}

/* line 112, in main: socket tcp as b12 */
static void step_65(void)
{
	do_socket(24, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s24 (b12)");
}

/* line 113, in main: set b12 reuseaddr => ok */
static void step_66(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(24, "setsockopt(s24, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 114, in main: bind b12 127.0.0.1:3612 => ok */
static void step_67(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3612, 0u);

	do_bind(24, "bind(s24, 127.0.0.1:3612)", &a, alen, 0);
}

/* line 115: expect BOUND 0.0.0.0:3612 (sockstage checks the kernel view) */
/* line 116: expect BOUND 127.0.0.1:3612 (sockstage checks the kernel
 * view) */
/* line 117, in main: listen b12 => ok */
static void step_68(void)
{
	/* the script expects => ok */
	do_listen(24, "listen(s24, 4096)", 4096);
}

/* line 118, in main: listen a12 => EADDRINUSE */
static void step_69(void)
{
	/* the script expects => EADDRINUSE */
	do_listen(23, "listen(s23, 4096)", 4096);
}

/* line 119: expect LISTEN 127.0.0.1:3612 (sockstage checks the kernel
 * view) */
/* line 120: expect no LISTEN 0.0.0.0:3612 (sockstage checks the kernel
 * view) */
/* # ---- the first socket is only bound to 127.0.0.1:P, the second binds
 * 0.0.0.0:P ---- */
/* # 13. no SO_REUSEADDR */
/* line 125, in main: socket tcp as a13 */
static void step_70(void)
{
	do_socket(25, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s25 (a13)");
}

/* line 126, in main: bind a13 127.0.0.1:3613 => ok */
static void step_71(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3613, 0u);

	do_bind(25, "bind(s25, 127.0.0.1:3613)", &a, alen, 0);
}

/* line 127: expect BOUND 127.0.0.1:3613 (sockstage checks the kernel
 * view) */
/* line 128, in main: socket tcp as b13 */
static void step_72(void)
{
	do_socket(26, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s26 (b13)");
}

/* line 129, in main: bind b13 0.0.0.0:3613 => EADDRINUSE */
static void step_73(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3613, 0u);

	do_bind(26, "bind(s26, 0.0.0.0:3613)", &a, alen, 0);
}

/* # 14. the first sets SO_REUSEADDR */
/* line 132, in main: socket tcp as a14 */
static void step_74(void)
{
	do_socket(27, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s27 (a14)");
}

/* line 133, in main: set a14 reuseaddr => ok */
static void step_75(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(27, "setsockopt(s27, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 134, in main: bind a14 127.0.0.1:3614 => ok */
static void step_76(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3614, 0u);

	do_bind(27, "bind(s27, 127.0.0.1:3614)", &a, alen, 0);
}

/* line 135, in main: socket tcp as b14 */
static void step_77(void)
{
	do_socket(28, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s28 (b14)");
}

/* line 136, in main: bind b14 0.0.0.0:3614 => EADDRINUSE */
static void step_78(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3614, 0u);

	do_bind(28, "bind(s28, 0.0.0.0:3614)", &a, alen, 0);
}

/* # 15. the second sets SO_REUSEADDR */
/* line 139, in main: socket tcp as a15 */
static void step_79(void)
{
	do_socket(29, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s29 (a15)");
}

/* line 140, in main: bind a15 127.0.0.1:3615 => ok */
static void step_80(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3615, 0u);

	do_bind(29, "bind(s29, 127.0.0.1:3615)", &a, alen, 0);
}

/* line 141, in main: socket tcp as b15 */
static void step_81(void)
{
	do_socket(30, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s30 (b15)");
}

/* line 142, in main: set b15 reuseaddr => ok */
static void step_82(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(30, "setsockopt(s30, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 143, in main: bind b15 0.0.0.0:3615 => EADDRINUSE */
static void step_83(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3615, 0u);

	do_bind(30, "bind(s30, 0.0.0.0:3615)", &a, alen, 0);
}

/* # 16. both set SO_REUSEADDR: the second bind works; then the wildcard */
/* # listens first and the specific one's listen is refused. */
/* line 147, in main: socket tcp as a16 */
static void step_84(void)
{
	do_socket(31, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s31 (a16)");
}

/* line 148, in main: set a16 reuseaddr => ok */
static void step_85(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(31, "setsockopt(s31, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 149, in main: bind a16 127.0.0.1:3616 => ok */
static void step_86(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3616, 0u);

	do_bind(31, "bind(s31, 127.0.0.1:3616)", &a, alen, 0);
}

/* line 150, in main: socket tcp as b16 */
static void step_87(void)
{
	do_socket(32, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s32 (b16)");
}

/* line 151, in main: set b16 reuseaddr => ok */
static void step_88(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(32, "setsockopt(s32, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 152, in main: bind b16 0.0.0.0:3616 => ok */
static void step_89(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3616, 0u);

	do_bind(32, "bind(s32, 0.0.0.0:3616)", &a, alen, 0);
}

/* line 153: expect BOUND 127.0.0.1:3616 (sockstage checks the kernel
 * view) */
/* line 154: expect BOUND 0.0.0.0:3616 (sockstage checks the kernel view) */
/* line 155, in main: listen b16 => ok */
static void step_90(void)
{
	/* the script expects => ok */
	do_listen(32, "listen(s32, 4096)", 4096);
}

/* line 156, in main: listen a16 => EADDRINUSE */
static void step_91(void)
{
	/* the script expects => EADDRINUSE */
	do_listen(31, "listen(s31, 4096)", 4096);
}

/* line 157: expect LISTEN 0.0.0.0:3616 (sockstage checks the kernel
 * view) */
/* line 158: expect no LISTEN 127.0.0.1:3616 (sockstage checks the kernel
 * view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 17, main */
	{ step_1, 0 },	/* line 18, main */
	{ step_2, 0 },	/* line 19, main */
	{ step_3, 0 },	/* line 21, main */
	{ step_4, 0 },	/* line 22, main */
	{ step_5, 0 },	/* line 25, main */
	{ step_6, 0 },	/* line 26, main */
	{ step_7, 0 },	/* line 27, main */
	{ step_8, 0 },	/* line 28, main */
	{ step_9, 0 },	/* line 29, main */
	{ step_10, 0 },	/* line 30, main */
	{ step_11, 0 },	/* line 33, main */
	{ step_12, 0 },	/* line 34, main */
	{ step_13, 0 },	/* line 35, main */
	{ step_14, 0 },	/* line 36, main */
	{ step_15, 0 },	/* line 37, main */
	{ step_16, 0 },	/* line 38, main */
	{ step_17, 0 },	/* line 41, main */
	{ step_18, 0 },	/* line 42, main */
	{ step_19, 0 },	/* line 43, main */
	{ step_20, 0 },	/* line 44, main */
	{ step_21, 0 },	/* line 45, main */
	{ step_22, 0 },	/* line 46, main */
	{ step_23, 0 },	/* line 47, main */
	{ step_24, 0 },	/* line 52, main */
	{ step_25, 0 },	/* line 53, main */
	{ step_26, 0 },	/* line 54, main */
	{ step_27, 0 },	/* line 56, main */
	{ step_28, 0 },	/* line 57, main */
	{ step_29, 0 },	/* line 60, main */
	{ step_30, 0 },	/* line 61, main */
	{ step_31, 0 },	/* line 62, main */
	{ step_32, 0 },	/* line 63, main */
	{ step_33, 0 },	/* line 64, main */
	{ step_34, 0 },	/* line 65, main */
	{ step_35, 0 },	/* line 68, main */
	{ step_36, 0 },	/* line 69, main */
	{ step_37, 0 },	/* line 70, main */
	{ step_38, 0 },	/* line 71, main */
	{ step_39, 0 },	/* line 72, main */
	{ step_40, 0 },	/* line 73, main */
	{ step_41, 0 },	/* line 76, main */
	{ step_42, 0 },	/* line 77, main */
	{ step_43, 0 },	/* line 78, main */
	{ step_44, 0 },	/* line 79, main */
	{ step_45, 0 },	/* line 80, main */
	{ step_46, 0 },	/* line 81, main */
	{ step_47, 0 },	/* line 82, main */
	{ step_48, 0 },	/* line 87, main */
	{ step_49, 0 },	/* line 88, main */
	{ step_50, 0 },	/* line 90, main */
	{ step_51, 0 },	/* line 91, main */
	{ step_52, 0 },	/* line 94, main */
	{ step_53, 0 },	/* line 95, main */
	{ step_54, 0 },	/* line 96, main */
	{ step_55, 0 },	/* line 97, main */
	{ step_56, 0 },	/* line 98, main */
	{ step_57, 0 },	/* line 101, main */
	{ step_58, 0 },	/* line 102, main */
	{ step_59, 0 },	/* line 103, main */
	{ step_60, 0 },	/* line 104, main */
	{ step_61, 0 },	/* line 105, main */
	{ step_62, 0 },	/* line 109, main */
	{ step_63, 0 },	/* line 110, main */
	{ step_64, 0 },	/* line 111, main */
	{ step_65, 0 },	/* line 112, main */
	{ step_66, 0 },	/* line 113, main */
	{ step_67, 0 },	/* line 114, main */
	{ step_68, 0 },	/* line 117, main */
	{ step_69, 0 },	/* line 118, main */
	{ step_70, 0 },	/* line 125, main */
	{ step_71, 0 },	/* line 126, main */
	{ step_72, 0 },	/* line 128, main */
	{ step_73, 0 },	/* line 129, main */
	{ step_74, 0 },	/* line 132, main */
	{ step_75, 0 },	/* line 133, main */
	{ step_76, 0 },	/* line 134, main */
	{ step_77, 0 },	/* line 135, main */
	{ step_78, 0 },	/* line 136, main */
	{ step_79, 0 },	/* line 139, main */
	{ step_80, 0 },	/* line 140, main */
	{ step_81, 0 },	/* line 141, main */
	{ step_82, 0 },	/* line 142, main */
	{ step_83, 0 },	/* line 143, main */
	{ step_84, 0 },	/* line 147, main */
	{ step_85, 0 },	/* line 148, main */
	{ step_86, 0 },	/* line 149, main */
	{ step_87, 0 },	/* line 150, main */
	{ step_88, 0 },	/* line 151, main */
	{ step_89, 0 },	/* line 152, main */
	{ step_90, 0 },	/* line 155, main */
	{ step_91, 0 },	/* line 156, main */
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
