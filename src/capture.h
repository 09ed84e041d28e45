/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.h - the stage's packets, through libpcap: a capture on an
 * interface (the sandbox's loopback), each packet seen once, read without
 * blocking, parsed into a segment record, and written to a pcap file when
 * asked. The parser is a pure function of the bytes, so that tests and a
 * fuzzer can feed it anything. */
#ifndef SOCKSTAGE_CAPTURE_H
#define SOCKSTAGE_CAPTURE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* TCP's flags, as in its header. */
enum {
	SEG_FIN = 0x01, SEG_SYN = 0x02, SEG_RST = 0x04, SEG_PSH = 0x08,
	SEG_ACK = 0x10, SEG_URG = 0x20, SEG_ECE = 0x40, SEG_CWR = 0x80,
};

/* One packet on the wire, as far as the stage cares. */
struct segment {
	long long us;			/* captured at (µs, the capture's clock) */
	uint8_t family;			/* AF_INET, AF_INET6 */
	uint8_t proto;			/* IPPROTO_TCP, _UDP, _ICMP, _ICMPV6 */
	struct in6_addr src, dst;	/* IPv4: the first 4 bytes */
	uint16_t sport, dport;		/* host order; 0 for ICMP */
	uint32_t len;			/* TCP/UDP payload bytes, as sent */
	/* TCP */
	uint8_t flags;
	uint32_t seq, ack;		/* as on the wire */
	uint16_t win;			/* as on the wire (unscaled) */
	uint16_t mss;			/* option, 0: none */
	int8_t wscale;			/* option, -1: none */
	bool sack_ok, ts;		/* options */
	/* ICMP errors: type and code, and the ends of the packet quoted */
	uint8_t icmp_type, icmp_code;
	bool quoted;
	uint8_t q_proto;
	struct in6_addr q_src, q_dst;
	uint16_t q_sport, q_dport;
};

/* Parse one captured frame of link type linktype (DLT_EN10MB, the
 * loopback's; DLT_LINUX_SLL; DLT_RAW), caplen bytes of it at pkt, into
 * seg (its us set to us). Returns 0, or -1 when it is not an IPv4/IPv6
 * TCP, UDP or ICMP packet, or is cut short of its headers, or malformed:
 * nothing is read beyond caplen. A frame cut in its payload (a snaplen)
 * parses: the payload's length is the one its IP (or UDP) header says. */
int capture_parse(int linktype, const unsigned char *pkt, size_t caplen,
		  long long us, struct segment *seg);

/* tcpdump's letters for flags: "S", "S.", "P.", "F.", "R", "R.", "." */
void capture_flags_text(uint8_t flags, char *buf, size_t len);

struct capture;
typedef void (*capture_fn)(void *ctx, const struct segment *seg);

/* Open a capture of TCP, UDP and ICMP on interface ifname (incoming
 * packets only: on loopback every packet comes in once). Returns NULL
 * with a message in err (no CAP_NET_RAW: it says so). */
struct capture *capture_open(const char *ifname, char *err, size_t errlen);
void capture_close(struct capture *c);
/* Only the segments of these ports from now on (and ICMP errors): on the
 * host's loopback, the stage's and not everyone's. Returns 0 or -1. */
int capture_only_ports(struct capture *c, const uint16_t *ports, int n,
		       char *err, size_t errlen);
/* A descriptor that is readable when segments wait (poll it). A thread
 * of the capture's own reads the packets as they come (and writes them
 * to the pcap file); the caller only takes the segments it parsed. */
int capture_fd(const struct capture *c);
/* Take the segments read so far, without waiting: fn for each. Returns
 * how many, or -1 with a message in err (the capture failed). */
int capture_drain(struct capture *c, capture_fn fn, void *ctx, char *err,
		  size_t errlen);
/* Read what the kernel has captured up to now, in the caller's thread
 * (the capture's own may not have woken yet): then capture_drain takes
 * every packet that came before this call. Returns 0 or -1. */
int capture_catch_up(struct capture *c);
/* Segments the caller fell behind on (the queue was full): lost to the
 * screen, not to the pcap file. */
unsigned long long capture_lost(struct capture *c);
/* A pcap file (--pcap) on fd, owned from here: the loopback's link type,
 * whole packets. NULL with a message. */
struct capture_file;
struct capture_file *capture_file_open(int fd, char *err, size_t errlen);
/* How many packets went into it. */
unsigned long long capture_file_packets(const struct capture_file *f);
/* How many the kernel dropped before they could (capture_dropped of each
 * capture attached to it, added when the capture closes). */
unsigned long long capture_file_dropped(const struct capture_file *f);
/* Flush and close it; -1 when the flush failed. */
int capture_file_close(struct capture_file *f);
/* From now on every packet c reads also goes to f (NULL: none); f is
 * not c's and outlives it. */
void capture_attach(struct capture *c, struct capture_file *f);
/* Packets the kernel dropped before the capture read them. */
unsigned capture_dropped(struct capture *c);

#endif
