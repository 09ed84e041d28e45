/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_file.c - the --pcap file: a pcapng file (pcapng.c) that several
 * threads write into, each call under the file's own lock: the loopback
 * capture's thread (capture_live.c), and any other with packets of its
 * own (a relay between hosts, with a comment on each packet it held,
 * delayed, dropped or duplicated). It outlives the captures that write
 * into it; each interface is described once, the first time a writer
 * names it, as Ethernet: bare IP packets are framed as loopback frames
 * them, so that tcpdump reads the whole file. */
#include "capture.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pcapng.h"
#include "util.h"

_Static_assert(CAPTURE_LINKTYPE_ETHERNET == PCAPNG_LINKTYPE_ETHERNET &&
	       CAPTURE_LINKTYPE_RAW == PCAPNG_LINKTYPE_RAW,
	       "capture.h's link types are the file's");

#define ETH_HEADER 14		/* a loopback frame's Ethernet header */

struct file_iface {
	char *name;
	int linktype;			/* its packets' (the file says Ethernet) */
	unsigned long long dropped;	/* by its captures, so far */
};

struct capture_file {
	pthread_mutex_t lock;		/* all below */
	struct pcapng *w;
	struct file_iface *ifaces;	/* by id */
	int nifaces;
	unsigned long long packets;	/* written */
	unsigned long long dropped;	/* by the kernel, in the captures that
					   were writing here when they closed */
};

struct capture_file *capture_file_open(int fd, char *err, size_t errlen)
{
	struct capture_file *cf;
	struct pcapng *w;
	FILE *f = fdopen(fd, "wb");

	if (!f) {
		err_printf(err, errlen, "the pcap file: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (!(w = pcapng_open(f, err, errlen)))
		return NULL;		/* f closed */
	cf = xcalloc(1, sizeof(*cf));
	pthread_mutex_init(&cf->lock, NULL);
	cf->w = w;
	return cf;
}

/* The id of name and linktype among cf's interfaces, or -1. */
static int find_iface(const struct capture_file *cf, const char *name,
		      int linktype)
{
	for (int i = 0; i < cf->nifaces; i++)
		if (cf->ifaces[i].linktype == linktype &&
		    strcmp(cf->ifaces[i].name, name) == 0)
			return i;
	return -1;
}

/* A new interface. Every one is Ethernet in the file, whatever its
 * packets: libpcap 1.10 (and so tcpdump, the oracle of the tests) reads
 * no file whose interfaces differ in link type ("an interface has a type
 * 101 different from the type of the first interface"), although pcapng
 * allows it and Wireshark reads it. Bare IP packets get a loopback's
 * Ethernet header (frame_raw). */
static int add_iface(struct capture_file *cf, const char *name, int linktype)
{
	char err[256];
	int id;

	if (linktype != CAPTURE_LINKTYPE_ETHERNET &&
	    linktype != CAPTURE_LINKTYPE_RAW)
		return -1;
	id = pcapng_add_iface(cf->w, name, PCAPNG_LINKTYPE_ETHERNET,
			      CAPTURE_SNAPLEN, err, sizeof(err));
	if (id < 0)
		return -1;
	cf->ifaces = xrealloc(cf->ifaces,
			      (size_t)(id + 1) * sizeof(*cf->ifaces));
	cf->ifaces[id] = (struct file_iface){ .name = xstrdup(name),
					      .linktype = linktype };
	cf->nifaces = id + 1;
	return id;
}

int capture_file_iface(struct capture_file *cf, const char *name, int linktype)
{
	int id;

	if (!name)
		name = "";
	pthread_mutex_lock(&cf->lock);
	id = find_iface(cf, name, linktype);
	if (id < 0)
		id = add_iface(cf, name, linktype);
	pthread_mutex_unlock(&cf->lock);
	return id;
}

/* A bare IP packet's first caplen bytes (at most CAPTURE_SNAPLEN with the
 * header) into frame, as loopback frames them: zero addresses, the type
 * of its IP version. Returns the frame's length; *origlen grows by the
 * header. */
static uint32_t frame_raw(unsigned char *frame, const unsigned char *ip,
			  uint32_t caplen, uint32_t *origlen)
{
	uint16_t type = caplen && ip[0] >> 4 == 6 ? 0x86DD : 0x0800;
	uint32_t n = caplen < CAPTURE_SNAPLEN - ETH_HEADER ?
		     caplen : CAPTURE_SNAPLEN - ETH_HEADER;

	memset(frame, 0, 12);
	frame[12] = (unsigned char)(type >> 8);
	frame[13] = (unsigned char)type;
	if (n)
		memcpy(frame + ETH_HEADER, ip, n);
	*origlen = *origlen > UINT32_MAX - ETH_HEADER ? UINT32_MAX :
		   *origlen + ETH_HEADER;
	return ETH_HEADER + n;
}

int capture_file_write(struct capture_file *cf, int iface, long long us,
		       const void *bytes, uint32_t caplen, uint32_t origlen,
		       const char *comment)
{
	unsigned char frame[CAPTURE_SNAPLEN];
	char err[256];
	int rc = -1;

	if (caplen && !bytes)
		return -1;
	pthread_mutex_lock(&cf->lock);
	if (iface >= 0 && iface < cf->nifaces) {
		if (cf->ifaces[iface].linktype == CAPTURE_LINKTYPE_RAW) {
			caplen = frame_raw(frame, bytes, caplen, &origlen);
			bytes = frame;
		} else if (caplen > CAPTURE_SNAPLEN) {
			caplen = CAPTURE_SNAPLEN;
		}
		rc = pcapng_write_packet(cf->w, (uint32_t)iface, us, bytes,
					 caplen, origlen, comment, err,
					 sizeof(err));
	}
	if (rc == 0)
		cf->packets++;
	pthread_mutex_unlock(&cf->lock);
	return rc;
}

int capture_file_flush(struct capture_file *cf)
{
	char err[256];
	int rc;

	pthread_mutex_lock(&cf->lock);
	rc = pcapng_flush(cf->w, err, sizeof(err));
	pthread_mutex_unlock(&cf->lock);
	return rc;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void capture_file_count_drops(struct capture_file *cf, int iface,
			      unsigned long long n)
{
	char err[256];

	pthread_mutex_lock(&cf->lock);
	cf->dropped += n;
	if (iface >= 0 && iface < cf->nifaces) {
		struct file_iface *fi = &cf->ifaces[iface];

		fi->dropped += n;
		/* a failure is the file's, which its close reports */
		pcapng_write_ifdrop(cf->w, (uint32_t)iface, now_us(),
				    fi->dropped, err, sizeof(err));
	}
	pthread_mutex_unlock(&cf->lock);
}

unsigned long long capture_file_packets(struct capture_file *cf)
{
	unsigned long long n;

	if (!cf)
		return 0;
	pthread_mutex_lock(&cf->lock);
	n = cf->packets;
	pthread_mutex_unlock(&cf->lock);
	return n;
}

unsigned long long capture_file_dropped(struct capture_file *cf)
{
	unsigned long long n;

	if (!cf)
		return 0;
	pthread_mutex_lock(&cf->lock);
	n = cf->dropped;
	pthread_mutex_unlock(&cf->lock);
	return n;
}

int capture_file_close(struct capture_file *cf)
{
	char err[256];
	int rc;

	if (!cf)
		return 0;
	rc = pcapng_close(cf->w, err, sizeof(err));
	for (int i = 0; i < cf->nifaces; i++)
		free(cf->ifaces[i].name);
	free(cf->ifaces);
	pthread_mutex_destroy(&cf->lock);
	free(cf);
	return rc;
}
