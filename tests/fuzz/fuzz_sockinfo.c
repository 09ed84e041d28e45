/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_sockinfo.c - the details of one socket (src/sockinfo.c): the
 * input is a buffer of netlink messages as the kernel answers an exact
 * SOCK_DIAG_BY_FAMILY request or a dump (the seed corpus holds real
 * replies, with every extension). It is parsed as a TCP and as a UDP
 * reply, looking for the cookie of its first message and for another;
 * what is found is read field by field (sockinfo_tcp) and made into the
 * lines a reader sees (sockinfo_text). An error must come with a
 * message; a reply that ends must have found the socket, or say why
 * not; no line may hold a control character or run past its field. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sockinfo.h"
#include "sockinfo_text.h"

/* every field sockinfo_tcp knows, and one it does not */
static const char *const fields[] = {
	"state", "ca_state", "retransmits", "probes", "backoff", "options",
	"snd_wscale", "rcv_wscale", "delivery_rate_app_limited", "rto", "ato",
	"snd_mss", "rcv_mss", "unacked", "sacked", "lost", "retrans",
	"last_data_sent", "last_data_recv", "last_ack_recv", "pmtu",
	"rcv_ssthresh", "rtt", "rttvar", "snd_ssthresh", "snd_cwnd", "advmss",
	"rcv_space", "total_retrans", "pacing_rate", "bytes_acked",
	"bytes_received", "segs_out", "segs_in", "notsent_bytes", "min_rtt",
	"data_segs_in", "data_segs_out", "delivery_rate", "busy_time",
	"bytes_sent", "snd_wnd", "no_such_field",
};

static void check_text(const char *s, size_t cap, const char *what)
{
	size_t len = strnlen(s, cap);

	FUZZ_CHECK(len < cap, "%s: not terminated", what);
	for (size_t i = 0; i < len; i++)
		FUZZ_CHECK((unsigned char)s[i] >= ' ' && s[i] != 0x7f,
			   "%s: control byte %#x", what, (unsigned char)s[i]);
}

static void check_lines(const struct sockinfo *si)
{
	static const struct si_who who = { "s1 x", "held by \x1b[2Jm", "1/\x9b",
					   "s2\x1b", "\x9bpid" };
	struct si_lines lines = { 0 };
	uint64_t v;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (sockinfo_tcp(si, fields[i], &v))
			FUZZ_CHECK(si->have & SI_INFO, "a field without tcp_info");
	FUZZ_CHECK(strnlen(si->cong, sizeof(si->cong)) < sizeof(si->cong),
		   "the congestion control's name is not terminated");
	FUZZ_CHECK(si->nskmem <= SOCKINFO_SKMEM_MAX, "%zu skmem counters",
		   si->nskmem);
	sockinfo_text(si, &who, &lines);
	FUZZ_CHECK(lines.n > 0, "no line");
	for (int i = 0; i < lines.n; i++) {
		check_text(lines.l[i].label, sizeof(lines.l[i].label), "a label");
		check_text(lines.l[i].value, sizeof(lines.l[i].value), "a value");
		check_text(lines.l[i].text, sizeof(lines.l[i].text), "a text");
	}
	si_lines_free(&lines);
}

static void parse_as(const void *buf, size_t size, uint32_t seq,
		     uint8_t proto, uint64_t cookie)
{
	struct sockinfo_reply st = { .proto = proto, .cookie = cookie };
	struct sockinfo si;
	char err[256] = "";
	int rc = sockinfo_parse_reply(buf, size, seq, &st, &si, err, sizeof(err));

	FUZZ_CHECK(rc >= -1 && rc <= 1, "sockinfo_parse_reply returned %d", rc);
	FUZZ_CHECK(rc != -1 || err[0], "an error without a message");
	if (!st.found)
		return;
	FUZZ_CHECK(si.row.cookie == cookie && si.row.proto == proto,
		   "found the wrong socket");
	check_lines(&si);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t seq = 0, lo = 0, hi = 0;
	uint64_t cookie;
	void *buf = malloc(size ? size : 1);	/* aligned, exactly its size */

	if (!buf)
		abort();
	memcpy(buf, data, size);
	if (size >= 12)		/* the first message's nlmsg_seq */
		memcpy(&seq, (const char *)buf + 8, sizeof(seq));
	if (size >= 68) {	/* its inet_diag_msg's id.idiag_cookie */
		memcpy(&lo, (const char *)buf + 60, sizeof(lo));
		memcpy(&hi, (const char *)buf + 64, sizeof(hi));
	}
	cookie = (uint64_t)hi << 32 | lo;
	parse_as(buf, size, seq, IPPROTO_TCP, cookie);
	parse_as(buf, size, seq, IPPROTO_UDP, cookie);
	parse_as(buf, size, seq, IPPROTO_TCP, cookie + 1);
	free(buf);
	return 0;
}
