/* SPDX-License-Identifier: GPL-2.0-or-later */
/* whatif.c - explain EADDRINUSE on bind and listen: the kernel sockets in
 * the way (same protocol and port, overlapping addresses), the kernel's
 * rule, and what would have worked, found by trying: the same bind (and
 * listen) on throwaway sockets, in the same process, with the option
 * combinations that matter. A probe is closed at once, before any
 * connection can reach it: it leaves nothing in the kernel. */
#include "whatif.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "explain.h"
#include "stage_int.h"
#include "view.h"

#define WHY_ROWS 16

/* The failed call, as its explanation needs it. */
struct ask {
	struct stage *st;
	int proc;
	const struct stage_sock *s;
	struct sockaddr_storage addr;	/* bind: asked for; listen: its own */
	socklen_t len;
	bool listening;			/* listen failed, not bind */
	long uid;			/* the uid of the calling process */
	char label[16];			/* "s4" */
	struct diag_table snap;		/* the kernel, when it failed */
	struct diag_row rows[WHY_ROWS];	/* in the way: LISTEN rows first */
	int n;
	int more;			/* in the way too, not listed */
};

struct probe {
	int opts;		/* PROBE_* */
	const char *what;	/* as advice says it */
};

static bool has(const struct stage_sock *s, int opt)
{
	return s && (s->opts & (1u << opt));
}

long whatif_proc_uid(const struct stage *st, int proc)
{
	return st->procs[proc].uid >= 0 ? st->procs[proc].uid : (long)geteuid();
}

int whatif_port_range(int *lo, int *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%d %d", lo, hi);
	fclose(f);
	return n == 2 ? 0 : -1;
}

/* The options a stage socket set, as the explanation names them. */
static void opts_text(const struct stage_sock *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s",
		 has(s, OPT_REUSEADDR) ? "SO_REUSEADDR" : "no SO_REUSEADDR",
		 has(s, OPT_REUSEPORT) ? ", SO_REUSEPORT" : "",
		 has(s, OPT_V6ONLY) ? ", IPV6_V6ONLY" : "");
}

void whatif_why_row(struct stage *st, const struct diag_row *r, long uid,
		    struct result *res)
{
	const struct stage_sock *s = stage_sock_of_row(st, r);
	char local[80], peer[80], owner[96], opts[64] = "", extra[64] = "";

	view_format_local(r, local, sizeof(local));
	view_format_peer(r, peer, sizeof(peer));
	stage_owner(st, r, owner, sizeof(owner));
	if (s)
		opts_text(s, opts, sizeof(opts));
	if (res->nwhy < RESULT_WHY_ROWS)
		res->why_rows[res->nwhy++] = r->cookie;
	if (r->timer == DT_TIMEWAIT && !st->stable)
		snprintf(extra, sizeof(extra), ", %us left",
			 (r->expires_ms + 999) / 1000);
	else if (r->state != KS_TIME_WAIT &&
		 ((long)r->uid != uid || has(s, OPT_REUSEPORT)))
		snprintf(extra, sizeof(extra), ", uid %u", r->uid);
	res_note_kind(res, NOTE_WHY, "%s %s %s %s (%s%s%s%s)", view_netid(r),
		 view_state_name(r), local, peer, owner[0] ? owner : "not on stage",
		 opts[0] ? ": " : "", opts, extra);
}

/* ---- the rows in the way -------------------------------------------------- */

static bool in_the_way(const struct ask *a, const struct diag_row *r)
{
	int proto = a->s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;

	if (a->s->cookie && r->cookie == a->s->cookie)
		return false;		/* the socket itself (listen) */
	if (a->listening && r->state != KS_LISTEN)
		return false;		/* only listeners stop a listen */
	return explain_overlaps(r, proto, (const struct sockaddr *)&a->addr,
				has(a->s, OPT_V6ONLY));
}

/* The order rows in the way are listed in: listeners first, then the
 * stage's sockets by id, then the rest by ports, so that which ones are
 * listed when there are too many does not depend on the kernel's order. */
static int row_rank(const struct stage *st, const struct diag_row *r)
{
	const struct stage_sock *s = stage_sock_of_row(st, r);

	return s ? s->id : INT_MAX;
}

static int row_order(const void *pa, const void *pb, void *st)
{
	const struct diag_row *a = pa, *b = pb;
	int ra = row_rank(st, a), rb = row_rank(st, b);

	if ((a->state == KS_LISTEN) != (b->state == KS_LISTEN))
		return a->state == KS_LISTEN ? -1 : 1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->sport != b->sport)
		return a->sport < b->sport ? -1 : 1;
	return a->dport < b->dport ? -1 : a->dport > b->dport;
}

/* Fill a->rows from a fresh kernel view (the first WHY_ROWS in order;
 * a->more counts the others). Returns 0, or -1 (unreadable). */
static int find_rows(struct ask *a)
{
	struct stage *st = a->st;
	struct diag_row *all;
	size_t n = 0;
	char err[160];

	if (stage_snapshot(st, false, &a->snap, err, sizeof(err)) < 0)
		return -1;
	all = xcalloc(a->snap.n + 1, sizeof(*all));
	for (size_t i = 0; i < a->snap.n; i++)
		if (in_the_way(a, &a->snap.rows[i]))
			all[n++] = a->snap.rows[i];
	qsort_r(all, n, sizeof(*all), row_order, st);
	a->n = n < WHY_ROWS ? (int)n : WHY_ROWS;
	a->more = (int)n - a->n;
	memcpy(a->rows, all, (size_t)a->n * sizeof(*all));
	free(all);
	return 0;
}

static void explain_rows(struct ask *a, struct result *res)
{
	for (int i = 0; i < a->n; i++)
		whatif_why_row(a->st, &a->rows[i], a->uid, res);
	if (a->more)
		res_note_kind(res, NOTE_WHY, "and %d more socket%s in the way, not listed "
			 "(the first %d are)", a->more, a->more == 1 ? "" : "s",
			 WHY_ROWS);
	if (!a->n)
		res_note_kind(res, NOTE_WHY, "the kernel lists no socket in the way now (it "
			 "may have gone since)");
	if (a->listening)
		res_note_kind(res, NOTE_WHY, "only one socket may listen on an address and "
			 "port (a wildcard covers every address), unless all set "
			 "SO_REUSEPORT under the same user; SO_REUSEADDR lets them "
			 "bind, not listen");
	else
		res_note_kind(res, NOTE_WHY, "a bind may share a port with another socket "
			 "only if both set SO_REUSEADDR and neither listens, or "
			 "both set SO_REUSEPORT under the same user");
}

/* ---- probes ------------------------------------------------------------------ */

static int probe(struct ask *a, int opts, struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;

	stage_req_init(&req, WOP_PROBE_BIND, -1);
	req.a = a->s->family;
	req.b = a->s->type;
	req.c = opts | (a->listening ? PROBE_LISTEN : 0);
	req.addr = a->addr;
	req.addrlen = a->len;
	if (stage_call(a->st, a->proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return -1;
	return rep.ret == 0 ? 0 : rep.err;
}

/* The combinations worth trying: SO_REUSEADDR, SO_REUSEPORT, both; for an
 * IPv6 socket, IPV6_V6ONLY as well. */
static int probes_for(const struct stage_sock *s, struct probe *p)
{
	int n = 0;

	p[n++] = (struct probe){ PROBE_REUSEADDR, "SO_REUSEADDR" };
	p[n++] = (struct probe){ PROBE_REUSEPORT, "SO_REUSEPORT" };
	p[n++] = (struct probe){ PROBE_REUSEADDR | PROBE_REUSEPORT,
				 "SO_REUSEADDR and SO_REUSEPORT" };
	if (s->family == AF_INET6) {
		p[n++] = (struct probe){ PROBE_V6ONLY, "IPV6_V6ONLY" };
		p[n++] = (struct probe){ PROBE_V6ONLY | PROBE_REUSEADDR,
					 "IPV6_V6ONLY and SO_REUSEADDR" };
	}
	return n;
}

/* What the socket has already: a probe with only those says nothing new. */
static int probe_opts_of(const struct stage_sock *s)
{
	return (has(s, OPT_REUSEADDR) ? PROBE_REUSEADDR : 0) |
	       (has(s, OPT_REUSEPORT) ? PROBE_REUSEPORT : 0) |
	       (has(s, OPT_V6ONLY) ? PROBE_V6ONLY : 0);
}

/* A connection on its way to this port could land in a listening probe's
 * queue and be reset when the probe closes: then listen is not tried. */
static bool connect_pending(const struct ask *a)
{
	int port = addr_sa_port((const struct sockaddr *)&a->addr);

	for (size_t i = 0; i < a->snap.n; i++)
		if (a->snap.rows[i].state == KS_SYN_SENT &&
		    a->snap.rows[i].dport == port)
			return true;
	return false;
}

/* How many options a probe sets that the socket does not have already. */
static int new_opts(int opts, int have)
{
	return __builtin_popcount((unsigned)(opts & ~have));
}

/* Run the probes, one try: note each; 1 when one worked, 0 when none did,
 * -1 when the process died (res says so). Their conclusion, the advice,
 * comes after them all: the working probe that sets the fewest options
 * the socket does not have (the first of those in the order tried), so
 * that one option is advised when one is enough. */
static int run_probes(struct ask *a, struct result *res)
{
	struct probe p[8];
	int np = probes_for(a->s, p), have = probe_opts_of(a->s), best = -1;
	const char *works = a->listening ? "the bind and listen work" :
			    "the bind works";

	if (a->listening && connect_pending(a)) {
		res_note_kind(res, NOTE_TRY, "not probed: a connection to this port is "
			 "under way and could reach a probe");
		return 0;
	}
	for (int i = 0; i < np; i++) {
		int err;

		if ((p[i].opts | have) == have)
			continue;	/* nothing new to try */
		if ((err = probe(a, p[i].opts | have, res)) < 0)
			return -1;
		res_note_kind(res, NOTE_TRY, "%s with %s: %s", a->label, p[i].what,
			 err ? explain_errname(err) : works);
		if (!err && (best < 0 || new_opts(p[i].opts, have) <
					 new_opts(p[best].opts, have)))
			best = i;
	}
	if (best < 0)
		return 0;
	res_note_kind(res, NOTE_ADVICE, "set %s on %s before %s (tried: it works)",
		      p[best].what, a->label,
		      a->listening ? "its bind, then listen" : "bind");
	return 1;
}

/* ---- advice when no option on the failing socket helps ---------------------- */

/* An IPv6 wildcard that takes IPv4 as well, in the way of an IPv4 address. */
static bool dual_stack_row(const struct ask *a, const struct diag_row *r,
			   const struct stage_sock *s)
{
	return a->addr.ss_family == AF_INET && r->family == AF_INET6 &&
	       IN6_IS_ADDR_UNSPECIFIED(&r->src) && r->v6only != 1 &&
	       !has(s, OPT_V6ONLY);
}

/* A listener in the way. */
static void advise_listener(struct ask *a, const struct diag_row *r,
			    const struct stage_sock *s, struct result *res)
{
	char local[80];

	view_format_local(r, local, sizeof(local));
	if (!s) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps: %s is LISTENING (not "
			 "on stage); stop it or use another port", a->label, local);
	} else if (dual_stack_row(a, r, s)) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps: %s (s%d) is LISTENING "
			 "for IPv4 too (IPV6_V6ONLY off); set IPV6_V6ONLY on s%d "
			 "before its bind, or stop it, or use another port",
			 a->label, local, s->id, s->id);
	} else if (has(s, OPT_REUSEPORT) && (long)r->uid != a->uid) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps: %s (s%d) is LISTENING "
			 "with SO_REUSEPORT as uid %u, and %s runs as uid %ld: "
			 "SO_REUSEPORT shares a port only within one user; run "
			 "both as one user, or use another port", a->label, local,
			 s->id, r->uid, a->label, a->uid);
	} else if (!has(s, OPT_REUSEPORT) && (long)r->uid == a->uid) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s alone helps: %s is LISTENING "
			 "(s%d); set SO_REUSEPORT on both s%d and %s before bind "
			 "(both run as uid %ld), or stop s%d, or use another port",
			 a->label, local, s->id, s->id, a->label, a->uid, s->id);
	} else {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps: %s is LISTENING (s%d); "
			 "stop it or use another port", a->label, local, s->id);
	}
}

/* A connection (TIME-WAIT or still open) in the way: it came from an
 * accepted or connected socket, which inherits its listener's options. */
static void advise_connection(struct ask *a, const struct diag_row *r,
			      const struct stage_sock *s, struct result *res)
{
	char local[80], fix[64], wait[48] = "";

	view_format_local(r, local, sizeof(local));
	if (r->timer == DT_TIMEWAIT && a->st->stable)
		snprintf(wait, sizeof(wait), ", or wait until it ends");
	else if (r->timer == DT_TIMEWAIT)
		snprintf(wait, sizeof(wait), ", or wait %us",
			 (r->expires_ms + 999) / 1000);
	if (!s) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps: the %s on %s is not from "
			 "this stage%s", a->label, view_state_name(r), local,
			 wait[0] ? wait : ", close it or use another port");
		return;
	}
	if (s->listener)
		snprintf(fix, sizeof(fix), "on its listener s%d", s->listener);
	else
		snprintf(fix, sizeof(fix), "on s%d", s->id);
	res_note_kind(res, NOTE_ADVICE, "no option on %s helps: the %s on %s came from s%d, "
		 "which did not set SO_REUSEADDR; set it %s too, in both runs "
		 "(SO_REUSEPORT on both works too)%s",
		 a->label, view_state_name(r), local, s->id, fix, wait);
}

/* A socket that is only bound (TCP) or a UDP socket in the way. */
static void advise_bound(struct ask *a, const struct diag_row *r,
			 const struct stage_sock *s, struct result *res)
{
	char local[80], port[48] = "", v6[48] = "";

	view_format_local(r, local, sizeof(local));
	if (!s || has(s, OPT_REUSEADDR)) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps: %s is held by %s; close "
			 "it or use another port", a->label, local,
			 s ? "a socket above" : "a socket not on stage");
		return;
	}
	if ((long)r->uid == a->uid)
		snprintf(port, sizeof(port), ", or SO_REUSEPORT on both");
	if (dual_stack_row(a, r, s))
		snprintf(v6, sizeof(v6), ", or IPV6_V6ONLY on s%d", s->id);
	res_note_kind(res, NOTE_ADVICE, "no option on %s alone helps: s%d holds %s without "
		 "SO_REUSEADDR; set SO_REUSEADDR on both s%d and %s before bind%s%s%s",
		 a->label, s->id, local, s->id, a->label,
		 r->proto == IPPROTO_TCP ? " (then only one of them may listen)" : "",
		 port, v6);
}

static void advise_none(struct ask *a, struct result *res)
{
	const struct diag_row *r;
	const struct stage_sock *s;

	if (!a->n) {
		res_note_kind(res, NOTE_ADVICE, "no option on %s helps now: nothing the kernel "
			 "lists is in the way; try the call again", a->label);
		return;
	}
	r = &a->rows[0];	/* the listener when there is one */
	s = stage_sock_of_row(a->st, r);
	if (r->state == KS_LISTEN)
		advise_listener(a, r, s, res);
	else if (r->proto == IPPROTO_TCP && r->state != KS_CLOSE)
		advise_connection(a, r, s, res);
	else
		advise_bound(a, r, s, res);
}

/* ---- port 0: no free port ------------------------------------------------------ */

static void explain_no_port(struct ask *a, struct result *res)
{
	int lo, hi;

	if (whatif_port_range(&lo, &hi) < 0)
		return;
	res_note_kind(res, NOTE_WHY, "port 0 asks the kernel for a free port of "
		 "net.ipv4.ip_local_port_range %d-%d (%d ports), and none is "
		 "free for this address", lo, hi, hi - lo + 1);
	res_note_kind(res, NOTE_TRY, "close sockets that hold ports in that range, wait "
		 "for their TIME-WAIT to end, or widen net.ipv4.ip_local_port_range");
}

/* bind or listen failed with EADDRINUSE. For bind, addr is the address
 * asked for; for listen, the socket's own. */
static void whatif_addr_in_use(struct stage *st, int proc,
			const struct stage_sock *s,
			const struct sockaddr_storage *addr, bool listening,
			struct result *res)
{
	struct ask a = { .st = st, .proc = proc, .s = s, .addr = *addr,
			 .listening = listening };
	int worked;

	a.len = addr->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
					      sizeof(struct sockaddr_in);
	a.uid = whatif_proc_uid(st, proc);
	snprintf(a.label, sizeof(a.label), "s%d", s->id);
	if (!addr_sa_port((const struct sockaddr *)addr)) {
		explain_no_port(&a, res);
		return;
	}
	if (find_rows(&a) == 0) {
		explain_rows(&a, res);
		if ((worked = run_probes(&a, res)) == 0)
			advise_none(&a, res);
	}
	diag_table_free(&a.snap);
}

/* ---- the command table's explanations ----------------------------------------- */

void cmde_bind(struct stage *st, struct result *res)
{
	if (res->kind == RES_FAIL && res->sock >= 0 &&
	    st->socks[res->sock]->family == AF_UNIX)
		whatif_unix_bind(st, res);
	if (res->kind != RES_FAIL || res->sock < 0 || !res->has_addr)
		return;
	if (res->err == EADDRINUSE)
		whatif_addr_in_use(st, res->proc, st->socks[res->sock], &res->addr,
				   false, res);
	else if (res->err == EADDRNOTAVAIL)
		whatif_bind_not_local(&res->addr, res);
	else if (res->err == EACCES)
		whatif_bind_access(&res->addr, res);
}

void cmde_listen(struct stage *st, struct result *res)
{
	const struct stage_sock *s;

	if (res->kind != RES_FAIL || res->sock < 0 || res->err != EADDRINUSE)
		return;
	s = st->socks[res->sock];
	if (ep_is_set(&s->local)) {
		struct sockaddr_storage own;

		ep_to_sockaddr(&s->local, &own);
		whatif_addr_in_use(st, res->proc, s, &own, true, res);
	}
}
