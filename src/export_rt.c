/* SPDX-License-Identifier: GPL-2.0-or-later */
/* export_rt.c - the fixed text of every program that --export-c writes:
 * its includes, its runtime (output, errors, addresses, the calls, turns
 * and processes, wait SOCK STATE, the steps' type) and its main. The
 * generator (export.c) writes these sections as they are here, byte for
 * byte, with what depends on the script between them.
 *
 * A section is the lines between a line "//@ begin NAME" and the next
 * line "//@ end"; src/embed_c.awk makes each into a string literal,
 * export_rt_NAME, in the generated export_rt.inc. The lines outside the
 * sections (this comment, and the stand-ins below for what the generator
 * writes: the sizes, the errno table, a script of one line) are never
 * exported: they make this file a whole program, which make builds as
 * C11 with the project's warnings, so that the compiler checks the
 * runtime as the programs will use it. */
//@ begin prologue
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

//@ end
/* stand-in: the script's sizes */
#define NSOCK 2
#define NPROC 1
#define NSTEPS 1

//@ begin runtime
/* ---- the runtime: output, errors, addresses, turns ------------------------ */

#define RT static __attribute__((unused))	/* not every program uses all */

static int fd[NSOCK];		/* this process's descriptor of s<N>, or -1 */
#define STATE_BOUND 100	/* not a /proc/net state */
static int me;			/* this process's slot: 0 is main */
static int turn[NPROC][2];	/* a process runs a line when it reads a byte
				   from its pipe: 'g' go on, 'x' exit */
struct shared {			/* one copy for every process (MAP_SHARED) */
	pid_t pid[NPROC];
	int alive[NPROC];
	struct sockaddr_storage local[NSOCK], peer[NSOCK];
	unsigned long ino[NSOCK];	/* the socket's inode (/proc/net/unix) */
};
static struct shared *sh;

static const struct { int err; const char *name; } errnames[] = {
//@ end
	/* stand-in: the table, one entry an errno sockstage knows */
	{ EINVAL, "EINVAL" },
//@ begin runtime_rest
};

RT const char *errname(int e)
{
	static char buf[16];

	for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == e)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

RT void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	_exit(3);
}

/* One line of the transcript: one write(2), so that lines never mix. */
__attribute__((format(printf, 1, 2)))
RT void out(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	size_t n, off = 0;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	buf[n++] = '\n';
	while (off < n) {
		ssize_t w = write(STDOUT_FILENO, buf + off, n - off);

		if (w < 0 && errno != EINTR)
			die("write");
		if (w > 0)
			off += (size_t)w;
	}
}

/* CALL = VALUE, or CALL = -1 ERRNO (text) when rc < 0 (errno says why). */
RT void report(const char *call, long rc, const char *value)
{
	int e = errno;

	if (rc < 0)
		out("%s = -1 %s (%s)", call, errname(e), strerror(e));
	else
		out("%s = %s", call, value ? value : "0");
}

/* sysctl NAME [VALUE]: the file under /proc/sys written, or read and
 * printed on one line (the kernel separates values by tabs). */
RT void do_sysctl(const char *call, const char *path, const char *value)
{
	char buf[256] = "";
	int f = open(path, (value ? O_WRONLY : O_RDONLY) | O_CLOEXEC), e;
	ssize_t n;

	if (f < 0) {
		report(call, -1, NULL);
		return;
	}
	n = value ? write(f, value, strlen(value)) : read(f, buf, sizeof(buf) - 1);
	e = errno;
	close(f);
	errno = e;
	if (n < 0 || (value && (size_t)n != strlen(value))) {
		report(call, -1, NULL);
		return;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	report(call, 0, value ? NULL : buf);
}

RT void fmt_addr(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *a = (const void *)ss;

		inet_ntop(AF_INET, &a->sin_addr, host, sizeof(host));
		snprintf(buf, len, "%s:%u", host, ntohs(a->sin_port));
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const void *)ss;

		inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof(host));
		snprintf(buf, len, "[%s]:%u", host, ntohs(a->sin6_port));
	} else {
		snprintf(buf, len, "-");
	}
}

RT int port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)(const void *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)(const void *)ss)->sin6_port);
	return 0;
}

/* An address of family f: text as inet_pton reads it, port, scope. */
RT socklen_t sa_make(struct sockaddr_storage *ss, int f, const char *host,
			 int port, unsigned scope)
{
	memset(ss, 0, sizeof(*ss));
	if (f == AF_INET) {
		struct sockaddr_in *a = (void *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, host, &a->sin_addr);
		return sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (void *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		a->sin6_scope_id = scope;
		inet_pton(AF_INET6, host, &a->sin6_addr);
		return sizeof(*a);
	}
}

/* Remember where s<id> is (for "wait SOCK STATE", in any process). */
RT void learn(int id)
{
	socklen_t len = sizeof(sh->local[id]);
	struct sockaddr_storage p;
	struct stat sb;

	if (fstat(fd[id], &sb) == 0)
		sh->ino[id] = (unsigned long)sb.st_ino;
	getsockname(fd[id], (struct sockaddr *)&sh->local[id], &len);
	len = sizeof(p);
	if (getpeername(fd[id], (struct sockaddr *)&p, &len) == 0)
		sh->peer[id] = p;
}

/* The calls on s<id> run in a process that holds it; else EBADF. */
RT int held(int id, const char *call)
{
	if (fd[id] >= 0)
		return 1;
	errno = EBADF;
	report(call, -1, NULL);
	return 0;
}

RT int wait_fd(int f, short events, int ms)
{
	struct pollfd p = { .fd = f, .events = events };
	int n;

	while ((n = poll(&p, 1, ms)) < 0 && errno == EINTR)
		;
	return n > 0 ? p.revents : 0;
}

/* ---- the calls -------------------------------------------------------------- */

RT void do_socket(int id, int family, int type, const char *call,
		      const char *label)
{
	fd[id] = socket(family, type | SOCK_NONBLOCK, 0);
	if (fd[id] >= 0)
		learn(id);
	report(call, fd[id], label);
}

RT void do_setsockopt(int id, const char *call, int level, int name,
			  const void *v, socklen_t len)
{
	if (held(id, call))
		report(call, setsockopt(fd[id], level, name, v, len), NULL);
}

RT void do_bind(int id, const char *call, const struct sockaddr_storage *a,
		    socklen_t len, int say_port)
{
	char v[32];
	int rc;

	if (!held(id, call))
		return;
	rc = bind(fd[id], (const struct sockaddr *)a, len);
	if (rc == 0)
		learn(id);
	snprintf(v, sizeof(v), "0 (port %d)", port_of(&sh->local[id]));
	report(call, rc, say_port ? v : NULL);
}

RT void do_listen(int id, const char *call, int backlog)
{
	char v[32];
	int had, rc;

	if (!held(id, call))
		return;
	learn(id);
	had = port_of(&sh->local[id]);
	rc = listen(fd[id], backlog);
	if (rc == 0)
		learn(id);
	snprintf(v, sizeof(v), "0 (port %d)", port_of(&sh->local[id]));
	report(call, rc, had ? NULL : v);
}

/* Non-blocking, as on the stage: the handshake's outcome within ms. */
RT void do_connect(int id, const char *call,
		       const struct sockaddr_storage *a, socklen_t len, int ms)
{
	int rc, soerr = 0;
	socklen_t sl = sizeof(soerr);

	if (!held(id, call))
		return;
	sh->peer[id] = *a;
	rc = connect(fd[id], (const struct sockaddr *)a, len);
	if (rc < 0 && errno == EINPROGRESS) {
		if (!wait_fd(fd[id], POLLOUT, ms)) {
			errno = EINPROGRESS;	/* still SYN-SENT */
		} else {
			getsockopt(fd[id], SOL_SOCKET, SO_ERROR, &soerr, &sl);
			rc = soerr ? -1 : 0;
			errno = soerr;
		}
	}
	soerr = errno;
	learn(id);
	errno = soerr;
	report(call, rc, NULL);
}

RT void do_accept(int id, int nid, const char *call, const char *label,
		      int ms)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);
	char v[200], a[80];
	int n;

	if (!held(id, call))
		return;
	n = accept4(fd[id], (struct sockaddr *)&peer, &len, SOCK_NONBLOCK);
	if (n < 0 && errno == EAGAIN && wait_fd(fd[id], POLLIN, ms)) {
		len = sizeof(peer);
		n = accept4(fd[id], (struct sockaddr *)&peer, &len, SOCK_NONBLOCK);
	}
	if (n >= 0) {
		fd[nid] = n;
		learn(nid);
		sh->peer[nid] = peer;
		fmt_addr(&peer, a, sizeof(a));
		snprintf(v, sizeof(v), "%s from %s", label, a);
	}
	report(call, n, v);
}

/* send TEXT, or N filler bytes: as much as fits now, as on the stage. */
RT void do_send(int id, const char *call, int dgram, const char *data,
		    long long want, const struct sockaddr_storage *to,
		    socklen_t tolen)
{
	static char filler[65537];
	long long done = 0;
	ssize_t n;
	char v[32];

	if (!held(id, call))
		return;
	if (!filler[0])
		memset(filler, 'x', sizeof(filler));
	do {
		const char *p = data ? data + done : filler;
		size_t chunk = (size_t)(want - done);

		if (!data && !dgram && chunk > 4096)
			chunk = 4096;
		if (!data && chunk > sizeof(filler))
			chunk = sizeof(filler);
		n = sendto(fd[id], p, chunk, MSG_NOSIGNAL,
			   (const struct sockaddr *)to, tolen);
		if (n > 0)
			done += n;
		if (n >= 0 && dgram)
			break;
	} while (n > 0 && done < want);
	snprintf(v, sizeof(v), "%lld", done);
	report(call, n < 0 && done == 0 ? -1 : 0, v);
}

RT void fmt_data(const char *d, size_t n, char *buf, size_t len)
{
	size_t o = 0;

	buf[o++] = '"';
	for (size_t i = 0; i < n && i < 48 && o + 6 < len; i++) {
		unsigned char c = (unsigned char)d[i];

		if (c == '\n')
			o += (size_t)snprintf(buf + o, len - o, "\\n");
		else if (c == '"' || c == '\\')
			o += (size_t)snprintf(buf + o, len - o, "\\%c", c);
		else if (c < 32 || c >= 127)
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	if (n > 48)
		snprintf(buf + o, len - o, "...");
}

RT void do_recv(int id, const char *call, int dgram, int max, int ms)
{
	static char buf[65536];
	struct sockaddr_storage from;
	socklen_t len = sizeof(from);
	char v[400], data[240], a[80];
	size_t m = max > 0 && max <= (int)sizeof(buf) ? (size_t)max : sizeof(buf);
	ssize_t n;

	if (!held(id, call))
		return;
	n = recvfrom(fd[id], buf, m, 0, (struct sockaddr *)&from, &len);
	if (n < 0 && errno == EAGAIN && wait_fd(fd[id], POLLIN, ms)) {
		len = sizeof(from);
		n = recvfrom(fd[id], buf, m, 0, (struct sockaddr *)&from, &len);
	}
	if (n >= 0) {
		fmt_data(buf, (size_t)n, data, sizeof(data));
		if (dgram && len) {
			fmt_addr(&from, a, sizeof(a));
			snprintf(v, sizeof(v), "%zd %s from %s", n, data, a);
		} else if (n == 0 && !dgram) {
			snprintf(v, sizeof(v), "0 (end of stream: the peer will send no more)");
		} else {
			snprintf(v, sizeof(v), "%zd %s", n, data);
		}
	}
	report(call, n, v);
}

RT void do_shutdown(int id, const char *call, int how)
{
	if (held(id, call))
		report(call, shutdown(fd[id], how), NULL);
}

RT void do_close(int id, const char *call)
{
	int rc;

	if (!held(id, call))
		return;
	rc = close(fd[id]);
	fd[id] = -1;
	report(call, rc, NULL);
}

/* ---- turns and processes ------------------------------------------------------ */

RT void wait_turn(void)
{
	char c;
	ssize_t n;

	while ((n = read(turn[me][0], &c, 1)) < 0 && errno == EINTR)
		;
	if (n != 1 || c == 'x')
		_exit(0);
}

RT void give_turn(int slot, char c)
{
	while (write(turn[slot][1], &c, 1) < 0)
		if (errno != EINTR)
			die("write turn");
}

/* Until the process is gone, and the kernel has closed its descriptors. */
RT void wait_gone(int pidfd)
{
	if (pidfd >= 0) {
		wait_fd(pidfd, POLLIN, -1);
		close(pidfd);
	}
}

RT int open_pid(int slot)
{
	return (int)syscall(SYS_pidfd_open, sh->pid[slot], 0);
}

/* exit PROC asks it to exit; kill PROC sends SIGKILL. */
RT void do_end(int slot, int sig, const char *call)
{
	int pfd = open_pid(slot);

	if (sig)
		kill(sh->pid[slot], sig);
	else
		give_turn(slot, 'x');
	wait_gone(pfd);
	sh->alive[slot] = 0;
	report(call, 0, NULL);
}

RT void drop_socks(void)
{
	for (int i = 0; i < NSOCK; i++)
		if (fd[i] >= 0) {
			close(fd[i]);
			fd[i] = -1;
		}
}

RT int drop_ids(long uid, long gid)
{
	gid_t g = (gid_t)(gid >= 0 ? gid : uid);

	if (setgroups(0, NULL) < 0 && errno != EPERM)
		return -1;
	if (setresgid(g, g, g) < 0 || setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) < 0)
		return -1;
	return 0;
}

/* exit main, kill main: main closes what it holds, as its end would, and
 * lives on only to end the others when the script is over. */
RT void do_end_main(const char *call)
{
	drop_socks();
	sh->alive[0] = 0;
	report(call, 0, NULL);
}

/* spawn: a new process that holds no socket, as uid (and gid) when >= 0. */
RT void do_spawn(int slot, long uid, long gid, const char *call)
{
	int ack[2], e = 0;
	char v[32];
	pid_t p;

	if (pipe(ack) < 0)
		die("pipe");
	p = fork();
	if (p == 0) {
		close(ack[0]);
		me = slot;
		drop_socks();
		if (uid >= 0 && drop_ids(uid, gid) < 0)
			e = errno;
		if (write(ack[1], &e, sizeof(e)) < 0 || e)
			_exit(1);
		close(ack[1]);
		return;
	}
	close(ack[1]);
	if (p > 0 && read(ack[0], &e, sizeof(e)) != sizeof(e))
		e = EAGAIN;
	close(ack[0]);
	if (p > 0 && !e) {
		sh->pid[slot] = p;
		sh->alive[slot] = 1;
	}
	errno = e;
	snprintf(v, sizeof(v), "pid %d", (int)p);
	report(call, p < 0 || e ? -1 : 0, v);
}

/* fork: the child holds what this process holds. */
RT void do_fork(int slot, const char *call, const char *name)
{
	char v[80];
	pid_t p = fork();

	if (p == 0) {
		me = slot;
		return;
	}
	if (p > 0) {
		sh->pid[slot] = p;
		sh->alive[slot] = 1;
	}
	snprintf(v, sizeof(v), "pid %d (%s)", (int)p, name);
	report(call, p, v);
}

RT void do_use(const char *call, const char *name)
{
	out("%s = now in process '%s' (pid %d)", call, name, (int)getpid());
}

RT void do_sleep(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
	out("wait %ld ms = ok", ms);
}

RT long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- wait SOCK STATE: the kernel's table in /proc/net ------------------------ */

RT int same_addr(const struct sockaddr_storage *a, const char *hex, int port)
{
	unsigned w[4] = { 0 };
	unsigned char b[16];

	if (a->ss_family == AF_INET) {
		if (sscanf(hex, "%8x", &w[0]) != 1)
			return 0;
		memcpy(b, &w[0], 4);
		return port == port_of(a) &&
		       !memcmp(b, &((const struct sockaddr_in *)(const void *)a)->sin_addr, 4);
	}
	if (sscanf(hex, "%8x%8x%8x%8x", &w[0], &w[1], &w[2], &w[3]) != 4)
		return 0;
	memcpy(b, w, 16);
	return port == port_of(a) &&
	       !memcmp(b, &((const struct sockaddr_in6 *)(const void *)a)->sin6_addr, 16);
}

/* BOUND, which /proc/net does not list: a TCP socket of this process
 * that TCP_INFO calls closed, with a port. */
RT int is_bound(int id)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (fd[id] < 0)
		return 0;
	learn(id);
	return port_of(&sh->local[id]) &&
	       getsockopt(fd[id], IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	       ti.tcpi_state == TCP_CLOSE;
}

/* Is s<id> in state st (a /proc/net code) now? Matched on its addresses. */
RT int in_state(int id, int dgram, int st)
{
	const struct sockaddr_storage *l = &sh->local[id], *p = &sh->peer[id];
	struct sockaddr_storage none;
	char path[40], line[512], la[40], ra[40];
	unsigned lp, rp, s;
	int found = 0;
	FILE *f;

	if (st == STATE_BOUND)
		return is_bound(id);
	memset(&none, 0, sizeof(none));
	none.ss_family = l->ss_family;
	if (!p->ss_family)
		p = &none;
	snprintf(path, sizeof(path), "/proc/net/%s%s", dgram ? "udp" : "tcp",
		 l->ss_family == AF_INET6 ? "6" : "");
	if (!(f = fopen(path, "r")))
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, " %*d: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x", la, &lp,
			   ra, &rp, &s) == 5)
			found = (int)s == st && same_addr(l, la, (int)lp) &&
				same_addr(p, ra, (int)rp);
	fclose(f);
	return found;
}

RT void do_wait_state(int id, int dgram, int st, const char *name,
			  long ms, const char *call)
{
	long long start = now_ms();

	for (;;) {
		if (in_state(id, dgram, st)) {
			out("%s = %s after %lld ms", call, name, now_ms() - start);
			return;
		}
		if (now_ms() - start >= ms)
			break;
		usleep(10 * 1000);
	}
	out("%s = timed out", call);
}

/* ---- the script's order -------------------------------------------------------- */

struct step {
	void (*run)(void);
	int owner;		/* the slot of the process that runs it */
};

//@ end
//@ begin unix
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
//@ end
//@ begin unix_dir
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

//@ end
/* stand-in: the script "socket tcp" */
static void step_0(void)
{
	do_socket(1, AF_INET, SOCK_STREAM, "socket(AF_INET, SOCK_STREAM, 0)", "s1");
}

static const struct step steps[] = {
	{ step_0, 0 },
};

//@ begin epilogue
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
//@ end
