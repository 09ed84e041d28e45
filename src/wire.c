/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wire.c - the segments on stage, read from the capture into a bounded
 * ring; TCP's sequence numbers relative to each end's first (as tcpdump
 * shows them without -S); the ends named by stage sockets. */
#include "wire.h"

#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "stage.h"
#include "util.h"

void wire_init(struct wire *w)
{
	memset(w, 0, sizeof(*w));
	w->ring = xcalloc(WIRE_RING, sizeof(*w->ring));
}

int wire_open(struct wire *w, const char *ifname)
{
	wire_init(w);
	w->cap = capture_open(ifname, w->err, sizeof(w->err));
	return w->cap ? 0 : -1;
}

void wire_close(struct wire *w)
{
	capture_close(w->cap);
	free(w->ring);
	free(w->flows);
	memset(w, 0, sizeof(*w));
}

int wire_save(struct wire *w, int fd, char *err, size_t errlen)
{
	if (!w->cap) {
		err_printf(err, errlen, "%s", w->err);
		return -1;
	}
	return capture_save(w->cap, fd, err, errlen);
}

/* ---- flows ------------------------------------------------------------------ */

static size_t addr_len(uint8_t family)
{
	return family == AF_INET ? 4 : 16;
}

/* Which end of f sent s: 0 (a), 1 (b), or -1 (not f's). */
static int end_of(const struct wire_flow *f, const struct segment *s)
{
	size_t n = addr_len(s->family);

	if (f->family != s->family)
		return -1;
	if (f->aport == s->sport && f->bport == s->dport &&
	    !memcmp(&f->a, &s->src, n) && !memcmp(&f->b, &s->dst, n))
		return 0;
	if (f->bport == s->sport && f->aport == s->dport &&
	    !memcmp(&f->b, &s->src, n) && !memcmp(&f->a, &s->dst, n))
		return 1;
	return -1;
}

static struct wire_flow *find_flow(const struct wire *w, const struct segment *s,
				   int *end)
{
	/* the newest first: a port used again is a new connection */
	for (size_t i = w->nflows; i-- > 0;)
		if ((*end = end_of(&w->flows[i], s)) >= 0)
			return &w->flows[i];
	return NULL;
}

static struct wire_flow *new_flow(struct wire *w, const struct segment *s)
{
	struct wire_flow *f;

	if (w->nflows == WIRE_FLOWS) {	/* the older half is forgotten */
		memmove(w->flows, w->flows + WIRE_FLOWS / 2,
			(WIRE_FLOWS - WIRE_FLOWS / 2) * sizeof(*w->flows));
		w->nflows = WIRE_FLOWS - WIRE_FLOWS / 2;
	}
	if (w->nflows == w->capflows) {
		w->capflows = w->capflows ? 2 * w->capflows : 64;
		w->flows = xrealloc(w->flows, w->capflows * sizeof(*w->flows));
	}
	f = &w->flows[w->nflows++];
	memset(f, 0, sizeof(*f));
	f->family = s->family;
	f->a = s->src;
	f->b = s->dst;
	f->aport = s->sport;
	f->bport = s->dport;
	f->first_us = s->us;
	return f;
}

/* A SYN without ACK starts a connection, even on a pair of ports a
 * finished one used. */
static void track(struct wire *w, const struct segment *s)
{
	struct wire_flow *f;
	int end;

	if (s->proto != IPPROTO_TCP)
		return;
	f = find_flow(w, s, &end);
	if (!f || ((s->flags & SEG_SYN) && !(s->flags & SEG_ACK) && f->have[end])) {
		f = new_flow(w, s);
		end = 0;
	}
	if (!f->have[end]) {
		f->isn[end] = s->seq;
		f->have[end] = true;
	}
}

const struct wire_flow *wire_flow_of(const struct wire *w,
				     const struct segment *s)
{
	int end;

	return s->proto == IPPROTO_TCP ? find_flow(w, s, &end) : NULL;
}

/* ---- reading ------------------------------------------------------------------ */

struct reading {
	struct wire *w;
	void (*fn)(void *ctx, const struct segment *s);
	void *ctx;
	int n;
};

void wire_add(struct wire *w, const struct segment *s)
{
	track(w, s);
	if (w->n < WIRE_RING) {
		w->ring[(w->head + w->n++) % WIRE_RING] = *s;
	} else {
		w->ring[w->head] = *s;
		w->head = (w->head + 1) % WIRE_RING;
	}
	w->total++;
}

static void keep(void *ctx, const struct segment *s)
{
	struct reading *r = ctx;

	wire_add(r->w, s);
	r->n++;
	if (r->fn)
		r->fn(r->ctx, s);
}

int wire_read(struct wire *w, void (*fn)(void *ctx, const struct segment *s),
	      void *ctx)
{
	struct reading r = { w, fn, ctx, 0 };

	if (!w->cap)
		return 0;
	if (capture_drain(w->cap, keep, &r, w->err, sizeof(w->err)) < 0)
		return -1;
	return r.n;
}

int wire_settle(struct wire *w, int quiet_ms, int max_ms,
		void (*fn)(void *ctx, const struct segment *s), void *ctx)
{
	long long end = now_ms() + max_ms;
	int total = 0, n;

	if (!w->cap)
		return 0;
	for (;;) {
		struct pollfd p = { .fd = capture_fd(w->cap), .events = POLLIN };
		long long left = end - now_ms();

		if ((n = wire_read(w, fn, ctx)) < 0)
			return total;
		total += n;
		if (left <= 0 || p.fd < 0)
			return total;
		if (poll(&p, 1, (int)(left < quiet_ms ? left : quiet_ms)) <= 0) {
			total += (n = wire_read(w, fn, ctx)) > 0 ? n : 0;
			return total;
		}
	}
}

/* ---- lines ---------------------------------------------------------------------- */

/* The stage socket at addr:port whose peer is paddr:pport, else one at
 * addr:port with no peer (a listener, a bound socket), else NULL; live
 * sockets before those already closed. */
static const struct stage_sock *sock_at(const struct stage *st, int family,
					const struct in6_addr *addr,
					uint16_t port,
					const struct in6_addr *paddr,
					uint16_t pport)
{
	const struct stage_sock *unpeered = NULL, *found = NULL;
	struct endpoint me, peer;

	ep_from_inet(&me, family, addr, port, 0);
	ep_from_inet(&peer, family, paddr, pport, 0);
	for (int i = st->nsocks; i-- > 0 && !found;) {
		const struct stage_sock *s = st->socks[i];
		bool here = ep_same(&s->local, &me, true) ||
			    (ep_port(&s->local) == port && ep_any(&s->local));

		if (!here)
			continue;
		if (ep_same(&s->peer, &peer, true))
			found = s;
		else if (!ep_is_set(&s->peer) &&
			 (!unpeered || (!unpeered->nholders && s->nholders)))
			unpeered = s;	/* the newest, a live one first */
	}
	return found ? found : unpeered;
}

static void end_text(const struct stage *st, const struct segment *s,
		     bool source, char *buf, size_t len)
{
	struct endpoint e;
	const struct stage_sock *k;
	char where[80];

	ep_from_inet(&e, s->family, source ? &s->src : &s->dst,
		     source ? s->sport : s->dport, 0);
	ep_format(&e, where, sizeof(where));
	k = s->proto == IPPROTO_ICMP || s->proto == IPPROTO_ICMPV6 ? NULL :
	    source ? sock_at(st, s->family, &s->src, s->sport, &s->dst, s->dport) :
		     sock_at(st, s->family, &s->dst, s->dport, &s->src, s->sport);
	if (k)
		snprintf(buf, len, "s%d %s", k->id, where);
	else
		snprintf(buf, len, "%s", where);
}

static void options_text(const struct segment *s, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	if (s->mss)
		off += (size_t)snprintf(buf + off, len - off, "%smss %u",
					off ? "," : "", s->mss);
	if (s->sack_ok && off < len)
		off += (size_t)snprintf(buf + off, len - off, "%ssackOK",
					off ? "," : "");
	if (s->ts && off < len)
		off += (size_t)snprintf(buf + off, len - off, "%sTS", off ? "," : "");
	if (s->wscale >= 0 && off < len)
		snprintf(buf + off, len - off, "%swscale %d", off ? "," : "",
			 s->wscale);
}

static void tcp_text(const struct wire *w, const struct segment *s,
		     char *buf, size_t len)
{
	const struct wire_flow *f;
	char flags[16], opts[80], ack[32] = "";
	uint32_t seq = s->seq, ackn = s->ack;
	int end;

	capture_flags_text(s->flags, flags, sizeof(flags));
	if ((f = find_flow(w, s, &end))) {
		seq -= f->isn[end];
		if (f->have[!end])
			ackn -= f->isn[!end];
	}
	if (s->flags & SEG_ACK)
		snprintf(ack, sizeof(ack), " ack %u", ackn);
	options_text(s, opts, sizeof(opts));
	snprintf(buf, len, "[%s] seq %u%s win %u len %u%s%s%s", flags, seq, ack,
		 s->win, s->len, opts[0] ? " <" : "", opts, opts[0] ? ">" : "");
}

static const char *icmp_name(const struct segment *s)
{
	if (s->proto == IPPROTO_ICMP && s->icmp_type == 3) {
		switch (s->icmp_code) {
		case 0: return "net unreachable";
		case 1: return "host unreachable";
		case 3: return "port unreachable";
		default: return "unreachable";
		}
	}
	if (s->proto == IPPROTO_ICMPV6 && s->icmp_type == 1)
		return s->icmp_code == 4 ? "port unreachable" : "unreachable";
	if ((s->proto == IPPROTO_ICMP && s->icmp_type == 11) ||
	    (s->proto == IPPROTO_ICMPV6 && s->icmp_type == 3))
		return "time exceeded";
	return NULL;
}

static void icmp_text(const struct stage *st, const struct segment *s,
		      char *buf, size_t len)
{
	const char *name = icmp_name(s);
	struct segment q = { .family = s->family, .proto = s->q_proto,
			     .src = s->q_src, .dst = s->q_dst,
			     .sport = s->q_sport, .dport = s->q_dport };
	char from[100], to[100];

	if (!s->quoted) {
		snprintf(buf, len, "%s type %u code %u", s->proto == IPPROTO_ICMP ?
			 "icmp" : "icmp6", s->icmp_type, s->icmp_code);
		return;
	}
	end_text(st, &q, true, from, sizeof(from));
	end_text(st, &q, false, to, sizeof(to));
	snprintf(buf, len, "%s %s for %s %s > %s", s->proto == IPPROTO_ICMP ?
		 "icmp" : "icmp6", name ? name : "error",
		 q.proto == IPPROTO_UDP ? "udp" : q.proto == IPPROTO_TCP ? "tcp" :
		 "ip", from, to);
}

void wire_format(const struct wire *w, const struct stage *st,
		 const struct segment *s, char *buf, size_t len)
{
	char from[100], to[100], what[320];

	if (s->proto == IPPROTO_ICMP || s->proto == IPPROTO_ICMPV6) {
		icmp_text(st, s, what, sizeof(what));
		snprintf(buf, len, "%s", what);
		return;
	}
	end_text(st, s, true, from, sizeof(from));
	end_text(st, s, false, to, sizeof(to));
	if (s->proto == IPPROTO_TCP)
		tcp_text(w, s, what, sizeof(what));
	else
		snprintf(what, sizeof(what), "udp len %u", s->len);
	snprintf(buf, len, "%s > %s %s", from, to, what);
}
