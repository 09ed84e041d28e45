/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wireview.c - the wire in the TUI: its capture read off the loop's poll,
 * its segments' transitions logged with their causes, the conversation
 * the Wire panel follows. */
#include "wireview.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "moves.h"
#include "react.h"
#include "state.h"
#include "util.h"
#include "view.h"
#include "wire.h"

void wv_start(struct tui *t)
{
	t->wv.seen = 0;
	t->wv.scroll = 0;
	if (stage_wire_open(&t->st, "lo", t->opts.pcap) < 0) {
		if (!t->wv.said_err++)
			log_add(&t->log, ROLE_FAIL, "the wire: no capture: %s",
				t->st.wire_err);
		return;
	}
	if (!t->opts.sandbox && stage_wire_only_ports(&t->st) < 0)
		log_add(&t->log, ROLE_FAIL, "the wire: %s", t->st.wire_err);
}

/* The capture's descriptor, and the wire between hosts' (relay.h). */
int wv_fds(struct tui *t, struct pollfd *fds, int max)
{
	const struct wire *w = t->st.wire;
	int fd[2] = { w && w->cap ? capture_fd(w->cap) : -1,
		      w && w->relay ? relay_fd(w->relay) : -1 };
	int n = 0;

	for (int i = 0; i < 2 && n < max; i++)
		if (fd[i] >= 0)
			fds[n++] = (struct pollfd){ .fd = fd[i], .events = POLLIN };
	return n;
}

/* A move of entry e into the log: "s3: ESTAB -> FIN-WAIT-1 (s3 sent
 * FIN)", joined to the socket's line while they come fast. */
static void log_move(struct tui *t, const struct wire_entry *e,
		     const struct wire_move *m)
{
	const struct stage_sock *s = wire_end_sock(&t->st, e, m->who);
	const struct segment *g = &e->s;
	struct endpoint me, peer;
	char who[200], a[80], b[80], cause[160];

	if (s) {
		snprintf(who, sizeof(who), "s%d", s->id);
	} else {
		ep_from_inet(&me, g->family, m->who ? &g->dst : &g->src,
			     m->who ? g->dport : g->sport, 0);
		ep_from_inet(&peer, g->family, m->who ? &g->src : &g->dst,
			     m->who ? g->sport : g->dport, 0);
		ep_format(&me, a, sizeof(a));
		ep_format(&peer, b, sizeof(b));
		snprintf(who, sizeof(who), "tcp %s %s", a, b);
	}
	wire_cause(&t->st, e, m, cause, sizeof(cause));
	moves_log(t, s ? s->id : 0, who, view_state_text(IPPROTO_TCP, m->from),
		    view_state_text(IPPROTO_TCP, m->to), cause);
}

bool wv_sync(struct tui *t)
{
	if (t->st.wire)
		wire_sync(t->st.wire);
	return wv_read(t);
}

bool wv_read(struct tui *t)
{
	struct wire *w = t->st.wire;
	unsigned long long first;

	if (!w || wire_read(w) < 0 || w->total == t->wv.seen)
		return false;
	t->wv.news = true;
	/* a call whose outcome has not come yet: its line comes first, then
	   what its segments did (the next read of the kernel logs them); a
	   --stable lesson step: its end does (wv_step_end) */
	if (t->st.npending || t->kv.quiet)
		return true;
	first = t->wv.seen < wire_oldest(w) ? wire_oldest(w) : t->wv.seen;
	for (unsigned long long i = first; i < w->total; i++) {
		const struct wire_entry *e = wire_entry(w, i);

		for (int k = 0; e && k < e->nmv; k++)
			log_move(t, e, &e->mv[k]);
	}
	t->wv.seen = w->total;
	if (w->cap)
		t->wv.dropped = capture_dropped(w->cap);
	return true;
}

void wv_step_end(struct tui *t)
{
	struct wire *w = t->st.wire;
	struct wire_chains c = { 0 };
	unsigned long long first;

	if (!w)
		return;
	wire_read(w);
	first = t->wv.seen < wire_oldest(w) ? wire_oldest(w) : t->wv.seen;
	wire_chains(w, &t->st, first, w->total, &c);
	for (size_t i = 0; i < c.n; i++) {
		log_add(&t->log, ROLE_DIM, "%s: %s", c.v[i].who, c.v[i].text);
		log_last(&t->log)->sock_id = c.v[i].sock;
	}
	wire_chains_free(&c);
	t->wv.seen = w->total;
}

unsigned wv_ready(struct tui *t, const struct pollfd *fds, int n)
{
	(void)fds;
	(void)n;
	wv_read(t);
	return 0;		/* drawn by wv_draw, or with the next frame */
}

long long wv_due(const struct tui *t)
{
	return t->wv.news ? t->wv.drawn_ms + WV_FRAME_MS : -1;
}

unsigned wv_draw(struct tui *t)
{
	t->wv.news = false;
	t->wv.drawn_ms = now_ms();
	return R_REDRAW;
}

/* The newest conversation with socket s at one end. */
bool wv_key(const struct tui *t, struct ladder_key *k)
{
	const struct wire *w = t->st.wire;
	const struct stage_sock *s;

	if (!w || t->wv.all || t->sel < 0 || t->sel >= t->st.nsocks)
		return false;
	s = t->st.socks[t->sel];
	for (unsigned long long i = w->total; i-- > wire_oldest(w);) {
		const struct wire_entry *e = wire_entry(w, i);
		char name[40], want[16];

		snprintf(want, sizeof(want), "s%d", s->id);
		for (int who = 0; who < 2; who++) {
			wire_end_name(&t->st, e, who, name, sizeof(name));
			if (!strcmp(name, want) && ladder_key_of(e, k)) {
				ladder_begin(w, k);
				return true;
			}
		}
	}
	return false;
}
