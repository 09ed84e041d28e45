/* behaviour-linger-rst.stage: exported by sockstage --export-c.
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

#define NSOCK 12
#define NPROC 1
#define NSTEPS 46

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};


/* ---- the script ---- */

/* # linger-rst.stage - LINUX-FACTS.md (f): closing with an RST instead
 * of a */
/* # FIN: SO_LINGER {on, 0}, or unread data. */
/* # */
/* # What the kernel does (6.18), as LINUX-FACTS.md says: */
/* # - SO_LINGER {on, 0} then close: an RST goes out at once; the peer's
 * recv */
/* # gets ECONNRESET, a later send EPIPE; there is no TIME-WAIT on either */
/* # side (whichever side does it); */
/* # - a plain close (no SO_LINGER) while unread data sits in the receive */
/* # buffer also sends an RST: the same ECONNRESET, EPIPE, no TIME-WAIT. */
/* # The control case (a plain close with nothing unread) shows the
 * normal */
/* # FIN ending, with TIME-WAIT on the closing side, so the "expect no */
/* # TIME-WAIT" lines are not vacuous. */
/* # */
/* # Clients bind fixed ports (4101, 4102, ...) so that both sides of
 * every */
/* # connection can be named in an expect line. Every "expect no" comes
 * after */
/* # the recv that saw ECONNRESET: the RST has been processed by then. */
/* line 18, in main: socket tcp as srv */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 19, in main: bind srv 127.0.0.1:4100 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4100, 0u);

	do_bind(1, "bind(s1, 127.0.0.1:4100)", &a, alen, 0);
}

/* line 20, in main: listen srv => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_listen(1, "listen(s1, 4096)", 4096);
}

/* # ---- control: a plain close after reading everything: FIN, TIME-WAIT
 * ---- */
/* line 23, in main: socket tcp as cli0 */
static void step_3(void)
{
	do_socket(2, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s2 (cli0)");
}

/* line 24, in main: bind cli0 127.0.0.1:4110 => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4110, 0u);

	do_bind(2, "bind(s2, 127.0.0.1:4110)", &a, alen, 0);
}

/* line 25, in main: connect cli0 127.0.0.1:4100 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4100, 0u);

	do_connect(2, "connect(s2, 127.0.0.1:4100)", &a, alen, 1000);
}

/* line 26, in main: accept srv as conn0 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_accept(1, 3, "accept(s1)", "s3 (conn0)", 1000);
}

/* line 27, in main: send cli0 "hello" => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"hello\")", 0, "hello", 5, NULL, 0);
}

/* line 28, in main: recv conn0 => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_recv(3, "recv(s3, 65536)", 0, 65536, 1000);
}

/* line 29, in main: close conn0 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_close(3, "close(s3)");
}

/* line 30, in main: recv cli0 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_recv(2, "recv(s2, 65536)", 0, 65536, 1000);
}

/* # the client read the end of stream (0 bytes); it closes too */
/* line 32, in main: close cli0 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 33, in main: wait conn0 TIME-WAIT 2s */
static void step_12(void)
{
	do_wait_state(3, 0, 6, "TIME-WAIT", 2000, "wait s3 TIME-WAIT");
}

/* line 34: expect TIME-WAIT 127.0.0.1:4100 127.0.0.1:4110 (sockstage
 * checks the kernel view) */
/* line 35: expect no TIME-WAIT 127.0.0.1:4110 (sockstage checks the
 * kernel view) */
/* # ---- the server side closes with SO_LINGER {on, 0} ---- */
/* line 38, in main: socket tcp as cli1 */
static void step_13(void)
{
	do_socket(4, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s4 (cli1)");
}

/* line 39, in main: bind cli1 127.0.0.1:4101 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4101, 0u);

	do_bind(4, "bind(s4, 127.0.0.1:4101)", &a, alen, 0);
}

/* line 40, in main: connect cli1 127.0.0.1:4100 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4100, 0u);

	do_connect(4, "connect(s4, 127.0.0.1:4100)", &a, alen, 1000);
}

/* line 41, in main: accept srv as conn1 => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_accept(1, 5, "accept(s1)", "s5 (conn1)", 1000);
}

/* line 42: expect ESTAB 127.0.0.1:4100 127.0.0.1:4101 (sockstage checks
 * the kernel view) */
/* line 43, in main: set conn1 linger 0 => ok */
static void step_17(void)
{
	/* the script expects => ok */
	struct linger v = { 1, 0 };

	do_setsockopt(5, "setsockopt(s5, SO_LINGER, {on=1, 0s})", SOL_SOCKET, SO_LINGER, &v, sizeof(v));
}

/* line 44, in main: close conn1 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_close(5, "close(s5)");
}

/* line 45, in main: recv cli1 => ECONNRESET */
static void step_19(void)
{
	/* the script expects => ECONNRESET */
	do_recv(4, "recv(s4, 65536)", 0, 65536, 1000);
}

/* line 46, in main: send cli1 "anyone there?" => EPIPE */
static void step_20(void)
{
	/* the script expects => EPIPE */
	do_send(4, "send(s4, \"anyone there\?\")", 0, "anyone there\?", 13, NULL, 0);
}

/* line 47: expect no TIME-WAIT 127.0.0.1:4100 127.0.0.1:4101 (sockstage
 * checks the kernel view) */
/* line 48: expect no TIME-WAIT 127.0.0.1:4101 (sockstage checks the
 * kernel view) */
/* line 49: expect no ESTAB 127.0.0.1:4100 127.0.0.1:4101 (sockstage
 * checks the kernel view) */
/* line 50: expect no CLOSE-WAIT 127.0.0.1:4101 (sockstage checks the
 * kernel view) */
/* # ---- the client side closes with SO_LINGER {on, 0} ---- */
/* line 53, in main: socket tcp as cli2 */
static void step_21(void)
{
	do_socket(6, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s6 (cli2)");
}

/* line 54, in main: bind cli2 127.0.0.1:4102 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4102, 0u);

	do_bind(6, "bind(s6, 127.0.0.1:4102)", &a, alen, 0);
}

/* line 55, in main: connect cli2 127.0.0.1:4100 => ok */
static void step_23(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4100, 0u);

	do_connect(6, "connect(s6, 127.0.0.1:4100)", &a, alen, 1000);
}

/* line 56, in main: accept srv as conn2 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_accept(1, 7, "accept(s1)", "s7 (conn2)", 1000);
}

/* line 57, in main: set cli2 linger 0 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	struct linger v = { 1, 0 };

	do_setsockopt(6, "setsockopt(s6, SO_LINGER, {on=1, 0s})", SOL_SOCKET, SO_LINGER, &v, sizeof(v));
}

/* line 58, in main: close cli2 => ok */
static void step_26(void)
{
	/* the script expects => ok */
	do_close(6, "close(s6)");
}

/* line 59, in main: recv conn2 => ECONNRESET */
static void step_27(void)
{
	/* the script expects => ECONNRESET */
	do_recv(7, "recv(s7, 65536)", 0, 65536, 1000);
}

/* line 60, in main: send conn2 "anyone there?" => EPIPE */
static void step_28(void)
{
	/* the script expects => EPIPE */
	do_send(7, "send(s7, \"anyone there\?\")", 0, "anyone there\?", 13, NULL, 0);
}

/* line 61: expect no TIME-WAIT 127.0.0.1:4102 (sockstage checks the
 * kernel view) */
/* line 62: expect no TIME-WAIT 127.0.0.1:4100 127.0.0.1:4102 (sockstage
 * checks the kernel view) */
/* line 63: expect no CLOSE-WAIT 127.0.0.1:4100 127.0.0.1:4102 (sockstage
 * checks the kernel view) */
/* # ---- a plain close with unread data in the receive buffer: RST too
 * ---- */
/* line 66, in main: socket tcp as cli3 */
static void step_29(void)
{
	do_socket(8, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s8 (cli3)");
}

/* line 67, in main: bind cli3 127.0.0.1:4103 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4103, 0u);

	do_bind(8, "bind(s8, 127.0.0.1:4103)", &a, alen, 0);
}

/* line 68, in main: connect cli3 127.0.0.1:4100 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4100, 0u);

	do_connect(8, "connect(s8, 127.0.0.1:4100)", &a, alen, 1000);
}

/* line 69, in main: accept srv as conn3 => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_accept(1, 9, "accept(s1)", "s9 (conn3)", 1000);
}

/* line 70, in main: send cli3 "never read" => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_send(8, "send(s8, \"never read\")", 0, "never read", 10, NULL, 0);
}

/* # wait until the data sits in conn3's receive buffer (Recv-Q): the
 * kernel */
/* # has it before close */
/* line 73: expect ESTAB 127.0.0.1:4100 127.0.0.1:4103 (sockstage checks
 * the kernel view) */
/* line 74, in main: close conn3 => ok */
static void step_34(void)
{
	/* the script expects => ok */
	do_close(9, "close(s9)");
}

/* line 75, in main: recv cli3 => ECONNRESET */
static void step_35(void)
{
	/* the script expects => ECONNRESET */
	do_recv(8, "recv(s8, 65536)", 0, 65536, 1000);
}

/* line 76, in main: send cli3 "anyone there?" => EPIPE */
static void step_36(void)
{
	/* the script expects => EPIPE */
	do_send(8, "send(s8, \"anyone there\?\")", 0, "anyone there\?", 13, NULL, 0);
}

/* line 77: expect no TIME-WAIT 127.0.0.1:4100 127.0.0.1:4103 (sockstage
 * checks the kernel view) */
/* line 78: expect no TIME-WAIT 127.0.0.1:4103 (sockstage checks the
 * kernel view) */
/* line 79: expect no FIN-WAIT-2 127.0.0.1:4100 127.0.0.1:4103 (sockstage
 * checks the kernel view) */
/* # ---- SO_LINGER with a timeout (not 0) is an ordinary FIN close ---- */
/* line 82, in main: socket tcp as cli4 */
static void step_37(void)
{
	do_socket(10, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s10 (cli4)");
}

/* line 83, in main: bind cli4 127.0.0.1:4104 => ok */
static void step_38(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4104, 0u);

	do_bind(10, "bind(s10, 127.0.0.1:4104)", &a, alen, 0);
}

/* line 84, in main: connect cli4 127.0.0.1:4100 => ok */
static void step_39(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sa_make(&a, AF_INET, "127.0.0.1", 4100, 0u);

	do_connect(10, "connect(s10, 127.0.0.1:4100)", &a, alen, 1000);
}

/* line 85, in main: accept srv as conn4 => ok */
static void step_40(void)
{
	/* the script expects => ok */
	do_accept(1, 11, "accept(s1)", "s11 (conn4)", 1000);
}

/* line 86, in main: set conn4 linger 5 => ok */
static void step_41(void)
{
	/* the script expects => ok */
	struct linger v = { 1, 5 };

	do_setsockopt(11, "setsockopt(s11, SO_LINGER, {on=1, 5s})", SOL_SOCKET, SO_LINGER, &v, sizeof(v));
}

/* line 87, in main: close conn4 => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_close(11, "close(s11)");
}

/* line 88, in main: recv cli4 => ok */
static void step_43(void)
{
	/* the script expects => ok */
	do_recv(10, "recv(s10, 65536)", 0, 65536, 1000);
}

/* line 89, in main: close cli4 => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_close(10, "close(s10)");
}

/* line 90, in main: wait conn4 TIME-WAIT 2s */
static void step_45(void)
{
	do_wait_state(11, 0, 6, "TIME-WAIT", 2000, "wait s11 TIME-WAIT");
}

/* line 91: expect TIME-WAIT 127.0.0.1:4100 127.0.0.1:4104 (sockstage
 * checks the kernel view) */
/* line 92: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 18, main */
	{ step_1, 0 },	/* line 19, main */
	{ step_2, 0 },	/* line 20, main */
	{ step_3, 0 },	/* line 23, main */
	{ step_4, 0 },	/* line 24, main */
	{ step_5, 0 },	/* line 25, main */
	{ step_6, 0 },	/* line 26, main */
	{ step_7, 0 },	/* line 27, main */
	{ step_8, 0 },	/* line 28, main */
	{ step_9, 0 },	/* line 29, main */
	{ step_10, 0 },	/* line 30, main */
	{ step_11, 0 },	/* line 32, main */
	{ step_12, 0 },	/* line 33, main */
	{ step_13, 0 },	/* line 38, main */
	{ step_14, 0 },	/* line 39, main */
	{ step_15, 0 },	/* line 40, main */
	{ step_16, 0 },	/* line 41, main */
	{ step_17, 0 },	/* line 43, main */
	{ step_18, 0 },	/* line 44, main */
	{ step_19, 0 },	/* line 45, main */
	{ step_20, 0 },	/* line 46, main */
	{ step_21, 0 },	/* line 53, main */
	{ step_22, 0 },	/* line 54, main */
	{ step_23, 0 },	/* line 55, main */
	{ step_24, 0 },	/* line 56, main */
	{ step_25, 0 },	/* line 57, main */
	{ step_26, 0 },	/* line 58, main */
	{ step_27, 0 },	/* line 59, main */
	{ step_28, 0 },	/* line 60, main */
	{ step_29, 0 },	/* line 66, main */
	{ step_30, 0 },	/* line 67, main */
	{ step_31, 0 },	/* line 68, main */
	{ step_32, 0 },	/* line 69, main */
	{ step_33, 0 },	/* line 70, main */
	{ step_34, 0 },	/* line 74, main */
	{ step_35, 0 },	/* line 75, main */
	{ step_36, 0 },	/* line 76, main */
	{ step_37, 0 },	/* line 82, main */
	{ step_38, 0 },	/* line 83, main */
	{ step_39, 0 },	/* line 84, main */
	{ step_40, 0 },	/* line 85, main */
	{ step_41, 0 },	/* line 86, main */
	{ step_42, 0 },	/* line 87, main */
	{ step_43, 0 },	/* line 88, main */
	{ step_44, 0 },	/* line 89, main */
	{ step_45, 0 },	/* line 90, main */
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
