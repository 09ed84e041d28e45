/* behaviour-dualstack.stage: exported by sockstage --export-c.
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

#define NSOCK 44
#define NPROC 1
#define NSTEPS 140

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # dualstack.stage - LINUX-FACTS.md (e): an IPv6 socket on [::]:P with */
/* # IPV6_V6ONLY off is dual-stack: it also covers 0.0.0.0:P. */
/* # (net.ipv6.bindv6only is 0 in a fresh network namespace, so IPv6
 * sockets */
/* # start with IPV6_V6ONLY off; every case sets it explicitly anyway.) */
/* # */
/* # What the kernel does (6.18): */
/* # - the first socket LISTENS: [::]:P (v6only off) and 0.0.0.0:P
 * conflict in */
/* # either order, EADDRINUSE with SO_REUSEADDR or not, as LINUX-FACTS.md */
/* # says; */
/* # - with IPV6_V6ONLY on, both bind and both listen (either order); */
/* # - a connection to 127.0.0.1:P reaches a dual-stack [::] listener,
 * which */
/* # sees it as [::ffff:127.0.0.1] (its local address too), as */
/* # LINUX-FACTS.md says. */
/* # */
/* # KERNEL DISAGREES WITH LINUX-FACTS.md: (e) says [::]:P (v6only off)
 * and */
/* # 0.0.0.0:P "conflict in either order (EADDRINUSE, SO_REUSEADDR or
 * not)". */
/* # That is only true when the first socket listens. When the first
 * socket */
/* # is only bound and BOTH set SO_REUSEADDR, the second bind succeeds,
 * in */
/* # either order (cases 12 and 16 below), like 0.0.0.0:P and 127.0.0.1:P
 * in */
/* # (b); the conflict then comes at listen(): only one of the two can
 * listen. */
/* # */
/* # One port per case; "a" is the first socket, "b" the second. */
/* # ---- the first socket LISTENS on [::]:P (v6only off), the second
 * binds 0.0.0.0:P ---- */
/* # 1. no SO_REUSEADDR: EADDRINUSE */
/* line 27, in main: socket tcp 6 as a1 */
static void step_0(void)
{
	do_socket(1, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s1 (a1)");
}

/* line 28, in main: set a1 v6only off => ok */
static void step_1(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(1, "setsockopt(s1, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 29, in main: bind a1 [::]:3901 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3901, 0u);

	do_bind(1, "bind(s1, [::]:3901)", &a, alen, 0);
}

/* line 30, in main: listen a1 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 31, in main: socket tcp as b1 */
static void step_4(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (b1)");
}

/* line 32, in main: bind b1 0.0.0.0:3901 => EADDRINUSE */
static void step_5(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3901, 0u);

	do_bind(2, "bind(s2, 0.0.0.0:3901)", &a, alen, 0);
}

/* # 2. the first sets SO_REUSEADDR: EADDRINUSE */
/* line 35, in main: socket tcp 6 as a2 */
static void step_6(void)
{
	do_socket(3, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s3 (a2)");
}

/* line 36, in main: set a2 v6only off => ok */
static void step_7(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(3, "setsockopt(s3, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 37, in main: set a2 reuseaddr => ok */
static void step_8(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 38, in main: bind a2 [::]:3902 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3902, 0u);

	do_bind(3, "bind(s3, [::]:3902)", &a, alen, 0);
}

/* line 39, in main: listen a2 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_listen(3, "listen(s3, 4096)", 4096);
}

/* line 40, in main: socket tcp as b2 */
static void step_11(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (b2)");
}

/* line 41, in main: bind b2 0.0.0.0:3902 => EADDRINUSE */
static void step_12(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3902, 0u);

	do_bind(4, "bind(s4, 0.0.0.0:3902)", &a, alen, 0);
}

/* # 3. the second sets SO_REUSEADDR: EADDRINUSE */
/* line 44, in main: socket tcp 6 as a3 */
static void step_13(void)
{
	do_socket(5, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s5 (a3)");
}

/* line 45, in main: set a3 v6only off => ok */
static void step_14(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(5, "setsockopt(s5, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 46, in main: bind a3 [::]:3903 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3903, 0u);

	do_bind(5, "bind(s5, [::]:3903)", &a, alen, 0);
}

/* line 47, in main: listen a3 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 48, in main: socket tcp as b3 */
static void step_17(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (b3)");
}

/* line 49, in main: set b3 reuseaddr => ok */
static void step_18(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 50, in main: bind b3 0.0.0.0:3903 => EADDRINUSE */
static void step_19(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3903, 0u);

	do_bind(6, "bind(s6, 0.0.0.0:3903)", &a, alen, 0);
}

/* # 4. both set SO_REUSEADDR: EADDRINUSE */
/* line 53, in main: socket tcp 6 as a4 */
static void step_20(void)
{
	do_socket(7, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s7 (a4)");
}

/* line 54, in main: set a4 v6only off => ok */
static void step_21(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(7, "setsockopt(s7, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 55, in main: set a4 reuseaddr => ok */
static void step_22(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(7, "setsockopt(s7, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 56, in main: bind a4 [::]:3904 => ok */
static void step_23(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3904, 0u);

	do_bind(7, "bind(s7, [::]:3904)", &a, alen, 0);
}

/* line 57, in main: listen a4 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_listen(7, "listen(s7, 4096)", 4096);
}

/* line 58, in main: socket tcp as b4 */
static void step_25(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (b4)");
}

/* line 59, in main: set b4 reuseaddr => ok */
static void step_26(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(8, "setsockopt(s8, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 60, in main: bind b4 0.0.0.0:3904 => EADDRINUSE */
static void step_27(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3904, 0u);

	do_bind(8, "bind(s8, 0.0.0.0:3904)", &a, alen, 0);
}

/* # ---- the first socket LISTENS on 0.0.0.0:P, the second binds [::]:P
 * (v6only off) ---- */
/* # 5. no SO_REUSEADDR: EADDRINUSE */
/* line 65, in main: socket tcp as a5 */
static void step_28(void)
{
	do_socket(9, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s9 (a5)");
}

/* line 66, in main: bind a5 0.0.0.0:3905 => ok */
static void step_29(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3905, 0u);

	do_bind(9, "bind(s9, 0.0.0.0:3905)", &a, alen, 0);
}

/* line 67, in main: listen a5 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	do_listen(9, "listen(s9, 4096)", 4096);
}

/* line 68, in main: socket tcp 6 as b5 */
static void step_31(void)
{
	do_socket(10, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s10 (b5)");
}

/* line 69, in main: set b5 v6only off => ok */
static void step_32(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(10, "setsockopt(s10, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 70, in main: bind b5 [::]:3905 => EADDRINUSE */
static void step_33(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3905, 0u);

	do_bind(10, "bind(s10, [::]:3905)", &a, alen, 0);
}

/* # 6. the first sets SO_REUSEADDR: EADDRINUSE */
/* line 73, in main: socket tcp as a6 */
static void step_34(void)
{
	do_socket(11, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s11 (a6)");
}

/* line 74, in main: set a6 reuseaddr => ok */
static void step_35(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(11, "setsockopt(s11, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 75, in main: bind a6 0.0.0.0:3906 => ok */
static void step_36(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3906, 0u);

	do_bind(11, "bind(s11, 0.0.0.0:3906)", &a, alen, 0);
}

/* line 76, in main: listen a6 => ok */
static void step_37(void)
{
	/* the script expects => ok */
	do_listen(11, "listen(s11, 4096)", 4096);
}

/* line 77, in main: socket tcp 6 as b6 */
static void step_38(void)
{
	do_socket(12, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s12 (b6)");
}

/* line 78, in main: set b6 v6only off => ok */
static void step_39(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(12, "setsockopt(s12, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 79, in main: bind b6 [::]:3906 => EADDRINUSE */
static void step_40(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3906, 0u);

	do_bind(12, "bind(s12, [::]:3906)", &a, alen, 0);
}

/* # 7. the second sets SO_REUSEADDR: EADDRINUSE */
/* line 82, in main: socket tcp as a7 */
static void step_41(void)
{
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (a7)");
}

/* line 83, in main: bind a7 0.0.0.0:3907 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3907, 0u);

	do_bind(13, "bind(s13, 0.0.0.0:3907)", &a, alen, 0);
}

/* line 84, in main: listen a7 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	do_listen(13, "listen(s13, 4096)", 4096);
}

/* line 85, in main: socket tcp 6 as b7 */
static void step_44(void)
{
	do_socket(14, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s14 (b7)");
}

/* line 86, in main: set b7 v6only off => ok */
static void step_45(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(14, "setsockopt(s14, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 87, in main: set b7 reuseaddr => ok */
static void step_46(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(14, "setsockopt(s14, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 88, in main: bind b7 [::]:3907 => EADDRINUSE */
static void step_47(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3907, 0u);

	do_bind(14, "bind(s14, [::]:3907)", &a, alen, 0);
}

/* # 8. both set SO_REUSEADDR: EADDRINUSE */
/* line 91, in main: socket tcp as a8 */
static void step_48(void)
{
	do_socket(15, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s15 (a8)");
}

/* line 92, in main: set a8 reuseaddr => ok */
static void step_49(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(15, "setsockopt(s15, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 93, in main: bind a8 0.0.0.0:3908 => ok */
static void step_50(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3908, 0u);

	do_bind(15, "bind(s15, 0.0.0.0:3908)", &a, alen, 0);
}

/* line 94, in main: listen a8 => ok */
static void step_51(void)
{
	/* the script expects => ok */
	do_listen(15, "listen(s15, 4096)", 4096);
}

/* line 95, in main: socket tcp 6 as b8 */
static void step_52(void)
{
	do_socket(16, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s16 (b8)");
}

/* line 96, in main: set b8 v6only off => ok */
static void step_53(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(16, "setsockopt(s16, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 97, in main: set b8 reuseaddr => ok */
static void step_54(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(16, "setsockopt(s16, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 98, in main: bind b8 [::]:3908 => EADDRINUSE */
static void step_55(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3908, 0u);

	do_bind(16, "bind(s16, [::]:3908)", &a, alen, 0);
}

/* # ---- the first socket is only BOUND to [::]:P (v6only off), the
 * second binds 0.0.0.0:P ---- */
/* # 9. no SO_REUSEADDR: EADDRINUSE */
/* line 103, in main: socket tcp 6 as a9 */
static void step_56(void)
{
	do_socket(17, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s17 (a9)");
}

/* line 104, in main: set a9 v6only off => ok */
static void step_57(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(17, "setsockopt(s17, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 105, in main: bind a9 [::]:3909 => ok */
static void step_58(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3909, 0u);

	do_bind(17, "bind(s17, [::]:3909)", &a, alen, 0);
}

/* line 106, in main: socket tcp as b9 */
static void step_59(void)
{
	do_socket(18, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s18 (b9)");
}

/* line 107, in main: bind b9 0.0.0.0:3909 => EADDRINUSE */
static void step_60(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3909, 0u);

	do_bind(18, "bind(s18, 0.0.0.0:3909)", &a, alen, 0);
}

/* # 10. the first sets SO_REUSEADDR: EADDRINUSE */
/* line 110, in main: socket tcp 6 as a10 */
static void step_61(void)
{
	do_socket(19, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s19 (a10)");
}

/* line 111, in main: set a10 v6only off => ok */
static void step_62(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(19, "setsockopt(s19, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 112, in main: set a10 reuseaddr => ok */
static void step_63(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(19, "setsockopt(s19, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 113, in main: bind a10 [::]:3910 => ok */
static void step_64(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3910, 0u);

	do_bind(19, "bind(s19, [::]:3910)", &a, alen, 0);
}

/* line 114, in main: socket tcp as b10 */
static void step_65(void)
{
	do_socket(20, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s20 (b10)");
}

/* line 115, in main: bind b10 0.0.0.0:3910 => EADDRINUSE */
static void step_66(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3910, 0u);

	do_bind(20, "bind(s20, 0.0.0.0:3910)", &a, alen, 0);
}

/* # 11. the second sets SO_REUSEADDR: EADDRINUSE */
/* line 118, in main: socket tcp 6 as a11 */
static void step_67(void)
{
	do_socket(21, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s21 (a11)");
}

/* line 119, in main: set a11 v6only off => ok */
static void step_68(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(21, "setsockopt(s21, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 120, in main: bind a11 [::]:3911 => ok */
static void step_69(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3911, 0u);

	do_bind(21, "bind(s21, [::]:3911)", &a, alen, 0);
}

/* line 121, in main: socket tcp as b11 */
static void step_70(void)
{
	do_socket(22, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s22 (b11)");
}

/* line 122, in main: set b11 reuseaddr => ok */
static void step_71(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(22, "setsockopt(s22, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 123, in main: bind b11 0.0.0.0:3911 => EADDRINUSE */
static void step_72(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3911, 0u);

	do_bind(22, "bind(s22, 0.0.0.0:3911)", &a, alen, 0);
}

/* # 12. both set SO_REUSEADDR: ok */
/* line 126, in main: socket tcp 6 as a12 */
static void step_73(void)
{
	do_socket(23, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s23 (a12)");
}

/* line 127, in main: set a12 v6only off => ok */
static void step_74(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(23, "setsockopt(s23, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 128, in main: set a12 reuseaddr => ok */
static void step_75(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(23, "setsockopt(s23, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 129, in main: bind a12 [::]:3912 => ok */
static void step_76(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3912, 0u);

	do_bind(23, "bind(s23, [::]:3912)", &a, alen, 0);
}

/* line 130, in main: socket tcp as b12 */
static void step_77(void)
{
	do_socket(24, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s24 (b12)");
}

/* line 131, in main: set b12 reuseaddr => ok */
static void step_78(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(24, "setsockopt(s24, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 132, in main: bind b12 0.0.0.0:3912 => ok */
static void step_79(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3912, 0u);

	do_bind(24, "bind(s24, 0.0.0.0:3912)", &a, alen, 0);
}

/* line 133: expect BOUND [::]:3912 (sockstage checks the kernel view) */
/* line 134: expect BOUND 0.0.0.0:3912 (sockstage checks the kernel view) */
/* line 135, in main: listen b12 => ok */
static void step_80(void)
{
	/* the script expects => ok */
	do_listen(24, "listen(s24, 4096)", 4096);
}

/* line 136, in main: listen a12 => EADDRINUSE */
static void step_81(void)
{
	/* the script expects => EADDRINUSE */
	do_listen(23, "listen(s23, 4096)", 4096);
}

/* # ---- the first socket is only BOUND to 0.0.0.0:P, the second binds
 * [::]:P (v6only off) ---- */
/* # 13. no SO_REUSEADDR: EADDRINUSE */
/* line 141, in main: socket tcp as a13 */
static void step_82(void)
{
	do_socket(25, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s25 (a13)");
}

/* line 142, in main: bind a13 0.0.0.0:3913 => ok */
static void step_83(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3913, 0u);

	do_bind(25, "bind(s25, 0.0.0.0:3913)", &a, alen, 0);
}

/* line 143, in main: socket tcp 6 as b13 */
static void step_84(void)
{
	do_socket(26, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s26 (b13)");
}

/* line 144, in main: set b13 v6only off => ok */
static void step_85(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(26, "setsockopt(s26, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 145, in main: bind b13 [::]:3913 => EADDRINUSE */
static void step_86(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3913, 0u);

	do_bind(26, "bind(s26, [::]:3913)", &a, alen, 0);
}

/* # 14. the first sets SO_REUSEADDR: EADDRINUSE */
/* line 148, in main: socket tcp as a14 */
static void step_87(void)
{
	do_socket(27, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s27 (a14)");
}

/* line 149, in main: set a14 reuseaddr => ok */
static void step_88(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(27, "setsockopt(s27, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 150, in main: bind a14 0.0.0.0:3914 => ok */
static void step_89(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3914, 0u);

	do_bind(27, "bind(s27, 0.0.0.0:3914)", &a, alen, 0);
}

/* line 151, in main: socket tcp 6 as b14 */
static void step_90(void)
{
	do_socket(28, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s28 (b14)");
}

/* line 152, in main: set b14 v6only off => ok */
static void step_91(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(28, "setsockopt(s28, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 153, in main: bind b14 [::]:3914 => EADDRINUSE */
static void step_92(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3914, 0u);

	do_bind(28, "bind(s28, [::]:3914)", &a, alen, 0);
}

/* # 15. the second sets SO_REUSEADDR: EADDRINUSE */
/* line 156, in main: socket tcp as a15 */
static void step_93(void)
{
	do_socket(29, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s29 (a15)");
}

/* line 157, in main: bind a15 0.0.0.0:3915 => ok */
static void step_94(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3915, 0u);

	do_bind(29, "bind(s29, 0.0.0.0:3915)", &a, alen, 0);
}

/* line 158, in main: socket tcp 6 as b15 */
static void step_95(void)
{
	do_socket(30, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s30 (b15)");
}

/* line 159, in main: set b15 v6only off => ok */
static void step_96(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(30, "setsockopt(s30, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 160, in main: set b15 reuseaddr => ok */
static void step_97(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(30, "setsockopt(s30, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 161, in main: bind b15 [::]:3915 => EADDRINUSE */
static void step_98(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3915, 0u);

	do_bind(30, "bind(s30, [::]:3915)", &a, alen, 0);
}

/* # 16. both set SO_REUSEADDR: ok */
/* line 164, in main: socket tcp as a16 */
static void step_99(void)
{
	do_socket(31, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s31 (a16)");
}

/* line 165, in main: set a16 reuseaddr => ok */
static void step_100(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(31, "setsockopt(s31, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 166, in main: bind a16 0.0.0.0:3916 => ok */
static void step_101(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3916, 0u);

	do_bind(31, "bind(s31, 0.0.0.0:3916)", &a, alen, 0);
}

/* line 167, in main: socket tcp 6 as b16 */
static void step_102(void)
{
	do_socket(32, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s32 (b16)");
}

/* line 168, in main: set b16 v6only off => ok */
static void step_103(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(32, "setsockopt(s32, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 169, in main: set b16 reuseaddr => ok */
static void step_104(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(32, "setsockopt(s32, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 170, in main: bind b16 [::]:3916 => ok */
static void step_105(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3916, 0u);

	do_bind(32, "bind(s32, [::]:3916)", &a, alen, 0);
}

/* line 171: expect BOUND [::]:3916 (sockstage checks the kernel view) */
/* line 172: expect BOUND 0.0.0.0:3916 (sockstage checks the kernel view) */
/* line 173, in main: listen b16 => ok */
static void step_106(void)
{
	/* the script expects => ok */
	do_listen(32, "listen(s32, 4096)", 4096);
}

/* line 174, in main: listen a16 => EADDRINUSE */
static void step_107(void)
{
	/* the script expects => EADDRINUSE */
	do_listen(31, "listen(s31, 4096)", 4096);
}

/* # ---- IPV6_V6ONLY on: [::]:P is IPv6 only, 0.0.0.0:P is free ---- */
/* # 17. [::]:P v6only listens first, then 0.0.0.0:P binds and listens */
/* line 179, in main: socket tcp 6 as a17 */
static void step_108(void)
{
	do_socket(33, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s33 (a17)");
}

/* line 180, in main: set a17 v6only on => ok */
static void step_109(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(33, "setsockopt(s33, IPV6_V6ONLY, 1)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 181, in main: bind a17 [::]:3917 => ok */
static void step_110(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3917, 0u);

	do_bind(33, "bind(s33, [::]:3917)", &a, alen, 0);
}

/* line 182, in main: listen a17 => ok */
static void step_111(void)
{
	/* the script expects => ok */
	do_listen(33, "listen(s33, 4096)", 4096);
}

/* line 183, in main: socket tcp as b17 */
static void step_112(void)
{
	do_socket(34, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s34 (b17)");
}

/* line 184, in main: bind b17 0.0.0.0:3917 => ok */
static void step_113(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3917, 0u);

	do_bind(34, "bind(s34, 0.0.0.0:3917)", &a, alen, 0);
}

/* line 185, in main: listen b17 => ok */
static void step_114(void)
{
	/* the script expects => ok */
	do_listen(34, "listen(s34, 4096)", 4096);
}

/* line 186: expect LISTEN [::]:3917 (sockstage checks the kernel view) */
/* line 187: expect LISTEN 0.0.0.0:3917 (sockstage checks the kernel
 * view) */
/* # each family reaches its own listener */
/* line 189, in main: socket tcp as c17 */
static void step_115(void)
{
	do_socket(35, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s35 (c17)");
}

/* line 190, in main: connect c17 127.0.0.1:3917 => ok */
static void step_116(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3917, 0u);

	do_connect(35, "connect(s35, 127.0.0.1:3917)", &a, alen, 1000);
}

/* line 191, in main: accept b17 as d17 => ok */
static void step_117(void)
{
	/* the script expects => ok */
	do_accept(34, 36, "accept(s34)", "s36 (d17)", 1000);
}

/* line 192, in main: accept a17 => EAGAIN */
static void step_118(void)
{
	/* the script expects => EAGAIN */
	do_accept(33, 0, "accept(s33)", "", 1000);
}

/* line 193, in main: socket tcp 6 as e17 */
static void step_119(void)
{
	do_socket(37, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s37 (e17)");
}

/* line 194, in main: connect e17 [::1]:3917 => ok */
static void step_120(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::1", 3917, 0u);

	do_connect(37, "connect(s37, [::1]:3917)", &a, alen, 1000);
}

/* line 195, in main: accept a17 as f17 => ok */
static void step_121(void)
{
	/* the script expects => ok */
	do_accept(33, 38, "accept(s33)", "s38 (f17)", 1000);
}

/* line 196, in main: accept b17 => EAGAIN */
static void step_122(void)
{
	/* the script expects => EAGAIN */
	do_accept(34, 0, "accept(s34)", "", 1000);
}

/* # 18. 0.0.0.0:P listens first, then [::]:P v6only binds and listens */
/* line 199, in main: socket tcp as a18 */
static void step_123(void)
{
	do_socket(39, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s39 (a18)");
}

/* line 200, in main: bind a18 0.0.0.0:3918 => ok */
static void step_124(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3918, 0u);

	do_bind(39, "bind(s39, 0.0.0.0:3918)", &a, alen, 0);
}

/* line 201, in main: listen a18 => ok */
static void step_125(void)
{
	/* the script expects => ok */
	do_listen(39, "listen(s39, 4096)", 4096);
}

/* line 202, in main: socket tcp 6 as b18 */
static void step_126(void)
{
	do_socket(40, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s40 (b18)");
}

/* line 203, in main: set b18 v6only on => ok */
static void step_127(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(40, "setsockopt(s40, IPV6_V6ONLY, 1)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 204, in main: bind b18 [::]:3918 => ok */
static void step_128(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3918, 0u);

	do_bind(40, "bind(s40, [::]:3918)", &a, alen, 0);
}

/* line 205, in main: listen b18 => ok */
static void step_129(void)
{
	/* the script expects => ok */
	do_listen(40, "listen(s40, 4096)", 4096);
}

/* line 206: expect LISTEN 0.0.0.0:3918 (sockstage checks the kernel
 * view) */
/* line 207: expect LISTEN [::]:3918 (sockstage checks the kernel view) */
/* # ---- an IPv4 client reaches a dual-stack listener as
 * ::ffff:127.0.0.1 ---- */
/* # 19. the listener on [::]:P (v6only off) accepts a connection to
 * 127.0.0.1:P; */
/* # the kernel view shows the accepted socket as [::ffff:127.0.0.1]:P
 * with the */
/* # peer [::ffff:127.0.0.1]:4919, and the client as plain 127.0.0.1:4919 */
/* line 214, in main: socket tcp 6 as ds */
static void step_130(void)
{
	do_socket(41, AF_INET6, SOCK_STREAM, "socket(AF_INET6, SOCK_STREAM, 0)", "s41 (ds)");
}

/* line 215, in main: set ds v6only off => ok */
static void step_131(void)
{
	/* the script expects => ok */
	int v = 0;

	do_setsockopt(41, "setsockopt(s41, IPV6_V6ONLY, 0)", IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
}

/* line 216, in main: bind ds [::]:3919 => ok */
static void step_132(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET6, "::", 3919, 0u);

	do_bind(41, "bind(s41, [::]:3919)", &a, alen, 0);
}

/* line 217, in main: listen ds => ok */
static void step_133(void)
{
	/* the script expects => ok */
	do_listen(41, "listen(s41, 4096)", 4096);
}

/* line 218, in main: socket tcp as v4cli */
static void step_134(void)
{
	do_socket(42, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s42 (v4cli)");
}

/* line 219, in main: bind v4cli 127.0.0.1:4919 => ok */
static void step_135(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4919, 0u);

	do_bind(42, "bind(s42, 127.0.0.1:4919)", &a, alen, 0);
}

/* line 220, in main: connect v4cli 127.0.0.1:3919 => ok */
static void step_136(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3919, 0u);

	do_connect(42, "connect(s42, 127.0.0.1:3919)", &a, alen, 1000);
}

/* line 221, in main: accept ds as conn => ok */
static void step_137(void)
{
	/* the script expects => ok */
	do_accept(41, 43, "accept(s41)", "s43 (conn)", 1000);
}

/* line 222: expect tcp ESTAB [::ffff:127.0.0.1]:3919
 * [::ffff:127.0.0.1]:4919 (sockstage checks the kernel view) */
/* line 223: expect tcp ESTAB 127.0.0.1:4919 127.0.0.1:3919 (sockstage
 * checks the kernel view) */
/* line 224: expect no tcp ESTAB 127.0.0.1:3919 (sockstage checks the
 * kernel view) */
/* line 225, in main: send v4cli "over IPv4" => ok */
static void step_138(void)
{
	/* the script expects => ok */
	do_send(42, "send(s42, \"over IPv4\")", 0, "over IPv4", 9, NULL, 0);
}

/* line 226, in main: recv conn => ok */
static void step_139(void)
{
	/* the script expects => ok */
	do_recv(43, "recv(s43, 65536)", 0, 65536, 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 27, main */
	{ step_1, 0 },	/* line 28, main */
	{ step_2, 0 },	/* line 29, main */
	{ step_3, 0 },	/* line 30, main */
	{ step_4, 0 },	/* line 31, main */
	{ step_5, 0 },	/* line 32, main */
	{ step_6, 0 },	/* line 35, main */
	{ step_7, 0 },	/* line 36, main */
	{ step_8, 0 },	/* line 37, main */
	{ step_9, 0 },	/* line 38, main */
	{ step_10, 0 },	/* line 39, main */
	{ step_11, 0 },	/* line 40, main */
	{ step_12, 0 },	/* line 41, main */
	{ step_13, 0 },	/* line 44, main */
	{ step_14, 0 },	/* line 45, main */
	{ step_15, 0 },	/* line 46, main */
	{ step_16, 0 },	/* line 47, main */
	{ step_17, 0 },	/* line 48, main */
	{ step_18, 0 },	/* line 49, main */
	{ step_19, 0 },	/* line 50, main */
	{ step_20, 0 },	/* line 53, main */
	{ step_21, 0 },	/* line 54, main */
	{ step_22, 0 },	/* line 55, main */
	{ step_23, 0 },	/* line 56, main */
	{ step_24, 0 },	/* line 57, main */
	{ step_25, 0 },	/* line 58, main */
	{ step_26, 0 },	/* line 59, main */
	{ step_27, 0 },	/* line 60, main */
	{ step_28, 0 },	/* line 65, main */
	{ step_29, 0 },	/* line 66, main */
	{ step_30, 0 },	/* line 67, main */
	{ step_31, 0 },	/* line 68, main */
	{ step_32, 0 },	/* line 69, main */
	{ step_33, 0 },	/* line 70, main */
	{ step_34, 0 },	/* line 73, main */
	{ step_35, 0 },	/* line 74, main */
	{ step_36, 0 },	/* line 75, main */
	{ step_37, 0 },	/* line 76, main */
	{ step_38, 0 },	/* line 77, main */
	{ step_39, 0 },	/* line 78, main */
	{ step_40, 0 },	/* line 79, main */
	{ step_41, 0 },	/* line 82, main */
	{ step_42, 0 },	/* line 83, main */
	{ step_43, 0 },	/* line 84, main */
	{ step_44, 0 },	/* line 85, main */
	{ step_45, 0 },	/* line 86, main */
	{ step_46, 0 },	/* line 87, main */
	{ step_47, 0 },	/* line 88, main */
	{ step_48, 0 },	/* line 91, main */
	{ step_49, 0 },	/* line 92, main */
	{ step_50, 0 },	/* line 93, main */
	{ step_51, 0 },	/* line 94, main */
	{ step_52, 0 },	/* line 95, main */
	{ step_53, 0 },	/* line 96, main */
	{ step_54, 0 },	/* line 97, main */
	{ step_55, 0 },	/* line 98, main */
	{ step_56, 0 },	/* line 103, main */
	{ step_57, 0 },	/* line 104, main */
	{ step_58, 0 },	/* line 105, main */
	{ step_59, 0 },	/* line 106, main */
	{ step_60, 0 },	/* line 107, main */
	{ step_61, 0 },	/* line 110, main */
	{ step_62, 0 },	/* line 111, main */
	{ step_63, 0 },	/* line 112, main */
	{ step_64, 0 },	/* line 113, main */
	{ step_65, 0 },	/* line 114, main */
	{ step_66, 0 },	/* line 115, main */
	{ step_67, 0 },	/* line 118, main */
	{ step_68, 0 },	/* line 119, main */
	{ step_69, 0 },	/* line 120, main */
	{ step_70, 0 },	/* line 121, main */
	{ step_71, 0 },	/* line 122, main */
	{ step_72, 0 },	/* line 123, main */
	{ step_73, 0 },	/* line 126, main */
	{ step_74, 0 },	/* line 127, main */
	{ step_75, 0 },	/* line 128, main */
	{ step_76, 0 },	/* line 129, main */
	{ step_77, 0 },	/* line 130, main */
	{ step_78, 0 },	/* line 131, main */
	{ step_79, 0 },	/* line 132, main */
	{ step_80, 0 },	/* line 135, main */
	{ step_81, 0 },	/* line 136, main */
	{ step_82, 0 },	/* line 141, main */
	{ step_83, 0 },	/* line 142, main */
	{ step_84, 0 },	/* line 143, main */
	{ step_85, 0 },	/* line 144, main */
	{ step_86, 0 },	/* line 145, main */
	{ step_87, 0 },	/* line 148, main */
	{ step_88, 0 },	/* line 149, main */
	{ step_89, 0 },	/* line 150, main */
	{ step_90, 0 },	/* line 151, main */
	{ step_91, 0 },	/* line 152, main */
	{ step_92, 0 },	/* line 153, main */
	{ step_93, 0 },	/* line 156, main */
	{ step_94, 0 },	/* line 157, main */
	{ step_95, 0 },	/* line 158, main */
	{ step_96, 0 },	/* line 159, main */
	{ step_97, 0 },	/* line 160, main */
	{ step_98, 0 },	/* line 161, main */
	{ step_99, 0 },	/* line 164, main */
	{ step_100, 0 },	/* line 165, main */
	{ step_101, 0 },	/* line 166, main */
	{ step_102, 0 },	/* line 167, main */
	{ step_103, 0 },	/* line 168, main */
	{ step_104, 0 },	/* line 169, main */
	{ step_105, 0 },	/* line 170, main */
	{ step_106, 0 },	/* line 173, main */
	{ step_107, 0 },	/* line 174, main */
	{ step_108, 0 },	/* line 179, main */
	{ step_109, 0 },	/* line 180, main */
	{ step_110, 0 },	/* line 181, main */
	{ step_111, 0 },	/* line 182, main */
	{ step_112, 0 },	/* line 183, main */
	{ step_113, 0 },	/* line 184, main */
	{ step_114, 0 },	/* line 185, main */
	{ step_115, 0 },	/* line 189, main */
	{ step_116, 0 },	/* line 190, main */
	{ step_117, 0 },	/* line 191, main */
	{ step_118, 0 },	/* line 192, main */
	{ step_119, 0 },	/* line 193, main */
	{ step_120, 0 },	/* line 194, main */
	{ step_121, 0 },	/* line 195, main */
	{ step_122, 0 },	/* line 196, main */
	{ step_123, 0 },	/* line 199, main */
	{ step_124, 0 },	/* line 200, main */
	{ step_125, 0 },	/* line 201, main */
	{ step_126, 0 },	/* line 202, main */
	{ step_127, 0 },	/* line 203, main */
	{ step_128, 0 },	/* line 204, main */
	{ step_129, 0 },	/* line 205, main */
	{ step_130, 0 },	/* line 214, main */
	{ step_131, 0 },	/* line 215, main */
	{ step_132, 0 },	/* line 216, main */
	{ step_133, 0 },	/* line 217, main */
	{ step_134, 0 },	/* line 218, main */
	{ step_135, 0 },	/* line 219, main */
	{ step_136, 0 },	/* line 220, main */
	{ step_137, 0 },	/* line 221, main */
	{ step_138, 0 },	/* line 225, main */
	{ step_139, 0 },	/* line 226, main */
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
