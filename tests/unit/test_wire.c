/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_wire.c - the wire's model without a capture: a handshake and a
 * data segment fed in, their lines with sequence numbers relative to each
 * end's first (a new SYN on the same ports starts again from 0, a SYN
 * sent again does not); the states each segment moves its ends into, for
 * a handshake, a close, a reset and a refusal; the
 * ring and the connections remembered stay bounded however many come. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "stage.h"
#include "tap.h"
#include "wire.h"

static struct segment seg(uint16_t sport, uint16_t dport, uint8_t flags,
			  uint32_t seq, uint32_t ack, uint32_t len)
{
	struct segment s = { .family = AF_INET, .proto = IPPROTO_TCP,
			     .sport = sport, .dport = dport, .flags = flags,
			     .seq = seq, .ack = ack, .len = len, .win = 512,
			     .wscale = -1 };

	inet_pton(AF_INET, "127.0.0.1", &s.src);
	inet_pton(AF_INET, "127.0.0.1", &s.dst);
	return s;
}

static void line_of(struct wire *w, const struct stage *st,
		    const struct segment *s, char *buf, size_t len)
{
	wire_format(st, wire_add(w, s), buf, len);
}

/* Feed segments (sport, dport, flags, seq, ack) and return the chains
 * of moves they make, "who: chain; who: chain". */
static void moves_of(const struct stage *st, const uint32_t (*v)[5], int n,
		     char *buf, size_t len)
{
	struct wire w;
	struct wire_chains c = { 0 };
	size_t off = 0;

	wire_init(&w);
	for (int i = 0; i < n; i++) {
		struct segment s = seg((uint16_t)v[i][0], (uint16_t)v[i][1],
				       (uint8_t)v[i][2], v[i][3], v[i][4], 0);

		wire_add(&w, &s);
	}
	wire_chains(&w, st, 0, w.total, &c);
	buf[0] = '\0';
	for (size_t i = 0; i < c.n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s: %s",
					i ? "; " : "", c.v[i].who, c.v[i].text);
	wire_chains_free(&c);
	wire_close(&w);
}

#define A 4000
#define B 80
#define SA (SEG_SYN | SEG_ACK)
#define FA (SEG_FIN | SEG_ACK)
#define RA (SEG_RST | SEG_ACK)

static void test_states(const struct stage *st)
{
	static const uint32_t hs[][5] = {
		{ A, B, SEG_SYN, 100, 0 }, { B, A, SA, 500, 101 },
		{ A, B, SEG_ACK, 101, 501 },
	};
	static const uint32_t close[][5] = {
		{ A, B, SEG_SYN, 100, 0 }, { B, A, SA, 500, 101 },
		{ A, B, SEG_ACK, 101, 501 },
		{ A, B, FA, 101, 501 }, { B, A, SEG_ACK, 501, 102 },
		{ B, A, FA, 501, 102 }, { A, B, SEG_ACK, 102, 502 },
	};
	static const uint32_t rst[][5] = {
		{ A, B, SEG_SYN, 100, 0 }, { B, A, SA, 500, 101 },
		{ A, B, SEG_ACK, 101, 501 }, { B, A, RA, 501, 101 },
	};
	static const uint32_t refused[][5] = {
		{ A, B, SEG_SYN, 100, 0 }, { B, A, RA, 0, 101 },
	};
	static const uint32_t again[][5] = {	/* the SYN sent again */
		{ A, B, SEG_SYN, 100, 0 }, { A, B, SEG_SYN, 100, 0 },
		{ B, A, SA, 500, 101 }, { A, B, SEG_ACK, 101, 501 },
	};
	char buf[2048];

	moves_of(st, hs, 3, buf, sizeof(buf));
	tap_is_str(buf, "tcp 127.0.0.1:4000 127.0.0.1:80: CLOSE -> SYN-SENT "
		   "(127.0.0.1:4000 sent SYN) -> ESTAB (SYN+ACK from 127.0.0.1:80); "
		   "tcp 127.0.0.1:80 127.0.0.1:4000: CLOSE -> SYN-RECV (SYN from "
		   "127.0.0.1:4000) -> ESTAB (ACK from 127.0.0.1:4000)",
		   "the handshake");
	moves_of(st, close, 7, buf, sizeof(buf));
	tap_ok(strstr(buf, "-> FIN-WAIT-1 (127.0.0.1:4000 sent FIN) -> "
		      "FIN-WAIT-2 (ACK from 127.0.0.1:80) -> TIME-WAIT (FIN from "
		      "127.0.0.1:80)") &&
	       strstr(buf, "-> CLOSE-WAIT (FIN from 127.0.0.1:4000) -> "
		      "LAST-ACK (127.0.0.1:80 sent FIN) -> CLOSE (ACK from "
		      "127.0.0.1:4000)"), "a close: %s", buf);
	moves_of(st, rst, 4, buf, sizeof(buf));
	tap_ok(strstr(buf, "ESTAB (ACK from 127.0.0.1:4000) -> CLOSE "
		      "(127.0.0.1:80 sent RST)") &&
	       strstr(buf, "-> ESTAB (SYN+ACK from 127.0.0.1:80) -> CLOSE (RST "
		      "from 127.0.0.1:80)"),
	       "a reset: %s", buf);
	moves_of(st, refused, 2, buf, sizeof(buf));
	tap_is_str(buf, "tcp 127.0.0.1:4000 127.0.0.1:80: CLOSE -> SYN-SENT "
		   "(127.0.0.1:4000 sent SYN) -> CLOSE (RST from 127.0.0.1:80)",
		   "a refusal: the closed port's end has no state");
	moves_of(st, again, 4, buf, sizeof(buf));
	tap_ok(strstr(buf, "-> ESTAB (SYN+ACK from") != NULL,
	       "a SYN sent again is the same connection: %s", buf);
}

/* A relay event for segment s with fate f, packet id. */
static struct relay_event ev_of(const struct segment *s, enum relay_fate f,
				unsigned long long id)
{
	return (struct relay_event){ .fate = f, .from = 0, .to = 1, .id = id,
				     .parsed = true, .s = *s };
}

/* Between hosts a segment's sending and its arrival are apart: held, its
 * sender has moved and its receiver has not; delivered, the receiver
 * moves; dropped, only the sender ever does. */
static void test_held(const struct stage *st)
{
	struct wire w;
	struct segment syn = seg(4000, 80, SEG_SYN, 100, 0, 0);
	struct segment sa = seg(80, 4000, SEG_SYN | SEG_ACK, 500, 101, 0);
	struct segment ack = seg(4000, 80, SEG_ACK, 101, 501, 0);
	struct relay_event e;
	struct in6_addr lo;
	char line[400];

	inet_pton(AF_INET, "127.0.0.1", &lo);
	wire_init(&w);
	e = ev_of(&syn, RF_HELD, 1);
	wire_format(st, wire_add_event(&w, &e), line, sizeof(line));
	tap_is_str(line, "127.0.0.1:4000 > 127.0.0.1:80 [S] seq 0 win 512 len 0 (held)",
		   "a held SYN's line says so");
	tap_ok(wire_end_state(&w, AF_INET, &lo, 4000, &lo, 80) == KS_SYN_SENT &&
	       wire_end_state(&w, AF_INET, &lo, 80, &lo, 4000) == -1,
	       "held: the client in SYN-SENT, the server not moved");
	e = ev_of(&syn, RF_DELIVERED, 1);
	e.waited_us = 1500000;
	wire_format(st, wire_add_event(&w, &e), line, sizeof(line));
	tap_is_str(line, "127.0.0.1:4000 > 127.0.0.1:80 [S] seq 0 win 512 len 0 "
		   "(delivered after 1500 ms)", "its delivery, and how long it waited");
	e = ev_of(&sa, RF_HELD, 2);
	wire_add_event(&w, &e);
	tap_ok(wire_end_state(&w, AF_INET, &lo, 80, &lo, 4000) == KS_SYN_RECV &&
	       wire_end_state(&w, AF_INET, &lo, 4000, &lo, 80) == KS_SYN_SENT,
	       "the SYN+ACK held: the server SYN-RECV, the client still SYN-SENT");
	e = ev_of(&sa, RF_DELIVERED, 2);
	wire_add_event(&w, &e);
	e = ev_of(&ack, RF_DROPPED, 3);
	wire_format(st, wire_add_event(&w, &e), line, sizeof(line));
	tap_ok(wire_end_state(&w, AF_INET, &lo, 4000, &lo, 80) == KS_ESTABLISHED &&
	       wire_end_state(&w, AF_INET, &lo, 80, &lo, 4000) == KS_SYN_RECV &&
	       strstr(line, "(dropped)"),
	       "the last ACK dropped: the client ESTAB, the server still SYN-RECV");
	e = ev_of(&ack, RF_DUP, 3);
	wire_format(st, wire_add_event(&w, &e), line, sizeof(line));
	tap_ok(strstr(line, "(duplicated)") != NULL, "a duplicate says so: %s", line);
	e.parsed = false;
	tap_ok(wire_add_event(&w, &e) == NULL, "an event without a segment is not kept");
	wire_close(&w);
}

int main(void)
{
	static struct stage st;	/* no sockets: ends by address */
	struct wire w;
	struct segment s;
	char line[400];

	wire_init(&w);
	s = seg(4000, 80, SEG_SYN, 1000, 0, 0);
	line_of(&w, &st, &s, line, sizeof(line));
	tap_is_str(line, "127.0.0.1:4000 > 127.0.0.1:80 [S] seq 0 win 512 len 0",
		   "a SYN: seq 0");
	s = seg(80, 4000, SEG_SYN | SEG_ACK, 5000, 1001, 0);
	line_of(&w, &st, &s, line, sizeof(line));
	tap_is_str(line, "127.0.0.1:80 > 127.0.0.1:4000 [S.] seq 0 ack 1 win 512 len 0",
		   "its SYN+ACK: seq 0 ack 1");
	s = seg(4000, 80, SEG_PSH | SEG_ACK, 1001, 5001, 5);
	line_of(&w, &st, &s, line, sizeof(line));
	tap_is_str(line, "127.0.0.1:4000 > 127.0.0.1:80 [P.] seq 1 ack 1 win 512 len 5",
		   "data: seq 1 ack 1 len 5");
	s = seg(4000, 80, SEG_SYN, 90000, 0, 0);	/* the ports again */
	line_of(&w, &st, &s, line, sizeof(line));
	tap_is_str(line, "127.0.0.1:4000 > 127.0.0.1:80 [S] seq 0 win 512 len 0",
		   "a new SYN on the same ports: a new connection");
	for (unsigned i = 0; i < 3 * WIRE_FLOWS; i++) {
		s = seg((uint16_t)(1 + i % 60000), (uint16_t)(1 + i / 60000),
			SEG_SYN, i, 0, 0);
		wire_add(&w, &s);
	}
	tap_ok(w.total - wire_oldest(&w) == WIRE_RING && w.nflows <= WIRE_FLOWS &&
	       w.total == 4 + 3 * WIRE_FLOWS && wire_entry(&w, 0) == NULL &&
	       wire_entry(&w, w.total - 1) != NULL,
	       "bounded: %llu segments kept, %zu connections, %llu seen",
	       w.total - wire_oldest(&w), w.nflows, w.total);
	wire_close(&w);
	test_states(&st);
	test_held(&st);
	return tap_done();
}
