/* lesson-08-udp-sharing.stage: exported by sockstage --export-c.
 *
 * UDP port sharing: SO_REUSEADDR against SO_REUSEPORT
 * Two UDP sockets share a port when both set SO_REUSEADDR or both set
 * SO_REUSEPORT, with very different results. SO_REUSEADDR: every unicast
 * datagram goes to the socket bound last. SO_REUSEPORT: a hash of
 * addresses and ports picks the socket, so each sender sticks to one and
 * many senders spread.
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
#define NPROC 1
#define NSTEPS 97

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* UDP port sharing: SO_REUSEADDR against SO_REUSEPORT */
/* Two UDP sockets share a port when both set SO_REUSEADDR or both set
 * SO_REUSEPORT, with very different results. SO_REUSEADDR: every unicast
 * datagram goes to the socket bound last. SO_REUSEPORT: a hash of
 * addresses and ports picks the socket, so each sender sticks to one and
 * many senders spread. */
/* Two UDP sockets, both with SO_REUSEADDR, bind the same address,
 * 127.0.0.1:3466. a1 binds first, then a2. */
/* line 5, in main: socket udp as a1 */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s1 (a1)");
}

/* line 6, in main: set a1 reuseaddr */
static void step_1(void)
{
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 7, in main: bind a1 127.0.0.1:3466 */
static void step_2(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 8, in main: socket udp as a2 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s2 (a2)");
}

/* line 9, in main: set a2 reuseaddr */
static void step_4(void)
{
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 10, in main: bind a2 127.0.0.1:3466 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3466)", &a, alen, 0);
}

/* line 11: expect UNCONN 127.0.0.1:3466 (sockstage checks the kernel
 * view) */
/* line 12: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* A sender on port 4466 sends three datagrams to the shared port. Watch
 * the Recv-Q of the two rows. */
/* line 16, in main: socket udp as tx */
static void step_6(void)
{
	do_socket(3, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s3 (tx)");
}

/* line 17, in main: bind tx 127.0.0.1:4466 */
static void step_7(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4466, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:4466)", &a, alen, 0);
}

/* line 18, in main: sendto tx 127.0.0.1:3466 "one" */
static void step_8(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_send(3, "sendto(s3, \"one\", 127.0.0.1:3466)", 1, "one", 3, &a, alen);
}

/* line 19, in main: sendto tx 127.0.0.1:3466 "two" */
static void step_9(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_send(3, "sendto(s3, \"two\", 127.0.0.1:3466)", 1, "two", 3, &a, alen);
}

/* line 20, in main: sendto tx 127.0.0.1:3466 "three" */
static void step_10(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_send(3, "sendto(s3, \"three\", 127.0.0.1:3466)", 1, "three", 5, &a, alen);
}

/* line 21: show (sockstage prints the kernel view) */
/* All three went to a2, the socket bound last; a1 gets nothing. (For
 * UDP, Recv-Q counts the memory the waiting datagrams take, which is
 * more than their data.) */
/* line 23, in main: recv a1 => EAGAIN */
static void step_11(void)
{
	/* the script expects => EAGAIN */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* line 24, in main: recv a2 => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 1, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* a2 closes. Now the datagrams go to a1: still one socket at a time,
 * never both. */
/* line 28, in main: close a2 */
static void step_13(void)
{
	do_close(2, "close(s2)");
}

/* line 29, in main: sendto tx 127.0.0.1:3466 "four" */
static void step_14(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3466, 0u);

	do_send(3, "sendto(s3, \"four\", 127.0.0.1:3466)", 1, "four", 4, &a, alen);
}

/* line 30, in main: recv a1 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	do_recv(1, "recv(s1, 65536)", 1, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* Now SO_REUSEPORT: two sockets, r1 and r2, both set it and bind
 * 127.0.0.1:3566. */
/* line 34, in main: socket udp as r1 */
static void step_16(void)
{
	do_socket(4, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s4 (r1)");
}

/* line 35, in main: set r1 reuseport */
static void step_17(void)
{
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 36, in main: bind r1 127.0.0.1:3566 */
static void step_18(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3566)", &a, alen, 0);
}

/* line 37, in main: socket udp as r2 */
static void step_19(void)
{
	do_socket(5, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s5 (r2)");
}

/* line 38, in main: set r2 reuseport */
static void step_20(void)
{
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 39, in main: bind r2 127.0.0.1:3566 => ok */
static void step_21(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3566)", &a, alen, 0);
}

/* ---- pause: the end of a lesson step ---- */

/* The same sender sends three datagrams. The kernel picks a socket by a
 * hash of the source and destination addresses and ports. */
/* One sender, one hash: all three land on the same socket. Which one
 * differs from run to run. */
/* line 44, in main: sendto tx 127.0.0.1:3566 "one" */
static void step_22(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(3, "sendto(s3, \"one\", 127.0.0.1:3566)", 1, "one", 3, &a, alen);
}

/* line 45, in main: sendto tx 127.0.0.1:3566 "two" */
static void step_23(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(3, "sendto(s3, \"two\", 127.0.0.1:3566)", 1, "two", 3, &a, alen);
}

/* line 46, in main: sendto tx 127.0.0.1:3566 "three" */
static void step_24(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(3, "sendto(s3, \"three\", 127.0.0.1:3566)", 1, "three", 5, &a, alen);
}

/* line 47: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* 24 senders, each from its own port, send one datagram each and close. */
/* Different source ports, different hashes: the datagrams spread over
 * both sockets. Compare the Recv-Q of r1 and r2. */
/* line 52, in main: socket udp as t1 */
static void step_25(void)
{
	do_socket(6, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s6 (t1)");
}

/* line 53, in main: sendto t1 127.0.0.1:3566 "from t1" */
static void step_26(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(6, "sendto(s6, \"from t1\", 127.0.0.1:3566)", 1, "from t1", 7, &a, alen);
}

/* line 54, in main: close t1 */
static void step_27(void)
{
	do_close(6, "close(s6)");
}

/* line 55, in main: socket udp as t2 */
static void step_28(void)
{
	do_socket(7, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s7 (t2)");
}

/* line 56, in main: sendto t2 127.0.0.1:3566 "from t2" */
static void step_29(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(7, "sendto(s7, \"from t2\", 127.0.0.1:3566)", 1, "from t2", 7, &a, alen);
}

/* line 57, in main: close t2 */
static void step_30(void)
{
	do_close(7, "close(s7)");
}

/* line 58, in main: socket udp as t3 */
static void step_31(void)
{
	do_socket(8, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s8 (t3)");
}

/* line 59, in main: sendto t3 127.0.0.1:3566 "from t3" */
static void step_32(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(8, "sendto(s8, \"from t3\", 127.0.0.1:3566)", 1, "from t3", 7, &a, alen);
}

/* line 60, in main: close t3 */
static void step_33(void)
{
	do_close(8, "close(s8)");
}

/* line 61, in main: socket udp as t4 */
static void step_34(void)
{
	do_socket(9, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s9 (t4)");
}

/* line 62, in main: sendto t4 127.0.0.1:3566 "from t4" */
static void step_35(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(9, "sendto(s9, \"from t4\", 127.0.0.1:3566)", 1, "from t4", 7, &a, alen);
}

/* line 63, in main: close t4 */
static void step_36(void)
{
	do_close(9, "close(s9)");
}

/* line 64, in main: socket udp as t5 */
static void step_37(void)
{
	do_socket(10, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s10 (t5)");
}

/* line 65, in main: sendto t5 127.0.0.1:3566 "from t5" */
static void step_38(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(10, "sendto(s10, \"from t5\", 127.0.0.1:3566)", 1, "from t5", 7, &a, alen);
}

/* line 66, in main: close t5 */
static void step_39(void)
{
	do_close(10, "close(s10)");
}

/* line 67, in main: socket udp as t6 */
static void step_40(void)
{
	do_socket(11, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s11 (t6)");
}

/* line 68, in main: sendto t6 127.0.0.1:3566 "from t6" */
static void step_41(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(11, "sendto(s11, \"from t6\", 127.0.0.1:3566)", 1, "from t6", 7, &a, alen);
}

/* line 69, in main: close t6 */
static void step_42(void)
{
	do_close(11, "close(s11)");
}

/* line 70, in main: socket udp as t7 */
static void step_43(void)
{
	do_socket(12, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s12 (t7)");
}

/* line 71, in main: sendto t7 127.0.0.1:3566 "from t7" */
static void step_44(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(12, "sendto(s12, \"from t7\", 127.0.0.1:3566)", 1, "from t7", 7, &a, alen);
}

/* line 72, in main: close t7 */
static void step_45(void)
{
	do_close(12, "close(s12)");
}

/* line 73, in main: socket udp as t8 */
static void step_46(void)
{
	do_socket(13, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s13 (t8)");
}

/* line 74, in main: sendto t8 127.0.0.1:3566 "from t8" */
static void step_47(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(13, "sendto(s13, \"from t8\", 127.0.0.1:3566)", 1, "from t8", 7, &a, alen);
}

/* line 75, in main: close t8 */
static void step_48(void)
{
	do_close(13, "close(s13)");
}

/* line 76, in main: socket udp as t9 */
static void step_49(void)
{
	do_socket(14, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s14 (t9)");
}

/* line 77, in main: sendto t9 127.0.0.1:3566 "from t9" */
static void step_50(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(14, "sendto(s14, \"from t9\", 127.0.0.1:3566)", 1, "from t9", 7, &a, alen);
}

/* line 78, in main: close t9 */
static void step_51(void)
{
	do_close(14, "close(s14)");
}

/* line 79, in main: socket udp as t10 */
static void step_52(void)
{
	do_socket(15, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s15 (t10)");
}

/* line 80, in main: sendto t10 127.0.0.1:3566 "from t10" */
static void step_53(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(15, "sendto(s15, \"from t10\", 127.0.0.1:3566)", 1, "from t10", 8, &a, alen);
}

/* line 81, in main: close t10 */
static void step_54(void)
{
	do_close(15, "close(s15)");
}

/* line 82, in main: socket udp as t11 */
static void step_55(void)
{
	do_socket(16, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s16 (t11)");
}

/* line 83, in main: sendto t11 127.0.0.1:3566 "from t11" */
static void step_56(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(16, "sendto(s16, \"from t11\", 127.0.0.1:3566)", 1, "from t11", 8, &a, alen);
}

/* line 84, in main: close t11 */
static void step_57(void)
{
	do_close(16, "close(s16)");
}

/* line 85, in main: socket udp as t12 */
static void step_58(void)
{
	do_socket(17, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s17 (t12)");
}

/* line 86, in main: sendto t12 127.0.0.1:3566 "from t12" */
static void step_59(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(17, "sendto(s17, \"from t12\", 127.0.0.1:3566)", 1, "from t12", 8, &a, alen);
}

/* line 87, in main: close t12 */
static void step_60(void)
{
	do_close(17, "close(s17)");
}

/* line 88, in main: socket udp as t13 */
static void step_61(void)
{
	do_socket(18, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s18 (t13)");
}

/* line 89, in main: sendto t13 127.0.0.1:3566 "from t13" */
static void step_62(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(18, "sendto(s18, \"from t13\", 127.0.0.1:3566)", 1, "from t13", 8, &a, alen);
}

/* line 90, in main: close t13 */
static void step_63(void)
{
	do_close(18, "close(s18)");
}

/* line 91, in main: socket udp as t14 */
static void step_64(void)
{
	do_socket(19, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s19 (t14)");
}

/* line 92, in main: sendto t14 127.0.0.1:3566 "from t14" */
static void step_65(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(19, "sendto(s19, \"from t14\", 127.0.0.1:3566)", 1, "from t14", 8, &a, alen);
}

/* line 93, in main: close t14 */
static void step_66(void)
{
	do_close(19, "close(s19)");
}

/* line 94, in main: socket udp as t15 */
static void step_67(void)
{
	do_socket(20, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s20 (t15)");
}

/* line 95, in main: sendto t15 127.0.0.1:3566 "from t15" */
static void step_68(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(20, "sendto(s20, \"from t15\", 127.0.0.1:3566)", 1, "from t15", 8, &a, alen);
}

/* line 96, in main: close t15 */
static void step_69(void)
{
	do_close(20, "close(s20)");
}

/* line 97, in main: socket udp as t16 */
static void step_70(void)
{
	do_socket(21, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s21 (t16)");
}

/* line 98, in main: sendto t16 127.0.0.1:3566 "from t16" */
static void step_71(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(21, "sendto(s21, \"from t16\", 127.0.0.1:3566)", 1, "from t16", 8, &a, alen);
}

/* line 99, in main: close t16 */
static void step_72(void)
{
	do_close(21, "close(s21)");
}

/* line 100, in main: socket udp as t17 */
static void step_73(void)
{
	do_socket(22, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s22 (t17)");
}

/* line 101, in main: sendto t17 127.0.0.1:3566 "from t17" */
static void step_74(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(22, "sendto(s22, \"from t17\", 127.0.0.1:3566)", 1, "from t17", 8, &a, alen);
}

/* line 102, in main: close t17 */
static void step_75(void)
{
	do_close(22, "close(s22)");
}

/* line 103, in main: socket udp as t18 */
static void step_76(void)
{
	do_socket(23, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s23 (t18)");
}

/* line 104, in main: sendto t18 127.0.0.1:3566 "from t18" */
static void step_77(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(23, "sendto(s23, \"from t18\", 127.0.0.1:3566)", 1, "from t18", 8, &a, alen);
}

/* line 105, in main: close t18 */
static void step_78(void)
{
	do_close(23, "close(s23)");
}

/* line 106, in main: socket udp as t19 */
static void step_79(void)
{
	do_socket(24, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s24 (t19)");
}

/* line 107, in main: sendto t19 127.0.0.1:3566 "from t19" */
static void step_80(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(24, "sendto(s24, \"from t19\", 127.0.0.1:3566)", 1, "from t19", 8, &a, alen);
}

/* line 108, in main: close t19 */
static void step_81(void)
{
	do_close(24, "close(s24)");
}

/* line 109, in main: socket udp as t20 */
static void step_82(void)
{
	do_socket(25, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s25 (t20)");
}

/* line 110, in main: sendto t20 127.0.0.1:3566 "from t20" */
static void step_83(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(25, "sendto(s25, \"from t20\", 127.0.0.1:3566)", 1, "from t20", 8, &a, alen);
}

/* line 111, in main: close t20 */
static void step_84(void)
{
	do_close(25, "close(s25)");
}

/* line 112, in main: socket udp as t21 */
static void step_85(void)
{
	do_socket(26, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s26 (t21)");
}

/* line 113, in main: sendto t21 127.0.0.1:3566 "from t21" */
static void step_86(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(26, "sendto(s26, \"from t21\", 127.0.0.1:3566)", 1, "from t21", 8, &a, alen);
}

/* line 114, in main: close t21 */
static void step_87(void)
{
	do_close(26, "close(s26)");
}

/* line 115, in main: socket udp as t22 */
static void step_88(void)
{
	do_socket(27, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s27 (t22)");
}

/* line 116, in main: sendto t22 127.0.0.1:3566 "from t22" */
static void step_89(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(27, "sendto(s27, \"from t22\", 127.0.0.1:3566)", 1, "from t22", 8, &a, alen);
}

/* line 117, in main: close t22 */
static void step_90(void)
{
	do_close(27, "close(s27)");
}

/* line 118, in main: socket udp as t23 */
static void step_91(void)
{
	do_socket(28, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s28 (t23)");
}

/* line 119, in main: sendto t23 127.0.0.1:3566 "from t23" */
static void step_92(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(28, "sendto(s28, \"from t23\", 127.0.0.1:3566)", 1, "from t23", 8, &a, alen);
}

/* line 120, in main: close t23 */
static void step_93(void)
{
	do_close(28, "close(s28)");
}

/* line 121, in main: socket udp as t24 */
static void step_94(void)
{
	do_socket(29, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s29 (t24)");
}

/* line 122, in main: sendto t24 127.0.0.1:3566 "from t24" */
static void step_95(void)
{
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3566, 0u);

	do_send(29, "sendto(s29, \"from t24\", 127.0.0.1:3566)", 1, "from t24", 8, &a, alen);
}

/* line 123, in main: close t24 */
static void step_96(void)
{
	do_close(29, "close(s29)");
}

/* line 124: show (sockstage prints the kernel view) */
/* SO_REUSEPORT shares the load; SO_REUSEADDR only lets the sockets bind
 * the same port. */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 0 },	/* line 9, main */
	{ step_5, 0 },	/* line 10, main */
	{ step_6, 0 },	/* line 16, main */
	{ step_7, 0 },	/* line 17, main */
	{ step_8, 0 },	/* line 18, main */
	{ step_9, 0 },	/* line 19, main */
	{ step_10, 0 },	/* line 20, main */
	{ step_11, 0 },	/* line 23, main */
	{ step_12, 0 },	/* line 24, main */
	{ step_13, 0 },	/* line 28, main */
	{ step_14, 0 },	/* line 29, main */
	{ step_15, 0 },	/* line 30, main */
	{ step_16, 0 },	/* line 34, main */
	{ step_17, 0 },	/* line 35, main */
	{ step_18, 0 },	/* line 36, main */
	{ step_19, 0 },	/* line 37, main */
	{ step_20, 0 },	/* line 38, main */
	{ step_21, 0 },	/* line 39, main */
	{ step_22, 0 },	/* line 44, main */
	{ step_23, 0 },	/* line 45, main */
	{ step_24, 0 },	/* line 46, main */
	{ step_25, 0 },	/* line 52, main */
	{ step_26, 0 },	/* line 53, main */
	{ step_27, 0 },	/* line 54, main */
	{ step_28, 0 },	/* line 55, main */
	{ step_29, 0 },	/* line 56, main */
	{ step_30, 0 },	/* line 57, main */
	{ step_31, 0 },	/* line 58, main */
	{ step_32, 0 },	/* line 59, main */
	{ step_33, 0 },	/* line 60, main */
	{ step_34, 0 },	/* line 61, main */
	{ step_35, 0 },	/* line 62, main */
	{ step_36, 0 },	/* line 63, main */
	{ step_37, 0 },	/* line 64, main */
	{ step_38, 0 },	/* line 65, main */
	{ step_39, 0 },	/* line 66, main */
	{ step_40, 0 },	/* line 67, main */
	{ step_41, 0 },	/* line 68, main */
	{ step_42, 0 },	/* line 69, main */
	{ step_43, 0 },	/* line 70, main */
	{ step_44, 0 },	/* line 71, main */
	{ step_45, 0 },	/* line 72, main */
	{ step_46, 0 },	/* line 73, main */
	{ step_47, 0 },	/* line 74, main */
	{ step_48, 0 },	/* line 75, main */
	{ step_49, 0 },	/* line 76, main */
	{ step_50, 0 },	/* line 77, main */
	{ step_51, 0 },	/* line 78, main */
	{ step_52, 0 },	/* line 79, main */
	{ step_53, 0 },	/* line 80, main */
	{ step_54, 0 },	/* line 81, main */
	{ step_55, 0 },	/* line 82, main */
	{ step_56, 0 },	/* line 83, main */
	{ step_57, 0 },	/* line 84, main */
	{ step_58, 0 },	/* line 85, main */
	{ step_59, 0 },	/* line 86, main */
	{ step_60, 0 },	/* line 87, main */
	{ step_61, 0 },	/* line 88, main */
	{ step_62, 0 },	/* line 89, main */
	{ step_63, 0 },	/* line 90, main */
	{ step_64, 0 },	/* line 91, main */
	{ step_65, 0 },	/* line 92, main */
	{ step_66, 0 },	/* line 93, main */
	{ step_67, 0 },	/* line 94, main */
	{ step_68, 0 },	/* line 95, main */
	{ step_69, 0 },	/* line 96, main */
	{ step_70, 0 },	/* line 97, main */
	{ step_71, 0 },	/* line 98, main */
	{ step_72, 0 },	/* line 99, main */
	{ step_73, 0 },	/* line 100, main */
	{ step_74, 0 },	/* line 101, main */
	{ step_75, 0 },	/* line 102, main */
	{ step_76, 0 },	/* line 103, main */
	{ step_77, 0 },	/* line 104, main */
	{ step_78, 0 },	/* line 105, main */
	{ step_79, 0 },	/* line 106, main */
	{ step_80, 0 },	/* line 107, main */
	{ step_81, 0 },	/* line 108, main */
	{ step_82, 0 },	/* line 109, main */
	{ step_83, 0 },	/* line 110, main */
	{ step_84, 0 },	/* line 111, main */
	{ step_85, 0 },	/* line 112, main */
	{ step_86, 0 },	/* line 113, main */
	{ step_87, 0 },	/* line 114, main */
	{ step_88, 0 },	/* line 115, main */
	{ step_89, 0 },	/* line 116, main */
	{ step_90, 0 },	/* line 117, main */
	{ step_91, 0 },	/* line 118, main */
	{ step_92, 0 },	/* line 119, main */
	{ step_93, 0 },	/* line 120, main */
	{ step_94, 0 },	/* line 121, main */
	{ step_95, 0 },	/* line 122, main */
	{ step_96, 0 },	/* line 123, main */
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
