/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockinfo.c - one socket, everything sock_diag tells about it: the exact
 * request (SOCK_DIAG_BY_FAMILY without NLM_F_DUMP, the row's ends and
 * cookie in inet_diag_req_v2.id, idiag_ext asking for the extensions),
 * a dump on the row's port when the exact request cannot find it, and
 * the reply parsed: every attribute's length checked before it is read;
 * a struct tcp_info shorter than this program's is kept as far as it
 * goes (an older kernel), a longer one cut to what this program knows. */
#include "sockinfo.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "util.h"

_Static_assert(sizeof(struct tcp_info) <= SOCKINFO_TCPI_MAX,
	       "struct tcp_info fits in sockinfo.tcpi");
_Static_assert(SK_MEMINFO_VARS <= SOCKINFO_SKMEM_MAX &&
	       (int)SK_MEMINFO_DROPS == (int)SKMEM_D,
	       "skmeminfo's counters fit, in the kernel's order");

/* ---- tcp_info's fields, by name ------------------------------------------ */

struct tcpi_field {
	const char *name;
	size_t off, size;
};

#define TF(f) { #f, offsetof(struct tcp_info, tcpi_##f), \
		sizeof(((struct tcp_info *)0)->tcpi_##f) }

static const struct tcpi_field tcpi_fields[] = {
	TF(state), TF(ca_state), TF(retransmits), TF(probes), TF(backoff),
	TF(options), TF(rto), TF(ato), TF(snd_mss), TF(rcv_mss), TF(unacked),
	TF(sacked), TF(lost), TF(retrans), TF(fackets), TF(last_data_sent),
	TF(last_ack_sent), TF(last_data_recv), TF(last_ack_recv), TF(pmtu),
	TF(rcv_ssthresh), TF(rtt), TF(rttvar), TF(snd_ssthresh), TF(snd_cwnd),
	TF(advmss), TF(reordering), TF(rcv_rtt), TF(rcv_space),
	TF(total_retrans), TF(pacing_rate), TF(max_pacing_rate),
	TF(bytes_acked), TF(bytes_received), TF(segs_out), TF(segs_in),
	TF(notsent_bytes), TF(min_rtt), TF(data_segs_in), TF(data_segs_out),
	TF(delivery_rate), TF(busy_time), TF(rwnd_limited),
	TF(sndbuf_limited), TF(delivered), TF(delivered_ce), TF(bytes_sent),
	TF(bytes_retrans), TF(dsack_dups), TF(reord_seen), TF(rcv_ooopack),
	TF(snd_wnd),
};

/* The bit fields share the byte after tcpi_options: read through the
 * struct (the compiler knows their layout), present with that byte. */
static bool tcp_bits(const struct sockinfo *si, const char *name, uint64_t *v)
{
	struct tcp_info ti;
	size_t byte = offsetof(struct tcp_info, tcpi_options) + 1;

	memcpy(&ti, si->tcpi, sizeof(ti));
	if (!strcmp(name, "snd_wscale"))
		*v = ti.tcpi_snd_wscale;
	else if (!strcmp(name, "rcv_wscale"))
		*v = ti.tcpi_rcv_wscale;
	else if (!strcmp(name, "delivery_rate_app_limited"))
		*v = ti.tcpi_delivery_rate_app_limited, byte++;
	else
		return false;
	return si->tcpi_len >= byte + 1;
}

bool sockinfo_tcp(const struct sockinfo *si, const char *name, uint64_t *v)
{
	*v = 0;
	if (!(si->have & SI_INFO))
		return false;
	for (size_t i = 0; i < sizeof(tcpi_fields) / sizeof(tcpi_fields[0]); i++) {
		const struct tcpi_field *f = &tcpi_fields[i];
		uint32_t u32;
		uint8_t u8;

		if (strcmp(f->name, name) != 0)
			continue;
		if (si->tcpi_len < f->off + f->size)
			return false;
		if (f->size == 1) {
			memcpy(&u8, si->tcpi + f->off, 1);
			*v = u8;
		} else if (f->size == 4) {
			memcpy(&u32, si->tcpi + f->off, 4);
			*v = u32;
		} else {
			memcpy(v, si->tcpi + f->off, 8);
		}
		return true;
	}
	return tcp_bits(si, name, v);
}

size_t sockinfo_tcpi_size(void)
{
	return sizeof(struct tcp_info);
}

/* ---- parsing --------------------------------------------------------------- */

static int attr_u8(const unsigned char *val, size_t len, const char *what,
		   uint8_t *out, char *err, size_t errlen)
{
	if (len < 1) {
		err_printf(err, errlen, "sock_diag reply: %s without a value", what);
		return -1;
	}
	*out = val[0];
	return 0;
}

static void attr_info(struct sockinfo *si, const unsigned char *val,
		      size_t len)
{
	size_t keep = len < sizeof(struct tcp_info) ? len : sizeof(struct tcp_info);

	memset(si->tcpi, 0, sizeof(si->tcpi));
	memcpy(si->tcpi, val, keep);
	si->tcpi_len = len;
	si->have |= SI_INFO;
}

/* The name as sent, up to its NUL, cut to what fits. */
static void attr_cong(struct sockinfo *si, const unsigned char *val,
		      size_t len)
{
	size_t n = 0;

	while (n < len && n + 1 < sizeof(si->cong) && val[n])
		n++;
	memcpy(si->cong, val, n);
	si->cong[n] = '\0';
	si->have |= SI_CONG;
}

static int attr_skmem(struct sockinfo *si, const unsigned char *val,
		      size_t len, char *err, size_t errlen)
{
	size_t n = len / sizeof(uint32_t);

	if (len % sizeof(uint32_t)) {
		err_printf(err, errlen, "sock_diag reply: INET_DIAG_SKMEMINFO of %zu bytes, not a whole number of counters",
			len);
		return -1;
	}
	si->nskmem = n < SOCKINFO_SKMEM_MAX ? n : SOCKINFO_SKMEM_MAX;
	memcpy(si->skmem, val, si->nskmem * sizeof(uint32_t));
	si->have |= SI_SKMEM;
	return 0;
}

static int attr_meminfo(struct sockinfo *si, const unsigned char *val,
			size_t len, char *err, size_t errlen)
{
	struct inet_diag_meminfo m;

	if (len < sizeof(m)) {
		err_printf(err, errlen, "sock_diag reply: INET_DIAG_MEMINFO of %zu bytes (%zu expected)",
			len, sizeof(m));
		return -1;
	}
	memcpy(&m, val, sizeof(m));
	si->mem[0] = m.idiag_rmem;
	si->mem[1] = m.idiag_wmem;
	si->mem[2] = m.idiag_fmem;
	si->mem[3] = m.idiag_tmem;
	si->have |= SI_MEMINFO;
	return 0;
}

/* One attribute after the inet_diag_msg (a diag_attr_fn: diag_walk_attrs
 * has checked that it lies within the message). */
static int one_attr(void *ctx, unsigned type, const unsigned char *val,
		    size_t len, char *err, size_t errlen)
{
	struct sockinfo *si = ctx;

	switch (type) {
	case INET_DIAG_SHUTDOWN:
		si->have |= SI_SHUTDOWN;
		return attr_u8(val, len, "INET_DIAG_SHUTDOWN", &si->shutdown,
			       err, errlen);
	case INET_DIAG_TOS:
		si->have |= SI_TOS;
		return attr_u8(val, len, "INET_DIAG_TOS", &si->tos, err, errlen);
	case INET_DIAG_TCLASS:
		si->have |= SI_TCLASS;
		return attr_u8(val, len, "INET_DIAG_TCLASS", &si->tclass, err,
			       errlen);
	case INET_DIAG_CONG:
		attr_cong(si, val, len);
		return 0;
	case INET_DIAG_INFO:
		attr_info(si, val, len);
		return 0;
	case INET_DIAG_SKMEMINFO:
		return attr_skmem(si, val, len, err, errlen);
	case INET_DIAG_MEMINFO:
		return attr_meminfo(si, val, len, err, errlen);
	default:
		return 0;	/* not shown (or unknown to this program) */
	}
}

int sockinfo_parse_msg(const struct nlmsghdr *nlh, uint8_t proto,
		       struct sockinfo *si, char *err, size_t errlen)
{
	size_t hdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct inet_diag_msg));

	memset(si, 0, sizeof(*si));
	/* the row, the message's lengths and the SKV6ONLY attribute */
	if (diag_parse_msg(nlh, proto, &si->row, err, errlen) < 0)
		return -1;
	if (nlh->nlmsg_len <= hdr)
		return 0;
	return diag_walk_attrs((const unsigned char *)nlh + hdr,
			       nlh->nlmsg_len - hdr, one_attr, si, err, errlen);
}

/* ---- a reply ---------------------------------------------------------------- */

/* The kernel's errno in an NLMSG_ERROR or NLMSG_DONE (any int may come
 * in a malformed one). */
static int msg_code(const struct nlmsghdr *nlh, int *code, char *err,
		    size_t errlen)
{
	int e;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(int)) {
		err_printf(err, errlen, "netlink: truncated error message");
		return -1;
	}
	memcpy(&e, (const char *)nlh + MNL_NLMSG_HDRLEN, sizeof(e));
	*code = e == INT_MIN ? INT_MAX : e < 0 ? -e : e;
	return 0;
}

/* A row of the reply: kept when it is the socket looked for. Returns 1
 * when the reply ends with it (the exact request's one message). */
static int reply_row(const struct nlmsghdr *nlh, struct sockinfo_reply *st,
		     struct sockinfo *si, char *err, size_t errlen)
{
	struct sockinfo one;

	if (sockinfo_parse_msg(nlh, st->proto, &one, err, errlen) < 0)
		return -1;
	if (one.row.cookie == st->cookie) {
		*si = one;
		st->found = true;
	}
	return (nlh->nlmsg_flags & NLM_F_MULTI) ? 0 : 1;
}

/* One message of the reply: 1 the reply is complete, 0 more, -1 error. */
static int reply_msg(const struct nlmsghdr *nlh, struct sockinfo_reply *st,
		     struct sockinfo *si, char *err, size_t errlen)
{
	int code;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		st->interrupted = true;
	switch (nlh->nlmsg_type) {
	case NLMSG_NOOP:
		return 0;
	case NLMSG_DONE:
	case NLMSG_ERROR:
		if (msg_code(nlh, &code, err, errlen) < 0)
			return -1;
		st->kernel_err = code;
		return 1;
	case SOCK_DIAG_BY_FAMILY:
		return reply_row(nlh, st, si, err, errlen);
	default:
		err_printf(err, errlen, "netlink: unexpected message type %u",
			nlh->nlmsg_type);
		return -1;
	}
}

int sockinfo_parse_reply(const void *buf, size_t len, uint32_t seq,
			 struct sockinfo_reply *st, struct sockinfo *si,
			 char *err, size_t errlen)
{
	const unsigned char *p = buf;

	while (len > 0) {
		struct nlmsghdr nlh;
		size_t step;
		int rc;

		if (len < sizeof(nlh)) {
			err_printf(err, errlen, "netlink: truncated message header (%zu bytes)",
				len);
			return -1;
		}
		memcpy(&nlh, p, sizeof(nlh));
		if (nlh.nlmsg_len < sizeof(nlh) || nlh.nlmsg_len > len) {
			err_printf(err, errlen, "netlink: message length %u does not fit (%zu bytes left)",
				nlh.nlmsg_len, len);
			return -1;
		}
		if (nlh.nlmsg_seq != seq) {
			err_printf(err, errlen, "netlink: reply to request %u while waiting for %u",
				nlh.nlmsg_seq, seq);
			return -1;
		}
		if ((uintptr_t)p % NLMSG_ALIGNTO) {
			err_printf(err, errlen, "netlink buffer is not aligned");
			return -1;
		}
		rc = reply_msg((const struct nlmsghdr *)p, st, si, err, errlen);
		if (rc)
			return rc;
		step = MNL_ALIGN(nlh.nlmsg_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

/* ---- asking the kernel -------------------------------------------------------- */

uint8_t sockinfo_ext(void)
{
	return 1u << (INET_DIAG_MEMINFO - 1) | 1u << (INET_DIAG_INFO - 1) |
	       1u << (INET_DIAG_CONG - 1) | 1u << (INET_DIAG_TOS - 1) |
	       1u << (INET_DIAG_TCLASS - 1) | 1u << (INET_DIAG_SKMEMINFO - 1);
}

struct lookup {
	struct sockinfo_reply st;
	struct sockinfo *si;
};

static int on_reply(void *ctx, const void *buf, size_t len, uint32_t seq,
		    char *err, size_t errlen)
{
	struct lookup *l = ctx;

	return sockinfo_parse_reply(buf, len, seq, &l->st, l->si, err, errlen);
}

/* The request: the row's ends as inet_diag wants them (network order,
 * IPv4 in the first word) and its cookie. */
static void put_request(void *buf, const struct diag_row *row, bool dump)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct inet_diag_req_v2 *r;

	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : 0);
	r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->sdiag_family = row->family;
	r->sdiag_protocol = row->proto;
	r->idiag_ext = sockinfo_ext();
	r->idiag_states = ~0U;
	r->id.idiag_sport = htons(row->sport);
	r->id.idiag_dport = htons(row->dport);
	/* udp_diag looks its exact request up from the peer's side: its
	 * src and dst are the other way round */
	memcpy(r->id.idiag_src, row->proto == IPPROTO_UDP && !dump ? &row->dst :
	       &row->src, sizeof(r->id.idiag_src));
	memcpy(r->id.idiag_dst, row->proto == IPPROTO_UDP && !dump ? &row->src :
	       &row->dst, sizeof(r->id.idiag_dst));
	if (row->proto == IPPROTO_UDP && !dump) {
		r->id.idiag_sport = htons(row->dport);
		r->id.idiag_dport = htons(row->sport);
	}
	r->id.idiag_if = row->ifindex;
	r->id.idiag_cookie[0] = (uint32_t)row->cookie;
	r->id.idiag_cookie[1] = (uint32_t)(row->cookie >> 32);
}

/* header, inet_diag_req_v2, a bytecode attribute of one port */
#define REQ_MAX (MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct inet_diag_req_v2)) + \
		 MNL_ATTR_HDRLEN + 64)

size_t sockinfo_request(const struct diag_row *row, bool dump, void *buf,
			size_t len)
{
	struct diag_filter f = { .nports = 1, .ports = { row->sport } };
	char bc[64] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = buf;
	int bclen;

	if (len < REQ_MAX)
		return 0;
	memset(buf, 0, REQ_MAX);
	put_request(buf, row, dump);
	if (dump && (bclen = diag_build_filter(&f, bc, sizeof(bc))) > 0)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, (size_t)bclen, bc);
	return nlh->nlmsg_len;
}

/* One request; 1 found, 0 not, -1 error. */
static int ask(struct diag *d, const struct diag_row *row, bool dump,
	       struct sockinfo *si, char *err, size_t errlen)
{
	char buf[REQ_MAX] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct lookup l = { .st = { .proto = row->proto, .cookie = row->cookie },
			    .si = si };

	sockinfo_request(row, dump, buf, sizeof(buf));
	if (diag_request(d, (struct nlmsghdr *)buf, on_reply, &l, err,
			 errlen) < 0)
		return -1;
	if (l.st.found)
		return 1;
	if (l.st.interrupted) {
		err_printf(err, errlen, "the socket table changed while it was read");
		return -1;
	}
	/* no such socket (ENOENT), or another one has its ends (ESTALE) */
	if (!dump && l.st.kernel_err && l.st.kernel_err != ENOENT &&
	    l.st.kernel_err != ESTALE) {
		err_printf(err, errlen, "sock_diag refused the lookup: %s",
			strerror(l.st.kernel_err));
		return -1;
	}
	if (dump && l.st.kernel_err) {
		err_printf(err, errlen, "sock_diag dump failed: %s",
			strerror(l.st.kernel_err));
		return -1;
	}
	return 0;
}

int sockinfo_lookup(struct diag *d, const struct diag_row *row,
		    struct sockinfo *si, char *err, size_t errlen)
{
	int rc = ask(d, row, false, si, err, errlen);

	return rc ? rc : ask(d, row, true, si, err, errlen);
}
