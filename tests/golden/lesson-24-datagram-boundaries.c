/* lesson-24-datagram-boundaries.stage: exported by sockstage --export-c.
 *
 * Message boundaries: u_dgr and u_seq keep them, u_str does not
 * A UNIX stream socket carries bytes, as TCP does: two sends may come
 * out of one recv. Datagram and seqpacket sockets carry messages: each
 * recv returns one message, whole or cut. A message longer than the
 * recv's buffer is cut, and its rest is lost; on a stream the rest waits
 * for the next recv.
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

#define NSOCK 9
#define NPROC 1
#define NSTEPS 35

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
/* ---- the program's own directory: relative UNIX paths are in it ------------ */

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char own_dir[256];
static pid_t own_dir_child;

/* Remove the directory with what is in it (the sockets' files). */
static void own_dir_remove(void)
{
	DIR *d = opendir(own_dir);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
			    unlinkat(dirfd(d), e->d_name, 0) < 0)
				unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
		closedir(d);
	}
	rmdir(own_dir);
}

static void own_dir_pass(int sig)
{
	kill(own_dir_child, sig);
}

/* Before main: a directory of its own (mode 0755, under $TMPDIR or
 * /tmp), as sockstage makes one for the stage. The script runs in a
 * child that works in it, as every process it makes does after it; this
 * process passes it the signals that would end it, waits for its end,
 * however it ends, removes the directory and exits as it did. */
__attribute__((constructor)) static void own_dir_enter(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	const char *tmp = getenv("TMPDIR");
	struct sigaction sa;
	int status = 0;

	if (!tmp || tmp[0] != '/' || strlen(tmp) > 200)
		tmp = "/tmp";
	snprintf(own_dir, sizeof(own_dir), "%s/sockstage-XXXXXX", tmp);
	if (!mkdtemp(own_dir))
		die("mkdtemp");
	if (chmod(own_dir, 0755) < 0 || (own_dir_child = fork()) < 0) {
		rmdir(own_dir);
		die("own directory");
	}
	if (own_dir_child == 0) {
		if (chdir(own_dir) < 0)
			die("chdir");
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = own_dir_pass;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	while (waitpid(own_dir_child, &status, 0) < 0 && errno == EINTR)
		;
	own_dir_remove();
	_exit(WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
}


/* ---- the script ---- */

/* Message boundaries: u_dgr and u_seq keep them, u_str does not */
/* A UNIX stream socket carries bytes, as TCP does: two sends may come
 * out of one recv. Datagram and seqpacket sockets carry messages: each
 * recv returns one message, whole or cut. A message longer than the
 * recv's buffer is cut, and its rest is lost; on a stream the rest waits
 * for the next recv. */
/* Three socketpairs, one of each type. On the datagram pair, two sends:
 * "one", then "two". */
/* line 5, in main: socketpair dgram as d1 d2 => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_socketpair(1, 2, SOCK_DGRAM, "socketpair(AF_UNIX, SOCK_DGRAM, 0)", "s1 (d1), s2 (d2)");
}

/* line 6, in main: socketpair seqpacket as q1 q2 => ok */
static void step_1(void)
{
	/* the script expects => ok */
	do_socketpair(3, 4, SOCK_SEQPACKET, "socketpair(AF_UNIX, SOCK_SEQPACKET, 0)", "s3 (q1), s4 (q2)");
}

/* line 7, in main: socketpair stream as t1 t2 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_socketpair(5, 6, SOCK_STREAM, "socketpair(AF_UNIX, SOCK_STREAM, 0)", "s5 (t1), s6 (t2)");
}

/* line 8, in main: send d1 "one" => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_send(1, "send(s1, \"one\")", 1, "one", 3, NULL, 0);
}

/* line 9, in main: send d1 "two" => ok */
static void step_4(void)
{
	/* the script expects => ok */
	do_send(1, "send(s1, \"two\")", 1, "two", 3, NULL, 0);
}

/* Each recv returns one message; a third finds nothing. */
/* line 11, in main: recv d2 => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_recv_unix(2, "recv(s2, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* line 12, in main: recv d2 => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_recv_unix(2, "recv(s2, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* line 13, in main: recv d2 => EAGAIN */
static void step_7(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(2, "recv(s2, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* The same two sends on the seqpacket pair: two messages again, one per
 * recv. */
/* line 17, in main: send q1 "one" => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"one\")", 1, "one", 3, NULL, 0);
}

/* line 18, in main: send q1 "two" => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"two\")", 1, "two", 3, NULL, 0);
}

/* line 19, in main: recv q2 => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_recv_unix(4, "recv(s4, 65536)", SOCK_SEQPACKET, 65536, 1000);
}

/* line 20, in main: recv q2 => ok */
static void step_11(void)
{
	/* the script expects => ok */
	do_recv_unix(4, "recv(s4, 65536)", SOCK_SEQPACKET, 65536, 1000);
}

/* line 21, in main: recv q2 => EAGAIN */
static void step_12(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(4, "recv(s4, 65536)", SOCK_SEQPACKET, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* On the stream pair, the same two sends. One recv returns "onetwo": a
 * stream has no boundaries. */
/* line 25, in main: send t1 "one" => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_send(5, "send(s5, \"one\")", 0, "one", 3, NULL, 0);
}

/* line 26, in main: send t1 "two" => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_send(5, "send(s5, \"two\")", 0, "two", 3, NULL, 0);
}

/* line 27, in main: recv t2 => ok */
static void step_15(void)
{
	/* the script expects => ok */
	do_recv_unix(6, "recv(s6, 65536)", SOCK_STREAM, 65536, 1000);
}

/* line 28, in main: recv t2 => EAGAIN */
static void step_16(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(6, "recv(s6, 65536)", SOCK_STREAM, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* A datagram of 8 bytes, read with room for 4: recv returns 4, and the
 * other 4 are lost. */
/* line 32, in main: send d1 "datagram" => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_send(1, "send(s1, \"datagram\")", 1, "datagram", 8, NULL, 0);
}

/* line 33, in main: recv d2 4 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_recv_unix(2, "recv(s2, 4)", SOCK_DGRAM, 4, 1000);
}

/* line 34, in main: recv d2 => EAGAIN */
static void step_19(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(2, "recv(s2, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* A seqpacket cuts a message the same way. */
/* line 36, in main: send q1 "sequence" => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_send(3, "send(s3, \"sequence\")", 1, "sequence", 8, NULL, 0);
}

/* line 37, in main: recv q2 4 => ok */
static void step_21(void)
{
	/* the script expects => ok */
	do_recv_unix(4, "recv(s4, 4)", SOCK_SEQPACKET, 4, 1000);
}

/* line 38, in main: recv q2 => EAGAIN */
static void step_22(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(4, "recv(s4, 65536)", SOCK_SEQPACKET, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* On the stream, recv with room for 4 takes 4 bytes. The rest waits for
 * the next recv. */
/* line 42, in main: send t1 "a stream" => ok */
static void step_23(void)
{
	/* the script expects => ok */
	do_send(5, "send(s5, \"a stream\")", 0, "a stream", 8, NULL, 0);
}

/* line 43, in main: recv t2 4 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_recv_unix(6, "recv(s6, 4)", SOCK_STREAM, 4, 1000);
}

/* line 44, in main: recv t2 => ok */
static void step_25(void)
{
	/* the script expects => ok */
	do_recv_unix(6, "recv(s6, 65536)", SOCK_STREAM, 65536, 1000);
}

/* line 45, in main: recv t2 => EAGAIN */
static void step_26(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(6, "recv(s6, 65536)", SOCK_STREAM, 65536, 1000);
}

/* ---- pause: the end of a lesson step ---- */

/* A datagram server bound to a path gets the messages of any sender, one
 * by one. */
/* line 49, in main: socket unix dgram as srv => ok */
static void step_27(void)
{
	/* the script expects => ok */
	do_socket(7, AF_UNIX, SOCK_DGRAM, "socket(AF_UNIX, SOCK_DGRAM, 0)", "s7 (srv)");
}

/* line 50, in main: bind srv dg.sock => ok */
static void step_28(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "dg.sock", 7);

	do_bind(7, "bind(s7, \"dg.sock\")", &a, alen, 0);
}

/* line 51, in main: socket unix dgram as cli => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_socket(8, AF_UNIX, SOCK_DGRAM, "socket(AF_UNIX, SOCK_DGRAM, 0)", "s8 (cli)");
}

/* line 52, in main: sendto cli dg.sock "one" => ok */
static void step_30(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "dg.sock", 7);

	do_send(8, "sendto(s8, \"one\", \"dg.sock\")", 1, "one", 3, &a, alen);
}

/* line 53, in main: sendto cli dg.sock "two" => ok */
static void step_31(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "dg.sock", 7);

	do_send(8, "sendto(s8, \"two\", \"dg.sock\")", 1, "two", 3, &a, alen);
}

/* line 54: expect UNCONN dg.sock (sockstage checks the kernel view) */
/* Its Recv-Q shows 3, not 6: for u_dgr the kernel counts only the first
 * message. */
/* line 56: show (sockstage prints the kernel view) */
/* line 57, in main: recv srv => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_recv_unix(7, "recv(s7, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* line 58, in main: recv srv => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_recv_unix(7, "recv(s7, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* line 59, in main: recv srv => EAGAIN */
static void step_34(void)
{
	/* the script expects => EAGAIN */
	do_recv_unix(7, "recv(s7, 65536)", SOCK_DGRAM, 65536, 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 0 },	/* line 6, main */
	{ step_2, 0 },	/* line 7, main */
	{ step_3, 0 },	/* line 8, main */
	{ step_4, 0 },	/* line 9, main */
	{ step_5, 0 },	/* line 11, main */
	{ step_6, 0 },	/* line 12, main */
	{ step_7, 0 },	/* line 13, main */
	{ step_8, 0 },	/* line 17, main */
	{ step_9, 0 },	/* line 18, main */
	{ step_10, 0 },	/* line 19, main */
	{ step_11, 0 },	/* line 20, main */
	{ step_12, 0 },	/* line 21, main */
	{ step_13, 0 },	/* line 25, main */
	{ step_14, 0 },	/* line 26, main */
	{ step_15, 0 },	/* line 27, main */
	{ step_16, 0 },	/* line 28, main */
	{ step_17, 0 },	/* line 32, main */
	{ step_18, 0 },	/* line 33, main */
	{ step_19, 0 },	/* line 34, main */
	{ step_20, 0 },	/* line 36, main */
	{ step_21, 0 },	/* line 37, main */
	{ step_22, 0 },	/* line 38, main */
	{ step_23, 0 },	/* line 42, main */
	{ step_24, 0 },	/* line 43, main */
	{ step_25, 0 },	/* line 44, main */
	{ step_26, 0 },	/* line 45, main */
	{ step_27, 0 },	/* line 49, main */
	{ step_28, 0 },	/* line 50, main */
	{ step_29, 0 },	/* line 51, main */
	{ step_30, 0 },	/* line 52, main */
	{ step_31, 0 },	/* line 53, main */
	{ step_32, 0 },	/* line 57, main */
	{ step_33, 0 },	/* line 58, main */
	{ step_34, 0 },	/* line 59, main */
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
