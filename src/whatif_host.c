/* SPDX-License-Identifier: GPL-2.0-or-later */
/* whatif_host.c - a connect between the stage's hosts that failed, told
 * from what crossed the wire and from the hosts' kernels: ETIMEDOUT (each
 * SYN sent, what the wire did with it, and the sysctl that set how many),
 * EHOSTUNREACH (no host on the wire has the address), ENETUNREACH (no
 * route, or a source address the host does not have: IP_FREEBIND),
 * ECONNREFUSED (the host whose kernel answered with a RST). */
#include "whatif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "stage_int.h"
#include "view.h"
#include "wire.h"

/* A sockaddr's family and address, as a segment holds them. */
static int sa_inet(const struct sockaddr_storage *ss, struct in6_addr *a,
		   int *port)
{
	memset(a, 0, sizeof(*a));
	*port = addr_sa_port((const struct sockaddr *)ss);
	if (ss->ss_family == AF_INET)
		memcpy(a, &((const struct sockaddr_in *)ss)->sin_addr, 4);
	else if (ss->ss_family == AF_INET6)
		*a = ((const struct sockaddr_in6 *)ss)->sin6_addr;
	else
		return -1;
	return ss->ss_family;
}

/* The host that has the address of ss, -1 none. */
static int host_of_sa(const struct stage *st, const struct sockaddr_storage *ss)
{
	struct in6_addr a;
	int port, family = sa_inet(ss, &a, &port);

	return family < 0 ? -1 : stage_host_of(st, family, &a);
}

static int proc_host(const struct stage *st, const struct stage_sock *s)
{
	return s->nholders ? st->procs[s->holders[0].proc].host : 0;
}

/* ---- ETIMEDOUT ---------------------------------------------------------------- */

/* Is e a SYN from s's end to dest (its sending, not its delivery)? */
static bool syn_of(const struct wire_entry *e, const struct in6_addr *me,
		   int myport, const struct in6_addr *to, int toport)
{
	const struct segment *g = &e->s;
	size_t n = g->family == AF_INET ? 4 : 16;

	return g->proto == IPPROTO_TCP && (g->flags & SEG_SYN) &&
	       !(g->flags & SEG_ACK) && g->sport == myport &&
	       g->dport == toport && !memcmp(&g->src, me, n) &&
	       !memcmp(&g->dst, to, n) && e->fate != RF_DELIVERED &&
	       e->fate != RF_DUP;
}

struct syns {
	int n, lost, held, passed;
	char when[160];		/* "0, 1.0 s, 3.0 s" */
};

static void count_syns(struct stage *st, const struct stage_sock *s,
		       const struct in6_addr *to, int toport, struct syns *c)
{
	struct sockaddr_storage own;
	struct in6_addr me;
	long long first = -1;
	size_t off = 0;
	int myport;

	memset(c, 0, sizeof(*c));
	ep_to_sockaddr(&s->local, &own);
	if (!st->wire || sa_inet(&own, &me, &myport) < 0)
		return;
	for (unsigned long long i = wire_oldest(st->wire); i < st->wire->total; i++) {
		const struct wire_entry *e = wire_entry(st->wire, i);

		if (!syn_of(e, &me, myport, to, toport))
			continue;
		if (first < 0)
			first = e->s.us;
		c->n++;
		c->lost += e->fate == RF_DROPPED || e->fate == RF_DOWN ||
			   e->fate == RF_NOHOST;
		c->held += e->fate == RF_HELD;
		c->passed += e->fate == RF_PASSED || e->fate == RF_DELAYED;
		if (off < sizeof(c->when))
			off += (size_t)snprintf(c->when + off, sizeof(c->when) - off,
						"%s%.1f s", off ? ", " : "",
						(double)(e->s.us - first) / 1e6);
	}
}

static void syn_fates(const struct syns *c, struct result *res)
{
	if (c->lost == c->n)
		res_note_kind(res, NOTE_WHY, "the wire lost every one of them "
			      "(dropped, the wire down, or no host with that "
			      "address): none reached a peer");
	else if (c->held + c->lost == c->n)
		res_note_kind(res, NOTE_WHY, "the wire held %d of them and lost "
			      "%d: none was let through in time", c->held, c->lost);
	else
		res_note_kind(res, NOTE_WHY, "%d of them crossed the wire, and no "
			      "SYN+ACK came back in time", c->passed);
}

/* " (1 + 2 + 4 = 7 s)" for 2 retries: the initial timeout (1 s) and
 * each retry's doubled one; "" when retries is not a small number. */
static void budget_text(const char *retries, char *buf, size_t len)
{
	char *end;
	long r = strtol(retries, &end, 10);
	size_t off;

	buf[0] = '\0';
	if (end == retries || *end || r < 1 || r > 6)
		return;
	off = (size_t)snprintf(buf, len, " (");
	for (long i = 0; i <= r && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%ld",
					i ? " + " : "", 1L << i);
	if (off < len)
		snprintf(buf + off, len - off, " = %ld s)", (2L << r) - 1);
}

static void syn_timeout(struct stage *st, const struct stage_sock *s,
			const struct sockaddr_storage *dest, struct result *res)
{
	char retries[32], linear[32], budget[64], to[80];
	struct in6_addr a;
	struct syns c;
	int port, h = proc_host(st, s);

	if (sa_inet(dest, &a, &port) < 0)
		return;
	if (st->wire)
		wire_sync(st->wire);	/* the retries sent while it waited */
	count_syns(st, s, &a, port, &c);
	if (stage_sysctl_read(st, h, "net.ipv4.tcp_syn_retries", retries,
			      sizeof(retries)) < 0)
		str_copy(retries, "?", sizeof(retries));
	addr_format_sa((const struct sockaddr *)dest, to, sizeof(to));
	if (stage_sysctl_read(st, h, "net.ipv4.tcp_syn_linear_timeouts", linear,
			      sizeof(linear)) < 0)
		str_copy(linear, "?", sizeof(linear));
	if (c.n == 1)
		res_note_kind(res, NOTE_WHY, "s%d sent its SYN to %s once", s->id, to);
	else if (c.n && st->stable)
		res_note_kind(res, NOTE_WHY, "s%d sent its SYN to %s %d times: once, "
			      "then again each time its timer ran out", s->id,
			      to, c.n);
	else if (c.n)
		res_note_kind(res, NOTE_WHY, "s%d sent its SYN to %s %d times, at "
			      "%s: once, then again each time its timer ran out",
			      s->id, to, c.n, c.when);
	if (c.n)
		syn_fates(&c, res);
	if (strcmp(linear, "?"))
		res_note_kind(res, NOTE_WHY, "net.ipv4.tcp_syn_linear_timeouts is "
			      "%s on host %s: after the first timeout (1 s) the "
			      "next %s stay as long; then each timeout doubles",
			      linear, st->hosts[h].h.name, linear);
	budget_text(retries, budget, sizeof(budget));
	res_note_kind(res, NOTE_WHY, "net.ipv4.tcp_syn_retries is %s on host %s: "
		      "the kernel gives up with ETIMEDOUT when its timer runs "
		      "out after the time that many retries with doubling "
		      "timeouts take%s", retries, st->hosts[h].h.name, budget);
	res_note_kind(res, NOTE_TRY, "let the SYN through (wire up, wire release, "
		      "no drop), or raise tcp_syn_retries to wait longer");
}

/* ---- unreachable ---------------------------------------------------------------- */

static void hosts_list(const struct stage *st, char *buf, size_t len)
{
	size_t off = 0;
	char one[160];

	buf[0] = '\0';
	for (int i = 0; i < st->nhosts && off < len; i++) {
		stage_host_text(st, i, one, sizeof(one));
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					i ? "; " : "", one);
	}
}

/* The address s is bound to, in buf, when host h does not have it (not
 * a wildcard, not loopback): IP_FREEBIND let the bind through. */
static bool bound_elsewhere(const struct stage *st, const struct stage_sock *s,
			    int h, char *buf, size_t len)
{
	struct in_addr v4;
	struct in6_addr a;
	int family;

	if (!ep_is_inet(&s->local) || ep_any(&s->local))
		return false;
	memset(&a, 0, sizeof(a));
	if (ep_v4(&s->local, &v4)) {
		family = AF_INET;
		memcpy(&a, &v4, 4);
		if ((ntohl(v4.s_addr) >> 24) == 127)
			return false;
	} else {
		family = AF_INET6;
		a = s->local.v6;
		if (IN6_IS_ADDR_LOOPBACK(&a))
			return false;
	}
	if (host_has(&st->hosts[h].h, family, &a))
		return false;
	inet_ntop(family, &a, buf, (socklen_t)len);
	return true;
}

static void unreachable(struct stage *st, const struct stage_sock *s,
			const struct sockaddr_storage *dest, int err,
			struct result *res)
{
	char to[INET6_ADDRSTRLEN] = "?", from[INET6_ADDRSTRLEN], hosts[400];
	int h = proc_host(st, s), port, family;
	struct in6_addr a;

	if ((family = sa_inet(dest, &a, &port)) > 0)
		inet_ntop(family, &a, to, sizeof(to));
	if (err == ENETUNREACH && bound_elsewhere(st, s, h, from, sizeof(from))) {
		res_note_kind(res, NOTE_WHY, "s%d is bound to %s, which host %s "
			      "does not have (IP_FREEBIND let the bind through): "
			      "the kernel sends nothing from an address its "
			      "host does not have", s->id, from,
			      st->hosts[h].h.name);
		res_note_kind(res, NOTE_TRY, "bind an address of host %s, or "
			      "0.0.0.0 to let the route choose", st->hosts[h].h.name);
		return;
	}
	hosts_list(st, hosts, sizeof(hosts));
	if (err == ENETUNREACH)
		res_note_kind(res, NOTE_WHY, "host %s has no route to %s: its "
			      "routes go to the subnets on the stage's wire "
			      "only", st->hosts[h].h.name, to);
	else
		res_note_kind(res, NOTE_WHY, "no host on the stage's wire has "
			      "%s: the wire answered the SYN with ICMP host "
			      "unreachable, as a router does", to);
	res_note_kind(res, NOTE_WHY, "the hosts: %s", hosts);
	res_note_kind(res, NOTE_TRY, "connect to a host's address, or make a "
		      "host with that address (host NAME ADDR/PREFIX)");
}

/* ---- refused ------------------------------------------------------------------------ */

/* A RST from the destination to s's end crossed the wire (its sending):
 * the host it came from, or -1. */
static int rst_from(const struct stage *st, int port)
{
	if (!st->wire)
		return -1;
	for (unsigned long long i = st->wire->total; i-- > wire_oldest(st->wire);) {
		const struct wire_entry *e = wire_entry(st->wire, i);

		if (e->s.proto == IPPROTO_TCP && (e->s.flags & SEG_RST) &&
		    e->s.sport == port && e->from >= 0)
			return e->from;
	}
	return -1;
}

bool whatif_host_refused(struct stage *st, const struct stage_sock *s,
			 const struct sockaddr_storage *dest, struct result *res)
{
	int h = host_of_sa(st, dest), port, n = 0, from;
	char err[160], local[80], owner[96], to[80];
	struct diag_table snap = { 0 };
	struct in6_addr a;

	if (st->nhosts < 2 || h < 0 || h == proc_host(st, s) ||
	    sa_inet(dest, &a, &port) < 0 ||
	    stage_snapshot(st, false, &snap, err, sizeof(err)) < 0) {
		diag_table_free(&snap);
		return false;
	}
	addr_format_sa((const struct sockaddr *)dest, to, sizeof(to));
	for (size_t i = 0; i < snap.n; i++) {
		const struct diag_row *r = &snap.rows[i];

		if (r->host != h || r->proto != IPPROTO_TCP ||
		    r->state != KS_LISTEN || r->sport != port)
			continue;
		view_format_local(r, local, sizeof(local));
		stage_owner(st, r, owner, sizeof(owner));
		res_note_kind(res, NOTE_WHY, "on host %s port %d listens only on %s "
			      "(%s)", st->hosts[h].h.name, port, local,
			      owner[0] ? owner : "not on stage");
		n++;
	}
	from = rst_from(st, port);
	if (!n)
		res_note_kind(res, NOTE_WHY, "nothing listens on port %d on host %s: "
			      "its kernel answered the SYN with a RST%s", port,
			      st->hosts[h].h.name, from == h ?
			      " (it crossed the wire)" : "");
	res_note_kind(res, NOTE_TRY, "%s", n ? "connect to an address it listens "
		      "on" : "listen on that port on that host first (spawn a "
		      "process on it: spawn NAME on HOST)");
	diag_table_free(&snap);
	return true;
}

void whatif_host_connect(struct stage *st, const struct stage_sock *s,
			 const struct sockaddr_storage *dest, struct result *res)
{
	if (st->nhosts < 2)
		return;
	if (res->err == ETIMEDOUT)
		syn_timeout(st, s, dest, res);
	else if (res->err == EHOSTUNREACH || res->err == ENETUNREACH)
		unreachable(st, s, dest, res->err, res);
}
