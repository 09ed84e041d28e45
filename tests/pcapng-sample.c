/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcapng-sample.c - test helper for tests/pcapng.sh and
 * tests/pcapng-tshark.sh: writes FILE (a new file) through the --pcap
 * file's API, as a relay between hosts will, so that tcpdump and tshark
 * can be asked what they read in it:
 *
 *   #  interface  time (s since the epoch)  packet                      comment
 *   1  lo         1764806400.000001   127.0.0.1.40000 > .3459 [S]       -
 *   2  wire       1764806400.100002   10.0.0.2.40001 > 10.0.0.3.3459 [S]  held
 *   3  wire       1764806400.200003   the same SYN again                delayed 200 ms
 *   4  wire       1764806400.300004   10.0.0.3.3459 > 10.0.0.2.40001 [S.] dropped
 *   5  wire       1764806400.400005   10.0.0.2.40001 > 10.0.0.3.3459 [.] duplicated
 *   6  wire       1764806400.500006   the same ACK again                -
 *   7  wire       1764806400.600007   10.0.0.2.40001 > 10.0.0.3.3459 [F.] wire down — unplugged
 *   8  wire       1764806400.700008   fd00::2.40002 > fd00::3.3459 [S]   held
 *
 * lo's packet is an Ethernet frame as on loopback (zero addresses), the
 * wire's are bare IP packets as a TUN device gives them (the file frames
 * them as loopback does); each with a TCP header of 20 bytes and no
 * payload. Then the loopback's capture dropped 2 packets (an
 * isb_ifdrop). Prints nothing; exit 0, or 1 with a message. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "capture.h"

#define T0 1764806400000000LL	/* 2025-12-04 00:00:00 UTC, in µs */

struct sample {
	int on_wire;
	const char *src, *dst;
	uint16_t sport, dport;
	uint8_t flags;
	const char *comment;
};

static const struct sample samples[] = {
	{ 0, "127.0.0.1", "127.0.0.1", 40000, 3459, SEG_SYN, NULL },
	{ 1, "10.0.0.2", "10.0.0.3", 40001, 3459, SEG_SYN, "held" },
	{ 1, "10.0.0.2", "10.0.0.3", 40001, 3459, SEG_SYN, "delayed 200 ms" },
	{ 1, "10.0.0.3", "10.0.0.2", 3459, 40001, SEG_SYN | SEG_ACK, "dropped" },
	{ 1, "10.0.0.2", "10.0.0.3", 40001, 3459, SEG_ACK, "duplicated" },
	{ 1, "10.0.0.2", "10.0.0.3", 40001, 3459, SEG_ACK, "" },
	{ 1, "10.0.0.2", "10.0.0.3", 40001, 3459, SEG_FIN | SEG_ACK,
	  "wire down \xe2\x80\x94 unplugged" },
	{ 1, "fd00::2", "fd00::3", 40002, 3459, SEG_SYN, "held" },
};

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* The IP header of s at ip, for a TCP header of 20 bytes: its length. */
static size_t ip_header(unsigned char *ip, const struct sample *s)
{
	if (strchr(s->src, ':')) {
		memset(ip, 0, 40);
		ip[0] = 0x60;
		put16(ip + 4, 20);
		ip[6] = IPPROTO_TCP;
		ip[7] = 64;
		inet_pton(AF_INET6, s->src, ip + 8);
		inet_pton(AF_INET6, s->dst, ip + 24);
		return 40;
	}
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, 40);
	ip[8] = 64;
	ip[9] = IPPROTO_TCP;
	inet_pton(AF_INET, s->src, ip + 12);
	inet_pton(AF_INET, s->dst, ip + 16);
	return 20;
}

/* The packet of s at p: on lo an Ethernet frame, on the wire bare IP.
 * Returns its length. */
static size_t packet(unsigned char *p, const struct sample *s, uint32_t seq)
{
	size_t eth = s->on_wire ? 0 : 14, n;
	unsigned char *tcp;

	memset(p, 0, eth);
	if (eth)
		put16(p + 12, 0x0800);
	n = eth + ip_header(p + eth, s);
	tcp = p + n;
	memset(tcp, 0, 20);
	put16(tcp, s->sport);
	put16(tcp + 2, s->dport);
	put16(tcp + 4, seq >> 16);
	put16(tcp + 6, seq & 0xffff);
	tcp[12] = 5 << 4;
	tcp[13] = s->flags;
	put16(tcp + 14, 65535);
	return n + 20;
}

int main(int argc, char **argv)
{
	char err[256];
	struct capture_file *cf;
	unsigned char p[80];
	int fd, iface[2];

	if (argc != 2) {
		fputs("usage: pcapng-sample FILE\n", stderr);
		return 1;
	}
	fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (!(cf = capture_file_open(fd, err, sizeof(err)))) {
		fprintf(stderr, "pcapng-sample: %s\n", err);
		return 1;
	}
	iface[0] = capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_ETHERNET);
	iface[1] = capture_file_iface(cf, "wire", CAPTURE_LINKTYPE_RAW);
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const struct sample *s = &samples[i];
		size_t n = packet(p, s, 1000);

		if (capture_file_write(cf, iface[s->on_wire],
				       T0 + (long long)i * 100001 + 1, p,
				       (uint32_t)n, (uint32_t)n, s->comment) < 0) {
			fprintf(stderr, "pcapng-sample: packet %zu not written\n",
				i + 1);
			return 1;
		}
	}
	capture_file_count_drops(cf, iface[0], 2);
	if (capture_file_close(cf) < 0) {
		fputs("pcapng-sample: the file is not whole\n", stderr);
		return 1;
	}
	return 0;
}
