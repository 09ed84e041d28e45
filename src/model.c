/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model.c - what the stage knows: its sockets (their names, ends, options
 * and the processes that hold them), its processes, the ports in play,
 * and what each result leaves behind. Nothing here talks to a worker or
 * to the kernel. */
#include "stage.h"
#include "stage_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "util.h"
#include "wire.h"

/* ---- names ---------------------------------------------------------------- */

const char *stage_sock_netid(const struct stage_sock *s)
{
	bool stream = s->type == SOCK_STREAM;

	switch (s->family) {
	case AF_INET: return stream ? "tcp4" : "udp4";
	case AF_INET6: return stream ? "tcp6" : "udp6";
	case AF_UNIX: return stream ? "u_str" : s->type == SOCK_DGRAM ? "u_dgr" :
				     "u_seq";
	default: return "?";
	}
}

void stage_sock_label(const struct stage_sock *s, char *buf, size_t len)
{
	snprintf(buf, len, "s%d", s->id);
}

int stage_find_sock(const struct stage *st, const char *ref)
{
	char id[16];

	for (int i = st->nsocks - 1; i >= 0; i--) {
		snprintf(id, sizeof(id), "s%d", st->socks[i]->id);
		if (strcmp(id, ref) == 0 ||
		    (st->socks[i]->name[0] && strcmp(st->socks[i]->name, ref) == 0))
			return i;
	}
	return -1;
}

/* A living process of that name first; else one that has exited (so
 * that messages can say so). */
int stage_find_proc(const struct stage *st, const char *name)
{
	int dead = -1;

	for (int i = 0; i < st->nprocs; i++)
		if (strcmp(st->procs[i].name, name) == 0) {
			if (st->procs[i].alive)
				return i;
			dead = i;
		}
	return dead;
}

int stage_holder_index(const struct stage_sock *s, int proc)
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

void stage_add_port(struct stage *st, int port)
{
	if (port <= 0 || port > 65535)
		return;
	for (int i = 0; i < st->nports; i++)
		if (st->ports[i] == port)
			return;
	if (st->nports == st->capports) {
		st->capports = st->capports ? st->capports * 2 : 16;
		st->ports = xrealloc(st->ports, (size_t)st->capports *
						sizeof(*st->ports));
	}
	st->ports[st->nports++] = (uint16_t)port;
	if (st->wire_ports && st->wire &&
	    wire_only_ports(st->wire, st->ports, st->nports) < 0)
		str_copy(st->wire_err, st->wire->err, sizeof(st->wire_err));
}

/* The badges say what getsockopt read back, not what we asked for. */
static void learn_opts(struct stage_sock *s, const struct sockopt_val *v)
{
	for (int id = OPT_NONE + 1; id < OPT_COUNT; id++) {
		const struct sockopt_def *d = sockopt_get((enum sock_opt)id);

		if (!d->readback || !v[id].known)
			continue;
		s->optv[id] = v[id];
		if (sockopt_is_on(d, &v[id]))
			s->opts |= 1u << id;
		else
			s->opts &= ~(1u << id);
		if (d->kind == SOV_LINGER)
			s->linger = v[id].i;
	}
}

void stage_learn(struct stage *st, struct stage_sock *s,
			const struct worker_rep *rep)
{
	if (rep->locallen) {
		ep_from_sockaddr(&s->local, (const struct sockaddr *)&rep->local,
				 rep->locallen);
		stage_add_port(st, ep_port(&s->local));
	}
	if (rep->peerlen && rep->peer.ss_family != AF_UNSPEC) {
		ep_from_sockaddr(&s->peer, (const struct sockaddr *)&rep->peer,
				 rep->peerlen);
		stage_add_port(st, ep_port(&s->peer));
	}
	if (rep->peer_pid) {
		s->peer_pid = rep->peer_pid;
		s->peer_uid = rep->peer_uid;
		s->peer_gid = rep->peer_gid;
	}
	if (rep->inode)
		s->inode = rep->inode;
	if (rep->cookie)
		s->cookie = rep->cookie;
	if (rep->has_opts)
		learn_opts(s, rep->opts);
}

struct stage_sock *stage_new_sock(struct stage *st, int family, int type,
				  const char *name)
{
	struct stage_sock *s;

	if (st->nsocks == st->capsocks) {
		st->capsocks = st->capsocks ? st->capsocks * 2 : 16;
		st->socks = xrealloc(st->socks,
				     (size_t)st->capsocks * sizeof(*st->socks));
	}
	/* Each socket has its own allocation: the array of pointers may
	 * move when it grows, the sockets never do. */
	s = xcalloc(1, sizeof(*s));
	st->socks[st->nsocks++] = s;
	s->id = ++st->next_id;
	s->family = family;
	s->type = type;
	s->linger = -1;
	s->unread_at_close = -1;
	str_copy(s->name, name, sizeof(s->name));
	return s;
}

void stage_cred_text(const struct stage *st, int32_t pid, uint32_t uid,
		     uint32_t gid, char *buf, size_t len)
{
	const char *name = NULL;

	for (int i = 0; i < st->nprocs && !name; i++)
		if (st->procs[i].w.pid == pid)
			name = st->procs[i].name;
	if (name && st->stable)
		snprintf(buf, len, "process '%s', uid %u, gid %u", name, uid, gid);
	else if (name)
		snprintf(buf, len, "process '%s' (pid %d), uid %u, gid %u", name,
			 (int)pid, uid, gid);
	else if (st->stable)
		snprintf(buf, len, "a process not on stage, uid %u, gid %u", uid, gid);
	else
		snprintf(buf, len, "pid %d, uid %u, gid %u", (int)pid, uid, gid);
}

/* ---- processes ------------------------------------------------------------ */

static void drop_holders_of(struct stage *st, int proc)
{
	for (int i = 0; i < st->nsocks; i++) {
		struct stage_sock *s = st->socks[i];
		int h = stage_holder_index(s, proc);

		if (h < 0)
			continue;
		s->holders[h] = s->holders[--s->nholders];
		if (!s->nholders)
			s->belief = SB_CLOSED;
	}
}

void stage_proc_gone(struct stage *st, int proc)
{
	st->procs[proc].alive = false;
	drop_holders_of(st, proc);
}

int stage_add_proc(struct stage *st, const char *name, long uid,
		    const struct worker *w)
{
	int slot = st->nprocs;
	struct stage_proc *p;

	/* when every slot has been used, reuse one whose process is gone */
	for (int i = 0; slot == STAGE_MAX_PROCS && i < st->nprocs; i++)
		if (!st->procs[i].alive)
			slot = i;
	p = &st->procs[slot];

	memset(p, 0, sizeof(*p));
	str_copy(p->name, name, sizeof(p->name));
	p->uid = uid;
	p->w = *w;
	p->w.idle = st->idle;
	p->w.idle_ctx = st->idle_ctx;
	p->alive = true;
	if (slot == st->nprocs)
		st->nprocs++;
	return slot;
}

/* ---- kernel rows on stage ---------------------------------------------------- */

const struct stage_sock *stage_sock_by_cookie(const struct stage *st,
					      uint64_t cookie)
{
	for (int i = st->nsocks - 1; cookie && i >= 0; i--)
		if (st->socks[i]->cookie == cookie)
			return st->socks[i];
	return NULL;
}

const struct stage_sock *stage_sock_of_row(const struct stage *st,
					   const struct diag_row *r)
{
	const struct stage_sock *s = stage_sock_by_cookie(st, r->cookie);

	for (int i = st->nsocks - 1; !s && r->inode && i >= 0; i--)
		if (st->socks[i]->inode == r->inode)
			s = st->socks[i];
	return s;
}

/* ---- what a result leaves in the model ------------------------------------ */

void stage_remember_last(struct stage *st, struct result *res)
{
	const struct cmd_info *info = command_info(res->cmd);
	const char *call = !info ? "?" : info->call[0] ? info->call : info->name;
	struct stage_sock *s;

	if (res->sock < 0 || res->sock >= st->nsocks)
		return;
	s = st->socks[res->sock];
	/* short: "bind: EADDRINUSE", "listen: ok", "accept: s3" */
	if (res->kind == RES_FAIL)
		snprintf(s->last, sizeof(s->last), "%s: %s", call,
			 explain_errname(res->err));
	else if (res->kind == RES_PENDING)
		snprintf(s->last, sizeof(s->last), "%s: pending", call);
	else if (res->kind == RES_OK)
		snprintf(s->last, sizeof(s->last), "%s: %.40s", call,
			 strcmp(res->value, "0") ? res->value : "ok");
}
