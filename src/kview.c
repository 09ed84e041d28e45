/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kview.c - the kernel view of the stage: reading it for the ports in
 * play, which stage socket a row belongs to (cookie, inode), and the
 * script commands that assert on it (expect, wait SOCK STATE). */
#include "stage.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "sockinfo.h"
#include "stage_int.h"
#include "view.h"

/* Keep the rows of t whose local or peer port is one of ports[]. */
static void keep_ports(struct diag_table *t, const uint16_t *ports, int n)
{
	uint8_t want[65536 / 8];
	size_t kept = 0;

	memset(want, 0, sizeof(want));
	for (int i = 0; i < n; i++)
		want[ports[i] / 8] |= (uint8_t)(1u << (ports[i] % 8));
	for (size_t i = 0; i < t->n; i++) {
		const struct diag_row *r = &t->rows[i];

		if (want[r->sport / 8] & (1u << (r->sport % 8)) ||
		    want[r->dport / 8] & (1u << (r->dport % 8)))
			t->rows[kept++] = *r;
	}
	t->n = kept;
}

/* Host h's sockets (h > 0), read in its namespace. */
static int dump_host(struct stage *st, int h, const struct diag_filter *f,
		     struct diag_table *out, char *err, size_t errlen)
{
	struct diag *d;
	int back, rc;

	if (!(d = stage_host_diag(st, h, &back, err, errlen)))
		return -1;
	rc = diag_dump(d, f, out, err, errlen);
	host_leave(back);
	return rc;
}

int stage_sockinfo(struct stage *st, const struct diag_row *row,
		   struct sockinfo *si, char *err, size_t errlen)
{
	bool other = row->host && row->host < st->nhosts;
	struct diag *d;
	int back = -1, rc;

	if (other)
		d = stage_host_diag(st, row->host, &back, err, errlen);
	else
		d = stage_diag(st, err, errlen);
	if (!d)
		return -1;
	if (row->family == AF_UNIX) {	/* unix_diag: no more than the row */
		memset(si, 0, sizeof(*si));
		rc = diag_unix_lookup(d, row->inode, row->cookie, &si->row, err,
				      errlen);
	} else {
		rc = sockinfo_lookup(d, row, si, err, errlen);
	}
	if (other)
		host_leave(back);
	si->row.host = row->host;
	return rc;
}

/* The other hosts' rows after local's, each marked with its host. */
static int add_hosts(struct stage *st, const struct diag_filter *f,
		     struct diag_table *out, char *err, size_t errlen)
{
	struct diag_table t = { 0 };
	int rc = 0;

	for (int h = 1; h < st->nhosts && rc == 0; h++) {
		if ((rc = dump_host(st, h, f, &t, err, errlen)) < 0)
			break;
		if (out->n + t.n > out->cap) {
			out->cap = out->n + t.n;
			out->rows = xrealloc(out->rows, out->cap * sizeof(*out->rows));
		}
		for (size_t i = 0; i < t.n; i++) {
			t.rows[i].host = (uint8_t)h;
			out->rows[out->n++] = t.rows[i];
		}
	}
	diag_table_free(&t);
	return rc;
}

/* The kernel filters up to DIAG_MAX_PORTS ports; past that, every
 * socket is read and the ports are picked out here. Every host's. */
static int read_ports(struct stage *st, const uint16_t *ports, int n,
		      struct diag_table *out, char *err, size_t errlen)
{
	struct diag_filter f = { .nports = 0 };
	int rc;

	if (!stage_diag(st, err, errlen))
		return -1;
	for (int i = 0; i < n && n <= DIAG_MAX_PORTS; i++)
		f.ports[f.nports++] = ports[i];
	rc = diag_dump(st->diag, &f, out, err, errlen);
	if (rc == 0 && st->nhosts > 1)
		rc = add_hosts(st, &f, out, err, errlen);
	if (n > DIAG_MAX_PORTS)
		keep_ports(out, ports, n);
	return rc;
}

int stage_snapshot(struct stage *st, bool all, struct diag_table *out,
		   char *err, size_t errlen)
{
	if (!all && st->nports == 0) {
		out->n = 0;
		return 0;
	}
	return read_ports(st, st->ports, all ? 0 : st->nports, out, err, errlen);
}

/* The view a front-end shows: the ports in play (or every socket), then
 * the stage's UNIX sockets (or, with all, every one). */
int stage_read_view(struct stage *st, bool all, char *err, size_t errlen)
{
	struct diag_table every = { 0 };
	int rc;

	if (stage_snapshot(st, all, &st->table, err, errlen) < 0)
		return -1;
	if (!all)
		return stage_unix_view(st, &st->table, err, errlen);
	rc = stage_unix_snapshot(st, 0, &every, err, errlen);
	for (size_t i = 0; rc == 0 && i < every.n; i++) {
		if (st->table.n == st->table.cap) {
			st->table.cap = st->table.cap ? st->table.cap * 2 : 64;
			st->table.rows = xrealloc(st->table.rows, st->table.cap *
						  sizeof(*st->table.rows));
		}
		st->table.rows[st->table.n++] = every.rows[i];
	}
	diag_table_free(&every);
	return rc;
}

/* A connection no process holds yet (no inode) waits in the accept queue
 * of a stage listener on its port: "queue of s1". With SO_REUSEPORT
 * several listeners share the port and the kernel does not say whose
 * queue it is: "queue of s1 or s3". False when no listener fits. */
static bool queued_on(const struct stage *st, const struct diag_row *r,
		      char *buf, size_t len)
{
	struct endpoint here;
	size_t off = 0;
	int n = 0;

	if (r->inode || r->proto != IPPROTO_TCP ||
	    (r->state != KS_ESTABLISHED && r->state != KS_SYN_RECV &&
	     r->state != KS_CLOSE_WAIT))
		return false;
	diag_row_local(r, &here);
	for (int i = 0; i < st->nsocks && off < len; i++) {
		const struct stage_sock *l = st->socks[i];

		if (l->belief != SB_LISTENING || !l->nholders ||
		    l->type != SOCK_STREAM || ep_port(&l->local) != r->sport ||
		    (!ep_any(&l->local) && !ep_same(&l->local, &here, false)))
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s s%d",
					n++ ? " or" : "queue of", l->id);
	}
	return n > 0;
}

void stage_owner(void *ctx, const struct diag_row *r, char *buf, size_t len)
{
	const struct stage *st = ctx;
	const struct stage_sock *s = stage_sock_of_row(st, r);
	char holders[160];

	buf[0] = '\0';
	if (!s && queued_on(st, r, buf, len))
		return;
	if (!s) {
		const char *who = st->owners && r->inode ?
				  owner_lookup(st->owners, r->inode) : NULL;

		/* "PID/COMMAND"; stable results name the command alone */
		if (who && st->stable && strchr(who, '/'))
			who = strchr(who, '/') + 1;
		if (who)
			str_copy(buf, who, len);
		return;
	}
	if (!s->nholders) {
		snprintf(buf, len, "was s%d", s->id);
		return;
	}
	stage_holders_text(st, s, ", ", holders, sizeof(holders));
	if (st->nprocs > 1)
		snprintf(buf, len, "s%d @ %s", s->id, holders);
	else
		snprintf(buf, len, "s%d", s->id);
}

int stage_want_owners(struct stage *st, const struct diag_table *t,
		      size_t max)
{
	uint64_t inodes[512];
	size_t n = 0;

	if (!st->owners)
		return 0;
	for (size_t i = 0; i < t->n && i < max && n < ARRAY_LEN(inodes); i++)
		if (t->rows[i].inode && !stage_sock_of_row(st, &t->rows[i]))
			inodes[n++] = t->rows[i].inode;
	if (n && owner_want(st->owners, inodes, n) < 0)
		return -1;
	return 0;
}

bool stage_row_expected(const struct stage *st, const struct diag_row *r,
			const struct command *c)
{
	if (c->host.col >= 0 && stage_find_host(st, c->host.name) != r->host)
		return false;
	if (r->state != c->state)
		return false;
	/* KS_CLOSE has three names: BOUND, CLOSE (TCP), UNCONN (UDP) */
	if (c->state == KS_CLOSE && strcmp(view_state_name(r), c->state_name))
		return false;
	if (c->expect_proto && r->proto != c->expect_proto)
		return false;
	if (r->family == AF_UNIX || addr_is_unix(&c->addr))
		return stage_unix_row_named(r, &c->addr);
	if (!addr_spec_matches(&c->addr, r->family, &r->src, r->sport))
		return false;
	return c->addr2.kind == ADDR_NONE ||
	       addr_spec_matches(&c->addr2, r->family, &r->dst, r->dport);
}

static void note_rows(struct stage *st, const struct diag_table *snap,
		      struct result *res)
{
	char local[80], peer[80], owner[96];

	if (!snap->n)
		res_note(res, "the kernel shows no socket on that port");
	for (size_t i = 0; i < snap->n; i++) {
		const struct diag_row *r = &snap->rows[i];

		stage_row_ends(st, r, local, peer, sizeof(local));
		stage_owner(st, r, owner, sizeof(owner));
		res_note_kind(res, NOTE_KERNEL, "%s%s%s %-10s %-24s %-24s %s",
			      st->nhosts > 1 ? st->hosts[r->host].h.name : "",
			      st->nhosts > 1 ? ": " : "", view_netid(r),
			      view_state_name(r), local, peer, owner[0] ? owner : "-");
	}
}

/* Keep the UNIX rows of t named a. */
static void keep_named(struct diag_table *t, const struct addrspec *a)
{
	size_t kept = 0;

	for (size_t i = 0; i < t->n; i++)
		if (stage_unix_row_named(&t->rows[i], a))
			t->rows[kept++] = t->rows[i];
	t->n = kept;
}

static enum result_kind expect_in(struct stage *st, const struct command *cmd,
				   struct diag_table *snap, struct result *res)
{
	char host[48] = "";
	long long deadline = now_ms() + st->mode.expect_wait_ms;
	uint16_t port = (uint16_t)cmd->addr.port;
	const char *proto = cmd->expect_proto == IPPROTO_TCP ? "tcp " :
			    cmd->expect_proto == IPPROTO_UDP ? "udp " : "";
	char err[160], where[4 * ADDR_UNIX_MAX + 8], peer[80] = "";
	bool found;

	addr_format_spec(&cmd->addr, where, sizeof(where));
	if (cmd->addr2.kind != ADDR_NONE) {
		peer[0] = ' ';
		addr_format_spec(&cmd->addr2, peer + 1, sizeof(peer) - 1);
	}
	if (cmd->host.col >= 0)
		snprintf(host, sizeof(host), "on %s ", cmd->host.name);
	res_call(res, "expect %s%s%s%s %s%s", host, cmd->negate ? "no " : "",
		 proto, cmd->state_name, where, peer);
	if (stage_resolve_host(st, &cmd->host, res) < 0)
		return RES_ERROR;
	stage_add_port(st, cmd->addr.port);
	for (;;) {
		found = false;
		if ((addr_is_unix(&cmd->addr) ?
		     stage_unix_snapshot(st, stage_find_host(st, cmd->host.name),
					 snap, err, sizeof(err)) :
		     read_ports(st, &port, 1, snap, err, sizeof(err))) < 0)
			return res_error(res, 0, "cannot read the kernel view: %s", err);
		for (size_t i = 0; i < snap->n && !found; i++)
			found = stage_row_expected(st, &snap->rows[i], cmd);
		if (found != cmd->negate || now_ms() >= deadline)
			break;
		usleep(10 * 1000);
	}
	if (!res_expect_held(res, found, cmd->negate)) {
		if (addr_is_unix(&cmd->addr))	/* only those of that name */
			keep_named(snap, &cmd->addr);
		note_rows(st, snap, res);
	}
	return RES_INFO;
}

/* expect: on a snapshot of its own, never on the table a front-end shows */
enum result_kind cmdx_expect(struct stage *st, const struct command *cmd,
			     struct result *res)
{
	struct diag_table snap = { 0 };
	enum result_kind k;

	if (cmd->segment)
		return stage_expect_segment(st, cmd, res);
	k = expect_in(st, cmd, &snap, res);
	diag_table_free(&snap);
	return k;
}

/* A connect of s under way has failed: its error (SO_ERROR, read by the
 * process that holds it), or 0. */
static int connect_failed(struct stage *st, const struct stage_sock *s,
			  struct result *res)
{
	struct worker_rep rep;
	int soerr = 0;

	if (s->belief != SB_CONNECTING || !s->nholders)
		return 0;
	if (stage_wait_fd(st, s->holders[0].proc, s->holders[0].fd, POLLOUT, 0,
			  &soerr, &rep, res) <= 0)
		return 0;
	return soerr;
}

/* The connect s was waiting on failed with err after ms: the wait's
 * outcome is the connect's (its explanation follows, as a connect's). */
static enum result_kind wait_failed(struct stage *st, struct stage_sock *s,
				    int err, long long ms, struct result *res)
{
	char to[80];

	res->kind = RES_FAIL;
	res->ret = -1;
	res->err = err;
	res->has_addr = s->has_dest;
	res->addr = s->dest;
	s->belief = ep_port(&s->local) ? SB_BOUND : SB_NEW;
	addr_format_sa((const struct sockaddr *)&s->dest, to, sizeof(to));
	if (st->stable)
		res_note(res, "its connect to %s failed", to);
	else
		res_note(res, "its connect to %s failed, %lld ms into the wait", to, ms);
	return RES_FAIL;
}

static void waited(struct stage *st, const struct command *cmd,
		   long long start, struct result *res)
{
	res->kind = RES_INFO;
	if (st->stable)
		res_value(res, "%s", cmd->state_name);
	else
		res_value(res, "%s after %lld ms", cmd->state_name, now_ms() - start);
}

/* wait for a UNIX socket: its own row, asked for exactly */
static enum result_kind wait_unix(struct stage *st, const struct stage_sock *s,
				  const struct command *cmd, long long start,
				  long long deadline, struct result *res)
{
	struct diag_row r;
	char err[160];
	int rc;

	for (;;) {
		if ((rc = stage_unix_state(st, s, &r, err, sizeof(err))) < 0)
			return res_error(res, 0, "cannot read the kernel view: %s", err);
		if (rc > 0 && r.state == cmd->state &&
		    strcmp(view_state_name(&r), cmd->state_name) == 0) {
			waited(st, cmd, start, res);
			return RES_INFO;
		}
		if (now_ms() >= deadline)
			break;
		usleep(10 * 1000);
	}
	res->kind = RES_INFO;
	res->mismatch = true;
	snprintf(res->expected, sizeof(res->expected), "s%d %s within %lld ms",
		 s->id, cmd->state_name, deadline - start);
	res_value(res, rc > 0 ? "timed out (%s)" : "timed out (no socket)",
		  rc > 0 ? view_state_name(&r) : "");
	return RES_INFO;
}

/* wait SOCK STATE [TIMEOUT]: until the kernel shows the socket (or what
 * it left behind, by cookie) in that state; a connect under way that
 * fails ends the wait with the connect's error. */
static enum result_kind wait_state(struct stage *st, const struct command *cmd,
				   struct diag_table *snap, struct result *res)
{
	long timeout = cmd->duration_ms >= 0 ? cmd->duration_ms :
		       STAGE_STATE_WAIT_MS;
	long long start = now_ms(), deadline = start + timeout;
	struct stage_sock *s;
	uint16_t port;
	char err[160];
	int si = stage_find_sock(st, cmd->sock.name), soerr;

	if (si < 0)
		return res_error(res, cmd->sock.col, "unknown socket '%s'",
				  cmd->sock.name);
	s = st->socks[si];
	res->sock = si;
	res_call(res, "wait s%d %s", s->id, cmd->state_name);
	if (s->family == AF_UNIX)
		return wait_unix(st, s, cmd, start, deadline, res);
	port = (uint16_t)ep_port(&s->local);
	if (!port)
		return res_error(res, cmd->sock.col,
				  "s%d has no port yet: nothing to watch", s->id);
	for (;;) {
		if (read_ports(st, &port, 1, snap, err, sizeof(err)) < 0)
			return res_error(res, 0, "cannot read the kernel view: %s", err);
		for (size_t i = 0; i < snap->n; i++) {
			const struct diag_row *r = &snap->rows[i];

			if (stage_sock_of_row(st, r) == s && r->state == cmd->state) {
				res->kind = RES_INFO;
				if (st->stable)
					res_value(res, "%s", cmd->state_name);
				else
					res_value(res, "%s after %lld ms",
						  cmd->state_name, now_ms() - start);
				return RES_INFO;
			}
		}
		/* a wait for the state a failed connect leaves (CLOSE,
		   BOUND) ends with that state, the error left for the
		   program's next call, whichever the loop sees first */
		if (cmd->state != KS_CLOSE &&
		    (soerr = connect_failed(st, s, res)))
			return wait_failed(st, s, soerr, now_ms() - start, res);
		if (res->kind == RES_ERROR)
			return RES_ERROR;
		if (now_ms() >= deadline)
			break;
		usleep(10 * 1000);
	}
	res->kind = RES_INFO;
	res->mismatch = true;
	snprintf(res->expected, sizeof(res->expected), "s%d %s within %ld ms",
		 s->id, cmd->state_name, timeout);
	res_value(res, "timed out");
	note_rows(st, snap, res);
	return RES_INFO;
}

/* wait SOCK STATE; "wait DURATION" is the front-end's. */
enum result_kind cmdx_wait(struct stage *st, const struct command *cmd,
			   struct result *res)
{
	struct diag_table snap = { 0 };
	enum result_kind k;

	if (cmd->state < 0)
		return res->kind = RES_NONE;
	k = wait_state(st, cmd, &snap, res);
	diag_table_free(&snap);
	return k;
}
