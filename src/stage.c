/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage.c - the executor: resolves names, runs each command's socket call
 * in the right worker (the executor, exec.c, picks them from the
 * command table), and starts and stops the stage. The model it changes
 * is model.c's. */
#include "stage.h"
#include "stage_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "addr.h"
#include "explain.h"
#include "view.h"

#ifndef IP_LOCAL_PORT_RANGE
#define IP_LOCAL_PORT_RANGE 51	/* Linux 6.3; <linux/in.h>, not glibc's */
#endif

#define MAIN_PROC "main"
#define SHOW_DATA_MAX 48

/* A syscall's outcome from the worker's reply. */
enum result_kind stage_from_reply(struct result *res,
				  const struct worker_rep *rep)
{
	res->ret = rep->ret;
	res->err = rep->ret < 0 ? rep->err : 0;
	res->kind = rep->ret < 0 ? RES_FAIL : RES_OK;
	if (res->kind == RES_OK && !res->value[0])
		res_value(res, "%d", rep->ret);
	return res->kind;
}

int stage_init(struct stage *st, char *err, size_t errlen)
{
	struct worker w;

	memset(st, 0, sizeof(*st));
	st->dir.pipe_w = -1;
	st->connect_wait_ms = STAGE_CONNECT_WAIT_MS;
	st->io_wait_ms = STAGE_IO_WAIT_MS;
	st->mode = EXEC_MODE_SCRIPT;
	st->busy_proc = -1;
	/* forked workers whose parent worker exits come back to us to reap */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (worker_spawn(&w, -1, -1, err, errlen) < 0)
		return -1;
	/* a rescan at most every second, results kept 5 s */
	st->owners = owner_cache_new(1000, 5000);
	st->cur = stage_add_proc(st, MAIN_PROC, -1, &w);
	return 0;
}

void stage_free(struct stage *st)
{
	for (int i = 0; i < st->nprocs; i++)
		if (st->procs[i].alive)
			worker_stop(&st->procs[i].w, 0);
	worker_reap_all();
	sockdir_close(&st->dir);
	stage_hosts_free(st);
	stage_wire_close(st);
	diag_close(st->diag);
	diag_table_free(&st->table);
	if (st->owners)
		owner_cache_free(st->owners);
	for (int i = 0; i < st->nsocks; i++)
		free(st->socks[i]);
	free(st->socks);
	free(st->pending);
	free(st->ports);
	memset(st, 0, sizeof(*st));
}

/* ---- stable results ------------------------------------------------------------ */

/* The namespace's ip_local_port_range; false when it cannot be read. */
static bool local_port_range(int *lo, int *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "re");
	bool ok;

	if (!f)
		return false;
	ok = fscanf(f, "%d %d", lo, hi) == 2;
	fclose(f);
	return ok;
}

void stage_set_stable(struct stage *st)
{
	int lo = 32768, hi = 60999;

	st->stable = true;
	local_port_range(&lo, &hi);
	/* the kernel ignores a socket's range outside the namespace's */
	st->port_base = STAGE_STABLE_PORT > lo && STAGE_STABLE_PORT < hi ?
			STAGE_STABLE_PORT : lo < hi ? lo : 0;
	st->port_hi = hi;
}

const char *stage_proc_label(const struct stage *st, int proc, char *buf,
			     size_t len)
{
	const struct stage_proc *p = &st->procs[proc];

	if (st->stable)
		snprintf(buf, len, "'%s'", p->name);
	else
		snprintf(buf, len, "'%s' (pid %d)", p->name, (int)p->w.pid);
	return buf;
}

/* A new socket's ephemeral port, fixed in stable mode: a local port
 * range of one port, which the kernel's port choice honours (connect,
 * listen and sendto on an unbound socket, bind to port 0). The first
 * time it cannot be set, the result says so. */
static void fix_port(struct stage *st, int proc, const struct stage_sock *s,
		     int fd, struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	uint32_t range;
	int port = st->port_base + s->id;

	if (!st->stable || !st->port_base || port > st->port_hi)
		return;
	range = (uint32_t)port << 16 | (uint32_t)port;
	stage_req_init(&req, WOP_SETSOCKOPT, fd);
	req.a = IPPROTO_IP;
	req.b = IP_LOCAL_PORT_RANGE;
	memcpy(req.opt, &range, sizeof(range));
	req.optlen = sizeof(range);
	if (stage_call(st, proc, &req, NULL, &rep, NULL, 0, res) < 0 ||
	    rep.ret == 0 || st->port_note)
		return;
	st->port_note = true;
	res_note(res, "its ephemeral port is not fixed: IP_LOCAL_PORT_RANGE: %s",
		 strerror(rep.err));
}

/* ---- talking to workers ----------------------------------------------------- */

/* Run one request in process proc. Returns 0, or RES_ERROR's -1 when the
 * process is gone (res filled). */
int stage_call(struct stage *st, int proc, struct worker_req *req,
		const void *data, struct worker_rep *rep, void *buf,
		size_t buflen, struct result *res)
{
	struct stage_proc *p = &st->procs[proc];
	unsigned late = p->w.late;
	char err[128];
	int rc;

	st->busy_proc = proc;
	rc = worker_call(&p->w, req, data, rep, buf, buflen, err, sizeof(err));
	st->busy_proc = -1;

	if (p->w.late != late)
		res_note(res, "process '%s' answered an earlier request too late: "
			 "that answer was set aside", p->name);
	if (rc == 0)
		return 0;
	if (rc == WORKER_NO_ANSWER) {
		stage_no_answer(st, proc, res);
		return -1;
	}
	if (rc == WORKER_INTERRUPTED) {
		res_error(res, 0, "interrupted: process %s had not answered "
			  "yet; its answer will be set aside",
			  stage_proc_label(st, proc, err, sizeof(err)));
		return -1;
	}
	res_error(res, 0, "process %s died; the kernel closed its sockets",
		  stage_proc_label(st, proc, err, sizeof(err)));
	worker_stop(&p->w, SIGKILL);
	stage_proc_gone(st, proc);
	return -1;
}

void stage_no_answer(struct stage *st, int proc, struct result *res)
{
	const struct stage_proc *p = &st->procs[proc];
	char label[96], cont[48];

	stage_proc_label(st, proc, label, sizeof(label));
	if (st->stable)
		snprintf(cont, sizeof(cont), "SIGCONT");
	else
		snprintf(cont, sizeof(cont), "kill -CONT %d", (int)p->w.pid);
	if (worker_stopped(&p->w))
		res_error(res, 0, "process %s does not answer: stopped? (the "
			  "kernel says it is stopped: %s resumes it; the call "
			  "may then happen after all)", label, cont);
	else
		res_error(res, 0, "process %s does not answer: stopped? "
			  "(no answer within %d ms)", label, WORKER_ANSWER_MS);
}

void stage_req_init(struct worker_req *req, enum worker_op op, int fd)
{
	memset(req, 0, sizeof(*req));
	req->op = op;
	req->fd = fd;
	req->nbytes = -1;
}

/* Wait in the worker for events on fd, up to ms. Returns revents (0 on
 * timeout) with SO_ERROR in *soerr, or -1 when the process died. */
int stage_wait_fd(struct stage *st, int proc, int fd, short events, int ms,
		   int *soerr, struct worker_rep *rep, struct result *res)
{
	struct worker_req req;

	stage_req_init(&req, WOP_WAIT, fd);
	req.a = events;
	req.b = ms;
	if (stage_call(st, proc, &req, NULL, rep, NULL, 0, res) < 0)
		return -1;
	*soerr = rep->err;
	return rep->ret < 0 ? 0 : rep->ret;
}

/* ---- resolving the operands of a line --------------------------------------- */


int stage_resolve_proc(struct stage *st, const struct command *cmd,
		       struct result *res)
{
	int p = st->cur;

	if (cmd->proc.col >= 0) {
		p = stage_find_proc(st, cmd->proc.name);
		if (p < 0) {
			res_error(res, cmd->proc.col, "unknown process '%s'",
				   cmd->proc.name);
			return -1;
		}
	}
	if (!st->procs[p].alive) {
		res_error(res, cmd->proc.col >= 0 ? cmd->proc.col : 0,
			   "process '%s' has exited; 'spawn' a new one or 'use' another",
			   st->procs[p].name);
		return -1;
	}
	return p;
}

/* Returns 0 when the socket is held by the process; -1 otherwise (res is
 * then a line error, or EBADF with the holders named). */
int stage_resolve_sock(struct stage *st, const struct command *cmd,
		       const char *callname, struct stage_target *t,
		       struct result *res)
{
	char holders[160];
	int h;

	if ((t->proc = stage_resolve_proc(st, cmd, res)) < 0)
		return -1;
	res->proc = t->proc;
	t->si = stage_find_sock(st, cmd->sock.name);
	if (t->si < 0) {
		res_error(res, cmd->sock.col, "unknown socket '%s'", cmd->sock.name);
		return -1;
	}
	t->s = st->socks[t->si];
	res->sock = t->si;
	stage_sock_label(t->s, t->label, sizeof(t->label));
	h = stage_holder_index(t->s, t->proc);
	if (h >= 0) {
		t->fd = t->s->holders[h].fd;
		return 0;
	}
	res_call(res, "%s(%s)", callname, t->label);
	res->kind = RES_FAIL;
	res->ret = -1;
	res->err = EBADF;
	stage_holders_text(st, t->s, ", ", holders, sizeof(holders));
	if (t->s->nholders)
		res_note(res, "%s is not held by process '%s' (held by: %s)", t->label,
		     st->procs[t->proc].name, holders);
	else
		res_note(res, "%s is closed: no process holds it any more", t->label);
	return -1;
}

static int check_type(const struct stage_target *t, const struct command *cmd,
		      int want_type, const char *what, struct result *res)
{
	if (t->s->type == want_type)
		return 0;
	res_error(res, cmd->sock.col, "%s needs a %s socket; %s is %s", what,
		   want_type == SOCK_STREAM ? "TCP" : "UDP", t->label,
		   t->s->type == SOCK_STREAM ? "TCP" : "UDP");
	return -1;
}

/* ---- formatting ----------------------------------------------------------------- */

static void format_data(const char *d, size_t n, char *buf, size_t len)
{
	size_t o = 0;

	buf[o++] = '"';
	for (size_t i = 0; i < n && i < SHOW_DATA_MAX && o + 6 < len; i++) {
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
	if (n > SHOW_DATA_MAX)
		snprintf(buf + o, len - o, "...");
}

static const char *family_name(int f)
{
	return f == AF_INET6 ? "AF_INET6" : f == AF_UNIX ? "AF_UNIX" : "AF_INET";
}

static const char *type_name(int type)
{
	return type == SOCK_STREAM ? "SOCK_STREAM" : type == SOCK_DGRAM ?
	       "SOCK_DGRAM" : "SOCK_SEQPACKET";
}

/* ---- the commands ------------------------------------------------------------- */

enum result_kind cmdx_socket(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	int type = cmd->type;
	struct worker_req req;
	struct worker_rep rep;
	struct stage_sock *s;
	int p;

	if ((p = stage_resolve_proc(st, cmd, res)) < 0)
		return RES_ERROR;
	if (cmd->as.col >= 0 && stage_find_sock(st, cmd->as.name) >= 0)
		return res_error(res, cmd->as.col, "the name '%s' is taken",
				  cmd->as.name);
	stage_req_init(&req, WOP_SOCKET, -1);
	req.a = cmd->family;
	req.b = type;
	res_call(res, "socket(%s, %s, 0)", family_name(cmd->family),
		 type_name(type));
	if (stage_call(st, p, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return stage_from_reply(res, &rep);
	s = stage_new_sock(st, cmd->family, type, cmd->as.col >= 0 ? cmd->as.name : "");
	s->holders[s->nholders++] = (struct stage_holder){ p, rep.fd };
	stage_learn(st, s, &rep);
	res->sock = st->nsocks - 1;
	if (s->family != AF_UNIX)
		fix_port(st, p, s, rep.fd, res);
	if (s->name[0])
		res_value(res, "s%d (%s)", s->id, s->name);
	else
		res_value(res, "s%d", s->id);
	return stage_from_reply(res, &rep);
}

/* The option's value into req->opt; its text into buf. */
static void opt_value(const struct command *cmd, const struct sockopt_def *d,
		      struct worker_req *req, char *buf, size_t len)
{
	if (d->kind == SOV_LINGER) {
		struct linger lg = { cmd->value >= 0, cmd->value >= 0 ? (int)cmd->value : 0 };

		memcpy(req->opt, &lg, sizeof(lg));
		req->optlen = sizeof(lg);
		snprintf(buf, len, "{on=%d, %ds}", lg.l_onoff, lg.l_linger);
	} else if (d->kind == SOV_ADDR4) {
		struct sockaddr_storage ss;
		socklen_t sl;
		struct in_addr a;

		addr_to_sockaddr(&cmd->addr, AF_INET, &ss, &sl);
		a = ((struct sockaddr_in *)&ss)->sin_addr;
		memcpy(req->opt, &a, sizeof(a));
		req->optlen = sizeof(a);
		inet_ntop(AF_INET, &a, buf, (socklen_t)len);
	} else if (d->kind == SOV_IFNAME) {
		size_t n = strlen(cmd->text ? cmd->text : "");

		memcpy(req->opt, cmd->text ? cmd->text : "", n);
		req->optlen = (uint32_t)n;
		snprintf(buf, len, "\"%s\"", cmd->text ? cmd->text : "");
	} else {
		int v = (int)cmd->value;

		memcpy(req->opt, &v, sizeof(v));
		req->optlen = sizeof(v);
		snprintf(buf, len, "%d", v);
	}
}

/* A number the kernel keeps differently from what was asked (it rounds
 * TCP_DEFER_ACCEPT to whole retransmissions, for one): say what it holds. */
static void note_readback(struct result *res, const struct sockopt_def *d,
			  const struct command *cmd, const struct stage_target *t,
			  const struct worker_rep *rep)
{
	const struct sockopt_val *v = &rep->opts[d->id];

	if (!rep->has_opts || !d->readback || !v->known || d->kind != SOV_INT ||
	    v->i == cmd->value)
		return;
	res_note(res, "getsockopt(%s, %s) reads back %ld", t->label,
		 sockopt_cname(d, t->s->family), (long)v->i);
}

enum result_kind cmdx_set(struct stage *st, const struct command *cmd,
			      struct result *res)
{
	const struct sockopt_def *d = sockopt_get(cmd->opt);
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;
	char val[64];

	if (stage_resolve_sock(st, cmd, "setsockopt", &t, res) < 0)
		return res->kind;
	if (d->takes == SOF_TCP &&
	    check_type(&t, cmd, SOCK_STREAM, d->name, res) < 0)
		return RES_ERROR;
	if (d->takes == SOF_UDP &&
	    check_type(&t, cmd, SOCK_DGRAM, d->name, res) < 0)
		return RES_ERROR;
	if ((d->takes == SOF_UNIX) != (t.s->family == AF_UNIX) &&
	    d->takes != SOF_ANY)
		return res_error(res, cmd->sock.col, "%s is for %s sockets; %s is %s",
				 d->name, d->takes == SOF_UNIX ? "unix" :
				 d->takes == SOF_TCP ? "TCP" : "UDP", t.label,
				 stage_sock_netid(t.s));
	stage_req_init(&req, WOP_SETSOCKOPT, t.fd);
	req.a = sockopt_level(d, t.s->family);
	req.b = sockopt_optname(d, t.s->family);
	opt_value(cmd, d, &req, val, sizeof(val));
	res_call(res, "setsockopt(%s, %s, %s)", t.label,
		 sockopt_cname(d, t.s->family), val);
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	stage_learn(st, t.s, &rep);	/* the options as they read back */
	stage_from_reply(res, &rep);
	if (res->kind == RES_OK)
		note_readback(res, d, cmd, &t, &rep);
	return res->kind;
}

/* Remember what address a call asked for (to mark overlapping rows). */
static void note_addr(struct result *res, const struct stage_sock *s,
		      const struct sockaddr_storage *addr)
{
	res->has_addr = true;
	res->proto = s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	res->v6only = (s->opts & (1u << OPT_V6ONLY)) != 0;
	res->addr = *addr;
}

/* bind and connect: resolve the socket, turn the address into a sockaddr
 * of the socket's family, name the call, and run it. Returns 0 with rep
 * filled, or -1 with res filled (a line error, EBADF, or a dead process). */
static int addr_call(struct stage *st, const struct command *cmd,
		     const char *name, enum worker_op op, struct stage_target *t,
		     struct worker_rep *rep, struct result *res)
{
	struct worker_req req;
	char addr[4 * ADDR_UNIX_MAX + 8];
	socklen_t len;

	if (stage_resolve_sock(st, cmd, name, t, res) < 0)
		return -1;
	if (stage_unix_name(st, t, cmd, res) < 0)
		return -1;
	stage_req_init(&req, op, t->fd);
	addr_to_sockaddr(&cmd->addr, t->s->family, &req.addr, &len);
	req.addrlen = len;
	if (addr_is_unix(&cmd->addr))	/* as written: longer than sun_path too */
		addr_format_spec(&cmd->addr, addr, sizeof(addr));
	else
		addr_format_sa((struct sockaddr *)&req.addr, addr, sizeof(addr));
	res_call(res, "%s(%s, %s)", name, t->label, addr);
	if (t->s->family != AF_UNIX) {
		stage_add_port(st, cmd->addr.port);
		note_addr(res, t->s, &req.addr);
	} else {
		res->addr = req.addr;	/* for the explanation */
		res->addrlen = len;
	}
	return stage_call(st, t->proc, &req, NULL, rep, NULL, 0, res);
}

enum result_kind cmdx_bind(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	struct worker_rep rep;
	struct stage_target t;

	if (addr_call(st, cmd, "bind", WOP_BIND, &t, &rep, res) < 0)
		return res->kind;
	if (rep.ret == 0) {
		stage_learn(st, t.s, &rep);
		t.s->belief = SB_BOUND;
		if (cmd->addr.port <= 0 && t.s->family != AF_UNIX)
			res_value(res, "0 (port %d)", ep_port(&t.s->local));
	}
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_listen(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;

	if (stage_resolve_sock(st, cmd, "listen", &t, res) < 0)
		return res->kind;
	stage_req_init(&req, WOP_LISTEN, t.fd);
	req.a = (int)cmd->value;
	res_call(res, "listen(%s, %ld)", t.label, cmd->value);
	if (ep_is_inet(&t.s->local)) {
		struct sockaddr_storage own;

		ep_to_sockaddr(&t.s->local, &own);
		note_addr(res, t.s, &own);
	}
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret == 0) {
		bool had = ep_port(&t.s->local) != 0;

		stage_learn(st, t.s, &rep);
		t.s->belief = SB_LISTENING;
		if (!had && t.s->family != AF_UNIX)
			res_value(res, "0 (port %d)", ep_port(&t.s->local));
	}
	return stage_from_reply(res, &rep);
}

/* After EINPROGRESS: wait for the handshake's outcome, bounded. */
static enum result_kind finish_connect(struct stage *st, struct stage_target *t,
				       int ms, bool held, struct worker_rep *rep,
				       struct result *res)
{
	int soerr = 0, ev;

	ev = stage_wait_fd(st, t->proc, t->fd, POLLOUT, ms, &soerr, rep, res);
	if (ev < 0)
		return RES_ERROR;
	stage_learn(st, t->s, rep);
	if (ev == 0) {
		t->s->belief = SB_CONNECTING;
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = EINPROGRESS;
		if (held)
			res_note(res, "connecting (SYN-SENT): the wire decides when "
				 "the handshake goes on (wire step, wire release; "
				 "wait SOCK ESTAB)");
		else
			res_note(res, "still connecting (SYN-SENT) after %d ms; the "
				 "kernel keeps trying in the background", ms);
		return RES_FAIL;
	}
	res->ret = soerr ? -1 : 0;
	res->err = soerr;
	res->kind = soerr ? RES_FAIL : RES_OK;
	if (!soerr) {
		res_value(res, "0");
		t->s->belief = SB_CONNECTED;
	}
	return res->kind;
}

/* Async mode: the worker reports the handshake's outcome when it comes;
 * stage_poll turns it into a result. */
static enum result_kind connect_later(struct stage *st, struct stage_target *t,
				      const struct command *cmd,
				      struct result *res)
{
	struct stage_pending *p;
	struct worker_req req;
	char err[128];
	uint32_t seq;

	enum sock_belief before = t->s->belief;

	t->s->belief = SB_CONNECTING;
	stage_req_init(&req, WOP_WAIT, t->fd);
	req.a = POLLOUT;
	req.b = ASYNC_CONNECT_MS;
	seq = worker_send(&st->procs[t->proc].w, &req, err, sizeof(err));
	if (!seq)
		return res_error(res, 0, "process '%s' is gone: %s",
				  st->procs[t->proc].name, err);
	if (st->npending == st->cappending) {
		st->cappending = st->cappending ? st->cappending * 2 : 16;
		st->pending = xrealloc(st->pending, (size_t)st->cappending *
						    sizeof(*st->pending));
	}
	p = &st->pending[st->npending++];
	p->seq = seq;
	p->proc = t->proc;
	p->sock = t->si;
	p->started_ms = now_ms();
	p->addr = res->addr;
	p->cmd = *cmd;
	p->cmd.data = p->cmd.text = NULL;
	p->before = before;
	str_copy(p->call, res->call, sizeof(p->call));
	res->kind = RES_PENDING;
	res->pending = STAGE_PENDING_KEY(t->proc, seq);
	res->ret = -1;
	res->err = EINPROGRESS;
	res_value(res, "in progress (SYN-SENT): the outcome follows");
	return RES_PENDING;
}

enum result_kind cmdx_connect(struct stage *st, const struct command *cmd,
				  struct result *res)
{
	struct worker_rep rep;
	struct stage_target t;
	bool held;
	int ms;

	/* as the wire is before the SYN goes: a drop it arms is used by it */
	ms = stage_connect_wait(st, cmd->proc.col >= 0 ?
				stage_find_proc(st, cmd->proc.name) : st->cur,
				&cmd->addr, st->connect_wait_ms, &held);
	if (addr_call(st, cmd, "connect", WOP_CONNECT, &t, &rep, res) < 0)
		return res->kind;
	t.s->dest = res->addr;
	t.s->has_dest = res->has_addr;
	res->port_before = ep_port(&t.s->local);
	stage_learn(st, t.s, &rep);
	if (rep.ret < 0 && rep.err == EINPROGRESS) {
		if (st->mode.async)
			return connect_later(st, &t, cmd, res);
		return finish_connect(st, &t, ms, held, &rep, res);
	}
	if (rep.ret == 0)
		t.s->belief = SB_CONNECTED;
	return stage_from_reply(res, &rep);
}

/* accept/recv: when nothing is there yet, wait a little for it. */
int stage_call_waiting(struct stage *st, struct stage_target *t,
		       struct worker_req *req, struct worker_rep *rep,
		       void *buf, size_t buflen, struct result *res)
{
	struct worker_rep wrep;
	int soerr;

	if (stage_call(st, t->proc, req, NULL, rep, buf, buflen, res) < 0)
		return -1;
	if (rep->ret >= 0 || rep->err != EAGAIN || st->mode.async)
		return 0;
	if (stage_wait_fd(st, t->proc, t->fd, POLLIN, st->io_wait_ms, &soerr, &wrep,
		    res) <= 0)
		return res->kind == RES_ERROR ? -1 : 0;
	return stage_call(st, t->proc, req, NULL, rep, buf, buflen, res);
}

enum result_kind cmdx_accept(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	struct stage_sock *s;
	struct stage_target t;
	char peer[4 * ADDR_UNIX_MAX + 8];
	int family, type;

	if (stage_resolve_sock(st, cmd, "accept", &t, res) < 0)
		return res->kind;
	if (cmd->as.col >= 0 && stage_find_sock(st, cmd->as.name) >= 0)
		return res_error(res, cmd->as.col, "the name '%s' is taken",
				  cmd->as.name);
	stage_req_init(&req, WOP_ACCEPT, t.fd);
	res_call(res, "accept(%s)", t.label);
	if (stage_call_waiting(st, &t, &req, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return stage_from_reply(res, &rep);
	family = t.s->family;
	type = t.s->type;
	s = stage_new_sock(st, family, type, cmd->as.col >= 0 ? cmd->as.name : "");
	s->holders[s->nholders++] = (struct stage_holder){ t.proc, rep.fd };
	s->belief = SB_CONNECTED;
	s->listener = t.s->id;
	stage_learn(st, s, &rep);
	ep_format(&s->peer, peer, sizeof(peer));
	res_value(res, "s%d%s%s%s from %s", s->id, s->name[0] ? " (" : "",
		  s->name, s->name[0] ? ")" : "", peer);
	res->sock = st->nsocks - 1;
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_send(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	bool to = cmd->kind == CMD_SENDTO;
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;
	char data[SHOW_DATA_MAX * 4 + 8], addr[4 * ADDR_UNIX_MAX + 8] = "";
	socklen_t len;

	if (stage_resolve_sock(st, cmd, to ? "sendto" : "send", &t, res) < 0)
		return res->kind;
	if (cmd->datalen > WORKER_MAX_DATA)
		return res_error(res, cmd->sock.col, "text longer than %d bytes",
				  WORKER_MAX_DATA);
	stage_req_init(&req, to ? WOP_SENDTO : WOP_SEND, t.fd);
	req.a = t.s->type;
	req.nbytes = cmd->nbytes;
	req.datalen = cmd->nbytes >= 0 ? 0 : (uint32_t)cmd->datalen;
	if (to) {
		if (stage_unix_name(st, &t, cmd, res) < 0)
			return RES_ERROR;
		addr_to_sockaddr(&cmd->addr, t.s->family, &req.addr, &len);
		req.addrlen = len;
		addr_format_spec(&cmd->addr, addr, sizeof(addr));
		if (!addr_is_unix(&cmd->addr))
			addr_format_sa((struct sockaddr *)&req.addr, addr,
				       sizeof(addr));
		stage_add_port(st, cmd->addr.port);
	}
	if (cmd->nbytes >= 0)
		snprintf(data, sizeof(data), "%ld bytes", cmd->nbytes);
	else
		format_data(cmd->data, cmd->datalen, data, sizeof(data));
	res_call(res, "%s(%s, %s%s%s)", to ? "sendto" : "send", t.label, data,
		 to ? ", " : "", addr);
	if (stage_call(st, t.proc, &req, cmd->nbytes >= 0 ? NULL : cmd->data, &rep,
		 NULL, 0, res) < 0)
		return RES_ERROR;
	stage_learn(st, t.s, &rep);
	if (rep.ret >= 0 && cmd->nbytes > rep.ret)
		res_note(res, "only %d of %ld bytes fit in the send buffer now",
		     rep.ret, cmd->nbytes);
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_recv(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	static char buf[WORKER_MAX_DATA];
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;
	char data[SHOW_DATA_MAX * 4 + 8], from[4 * ADDR_UNIX_MAX + 8];

	if (stage_resolve_sock(st, cmd, "recv", &t, res) < 0)
		return res->kind;
	stage_req_init(&req, WOP_RECV, t.fd);
	req.a = (int)cmd->value;
	res_call(res, "recv(%s, %ld)", t.label, cmd->value);
	if (stage_call_waiting(st, &t, &req, &rep, buf, sizeof(buf), res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return stage_from_reply(res, &rep);
	format_data(buf, rep.datalen, data, sizeof(data));
	if (rep.msg_pid) {
		char cred[160];

		stage_cred_text(st, rep.msg_pid, rep.msg_uid, rep.msg_gid, cred,
				sizeof(cred));
		res_note(res, "the message came with its sender's credentials "
			 "(SCM_CREDENTIALS): %s", cred);
	}
	if (t.s->type == SOCK_DGRAM && rep.peerlen) {
		addr_format_sa_len((struct sockaddr *)&rep.peer, rep.peerlen, from,
				   sizeof(from));
		res_value(res, "%d %s from %s", rep.ret, data, from);
	} else if (rep.ret == 0 && t.s->type == SOCK_STREAM) {
		res_value(res, "0 (end of stream: the peer will send no more)");
	} else {
		res_value(res, "%d %s", rep.ret, data);
	}
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_shutdown(struct stage *st, const struct command *cmd,
				   struct result *res)
{
	static const char *const how[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;

	if (stage_resolve_sock(st, cmd, "shutdown", &t, res) < 0)
		return res->kind;
	stage_req_init(&req, WOP_SHUTDOWN, t.fd);
	req.a = (int)cmd->value;
	res_call(res, "shutdown(%s, %s)", t.label, how[cmd->value]);
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret == 0) {
		t.s->shut_rd |= cmd->value != SHUT_WR;
		t.s->shut_wr |= cmd->value != SHUT_RD;
	}
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_close(struct stage *st, const struct command *cmd,
				struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;
	int h;

	if (stage_resolve_sock(st, cmd, "close", &t, res) < 0)
		return res->kind;
	stage_req_init(&req, WOP_CLOSE, t.fd);
	if (t.s->linger > 0)	/* close may wait that long for the peer */
		req.b = (int32_t)(t.s->linger > 3600 ? 3600000 : t.s->linger * 1000);
	res_call(res, "close(%s)", t.label);
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	/* close always releases the descriptor, even when it reports an error */
	h = stage_holder_index(t.s, t.proc);
	t.s->holders[h] = t.s->holders[--t.s->nholders];
	if (!t.s->nholders) {
		t.s->belief = SB_CLOSED;
		t.s->unread_at_close = rep.ret == 0 ? rep.unread : -1;
	}
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_join(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	bool join = cmd->kind == CMD_JOIN;
	struct sockaddr_storage ss;
	struct ip_mreqn mr = { 0 };
	struct worker_req req;
	struct worker_rep rep;
	struct stage_target t;
	char grp[INET_ADDRSTRLEN], ifa[INET_ADDRSTRLEN];
	socklen_t sl;

	if (stage_resolve_sock(st, cmd, "setsockopt", &t, res) < 0)
		return res->kind;
	mr.imr_multiaddr = cmd->addr.v4;
	if (cmd->addr2.kind != ADDR_NONE) {
		addr_to_sockaddr(&cmd->addr2, AF_INET, &ss, &sl);
		mr.imr_address = ((struct sockaddr_in *)&ss)->sin_addr;
	}
	stage_req_init(&req, WOP_SETSOCKOPT, t.fd);
	req.a = IPPROTO_IP;
	req.b = join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
	memcpy(req.opt, &mr, sizeof(mr));
	req.optlen = sizeof(mr);
	inet_ntop(AF_INET, &mr.imr_multiaddr, grp, sizeof(grp));
	inet_ntop(AF_INET, &mr.imr_address, ifa, sizeof(ifa));
	res_call(res, "setsockopt(%s, %s, %s, %s)", t.label,
		 join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP", grp, ifa);
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	return stage_from_reply(res, &rep);
}
