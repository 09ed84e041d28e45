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

int wire_only_ports(struct wire *w, const uint16_t *ports, int n)
{
	if (!w->cap)
		return 0;
	return capture_only_ports(w->cap, ports, n, w->err, sizeof(w->err));
}

void wire_save(struct wire *w, struct capture_file *f)
{
	w->file = f;
	if (w->cap)
		capture_attach(w->cap, f);
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
	f->state[0] = f->state[1] = -1;
	return f;
}

/* A SYN without ACK starts a connection, even on a pair of ports a
 * finished one used (but a SYN sent again is the same one's). */
static void track(struct wire *w, struct wire_entry *e)
{
	const struct segment *s = &e->s;
	struct wire_flow *f;
	int end;

	e->end = -1;
	if (s->proto != IPPROTO_TCP)
		return;
	f = find_flow(w, s, &end);
	if (!f || ((s->flags & SEG_SYN) && !(s->flags & SEG_ACK) &&
		   f->have[end] && f->isn[end] != s->seq)) {
		f = new_flow(w, s);
		end = 0;
	}
	if (!f->have[end]) {
		f->isn[end] = s->seq;
		f->have[end] = true;
	}
	e->end = (int8_t)end;
	e->rseq = s->seq - f->isn[end];
	e->rack = f->have[!end] ? s->ack - f->isn[!end] : s->ack;
	e->rel_us = s->us - f->first_us;
	wire_tcp_step(f, end, e, wire_phases(e->fate));
}

const struct wire_flow *wire_flow_of(const struct wire *w,
				     const struct segment *s)
{
	int end;

	return s->proto == IPPROTO_TCP ? find_flow(w, s, &end) : NULL;
}

static const struct wire_flow *flow_at(const struct wire *w, uint8_t family,
				       const struct in6_addr *me, uint16_t myport,
				       const struct in6_addr *peer,
				       uint16_t peerport, int *end)
{
	struct segment s = { .family = family, .proto = IPPROTO_TCP,
			     .src = *me, .dst = *peer, .sport = myport,
			     .dport = peerport };

	return find_flow(w, &s, end);
}

int wire_end_state(const struct wire *w, uint8_t family,
		   const struct in6_addr *me, uint16_t myport,
		   const struct in6_addr *peer, uint16_t peerport)
{
	int end;
	const struct wire_flow *f = flow_at(w, family, me, myport, peer,
					    peerport, &end);

	return f ? f->state[end] : -1;
}

bool wire_end_went(const struct wire *w, uint8_t family,
		   const struct in6_addr *me, uint16_t myport,
		   const struct in6_addr *peer, uint16_t peerport, int state)
{
	int end;
	const struct wire_flow *f = flow_at(w, family, me, myport, peer,
					    peerport, &end);

	return f && state > 0 && state < 8 * (int)sizeof(f->went[0]) &&
	       (f->went[end] & (1u << state));
}

/* ---- reading ------------------------------------------------------------------ */

static struct wire_entry *next_entry(struct wire *w)
{
	struct wire_entry *e = &w->ring[w->total % WIRE_RING];

	memset(e, 0, sizeof(*e));
	e->from = e->to = -1;
	return e;
}

const struct wire_entry *wire_add(struct wire *w, const struct segment *s)
{
	struct wire_entry *e = next_entry(w);

	e->s = *s;
	track(w, e);
	w->total++;
	return e;
}

const struct wire_entry *wire_add_event(struct wire *w,
					const struct relay_event *ev)
{
	struct wire_entry *e;

	if (!ev->parsed)
		return NULL;
	e = next_entry(w);
	e->s = ev->s;
	e->fate = (uint8_t)ev->fate;
	e->from = (int8_t)ev->from;
	e->to = (int8_t)ev->to;
	e->pkt = ev->id;
	e->delay_ms = ev->delay_ms;
	e->waited_us = ev->waited_us;
	track(w, e);
	w->total++;
	return e;
}

void wire_relay(struct wire *w, struct relay *r)
{
	w->relay = r;
}

const struct wire_entry *wire_entry(const struct wire *w, unsigned long long i)
{
	if (i >= w->total || i < wire_oldest(w))
		return NULL;
	return &w->ring[i % WIRE_RING];
}

unsigned long long wire_oldest(const struct wire *w)
{
	return w->total > WIRE_RING ? w->total - WIRE_RING : 0;
}

static void keep(void *ctx, const struct segment *s)
{
	wire_add(ctx, s);
}

static void keep_event(void *ctx, const struct relay_event *ev)
{
	wire_add_event(ctx, ev);
}

int wire_read(struct wire *w)
{
	unsigned long long before = w->total;

	if (w->cap && capture_drain(w->cap, keep, w, w->err, sizeof(w->err)) < 0)
		return -1;
	if (w->relay)
		relay_drain(w->relay, keep_event, w);
	return (int)(w->total - before);
}

int wire_sync(struct wire *w)
{
	if (w->cap && capture_catch_up(w->cap) < 0) {
		str_copy(w->err, "the capture failed", sizeof(w->err));
		return -1;
	}
	if (w->relay)
		relay_catch_up(w->relay);
	return wire_read(w);
}

int wire_settle(struct wire *w, int quiet_ms, int max_ms)
{
	long long end = now_ms() + max_ms;
	int total = 0, n;

	if (!w->cap && !w->relay)
		return 0;
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = w->cap ? capture_fd(w->cap) : -1, .events = POLLIN },
			{ .fd = w->relay ? relay_fd(w->relay) : -1, .events = POLLIN },
		};
		long long left = end - now_ms();

		if ((n = wire_read(w)) < 0)
			return total;
		total += n;
		if (left <= 0)
			return total;
		if (poll(p, 2, (int)(left < quiet_ms ? left : quiet_ms)) <= 0) {
			total += (n = wire_read(w)) > 0 ? n : 0;
			return total;
		}
	}
}
