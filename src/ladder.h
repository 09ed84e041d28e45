/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ladder.h - the wire as a ladder diagram: a conversation's two ends as
 * columns and a rung for each segment, for `show wire` and the Wire
 * panel. */
#ifndef SOCKSTAGE_LADDER_H
#define SOCKSTAGE_LADDER_H

#include <stdbool.h>
#include <stddef.h>

#include "wire.h"

/* A conversation: a TCP connection or the datagrams between two ends (an
 * ICMP error belongs to the exchange it quotes). a is the end that spoke
 * first. */
struct ladder_key {
	uint8_t family, proto;
	struct in6_addr a, b;
	uint16_t ap, bp;
	long long first_us;	/* its first segment */
};

/* The conversation e belongs to; false for an ICMP message that quotes
 * nothing of TCP or UDP. */
bool ladder_key_of(const struct wire_entry *e, struct ladder_key *k);
/* Make k the conversation as its first segment still in w's ring has it:
 * a the end that spoke first, its time the first. */
void ladder_begin(const struct wire *w, struct ladder_key *k);
bool ladder_key_same(const struct ladder_key *x, const struct ladder_key *y);
/* e's direction in conversation k: 0 from a to b, 1 from b to a, -1 not
 * k's. */
int ladder_dir(const struct ladder_key *k, const struct wire_entry *e);
/* The columns' titles: "s2 127.0.0.1:40000", "s1 127.0.0.1:3459". */
void ladder_head(const struct stage *st, const struct ladder_key *k,
		 char *left, char *right, size_t len);

/* One rung: the time since the conversation began ("" when the stage is
 * stable), the states its ends entered, what crossed and which way. */
struct ladder_rung {
	char time[24];
	char left[16], right[16];
	char what[120];
	bool rightward;
};
/* Entry e as a rung of k's ladder; timeless (or a stable stage): no time,
 * and a held segment "delivered", not after how long. */
void ladder_rung(const struct stage *st, const struct ladder_key *k,
		 const struct wire_entry *e, bool timeless, struct ladder_rung *r);
/* A rung as a line of width columns (at least as wide as it needs):
 * "  0.000 SYN-SENT    [S] seq 0 win 65495 len 0 ----->  SYN-RECV". */
void ladder_line(const struct ladder_rung *r, int width, char *buf,
		 size_t len);
/* The titles over the columns of ladder_line's lines. */
void ladder_title(const char *left, const char *right, int width, char *buf,
		  size_t len);

#endif
