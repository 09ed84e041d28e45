/* SPDX-License-Identifier: GPL-2.0-or-later */
/* relay.h - the stage's wire between hosts, carried by sockstage itself.
 * A thread of its own reads every packet a host's kernel sends into its
 * TUN device and writes it into the TUN device of the host that has the
 * destination address, under the wire's controls: held, delayed,
 * dropped (the next N, those with some flags, or a seeded share),
 * duplicated, or the cable pulled. What happened to each packet is an
 * event for the loop (relay_drain), and goes to a tap (the pcap file) as
 * it happens, from the relay's thread. */
#ifndef SOCKSTAGE_RELAY_H
#define SOCKSTAGE_RELAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture.h"
#include "host.h"

/* What the wire did with a packet. */
enum relay_fate {
	RF_PASSED,	/* delivered as it came */
	RF_HELD,	/* sent: it waits on the held wire */
	RF_DELAYED,	/* sent: it waits for the wire's delay */
	RF_DELIVERED,	/* a held or delayed packet, delivered now */
	RF_DROPPED,	/* lost: drop next, or drop P% */
	RF_DOWN,	/* lost: the wire is down */
	RF_DUP,		/* a second copy, delivered */
	RF_NOHOST,	/* no host has its destination: an ICMP error
			   answers it (IPv4), or it is lost */
	RF_ICMP,	/* the wire's own answer to an RF_NOHOST packet */
};

struct relay_event {
	enum relay_fate fate;
	int from, to;			/* host indexes; to -1: none */
	unsigned long long id;		/* the packet's number on the wire
					   (its delivery has the same) */
	long long waited_us;		/* RF_DELIVERED: since it was sent */
	int delay_ms;			/* RF_DELAYED: how long it waits */
	bool parsed;			/* s holds it (TCP, UDP, ICMP) */
	struct segment s;		/* s.us: when it happened (µs of the
					   realtime clock, as a capture's) */
};

/* The wire's controls and what it holds, as relay_state reads them. */
struct relay_state {
	bool hold, down;
	int delay_ms;
	int drop_next;			/* packets still to lose */
	uint8_t drop_flags;		/* ... only those with these (0 any) */
	int drop_percent;
	uint32_t seed;
	int dup_next;
	bool silent;			/* a packet to an address no host has
					   is dropped, not answered (ICMP) */
	size_t held, delayed;		/* waiting now */
	unsigned long long packets, lost, duplicated;
};

/* The tap: every event with the packet's bytes (its first caplen of
 * len), called from the relay's thread. */
typedef void (*relay_tap_fn)(void *ctx, const struct relay_event *ev,
			     const unsigned char *pkt, size_t caplen,
			     size_t len);
typedef void (*relay_fn)(void *ctx, const struct relay_event *ev);

struct relay;

/* A wire with no host yet; its thread starts. NULL with a message. */
struct relay *relay_new(char *err, size_t errlen);
/* Stop the thread (what is held or delayed is lost) and free. */
void relay_free(struct relay *r);
/* Plug host h (index i: its events' from and to) into the wire: its TUN
 * device is read from now on, and packets to its addresses reach it.
 * The fd stays the host's. 0 or -1 (too many). */
int relay_plug(struct relay *r, int i, const struct host *h);
void relay_set_tap(struct relay *r, relay_tap_fn fn, void *ctx);

/* Controls. Each takes effect for the packets read from now on. */
/* Hold the wire; released, what it held goes in order (events
 * RF_DELIVERED). */
void relay_hold(struct relay *r, bool on);
/* Deliver the first n held packets (the wire stays held). Returns how
 * many went. */
int relay_step(struct relay *r, int n);
void relay_delay(struct relay *r, int ms);
/* Lose the next n packets that have all of flags (0: any; for TCP). */
void relay_drop_next(struct relay *r, int n, uint8_t flags);
/* Lose percent of the packets, chosen by a generator seeded with seed
 * (the same packets in every run of the same exchange). 0: none. */
void relay_drop_share(struct relay *r, int percent, uint32_t seed);
void relay_dup_next(struct relay *r, int n);
/* Pull the cable (every packet is lost), or plug it back. */
void relay_link(struct relay *r, bool up);
/* A packet to an address no host has: answered with ICMP host
 * unreachable (IPv4), as a router does (icmp true, the default), or
 * dropped without a word. */
void relay_unknown(struct relay *r, bool icmp);
void relay_state(struct relay *r, struct relay_state *out);
/* The held packets, in order (at most max): their events as RF_HELD. */
size_t relay_held(struct relay *r, struct relay_event *out, size_t max);

/* A descriptor readable when events wait (poll it). */
int relay_fd(const struct relay *r);
/* Relay, in the caller's thread, what the hosts have sent so far (the
 * relay's thread may not have woken yet): then relay_drain takes the
 * events of every packet sent before this call. */
void relay_catch_up(struct relay *r);
/* Take the events so far: fn for each. Returns how many. */
int relay_drain(struct relay *r, relay_fn fn, void *ctx);

/* The same generator relay_drop_share uses (splitmix32): tests. */
uint32_t relay_random(uint32_t *state);

#endif
