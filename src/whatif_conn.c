/* SPDX-License-Identifier: GPL-2.0-or-later */
/* whatif_conn.c - explain what goes wrong between two ends: a connect
 * refused (what listens on that port elsewhere), a connect with no four
 * addresses left (the connection that has them, or the exhausted port
 * range), and a connection reset under a send or recv (what the peer on
 * stage did to cause it). */
#include "whatif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "explain.h"
#include "stage_int.h"
#include "view.h"

#define TAKEN_SHOWN 4	/* rows listed for an exhausted port range */

static bool row_goes_to(const struct diag_row *r,
			const struct sockaddr_storage *dest)
{
	struct endpoint peer, to;

	diag_row_peer(r, &peer);
	ep_from_sockaddr(&to, (const struct sockaddr *)dest, sizeof(*dest));
	return ep_same(&peer, &to, true);
}

/* ---- ECONNREFUSED ------------------------------------------------------------ */

static void whatif_connect_refused(struct stage *st, const struct stage_sock *s,
			    const struct sockaddr_storage *addr,
			    struct result *res)
{
	int port = addr_sa_port((const struct sockaddr *)addr), n = 0;
	char err[160], local[80], owner[96];
	struct diag_table snap = { 0 };

	if (s->type != SOCK_STREAM ||
	    stage_snapshot(st, false, &snap, err, sizeof(err)) < 0) {
		diag_table_free(&snap);
		return;
	}
	for (size_t i = 0; i < snap.n; i++) {
		const struct diag_row *r = &snap.rows[i];

		if (r->proto != IPPROTO_TCP || r->state != KS_LISTEN ||
		    r->sport != port)
			continue;
		view_format_local(r, local, sizeof(local));
		stage_owner(st, r, owner, sizeof(owner));
		res_note_kind(res, NOTE_WHY, "port %d listens only on %s (%s)", port, local,
			 owner[0] ? owner : "not on stage");
		if (res->nwhy < RESULT_WHY_ROWS)
			res->why_rows[res->nwhy++] = r->cookie;
		n++;
	}
	if (!n)
		res_note_kind(res, NOTE_WHY, "nothing listens on port %d: the kernel answered "
			 "the SYN with a RST", port);
	else
		res_note_kind(res, NOTE_TRY, "connect to an address it listens on, or bind "
			 "the listener to a wildcard (0.0.0.0 or [::])");
	diag_table_free(&snap);
}

/* ---- EADDRNOTAVAIL / EADDRINUSE on connect -------------------------------- */

/* The socket was bound to a port: the connection that already has the
 * same four addresses. */
static void taken_tuple(struct stage *st, const struct diag_table *snap,
			const struct stage_sock *s, int port,
			const struct sockaddr_storage *dest, struct result *res)
{
	long uid = -1;
	char to[80];
	int n = 0;

	addr_format_sa((const struct sockaddr *)dest, to, sizeof(to));
	for (size_t i = 0; i < snap->n; i++) {
		const struct diag_row *r = &snap->rows[i];
		struct endpoint local;

		diag_row_local(r, &local);
		if (r->proto != IPPROTO_TCP || r->sport != port ||
		    (s->cookie && r->cookie == s->cookie) || !row_goes_to(r, dest) ||
		    (!ep_any(&s->local) && !ep_same(&local, &s->local, false)))
			continue;
		whatif_why_row(st, r, uid = r->uid, res);
		n++;
	}
	if (!n)
		res_note_kind(res, NOTE_WHY, "the kernel lists no connection from port %d to "
			 "%s now (it may have gone since)", port, to);
	res_note_kind(res, NOTE_WHY, "a TCP connection is known by its four addresses; "
		 "SO_REUSEADDR lets two sockets bind one port, but no two may "
		 "connect from it to the same place (Linux says EADDRNOTAVAIL, "
		 "connect(2) EADDRINUSE)");
	res_note_kind(res, NOTE_TRY, "bind s%d to port 0 (or not at all) so that the kernel "
		 "picks a free port, or connect to another address or port",
		 s->id);
}

/* The kernel was to pick the port: every port of the range is taken for
 * this destination (connected there) or held by bind. */
static void taken_range(struct stage *st, const struct diag_table *all,
			const struct stage_sock *s,
			const struct sockaddr_storage *dest, struct result *res)
{
	int lo, hi, conns = 0, bound = 0, usable;
	char to[80], uses[48] = "";

	if (whatif_port_range(&lo, &hi) < 0)
		return;
	addr_format_sa((const struct sockaddr *)dest, to, sizeof(to));
	for (size_t i = 0; i < all->n; i++) {
		const struct diag_row *r = &all->rows[i];

		if (r->proto != IPPROTO_TCP || r->sport < lo || r->sport > hi ||
		    (s->cookie && r->cookie == s->cookie))
			continue;
		if (row_goes_to(r, dest)) {
			if (conns++ < TAKEN_SHOWN)
				whatif_why_row(st, r, r->uid, res);
		} else if (r->state == KS_LISTEN || r->state == KS_CLOSE) {
			bound++;
		}
	}
	if (conns > TAKEN_SHOWN)
		res_note_kind(res, NOTE_WHY, "... and %d more connections to %s",
			 conns - TAKEN_SHOWN, to);
	/* connect searches an even number of ports: an odd range loses one */
	usable = hi - lo + 1 > 1 ? (hi - lo + 1) & ~1 : hi - lo + 1;
	if (usable != hi - lo + 1)
		snprintf(uses, sizeof(uses), ", of which connect uses %d", usable);
	res_note_kind(res, NOTE_WHY, "net.ipv4.ip_local_port_range is %d-%d (%d ports%s): "
		 "%d of them already connect to %s, %d more are held by bind; a "
		 "port may be reused only for another destination", lo, hi,
		 hi - lo + 1, uses, conns, to, bound);
	res_note_kind(res, NOTE_TRY, "widen net.ipv4.ip_local_port_range, connect to another "
		 "address or port, or bind another local address with port 0 "
		 "first; TIME-WAIT rows free their ports when they end");
}

/* connect: EADDRNOTAVAIL or EADDRINUSE (the same four addresses taken, or
 * no free port in ip_local_port_range). bound_port: the local port the
 * socket had before connect, 0 when the kernel was to pick one. */
static void whatif_connect_taken(struct stage *st, const struct stage_sock *s,
			  int bound_port, const struct sockaddr_storage *addr,
			  struct result *res)
{
	struct diag_table snap = { 0 };
	char err[160];

	if (s->type != SOCK_STREAM)
		return;
	/* the kernel picked the port: every socket; else the ports in play */
	if (stage_snapshot(st, !bound_port, &snap, err, sizeof(err)) == 0) {
		if (!bound_port)
			taken_range(st, &snap, s, addr, res);
		else
			taken_tuple(st, &snap, s, bound_port, addr, res);
	}
	diag_table_free(&snap);
}

/* ---- ECONNRESET and EPIPE ------------------------------------------------------ */

/* The stage socket at the other end of s's connection, or NULL. */
static const struct stage_sock *peer_of(const struct stage *st,
					const struct stage_sock *s)
{
	if (!ep_is_set(&s->local) || !ep_is_set(&s->peer))
		return NULL;
	for (int i = 0; i < st->nsocks; i++) {
		const struct stage_sock *p = st->socks[i];

		if (p != s && p->type == s->type && ep_is_set(&p->local) &&
		    ep_is_set(&p->peer) && ep_same(&p->local, &s->peer, true) &&
		    ep_same(&p->peer, &s->local, true))
			return p;
	}
	return NULL;
}

/* send/recv: ECONNRESET or EPIPE (the peer on stage reset it, or s itself
 * was shut down for writing) */
static void whatif_reset(struct stage *st, const struct stage_sock *s, int err,
		  struct result *res)
{
	const struct stage_sock *p;

	if (s->type != SOCK_STREAM)
		return;
	if (err == EPIPE && s->shut_wr) {
		res_note_kind(res, NOTE_WHY, "s%d was shut down for writing (shutdown "
			 "SHUT_WR or SHUT_RDWR): it may send no more", s->id);
		return;
	}
	if (s->family == AF_UNIX)
		return;		/* no RST: the meaning says what happened */
	if (!ep_is_set(&s->peer))
		return;		/* never connected: the meaning says it all */
	if (!(p = peer_of(st, s))) {
		res_note_kind(res, NOTE_WHY, "the peer is not on stage; a peer resets a "
			 "connection when it closes with SO_LINGER 0 or with data "
			 "unread, or when it no longer knows the connection");
		return;
	}
	if (p->nholders) {
		res_note_kind(res, NOTE_WHY, "the peer s%d is still open; the RST did not "
			 "come from its close", p->id);
		return;
	}
	if (p->linger == 0)
		res_note_kind(res, NOTE_WHY, "the peer s%d closed with SO_LINGER {on, 0}: "
			 "close sent a RST instead of a FIN, and the connection "
			 "ended at once, with no TIME-WAIT on either side", p->id);
	else if (p->unread_at_close > 0)
		res_note_kind(res, NOTE_WHY, "s%d was closed with %d bytes it had not read: "
			 "the kernel then sends a RST instead of a FIN, and what "
			 "was unread is lost", p->id, p->unread_at_close);
	else
		res_note_kind(res, NOTE_WHY, "the peer s%d is closed: data that s%d sent "
			 "after that was answered with a RST", p->id, s->id);
	if (err == EPIPE)
		res_note_kind(res, NOTE_WHY, "after a RST, send fails with EPIPE (and "
			 "SIGPIPE, which the stage ignores)");
	if (p->linger == 0)
		res_note_kind(res, NOTE_TRY, "close s%d without SO_LINGER 0 (linger off) for "
			 "an orderly FIN: recv on s%d then returns 0 at the end",
			 p->id, s->id);
	else if (p->unread_at_close > 0)
		res_note_kind(res, NOTE_TRY, "read what s%d received before closing it; then "
			 "close sends a FIN and recv on s%d returns 0", p->id, s->id);
	else
		res_note_kind(res, NOTE_TRY, "stop sending on s%d once recv returns 0 (the "
			 "peer's FIN): the peer will read no more", s->id);
}

/* ---- the command table's explanations ----------------------------------------- */

void cmde_connect(struct stage *st, struct result *res)
{
	const struct stage_sock *s;

	if (res->kind == RES_FAIL && res->sock >= 0 &&
	    st->socks[res->sock]->family == AF_UNIX)
		whatif_unix_connect(st, res);
	if (res->kind != RES_FAIL || res->sock < 0 || !res->has_addr)
		return;
	s = st->socks[res->sock];
	if (res->err == ECONNREFUSED) {
		if (!whatif_host_refused(st, s, &res->addr, res))
			whatif_connect_refused(st, s, &res->addr, res);
	} else if (res->err == EADDRNOTAVAIL || res->err == EADDRINUSE) {
		whatif_connect_taken(st, s, res->port_before, &res->addr, res);
	} else {
		whatif_host_connect(st, s, &res->addr, res);
	}
}

/* send, sendto, recv */
void cmde_reset(struct stage *st, struct result *res)
{
	if (res->kind != RES_FAIL || res->sock < 0 ||
	    (res->err != ECONNRESET && res->err != EPIPE))
		return;
	whatif_reset(st, st->socks[res->sock], res->err, res);
}
