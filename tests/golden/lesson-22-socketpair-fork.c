/* lesson-22-socketpair-fork.stage: exported by sockstage --export-c.
 *
 * A socketpair between a parent and its forked child
 * socketpair(2) makes two UNIX sockets already connected to each other,
 * with no name and no file. A process makes the pair and forks: parent
 * and child each keep one end and close the other, and they talk both
 * ways. When one end goes, a stream's other end reads the end of the
 * stream; a datagram end's next send is refused.
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

#define NSOCK 5
#define NPROC 4
#define NSTEPS 26

/* ---- the runtime: as in export-runtime.c ---- */
/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};

/* ---- UNIX-domain sockets: names, socketpair, passing a socket, unlink ------- */

#include <stddef.h>
#include <sys/un.h>

#define SUN_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)	/* 108 */

/* A UNIX name: n bytes (an abstract one after a NUL), no NUL after it,
 * the length sockstage gives it: longer than sun_path too, up to what a
 * sockaddr_storage holds (the kernel then says EINVAL). */
RT socklen_t sun_make(struct sockaddr_storage *ss, int abstract,
			  const char *name, size_t n)
{
	char *p = (char *)ss + offsetof(struct sockaddr_un, sun_path);

	memset(ss, 0, sizeof(*ss));
	ss->ss_family = AF_UNIX;
	memcpy(p + abstract, name, n);	/* p[0] is an abstract name's NUL */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + abstract + n);
}

/* A UNIX address of len bytes as the transcript writes it: "path" (or
 * path, quote 0), @name, (unnamed); a byte that does not print as \xNN. */
RT void fmt_unix(const struct sockaddr_storage *ss, socklen_t len, int quote,
		     char *buf, size_t size)
{
	const char *p = (const char *)ss + offsetof(struct sockaddr_un, sun_path);
	size_t n = len > offsetof(struct sockaddr_un, sun_path) ?
		   len - offsetof(struct sockaddr_un, sun_path) : 0;
	size_t o, i = 0;

	if (n > SUN_PATH_MAX)
		n = SUN_PATH_MAX;
	if (n == 0) {
		snprintf(buf, size, "(unnamed)");
		return;
	}
	if (p[0] == '\0') {
		o = (size_t)snprintf(buf, size, "@");
		i = 1;
	} else {
		o = (size_t)snprintf(buf, size, "%s", quote ? "\"" : "");
		n = strnlen(p, n);
	}
	for (; i < n && o + 6 < size; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	if (quote && p[0] != '\0')
		buf[o++] = '"';
	buf[o] = '\0';
}

/* The length of a UNIX address in a zeroed sockaddr_storage: up to its
 * last byte that is not a NUL (getsockname, getpeername). */
RT socklen_t sun_len(const struct sockaddr_storage *ss)
{
	const unsigned char *p = (const unsigned char *)ss;
	size_t n = sizeof(*ss), start = offsetof(struct sockaddr_un, sun_path);

	while (n > start + 1 && !p[n - 1])
		n--;
	return (socklen_t)(n == start + 1 && !p[start] ? start : n);
}

/* getsockname, getpeername of a UNIX socket. */
RT void do_getname_unix(int id, const char *call, int peer)
{
	struct sockaddr_storage a;
	socklen_t alen = sizeof(a);
	char v[520] = "";
	int rc;

	if (!held(id, call))
		return;
	memset(&a, 0, sizeof(a));
	rc = peer ? getpeername(fd[id], (struct sockaddr *)&a, &alen) :
		    getsockname(fd[id], (struct sockaddr *)&a, &alen);
	if (rc == 0)
		fmt_unix(&a, sun_len(&a), 1, v, sizeof(v));
	report(call, rc, v);
}

/* A UNIX socket has no port to say. */
RT void do_listen_unix(int id, const char *call, int backlog)
{
	if (held(id, call))
		report(call, listen(fd[id], backlog), NULL);
}

/* accept: the peer as getpeername gives it, (unnamed) when it has no
 * name. */
RT void do_accept_unix(int id, int nid, const char *call, const char *label,
			   int ms)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);
	char v[600], a[520] = "-";
	int n;

	if (!held(id, call))
		return;
	n = accept4(fd[id], NULL, NULL, SOCK_NONBLOCK);
	if (n < 0 && errno == EAGAIN && wait_fd(fd[id], POLLIN, ms))
		n = accept4(fd[id], NULL, NULL, SOCK_NONBLOCK);
	if (n >= 0) {
		fd[nid] = n;
		learn(nid);
		memset(&peer, 0, sizeof(peer));
		if (getpeername(n, (struct sockaddr *)&peer, &len) == 0)
			fmt_unix(&peer, len, 0, a, sizeof(a));
		snprintf(v, sizeof(v), "%s from %s", label, a);
	}
	report(call, n, v);
}

/* recv: a datagram says where it came from (when the sender has a name,
 * or says it has none); a stream's 0 is its end; u_seq keeps each
 * message, and a 0 is an empty one. */
RT void do_recv_unix(int id, const char *call, int type, int max, int ms)
{
	static char buf[65536];
	struct sockaddr_storage from;
	socklen_t len = sizeof(from);
	char v[800], data[240], a[520];
	size_t m = max > 0 && max <= (int)sizeof(buf) ? (size_t)max : sizeof(buf);
	ssize_t n;

	if (!held(id, call))
		return;
	memset(&from, 0, sizeof(from));
	n = recvfrom(fd[id], buf, m, 0, (struct sockaddr *)&from, &len);
	if (n < 0 && errno == EAGAIN && wait_fd(fd[id], POLLIN, ms)) {
		len = sizeof(from);
		n = recvfrom(fd[id], buf, m, 0, (struct sockaddr *)&from, &len);
	}
	if (n >= 0) {
		fmt_data(buf, (size_t)n, data, sizeof(data));
		if (type == SOCK_DGRAM && len) {
			fmt_unix(&from, len, 1, a, sizeof(a));
			snprintf(v, sizeof(v), "%zd %s from %s", n, data, a);
		} else if (n == 0 && type == SOCK_STREAM) {
			snprintf(v, sizeof(v), "0 (end of stream: the peer will send no more)");
		} else {
			snprintf(v, sizeof(v), "%zd %s", n, data);
		}
	}
	report(call, n, v);
}

/* Two connected sockets, s<id> and s<id2>, both held here. */
RT void do_socketpair(int id, int id2, int type, const char *call,
			  const char *label)
{
	int sv[2], rc = socketpair(AF_UNIX, type | SOCK_NONBLOCK, 0, sv);

	if (rc == 0) {
		fd[id] = sv[0];
		fd[id2] = sv[1];
		learn(id);
		learn(id2);
	}
	report(call, rc, label);
}

/* sendfd: s<id2> over s<id>, with one byte "F" (a stream needs data to
 * carry it). */
RT void do_sendfd(int id, int id2, const char *call)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	char byte = 'F', v[32];
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	ssize_t n;

	if (!held(id, call) || !held(id2, call))
		return;
	memset(&ctl, 0, sizeof(ctl));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd[id2], sizeof(int));
	n = sendmsg(fd[id], &mh, MSG_NOSIGNAL);
	snprintf(v, sizeof(v), "%zd", n);
	report(call, n, v);
}

/* recvfd: the descriptor that came is s<nid> in this process (the same
 * socket: one more process holds it); when this process holds it
 * already, the new descriptor is closed again. */
RT void do_recvfd(int id, int nid, const char *call, const char *label,
		      int ms)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(4 * sizeof(int))];
	} ctl;
	char byte, v[200];
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	int fds[4], got = 0;
	ssize_t n;

	if (!held(id, call))
		return;
	n = recvmsg(fd[id], &mh, MSG_CMSG_CLOEXEC);
	if (n < 0 && errno == EAGAIN && wait_fd(fd[id], POLLIN, ms)) {
		mh.msg_controllen = sizeof(ctl.buf);
		n = recvmsg(fd[id], &mh, MSG_CMSG_CLOEXEC);
	}
	if (n <= 0) {
		report(call, n, "0 (end of stream: no socket came)");
		return;
	}
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			got = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			memcpy(fds, CMSG_DATA(c), (size_t)got * sizeof(int));
		}
	for (int i = 1; i < got; i++)	/* one is asked for: no more kept */
		close(fds[i]);
	if (got == 0) {
		snprintf(v, sizeof(v), "%zd (no descriptor came with the byte)", n);
		report(call, n, v);
		return;
	}
	fcntl(fds[0], F_SETFD, 0);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	if (nid && fd[nid] < 0) {
		fd[nid] = fds[0];
		learn(nid);
	} else {
		close(fds[0]);
	}
	report(call, n, label);
}

/* unlink PATH (at most sun_path's bytes of it, as a name is used) */
RT void do_unlink(const char *call, const char *path)
{
	report(call, unlink(path), NULL);
}


/* wait SOCK STATE for a UNIX socket: its row in /proc/net/unix, by inode.
 * The kernel view's states: LISTEN (__SO_ACCEPTCON among the flags),
 * ESTAB (connected, SS_CONNECTED: 03), else UNCONN. */
RT int in_state_unix(int id, int st)
{
	char line[512];
	unsigned long flags, ino;
	unsigned type, ss;
	int found = -1;
	FILE *f;

	if (!sh->ino[id] || !(f = fopen("/proc/net/unix", "r")))
		return 0;
	while (found < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*x: %*x %*x %lx %x %x %lu", &flags, &type, &ss,
			   &ino) == 4 && ino == sh->ino[id])
			found = flags & 0x10000 ? 10 : ss == 3 ? 1 : 7;
	fclose(f);
	return found == st;
}

RT void do_wait_state_unix(int id, int st, const char *name, long ms,
			       const char *call)
{
	long long start = now_ms();

	for (;;) {
		if (in_state_unix(id, st)) {
			out("%s = %s after %lld ms", call, name, now_ms() - start);
			return;
		}
		if (now_ms() - start >= ms)
			break;
		usleep(10 * 1000);
	}
	out("%s = timed out", call);
}

/* ---- the script ---- */

/* A socketpair between a parent and its forked child */
/* socketpair(2) makes two UNIX sockets already connected to each other,
 * with no name and no file. A process makes the pair and forks: parent
 * and child each keep one end and close the other, and they talk both
 * ways. When one end goes, a stream's other end reads the end of the
 * stream; a datagram end's next send is refused. */
/* A process makes a stream pair: a and b, connected from the start, both
 * ESTAB. Then it forks. */
/* line 5, in main: spawn parent */
static void step_0(void)
{
	do_spawn(1, -1, -1, "spawn(parent)");
}

/* line 6: parent: socketpair stream as a b => ok */
static void step_1(void)
{
	/* the script expects => ok */
	do_socketpair(1, 2, SOCK_STREAM, "socketpair(AF_UNIX, SOCK_STREAM, 0)", "s1 (a), s2 (b)");
}

/* line 7, in main: wait a ESTAB 1s */
static void step_2(void)
{
	do_wait_state_unix(1, 1, "ESTAB", 1000, "wait s1 ESTAB");
}

/* line 8, in main: wait b ESTAB 1s */
static void step_3(void)
{
	do_wait_state_unix(2, 1, "ESTAB", 1000, "wait s2 ESTAB");
}

/* line 9, in parent: fork parent as child */
static void step_4(void)
{
	do_fork(2, "fork(parent)", "child");
}

/* Both processes now hold both ends: see the owners. */
/* line 11: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Each side closes the end it does not use: the parent keeps a, the
 * child keeps b. */
/* line 15: parent: close b => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 16: child: close a => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* Each row's peer column names the other end: a's row shows * s2, b's *
 * s1. */
/* line 18, in main: wait a ESTAB 1s */
static void step_7(void)
{
	do_wait_state_unix(1, 1, "ESTAB", 1000, "wait s1 ESTAB");
}

/* line 19, in main: wait b ESTAB 1s */
static void step_8(void)
{
	do_wait_state_unix(2, 1, "ESTAB", 1000, "wait s2 ESTAB");
}

/* line 20: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* Messages go both ways, as on a connection. */
/* line 24: parent: send a "to the child" => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_send(1, "send(s1, \"to the child\")", 0, "to the child", 12, NULL, 0);
}

/* line 25: child: recv b => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_recv_unix(2, "recv(s2, 65536)", SOCK_STREAM, 65536, 1000);
}

/* line 26: child: send b "to the parent" => ok */
static void step_11(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"to the parent\")", 0, "to the parent", 13, NULL, 0);
}

/* line 27: parent: recv a => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_recv_unix(1, "recv(s1, 65536)", SOCK_STREAM, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* The child exits. Its end goes, and the parent's recv returns 0: the
 * end of the stream, not an error. */
/* line 31, in main: exit child */
static void step_13(void)
{
	do_end(2, 0, "exit(child)");
}

/* line 32: parent: recv a => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_recv_unix(1, "recv(s1, 65536)", SOCK_STREAM, 65536, 1000);
}

/* A send now fails with EPIPE: nobody is left to read it. */
/* line 34: parent: send a "anyone?" => EPIPE */
static void step_15(void)
{
	/* the script expects => EPIPE */
	do_send(1, "send(s1, \"anyone\?\")", 0, "anyone\?", 7, NULL, 0);
}

/* ---- pause: the end of a lesson step ---- */

/* The same with a datagram pair, d and e: the child keeps e, the parent
 * d. */
/* line 38: parent: socketpair dgram as d e => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_socketpair(3, 4, SOCK_DGRAM, "socketpair(AF_UNIX, SOCK_DGRAM, 0)", "s3 (d), s4 (e)");
}

/* line 39, in parent: fork parent as child2 */
static void step_17(void)
{
	do_fork(3, "fork(parent)", "child2");
}

/* line 40: parent: close e => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_close(4, "close(s4)");
}

/* line 41: child2: close d => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_close(3, "close(s3)");
}

/* line 42: parent: send d "ping" => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"ping\")", 1, "ping", 4, NULL, 0);
}

/* line 43: child2: recv e => ok */
static void step_21(void)
{
	/* the script expects => ok */
	do_recv_unix(4, "recv(s4, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* The child exits. A datagram has no end of stream: the parent's next
 * send is refused, ECONNREFUSED. */
/* line 47, in main: exit child2 */
static void step_22(void)
{
	do_end(3, 0, "exit(child2)");
}

/* line 48: parent: send d "ping" => ECONNREFUSED */
static void step_23(void)
{
	/* the script expects => ECONNREFUSED */
	do_send(3, "send(s3, \"ping\")", 1, "ping", 4, NULL, 0);
}

/* That send also disconnected d: it is UNCONN, and a send has no peer
 * now. */
/* line 50, in main: wait d UNCONN 1s */
static void step_24(void)
{
	do_wait_state_unix(3, 7, "UNCONN", 1000, "wait s3 UNCONN");
}

/* line 51: parent: send d "ping" => ENOTCONN */
static void step_25(void)
{
	/* the script expects => ENOTCONN */
	do_send(3, "send(s3, \"ping\")", 1, "ping", 4, NULL, 0);
}

/* line 52: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 1 },	/* line 6, parent */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 1 },	/* line 9, parent */
	{ step_5, 1 },	/* line 15, parent */
	{ step_6, 2 },	/* line 16, child */
	{ step_7, 0 },	/* line 18, main */
	{ step_8, 0 },	/* line 19, main */
	{ step_9, 1 },	/* line 24, parent */
	{ step_10, 2 },	/* line 25, child */
	{ step_11, 2 },	/* line 26, child */
	{ step_12, 1 },	/* line 27, parent */
	{ step_13, 0 },	/* line 31, main */
	{ step_14, 1 },	/* line 32, parent */
	{ step_15, 1 },	/* line 34, parent */
	{ step_16, 1 },	/* line 38, parent */
	{ step_17, 1 },	/* line 39, parent */
	{ step_18, 1 },	/* line 40, parent */
	{ step_19, 3 },	/* line 41, child2 */
	{ step_20, 1 },	/* line 42, parent */
	{ step_21, 3 },	/* line 43, child2 */
	{ step_22, 0 },	/* line 47, main */
	{ step_23, 1 },	/* line 48, parent */
	{ step_24, 0 },	/* line 50, main */
	{ step_25, 1 },	/* line 51, parent */
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
