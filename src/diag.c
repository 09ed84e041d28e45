/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag.c - read the kernel's TCP and UDP socket tables through netlink
 * sock_diag (libmnl), the way ss does: every state, bound-only TCP sockets
 * included, with an optional kernel-side port filter in inet_diag
 * bytecode. UDP takes one SOCK_DIAG_BY_FAMILY dump per family; TCP takes
 * one TCPDIAG_GETSOCK dump for both families (see dump_tcp). Replies are
 * parsed defensively: a malformed message is an error, never a read past
 * the end of the buffer. */
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

/* Netlink hands out at most one skb (<= 32 KiB) per recvmsg on a dump;
 * twice that leaves room for any future growth without MSG_TRUNC. */
#define DIAG_RECV_BUF	(64 * 1024)
/* Socket receive buffer asked for (the kernel may clamp it). */
#define DIAG_SO_RCVBUF	(1024 * 1024)
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

struct diag {
	struct mnl_socket *nl;
	uint32_t seq;
	void *buf;			/* DIAG_RECV_BUF bytes */
	bool no_compat;			/* TCPDIAG_GETSOCK was refused */
	struct diag_row *scratch;	/* for family_partition */
	size_t scratch_cap;
};

/* --- parsing ---------------------------------------------------------- */

static int parse_attrs(const struct nlattr *a, size_t left,
		       struct diag_row *row, char *err, size_t errlen)
{
	const unsigned char *p = (const unsigned char *)a;

	while (left > 0) {
		const struct nlattr *attr = (const struct nlattr *)p;
		size_t alen, step;

		if (left < sizeof(*attr)) {
			err_printf(err, errlen, "sock_diag reply: %zu stray bytes after the attributes",
				left);
			return -1;
		}
		alen = attr->nla_len;
		if (alen < sizeof(*attr)) {
			err_printf(err, errlen, "sock_diag reply: attribute %u has bad length %zu",
				attr->nla_type & NLA_TYPE_MASK, alen);
			return -1;
		}
		if (alen > left) {
			err_printf(err, errlen, "sock_diag reply: attribute %u (%zu bytes) runs past the message (%zu left)",
				attr->nla_type & NLA_TYPE_MASK, alen, left);
			return -1;
		}
		if ((attr->nla_type & NLA_TYPE_MASK) == INET_DIAG_SKV6ONLY) {
			if (alen < sizeof(*attr) + 1) {
				err_printf(err, errlen, "sock_diag reply: INET_DIAG_SKV6ONLY without a value");
				return -1;
			}
			row->v6only = p[sizeof(*attr)] ? 1 : 0;
		}
		step = MNL_ALIGN(alen);
		if (step >= left)
			break;
		p += step;
		left -= step;
	}
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
	return parse_attrs((const struct nlattr *)((const char *)m + hdr),
			   payload - hdr, row, err, errlen);
}

static void table_reserve(struct diag_table *t, size_t extra)
{
	size_t cap;

	if (t->n + extra <= t->cap)
		return;
	cap = t->cap ? t->cap : 1024;
	while (cap < t->n + extra)
		cap *= 2;
	t->rows = xrealloc(t->rows, cap * sizeof(*t->rows));
	t->cap = cap;
}

/* The text of a negative errno from the kernel (any int is possible in
 * a malformed reply). */
const char *diag_kernel_strerror(int code)
{
	if (code >= 0 || code == INT_MIN)
		return "bad error code";
	return strerror(-code);
}

/* NLMSG_ERROR and NLMSG_DONE both carry an int error code. */
static int msg_error(const struct nlmsghdr *nlh, int *code)
{
	int e;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(int))
		return -1;
	memcpy(&e, (const char *)nlh + MNL_NLMSG_HDRLEN, sizeof(e));
	*code = e;
	return 0;
}

int diag_walk_buf(const void *buf, size_t len, uint32_t seq, uint8_t proto,
		  diag_msg_fn fn, size_t min_msg, struct diag_table *t,
		  char *err, size_t errlen)
{
	const unsigned char *p = buf;
	int code;

	if ((uintptr_t)buf % NLMSG_ALIGNTO) {
		err_printf(err, errlen, "netlink buffer is not aligned");
		return -1;
	}
	/* Reserving for the most rows this buffer can hold keeps the loop
	 * allocation-free. */
	table_reserve(t, len / min_msg + 1);
	while (len > 0) {
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)p;
		size_t step;

		if (len < sizeof(*nlh)) {
			err_printf(err, errlen, "netlink: truncated message header (%zu bytes)",
				len);
			return -1;
		}
		if (nlh->nlmsg_len < sizeof(*nlh)) {
			err_printf(err, errlen, "netlink: message length %u is shorter than a header",
				nlh->nlmsg_len);
			return -1;
		}
		if (nlh->nlmsg_len > len) {
			err_printf(err, errlen, "netlink: truncated message (%u bytes, %zu left)",
				nlh->nlmsg_len, len);
			return -1;
		}
		if (nlh->nlmsg_seq != seq) {
			err_printf(err, errlen, "netlink: reply to request %u while waiting for %u",
				nlh->nlmsg_seq, seq);
			return -1;
		}
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			return DIAG_RETRY;
		switch (nlh->nlmsg_type) {
		case NLMSG_DONE:
			if (msg_error(nlh, &code) == 0 && code < 0) {
				err_printf(err, errlen, "sock_diag dump failed: %s",
					diag_kernel_strerror(code));
				return -1;
			}
			return 1;
		case NLMSG_ERROR:
			if (msg_error(nlh, &code) < 0) {
				err_printf(err, errlen, "netlink: truncated error message");
				return -1;
			}
			if (code == 0)
				return 1;
			err_printf(err, errlen, "sock_diag request refused: %s",
				diag_kernel_strerror(code));
			return DIAG_REFUSED;
		case NLMSG_NOOP:
			break;
		case SOCK_DIAG_BY_FAMILY:
		case TCPDIAG_GETSOCK:	/* rows of the compat request */
			if (fn(nlh, proto, &t->rows[t->n], err, errlen) < 0)
				return -1;
			t->n++;
			break;
		default:
			err_printf(err, errlen, "netlink: unexpected message type %u",
				nlh->nlmsg_type);
			return -1;
		}
		step = MNL_ALIGN(nlh->nlmsg_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
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

/* --- the netlink conversation ----------------------------------------- */

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

static struct mnl_socket *nl_open(char *err, size_t errlen)
{
	struct mnl_socket *nl;
	int fd, sz = DIAG_SO_RCVBUF;

	nl = mnl_socket_open(NETLINK_SOCK_DIAG);
	if (!nl) {
		err_printf(err, errlen, "cannot open a sock_diag netlink socket: %s",
			strerror(errno));
		return NULL;
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err_printf(err, errlen, "cannot bind the sock_diag netlink socket: %s",
			strerror(errno));
		mnl_socket_close(nl);
		return NULL;
	}
	/* Best effort: FORCE works with CAP_NET_ADMIN, else rmem_max caps. */
	fd = mnl_socket_get_fd(nl);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	return nl;
}

struct diag *diag_open(char *err, size_t errlen)
{
	struct diag *d;
	struct mnl_socket *nl = nl_open(err, errlen);

	if (!nl)
		return NULL;
	d = xcalloc(1, sizeof(*d));
	d->nl = nl;
	d->buf = xmalloc(DIAG_RECV_BUF);
	d->seq = (uint32_t)getpid() << 8;
	return d;
}

void diag_close(struct diag *d)
{
	if (!d)
		return;
	if (d->nl)
		mnl_socket_close(d->nl);
	free(d->buf);
	free(d->scratch);
	free(d);
}

void diag_table_free(struct diag_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->n = t->cap = 0;
}

int diag_send(struct diag *d, struct nlmsghdr *nlh, char *err,
		    size_t errlen)
{
	nlh->nlmsg_seq = ++d->seq;
	for (;;) {
		if (mnl_socket_sendto(d->nl, nlh, nlh->nlmsg_len) >= 0)
			return 0;
		if (errno != EINTR)
			break;
	}
	err_printf(err, errlen, "sending the sock_diag request: %s", strerror(errno));
	return -1;
}

static int send_request(struct diag *d, enum req_kind kind, uint8_t proto,
			const void *bc, int bclen, char *err, size_t errlen)
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
		r->idiag_states = ~0U;
	} else {
		struct inet_diag_req_v2 *r;

		nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
		r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
		r->sdiag_family = kind == REQ_V6 ? AF_INET6 : AF_INET;
		r->sdiag_protocol = proto;
		/* Every state bit, including TCP_BOUND_INACTIVE (1 << 12)
		 * for sockets that are only bound. */
		r->idiag_states = ~0U;
	}
	if (bclen > 0)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, (size_t)bclen, bc);
	return diag_send(d, nlh, err, errlen);
}

int diag_collect(struct diag *d, uint8_t proto, diag_msg_fn fn,
		 size_t min_msg, struct diag_table *t, char *err,
		 size_t errlen)
{
	ssize_t n;
	int rc;

	for (;;) {
		n = mnl_socket_recvfrom(d->nl, d->buf, DIAG_RECV_BUF);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS)
				return DIAG_RETRY;
			err_printf(err, errlen, "reading the sock_diag reply: %s",
				strerror(errno));
			return -1;
		}
		if (n == 0) {
			err_printf(err, errlen, "reading the sock_diag reply: unexpected end of data");
			return -1;
		}
		rc = diag_walk_buf(d->buf, (size_t)n, d->seq, proto, fn,
				   min_msg, t, err, errlen);
		if (rc == 1)
			return 0;
		if (rc < 0)
			return rc;
	}
}

/* One request and its replies: 0 done, -1 error, DIAG_RETRY,
 * DIAG_REFUSED. */
static int dump_one(struct diag *d, enum req_kind kind, uint8_t proto,
		    const void *bc, int bclen, struct diag_table *t,
		    char *err, size_t errlen)
{
	if (send_request(d, kind, proto, bc, bclen, err, errlen) < 0)
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
static int dump_tcp(struct diag *d, const void *bc, int bclen,
		    struct diag_table *t, char *err, size_t errlen)
{
	size_t from = t->n;
	int rc;

	if (!d->no_compat) {
		rc = dump_one(d, REQ_TCP_BOTH, IPPROTO_TCP, bc, bclen, t, err,
			      errlen);
		if (rc == 0)
			family_partition(d, t, from);
		if (rc != DIAG_REFUSED)
			return rc;
		d->no_compat = true;
		t->n = from;
	}
	rc = dump_one(d, REQ_V4, IPPROTO_TCP, bc, bclen, t, err, errlen);
	if (rc == 0)
		rc = dump_one(d, REQ_V6, IPPROTO_TCP, bc, bclen, t, err, errlen);
	return rc;
}

/* After an interrupted dump the old socket may still hold replies to
 * it: start over on a fresh one. */
int diag_reopen(struct diag *d, char *err, size_t errlen)
{
	struct mnl_socket *nl = nl_open(err, errlen);

	if (!nl)
		return -1;
	mnl_socket_close(d->nl);
	d->nl = nl;
	return 0;
}

/* The replies to the request just sent, each buffer to fn. */
static int recv_replies(struct diag *d, diag_reply_fn fn, void *ctx,
			char *err, size_t errlen)
{
	ssize_t n;
	int rc;

	for (;;) {
		n = mnl_socket_recvfrom(d->nl, d->buf, DIAG_RECV_BUF);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_printf(err, errlen, "reading the sock_diag reply: %s",
				n < 0 ? strerror(errno) : "unexpected end of data");
			return -1;
		}
		rc = fn(ctx, d->buf, (size_t)n, d->seq, err, errlen);
		if (rc)
			return rc > 0 ? 0 : -1;
	}
}

int diag_request(struct diag *d, struct nlmsghdr *nlh, diag_reply_fn fn,
		 void *ctx, char *err, size_t errlen)
{
	char ignored[8];

	if (diag_send(d, nlh, err, errlen) == 0 &&
	    recv_replies(d, fn, ctx, err, errlen) == 0)
		return 0;
	(void)diag_reopen(d, ignored, sizeof(ignored));
	return -1;
}

/* The whole table once: UDP v4, UDP v6, then TCP (v4, v6), as ss. */
static int dump_all(struct diag *d, bool udp, bool tcp, const void *bc,
		    int bclen, struct diag_table *t, char *err, size_t errlen)
{
	int rc = 0;

	t->n = 0;
	if (udp) {
		rc = dump_one(d, REQ_V4, IPPROTO_UDP, bc, bclen, t, err, errlen);
		if (rc == 0)
			rc = dump_one(d, REQ_V6, IPPROTO_UDP, bc, bclen, t, err,
				      errlen);
	}
	if (rc == 0 && tcp)
		rc = dump_tcp(d, bc, bclen, t, err, errlen);
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
		rc = dump_all(d, all || f->udp, all || f->tcp, bc, bclen, t,
			      err, errlen);
		if (rc != DIAG_RETRY)
			return rc;
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

int diag_dump_raw(struct diag *d, const void *bc, int bclen,
		  struct diag_table *t, char *err, size_t errlen)
{
	int rc = dump_all(d, true, true, bc, bclen, t, err, errlen);

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
