/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockinfo_text.c - a socket's details as lines: a label, a value and
 * what it means, under headings, in the order `ss -tiem` gives them
 * (the row, then who holds it, tcp_info, skmeminfo, the congestion
 * control). What the kernel did not send is left out, or says why it is
 * not there (a TIME-WAIT socket has no tcp_info). */
#include "sockinfo_text.h"

#include <inttypes.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "view.h"

/* tcpi_options (linux/tcp.h) */
#define OPT_TS		1
#define OPT_SACK	2
#define OPT_WSCALE	4
#define OPT_ECN		8
#define OPT_ECN_SEEN	16
#define OPT_SYN_DATA	32

/* ---- lines ------------------------------------------------------------------ */

static struct si_line *add(struct si_lines *out, enum si_kind kind)
{
	struct si_line *l;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->l = xrealloc(out->l, (size_t)out->cap * sizeof(*out->l));
	}
	l = &out->l[out->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	return l;
}

static void head(struct si_lines *out, const char *text)
{
	str_copy(add(out, SIL_HEAD)->text, text, sizeof(out->l->text));
}

static void note(struct si_lines *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct si_lines *out, const char *fmt, ...)
{
	struct si_line *l = add(out, SIL_NOTE);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->text, sizeof(l->text), fmt, ap);
	va_end(ap);
}

/* A field: its value from a format, what it means as given. */
static void field(struct si_lines *out, const char *label, const char *what,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void field(struct si_lines *out, const char *label, const char *what,
		  const char *fmt, ...)
{
	struct si_line *l = add(out, SIL_FIELD);
	va_list ap;

	str_copy(l->label, label, sizeof(l->label));
	str_copy(l->text, what, sizeof(l->text));
	va_start(ap, fmt);
	vsnprintf(l->value, sizeof(l->value), fmt, ap);
	va_end(ap);
}

/* Text from outside, made harmless, into buf. */
static const char *safe(const char *s, char *buf, size_t len)
{
	text_escape(buf, len, s ? s : "", s ? strlen(s) : 0);
	return buf;
}

void si_usec_ms(uint64_t usec, char *buf, size_t len)
{
	char frac[8];
	int n;

	/* as ss prints them: no trailing zeros, "204", "0.03" */
	n = snprintf(frac, sizeof(frac), "%03u", (unsigned)(usec % 1000));
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	snprintf(buf, len, "%" PRIu64 "%s%s", usec / 1000, n ? "." : "", frac);
}

/* milliseconds as "250ms" or "59.3s" */
static void ms_text(uint64_t ms, char *buf, size_t len)
{
	if (ms < 1000)
		snprintf(buf, len, "%" PRIu64 "ms", ms);
	else
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "s", ms / 1000,
			 ms % 1000 / 100);
}

/* ---- the socket ------------------------------------------------------------------ */

static const char *state_meaning(const struct diag_row *r)
{
	if (r->proto == IPPROTO_UDP)
		return r->state == KS_ESTABLISHED ?
		       "connected: datagrams only to and from its peer" :
		       "not connected: datagrams from anyone to its address";
	switch (r->state) {
	case KS_ESTABLISHED: return "connected: data can flow both ways";
	case KS_SYN_SENT: return "connect sent a SYN and waits for the SYN-ACK";
	case KS_SYN_RECV: return "a SYN came to a listener and its SYN-ACK went out; the handshake's last ACK has not come";
	case KS_FIN_WAIT1: return "this side closed (or shut down writing): its FIN is out, not yet acknowledged";
	case KS_FIN_WAIT2: return "its FIN was acknowledged; the peer's FIN has not come";
	case KS_TIME_WAIT: return "this side closed first; both FINs are done and it waits out stray segments (60 s on Linux)";
	case KS_CLOSE: return r->dport ? "the connection ended; a process still holds the socket" :
			      "bound to an address, neither listening nor connected";
	case KS_CLOSE_WAIT: return "the peer closed (its FIN came); this side has not closed yet";
	case KS_LAST_ACK: return "the peer closed, then this side: waiting for the ACK of its FIN";
	case KS_LISTEN: return "a listener: the kernel completes handshakes and queues the connections for accept";
	case KS_CLOSING: return "both sides closed at once: waiting for the ACK of its FIN";
	default: return "a state this program does not know";
	}
}

/* Recv-Q: for CLOSE-WAIT, what the 1 is. */
static void recv_q(struct si_lines *out, const struct diag_row *r)
{
	char what[360];

	if (r->family == AF_UNIX)
		str_copy(what, r->state == KS_LISTEN ?
			 "connections waiting for accept()" :
			 r->type == SOCK_DGRAM ?
			 "the size of the next datagram waiting to be read" :
			 "bytes received, not yet read by the program", sizeof(what));
	else if (r->proto == IPPROTO_UDP)
		str_copy(what, "memory of the datagrams waiting to be read, in bytes", sizeof(what));
	else if (r->state == KS_LISTEN)
		str_copy(what, "connections accepted by the kernel, waiting in the accept queue for accept()", sizeof(what));
	else if (r->state == KS_TIME_WAIT || r->state == KS_SYN_RECV)
		str_copy(what, "none: it holds no data", sizeof(what));
	else if (r->state == KS_CLOSE_WAIT && r->rqueue > 0)
		snprintf(what, sizeof(what), "%u byte%s not read yet, plus 1 for the peer's FIN: the FIN takes a sequence number, and Recv-Q (rcv_nxt - copied_seq) counts it until a recv reaches it (the one that takes the last bytes, or else the one that returns 0, end of file)",
			 r->rqueue - 1, r->rqueue - 1 == 1 ? "" : "s");
	else if (r->state == KS_CLOSE_WAIT)
		str_copy(what, "nothing left: a recv has read the data and reached the peer's FIN (the next returns 0, end of file)", sizeof(what));
	else
		str_copy(what, "bytes received, not yet read by the program (rcv_nxt - copied_seq)", sizeof(what));
	field(out, "Recv-Q", what, "%u", r->rqueue);
}

static void send_q(struct si_lines *out, const struct diag_row *r)
{
	const char *what =
		r->family == AF_UNIX ? r->state == KS_LISTEN ?
		"the accept queue's limit: listen()'s backlog" :
		"memory its messages take that the peer has not read yet (a sender is charged for what waits in the peer's queue)" :
		r->proto == IPPROTO_UDP ? "memory of the datagrams being sent, in bytes" :
		r->state == KS_LISTEN ? "the accept queue's limit: listen()'s backlog (at most net.core.somaxconn)" :
		r->state == KS_TIME_WAIT || r->state == KS_SYN_RECV ? "none: it holds no data" :
		"bytes written, not yet acknowledged by the peer (write_seq - snd_una)";

	field(out, "Send-Q", what, "%u", r->wqueue);
}

/* "TIME-WAIT", "retransmission" ...: the timer's name and what it does. */
static const char *timer_name(const struct diag_row *r, const char **what)
{
	switch (r->timer) {
	case DT_RETRANS:
		*what = r->state == KS_SYN_SENT ? "the SYN goes again when it fires" :
			r->state == KS_SYN_RECV ? "the SYN-ACK goes again when it fires" :
			"unacknowledged data goes again when it fires (or a loss probe)";
		return "retransmission";
	case DT_KEEPALIVE:
		*what = r->state == KS_FIN_WAIT2 ?
			"in FIN-WAIT-2 this timer also ends a socket no process holds (net.ipv4.tcp_fin_timeout)" :
			"an idle connection is probed when it fires (SO_KEEPALIVE)";
		return "keepalive";
	case DT_TIMEWAIT:
		if (r->state == KS_FIN_WAIT2) {
			*what = "no process holds the socket: it goes when this fires, unless the peer's FIN comes first (net.ipv4.tcp_fin_timeout)";
			return "FIN-WAIT-2 orphan timer";
		}
		*what = "the socket goes when it fires";
		return "TIME-WAIT";
	case DT_PROBE:
		*what = "the peer's receive window is 0: a probe asks whether it opened";
		return "zero-window probe";
	default:
		*what = "";
		return NULL;
	}
}

static void timer(struct si_lines *out, const struct diag_row *r)
{
	const char *what, *name = timer_name(r, &what);
	char left[32], text[360];

	if (!name) {
		field(out, "timer", "no timer is running", "none");
		return;
	}
	ms_text(r->expires_ms, left, sizeof(left));
	snprintf(text, sizeof(text), "%s: %s%s", name, what,
		 r->timer == DT_RETRANS ? "; retransmissions so far: " :
		 r->timer == DT_KEEPALIVE || r->timer == DT_PROBE ?
		 "; probes sent: " : "");
	if (r->timer != DT_TIMEWAIT)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%u",
			 r->retrans);
	field(out, "timer", text, "%s left", left);
}

static void shutdown_line(struct si_lines *out, const struct sockinfo *si)
{
	static const char *const what[] = {
		"nothing shut down",
		"receiving is shut: the peer's FIN came, or shutdown rd",
		"sending is shut: shutdown wr or close sent a FIN",
		"both ways are shut",
	};
	unsigned m = si->shutdown & 3;

	if (!(si->have & SI_SHUTDOWN))
		return;
	/* as ss prints it: an arrow for each way still open */
	field(out, "shutdown", what[m], "%c-%c", m & 1 ? '-' : '<',
	      m & 2 ? '-' : '>');
}

/* A UNIX socket's ends: its name, and the socket at the other end */
static void unix_ends(struct si_lines *out, const struct sockinfo *si,
		      const struct si_who *who)
{
	const struct diag_row *r = &si->row;
	char buf[4 * DIAG_UNIX_NAME_MAX + 8];

	field(out, "protocol", r->type == SOCK_STREAM ? "UNIX, a byte stream" :
	      r->type == SOCK_DGRAM ? "UNIX, datagrams" :
	      "UNIX, messages on a connection (SOCK_SEQPACKET)", "%s",
	      view_netid(r));
	view_format_local(r, buf, sizeof(buf));
	field(out, "local", "its name and inode ('*': unnamed; '@': abstract)",
	      "%s", buf);
	if (who && who->peer && who->peer[0])
		field(out, "peer", "the socket at the other end", "%s",
		      safe(who->peer, buf, sizeof(buf)));
	else
		field(out, "peer", "the other end's inode (0: none)", "%" PRIu64,
		      r->peer_inode);
	field(out, "state", r->state == KS_LISTEN ? "a listener: connections wait for accept()" :
	      r->state == KS_ESTABLISHED ? "connected" : "not connected",
	      "%s", view_state_name(r));
	if (who && who->cred && who->cred[0])
		field(out, "peercred", "who is at the other end (SO_PEERCRED: "
		      "the process that connected, or made the pair)", "%s",
		      safe(who->cred, buf, sizeof(buf)));
}

static void ends(struct si_lines *out, const struct sockinfo *si)
{
	const struct diag_row *r = &si->row;
	char buf[96];

	field(out, "protocol", r->family == AF_INET6 ? "IPv6" : "IPv4", "%s",
	      view_netid(r));
	view_format_local(r, buf, sizeof(buf));
	field(out, "local", "this end", "%s", buf);
	view_format_peer(r, buf, sizeof(buf));
	field(out, "peer", "the other end ('*': none)", "%s", buf);
	field(out, "state", state_meaning(r), "%s", view_state_name(r));
	if (r->family == AF_INET6 && r->v6only >= 0)
		field(out, "v6only", r->v6only ? "IPv6 only (IPV6_V6ONLY)" :
		      "IPv4 too, as ::ffff:a.b.c.d (dual stack)", "%s",
		      r->v6only ? "on" : "off");
	if (r->ifindex)
		field(out, "interface", "bound to this interface index (SO_BINDTODEVICE)",
		      "%u", r->ifindex);
}

static void socket_part(struct si_lines *out, const struct sockinfo *si,
			const struct si_who *who)
{
	head(out, "The socket");
	if (si->row.family == AF_UNIX)
		unix_ends(out, si, who);
	else
		ends(out, si);
	recv_q(out, &si->row);
	send_q(out, &si->row);
	if (si->row.family != AF_UNIX)
		timer(out, &si->row);
	shutdown_line(out, si);
}

static void who_part(struct si_lines *out, const struct sockinfo *si,
		     const struct si_who *who)
{
	const struct diag_row *r = &si->row;
	char buf[200], held[360];

	head(out, "Who holds it");
	if (who && who->stage && who->stage[0])
		field(out, "stage", who->held && who->held[0] ?
		      safe(who->held, held, sizeof(held)) : "the socket on stage",
		      "%s", safe(who->stage, buf, sizeof(buf)));
	else
		field(out, "stage", "not a socket of this stage", "-");
	field(out, "owner", "as the Owner column says (from /proc/*/fd)", "%s",
	      who && who->owner && who->owner[0] ?
	      safe(who->owner, buf, sizeof(buf)) : "-");
	field(out, "uid", "the user that created it (0 for a TIME-WAIT)", "%u",
	      r->uid);
	field(out, "inode", "a process holds it as a descriptor linked to socket:[inode] in /proc/PID/fd; 0: none can (TIME-WAIT, a connection in an accept queue)",
	      "%" PRIu64, r->inode);
	field(out, "cookie", "the kernel's id for it, for its whole life (ss -e: sk:); a TIME-WAIT keeps the cookie of the socket it came from",
	      "%" PRIx64, r->cookie);
}

/* ---- tcp_info ---------------------------------------------------------------------- */

static bool tcpv(const struct sockinfo *si, const char *name, uint64_t *v)
{
	return sockinfo_tcp(si, name, v);
}

/* A plain number, when the kernel sent it. */
static void tnum(struct si_lines *out, const struct sockinfo *si,
		 const char *name, const char *label, const char *what)
{
	uint64_t v;

	if (tcpv(si, name, &v))
		field(out, label, what, "%" PRIu64, v);
}

/* Microseconds, shown in ms. */
static void tusec(struct si_lines *out, const struct sockinfo *si,
		  const char *name, const char *label, const char *what)
{
	char ms[32];
	uint64_t v;

	if (!tcpv(si, name, &v))
		return;
	si_usec_ms(v, ms, sizeof(ms));
	field(out, label, what, "%s ms", ms);
}

static const char *const tcp_states[] = {
	"?", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
	"TIME-WAIT", "CLOSE", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
};

static void tcp_state(struct si_lines *out, const struct sockinfo *si)
{
	static const char *const ca[][2] = {
		{ "Open", "nothing lost: normal sending" },
		{ "Disorder", "duplicate ACKs or SACKs came: segments may be out of order" },
		{ "CWR", "the window was cut (an ECN echo, or congestion here)" },
		{ "Recovery", "fast retransmit: a lost segment is being recovered" },
		{ "Loss", "a retransmission timeout: sending starts again from a small window" },
	};
	uint64_t v;

	if (tcpv(si, "state", &v))
		field(out, "state", "the state as tcp_info says it", "%s",
		      v < ARRAY_LEN(tcp_states) ? tcp_states[v] : "?");
	if (tcpv(si, "ca_state", &v))
		field(out, "ca_state", v < ARRAY_LEN(ca) ? ca[v][1] :
		      "a state this program does not know", "%s",
		      v < ARRAY_LEN(ca) ? ca[v][0] : "?");
}

static void tcp_times(struct si_lines *out, const struct sockinfo *si)
{
	char a[32], b[32];
	uint64_t rtt, var;

	if (tcpv(si, "rtt", &rtt) && tcpv(si, "rttvar", &var)) {
		si_usec_ms(rtt, a, sizeof(a));
		si_usec_ms(var, b, sizeof(b));
		field(out, "rtt", "round-trip time, smoothed / its variation", "%s/%s ms",
		      a, b);
	}
	tusec(out, si, "rto", "rto", "retransmission timeout: how long unacknowledged data waits before it goes again");
	tusec(out, si, "ato", "ato", "delayed-ACK timeout: how long an ACK may wait for data to ride along");
	tusec(out, si, "min_rtt", "minrtt", "the smallest round-trip time seen");
}

static void tcp_sizes(struct si_lines *out, const struct sockinfo *si)
{
	uint64_t v;

	tnum(out, si, "snd_mss", "mss", "the largest segment it sends (maximum segment size)");
	tnum(out, si, "pmtu", "pmtu", "path MTU: the largest IP packet the path takes");
	tnum(out, si, "rcv_mss", "rcv_mss", "the peer's segment size, as guessed from what came");
	tnum(out, si, "advmss", "advmss", "the MSS this side announced in its SYN");
	tnum(out, si, "snd_cwnd", "cwnd", "congestion window: segments it may have in flight");
	if (tcpv(si, "snd_ssthresh", &v)) {
		if (v >= 0xFFFF)
			field(out, "ssthresh", "slow-start threshold: not set yet (still in the first slow start)", "-");
		else
			field(out, "ssthresh", "slow-start threshold: below it the window grows by one segment per ACK", "%" PRIu64, v);
	}
	tnum(out, si, "snd_wnd", "snd_wnd", "the peer's receive window: bytes it may send before an ACK");
}

static void tcp_counts(struct si_lines *out, const struct sockinfo *si)
{
	tnum(out, si, "retransmits", "retransmits", "retransmissions for the timeout running now");
	tnum(out, si, "retrans", "retrans", "segments retransmitted and not yet acknowledged");
	tnum(out, si, "total_retrans", "total_retrans", "segments retransmitted in all");
	tnum(out, si, "unacked", "unacked", "segments sent, not yet acknowledged");
	tnum(out, si, "sacked", "sacked", "segments the peer acknowledged out of order (SACK)");
	tnum(out, si, "lost", "lost", "segments taken to be lost");
	tnum(out, si, "bytes_sent", "bytes_sent", "bytes sent, retransmissions included");
	tnum(out, si, "bytes_acked", "bytes_acked", "bytes the peer acknowledged (its SYN counts one)");
	tnum(out, si, "bytes_received", "bytes_received", "bytes received in order (the peer's FIN counts one)");
	tnum(out, si, "segs_out", "segs_out", "segments sent, ACKs included");
	tnum(out, si, "segs_in", "segs_in", "segments received, ACKs included");
	tnum(out, si, "data_segs_out", "data_segs_out", "segments sent that carried data");
	tnum(out, si, "data_segs_in", "data_segs_in", "segments received that carried data");
	tnum(out, si, "notsent_bytes", "notsent", "bytes written that have not gone out yet");
}

static void tcp_recent(struct si_lines *out, const struct sockinfo *si)
{
	char ms[32];
	uint64_t v, lim;

	tnum(out, si, "last_data_sent", "lastsnd", "ms since it last sent data");
	tnum(out, si, "last_data_recv", "lastrcv", "ms since data last came");
	tnum(out, si, "last_ack_recv", "lastack", "ms since an ACK last came");
	if (tcpv(si, "delivery_rate", &v)) {
		bool app = tcpv(si, "delivery_rate_app_limited", &lim) && lim;

		field(out, "delivery_rate", app ? "the rate data was delivered at lately; app_limited: the program wrote less than the path could take" :
		      "the rate data was delivered at lately", "%" PRIu64 "bps",
		      v * 8);
	}
	if (tcpv(si, "busy_time", &v)) {
		si_usec_ms(v, ms, sizeof(ms));
		field(out, "busy", "time spent with data in flight", "%s ms", ms);
	}
	tnum(out, si, "rcv_space", "rcv_space", "receive autotuning's estimate of what the program reads in a round trip");
	tnum(out, si, "rcv_ssthresh", "rcv_ssthresh", "the limit on the window it announces now");
}

static void tcp_options(struct si_lines *out, const struct sockinfo *si)
{
	char buf[64] = "";
	uint64_t o, s, r;

	if (!tcpv(si, "options", &o))
		return;
	snprintf(buf, sizeof(buf), "%s%s%s%s%s", o & OPT_TS ? " ts" : "",
		 o & OPT_SACK ? " sack" : "", o & OPT_ECN ? " ecn" : "",
		 o & OPT_ECN_SEEN ? " ecnseen" : "",
		 o & OPT_SYN_DATA ? " fastopen" : "");
	field(out, "options", "negotiated in the handshake: ts timestamps, sack selective ACKs, ecn congestion marks",
	      "%s", buf[0] ? buf + 1 : "none");
	if ((o & OPT_WSCALE) && tcpv(si, "snd_wscale", &s) &&
	    tcpv(si, "rcv_wscale", &r))
		field(out, "wscale", "window scaling, send,receive: the peer's windows are shifted left by the first, its own by the second",
		      "%" PRIu64 ",%" PRIu64, s, r);
	else
		field(out, "wscale", "no window scaling: windows stop at 64 KiB", "-");
}

/* Why there is no tcp_info, when there is none. */
static const char *no_info_reason(const struct diag_row *r)
{
	if (r->proto == IPPROTO_UDP)
		return "UDP keeps no tcp_info: no connection state, no windows, no retransmissions";
	if (r->state == KS_TIME_WAIT || (r->state == KS_FIN_WAIT2 && r->timer == DT_TIMEWAIT))
		return "a TIME-WAIT (or a FIN-WAIT-2 no process holds) is a small stand-in that keeps only the ends, the timer and the sequence numbers: no tcp_info, no buffers, no congestion control";
	if (r->state == KS_SYN_RECV)
		return "a connection in its handshake is a request socket, a small stand-in: no tcp_info, no buffers, no congestion control";
	return "the kernel sent no tcp_info";
}

/* A listener sends nothing: two fields of its tcp_info say something. */
static void listener(struct si_lines *out, const struct sockinfo *si)
{
	tnum(out, si, "unacked", "unacked", "for a listener: the connections in its accept queue");
	tnum(out, si, "sacked", "sacked", "for a listener: its backlog");
	note(out, "a listener sends and receives no data: the rest of its tcp_info is unused; the connections it accepts inherit its congestion control");
}

static void tcp_part(struct si_lines *out, const struct sockinfo *si)
{
	head(out, "tcp_info (ss -ti)");
	if (!(si->have & SI_INFO)) {
		note(out, "%s", no_info_reason(&si->row));
		return;
	}
	tcp_state(out, si);
	if (si->row.state == KS_LISTEN) {
		listener(out, si);
		return;
	}
	tcp_times(out, si);
	tcp_sizes(out, si);
	tcp_counts(out, si);
	tcp_recent(out, si);
	tcp_options(out, si);
	if (si->tcpi_len < sockinfo_tcpi_size())
		note(out, "this kernel's tcp_info has %zu bytes (this program knows %zu): the fields past them are not shown",
		     si->tcpi_len, sockinfo_tcpi_size());
}

/* ---- memory and the rest ------------------------------------------------------------ */

static void skmem_part(struct si_lines *out, const struct sockinfo *si)
{
	static const char *const name[SKMEM_KNOWN][2] = {
		{ "r", "received data not read yet, as memory (with overhead)" },
		{ "rb", "the receive buffer's limit (SO_RCVBUF; autotuning grows it)" },
		{ "t", "sent data still below TCP, on its way to the device" },
		{ "tb", "the send buffer's limit (SO_SNDBUF; autotuning grows it)" },
		{ "f", "memory reserved ahead for this socket, not used yet" },
		{ "w", "data queued to send: not sent yet, or not acknowledged" },
		{ "o", "memory of options and filters (optmem)" },
		{ "bl", "packets that came while a call held the socket, waiting their turn (backlog)" },
		{ "d", "packets dropped before they reached the socket" },
	};

	head(out, "Memory (ss -m: skmem)");
	if (si->have & SI_SKMEM) {
		for (size_t i = 0; i < si->nskmem && i < SKMEM_KNOWN; i++)
			field(out, name[i][0], name[i][1], "%u", si->skmem[i]);
	} else if (si->have & SI_MEMINFO) {
		field(out, "mem", "r, w, f, t (the older meminfo): see skmem", "%u,%u,%u,%u",
		      si->mem[0], si->mem[1], si->mem[2], si->mem[3]);
	} else {
		note(out, "%s", si->row.proto == IPPROTO_TCP && !(si->have & SI_INFO) ?
		     "none: no buffers" : "the kernel sent no memory figures");
	}
}

static void other_part(struct si_lines *out, const struct sockinfo *si)
{
	char buf[SOCKINFO_CONG_MAX * 4 + 1];

	if (!(si->have & (SI_CONG | SI_TOS | SI_TCLASS)))
		return;
	head(out, "Congestion control and IP");
	if (si->have & SI_CONG)
		field(out, "cong", "the congestion control algorithm (net.ipv4.tcp_congestion_control, TCP_CONGESTION)",
		      "%s", safe(si->cong, buf, sizeof(buf)));
	if (si->have & SI_TOS)
		field(out, "tos", "IPv4 type of service of what it sends (IP_TOS)",
		      "0x%02x", si->tos);
	if (si->have & SI_TCLASS)
		field(out, "tclass", "IPv6 traffic class of what it sends (IPV6_TCLASS)",
		      "0x%02x", si->tclass);
}

void sockinfo_text(const struct sockinfo *si, const struct si_who *who,
		   struct si_lines *out)
{
	out->n = 0;
	socket_part(out, si, who);
	who_part(out, si, who);
	if (si->row.family == AF_UNIX)
		return;
	tcp_part(out, si);
	skmem_part(out, si);
	other_part(out, si);
}

void si_lines_free(struct si_lines *out)
{
	free(out->l);
	memset(out, 0, sizeof(*out));
}
