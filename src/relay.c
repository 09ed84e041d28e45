/* SPDX-License-Identifier: GPL-2.0-or-later */
/* relay.c - the wire between the stage's hosts. One thread polls every
 * host's TUN device; each packet read is numbered, parsed, judged by the
 * wire's controls and written into the TUN device of the host that has
 * its destination, or kept (held, delayed), or lost. The controls and
 * the queues are under one lock, which the loop's calls (relay_step,
 * relay_catch_up ...) take too: a packet is judged once, in the order
 * the hosts sent them. The wire never reorders: a delayed packet waits
 * behind the ones before it.
 *
 * A packet crosses with the virtio_net_hdr its sender's device put
 * before it (host.h): a TCP segment of up to 64 KiB (TSO) is one packet
 * on the wire, judged, held, dropped or duplicated whole, and delivered
 * whole: the receiving kernel takes it as loopback's receiver does. The
 * events and the tap get the IP packet alone. */
#include "relay.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/ip.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <pcap/dlt.h>

#include "util.h"

#define EVENTS_MAX 65536	/* events waiting for the loop, at most */
#define ICMP_QUOTE 28		/* an ICMP error quotes the IP header and
				   8 bytes past it, at least */

struct pkt {
	unsigned long long id;
	int from, to;
	long long sent_us;		/* realtime */
	long long due_ms;		/* monotonic: a delayed packet's */
	size_t len;			/* the IP packet's */
	struct relay_event ev;		/* as it was sent */
	unsigned char *data;		/* the IP packet: frame + HOST_VNET_LEN */
	unsigned char frame[];		/* its virtio_net_hdr, then the packet
					   (allocated by its length) */
};

struct fifo {
	struct pkt **v;
	size_t head, n, cap;
};

struct port {
	int fd;				/* -1: no host */
	struct host_addr addr[HOST_ADDRS];
	int naddr;
};

struct relay {
	pthread_t thread;
	bool running;
	int wake;			/* eventfd: events wait */
	int ctl[2];			/* a pipe: the thread looks again,
					   or stops (stop set) */
	pthread_mutex_t lock;		/* all below */
	bool stop;
	struct port port[HOST_MAX];
	struct relay_state st;		/* the controls and counters */
	uint32_t rng;
	struct fifo held, delayed;
	struct relay_event *ev;
	size_t nev, capev;
	unsigned long long next_id;
	relay_tap_fn tap;
	void *tap_ctx;
	unsigned char buf[HOST_VNET_LEN + HOST_PKT_MAX + 64];
};

uint32_t relay_random(uint32_t *state)
{
	uint32_t z = (*state += 0x9e3779b9u);

	z = (z ^ (z >> 16)) * 0x85ebca6bu;
	z = (z ^ (z >> 13)) * 0xc2b2ae35u;
	return z ^ (z >> 16);
}

static long long realtime_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A packet of len bytes (IP), not cleared (a segment of 64 KiB would
 * be written twice), its header zero (no offload: flags 0,
 * VIRTIO_NET_HDR_GSO_NONE). */
static struct pkt *pkt_new(size_t len)
{
	struct pkt *p = xmalloc(sizeof(*p) + HOST_VNET_LEN + len);

	memset(p, 0, sizeof(*p) + HOST_VNET_LEN);
	p->len = len;
	p->data = p->frame + HOST_VNET_LEN;
	return p;
}

/* ---- queues ------------------------------------------------------------------------ */

static void fifo_push(struct fifo *q, struct pkt *p)
{
	if (q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 16;
		struct pkt **v = xmalloc(cap * sizeof(*v));

		for (size_t i = 0; i < q->n; i++)
			v[i] = q->v[(q->head + i) % q->cap];
		free(q->v);
		q->v = v;
		q->cap = cap;
		q->head = 0;
	}
	q->v[(q->head + q->n++) % q->cap] = p;
}

static struct pkt *fifo_peek(const struct fifo *q)
{
	return q->n ? q->v[q->head] : NULL;
}

static struct pkt *fifo_pop(struct fifo *q)
{
	struct pkt *p = fifo_peek(q);

	if (p) {
		q->head = (q->head + 1) % q->cap;
		q->n--;
	}
	return p;
}

static void fifo_free(struct fifo *q)
{
	struct pkt *p;

	while ((p = fifo_pop(q)))
		free(p);
	free(q->v);
	memset(q, 0, sizeof(*q));
}

/* ---- events ------------------------------------------------------------------------ */

static void emit(struct relay *r, const struct pkt *p, enum relay_fate fate,
		 const unsigned char *bytes, size_t len)
{
	struct relay_event ev = p->ev;

	ev.fate = fate;
	ev.s.us = realtime_us();
	if (fate == RF_DELIVERED)
		ev.waited_us = ev.s.us - p->sent_us;
	if (r->tap)
		r->tap(r->tap_ctx, &ev, bytes, len, len);
	if (r->nev == EVENTS_MAX)
		return;		/* the loop is far behind: the file has it */
	if (r->nev == r->capev) {
		r->capev = r->capev ? 2 * r->capev : 256;
		r->ev = xrealloc(r->ev, r->capev * sizeof(*r->ev));
	}
	r->ev[r->nev++] = ev;
}

static void wake_loop(struct relay *r)
{
	uint64_t one = 1;

	if (write(r->wake, &one, sizeof(one)) < 0)
		return;		/* full: the loop is awake anyway */
}

/* ---- delivery ------------------------------------------------------------------------ */

static void put(struct relay *r, const struct pkt *p)
{
	const struct port *to = &r->port[p->to];

	if (to->fd >= 0 && write(to->fd, p->frame, HOST_VNET_LEN + p->len) < 0)
		r->st.lost++;	/* its device went: as if lost */
}

static void deliver(struct relay *r, struct pkt *p, enum relay_fate fate)
{
	put(r, p);
	emit(r, p, fate, p->data, p->len);
	if (r->st.dup_next > 0) {
		r->st.dup_next--;
		r->st.duplicated++;
		put(r, p);
		emit(r, p, RF_DUP, p->data, p->len);
	}
	free(p);
}

static void deliver_due(struct relay *r)
{
	struct pkt *p;

	while ((p = fifo_peek(&r->delayed)) && p->due_ms <= now_ms())
		deliver(r, fifo_pop(&r->delayed), RF_DELIVERED);
}

/* ---- the router's answer -------------------------------------------------------------- */

static uint16_t ip_sum(const unsigned char *b, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		sum += (uint32_t)b[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* ICMP host unreachable for IPv4 packet p, from its destination's
 * address (no host has it: the wire answers for it), to its sender; its
 * checksums whole (its virtio_net_hdr: nothing left to do). */
static void unreachable(struct relay *r, const struct pkt *p)
{
	size_t quote = p->len < ICMP_QUOTE + 8 ? p->len : ICMP_QUOTE + 8;
	struct pkt *a = pkt_new(20 + 8 + quote);
	unsigned char *ip = a->data, *icmp = a->data + 20;
	uint16_t sum;

	memset(a->data, 0, a->len);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(a->len >> 8);
	ip[3] = (uint8_t)a->len;
	ip[8] = 64;
	ip[9] = IPPROTO_ICMP;
	memcpy(ip + 12, p->data + 16, 4);	/* from where it was going */
	memcpy(ip + 16, p->data + 12, 4);	/* to its sender */
	sum = ip_sum(ip, 20);
	ip[10] = (uint8_t)(sum >> 8);
	ip[11] = (uint8_t)sum;
	icmp[0] = 3;				/* destination unreachable */
	icmp[1] = 1;				/* host unreachable */
	memcpy(icmp + 8, p->data, quote);
	sum = ip_sum(icmp, 8 + quote);
	icmp[2] = (uint8_t)(sum >> 8);
	icmp[3] = (uint8_t)sum;
	a->id = ++r->next_id;
	a->from = -1;
	a->to = p->from;
	a->ev.id = a->id;
	a->ev.from = -1;
	a->ev.to = p->from;
	a->ev.parsed = capture_parse(DLT_RAW, a->data, a->len, 0, &a->ev.s) == 0;
	deliver(r, a, RF_ICMP);
}

/* ---- judging a packet ----------------------------------------------------------------- */

static int host_of(const struct relay *r, int family, const struct in6_addr *a)
{
	size_t n = family == AF_INET ? 4 : 16;

	for (int i = 0; i < HOST_MAX; i++)
		for (int j = 0; j < r->port[i].naddr; j++)
			if (r->port[i].addr[j].family == family &&
			    !memcmp(&r->port[i].addr[j].a, a, n))
				return i;
	return -1;
}

static bool multicast(const struct segment *s)
{
	if (s->family == AF_INET)
		return (s->dst.s6_addr[0] & 0xf0) == 0xe0 ||
		       !memcmp(s->dst.s6_addr, "\xff\xff\xff\xff", 4);
	return s->dst.s6_addr[0] == 0xff;
}

static bool flags_match(uint8_t want, uint8_t have)
{
	return (have & want) == want;
}

/* Whether the drop controls lose p. */
static bool to_drop(struct relay *r, const struct pkt *p)
{
	const struct segment *s = &p->ev.s;

	if (r->st.drop_next > 0 &&
	    (!r->st.drop_flags ||
	     (p->ev.parsed && s->proto == IPPROTO_TCP &&
	      flags_match(r->st.drop_flags, s->flags)))) {
		r->st.drop_next--;
		return true;
	}
	return r->st.drop_percent > 0 &&
	       relay_random(&r->rng) % 100 < (uint32_t)r->st.drop_percent;
}

static void judge(struct relay *r, struct pkt *p)
{
	r->st.packets++;
	if (p->to < 0) {
		emit(r, p, RF_NOHOST, p->data, p->len);
		if (p->ev.s.family == AF_INET && !r->st.silent)
			unreachable(r, p);
		free(p);
	} else if (r->st.down || to_drop(r, p)) {
		r->st.lost++;
		emit(r, p, r->st.down ? RF_DOWN : RF_DROPPED, p->data, p->len);
		free(p);
	} else if (r->st.hold) {
		emit(r, p, RF_HELD, p->data, p->len);
		fifo_push(&r->held, p);
	} else if (r->st.delay_ms > 0 || r->delayed.n) {
		/* + 1: now_ms() cuts off a fraction of a millisecond, and a
		   packet never leaves before its delay has passed */
		p->due_ms = now_ms() + r->st.delay_ms + 1;
		p->ev.delay_ms = r->st.delay_ms;
		emit(r, p, RF_DELAYED, p->data, p->len);
		fifo_push(&r->delayed, p);
	} else {
		deliver(r, p, RF_PASSED);
	}
}

/* One packet of host i in r->buf: its header, then n bytes. */
static void take(struct relay *r, int i, size_t n)
{
	struct pkt *p = pkt_new(n);

	memcpy(p->frame, r->buf, HOST_VNET_LEN + n);
	p->from = i;
	p->sent_us = realtime_us();
	p->ev.parsed = capture_parse(DLT_RAW, p->data, n, p->sent_us,
				     &p->ev.s) == 0;
	if (p->ev.parsed && multicast(&p->ev.s)) {
		free(p);	/* a link's chatter (IPv6's MLD): not the stage's */
		return;
	}
	p->id = p->ev.id = ++r->next_id;
	p->ev.from = i;
	p->to = p->ev.to = p->ev.parsed ?
		host_of(r, p->ev.s.family, &p->ev.s.dst) : -1;
	if (!p->ev.parsed && n >= 20 && (p->data[0] >> 4) == 4) {
		struct in6_addr dst = { 0 };

		memcpy(&dst, p->data + 16, 4);
		p->to = p->ev.to = host_of(r, AF_INET, &dst);
	}
	judge(r, p);
}

/* Everything host i's device holds now. Returns how many. */
static int read_port(struct relay *r, int i)
{
	int got = 0;
	ssize_t n;

	while (r->port[i].fd >= 0 &&
	       (n = read(r->port[i].fd, r->buf, sizeof(r->buf))) > 0) {
		if (n > HOST_VNET_LEN && (size_t)n <= HOST_VNET_LEN + HOST_PKT_MAX)
			take(r, i, (size_t)n - HOST_VNET_LEN);
		got++;
	}
	return got;
}

static int read_all(struct relay *r)
{
	int got = 0;

	for (int i = 0; i < HOST_MAX; i++)
		got += read_port(r, i);
	return got;
}

/* ---- the thread ------------------------------------------------------------------------ */

/* The poll set and how long to wait (the first delayed packet's due). */
static int poll_set(struct relay *r, struct pollfd *p, int *n)
{
	const struct pkt *first = fifo_peek(&r->delayed);
	long long left;

	*n = 0;
	p[(*n)++] = (struct pollfd){ .fd = r->ctl[0], .events = POLLIN };
	for (int i = 0; i < HOST_MAX; i++)
		if (r->port[i].fd >= 0)
			p[(*n)++] = (struct pollfd){ .fd = r->port[i].fd,
						     .events = POLLIN };
	if (!first)
		return -1;
	left = first->due_ms - now_ms();
	return left < 0 ? 0 : left > 60000 ? 60000 : (int)left;
}

static void *run(void *arg)
{
	struct relay *r = arg;
	struct pollfd p[HOST_MAX + 1];
	char drain[64];
	int n, timeout;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		if (r->stop) {
			pthread_mutex_unlock(&r->lock);
			break;
		}
		timeout = poll_set(r, p, &n);
		pthread_mutex_unlock(&r->lock);
		if (poll(p, (nfds_t)n, timeout) < 0 && errno != EINTR)
			break;
		if (p[0].revents && read(r->ctl[0], drain, sizeof(drain)) < 0)
			break;
		pthread_mutex_lock(&r->lock);
		size_t before = r->nev;
		read_all(r);
		deliver_due(r);
		if (r->nev != before)
			wake_loop(r);
		pthread_mutex_unlock(&r->lock);
	}
	return NULL;
}

/* The thread looks at its poll set again. */
static void poke(struct relay *r)
{
	if (write(r->ctl[1], "", 1) < 0)
		return;		/* the pipe is full: it will look */
}

struct relay *relay_new(char *err, size_t errlen)
{
	struct relay *r = xcalloc(1, sizeof(*r));
	sigset_t all, old;
	int rc;

	for (int i = 0; i < HOST_MAX; i++)
		r->port[i].fd = -1;
	r->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (r->wake < 0 || pipe2(r->ctl, O_CLOEXEC | O_NONBLOCK) < 0) {
		err_printf(err, errlen, "the wire's thread: %s", strerror(errno));
		if (r->wake >= 0)
			close(r->wake);
		free(r);
		return NULL;
	}
	pthread_mutex_init(&r->lock, NULL);
	sigfillset(&all);	/* signals are the loop's */
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&r->thread, NULL, run, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!rc)	/* its name in top -H and /proc/PID/task/TID/comm */
		pthread_setname_np(r->thread, "sockstage-wire");
	if (rc) {
		err_printf(err, errlen, "the wire's thread: %s", strerror(rc));
		r->running = false;
		relay_free(r);
		return NULL;
	}
	r->running = true;
	return r;
}

void relay_free(struct relay *r)
{
	if (!r)
		return;
	if (r->running) {
		pthread_mutex_lock(&r->lock);
		r->stop = true;
		pthread_mutex_unlock(&r->lock);
		poke(r);
		pthread_join(r->thread, NULL);
	}
	pthread_mutex_destroy(&r->lock);
	fifo_free(&r->held);
	fifo_free(&r->delayed);
	close(r->wake);
	close(r->ctl[0]);
	close(r->ctl[1]);
	free(r->ev);
	free(r);
}

/* ---- the loop's side -------------------------------------------------------------------- */

int relay_plug(struct relay *r, int i, const struct host *h)
{
	if (i < 0 || i >= HOST_MAX)
		return -1;
	pthread_mutex_lock(&r->lock);
	r->port[i].fd = h->tun;
	r->port[i].naddr = h->naddr;
	memcpy(r->port[i].addr, h->addr, sizeof(h->addr));
	pthread_mutex_unlock(&r->lock);
	poke(r);
	return 0;
}

void relay_set_tap(struct relay *r, relay_tap_fn fn, void *ctx)
{
	pthread_mutex_lock(&r->lock);
	r->tap = fn;
	r->tap_ctx = ctx;
	pthread_mutex_unlock(&r->lock);
}

/* A control: under the lock, then the thread and the loop look again. */
#define CONTROL(r, body) do { \
		pthread_mutex_lock(&(r)->lock); \
		size_t before_ = (r)->nev; \
		body; \
		if ((r)->nev != before_) \
			wake_loop(r); \
		pthread_mutex_unlock(&(r)->lock); \
		poke(r); \
	} while (0)

static int release(struct relay *r, int n)
{
	int done = 0;
	struct pkt *p;

	while ((n < 0 || done < n) && (p = fifo_pop(&r->held))) {
		deliver(r, p, RF_DELIVERED);
		done++;
	}
	return done;
}

void relay_hold(struct relay *r, bool on)
{
	CONTROL(r, {
		read_all(r);	/* what was sent before: under the old rule */
		r->st.hold = on;
		if (!on)
			release(r, -1);
	});
}

int relay_step(struct relay *r, int n)
{
	int done = 0;

	CONTROL(r, {
		read_all(r);
		done = release(r, n);
	});
	return done;
}

void relay_delay(struct relay *r, int ms)
{
	CONTROL(r, { read_all(r); r->st.delay_ms = ms; });
}

void relay_drop_next(struct relay *r, int n, uint8_t flags)
{
	CONTROL(r, {
		read_all(r);
		r->st.drop_next = n;
		r->st.drop_flags = flags;
	});
}

void relay_drop_share(struct relay *r, int percent, uint32_t seed)
{
	CONTROL(r, {
		read_all(r);
		r->st.drop_percent = percent;
		r->st.seed = seed;
		r->rng = seed;
	});
}

void relay_dup_next(struct relay *r, int n)
{
	CONTROL(r, { read_all(r); r->st.dup_next = n; });
}

void relay_link(struct relay *r, bool up)
{
	CONTROL(r, { read_all(r); r->st.down = !up; });
}

void relay_unknown(struct relay *r, bool icmp)
{
	CONTROL(r, { read_all(r); r->st.silent = !icmp; });
}

void relay_state(struct relay *r, struct relay_state *out)
{
	pthread_mutex_lock(&r->lock);
	*out = r->st;
	out->held = r->held.n;
	out->delayed = r->delayed.n;
	pthread_mutex_unlock(&r->lock);
}

size_t relay_held(struct relay *r, struct relay_event *out, size_t max)
{
	size_t n;

	pthread_mutex_lock(&r->lock);
	for (n = 0; n < r->held.n && n < max; n++) {
		const struct pkt *p = r->held.v[(r->held.head + n) % r->held.cap];

		out[n] = p->ev;
		out[n].fate = RF_HELD;
	}
	pthread_mutex_unlock(&r->lock);
	return n;
}

int relay_fd(const struct relay *r)
{
	return r->wake;
}

void relay_catch_up(struct relay *r)
{
	CONTROL(r, { read_all(r); deliver_due(r); });
}

int relay_drain(struct relay *r, relay_fn fn, void *ctx)
{
	struct relay_event *ev;
	uint64_t count;
	size_t n;

	if (read(r->wake, &count, sizeof(count)) < 0 && errno != EAGAIN)
		return -1;
	pthread_mutex_lock(&r->lock);
	ev = r->ev;
	n = r->nev;
	r->ev = NULL;
	r->nev = r->capev = 0;
	pthread_mutex_unlock(&r->lock);
	for (size_t i = 0; i < n; i++)
		fn(ctx, &ev[i]);
	free(ev);
	return (int)n;
}
