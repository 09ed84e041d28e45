/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_int.h - what the stage's own files share (stage.c: the model,
 * results and socket commands; stage_proc.c: process commands; kview.c:
 * the kernel view of the stage; stage_async.c: outcomes that come later).
 * Not for front-ends: they use stage.h. */
#ifndef SOCKSTAGE_STAGE_INT_H
#define SOCKSTAGE_STAGE_INT_H

#include "command.h"
#include "stage.h"
#include "worker.h"

/* how long an asynchronous connect is watched: past the kernel's own SYN
 * retries (about 127 s with tcp_syn_retries 6) */
#define ASYNC_CONNECT_MS 180000

/* the model (model.c) */
struct stage_sock *stage_new_sock(struct stage *st, int family, int type,
				  const char *name);
int stage_holder_index(const struct stage_sock *s, int proc);
void stage_add_port(struct stage *st, int port);
void stage_learn(struct stage *st, struct stage_sock *s,
		 const struct worker_rep *rep);
int stage_add_proc(struct stage *st, const char *name, long uid,
		   const struct worker *w);
void stage_proc_gone(struct stage *st, int proc);
void stage_remember_last(struct stage *st, struct result *res);

/* The process a line runs in (its NAME: prefix, or the current one), or
 * -1 with the error in res. */
int stage_resolve_proc(struct stage *st, const struct command *cmd,
		       struct result *res);

/* A socket operand, resolved: the process the line runs in holds it. */
struct stage_target {
	int proc;
	int si;			/* socket index */
	int fd;			/* that process's descriptor of it */
	struct stage_sock *s;
	char label[16];		/* "s3" */
};

/* Resolve the line's SOCK in its process. Returns 0; or -1 with res
 * filled: a line error, or EBADF (callname(sN)) with the holders named. */
int stage_resolve_sock(struct stage *st, const struct command *cmd,
		       const char *callname, struct stage_target *t,
		       struct result *res);
/* A call's outcome from the worker's reply: ret, errno, the kind. */
enum result_kind stage_from_reply(struct result *res,
				  const struct worker_rep *rep);

/* workers */
void stage_req_init(struct worker_req *req, enum worker_op op, int fd);
/* The result of a call that process proc did not answer in time. */
void stage_no_answer(struct stage *st, int proc, struct result *res);
int stage_call(struct stage *st, int proc, struct worker_req *req,
	       const void *data, struct worker_rep *rep, void *buf,
	       size_t buflen, struct result *res);
int stage_wait_fd(struct stage *st, int proc, int fd, short events, int ms,
		  int *soerr, struct worker_rep *rep, struct result *res);
/* accept, recv, recvfd: when nothing is there yet (EAGAIN), wait for it
 * up to io_wait_ms and ask again. 0 (rep filled), or -1 (res). */
int stage_call_waiting(struct stage *st, struct stage_target *t,
		       struct worker_req *req, struct worker_rep *rep,
		       void *buf, size_t buflen, struct result *res);

/* UNIX sockets (stage_unix.c) */
/* The stage's directory exists, and every process works in it. 0, or -1
 * (res: why not). */
int stage_unix_dir(struct stage *st, struct result *res);
/* A new process works in the stage's directory too (when there is one). */
void stage_unix_adopt(struct stage *st, int proc);
/* The line's name (cmd->addr) fits t's family: a PATH or @NAME for a unix
 * socket, an address for an inet one; a relative path makes the stage's
 * directory. 0, or -1 (res: a line error). */
int stage_unix_name(struct stage *st, const struct stage_target *t,
		    const struct command *cmd, struct result *res);

/* hosts (stage_host.c) */
/* The host an operand names (col -1: local, 0), or -1 with the error in
 * res. */
int stage_resolve_host(struct stage *st, const struct cmd_ref *ref,
		       struct result *res);
/* The calling thread enters host's namespace (local: stays; *back -1),
 * and leaves it. 0, or -1 with a message. */
int stage_host_enter(struct stage *st, int host, int *back, char *err,
		     size_t errlen);
void stage_host_leave(int back);
void stage_hosts_free(struct stage *st);
/* A net.* sysctl of host's namespace (sysctl(8)'s name), as text on one
 * line (cmd_sysctl.c). 0, or -1. */
int stage_sysctl_read(struct stage *st, int host, const char *name, char *buf,
		      size_t len);
/* The host that has address a (family AF_INET: its first 4 bytes), -1. */
int stage_host_of(const struct stage *st, int family, const struct in6_addr *a);
/* How long proc's connect to address to waits for its handshake: ms, or
 * longer by the wire's delay when it crosses the wire, or 0 (*held)
 * when the wire holds, drops or is down: the wire decides, not time. */
int stage_connect_wait(struct stage *st, int proc, const struct addrspec *to,
		       int ms, bool *held);

/* The calling thread in host h's namespace (h > 0) with the host's diag
 * socket, opened there on first use (and there again if a dump has to
 * start over); stage_host_leave(*back) after. NULL (back already) with
 * err. (stage_diag.c) */
struct diag *stage_host_diag(struct stage *st, int h, int *back, char *err,
			     size_t errlen);

/* the stage's UNIX sockets in its kernel view (kview_unix.c) */
/* Append the rows of the stage's UNIX sockets to out, each asked for
 * exactly, with the sockets at their other ends and in their queues. 0,
 * or -1 (err). */
int stage_unix_view(struct stage *st, struct diag_table *out, char *err,
		    size_t errlen);
/* Every UNIX socket of host's namespace (0: the stage's own) into out. */
int stage_unix_snapshot(struct stage *st, int host, struct diag_table *out,
			char *err, size_t errlen);
/* Whether UNIX row r has the name a names (a path as bound, or @name). */
bool stage_unix_row_named(const struct diag_row *r, const struct addrspec *a);
/* s's row now: 1 (row), 0 the kernel has none, -1 (err). */
int stage_unix_state(struct stage *st, const struct stage_sock *s,
		     struct diag_row *row, char *err, size_t errlen);

/* expect [no] segment (stage_wire.c) */
enum result_kind stage_expect_segment(struct stage *st, const struct command *cmd,
				      struct result *res);

/* every command's execution (named in the command table, cmdtab.h) */
#define CMD_EXEC_PROTO(K, word, usage, args, help, call, flags, parse, \
		       exec, ...) \
	enum result_kind exec(struct stage *st, const struct command *cmd, \
			      struct result *res);
CMD_TABLE(CMD_EXEC_PROTO)
#undef CMD_EXEC_PROTO

#endif
