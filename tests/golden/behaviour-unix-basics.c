/* behaviour-unix-basics.stage: exported by sockstage --export-c.
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

#define NSOCK 20
#define NPROC 3
#define NSTEPS 58

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

/* # unix-basics.stage - UNIX-domain sockets as the kernel runs them: a
 * path */
/* # is a file in the stage's own directory (relative paths are in it),
 * an */
/* # @name is in the abstract namespace of the network namespace. */
/* # */
/* # What the kernel does (6.18): */
/* # - a stream listener's path stays after close: a new bind of it gives */
/* # EADDRINUSE until the file is unlinked (it is a stale socket file: */
/* # nothing listens, a connect gets ECONNREFUSED); */
/* # - an abstract name goes with its last socket: no unlink needed; */
/* # - u_dgr and u_seq keep message boundaries, u_str does not; */
/* # - connect to a u_dgr name from a u_str socket: EPROTOTYPE; */
/* # - a name longer than sun_path (108 bytes): EINVAL from the kernel; */
/* # - sendfd passes a socket with SCM_RIGHTS and one byte; recvfd in the */
/* # other process makes it a holder of the same socket. */
/* line 16, in main: socket unix stream as srv => ok */
static void step_0(void)
{
	/* the script expects => ok */
	do_socket(1, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s1 (srv)");
}

/* line 17, in main: bind srv srv.sock => ok */
static void step_1(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "srv.sock", 8);

	do_bind(1, "bind(s1, \"srv.sock\")", &a, alen, 0);
}

/* line 18, in main: listen srv 1 => ok */
static void step_2(void)
{
	/* the script expects => ok */
	do_listen_unix(1, "listen(s1, 1)", 1);
}

/* line 19, in main: socket unix stream as cli => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_socket(2, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s2 (cli)");
}

/* line 20, in main: connect cli srv.sock => ok */
static void step_4(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "srv.sock", 8);

	do_connect(2, "connect(s2, \"srv.sock\")", &a, alen, 1000);
}

/* line 21, in main: accept srv as conn => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_accept_unix(1, 3, "accept(s1)", "s3 (conn)", 1000);
}

/* line 22, in main: send cli "abc" => ok */
static void step_6(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"abc\")", 0, "abc", 3, NULL, 0);
}

/* line 23, in main: send cli "def" => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_send(2, "send(s2, \"def\")", 0, "def", 3, NULL, 0);
}

/* line 24, in main: recv conn => ok */
static void step_8(void)
{
	/* the script expects => ok */
	do_recv_unix(3, "recv(s3, 65536)", SOCK_STREAM, 65536, 1000);
}

/* line 25, in main: close conn => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_close(3, "close(s3)");
}

/* line 26, in main: close cli => ok */
static void step_10(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 27, in main: close srv => ok */
static void step_11(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* # ---- the stale socket file ---- */
/* line 30, in main: socket unix stream as probe => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_socket(4, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s4 (probe)");
}

/* line 31, in main: connect probe srv.sock => ECONNREFUSED */
static void step_13(void)
{
	/* the script expects => ECONNREFUSED */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "srv.sock", 8);

	do_connect(4, "connect(s4, \"srv.sock\")", &a, alen, 1000);
}

/* line 32, in main: socket unix stream as srv2 => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_socket(5, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s5 (srv2)");
}

/* line 33, in main: bind srv2 srv.sock => EADDRINUSE */
static void step_15(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "srv.sock", 8);

	do_bind(5, "bind(s5, \"srv.sock\")", &a, alen, 0);
}

/* line 34, in main: unlink srv.sock => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_unlink("unlink(\"srv.sock\")", "srv.sock");
}

/* line 35, in main: bind srv2 srv.sock => ok */
static void step_17(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "srv.sock", 8);

	do_bind(5, "bind(s5, \"srv.sock\")", &a, alen, 0);
}

/* line 36, in main: unlink srv.sock => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_unlink("unlink(\"srv.sock\")", "srv.sock");
}

/* line 37, in main: unlink srv.sock => ENOENT */
static void step_19(void)
{
	/* the script expects => ENOENT */
	do_unlink("unlink(\"srv.sock\")", "srv.sock");
}

/* # ---- the abstract namespace: no file, no unlink ---- */
/* line 40, in main: socket unix stream as a1 => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_socket(6, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s6 (a1)");
}

/* line 41, in main: bind a1 @stage-demo => ok */
static void step_21(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 1, "stage-demo", 10);

	do_bind(6, "bind(s6, @stage-demo)", &a, alen, 0);
}

/* line 42, in main: socket unix stream as a2 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	do_socket(7, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s7 (a2)");
}

/* line 43, in main: bind a2 @stage-demo => EADDRINUSE */
static void step_23(void)
{
	/* the script expects => EADDRINUSE */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 1, "stage-demo", 10);

	do_bind(7, "bind(s7, @stage-demo)", &a, alen, 0);
}

/* line 44, in main: close a1 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_close(6, "close(s6)");
}

/* line 45, in main: bind a2 @stage-demo => ok */
static void step_25(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 1, "stage-demo", 10);

	do_bind(7, "bind(s7, @stage-demo)", &a, alen, 0);
}

/* # ---- message boundaries ---- */
/* line 48, in main: socketpair seqpacket as q1 q2 => ok */
static void step_26(void)
{
	/* the script expects => ok */
	do_socketpair(8, 9, SOCK_SEQPACKET, "socketpair(AF_UNIX, SOCK_SEQPACKET, 0)", "s8 (q1), s9 (q2)");
}

/* line 49, in main: send q1 "one" => ok */
static void step_27(void)
{
	/* the script expects => ok */
	do_send(8, "send(s8, \"one\")", 1, "one", 3, NULL, 0);
}

/* line 50, in main: send q1 "two" => ok */
static void step_28(void)
{
	/* the script expects => ok */
	do_send(8, "send(s8, \"two\")", 1, "two", 3, NULL, 0);
}

/* line 51, in main: recv q2 => ok */
static void step_29(void)
{
	/* the script expects => ok */
	do_recv_unix(9, "recv(s9, 65536)", SOCK_SEQPACKET, 65536, 1000);
}

/* line 52, in main: recv q2 => ok */
static void step_30(void)
{
	/* the script expects => ok */
	do_recv_unix(9, "recv(s9, 65536)", SOCK_SEQPACKET, 65536, 1000);
}

/* line 53, in main: socketpair stream as t1 t2 => ok */
static void step_31(void)
{
	/* the script expects => ok */
	do_socketpair(10, 11, SOCK_STREAM, "socketpair(AF_UNIX, SOCK_STREAM, 0)", "s10 (t1), s11 (t2)");
}

/* line 54, in main: send t1 "one" => ok */
static void step_32(void)
{
	/* the script expects => ok */
	do_send(10, "send(s10, \"one\")", 0, "one", 3, NULL, 0);
}

/* line 55, in main: send t1 "two" => ok */
static void step_33(void)
{
	/* the script expects => ok */
	do_send(10, "send(s10, \"two\")", 0, "two", 3, NULL, 0);
}

/* line 56, in main: recv t2 => ok */
static void step_34(void)
{
	/* the script expects => ok */
	do_recv_unix(11, "recv(s11, 65536)", SOCK_STREAM, 65536, 1000);
}

/* # ---- types must match ---- */
/* line 59, in main: socket unix dgram as d => ok */
static void step_35(void)
{
	/* the script expects => ok */
	do_socket(12, AF_UNIX, SOCK_DGRAM, "socket(AF_UNIX, SOCK_DGRAM, 0)", "s12 (d)");
}

/* line 60, in main: bind d dgram.sock => ok */
static void step_36(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "dgram.sock", 10);

	do_bind(12, "bind(s12, \"dgram.sock\")", &a, alen, 0);
}

/* line 61, in main: socket unix stream as wrong => ok */
static void step_37(void)
{
	/* the script expects => ok */
	do_socket(13, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s13 (wrong)");
}

/* line 62, in main: connect wrong dgram.sock => EPROTOTYPE */
static void step_38(void)
{
	/* the script expects => EPROTOTYPE */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "dgram.sock", 10);

	do_connect(13, "connect(s13, \"dgram.sock\")", &a, alen, 1000);
}

/* line 63, in main: socket unix dgram as d2 => ok */
static void step_39(void)
{
	/* the script expects => ok */
	do_socket(14, AF_UNIX, SOCK_DGRAM, "socket(AF_UNIX, SOCK_DGRAM, 0)", "s14 (d2)");
}

/* line 64, in main: sendto d2 dgram.sock "hi" => ok */
static void step_40(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "dgram.sock", 10);

	do_send(14, "sendto(s14, \"hi\", \"dgram.sock\")", 1, "hi", 2, &a, alen);
}

/* line 65, in main: recv d => ok */
static void step_41(void)
{
	/* the script expects => ok */
	do_recv_unix(12, "recv(s12, 65536)", SOCK_DGRAM, 65536, 1000);
}

/* # ---- a name longer than sun_path ---- */
/* line 68, in main: socket unix stream as long => ok */
static void step_42(void)
{
	/* the script expects => ok */
	do_socket(15, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s15 (long)");
}

/* line 69, in main: bind long aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock => EINVAL */
static void step_43(void)
{
	/* the script expects => EINVAL */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock", 119);

	do_bind(15, "bind(s15, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock\")", &a, alen, 0);
}

/* line 70, in main: socket unix stream as dir => ok */
static void step_44(void)
{
	/* the script expects => ok */
	do_socket(16, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s16 (dir)");
}

/* line 71, in main: connect dir nodir/x.sock => ENOENT */
static void step_45(void)
{
	/* the script expects => ENOENT */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "nodir/x.sock", 12);

	do_connect(16, "connect(s16, \"nodir/x.sock\")", &a, alen, 1000);
}

/* # ---- passing a socket ---- */
/* line 74, in main: spawn other => ok */
static void step_46(void)
{
	/* the script expects => ok */
	do_spawn(1, -1, -1, "spawn(other)");
}

/* line 75, in main: socketpair stream as p1 p2 => ok */
static void step_47(void)
{
	/* the script expects => ok */
	do_socketpair(17, 18, SOCK_STREAM, "socketpair(AF_UNIX, SOCK_STREAM, 0)", "s17 (p1), s18 (p2)");
}

/* line 76, in main: fork main as helper => ok */
static void step_48(void)
{
	/* the script expects => ok */
	do_fork(2, "fork(main)", "helper");
}

/* line 77: helper: close p1 => ok */
static void step_49(void)
{
	/* the script expects => ok */
	do_close(17, "close(s17)");
}

/* line 78, in main: close p2 => ok */
static void step_50(void)
{
	/* the script expects => ok */
	do_close(18, "close(s18)");
}

/* line 79, in main: socket unix stream as gift => ok */
static void step_51(void)
{
	/* the script expects => ok */
	do_socket(19, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s19 (gift)");
}

/* line 80, in main: bind gift gift.sock => ok */
static void step_52(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "gift.sock", 9);

	do_bind(19, "bind(s19, \"gift.sock\")", &a, alen, 0);
}

/* line 81, in main: sendfd p1 gift => ok */
static void step_53(void)
{
	/* the script expects => ok */
	do_sendfd(17, 19, "sendmsg(s17, \"F\", SCM_RIGHTS: s19)");
}

/* line 82, in main: close gift => ok */
static void step_54(void)
{
	/* the script expects => ok */
	do_close(19, "close(s19)");
}

/* line 83: helper: recvfd p2 as got => ok */
static void step_55(void)
{
	/* the script expects => ok */
	do_recvfd(18, 19, "recvmsg(s18, SCM_RIGHTS)", "s19 (gift)", 1000);
}

/* line 84: helper: listen gift => ok */
static void step_56(void)
{
	/* the script expects => ok */
	do_listen_unix(19, "listen(s19, 4096)", 4096);
}

/* line 85: helper: recvfd p2 => EAGAIN */
static void step_57(void)
{
	/* the script expects => EAGAIN */
	do_recvfd(18, 0, "recvmsg(s18, SCM_RIGHTS)", "", 1000);
}

static const struct step steps[] = {
	{ step_0, 0 },	/* line 16, main */
	{ step_1, 0 },	/* line 17, main */
	{ step_2, 0 },	/* line 18, main */
	{ step_3, 0 },	/* line 19, main */
	{ step_4, 0 },	/* line 20, main */
	{ step_5, 0 },	/* line 21, main */
	{ step_6, 0 },	/* line 22, main */
	{ step_7, 0 },	/* line 23, main */
	{ step_8, 0 },	/* line 24, main */
	{ step_9, 0 },	/* line 25, main */
	{ step_10, 0 },	/* line 26, main */
	{ step_11, 0 },	/* line 27, main */
	{ step_12, 0 },	/* line 30, main */
	{ step_13, 0 },	/* line 31, main */
	{ step_14, 0 },	/* line 32, main */
	{ step_15, 0 },	/* line 33, main */
	{ step_16, 0 },	/* line 34, main */
	{ step_17, 0 },	/* line 35, main */
	{ step_18, 0 },	/* line 36, main */
	{ step_19, 0 },	/* line 37, main */
	{ step_20, 0 },	/* line 40, main */
	{ step_21, 0 },	/* line 41, main */
	{ step_22, 0 },	/* line 42, main */
	{ step_23, 0 },	/* line 43, main */
	{ step_24, 0 },	/* line 44, main */
	{ step_25, 0 },	/* line 45, main */
	{ step_26, 0 },	/* line 48, main */
	{ step_27, 0 },	/* line 49, main */
	{ step_28, 0 },	/* line 50, main */
	{ step_29, 0 },	/* line 51, main */
	{ step_30, 0 },	/* line 52, main */
	{ step_31, 0 },	/* line 53, main */
	{ step_32, 0 },	/* line 54, main */
	{ step_33, 0 },	/* line 55, main */
	{ step_34, 0 },	/* line 56, main */
	{ step_35, 0 },	/* line 59, main */
	{ step_36, 0 },	/* line 60, main */
	{ step_37, 0 },	/* line 61, main */
	{ step_38, 0 },	/* line 62, main */
	{ step_39, 0 },	/* line 63, main */
	{ step_40, 0 },	/* line 64, main */
	{ step_41, 0 },	/* line 65, main */
	{ step_42, 0 },	/* line 68, main */
	{ step_43, 0 },	/* line 69, main */
	{ step_44, 0 },	/* line 70, main */
	{ step_45, 0 },	/* line 71, main */
	{ step_46, 0 },	/* line 74, main */
	{ step_47, 0 },	/* line 75, main */
	{ step_48, 0 },	/* line 76, main */
	{ step_49, 2 },	/* line 77, helper */
	{ step_50, 0 },	/* line 78, main */
	{ step_51, 0 },	/* line 79, main */
	{ step_52, 0 },	/* line 80, main */
	{ step_53, 0 },	/* line 81, main */
	{ step_54, 0 },	/* line 82, main */
	{ step_55, 2 },	/* line 83, helper */
	{ step_56, 2 },	/* line 84, helper */
	{ step_57, 2 },	/* line 85, helper */
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
