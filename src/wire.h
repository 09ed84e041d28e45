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
#include "relay.h"

#define WIRE_RING 4096		/* segments kept for the screen */
#define WIRE_FLOWS 4096		/* connections remembered (the newest) */

struct stage;

/* A TCP connection's two directions: the first sequence number each
 * end sent (its SYN's, or the first seen), and the state each end is in
 * as its segments tell (wire_tcp.c). */
struct wire_flow {
	uint8_t family;
	struct in6_addr a, b;
	uint16_t aport, bport;
	uint32_t isn[2];	/* [0]: a's, [1]: b's */
	bool have[2];
	long long first_us;	/* its first segment */
	int8_t state[2];	/* KS_*, -1: not known (seen from the middle) */
	uint16_t went[2];	/* bit (1 << KS_*): the states each end has
				   been in (a read of the kernel may lag) */
	bool fin[2];		/* the end sent a FIN ... */
	uint32_t fin_acked[2];	/* ... which an ACK of this number acks */
};

/* What a segment caused, as the TCP state machine says (RFC 9293, as
 * Linux runs it): an end entered a state. */
enum wire_word { WW_SYN = 1, WW_SYNACK, WW_ACK, WW_FIN, WW_RST };
struct wire_move {
	uint8_t who;		/* whose state: 0 the segment's sender, 1 its
				   receiver */
	uint8_t by;		/* whose segment caused it (0, 1 as who) */
	int8_t from, to;	/* KS_* (from -1: not known) */
	uint8_t word;		/* WW_*: which of its flags did it */
};
#define WIRE_MOVES 4

/* A segment as the wire keeps it: what it caused, and its flow. */
struct wire_entry {
	struct segment s;
	struct wire_move mv[WIRE_MOVES];
	uint8_t nmv;
	int8_t end;		/* the sender's end of its flow (0 a, 1 b), -1 */
	uint32_t rseq, rack;	/* seq, ack relative to their ends' first */
	long long rel_us;	/* since its flow's first segment (or 0) */
	/* between hosts (relay.h): what the wire did with it */
	uint8_t fate;		/* enum relay_fate; RF_PASSED on loopback */
	int8_t from, to;	/* hosts, -1 none (loopback: -1) */
	unsigned long long pkt;	/* its number on the wire, 0 loopback */
	int delay_ms;		/* RF_DELAYED */
	long long waited_us;	/* RF_DELIVERED */
};

struct wire {
	struct capture *cap;	/* NULL: no capture (why: err) */
	struct relay *relay;	/* the wire between hosts (not the wire's),
				   NULL none */
	struct capture_file *file;	/* --pcap (not the wire's), NULL */
	char err[256];
	struct wire_entry *ring;	/* the last WIRE_RING segments */
	unsigned long long total;	/* every segment read: entry i (from
					   0) is ring[i % WIRE_RING] while
					   i + WIRE_RING > total */
	struct wire_flow *flows;
	size_t nflows, capflows;
};

/* An empty wire, without a capture (wire_add feeds it). */
void wire_init(struct wire *w);
/* Open the capture on interface ifname. Returns 0, or -1 with the reason
 * in w->err (the rest of the program works without it). */
int wire_open(struct wire *w, const char *ifname);
/* A segment into the ring and its flow, as if it had been captured.
 * Returns its entry. */
const struct wire_entry *wire_add(struct wire *w, const struct segment *s);
void wire_close(struct wire *w);
/* Read the wire between hosts too (relay_drain): each packet's send
 * (held, delayed, dropped ...) and delivery. NULL: no more. */
void wire_relay(struct wire *w, struct relay *r);
/* An event of the relay into the ring. Returns its entry. */
const struct wire_entry *wire_add_event(struct wire *w,
					const struct relay_event *ev);
/* Only these ports' segments (capture_only_ports). 0 or -1 (w->err). */
int wire_only_ports(struct wire *w, const uint16_t *ports, int n);
/* --pcap: every packet from now on into f too (NULL: none; not w's). */
void wire_save(struct wire *w, struct capture_file *f);
/* Read what was captured into the ring. Returns how many, -1 on an
 * error (in w->err). Readers keep their own count of what they have seen
 * and look entries up with wire_entry. */
int wire_read(struct wire *w);
/* The same, with every packet the kernel captured before this call. */
int wire_sync(struct wire *w);
/* Read until the wire is quiet: no packet for quiet_ms, at most max_ms in
 * all. Returns how many were read. */
int wire_settle(struct wire *w, int quiet_ms, int max_ms);
/* Entry i (0: the first segment ever read), NULL when it is not read yet
 * or has left the ring. */
const struct wire_entry *wire_entry(const struct wire *w, unsigned long long i);
/* The first entry still in the ring. */
unsigned long long wire_oldest(const struct wire *w);

/* The state the segments left a TCP end in (me:myport, talking to
 * peer:peerport), -1 when they tell nothing of it. */
int wire_end_state(const struct wire *w, uint8_t family,
		   const struct in6_addr *me, uint16_t myport,
		   const struct in6_addr *peer, uint16_t peerport);
/* Whether the segments have moved that end through state (now, or
 * before: a read of the kernel that lags behind the capture). */
bool wire_end_went(const struct wire *w, uint8_t family,
		   const struct in6_addr *me, uint16_t myport,
		   const struct in6_addr *peer, uint16_t peerport, int state);

/* The TCP machine (wire_tcp.c): what segment e, sent by end x of flow f,
 * does to f's ends (those of phases: its sender as it is sent, its
 * receiver as it arrives: both at once on loopback); its moves into e. */
enum { WIRE_SENT = 1, WIRE_ARRIVED = 2 };
void wire_tcp_step(struct wire_flow *f, int x, struct wire_entry *e,
		   int phases);
/* Which of a segment's phases an entry of this fate is. */
int wire_phases(int fate);

/* ---- text (wire_text.c) ---- */

/* Entry e as a line: "s2 127.0.0.1:40002 > s1 127.0.0.1:3460 [S] seq 0
 * win 65495 len 0 <mss 65495,sackOK,TS,wscale 7>", a datagram
 * "udp ... len 5", an ICMP error "icmp port unreachable for udp ...". */
void wire_format(const struct stage *st, const struct wire_entry *e,
		 char *buf, size_t len);
/* What the wire between hosts did with e: "held", "delayed 200 ms",
 * "dropped", "delivered after 1200 ms" ("delivered" when stable); ""
 * for a segment that just passed. */
void wire_fate_text(const struct wire_entry *e, bool stable, char *buf,
		    size_t len);
/* An end of e (0 its sender, 1 its receiver) as a name: "s3", or its
 * address "127.0.0.1:3470" when no stage socket has it. */
void wire_end_name(const struct stage *st, const struct wire_entry *e,
		   int who, char *buf, size_t len);
/* The stage socket an end of e is named by (a listener for a connection
 * it has not accepted yet), or NULL. */
const struct stage_sock *wire_end_named(const struct stage *st,
					const struct wire_entry *e, int who);
/* The stage socket whose state an end of e is (not a listener: a
 * connection it has not accepted yet is not it), or NULL. */
const struct stage_sock *wire_end_sock(const struct stage *st,
				       const struct wire_entry *e, int who);
/* Move m of e's cause: "s3 sent FIN", "SYN+ACK from s1". */
void wire_cause(const struct stage *st, const struct wire_entry *e,
		const struct wire_move *m, char *buf, size_t len);
/* "[S.]"-style flags, "udp", "icmp": the short kind of a segment. */
void wire_kind(const struct segment *s, char *buf, size_t len);

/* The moves of entries [from, to) gathered per end, in the order each end
 * first moved: "s3" and "ESTAB -> FIN-WAIT-1 (s3 sent FIN) -> FIN-WAIT-2
 * (ACK from s2)". An end without a stage socket is named by its
 * addresses, "tcp 127.0.0.1:3459 127.0.0.1:40002". */
struct wire_chain {
	char who[200];
	int sock;		/* its stage socket's id, 0 none */
	int from, to;		/* the first and last state */
	char text[480];
};
struct wire_chains {
	struct wire_chain *v;
	size_t n, cap;
};
void wire_chains(const struct wire *w, const struct stage *st,
		 unsigned long long from, unsigned long long to,
		 struct wire_chains *out);
void wire_chains_free(struct wire_chains *c);
/* The flow of a TCP segment (made on its first segment), NULL else. */
const struct wire_flow *wire_flow_of(const struct wire *w,
				     const struct segment *s);

#endif
