/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_lookup.c - one TCP or UDP socket asked for exactly: a single
 * SOCK_DIAG_BY_FAMILY request without NLM_F_DUMP, which the kernel
 * answers from its hash tables (inet_diag_find_one_icsk, udp_dump_one)
 * whatever the size of the table, where a dump walks every socket of
 * it. */
#include "diag.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include "diag_int.h"
#include "util.h"

#define LOOKUP_REQ	(MNL_NLMSG_HDRLEN + \
			 MNL_ALIGN(sizeof(struct inet_diag_req_v2)))

struct answer {
	uint8_t proto;
	struct diag_row *out;
	int found;		/* 1 a row, 0 none */
};

/* An NLMSG_ERROR: "no such socket" (ENOENT; ESTALE: its cookie is
 * another's) is an answer, any other code an error. */
static int lookup_error(const struct nlmsghdr *nlh, struct answer *a,
			char *err, size_t errlen)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(e->error)) {
		err_printf(err, errlen, "sock_diag reply: truncated error message");
		return -1;
	}
	if (e->error == -ENOENT || e->error == -ESTALE || e->error == 0) {
		a->found = 0;
		return 1;
	}
	err_printf(err, errlen, "sock_diag refused the lookup: %s",
		   diag_kernel_strerror(e->error));
	return -1;
}

/* diag_reply_fn: the one message that answers the request */
static int on_answer(void *ctx, const void *buf, size_t len, uint32_t seq,
		     char *err, size_t errlen)
{
	const struct nlmsghdr *nlh = buf;
	struct answer *a = ctx;
	int n = (int)(len > INT32_MAX ? INT32_MAX : len);

	for (; mnl_nlmsg_ok(nlh, n); nlh = mnl_nlmsg_next(nlh, &n)) {
		if (nlh->nlmsg_seq != seq)
			continue;	/* a stale reply to an earlier request */
		if (nlh->nlmsg_type == NLMSG_ERROR)
			return lookup_error(nlh, a, err, errlen);
		if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
			continue;
		if (diag_parse_msg(nlh, a->proto, a->out, err, errlen) < 0)
			return -1;
		a->found = 1;
		return 1;
	}
	return 0;
}

/* The request: the ends as inet_diag wants them (network order, IPv4 in
 * the first word). udp_diag looks a socket up as a datagram from the
 * peer would find it: its src and dst are the other way round. */
static void put_lookup(void *buf, const struct diag_row *k)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct inet_diag_req_v2 *r;
	bool udp = k->proto == IPPROTO_UDP;

	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->sdiag_family = k->family;
	r->sdiag_protocol = k->proto;
	r->idiag_states = ~0U;
	r->id.idiag_sport = htons(udp ? k->dport : k->sport);
	r->id.idiag_dport = htons(udp ? k->sport : k->dport);
	memcpy(r->id.idiag_src, udp ? &k->dst : &k->src, sizeof(r->id.idiag_src));
	memcpy(r->id.idiag_dst, udp ? &k->src : &k->dst, sizeof(r->id.idiag_dst));
	r->id.idiag_if = k->ifindex;
	if (k->cookie) {
		r->id.idiag_cookie[0] = (uint32_t)k->cookie;
		r->id.idiag_cookie[1] = (uint32_t)(k->cookie >> 32);
	} else {
		r->id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
		r->id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	}
}

int diag_lookup(struct diag *d, const struct diag_row *key,
		struct diag_row *out, char *err, size_t errlen)
{
	char buf[LOOKUP_REQ] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct answer a = { .proto = key->proto, .out = out };

	if ((key->family != AF_INET && key->family != AF_INET6) ||
	    (key->proto != IPPROTO_TCP && key->proto != IPPROTO_UDP)) {
		err_printf(err, errlen, "no exact lookup for this kind of socket");
		return -1;
	}
	memset(buf, 0, sizeof(buf));
	put_lookup(buf, key);
	if (diag_request(d, (struct nlmsghdr *)buf, on_answer, &a, err,
			 errlen) < 0)
		return -1;
	return a.found;
}
