/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wire_text.c - the wire in words: a segment as tcpdump would write it
 * with its ends named by stage socket, what it caused ("s3 sent FIN",
 * "SYN+ACK from s1"), and a call's transitions gathered per socket. */
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "stage.h"
#include "util.h"
#include "view.h"

/* The stage socket at addr:port whose peer is paddr:pport, else one at
 * addr:port with no peer (a listener, a bound socket), else NULL; live
 * sockets before those already closed. *exact: found by its peer. */
static const struct stage_sock *sock_at(const struct stage *st, int family,
					const struct in6_addr *addr,
					uint16_t port,
					const struct in6_addr *paddr,
					uint16_t pport, bool *exact)
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
	*exact = found != NULL;
	return found ? found : unpeered;
}

static bool is_icmp(const struct segment *s)
{
	return s->proto == IPPROTO_ICMP || s->proto == IPPROTO_ICMPV6;
}

/* The stage socket at one end of s (source or not), or NULL. */
static const struct stage_sock *end_sock(const struct stage *st,
					 const struct segment *s, bool source,
					 bool *exact)
{
	*exact = false;
	if (is_icmp(s))
		return NULL;
	return source ? sock_at(st, s->family, &s->src, s->sport, &s->dst,
				s->dport, exact) :
			sock_at(st, s->family, &s->dst, s->dport, &s->src,
				s->sport, exact);
}

static void where_text(const struct segment *s, bool source, char *buf,
		       size_t len)
{
	struct endpoint e;

	ep_from_inet(&e, s->family, source ? &s->src : &s->dst,
		     source ? s->sport : s->dport, 0);
	ep_format(&e, buf, len);
}

static void end_text(const struct stage *st, const struct segment *s,
		     bool source, char *buf, size_t len)
{
	const struct stage_sock *k;
	char where[80];
	bool exact;

	where_text(s, source, where, sizeof(where));
	if ((k = end_sock(st, s, source, &exact)))
		snprintf(buf, len, "s%d %s", k->id, where);
	else
		snprintf(buf, len, "%s", where);
}

const struct stage_sock *wire_end_named(const struct stage *st,
					const struct wire_entry *e, int who)
{
	bool exact;

	return end_sock(st, &e->s, who == 0, &exact);
}

void wire_end_name(const struct stage *st, const struct wire_entry *e,
		   int who, char *buf, size_t len)
{
	const struct stage_sock *k = wire_end_named(st, e, who);

	if (k)
		snprintf(buf, len, "s%d", k->id);
	else
		where_text(&e->s, who == 0, buf, len);
}

const struct stage_sock *wire_end_sock(const struct stage *st,
				       const struct wire_entry *e, int who)
{
	bool exact;
	const struct stage_sock *k = end_sock(st, &e->s, who == 0, &exact);

	if (k && !exact && k->belief == SB_LISTENING)
		return NULL;	/* its connection, not accepted yet */
	return k;
}

static const char *word_text(int word)
{
	switch (word) {
	case WW_SYN: return "SYN";
	case WW_SYNACK: return "SYN+ACK";
	case WW_ACK: return "ACK";
	case WW_FIN: return "FIN";
	case WW_RST: return "RST";
	default: return "segment";
	}
}

void wire_cause(const struct stage *st, const struct wire_entry *e,
		const struct wire_move *m, char *buf, size_t len)
{
	char by[80];

	wire_end_name(st, e, m->by, by, sizeof(by));
	if (m->by == m->who)
		snprintf(buf, len, "%s sent %s", by, word_text(m->word));
	else
		snprintf(buf, len, "%s from %s", word_text(m->word), by);
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

static void tcp_text(const struct wire_entry *e, char *buf, size_t len)
{
	const struct segment *s = &e->s;
	char flags[16], opts[80], ack[32] = "";

	capture_flags_text(s->flags, flags, sizeof(flags));
	if (s->flags & SEG_ACK)
		snprintf(ack, sizeof(ack), " ack %u", e->rack);
	options_text(s, opts, sizeof(opts));
	snprintf(buf, len, "[%s] seq %u%s win %u len %u%s%s%s", flags, e->rseq,
		 ack, s->win, s->len, opts[0] ? " <" : "", opts,
		 opts[0] ? ">" : "");
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

void wire_kind(const struct segment *s, char *buf, size_t len)
{
	char flags[16];

	if (s->proto == IPPROTO_TCP) {
		capture_flags_text(s->flags, flags, sizeof(flags));
		snprintf(buf, len, "[%s]", flags);
	} else {
		snprintf(buf, len, "%s", s->proto == IPPROTO_UDP ? "udp" :
			 s->proto == IPPROTO_ICMP ? "icmp" : "icmp6");
	}
}

void wire_fate_text(const struct wire_entry *e, bool stable, char *buf,
		    size_t len)
{
	switch (e->fate) {
	case RF_HELD: snprintf(buf, len, "held"); break;
	case RF_DELAYED: snprintf(buf, len, "delayed %d ms", e->delay_ms); break;
	case RF_DROPPED: snprintf(buf, len, "dropped"); break;
	case RF_DOWN: snprintf(buf, len, "lost: the wire is down"); break;
	case RF_DUP: snprintf(buf, len, "duplicated"); break;
	case RF_NOHOST: snprintf(buf, len, "no host has that address"); break;
	case RF_ICMP: snprintf(buf, len, "from the wire"); break;
	case RF_DELIVERED:
		if (stable)
			snprintf(buf, len, "delivered");
		else
			snprintf(buf, len, "delivered after %lld ms",
				 (e->waited_us + 500) / 1000);
		break;
	default: buf[0] = '\0'; break;
	}
}

void wire_format(const struct stage *st, const struct wire_entry *e,
		 char *buf, size_t len)
{
	const struct segment *s = &e->s;
	char from[100], to[100], what[320], fate[48];

	wire_fate_text(e, st->stable, fate, sizeof(fate));
	if (is_icmp(s)) {
		icmp_text(st, s, what, sizeof(what));
		snprintf(buf, len, "%s%s%s%s", what, fate[0] ? " (" : "", fate,
			 fate[0] ? ")" : "");
		return;
	}
	end_text(st, s, true, from, sizeof(from));
	end_text(st, s, false, to, sizeof(to));
	if (s->proto == IPPROTO_TCP)
		tcp_text(e, what, sizeof(what));
	else
		snprintf(what, sizeof(what), "udp len %u", s->len);
	snprintf(buf, len, "%s > %s %s%s%s%s", from, to, what,
		 fate[0] ? " (" : "", fate, fate[0] ? ")" : "");
}

/* ---- a call's transitions, per end --------------------------------------- */

/* Who an end is, for its chain: its stage socket, or its addresses. */
static void chain_who(const struct stage *st, const struct wire_entry *e,
		      int who, char *buf, size_t len, int *sock)
{
	const struct stage_sock *k = wire_end_sock(st, e, who);
	char me[80], peer[80];

	*sock = k ? k->id : 0;
	if (k) {
		snprintf(buf, len, "s%d", k->id);
		return;
	}
	where_text(&e->s, who == 0, me, sizeof(me));
	where_text(&e->s, who != 0, peer, sizeof(peer));
	snprintf(buf, len, "tcp %s %s", me, peer);
}

static struct wire_chain *chain_for(struct wire_chains *c, const char *who)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].who, who))
			return &c->v[i];
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	memset(&c->v[c->n], 0, sizeof(c->v[0]));
	str_copy(c->v[c->n].who, who, sizeof(c->v[0].who));
	c->v[c->n].from = -2;
	return &c->v[c->n++];
}

static void chain_add(const struct stage *st, const struct wire_entry *e,
		      const struct wire_move *m, struct wire_chains *c)
{
	char who[200], cause[120];
	struct wire_chain *ch;
	size_t off;
	int sock;

	chain_who(st, e, m->who, who, sizeof(who), &sock);
	ch = chain_for(c, who);
	ch->sock = sock;
	off = strlen(ch->text);
	if (ch->from == -2) {
		ch->from = m->from;
		off += (size_t)snprintf(ch->text + off, sizeof(ch->text) - off,
					"%s", view_state_text(IPPROTO_TCP, m->from));
	}
	wire_cause(st, e, m, cause, sizeof(cause));
	if (off < sizeof(ch->text))
		snprintf(ch->text + off, sizeof(ch->text) - off, " -> %s (%s)",
			 view_state_text(IPPROTO_TCP, m->to), cause);
	ch->to = m->to;
}

void wire_chains(const struct wire *w, const struct stage *st,
		 unsigned long long from, unsigned long long to,
		 struct wire_chains *out)
{
	for (unsigned long long i = from; i < to; i++) {
		const struct wire_entry *e = wire_entry(w, i);

		for (int k = 0; e && k < e->nmv; k++)
			chain_add(st, e, &e->mv[k], out);
	}
}

void wire_chains_free(struct wire_chains *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}
