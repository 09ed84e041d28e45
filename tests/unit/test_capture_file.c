/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_capture_file.c - the --pcap file (capture_file_*), read back: an
 * interface described once for the same name and link type, every one
 * as Ethernet (tcpdump reads no file whose interfaces differ in it); a
 * bare IPv4 or IPv6 packet (a TUN device's) framed as loopback frames
 * it, and kept to its first CAPTURE_SNAPLEN bytes with its length as
 * sent and its comment; two threads writing at once (as the capture's
 * and a relay's will), every block whole and each thread's packets in
 * their order; the kernel's drops counted and written as isb_ifdrop, the
 * interface's total so far. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "pcapng_read.h"
#include "tap.h"

#define PER_THREAD 100000
#define MAX_BLOCKS (2 * PER_THREAD + 16)
#define LO 0			/* the interfaces' ids */
#define WIRE 1
#define LO_RAW 2
#define WIRE2 3

static char path[] = "/tmp/test_capture_file.XXXXXX";
static unsigned char ip4[1000], ip6[40];
static pthread_barrier_t together;	/* the threads start at once */

struct writer {
	struct capture_file *cf;
	int iface;
	int failed;
};

/* Packets whose bytes and comment say which thread wrote them, and when. */
static void *write_many(void *arg)
{
	struct writer *w = arg;
	char comment[64];
	unsigned char bytes[8];

	pthread_barrier_wait(&together);
	for (int i = 0; i < PER_THREAD; i++) {
		snprintf(comment, sizeof(comment), "thread %d packet %d",
			 w->iface, i);
		memcpy(bytes, &i, sizeof(i));
		memset(bytes + sizeof(i), w->iface, sizeof(bytes) - sizeof(i));
		if (capture_file_write(w->cf, w->iface, 1000 + i, bytes,
				       sizeof(bytes), sizeof(bytes),
				       w->iface == WIRE2 ? comment : NULL) < 0)
			w->failed++;
	}
	return NULL;
}

static void interfaces(struct capture_file *cf)
{
	tap_is_int(capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_ETHERNET), LO,
		   "lo: interface 0");
	tap_is_int(capture_file_iface(cf, "wire", CAPTURE_LINKTYPE_RAW), WIRE,
		   "wire, of bare IP packets: interface 1");
	tap_is_int(capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_ETHERNET), LO,
		   "lo again (a stage started again): interface 0");
	tap_is_int(capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_RAW), LO_RAW,
		   "lo of bare IP packets: interface 2");
	tap_is_int(capture_file_iface(cf, "any", 113), -1,
		   "Linux cooked frames: refused");
	tap_is_int(capture_file_iface(cf, "wire2", CAPTURE_LINKTYPE_ETHERNET),
		   WIRE2, "wire2: interface 3");
}

/* Two threads at once, on lo and on wire2. */
static void threads(struct capture_file *cf)
{
	struct writer w[2] = { { cf, LO, 0 }, { cf, WIRE2, 0 } };
	pthread_t t[2];

	pthread_barrier_init(&together, NULL, 2);
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, write_many, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&together);
	tap_ok(!w[0].failed && !w[1].failed, "two threads wrote %d packets each",
	       PER_THREAD);
}

static void write_file(void)
{
	char err[256] = "";
	int fd = mkstemp(path);
	struct capture_file *cf = fd < 0 ? NULL : capture_file_open(fd, err,
								    sizeof(err));

	tap_ok(cf != NULL, "the file opens (%s)", err);
	if (!cf)
		return;
	interfaces(cf);
	memset(ip4, 0xab, sizeof(ip4));
	ip4[0] = 0x45;
	memset(ip6, 0xcd, sizeof(ip6));
	ip6[0] = 0x60;
	tap_is_int(capture_file_write(cf, WIRE, 42, ip4, sizeof(ip4),
				      sizeof(ip4), "held"), 0,
		   "an IPv4 packet of 1000 bytes on wire, 'held'");
	tap_is_int(capture_file_write(cf, WIRE, 43, ip6, sizeof(ip6),
				      sizeof(ip6), NULL), 0,
		   "an IPv6 packet of 40 bytes on wire");
	tap_is_int(capture_file_write(cf, 4, 44, ip6, 4, 4, NULL), -1,
		   "no interface 4: refused");
	tap_is_int(capture_file_write(cf, -1, 44, ip6, 4, 4, NULL), -1,
		   "no interface -1: refused");
	tap_is_int(capture_file_write(cf, WIRE, 44, NULL, 4, 4, NULL), -1,
		   "no bytes: refused");
	threads(cf);
	tap_is_int(capture_file_flush(cf), 0, "flushed");
	capture_file_count_drops(cf, LO, 3);
	capture_file_count_drops(cf, LO, 4);
	capture_file_count_drops(cf, WIRE, 0);
	tap_is_int(capture_file_packets(cf), 2 + 2 * PER_THREAD,
		   "the packets counted");
	tap_is_int(capture_file_dropped(cf), 7, "the drops counted");
	tap_is_int(capture_file_close(cf), 0, "closed");
	tap_is_int(capture_file_close(NULL), 0, "closing nothing");
}

/* ---- reading it back ------------------------------------------------------ */

/* The packets of each thread, in their order, each whole. */
static void check_threads(const struct block *b, int n)
{
	int next[2] = { 0, 0 }, bad = 0;
	char want[64];

	for (int k = 0; k < n; k++) {
		struct opt o[2];
		uint32_t iface = get32(b[k].p + 8);
		int t = iface == WIRE2, i = next[t];
		int no = options(&b[k], 28 + 8, o, 2);

		if (b[k].type != 6 || (iface != LO && iface != WIRE2) ||
		    get32(b[k].p + 20) != 8 ||
		    get32(b[k].p + 16) != (uint32_t)(1000 + i) ||
		    memcmp(b[k].p + 28, &i, sizeof(i)) ||
		    b[k].p[28 + sizeof(i)] != iface) {
			bad++;
			continue;
		}
		snprintf(want, sizeof(want), "thread %u packet %d", iface, i);
		if (t ? no != 1 || !opt_is(&o[0], 1, want) : no != 0)
			bad++;
		next[t]++;
	}
	tap_ok(!bad && next[0] == PER_THREAD && next[1] == PER_THREAD,
	       "each thread's packets whole and in their order (%d bad)", bad);
}

static void check_interfaces(const struct block *b)
{
	static const char *const names[] = { "lo", "wire", "lo", "wire2" };
	struct opt o[4];
	int ok = 1;

	for (int i = 0; i < 4; i++)
		ok &= b[i].type == 1 && get16(b[i].p + 8) == 1 &&
		      get32(b[i].p + 12) == CAPTURE_SNAPLEN &&
		      options(&b[i], 16, o, 4) == 2 &&
		      opt_is(&o[0], 2, names[i]);
	tap_ok(ok, "four interfaces, lo, wire, lo, wire2: all Ethernet (1), "
	       "snaplen %d", CAPTURE_SNAPLEN);
}

/* The bare IP packets, framed: zero addresses, the IP version's type. */
static void check_framed(const struct block *b)
{
	static const unsigned char zeros[12];
	struct opt o[4];

	tap_ok(b[0].type == 6 && get32(b[0].p + 8) == WIRE &&
	       get32(b[0].p + 20) == CAPTURE_SNAPLEN &&
	       get32(b[0].p + 24) == 14 + 1000,
	       "the IPv4 packet: %d bytes kept, its length 14 + 1000",
	       CAPTURE_SNAPLEN);
	tap_ok(memcmp(b[0].p + 28, zeros, 12) == 0 && b[0].p[28 + 12] == 0x08 &&
	       b[0].p[28 + 13] == 0x00 &&
	       memcmp(b[0].p + 28 + 14, ip4, CAPTURE_SNAPLEN - 14) == 0,
	       "after an Ethernet header of type 0x0800");
	tap_ok(options(&b[0], 28 + CAPTURE_SNAPLEN, o, 4) == 1 &&
	       opt_is(&o[0], 1, "held"), "and its comment");
	tap_ok(b[1].type == 6 && get32(b[1].p + 8) == WIRE &&
	       get32(b[1].p + 20) == 54 && get32(b[1].p + 24) == 54 &&
	       memcmp(b[1].p + 28, zeros, 12) == 0 && b[1].p[28 + 12] == 0x86 &&
	       b[1].p[28 + 13] == 0xdd && memcmp(b[1].p + 28 + 14, ip6, 40) == 0,
	       "the IPv6 packet: whole, after a header of type 0x86DD");
	tap_ok(options(&b[1], 28 + 56, o, 4) == 0, "without a comment");
}

static void check_stats(const struct block *b)
{
	struct opt o[4];

	tap_ok(b[0].type == 5 && b[1].type == 5 && b[2].type == 5,
	       "three statistics blocks");
	tap_ok(get32(b[0].p + 8) == LO && options(&b[0], 20, o, 4) == 1 &&
	       o[0].code == 5 && get64(o[0].v) == 3, "lo: isb_ifdrop 3");
	tap_ok(get32(b[1].p + 8) == LO && options(&b[1], 20, o, 4) == 1 &&
	       o[0].code == 5 && get64(o[0].v) == 7, "then 7, lo's total");
	tap_ok(get32(b[2].p + 8) == WIRE && options(&b[2], 20, o, 4) == 1 &&
	       get64(o[0].v) == 0, "wire: 0");
}

static void check_file(void)
{
	/* SHB, 4 IDBs, 2 + 2 * PER_THREAD packets, 3 ISBs */
	static const int want = 1 + 4 + 2 + 2 * PER_THREAD + 3;
	static struct block b[MAX_BLOCKS];
	unsigned char *buf;
	size_t n;
	int k;

	buf = slurp(path, &n);
	unlink(path);
	k = blocks(buf, n, b, MAX_BLOCKS);
	tap_is_int(k, want, "the blocks, all whole");
	if (k == want) {
		tap_ok(b[0].type == 0x0A0D0D0A, "a section");
		check_interfaces(&b[1]);
		check_framed(&b[5]);
		check_threads(&b[7], 2 * PER_THREAD);
		check_stats(&b[7 + 2 * PER_THREAD]);
	}
	free(buf);
}

int main(void)
{
	write_file();
	check_file();
	return tap_done();
}
