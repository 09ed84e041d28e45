/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_watch.c - the kernel's word that a socket is gone: a netlink
 * socket subscribed to sock_diag's destroy groups (TCP and UDP, IPv4 and
 * IPv6), on which the kernel sends each socket's last row as it frees it
 * (a TCP socket that moves to TIME-WAIT is freed too: its TIME-WAIT row
 * keeps the cookie). The namespace watched is the one the watch was
 * opened in. */
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include "diag_int.h"
#include "util.h"

#define WATCH_BUF	(32 * 1024)

struct diag_watch {
	struct mnl_socket *nl;
	void *buf;
};

static unsigned groups(void)
{
	return 1u << (SKNLGRP_INET_TCP_DESTROY - 1) |
	       1u << (SKNLGRP_INET_UDP_DESTROY - 1) |
	       1u << (SKNLGRP_INET6_TCP_DESTROY - 1) |
	       1u << (SKNLGRP_INET6_UDP_DESTROY - 1);
}

struct diag_watch *diag_watch_open(char *err, size_t errlen)
{
	struct diag_watch *w = xcalloc(1, sizeof(*w));

	w->nl = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (!w->nl) {
		err_printf(err, errlen, "netlink socket (sock_diag): %s",
			   strerror(errno));
		free(w);
		return NULL;
	}
	if (mnl_socket_bind(w->nl, groups(), MNL_SOCKET_AUTOPID) < 0) {
		err_printf(err, errlen, "cannot listen to sock_diag's destroy groups: %s",
			   strerror(errno));
		diag_watch_close(w);
		return NULL;
	}
	w->buf = xmalloc(WATCH_BUF);
	return w;
}

void diag_watch_close(struct diag_watch *w)
{
	if (!w)
		return;
	if (w->nl)
		mnl_socket_close(w->nl);
	free(w->buf);
	free(w);
}

int diag_watch_fd(const struct diag_watch *w)
{
	return mnl_socket_get_fd(w->nl);
}

/* diag_attr_fn: the socket's protocol, which the group said */
static int take_proto(void *ctx, unsigned type, const unsigned char *v,
		      size_t n, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	if (type == INET_DIAG_PROTOCOL && n >= 1)
		*(uint8_t *)ctx = v[0];
	return 0;
}

/* One message: a row, or 0 for what is not one. */
static int one(const struct nlmsghdr *nlh, struct diag_row *r, char *err,
	       size_t errlen)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct inet_diag_msg));
	uint8_t proto = 0;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(struct inet_diag_msg))
		return 0;
	if (nlh->nlmsg_len > hdr &&
	    diag_walk_attrs((const unsigned char *)nlh + hdr,
			    nlh->nlmsg_len - hdr, take_proto, &proto, err,
			    errlen) < 0)
		return -1;
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP)
		return 0;
	return diag_parse_msg(nlh, proto, r, err, errlen) < 0 ? -1 : 1;
}

int diag_watch_read(struct diag_watch *w, diag_watch_fn fn, void *ctx,
		    char *err, size_t errlen)
{
	int count = 0;

	for (;;) {
		ssize_t n = mnl_socket_recvfrom(w->nl, w->buf, WATCH_BUF);
		const struct nlmsghdr *nlh = w->buf;
		int left;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return count;
		if (n < 0 && errno == ENOBUFS) {
			fn(ctx, NULL);	/* some were lost: read everything */
			count++;
			continue;
		}
		if (n < 0) {
			err_printf(err, errlen, "sock_diag destroy groups: %s",
				   strerror(errno));
			return -1;
		}
		left = (int)n;
		for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			struct diag_row r;
			int rc = one(nlh, &r, err, errlen);

			if (rc < 0)
				return -1;
			if (rc > 0) {
				fn(ctx, &r);
				count++;
			}
		}
	}
}
