/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.c - the parser of what the capture (capture_live.c) takes: a
 * frame into a segment record. Headers are read byte by byte (no casts
 * of the buffer, no alignment assumed), every length checked against
 * what was captured. */
#include "capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <pcap/pcap.h>

#include "util.h"

/* ---- reading bytes ------------------------------------------------------- */

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* What the packet holds from a header on: n bytes captured, of len on
 * the wire as the IP header says (more than n when the capture cut the
 * packet at its snaplen). */
struct span {
	const unsigned char *p;
	size_t n;
	size_t len;
};

/* ---- the network layer ----------------------------------------------------- */

/* IPv4 at s: the ends, the protocol and the transport header's span.
 * Returns 0, or -1. A fragment other than the first has no transport
 * header: -1. */
static int ipv4(struct span s, uint8_t *proto, struct in6_addr *src,
		struct in6_addr *dst, struct span *l4)
{
	size_t ihl, total;

	if (s.n < 20 || (s.p[0] >> 4) != 4)
		return -1;
	ihl = (size_t)(s.p[0] & 0x0f) * 4;
	total = get16(s.p + 2);
	if (ihl < 20 || total < ihl || s.n < ihl)
		return -1;
	if (get16(s.p + 6) & 0x1fff)
		return -1;
	*proto = s.p[9];
	memset(src, 0, sizeof(*src));
	memset(dst, 0, sizeof(*dst));
	memcpy(src, s.p + 12, 4);
	memcpy(dst, s.p + 16, 4);
	l4->p = s.p + ihl;
	/* what was captured, but no more than the packet says it holds */
	l4->n = (total < s.n ? total : s.n) - ihl;
	l4->len = total - ihl;
	return 0;
}

/* IPv6 at s, through hop-by-hop, routing and destination options
 * headers (a fragment other than the first: -1). */
static int ipv6(struct span s, uint8_t *proto, struct in6_addr *src,
		struct in6_addr *dst, struct span *l4)
{
	size_t off = 40, end, wire;
	uint8_t next;

	if (s.n < 40 || (s.p[0] >> 4) != 6)
		return -1;
	end = wire = 40 + (size_t)get16(s.p + 4);
	if (end > s.n)
		end = s.n;
	memcpy(src, s.p + 8, 16);
	memcpy(dst, s.p + 24, 16);
	next = s.p[6];
	for (int hops = 0; hops < 8; hops++) {
		if (next == 0 || next == 43 || next == 60) {
			if (off + 8 > end)
				return -1;
			next = s.p[off];
			off += ((size_t)s.p[off + 1] + 1) * 8;
		} else if (next == 44) {
			if (off + 8 > end || (get16(s.p + off + 2) & 0xfff8))
				return -1;
			next = s.p[off];
			off += 8;
		} else {
			break;
		}
	}
	if (off > end)
		return -1;
	*proto = next;
	l4->p = s.p + off;
	l4->n = end - off;
	l4->len = wire - off;
	return 0;
}

static int network(struct span s, struct segment *seg, struct span *l4)
{
	if (s.n && (s.p[0] >> 4) == 4) {
		seg->family = AF_INET;
		return ipv4(s, &seg->proto, &seg->src, &seg->dst, l4);
	}
	if (s.n && (s.p[0] >> 4) == 6) {
		seg->family = AF_INET6;
		return ipv6(s, &seg->proto, &seg->src, &seg->dst, l4);
	}
	return -1;
}

/* ---- the transport layer ------------------------------------------------------ */

static void tcp_options(struct span o, struct segment *seg)
{
	size_t i = 0;

	while (i < o.n) {
		uint8_t kind = o.p[i], len;

		if (kind == 0)
			break;
		if (kind == 1) {
			i++;
			continue;
		}
		if (i + 1 >= o.n || (len = o.p[i + 1]) < 2 || i + len > o.n)
			break;
		if (kind == 2 && len == 4)
			seg->mss = get16(o.p + i + 2);
		else if (kind == 3 && len == 3)
			seg->wscale = (int8_t)(o.p[i + 2] > 14 ? 14 : o.p[i + 2]);
		else if (kind == 4 && len == 2)
			seg->sack_ok = true;
		else if (kind == 8 && len == 10)
			seg->ts = true;
		i += len;
	}
}

static int tcp(struct span s, struct segment *seg)
{
	size_t doff;

	if (s.n < 20)
		return -1;
	doff = (size_t)(s.p[12] >> 4) * 4;
	if (doff < 20 || doff > s.n)
		return -1;
	seg->sport = get16(s.p);
	seg->dport = get16(s.p + 2);
	seg->seq = get32(s.p + 4);
	seg->ack = get32(s.p + 8);
	seg->flags = s.p[13];
	seg->win = get16(s.p + 14);
	/* the payload as sent, also when the capture kept less of it */
	seg->len = (uint32_t)(s.len - doff);
	tcp_options((struct span){ s.p + 20, doff - 20, doff - 20 }, seg);
	return 0;
}

static int udp(struct span s, struct segment *seg)
{
	uint16_t len;

	if (s.n < 8)
		return -1;
	seg->sport = get16(s.p);
	seg->dport = get16(s.p + 2);
	len = get16(s.p + 4);
	seg->len = len >= 8 ? (uint32_t)len - 8 : 0;
	return 0;
}

/* An ICMP error quotes the IP header of the packet it answers and at
 * least 8 bytes after it: the ports. */
static void quoted(struct span s, struct segment *seg)
{
	struct segment q = { 0 };
	struct span l4;

	if (network(s, &q, &l4) < 0 || l4.n < 4)
		return;
	seg->quoted = true;
	seg->q_proto = q.proto;
	seg->q_src = q.src;
	seg->q_dst = q.dst;
	if (q.proto == IPPROTO_TCP || q.proto == IPPROTO_UDP) {
		seg->q_sport = get16(l4.p);
		seg->q_dport = get16(l4.p + 2);
	}
}

static int icmp(struct span s, struct segment *seg)
{
	uint8_t t;

	if (s.n < 8)
		return -1;
	t = seg->icmp_type = s.p[0];
	seg->icmp_code = s.p[1];
	/* errors: v4 unreachable, source quench, time exceeded, parameter
	 * problem; v6 types below 128 */
	if ((seg->proto == IPPROTO_ICMP && (t == 3 || t == 4 || t == 11 || t == 12)) ||
	    (seg->proto == IPPROTO_ICMPV6 && t < 128))
		quoted((struct span){ s.p + 8, s.n - 8, s.len - 8 }, seg);
	return 0;
}

/* ---- a frame ---------------------------------------------------------------- */

/* Where the network header starts in a frame of the link type, or -1. */
static long link_header(int linktype, const unsigned char *pkt, size_t caplen)
{
	size_t off;
	uint16_t type;

	switch (linktype) {
	case DLT_EN10MB:
		if (caplen < 14)
			return -1;
		off = 12;
		type = get16(pkt + off);
		while ((type == 0x8100 || type == 0x88a8) && off + 6 <= caplen) {
			off += 4;	/* VLAN tags */
			type = get16(pkt + off);
		}
		off += 2;
		return (type == 0x0800 || type == 0x86dd) && off <= caplen ?
		       (long)off : -1;
	case DLT_LINUX_SLL:
		if (caplen < 16)
			return -1;
		type = get16(pkt + 14);
		return type == 0x0800 || type == 0x86dd ? 16 : -1;
	case DLT_RAW:
		return 0;
	default:
		return -1;
	}
}

int capture_parse(int linktype, const unsigned char *pkt, size_t caplen,
		  long long us, struct segment *seg)
{
	long off = link_header(linktype, pkt, caplen);
	struct span l4;

	memset(seg, 0, sizeof(*seg));
	seg->us = us;
	seg->wscale = -1;
	if (off < 0)
		return -1;
	if (network((struct span){ pkt + off, caplen - (size_t)off,
			     caplen - (size_t)off }, seg, &l4) < 0)
		return -1;
	switch (seg->proto) {
	case IPPROTO_TCP: return tcp(l4, seg);
	case IPPROTO_UDP: return udp(l4, seg);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: return icmp(l4, seg);
	default: return -1;
	}
}

void capture_flags_text(uint8_t flags, char *buf, size_t len)
{
	static const struct { uint8_t bit; char c; } letters[] = {
		{ SEG_SYN, 'S' }, { SEG_FIN, 'F' }, { SEG_PSH, 'P' },
		{ SEG_RST, 'R' }, { SEG_URG, 'U' }, { SEG_ECE, 'E' },
		{ SEG_CWR, 'W' }, { SEG_ACK, '.' },
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if ((flags & letters[i].bit) && n + 1 < len)
			buf[n++] = letters[i].c;
	if (len)
		buf[n < len ? n : len - 1] = '\0';
	if (!n && len > 4)
		snprintf(buf, len, "none");
}
