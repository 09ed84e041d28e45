/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_host.c - the stage's machines and the wire between them: `host`
 * makes one (the first also makes the stage's own namespace host
 * "local", 10.0.0.1, and starts the relay), `wire ...` holds, slows,
 * drops, duplicates or unplugs the wire, and the stage enters a host's
 * namespace where it acts for it (a process spawned there, a sysctl, a
 * kernel view). Hosts exist only in a sandbox. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "relay.h"
#include "stage_int.h"
#include "wire.h"

#define LOCAL "local"
#define STEP_WAIT_MS 1000	/* wire step: how long it waits for the
				   next segment, when none is held */
#define SETTLE_QUIET_MS 30	/* after a release: the wire is quiet ... */
#define SETTLE_MAX_MS 1000	/* ... or this long has passed */

int stage_find_host(const struct stage *st, const char *name)
{
	for (int i = 0; i < st->nhosts; i++)
		if (!strcmp(st->hosts[i].h.name, name))
			return i;
	return -1;
}

int stage_host_enter(struct stage *st, int host, int *back, char *err,
		     size_t errlen)
{
	*back = -1;
	if (host <= 0 || host >= st->nhosts)
		return 0;	/* local: where the stage is */
	return host_enter(&st->hosts[host].h, back, err, errlen);
}

void stage_host_leave(int back)
{
	if (back >= 0)
		host_leave(back);
}

void stage_host_text(const struct stage *st, int h, char *buf, size_t len)
{
	const struct host *host = &st->hosts[h].h;
	size_t off = (size_t)snprintf(buf, len, "%s", host->name);
	char a[64];

	for (int i = 0; i < host->naddr && off < len; i++) {
		host_addr_format(&host->addr[i], a, sizeof(a));
		off += (size_t)snprintf(buf + off, len - off, " %s", a);
	}
}

/* The host an operand names: its index, or -1 with the error in res. */
int stage_resolve_host(struct stage *st, const struct cmd_ref *ref,
		       struct result *res)
{
	int h;

	if (ref->col < 0)
		return 0;
	if ((h = stage_find_host(st, ref->name)) >= 0)
		return h;
	if (!st->nhosts)
		res_error(res, ref->col, "there are no hosts yet: 'host %s' "
			  "makes one", ref->name);
	else
		res_error(res, ref->col, "unknown host '%s'", ref->name);
	return -1;
}

/* ---- making hosts --------------------------------------------------------------- */

static void default_addr(int n, struct host_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	a->prefix = 24;
	a->a.s6_addr[0] = 10;
	a->a.s6_addr[3] = (uint8_t)n;
}

/* The host that has address a already, or -1. */
static int owner_of(const struct stage *st, const struct host_addr *a)
{
	for (int i = 0; i < st->nhosts; i++)
		if (host_has(&st->hosts[i].h, a->family, &a->a))
			return i;
	return -1;
}

/* Every host reaches every subnet on the wire: a route through wire0
 * where it has no address of its own on it. */
static int route_all(struct stage *st, char *err, size_t errlen)
{
	for (int i = 0; i < st->nhosts; i++)
		for (int j = 0; j < st->nhosts; j++)
			for (int k = 0; k < st->hosts[j].h.naddr; k++) {
				struct host_addr net;

				host_subnet(&st->hosts[j].h.addr[k], &net);
				if (host_on_subnet(&st->hosts[i].h, &net))
					continue;
				if (host_add_route(&st->hosts[i].h, &net, err,
						   errlen) < 0)
					return -1;
			}
	return 0;
}

static int add_addrs(struct host *h, const struct host_addr *a, int n,
		     char *err, size_t errlen)
{
	for (int i = 0; i < n; i++)
		if (host_add_addr(h, &a[i], err, errlen) < 0)
			return -1;
	return 0;
}

/* hosts[i]: made, its addresses, plugged into the wire. */
static int make(struct stage *st, int i, const char *name,
		const struct host_addr *a, int n, char *err, size_t errlen)
{
	struct stage_host *sh = &st->hosts[i];

	memset(sh, 0, sizeof(*sh));
	if (host_make(&sh->h, name, i == 0, err, errlen) < 0)
		return -1;
	if (add_addrs(&sh->h, a, n, err, errlen) < 0 ||
	    relay_plug(st->relay, i, &sh->h) < 0) {
		host_free(&sh->h);
		return -1;
	}
	st->nhosts = i + 1;
	return 0;
}

/* Each packet on the wire into the --pcap file (the relay's thread calls
 * it), with what the wire did as its comment: "held", "delayed 200 ms",
 * "delivered after 1200 ms" (a held or delayed packet, again, as it left
 * the wire), "dropped", "duplicated", "lost: the wire is down". */
static void tap(void *ctx, const struct relay_event *ev,
		const unsigned char *pkt, size_t caplen, size_t len)
{
	const struct stage *st = ctx;
	struct wire_entry e = { .fate = (uint8_t)ev->fate,
				.delay_ms = ev->delay_ms,
				.waited_us = ev->waited_us };
	char comment[64];

	wire_fate_text(&e, false, comment, sizeof(comment));
	capture_file_write(st->pcap, st->pcap_iface, ev->s.us, pkt,
			   (uint32_t)caplen, (uint32_t)len, comment);
}

/* The relay's packets into the --pcap file, if there is one. */
static void save_wire(struct stage *st)
{
	st->pcap = st->wire ? st->wire->file : NULL;
	if (!st->pcap)
		return;
	st->pcap_iface = capture_file_iface(st->pcap, "wire",
					    CAPTURE_LINKTYPE_RAW);
	if (st->pcap_iface >= 0)
		relay_set_tap(st->relay, tap, st);
}

/* The first host: the stage's own namespace becomes "local" on a new
 * wire, 10.0.0.1/24. */
static int make_local(struct stage *st, char *err, size_t errlen)
{
	struct host_addr a;

	if (!(st->relay = relay_new(err, errlen)))
		return -1;
	default_addr(1, &a);
	if (make(st, 0, LOCAL, &a, 1, err, errlen) < 0) {
		relay_free(st->relay);
		st->relay = NULL;
		return -1;
	}
	if (!st->wire) {	/* no capture: the wire is the relay's alone */
		st->wire = xcalloc(1, sizeof(*st->wire));
		wire_init(st->wire);
	}
	wire_relay(st->wire, st->relay);
	save_wire(st);
	return 0;
}

static void call_text(const struct command *cmd, struct result *res)
{
	char text[320], a[64];
	size_t off = (size_t)snprintf(text, sizeof(text), "%s", cmd->host.name);

	for (int i = 0; i < cmd->nhaddr && off < sizeof(text); i++) {
		host_addr_format(&cmd->haddr[i], a, sizeof(a));
		off += (size_t)snprintf(text + off, sizeof(text) - off, ", %s", a);
	}
	res_call(res, "host(%s)", text);
}

static void addrs_value(const struct host *h, struct result *res)
{
	char text[320] = "", a[64];
	size_t off = 0;

	for (int i = 0; i < h->naddr && off < sizeof(text); i++) {
		host_addr_format(&h->addr[i], a, sizeof(a));
		off += (size_t)snprintf(text + off, sizeof(text) - off, "%s%s",
					i ? " " : "", a);
	}
	res_value(res, "%s", text);
}

/* Why host cmd cannot be made as asked (its addresses, its name), or
 * NULL; the column in *col. */
static const char *check_host(struct stage *st, const struct command *cmd,
			      char *buf, size_t len, int *col)
{
	*col = cmd->host.col;
	if (!st->sandboxed)
		return "hosts are network namespaces of a sandbox: run with "
		       "--sandbox (or a lesson)";
	if (!strcmp(cmd->host.name, LOCAL) || stage_find_host(st, cmd->host.name) >= 0) {
		snprintf(buf, len, "there is a host '%s' already", cmd->host.name);
		return buf;
	}
	if (st->nhosts == HOST_MAX || (!st->nhosts && HOST_MAX < 2)) {
		snprintf(buf, len, "at most %d hosts, local included", HOST_MAX);
		return buf;
	}
	for (int i = 0; i < cmd->nhaddr; i++) {
		int o = owner_of(st, &cmd->haddr[i]);
		char a[64];

		host_addr_format(&cmd->haddr[i], a, sizeof(a));
		if (o >= 0 || (!st->nhosts && cmd->haddr[i].family == AF_INET &&
			       !memcmp(&cmd->haddr[i].a, "\x0a\0\0\x01", 4))) {
			snprintf(buf, len, "%s is %s's address", a,
				 o >= 0 ? st->hosts[o].h.name : LOCAL);
			return buf;
		}
	}
	return NULL;
}

enum result_kind cmdx_host(struct stage *st, const struct command *cmd,
			   struct result *res)
{
	struct host_addr def;
	char err[256], why[160];
	const char *bad;
	int col, i;

	call_text(cmd, res);
	if ((bad = check_host(st, cmd, why, sizeof(why), &col)))
		return res_error(res, col, "%s", bad);
	if (!st->nhosts && make_local(st, err, sizeof(err)) < 0)
		goto failed;
	i = st->nhosts;
	default_addr(i + 1, &def);
	if (make(st, i, cmd->host.name, cmd->nhaddr ? cmd->haddr : &def,
		 cmd->nhaddr ? cmd->nhaddr : 1, err, sizeof(err)) < 0)
		goto failed;
	if (route_all(st, err, sizeof(err)) < 0)
		goto failed;
	res->kind = RES_OK;
	addrs_value(&st->hosts[i].h, res);
	if (i == 1)
		res_note(res, "the stage's own namespace is host '%s', %s, on "
			 "the same wire", LOCAL, "10.0.0.1/24");
	return RES_OK;
failed:
	res->kind = RES_FAIL;
	res->ret = -1;
	res->err = errno ? errno : EINVAL;
	res_note(res, "%s", err);
	return RES_FAIL;
}

void stage_hosts_free(struct stage *st)
{
	if (st->wire)
		wire_relay(st->wire, NULL);
	relay_free(st->relay);	/* its thread first: it reads the devices */
	st->relay = NULL;
	for (int i = 0; i < st->nhosts; i++) {
		diag_close(st->hosts[i].diag);
		host_free(&st->hosts[i].h);
	}
	st->nhosts = 0;
}

/* The host that has the address a spec names (ADDR_V4, ADDR_V6), -1. */
int stage_host_of(const struct stage *st, int family, const struct in6_addr *a)
{
	for (int i = 0; i < st->nhosts; i++)
		if (host_has(&st->hosts[i].h, family, a))
			return i;
	return -1;
}

static int host_of_spec(const struct stage *st, const struct addrspec *a)
{
	struct in6_addr ip = { 0 };

	if (a->kind == ADDR_V4) {
		memcpy(&ip, &a->v4, 4);
		return stage_host_of(st, AF_INET, &ip);
	}
	return a->kind == ADDR_V6 ? stage_host_of(st, AF_INET6, &a->v6) : -1;
}

int stage_connect_wait(struct stage *st, int proc, const struct addrspec *to,
		       int ms, bool *held)
{
	struct relay_state rs;
	int h;

	*held = false;
	if (!st->relay || proc < 0 || (h = host_of_spec(st, to)) < 0 ||
	    h == st->procs[proc].host)
		return ms;
	relay_state(st->relay, &rs);
	if (rs.hold || rs.down || rs.drop_next || rs.drop_percent) {
		*held = true;
		return 0;
	}
	return ms + 2 * rs.delay_ms;
}

/* ---- the wire's controls --------------------------------------------------------- */

static void settle(struct stage *st)
{
	wire_settle(st->wire, SETTLE_QUIET_MS, SETTLE_MAX_MS);
}

/* Until n segments are held (or STEP_WAIT_MS): a step right after a
 * call finds the segment it sent, and the answer to a segment just let
 * through is waited for. Returns how many are. */
static size_t wait_held(struct stage *st, size_t n)
{
	long long deadline = now_ms() + STEP_WAIT_MS;
	struct relay_state rs;

	for (;;) {
		relay_catch_up(st->relay);
		relay_state(st->relay, &rs);
		if (rs.held >= n || now_ms() >= deadline)
			return rs.held;
		usleep(2000);
	}
}

/* wire step N: N segments through, one at a time: each the first held,
 * or the next to come (an answer to the one before) within STEP_WAIT_MS.
 * Returns how many went. */
static int step(struct stage *st, int n)
{
	int went = 0;

	while (went < n && wait_held(st, 1) > 0)
		went += relay_step(st->relay, 1);
	return went;
}

static void state_text(struct stage *st, struct result *res)
{
	struct relay_state rs;
	char buf[200];
	size_t off = 0;

	relay_state(st->relay, &rs);
	off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s",
				rs.down ? "down" : rs.hold ? "held" : "up");
	if (rs.delay_ms)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					", delay %d ms", rs.delay_ms);
	if (rs.drop_next)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					", dropping the next %d", rs.drop_next);
	if (rs.drop_percent)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					", dropping %d%% (seed %u)",
					rs.drop_percent, rs.seed);
	if (rs.dup_next)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					", duplicating the next %d", rs.dup_next);
	if (rs.silent)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					", unknown addresses dropped");
	snprintf(buf + off, sizeof(buf) - off, "; %zu held, %zu delayed",
		 rs.held, rs.delayed);
	res_value(res, "%s", buf);
}

/* The wire's entry of packet id as it was sent (the newest first). */
static const struct wire_entry *sent_entry(const struct wire *w,
					   unsigned long long id)
{
	for (unsigned long long i = w->total; i-- > wire_oldest(w);) {
		const struct wire_entry *e = wire_entry(w, i);

		if (e->pkt == id && e->fate != RF_DELIVERED && e->fate != RF_DUP)
			return e;
	}
	return NULL;
}

size_t stage_wire_held(const struct stage *st, const struct wire_entry **out,
		       size_t max)
{
	struct relay_event ev[32];
	size_t n, k = 0;

	if (!st->relay || !st->wire)
		return 0;
	n = relay_held(st->relay, ev, max < ARRAY_LEN(ev) ? max : ARRAY_LEN(ev));
	for (size_t i = 0; i < n; i++)
		if ((out[k] = sent_entry(st->wire, ev[i].id)))
			k++;
	return k;
}

/* The held segments, as notes, in the order they go. */
static void note_held(struct stage *st, struct result *res)
{
	const struct wire_entry *held[16];
	size_t n;
	char line[400];

	wire_sync(st->wire);
	n = stage_wire_held(st, held, ARRAY_LEN(held));
	for (size_t i = 0; i < n; i++) {
		const struct wire_entry *e = held[i];

		wire_format(st, e, line, sizeof(line));
		line[strlen(line) - (strlen(line) > 7 &&
				     !strcmp(line + strlen(line) - 7, " (held)") ? 7 : 0)] = '\0';
		res_note(res, "held %zu: %s", i + 1, line);
	}
}

static const char *const op_words[] = {
	[WIRE_STATE] = "", [WIRE_HOLD] = "hold", [WIRE_RELEASE] = "release",
	[WIRE_STEP] = "step", [WIRE_DELAY] = "delay",
	[WIRE_DROP_NEXT] = "drop next", [WIRE_DROP_SHARE] = "drop",
	[WIRE_DUP_NEXT] = "dup next", [WIRE_DOWN] = "down", [WIRE_UP] = "up",
	[WIRE_UNKNOWN] = "unknown",
};

static void wire_call(const struct command *cmd, struct result *res)
{
	char flags[16] = "";

	switch (cmd->wire_op) {
	case WIRE_STEP: case WIRE_DUP_NEXT:
		res_call(res, "wire %s %ld", op_words[cmd->wire_op], cmd->value);
		break;
	case WIRE_DELAY:
		res_call(res, "wire delay %ld ms", cmd->duration_ms);
		break;
	case WIRE_DROP_NEXT:
		if (cmd->seg_flags)
			capture_flags_text(cmd->seg_flags, flags, sizeof(flags));
		res_call(res, "wire drop next %ld%s%s%s", cmd->value,
			 flags[0] ? " [" : "", flags, flags[0] ? "]" : "");
		break;
	case WIRE_DROP_SHARE:
		res_call(res, "wire drop %ld%% seed %ld", cmd->value, cmd->gid);
		break;
	case WIRE_UNKNOWN:
		res_call(res, "wire unknown %s", cmd->value ? "icmp" : "drop");
		break;
	default:
		res_call(res, "wire%s%s", cmd->wire_op ? " " : "",
			 op_words[cmd->wire_op]);
	}
}

static void control(struct stage *st, const struct command *cmd)
{
	switch (cmd->wire_op) {
	case WIRE_HOLD: relay_hold(st->relay, true); break;
	case WIRE_RELEASE: relay_hold(st->relay, false); settle(st); break;
	case WIRE_DELAY: relay_delay(st->relay, (int)cmd->duration_ms); break;
	case WIRE_DROP_NEXT:
		relay_drop_next(st->relay, (int)cmd->value, cmd->seg_flags);
		break;
	case WIRE_DROP_SHARE:
		relay_drop_share(st->relay, (int)cmd->value, (uint32_t)cmd->gid);
		break;
	case WIRE_DUP_NEXT: relay_dup_next(st->relay, (int)cmd->value); break;
	case WIRE_DOWN: relay_link(st->relay, false); break;
	case WIRE_UP: relay_link(st->relay, true); break;
	case WIRE_UNKNOWN: relay_unknown(st->relay, cmd->value != 0); break;
	default: break;
	}
}

enum result_kind cmdx_wire(struct stage *st, const struct command *cmd,
			   struct result *res)
{
	wire_call(cmd, res);
	if (!st->relay)
		return res_error(res, 0, "there is no wire yet: it joins hosts "
				 "('host NAME' makes one)");
	res->kind = RES_INFO;
	if (cmd->wire_op == WIRE_STEP) {
		int went = step(st, (int)cmd->value);

		settle(st);
		if (!went)
			res_note(res, "nothing was held on the wire");
		else if (went < cmd->value)
			res_note(res, "no more came to the wire within %d ms",
				 STEP_WAIT_MS);
		res_value(res, "%d through", went);
		note_held(st, res);
		return RES_INFO;
	}
	control(st, cmd);
	state_text(st, res);
	if (cmd->wire_op == WIRE_STATE)
		note_held(st, res);
	return RES_INFO;
}
