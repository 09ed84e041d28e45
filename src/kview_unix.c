/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kview_unix.c - the stage's UNIX sockets in its kernel view: each asked
 * for exactly (unix_diag by inode and cookie), with the sockets at their
 * other ends, never a dump of the host's thousands of others (the view of
 * every socket, A, has them all); what "expect" and "wait" look at for a
 * UNIX name or socket. */
#include "stage.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>

#include "stage_int.h"
#include "util.h"
#include "view.h"

/* at most this many UNIX rows in the stage's view */
#define UNIX_VIEW_MAX 512

static bool listed(const struct diag_table *t, size_t from, uint64_t inode)
{
	for (size_t i = from; i < t->n; i++)
		if (t->rows[i].family == AF_UNIX && t->rows[i].inode == inode)
			return true;
	return false;
}

static void push(struct diag_table *t, const struct diag_row *r)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xrealloc(t->rows, t->cap * sizeof(*t->rows));
	}
	t->rows[t->n++] = *r;
}

/* The host a socket lives on: its first holder's (0 when none holds it:
 * in flight, or gone). */
static int sock_host(const struct stage *st, const struct stage_sock *s)
{
	return s->nholders ? st->procs[s->holders[0].proc].host : 0;
}

/* Look inode up on host h; a row found goes into out (once). 0, or -1. */
static int look(struct stage *st, int h, uint64_t inode, uint64_t cookie,
		struct diag_table *out, size_t from, char *err, size_t errlen)
{
	struct diag_row r;
	struct diag *d;
	int back = -1, rc;

	if (!inode || inode > UINT32_MAX || listed(out, from, inode) ||
	    out->n - from >= UNIX_VIEW_MAX)
		return 0;
	d = h ? stage_host_diag(st, h, &back, err, errlen) :
		stage_diag(st, err, errlen);
	if (!d)
		return -1;
	rc = diag_unix_lookup(d, inode, cookie, &r, err, errlen);
	if (h)
		stage_host_leave(back);
	if (rc <= 0)
		return rc;
	r.host = (uint8_t)h;
	push(out, &r);
	return 0;
}

int stage_unix_view(struct stage *st, struct diag_table *out, char *err,
		    size_t errlen)
{
	size_t from = out->n;

	for (int i = 0; i < st->nsocks; i++) {
		const struct stage_sock *s = st->socks[i];

		if (s->family == AF_UNIX &&
		    look(st, sock_host(st, s), s->inode, s->cookie, out, from,
			 err, errlen) < 0)
			return -1;
	}
	/* their peers that are not on stage (the row's other end), and the
	   connections waiting in a listener's queue (those the kernel lists) */
	for (size_t i = from; i < out->n; i++) {
		const struct diag_row r = out->rows[i];

		if (look(st, r.host, r.peer_inode, 0, out, from, err, errlen) < 0)
			return -1;
		for (uint32_t k = 0; k < r.nicons && k < DIAG_UNIX_ICONS; k++)
			if (look(st, r.host, r.icons[k], 0, out, from, err,
				 errlen) < 0)
				return -1;
	}
	return 0;
}

bool stage_inode_name(void *ctx, uint64_t inode, char *buf, size_t len)
{
	const struct stage *st = ctx;

	if (!inode)
		return false;
	for (int i = st->nsocks - 1; i >= 0; i--)
		if (st->socks[i]->family == AF_UNIX && st->socks[i]->inode == inode) {
			snprintf(buf, len, "s%d", st->socks[i]->id);
			return true;
		}
	if (!st->stable)
		return false;
	snprintf(buf, len, "?");	/* a number that differs each run */
	return true;
}

void stage_row_ends(const struct stage *st, const struct diag_row *r,
		    char *local, char *peer, size_t len)
{
	char name[32], *p;

	view_format_local(r, local, len);
	view_format_peer(r, peer, len);
	if (r->family != AF_UNIX)
		return;
	/* "NAME INODE" and "* PEER": the inodes named */
	if ((p = strrchr(local, ' ')) && stage_inode_name((void *)st, r->inode,
							  name, sizeof(name)))
		snprintf(p + 1, len - (size_t)(p + 1 - local), "%s", name);
	if (stage_inode_name((void *)st, r->peer_inode, name, sizeof(name)))
		snprintf(peer, len, "* %s", name);
}

void stage_unix_who(const struct stage *st, const struct diag_row *r,
		    char *peer, char *cred, size_t len)
{
	const struct stage_sock *s = stage_sock_of_row(st, r);
	char name[32];

	peer[0] = cred[0] = '\0';
	if (r->family != AF_UNIX)
		return;
	if (stage_inode_name((void *)st, r->peer_inode, name, sizeof(name)))
		snprintf(peer, len, "%s", name);
	else if (r->peer_inode)
		snprintf(peer, len, "inode %" PRIu64 ", not on stage", r->peer_inode);
	if (s && s->peer_pid)
		stage_cred_text(st, s->peer_pid, s->peer_uid, s->peer_gid, cred, len);
}

bool stage_unix_row_named(const struct diag_row *r, const struct addrspec *a)
{
	struct endpoint e;

	if (r->family != AF_UNIX || !addr_is_unix(a))
		return false;
	diag_row_local(r, &e);
	if (a->kind == ADDR_ABSTRACT)
		return e.kind == EP_UNIX_ABSTRACT && e.pathlen == a->pathlen &&
		       memcmp(e.path, a->path, a->pathlen) == 0;
	return e.kind == EP_UNIX_PATH && e.pathlen == a->pathlen &&
	       memcmp(e.path, a->path, a->pathlen) == 0;
}

int stage_unix_snapshot(struct stage *st, int host, struct diag_table *out,
			char *err, size_t errlen)
{
	struct diag *d;
	int back = -1, rc;

	out->n = 0;
	d = host > 0 ? stage_host_diag(st, host, &back, err, errlen) :
		       stage_diag(st, err, errlen);
	if (!d)
		return -1;
	rc = diag_unix_dump(d, out, err, errlen);
	if (host > 0)
		stage_host_leave(back);
	for (size_t i = 0; i < out->n; i++)
		out->rows[i].host = (uint8_t)(host > 0 ? host : 0);
	return rc;
}

int stage_unix_state(struct stage *st, const struct stage_sock *s,
		     struct diag_row *row, char *err, size_t errlen)
{
	struct diag_table t = { 0 };
	int rc;

	rc = look(st, sock_host(st, s), s->inode, s->cookie, &t, 0, err, errlen);
	if (rc == 0 && t.n)
		*row = t.rows[0];
	rc = rc < 0 ? -1 : t.n ? 1 : 0;
	diag_table_free(&t);
	return rc;
}
