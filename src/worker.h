/* SPDX-License-Identifier: GPL-2.0-or-later */
/* worker.h - worker processes hold the user's sockets. The stage talks to
 * each over a private SOCK_SEQPACKET socketpair: a request, a reply. */
#ifndef SOCKSTAGE_WORKER_H
#define SOCKSTAGE_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "sockopt.h"

#define WORKER_MAX_DATA 65536

enum worker_op {
	WOP_SOCKET,	/* a: family, b: type, c: protocol -> rep.fd */
	WOP_SETSOCKOPT,	/* a: level, b: name, opt/optlen */
	WOP_BIND,	/* addr */
	WOP_LISTEN,	/* a: backlog */
	WOP_CONNECT,	/* addr (non-blocking: EINPROGRESS is normal) */
	WOP_ACCEPT,	/* -> rep.fd, rep.peer */
	WOP_SEND,	/* data, or nbytes of filler */
	WOP_SENDTO,	/* addr, data or filler */
	WOP_RECV,	/* a: max bytes -> data, rep.peer (sender) */
	WOP_SHUTDOWN,	/* a: how */
	WOP_CLOSE,	/* b: how long the close may linger (SO_LINGER), ms */
	WOP_WAIT,	/* a: poll events, b: timeout ms -> ret: revents (0 on
			   timeout); for POLLOUT the socket's SO_ERROR in err;
			   -1 ECANCELED when the fd was closed (WOP_CLOSE)
			   before the wait ended */
	WOP_STATUS,	/* the fd's addresses, inode and cookie */
	WOP_FORK,	/* a new channel arrives with SCM_RIGHTS -> ret: pid */
	WOP_EXIT,	/* the worker exits (no reply) */
	WOP_PROBE_BIND,	/* a: family, b: type, c: PROBE_* options, addr: a
			   throwaway socket tries the bind (and listen, with
			   PROBE_LISTEN) and is closed at once -> ret, err */
	WOP_SOCKETPAIR,	/* b: type -> rep.fd, rep.fd2 (AF_UNIX) */
	WOP_SENDFD,	/* a: the descriptor to pass over fd (SCM_RIGHTS,
			   with one byte of data) */
	WOP_RECVFD,	/* one byte and a passed descriptor -> rep.fd (-1
			   with ret 1: the byte came without one) */
	WOP_UNLINK,	/* addr: an AF_UNIX path, unlinked */
	WOP_CHDIR,	/* data: a directory the worker makes its own (its
			   relative UNIX paths are in it) */
	WOP_PROBE_CONNECT,	/* a: type, addr: a throwaway socket tries a
				   connect, closed at once -> ret, err */
};

/* Options a bind probe sets on its throwaway socket. */
enum { PROBE_REUSEADDR = 1, PROBE_REUSEPORT = 2, PROBE_V6ONLY = 4,
       PROBE_DUALSTACK = 8 /* IPV6_V6ONLY explicitly off */,
       PROBE_LISTEN = 16 /* listen after the bind */ };

struct worker_req {
	uint32_t seq;
	uint32_t op;
	int32_t fd;
	int32_t a, b, c;
	uint32_t addrlen;
	struct sockaddr_storage addr;
	uint32_t optlen;
	unsigned char opt[64];
	int64_t nbytes;		/* filler bytes to send, or -1 */
	uint32_t datalen;	/* bytes of data following the header */
};

struct worker_rep {
	uint32_t seq;
	int32_t ret;
	int32_t err;		/* errno when ret == -1 */
	int32_t fd;		/* new descriptor (socket, accept), or -1 */
	int32_t fd2;		/* socketpair's second one, or -1 */
	uint64_t inode;
	uint64_t cookie;
	uint32_t locallen, peerlen;
	struct sockaddr_storage local;	/* getsockname after the call */
	struct sockaddr_storage peer;	/* getpeername, or recvfrom sender */
	/* the options whose row says "read back", as getsockopt reads them
	   after the call (known 0: not that kind of socket) */
	struct sockopt_val opts[OPT_COUNT];
	uint8_t has_opts;
	/* a UNIX socket: its peer's credentials (SO_PEERCRED, when it has a
	   peer) and those a recv got with its message (SCM_CREDENTIALS,
	   with SO_PASSCRED on) */
	int32_t peer_pid, msg_pid;	/* 0: none */
	uint32_t peer_uid, peer_gid, msg_uid, msg_gid;
	int32_t unread;		/* WOP_CLOSE: bytes left unread in the receive
				   queue just before the close, or -1 */
	uint32_t datalen;	/* bytes of data following the header */
};

/* How long a worker may take to answer a request, beyond the time the
 * request itself asks to wait: past it, the worker "does not answer". */
#define WORKER_ANSWER_MS 3000

/* worker_call and friends: the worker is gone (its channel hung up), or
 * it did not answer in time (stopped, traced, wedged: it may answer
 * later, and that late answer is then set aside). */
enum { WORKER_GONE = -1, WORKER_NO_ANSWER = -2, WORKER_INTERRUPTED = -3 };

/* Called about every 50 ms while the stage waits for an answer (a
 * front-end stays live: it draws, queues keys); true gives the wait up
 * (WORKER_INTERRUPTED: the answer, when it comes, is set aside). */
typedef bool (*worker_idle_fn)(void *ctx);

/* A request whose answer nobody waits for any more. */
struct worker_lost {
	uint32_t seq;
	uint32_t op;
};

struct worker {
	pid_t pid;
	int chan;		/* the stage's end of the channel, -1 when gone */
	uint32_t seq;
	/* replies that came while a synchronous call waited for its own
	 * (the outcome of an asynchronous wait): kept for worker_next */
	struct worker_rep *stash;
	int nstash, capstash;
	/* requests given up on (no answer in time): their answers, when
	 * they come, are dropped; a descriptor one made is closed */
	struct worker_lost *lost;
	int nlost, caplost;
	unsigned late;		/* answers that came too late, so far */
	worker_idle_fn idle;	/* or NULL */
	void *idle_ctx;
};

/* Fork a new worker. uid >= 0: drop to that uid, and to gid (or, when gid
 * is -1, the group of the same number) before serving. Returns 0, or -1
 * with a message (errno says why). */
int worker_spawn(struct worker *w, long uid, long gid, char *err,
		 size_t errlen);

/* Ask the worker to fork; the child becomes *child. Returns 0 or -1. */
int worker_fork(struct worker *w, struct worker *child, char *err,
		size_t errlen);

/* One synchronous request. data/datalen: payload for send. On return rep
 * is filled; a reply payload (recv) is copied into buf (buflen bytes at
 * most). The answer is awaited for the time the request waits itself
 * (WOP_WAIT's b) plus WORKER_ANSWER_MS. Returns 0, or WORKER_GONE or
 * WORKER_NO_ANSWER with err filled. */
int worker_call(struct worker *w, struct worker_req *req, const void *data,
		struct worker_rep *rep, void *buf, size_t buflen, char *err,
		size_t errlen);

/* Send a request without waiting for its reply (asynchronous waits).
 * Returns its seq, or 0 when the worker is gone (err filled). */
uint32_t worker_send(struct worker *w, struct worker_req *req, char *err,
		     size_t errlen);

/* The next reply that nobody waited for: a stashed one, or one read from
 * the channel when it is readable (never blocks); late answers to
 * requests given up on are dropped here too. Returns 1 with rep filled,
 * 0 when there is none, -1 when the worker is gone. */
int worker_next(struct worker *w, struct worker_rep *rep);

/* False when the worker has died: its end of the channel hung up. */
bool worker_alive(const struct worker *w);

/* True when the kernel says the worker is stopped (SIGSTOP, a tracer). */
bool worker_stopped(const struct worker *w);

/* Ask the worker to exit, or kill it with sig; then reap it. A stopped
 * worker, or one that owes an answer, is killed. Frees what the struct
 * holds. */
void worker_stop(struct worker *w, int sig);

/* Reap any child that has exited, without blocking. */
void worker_reap_all(void);

/* The worker's side (also used for forked children). Never returns. */
void worker_main(int chan) __attribute__((noreturn));

#endif
