/* behaviour-reuseport-other-uid.stage: exported by sockstage --export-c.
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

#define NSOCK 19
#define NPROC 7
#define NSTEPS 74

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # reuseport-other-uid.stage - LINUX-FACTS.md (c), the uid rule of */
/* # SO_REUSEPORT: a port is shared only among sockets of the same user. */
/* # needs: root ("spawn other uid 65534" makes a worker setuid(65534);
 * in an */
/* # unprivileged user namespace uid 65534 is not mapped and spawn fails) */
/* # */
/* # What the kernel does (6.18): */
/* # - two listeners of uid 0 share 127.0.0.1:P with SO_REUSEPORT; a
 * socket of */
/* # another uid (65534) gets EADDRINUSE even with SO_REUSEPORT (and with */
/* # SO_REUSEADDR too), on 127.0.0.1:P and 0.0.0.0:P, as LINUX-FACTS.md
 * says; */
/* # that socket binds a free port fine (the refusal is about the port); */
/* # - the same holds when the first socket is only bound, not listening; */
/* # - NOT IN LINUX-FACTS.md: over a TIME-WAIT the uid rule does not
 * apply. */
/* # When the old server (uid 0) had set SO_REUSEPORT, a server of uid
 * 65534 */
/* # that sets SO_REUSEPORT binds and listens on the port while the old */
/* # connection is still in TIME-WAIT (see also
 * timewait-reuseport.stage). */
/* # - across processes the uid counts, not the process: two processes
 * spawned */
/* # with uid 65534 (and one forked from them) share a port; a process */
/* # spawned with uid 65533, and main (uid 0), get EADDRINUSE; a second */
/* # process of uid 0 shares main's port. */
/* line 21, in main: spawn other uid 65534 => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_spawn(1, 65534, -1, "spawn(other, uid 65534)");
}

/* # ---- live listeners of uid 0: another uid is refused ---- */
/* line 24, in main: socket tcp as l1 */
static void step_1(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l1)");
}

/* line 25, in main: set l1 reuseport => ok */
static void step_2(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(1, "setsockopt(s1, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 26, in main: bind l1 127.0.0.1:3751 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3751, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3751)", &a, alen, 0);
}

/* line 27, in main: listen l1 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 28, in main: socket tcp as l2 */
static void step_5(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (l2)");
}

/* line 29, in main: set l2 reuseport => ok */
static void step_6(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(2, "setsockopt(s2, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 30, in main: bind l2 127.0.0.1:3751 => ok */
static void step_7(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3751, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3751)", &a, alen, 0);
}

/* line 31, in main: listen l2 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_listen(2, "listen(s2, 4096)", 4096);
}

/* line 32: other: socket tcp as o1 */
static void step_9(void)
{
	do_socket(3, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s3 (o1)");
}

/* line 33: other: set o1 reuseport => ok */
static void step_10(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 34: other: bind o1 127.0.0.1:3751 => EADDRINUSE */
static void step_11(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3751, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:3751)", &a, alen, 0);
}

/* line 35: other: bind o1 0.0.0.0:3751 => EADDRINUSE */
static void step_12(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3751, 0u);

	do_bind(3, "bind(s3, 0.0.0.0:3751)", &a, alen, 0);
}

/* line 36: other: set o1 reuseaddr => ok */
static void step_13(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(3, "setsockopt(s3, SO_REUSEADDR, 1)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 37: other: bind o1 127.0.0.1:3751 => EADDRINUSE */
static void step_14(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3751, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:3751)", &a, alen, 0);
}

/* # the refusal is about the port, not the process */
/* line 39: other: bind o1 127.0.0.1:3752 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3752, 0u);

	do_bind(3, "bind(s3, 127.0.0.1:3752)", &a, alen, 0);
}

/* line 40: other: listen o1 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_listen(3, "listen(s3, 4096)", 4096);
}

/* line 41: expect LISTEN 127.0.0.1:3752 (sockstage checks the kernel
 * view) */
/* # and the other way round: uid 0 cannot join uid 65534's port */
/* line 43, in main: socket tcp as l3 */
static void step_17(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (l3)");
}

/* line 44, in main: set l3 reuseport => ok */
static void step_18(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(4, "setsockopt(s4, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 45, in main: bind l3 127.0.0.1:3752 => EADDRINUSE */
static void step_19(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3752, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:3752)", &a, alen, 0);
}

/* # ---- a socket of uid 0 only bound (not listening): the same ---- */
/* line 48, in main: socket tcp as b1 */
static void step_20(void)
{
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (b1)");
}

/* line 49, in main: set b1 reuseport => ok */
static void step_21(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(5, "setsockopt(s5, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 50, in main: bind b1 127.0.0.1:3753 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3753, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3753)", &a, alen, 0);
}

/* line 51: expect BOUND 127.0.0.1:3753 (sockstage checks the kernel
 * view) */
/* line 52: other: socket tcp as o2 */
static void step_23(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (o2)");
}

/* line 53: other: set o2 reuseport => ok */
static void step_24(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(6, "setsockopt(s6, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 54: other: bind o2 127.0.0.1:3753 => EADDRINUSE */
static void step_25(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3753, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3753)", &a, alen, 0);
}

/* # ---- over a TIME-WAIT, another uid may take the port ---- */
/* line 57, in main: socket tcp as old */
static void step_26(void)
{
	do_socket(7, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s7 (old)");
}

/* line 58, in main: set old reuseport => ok */
static void step_27(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(7, "setsockopt(s7, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 59, in main: bind old 127.0.0.1:3754 => ok */
static void step_28(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3754, 0u);

	do_bind(7, "bind(s7, 127.0.0.1:3754)", &a, alen, 0);
}

/* line 60, in main: listen old => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_listen(7, "listen(s7, 4096)", 4096);
}

/* line 61, in main: socket tcp as cli */
static void step_30(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (cli)");
}

/* line 62, in main: connect cli 127.0.0.1:3754 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3754, 0u);

	do_connect(8, "connect(s8, 127.0.0.1:3754)", &a, alen, 1000);
}

/* line 63, in main: accept old as conn => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_accept(7, 9, "accept(s7)", "s9 (conn)", 1000);
}

/* line 64, in main: close conn => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_close(9, "close(s9)");
}

/* line 65, in main: close cli => ok */
static void step_34(void)
{
	/* the script expects => ok */
	do_close(8, "close(s8)");
}

/* line 66, in main: close old => ok */
static void step_35(void)
{
	/* the script expects => ok */
	do_close(7, "close(s7)");
}

/* line 67, in main: wait conn TIME-WAIT 2s */
static void step_36(void)
{
	do_wait_state(9, 0, 6, "TIME-WAIT", 2000, "wait s9 TIME-WAIT");
}

/* line 68: expect no LISTEN 127.0.0.1:3754 (sockstage checks the kernel
 * view) */
/* line 69: other: socket tcp as new */
static void step_37(void)
{
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (new)");
}

/* line 70: other: set new reuseport => ok */
static void step_38(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(10, "setsockopt(s10, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 71: other: bind new 127.0.0.1:3754 => ok */
static void step_39(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3754, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:3754)", &a, alen, 0);
}

/* line 72: other: listen new => ok */
static void step_40(void)
{
	/* the script expects => ok */
	do_listen(10, "listen(s10, 4096)", 4096);
}

/* line 73: expect LISTEN 127.0.0.1:3754 (sockstage checks the kernel
 * view) */
/* line 74: expect TIME-WAIT 127.0.0.1:3754 (sockstage checks the kernel
 * view) */
/* # ---- processes: the uid counts, not the process ---- */
/* # Two processes spawned with the same uid (65534) share a port with */
/* # SO_REUSEPORT; so does a process forked from one of them (fork keeps
 * the */
/* # uid). A process spawned with another uid (65533), and main (uid 0),
 * get */
/* # EADDRINUSE, with SO_REUSEPORT set. A second process of uid 0
 * ("peer", */
/* # spawned without a uid) shares main's port 3751 the same way. */
/* line 82, in main: spawn u1 uid 65534 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	do_spawn(2, 65534, -1, "spawn(u1, uid 65534)");
}

/* line 83, in main: spawn u2 uid 65534 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_spawn(3, 65534, -1, "spawn(u2, uid 65534)");
}

/* line 84, in main: spawn u3 uid 65533 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	do_spawn(4, 65533, -1, "spawn(u3, uid 65533)");
}

/* line 85: u1: socket tcp as ul1 => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_socket(11, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s11 (ul1)");
}

/* line 86: u1: set ul1 reuseport => ok */
static void step_45(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(11, "setsockopt(s11, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 87: u1: bind ul1 127.0.0.1:3755 => ok */
static void step_46(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3755, 0u);

	do_bind(11, "bind(s11, 127.0.0.1:3755)", &a, alen, 0);
}

/* line 88: u1: listen ul1 => ok */
static void step_47(void)
{
	/* the script expects => ok */
	do_listen(11, "listen(s11, 4096)", 4096);
}

/* line 89: u2: socket tcp as ul2 => ok */
static void step_48(void)
{
	/* the script expects => ok */
	do_socket(12, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s12 (ul2)");
}

/* line 90: u2: set ul2 reuseport => ok */
static void step_49(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(12, "setsockopt(s12, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 91: u2: bind ul2 127.0.0.1:3755 => ok */
static void step_50(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3755, 0u);

	do_bind(12, "bind(s12, 127.0.0.1:3755)", &a, alen, 0);
}

/* line 92: u2: listen ul2 => ok */
static void step_51(void)
{
	/* the script expects => ok */
	do_listen(12, "listen(s12, 4096)", 4096);
}

/* line 93, in u1: fork u1 as u1c => ok */
static void step_52(void)
{
	/* the script expects => ok */
	do_fork(5, "fork(u1)", "u1c");
}

/* line 94: u1c: socket tcp as ul3 => ok */
static void step_53(void)
{
	/* the script expects => ok */
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (ul3)");
}

/* line 95: u1c: set ul3 reuseport => ok */
static void step_54(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(13, "setsockopt(s13, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 96: u1c: bind ul3 127.0.0.1:3755 => ok */
static void step_55(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3755, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3755)", &a, alen, 0);
}

/* line 97: u1c: listen ul3 => ok */
static void step_56(void)
{
	/* the script expects => ok */
	do_listen(13, "listen(s13, 4096)", 4096);
}

/* line 98: expect LISTEN 127.0.0.1:3755 (sockstage checks the kernel
 * view) */
/* line 99: show (sockstage prints the kernel view) */
/* line 100: u3: socket tcp as ux => ok */
static void step_57(void)
{
	/* the script expects => ok */
	do_socket(14, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s14 (ux)");
}

/* line 101: u3: set ux reuseport => ok */
static void step_58(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(14, "setsockopt(s14, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 102: u3: bind ux 127.0.0.1:3755 => EADDRINUSE */
static void step_59(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3755, 0u);

	do_bind(14, "bind(s14, 127.0.0.1:3755)", &a, alen, 0);
}

/* line 103: u3: bind ux 0.0.0.0:3755 => EADDRINUSE */
static void step_60(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "0.0.0.0", 3755, 0u);

	do_bind(14, "bind(s14, 0.0.0.0:3755)", &a, alen, 0);
}

/* line 104, in main: socket tcp as mx */
static void step_61(void)
{
	do_socket(15, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s15 (mx)");
}

/* line 105, in main: set mx reuseport => ok */
static void step_62(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(15, "setsockopt(s15, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 106, in main: bind mx 127.0.0.1:3755 => EADDRINUSE */
static void step_63(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3755, 0u);

	do_bind(15, "bind(s15, 127.0.0.1:3755)", &a, alen, 0);
}

/* # the shared port works: a connection reaches one of the listeners */
/* line 108, in main: socket tcp as uc */
static void step_64(void)
{
	do_socket(16, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s16 (uc)");
}

/* line 109, in main: connect uc 127.0.0.1:3755 => ok */
static void step_65(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3755, 0u);

	do_connect(16, "connect(s16, 127.0.0.1:3755)", &a, alen, 1000);
}

/* line 110: expect ESTAB 127.0.0.1:3755 (sockstage checks the kernel
 * view) */
/* # another process of uid 0 joins main's listeners on 3751 */
/* line 112, in main: spawn peer => ok */
static void step_66(void)
{
	/* the script expects => ok */
	do_spawn(6, -1, -1, "spawn(peer)");
}

/* line 113: peer: socket tcp as pl => ok */
static void step_67(void)
{
	/* the script expects => ok */
	do_socket(17, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s17 (pl)");
}

/* line 114: peer: set pl reuseport => ok */
static void step_68(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(17, "setsockopt(s17, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 115: peer: bind pl 127.0.0.1:3751 => ok */
static void step_69(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3751, 0u);

	do_bind(17, "bind(s17, 127.0.0.1:3751)", &a, alen, 0);
}

/* line 116: peer: listen pl => ok */
static void step_70(void)
{
	/* the script expects => ok */
	do_listen(17, "listen(s17, 4096)", 4096);
}

/* # and the uid-65534 process is still refused there */
/* line 118: u1: socket tcp as uy => ok */
static void step_71(void)
{
	/* the script expects => ok */
	do_socket(18, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s18 (uy)");
}

/* line 119: u1: set uy reuseport => ok */
static void step_72(void)
{
	/* the script expects => ok */
	int v = 1;

	do_setsockopt(18, "setsockopt(s18, SO_REUSEPORT, 1)", SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v));
}

/* line 120: u1: bind uy 127.0.0.1:3751 => EADDRINUSE */
static void step_73(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3751, 0u);

	do_bind(18, "bind(s18, 127.0.0.1:3751)", &a, alen, 0);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 21, main */
	{ step_1, 0 },	/* line 24, main */
	{ step_2, 0 },	/* line 25, main */
	{ step_3, 0 },	/* line 26, main */
	{ step_4, 0 },	/* line 27, main */
	{ step_5, 0 },	/* line 28, main */
	{ step_6, 0 },	/* line 29, main */
	{ step_7, 0 },	/* line 30, main */
	{ step_8, 0 },	/* line 31, main */
	{ step_9, 1 },	/* line 32, other */
	{ step_10, 1 },	/* line 33, other */
	{ step_11, 1 },	/* line 34, other */
	{ step_12, 1 },	/* line 35, other */
	{ step_13, 1 },	/* line 36, other */
	{ step_14, 1 },	/* line 37, other */
	{ step_15, 1 },	/* line 39, other */
	{ step_16, 1 },	/* line 40, other */
	{ step_17, 0 },	/* line 43, main */
	{ step_18, 0 },	/* line 44, main */
	{ step_19, 0 },	/* line 45, main */
	{ step_20, 0 },	/* line 48, main */
	{ step_21, 0 },	/* line 49, main */
	{ step_22, 0 },	/* line 50, main */
	{ step_23, 1 },	/* line 52, other */
	{ step_24, 1 },	/* line 53, other */
	{ step_25, 1 },	/* line 54, other */
	{ step_26, 0 },	/* line 57, main */
	{ step_27, 0 },	/* line 58, main */
	{ step_28, 0 },	/* line 59, main */
	{ step_29, 0 },	/* line 60, main */
	{ step_30, 0 },	/* line 61, main */
	{ step_31, 0 },	/* line 62, main */
	{ step_32, 0 },	/* line 63, main */
	{ step_33, 0 },	/* line 64, main */
	{ step_34, 0 },	/* line 65, main */
	{ step_35, 0 },	/* line 66, main */
	{ step_36, 0 },	/* line 67, main */
	{ step_37, 1 },	/* line 69, other */
	{ step_38, 1 },	/* line 70, other */
	{ step_39, 1 },	/* line 71, other */
	{ step_40, 1 },	/* line 72, other */
	{ step_41, 0 },	/* line 82, main */
	{ step_42, 0 },	/* line 83, main */
	{ step_43, 0 },	/* line 84, main */
	{ step_44, 2 },	/* line 85, u1 */
	{ step_45, 2 },	/* line 86, u1 */
	{ step_46, 2 },	/* line 87, u1 */
	{ step_47, 2 },	/* line 88, u1 */
	{ step_48, 3 },	/* line 89, u2 */
	{ step_49, 3 },	/* line 90, u2 */
	{ step_50, 3 },	/* line 91, u2 */
	{ step_51, 3 },	/* line 92, u2 */
	{ step_52, 2 },	/* line 93, u1 */
	{ step_53, 5 },	/* line 94, u1c */
	{ step_54, 5 },	/* line 95, u1c */
	{ step_55, 5 },	/* line 96, u1c */
	{ step_56, 5 },	/* line 97, u1c */
	{ step_57, 4 },	/* line 100, u3 */
	{ step_58, 4 },	/* line 101, u3 */
	{ step_59, 4 },	/* line 102, u3 */
	{ step_60, 4 },	/* line 103, u3 */
	{ step_61, 0 },	/* line 104, main */
	{ step_62, 0 },	/* line 105, main */
	{ step_63, 0 },	/* line 106, main */
	{ step_64, 0 },	/* line 108, main */
	{ step_65, 0 },	/* line 109, main */
	{ step_66, 0 },	/* line 112, main */
	{ step_67, 6 },	/* line 113, peer */
	{ step_68, 6 },	/* line 114, peer */
	{ step_69, 6 },	/* line 115, peer */
	{ step_70, 6 },	/* line 116, peer */
	{ step_71, 2 },	/* line 118, u1 */
	{ step_72, 2 },	/* line 119, u1 */
	{ step_73, 2 },	/* line 120, u1 */
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
