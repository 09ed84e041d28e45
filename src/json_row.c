/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_row.c - a kernel row as a JSON object: the text dump's columns as
 * view.c spells them, then the numbers behind them. */
#include "json_row.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"
#include "view.h"

static const char *family_name(const struct diag_row *r)
{
	return r->family == AF_INET ? "inet" : r->family == AF_INET6 ?
	       "inet6" : r->family == AF_UNIX ? "unix" : "?";
}

static void timer_kind(const struct diag_row *r, char *buf, size_t len)
{
	static const char *const kinds[] = {
		[DT_NONE] = "off", [DT_RETRANS] = "on",
		[DT_KEEPALIVE] = "keepalive", [DT_TIMEWAIT] = "timewait",
		[DT_PROBE] = "probe",
	};

	if (r->timer < ARRAY_LEN(kinds))
		str_copy(buf, kinds[r->timer], len);
	else
		snprintf(buf, len, "timer%u", r->timer);
}

/* The columns of the text dump, as view.c writes them. */
static void columns(struct json_out *j, const struct diag_row *r)
{
	char buf[600];

	json_kstr(j, "netid", view_netid(r));
	json_kstr(j, "state", view_state_name(r));
	json_kuint(j, "recv_q", r->rqueue);
	json_kuint(j, "send_q", r->wqueue);
	view_format_local(r, buf, sizeof(buf));
	json_kstr(j, "local", buf);
	view_format_peer(r, buf, sizeof(buf));
	json_kstr(j, "peer", buf);
	view_format_timer(r, buf, sizeof(buf));
	json_kstr(j, "timer", buf);
}

static void inet_end(struct json_out *j, const char *key_addr,
		     const char *key_port, const struct diag_row *r,
		     const struct in6_addr *a, uint16_t port)
{
	char buf[INET6_ADDRSTRLEN];

	if (r->family == AF_INET)	/* inet_ntop's IPv4 is a sprintf */
		view_ipv4_text(a->s6_addr, buf);
	else if (!inet_ntop(r->family, a, buf, sizeof(buf)))
		str_copy(buf, "?", sizeof(buf));
	json_kstr(j, key_addr, buf);
	json_kuint(j, key_port, port);
}

static void inet_fields(struct json_out *j, const struct diag_row *r)
{
	char ifname[IF_NAMESIZE], kind[16];

	inet_end(j, "local_address", "local_port", r, &r->src, r->sport);
	inet_end(j, "peer_address", "peer_port", r, &r->dst, r->dport);
	if (r->ifindex) {
		json_kuint(j, "ifindex", r->ifindex);
		if (if_indextoname(r->ifindex, ifname))
			json_kstr(j, "interface", ifname);
	}
	if (r->family == AF_INET6 && r->v6only >= 0)
		json_kbool(j, "v6only", r->v6only == 1);
	timer_kind(r, kind, sizeof(kind));
	json_kstr(j, "timer_kind", kind);
	json_kuint(j, "timer_ms", r->timer == DT_NONE ? 0 : r->expires_ms);
	json_kuint(j, "retransmits", r->retrans);
}

/* The one place that reads a UNIX row's name and pending connections
 * (they may move out of the row): the name's bytes as they are (a path
 * without its NUL, an abstract name without its leading NUL, NULs inside
 * it kept), how many connections wait, the first ones' inodes. */
static void unix_name_fields(struct json_out *j, const struct diag_row *r)
{
	size_t n = r->namelen < sizeof(r->name) ? r->namelen : sizeof(r->name);

	if (n == 0) {
		json_kstr(j, "name_kind", "unnamed");
	} else if (r->name[0] != '\0') {
		json_kstr(j, "name_kind", "path");
		json_kbytes(j, "name", r->name, strnlen(r->name, n));
	} else {
		json_kstr(j, "name_kind", "abstract");
		json_kbytes(j, "name", r->name + 1, n - 1);
	}
	json_kuint(j, "pending", r->nicons);
	json_key(j, "pending_inodes");
	json_array_open(j);
	for (uint32_t i = 0; i < r->nicons && i < DIAG_UNIX_ICONS; i++)
		json_uint(j, r->icons[i]);
	json_array_close(j);
}

static void unix_fields(struct json_out *j, const struct diag_row *r)
{
	static const char *const types[] = {
		[SOCK_STREAM] = "stream", [SOCK_DGRAM] = "dgram",
		[SOCK_SEQPACKET] = "seqpacket",
	};

	json_kstr(j, "type", r->type < ARRAY_LEN(types) && types[r->type] ?
		  types[r->type] : "?");
	json_kuint(j, "peer_inode", r->peer_inode);
	unix_name_fields(j, r);
}

/* One holder of "PID/COMMAND", or the count of "+N". */
static void owner_item(struct json_out *j, const char *s, size_t len,
		       unsigned long *more)
{
	const char *slash = memchr(s, '/', len);

	if (len > 1 && s[0] == '+') {
		*more += strtoul(s + 1, NULL, 10);
		return;
	}
	json_map_open(j);
	json_kint(j, "pid", slash ? strtol(s, NULL, 10) : 0);
	json_kbytes(j, "command", slash ? slash + 1 : s,
		    slash ? len - (size_t)(slash + 1 - s) : len);
	json_map_close(j);
}

static void owner_fields(struct json_out *j, const char *owners)
{
	unsigned long more = 0;
	const char *p = owners ? owners : "", *comma;

	json_key(j, "owners");
	json_array_open(j);
	while (*p) {
		comma = strchr(p, ',');
		owner_item(j, p, comma ? (size_t)(comma - p) : strlen(p), &more);
		p = comma ? comma + 1 : p + strlen(p);
	}
	json_array_close(j);
	if (more)
		json_kuint(j, "owners_more", more);
}

void json_row_fields(struct json_out *j, const struct diag_row *r,
		     const char *owners, bool with_owners)
{
	columns(j, r);
	json_kstr(j, "family", family_name(r));
	json_kuint(j, "inode", r->inode);
	json_kuint(j, "cookie", r->cookie);
	json_kuint(j, "uid", r->uid);
	if (r->family == AF_UNIX)
		unix_fields(j, r);
	else
		inet_fields(j, r);
	if (with_owners)
		owner_fields(j, owners);
}

int json_row(struct json_out *j, const struct diag_row *r, const char *owners,
	     bool with_owners)
{
	json_begin(j);
	json_row_fields(j, r, owners, with_owners);
	return json_end(j);
}

struct dump_ctx {
	struct json_out j;
	bool with_owners;
};

static int dump_row(void *ctx, FILE *to, const struct diag_row *r,
		    const char *owner)
{
	struct dump_ctx *d = ctx;

	d->j.f = to;
	if (json_row(&d->j, r, owner, d->with_owners) < 0) {
		errno = d->j.err;
		return -1;
	}
	return 0;
}

int json_row_dump(const struct diag_filter *f, bool with_owners, FILE *out)
{
	struct dump_ctx d = { .with_owners = with_owners };
	int rc;

	if (json_out_init(&d.j, out) < 0) {
		fputs("sockstage: --json: out of memory\n", stderr);
		return 1;
	}
	rc = view_dump_rows(f, with_owners, out, dump_row, &d);
	json_out_free(&d.j);
	return rc;
}
