/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.h - the stage's packets, through libpcap: a capture on an
 * interface (the sandbox's loopback), each packet seen once, read without
 * blocking, parsed into a segment record, and written to a pcapng file
 * (--pcap) when asked, where other threads (a relay between hosts) may
 * write packets too, each with a comment when it has one. The parser is a
 * pure function of the bytes, so that tests and a fuzzer can feed it
 * anything. */
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
/* The first bytes of each packet that are kept, by the capture and in
 * the file (as tcpdump -s 256 keeps them): every header Linux puts on
 * loopback (Ethernet, IPv4 or IPv6 with options, TCP with 40 bytes of
 * options: 134 bytes at most over IPv4) and a short message whole; a
 * segment's length is the one its IP header says. Whole packets did not
 * keep up with a bulk transfer (bench/wire-bulk: 200 MB over one loopback
 * connection beside the TUI, ~3,600 segments of up to 64 KiB in 0.05-0.1
 * s, 9 rounds): the TUI missed a median 1,900 segments a round (20-84%),
 * and with the TUI stopped the 4 MiB ring kept 30 of them. With 256 bytes
 * it missed none, and stopped it kept 6,240 (some 280 MB of such a
 * transfer); 128 bytes: none missed, 10,079 kept. */
#define CAPTURE_SNAPLEN 256

/* The packets of a file's interface (LINKTYPE_ values, the same as
 * pcapng.h's; Linux's DLT_RAW is 12, not 101). The file says Ethernet of
 * every interface and puts a loopback's Ethernet header (zero addresses,
 * type 0x0800 or 0x86DD) before each bare IP packet: tcpdump (libpcap
 * 1.10) reads no file whose interfaces differ in link type. */
#define CAPTURE_LINKTYPE_ETHERNET 1	/* the loopback's frames */
#define CAPTURE_LINKTYPE_RAW 101	/* bare IPv4 and IPv6 packets (a TUN
					   device's) */

/* A pcapng file (--pcap) on fd, owned from here. It outlives the captures
 * that write into it (the TUI's stage starts again in a new namespace,
 * with a new capture, and the file goes on), and several threads may
 * write into it at once (the capture's, a relay's): each call below
 * takes the file's lock. NULL with a message. */
struct capture_file;
struct capture_file *capture_file_open(int fd, char *err, size_t errlen);
/* The interface called name, whose packets are of link type linktype
 * (CAPTURE_LINKTYPE_ETHERNET or _RAW), described in f the first time it
 * is asked for: its id, the same for the same name and link type. -1:
 * another link type, or the file could not be written. */
int capture_file_iface(struct capture_file *f, const char *name, int linktype);
/* One packet seen on interface iface (an id from capture_file_iface) at
 * us (microseconds since the epoch): its first caplen bytes at bytes, of
 * the origlen it had, with a comment (what the wire did to it: "held",
 * "delayed 200 ms"...; NULL or "": none). The file keeps at most
 * CAPTURE_SNAPLEN bytes of it, counting the Ethernet header it puts
 * before a bare IP packet (and in its length). Returns 0, or -1 (no such
 * interface, or the file could not be written: capture_file_close says
 * so). */
int capture_file_write(struct capture_file *f, int iface, long long us,
		       const void *bytes, uint32_t caplen, uint32_t origlen,
		       const char *comment);
/* Hand what was written to the file, so that a reader sees it now.
 * Returns 0 or -1. */
int capture_file_flush(struct capture_file *f);
/* The capture of interface iface dropped n packets before they could be
 * written: counted (capture_file_dropped), and the interface's drops so
 * far go into the file (an Interface Statistics Block, isb_ifdrop). */
void capture_file_count_drops(struct capture_file *f, int iface,
			      unsigned long long n);
/* How many packets went into it. */
unsigned long long capture_file_packets(struct capture_file *f);
/* How many the kernel dropped before they could (capture_dropped of each
 * capture attached to it, added when the capture closes). */
unsigned long long capture_file_dropped(struct capture_file *f);
/* Flush and close it (NULL: nothing); -1 when it is not whole (a write,
 * the flush or the close failed). */
int capture_file_close(struct capture_file *f);
/* From now on every packet c reads also goes to f (NULL: none), on an
 * interface of c's name; f is not c's and outlives it. */
void capture_attach(struct capture *c, struct capture_file *f);
/* Packets the kernel dropped before the capture read them. */
unsigned capture_dropped(struct capture *c);

#endif
