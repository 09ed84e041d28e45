/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_unix.c - UNIX-domain sockets on the stage: socketpair, passing a
 * socket to another process (sendfd, recvfd) and unlink. socket, bind,
 * connect and the rest are stage.c's, for every family; the directory of
 * relative paths is stage_dir.c's. */
#include "stage.h"
#include "stage_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>

#include "util.h"

static const char *type_name(int type)
{
	return type == SOCK_STREAM ? "SOCK_STREAM" : type == SOCK_DGRAM ?
	       "SOCK_DGRAM" : "SOCK_SEQPACKET";
}

/* ---- socketpair ------------------------------------------------------------ */

static int taken(struct stage *st, const struct cmd_ref *ref, struct result *res)
{
	if (stage_find_sock(st, ref->name) < 0)
		return 0;
	res_error(res, ref->col, "the name '%s' is taken", ref->name);
	return -1;
}

/* The second end's name, inode and cookie: a status request on it. */
static void learn_fd(struct stage *st, int proc, struct stage_sock *s, int fd,
		     struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;

	stage_req_init(&req, WOP_STATUS, fd);
	if (stage_call(st, proc, &req, NULL, &rep, NULL, 0, res) == 0 &&
	    rep.ret == 0)
		stage_learn(st, s, &rep);
}

enum result_kind cmdx_socketpair(struct stage *st, const struct command *cmd,
				 struct result *res)
{
	struct command c = *cmd;
	struct worker_req req;
	struct worker_rep rep;
	struct stage_sock *a, *b;
	int p;

	c.sock.col = -1;
	if ((p = stage_resolve_proc(st, &c, res)) < 0)
		return RES_ERROR;
	if (taken(st, &cmd->as, res) < 0 || taken(st, &cmd->sock2, res) < 0)
		return RES_ERROR;
	stage_req_init(&req, WOP_SOCKETPAIR, -1);
	req.b = cmd->type;
	res_call(res, "socketpair(AF_UNIX, %s, 0)", type_name(cmd->type));
	if (stage_call(st, p, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return stage_from_reply(res, &rep);
	a = stage_new_sock(st, AF_UNIX, cmd->type, cmd->as.name);
	a->holders[a->nholders++] = (struct stage_holder){ p, rep.fd };
	a->belief = SB_CONNECTED;
	stage_learn(st, a, &rep);
	b = stage_new_sock(st, AF_UNIX, cmd->type, cmd->sock2.name);
	b->holders[b->nholders++] = (struct stage_holder){ p, rep.fd2 };
	b->belief = SB_CONNECTED;
	learn_fd(st, p, b, rep.fd2, res);
	res->sock = st->nsocks - 2;
	res_value(res, "s%d (%s), s%d (%s)", a->id, a->name, b->id, b->name);
	res->kind = RES_OK;
	res->ret = 0;
	return RES_OK;
}

/* ---- passing a socket ------------------------------------------------------- */

enum result_kind cmdx_sendfd(struct stage *st, const struct command *cmd,
			     struct result *res)
{
	struct stage_target t, t2;
	struct command c2 = *cmd;
	struct worker_req req;
	struct worker_rep rep;

	if (stage_resolve_sock(st, cmd, "sendmsg", &t, res) < 0)
		return res->kind;
	c2.sock = cmd->sock2;
	if (stage_resolve_sock(st, &c2, "sendmsg", &t2, res) < 0)
		return res->kind;
	res->sock = t.si;
	if (t.s->family != AF_UNIX)
		return res_error(res, cmd->sock.col, "a socket passes over a UNIX "
				 "socket; %s is %s", t.label, stage_sock_netid(t.s));
	stage_req_init(&req, WOP_SENDFD, t.fd);
	req.a = t2.fd;
	res_call(res, "sendmsg(%s, \"F\", SCM_RIGHTS: %s)", t.label, t2.label);
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	stage_learn(st, t.s, &rep);
	if (rep.ret >= 0)
		res_note(res, "%s is in flight: it stays open while the message "
			 "waits in the peer's queue, until a recvfd takes it",
			 t2.label);
	return stage_from_reply(res, &rep);
}

/* The stage socket a descriptor is of: by cookie (for its whole life),
 * else by inode (a number the kernel gives again after a socket goes),
 * or NULL. */
static struct stage_sock *sock_of(struct stage *st, uint64_t cookie,
				  uint64_t inode)
{
	for (int i = st->nsocks - 1; cookie && i >= 0; i--)
		if (st->socks[i]->cookie == cookie)
			return st->socks[i];
	for (int i = st->nsocks - 1; inode && i >= 0; i--)
		if (st->socks[i]->inode == inode)
			return st->socks[i];
	return NULL;
}

static enum result_kind got_fd(struct stage *st, const struct stage_target *t,
			       const struct command *cmd, const struct worker_rep *rep,
			       struct result *res)
{
	struct stage_sock *s = sock_of(st, rep->cookie, rep->inode);
	int h;

	if (rep->fd < 0) {
		res_value(res, "%d (no descriptor came with the byte)", rep->ret);
		return stage_from_reply(res, rep);
	}
	if (!s) {	/* a socket the stage did not know: on stage now */
		struct sockaddr_storage ss = rep->local;

		s = stage_new_sock(st, ss.ss_family ? ss.ss_family : AF_UNIX,
				   SOCK_STREAM, "");
		s->belief = SB_CONNECTED;
	}
	if (cmd->as.col >= 0 && !s->name[0])
		str_copy(s->name, cmd->as.name, sizeof(s->name));
	else if (cmd->as.col >= 0)
		res_note(res, "it is s%d, named '%s' already: one socket, one name "
			 "('%s' is not given)", s->id, s->name, cmd->as.name);
	h = stage_holder_index(s, t->proc);
	if (h >= 0) {	/* it holds it already: a second descriptor, closed */
		struct worker_req req;
		struct worker_rep r2;

		stage_req_init(&req, WOP_CLOSE, rep->fd);
		(void)stage_call(st, t->proc, &req, NULL, &r2, NULL, 0, res);
		res_note(res, "process '%s' already holds s%d: the new descriptor "
			 "is closed again", st->procs[t->proc].name, s->id);
	} else {
		if (!s->nholders)	/* back on stage: it was in flight */
			s->belief = ep_is_set(&s->local) ? SB_BOUND : SB_NEW;
		s->holders[s->nholders++] = (struct stage_holder){ t->proc, rep->fd };
	}
	stage_learn(st, s, rep);
	res_value(res, "s%d%s%s%s", s->id, s->name[0] ? " (" : "", s->name,
		  s->name[0] ? ")" : "");
	res->kind = RES_OK;
	res->ret = 1;
	return RES_OK;
}

enum result_kind cmdx_recvfd(struct stage *st, const struct command *cmd,
			     struct result *res)
{
	struct stage_target t;
	struct worker_req req;
	struct worker_rep rep;

	if (stage_resolve_sock(st, cmd, "recvmsg", &t, res) < 0)
		return res->kind;
	if (t.s->family != AF_UNIX)
		return res_error(res, cmd->sock.col, "a socket passes over a UNIX "
				 "socket; %s is %s", t.label, stage_sock_netid(t.s));
	if (cmd->as.col >= 0 && stage_find_sock(st, cmd->as.name) >= 0)
		return res_error(res, cmd->as.col, "the name '%s' is taken",
				 cmd->as.name);
	stage_req_init(&req, WOP_RECVFD, t.fd);
	res_call(res, "recvmsg(%s, SCM_RIGHTS)", t.label);
	if (stage_call_waiting(st, &t, &req, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	if (rep.ret < 0)
		return stage_from_reply(res, &rep);
	if (rep.ret == 0) {
		res_value(res, "0 (end of stream: no socket came)");
		return stage_from_reply(res, &rep);
	}
	res->sock = t.si;
	return got_fd(st, &t, cmd, &rep, res);
}

/* ---- unlink ----------------------------------------------------------------- */

enum result_kind cmdx_unlink(struct stage *st, const struct command *cmd,
			     struct result *res)
{
	struct command c = *cmd;
	struct worker_req req;
	struct worker_rep rep;
	socklen_t len;
	char name[4 * ADDR_UNIX_MAX + 8];
	int p;

	c.sock.col = -1;
	if ((p = stage_resolve_proc(st, &c, res)) < 0)
		return RES_ERROR;
	if (cmd->addr.path[0] != '/' && stage_unix_dir(st, res) < 0)
		return RES_ERROR;
	stage_req_init(&req, WOP_UNLINK, -1);
	addr_to_sockaddr(&cmd->addr, AF_UNIX, &req.addr, &len);
	req.addrlen = len;
	addr_format_spec(&cmd->addr, name, sizeof(name));
	res_call(res, "unlink(%s)", name);
	if (stage_call(st, p, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	return stage_from_reply(res, &rep);
}
