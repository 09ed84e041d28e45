/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag.c - read the kernel's TCP and UDP socket tables through netlink
 * sock_diag (libmnl), the way ss does: every state, bound-only TCP sockets
 * included, with an optional kernel-side port filter in inet_diag
 * bytecode. UDP takes one SOCK_DIAG_BY_FAMILY dump per family; TCP takes
 * one TCPDIAG_GETSOCK dump for both families (see dump_tcp). Replies are
 * parsed defensively: a malformed message is an error, never a read past
 * the end of the buffer. The netlink conversation itself is diag_nl.c's;
 * UNIX sockets are diag_unix.c's. */
#include "diag.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include "diag_int.h"
#include "util.h"

/* Request: header, inet_diag_req_v2 or (larger) the old inet_diag_req,
 * bytecode attribute. */
#define DIAG_BC_MAX	(DIAG_MAX_PORTS * 2 * 12)
#define DIAG_REQ_MAX	(sizeof(struct inet_diag_req) > \
			 sizeof(struct inet_diag_req_v2) ? \
			 sizeof(struct inet_diag_req) : \
			 sizeof(struct inet_diag_req_v2))
#define DIAG_REQ_BUF	(MNL_ALIGN(sizeof(struct nlmsghdr)) + \
			 MNL_ALIGN(DIAG_REQ_MAX) + \
			 MNL_ALIGN(sizeof(struct nlattr)) + DIAG_BC_MAX)

/* --- parsing ---------------------------------------------------------- */

/* An inet row's attribute (diag_attr_fn): only INET_DIAG_SKV6ONLY is kept */
static int take_attr(void *ctx, unsigned type, const unsigned char *v,
		     size_t n, char *err, size_t errlen)
{
	struct diag_row *row = ctx;

	if (type != INET_DIAG_SKV6ONLY)
		return 0;
	if (n < 1) {
		err_printf(err, errlen, "sock_diag reply: INET_DIAG_SKV6ONLY without a value");
		return -1;
	}
	row->v6only = v[0] ? 1 : 0;
	return 0;
}

int diag_parse_msg(const struct nlmsghdr *nlh, uint8_t proto,
		   struct diag_row *row, char *err, size_t errlen)
{
	const struct inet_diag_msg *m;
	size_t payload, hdr = MNL_ALIGN(sizeof(*m));

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN) {
		err_printf(err, errlen, "sock_diag reply: message length %u is shorter than its header",
			nlh->nlmsg_len);
		return -1;
	}
	payload = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	if (payload < sizeof(*m)) {
		err_printf(err, errlen, "sock_diag reply: truncated inet_diag_msg (%zu of %zu bytes)",
			payload, sizeof(*m));
		return -1;
	}
	m = (const struct inet_diag_msg *)((const char *)nlh + MNL_NLMSG_HDRLEN);
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6) {
		err_printf(err, errlen, "sock_diag reply: unexpected address family %u",
			m->idiag_family);
		return -1;
	}
	row->proto = proto;
	row->type = proto == IPPROTO_UDP ? SOCK_DGRAM : SOCK_STREAM;
	row->host = 0;
	row->family = m->idiag_family;
	row->state = m->idiag_state;
	row->timer = m->idiag_timer;
	row->retrans = m->idiag_retrans;
	row->v6only = -1;
	row->sport = ntohs(m->id.idiag_sport);
	row->dport = ntohs(m->id.idiag_dport);
	row->rqueue = m->idiag_rqueue;
	row->wqueue = m->idiag_wqueue;
	row->expires_ms = m->idiag_expires;
	row->uid = m->idiag_uid;
	row->ifindex = m->id.idiag_if;
	row->inode = m->idiag_inode;
	row->cookie = (uint64_t)m->id.idiag_cookie[1] << 32 |
		      m->id.idiag_cookie[0];
	memcpy(&row->src, m->id.idiag_src, sizeof(row->src));
	memcpy(&row->dst, m->id.idiag_dst, sizeof(row->dst));
	if (payload <= hdr)
		return 0;
	return diag_walk_attrs((const unsigned char *)m + hdr, payload - hdr,
			       take_attr, row, err, errlen);
}

/* A row needs a header and an inet_diag_msg. */
#define INET_MSG_MIN	(MNL_NLMSG_HDRLEN + sizeof(struct inet_diag_msg))

int diag_parse_buf(const void *buf, size_t len, uint32_t seq, uint8_t proto,
		   struct diag_table *t, char *err, size_t errlen)
{
	int rc = diag_walk_buf(buf, len, seq, proto, diag_parse_msg,
			       INET_MSG_MIN, t, err, errlen);

	return rc == DIAG_REFUSED ? -1 : rc;
}

/* --- the bytecode filter ---------------------------------------------- */

/* A flat "or" of port comparisons, laid out as ss does it:
 *
 *   cmp_0  yes=8 no=12      cmp is two ops: code and the port
 *   jmp_0  yes=4 no=->end   a match jumps to the end: accept
 *   cmp_1  ...
 *   cmp_n  yes=8 no=12      the last: match falls off the end (accept),
 *                           no match lands 4 past the end (reject)
 *
 * The kernel's audit (inet_diag_bc_audit) wants every "no" target that
 * is inside the program to lie on the chain of "yes" jumps from the
 * start, which is why the match path goes through a JMP op instead of
 * jumping to the end directly. */
int diag_build_filter(const struct diag_filter *f, void *buf, size_t buflen)
{
	struct inet_diag_bc_op *op = buf;
	size_t ncmp, len, i, at;

	if (!f->nports)
		return 0;
	if (f->nports > DIAG_MAX_PORTS)
		return -1;
	ncmp = f->nports * 2;
	len = ncmp * 12 - 4;
	if (buflen < len)
		return -1;
	for (i = 0; i < ncmp; i++) {
		at = i * 12;
		op = (struct inet_diag_bc_op *)((char *)buf + at);
		op[0].code = i % 2 ? INET_DIAG_BC_D_EQ : INET_DIAG_BC_S_EQ;
		op[0].yes = 8;
		op[0].no = 12;
		op[1].code = 0;
		op[1].yes = 0;
		op[1].no = f->ports[i / 2];
		if (i + 1 == ncmp)
			break;
		op[2].code = INET_DIAG_BC_JMP;
		op[2].yes = 4;
		op[2].no = (unsigned short)(len - (at + 8));
	}
	return (int)len;
}

/* --- the requests ----------------------------------------------------- */

/* TCP is asked for with the old TCPDIAG_GETSOCK request when it can be:
 * the kernel answers it for both families in one pass over its tables
 * (sdiag_family AF_UNSPEC), where two SOCK_DIAG_BY_FAMILY requests cost
 * two passes, each over every socket of the namespace, and each with a
 * walk of the bind hash for the bound-only sockets. On a table of 100,000
 * TIME-WAIT sockets that halves the kernel's share of a dump. */
enum req_kind {
	REQ_V4, REQ_V6,		/* SOCK_DIAG_BY_FAMILY, one family */
	REQ_TCP_BOTH,		/* TCPDIAG_GETSOCK, both families */
};

static int send_request(struct diag *d, enum req_kind kind, uint8_t proto,
			uint32_t states, const void *bc, int bclen, char *err,
			size_t errlen)
{
	char req[DIAG_REQ_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct nlmsghdr *nlh;

	memset(req, 0, sizeof(req));
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	if (kind == REQ_TCP_BOTH) {
		struct inet_diag_req *r;

		nlh->nlmsg_type = TCPDIAG_GETSOCK;
		r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
		r->idiag_family = AF_INET;	/* ignored by a dump */
		r->idiag_states = states;
	} else {
		struct inet_diag_req_v2 *r;

		nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
		r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
		r->sdiag_family = kind == REQ_V6 ? AF_INET6 : AF_INET;
		r->sdiag_protocol = proto;
		/* ~0U: every state bit, DIAG_BOUND_INACTIVE too, for
		 * sockets that are only bound. */
		r->idiag_states = states;
	}
	if (bclen > 0)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, (size_t)bclen, bc);
	return diag_send(d, nlh, err, errlen);
}

/* One request and its replies: 0 done, -1 error, DIAG_RETRY,
 * DIAG_REFUSED. */
static int dump_one(struct diag *d, enum req_kind kind, uint8_t proto,
		    uint32_t states, const void *bc, int bclen,
		    struct diag_table *t, char *err, size_t errlen)
{
	if (send_request(d, kind, proto, states, bc, bclen, err, errlen) < 0)
		return -1;
	return diag_collect(d, proto, diag_parse_msg, INET_MSG_MIN, t, err,
			    errlen);
}

/* Rows from..t->n came from both families in the kernel's hash order:
 * put IPv4 before IPv6, keeping each family's order, as two requests
 * would have returned them. */
static void family_partition(struct diag *d, struct diag_table *t,
			     size_t from)
{
	size_t i, out = from, n6 = 0;

	for (i = from; i < t->n; i++)
		n6 += t->rows[i].family == AF_INET6;
	if (!n6 || n6 == t->n - from)
		return;
	if (n6 > d->scratch_cap) {
		d->scratch_cap = n6 * 2;
		free(d->scratch);
		d->scratch = xmalloc(d->scratch_cap * sizeof(*d->scratch));
	}
	n6 = 0;
	for (i = from; i < t->n; i++) {
		if (t->rows[i].family == AF_INET6)
			d->scratch[n6++] = t->rows[i];
		else if (out++ != i)
			t->rows[out - 1] = t->rows[i];
	}
	memcpy(&t->rows[out], d->scratch, n6 * sizeof(*d->scratch));
}

/* TCP, both families: one compat request, or two when the kernel
 * refuses it (then never again on this handle). */
static int dump_tcp(struct diag *d, uint32_t states, const void *bc,
		    int bclen, struct diag_table *t, char *err, size_t errlen)
{
	size_t from = t->n;
	int rc;

	if (!d->no_compat) {
		rc = dump_one(d, REQ_TCP_BOTH, IPPROTO_TCP, states, bc, bclen,
			      t, err, errlen);
		if (rc == 0 && !t->each)
			family_partition(d, t, from);
		if (rc != DIAG_REFUSED)
			return rc;
		d->no_compat = true;
		t->n = from;
	}
	rc = dump_one(d, REQ_V4, IPPROTO_TCP, states, bc, bclen, t, err,
		      errlen);
	if (rc == 0)
		rc = dump_one(d, REQ_V6, IPPROTO_TCP, states, bc, bclen, t, err,
			      errlen);
	return rc;
}

/* The whole table once: UDP v4, UDP v6, then TCP (v4, v6), as ss; TCP
 * in the states asked for (0: all). */
static int dump_all(struct diag *d, bool udp, bool tcp, uint32_t states,
		    const void *bc, int bclen, struct diag_table *t, char *err,
		    size_t errlen)
{
	int rc = 0;

	t->n = 0;
	if (udp) {
		rc = dump_one(d, REQ_V4, IPPROTO_UDP, ~0U, bc, bclen, t, err,
			      errlen);
		if (rc == 0)
			rc = dump_one(d, REQ_V6, IPPROTO_UDP, ~0U, bc, bclen, t,
				      err, errlen);
	}
	if (rc == 0 && tcp)
		rc = dump_tcp(d, states ? states : ~0U, bc, bclen, t, err,
			      errlen);
	return rc == DIAG_REFUSED ? -1 : rc;
}

/* TCP and UDP, as f asks, retried when interrupted. */
static int dump_inet(struct diag *d, const struct diag_filter *f,
		     struct diag_table *t, char *err, size_t errlen)
{
	char bc[DIAG_BC_MAX] __attribute__((aligned(4)));
	bool all = !f || (!f->tcp && !f->udp);
	int bclen = 0, tries, rc;

	if (f) {
		bclen = diag_build_filter(f, bc, sizeof(bc));
		if (bclen < 0) {
			err_printf(err, errlen, "too many ports in the filter (at most %d)",
				DIAG_MAX_PORTS);
			return -1;
		}
	}
	for (tries = 0; tries < DIAG_MAX_TRIES; tries++) {
		rc = dump_all(d, all || f->udp, all || f->tcp,
			      f ? f->states : 0, bc, bclen, t, err, errlen);
		if (rc != DIAG_RETRY)
			return rc;
		if (t->each)
			t->each(t->each_ctx, NULL);	/* start over */
		if (diag_reopen(d, err, errlen) < 0)
			return -1;
	}
	err_printf(err, errlen, "the socket table kept changing during the dump (%d tries)",
		DIAG_MAX_TRIES);
	return -1;
}

int diag_dump(struct diag *d, const struct diag_filter *f,
	      struct diag_table *t, char *err, size_t errlen)
{
	bool unix_ = f && f->unix_;
	bool inet = !unix_ || f->inet;

	t->n = 0;
	if (inet && dump_inet(d, f, t, err, errlen) < 0)
		return -1;
	if (unix_ && diag_unix_dump(d, t, err, errlen) < 0)
		return -1;
	return 0;
}

int diag_dump_each(struct diag *d, const struct diag_filter *f,
		   diag_row_fn fn, void *ctx, char *err, size_t errlen)
{
	struct diag_table t = { .each = fn, .each_ctx = ctx };
	struct diag_table u = { 0 };
	bool unix_ = f && f->unix_;
	int rc = 0;

	if ((!unix_ || f->inet) && dump_inet(d, f, &t, err, errlen) < 0)
		rc = -1;
	/* the UNIX rows whole: an interrupted UNIX dump starts over
	   without taking back the inet rows handed out */
	if (rc == 0 && unix_ && diag_unix_dump(d, &u, err, errlen) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < u.n; i++)
		fn(ctx, &u.rows[i]);
	diag_table_free(&t);
	diag_table_free(&u);
	return rc;
}

int diag_dump_raw(struct diag *d, const void *bc, int bclen,
		  struct diag_table *t, char *err, size_t errlen)
{
	int rc = dump_all(d, true, true, 0, bc, bclen, t, err, errlen);

	if (rc == DIAG_RETRY)
		err_printf(err, errlen, "the socket table changed during the dump");
	return rc == 0 ? 0 : -1;
}

/* A UNIX row's name as an endpoint: a path ends at its first NUL; an
 * abstract name is every byte after the leading NUL. */
static void unix_local(const struct diag_row *r, struct endpoint *e)
{
	size_t n = r->namelen < sizeof(r->name) ? r->namelen : sizeof(r->name);

	memset(e, 0, offsetof(struct endpoint, path));
	e->pathlen = 0;
	if (n == 0) {
		e->kind = EP_UNIX_UNNAMED;
	} else if (r->name[0] == '\0') {
		e->kind = EP_UNIX_ABSTRACT;
		e->pathlen = n - 1;
		memcpy(e->path, r->name + 1, e->pathlen);
	} else {
		e->kind = EP_UNIX_PATH;
		e->pathlen = strnlen(r->name, n);
		memcpy(e->path, r->name, e->pathlen);
	}
}

void diag_row_local(const struct diag_row *r, struct endpoint *e)
{
	if (r->family == AF_UNIX)
		unix_local(r, e);
	else
		ep_from_inet(e, r->family, &r->src, r->sport, r->ifindex);
}

void diag_row_peer(const struct diag_row *r, struct endpoint *e)
{
	if (r->family == AF_UNIX) {
		memset(e, 0, offsetof(struct endpoint, path));
		e->kind = EP_NONE;
		e->pathlen = 0;
	} else {
		ep_from_inet(e, r->family, &r->dst, r->dport, 0);
	}
}
