/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_capture_file.c - the --pcap file (capture_file_*), read back: an
 * interface described once for the same name and link type, none of
 * another link type than the first's (tcpdump would not read it); a packet
 * kept to its first CAPTURE_SNAPLEN bytes, with its length as sent and
 * its comment; two threads writing at once (as the capture's and a
 * relay's will), every block whole and each thread's packets in their
 * order; the kernel's drops counted and written as isb_ifdrop, the
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

static char path[] = "/tmp/test_capture_file.XXXXXX";
static unsigned char big[1000];
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
				       w->iface ? comment : NULL) < 0)
			w->failed++;
	}
	return NULL;
}

static void write_file(void)
{
	char err[256] = "";
	int fd = mkstemp(path);
	struct capture_file *cf = fd < 0 ? NULL : capture_file_open(fd, err,
								    sizeof(err));
	struct writer w[2];
	pthread_t t[2];

	tap_ok(cf != NULL, "the file opens (%s)", err);
	if (!cf)
		return;
	tap_is_int(capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_ETHERNET), 0,
		   "lo: interface 0");
	tap_is_int(capture_file_iface(cf, "wire", CAPTURE_LINKTYPE_ETHERNET), 1,
		   "wire: interface 1");
	tap_is_int(capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_ETHERNET), 0,
		   "lo again (a stage started again): interface 0");
	tap_is_int(capture_file_iface(cf, "lo", CAPTURE_LINKTYPE_RAW), -1,
		   "lo of another link type: refused (tcpdump would not read "
		   "the file)");
	tap_is_int(capture_file_iface(cf, "raw", CAPTURE_LINKTYPE_RAW), -1,
		   "raw: refused too");
	tap_is_int(capture_file_iface(cf, "wire2", CAPTURE_LINKTYPE_ETHERNET),
		   2, "wire2, of the file's link type: interface 2");
	memset(big, 0xab, sizeof(big));
	tap_is_int(capture_file_write(cf, 1, 42, big, sizeof(big), sizeof(big),
				      "held"), 0, "1000 bytes on wire, 'held'");
	tap_is_int(capture_file_write(cf, 3, 42, big, 4, 4, NULL), -1,
		   "no interface 3: refused");
	tap_is_int(capture_file_write(cf, -1, 42, big, 4, 4, NULL), -1,
		   "no interface -1: refused");
	pthread_barrier_init(&together, NULL, 2);
	for (int i = 0; i < 2; i++) {
		w[i] = (struct writer){ cf, i, 0 };
		pthread_create(&t[i], NULL, write_many, &w[i]);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&together);
	tap_ok(!w[0].failed && !w[1].failed, "two threads wrote %d packets each",
	       PER_THREAD);
	tap_is_int(capture_file_flush(cf), 0, "flushed");
	capture_file_count_drops(cf, 0, 3);
	capture_file_count_drops(cf, 0, 4);
	capture_file_count_drops(cf, 1, 0);
	tap_is_int(capture_file_packets(cf), 1 + 2 * PER_THREAD,
		   "the packets counted");
	tap_is_int(capture_file_dropped(cf), 7, "the drops counted");
	tap_is_int(capture_file_close(cf), 0, "closed");
	tap_is_int(capture_file_close(NULL), 0, "closing nothing");
}

/* The packets of each thread, in their order, each whole. */
static void check_threads(const struct block *b, int n)
{
	int next[2] = { 0, 0 }, bad = 0;
	char want[64];

	for (int k = 0; k < n; k++) {
		struct opt o[2];
		uint32_t iface = get32(b[k].p + 8);
		int i = next[iface & 1], no = options(&b[k], 28 + 8, o, 2);

		if (b[k].type != 6 || iface > 1 || get32(b[k].p + 20) != 8 ||
		    get32(b[k].p + 16) != (uint32_t)(1000 + i) ||
		    memcmp(b[k].p + 28, &i, sizeof(i)) ||
		    b[k].p[28 + sizeof(i)] != iface) {
			bad++;
			continue;
		}
		snprintf(want, sizeof(want), "thread %u packet %d", iface, i);
		if (iface ? no != 1 || !opt_is(&o[0], 1, want) : no != 0)
			bad++;
		next[iface]++;
	}
	tap_ok(!bad && next[0] == PER_THREAD && next[1] == PER_THREAD,
	       "each thread's packets whole and in their order (%d bad)", bad);
}

static void check_file(void)
{
	static struct block b[MAX_BLOCKS];
	unsigned char *buf;
	struct opt o[4];
	size_t n;
	int k;

	buf = slurp(path, &n);
	unlink(path);
	k = blocks(buf, n, b, MAX_BLOCKS);
	/* SHB, 3 IDBs, 1 + 2 * PER_THREAD packets, 3 ISBs */
	tap_is_int(k, 1 + 3 + 1 + 2 * PER_THREAD + 3, "the blocks, all whole");
	if (k != 1 + 3 + 1 + 2 * PER_THREAD + 3) {
		free(buf);
		return;
	}
	tap_ok(b[0].type == 0x0A0D0D0A && b[1].type == 1 && b[2].type == 1 &&
	       b[3].type == 1, "a section, then three interfaces");
	tap_ok(get16(b[1].p + 8) == 1 && get16(b[2].p + 8) == 1 &&
	       get16(b[3].p + 8) == 1 && get32(b[1].p + 12) == CAPTURE_SNAPLEN,
	       "all of link type 1, snaplen %d", CAPTURE_SNAPLEN);
	tap_ok(options(&b[2], 16, o, 4) == 2 && opt_is(&o[0], 2, "wire") &&
	       options(&b[3], 16, o, 4) == 2 && opt_is(&o[0], 2, "wire2"),
	       "interfaces 1 and 2: 'wire', 'wire2'");
	tap_ok(b[4].type == 6 && get32(b[4].p + 8) == 1 &&
	       get32(b[4].p + 20) == CAPTURE_SNAPLEN && get32(b[4].p + 24) == 1000,
	       "the 1000-byte packet: %d bytes kept, its length 1000",
	       CAPTURE_SNAPLEN);
	tap_ok(options(&b[4], 28 + CAPTURE_SNAPLEN, o, 4) == 1 &&
	       opt_is(&o[0], 1, "held"), "and its comment");
	check_threads(&b[5], 2 * PER_THREAD);
	k = 5 + 2 * PER_THREAD;
	tap_ok(b[k].type == 5 && b[k + 1].type == 5 && b[k + 2].type == 5,
	       "three statistics blocks");
	tap_ok(get32(b[k].p + 8) == 0 && options(&b[k], 20, o, 4) == 1 &&
	       o[0].code == 5 && get64(o[0].v) == 3, "lo: isb_ifdrop 3");
	tap_ok(get32(b[k + 1].p + 8) == 0 && options(&b[k + 1], 20, o, 4) == 1 &&
	       o[0].code == 5 && get64(o[0].v) == 7, "then 7, lo's total");
	tap_ok(get32(b[k + 2].p + 8) == 1 && options(&b[k + 2], 20, o, 4) == 1 &&
	       get64(o[0].v) == 0, "wire: 0");
	free(buf);
}

int main(void)
{
	write_file();
	check_file();
	return tap_done();
}
