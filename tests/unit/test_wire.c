/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_wire.c - the wire's model without a capture: a handshake and a
 * data segment fed in, their lines with sequence numbers relative to each
 * end's first (a new SYN on the same ports starts again from 0); the ring
 * and the connections remembered stay bounded however many come. */
#include <arpa/inet.h>
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
	wire_add(w, s);
	wire_format(w, st, s, buf, len);
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
	tap_ok(w.n == WIRE_RING && w.nflows <= WIRE_FLOWS && w.total == 4 + 3 * WIRE_FLOWS,
	       "bounded: %zu segments kept, %zu connections, %llu seen", w.n,
	       w.nflows, w.total);
	wire_close(&w);
	return tap_done();
}
