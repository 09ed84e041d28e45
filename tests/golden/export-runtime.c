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
#ifdef EPERM
	{ EPERM, "EPERM" },
#endif
#ifdef ENOENT
	{ ENOENT, "ENOENT" },
#endif
#ifdef EINTR
	{ EINTR, "EINTR" },
#endif
#ifdef EBADF
	{ EBADF, "EBADF" },
#endif
#ifdef EAGAIN
	{ EAGAIN, "EAGAIN" },
#endif
#ifdef ENOMEM
	{ ENOMEM, "ENOMEM" },
#endif
#ifdef EACCES
	{ EACCES, "EACCES" },
#endif
#ifdef EFAULT
	{ EFAULT, "EFAULT" },
#endif
#ifdef EBUSY
	{ EBUSY, "EBUSY" },
#endif
#ifdef EEXIST
	{ EEXIST, "EEXIST" },
#endif
#ifdef EINVAL
	{ EINVAL, "EINVAL" },
#endif
#ifdef ENFILE
	{ ENFILE, "ENFILE" },
#endif
#ifdef EMFILE
	{ EMFILE, "EMFILE" },
#endif
#ifdef ENOSPC
	{ ENOSPC, "ENOSPC" },
#endif
#ifdef EPIPE
	{ EPIPE, "EPIPE" },
#endif
#ifdef ENOSYS
	{ ENOSYS, "ENOSYS" },
#endif
#ifdef ENOTSOCK
	{ ENOTSOCK, "ENOTSOCK" },
#endif
#ifdef EDESTADDRREQ
	{ EDESTADDRREQ, "EDESTADDRREQ" },
#endif
#ifdef EMSGSIZE
	{ EMSGSIZE, "EMSGSIZE" },
#endif
#ifdef EPROTOTYPE
	{ EPROTOTYPE, "EPROTOTYPE" },
#endif
#ifdef ENOPROTOOPT
	{ ENOPROTOOPT, "ENOPROTOOPT" },
#endif
#ifdef EPROTONOSUPPORT
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT" },
#endif
#ifdef ESOCKTNOSUPPORT
	{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT" },
#endif
#ifdef EOPNOTSUPP
	{ EOPNOTSUPP, "EOPNOTSUPP" },
#endif
#ifdef EPFNOSUPPORT
	{ EPFNOSUPPORT, "EPFNOSUPPORT" },
#endif
#ifdef EAFNOSUPPORT
	{ EAFNOSUPPORT, "EAFNOSUPPORT" },
#endif
#ifdef EADDRINUSE
	{ EADDRINUSE, "EADDRINUSE" },
#endif
#ifdef EADDRNOTAVAIL
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" },
#endif
#ifdef ENETDOWN
	{ ENETDOWN, "ENETDOWN" },
#endif
#ifdef ENETUNREACH
	{ ENETUNREACH, "ENETUNREACH" },
#endif
#ifdef ENETRESET
	{ ENETRESET, "ENETRESET" },
#endif
#ifdef ECONNABORTED
	{ ECONNABORTED, "ECONNABORTED" },
#endif
#ifdef ECONNRESET
	{ ECONNRESET, "ECONNRESET" },
#endif
#ifdef ENOBUFS
	{ ENOBUFS, "ENOBUFS" },
#endif
#ifdef EISCONN
	{ EISCONN, "EISCONN" },
#endif
#ifdef ENOTCONN
	{ ENOTCONN, "ENOTCONN" },
#endif
#ifdef ESHUTDOWN
	{ ESHUTDOWN, "ESHUTDOWN" },
#endif
#ifdef ETIMEDOUT
	{ ETIMEDOUT, "ETIMEDOUT" },
#endif
#ifdef ECONNREFUSED
	{ ECONNREFUSED, "ECONNREFUSED" },
#endif
#ifdef EHOSTDOWN
	{ EHOSTDOWN, "EHOSTDOWN" },
#endif
#ifdef EHOSTUNREACH
	{ EHOSTUNREACH, "EHOSTUNREACH" },
#endif
#ifdef EALREADY
	{ EALREADY, "EALREADY" },
#endif
#ifdef EINPROGRESS
	{ EINPROGRESS, "EINPROGRESS" },
#endif
#ifdef EPROTO
	{ EPROTO, "EPROTO" },
#endif
#ifdef ENODEV
	{ ENODEV, "ENODEV" },
#endif
#ifdef ENXIO
	{ ENXIO, "ENXIO" },
#endif
#ifdef ESRCH
	{ ESRCH, "ESRCH" },
#endif
#ifdef ECHILD
	{ ECHILD, "ECHILD" },
#endif
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

