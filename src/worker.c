/* SPDX-License-Identifier: GPL-2.0-or-later */
/* worker.c - worker processes: they own the user's sockets and run socket
 * calls on request. The stage side spawns, calls, stops; the worker side
 * is a poll loop over its channel and any sockets it was asked to wait on,
 * so a wait never keeps it from answering. */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

#define CHAN_FD 3
#define CHAN_BUF (1 << 20)
#define MSG_MAX (sizeof(struct worker_req) + WORKER_MAX_DATA)

/* ---- the worker's side -------------------------------------------------- */

struct pending_wait {
	uint32_t seq;
	int fd;
	short events;
	long long deadline;
};

struct wstate {
	int chan;
	struct pending_wait *waits;	/* as many as asked for */
	int nwaits, capwaits;
	struct pollfd *pfd;		/* the channel, then each wait's fd */
	_Alignas(16) unsigned char in[MSG_MAX];
	_Alignas(16) unsigned char out[sizeof(struct worker_rep) + WORKER_MAX_DATA];
};

static void send_reply(struct wstate *ws, const struct worker_rep *rep,
		       const void *data)
{
	struct iovec iov[2] = {
		{ (void *)rep, sizeof(*rep) },
		{ (void *)data, rep->datalen },
	};
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = data ? 2 : 1 };

	while (sendmsg(ws->chan, &mh, MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
}

/* The options the stage shows as badges, as the kernel has them now: an
 * accepted socket inherits its listener's, for one. Every row of the
 * option table that says "read back". */
static void read_opts(int fd, struct worker_rep *rep)
{
	int family = AF_INET;
	socklen_t len = sizeof(family);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) < 0)
		family = AF_INET;
	for (int id = OPT_NONE + 1; id < OPT_COUNT; id++) {
		const struct sockopt_def *d = sockopt_get((enum sock_opt)id);

		if (d->readback)
			sockopt_read(fd, family, d, &rep->opts[id]);
	}
	rep->has_opts = 1;
}

/* A connected UNIX socket's peer: who it was when it connected */
static void peer_cred(int fd, struct worker_rep *rep)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);
	int family = 0;
	socklen_t flen = sizeof(family);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &flen) < 0 ||
	    family != AF_UNIX ||
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 || cr.pid <= 0)
		return;
	rep->peer_pid = cr.pid;
	rep->peer_uid = cr.uid;
	rep->peer_gid = cr.gid;
}

static void fill_status(int fd, struct worker_rep *rep, bool want_peer)
{
	socklen_t len = sizeof(rep->local);
	uint64_t cookie = 0;
	socklen_t clen = sizeof(cookie);
	struct stat st;

	if (getsockname(fd, (struct sockaddr *)&rep->local, &len) == 0)
		rep->locallen = len;
	if (want_peer) {
		len = sizeof(rep->peer);
		if (getpeername(fd, (struct sockaddr *)&rep->peer, &len) == 0)
			rep->peerlen = len;
	}
	if (fstat(fd, &st) == 0)
		rep->inode = st.st_ino;
	peer_cred(fd, rep);
	if (getsockopt(fd, SOL_SOCKET, SO_COOKIE, &cookie, &clen) == 0)
		rep->cookie = cookie;
	read_opts(fd, rep);
}

static int result(struct worker_rep *rep, int rc)
{
	rep->ret = rc;
	rep->err = rc < 0 ? errno : 0;
	return rc;
}

/* send N filler bytes (or data) on a non-blocking socket: as much as fits */
static void do_send(const struct worker_req *rq, const void *data,
		    struct worker_rep *rep)
{
	/* filler: a stream takes it in pieces; a datagram goes whole, and
	 * one past 65,536 bytes fails as every larger one does (EMSGSIZE) */
	static const char filler[65537] = { [0 ... 65536] = 'x' };
	const struct sockaddr *to = rq->op == WOP_SENDTO ?
		(const struct sockaddr *)&rq->addr : NULL;
	socklen_t tolen = to ? rq->addrlen : 0;
	int64_t want = rq->nbytes >= 0 ? rq->nbytes : rq->datalen;
	int64_t done = 0;
	ssize_t n;

	do {
		const void *p = rq->nbytes >= 0 ? filler : (const char *)data + done;
		size_t chunk = (size_t)(want - done);

		if (rq->nbytes >= 0 && rq->a == SOCK_STREAM && chunk > 4096)
			chunk = 4096;
		if (rq->nbytes >= 0 && chunk > sizeof(filler))
			chunk = sizeof(filler);
		n = sendto(rq->fd, p, chunk, MSG_NOSIGNAL, to, tolen);
		if (n > 0)
			done += n;
		/* UDP, u_dgr, u_seq: one message per call, never split */
		if (n >= 0 && rq->a != SOCK_STREAM)
			break;
	} while (n > 0 && done < want);
	if (n < 0 && done == 0) {
		result(rep, -1);
		return;
	}
	rep->ret = (int32_t)(done > INT32_MAX ? INT32_MAX : done);
	rep->err = 0;
}

/* What came with a message: credentials are kept; a descriptor (a socket
 * passed to a plain recv) is closed, as recv(2) would have it */
static void take_control(struct msghdr *mh, struct worker_rep *rep)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(struct ucred))) {
			struct ucred cr;

			memcpy(&cr, CMSG_DATA(c), sizeof(cr));
			rep->msg_pid = cr.pid;
			rep->msg_uid = cr.uid;
			rep->msg_gid = cr.gid;
		} else if (c->cmsg_type == SCM_RIGHTS) {
			size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);

			for (size_t i = 0; i < n; i++) {
				int fd;

				memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(fd));
				close(fd);
			}
		}
	}
}

static void do_recv(struct wstate *ws, const struct worker_req *rq,
		    struct worker_rep *rep)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(sizeof(struct ucred)) +
			 CMSG_SPACE(4 * sizeof(int))];
	} ctl;
	size_t max = rq->a > 0 && rq->a <= WORKER_MAX_DATA ? (size_t)rq->a :
		     WORKER_MAX_DATA;
	struct iovec iov = { ws->out + sizeof(*rep), max };
	struct msghdr mh = {
		.msg_name = &rep->peer, .msg_namelen = sizeof(rep->peer),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	ssize_t n;

	n = recvmsg(rq->fd, &mh, MSG_CMSG_CLOEXEC);
	if (result(rep, (int)n) < 0)
		return;
	take_control(&mh, rep);
	rep->datalen = (uint32_t)n;
	rep->peerlen = mh.msg_namelen;
}

static int wait_ready(const struct pending_wait *pw, struct worker_rep *rep)
{
	struct pollfd pfd = { .fd = pw->fd, .events = pw->events };
	int soerr = 0;
	socklen_t len = sizeof(soerr);

	if (poll(&pfd, 1, 0) <= 0 || !pfd.revents)
		return 0;
	if (pfd.revents & POLLNVAL) {	/* not a descriptor: never "ready" */
		rep->ret = -1;
		rep->err = EBADF;
		return 1;
	}
	rep->ret = pfd.revents;
	rep->err = 0;
	if ((pw->events & POLLOUT) &&
	    getsockopt(pw->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0)
		rep->err = soerr;
	return 1;
}

static void finish_wait(struct wstate *ws, int i, bool ready)
{
	struct pending_wait *pw = &ws->waits[i];
	struct worker_rep rep = { .seq = pw->seq, .fd = -1 };

	if (!ready)
		rep.ret = 0;	/* timed out */
	else
		wait_ready(pw, &rep);
	if (rep.ret >= 0)
		fill_status(pw->fd, &rep, true);
	send_reply(ws, &rep, NULL);
	ws->waits[i] = ws->waits[--ws->nwaits];
}

/* fd is about to be closed: its waits end without an outcome (-1
 * ECANCELED), before the number can name another socket. */
static void cancel_waits(struct wstate *ws, int fd)
{
	for (int i = ws->nwaits - 1; i >= 0; i--) {
		struct worker_rep rep = { .seq = ws->waits[i].seq, .fd = -1,
					  .ret = -1, .err = ECANCELED };

		if (ws->waits[i].fd != fd)
			continue;
		send_reply(ws, &rep, NULL);
		ws->waits[i] = ws->waits[--ws->nwaits];
	}
}

static void add_wait(struct wstate *ws, const struct pending_wait *pw)
{
	if (ws->nwaits == ws->capwaits) {
		ws->capwaits = ws->capwaits ? ws->capwaits * 2 : 16;
		ws->waits = xrealloc(ws->waits,
				     (size_t)ws->capwaits * sizeof(*ws->waits));
		ws->pfd = xrealloc(ws->pfd, (size_t)(ws->capwaits + 1) *
					    sizeof(*ws->pfd));
	}
	ws->waits[ws->nwaits++] = *pw;
}

static void start_wait(struct wstate *ws, const struct worker_req *rq,
		       struct worker_rep *rep)
{
	struct pending_wait pw = {
		.seq = rq->seq, .fd = rq->fd, .events = (short)rq->a,
		.deadline = now_ms() + (rq->b > 0 ? rq->b : 0),
	};

	if (fcntl(rq->fd, F_GETFD) < 0) {
		result(rep, -1);
		send_reply(ws, rep, NULL);
		return;
	}
	if (wait_ready(&pw, rep) || rq->b <= 0) {
		fill_status(rq->fd, rep, true);
		send_reply(ws, rep, NULL);
		return;
	}
	add_wait(ws, &pw);
}

static int set_int(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof(v));
}

/* What would this bind (and listen) do with these options? A socket that
 * is bound, or listens, and is closed before any connection came leaves
 * nothing in the kernel. */
static void do_probe_bind(const struct worker_req *rq, struct worker_rep *rep)
{
	int fd = socket(rq->a, rq->b | SOCK_NONBLOCK, 0);

	if (result(rep, fd) < 0)
		return;
	if ((rq->c & PROBE_REUSEADDR && set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1) < 0) ||
	    (rq->c & PROBE_REUSEPORT && set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) < 0) ||
	    (rq->c & PROBE_V6ONLY && set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1) < 0) ||
	    (rq->c & PROBE_DUALSTACK && set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0) < 0))
		result(rep, -1);
	else if (result(rep, bind(fd, (const struct sockaddr *)&rq->addr,
				  rq->addrlen)) == 0 && rq->c & PROBE_LISTEN)
		result(rep, listen(fd, 1));
	close(fd);
}

static void do_socketpair(const struct worker_req *rq, struct worker_rep *rep)
{
	int sv[2];

	if (result(rep, socketpair(AF_UNIX, rq->b | SOCK_NONBLOCK, 0, sv)) < 0)
		return;
	rep->fd = sv[0];
	rep->fd2 = sv[1];
}

/* One byte "F" carrying the descriptor: a stream needs data to carry it. */
static void do_sendfd(const struct worker_req *rq, struct worker_rep *rep)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	char byte = 'F';
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	memset(&ctl, 0, sizeof(ctl));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &rq->a, sizeof(int));
	result(rep, (int)sendmsg(rq->fd, &mh, MSG_NOSIGNAL));
}

static void do_recvfd(const struct worker_req *rq, struct worker_rep *rep)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(4 * sizeof(int))];
	} ctl;
	char byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	int fds[4], n = 0;

	if (result(rep, (int)recvmsg(rq->fd, &mh, MSG_CMSG_CLOEXEC)) < 0)
		return;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		memcpy(fds, CMSG_DATA(c), (size_t)n * sizeof(int));
	}
	for (int i = 1; i < n; i++)	/* one is asked for: no more kept */
		close(fds[i]);
	if (n > 0) {
		rep->fd = fds[0];
		fcntl(fds[0], F_SETFD, 0);
		fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	}
}

static void do_unlink(const struct worker_req *rq, struct worker_rep *rep)
{
	const struct sockaddr_un *sun = (const void *)&rq->addr;
	char path[sizeof(sun->sun_path) + 1];
	size_t n = rq->addrlen > offsetof(struct sockaddr_un, sun_path) ?
		   rq->addrlen - offsetof(struct sockaddr_un, sun_path) : 0;

	if (n > sizeof(sun->sun_path))
		n = sizeof(sun->sun_path);
	memcpy(path, sun->sun_path, n);
	path[n] = '\0';
	result(rep, unlink(path));
}

static void do_chdir(const struct worker_req *rq, const void *data,
		     struct worker_rep *rep)
{
	char path[4096];

	if (rq->datalen == 0 || rq->datalen >= sizeof(path)) {
		rep->ret = -1;
		rep->err = ENAMETOOLONG;
		return;
	}
	memcpy(path, data, rq->datalen);
	path[rq->datalen] = '\0';
	result(rep, chdir(path));
}

/* Would a connect to this name be taken? (a stale socket file refuses) */
static void do_probe_connect(const struct worker_req *rq, struct worker_rep *rep)
{
	int fd = socket(AF_UNIX, rq->a | SOCK_NONBLOCK, 0);

	if (result(rep, fd) < 0)
		return;
	result(rep, connect(fd, (const struct sockaddr *)&rq->addr, rq->addrlen));
	close(fd);
}

/* The child of a fork takes the new channel; the parent answers its pid. */
static void do_fork(struct wstate *ws, int newchan, struct worker_rep *rep)
{
	pid_t pid;

	if (newchan < 0) {
		rep->ret = -1;
		rep->err = EBADF;
		return;
	}
	pid = fork();
	if (pid == 0) {
		dup2(newchan, CHAN_FD);
		close(newchan);
		ws->chan = CHAN_FD;
		ws->nwaits = 0;
		rep->seq = 0;
		rep->ret = (int32_t)getpid();
		send_reply(ws, rep, NULL);	/* hello on the new channel */
		rep->seq = UINT32_MAX;		/* nothing for the old one */
		return;
	}
	close(newchan);
	result(rep, pid < 0 ? -1 : (int)pid);
}

static void handle(struct wstate *ws, const struct worker_req *rq,
		   const void *data, int passed_fd)
{
	struct worker_rep *rep = (struct worker_rep *)(void *)ws->out;
	int fd = rq->fd;
	socklen_t len;

	memset(rep, 0, sizeof(*rep));
	rep->seq = rq->seq;
	rep->fd = rep->fd2 = -1;
	switch (rq->op) {
	case WOP_SOCKET:
		fd = socket(rq->a, rq->b | SOCK_NONBLOCK, rq->c);
		if (result(rep, fd) >= 0)
			rep->fd = fd;
		break;
	case WOP_SETSOCKOPT:
		result(rep, setsockopt(fd, rq->a, rq->b, rq->opt,
				       rq->optlen > sizeof(rq->opt) ? 0 : rq->optlen));
		break;
	case WOP_BIND:
		result(rep, bind(fd, (const struct sockaddr *)&rq->addr, rq->addrlen));
		break;
	case WOP_LISTEN:
		result(rep, listen(fd, rq->a));
		break;
	case WOP_CONNECT:
		result(rep, connect(fd, (const struct sockaddr *)&rq->addr, rq->addrlen));
		break;
	case WOP_ACCEPT:
		len = sizeof(rep->peer);
		fd = accept4(rq->fd, (struct sockaddr *)&rep->peer, &len, SOCK_NONBLOCK);
		if (result(rep, fd) >= 0)
			rep->fd = fd;
		break;
	case WOP_SEND:
	case WOP_SENDTO:
		do_send(rq, data, rep);
		break;
	case WOP_RECV:
		do_recv(ws, rq, rep);
		if (rep->ret >= 0) {
			send_reply(ws, rep, ws->out + sizeof(*rep));
			return;
		}
		break;
	case WOP_SHUTDOWN:
		result(rep, shutdown(fd, rq->a));
		break;
	case WOP_CLOSE:
		cancel_waits(ws, fd);
		/* what close does depends on it: unread data means a RST */
		if (ioctl(fd, FIONREAD, &rep->unread) < 0)
			rep->unread = -1;
		result(rep, close(fd));
		send_reply(ws, rep, NULL);
		return;
	case WOP_WAIT:
		start_wait(ws, rq, rep);
		return;
	case WOP_STATUS:
		result(rep, fcntl(fd, F_GETFD) < 0 ? -1 : 0);
		break;
	case WOP_FORK:
		do_fork(ws, passed_fd, rep);
		if (rep->seq == UINT32_MAX)
			return;
		send_reply(ws, rep, NULL);
		return;
	case WOP_PROBE_BIND:
		do_probe_bind(rq, rep);
		send_reply(ws, rep, NULL);
		return;
	case WOP_PROBE_CONNECT:
		do_probe_connect(rq, rep);
		send_reply(ws, rep, NULL);
		return;
	case WOP_SOCKETPAIR:
		do_socketpair(rq, rep);
		break;
	case WOP_SENDFD:
		do_sendfd(rq, rep);
		break;
	case WOP_RECVFD:
		do_recvfd(rq, rep);
		break;
	case WOP_UNLINK:
		do_unlink(rq, rep);
		send_reply(ws, rep, NULL);
		return;
	case WOP_CHDIR:
		do_chdir(rq, data, rep);
		send_reply(ws, rep, NULL);
		return;
	case WOP_EXIT:
		_exit(0);
	default:
		rep->ret = -1;
		rep->err = EINVAL;
		send_reply(ws, rep, NULL);
		return;
	}
	if (rep->fd >= 0)
		fd = rep->fd;
	if (fd >= 0 && rq->op != WOP_RECV && fcntl(fd, F_GETFD) >= 0)
		fill_status(fd, rep, true);
	send_reply(ws, rep, NULL);
}

/* Read one request; a passed descriptor (fork) lands in *passed. Returns
 * the message length, 0 on EOF, -1 on error. */
static ssize_t read_request(struct wstate *ws, int *passed)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct iovec iov = { ws->in, sizeof(ws->in) };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	ssize_t n;

	*passed = -1;
	do
		n = recvmsg(ws->chan, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	for (c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL; c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(passed, CMSG_DATA(c), sizeof(int));
	return n;
}

static void serve_channel(struct wstate *ws)
{
	const struct worker_req *rq = (const void *)ws->in;
	int passed;
	ssize_t n = read_request(ws, &passed);

	if (n == 0 || (n < 0 && errno != EAGAIN))
		_exit(0);	/* the stage is gone: so are we */
	if (n < (ssize_t)sizeof(*rq) ||
	    (size_t)n != sizeof(*rq) + rq->datalen) {
		struct worker_rep rep = { .seq = n >= 4 ? rq->seq : 0,
					  .ret = -1, .err = EPROTO, .fd = -1 };

		if (passed >= 0)
			close(passed);
		send_reply(ws, &rep, NULL);
		return;
	}
	handle(ws, rq, ws->in + sizeof(*rq), passed);
}

static void worker_loop(struct wstate *ws)
{
	struct pollfd *pfd;

	ws->pfd = xcalloc(1, sizeof(*ws->pfd));
	for (;;) {
		long long now = now_ms(), next = -1;
		int i, timeout;

		pfd = ws->pfd;
		pfd[0] = (struct pollfd){ .fd = ws->chan, .events = POLLIN };
		for (i = 0; i < ws->nwaits; i++) {
			pfd[i + 1] = (struct pollfd){ .fd = ws->waits[i].fd,
						      .events = ws->waits[i].events };
			if (next < 0 || ws->waits[i].deadline < next)
				next = ws->waits[i].deadline;
		}
		timeout = next < 0 ? -1 : next <= now ? 0 : (int)(next - now);
		if (poll(pfd, (nfds_t)ws->nwaits + 1, timeout) < 0 && errno != EINTR)
			_exit(1);
		now = now_ms();
		for (i = ws->nwaits - 1; i >= 0; i--)
			if (pfd[i + 1].revents || ws->waits[i].deadline <= now)
				finish_wait(ws, i, pfd[i + 1].revents != 0);
		if (pfd[0].revents)
			serve_channel(ws);
	}
}

void worker_main(int chan)
{
	static struct wstate ws;
	struct sigaction sa = { .sa_handler = SIG_IGN };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);	/* forked children reap themselves */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	setpgid(0, 0);			/* keyboard signals go to the stage */
	ws.chan = chan;
	worker_loop(&ws);
	_exit(0);
}

/* ---- the stage's side --------------------------------------------------- */

static void set_bufs(int fd)
{
	int sz = CHAN_BUF;

	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
}

static int drop_privileges(long uid, long group)
{
	gid_t gid = (gid_t)(group >= 0 ? group : uid);

	if (setgroups(0, NULL) < 0 && errno != EPERM)
		return -1;
	if (setresgid(gid, gid, gid) < 0 || setresuid((uid_t)uid, (uid_t)uid,
						       (uid_t)uid) < 0)
		return -1;
	return 0;
}

static void worker_child(int chan, pid_t parent, long uid, long gid)
{
	struct worker_rep hello = { .seq = 0, .fd = -1 };

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	if (chan != CHAN_FD) {
		dup2(chan, CHAN_FD);
		close(chan);
	}
	syscall(SYS_close_range, CHAN_FD + 1, ~0U, 0);
	hello.ret = (int32_t)getpid();
	if (uid >= 0 && drop_privileges(uid, gid) < 0) {
		hello.ret = -1;
		hello.err = errno;
	}
	while (send(CHAN_FD, &hello, sizeof(hello), MSG_NOSIGNAL) < 0 &&
	       errno == EINTR)
		;
	if (hello.ret < 0)
		_exit(1);
	worker_main(CHAN_FD);
}

/* Until the channel has something to read (or has hung up) before the
 * deadline: 0; WORKER_NO_ANSWER when time is up, or at once when the
 * kernel says the worker is stopped (it cannot answer until continued). */
static int await_chan(struct worker *w, long long deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = w->chan, .events = POLLIN };
		long long left = deadline - now_ms();
		int n = poll(&pfd, 1, left <= 0 ? 0 : left > 50 ? 50 : (int)left);

		if (n > 0 || (n < 0 && errno != EINTR))
			return 0;	/* recv tells what it is */
		if (worker_stopped(w) || now_ms() >= deadline)
			return WORKER_NO_ANSWER;
		if (w->idle && w->idle(w->idle_ctx))
			return WORKER_INTERRUPTED;
	}
}

static void chan_gone(struct worker *w, char *err, size_t errlen)
{
	snprintf(err, errlen, "process %d is gone", (int)w->pid);
	if (w->chan >= 0)
		close(w->chan);
	w->chan = -1;
}

/* One reply, waited for until the deadline (-1: it is there already). */
static int recv_reply(struct worker *w, struct worker_rep *rep, void *buf,
		      size_t buflen, long long deadline, char *err,
		      size_t errlen)
{
	static unsigned char in[sizeof(struct worker_rep) + WORKER_MAX_DATA];
	ssize_t n;

	if (w->chan < 0) {
		chan_gone(w, err, errlen);
		return WORKER_GONE;
	}
	if (deadline >= 0 && (n = await_chan(w, deadline)) < 0) {
		snprintf(err, errlen, "process %d %s", (int)w->pid,
			 n == WORKER_NO_ANSWER ? "does not answer" :
			 "had not answered yet");
		return (int)n;
	}
	do
		n = recv(w->chan, in, sizeof(in), 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0 || (size_t)n < sizeof(*rep)) {
		chan_gone(w, err, errlen);
		return WORKER_GONE;
	}
	memcpy(rep, in, sizeof(*rep));
	if (rep->datalen > (size_t)n - sizeof(*rep))
		rep->datalen = (uint32_t)((size_t)n - sizeof(*rep));
	if (buf) {
		if (rep->datalen > buflen)
			rep->datalen = (uint32_t)buflen;
		memcpy(buf, in + sizeof(*rep), rep->datalen);
	}
	return 0;
}

static int read_hello(struct worker *w, long uid, char *err, size_t errlen)
{
	struct worker_rep hello;

	if (recv_reply(w, &hello, NULL, 0, now_ms() + WORKER_ANSWER_MS, err,
		       errlen) < 0) {
		worker_stop(w, SIGKILL);
		return -1;
	}
	if (hello.ret < 0) {
		if (hello.err == EINVAL)
			snprintf(err, errlen, "uid %ld is not mapped in this user "
				 "namespace: only the uids in /proc/self/uid_map exist "
				 "here (an unprivileged --sandbox maps only your own)", uid);
		else if (hello.err == EPERM)
			snprintf(err, errlen, "changing to uid %ld needs root or "
				 "CAP_SETUID", uid);
		else
			snprintf(err, errlen, "could not switch to uid %ld: %s", uid,
				 strerror(hello.err));
		worker_stop(w, SIGKILL);
		errno = hello.err;
		return -1;
	}
	w->pid = hello.ret;
	return 0;
}

int worker_spawn(struct worker *w, long uid, long gid, char *err,
		 size_t errlen)
{
	pid_t parent = getpid();
	int sv[2];

	memset(w, 0, sizeof(*w));
	w->chan = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return -1;
	}
	set_bufs(sv[0]);
	set_bufs(sv[1]);
	fflush(NULL);
	w->pid = fork();
	if (w->pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (w->pid == 0) {
		close(sv[0]);
		worker_child(sv[1], parent, uid, gid);
	}
	close(sv[1]);
	w->chan = sv[0];
	return read_hello(w, uid, err, errlen);
}

static int send_request(struct worker *w, struct worker_req *req,
			const void *data, int passfd, char *err, size_t errlen)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct iovec iov[2] = {
		{ req, sizeof(*req) },
		{ (void *)data, req->datalen },
	};
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = data ? 2 : 1 };
	ssize_t n;

	if (w->chan < 0) {
		snprintf(err, errlen, "process %d is gone", (int)w->pid);
		return -1;
	}
	if (passfd >= 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		ctl.c.cmsg_level = SOL_SOCKET;
		ctl.c.cmsg_type = SCM_RIGHTS;
		ctl.c.cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(&ctl.c), &passfd, sizeof(int));
	}
	req->seq = ++w->seq;
	do
		n = sendmsg(w->chan, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		snprintf(err, errlen, "process %d is gone (%s)", (int)w->pid,
			 strerror(errno));
		close(w->chan);
		w->chan = -1;
		return -1;
	}
	return 0;
}

/* A request given up on: its answer, when it comes, is set aside. */
static void lose(struct worker *w, const struct worker_req *req)
{
	if (w->nlost == w->caplost) {
		w->caplost = w->caplost ? w->caplost * 2 : 8;
		w->lost = xrealloc(w->lost, (size_t)w->caplost * sizeof(*w->lost));
	}
	w->lost[w->nlost++] = (struct worker_lost){ req->seq, req->op };
}

/* True when rep answers a request given up on: it is dropped, and a
 * descriptor it made (socket, accept) is closed, so that the worker holds
 * nothing the stage does not know. */
static bool set_aside(struct worker *w, const struct worker_rep *rep)
{
	struct worker_req close_req = { .op = WOP_CLOSE, .nbytes = -1 };
	char err[64];

	for (int i = 0; i < w->nlost; i++) {
		if (w->lost[i].seq != rep->seq)
			continue;
		w->lost[i] = w->lost[--w->nlost];
		w->late++;
		for (int k = 0; k < 2 && rep->ret >= 0; k++) {
			close_req.fd = k ? rep->fd2 : rep->fd;
			if (close_req.fd >= 0 &&
			    send_request(w, &close_req, NULL, -1, err,
					 sizeof(err)) == 0)
				lose(w, &close_req);
		}
		return true;
	}
	return false;
}

static void stash(struct worker *w, const struct worker_rep *rep)
{
	if (w->nstash == w->capstash) {
		w->capstash = w->capstash ? w->capstash * 2 : 8;
		w->stash = xrealloc(w->stash,
				    (size_t)w->capstash * sizeof(*w->stash));
	}
	w->stash[w->nstash++] = *rep;
}

/* Replies until the one for req: asynchronous outcomes that come first
 * are kept for worker_next, late ones set aside. */
static int await_reply(struct worker *w, const struct worker_req *req,
		       struct worker_rep *rep, void *buf, size_t buflen,
		       long long deadline, char *err, size_t errlen)
{
	int rc;

	for (;;) {
		rc = recv_reply(w, rep, buf, buflen, deadline, err, errlen);
		if (rc == WORKER_NO_ANSWER || rc == WORKER_INTERRUPTED)
			lose(w, req);
		if (rc < 0)
			return rc;
		if (rep->seq == req->seq)
			return 0;
		if (!set_aside(w, rep))
			stash(w, rep);
	}
}

int worker_call(struct worker *w, struct worker_req *req, const void *data,
		struct worker_rep *rep, void *buf, size_t buflen, char *err,
		size_t errlen)
{
	long long deadline = now_ms() + WORKER_ANSWER_MS +
			     ((req->op == WOP_WAIT || req->op == WOP_CLOSE) &&
			      req->b > 0 ? req->b : 0);

	if (req->datalen > WORKER_MAX_DATA) {
		snprintf(err, errlen, "more than %d bytes", WORKER_MAX_DATA);
		return WORKER_GONE;
	}
	if (send_request(w, req, data, -1, err, errlen) < 0)
		return WORKER_GONE;
	return await_reply(w, req, rep, buf, buflen, deadline, err, errlen);
}

uint32_t worker_send(struct worker *w, struct worker_req *req, char *err,
		     size_t errlen)
{
	if (send_request(w, req, NULL, -1, err, errlen) < 0)
		return 0;
	return req->seq;
}

int worker_next(struct worker *w, struct worker_rep *rep)
{
	struct pollfd pfd = { .fd = w->chan, .events = POLLIN };
	char err[64];

	for (;;) {
		if (w->nstash) {
			*rep = w->stash[0];
			memmove(w->stash, w->stash + 1,
				(size_t)--w->nstash * sizeof(*rep));
			return 1;
		}
		if (w->chan < 0)
			return -1;
		if (poll(&pfd, 1, 0) <= 0)
			return 0;
		if (recv_reply(w, rep, NULL, 0, -1, err, sizeof(err)) < 0)
			return -1;
		if (!set_aside(w, rep))
			return 1;
	}
}

int worker_fork(struct worker *w, struct worker *child, char *err,
		size_t errlen)
{
	struct worker_req req = { .op = WOP_FORK, .fd = -1, .nbytes = -1 };
	struct worker_rep rep;
	int sv[2], rc;

	memset(child, 0, sizeof(*child));
	child->chan = -1;
	child->pid = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return WORKER_GONE;
	}
	set_bufs(sv[0]);
	set_bufs(sv[1]);
	child->chan = sv[0];
	rc = send_request(w, &req, NULL, sv[1], err, errlen) < 0 ? WORKER_GONE :
	     await_reply(w, &req, &rep, NULL, 0, now_ms() + WORKER_ANSWER_MS,
			 err, errlen);
	close(sv[1]);
	if (rc == 0 && rep.ret < 0) {
		snprintf(err, errlen, "fork: %s", strerror(rep.err));
		errno = rep.err;
		rc = WORKER_GONE;
	}
	if (rc < 0) {
		/* a child forked later finds its channel closed, and exits */
		close(child->chan);
		child->chan = -1;
		return rc;
	}
	child->pid = rep.ret;
	return read_hello(child, -1, err, errlen);
}

bool worker_alive(const struct worker *w)
{
	struct pollfd pfd = { .fd = w->chan, .events = POLLIN };

	if (w->chan < 0)
		return false;
	return !(poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR)));
}

bool worker_stopped(const struct worker *w)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	if (w->pid <= 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)w->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* "pid (comm) S ...": comm may hold anything, so the last ')' */
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && (p[2] == 'T' || p[2] == 't');
}

void worker_stop(struct worker *w, int sig)
{
	long long deadline = now_ms() + 2000;
	int pidfd = -1;

	/* a worker that owes an answer is busy (or stopped): it would not
	 * see its channel close soon */
	if (w->pid > 0 && !sig && (w->nlost || worker_stopped(w)))
		sig = SIGKILL;
	/* a forked worker is not our child (its parent worker reaps it):
	 * its pidfd says when it is gone, its descriptors closed */
	if (w->pid > 0)
		pidfd = (int)syscall(SYS_pidfd_open, w->pid, 0);
	if (w->pid > 0 && sig)
		kill(w->pid, sig);
	if (w->chan >= 0) {
		close(w->chan);	/* EOF: the worker exits */
		w->chan = -1;
	}
	free(w->stash);
	free(w->lost);
	w->stash = NULL;
	w->lost = NULL;
	w->nstash = w->capstash = w->nlost = w->caplost = 0;
	if (w->pid <= 0)
		return;
	/* our own children are reaped here; forked grandchildren come back to
	 * us as the subreaper, or are reaped by their parent worker: for them
	 * waitpid says ECHILD at once, and the pidfd is waited on instead
	 * (the next call must not find their sockets still open) */
	for (;;) {
		pid_t r = waitpid(w->pid, NULL, WNOHANG);
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

		if (r != 0 && !(r < 0 && errno == ECHILD && pidfd >= 0))
			break;
		if (r < 0 && poll(&pfd, 1, 0) > 0)
			break;	/* not ours, and gone */
		if (now_ms() > deadline) {
			kill(w->pid, SIGKILL);
			if (r == 0)
				waitpid(w->pid, NULL, 0);
			else
				poll(&pfd, 1, 1000);
			break;
		}
		usleep(1000);
	}
	if (pidfd >= 0)
		close(pidfd);
	w->pid = -1;
}

void worker_reap_all(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}
