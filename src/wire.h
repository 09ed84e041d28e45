/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wire.h - the segments on stage: the capture (capture.h) read into a
 * bounded ring, each TCP connection's sequence numbers made relative to
 * its ends' first ones, each segment's ends named by the stage sockets
 * they belong to, and a line for each as tcpdump would write it. */
#ifndef SOCKSTAGE_WIRE_H
#define SOCKSTAGE_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "capture.h"

#define WIRE_RING 4096		/* segments kept for the screen */
#define WIRE_FLOWS 4096		/* connections remembered (the newest) */

struct stage;

/* A TCP connection's two directions: the first sequence number each
 * end sent (its SYN's, or the first seen). */
struct wire_flow {
	uint8_t family;
	struct in6_addr a, b;
	uint16_t aport, bport;
	uint32_t isn[2];	/* [0]: a's, [1]: b's */
	bool have[2];
	long long first_us;	/* its first segment */
};

struct wire {
	struct capture *cap;	/* NULL: no capture (why: err) */
	char err[256];
	struct segment *ring;	/* the last WIRE_RING segments */
	size_t head, n;		/* the oldest, how many */
	unsigned long long total;	/* every segment read */
	struct wire_flow *flows;
	size_t nflows, capflows;
};

/* An empty wire, without a capture (wire_add feeds it). */
void wire_init(struct wire *w);
/* Open the capture on interface ifname. Returns 0, or -1 with the reason
 * in w->err (the rest of the program works without it). */
int wire_open(struct wire *w, const char *ifname);
/* A segment into the ring and its flow, as if it had been captured. */
void wire_add(struct wire *w, const struct segment *s);
void wire_close(struct wire *w);
/* --pcap: every packet from now on into fd too (owned from here). */
int wire_save(struct wire *w, int fd, char *err, size_t errlen);
/* Read what was captured into the ring; fn (if not NULL) for each new
 * segment. Returns how many, -1 on an error (in w->err). */
int wire_read(struct wire *w, void (*fn)(void *ctx, const struct segment *s),
	      void *ctx);
/* Read until the wire is quiet: no packet for quiet_ms, at most max_ms in
 * all. Returns how many were read. */
int wire_settle(struct wire *w, int quiet_ms, int max_ms,
		void (*fn)(void *ctx, const struct segment *s), void *ctx);

/* Segment s as a line: "s2 > s1 127.0.0.1:4460 > 127.0.0.1:3460 [S]
 * seq 0 win 65495 len 0 <mss 65495,sackOK,TS,wscale 7>", a datagram
 * "udp ... len 5", an ICMP error "icmp port unreachable for udp ...". */
void wire_format(const struct wire *w, const struct stage *st,
		 const struct segment *s, char *buf, size_t len);
/* The flow of a TCP segment (made on its first segment), NULL else. */
const struct wire_flow *wire_flow_of(const struct wire *w,
				     const struct segment *s);

#endif
