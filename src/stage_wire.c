/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_wire.c - the stage's wire: its capture, the mark each call sets,
 * `expect [no] segment FROM -> TO FLAGS` and `show wire`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ladder.h"
#include "stage_int.h"
#include "util.h"
#include "wire.h"

#define SHOW_WIDTH 96		/* show wire's lines */
#define QUIET_MS 30		/* expect no segment: the wire is quiet */

int stage_wire_open(struct stage *st, const char *ifname,
		    struct capture_file *file)
{
	struct wire *w = xcalloc(1, sizeof(*w));

	if (wire_open(w, ifname) < 0) {
		str_copy(st->wire_err, w->err, sizeof(st->wire_err));
		wire_close(w);
		free(w);
		return -1;
	}
	wire_save(w, file);
	st->wire = w;
	st->wire_err[0] = '\0';
	return 0;
}

int stage_wire_only_ports(struct stage *st)
{
	if (!st->wire)
		return 0;
	st->wire_ports = true;
	if (wire_only_ports(st->wire, st->ports, st->nports) < 0) {
		str_copy(st->wire_err, st->wire->err, sizeof(st->wire_err));
		return -1;
	}
	return 0;
}

void stage_wire_close(struct stage *st)
{
	if (st->relay) {	/* the file may close next: the relay stops
				   writing into it first */
		relay_set_tap(st->relay, NULL, NULL);
		if (st->wire)
			wire_relay(st->wire, NULL);
	}
	st->pcap = NULL;
	if (!st->wire)
		return;
	wire_close(st->wire);
	free(st->wire);
	st->wire = NULL;
}

void stage_wire_mark(struct stage *st)
{
	if (!st->wire)
		return;
	wire_sync(st->wire);	/* what came before is not this call's */
	st->wire_mark = st->wire->total;
}

/* ---- expect segment --------------------------------------------------------- */

/* The flags that must match: those named, and SYN, FIN and RST when not
 * named (FIN matches [F.]: Linux sends no FIN without ACK; ACK matches
 * [.] and [P.]); ACK too when SYN is named (SYN is not SYN+ACK). */
static bool flags_match(uint8_t want, uint8_t have)
{
	uint8_t care = want | SEG_SYN | SEG_FIN | SEG_RST;

	if (want & SEG_SYN)
		care |= SEG_ACK;
	return (have & care) == want;
}

static bool end_matches(const struct stage *st, const struct seg_end *end,
			const struct wire_entry *e, int who, int sock_id)
{
	const struct segment *s = &e->s;
	char name[80];

	if (end->sock.col < 0)
		return addr_spec_matches(&end->addr, s->family,
					 who == 0 ? &s->src : &s->dst,
					 who == 0 ? s->sport : s->dport);
	wire_end_name(st, e, who, name, sizeof(name));
	return name[0] == 's' && atoi(name + 1) == sock_id;
}

static bool seg_matches(const struct stage *st, const struct command *cmd,
			const struct wire_entry *e, const int ids[2])
{
	return e->s.proto == IPPROTO_TCP && flags_match(cmd->seg_flags, e->s.flags) &&
	       end_matches(st, &cmd->seg[0], e, 0, ids[0]) &&
	       end_matches(st, &cmd->seg[1], e, 1, ids[1]);
}

static bool seen_since_mark(struct stage *st, const struct command *cmd,
			    const int ids[2])
{
	for (unsigned long long i = st->wire_mark; i < st->wire->total; i++) {
		const struct wire_entry *e = wire_entry(st->wire, i);

		if (e && seg_matches(st, cmd, e, ids))
			return true;
	}
	return false;
}

/* FROM or TO: the socket's id (its name resolved now), or 0 for an
 * address; -1 with the error in res. */
static int end_id(struct stage *st, const struct seg_end *end,
		  struct result *res)
{
	int si;

	if (end->sock.col < 0)
		return 0;
	if ((si = stage_find_sock(st, end->sock.name)) < 0) {
		res_error(res, end->sock.col, "unknown socket '%s'", end->sock.name);
		return -1;
	}
	return st->socks[si]->id;
}

static void end_call_text(const struct seg_end *end, int id, char *buf,
			  size_t len)
{
	if (end->sock.col < 0)
		addr_format_spec(&end->addr, buf, len);
	else
		snprintf(buf, len, "s%d", id);
}

static void flags_words(uint8_t f, char *buf, size_t len)
{
	static const struct { uint8_t f; const char *w; } order[] = {
		{ SEG_SYN, "SYN" }, { SEG_FIN, "FIN" }, { SEG_RST, "RST" },
		{ SEG_PSH, "PSH" }, { SEG_URG, "URG" }, { SEG_ACK, "ACK" },
	};
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(order) && off < len; i++)
		if (f & order[i].f)
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
						off ? "+" : "", order[i].w);
}

/* What crossed since the last call, as evidence of a mismatch. */
static void note_crossed(struct stage *st, struct result *res)
{
	char line[400];
	int n = 0;

	for (unsigned long long i = st->wire_mark; i < st->wire->total; i++) {
		const struct wire_entry *e = wire_entry(st->wire, i);

		if (!e)
			continue;
		if (++n > 12) {
			res_note(res, "... and %llu more", st->wire->total - i);
			return;
		}
		wire_format(st, e, line, sizeof(line));
		res_note(res, "wire: %s", line);
	}
	if (!n)
		res_note(res, "nothing crossed the wire since the last call");
}

static bool look(struct stage *st, const struct command *cmd, const int ids[2])
{
	long long deadline = now_ms() + st->mode.expect_wait_ms;

	if (cmd->negate) {	/* until the wire is quiet */
		wire_settle(st->wire, QUIET_MS, st->mode.expect_wait_ms);
		wire_sync(st->wire);
		return seen_since_mark(st, cmd, ids);
	}
	for (;;) {
		wire_sync(st->wire);
		if (seen_since_mark(st, cmd, ids))
			return true;
		if (now_ms() >= deadline)
			return false;
		usleep(5 * 1000);
	}
}

enum result_kind stage_expect_segment(struct stage *st, const struct command *cmd,
				      struct result *res)
{
	char from[80], to[80], flags[40];
	int ids[2];
	bool found;

	if ((ids[0] = end_id(st, &cmd->seg[0], res)) < 0 ||
	    (ids[1] = end_id(st, &cmd->seg[1], res)) < 0)
		return res->kind;
	end_call_text(&cmd->seg[0], ids[0], from, sizeof(from));
	end_call_text(&cmd->seg[1], ids[1], to, sizeof(to));
	flags_words(cmd->seg_flags, flags, sizeof(flags));
	res_call(res, "expect %ssegment %s -> %s %s", cmd->negate ? "no " : "",
		 from, to, flags);
	if (!st->wire)
		return res_error(res, 0, "cannot see the wire: %s",
				 st->wire_err[0] ? st->wire_err : "no capture");
	found = look(st, cmd, ids);
	if (!res_expect_held(res, found, cmd->negate))
		note_crossed(st, res);
	return RES_INFO;
}

/* ---- show wire ---------------------------------------------------------------- */

/* The conversations in the ring, in the order they began. */
static size_t conversations(const struct wire *w, struct ladder_key *keys,
			    size_t max)
{
	size_t n = 0;

	for (unsigned long long i = wire_oldest(w); i < w->total; i++) {
		struct ladder_key k;
		size_t j;

		if (!ladder_key_of(wire_entry(w, i), &k))
			continue;
		for (j = 0; j < n && !ladder_key_same(&keys[j], &k); j++)
			;
		if (j == n && n < max)
			keys[n++] = k;
	}
	return n;
}

static void show_one(struct stage *st, const struct ladder_key *k,
		     void (*fn)(void *ctx, const char *line), void *ctx)
{
	char left[120], right[120], line[512];
	struct ladder_rung r;

	ladder_head(st, k, left, right, sizeof(left));
	ladder_title(left, right, SHOW_WIDTH, line, sizeof(line));
	fn(ctx, line);
	for (unsigned long long i = wire_oldest(st->wire); i < st->wire->total; i++) {
		const struct wire_entry *e = wire_entry(st->wire, i);

		if (ladder_dir(k, e) < 0)
			continue;
		ladder_rung(st, k, e, true, &r);	/* a transcript is the
							   same each run */
		ladder_line(&r, SHOW_WIDTH, line, sizeof(line));
		fn(ctx, line);
	}
}

void stage_wire_show(struct stage *st, void (*fn)(void *ctx, const char *line),
		     void *ctx)
{
	struct ladder_key keys[64];
	size_t n;

	if (!st->wire) {
		char line[300];

		snprintf(line, sizeof(line), "(no capture: %s)",
			 st->wire_err[0] ? st->wire_err : "the wire is not watched");
		fn(ctx, line);
		return;
	}
	wire_read(st->wire);
	if (!(n = conversations(st->wire, keys, ARRAY_LEN(keys)))) {
		fn(ctx, "(nothing has crossed the wire yet)");
		return;
	}
	for (size_t i = 0; i < n; i++)
		show_one(st, &keys[i], fn, ctx);
}
