/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_pcapng.c - the pcapng writer, byte by byte: a file with two
 * interfaces, packets with and without comments, an interface's
 * statistics, read back here block by block: block types, the total
 * length at both ends of each block (equal, a multiple of 4), the
 * section's byte-order magic and version, each option's code, length,
 * value and padding and the opt_endofopt that ends a list, timestamps
 * split in their high and low 32 bits, a comment cut on a character's
 * boundary; calls refused without harm to the file; a write that fails
 * (/dev/full) fails every later call and the close. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcapng.h"
#include "pcapng_read.h"
#include "tap.h"

/* ---- the file ---------------------------------------------------------- */

#define US_A 0x0006446A12345678LL	/* high 0x0006446A, low 0x12345678 */
#define US_C 0x100000000LL		/* high 1, low 0 */

static char path[] = "/tmp/test_pcapng.XXXXXX";
static unsigned char frame[60], five[5] = { 1, 2, 3, 4, 5 }, seven[7];
static char long_comment[65537];
static char err[256];		/* the last call's message */

static int pkt(struct pcapng *w, uint32_t iface, long long us,
	       const void *bytes, uint32_t caplen, uint32_t origlen,
	       const char *comment)
{
	return pcapng_write_packet(w, iface, us, bytes, caplen, origlen,
				   comment, err, sizeof(err));
}

/* Packets with and without comments, refusals between them. */
static void write_packets(struct pcapng *w)
{
	int ok = 1;

	ok &= pkt(w, 0, US_A, frame, 60, 60, NULL) == 0;
	ok &= pkt(w, 1, 1, five, 5, 1500, "held") == 0;
	ok &= pkt(w, 1, US_C, seven, 7, 7, "delayed 200 ms") == 0;
	ok &= pkt(w, 0, 2, frame, 14, 14, "") == 0;
	ok &= pkt(w, 1, 3, NULL, 0, 40, "dropped") == 0;
	ok &= pkt(w, 1, 4, five, 1, 1, long_comment) == 0;
	tap_ok(ok, "six packets written (%s)", err);

	tap_is_int(pkt(w, 2, 5, five, 5, 5, NULL), -1, "no interface 2: refused");
	tap_ok(strstr(err, "no interface 2") != NULL, "and said: %s", err);
	tap_is_int(pkt(w, 0, 5, five, 5, 4, NULL), -1,
		   "more bytes than the packet had: refused (%s)", err);
	tap_is_int(pkt(w, 0, -1, five, 5, 5, NULL), -1,
		   "a time before the epoch: refused (%s)", err);
	tap_is_int(pkt(w, 0, 6, five, PCAPNG_MAX_CAPLEN + 1,
		       PCAPNG_MAX_CAPLEN + 1, NULL), -1,
		   "more than the largest snapshot: refused (%s)", err);
	tap_is_int(pkt(w, 0, 7, five, 5, 5, "duplicated"), 0,
		   "and the file goes on");
}

static int write_file(void)
{
	int fd = mkstemp(path);
	struct pcapng *w;

	for (size_t i = 0; i < sizeof(frame); i++)
		frame[i] = (unsigned char)(i * 7);
	memset(seven, 0xee, sizeof(seven));
	/* 65534 'a', then U+00E9 (2 bytes) straddling the cut at 65535 */
	memset(long_comment, 'a', 65534);
	memcpy(long_comment + 65534, "\xc3\xa9", 3);
	w = fd < 0 ? NULL : pcapng_open(fdopen(fd, "wb"), err, sizeof(err));
	tap_ok(w != NULL, "a file opens (%s)", err);
	if (!w)
		return 0;
	tap_is_int(pcapng_add_iface(w, "lo", PCAPNG_LINKTYPE_ETHERNET, 256, err,
				    sizeof(err)), 0, "interface 0: lo");
	tap_is_int(pcapng_add_iface(w, "wire", PCAPNG_LINKTYPE_RAW, 0, err,
				    sizeof(err)), 1, "interface 1: wire");
	write_packets(w);
	tap_is_int(pcapng_write_ifdrop(w, 0, 8, 0x100000002ULL, err,
				       sizeof(err)), 0, "statistics of interface 0");
	tap_is_int(pcapng_write_ifdrop(w, 3, 8, 1, err, sizeof(err)), -1,
		   "statistics of no interface: refused");
	tap_is_int(pcapng_flush(w, err, sizeof(err)), 0, "flushed");
	err[0] = '\0';
	tap_is_int(pcapng_close(w, err, sizeof(err)), 0, "closed (%s)", err);
	return 1;
}

/* ---- checking it ------------------------------------------------------ */

static void check_shb(const struct block *b)
{
	struct opt o[4];

	tap_ok(b->type == 0x0A0D0D0A &&
	       memcmp(b->p, "\x0a\x0d\x0d\x0a", 4) == 0,
	       "block 1: a Section Header Block");
	tap_ok(memcmp(b->p + 8, "\x4d\x3c\x2b\x1a", 4) == 0,
	       "the byte-order magic 0x1A2B3C4D, little-endian");
	tap_ok(get16(b->p + 12) == 1 && get16(b->p + 14) == 0, "version 1.0");
	tap_ok(get64(b->p + 16) == UINT64_MAX,
	       "the section's length: -1 (not said)");
	tap_ok(options(b, 24, o, 4) == 1 &&
	       opt_is(&o[0], 4, "sockstage " PACKAGE_VERSION),
	       "shb_userappl 'sockstage %s', then opt_endofopt", PACKAGE_VERSION);
	/* 24, an option: 4 + "sockstage 0.1.0" padded to 16, 4, 4 */
	tap_is_int(b->len, 24 + 4 + (sizeof("sockstage " PACKAGE_VERSION) + 2) / 4 *
		   4 + 4 + 4, "the SHB's length");
}

static void check_idb(const struct block *b, int n, const char *name,
		      uint16_t link, uint32_t snaplen)
{
	struct opt o[4];

	tap_ok(b->type == 1, "block %d: an Interface Description Block", n);
	tap_ok(get16(b->p + 8) == link && get16(b->p + 10) == 0 &&
	       get32(b->p + 12) == snaplen,
	       "link type %u, reserved 0, snaplen %u", link, snaplen);
	tap_ok(options(b, 16, o, 4) == 2 && opt_is(&o[0], 2, name) &&
	       o[1].code == 9 && o[1].len == 1 && o[1].v[0] == 6,
	       "if_name '%s', if_tsresol 6, opt_endofopt", name);
}

/* An Enhanced Packet Block: its fields, its bytes and their padding;
 * its options into o (how many, or -1). */
static int epb(const struct block *b, uint32_t iface, long long us,
	       const unsigned char *bytes, uint32_t caplen, uint32_t origlen,
	       struct opt *o, int max)
{
	uint32_t padded = (caplen + 3) & ~3u;

	if (b->type != 6 || get32(b->p + 8) != iface ||
	    get32(b->p + 12) != (uint32_t)((uint64_t)us >> 32) ||
	    get32(b->p + 16) != (uint32_t)(us & 0xffffffff) ||
	    get32(b->p + 20) != caplen || get32(b->p + 24) != origlen ||
	    b->len < 28 + padded + 4 ||
	    (caplen && memcmp(b->p + 28, bytes, caplen)))
		return -2;
	for (uint32_t i = caplen; i < padded; i++)
		if (b->p[28 + i])
			return -2;
	return options(b, 28 + padded, o, max);
}

static void check_packets(const struct block *b)
{
	struct opt o[4];

	tap_is_int(epb(&b[0], 0, US_A, frame, 60, 60, o, 4), 0,
		   "block 4: a packet of lo, 60 bytes, no options");
	tap_ok(get32(b[0].p + 12) == 0x0006446A &&
	       get32(b[0].p + 16) == 0x12345678,
	       "its time: high 0x0006446A, low 0x12345678");
	tap_is_int(b[0].len, 28 + 60 + 4, "its length: no options");
	tap_ok(epb(&b[1], 1, 1, five, 5, 1500, o, 4) == 1 &&
	       opt_is(&o[0], 1, "held"),
	       "5 bytes of 1500 on wire, padded to 8, comment 'held'");
	tap_is_int(b[1].len, 28 + 8 + 4 + 4 + 4 + 4, "its length");
	tap_ok(epb(&b[2], 1, US_C, seven, 7, 7, o, 4) == 1 &&
	       opt_is(&o[0], 1, "delayed 200 ms"),
	       "comment 'delayed 200 ms' (14 bytes, padded to 16)");
	tap_ok(get32(b[2].p + 12) == 1 && get32(b[2].p + 16) == 0,
	       "its time: high 1, low 0");
	tap_is_int(b[2].len, 28 + 8 + 4 + 16 + 4 + 4, "its length");
	tap_is_int(epb(&b[3], 0, 2, frame, 14, 14, o, 4), 0,
		   "an empty comment: no options");
	tap_is_int(b[3].len, 28 + 16 + 4, "its length");
	tap_ok(epb(&b[4], 1, 3, NULL, 0, 40, o, 4) == 1 &&
	       opt_is(&o[0], 1, "dropped"),
	       "no bytes of 40, comment 'dropped'");
	tap_ok(epb(&b[5], 1, 4, five, 1, 1, o, 4) == 1 && o[0].code == 1 &&
	       o[0].len == 65534 && o[0].v[65533] == 'a',
	       "a comment of 65536 bytes: cut before the character across "
	       "byte 65535");
	tap_ok(epb(&b[6], 0, 7, five, 5, 5, o, 4) == 1 &&
	       opt_is(&o[0], 1, "duplicated"),
	       "after the refusals: the next packet, 'duplicated'");
}

static void check_isb(const struct block *b)
{
	struct opt o[4];

	tap_ok(b->type == 5 && get32(b->p + 8) == 0 && get32(b->p + 12) == 0 &&
	       get32(b->p + 16) == 8,
	       "an Interface Statistics Block of lo, at 8 us");
	tap_ok(options(b, 20, o, 4) == 1 && o[0].code == 5 && o[0].len == 8 &&
	       get32(o[0].v) == 2 && get32(o[0].v + 4) == 1,
	       "isb_ifdrop 0x100000002, low 32 bits first");
}

static void test_file(void)
{
	struct block b[16];
	unsigned char *buf;
	size_t n;
	int k;

	if (!write_file())
		return;
	buf = slurp(path, &n);
	unlink(path);
	k = blocks(buf, n, b, 16);
	tap_is_int(k, 11, "11 blocks, each with its length at both ends, a "
		   "multiple of 4");
	if (k == 11) {
		check_shb(&b[0]);
		check_idb(&b[1], 2, "lo", 1, 256);
		check_idb(&b[2], 3, "wire", 101, 0);
		check_packets(&b[3]);
		check_isb(&b[10]);
	}
	free(buf);
}

/* A write that fails: that call, every later one and the close say so. */
static void test_failure(void)
{
	char why[256] = "";
	FILE *f = fopen("/dev/full", "wb");
	struct pcapng *w = f ? pcapng_open(f, err, sizeof(err)) : NULL;

	if (!w) {
		tap_ok(1, "# SKIP no /dev/full");
		return;
	}
	tap_is_int(pcapng_flush(w, why, sizeof(why)), -1,
		   "a full disk: the flush fails (%s)", why);
	tap_ok(strstr(why, "pcapng file") && strstr(why, strerror(ENOSPC)),
	       "and says why");
	tap_is_int(pcapng_add_iface(w, "lo", 1, 0, err, sizeof(err)), -1,
		   "then no more interfaces");
	tap_is_str(err, why, "for the same reason");
	tap_is_int(pkt(w, 0, 1, five, 5, 5, NULL), -1, "nor packets");
	tap_is_int(pcapng_close(w, err, sizeof(err)), -1, "and the close fails");
	tap_is_int(pcapng_close(NULL, err, sizeof(err)), 0, "closing nothing");
	tap_ok(pcapng_open(NULL, err, sizeof(err)) == NULL, "no file: refused");
}

int main(void)
{
	test_file();
	test_failure();
	return tap_done();
}
