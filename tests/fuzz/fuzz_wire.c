/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_wire.c - the wire's model (src/wire.c, wire_tcp.c, wire_text.c,
 * ladder.c) fed any sequence of segments: each 8 bytes of the input is
 * one (byte 0: which of three ends send to which, and TCP, UDP or an
 * ICMP error; 1: TCP's flags; 2-3: seq, 4-5: ack, as steps from each
 * direction's base, so that sequence numbers wrap; 6: the length; 7:
 * the window). Every move must go from a state (or none) to another
 * valid one; every line, chain and rung must be terminated and fit its
 * buffer; the ring stays bounded. Nothing is read out of bounds (ASan). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "diag.h"
#include "fuzz.h"
#include "ladder.h"
#include "stage.h"
#include "wire.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static const uint16_t ports[3] = { 3459, 40001, 40002 };

static void segment_of(const uint8_t *b, struct segment *s)
{
	static uint32_t base[3][3];
	int from = b[0] % 3, to = (b[0] / 3) % 3, kind = b[0] / 9 % 4;

	if (to == from)
		to = (from + 1) % 3;
	memset(s, 0, sizeof(*s));
	s->family = AF_INET;
	inet_pton(AF_INET, "127.0.0.1", &s->src);
	s->dst = s->src;
	s->sport = ports[from];
	s->dport = ports[to];
	s->wscale = -1;
	s->len = b[6];
	s->win = b[7];
	if (kind == 3) {	/* an error about a datagram of to's */
		s->proto = IPPROTO_ICMP;
		s->icmp_type = 3;
		s->icmp_code = b[1] % 4;
		s->quoted = true;
		s->q_proto = IPPROTO_UDP;
		s->q_src = s->q_dst = s->src;
		s->q_sport = s->dport;
		s->q_dport = s->sport;
		s->sport = s->dport = 0;
		return;
	}
	if (kind == 2) {
		s->proto = IPPROTO_UDP;
		return;
	}
	s->proto = IPPROTO_TCP;
	s->flags = b[1];
	base[from][to] += (uint32_t)(b[2] << 8 | b[3]) * 65599u;
	s->seq = base[from][to];
	s->ack = base[to][from] + (uint32_t)(b[4] << 8 | b[5]);
}

static void check_entry(const struct stage *st, const struct wire_entry *e)
{
	struct ladder_key k;
	struct ladder_rung r;
	char line[512], cause[160];

	for (int i = 0; i < e->nmv; i++) {
		const struct wire_move *m = &e->mv[i];

		FUZZ_CHECK(m->to > 0 && m->to < KS_MAX_STATES, "a move to %d", m->to);
		FUZZ_CHECK(m->from == -1 || (m->from > 0 && m->from < KS_MAX_STATES),
			   "a move from %d", m->from);
		FUZZ_CHECK(m->from != m->to, "a move that stays (%d)", m->to);
		FUZZ_CHECK(m->who < 2 && m->by < 2 && m->word >= WW_SYN &&
			   m->word <= WW_RST, "a move's ends or cause");
		wire_cause(st, e, m, cause, sizeof(cause));
		FUZZ_CHECK(strnlen(cause, sizeof(cause)) < sizeof(cause), "cause");
	}
	FUZZ_CHECK(e->nmv <= WIRE_MOVES, "%u moves", e->nmv);
	wire_format(st, e, line, sizeof(line));
	FUZZ_CHECK(strnlen(line, sizeof(line)) < sizeof(line), "line");
	if (ladder_key_of(e, &k)) {
		FUZZ_CHECK(ladder_dir(&k, e) >= 0, "an entry not of its own conversation");
		ladder_rung(st, &k, e, false, &r);
		ladder_line(&r, 20 + e->s.win % 200, line, sizeof(line));
		FUZZ_CHECK(strnlen(line, sizeof(line)) < sizeof(line), "rung");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct stage st;	/* no sockets: ends by address */
	struct wire w;
	struct wire_chains c = { 0 };
	struct segment s;

	wire_init(&w);
	for (size_t i = 0; i + 8 <= size; i += 8) {
		segment_of(data + i, &s);
		check_entry(&st, wire_add(&w, &s));
	}
	FUZZ_CHECK(w.total - wire_oldest(&w) <= WIRE_RING, "the ring grew");
	wire_chains(&w, &st, wire_oldest(&w), w.total, &c);
	for (size_t i = 0; i < c.n; i++)
		FUZZ_CHECK(strnlen(c.v[i].text, sizeof(c.v[i].text)) <
			   sizeof(c.v[i].text) && c.v[i].to > 0, "a chain");
	wire_chains_free(&c);
	wire_close(&w);
	return 0;
}
