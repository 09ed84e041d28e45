/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcapng.h - a writer of pcapng files (the format tcpdump, tshark and
 * Wireshark read), for --pcap: one section, its interfaces, and packets
 * that may each carry a comment (what the stage's wire did to it: held,
 * delayed, dropped, duplicated), which classic pcap files cannot.
 *
 * Every block is written in little-endian order, with the byte-order
 * magic 0x1A2B3C4D in the section header that says so; timestamps are
 * microseconds since the epoch (if_tsresol 6). The writer only writes: it
 * takes no lock (callers that share one serialize) and never exits;
 * failures come back as -1 with a message, and once a write failed every
 * later call fails with the same message (the file is short a block).
 *
 *	struct pcapng *w = pcapng_open(f, err, sizeof(err));
 *	int lo = pcapng_add_iface(w, "lo", PCAPNG_LINKTYPE_ETHERNET, 256, ...);
 *	pcapng_write_packet(w, lo, us, bytes, caplen, len, "held", ...);
 *	pcapng_close(w, err, sizeof(err));
 */
#ifndef SOCKSTAGE_PCAPNG_H
#define SOCKSTAGE_PCAPNG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Link types a file records (LINKTYPE_ values, which are not always the
 * DLT_ of the same name: Linux's DLT_RAW is 12). */
#define PCAPNG_LINKTYPE_ETHERNET 1	/* DLT_EN10MB: the loopback's frames */
#define PCAPNG_LINKTYPE_RAW 101		/* IPv4 or IPv6, no link header */

/* The most bytes of a packet one block takes (as libpcap's largest
 * snapshot length). */
#define PCAPNG_MAX_CAPLEN 262144u

struct pcapng;

/* Start a file on f, owned from here (pcapng_close closes it, also when
 * this fails): its Section Header Block, naming the writer in
 * shb_userappl ("sockstage VERSION"). Returns NULL with a message in
 * err. */
struct pcapng *pcapng_open(FILE *f, char *err, size_t errlen);

/* Describe an interface the packets that follow may come from (an
 * Interface Description Block: if_name name, if_tsresol 6), of link type
 * linktype (a LINKTYPE_ value) and snapshot length snaplen (0: none).
 * Returns its id (0, 1, ... in the order of the calls), or -1 with a
 * message. */
int pcapng_add_iface(struct pcapng *w, const char *name, uint16_t linktype,
		     uint32_t snaplen, char *err, size_t errlen);

/* One packet (an Enhanced Packet Block) seen on interface iface at us
 * microseconds since the epoch: caplen bytes of it at bytes, of the
 * origlen it had (caplen <= origlen, caplen <= PCAPNG_MAX_CAPLEN), with
 * comment as its opt_comment (UTF-8, cut at 65535 bytes on a character's
 * boundary; NULL or "": no option). Returns 0, or -1 with a message. */
int pcapng_write_packet(struct pcapng *w, uint32_t iface, long long us,
			const void *bytes, uint32_t caplen, uint32_t origlen,
			const char *comment, char *err, size_t errlen);

/* What interface iface lost at us (an Interface Statistics Block):
 * isb_ifdrop dropped, the packets the interface's capture dropped since
 * it began. Returns 0, or -1 with a message. */
int pcapng_write_ifdrop(struct pcapng *w, uint32_t iface, long long us,
			uint64_t dropped, char *err, size_t errlen);

/* Hand what was written to the file (fflush): a reader sees whole blocks
 * up to here. Returns 0, or -1 with a message. */
int pcapng_flush(struct pcapng *w, char *err, size_t errlen);

/* Flush and close the file and free w (NULL: nothing). Returns 0, or -1
 * with a message when the file is not whole: a write, the flush or the
 * close failed, now or before. */
int pcapng_close(struct pcapng *w, char *err, size_t errlen);

#endif
