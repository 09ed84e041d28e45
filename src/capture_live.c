/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_live.c - the live capture: libpcap on the stage's interface,
 * read by a thread of its own, off the screen's and the executor's path.
 * The thread takes the packets as they come, writes each to the --pcap
 * file (capture_file.c), parses it and queues the segment; an eventfd
 * tells the loop that segments wait, and capture_drain hands them over.
 * The libpcap handle is the thread's: the loop touches it (a new filter,
 * the counters) only under the lock the thread holds while it reads. */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "util.h"

#define SNAPLEN CAPTURE_SNAPLEN	/* see capture.h */
#define BUFFER_BYTES (4 << 20)	/* the kernel's ring for the capture */
#define FILTER "tcp or udp or icmp or icmp6"
#define QUEUE_MAX 65536		/* segments waiting for the loop, at most */
#define BATCH 512		/* packets the thread reads under the lock */

struct capture {
	pcap_t *p;
	char *ifname;
	int linktype;
	pthread_t thread;
	bool running;
	int wake;			/* eventfd: segments wait */
	int stop[2];			/* a pipe: the thread ends */
	pthread_mutex_t lock;		/* all below, and p */
	struct capture_file *file;	/* --pcap (not the capture's) */
	int file_iface;			/* the capture's interface in it */
	struct segment *q;		/* the queue: segments read */
	size_t qn, qcap;
	unsigned long long lost;	/* segments the loop fell behind on */
	char err[256];			/* the thread's failure, or "" */
};

/* ---- opening ------------------------------------------------------------------ */

static void pcap_err(char *err, size_t errlen, const char *what, const char *why)
{
	if (strstr(why, "ermission") || strstr(why, "not permitted"))
		err_printf(err, errlen, "%s: %s (capturing needs CAP_NET_RAW: run "
			   "as root, or with --sandbox)", what, why);
	else
		err_printf(err, errlen, "%s: %s", what, why);
}

static int configure(pcap_t *p, char *err, size_t errlen)
{
	if (pcap_set_snaplen(p, SNAPLEN) || pcap_set_immediate_mode(p, 1) ||
	    pcap_set_buffer_size(p, BUFFER_BYTES) || pcap_set_timeout(p, 0)) {
		err_printf(err, errlen, "configuring the capture: %s", pcap_geterr(p));
		return -1;
	}
	return 0;
}

static int set_filter(struct capture *c, const char *text, char *err,
		      size_t errlen)
{
	struct bpf_program prog;
	int rc;

	if (pcap_compile(c->p, &prog, text, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		err_printf(err, errlen, "the capture's filter: %s", pcap_geterr(c->p));
		return -1;
	}
	rc = pcap_setfilter(c->p, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		err_printf(err, errlen, "the capture's filter: %s", pcap_geterr(c->p));
		return -1;
	}
	return 0;
}

int capture_only_ports(struct capture *c, const uint16_t *ports, int n,
		       char *err, size_t errlen)
{
	size_t cap = 64 + (size_t)n * 16, off;
	char *text = xmalloc(cap);
	int rc;

	off = (size_t)snprintf(text, cap, "icmp or icmp6");
	if (n)
		off += (size_t)snprintf(text + off, cap - off,
					" or ((tcp or udp) and (");
	for (int i = 0; i < n; i++)
		off += (size_t)snprintf(text + off, cap - off, "%sport %u",
					i ? " or " : "", ports[i]);
	if (n)
		snprintf(text + off, cap - off, "))");
	pthread_mutex_lock(&c->lock);
	rc = set_filter(c, text, err, errlen);
	pthread_mutex_unlock(&c->lock);
	free(text);
	return rc;
}

static int start(struct capture *c, const char *ifname, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	int rc = pcap_activate(c->p);

	if (rc < 0) {
		pcap_err(err, errlen, ifname, pcap_geterr(c->p));
		return -1;
	}
	/* on loopback every packet goes out and comes back in: once */
	if (pcap_setdirection(c->p, PCAP_D_IN) < 0 ||
	    pcap_setnonblock(c->p, 1, ebuf) < 0) {
		err_printf(err, errlen, "%s: %s", ifname, pcap_geterr(c->p));
		return -1;
	}
	c->linktype = pcap_datalink(c->p);
	return set_filter(c, FILTER, err, errlen);
}

/* ---- the thread ------------------------------------------------------------------ */

static void queue(struct capture *c, const struct segment *s)
{
	if (c->qn == QUEUE_MAX) {
		c->lost++;
		return;
	}
	if (c->qn == c->qcap) {
		c->qcap = c->qcap ? 2 * c->qcap : 256;
		c->q = xrealloc(c->q, c->qcap * sizeof(*c->q));
	}
	c->q[c->qn++] = *s;
}

static void one(unsigned char *user, const struct pcap_pkthdr *h,
		const unsigned char *bytes)
{
	struct capture *c = (struct capture *)user;
	struct segment seg;
	long long us = (long long)h->ts.tv_sec * 1000000 + h->ts.tv_usec;

	if (c->file)
		capture_file_write(c->file, c->file_iface, us, bytes, h->caplen,
				   h->len, NULL);
	if (capture_parse(c->linktype, bytes, h->caplen, us, &seg) == 0)
		queue(c, &seg);
}

static void wake_loop(struct capture *c)
{
	uint64_t one = 1;

	if (write(c->wake, &one, sizeof(one)) < 0 && errno != EAGAIN)
		return;		/* the counter is full: the loop is awake */
}

/* Read what the kernel holds, a batch at a time under the lock. Returns
 * false when the capture failed (the reason in c->err). */
static bool read_batches(struct capture *c)
{
	int n, got = 0;

	do {
		pthread_mutex_lock(&c->lock);
		n = pcap_dispatch(c->p, BATCH, one, (unsigned char *)c);
		if (n == PCAP_ERROR)
			err_printf(c->err, sizeof(c->err), "reading the capture: %s",
				   pcap_geterr(c->p));
		if (n > 0 && c->file)
			capture_file_flush(c->file);
		pthread_mutex_unlock(&c->lock);
		got += n > 0 ? n : 0;
	} while (n == BATCH);
	if (got || n == PCAP_ERROR)
		wake_loop(c);
	return n != PCAP_ERROR;
}

static void *reader(void *arg)
{
	struct capture *c = arg;
	struct pollfd p[2] = {
		{ .fd = pcap_get_selectable_fd(c->p), .events = POLLIN },
		{ .fd = c->stop[0], .events = POLLIN },
	};

	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			break;
		if (p[0].revents && !read_batches(c))
			break;
	}
	return NULL;
}

static int start_thread(struct capture *c, char *err, size_t errlen)
{
	sigset_t all, old;
	int rc;

	c->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (c->wake < 0 || pipe2(c->stop, O_CLOEXEC) < 0) {
		err_printf(err, errlen, "the capture's thread: %s", strerror(errno));
		return -1;
	}
	pthread_mutex_init(&c->lock, NULL);
	/* signals are the loop's: the thread takes none */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, reader, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		err_printf(err, errlen, "the capture's thread: %s", strerror(rc));
		pthread_mutex_destroy(&c->lock);
		return -1;
	}
	c->running = true;
	return 0;
}

struct capture *capture_open(const char *ifname, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	struct capture *c = xcalloc(1, sizeof(*c));

	c->wake = c->stop[0] = c->stop[1] = -1;
	c->ifname = xstrdup(ifname);
	c->p = pcap_create(ifname, ebuf);
	if (!c->p) {
		pcap_err(err, errlen, ifname, ebuf);
		free(c->ifname);
		free(c);
		return NULL;
	}
	if (configure(c->p, err, errlen) < 0 || start(c, ifname, err, errlen) < 0 ||
	    start_thread(c, err, errlen) < 0) {
		capture_close(c);
		return NULL;
	}
	return c;
}

void capture_close(struct capture *c)
{
	if (!c)
		return;
	if (c->running) {
		if (write(c->stop[1], "", 1) < 0)
			pthread_cancel(c->thread);	/* cannot happen: a pipe */
		pthread_join(c->thread, NULL);
		/* what the kernel still holds goes to the file too */
		if (c->file)
			read_batches(c);
		pthread_mutex_destroy(&c->lock);
	}
	if (c->file && c->p) {
		struct pcap_stat st;

		if (pcap_stats(c->p, &st) == 0)
			capture_file_count_drops(c->file, c->file_iface,
						 st.ps_drop);
	}
	if (c->p)
		pcap_close(c->p);
	if (c->wake >= 0)
		close(c->wake);
	for (int i = 0; i < 2; i++)
		if (c->stop[i] >= 0)
			close(c->stop[i]);
	free(c->q);
	free(c->ifname);
	free(c);
}

int capture_catch_up(struct capture *c)
{
	return read_batches(c) ? 0 : -1;
}

/* ---- the loop's side --------------------------------------------------------------- */

int capture_fd(const struct capture *c)
{
	return c->wake;
}

int capture_drain(struct capture *c, capture_fn fn, void *ctx, char *err,
		  size_t errlen)
{
	struct segment *q;
	uint64_t count;
	size_t n;

	if (read(c->wake, &count, sizeof(count)) < 0 && errno != EAGAIN)
		return -1;
	pthread_mutex_lock(&c->lock);
	q = c->q;
	n = c->qn;
	c->q = NULL;
	c->qn = c->qcap = 0;
	if (c->err[0]) {
		err_printf(err, errlen, "%s", c->err);
		pthread_mutex_unlock(&c->lock);
		free(q);
		return -1;
	}
	pthread_mutex_unlock(&c->lock);
	for (size_t i = 0; i < n; i++)
		fn(ctx, &q[i]);
	free(q);
	return (int)n;
}

/* The link type the file records for the capture's DLT (most are the
 * same number; Linux's DLT_RAW is 12, the file's LINKTYPE_RAW 101). */
static int file_linktype(int dlt)
{
	return dlt == DLT_RAW ? CAPTURE_LINKTYPE_RAW : dlt;
}

void capture_attach(struct capture *c, struct capture_file *f)
{
	int iface = f ? capture_file_iface(f, c->ifname,
					   file_linktype(c->linktype)) : -1;

	pthread_mutex_lock(&c->lock);
	c->file = iface >= 0 ? f : NULL;  /* else the file is broken: its
					     close says so */
	c->file_iface = iface;
	pthread_mutex_unlock(&c->lock);
}

unsigned capture_dropped(struct capture *c)
{
	struct pcap_stat st;
	unsigned n;

	pthread_mutex_lock(&c->lock);
	n = pcap_stats(c->p, &st) == 0 ? st.ps_drop : 0;
	pthread_mutex_unlock(&c->lock);
	return n;
}

unsigned long long capture_lost(struct capture *c)
{
	unsigned long long n;

	pthread_mutex_lock(&c->lock);
	n = c->lost;
	pthread_mutex_unlock(&c->lock);
	return n;
}
