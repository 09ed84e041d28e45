/* behaviour-udp-sharing.stage: exported by sockstage --export-c.
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

#define NSOCK 17
#define NPROC 1
#define NSTEPS 63

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # udp-sharing.stage - LINUX-FACTS.md (d), the deterministic part: UDP */
/* # sockets sharing a port with SO_REUSEADDR, and who gets a unicast */
/* # datagram. (The SO_REUSEPORT spreading is statistical:
 * tests/udp-reuseport.sh.) */
/* # */
/* # What the kernel does (6.18), as LINUX-FACTS.md says: */
/* # - two UDP sockets that both set SO_REUSEADDR share 127.0.0.1:P; when
 * only */
/* # one of them sets it (the second, or the first), the second bind gets */
/* # EADDRINUSE; */
/* # - unicast datagrams to a shared port all go to the most recently
 * bound */
/* # socket: it receives them, the other's recv finds nothing (EAGAIN
 * after */
/* # the 1 s wait); when that socket closes, the previous one gets them; */
/* # - with 0.0.0.0:P and 127.0.0.1:P bound (both SO_REUSEADDR, either
 * order), */
/* # a datagram to 127.0.0.1:P goes to the specific address. */
/* # Plus: without SO_REUSEADDR, 0.0.0.0:P and 127.0.0.1:P cannot both
 * bind. */
/* # */
/* # Every datagram is sent before the recv that looks for it; loopback */
/* # delivers it during sendto, so a recv result never depends on timing. */
/* line 19, in main: socket udp as tx */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s1 (tx)");
}

/* line 20, in main: bind tx 127.0.0.1:3800 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3800, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3800)", &a, alen, 0);
}

/* # ---- only one of two sockets sets SO_REUSEADDR: EADDRINUSE ---- */
/* line 23, in main: socket udp as u1 */
static void step_2(void)
{
	do_socket(2, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s2 (u1)");
}

/* line 24, in main: bind u1 127.0.0.1:3801 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3801, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3801)", &a, alen, 0);
}

/* line 25, in main: socket udp as u2 */
static void step_4(void)
{
	do_socket(3, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s3 (u2)");
}

/* line 26, in main: set u2 reuseaddr => ok */
static void step_5(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 27, in main: bind u2 127.0.0.1:3801 => EADDRINUSE */
static void step_6(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3801, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:3801)", &a, alen, 0);
}

/* line 29, in main: socket udp as v1 */
static void step_7(void)
{
	do_socket(4, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s4 (v1)");
}

/* line 30, in main: set v1 reuseaddr => ok */
static void step_8(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 31, in main: bind v1 127.0.0.1:3802 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3802, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3802)", &a, alen, 0);
}

/* line 32, in main: socket udp as v2 */
static void step_10(void)
{
	do_socket(5, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s5 (v2)");
}

/* line 33, in main: bind v2 127.0.0.1:3802 => EADDRINUSE */
static void step_11(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3802, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3802)", &a, alen, 0);
}

/* # ---- both set it: they share the port ---- */
/* line 36, in main: socket udp as a1 */
static void step_12(void)
{
	do_socket(6, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s6 (a1)");
}

/* line 37, in main: set a1 reuseaddr => ok */
static void step_13(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 38, in main: bind a1 127.0.0.1:3803 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3803)", &a, alen, 0);
}

/* line 39, in main: socket udp as a2 */
static void step_15(void)
{
	do_socket(7, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s7 (a2)");
}

/* line 40, in main: set a2 reuseaddr => ok */
static void step_16(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(7, "setsockopt(s7, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 41, in main: bind a2 127.0.0.1:3803 => ok */
static void step_17(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_bind(7, "bind(s7, 127.0.0.1:3803)", &a, alen, 0);
}

/* line 42: expect UNCONN 127.0.0.1:3803 (sockstage checks the kernel
 * view) */
/* line 43: show (sockstage prints the kernel view) */
/* # the most recently bound socket (a2) gets every datagram */
/* line 46, in main: sendto tx 127.0.0.1:3803 "one" => ok */
static void step_18(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_send(1, "sendto(s1, \"one\", 127.0.0.1:3803)", 1, "one", 3, &a, alen);
}

/* line 47, in main: sendto tx 127.0.0.1:3803 "two" => ok */
static void step_19(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_send(1, "sendto(s1, \"two\", 127.0.0.1:3803)", 1, "two", 3, &a, alen);
}

/* line 48, in main: sendto tx 127.0.0.1:3803 "three" => ok */
static void step_20(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_send(1, "sendto(s1, \"three\", 127.0.0.1:3803)", 1, "three", 5, &a, alen);
}

/* line 49, in main: recv a1 => EAGAIN */
static void step_21(void)
{
	/* the script expects => EAGAIN */
	do_recv(6, "recv(s6, 65536)", 1, 65536, 1000);
}

/* line 50, in main: recv a2 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	do_recv(7, "recv(s7, 65536)", 1, 65536, 1000);
}

/* line 51, in main: recv a2 => ok */
static void step_23(void)
{
	/* the script expects => ok */
	do_recv(7, "recv(s7, 65536)", 1, 65536, 1000);
}

/* line 52, in main: recv a2 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_recv(7, "recv(s7, 65536)", 1, 65536, 1000);
}

/* line 53, in main: recv a2 => EAGAIN */
static void step_25(void)
{
	/* the script expects => EAGAIN */
	do_recv(7, "recv(s7, 65536)", 1, 65536, 1000);
}

/* # a third one bound later takes over */
/* line 56, in main: socket udp as a3 */
static void step_26(void)
{
	do_socket(8, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s8 (a3)");
}

/* line 57, in main: set a3 reuseaddr => ok */
static void step_27(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(8, "setsockopt(s8, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 58, in main: bind a3 127.0.0.1:3803 => ok */
static void step_28(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:3803)", &a, alen, 0);
}

/* line 59, in main: sendto tx 127.0.0.1:3803 "four" => ok */
static void step_29(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_send(1, "sendto(s1, \"four\", 127.0.0.1:3803)", 1, "four", 4, &a, alen);
}

/* line 60, in main: recv a1 => EAGAIN */
static void step_30(void)
{
	/* the script expects => EAGAIN */
	do_recv(6, "recv(s6, 65536)", 1, 65536, 1000);
}

/* line 61, in main: recv a2 => EAGAIN */
static void step_31(void)
{
	/* the script expects => EAGAIN */
	do_recv(7, "recv(s7, 65536)", 1, 65536, 1000);
}

/* line 62, in main: recv a3 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_recv(8, "recv(s8, 65536)", 1, 65536, 1000);
}

/* # when it closes, the one bound before it (a2) gets them again */
/* line 65, in main: close a3 => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_close(8, "close(s8)");
}

/* line 66, in main: sendto tx 127.0.0.1:3803 "five" => ok */
static void step_34(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3803, 0u);

	do_send(1, "sendto(s1, \"five\", 127.0.0.1:3803)", 1, "five", 4, &a, alen);
}

/* line 67, in main: recv a1 => EAGAIN */
static void step_35(void)
{
	/* the script expects => EAGAIN */
	do_recv(6, "recv(s6, 65536)", 1, 65536, 1000);
}

/* line 68, in main: recv a2 => ok */
static void step_36(void)
{
	/* the script expects => ok */
	do_recv(7, "recv(s7, 65536)", 1, 65536, 1000);
}

/* # ---- 0.0.0.0:P bound first, then 127.0.0.1:P: the specific one gets
 * it ---- */
/* line 71, in main: socket udp as wild1 */
static void step_37(void)
{
	do_socket(9, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s9 (wild1)");
}

/* line 72, in main: set wild1 reuseaddr => ok */
static void step_38(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(9, "setsockopt(s9, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 73, in main: bind wild1 0.0.0.0:3804 => ok */
static void step_39(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3804, 0u);

	do_bind(9, "bind(s9, 0.0.0.0:3804)", &a, alen, 0);
}

/* line 74, in main: socket udp as spec1 */
static void step_40(void)
{
	do_socket(10, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s10 (spec1)");
}

/* line 75, in main: set spec1 reuseaddr => ok */
static void step_41(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(10, "setsockopt(s10, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 76, in main: bind spec1 127.0.0.1:3804 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3804, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:3804)", &a, alen, 0);
}

/* line 77, in main: sendto tx 127.0.0.1:3804 "to the specific" => ok */
static void step_43(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3804, 0u);

	do_send(1, "sendto(s1, \"to the specific\", 127.0.0.1:3804)", 1, "to the specific", 15, &a, alen);
}

/* line 78, in main: recv wild1 => EAGAIN */
static void step_44(void)
{
	/* the script expects => EAGAIN */
	do_recv(9, "recv(s9, 65536)", 1, 65536, 1000);
}

/* line 79, in main: recv spec1 => ok */
static void step_45(void)
{
	/* the script expects => ok */
	do_recv(10, "recv(s10, 65536)", 1, 65536, 1000);
}

/* # ---- 127.0.0.1:P bound first, then 0.0.0.0:P: still the specific one
 * ---- */
/* line 82, in main: socket udp as spec2 */
static void step_46(void)
{
	do_socket(11, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s11 (spec2)");
}

/* line 83, in main: set spec2 reuseaddr => ok */
static void step_47(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(11, "setsockopt(s11, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 84, in main: bind spec2 127.0.0.1:3805 => ok */
static void step_48(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3805, 0u);

	do_bind(11, "bind(s11, 127.0.0.1:3805)", &a, alen, 0);
}

/* line 85, in main: socket udp as wild2 */
static void step_49(void)
{
	do_socket(12, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s12 (wild2)");
}

/* line 86, in main: set wild2 reuseaddr => ok */
static void step_50(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(12, "setsockopt(s12, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 87, in main: bind wild2 0.0.0.0:3805 => ok */
static void step_51(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3805, 0u);

	do_bind(12, "bind(s12, 0.0.0.0:3805)", &a, alen, 0);
}

/* line 88, in main: sendto tx 127.0.0.1:3805 "to the specific" => ok */
static void step_52(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3805, 0u);

	do_send(1, "sendto(s1, \"to the specific\", 127.0.0.1:3805)", 1, "to the specific", 15, &a, alen);
}

/* line 89, in main: recv wild2 => EAGAIN */
static void step_53(void)
{
	/* the script expects => EAGAIN */
	do_recv(12, "recv(s12, 65536)", 1, 65536, 1000);
}

/* line 90, in main: recv spec2 => ok */
static void step_54(void)
{
	/* the script expects => ok */
	do_recv(11, "recv(s11, 65536)", 1, 65536, 1000);
}

/* # ---- without SO_REUSEADDR, wildcard and specific exclude each other
 * ---- */
/* line 93, in main: socket udp as wild3 */
static void step_55(void)
{
	do_socket(13, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s13 (wild3)");
}

/* line 94, in main: bind wild3 0.0.0.0:3806 => ok */
static void step_56(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3806, 0u);

	do_bind(13, "bind(s13, 0.0.0.0:3806)", &a, alen, 0);
}

/* line 95, in main: socket udp as spec3 */
static void step_57(void)
{
	do_socket(14, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s14 (spec3)");
}

/* line 96, in main: bind spec3 127.0.0.1:3806 => EADDRINUSE */
static void step_58(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3806, 0u);

	do_bind(14, "bind(s14, 127.0.0.1:3806)", &a, alen, 0);
}

/* line 97, in main: socket udp as spec4 */
static void step_59(void)
{
	do_socket(15, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s15 (spec4)");
}

/* line 98, in main: bind spec4 127.0.0.1:3807 => ok */
static void step_60(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3807, 0u);

	do_bind(15, "bind(s15, 127.0.0.1:3807)", &a, alen, 0);
}

/* line 99, in main: socket udp as wild4 */
static void step_61(void)
{
	do_socket(16, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s16 (wild4)");
}

/* line 100, in main: bind wild4 0.0.0.0:3807 => EADDRINUSE */
static void step_62(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3807, 0u);

	do_bind(16, "bind(s16, 0.0.0.0:3807)", &a, alen, 0);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 19, main */
	{ step_1, 0 },	/* line 20, main */
	{ step_2, 0 },	/* line 23, main */
	{ step_3, 0 },	/* line 24, main */
	{ step_4, 0 },	/* line 25, main */
	{ step_5, 0 },	/* line 26, main */
	{ step_6, 0 },	/* line 27, main */
	{ step_7, 0 },	/* line 29, main */
	{ step_8, 0 },	/* line 30, main */
	{ step_9, 0 },	/* line 31, main */
	{ step_10, 0 },	/* line 32, main */
	{ step_11, 0 },	/* line 33, main */
	{ step_12, 0 },	/* line 36, main */
	{ step_13, 0 },	/* line 37, main */
	{ step_14, 0 },	/* line 38, main */
	{ step_15, 0 },	/* line 39, main */
	{ step_16, 0 },	/* line 40, main */
	{ step_17, 0 },	/* line 41, main */
	{ step_18, 0 },	/* line 46, main */
	{ step_19, 0 },	/* line 47, main */
	{ step_20, 0 },	/* line 48, main */
	{ step_21, 0 },	/* line 49, main */
	{ step_22, 0 },	/* line 50, main */
	{ step_23, 0 },	/* line 51, main */
	{ step_24, 0 },	/* line 52, main */
	{ step_25, 0 },	/* line 53, main */
	{ step_26, 0 },	/* line 56, main */
	{ step_27, 0 },	/* line 57, main */
	{ step_28, 0 },	/* line 58, main */
	{ step_29, 0 },	/* line 59, main */
	{ step_30, 0 },	/* line 60, main */
	{ step_31, 0 },	/* line 61, main */
	{ step_32, 0 },	/* line 62, main */
	{ step_33, 0 },	/* line 65, main */
	{ step_34, 0 },	/* line 66, main */
	{ step_35, 0 },	/* line 67, main */
	{ step_36, 0 },	/* line 68, main */
	{ step_37, 0 },	/* line 71, main */
	{ step_38, 0 },	/* line 72, main */
	{ step_39, 0 },	/* line 73, main */
	{ step_40, 0 },	/* line 74, main */
	{ step_41, 0 },	/* line 75, main */
	{ step_42, 0 },	/* line 76, main */
	{ step_43, 0 },	/* line 77, main */
	{ step_44, 0 },	/* line 78, main */
	{ step_45, 0 },	/* line 79, main */
	{ step_46, 0 },	/* line 82, main */
	{ step_47, 0 },	/* line 83, main */
	{ step_48, 0 },	/* line 84, main */
	{ step_49, 0 },	/* line 85, main */
	{ step_50, 0 },	/* line 86, main */
	{ step_51, 0 },	/* line 87, main */
	{ step_52, 0 },	/* line 88, main */
	{ step_53, 0 },	/* line 89, main */
	{ step_54, 0 },	/* line 90, main */
	{ step_55, 0 },	/* line 93, main */
	{ step_56, 0 },	/* line 94, main */
	{ step_57, 0 },	/* line 95, main */
	{ step_58, 0 },	/* line 96, main */
	{ step_59, 0 },	/* line 97, main */
	{ step_60, 0 },	/* line 98, main */
	{ step_61, 0 },	/* line 99, main */
	{ step_62, 0 },	/* line 100, main */
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
