/* stage.c - the executor: resolves names, runs each command's socket call
 * in the right worker, keeps the model of sockets and processes, and
 * checks "=> ok|ERRNO" expectations. */
#include "stage.h"

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

#define MAIN_PROC "main"
#define SHOW_DATA_MAX 48
/* how long an asynchronous connect is watched: past the kernel's own
 * SYN retries (about 127 s with tcp_syn_retries 6) */
#define ASYNC_CONNECT_MS 180000

/* ---- results ------------------------------------------------------------ */

void result_init(struct result *res)
{
	memset(res, 0, sizeof(*res));
	res->sock = -1;
}

void result_free(struct result *res)
{
	sb_free(&res->notes);
}

static enum result_kind line_error(struct result *res, int col,
				   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum result_kind line_error(struct result *res, int col,
				   const char *fmt, ...)
{
	va_list ap;

	res->kind = RES_ERROR;
	res->col = col < 0 ? 0 : col;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	return RES_ERROR;
}

static void note(struct result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&res->notes, fmt, ap);
	va_end(ap);
	sb_add(&res->notes, "\n");
}

static void set_call(struct result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_call(struct result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->call, sizeof(res->call), fmt, ap);
	va_end(ap);
}

static void set_value(struct result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_value(struct result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->value, sizeof(res->value), fmt, ap);
	va_end(ap);
}

/* A syscall's outcome from the worker's reply. */
static enum result_kind from_reply(struct result *res,
				   const struct worker_rep *rep)
{
	res->ret = rep->ret;
	res->err = rep->ret < 0 ? rep->err : 0;
	res->kind = rep->ret < 0 ? RES_FAIL : RES_OK;
	if (res->kind == RES_OK && !res->value[0])
		set_value(res, "%d", rep->ret);
	return res->kind;
}

/* ---- names ---------------------------------------------------------------- */

void stage_sock_label(const struct stage_sock *s, char *buf, size_t len)
{
	snprintf(buf, len, "s%d", s->id);
}

int stage_find_sock(const struct stage *st, const char *ref)
{
	char id[16];

	for (int i = st->nsocks - 1; i >= 0; i--) {
		snprintf(id, sizeof(id), "s%d", st->socks[i].id);
		if (strcmp(id, ref) == 0 ||
		    (st->socks[i].name[0] && strcmp(st->socks[i].name, ref) == 0))
			return i;
	}
	return -1;
}

int stage_find_proc(const struct stage *st, const char *name)
{
	for (int i = 0; i < st->nprocs; i++)
		if (strcmp(st->procs[i].name, name) == 0)
			return i;
	return -1;
}

static int holder_index(const struct stage_sock *s, int proc)
{
	for (int i = 0; i < s->nholders; i++)
		if (s->holders[i].proc == proc)
			return i;
	return -1;
}

void stage_holders_text(const struct stage *st, const struct stage_sock *s,
			const char *sep, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < s->nholders && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? sep : "",
					st->procs[s->holders[i].proc].name);
}

static void add_port(struct stage *st, int port)
{
	if (port <= 0 || port > 65535)
		return;
	for (int i = 0; i < st->nports; i++)
		if (st->ports[i] == port)
			return;
	if (st->nports < STAGE_MAX_PORTS)
		st->ports[st->nports++] = (uint16_t)port;
}

static void set_bit(unsigned *opts, enum sock_opt opt, int on)
{
	if (on > 0)
		*opts |= 1u << opt;
	else if (on == 0)
		*opts &= ~(1u << opt);
}

/* The badges say what getsockopt read back, not what we asked for. */
static void learn_opts(struct stage_sock *s, const struct worker_opts *o)
{
	set_bit(&s->opts, OPT_REUSEADDR, o->reuseaddr);
	set_bit(&s->opts, OPT_REUSEPORT, o->reuseport);
	set_bit(&s->opts, OPT_V6ONLY, o->v6only);
	set_bit(&s->opts, OPT_NODELAY, o->nodelay);
	set_bit(&s->opts, OPT_KEEPALIVE, o->keepalive);
	set_bit(&s->opts, OPT_BROADCAST, o->broadcast);
	set_bit(&s->opts, OPT_LINGER, o->linger);
	if (o->linger >= 0)
		s->linger = o->linger ? o->linger_secs : -1;
}

static void learn_addrs(struct stage *st, struct stage_sock *s,
			const struct worker_rep *rep)
{
	if (rep->locallen) {
		s->local = rep->local;
		s->has_local = true;
		add_port(st, addr_sa_port((const struct sockaddr *)&s->local));
	}
	if (rep->peerlen && rep->peer.ss_family != AF_UNSPEC) {
		s->peer = rep->peer;
		s->has_peer = true;
		add_port(st, addr_sa_port((const struct sockaddr *)&s->peer));
	}
	if (rep->inode)
		s->inode = rep->inode;
	if (rep->cookie)
		s->cookie = rep->cookie;
	if (rep->has_opts)
		learn_opts(s, &rep->opts);
}

static struct stage_sock *new_sock(struct stage *st, int family, int type,
				   const char *name)
{
	struct stage_sock *s;

	if (st->nsocks == st->capsocks) {
		st->capsocks = st->capsocks ? st->capsocks * 2 : 16;
		st->socks = xrealloc(st->socks, (size_t)st->capsocks * sizeof(*s));
	}
	s = &st->socks[st->nsocks++];
	memset(s, 0, sizeof(*s));
	s->id = ++st->next_id;
	s->family = family;
	s->type = type;
	s->linger = -1;
	str_copy(s->name, name, sizeof(s->name));
	return s;
}

/* ---- processes ------------------------------------------------------------ */

static void drop_holders_of(struct stage *st, int proc)
{
	for (int i = 0; i < st->nsocks; i++) {
		struct stage_sock *s = &st->socks[i];
		int h = holder_index(s, proc);

		if (h < 0)
			continue;
		s->holders[h] = s->holders[--s->nholders];
		if (!s->nholders)
			s->belief = SB_CLOSED;
	}
}

static void proc_gone(struct stage *st, int proc)
{
	st->procs[proc].alive = false;
	drop_holders_of(st, proc);
}

static int add_proc(struct stage *st, const char *name, long uid,
		    const struct worker *w)
{
	struct stage_proc *p = &st->procs[st->nprocs];

	memset(p, 0, sizeof(*p));
	str_copy(p->name, name, sizeof(p->name));
	p->uid = uid;
	p->w = *w;
	p->alive = true;
	return st->nprocs++;
}

int stage_init(struct stage *st, char *err, size_t errlen)
{
	struct worker w;

	memset(st, 0, sizeof(*st));
	st->connect_wait_ms = 1000;
	st->io_wait_ms = 1000;
	st->expect_wait_ms = 1000;
	/* forked workers whose parent worker exits come back to us to reap */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (worker_spawn(&w, -1, err, errlen) < 0)
		return -1;
	st->cur = add_proc(st, MAIN_PROC, -1, &w);
	return 0;
}

void stage_free(struct stage *st)
{
	for (int i = 0; i < st->nprocs; i++)
		if (st->procs[i].alive)
			worker_stop(&st->procs[i].w, 0);
	worker_reap_all();
	diag_close(st->diag);
	diag_table_free(&st->table);
	free(st->socks);
	memset(st, 0, sizeof(*st));
}

/* ---- talking to workers ----------------------------------------------------- */

/* Run one request in process proc. Returns 0, or RES_ERROR's -1 when the
 * process is gone (res filled). */
static int call(struct stage *st, int proc, struct worker_req *req,
		const void *data, struct worker_rep *rep, void *buf,
		size_t buflen, struct result *res)
{
	struct stage_proc *p = &st->procs[proc];
	char err[128];

	if (worker_call(&p->w, req, data, rep, buf, buflen, err, sizeof(err)) == 0)
		return 0;
	line_error(res, 0, "process '%s' (pid %d) died; the kernel closed its sockets",
		   p->name, (int)p->w.pid);
	worker_stop(&p->w, SIGKILL);
	proc_gone(st, proc);
	return -1;
}

static void req_init(struct worker_req *req, enum worker_op op, int fd)
{
	memset(req, 0, sizeof(*req));
	req->op = op;
	req->fd = fd;
	req->nbytes = -1;
}

/* Wait in the worker for events on fd, up to ms. Returns revents (0 on
 * timeout) with SO_ERROR in *soerr, or -1 when the process died. */
static int wait_fd(struct stage *st, int proc, int fd, short events, int ms,
		   int *soerr, struct worker_rep *rep, struct result *res)
{
	struct worker_req req;

	req_init(&req, WOP_WAIT, fd);
	req.a = events;
	req.b = ms;
	if (call(st, proc, &req, NULL, rep, NULL, 0, res) < 0)
		return -1;
	*soerr = rep->err;
	return rep->ret < 0 ? 0 : rep->ret;
}

/* ---- resolving the operands of a line --------------------------------------- */

struct target {
	int proc;
	int si;			/* socket index */
	int fd;
	struct stage_sock *s;
	char label[16];
};

static int resolve_proc(struct stage *st, const struct command *cmd,
			struct result *res)
{
	int p = st->cur;

	if (cmd->proc.col >= 0) {
		p = stage_find_proc(st, cmd->proc.name);
		if (p < 0) {
			line_error(res, cmd->proc.col, "unknown process '%s'",
				   cmd->proc.name);
			return -1;
		}
	}
	if (!st->procs[p].alive) {
		line_error(res, cmd->proc.col >= 0 ? cmd->proc.col : 0,
			   "process '%s' has exited; 'spawn' a new one or 'use' another",
			   st->procs[p].name);
		return -1;
	}
	return p;
}

/* Returns 0 when the socket is held by the process; -1 otherwise (res is
 * then a line error, or EBADF with the holders named). */
static int resolve_sock(struct stage *st, const struct command *cmd,
			const char *callname, struct target *t,
			struct result *res)
{
	char holders[160];
	int h;

	if ((t->proc = resolve_proc(st, cmd, res)) < 0)
		return -1;
	t->si = stage_find_sock(st, cmd->sock.name);
	if (t->si < 0) {
		line_error(res, cmd->sock.col, "unknown socket '%s'", cmd->sock.name);
		return -1;
	}
	t->s = &st->socks[t->si];
	res->sock = t->si;
	stage_sock_label(t->s, t->label, sizeof(t->label));
	h = holder_index(t->s, t->proc);
	if (h >= 0) {
		t->fd = t->s->holders[h].fd;
		return 0;
	}
	set_call(res, "%s(%s)", callname, t->label);
	res->kind = RES_FAIL;
	res->ret = -1;
	res->err = EBADF;
	stage_holders_text(st, t->s, ", ", holders, sizeof(holders));
	if (t->s->nholders)
		note(res, "%s is not held by process '%s' (held by: %s)", t->label,
		     st->procs[t->proc].name, holders);
	else
		note(res, "%s is closed: no process holds it any more", t->label);
	return -1;
}

static int check_type(const struct target *t, const struct command *cmd,
		      int want_type, const char *what, struct result *res)
{
	if (t->s->type == want_type)
		return 0;
	line_error(res, cmd->sock.col, "%s needs a %s socket; %s is %s", what,
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
	return f == AF_INET6 ? "AF_INET6" : "AF_INET";
}

/* ---- the commands ------------------------------------------------------------- */

static enum result_kind x_socket(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	int type = cmd->proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM;
	struct worker_req req;
	struct worker_rep rep;
	struct stage_sock *s;
	int p;

	if ((p = resolve_proc(st, cmd, res)) < 0)
		return RES_ERROR;
	if (cmd->as.col >= 0 && stage_find_sock(st, cmd->as.name) >= 0)
		return line_error(res, cmd->as.col, "the name '%s' is taken",
				  cmd->as.name);
	req_init(&req, WOP_SOCKET, -1);
	req.a = cmd->family;
	req.b = type;
	set_call(res, "socket(%s, %s, 0)", family_name(cmd->family),
		 type == SOCK_STREAM ? "SOCK_STREAM" : "SOCK_DGRAM");
	if (call(st, p, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return from_reply(res, &rep);
	s = new_sock(st, cmd->family, type, cmd->as.col >= 0 ? cmd->as.name : "");
	s->holders[s->nholders++] = (struct stage_holder){ p, rep.fd };
	learn_addrs(st, s, &rep);
	res->sock = st->nsocks - 1;
	if (s->name[0])
		set_value(res, "s%d (%s)", s->id, s->name);
	else
		set_value(res, "s%d", s->id);
	return from_reply(res, &rep);
}

struct sockopt_spec {
	int level, name;
	const char *cname;
};

static struct sockopt_spec opt_spec(enum sock_opt o, int family)
{
	switch (o) {
	case OPT_REUSEADDR: return (struct sockopt_spec){ SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR" };
	case OPT_REUSEPORT: return (struct sockopt_spec){ SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT" };
	case OPT_V6ONLY: return (struct sockopt_spec){ IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY" };
	case OPT_NODELAY: return (struct sockopt_spec){ IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY" };
	case OPT_KEEPALIVE: return (struct sockopt_spec){ SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE" };
	case OPT_BROADCAST: return (struct sockopt_spec){ SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST" };
	case OPT_LINGER: return (struct sockopt_spec){ SOL_SOCKET, SO_LINGER, "SO_LINGER" };
	case OPT_RCVBUF: return (struct sockopt_spec){ SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF" };
	case OPT_SNDBUF: return (struct sockopt_spec){ SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF" };
	case OPT_TTL:
		if (family == AF_INET6)
			return (struct sockopt_spec){ IPPROTO_IPV6, IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS" };
		return (struct sockopt_spec){ IPPROTO_IP, IP_TTL, "IP_TTL" };
	case OPT_MULTICAST_IF: return (struct sockopt_spec){ IPPROTO_IP, IP_MULTICAST_IF, "IP_MULTICAST_IF" };
	case OPT_MULTICAST_LOOP: return (struct sockopt_spec){ IPPROTO_IP, IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP" };
	default: return (struct sockopt_spec){ 0, 0, "?" };
	}
}

/* The option's value into req->opt; its text into buf. */
static void opt_value(const struct command *cmd, struct worker_req *req,
		      char *buf, size_t len)
{
	if (cmd->opt == OPT_LINGER) {
		struct linger lg = { cmd->value >= 0, cmd->value >= 0 ? (int)cmd->value : 0 };

		memcpy(req->opt, &lg, sizeof(lg));
		req->optlen = sizeof(lg);
		snprintf(buf, len, "{on=%d, %ds}", lg.l_onoff, lg.l_linger);
	} else if (cmd->opt == OPT_MULTICAST_IF) {
		struct sockaddr_storage ss;
		socklen_t sl;
		struct in_addr a;

		addr_to_sockaddr(&cmd->addr, AF_INET, &ss, &sl);
		a = ((struct sockaddr_in *)&ss)->sin_addr;
		memcpy(req->opt, &a, sizeof(a));
		req->optlen = sizeof(a);
		inet_ntop(AF_INET, &a, buf, (socklen_t)len);
	} else {
		int v = (int)cmd->value;

		memcpy(req->opt, &v, sizeof(v));
		req->optlen = sizeof(v);
		snprintf(buf, len, "%d", v);
	}
}

static void remember_opt(struct stage_sock *s, const struct command *cmd)
{
	unsigned bit = 1u << cmd->opt;

	if (cmd->opt == OPT_LINGER) {
		s->linger = cmd->value;
		bit = cmd->value >= 0 ? bit : 0;
		s->opts = (s->opts & ~(1u << OPT_LINGER)) | bit;
	} else if (cmd->value) {
		s->opts |= bit;
	} else {
		s->opts &= ~bit;
	}
}

static enum result_kind x_set(struct stage *st, const struct command *cmd,
			      struct result *res)
{
	struct sockopt_spec sp;
	struct worker_req req;
	struct worker_rep rep;
	struct target t;
	char val[64];

	if (resolve_sock(st, cmd, "setsockopt", &t, res) < 0)
		return res->kind;
	if (command_opt_tcp_only(cmd->opt) &&
	    check_type(&t, cmd, SOCK_STREAM, command_opt_name(cmd->opt), res) < 0)
		return RES_ERROR;
	if (command_opt_udp_only(cmd->opt) &&
	    check_type(&t, cmd, SOCK_DGRAM, command_opt_name(cmd->opt), res) < 0)
		return RES_ERROR;
	sp = opt_spec(cmd->opt, t.s->family);
	req_init(&req, WOP_SETSOCKOPT, t.fd);
	req.a = sp.level;
	req.b = sp.name;
	opt_value(cmd, &req, val, sizeof(val));
	set_call(res, "setsockopt(%s, %s, %s)", t.label, sp.cname, val);
	if (call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret == 0)
		remember_opt(t.s, cmd);
	if (rep.has_opts)
		learn_opts(t.s, &rep.opts);
	return from_reply(res, &rep);
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
		     const char *name, enum worker_op op, struct target *t,
		     struct worker_rep *rep, struct result *res)
{
	struct worker_req req;
	char addr[80];
	socklen_t len;

	if (resolve_sock(st, cmd, name, t, res) < 0)
		return -1;
	req_init(&req, op, t->fd);
	addr_to_sockaddr(&cmd->addr, t->s->family, &req.addr, &len);
	req.addrlen = len;
	addr_format_sa((struct sockaddr *)&req.addr, addr, sizeof(addr));
	set_call(res, "%s(%s, %s)", name, t->label, addr);
	add_port(st, cmd->addr.port);
	note_addr(res, t->s, &req.addr);
	return call(st, t->proc, &req, NULL, rep, NULL, 0, res);
}

static enum result_kind x_bind(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	struct worker_rep rep;
	struct target t;

	if (addr_call(st, cmd, "bind", WOP_BIND, &t, &rep, res) < 0)
		return res->kind;
	if (rep.ret == 0) {
		learn_addrs(st, t.s, &rep);
		t.s->belief = SB_BOUND;
		if (cmd->addr.port <= 0)
			set_value(res, "0 (port %d)",
				  addr_sa_port((struct sockaddr *)&t.s->local));
	}
	return from_reply(res, &rep);
}

static enum result_kind x_listen(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	struct target t;

	if (resolve_sock(st, cmd, "listen", &t, res) < 0)
		return res->kind;
	req_init(&req, WOP_LISTEN, t.fd);
	req.a = (int)cmd->value;
	set_call(res, "listen(%s, %ld)", t.label, cmd->value);
	if (t.s->has_local)
		note_addr(res, t.s, &t.s->local);
	if (call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret == 0) {
		bool had = t.s->has_local &&
			   addr_sa_port((struct sockaddr *)&t.s->local);

		learn_addrs(st, t.s, &rep);
		t.s->belief = SB_LISTENING;
		if (!had)
			set_value(res, "0 (port %d)",
				  addr_sa_port((struct sockaddr *)&t.s->local));
	}
	return from_reply(res, &rep);
}

/* After EINPROGRESS: wait for the handshake's outcome, bounded. */
static enum result_kind finish_connect(struct stage *st, struct target *t,
				       struct worker_rep *rep,
				       struct result *res)
{
	int soerr = 0, ev;

	ev = wait_fd(st, t->proc, t->fd, POLLOUT, st->connect_wait_ms, &soerr,
		     rep, res);
	if (ev < 0)
		return RES_ERROR;
	learn_addrs(st, t->s, rep);
	if (ev == 0) {
		t->s->belief = SB_CONNECTING;
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = EINPROGRESS;
		note(res, "still connecting (SYN-SENT) after %d ms; the kernel keeps "
		     "trying in the background", st->connect_wait_ms);
		return RES_FAIL;
	}
	res->ret = soerr ? -1 : 0;
	res->err = soerr;
	res->kind = soerr ? RES_FAIL : RES_OK;
	if (!soerr) {
		set_value(res, "0");
		t->s->belief = SB_CONNECTED;
	}
	return res->kind;
}

/* Async mode: the worker reports the handshake's outcome when it comes;
 * stage_poll turns it into a result. */
static enum result_kind connect_later(struct stage *st, struct target *t,
				      struct result *res)
{
	struct stage_pending *p;
	struct worker_req req;
	char err[128];
	uint32_t seq;

	t->s->belief = SB_CONNECTING;
	if (st->npending == STAGE_MAX_PENDING)
		return finish_connect(st, t, &(struct worker_rep){ 0 }, res);
	req_init(&req, WOP_WAIT, t->fd);
	req.a = POLLOUT;
	req.b = ASYNC_CONNECT_MS;
	seq = worker_send(&st->procs[t->proc].w, &req, err, sizeof(err));
	if (!seq)
		return line_error(res, 0, "process '%s' is gone: %s",
				  st->procs[t->proc].name, err);
	p = &st->pending[st->npending++];
	p->seq = seq;
	p->proc = t->proc;
	p->sock = t->si;
	p->started_ms = now_ms();
	str_copy(p->call, res->call, sizeof(p->call));
	res->kind = RES_PENDING;
	res->ret = -1;
	res->err = EINPROGRESS;
	set_value(res, "in progress (SYN-SENT): the outcome follows");
	return RES_PENDING;
}

static enum result_kind x_connect(struct stage *st, const struct command *cmd,
				  struct result *res)
{
	struct worker_rep rep;
	struct target t;

	if (addr_call(st, cmd, "connect", WOP_CONNECT, &t, &rep, res) < 0)
		return res->kind;
	learn_addrs(st, t.s, &rep);
	if (rep.ret < 0 && rep.err == EINPROGRESS)
		return st->async ? connect_later(st, &t, res) :
		       finish_connect(st, &t, &rep, res);
	if (rep.ret == 0)
		t.s->belief = SB_CONNECTED;
	return from_reply(res, &rep);
}

/* accept/recv: when nothing is there yet, wait a little for it. */
static int call_waiting(struct stage *st, struct target *t,
			struct worker_req *req, struct worker_rep *rep,
			void *buf, size_t buflen, struct result *res)
{
	struct worker_rep wrep;
	int soerr;

	if (call(st, t->proc, req, NULL, rep, buf, buflen, res) < 0)
		return -1;
	if (rep->ret >= 0 || rep->err != EAGAIN || st->async)
		return 0;
	if (wait_fd(st, t->proc, t->fd, POLLIN, st->io_wait_ms, &soerr, &wrep,
		    res) <= 0)
		return res->kind == RES_ERROR ? -1 : 0;
	return call(st, t->proc, req, NULL, rep, buf, buflen, res);
}

static enum result_kind x_accept(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	struct stage_sock *s;
	struct target t;
	char peer[80];
	int family, type;

	if (resolve_sock(st, cmd, "accept", &t, res) < 0)
		return res->kind;
	if (cmd->as.col >= 0 && stage_find_sock(st, cmd->as.name) >= 0)
		return line_error(res, cmd->as.col, "the name '%s' is taken",
				  cmd->as.name);
	req_init(&req, WOP_ACCEPT, t.fd);
	set_call(res, "accept(%s)", t.label);
	if (call_waiting(st, &t, &req, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return from_reply(res, &rep);
	family = t.s->family;
	type = t.s->type;
	s = new_sock(st, family, type, cmd->as.col >= 0 ? cmd->as.name : "");
	s->holders[s->nholders++] = (struct stage_holder){ t.proc, rep.fd };
	s->belief = SB_CONNECTED;
	learn_addrs(st, s, &rep);
	addr_format_sa((struct sockaddr *)&s->peer, peer, sizeof(peer));
	set_value(res, "s%d%s%s%s from %s", s->id, s->name[0] ? " (" : "",
		  s->name, s->name[0] ? ")" : "", peer);
	res->sock = st->nsocks - 1;
	return from_reply(res, &rep);
}

static enum result_kind x_send(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	bool to = cmd->kind == CMD_SENDTO;
	struct worker_req req;
	struct worker_rep rep;
	struct target t;
	char data[SHOW_DATA_MAX * 4 + 8], addr[80] = "";
	socklen_t len;

	if (resolve_sock(st, cmd, to ? "sendto" : "send", &t, res) < 0)
		return res->kind;
	if (cmd->datalen > WORKER_MAX_DATA)
		return line_error(res, cmd->sock.col, "text longer than %d bytes",
				  WORKER_MAX_DATA);
	req_init(&req, to ? WOP_SENDTO : WOP_SEND, t.fd);
	req.a = t.s->type;
	req.nbytes = cmd->nbytes;
	req.datalen = cmd->nbytes >= 0 ? 0 : (uint32_t)cmd->datalen;
	if (to) {
		addr_to_sockaddr(&cmd->addr, t.s->family, &req.addr, &len);
		req.addrlen = len;
		addr_format_sa((struct sockaddr *)&req.addr, addr, sizeof(addr));
		add_port(st, cmd->addr.port);
	}
	if (cmd->nbytes >= 0)
		snprintf(data, sizeof(data), "%ld bytes", cmd->nbytes);
	else
		format_data(cmd->data, cmd->datalen, data, sizeof(data));
	set_call(res, "%s(%s, %s%s%s)", to ? "sendto" : "send", t.label, data,
		 to ? ", " : "", addr);
	if (call(st, t.proc, &req, cmd->nbytes >= 0 ? NULL : cmd->data, &rep,
		 NULL, 0, res) < 0)
		return RES_ERROR;
	learn_addrs(st, t.s, &rep);
	if (rep.ret >= 0 && cmd->nbytes > rep.ret)
		note(res, "only %d of %ld bytes fit in the send buffer now",
		     rep.ret, cmd->nbytes);
	return from_reply(res, &rep);
}

static enum result_kind x_recv(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	static char buf[WORKER_MAX_DATA];
	struct worker_req req;
	struct worker_rep rep;
	struct target t;
	char data[SHOW_DATA_MAX * 4 + 8], from[80];

	if (resolve_sock(st, cmd, "recv", &t, res) < 0)
		return res->kind;
	req_init(&req, WOP_RECV, t.fd);
	req.a = (int)cmd->value;
	set_call(res, "recv(%s, %ld)", t.label, cmd->value);
	if (call_waiting(st, &t, &req, &rep, buf, sizeof(buf), res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return from_reply(res, &rep);
	format_data(buf, rep.datalen, data, sizeof(data));
	if (t.s->type == SOCK_DGRAM && rep.peerlen) {
		addr_format_sa((struct sockaddr *)&rep.peer, from, sizeof(from));
		set_value(res, "%d %s from %s", rep.ret, data, from);
	} else if (rep.ret == 0 && t.s->type == SOCK_STREAM) {
		set_value(res, "0 (end of stream: the peer will send no more)");
	} else {
		set_value(res, "%d %s", rep.ret, data);
	}
	return from_reply(res, &rep);
}

static enum result_kind x_shutdown(struct stage *st, const struct command *cmd,
				   struct result *res)
{
	static const char *const how[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };
	struct worker_req req;
	struct worker_rep rep;
	struct target t;

	if (resolve_sock(st, cmd, "shutdown", &t, res) < 0)
		return res->kind;
	req_init(&req, WOP_SHUTDOWN, t.fd);
	req.a = (int)cmd->value;
	set_call(res, "shutdown(%s, %s)", t.label, how[cmd->value]);
	if (call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret == 0) {
		t.s->shut_rd |= cmd->value != SHUT_WR;
		t.s->shut_wr |= cmd->value != SHUT_RD;
	}
	return from_reply(res, &rep);
}

static enum result_kind x_close(struct stage *st, const struct command *cmd,
				struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;
	struct target t;
	int h;

	if (resolve_sock(st, cmd, "close", &t, res) < 0)
		return res->kind;
	req_init(&req, WOP_CLOSE, t.fd);
	set_call(res, "close(%s)", t.label);
	if (call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	/* close always releases the descriptor, even when it reports an error */
	h = holder_index(t.s, t.proc);
	t.s->holders[h] = t.s->holders[--t.s->nholders];
	if (!t.s->nholders)
		t.s->belief = SB_CLOSED;
	return from_reply(res, &rep);
}

static enum result_kind x_join(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	bool join = cmd->kind == CMD_JOIN;
	struct sockaddr_storage ss;
	struct ip_mreqn mr = { 0 };
	struct worker_req req;
	struct worker_rep rep;
	struct target t;
	char grp[INET_ADDRSTRLEN], ifa[INET_ADDRSTRLEN];
	socklen_t sl;

	if (resolve_sock(st, cmd, "setsockopt", &t, res) < 0)
		return res->kind;
	mr.imr_multiaddr = cmd->addr.v4;
	if (cmd->addr2.kind != ADDR_NONE) {
		addr_to_sockaddr(&cmd->addr2, AF_INET, &ss, &sl);
		mr.imr_address = ((struct sockaddr_in *)&ss)->sin_addr;
	}
	req_init(&req, WOP_SETSOCKOPT, t.fd);
	req.a = IPPROTO_IP;
	req.b = join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
	memcpy(req.opt, &mr, sizeof(mr));
	req.optlen = sizeof(mr);
	inet_ntop(AF_INET, &mr.imr_multiaddr, grp, sizeof(grp));
	inet_ntop(AF_INET, &mr.imr_address, ifa, sizeof(ifa));
	set_call(res, "setsockopt(%s, %s, %s, %s)", t.label,
		 join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP", grp, ifa);
	if (call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	return from_reply(res, &rep);
}

/* ---- processes ---------------------------------------------------------------- */

static int proc_slot_check(struct stage *st, const struct cmd_ref *name,
			   struct result *res)
{
	if (stage_find_proc(st, name->name) >= 0) {
		line_error(res, name->col, "a process named '%s' exists already",
			   name->name);
		return -1;
	}
	if (st->nprocs == STAGE_MAX_PROCS) {
		line_error(res, name->col, "at most %d processes", STAGE_MAX_PROCS);
		return -1;
	}
	return 0;
}

static enum result_kind x_spawn(struct stage *st, const struct command *cmd,
				struct result *res)
{
	struct worker w;
	char err[160];

	if (proc_slot_check(st, &cmd->sock, res) < 0)
		return RES_ERROR;
	if (cmd->value >= 0)
		set_call(res, "spawn(%s, uid %ld)", cmd->sock.name, cmd->value);
	else
		set_call(res, "spawn(%s)", cmd->sock.name);
	if (worker_spawn(&w, cmd->value, err, sizeof(err)) < 0) {
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = EPERM;
		note(res, "%s%s", err, cmd->value >= 0 && geteuid() != 0 ?
		     " (changing uid needs root or CAP_SETUID)" : "");
		return RES_FAIL;
	}
	add_proc(st, cmd->sock.name, cmd->value, &w);
	res->kind = RES_OK;
	set_value(res, "pid %d", (int)w.pid);
	return RES_OK;
}

static enum result_kind x_fork(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	struct cmd_ref child = cmd->as;
	struct worker w;
	char err[160];
	int p = stage_find_proc(st, cmd->sock.name), c;

	if (p < 0)
		return line_error(res, cmd->sock.col, "unknown process '%s'",
				  cmd->sock.name);
	if (!st->procs[p].alive)
		return line_error(res, cmd->sock.col, "process '%s' has exited",
				  cmd->sock.name);
	if (child.col < 0) {
		for (int n = 1; n < 100; n++) {
			snprintf(child.name, sizeof(child.name), "%.20s-%d",
				 cmd->sock.name, n);
			if (stage_find_proc(st, child.name) < 0)
				break;
		}
		child.col = cmd->sock.col;
	}
	if (proc_slot_check(st, &child, res) < 0)
		return RES_ERROR;
	set_call(res, "fork(%s)", cmd->sock.name);
	if (worker_fork(&st->procs[p].w, &w, err, sizeof(err)) < 0) {
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = EAGAIN;
		note(res, "%s", err);
		return RES_FAIL;
	}
	c = add_proc(st, child.name, st->procs[p].uid, &w);
	for (int i = 0; i < st->nsocks; i++) {
		struct stage_sock *s = &st->socks[i];
		int h = holder_index(s, p);

		if (h >= 0)
			s->holders[s->nholders++] = (struct stage_holder){ c, s->holders[h].fd };
	}
	res->kind = RES_OK;
	set_value(res, "pid %d (%s)", (int)w.pid, child.name);
	return RES_OK;
}

static enum result_kind x_exit(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	bool kill_it = cmd->kind == CMD_KILL;
	int p = stage_find_proc(st, cmd->sock.name);

	if (p < 0)
		return line_error(res, cmd->sock.col, "unknown process '%s'",
				  cmd->sock.name);
	if (!st->procs[p].alive)
		return line_error(res, cmd->sock.col, "process '%s' has exited already",
				  cmd->sock.name);
	set_call(res, kill_it ? "kill(%s, SIGKILL)" : "exit(%s)", cmd->sock.name);
	worker_stop(&st->procs[p].w, kill_it ? SIGKILL : 0);
	proc_gone(st, p);
	res->kind = RES_OK;
	set_value(res, "0");
	return RES_OK;
}

static enum result_kind x_use(struct stage *st, const struct command *cmd,
			      struct result *res)
{
	int p = stage_find_proc(st, cmd->sock.name);

	if (p < 0)
		return line_error(res, cmd->sock.col, "unknown process '%s'",
				  cmd->sock.name);
	if (!st->procs[p].alive)
		return line_error(res, cmd->sock.col, "process '%s' has exited",
				  cmd->sock.name);
	st->cur = p;
	res->kind = RES_INFO;
	set_call(res, "use %s", st->procs[p].name);
	set_value(res, "now in process '%s' (pid %d)", st->procs[p].name,
		  (int)st->procs[p].w.pid);
	return RES_INFO;
}

/* ---- the kernel view ----------------------------------------------------------- */

static int open_diag(struct stage *st, char *err, size_t errlen)
{
	if (!st->diag)
		st->diag = diag_open(err, errlen);
	return st->diag ? 0 : -1;
}

struct diag *stage_diag(struct stage *st, char *err, size_t errlen)
{
	return open_diag(st, err, errlen) < 0 ? NULL : st->diag;
}

static int read_ports(struct stage *st, const uint16_t *ports, int n,
		      char *err, size_t errlen)
{
	struct diag_filter f = { .nports = 0 };

	if (open_diag(st, err, errlen) < 0)
		return -1;
	for (int i = 0; i < n && i < DIAG_MAX_PORTS; i++)
		f.ports[f.nports++] = ports[i];
	return diag_dump(st->diag, &f, &st->table, err, errlen);
}

int stage_read_view(struct stage *st, bool all, char *err, size_t errlen)
{
	if (!all && st->nports == 0) {
		st->table.n = 0;
		return 0;
	}
	return read_ports(st, st->ports, all ? 0 : st->nports, err, errlen);
}

const struct stage_sock *stage_sock_by_cookie(const struct stage *st,
					      uint64_t cookie)
{
	for (int i = st->nsocks - 1; cookie && i >= 0; i--)
		if (st->socks[i].cookie == cookie)
			return &st->socks[i];
	return NULL;
}

const struct stage_sock *stage_sock_of_row(const struct stage *st,
					   const struct diag_row *r)
{
	const struct stage_sock *s = stage_sock_by_cookie(st, r->cookie);

	for (int i = st->nsocks - 1; !s && r->inode && i >= 0; i--)
		if (st->socks[i].inode == r->inode)
			s = &st->socks[i];
	return s;
}

void stage_owner(void *ctx, const struct diag_row *r, char *buf, size_t len)
{
	const struct stage *st = ctx;
	const struct stage_sock *s = stage_sock_of_row(st, r);
	char holders[160];

	buf[0] = '\0';
	if (!s)
		return;
	if (!s->nholders) {
		snprintf(buf, len, "was s%d", s->id);
		return;
	}
	stage_holders_text(st, s, ", ", holders, sizeof(holders));
	if (st->nprocs > 1)
		snprintf(buf, len, "s%d @ %s", s->id, holders);
	else
		snprintf(buf, len, "s%d", s->id);
}

static bool spec_matches(const struct addrspec *a, uint8_t family,
			 const struct in6_addr *addr, uint16_t port)
{
	static const struct in6_addr zero;
	struct in_addr lo4 = { htonl(INADDR_LOOPBACK) };

	if (a->port >= 0 && a->port != port)
		return false;
	switch (a->kind) {
	case ADDR_V4:
		return family == AF_INET && memcmp(addr, &a->v4, 4) == 0;
	case ADDR_V6:
		return family == AF_INET6 && memcmp(addr, &a->v6, 16) == 0;
	case ADDR_ANY:
		return memcmp(addr, &zero, family == AF_INET ? 4 : 16) == 0;
	case ADDR_LOCALHOST:
		return family == AF_INET ? memcmp(addr, &lo4, 4) == 0 :
		       memcmp(addr, &in6addr_loopback, 16) == 0;
	default:
		return true;
	}
}

static bool row_matches(const struct diag_row *r, const struct command *c)
{
	if (r->state != c->state)
		return false;
	if (strcmp(c->state_name, "BOUND") == 0 && r->proto != IPPROTO_TCP)
		return false;
	if (strcmp(c->state_name, "UNCONN") == 0 && r->proto != IPPROTO_UDP)
		return false;
	if (c->expect_proto && r->proto != c->expect_proto)
		return false;
	if (!spec_matches(&c->addr, r->family, &r->src, r->sport))
		return false;
	return c->addr2.kind == ADDR_NONE ||
	       spec_matches(&c->addr2, r->family, &r->dst, r->dport);
}

static void note_rows(struct stage *st, struct result *res)
{
	char local[80], peer[80], owner[96];

	if (!st->table.n)
		note(res, "the kernel shows no socket on that port");
	for (size_t i = 0; i < st->table.n; i++) {
		const struct diag_row *r = &st->table.rows[i];

		view_format_local(r, local, sizeof(local));
		view_format_peer(r, peer, sizeof(peer));
		stage_owner(st, r, owner, sizeof(owner));
		note(res, "kernel: %s %-10s %-24s %-24s %s", view_netid(r),
		     view_state_name(r), local, peer, owner[0] ? owner : "-");
	}
}

static enum result_kind x_expect(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	long long deadline = now_ms() + st->expect_wait_ms;
	uint16_t port = (uint16_t)cmd->addr.port;
	const char *proto = cmd->expect_proto == IPPROTO_TCP ? "tcp " :
			    cmd->expect_proto == IPPROTO_UDP ? "udp " : "";
	char err[160], where[80], peer[80] = "";
	bool found;

	addr_format_spec(&cmd->addr, where, sizeof(where));
	if (cmd->addr2.kind != ADDR_NONE) {
		peer[0] = ' ';
		addr_format_spec(&cmd->addr2, peer + 1, sizeof(peer) - 1);
	}
	set_call(res, "expect %s%s%s %s%s", cmd->negate ? "no " : "", proto,
		 cmd->state_name, where, peer);
	add_port(st, cmd->addr.port);
	for (;;) {
		found = false;
		if (read_ports(st, &port, 1, err, sizeof(err)) < 0)
			return line_error(res, 0, "cannot read the kernel view: %s", err);
		for (size_t i = 0; i < st->table.n && !found; i++)
			found = row_matches(&st->table.rows[i], cmd);
		if (found != cmd->negate || now_ms() >= deadline)
			break;
		usleep(10 * 1000);
	}
	res->kind = RES_INFO;
	if (found != cmd->negate) {
		set_value(res, "ok");
		return RES_INFO;
	}
	res->mismatch = true;
	/* what was expected: the call without its "expect " */
	str_copy(res->expected, res->call + strlen("expect "),
		 sizeof(res->expected));
	set_value(res, cmd->negate ? "found" : "not found");
	note_rows(st, res);
	return RES_INFO;
}

/* wait SOCK STATE [TIMEOUT]: until the kernel shows the socket (or what
 * it left behind, by cookie) in that state. */
static enum result_kind x_wait_state(struct stage *st, const struct command *cmd,
				     struct result *res)
{
	long timeout = cmd->duration_ms >= 0 ? cmd->duration_ms : 5000;
	long long start = now_ms(), deadline = start + timeout;
	const struct stage_sock *s;
	uint16_t port;
	char err[160];
	int si = stage_find_sock(st, cmd->sock.name);

	if (si < 0)
		return line_error(res, cmd->sock.col, "unknown socket '%s'",
				  cmd->sock.name);
	s = &st->socks[si];
	res->sock = si;
	set_call(res, "wait s%d %s", s->id, cmd->state_name);
	port = (uint16_t)addr_sa_port((const struct sockaddr *)&s->local);
	if (!s->has_local || !port)
		return line_error(res, cmd->sock.col,
				  "s%d has no port yet: nothing to watch", s->id);
	for (;;) {
		if (read_ports(st, &port, 1, err, sizeof(err)) < 0)
			return line_error(res, 0, "cannot read the kernel view: %s", err);
		for (size_t i = 0; i < st->table.n; i++) {
			const struct diag_row *r = &st->table.rows[i];

			if (stage_sock_of_row(st, r) == s && r->state == cmd->state) {
				res->kind = RES_INFO;
				set_value(res, "%s after %lld ms", cmd->state_name,
					  now_ms() - start);
				return RES_INFO;
			}
		}
		if (now_ms() >= deadline)
			break;
		usleep(10 * 1000);
	}
	res->kind = RES_INFO;
	res->mismatch = true;
	snprintf(res->expected, sizeof(res->expected), "s%d %s within %ld ms",
		 s->id, cmd->state_name, timeout);
	set_value(res, "timed out");
	note_rows(st, res);
	return RES_INFO;
}

static void remember_last(struct stage *st, struct result *res);

/* ---- asynchronous outcomes ------------------------------------------------------ */

void stage_set_async(struct stage *st, bool on)
{
	st->async = on;
}

int stage_pollfds(const struct stage *st, struct pollfd *fds, int max)
{
	int n = 0;

	for (int i = 0; i < st->nprocs && n < max; i++)
		if (st->procs[i].alive && st->procs[i].w.chan >= 0)
			fds[n++] = (struct pollfd){ .fd = st->procs[i].w.chan,
						    .events = POLLIN };
	return n;
}

static void drop_pending(struct stage *st, int i)
{
	st->pending[i] = st->pending[--st->npending];
}

/* A connect's wait came back: its outcome. */
static void finish_pending(struct stage *st, int i, const struct worker_rep *rep,
			   struct result *res)
{
	struct stage_pending *p = &st->pending[i];
	struct stage_sock *s = &st->socks[p->sock];

	str_copy(res->call, p->call, sizeof(res->call));
	res->sock = p->sock;
	learn_addrs(st, s, rep);
	if (rep->ret <= 0) {
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = rep->ret < 0 ? rep->err : ETIMEDOUT;
		note(res, "no outcome after %d s", ASYNC_CONNECT_MS / 1000);
	} else {
		res->ret = rep->err ? -1 : 0;
		res->err = rep->err;
		res->kind = rep->err ? RES_FAIL : RES_OK;
		set_value(res, "0");
	}
	s->belief = res->kind == RES_OK ? SB_CONNECTED :
		    s->nholders ? SB_NEW : SB_CLOSED;
	note(res, "after %lld ms", now_ms() - p->started_ms);
	drop_pending(st, i);
	remember_last(st, res);
}

static void deliver_reply(struct stage *st, int proc,
			  const struct worker_rep *rep, stage_result_fn fn,
			  void *ctx)
{
	struct result res;

	for (int i = 0; i < st->npending; i++) {
		if (st->pending[i].proc != proc || st->pending[i].seq != rep->seq)
			continue;
		result_init(&res);
		finish_pending(st, i, rep, &res);
		fn(ctx, &res);
		result_free(&res);
		return;
	}
}

static void process_died(struct stage *st, int proc, stage_result_fn fn,
			 void *ctx)
{
	struct stage_proc *p = &st->procs[proc];
	struct result res;

	result_init(&res);
	line_error(&res, 0, "process '%s' (pid %d) died; the kernel closed its sockets",
		   p->name, (int)p->w.pid);
	worker_stop(&p->w, SIGKILL);
	proc_gone(st, proc);
	for (int i = st->npending - 1; i >= 0; i--)
		if (st->pending[i].proc == proc)
			drop_pending(st, i);
	fn(ctx, &res);
	result_free(&res);
}

void stage_poll(struct stage *st, stage_result_fn fn, void *ctx)
{
	struct worker_rep rep;
	int rc;

	for (int i = 0; i < st->nprocs; i++) {
		if (!st->procs[i].alive)
			continue;
		while ((rc = worker_next(&st->procs[i].w, &rep)) == 1)
			deliver_reply(st, i, &rep, fn, ctx);
		if (rc < 0)
			process_died(st, i, fn, ctx);
	}
}

/* ---- dispatch ---------------------------------------------------------------- */

static void check_expectation(const struct command *cmd, struct result *res)
{
	bool ok;

	if (!cmd->has_expect || (res->kind != RES_OK && res->kind != RES_FAIL))
		return;
	ok = cmd->expect_errno == 0 ? res->kind == RES_OK :
	     res->kind == RES_FAIL && res->err == cmd->expect_errno;
	if (ok)
		return;
	res->mismatch = true;
	str_copy(res->expected, cmd->expect_errno ?
		 explain_errname(cmd->expect_errno) : "ok", sizeof(res->expected));
}

static void remember_last(struct stage *st, struct result *res)
{
	struct stage_sock *s;
	int n = (int)strcspn(res->call, "(");

	if (res->sock < 0 || res->sock >= st->nsocks)
		return;
	s = &st->socks[res->sock];
	/* short: "bind: EADDRINUSE", "listen: ok", "accept: s3" */
	if (res->kind == RES_FAIL)
		snprintf(s->last, sizeof(s->last), "%.*s: %s", n, res->call,
			 explain_errname(res->err));
	else if (res->kind == RES_PENDING)
		snprintf(s->last, sizeof(s->last), "%.*s: pending", n, res->call);
	else if (res->kind == RES_OK)
		snprintf(s->last, sizeof(s->last), "%.*s: %.40s", n, res->call,
			 strcmp(res->value, "0") ? res->value : "ok");
}

enum result_kind stage_exec(struct stage *st, const struct command *cmd,
			    struct result *res)
{
	/* commands that run in no process (spawn, use, expect ...) must
	 * still name an existing one in a "NAME:" prefix */
	if (cmd->proc.col >= 0 && stage_find_proc(st, cmd->proc.name) < 0)
		return line_error(res, cmd->proc.col, "unknown process '%s'",
				  cmd->proc.name);
	switch (cmd->kind) {
	case CMD_SOCKET: x_socket(st, cmd, res); break;
	case CMD_SET: x_set(st, cmd, res); break;
	case CMD_BIND: x_bind(st, cmd, res); break;
	case CMD_LISTEN: x_listen(st, cmd, res); break;
	case CMD_CONNECT: x_connect(st, cmd, res); break;
	case CMD_ACCEPT: x_accept(st, cmd, res); break;
	case CMD_SEND:
	case CMD_SENDTO: x_send(st, cmd, res); break;
	case CMD_RECV: x_recv(st, cmd, res); break;
	case CMD_SHUTDOWN: x_shutdown(st, cmd, res); break;
	case CMD_CLOSE: x_close(st, cmd, res); break;
	case CMD_JOIN:
	case CMD_LEAVE: x_join(st, cmd, res); break;
	case CMD_SPAWN: x_spawn(st, cmd, res); break;
	case CMD_FORK: x_fork(st, cmd, res); break;
	case CMD_EXIT:
	case CMD_KILL: x_exit(st, cmd, res); break;
	case CMD_USE: x_use(st, cmd, res); break;
	case CMD_EXPECT: x_expect(st, cmd, res); break;
	case CMD_WAIT:
		if (cmd->state >= 0)
			x_wait_state(st, cmd, res);
		break;
	default:
		res->kind = RES_NONE;
		break;
	}
	check_expectation(cmd, res);
	remember_last(st, res);
	return res->kind;
}
