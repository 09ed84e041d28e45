/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ladder.c - the wire as a ladder: the two ends of a conversation as
 * columns, a rung for each segment with an arrow in its direction, and
 * beside each end the state the segment moved it into. `show wire` prints
 * it; the TUI's Wire panel draws the same rungs. */
#include "ladder.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "endpoint.h"
#include "stage.h"
#include "util.h"
#include "view.h"

static size_t alen(uint8_t family)
{
	return family == AF_INET ? 4 : 16;
}

bool ladder_key_of(const struct wire_entry *e, struct ladder_key *k)
{
	const struct segment *s = &e->s;

	memset(k, 0, sizeof(*k));
	k->family = s->family;
	k->first_us = s->us;
	if (s->proto == IPPROTO_TCP || s->proto == IPPROTO_UDP) {
		k->proto = s->proto;
		k->a = s->src;
		k->b = s->dst;
		k->ap = s->sport;
		k->bp = s->dport;
		return true;
	}
	if (!s->quoted || (s->q_proto != IPPROTO_TCP && s->q_proto != IPPROTO_UDP))
		return false;
	k->proto = s->q_proto;	/* an error about a datagram: its exchange */
	k->a = s->q_src;
	k->b = s->q_dst;
	k->ap = s->q_sport;
	k->bp = s->q_dport;
	return true;
}

static bool ends_are(const struct ladder_key *k, const struct in6_addr *x,
		     uint16_t xp, const struct in6_addr *y, uint16_t yp)
{
	size_t n = alen(k->family);

	return k->ap == xp && k->bp == yp && !memcmp(&k->a, x, n) &&
	       !memcmp(&k->b, y, n);
}

int ladder_dir(const struct ladder_key *k, const struct wire_entry *e)
{
	struct ladder_key o;

	if (!ladder_key_of(e, &o) || o.family != k->family || o.proto != k->proto)
		return -1;
	if (ends_are(k, &o.a, o.ap, &o.b, o.bp))
		return e->s.quoted && o.proto != e->s.proto ? 1 : 0;
	if (ends_are(k, &o.b, o.bp, &o.a, o.ap))
		return e->s.quoted && o.proto != e->s.proto ? 0 : 1;
	return -1;
}

bool ladder_key_same(const struct ladder_key *x, const struct ladder_key *y)
{
	return x->family == y->family && x->proto == y->proto &&
	       (ends_are(x, &y->a, y->ap, &y->b, y->bp) ||
		ends_are(x, &y->b, y->bp, &y->a, y->ap));
}

/* An end as a column's title: "s2 cli 127.0.0.1:40002" (its stage
 * socket's id and name), or the address alone. */
static void end_title(const struct stage *st, const struct ladder_key *k,
		      int end, char *buf, size_t len)
{
	struct wire_entry e = { .s = { .family = k->family, .proto = k->proto,
				       .src = end ? k->b : k->a,
				       .dst = end ? k->a : k->b,
				       .sport = end ? k->bp : k->ap,
				       .dport = end ? k->ap : k->bp } };
	const struct stage_sock *s = wire_end_named(st, &e, 0);
	struct endpoint ep;
	char where[80];

	ep_from_inet(&ep, k->family, &e.s.src, e.s.sport, 0);
	ep_format(&ep, where, sizeof(where));
	if (s && s->name[0])
		snprintf(buf, len, "s%d %s %s", s->id, s->name, where);
	else if (s)
		snprintf(buf, len, "s%d %s", s->id, where);
	else
		snprintf(buf, len, "%s", where);
}

void ladder_head(const struct stage *st, const struct ladder_key *k,
		 char *left, char *right, size_t len)
{
	end_title(st, k, 0, left, len);
	end_title(st, k, 1, right, len);
}

/* What crossed, in words: "[S.] seq 0 ack 1 win 65483 len 0". */
static void seg_text(const struct stage *st, const struct wire_entry *e,
		     char *buf, size_t len)
{
	const struct segment *s = &e->s;
	char kind[16], line[400], *p;

	wire_kind(s, kind, sizeof(kind));
	if (s->proto == IPPROTO_TCP) {
		char ack[24] = "";

		if (s->flags & SEG_ACK)
			snprintf(ack, sizeof(ack), " ack %u", e->rack);
		snprintf(buf, len, "%s seq %u%s win %u len %u", kind, e->rseq,
			 ack, s->win, s->len);
	} else if (s->proto == IPPROTO_UDP) {
		snprintf(buf, len, "udp len %u", s->len);
	} else {	/* "icmp port unreachable for udp ...": up to "for" */
		wire_format(st, e, line, sizeof(line));
		if ((p = strstr(line, " for ")))
			*p = '\0';
		str_copy(buf, line, len);
	}
}

/* ... and what the wire between hosts did with it: "(held)"; timeless:
 * "(delivered)", not after how long. */
static void what_text(const struct stage *st, const struct wire_entry *e,
		      bool timeless, char *buf, size_t len)
{
	char fate[48];
	size_t n;

	seg_text(st, e, buf, len);
	wire_fate_text(e, timeless, fate, sizeof(fate));
	n = strlen(buf);
	if (fate[0] && n < len)
		snprintf(buf + n, len - n, " (%s)", fate);
}

/* The state an end entered because of e (the last, if it went through
 * two), or NULL. */
static const char *entered(const struct wire_entry *e, int who)
{
	const char *name = NULL;

	for (int i = 0; i < e->nmv; i++)
		if (e->mv[i].who == who)
			name = view_state_text(IPPROTO_TCP, e->mv[i].to);
	return name;
}

void ladder_rung(const struct stage *st, const struct ladder_key *k,
		 const struct wire_entry *e, bool timeless, struct ladder_rung *r)
{
	int dir = ladder_dir(k, e);
	const char *sa = entered(e, dir == 0 ? 0 : 1);
	const char *sb = entered(e, dir == 0 ? 1 : 0);
	long long us = e->s.us - k->first_us;

	memset(r, 0, sizeof(*r));
	r->rightward = dir != 1;
	if (e->s.proto != IPPROTO_TCP)
		sa = sb = NULL;
	str_copy(r->left, sa ? sa : "", sizeof(r->left));
	str_copy(r->right, sb ? sb : "", sizeof(r->right));
	timeless = timeless || st->stable;
	what_text(st, e, timeless, r->what, sizeof(r->what));
	if (!timeless)
		snprintf(r->time, sizeof(r->time), "%d.%03d",
			 (int)(us / 1000000 % 100000), (int)(us / 1000 % 1000));
}

void ladder_line(const struct ladder_rung *r, int width, char *buf,
		 size_t len)
{
	int mid = width - 7 - 1 - 12 - 12;
	int text = (int)strlen(r->what), dashes;
	char arrow[256];

	if (mid < text + 4)
		mid = text + 4;
	if (mid > (int)sizeof(arrow) - 1)
		mid = (int)sizeof(arrow) - 1;
	dashes = mid - text - 3;
	if (dashes < 1)
		dashes = 1;
	if (r->rightward)
		snprintf(arrow, sizeof(arrow), "%.*s %.*s>", text, r->what, dashes,
			 "--------------------------------------------------------"
			 "--------------------------------------------------------");
	else
		snprintf(arrow, sizeof(arrow), "<%.*s %.*s", dashes,
			 "--------------------------------------------------------"
			 "--------------------------------------------------------",
			 text, r->what);
	snprintf(buf, len, "%7s %-11s %-*s  %s", r->time, r->left, mid, arrow,
		 r->right);
	/* no blanks at the end of a line */
	for (size_t n = strlen(buf); n && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
}

void ladder_title(const char *left, const char *right, int width, char *buf,
		  size_t len)
{
	int gap = width - 8 - (int)strlen(left) - (int)strlen(right);

	/* the left end over its state column, the right one at the end */
	snprintf(buf, len, "%7s %s%*s%s", "", left, gap < 2 ? 2 : gap, "", right);
}

void ladder_begin(const struct wire *w, struct ladder_key *k)
{
	for (unsigned long long i = wire_oldest(w); i < w->total; i++) {
		const struct wire_entry *e = wire_entry(w, i);
		struct ladder_key first;

		if (ladder_dir(k, e) < 0 || !ladder_key_of(e, &first))
			continue;
		*k = first;	/* oriented by who spoke first */
		return;
	}
}
