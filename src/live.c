/* SPDX-License-Identifier: GPL-2.0-or-later */
/* live.c - the stage's kernel view at the refresh rate whatever the size
 * of the kernel's table (live.h). A dump of the ports in play makes the
 * kernel walk every socket of the namespace (a port filter only chooses
 * which of them it writes out): with a million TIME-WAIT sockets that is
 * a third of a second. An exact lookup is a hash lookup. So each read
 * looks up the stage's own sockets, and the ends of their connections,
 * and keeps the other rows of the last dump; the dump runs again when
 * the CPU it cost fits LIVE_DUMP_BUDGET. Sockets an exact lookup cannot
 * find (a TCP socket that is only bound, one listener or UDP socket of
 * several sharing a port) come from dumps that do not walk the table of
 * connections: of listeners alone, of bound-only sockets alone, of UDP. */
#include "live.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stage.h"
#include "stage_int.h"
#include "util.h"

struct live {
	struct diag_table dumped;	/* inet rows of the last dump */
	long long dumped_ms;		/* when it ended, 0 never */
	long long due_ms;		/* when the next one is due */
	uint16_t *ports;		/* the ports it covered */
	int nports;
	struct diag_table fresh;	/* rows read exactly this time */
	struct diag_table keys;		/* ends looked up this time */
	struct diag_table part;		/* a partial dump's rows */
	struct diag_table gone;		/* destroyed: look up again */
	struct diag_table dropped;	/* dumped rows found gone since */
	unsigned char *closed;		/* stage ids whose socket is gone for
					   good (closed, and not found) */
	int capclosed;
};

struct live *live_new(void)
{
	return xcalloc(1, sizeof(struct live));
}

void live_free(struct live *lv)
{
	if (!lv)
		return;
	diag_table_free(&lv->dumped);
	diag_table_free(&lv->fresh);
	diag_table_free(&lv->keys);
	diag_table_free(&lv->part);
	diag_table_free(&lv->gone);
	diag_table_free(&lv->dropped);
	free(lv->ports);
	free(lv->closed);
	free(lv);
}

long long live_dumped_ms(const struct live *lv)
{
	return lv->dumped_ms;
}

static void push(struct diag_table *t, const struct diag_row *r)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->rows = xrealloc(t->rows, t->cap * sizeof(*t->rows));
	}
	t->rows[t->n++] = *r;
}

void live_gone(struct live *lv, const struct diag_row *r)
{
	if (!r || lv->gone.n >= 4096)
		lv->due_ms = 0;		/* lost count: dump */
	else if (r->family != AF_UNIX)
		push(&lv->gone, r);
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* ---- the dump ----------------------------------------------------------------- */

static bool same_ports(const struct live *lv, const struct stage *st)
{
	return lv->nports == st->nports &&
	       (!st->nports || memcmp(lv->ports, st->ports,
				      (size_t)st->nports * sizeof(*st->ports)) == 0);
}

static void keep_dump(struct live *lv, const struct stage *st)
{
	lv->dumped.n = 0;
	for (size_t i = 0; i < st->table.n; i++)
		if (st->table.rows[i].family != AF_UNIX)
			push(&lv->dumped, &st->table.rows[i]);
	lv->ports = xrealloc(lv->ports, ((size_t)st->nports + 1) *
			     sizeof(*lv->ports));
	if (st->nports)
		memcpy(lv->ports, st->ports, (size_t)st->nports *
		       sizeof(*st->ports));
	lv->nports = st->nports;
	lv->gone.n = 0;
	lv->dropped.n = 0;
}

/* The whole view from a dump; the next is due when the CPU this one
 * took fits the budget. */
static int read_dump(struct live *lv, struct stage *st, char *err,
		     size_t errlen)
{
	double cost = cpu_ms();

	if (stage_read_view(st, false, err, errlen) < 0)
		return -1;
	cost = cpu_ms() - cost;
	keep_dump(lv, st);
	lv->dumped_ms = now_ms();
	/* a small table's dump is cheaper than keeping rows apart: every
	   read dumps, as without exact lookups */
	lv->due_ms = cost < LIVE_DUMP_FREE_MS ? lv->dumped_ms :
		     lv->dumped_ms + (long long)(cost / LIVE_DUMP_BUDGET);
	return 1;
}

/* ---- exact lookups ------------------------------------------------------------ */

/* An end into a row's address (IPv4 in the first word; an IPv4 end of
 * an IPv6 socket as the mapped address) and port. */
static void put_end(const struct endpoint *e, int family, struct in6_addr *a,
		    uint16_t *port)
{
	memset(a, 0, sizeof(*a));
	*port = (uint16_t)ep_port(e);
	if (e->kind == EP_INET4 && family == AF_INET) {
		memcpy(a, &e->v4, sizeof(e->v4));
	} else if (e->kind == EP_INET4) {
		a->s6_addr[10] = a->s6_addr[11] = 0xff;
		memcpy(&a->s6_addr[12], &e->v4, sizeof(e->v4));
	} else if (e->kind == EP_INET6) {
		*a = e->v6;
	}
}

/* A stage socket's ends as a lookup's key; false when it has none the
 * kernel could have (not bound, not TCP or UDP). */
static bool sock_key(const struct stage_sock *s, struct diag_row *k)
{
	memset(k, 0, sizeof(*k));
	if ((s->family != AF_INET && s->family != AF_INET6) ||
	    !ep_is_inet(&s->local) || !ep_port(&s->local))
		return false;
	if (s->type != SOCK_STREAM && s->type != SOCK_DGRAM)
		return false;
	k->family = (uint8_t)s->family;
	k->proto = s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	put_end(&s->local, s->family, &k->src, &k->sport);
	if (ep_is_inet(&s->peer))
		put_end(&s->peer, s->family, &k->dst, &k->dport);
	if (s->local.kind == EP_INET6)
		k->ifindex = s->local.scope;
	k->cookie = s->cookie;
	return true;
}

static bool same_ends(const struct diag_row *a, const struct diag_row *b)
{
	return a->proto == b->proto && a->family == b->family &&
	       a->sport == b->sport && a->dport == b->dport &&
	       !memcmp(&a->src, &b->src, sizeof(a->src)) &&
	       !memcmp(&a->dst, &b->dst, sizeof(a->dst));
}

static bool has_cookie(const struct diag_table *t, uint64_t cookie)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].cookie == cookie)
			return true;
	return false;
}

/* Look key up; a row found joins lv->fresh (once). 1 found, 0 not, -1
 * error. */
static int look(struct live *lv, struct diag *d, const struct diag_row *key,
		char *err, size_t errlen)
{
	struct diag_row r;
	int rc;

	/* a peer's ends (no cookie): the dump's row of them is this
	   lookup's to keep or drop; a stage socket's rows go by cookie (its
	   ends may be another's too: a listener sharing its port) */
	if (!key->cookie)
		push(&lv->keys, key);
	rc = diag_lookup(d, key, &r, err, errlen);
	if (rc == 1 && !has_cookie(&lv->fresh, r.cookie))
		push(&lv->fresh, &r);
	return rc;
}

static bool was_closed(const struct live *lv, int id)
{
	return id < lv->capclosed && lv->closed[id];
}

static void set_closed(struct live *lv, int id)
{
	if (id >= lv->capclosed) {
		int cap = id * 2 + 16;

		lv->closed = xrealloc(lv->closed, (size_t)cap);
		memset(lv->closed + lv->capclosed, 0,
		       (size_t)(cap - lv->capclosed));
		lv->capclosed = cap;
	}
	lv->closed[id] = 1;
}

/* What a stage socket the lookup did not find needs: a dump of
 * listeners, of bound-only sockets, or of UDP, on its port. */
struct partial {
	struct diag_filter listen, bound, udp;
};

static void want_port(struct diag_filter *f, uint16_t port)
{
	for (size_t i = 0; i < f->nports; i++)
		if (f->ports[i] == port)
			return;
	if (f->nports < DIAG_MAX_PORTS)
		f->ports[f->nports++] = port;
}

static void not_found(struct live *lv, const struct stage_sock *s,
		      const struct diag_row *k, struct partial *p)
{
	if (!s->nholders) {
		set_closed(lv, s->id);	/* its TIME-WAIT, if any, is over */
		return;
	}
	if (k->proto == IPPROTO_UDP)
		want_port(&p->udp, k->sport);
	else if (s->belief == SB_LISTENING)
		want_port(&p->listen, k->sport);
	else
		want_port(&p->bound, k->sport);
}

/* The other end of a TCP connection on this machine, when no stage
 * socket is that end (it is then looked up on its own). */
static bool peer_on_stage(const struct stage *st, const struct diag_row *k)
{
	for (int i = 0; i < st->nsocks; i++) {
		const struct stage_sock *o = st->socks[i];

		if (o->nholders && ep_port(&o->local) == k->dport &&
		    ep_port(&o->peer) == k->sport)
			return true;
	}
	return false;
}

static int look_peer(struct live *lv, const struct stage *st, struct diag *d,
		     const struct diag_row *k, char *err, size_t errlen)
{
	struct diag_row rev = *k;

	if (k->proto != IPPROTO_TCP || !k->dport || peer_on_stage(st, k))
		return 0;
	rev.src = k->dst;
	rev.dst = k->src;
	rev.sport = k->dport;
	rev.dport = k->sport;
	rev.cookie = 0;
	return look(lv, d, &rev, err, errlen) < 0 ? -1 : 0;
}

static int look_socks(struct live *lv, struct stage *st, struct diag *d,
		      struct partial *p, char *err, size_t errlen)
{
	for (int i = 0; i < st->nsocks; i++) {
		const struct stage_sock *s = st->socks[i];
		struct diag_row k;
		int rc;

		if (was_closed(lv, s->id) || !sock_key(s, &k))
			continue;
		if ((rc = look(lv, d, &k, err, errlen)) < 0)
			return -1;
		if (rc == 0)
			not_found(lv, s, &k, p);
		if (s->nholders && look_peer(lv, st, d, &k, err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* Destroyed sockets the dump had: gone, or (TCP) in TIME-WAIT now with
 * the same cookie. */
static int look_gone(struct live *lv, struct diag *d, char *err,
		     size_t errlen)
{
	for (size_t i = 0; i < lv->gone.n; i++) {
		const struct diag_row *g = &lv->gone.rows[i];
		int rc;

		if (!has_cookie(&lv->dumped, g->cookie))
			continue;
		if ((rc = look(lv, d, g, err, errlen)) < 0)
			return -1;
		if (rc == 0)
			push(&lv->dropped, g);
	}
	lv->gone.n = 0;
	return 0;
}

static int dump_part(struct live *lv, struct diag *d, struct diag_filter *f,
		     char *err, size_t errlen)
{
	if (!f->nports)
		return 0;
	if (diag_dump(d, f, &lv->part, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < lv->part.n; i++)
		if (!has_cookie(&lv->fresh, lv->part.rows[i].cookie))
			push(&lv->fresh, &lv->part.rows[i]);
	return 0;
}

static int dump_parts(struct live *lv, struct diag *d, struct partial *p,
		      char *err, size_t errlen)
{
	p->listen.tcp = p->bound.tcp = p->udp.udp = true;
	p->listen.states = 1u << KS_LISTEN;
	p->bound.states = DIAG_BOUND_INACTIVE;
	if (dump_part(lv, d, &p->listen, err, errlen) < 0 ||
	    dump_part(lv, d, &p->bound, err, errlen) < 0 ||
	    dump_part(lv, d, &p->udp, err, errlen) < 0)
		return -1;
	return 0;
}

/* A row of the last dump stays unless what was read now stands for it:
 * its socket was read (cookie) or found gone, a peer's ends were looked
 * up, or it is a stage socket's (read, or gone). */
static bool superseded(const struct live *lv, const struct stage *st,
		       const struct diag_row *r)
{
	if (has_cookie(&lv->fresh, r->cookie) ||
	    has_cookie(&lv->dropped, r->cookie) ||
	    stage_sock_by_cookie(st, r->cookie))
		return true;
	for (size_t i = 0; i < lv->keys.n; i++)
		if (same_ends(&lv->keys.rows[i], r))
			return true;
	return false;
}

static void merge(struct live *lv, struct stage *st)
{
	st->table.n = 0;
	for (size_t i = 0; i < lv->dumped.n; i++)
		if (!superseded(lv, st, &lv->dumped.rows[i]))
			push(&st->table, &lv->dumped.rows[i]);
	for (size_t i = 0; i < lv->fresh.n; i++)
		push(&st->table, &lv->fresh.rows[i]);
}

static int read_exact(struct live *lv, struct stage *st, char *err,
		      size_t errlen)
{
	struct partial p;
	struct diag *d = stage_diag(st, err, errlen);

	if (!d)
		return -1;
	memset(&p, 0, sizeof(p));
	lv->fresh.n = lv->keys.n = 0;
	if (look_socks(lv, st, d, &p, err, errlen) < 0 ||
	    look_gone(lv, d, err, errlen) < 0 ||
	    dump_parts(lv, d, &p, err, errlen) < 0)
		return -1;
	merge(lv, st);
	return stage_unix_view(st, &st->table, err, errlen);
}

int live_read(struct live *lv, struct stage *st, bool force, char *err,
	      size_t errlen)
{
	if (force || st->nhosts > 1 || !lv->dumped_ms ||
	    now_ms() >= lv->due_ms || !same_ports(lv, st))
		return read_dump(lv, st, err, errlen);
	return read_exact(lv, st, err, errlen);
}
