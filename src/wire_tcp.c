/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wire_tcp.c - what a segment does to the two ends of its connection, as
 * TCP's state machine (RFC 9293, as Linux runs it) says: the sender of a
 * SYN is in SYN-SENT, the receiver of a FIN in CLOSE-WAIT ... Loopback
 * moves a connection through its states in microseconds, faster than any
 * read of the kernel; the segments say which states it went through and
 * why. tests/wire-states.sh holds the result against the kernel's. */
#include "wire.h"

#include "diag.h"

static void move(struct wire_flow *f, struct wire_entry *e, int x, int who,
		 int by, int to, int word)
{
	int end = who == 0 ? x : !x;

	if (f->state[end] == to || e->nmv == WIRE_MOVES)
		return;
	e->mv[e->nmv++] = (struct wire_move){
		.who = (uint8_t)who, .by = (uint8_t)by,
		.from = f->state[end], .to = (int8_t)to, .word = (uint8_t)word,
	};
	f->state[end] = (int8_t)to;
	f->went[end] |= (uint16_t)(1u << to);
}

static bool is_open(int state)
{
	return state >= 0 && state != KS_CLOSE && state != KS_LISTEN &&
	       state != KS_TIME_WAIT;
}

/* The sender: a SYN opens, a FIN closes its half, a RST ends it. */
static void sender(struct wire_flow *f, int x, struct wire_entry *e)
{
	const struct segment *s = &e->s;
	int8_t *st = &f->state[x];

	if (s->flags & SEG_RST) {
		if (is_open(*st))
			move(f, e, x, 0, 0, KS_CLOSE, WW_RST);
		return;
	}
	if ((s->flags & SEG_SYN) && (*st < 0 || *st == KS_CLOSE)) {
		*st = KS_CLOSE;	/* a new socket: its first segment */
		if (s->flags & SEG_ACK)	/* the SYN it answers made it */
			move(f, e, x, 0, 1, KS_SYN_RECV, WW_SYN);
		else
			move(f, e, x, 0, 0, KS_SYN_SENT, WW_SYN);
	}
	if (!(s->flags & SEG_FIN))
		return;
	if (!f->fin[x]) {
		f->fin[x] = true;
		f->fin_acked[x] = s->seq + s->len + 1 +
				  ((s->flags & SEG_SYN) ? 1 : 0);
	}
	if (*st == KS_ESTABLISHED || *st == KS_SYN_RECV)
		move(f, e, x, 0, 0, KS_FIN_WAIT1, WW_FIN);
	else if (*st == KS_CLOSE_WAIT)
		move(f, e, x, 0, 0, KS_LAST_ACK, WW_FIN);
}

/* An ACK of the receiver's own SYN or FIN moves it on. */
static void acked(struct wire_flow *f, int x, struct wire_entry *e)
{
	const struct segment *s = &e->s;
	int y = !x;
	int8_t st = f->state[y];

	if ((s->flags & SEG_SYN) && st == KS_SYN_SENT)
		move(f, e, x, 1, 0, KS_ESTABLISHED, WW_SYNACK);
	else if (!(s->flags & SEG_SYN) && st == KS_SYN_RECV)
		move(f, e, x, 1, 0, KS_ESTABLISHED, WW_ACK);
	if (!f->fin[y] || (int32_t)(s->ack - f->fin_acked[y]) < 0)
		return;
	if (st == KS_FIN_WAIT1)
		move(f, e, x, 1, 0, KS_FIN_WAIT2, WW_ACK);
	else if (st == KS_CLOSING)
		move(f, e, x, 1, 0, KS_TIME_WAIT, WW_ACK);
	else if (st == KS_LAST_ACK)
		move(f, e, x, 1, 0, KS_CLOSE, WW_ACK);
}

/* The receiver: a RST ends it; an ACK, then a FIN, move it on. */
static void receiver(struct wire_flow *f, int x, struct wire_entry *e)
{
	const struct segment *s = &e->s;
	int8_t st;

	if (s->flags & SEG_RST) {
		if (is_open(f->state[!x]))
			move(f, e, x, 1, 0, KS_CLOSE, WW_RST);
		return;
	}
	if (s->flags & SEG_ACK)
		acked(f, x, e);
	if (!(s->flags & SEG_FIN))
		return;
	st = f->state[!x];
	if (st == KS_ESTABLISHED)
		move(f, e, x, 1, 0, KS_CLOSE_WAIT, WW_FIN);
	else if (st == KS_FIN_WAIT1)
		move(f, e, x, 1, 0, KS_CLOSING, WW_FIN);
	else if (st == KS_FIN_WAIT2)
		move(f, e, x, 1, 0, KS_TIME_WAIT, WW_FIN);
}

void wire_tcp_step(struct wire_flow *f, int x, struct wire_entry *e,
		   int phases)
{
	if (phases & WIRE_SENT)
		sender(f, x, e);
	if (phases & WIRE_ARRIVED)
		receiver(f, x, e);
}

int wire_phases(int fate)
{
	switch (fate) {
	case RF_HELD:
	case RF_DELAYED:
	case RF_DROPPED:
	case RF_DOWN:
	case RF_NOHOST:
		return WIRE_SENT;
	case RF_DELIVERED:
	case RF_DUP:
		return WIRE_ARRIVED;
	default:
		return WIRE_SENT | WIRE_ARRIVED;
	}
}
