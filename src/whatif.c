/* whatif.c - explain a failed bind: the kernel sockets in the way (same
 * protocol and port, overlapping addresses), and what would have worked,
 * found by trying: the same bind on throwaway sockets, in the same process,
 * with the option combinations that matter. A probe binds and closes at
 * once, never listens: it leaves nothing in the kernel. */
#include "stage.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "explain.h"
#include "stage_int.h"
#include "view.h"

struct probe {
	int opts;		/* PROBE_* */
	const char *what;	/* as advice says it */
	int err;		/* 0: the bind worked */
};

/* The options a stage socket set, as the explanation names them. */
static void opts_text(unsigned opts, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s",
		 opts & (1u << OPT_REUSEADDR) ? "SO_REUSEADDR" : "no SO_REUSEADDR",
		 opts & (1u << OPT_REUSEPORT) ? ", SO_REUSEPORT" : "",
		 opts & (1u << OPT_V6ONLY) ? ", IPV6_V6ONLY" : "");
}

/* One conflicting row: its state, addresses, owner, and what the stage
 * knows of the socket behind it (its options, its process's uid). */
static void why_row(struct stage *st, const struct diag_row *r,
		    struct result *res)
{
	const struct stage_sock *s = stage_sock_of_row(st, r);
	char local[80], peer[80], owner[96], opts[64] = "", extra[64] = "";

	view_format_local(r, local, sizeof(local));
	view_format_peer(r, peer, sizeof(peer));
	stage_owner(st, r, owner, sizeof(owner));
	if (s)
		opts_text(s->opts, opts, sizeof(opts));
	if (r->timer == DT_TIMEWAIT)
		snprintf(extra, sizeof(extra), ", %us left",
			 (r->expires_ms + 999) / 1000);
	res_note(res, "why: %s %s %s %s (%s%s%s%s)", view_netid(r),
		 view_state_name(r), local, peer, owner[0] ? owner : "not on stage",
		 opts[0] ? ": " : "", opts, extra);
}

static int probe_bind(struct stage *st, int proc, const struct stage_sock *s,
		      const struct sockaddr_storage *addr, socklen_t len,
		      int opts, struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;

	stage_req_init(&req, WOP_PROBE_BIND, -1);
	req.a = s->family;
	req.b = s->type;
	req.c = opts;
	req.addr = *addr;
	req.addrlen = len;
	if (stage_call(st, proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return -1;
	return rep.ret == 0 ? 0 : rep.err;
}

/* The combinations worth trying for this socket: SO_REUSEADDR,
 * SO_REUSEPORT, both; for an IPv6 socket, IPV6_V6ONLY on as well. */
static int probes_for(const struct stage_sock *s, struct probe *p)
{
	int n = 0;

	p[n++] = (struct probe){ PROBE_REUSEADDR, "SO_REUSEADDR", 0 };
	p[n++] = (struct probe){ PROBE_REUSEPORT, "SO_REUSEPORT", 0 };
	p[n++] = (struct probe){ PROBE_REUSEADDR | PROBE_REUSEPORT,
				 "SO_REUSEADDR and SO_REUSEPORT", 0 };
	if (s->family == AF_INET6) {
		p[n++] = (struct probe){ PROBE_V6ONLY, "IPV6_V6ONLY", 0 };
		p[n++] = (struct probe){ PROBE_V6ONLY | PROBE_REUSEADDR,
					 "IPV6_V6ONLY and SO_REUSEADDR", 0 };
	}
	return n;
}

/* What the socket has already: a probe with only those options says
 * nothing new. */
static int has_opts(const struct stage_sock *s)
{
	return (s->opts & (1u << OPT_REUSEADDR) ? PROBE_REUSEADDR : 0) |
	       (s->opts & (1u << OPT_REUSEPORT) ? PROBE_REUSEPORT : 0) |
	       (s->opts & (1u << OPT_V6ONLY) ? PROBE_V6ONLY : 0);
}

/* No option on the new socket helps: say why, from the rows in the way. */
static void advise_none(struct stage *st, const struct diag_row *rows,
			int n, const char *label, struct result *res)
{
	for (int i = 0; i < n; i++) {
		const struct diag_row *r = &rows[i];
		const struct stage_sock *s = stage_sock_of_row(st, r);
		char local[80];

		view_format_local(r, local, sizeof(local));
		if (r->state == KS_LISTEN) {
			char who[32] = "";

			if (s)
				snprintf(who, sizeof(who), " (s%d)", s->id);
			res_note(res, "try: no option on %s helps: %s is LISTENING%s; "
				 "stop it or use another port", label, local, who);
			return;
		}
		if (s && !(s->opts & (1u << OPT_REUSEADDR))) {
			char fix[64], wait[48] = "";

			/* an accepted socket inherits its listener's options */
			if (s->listener)
				snprintf(fix, sizeof(fix), "on its listener s%d",
					 s->listener);
			else
				snprintf(fix, sizeof(fix), "on s%d", s->id);
			if (r->timer == DT_TIMEWAIT)
				snprintf(wait, sizeof(wait), ", or wait %us",
					 (r->expires_ms + 999) / 1000);
			res_note(res, "try: no option on %s helps: the %s on %s came "
				 "from s%d, which did not set SO_REUSEADDR; set it %s "
				 "too, in both runs%s", label, view_state_name(r),
				 local, s->id, fix, wait);
			return;
		}
	}
	res_note(res, "try: no option on %s helps here: close the sockets above "
		 "or use another port", label);
}

void whatif_bind(struct stage *st, int proc, const struct stage_sock *s,
		 const struct sockaddr_storage *addr, socklen_t len,
		 struct result *res)
{
	struct diag_row rows[16];
	struct probe p[8];
	char err[160], label[16];
	int n = 0, np, worked = 0, have = has_opts(s);
	int proto = s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	bool v6only = (s->opts & (1u << OPT_V6ONLY)) != 0;

	snprintf(label, sizeof(label), "s%d", s->id);
	if (stage_read_view(st, false, err, sizeof(err)) < 0)
		return;
	for (size_t i = 0; i < st->table.n && n < (int)ARRAY_LEN(rows); i++)
		if (explain_overlaps(&st->table.rows[i], proto,
				     (const struct sockaddr *)addr, v6only))
			rows[n++] = st->table.rows[i];
	for (int i = 0; i < n; i++)
		why_row(st, &rows[i], res);
	if (!n)
		res_note(res, "why: the kernel lists no socket in the way now (it "
			 "may have gone since)");
	res_note(res, "why: a bind may share a port with another socket only if "
		 "both set SO_REUSEADDR and neither listens, or both set "
		 "SO_REUSEPORT under the same user");
	np = probes_for(s, p);
	for (int i = 0; i < np; i++) {
		if ((p[i].opts | have) == have)
			continue;	/* nothing new to try */
		p[i].err = probe_bind(st, proc, s, addr, len, p[i].opts | have, res);
		if (p[i].err < 0)
			return;		/* the process died: res says so */
		res_note(res, "try: %s with %s: %s", label, p[i].what,
			 p[i].err ? explain_errname(p[i].err) : "the bind works");
		if (!p[i].err && !worked++)
			res_note(res, "try: set %s on %s before bind (tried: it works)",
				 p[i].what, label);
	}
	if (!worked)
		advise_none(st, rows, n, label, res);
}

/* connect refused: what does listen on that port (other addresses), or
 * nothing at all. */
void whatif_connect_refused(struct stage *st, const struct stage_sock *s,
			    const struct sockaddr_storage *addr,
			    struct result *res)
{
	int port = addr_sa_port((const struct sockaddr *)addr), n = 0;
	int proto = s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	char err[160], local[80], owner[96];

	if (proto != IPPROTO_TCP || stage_read_view(st, false, err, sizeof(err)) < 0)
		return;
	for (size_t i = 0; i < st->table.n; i++) {
		const struct diag_row *r = &st->table.rows[i];

		if (r->proto != proto || r->state != KS_LISTEN || r->sport != port)
			continue;
		view_format_local(r, local, sizeof(local));
		stage_owner(st, r, owner, sizeof(owner));
		res_note(res, "why: port %d listens only on %s (%s)", port, local,
			 owner[0] ? owner : "not on stage");
		n++;
	}
	if (!n)
		res_note(res, "why: nothing listens on port %d: the kernel answered "
			 "the SYN with a RST", port);
	else
		res_note(res, "try: connect to an address it listens on, or bind "
			 "the listener to a wildcard (0.0.0.0 or [::])");
}

/* bind refused with EACCES: a port below net.ipv4.ip_unprivileged_port_start
 * needs CAP_NET_BIND_SERVICE. */
void whatif_bind_access(const struct sockaddr_storage *addr,
			struct result *res)
{
	int port = addr_sa_port((const struct sockaddr *)addr), start = -1;
	FILE *f = fopen("/proc/sys/net/ipv4/ip_unprivileged_port_start", "r");

	if (f) {
		if (fscanf(f, "%d", &start) != 1)
			start = -1;
		fclose(f);
	}
	if (start < 0 || port >= start)
		return;
	res_note(res, "why: port %d is below net.ipv4.ip_unprivileged_port_start "
		 "(%d): binding it needs CAP_NET_BIND_SERVICE", port, start);
	res_note(res, "try: a port from %d up, or this process as root (or with "
		 "CAP_NET_BIND_SERVICE), or a lower ip_unprivileged_port_start "
		 "in this namespace", start);
}
