/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sockinfo.c - the details of one socket (src/sockinfo.c and
 * src/sockinfo_text.c) without a kernel: replies built by hand, as the
 * kernel answers an exact SOCK_DIAG_BY_FAMILY request or a dump, with
 * every extension; a struct tcp_info shorter than this program's (an
 * older kernel) or longer (a newer one); malformed messages of every kind
 * (each must give an error with a message, never a read past the end:
 * every buffer parsed is a heap block of exactly its length, for
 * AddressSanitizer); a seeded loop of damaged replies; and the lines a
 * reader sees: values, timers by name, what CLOSE-WAIT's Recv-Q of 1 is,
 * what a TIME-WAIT or a UDP socket lacks, text from the kernel made
 * harmless. */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "sockinfo.h"
#include "sockinfo_text.h"
#include "tap.h"

#define SEQ 777
#define COOKIE 0x0102030405060708ULL

/* ---- building replies --------------------------------------------------- */

struct reply {
	uint32_t words[2048];
	size_t len;
};

struct spec {
	uint8_t family, state, timer, retrans;
	uint32_t rq, wq, expires, uid, inode;
	uint64_t cookie;
	uint16_t flags;		/* NLM_F_MULTI for a dump's rows */
	int info_len;		/* bytes of tcp_info: -1 none */
	const char *cong;	/* NULL: none */
	int cong_len;		/* -1: strlen + 1 */
	bool skmem, meminfo, tos;
};

static struct tcp_info sample_info(void)
{
	struct tcp_info ti;

	memset(&ti, 0, sizeof(ti));
	ti.tcpi_state = 1;
	ti.tcpi_ca_state = 3;
	ti.tcpi_options = 1 | 2 | 4;	/* ts sack wscale */
	ti.tcpi_snd_wscale = 7;
	ti.tcpi_rcv_wscale = 9;
	ti.tcpi_rto = 204000;
	ti.tcpi_ato = 40000;
	ti.tcpi_snd_mss = 1448;
	ti.tcpi_rcv_mss = 536;
	ti.tcpi_advmss = 65483;
	ti.tcpi_pmtu = 65535;
	ti.tcpi_rtt = 30;
	ti.tcpi_rttvar = 17;
	ti.tcpi_snd_cwnd = 10;
	ti.tcpi_snd_ssthresh = 0x7fffffff;
	ti.tcpi_rcv_space = 65495;
	ti.tcpi_total_retrans = 3;
	ti.tcpi_bytes_received = 1;
	ti.tcpi_bytes_acked = 6;
	ti.tcpi_bytes_sent = 5;
	ti.tcpi_delivery_rate = 1000;
	ti.tcpi_busy_time = 1500;
	ti.tcpi_segs_out = 4;
	return ti;
}

static struct nlmsghdr *put_row(struct reply *r, const struct spec *s,
				uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)r->words + r->len);
	struct inet_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
	struct tcp_info ti = sample_info();
	uint32_t skmem[SK_MEMINFO_VARS];
	char big[sizeof(ti) + 40];

	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = s->flags;
	nlh->nlmsg_seq = seq;
	m->idiag_family = s->family ? s->family : AF_INET;
	m->idiag_state = s->state;
	m->idiag_timer = s->timer;
	m->idiag_retrans = s->retrans;
	m->idiag_expires = s->expires;
	m->idiag_rqueue = s->rq;
	m->idiag_wqueue = s->wq;
	m->idiag_uid = s->uid;
	m->idiag_inode = s->inode;
	m->id.idiag_sport = htons(3459);
	m->id.idiag_dport = htons(40000);
	inet_pton(AF_INET, "127.0.0.1", m->id.idiag_src);
	inet_pton(AF_INET, "127.0.0.2", m->id.idiag_dst);
	m->id.idiag_cookie[0] = (uint32_t)s->cookie;
	m->id.idiag_cookie[1] = (uint32_t)(s->cookie >> 32);
	mnl_attr_put_u8(nlh, INET_DIAG_SHUTDOWN, 1);
	if (s->meminfo) {
		struct inet_diag_meminfo mi = { 11, 22, 33, 44 };

		mnl_attr_put(nlh, INET_DIAG_MEMINFO, sizeof(mi), &mi);
	}
	if (s->info_len >= 0) {
		memset(big, 0xee, sizeof(big));
		memcpy(big, &ti, sizeof(ti));
		mnl_attr_put(nlh, INET_DIAG_INFO, (size_t)s->info_len, big);
	}
	if (s->cong)
		mnl_attr_put(nlh, INET_DIAG_CONG, s->cong_len >= 0 ?
			     (size_t)s->cong_len : strlen(s->cong) + 1, s->cong);
	if (s->tos)
		mnl_attr_put_u8(nlh, INET_DIAG_TOS, 0x10);
	if (s->skmem) {
		for (int i = 0; i < SK_MEMINFO_VARS; i++)
			skmem[i] = 100u + (uint32_t)i;
		mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(skmem), skmem);
	}
	mnl_attr_put_u64(nlh, INET_DIAG_CGROUP_ID, 1234);
	r->len += MNL_ALIGN(nlh->nlmsg_len);
	return nlh;
}

static void put_code(struct reply *r, uint16_t type, int code)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)r->words + r->len);
	int *e;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = type == NLMSG_DONE ? NLM_F_MULTI : 0;
	nlh->nlmsg_seq = SEQ;
	e = mnl_nlmsg_put_extra_header(nlh, type == NLMSG_ERROR ?
				       sizeof(struct nlmsgerr) : sizeof(int));
	*e = code;
	r->len += MNL_ALIGN(nlh->nlmsg_len);
}

static const struct spec estab = {
	.state = 1, .rq = 0, .wq = 0, .uid = 1000, .inode = 4242,
	.cookie = COOKIE, .info_len = (int)sizeof(struct tcp_info),
	.cong = "cubic", .cong_len = -1, .skmem = true, .meminfo = true,
	.tos = true,
};

/* Parse a heap copy of exactly len bytes (overreads show under ASan). */
static int parse(const void *buf, size_t len, struct sockinfo_reply *st,
		 struct sockinfo *si, char *err, size_t errlen)
{
	void *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, buf, len);
	err[0] = '\0';
	rc = sockinfo_parse_reply(copy, len, SEQ, st, si, err, errlen);
	free(copy);
	return rc;
}

static struct sockinfo_reply want(uint64_t cookie)
{
	return (struct sockinfo_reply){ .proto = IPPROTO_TCP, .cookie = cookie };
}

/* ---- the lines ------------------------------------------------------------ */

static struct si_lines lines;

static const struct si_line *line_of(const char *label)
{
	for (int i = 0; i < lines.n; i++)
		if (lines.l[i].kind == SIL_FIELD && !strcmp(lines.l[i].label, label))
			return &lines.l[i];
	return NULL;
}

static const char *value_of(const char *label)
{
	const struct si_line *l = line_of(label);

	return l ? l->value : "(no line)";
}

static bool any_text(const char *part)
{
	for (int i = 0; i < lines.n; i++)
		if (strstr(lines.l[i].text, part) || strstr(lines.l[i].value, part))
			return true;
	return false;
}

static void show(const struct sockinfo *si, const struct si_who *who)
{
	sockinfo_text(si, who, &lines);
}

/* ---- tests ----------------------------------------------------------------- */

static void test_exact(void)
{
	struct reply r = { .len = 0 };
	struct sockinfo_reply st = want(COOKIE);
	struct sockinfo si;
	char err[256];
	uint64_t v;
	int rc;

	put_row(&r, &estab, SEQ);
	rc = parse(r.words, r.len, &st, &si, err, sizeof(err));
	tap_is_int(rc, 1, "an exact reply: one message, complete (%s)", err);
	tap_ok(st.found && !st.kernel_err, "the socket is found");
	tap_is_int(si.row.state, 1, "its row: state");
	tap_is_int(si.row.inode, 4242, "inode");
	tap_ok(si.row.cookie == COOKIE, "cookie");
	tap_is_int(si.have, SI_SHUTDOWN | SI_INFO | SI_CONG | SI_TOS | SI_SKMEM |
		   SI_MEMINFO, "every extension sent is there");
	tap_is_int(si.shutdown, 1, "INET_DIAG_SHUTDOWN");
	tap_is_str(si.cong, "cubic", "INET_DIAG_CONG");
	tap_is_int(si.tos, 0x10, "INET_DIAG_TOS");
	tap_is_int((long long)si.nskmem, SK_MEMINFO_VARS, "skmeminfo counters");
	tap_is_int(si.skmem[SKMEM_RB], 101, "skmeminfo rb");
	tap_is_int(si.mem[3], 44, "meminfo tmem");
	tap_ok(sockinfo_tcp(&si, "snd_mss", &v) && v == 1448, "tcp_info snd_mss");
	tap_ok(sockinfo_tcp(&si, "bytes_received", &v) && v == 1,
	       "tcp_info bytes_received (a u64)");
	tap_ok(sockinfo_tcp(&si, "snd_wscale", &v) && v == 7, "snd_wscale (a bit field)");
	tap_ok(sockinfo_tcp(&si, "rcv_wscale", &v) && v == 9, "rcv_wscale");
	tap_ok(!sockinfo_tcp(&si, "no_such_field", &v), "an unknown field is never there");

	show(&si, NULL);
	tap_is_str(value_of("mss"), "1448", "line mss");
	tap_is_str(value_of("rtt"), "0.03/0.017 ms", "line rtt, as ss prints it");
	tap_is_str(value_of("rto"), "204 ms", "line rto");
	tap_is_str(value_of("wscale"), "7,9", "line wscale");
	tap_is_str(value_of("options"), "ts sack", "line options");
	tap_is_str(value_of("ca_state"), "Recovery", "line ca_state");
	tap_is_str(value_of("ssthresh"), "-", "ssthresh not set yet");
	tap_is_str(value_of("cong"), "cubic", "line cong");
	tap_is_str(value_of("tos"), "0x10", "line tos");
	tap_is_str(value_of("rb"), "101", "line rb");
	tap_is_str(value_of("d"), "108", "line d");
	tap_is_str(value_of("cookie"), "102030405060708", "cookie in hex, as ss -e's sk:");
	tap_is_str(value_of("inode"), "4242", "line inode");
	tap_is_str(value_of("uid"), "1000", "line uid");
	tap_is_str(value_of("shutdown"), "-->", "shutdown as ss's arrows");
	tap_is_str(value_of("delivery_rate"), "8000bps", "delivery rate in bits");
	tap_is_str(value_of("busy"), "1.5 ms", "busy time");
	tap_is_str(value_of("bytes_received"), "1", "bytes_received");
	tap_is_str(value_of("state"), "ESTAB", "line state");
	tap_is_str(value_of("local"), "127.0.0.1:3459", "line local");
	tap_is_str(value_of("peer"), "127.0.0.2:40000", "line peer");
	tap_is_str(value_of("timer"), "none", "no timer");
	tap_ok(!any_text("not shown"), "a whole tcp_info: nothing left out");
}

static void test_sizes(void)
{
	struct reply r = { .len = 0 };
	struct sockinfo_reply st = want(COOKIE);
	struct spec s = estab;
	struct sockinfo si;
	char err[256];
	uint64_t v;

	/* an old kernel: tcp_info up to tcpi_total_retrans */
	s.info_len = (int)offsetof(struct tcp_info, tcpi_pacing_rate);
	put_row(&r, &s, SEQ);
	tap_is_int(parse(r.words, r.len, &st, &si, err, sizeof(err)), 1,
		   "a short tcp_info parses (%s)", err);
	tap_ok(sockinfo_tcp(&si, "total_retrans", &v) && v == 3,
	       "its last field is there");
	tap_ok(!sockinfo_tcp(&si, "bytes_received", &v) && v == 0,
	       "the fields past it are not");
	show(&si, NULL);
	tap_is_str(value_of("mss"), "1448", "mss shows");
	tap_ok(!line_of("bytes_received") && !line_of("delivery_rate"),
	       "no line for what it did not send");
	tap_ok(any_text("has 104 bytes"), "a note says how much it sent");

	/* a tcp_info of 3 bytes: the state, not the window scales */
	r.len = 0;
	s.info_len = 3;
	st = want(COOKIE);
	put_row(&r, &s, SEQ);
	tap_is_int(parse(r.words, r.len, &st, &si, err, sizeof(err)), 1,
		   "a 3-byte tcp_info parses");
	tap_ok(sockinfo_tcp(&si, "state", &v) && v == 1, "its state is there");
	tap_ok(!sockinfo_tcp(&si, "snd_wscale", &v) && !sockinfo_tcp(&si, "rto", &v),
	       "wscale and rto are not");

	/* a newer kernel: more than this program knows, cut */
	r.len = 0;
	s.info_len = (int)sizeof(struct tcp_info) + 40;
	st = want(COOKIE);
	put_row(&r, &s, SEQ);
	tap_is_int(parse(r.words, r.len, &st, &si, err, sizeof(err)), 1,
		   "a longer tcp_info parses");
	tap_is_int((long long)si.tcpi_len, (long long)sizeof(struct tcp_info) + 40,
		   "the length sent is kept");
	tap_ok(sockinfo_tcp(&si, "snd_mss", &v) && v == 1448, "the known fields read right");

	/* no tcp_info at all */
	r.len = 0;
	s.info_len = -1;
	st = want(COOKIE);
	put_row(&r, &s, SEQ);
	parse(r.words, r.len, &st, &si, err, sizeof(err));
	tap_ok(!(si.have & SI_INFO) && !sockinfo_tcp(&si, "state", &v),
	       "no INET_DIAG_INFO: no field");
}

static void test_replies(void)
{
	struct reply r = { .len = 0 };
	struct sockinfo_reply st = want(COOKIE);
	struct spec other = estab;
	struct sockinfo si;
	char err[256];
	size_t half;

	put_code(&r, NLMSG_ERROR, -ENOENT);
	tap_is_int(parse(r.words, r.len, &st, &si, err, sizeof(err)), 1,
		   "ENOENT: the reply is complete");
	tap_ok(!st.found && st.kernel_err == ENOENT, "nothing found, ENOENT kept");

	/* a dump: rows, then NLMSG_DONE; the cookie picks the row */
	r.len = 0;
	other.cookie = 99;
	other.flags = NLM_F_MULTI;
	other.inode = 1;
	put_row(&r, &other, SEQ);
	half = r.len;
	other.cookie = COOKIE;
	other.inode = 2;
	put_row(&r, &other, SEQ);
	put_code(&r, NLMSG_DONE, 0);
	st = want(COOKIE);
	tap_is_int(parse(r.words, half, &st, &si, err, sizeof(err)), 0,
		   "a dump's first part: more to come");
	tap_ok(!st.found, "its row has another cookie");
	tap_is_int(parse((char *)r.words + half, r.len - half, &st, &si, err,
			 sizeof(err)), 1, "the rest, to NLMSG_DONE: complete");
	tap_ok(st.found && si.row.inode == 2, "the row with the cookie is kept");

	r.len = 0;
	put_row(&r, &estab, SEQ + 1);
	st = want(COOKIE);
	tap_is_int(parse(r.words, r.len, &st, &si, err, sizeof(err)), -1,
		   "a reply to another request: error (%s)", err);
	tap_ok(err[0] != '\0', "with a message");

	r.len = 0;
	other.flags = NLM_F_MULTI | NLM_F_DUMP_INTR;
	put_row(&r, &other, SEQ);
	st = want(COOKIE);
	parse(r.words, r.len, &st, &si, err, sizeof(err));
	tap_ok(st.interrupted, "NLM_F_DUMP_INTR is noticed");
	tap_ok(sockinfo_ext() == 0x7b, "idiag_ext asks for meminfo, info, cong, tos, tclass, skmeminfo");
}

/* One message, then damaged: each damage an error with a message. */
static void expect_error(struct reply *r, const char *what)
{
	struct sockinfo_reply st = want(COOKIE);
	struct sockinfo si;
	char err[256];
	int rc = parse(r->words, r->len, &st, &si, err, sizeof(err));

	tap_ok(rc == -1 && err[0], "%s: error (%s)", what, err);
}

/* The attribute after the row's header, of this type, in a fresh message. */
static struct nlattr *attr_at(struct reply *r, size_t nth)
{
	size_t off = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct inet_diag_msg));
	struct nlattr *a = (struct nlattr *)((char *)r->words + off);

	while (nth--)
		a = (struct nlattr *)((char *)a + MNL_ALIGN(a->nla_len));
	return a;
}

/* An attribute of len bytes more at the end of the reply's last message. */
static void append(struct reply *r, struct nlmsghdr *nlh, uint16_t type,
		   size_t len)
{
	static const char zeros[64];

	r->len -= MNL_ALIGN(nlh->nlmsg_len);
	mnl_attr_put(nlh, type, len, zeros);
	r->len += MNL_ALIGN(nlh->nlmsg_len);
}

static void test_malformed(void)
{
	struct reply r = { .len = 0 };
	struct spec s = { .state = 1, .cookie = COOKIE, .info_len = -1, .tos = true };
	struct nlmsghdr *nlh;

	nlh = put_row(&r, &s, SEQ);	/* SHUTDOWN, TOS, CGROUP_ID */
	attr_at(&r, 1)->nla_len = 4;	/* TOS with no value */
	expect_error(&r, "INET_DIAG_TOS without a value");
	attr_at(&r, 1)->nla_len = 3;
	expect_error(&r, "an attribute shorter than its header");
	attr_at(&r, 1)->nla_len = 400;
	expect_error(&r, "an attribute running past the message");
	attr_at(&r, 1)->nla_len = 5;
	nlh->nlmsg_len -= 2;
	expect_error(&r, "a message cut inside its last attribute");

	r.len = 0;
	s.tos = false;
	append(&r, put_row(&r, &s, SEQ), INET_DIAG_SKMEMINFO, 10);
	expect_error(&r, "INET_DIAG_SKMEMINFO not a whole number of counters");
	r.len = 0;
	append(&r, put_row(&r, &s, SEQ), INET_DIAG_MEMINFO, 8);
	expect_error(&r, "INET_DIAG_MEMINFO too short");
	r.len = 0;
	append(&r, put_row(&r, &s, SEQ), INET_DIAG_SHUTDOWN, 0);
	expect_error(&r, "INET_DIAG_SHUTDOWN without a value");
	r.len = 0;
	append(&r, put_row(&r, &s, SEQ), INET_DIAG_TCLASS, 0);
	expect_error(&r, "INET_DIAG_TCLASS without a value");

	r.len = 0;
	nlh = put_row(&r, &s, SEQ);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 20;
	r.len = nlh->nlmsg_len;
	expect_error(&r, "a truncated inet_diag_msg");

	r.len = 0;
	nlh = put_row(&r, &s, SEQ);
	r.len -= 8;
	expect_error(&r, "a message longer than the buffer");

	r.len = 0;
	nlh = put_row(&r, &s, SEQ);
	nlh->nlmsg_type = 99;
	expect_error(&r, "an unexpected message type");

	r.len = 10;
	memset(r.words, 0, 12);
	expect_error(&r, "a truncated header");

	r.len = 0;
	put_code(&r, NLMSG_ERROR, -ENOENT);
	((struct nlmsghdr *)r.words)->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	r.len = MNL_NLMSG_HDRLEN + 2;
	expect_error(&r, "a truncated error message");
}

/* Damaged replies: any outcome but a crash or an error without a
 * message; lines come out of whatever parsed. */
static void test_damage(void)
{
	struct reply good = { .len = 0 }, r;
	unsigned seed = 12345, bad = 0;

	put_row(&good, &estab, SEQ);
	for (int i = 0; i < 20000; i++) {
		struct sockinfo_reply st = want(COOKIE);
		struct sockinfo si;
		char err[256];
		int rc, flips = 1 + (int)(seed % 4);

		r = good;
		for (int k = 0; k < flips; k++) {
			seed = seed * 1103515245 + 12345;
			((unsigned char *)r.words)[(seed >> 8) % good.len] = (unsigned char)(seed >> 16);
		}
		seed = seed * 1103515245 + 12345;
		if (seed % 5 == 0)
			r.len = (seed >> 8) % good.len;
		rc = parse(r.words, r.len, &st, &si, err, sizeof(err));
		if (rc < -1 || rc > 1 || (rc == -1 && !err[0]))
			bad++;
		if (rc == 1 && st.found)
			show(&si, NULL);
	}
	tap_ok(bad == 0, "20000 damaged replies: every error has a message (%u bad)", bad);
}

static struct sockinfo row_only(uint8_t proto, uint8_t state, uint8_t timer,
				uint32_t rq)
{
	struct sockinfo si;

	memset(&si, 0, sizeof(si));
	si.row.proto = proto;
	si.row.family = AF_INET;
	si.row.state = state;
	si.row.timer = timer;
	si.row.expires_ms = 59300;
	si.row.rqueue = rq;
	si.row.retrans = 2;
	si.row.v6only = -1;
	return si;
}

static void test_states(void)
{
	struct sockinfo si = row_only(IPPROTO_TCP, 6 /* TIME-WAIT */, DT_TIMEWAIT, 0);

	show(&si, NULL);
	tap_is_str(value_of("timer"), "59.3s left", "a TIME-WAIT's time left");
	tap_ok(!strncmp(line_of("timer")->text, "TIME-WAIT:", 10), "its timer by name: %s",
	       line_of("timer")->text);
	tap_ok(any_text("TIME-WAIT") && any_text("no tcp_info"),
	       "a TIME-WAIT has no tcp_info, and it says so");

	si = row_only(IPPROTO_TCP, 5 /* FIN-WAIT-2 */, DT_TIMEWAIT, 0);
	show(&si, NULL);
	tap_ok(!strncmp(line_of("timer")->text, "FIN-WAIT-2 orphan timer:", 24),
	       "a FIN-WAIT-2 orphan's timer by name");
	si = row_only(IPPROTO_TCP, 1, DT_RETRANS, 0);
	show(&si, NULL);
	tap_ok(strstr(line_of("timer")->text, "retransmission: ") &&
	       strstr(line_of("timer")->text, "so far: 2"), "retransmission, with its count: %s",
	       line_of("timer")->text);
	si = row_only(IPPROTO_TCP, 1, DT_KEEPALIVE, 0);
	show(&si, NULL);
	tap_ok(!strncmp(line_of("timer")->text, "keepalive:", 10), "keepalive");
	si = row_only(IPPROTO_TCP, 1, DT_PROBE, 0);
	si.row.expires_ms = 200;
	show(&si, NULL);
	tap_ok(!strncmp(line_of("timer")->text, "zero-window probe:", 18) &&
	       !strcmp(line_of("timer")->value, "200ms left"), "zero-window probe, 200ms left");

	/* CLOSE-WAIT: Recv-Q counts the peer's FIN until recv returns 0 */
	si = row_only(IPPROTO_TCP, 8 /* CLOSE-WAIT */, 0, 1);
	show(&si, NULL);
	tap_ok(strstr(line_of("Recv-Q")->text, "0 bytes not read yet, plus 1 for the peer's FIN") != NULL,
	       "CLOSE-WAIT Recv-Q 1: %s", line_of("Recv-Q")->text);
	si.row.rqueue = 6;
	show(&si, NULL);
	tap_ok(strstr(line_of("Recv-Q")->text, "5 bytes not read yet, plus 1") != NULL,
	       "CLOSE-WAIT Recv-Q 6: five bytes and the FIN");
	si.row.rqueue = 0;
	show(&si, NULL);
	tap_ok(strstr(line_of("Recv-Q")->text, "reached the peer's FIN") != NULL,
	       "CLOSE-WAIT Recv-Q 0: a recv reached the FIN");

	si = row_only(IPPROTO_UDP, 7, 0, 0);
	show(&si, NULL);
	tap_ok(any_text("UDP keeps no tcp_info"), "UDP: no tcp_info, and why");
	tap_is_str(value_of("state"), "UNCONN", "UDP state UNCONN");

	si = row_only(IPPROTO_TCP, 10 /* LISTEN */, 0, 2);
	show(&si, NULL);
	tap_ok(strstr(line_of("Recv-Q")->text, "accept queue") != NULL,
	       "LISTEN Recv-Q: the accept queue");
}

static void test_harmless(void)
{
	struct reply r = { .len = 0 };
	struct sockinfo_reply st = want(COOKIE);
	struct spec s = estab;
	struct si_who who = { "s3 conn", "held by \x1b[2Jmain", "42/\x1b]0;pwned\x07",
			      "s4\x1b[2J", "process \x1b]0;x\x07" };
	struct sockinfo si;
	char err[256];
	char longname[64];

	s.cong = "\x1b[31mevil";
	put_row(&r, &s, SEQ);
	parse(r.words, r.len, &st, &si, err, sizeof(err));
	show(&si, &who);
	tap_is_str(value_of("cong"), "\\x1b[31mevil", "a congestion control name's ESC is escaped");
	tap_is_str(value_of("owner"), "42/\\x1b]0;pwned\\x07", "an owner's control bytes are escaped");
	tap_is_str(value_of("stage"), "s3 conn", "the stage socket");
	tap_is_str(line_of("stage")->text, "held by \\x1b[2Jmain", "who holds it, escaped");

	memset(longname, 'a', sizeof(longname));
	r.len = 0;
	s.cong = longname;
	s.cong_len = (int)sizeof(longname);	/* no NUL at all */
	st = want(COOKIE);
	put_row(&r, &s, SEQ);
	tap_is_int(parse(r.words, r.len, &st, &si, err, sizeof(err)), 1,
		   "a name without its NUL parses");
	tap_is_int((long long)strlen(si.cong), SOCKINFO_CONG_MAX - 1, "and is cut");
	for (int i = 0; i < lines.n; i++)
		for (const char *p = lines.l[i].text; *p; p++)
			if ((unsigned char)*p < ' ') {
				tap_ok(0, "a control byte in line %d", i);
				return;
			}
	tap_ok(1, "no control byte in any line");
}

/* A UNIX socket's details: its own fields, the peer and its credentials
 * as the stage gives them (escaped), no TCP part */
static void test_unix(void)
{
	struct sockinfo si;
	struct si_who who = { "s1 srv", "held by main", "s1", "s2\x1b[2J",
			      "process 'm\x1b]0;x\x07'" };

	memset(&si, 0, sizeof(si));
	si.row.family = AF_UNIX;
	si.row.type = SOCK_SEQPACKET;
	si.row.state = KS_ESTABLISHED;
	si.row.inode = 77;
	si.row.peer_inode = 78;
	si.row.namelen = 8;
	memcpy(si.row.name, "srv.sock", 8);
	show(&si, &who);
	tap_is_str(value_of("protocol"), "u_seq", "a UNIX socket's protocol");
	tap_is_str(value_of("local"), "srv.sock 77", "its name and inode");
	tap_is_str(value_of("peer"), "s2\\x1b[2J", "the peer as the stage names it, escaped");
	tap_is_str(value_of("peercred"), "process 'm\\x1b]0;x\\x07'",
		   "SO_PEERCRED, escaped");
	tap_ok(!line_of("timer") && !any_text("tcp_info"),
	       "no timer, no tcp_info");
	who.peer = who.cred = NULL;
	show(&si, &who);
	tap_is_str(value_of("peer"), "78", "without the stage: the peer's inode");
	tap_ok(!line_of("peercred"), "no credentials known: no line");
}

/* The requests: exact (no NLM_F_DUMP) with the ends and the cookie; a
 * UDP row's ends the other way round; a dump with a port filter. */
static void test_request(void)
{
	char buf[256] __attribute__((aligned(4)));
	struct diag_row row = { .proto = IPPROTO_TCP, .family = AF_INET,
				.sport = 3459, .dport = 40000,
				.cookie = COOKIE, .ifindex = 1 };
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	const struct inet_diag_req_v2 *r =
		(const struct inet_diag_req_v2 *)(buf + MNL_NLMSG_HDRLEN);
	size_t n;

	inet_pton(AF_INET, "127.0.0.1", &row.src);
	inet_pton(AF_INET, "127.0.0.2", &row.dst);
	n = sockinfo_request(&row, false, buf, sizeof(buf));
	tap_ok(n == MNL_NLMSG_HDRLEN + sizeof(*r) && nlh->nlmsg_len == n,
	       "an exact request: a header and inet_diag_req_v2 (%zu bytes)", n);
	tap_ok(nlh->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
	       nlh->nlmsg_flags == NLM_F_REQUEST, "SOCK_DIAG_BY_FAMILY, no NLM_F_DUMP");
	tap_ok(r->sdiag_family == AF_INET && r->sdiag_protocol == IPPROTO_TCP &&
	       r->idiag_ext == sockinfo_ext(), "family, protocol, extensions");
	tap_ok(r->id.idiag_sport == htons(3459) && r->id.idiag_dport == htons(40000) &&
	       !memcmp(r->id.idiag_src, &row.src, 4) &&
	       !memcmp(r->id.idiag_dst, &row.dst, 4), "TCP: the local end is the source");
	tap_ok(r->id.idiag_cookie[0] == 0x05060708 && r->id.idiag_cookie[1] == 0x01020304 &&
	       r->id.idiag_if == 1, "the cookie and the interface");
	row.proto = IPPROTO_UDP;
	sockinfo_request(&row, false, buf, sizeof(buf));
	tap_ok(r->id.idiag_sport == htons(40000) && r->id.idiag_dport == htons(3459) &&
	       !memcmp(r->id.idiag_src, &row.dst, 4) &&
	       !memcmp(r->id.idiag_dst, &row.src, 4),
	       "UDP: the ends the other way round (udp_diag looks up from the peer)");
	n = sockinfo_request(&row, true, buf, sizeof(buf));
	tap_ok((nlh->nlmsg_flags & NLM_F_DUMP) && r->id.idiag_sport == htons(3459) &&
	       n > MNL_NLMSG_HDRLEN + sizeof(*r), "a dump: NLM_F_DUMP, the ends as they are, a port filter");
	tap_is_int((long long)sockinfo_request(&row, true, buf, 40), 0,
		   "a buffer too small: 0");
}

static void test_ms(void)
{
	char buf[32];

	si_usec_ms(204000, buf, sizeof(buf));
	tap_is_str(buf, "204", "204000 us");
	si_usec_ms(30, buf, sizeof(buf));
	tap_is_str(buf, "0.03", "30 us");
	si_usec_ms(17, buf, sizeof(buf));
	tap_is_str(buf, "0.017", "17 us");
	si_usec_ms(203333, buf, sizeof(buf));
	tap_is_str(buf, "203.333", "203333 us");
	si_usec_ms(0, buf, sizeof(buf));
	tap_is_str(buf, "0", "0 us");
}

int main(void)
{
	test_exact();
	test_sizes();
	test_replies();
	test_malformed();
	test_damage();
	test_states();
	test_harmless();
	test_unix();
	test_request();
	test_ms();
	si_lines_free(&lines);
	return tap_done();
}
