/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_capture.c - the packet parser on frames made here: an Ethernet
 * (loopback) IPv4 SYN with its options, an IPv6 data segment, a UDP
 * datagram, an ICMP port unreachable quoting a UDP datagram, raw and
 * Linux-cooked frames; every frame cut at every length parses or is
 * refused without reading past its end (ASan sees to that); a packet
 * captured in part (a snaplen): its length as sent; tcpdump's flag
 * letters. */
#include <arpa/inet.h>
#include <pcap/dlt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture.h"
#include "tap.h"

static size_t eth(unsigned char *f, uint16_t type)
{
	memset(f, 0, 12);
	f[12] = (unsigned char)(type >> 8);
	f[13] = (unsigned char)type;
	return 14;
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* An IPv4 header at p for a payload of n bytes of protocol proto. */
static size_t ip4(unsigned char *p, uint8_t proto, size_t n, const char *src,
		  const char *dst)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, (unsigned)(20 + n));
	p[8] = 64;
	p[9] = proto;
	inet_pton(AF_INET, src, p + 12);
	inet_pton(AF_INET, dst, p + 16);
	return 20;
}

/* A TCP header with options: mss 65495, sackOK, TS, nop, wscale 7. */
static size_t tcp_syn(unsigned char *p)
{
	static const unsigned char opts[] = {
		2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
	};

	memset(p, 0, 20);
	put16(p, 41744);
	put16(p + 2, 3459);
	put32(p + 4, 2386160166u);
	p[12] = (20 + sizeof(opts)) / 4 << 4;
	p[13] = SEG_SYN;
	put16(p + 14, 65495);
	memcpy(p + 20, opts, sizeof(opts));
	return 20 + sizeof(opts);
}

static void test_syn(void)
{
	unsigned char f[128];
	size_t n = eth(f, 0x0800), t;
	struct segment s;

	t = tcp_syn(f + n + 20);
	n += ip4(f + n, IPPROTO_TCP, t, "127.0.0.1", "127.0.0.2") + t;
	tap_ok(capture_parse(DLT_EN10MB, f, n, 42, &s) == 0, "an IPv4 SYN parses");
	tap_ok(s.family == AF_INET && s.proto == IPPROTO_TCP && s.us == 42,
	       "IPv4, TCP, its time");
	tap_ok(s.sport == 41744 && s.dport == 3459, "its ports (%u > %u)", s.sport,
	       s.dport);
	tap_ok(s.flags == SEG_SYN && s.seq == 2386160166u && s.len == 0 &&
	       s.win == 65495, "flags, seq, len, win");
	tap_ok(s.mss == 65495 && s.sack_ok && s.ts && s.wscale == 7,
	       "options: mss %u, sackOK, TS, wscale %d", s.mss, s.wscale);
	tap_ok(((unsigned char *)&s.dst)[3] == 2, "the destination address");
	/* every prefix: refused or parsed, never read past */
	for (size_t k = 0; k < n; k++) {
		unsigned char *cut = malloc(k ? k : 1);

		memcpy(cut, f, k);
		if (capture_parse(DLT_EN10MB, cut, k, 0, &s) == 0 && k < 14 + 20 + 20) {
			tap_ok(0, "a frame cut at %zu bytes parsed", k);
			free(cut);
			return;
		}
		free(cut);
	}
	tap_ok(1, "every cut of it is refused until its TCP header is whole");
}

static void test_ipv6_data(void)
{
	unsigned char f[128];
	size_t n = eth(f, 0x86dd);
	unsigned char *ip = f + n, *tcp = ip + 40;
	struct segment s;

	memset(ip, 0, 40);
	ip[0] = 0x60;
	put16(ip + 4, 20 + 5);
	ip[6] = IPPROTO_TCP;
	inet_pton(AF_INET6, "::1", ip + 8);
	inet_pton(AF_INET6, "::1", ip + 24);
	memset(tcp, 0, 20);
	put16(tcp, 5000);
	put16(tcp + 2, 80);
	tcp[12] = 5 << 4;
	tcp[13] = SEG_PSH | SEG_ACK;
	memcpy(tcp + 20, "hello", 5);
	n += 40 + 25;
	tap_ok(capture_parse(DLT_EN10MB, f, n, 0, &s) == 0 && s.family == AF_INET6 &&
	       s.len == 5 && s.flags == (SEG_PSH | SEG_ACK) && s.wscale == -1,
	       "IPv6 data: 5 bytes, [P.], no options");
	/* an Ethernet trailer (padding) is not payload: the IP length says */
	tap_ok(capture_parse(DLT_EN10MB, f, n + 6, 0, &s) == 0 && s.len == 5,
	       "padding after the packet is not payload");
}

/* A capture that keeps the first bytes of each packet (a snaplen): the
 * headers whole, the payload cut; its length is what the IP header says. */
static void test_snaplen(void)
{
	unsigned char f[128];
	size_t n = eth(f, 0x0800), t;
	struct segment s;

	t = tcp_syn(f + n + 20);
	f[n + 20 + 13] = SEG_ACK;
	n += ip4(f + n, IPPROTO_TCP, t + 60000, "127.0.0.1", "127.0.0.1") + t;
	memset(f + n, 'x', 16);
	tap_ok(capture_parse(DLT_EN10MB, f, n + 16, 0, &s) == 0 && s.len == 60000 &&
	       s.flags == SEG_ACK && s.mss == 65495,
	       "IPv4, 16 of 60000 bytes captured: len 60000, the options read");
	tap_ok(capture_parse(DLT_EN10MB, f, n, 0, &s) == 0 && s.len == 60000,
	       "IPv4, cut right after the TCP header: len 60000");
	tap_ok(capture_parse(DLT_EN10MB, f, n - 1, 0, &s) < 0,
	       "IPv4, cut inside the TCP header: refused");

	n = eth(f, 0x86dd);
	memset(f + n, 0, 40);
	f[n] = 0x60;
	put16(f + n + 4, 20 + 1000);
	f[n + 6] = IPPROTO_TCP;
	inet_pton(AF_INET6, "::1", f + n + 8);
	inet_pton(AF_INET6, "::1", f + n + 24);
	memset(f + n + 40, 0, 20);
	f[n + 40 + 12] = 5 << 4;
	f[n + 40 + 13] = SEG_PSH | SEG_ACK;
	n += 40 + 20;
	tap_ok(capture_parse(DLT_EN10MB, f, n + 8, 0, &s) == 0 &&
	       s.family == AF_INET6 && s.len == 1000,
	       "IPv6, 8 of 1000 bytes captured: len 1000");
}

static void test_udp_icmp(void)
{
	unsigned char f[160], *p;
	size_t n = 0;
	struct segment s;

	/* raw IPv4 UDP, 4 bytes */
	n = ip4(f, IPPROTO_UDP, 12, "127.0.0.1", "127.0.0.1");
	put16(f + n, 5301);
	put16(f + n + 2, 5302);
	put16(f + n + 4, 12);
	n += 12;
	tap_ok(capture_parse(DLT_RAW, f, n, 0, &s) == 0 && s.proto == IPPROTO_UDP &&
	       s.len == 4 && s.sport == 5301 && s.dport == 5302,
	       "a raw UDP datagram of 4 bytes");
	/* ICMP port unreachable quoting a UDP datagram to 5399 */
	p = f + 20;
	n = ip4(f, IPPROTO_ICMP, 8 + 20 + 8, "127.0.0.1", "127.0.0.1");
	memset(p, 0, 8);
	p[0] = 3;
	p[1] = 3;
	ip4(p + 8, IPPROTO_UDP, 8, "127.0.0.1", "127.0.0.9");
	put16(p + 28, 5301);
	put16(p + 30, 5399);
	n += 8 + 28;
	tap_ok(capture_parse(DLT_RAW, f, n, 0, &s) == 0 && s.proto == IPPROTO_ICMP &&
	       s.icmp_type == 3 && s.icmp_code == 3 && s.quoted &&
	       s.q_proto == IPPROTO_UDP && s.q_sport == 5301 && s.q_dport == 5399 &&
	       ((unsigned char *)&s.q_dst)[3] == 9,
	       "ICMP port unreachable: the datagram it quotes");
	/* Linux cooked: a 16-byte header, protocol at 14 */
	memmove(f + 16, f, n);
	memset(f, 0, 16);
	put16(f + 14, 0x0800);
	tap_ok(capture_parse(DLT_LINUX_SLL, f, n + 16, 0, &s) == 0 &&
	       s.proto == IPPROTO_ICMP, "a Linux cooked frame");
	tap_ok(capture_parse(DLT_EN10MB, f, 14, 0, &s) < 0, "ARP-sized nothing: refused");
	f[12] = 0x08;
	f[13] = 0x06;	/* ARP */
	tap_ok(capture_parse(DLT_EN10MB, f, 60, 0, &s) < 0, "ARP: refused");
	tap_ok(capture_parse(12345, f, 60, 0, &s) < 0, "an unknown link type: refused");
}

static void test_flags(void)
{
	static const struct { uint8_t f; const char *want; } cases[] = {
		{ SEG_SYN, "S" }, { SEG_SYN | SEG_ACK, "S." }, { SEG_ACK, "." },
		{ SEG_PSH | SEG_ACK, "P." }, { SEG_FIN | SEG_ACK, "F." },
		{ SEG_RST, "R" }, { SEG_RST | SEG_ACK, "R." }, { 0, "none" },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		capture_flags_text(cases[i].f, buf, sizeof(buf));
		tap_is_str(buf, cases[i].want, "flags 0x%02x in tcpdump's letters",
			   (unsigned)cases[i].f);
	}
}

int main(void)
{
	test_syn();
	test_ipv6_data();
	test_snaplen();
	test_udp_icmp();
	test_flags();
	return tap_done();
}
