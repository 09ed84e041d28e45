/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_diag.c - unit tests of the sock_diag client and the kernel view
 * formatting, without a kernel: netlink replies are built by hand (valid
 * rows, errors, interrupted dumps, every kind of truncation, a seeded fuzz
 * loop), the port-filter bytecode is checked against a model of the
 * kernel's audit and interpreter, and every state name, address form and
 * timer spelling is compared with what ss prints; the same for UNIX
 * sockets' replies (every attribute, malformed ones) and their spellings
 * (ss -x), and their exact lookup against the kernel. Meant to run under
 * AddressSanitizer: each parsed buffer is a heap block of exactly its
 * length, so any read past the end is caught. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "sandbox.h"
#include "tap.h"
#include "util.h"
#include "view.h"

#define SEQ 4242

/* ---- building replies ------------------------------------------------- */

/* A reply under construction; 4-byte aligned like the kernel's. */
struct reply {
	uint32_t words[4096];
	size_t len;
};

static char *tail(struct reply *r)
{
	return (char *)r->words + r->len;
}

static struct nlmsghdr *add_msg(struct reply *r, uint16_t type,
				uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(tail(r));

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

static void close_msg(struct reply *r, struct nlmsghdr *nlh)
{
	r->len += MNL_ALIGN(nlh->nlmsg_len);
}

struct rowspec {
	uint8_t family, state, timer, retrans;
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t rq, wq, expires, uid, inode, ifindex;
	int v6only;		/* -1: no attribute */
};

static struct nlmsghdr *add_row(struct reply *r, const struct rowspec *s,
				uint16_t flags)
{
	struct nlmsghdr *nlh = add_msg(r, SOCK_DIAG_BY_FAMILY,
				       NLM_F_MULTI | flags, SEQ);
	struct inet_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));

	m->idiag_family = s->family;
	m->idiag_state = s->state;
	m->idiag_timer = s->timer;
	m->idiag_retrans = s->retrans;
	m->id.idiag_sport = htons(s->sport);
	m->id.idiag_dport = htons(s->dport);
	inet_pton(s->family, s->src, m->id.idiag_src);
	inet_pton(s->family, s->dst, m->id.idiag_dst);
	m->id.idiag_if = s->ifindex;
	m->id.idiag_cookie[0] = 0x11223344;
	m->id.idiag_cookie[1] = 0x55667788;
	m->idiag_expires = s->expires;
	m->idiag_rqueue = s->rq;
	m->idiag_wqueue = s->wq;
	m->idiag_uid = s->uid;
	m->idiag_inode = s->inode;
	mnl_attr_put_u8(nlh, INET_DIAG_SHUTDOWN, 0);
	if (s->v6only >= 0)
		mnl_attr_put_u8(nlh, INET_DIAG_SKV6ONLY, (uint8_t)s->v6only);
	mnl_attr_put_u64(nlh, INET_DIAG_CGROUP_ID, 1234);
	close_msg(r, nlh);
	return nlh;
}

static void add_done(struct reply *r, int code)
{
	struct nlmsghdr *nlh = add_msg(r, NLMSG_DONE, NLM_F_MULTI, SEQ);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(int));

	*e = code;
	close_msg(r, nlh);
}

static void add_error(struct reply *r, int code)
{
	struct nlmsghdr *nlh = add_msg(r, NLMSG_ERROR, 0, SEQ);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = code;
	close_msg(r, nlh);
}

static const struct rowspec v4_estab = {
	.family = AF_INET, .state = KS_ESTABLISHED, .src = "127.0.0.1",
	.dst = "127.0.0.2", .sport = 3459, .dport = 40000, .rq = 5,
	.wq = 7, .uid = 1000, .inode = 98765, .v6only = -1,
};

static const struct rowspec v6_listen = {
	.family = AF_INET6, .state = KS_LISTEN, .src = "::", .dst = "::",
	.sport = 3459, .rq = 1, .wq = 128, .inode = 4321, .v6only = 1,
};

/* Parse a copy of exactly len bytes on the heap (so ASan sees overreads). */
static int parse(const void *buf, size_t len, struct diag_table *t,
		 char *err, size_t errlen)
{
	void *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, buf, len);
	rc = diag_parse_buf(copy, len, SEQ, IPPROTO_TCP, t, err, errlen);
	free(copy);
	return rc;
}

/* ---- parsing ---------------------------------------------------------- */

static void test_parse_rows(void)
{
	struct reply r = { .len = 0 };
	struct diag_table t = { 0 };
	struct diag_row row;
	struct nlmsghdr *nlh;
	char err[256] = "";
	int rc;

	nlh = add_row(&r, &v4_estab, 0);
	rc = diag_parse_msg(nlh, IPPROTO_TCP, &row, err, sizeof(err));
	tap_is_int(rc, 0, "IPv4 row parses (%s)", err);
	tap_is_int(row.proto, IPPROTO_TCP, "proto");
	tap_is_int(row.family, AF_INET, "family");
	tap_is_int(row.state, KS_ESTABLISHED, "state");
	tap_is_int(row.sport, 3459, "local port in host order");
	tap_is_int(row.dport, 40000, "peer port in host order");
	tap_is_int(row.rqueue, 5, "recv-q");
	tap_is_int(row.wqueue, 7, "send-q");
	tap_is_int(row.uid, 1000, "uid");
	tap_is_int(row.inode, 98765, "inode");
	tap_is_int((long long)row.cookie, 0x5566778811223344LL, "cookie");
	tap_is_int(row.v6only, -1, "no INET_DIAG_SKV6ONLY: v6only unknown");
	tap_ok(memcmp(&row.src, "\x7f\0\0\x01", 4) == 0, "IPv4 source address");
	tap_ok(memcmp(&row.dst, "\x7f\0\0\x02", 4) == 0, "IPv4 peer address");

	nlh = add_row(&r, &v6_listen, 0);
	rc = diag_parse_msg(nlh, IPPROTO_TCP, &row, err, sizeof(err));
	tap_is_int(rc, 0, "IPv6 row parses (%s)", err);
	tap_is_int(row.family, AF_INET6, "IPv6 family");
	tap_is_int(row.v6only, 1, "INET_DIAG_SKV6ONLY 1");
	add_done(&r, 0);

	rc = parse(r.words, r.len, &t, err, sizeof(err));
	tap_is_int(rc, 1, "two rows and NLMSG_DONE: complete (%s)", err);
	tap_is_int(t.n, 2, "two rows appended");
	tap_is_int(t.rows[1].state, KS_LISTEN, "second row is the listener");

	/* Rows without NLMSG_DONE: more to come; rows append. */
	r.len = 0;
	add_row(&r, &v4_estab, 0);
	rc = parse(r.words, r.len, &t, err, sizeof(err));
	tap_is_int(rc, 0, "rows without NLMSG_DONE: more to come");
	tap_is_int(t.n, 3, "rows are appended to the table");

	rc = parse(r.words, 0, &t, err, sizeof(err));
	tap_is_int(rc, 0, "empty buffer: more to come");

	/* A NOOP is skipped. */
	r.len = 0;
	close_msg(&r, add_msg(&r, NLMSG_NOOP, 0, SEQ));
	add_done(&r, 0);
	rc = parse(r.words, r.len, &t, err, sizeof(err));
	tap_is_int(rc, 1, "NLMSG_NOOP is skipped");
	diag_table_free(&t);
	tap_ok(t.rows == NULL && t.n == 0 && t.cap == 0, "table freed");
}

static void test_parse_v6only_zero(void)
{
	struct reply r = { .len = 0 };
	struct rowspec s = v6_listen;
	struct diag_row row;
	char err[256] = "";

	s.v6only = 0;
	tap_is_int(diag_parse_msg(add_row(&r, &s, 0), IPPROTO_UDP, &row, err,
				  sizeof(err)), 0, "dual-stack row parses");
	tap_is_int(row.v6only, 0, "INET_DIAG_SKV6ONLY 0");
	tap_is_int(row.proto, IPPROTO_UDP, "proto from the request");
}

static void test_parse_errors(void)
{
	struct reply r = { .len = 0 };
	struct diag_table t = { 0 };
	char err[256];

	add_error(&r, -EINVAL);
	err[0] = '\0';
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "NLMSG_ERROR: error");
	tap_ok(strstr(err, strerror(EINVAL)) != NULL, "message names the errno: %s", err);

	r.len = 0;
	add_error(&r, INT_MIN);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "NLMSG_ERROR INT_MIN: error (%s)", err);
	r.len = 0;
	add_error(&r, 5);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "NLMSG_ERROR positive: error (%s)", err);

	r.len = 0;
	add_error(&r, 0);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), 1,
		   "NLMSG_ERROR 0 (an ack): complete");

	r.len = 0;
	add_row(&r, &v4_estab, 0);
	add_done(&r, -ENOMEM);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "NLMSG_DONE carrying an error: error (%s)", err);

	r.len = 0;
	add_row(&r, &v4_estab, 0);
	add_row(&r, &v4_estab, NLM_F_DUMP_INTR);
	add_done(&r, 0);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -2,
		   "NLM_F_DUMP_INTR: retry");

	r.len = 0;
	close_msg(&r, add_msg(&r, NLMSG_DONE, NLM_F_MULTI | NLM_F_DUMP_INTR,
			      SEQ));
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -2,
		   "NLM_F_DUMP_INTR on NLMSG_DONE: retry");

	r.len = 0;
	add_row(&r, &v4_estab, 0);
	r.words[2] = SEQ + 1;		/* nlmsg_seq */
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "reply to another request: error (%s)", err);

	r.len = 0;
	close_msg(&r, add_msg(&r, 0x1234, 0, SEQ));
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "unknown message type: error (%s)", err);

	r.len = 0;
	{
		struct rowspec s = v4_estab;

		add_row(&r, &s, 0);
		((unsigned char *)r.words)[MNL_NLMSG_HDRLEN] = 99;
	}
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "unknown address family: error (%s)", err);

	r.len = 0;
	add_row(&r, &v4_estab, 0);
	{
		char *odd = malloc(r.len + 1);

		memcpy(odd + 1, r.words, r.len);
		tap_is_int(diag_parse_buf(odd + 1, r.len, SEQ, IPPROTO_TCP, &t,
					  err, sizeof(err)), -1,
			   "misaligned buffer: refused (%s)", err);
		free(odd);
	}

	r.len = 0;
	add_error(&r, -EPERM);
	tap_is_int(parse(r.words, r.len, &t, NULL, 0), -1,
		   "a NULL error buffer is allowed");
	diag_table_free(&t);
}

static void test_parse_truncated(void)
{
	struct reply r = { .len = 0 };
	struct diag_table t = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *a;
	struct diag_row row;
	char err[256];
	size_t cut, full;
	int bad = 0;

	nlh = add_row(&r, &v4_estab, 0);
	full = r.len;
	tap_is_int(parse(r.words, 10, &t, err, sizeof(err)), -1,
		   "truncated netlink header: error (%s)", err);

	/* Every cut inside the message is an error, none reads beyond. */
	for (cut = 1; cut < full; cut++)
		if (parse(r.words, cut, &t, err, sizeof(err)) != -1)
			bad++;
	tap_is_int(bad, 0, "every truncation of a row is an error");

	nlh->nlmsg_len = 8;
	tap_is_int(parse(r.words, full, &t, err, sizeof(err)), -1,
		   "nlmsg_len shorter than its header: error (%s)", err);
	tap_is_int(diag_parse_msg(nlh, IPPROTO_TCP, &row, err, sizeof(err)), -1,
		   "diag_parse_msg too");

	nlh->nlmsg_len = (uint32_t)full + 4;
	tap_is_int(parse(r.words, full, &t, err, sizeof(err)), -1,
		   "nlmsg_len beyond the buffer: error (%s)", err);

	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 40;
	tap_is_int(parse(r.words, full, &t, err, sizeof(err)), -1,
		   "truncated inet_diag_msg: error (%s)", err);
	tap_ok(strstr(err, "truncated inet_diag_msg") != NULL,
	       "message says so");

	/* Attribute running past the message. */
	r.len = 0;
	nlh = add_row(&r, &v4_estab, 0);
	a = (struct nlattr *)((char *)nlh + MNL_NLMSG_HDRLEN +
			      sizeof(struct inet_diag_msg));
	a->nla_len = 200;
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "attribute longer than the message: error (%s)", err);

	/* Zero-length attribute: an error, not an endless loop. */
	a->nla_len = 0;
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "zero-length attribute: error (%s)", err);
	a->nla_len = 3;
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "attribute shorter than its header: error");

	/* An empty attribute of a type we ignore is fine... */
	r.len = 0;
	nlh = add_row(&r, &v4_estab, 0);
	mnl_attr_put(nlh, 77, 0, NULL);
	r.len = MNL_ALIGN(nlh->nlmsg_len);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), 0,
		   "empty attribute of an unknown type: fine");
	/* ...but INET_DIAG_SKV6ONLY needs its byte. */
	r.len = 0;
	nlh = add_row(&r, &v4_estab, 0);
	mnl_attr_put(nlh, INET_DIAG_SKV6ONLY, 0, NULL);
	r.len = MNL_ALIGN(nlh->nlmsg_len);
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "INET_DIAG_SKV6ONLY without a value: error (%s)", err);

	/* Stray bytes after the attributes (less than an attribute). */
	r.len = 0;
	nlh = add_row(&r, &v4_estab, 0);
	nlh->nlmsg_len += 2;
	r.len = nlh->nlmsg_len;
	tap_is_int(parse(r.words, r.len, &t, err, sizeof(err)), -1,
		   "stray bytes after the attributes: error (%s)", err);

	/* The last message may end unpadded at the end of the buffer. */
	r.len = 0;
	nlh = add_row(&r, &v4_estab, 0);
	mnl_attr_put_u8(nlh, 77, 1);
	nlh->nlmsg_len -= 3;
	tap_is_int(parse(r.words, nlh->nlmsg_len, &t, err, sizeof(err)), 0,
		   "unpadded last attribute at the end of the buffer: fine (%s)", err);
	diag_table_free(&t);
}

/* xorshift32: reproducible pseudo-random numbers. */
static uint32_t rnd_state = 2463534242u;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void test_fuzz(void)
{
	static struct reply base[2];
	struct diag_table t = { 0 };
	struct rowspec s = v6_listen;
	char err[256];
	int i, j, odd = 0, counts[4] = { 0 };
	unsigned char *m;

	/* Two seeds: a complete dump, and rows followed by an error. */
	for (i = 0; i < 2; i++) {
		add_row(&base[i], &v4_estab, 0);
		add_row(&base[i], &v6_listen, 0);
		s.v6only = -1;
		add_row(&base[i], &s, 0);
		if (i)
			add_error(&base[i], -EINVAL);
		else
			add_done(&base[i], 0);
	}
	for (i = 0; i < 5000; i++) {
		const struct reply *b = &base[i % 2];
		size_t len = b->len, n = rnd() % 4 + 1;
		int rc;

		m = malloc(len);
		memcpy(m, b->words, len);
		for (j = 0; j < (int)n; j++) {
			size_t at = rnd() % len;

			switch (rnd() % 5) {
			case 0: /* flip a byte */
				m[at] ^= (unsigned char)(1u << rnd() % 8);
				break;
			case 1: /* a random byte */
				m[at] = (unsigned char)rnd();
				break;
			case 2: /* a length field somewhere: 16-bit */
				at &= ~(size_t)3;
				if (at + 2 <= len) {
					uint16_t v = (uint16_t)(rnd() % 260);

					memcpy(m + at, &v, 2);
				}
				break;
			case 3: /* a 32-bit length */
				at &= ~(size_t)3;
				if (at + 4 <= len) {
					uint32_t v = rnd() % (uint32_t)(len + 64);

					memcpy(m + at, &v, 4);
				}
				break;
			default: /* truncate */
				len = at;
				break;
			}
			if (!len)
				break;
		}
		t.n = 0;
		rc = diag_parse_buf(m, len, SEQ, IPPROTO_TCP, &t, err,
				    sizeof(err));
		if (rc < -2 || rc > 1)
			odd++;
		else
			counts[rc + 2]++;
		if (t.n > len / (MNL_NLMSG_HDRLEN +
				  sizeof(struct inet_diag_msg)))
			odd++;
		free(m);
	}
	tap_is_int(odd, 0, "5000 mutated buffers: no crash, sane results "
		   "(retry %d, error %d, more %d, done %d)",
		   counts[0], counts[1], counts[2], counts[3]);
	diag_table_free(&t);
}

/* ---- the bytecode ----------------------------------------------------- */

/* A model of the kernel's checks (net/ipv4/inet_diag.c), for the port
 * comparisons and jumps the filter uses. */
static int model_valid_cc(const unsigned char *bc, int len, int cc)
{
	while (len >= 0) {
		const struct inet_diag_bc_op *op = (const void *)bc;

		if (cc > len)
			return 0;
		if (cc == len)
			return 1;
		if (op->yes < 4 || op->yes & 3)
			return 0;
		len -= op->yes;
		bc += op->yes;
	}
	return 0;
}

static int model_audit(const unsigned char *code, int codelen)
{
	const unsigned char *bc = code;
	int len = codelen;

	if (len < (int)sizeof(struct inet_diag_bc_op))
		return -1;
	while (len > 0) {
		const struct inet_diag_bc_op *op = (const void *)bc;
		int min_len = sizeof(*op);

		switch (op->code) {
		case INET_DIAG_BC_S_EQ:
		case INET_DIAG_BC_D_EQ:
			min_len += sizeof(*op);
			if (len < min_len)
				return -1;
			break;
		case INET_DIAG_BC_JMP:
			break;
		default:
			return -1;
		}
		if (op->no < min_len || op->no > len + 4 || op->no & 3)
			return -1;
		if (op->no < len && !model_valid_cc(code, codelen, len - op->no))
			return -1;
		if (op->yes < min_len || op->yes > len + 4 || op->yes & 3)
			return -1;
		bc += op->yes;
		len -= op->yes;
	}
	return len == 0 ? 0 : -1;
}

static int model_run(const unsigned char *bc, int len, uint16_t sport,
		     uint16_t dport)
{
	while (len > 0) {
		const struct inet_diag_bc_op *op = (const void *)bc;
		int yes = 0;

		switch (op->code) {
		case INET_DIAG_BC_S_EQ:
			yes = sport == op[1].no;
			break;
		case INET_DIAG_BC_D_EQ:
			yes = dport == op[1].no;
			break;
		case INET_DIAG_BC_JMP:
			yes = 0;
			break;
		}
		if (yes) {
			len -= op->yes;
			bc += op->yes;
		} else {
			len -= op->no;
			bc += op->no;
		}
	}
	return len == 0;
}

/* Does the program accept exactly the sockets with a port in f? */
static int filter_agrees(const struct diag_filter *f, const unsigned char *bc,
			 int len)
{
	static const uint16_t probe[] = { 1, 80, 3459, 3460, 5000, 65535 };
	size_t i, j, k;

	for (i = 0; i < ARRAY_LEN(probe); i++) {
		for (j = 0; j < ARRAY_LEN(probe); j++) {
			int want = 0;

			for (k = 0; k < f->nports; k++)
				if (f->ports[k] == probe[i] ||
				    f->ports[k] == probe[j])
					want = 1;
			if (model_run(bc, len, probe[i], probe[j]) != want)
				return 0;
		}
	}
	return 1;
}

static void test_bytecode(void)
{
	struct diag_filter f = { .nports = 0 };
	unsigned char bc[4096] __attribute__((aligned(4)));
	const struct inet_diag_bc_op *op = (const void *)bc;
	int len, i;

	tap_is_int(diag_build_filter(&f, bc, sizeof(bc)), 0,
		   "no ports: no bytecode");

	f.nports = 1;
	f.ports[0] = 3459;
	len = diag_build_filter(&f, bc, sizeof(bc));
	tap_is_int(len, 20, "one port: 20 bytes (S_EQ+port, JMP, D_EQ+port)");
	tap_is_int(op[0].code, INET_DIAG_BC_S_EQ, "op 0 compares the local port");
	tap_is_int(op[0].yes, 8, "op 0 yes -> its JMP");
	tap_is_int(op[0].no, 12, "op 0 no -> the next comparison");
	tap_is_int(op[1].no, 3459, "op 0's port");
	tap_is_int(op[2].code, INET_DIAG_BC_JMP, "op 2 is a JMP");
	tap_is_int(op[2].yes, 4, "JMP yes -> next op (audit chain)");
	tap_is_int(op[2].no, 12, "JMP no -> the end: accept");
	tap_is_int(op[3].code, INET_DIAG_BC_D_EQ, "op 3 compares the peer port");
	tap_is_int(op[3].yes, 8, "last yes -> the end: accept");
	tap_is_int(op[3].no, 12, "last no -> 4 past the end: reject");
	tap_is_int(op[4].no, 3459, "op 3's port");
	tap_is_int(model_audit(bc, len), 0, "one port passes the kernel's audit");
	tap_ok(filter_agrees(&f, bc, len), "one port: matches local or peer port");

	f.nports = 2;
	f.ports[1] = 80;
	len = diag_build_filter(&f, bc, sizeof(bc));
	tap_is_int(len, 44, "two ports: 44 bytes");
	tap_is_int(op[2].no, 36, "first JMP jumps to the end");
	tap_is_int(op[8].no, 12, "third comparison's JMP jumps to the end");
	tap_is_int(op[7].no, 80, "third comparison checks port 80");
	tap_is_int(model_audit(bc, len), 0, "two ports pass the audit");
	tap_ok(filter_agrees(&f, bc, len), "two ports: either port matches");

	f.nports = DIAG_MAX_PORTS;
	for (i = 0; i < DIAG_MAX_PORTS; i++)
		f.ports[i] = (uint16_t)(5000 + i);
	f.ports[3] = 3459;
	len = diag_build_filter(&f, bc, sizeof(bc));
	tap_is_int(len, DIAG_MAX_PORTS * 24 - 4, "%d ports: length", DIAG_MAX_PORTS);
	tap_is_int(model_audit(bc, len), 0, "%d ports pass the audit",
		   DIAG_MAX_PORTS);
	tap_ok(filter_agrees(&f, bc, len), "%d ports: any port matches",
	       DIAG_MAX_PORTS);

	tap_is_int(diag_build_filter(&f, bc, (size_t)len - 1), -1,
		   "buffer one byte too small: -1");
	tap_is_int(diag_build_filter(&f, bc, (size_t)len), len,
		   "buffer of exactly the length: fine");
	f.nports = DIAG_MAX_PORTS + 1;
	tap_is_int(diag_build_filter(&f, bc, sizeof(bc)), -1,
		   "more than DIAG_MAX_PORTS: -1");

	/* The model itself rejects what the kernel rejects: a "no" jump
	 * straight to the next comparison without the JMP chain. */
	{
		struct inet_diag_bc_op naive[4] = {
			{ INET_DIAG_BC_S_EQ, 16, 8 }, { 0, 0, 1 },
			{ INET_DIAG_BC_D_EQ, 8, 12 }, { 0, 0, 1 },
		};

		tap_is_int(model_audit((void *)naive, sizeof(naive)), -1,
			   "model: a naive or-chain fails the audit");
	}
}

/* ---- the view --------------------------------------------------------- */

static struct diag_row mkrow(uint8_t proto, uint8_t family, uint8_t state,
			     const char *src, uint16_t sport, const char *dst,
			     uint16_t dport, int v6only)
{
	struct diag_row r;

	memset(&r, 0, sizeof(r));
	r.proto = proto;
	r.family = family;
	r.state = state;
	r.v6only = (int8_t)v6only;
	inet_pton(family, src, &r.src);
	inet_pton(family, dst, &r.dst);
	r.sport = sport;
	r.dport = dport;
	return r;
}

static void test_state_names(void)
{
	static const char *const tcp[] = {
		NULL, "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1",
		"FIN-WAIT-2", "TIME-WAIT", "BOUND", "CLOSE-WAIT", "LAST-ACK",
		"LISTEN", "CLOSING",
	};
	struct diag_row r = mkrow(IPPROTO_TCP, AF_INET, 0, "0.0.0.0", 0,
				  "0.0.0.0", 0, -1);
	int st;

	for (st = 1; st < KS_MAX_STATES; st++) {
		r.state = (uint8_t)st;
		tap_is_str(view_state_name(&r), tcp[st], "TCP state %d", st);
		tap_is_int(view_state_parse(tcp[st]), st, "parse %s", tcp[st]);
	}
	r.state = 0;
	tap_is_str(view_state_name(&r), "UNKNOWN", "state 0");
	r.state = 12;
	tap_is_str(view_state_name(&r), "UNKNOWN", "state 12");
	r.state = 255;
	tap_is_str(view_state_name(&r), "UNKNOWN", "state 255");
	r.proto = IPPROTO_UDP;
	r.state = KS_CLOSE;
	tap_is_str(view_state_name(&r), "UNCONN", "UDP state 7 is UNCONN");
	r.state = KS_ESTABLISHED;
	tap_is_str(view_state_name(&r), "ESTAB", "connected UDP is ESTAB");
	tap_is_str(view_netid(&r), "udp", "netid udp");
	r.proto = IPPROTO_TCP;
	tap_is_str(view_netid(&r), "tcp", "netid tcp");

	tap_is_int(view_state_parse("UNCONN"), KS_CLOSE, "parse UNCONN");
	tap_is_int(view_state_parse("time-wait"), KS_TIME_WAIT,
		   "parse is case-insensitive");
	tap_is_int(view_state_parse("Bound"), KS_CLOSE, "parse Bound");
	tap_is_int(view_state_parse("ESTABLISHED"), -1, "ESTABLISHED is not ss's name");
	tap_is_int(view_state_parse(""), -1, "parse empty");
	tap_is_int(view_state_parse(NULL), -1, "parse NULL");
}

static void check_ep(const struct diag_row *r, const char *local,
		     const char *peer, const char *what)
{
	char buf[128];

	view_format_local(r, buf, sizeof(buf));
	tap_is_str(buf, local, "%s: local", what);
	view_format_peer(r, buf, sizeof(buf));
	tap_is_str(buf, peer, "%s: peer", what);
}

static void test_addresses(void)
{
	struct diag_row r;
	unsigned lo = if_nametoindex("lo");
	char buf[128];

	r = mkrow(IPPROTO_TCP, AF_INET, KS_LISTEN, "127.0.0.1", 3459,
		  "0.0.0.0", 0, -1);
	check_ep(&r, "127.0.0.1:3459", "0.0.0.0:*", "IPv4 listener");
	r = mkrow(IPPROTO_TCP, AF_INET, KS_ESTABLISHED, "10.200.3.254", 65535,
		  "255.255.255.255", 1, -1);
	check_ep(&r, "10.200.3.254:65535", "255.255.255.255:1", "IPv4 extremes");
	r = mkrow(IPPROTO_UDP, AF_INET, KS_CLOSE, "0.0.0.0", 0, "0.0.0.0", 0, -1);
	check_ep(&r, "0.0.0.0:*", "0.0.0.0:*", "IPv4 wildcard, port 0");
	r = mkrow(IPPROTO_TCP, AF_INET6, KS_ESTABLISHED, "::1", 3459, "::1",
		  40000, -1);
	check_ep(&r, "[::1]:3459", "[::1]:40000", "IPv6 loopback");
	r = mkrow(IPPROTO_TCP, AF_INET6, KS_ESTABLISHED, "::ffff:127.0.0.1",
		  3459, "::ffff:127.0.0.1", 40000, -1);
	check_ep(&r, "[::ffff:127.0.0.1]:3459", "[::ffff:127.0.0.1]:40000",
		 "IPv4-mapped");
	r = mkrow(IPPROTO_TCP, AF_INET6, KS_ESTABLISHED, "2001:db8::1:0:0:1", 80,
		  "fe80::1", 1234, -1);
	check_ep(&r, "[2001:db8::1:0:0:1]:80", "[fe80::1]:1234", "IPv6 compression");
	r = mkrow(IPPROTO_TCP, AF_INET6, KS_LISTEN, "::", 3459, "::", 0, 0);
	check_ep(&r, "*:3459", "*:*", "dual-stack wildcard");
	r.v6only = -1;
	check_ep(&r, "*:3459", "*:*", "IPv6 wildcard, v6only unknown");
	r.v6only = 1;
	check_ep(&r, "[::]:3459", "[::]:*", "v6only wildcard");
	r = mkrow(IPPROTO_UDP, AF_INET6, KS_CLOSE, "::1", 5353, "::", 0, 1);
	check_ep(&r, "[::1]:5353", "[::]:*", "IPv6 specific address");

	if (lo) {
		r = mkrow(IPPROTO_UDP, AF_INET, KS_CLOSE, "127.0.0.1", 53,
			  "0.0.0.0", 0, -1);
		r.ifindex = lo;
		check_ep(&r, "127.0.0.1%lo:53", "0.0.0.0:*",
			 "bound to a device: local only");
		r = mkrow(IPPROTO_TCP, AF_INET6, KS_LISTEN, "::", 22, "::", 0, 0);
		r.ifindex = lo;
		check_ep(&r, "*%lo:22", "*:*", "dual-stack wildcard on a device");
	} else {
		tap_ok(1, "# SKIP no interface lo");
	}
	r = mkrow(IPPROTO_TCP, AF_INET, KS_LISTEN, "127.0.0.1", 53, "0.0.0.0",
		  0, -1);
	r.ifindex = 999999;
	view_format_local(&r, buf, sizeof(buf));
	tap_is_str(buf, "127.0.0.1%if999999:53", "unknown interface index");

	/* Truncation keeps a terminated string; len 0 writes nothing. */
	r = mkrow(IPPROTO_TCP, AF_INET, KS_LISTEN, "127.0.0.1", 3459,
		  "0.0.0.0", 0, -1);
	view_format_local(&r, buf, 6);
	tap_is_str(buf, "127.0", "truncated to the buffer");
	buf[0] = 'x';
	view_format_peer(&r, buf, 0);
	tap_ok(buf[0] == 'x', "length 0: untouched");
	view_format_timer(&r, buf, 1);
	tap_is_str(buf, "", "timer into one byte: empty string");
}

static void check_timer(uint8_t timer, uint32_t ms, uint8_t retrans,
			const char *want)
{
	struct diag_row r = mkrow(IPPROTO_TCP, AF_INET, KS_ESTABLISHED,
				  "127.0.0.1", 1, "127.0.0.1", 2, -1);
	char buf[64];

	r.timer = timer;
	r.expires_ms = ms;
	r.retrans = retrans;
	view_format_timer(&r, buf, sizeof(buf));
	tap_is_str(buf, want, "timer %u %ums r%u", timer, ms, retrans);
}

static void test_timers(void)
{
	check_timer(DT_NONE, 0, 0, "-");
	check_timer(DT_NONE, 5000, 3, "-");
	check_timer(DT_TIMEWAIT, 59321, 0, "timewait:59.3s");
	check_timer(DT_TIMEWAIT, 60000, 0, "timewait:60s");
	check_timer(DT_TIMEWAIT, 0, 0, "timewait:0ms");
	check_timer(DT_RETRANS, 200, 0, "on:200ms");
	check_timer(DT_RETRANS, 200, 2, "on:200ms,r2");
	check_timer(DT_RETRANS, 999, 0, "on:999ms");
	check_timer(DT_RETRANS, 1000, 0, "on:1.0s");
	check_timer(DT_KEEPALIVE, 7199000, 0, "keepalive:7199s");
	check_timer(DT_PROBE, 1234, 1, "probe:1.2s,r1");
	check_timer(9, 1500, 0, "timer9:1.5s");
	check_timer(DT_KEEPALIVE, UINT32_MAX, 255, "keepalive:4294967s,r255");
}

/* ---- printing the table ----------------------------------------------- */

static void owner_cb(void *ctx, const struct diag_row *r, char *buf,
		     size_t len)
{
	(void)ctx;
	if (r->inode == 1)
		snprintf(buf, len, "s1");
	else if (r->inode == 2)
		memset(buf, 'o', len);	/* unterminated: the view must cope */
	else if (r->inode == 3)
		snprintf(buf, len, "a b\tc\n");
}

/* Split s into whitespace-separated fields (modifies s). */
static int split(char *s, char **f, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(s, " ", &save); tok && n < max;
	     tok = strtok_r(NULL, " ", &save))
		f[n++] = tok;
	return n;
}

/* Offset of the k-th (0-based) whitespace-separated field of line. */
static int field_at(const char *line, int k)
{
	int i = 0, n = -1, in = 0;

	for (i = 0; line[i]; i++) {
		if (line[i] != ' ' && !in && ++n == k)
			return i;
		in = line[i] != ' ';
	}
	return -1;
}

static void test_print(void)
{
	struct diag_row rows[4];
	struct diag_table t = { .rows = rows, .n = 4, .cap = 4 };
	char *out = NULL, *line, *save = NULL, *f[12];
	size_t outlen = 0;
	FILE *m;
	int nlines = 0, ok_fields = 1, timer_col = -1, aligned = 1;

	rows[0] = mkrow(IPPROTO_UDP, AF_INET, KS_CLOSE, "0.0.0.0", 5353,
			"0.0.0.0", 0, -1);
	rows[0].inode = 3;
	rows[1] = mkrow(IPPROTO_TCP, AF_INET, KS_LISTEN, "127.0.0.1", 3459,
			"0.0.0.0", 0, -1);
	rows[1].rqueue = 2;
	rows[1].wqueue = 128;
	rows[1].inode = 1;
	rows[2] = mkrow(IPPROTO_TCP, AF_INET6, KS_TIME_WAIT,
			"::ffff:127.0.0.1", 3459, "::ffff:127.0.0.1", 40000, -1);
	rows[2].timer = DT_TIMEWAIT;
	rows[2].expires_ms = 59300;
	rows[3] = mkrow(IPPROTO_TCP, AF_INET6, KS_CLOSE, "::", 4000, "::", 0, 1);
	rows[3].inode = 2;

	m = open_memstream(&out, &outlen);
	tap_is_int(view_print(m, &t, owner_cb, NULL, 1), 0, "view_print");
	fclose(m);
	tap_ok(outlen > 0 && out[outlen - 1] == '\n', "ends with a newline");
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char copy[512];
		int n;

		nlines++;
		snprintf(copy, sizeof(copy), "%s", line);
		n = split(copy, f, 12);
		if (nlines == 1) {
			tap_ok(n == 10 && !strcmp(f[0], "Netid") &&
			       !strcmp(f[1], "State") && !strcmp(f[2], "Recv-Q") &&
			       !strcmp(f[3], "Send-Q") &&
			       !strcmp(f[5], "Address:Port") &&
			       !strcmp(f[8], "Timer") && !strcmp(f[9], "Owner"),
			       "header: %s", line);
			timer_col = field_at(line, 8);
			continue;
		}
		if (field_at(line, 6) != timer_col)
			aligned = 0;
		if (n != (nlines == 2 ? 9 : 8))
			ok_fields = 0;
		switch (nlines) {
		case 2:
			tap_is_str(f[0], "udp", "udp row netid");
			tap_is_str(f[1], "UNCONN", "udp row state");
			tap_is_str(f[4], "0.0.0.0:5353", "udp local");
			tap_is_str(f[5], "0.0.0.0:*", "udp peer");
			tap_is_str(f[7], "a", "owner: the rest of the line");
			tap_is_str(f[8], "b\\tc\\n",
				   "control characters in an owner show as escapes");
			break;
		case 3:
			tap_is_str(f[2], "2", "listen recv-q");
			tap_is_str(f[3], "128", "listen send-q");
			tap_is_str(f[7], "s1", "owner from the callback");
			break;
		case 4:
			tap_is_str(f[4], "[::ffff:127.0.0.1]:3459", "mapped local");
			tap_is_str(f[6], "timewait:59.3s", "timer column");
			tap_is_str(f[7], "-", "empty owner: -");
			break;
		case 5:
			tap_is_str(f[1], "BOUND", "bound-only TCP");
			tap_is_str(f[4], "[::]:4000", "v6only bound");
			tap_is_int((long long)strlen(f[7]), 63,
				   "unterminated owner cut at 63 bytes");
			break;
		}
	}
	tap_is_int(nlines, 5, "header and four rows");
	tap_ok(ok_fields, "every row has 7 fields and the owner");
	tap_ok(aligned, "timer column starts under its title in every row");
	free(out);

	/* No header, no rows: nothing at all. */
	out = NULL;
	m = open_memstream(&out, &outlen);
	t.n = 0;
	tap_is_int(view_print(m, &t, NULL, NULL, 0), 0, "empty table");
	fclose(m);
	tap_is_int(outlen, 0, "empty table prints nothing");
	free(out);
}

static void test_print_big(void)
{
	struct diag_table t = { 0 };
	char *out = NULL;
	size_t outlen = 0, i, lines = 0, ports = 0;
	FILE *m;

	t.cap = t.n = 20000;
	t.rows = calloc(t.n, sizeof(*t.rows));
	for (i = 0; i < t.n; i++) {
		t.rows[i] = mkrow(IPPROTO_TCP, i % 2 ? AF_INET : AF_INET6,
				  KS_TIME_WAIT, i % 2 ? "127.0.0.2" : "::1",
				  (uint16_t)(10000 + i), i % 2 ? "127.0.0.1" : "::1",
				  3459, -1);
		t.rows[i].timer = DT_TIMEWAIT;
		t.rows[i].expires_ms = (uint32_t)(i * 3);
	}
	m = open_memstream(&out, &outlen);
	tap_is_int(view_print(m, &t, NULL, NULL, 0), 0, "20000 rows printed");
	fclose(m);
	for (i = 0; i < outlen; i++) {
		if (out[i] == '\n')
			lines++;
		if (out[i] == ':' && i + 5 <= outlen &&
		    memcmp(out + i, ":3459", 5) == 0)
			ports++;
	}
	tap_is_int(lines, 20000, "one line per row");
	tap_is_int(ports, 20000, "every peer port present");
	free(out);
	diag_table_free(&t);
}


/* ---- UNIX sockets ------------------------------------------------------ */

struct unixspec {
	uint8_t type, state;
	uint32_t inode;
	const char *name;	/* NULL: no UNIX_DIAG_NAME */
	size_t namelen;
	uint32_t peer;		/* 0: no UNIX_DIAG_PEER */
	const uint32_t *icons;	/* NULL: no UNIX_DIAG_ICONS */
	size_t nicons;
	uint32_t rq, wq, uid;
};

static struct nlmsghdr *add_unix(struct reply *r, const struct unixspec *s)
{
	struct nlmsghdr *nlh = add_msg(r, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI,
				       SEQ);
	struct unix_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
	struct unix_diag_rqlen rql = { s->rq, s->wq };
	struct unix_diag_vfs vfs = { 77, 8 };

	m->udiag_family = AF_UNIX;
	m->udiag_type = s->type;
	m->udiag_state = s->state;
	m->udiag_ino = s->inode;
	m->udiag_cookie[0] = 0x01020304;
	m->udiag_cookie[1] = 0x05060708;
	if (s->name)
		mnl_attr_put(nlh, UNIX_DIAG_NAME, s->namelen, s->name);
	mnl_attr_put(nlh, UNIX_DIAG_VFS, sizeof(vfs), &vfs);
	if (s->peer)
		mnl_attr_put_u32(nlh, UNIX_DIAG_PEER, s->peer);
	if (s->icons)
		mnl_attr_put(nlh, UNIX_DIAG_ICONS, s->nicons * 4, s->icons);
	mnl_attr_put(nlh, UNIX_DIAG_RQLEN, sizeof(rql), &rql);
	mnl_attr_put_u8(nlh, UNIX_DIAG_SHUTDOWN, 0);
	mnl_attr_put_u32(nlh, UNIX_DIAG_UID, s->uid);
	mnl_attr_put_u32(nlh, 99, 1);	/* one from a later kernel */
	close_msg(r, nlh);
	return nlh;
}

static const struct unixspec unix_estab = {
	.type = SOCK_STREAM, .state = KS_ESTABLISHED, .inode = 61614482,
	.name = "/tmp/t.sock", .namelen = sizeof("/tmp/t.sock"),
	.peer = 61614483, .rq = 5, .wq = 7, .uid = 1000,
};

static int parse_unix(const void *buf, size_t len, struct diag_table *t,
		      char *err, size_t errlen)
{
	void *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, buf, len);
	rc = diag_unix_parse_buf(copy, len, SEQ, t, err, errlen);
	free(copy);
	return rc;
}

static void test_unix_parse(void)
{
	static const uint32_t icons[10] = { 11, 12, 13, 14, 15, 16, 17, 18,
					    19, 20 };
	struct unixspec lis = {
		.type = SOCK_SEQPACKET, .state = KS_LISTEN, .inode = 500,
		.name = "\0ab\0c", .namelen = 5, .icons = icons, .nicons = 10,
		.rq = 10, .wq = 128,
	};
	struct reply r = { .len = 0 };
	struct diag_table t = { 0 };
	struct diag_row row;
	struct endpoint e;
	char err[256] = "";
	int rc;

	rc = diag_unix_parse_msg(add_unix(&r, &unix_estab), &row, err,
				 sizeof(err));
	tap_is_int(rc, 0, "UNIX row parses (%s)", err);
	tap_is_int(row.family, AF_UNIX, "UNIX: family");
	tap_is_int(row.proto, 0, "UNIX: no protocol");
	tap_is_int(row.type, SOCK_STREAM, "UNIX: type");
	tap_is_int(row.state, KS_ESTABLISHED, "UNIX: state");
	tap_is_int((long long)row.inode, 61614482, "UNIX: inode");
	tap_is_int((long long)row.cookie, 0x0506070801020304LL, "UNIX: cookie");
	tap_is_int((long long)row.peer_inode, 61614483, "UNIX_DIAG_PEER");
	tap_is_int(row.rqueue, 5, "UNIX_DIAG_RQLEN: recv-q");
	tap_is_int(row.wqueue, 7, "UNIX_DIAG_RQLEN: send-q");
	tap_is_int(row.uid, 1000, "UNIX_DIAG_UID");
	tap_ok(row.vfs_ino == 77 && row.vfs_dev == 8,
	       "UNIX_DIAG_VFS: the file's inode and device");
	tap_is_int(row.namelen, sizeof("/tmp/t.sock"), "UNIX_DIAG_NAME: length");
	tap_ok(memcmp(row.name, "/tmp/t.sock", 12) == 0, "UNIX_DIAG_NAME: bytes");
	tap_is_int(row.nicons, 0, "no UNIX_DIAG_ICONS: none pending");
	tap_is_int(row.timer, DT_NONE, "UNIX: no timer");
	diag_row_local(&row, &e);
	tap_ok(e.kind == EP_UNIX_PATH && e.pathlen == 11 &&
	       memcmp(e.path, "/tmp/t.sock", 11) == 0,
	       "diag_row_local: the path, without its NUL");
	diag_row_peer(&row, &e);
	tap_is_int(e.kind, EP_NONE, "diag_row_peer: none (known by inode)");

	rc = diag_unix_parse_msg(add_unix(&r, &lis), &row, err, sizeof(err));
	tap_is_int(rc, 0, "UNIX listener parses (%s)", err);
	tap_is_int(row.nicons, 10, "UNIX_DIAG_ICONS: all counted");
	tap_ok(row.icons[0] == 11 && row.icons[7] == 18,
	       "UNIX_DIAG_ICONS: the first %d kept", DIAG_UNIX_ICONS);
	tap_is_int((long long)row.peer_inode, 0, "no UNIX_DIAG_PEER: 0");
	tap_is_int(row.rqueue, 10, "listener: pending");
	tap_is_int(row.wqueue, 128, "listener: backlog");
	diag_row_local(&row, &e);
	tap_ok(e.kind == EP_UNIX_ABSTRACT && e.pathlen == 4 &&
	       memcmp(e.path, "ab\0c", 4) == 0,
	       "diag_row_local: an abstract name, NULs kept");

	lis.name = NULL;
	rc = diag_unix_parse_msg(add_unix(&r, &lis), &row, err, sizeof(err));
	tap_is_int(rc, 0, "UNIX row without a name parses (%s)", err);
	tap_is_int(row.namelen, 0, "no UNIX_DIAG_NAME: unnamed");
	diag_row_local(&row, &e);
	tap_is_int(e.kind, EP_UNIX_UNNAMED, "diag_row_local: unnamed");
	add_done(&r, 0);

	rc = parse_unix(r.words, r.len, &t, err, sizeof(err));
	tap_is_int(rc, 1, "three UNIX rows and NLMSG_DONE: complete (%s)", err);
	tap_is_int(t.n, 3, "three rows, in the kernel's order");
	tap_ok(t.n == 3 && t.rows[0].inode == 61614482 &&
	       t.rows[1].inode == 500 && t.rows[2].inode == 500,
	       "rows as the kernel gave them");
	diag_table_free(&t);
}

static void test_unix_malformed(void)
{
	struct reply r = { .len = 0 };
	struct diag_table t = { 0 };
	struct unixspec s = unix_estab;
	struct nlmsghdr *nlh;
	struct diag_row row;
	char err[256], name[DIAG_UNIX_NAME_MAX + 1];
	size_t cut, full;
	int bad = 0;

	nlh = add_msg(&r, SOCK_DIAG_BY_FAMILY, 0, SEQ);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct unix_diag_msg) - 4);
	err[0] = '\0';
	tap_is_int(diag_unix_parse_msg(nlh, &row, err, sizeof(err)), -1,
		   "truncated unix_diag_msg: error (%s)", err);
	tap_ok(err[0] != '\0', "with a message");

	r.len = 0;
	nlh = add_unix(&r, &s);
	full = r.len;
	nlh->nlmsg_len -= 4;	/* the last attribute runs past the message */
	err[0] = '\0';
	tap_is_int(diag_unix_parse_msg(nlh, &row, err, sizeof(err)), -1,
		   "attribute running past the message: error (%s)", err);
	nlh->nlmsg_len += 4;
	for (cut = 1; cut < full; cut++)
		if (parse_unix(r.words, cut, &t, err, sizeof(err)) != -1)
			bad++;
	tap_is_int(bad, 0, "every truncation of a UNIX row is an error");

	memset(name, 'n', sizeof(name));
	name[0] = '/';
	s.name = name;
	s.namelen = sizeof(name);
	r.len = 0;
	err[0] = '\0';
	tap_is_int(diag_unix_parse_msg(add_unix(&r, &s), &row, err, sizeof(err)),
		   -1, "a name of %zu bytes: error (%s)", sizeof(name), err);
	s.namelen = DIAG_UNIX_NAME_MAX;
	r.len = 0;
	tap_is_int(diag_unix_parse_msg(add_unix(&r, &s), &row, err, sizeof(err)),
		   0, "a name of %d bytes parses", DIAG_UNIX_NAME_MAX);
	tap_is_int(row.namelen, DIAG_UNIX_NAME_MAX, "and is kept whole");

	s = unix_estab;
	s.icons = (const uint32_t[]){ 1, 2 };
	s.nicons = 2;
	r.len = 0;
	nlh = add_unix(&r, &s);
	{	/* ICONS of 6 bytes: shrink the attribute in place */
		struct nlattr *a;

		mnl_attr_for_each(a, nlh, sizeof(struct unix_diag_msg))
			if (mnl_attr_get_type(a) == UNIX_DIAG_ICONS)
				a->nla_len = MNL_ATTR_HDRLEN + 6;
	}
	err[0] = '\0';
	tap_is_int(diag_unix_parse_msg(nlh, &row, err, sizeof(err)), -1,
		   "UNIX_DIAG_ICONS of odd length: error (%s)", err);

	r.len = 0;
	nlh = add_msg(&r, SOCK_DIAG_BY_FAMILY, 0, SEQ);
	{
		struct unix_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));

		m->udiag_family = AF_UNIX;
		mnl_attr_put(nlh, UNIX_DIAG_RQLEN, 4, "abcd");
	}
	err[0] = '\0';
	tap_is_int(diag_unix_parse_msg(nlh, &row, err, sizeof(err)), -1,
		   "UNIX_DIAG_RQLEN too short: error (%s)", err);
	r.len = 0;
	nlh = add_unix(&r, &unix_estab);
	((unsigned char *)nlh)[MNL_NLMSG_HDRLEN] = AF_INET;
	err[0] = '\0';
	tap_is_int(diag_unix_parse_msg(nlh, &row, err, sizeof(err)), -1,
		   "an AF_INET message where AF_UNIX was asked for (%s)", err);

	r.len = 0;
	add_error(&r, -ENOENT);
	err[0] = '\0';
	tap_is_int(parse_unix(r.words, r.len, &t, err, sizeof(err)), -1,
		   "NLMSG_ERROR: error");
	tap_ok(strstr(err, strerror(ENOENT)) != NULL, "naming the errno: %s", err);
	r.len = 0;
	add_unix(&r, &unix_estab);
	((struct nlmsghdr *)r.words)->nlmsg_flags |= NLM_F_DUMP_INTR;
	tap_is_int(parse_unix(r.words, r.len, &t, err, sizeof(err)), -2,
		   "NLM_F_DUMP_INTR: retry");
	diag_table_free(&t);
}

static struct diag_row unix_row(uint8_t type, uint8_t state, const char *name,
				size_t namelen, uint32_t inode, uint32_t peer)
{
	struct diag_row r;

	memset(&r, 0, sizeof(r));
	r.family = AF_UNIX;
	r.type = type;
	r.state = state;
	r.v6only = -1;
	memcpy(r.name, name, namelen);
	r.namelen = (uint8_t)namelen;
	r.inode = inode;
	r.peer_inode = peer;
	return r;
}

static void test_unix_spelling(void)
{
	struct diag_row r;
	struct diag_table t = { 0 };
	char buf[600], *out = NULL;
	size_t len = 0;
	FILE *f;

	r = unix_row(SOCK_STREAM, KS_ESTABLISHED, "/tmp/t.sock", 12, 61614482,
		     61614483);
	tap_is_str(view_netid(&r), "u_str", "stream: u_str");
	tap_is_str(view_state_name(&r), "ESTAB", "UNIX ESTAB");
	view_format_local(&r, buf, sizeof(buf));
	tap_is_str(buf, "/tmp/t.sock 61614482", "path and inode, as ss -x");
	view_format_peer(&r, buf, sizeof(buf));
	tap_is_str(buf, "* 61614483", "peer: '*' and its inode");
	view_format_timer(&r, buf, sizeof(buf));
	tap_is_str(buf, "-", "no timer");

	r = unix_row(SOCK_DGRAM, KS_CLOSE, "\0ab\0c", 5, 123, 0);
	tap_is_str(view_netid(&r), "u_dgr", "datagram: u_dgr");
	tap_is_str(view_state_name(&r), "UNCONN", "UNIX CLOSE: UNCONN");
	view_format_local(&r, buf, sizeof(buf));
	tap_is_str(buf, "@ab@c 123", "abstract: each NUL as '@'");
	view_format_peer(&r, buf, sizeof(buf));
	tap_is_str(buf, "* 0", "no peer: '* 0'");

	r = unix_row(SOCK_SEQPACKET, KS_LISTEN, "", 0, 77, 0);
	tap_is_str(view_netid(&r), "u_seq", "seqpacket: u_seq");
	tap_is_str(view_state_name(&r), "LISTEN", "UNIX LISTEN");
	view_format_local(&r, buf, sizeof(buf));
	tap_is_str(buf, "* 77", "unnamed: '*'");

	r = unix_row(SOCK_DGRAM, KS_CLOSE, "\0evil\x1b]0;x\a\nname", 16, 9, 0);
	view_format_local(&r, buf, sizeof(buf));
	tap_is_str(buf, "@evil\\x1b]0;x\\x07\\nname 9",
		   "control bytes in a name are escaped");
	view_format_local(&r, buf, 6);
	tap_ok(strlen(buf) == 5 && !strchr(buf, '\x1b'), "cut to its buffer");

	{	/* the longest name, each byte an escape: whole */
		char name[DIAG_UNIX_NAME_MAX];

		memset(name, 0x1b, sizeof(name));
		name[0] = '\0';
		r = unix_row(SOCK_STREAM, KS_CLOSE, name, sizeof(name), 4,
			     0);
		view_format_local(&r, buf, sizeof(buf));
		tap_is_int(strlen(buf), 1 + 4 * 107 + 2,
			   "a name of %zu escapes is shown whole", sizeof(name) - 1);
	}

	/* the table: inet and UNIX rows, ':' only between address and port */
	t.rows = calloc(3, sizeof(*t.rows));
	t.rows[0] = mkrow(IPPROTO_TCP, AF_INET, KS_LISTEN, "127.0.0.1", 3459,
			  "0.0.0.0", 0, -1);
	t.rows[1] = unix_row(SOCK_STREAM, KS_ESTABLISHED, "/tmp/t.sock", 12,
			     61614482, 61614483);
	t.rows[2] = r;
	t.n = 3;
	f = open_memstream(&out, &len);
	tap_is_int(view_print(f, &t, NULL, NULL, 0), 0, "view_print");
	fclose(f);
	tap_ok(strstr(out, "127.0.0.1:3459") != NULL, "inet row keeps its ':'");
	tap_ok(strstr(out, " /tmp/t.sock 61614482 ") != NULL &&
	       strstr(out, " * 61614483 ") != NULL,
	       "UNIX row: name, blank, inode; '*', blank, peer");
	tap_ok(!strchr(out, '\x1b'), "no ESC in the table");
	{
		size_t lines = 0;

		for (size_t i = 0; i < len; i++)
			lines += out[i] == '\n';
		tap_is_int(lines, 3, "one line a row");
	}
	free(out);
	free(t.rows);
}

/* An exact lookup and a dump against the kernel (in the namespace
 * test_kernel entered): a socketpair is found by inode with its peer, a
 * cookie that is not its own finds nothing, a closed socket is gone. */
static void test_unix_kernel(struct diag *d)
{
	struct diag_filter f = { .unix_ = true };
	struct diag_table t = { 0 };
	struct diag_row row;
	struct stat st[2];
	char err[256] = "";
	int sv[2], rc, both = 0;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0 ||
	    fstat(sv[0], &st[0]) < 0 || fstat(sv[1], &st[1]) < 0) {
		tap_ok(0, "socketpair: %s", strerror(errno));
		return;
	}
	rc = diag_unix_lookup(d, st[0].st_ino, 0, &row, err, sizeof(err));
	tap_is_int(rc, 1, "diag_unix_lookup finds a socket by inode (%s)", err);
	tap_ok(rc == 1 && row.family == AF_UNIX && row.type == SOCK_SEQPACKET &&
	       row.state == KS_ESTABLISHED && row.peer_inode == st[1].st_ino,
	       "its type, state and peer");
	tap_is_int(diag_unix_lookup(d, st[0].st_ino, row.cookie, &row, err,
				    sizeof(err)), 1, "by inode and cookie");
	tap_is_int(diag_unix_lookup(d, st[0].st_ino, row.cookie + 1, &row, err,
				    sizeof(err)), 0, "another cookie: gone (%s)", err);
	tap_is_int(diag_dump(d, &f, &t, err, sizeof(err)), 0,
		   "diag_dump of UNIX sockets (%s)", err);
	for (size_t i = 0; i < t.n; i++) {
		if (t.rows[i].family != AF_UNIX)
			both = -100;
		both += t.rows[i].inode == st[0].st_ino ||
			t.rows[i].inode == st[1].st_ino;
	}
	tap_is_int(both, 2, "holds the pair, and UNIX rows only");
	close(sv[0]);
	tap_is_int(diag_unix_lookup(d, st[0].st_ino, 0, &row, err, sizeof(err)),
		   0, "a closed socket is gone");
	tap_is_int(diag_unix_lookup(d, st[1].st_ino, 0, &row, err, sizeof(err)),
		   1, "its peer is still there");
	close(sv[1]);
	tap_is_int(diag_unix_lookup(d, 0, 0, &row, err, sizeof(err)), -1,
		   "inode 0: error (%s)", err);
	diag_table_free(&t);
}

/* A TCP listener, a connection to it (both ends), a bound-only socket
 * and a UDP socket on loopback, for the exact lookups. */
struct inet_set {
	int lfd, cfd, afd, bfd, ufd;
	uint16_t lport, cport, bport, uport;
};

static uint16_t port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	return getsockname(fd, (struct sockaddr *)&a, &len) == 0 ?
	       ntohs(a.sin_port) : 0;
}

static int inet_set_make(struct inet_set *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

	s->lfd = socket(AF_INET, SOCK_STREAM, 0);
	s->cfd = socket(AF_INET, SOCK_STREAM, 0);
	s->bfd = socket(AF_INET, SOCK_STREAM, 0);
	s->ufd = socket(AF_INET, SOCK_DGRAM, 0);
	if (s->lfd < 0 || s->cfd < 0 || s->bfd < 0 || s->ufd < 0 ||
	    bind(s->lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(s->lfd, 4) < 0 ||
	    bind(s->bfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    bind(s->ufd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	s->lport = port_of(s->lfd);
	a.sin_port = htons(s->lport);
	if (connect(s->cfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    (s->afd = accept(s->lfd, NULL, NULL)) < 0)
		return -1;
	s->cport = port_of(s->cfd);
	s->bport = port_of(s->bfd);
	s->uport = port_of(s->ufd);
	return 0;
}

static struct diag_row key4(uint8_t proto, uint16_t sport, uint16_t dport,
			    uint64_t cookie)
{
	struct diag_row k = { .proto = proto, .family = AF_INET,
			      .sport = sport, .dport = dport,
			      .cookie = cookie };
	uint32_t lo = htonl(INADDR_LOOPBACK), any = 0;

	memcpy(&k.src, &lo, 4);
	memcpy(&k.dst, dport ? &lo : &any, 4);
	return k;
}

static void count_row(void *ctx, const struct diag_row *r)
{
	if (r)
		++*(size_t *)ctx;
	else
		*(size_t *)ctx = 0;
}

/* diag_lookup finds a listener, each end of a connection and a UDP
 * socket by their ends and cookies, and nothing for a wrong cookie or a
 * bound-only socket (a dump of bound-only sockets has it); a dump of
 * listeners alone has the listener only; diag_dump_each hands out as
 * many rows as diag_dump keeps; the destroy watch hears a closed UDP
 * socket go. */
static void test_inet_kernel(struct diag *d)
{
	struct inet_set s;
	struct diag_filter f = { .tcp = true, .nports = 1 };
	struct diag_table t = { 0 };
	struct diag_row k, r;
	struct diag_watch *w;
	char err[256] = "";
	size_t each = 0;
	int n;

	if (inet_set_make(&s) < 0) {
		tap_ok(0, "sockets on loopback: %s", strerror(errno));
		return;
	}
	k = key4(IPPROTO_TCP, s.lport, 0, 0);
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 1,
		   "diag_lookup: the listener by its port (%s)", err);
	tap_ok(r.state == KS_LISTEN && r.sport == s.lport, "LISTEN, its port");
	k.cookie = r.cookie;
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 1,
		   "the listener by its ends and cookie");
	k.cookie = r.cookie + 1;
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 0,
		   "another cookie: not found (%s)", err);
	k = key4(IPPROTO_TCP, s.cport, s.lport, 0);
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 1,
		   "the client's end by its four ends");
	tap_ok(r.state == KS_ESTABLISHED && r.dport == s.lport, "ESTAB, its peer");
	k = key4(IPPROTO_TCP, s.lport, s.cport, 0);
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 1,
		   "the accepted end, the ends reversed");
	k = key4(IPPROTO_UDP, s.uport, 0, 0);
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 1,
		   "a UDP socket by its port (%s)", err);
	tap_ok(r.proto == IPPROTO_UDP && r.sport == s.uport, "UDP, its port");
	k = key4(IPPROTO_TCP, s.bport, 0, 0);
	tap_is_int(diag_lookup(d, &k, &r, err, sizeof(err)), 0,
		   "a bound-only socket is no lookup's");
	f.ports[0] = s.bport;
	f.states = DIAG_BOUND_INACTIVE;
	tap_ok(diag_dump(d, &f, &t, err, sizeof(err)) == 0 && t.n == 1 &&
	       t.rows[0].sport == s.bport, "a dump of bound-only sockets has it");
	f.ports[0] = s.lport;
	f.states = 1u << KS_LISTEN;
	tap_ok(diag_dump(d, &f, &t, err, sizeof(err)) == 0 && t.n == 1 &&
	       t.rows[0].state == KS_LISTEN,
	       "a dump of listeners alone: the listener, not its connection");
	n = diag_dump(d, NULL, &t, err, sizeof(err)) == 0 &&
	    diag_dump_each(d, NULL, count_row, &each, err, sizeof(err)) == 0;
	tap_ok(n && each == t.n && t.n >= 5,
	       "diag_dump_each hands out every row diag_dump keeps (%zu, %zu)",
	       each, t.n);
	w = diag_watch_open(err, sizeof(err));
	tap_ok(w != NULL, "diag_watch_open%s%s", w ? "" : ": ", w ? "" : err);
	if (w) {
		close(s.ufd);
		s.ufd = -1;
		n = 0;
		for (int i = 0; i < 200 && n == 0; i++) {
			n = diag_watch_read(w, count_row, &each, err, sizeof(err));
			if (n == 0)
				usleep(10000);
		}
		tap_ok(n > 0, "a closed UDP socket: the destroy group says so");
		diag_watch_close(w);
	}
	close(s.lfd);
	close(s.cfd);
	close(s.afd);
	close(s.bfd);
	if (s.ufd >= 0)
		close(s.ufd);
	diag_table_free(&t);
}

/* ---- the kernel's own answers ------------------------------------------ */

/* In a private namespace of our own (the project's sandbox code): an empty
 * table reads as empty, and filter bytecode the kernel refuses comes back
 * as a clear error, not a crash, a hang or an empty table. */
static void test_kernel(void)
{
	/* an operation code the kernel does not know */
	static const struct inet_diag_bc_op bad[] = { { 200, 4, 8 } };
	struct diag_table t = { 0 };
	struct diag *d;
	char err[256];

	if (sandbox_enter(err, sizeof(err)) < 0) {
		printf("ok %d # SKIP no private network namespace: %s\n",
		       ++tap_n, err);
		return;
	}
	d = diag_open(err, sizeof(err));
	tap_ok(d != NULL, "diag_open in a private namespace%s%s",
	       d ? "" : ": ", d ? "" : err);
	if (!d)
		return;
	tap_is_int(diag_dump(d, NULL, &t, err, sizeof(err)), 0,
		   "a fresh namespace dumps cleanly");
	tap_is_int((long long)t.n, 0, "and holds no socket");
	err[0] = '\0';
	tap_is_int(diag_dump_raw(d, bad, sizeof(bad), &t, err, sizeof(err)), -1,
		   "the kernel refuses bad bytecode: -1");
	tap_ok(strstr(err, "Invalid argument") != NULL,
	       "with the kernel's reason: %s", err);
	tap_is_int(diag_dump(d, NULL, &t, err, sizeof(err)), 0,
		   "the handle still works afterwards");
	test_unix_kernel(d);
	test_inet_kernel(d);
	diag_close(d);
	diag_table_free(&t);
}

int main(void)
{
	test_parse_rows();
	test_parse_v6only_zero();
	test_parse_errors();
	test_parse_truncated();
	test_fuzz();
	test_bytecode();
	test_state_names();
	test_addresses();
	test_timers();
	test_print();
	test_print_big();
	test_unix_parse();
	test_unix_malformed();
	test_unix_spelling();
	test_kernel();
	return tap_done();
}
