/* lesson-23-passing-sockets.stage: exported by sockstage --export-c.
 *
 * Passing a socket to another process: SCM_RIGHTS
 * A process can hand an open socket to another over a UNIX socket:
 * sendmsg with SCM_RIGHTS puts the descriptor in a message, and the
 * receiver's recvmsg gets a new descriptor for the same socket. While
 * the message waits, the socket is in flight: open, held by no process.
 * A server can pass a connection to a worker, or its listener to the
 * server that replaces it.
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

#define NSOCK 8
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

/* Passing a socket to another process: SCM_RIGHTS */
/* A process can hand an open socket to another over a UNIX socket:
 * sendmsg with SCM_RIGHTS puts the descriptor in a message, and the
 * receiver's recvmsg gets a new descriptor for the same socket. While
 * the message waits, the socket is in flight: open, held by no process.
 * A server can pass a connection to a worker, or its listener to the
 * server that replaces it. */
/* A server process makes a socketpair and forks a worker. The server
 * keeps p, the worker q. */
/* line 5, in main: spawn server */
static void step_0(void)
{
	do_spawn(1, -1, -1, "spawn(server)");
}

/* line 6: server: socketpair stream as p q => ok */
static void step_1(void)
{
	/* the script expects => ok */
	do_socketpair(1, 2, SOCK_STREAM, "socketpair(AF_UNIX, SOCK_STREAM, 0)", "s1 (p), s2 (q)");
}

/* line 7, in server: fork server as worker */
static void step_2(void)
{
	do_fork(2, "fork(server)", "worker");
}

/* line 8: server: close q => ok */
static void step_3(void)
{
	/* the script expects => ok */
	do_close(2, "close(s2)");
}

/* line 9: worker: close p => ok */
static void step_4(void)
{
	/* the script expects => ok */
	do_close(1, "close(s1)");
}

/* ---- pause: the end of a lesson step ---- */

/* The server listens on svc.sock. A client connects, and the server
 * accepts: conn. */
/* line 13: server: socket unix stream as srv => ok */
static void step_5(void)
{
	/* the script expects => ok */
	do_socket(3, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s3 (srv)");
}

/* line 14: server: bind srv svc.sock => ok */
static void step_6(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "svc.sock", 8);

	do_bind(3, "bind(s3, \"svc.sock\")", &a, alen, 0);
}

/* line 15: server: listen srv => ok */
static void step_7(void)
{
	/* the script expects => ok */
	do_listen_unix(3, "listen(s3, 4096)", 4096);
}

/* line 16, in main: spawn client */
static void step_8(void)
{
	do_spawn(3, -1, -1, "spawn(client)");
}

/* line 17: client: socket unix stream as c1 => ok */
static void step_9(void)
{
	/* the script expects => ok */
	do_socket(4, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s4 (c1)");
}

/* line 18: client: connect c1 svc.sock => ok */
static void step_10(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "svc.sock", 8);

	do_connect(4, "connect(s4, \"svc.sock\")", &a, alen, 1000);
}

/* line 19: server: accept srv as conn => ok */
static void step_11(void)
{
	/* the script expects => ok */
	do_accept_unix(3, 5, "accept(s3)", "s5 (conn)", 1000);
}

/* line 20: expect ESTAB svc.sock (sockstage checks the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server sends conn to the worker over p (SCM_RIGHTS, with one
 * byte), then closes its own descriptor. */
/* line 24: server: sendfd p conn => ok */
static void step_12(void)
{
	/* the script expects => ok */
	do_sendfd(1, 5, "sendmsg(s1, \"F\", SCM_RIGHTS: s5)");
}

/* line 25: server: close conn => ok */
static void step_13(void)
{
	/* the script expects => ok */
	do_close(5, "close(s5)");
}

/* The connection is still there: in flight, in q's queue, held by no
 * process (was s5). */
/* line 27: expect ESTAB svc.sock (sockstage checks the kernel view) */
/* line 28: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The worker receives it: the same socket, now the worker's. */
/* line 32: worker: recvfd q => ok */
static void step_14(void)
{
	/* the script expects => ok */
	do_recvfd(2, 5, "recvmsg(s2, SCM_RIGHTS)", "s5 (conn)", 1000);
}

/* line 33: expect ESTAB svc.sock (sockstage checks the kernel view) */
/* The client's data still arrives, and the worker answers. */
/* line 35: client: send c1 "request" => ok */
static void step_15(void)
{
	/* the script expects => ok */
	do_send(4, "send(s4, \"request\")", 0, "request", 7, NULL, 0);
}

/* line 36: worker: recv conn => ok */
static void step_16(void)
{
	/* the script expects => ok */
	do_recv_unix(5, "recv(s5, 65536)", SOCK_STREAM, 65536, 1000);
}

/* line 37: worker: send conn "reply" => ok */
static void step_17(void)
{
	/* the script expects => ok */
	do_send(5, "send(s5, \"reply\")", 0, "reply", 5, NULL, 0);
}

/* line 38: client: recv c1 => ok */
static void step_18(void)
{
	/* the script expects => ok */
	do_recv_unix(4, "recv(s4, 65536)", SOCK_STREAM, 65536, 1000);
}

/* line 39: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The listener can be passed too. For a moment, both processes hold it. */
/* line 43: server: sendfd p srv => ok */
static void step_19(void)
{
	/* the script expects => ok */
	do_sendfd(1, 3, "sendmsg(s1, \"F\", SCM_RIGHTS: s3)");
}

/* line 44: worker: recvfd q => ok */
static void step_20(void)
{
	/* the script expects => ok */
	do_recvfd(2, 3, "recvmsg(s2, SCM_RIGHTS)", "s3 (srv)", 1000);
}

/* line 45: show (sockstage prints the kernel view) */
/* ---- pause: the end of a lesson step ---- */

/* The server exits: the listener stays, held by the worker, which
 * accepts a new client. */
/* line 49, in main: exit server */
static void step_21(void)
{
	do_end(1, 0, "exit(server)");
}

/* line 50: expect LISTEN svc.sock (sockstage checks the kernel view) */
/* line 51: client: socket unix stream as c2 => ok */
static void step_22(void)
{
	/* the script expects => ok */
	do_socket(6, AF_UNIX, SOCK_STREAM, "socket(AF_UNIX, SOCK_STREAM, 0)", "s6 (c2)");
}

/* line 52: client: connect c2 svc.sock => ok */
static void step_23(void)
{
	/* the script expects => ok */
	struct sockaddr_storage a;
	socklen_t alen = sun_make(&a, 0, "svc.sock", 8);

	do_connect(6, "connect(s6, \"svc.sock\")", &a, alen, 1000);
}

/* line 53: worker: accept srv as conn2 => ok */
static void step_24(void)
{
	/* the script expects => ok */
	do_accept_unix(3, 7, "accept(s3)", "s7 (conn2)", 1000);
}

/* The server's end p went with it: a recvfd on q reads the end of the
 * stream, 0. */
/* line 55: worker: recvfd q => ok */
static void step_25(void)
{
	/* the script expects => ok */
	do_recvfd(2, 0, "recvmsg(s2, SCM_RIGHTS)", "", 1000);
}

/* line 56: show (sockstage prints the kernel view) */

static const struct step steps[] = {
	{ step_0, 0 },	/* line 5, main */
	{ step_1, 1 },	/* line 6, server */
	{ step_2, 1 },	/* line 7, server */
	{ step_3, 1 },	/* line 8, server */
	{ step_4, 2 },	/* line 9, worker */
	{ step_5, 1 },	/* line 13, server */
	{ step_6, 1 },	/* line 14, server */
	{ step_7, 1 },	/* line 15, server */
	{ step_8, 0 },	/* line 16, main */
	{ step_9, 3 },	/* line 17, client */
	{ step_10, 3 },	/* line 18, client */
	{ step_11, 1 },	/* line 19, server */
	{ step_12, 1 },	/* line 24, server */
	{ step_13, 1 },	/* line 25, server */
	{ step_14, 2 },	/* line 32, worker */
	{ step_15, 3 },	/* line 35, client */
	{ step_16, 2 },	/* line 36, worker */
	{ step_17, 2 },	/* line 37, worker */
	{ step_18, 3 },	/* line 38, client */
	{ step_19, 1 },	/* line 43, server */
	{ step_20, 2 },	/* line 44, worker */
	{ step_21, 0 },	/* line 49, main */
	{ step_22, 3 },	/* line 51, client */
	{ step_23, 3 },	/* line 52, client */
	{ step_24, 2 },	/* line 53, worker */
	{ step_25, 2 },	/* line 55, worker */
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
