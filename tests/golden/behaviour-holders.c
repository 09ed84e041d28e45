/* behaviour-holders.stage: exported by sockstage --export-c.
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

#define NSOCK 14
#define NPROC 10
#define NSTEPS 73

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # holders.stage - a socket is open while any process holds a
 * descriptor of */
/* # it: fork shares sockets, close and exit drop one process's
 * descriptors, */
/* # and the kernel acts only when the last one goes. */
/* # */
/* # What the kernel does (6.18): */
/* # - after fork, close in one process leaves the socket open: a LISTEN
 * row */
/* # stays listed and a connect to it still works; only the last holder's */
/* # close removes the listener (then connect gets ECONNREFUSED); */
/* # - a connection shared by two processes: one close sends nothing (the */
/* # peer stays ESTAB, not CLOSE-WAIT, and data still flows); the last */
/* # close sends the FIN (FIN-WAIT-2 here, CLOSE-WAIT at the peer); */
/* # - shutdown acts on the socket, not on one process's descriptor: one */
/* # holder's "shutdown wr" sends the FIN while both still hold it; */
/* # - exit (and kill) of a process closes only the sockets it held
 * alone; */
/* # the ones it shared with a forked process stay; */
/* # - a socket created after the fork belongs to its creator only; */
/* # - a command naming a socket the current process does not hold fails */
/* # with EBADF (the transcript names the holders, "held by: ..."). */
/* # Clients bind fixed ports so both ends of a connection can be named. */
/* line 21, in main: spawn cli => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_spawn(1, -1, -1, "spawn(cli)");
}

/* # ---- a shared listener: closes in one process, then in the last ---- */
/* line 24, in main: spawn srv => ok */
static void step_1(void)
{
	/* the script expects => ok */
	do_spawn(2, -1, -1, "spawn(srv)");
}

/* line 25: srv: socket tcp as l => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (l)");
}

/* line 26: srv: bind l 127.0.0.1:3490 => ok */
static void step_3(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3490, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:3490)", &a, alen, 0);
}

/* line 27: srv: listen l => ok */
static void step_4(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* line 28, in srv: fork srv as srvc => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_fork(3, "fork(srv)", "srvc");
}

/* # held by both now; a third process holds nothing */
/* line 30: cli: accept l => EBADF */
static void step_6(void)
{
	/* the script expects => EBADF */
	do_accept(1, 0, "accept(s1)", "", 1000);
}

/* line 31: srv: close l => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* line 32: expect LISTEN 127.0.0.1:3490 (sockstage checks the kernel
 * view) */
/* # srv no longer holds it; srvc does */
/* line 34: srv: accept l => EBADF */
static void step_8(void)
{
	/* the script expects => EBADF */
	do_accept(1, 0, "accept(s1)", "", 1000);
}

/* line 35: srv: close l => EBADF */
static void step_9(void)
{
	/* the script expects => EBADF */
	do_close(1, "close(s1)");
}

/* line 36: cli: socket tcp as c1 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (c1)");
}

/* line 37: cli: bind c1 127.0.0.1:3590 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3590, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:3590)", &a, alen, 0);
}

/* line 38: cli: connect c1 127.0.0.1:3490 => ok */
static void step_12(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3490, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:3490)", &a, alen, 1000);
}

/* line 39: srvc: accept l as a1 => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (a1)", 1000);
}

/* line 40: expect ESTAB 127.0.0.1:3490 127.0.0.1:3590 (sockstage checks
 * the kernel view) */
/* # the last holder closes: the listener is gone, the connection is not */
/* line 42: srvc: close l => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* line 43: expect no LISTEN 127.0.0.1:3490 (sockstage checks the kernel
 * view) */
/* line 44: cli: socket tcp as c2 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (c2)");
}

/* line 45: cli: connect c2 127.0.0.1:3490 => ECONNREFUSED */
static void step_16(void)
{
	/* the script expects => ECONNREFUSED */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3490, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:3490)", &a, alen, 1000);
}

/* line 46: expect ESTAB 127.0.0.1:3490 127.0.0.1:3590 (sockstage checks
 * the kernel view) */
/* # ---- a shared connection: one close sends nothing, the last sends
 * FIN ---- */
/* line 49, in srvc: fork srvc as srvcc => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_fork(4, "fork(srvc)", "srvcc");
}

/* line 50: srvc: close a1 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_close(3, "close(s3)");
}

/* line 51: expect ESTAB 127.0.0.1:3490 127.0.0.1:3590 (sockstage checks
 * the kernel view) */
/* line 52: expect ESTAB 127.0.0.1:3590 127.0.0.1:3490 (sockstage checks
 * the kernel view) */
/* line 53: expect no CLOSE-WAIT 127.0.0.1:3590 (sockstage checks the
 * kernel view) */
/* line 54: srvcc: send a1 "from the other holder" => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"from the other holder\")", 0, "from the other holder", 21, NULL, 0);
}

/* line 55: cli: recv c1 => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 56: cli: send c1 "to whoever holds it" => ok */
static void step_21(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"to whoever holds it\")", 0, "to whoever holds it", 19, NULL, 0);
}

/* line 57: srvcc: recv a1 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 58: srvc: recv a1 => EBADF */
static void step_23(void)
{
	/* the script expects => EBADF */
	do_recv(3, "recv(s3)", 0, 65536, 1000);
}

/* line 59: srvcc: close a1 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_close(3, "close(s3)");
}

/* line 60, in main: wait a1 FIN-WAIT-2 2s */
static void step_25(void)
{
	do_wait_state(3, 0, 5, "FIN-WAIT-2", 2000, "wait s3 FIN-WAIT-2");
}

/* line 61: expect CLOSE-WAIT 127.0.0.1:3590 127.0.0.1:3490 (sockstage
 * checks the kernel view) */
/* line 62: cli: recv c1 => ok */
static void step_26(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* line 63: cli: close c1 => ok */
static void step_27(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 64, in main: wait a1 TIME-WAIT 2s */
static void step_28(void)
{
	do_wait_state(3, 0, 6, "TIME-WAIT", 2000, "wait s3 TIME-WAIT");
}

/* # ---- shutdown acts on the socket: a FIN while both still hold it
 * ---- */
/* line 67, in main: spawn sh => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_spawn(5, -1, -1, "spawn(sh)");
}

/* line 68: sh: socket tcp as l2 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	do_socket(5, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s5 (l2)");
}

/* line 69: sh: bind l2 127.0.0.1:3491 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3491, 0u);

	do_bind(5, "bind(s5, 127.0.0.1:3491)", &a, alen, 0);
}

/* line 70: sh: listen l2 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_listen(5, "listen(s5, 4096)", 4096);
}

/* line 71: cli: socket tcp as c3 => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (c3)");
}

/* line 72: cli: bind c3 127.0.0.1:3591 => ok */
static void step_34(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3591, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:3591)", &a, alen, 0);
}

/* line 73: cli: connect c3 127.0.0.1:3491 => ok */
static void step_35(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3491, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:3491)", &a, alen, 1000);
}

/* line 74: sh: accept l2 as a3 => ok */
static void step_36(void)
{
	/* the script expects => ok */
	do_accept(5, 7, "accept(s5)", "s7 (a3)", 1000);
}

/* line 75, in sh: fork sh as shc => ok */
static void step_37(void)
{
	/* the script expects => ok */
	do_fork(6, "fork(sh)", "shc");
}

/* line 76: sh: shutdown a3 wr => ok */
static void step_38(void)
{
	/* the script expects => ok */
	do_shutdown(7, "shutdown(s7, SHUT_WR)", SHUT_WR);
}

/* line 77: expect FIN-WAIT-2 127.0.0.1:3491 127.0.0.1:3591 (sockstage
 * checks the kernel view) */
/* line 78: expect CLOSE-WAIT 127.0.0.1:3591 127.0.0.1:3491 (sockstage
 * checks the kernel view) */
/* # the other holder cannot send any more either; it can still receive */
/* line 80: shc: send a3 "late" => EPIPE */
static void step_39(void)
{
	/* the script expects => EPIPE */
	do_send(7, "send(s7, \"late\")", 0, "late", 4, NULL, 0);
}

/* line 81: cli: send c3 "still open this way" => ok */
static void step_40(void)
{
	/* the script expects => ok */
	do_send(6, "send(s6, \"still open this way\")", 0, "still open this way", 19, NULL, 0);
}

/* line 82: shc: recv a3 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	do_recv(7, "recv(s7, 65536)", 0, 65536, 1000);
}

/* line 83: sh: close a3 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_close(7, "close(s7)");
}

/* line 84: shc: close a3 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	do_close(7, "close(s7)");
}

/* line 85: sh: close l2 => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_close(5, "close(s5)");
}

/* line 86: shc: close l2 => ok */
static void step_45(void)
{
	/* the script expects => ok */
	do_close(5, "close(s5)");
}

/* line 87: expect no LISTEN 127.0.0.1:3491 (sockstage checks the kernel
 * view) */
/* # ---- exit closes only what the process held alone ---- */
/* line 90, in main: spawn p => ok */
static void step_46(void)
{
	/* the script expects => ok */
	do_spawn(7, -1, -1, "spawn(p)");
}

/* line 91: p: socket tcp as shared => ok */
static void step_47(void)
{
	/* the script expects => ok */
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (shared)");
}

/* line 92: p: bind shared 127.0.0.1:3492 => ok */
static void step_48(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3492, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:3492)", &a, alen, 0);
}

/* line 93: p: listen shared => ok */
static void step_49(void)
{
	/* the script expects => ok */
	do_listen(8, "listen(s8, 4096)", 4096);
}

/* line 94, in p: fork p as q => ok */
static void step_50(void)
{
	/* the script expects => ok */
	do_fork(8, "fork(p)", "q");
}

/* # created after the fork: p's alone, and q's alone */
/* line 96: p: socket udp as mine => ok */
static void step_51(void)
{
	/* the script expects => ok */
	do_socket(9, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s9 (mine)");
}

/* line 97: p: bind mine 127.0.0.1:3493 => ok */
static void step_52(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3493, 0u);

	do_bind(9, "bind(s9, 127.0.0.1:3493)", &a, alen, 0);
}

/* line 98: q: socket udp as theirs => ok */
static void step_53(void)
{
	/* the script expects => ok */
	do_socket(10, AF_INET, SOCK_DGRAM, "socket(AF_INET, SOCK_DGRAM, 0)", "s10 (theirs)");
}

/* line 99: q: bind theirs 127.0.0.1:3494 => ok */
static void step_54(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3494, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:3494)", &a, alen, 0);
}

/* line 100: q: close mine => EBADF */
static void step_55(void)
{
	/* the script expects => EBADF */
	do_close(9, "close(s9)");
}

/* line 101: p: close theirs => EBADF */
static void step_56(void)
{
	/* the script expects => EBADF */
	do_close(10, "close(s10)");
}

/* line 102: expect LISTEN 127.0.0.1:3492 (sockstage checks the kernel
 * view) */
/* line 103: expect UNCONN 127.0.0.1:3493 (sockstage checks the kernel
 * view) */
/* line 104: expect UNCONN 127.0.0.1:3494 (sockstage checks the kernel
 * view) */
/* line 105, in main: exit p => ok */
static void step_57(void)
{
	/* the script expects => ok */
	do_end(7, 0, "exit(p)");
}

/* line 106: expect no UNCONN 127.0.0.1:3493 (sockstage checks the kernel
 * view) */
/* line 107: q: close mine => EBADF */
static void step_58(void)
{
	/* the script expects => EBADF */
	do_close(9, "close(s9)");
}

/* line 108: expect LISTEN 127.0.0.1:3492 (sockstage checks the kernel
 * view) */
/* line 109: expect UNCONN 127.0.0.1:3494 (sockstage checks the kernel
 * view) */
/* line 110: cli: socket tcp as c4 => ok */
static void step_59(void)
{
	/* the script expects => ok */
	do_socket(11, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s11 (c4)");
}

/* line 111: cli: connect c4 127.0.0.1:3492 => ok */
static void step_60(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3492, 0u);

	do_connect(11, "connect(s11, 127.0.0.1:3492)", &a, alen, 1000);
}

/* line 112: q: accept shared as a4 => ok */
static void step_61(void)
{
	/* the script expects => ok */
	do_accept(8, 12, "accept(s8)", "s12 (a4)", 1000);
}

/* # kill: the same, for the last holder */
/* line 114, in main: kill q => ok */
static void step_62(void)
{
	/* the script expects => ok */
	do_end(8, SIGKILL, "kill(q, SIGKILL)");
}

/* # the kernel closed a4: its FIN is acknowledged at once on loopback */
/* line 116, in main: wait a4 FIN-WAIT-2 2s */
static void step_63(void)
{
	do_wait_state(12, 0, 5, "FIN-WAIT-2", 2000, "wait s12 FIN-WAIT-2");
}

/* line 117: expect no LISTEN 127.0.0.1:3492 (sockstage checks the kernel
 * view) */
/* line 118: expect no UNCONN 127.0.0.1:3494 (sockstage checks the kernel
 * view) */
/* # ---- a socket the current process does not hold: EBADF ---- */
/* line 121, in main: spawn owner => ok */
static void step_64(void)
{
	/* the script expects => ok */
	do_spawn(9, -1, -1, "spawn(owner)");
}

/* line 122: owner: socket tcp as o => ok */
static void step_65(void)
{
	/* the script expects => ok */
	do_socket(13, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s13 (o)");
}

/* line 123: owner: bind o 127.0.0.1:3495 => ok */
static void step_66(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3495, 0u);

	do_bind(13, "bind(s13, 127.0.0.1:3495)", &a, alen, 0);
}

/* line 124, in main: bind o 127.0.0.1:3496 => EBADF */
static void step_67(void)
{
	/* the script expects => EBADF */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 3496, 0u);

	do_bind(13, "bind(s13)", &a, alen, 0);
}

/* line 125, in main: listen o => EBADF */
static void step_68(void)
{
	/* the script expects => EBADF */
	do_listen(13, "listen(s13)", 4096);
}

/* line 126, in main: set o reuseaddr => EBADF */
static void step_69(void)
{
	/* the script expects => EBADF */
	int v = 1;

	do_setsockopt(13, "setsockopt(s13)", SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

/* line 127, in main: close o => EBADF */
static void step_70(void)
{
	/* the script expects => EBADF */
	do_close(13, "close(s13)");
}

/* line 128: cli: close o => EBADF */
static void step_71(void)
{
	/* the script expects => EBADF */
	do_close(13, "close(s13)");
}

/* # the failed calls changed nothing: o is still owner's, bound, usable */
/* line 130: expect BOUND 127.0.0.1:3495 (sockstage checks the kernel
 * view) */
/* line 131: owner: listen o => ok */
static void step_72(void)
{
	/* the script expects => ok */
	do_listen(13, "listen(s13, 4096)", 4096);
}

/* line 132: expect LISTEN 127.0.0.1:3495 (sockstage checks the kernel
 * view) */
/* line 133: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 21, main */
	{ step_1, 0 },	/* line 24, main */
	{ step_2, 2 },	/* line 25, srv */
	{ step_3, 2 },	/* line 26, srv */
	{ step_4, 2 },	/* line 27, srv */
	{ step_5, 2 },	/* line 28, srv */
	{ step_6, 1 },	/* line 30, cli */
	{ step_7, 2 },	/* line 31, srv */
	{ step_8, 2 },	/* line 34, srv */
	{ step_9, 2 },	/* line 35, srv */
	{ step_10, 1 },	/* line 36, cli */
	{ step_11, 1 },	/* line 37, cli */
	{ step_12, 1 },	/* line 38, cli */
	{ step_13, 3 },	/* line 39, srvc */
	{ step_14, 3 },	/* line 42, srvc */
	{ step_15, 1 },	/* line 44, cli */
	{ step_16, 1 },	/* line 45, cli */
	{ step_17, 3 },	/* line 49, srvc */
	{ step_18, 3 },	/* line 50, srvc */
	{ step_19, 4 },	/* line 54, srvcc */
	{ step_20, 1 },	/* line 55, cli */
	{ step_21, 1 },	/* line 56, cli */
	{ step_22, 4 },	/* line 57, srvcc */
	{ step_23, 3 },	/* line 58, srvc */
	{ step_24, 4 },	/* line 59, srvcc */
	{ step_25, 0 },	/* line 60, main */
	{ step_26, 1 },	/* line 62, cli */
	{ step_27, 1 },	/* line 63, cli */
	{ step_28, 0 },	/* line 64, main */
	{ step_29, 0 },	/* line 67, main */
	{ step_30, 5 },	/* line 68, sh */
	{ step_31, 5 },	/* line 69, sh */
	{ step_32, 5 },	/* line 70, sh */
	{ step_33, 1 },	/* line 71, cli */
	{ step_34, 1 },	/* line 72, cli */
	{ step_35, 1 },	/* line 73, cli */
	{ step_36, 5 },	/* line 74, sh */
	{ step_37, 5 },	/* line 75, sh */
	{ step_38, 5 },	/* line 76, sh */
	{ step_39, 6 },	/* line 80, shc */
	{ step_40, 1 },	/* line 81, cli */
	{ step_41, 6 },	/* line 82, shc */
	{ step_42, 5 },	/* line 83, sh */
	{ step_43, 6 },	/* line 84, shc */
	{ step_44, 5 },	/* line 85, sh */
	{ step_45, 6 },	/* line 86, shc */
	{ step_46, 0 },	/* line 90, main */
	{ step_47, 7 },	/* line 91, p */
	{ step_48, 7 },	/* line 92, p */
	{ step_49, 7 },	/* line 93, p */
	{ step_50, 7 },	/* line 94, p */
	{ step_51, 7 },	/* line 96, p */
	{ step_52, 7 },	/* line 97, p */
	{ step_53, 8 },	/* line 98, q */
	{ step_54, 8 },	/* line 99, q */
	{ step_55, 8 },	/* line 100, q */
	{ step_56, 7 },	/* line 101, p */
	{ step_57, 0 },	/* line 105, main */
	{ step_58, 8 },	/* line 107, q */
	{ step_59, 1 },	/* line 110, cli */
	{ step_60, 1 },	/* line 111, cli */
	{ step_61, 8 },	/* line 112, q */
	{ step_62, 0 },	/* line 114, main */
	{ step_63, 0 },	/* line 116, main */
	{ step_64, 0 },	/* line 121, main */
	{ step_65, 9 },	/* line 122, owner */
	{ step_66, 9 },	/* line 123, owner */
	{ step_67, 0 },	/* line 124, main */
	{ step_68, 0 },	/* line 125, main */
	{ step_69, 0 },	/* line 126, main */
	{ step_70, 0 },	/* line 127, main */
	{ step_71, 1 },	/* line 128, cli */
	{ step_72, 9 },	/* line 131, owner */
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
