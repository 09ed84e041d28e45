/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_nl.c - the sock_diag netlink conversation that diag.c (TCP and
 * UDP) and diag_unix.c (UNIX sockets) share: the handle (a libmnl socket
 * and its receive buffer), a request sent, its replies read and walked
 * message by message (each row parsed by its family's parser, appended
 * to a table; an error, a truncated message or an interrupted dump
 * told apart), and a fresh socket after a failure. */
#include "diag.h"

#include <errno.h>
#include <limits.h>
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

/* A streamed table's rows of one reply go to their consumer. */
static void hand_out(struct diag_table *t)
{
	if (!t->each)
		return;
	for (size_t i = 0; i < t->n; i++)
		t->each(t->each_ctx, &t->rows[i]);
	t->n = 0;
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
		if (rc < 0)
			return rc;
		hand_out(t);
		if (rc == 1)
			return 0;
	}
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

int diag_walk_attrs(const unsigned char *p, size_t left, diag_attr_fn fn,
		    void *ctx, char *err, size_t errlen)
{
	while (left > 0) {
		struct nlattr attr;
		size_t step;

		if (left < sizeof(attr)) {
			err_printf(err, errlen, "sock_diag reply: %zu stray bytes after the attributes",
				left);
			return -1;
		}
		memcpy(&attr, p, sizeof(attr));
		if (attr.nla_len < sizeof(attr)) {
			err_printf(err, errlen, "sock_diag reply: attribute %u has bad length %u",
				attr.nla_type & NLA_TYPE_MASK, attr.nla_len);
			return -1;
		}
		if (attr.nla_len > left) {
			err_printf(err, errlen, "sock_diag reply: attribute %u (%u bytes) runs past the message (%zu left)",
				attr.nla_type & NLA_TYPE_MASK, attr.nla_len, left);
			return -1;
		}
		if (fn(ctx, attr.nla_type & NLA_TYPE_MASK, p + sizeof(attr),
		       attr.nla_len - sizeof(attr), err, errlen) < 0)
			return -1;
		step = MNL_ALIGN(attr.nla_len);
		if (step >= left)
			break;
		p += step;
		left -= step;
	}
	return 0;
}
