/* SPDX-License-Identifier: GPL-2.0-or-later */
/* owner.c - socket inodes to the processes holding them (see owner.h).
 *
 * The cache is a hash set of the wanted inodes (open addressing over an
 * array of fixed-size entries, each with room for its owner text). A scan
 * walks /proc with getdents64, opens each PID/fd directory with openat,
 * reads every link with readlinkat, keeps only "socket:[N]", and hands N
 * to a sink: the targeted scan's sink appends "PID/COMMAND" to N's entry
 * when N is wanted, reading PID/comm only for a process that holds a
 * wanted socket. Directories are read into two buffers the cache owns,
 * so a scan allocates nothing. Processes that vanish or refuse mid-scan
 * are skipped: every failure of one process or link means "not this one",
 * unless it is a failure of ours (no descriptor, no memory left): then the
 * scan finishes what it can and reports the first such errno.
 *
 * owner_prefetch runs the scan in a thread before the wanted inodes are
 * known, its sink recording every socket link as an (inode, process) pair;
 * the next owner_want replays the pairs through the targeted sink. The
 * thread owns the buffers and the pairs until owner_want, owner_set_procdir
 * or owner_cache_free joins it; nothing else is shared. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "owner.h"
#include "util.h"

#define DIRBUF		(32 * 1024)	/* getdents64 buffer, each of two */
#define PACE		33	/* a scan of T waits PACE * T: about 3% */
#define KEEP_INTERVALS	10	/* unwanted this many intervals: dropped */
#define KEEP_MIN_MS	10000
#define SUFFIX_MAX	8	/* room kept for ",+65535" and the NUL */
#define COMM_MAX	32	/* the kernel's is 16 with its NUL */
#define MIN_SLOTS	64
#define PAIRS_MAX	(1u << 20)	/* a prefetch records at most 16 MiB */

enum { E_PENDING, E_DONE };

struct entry {
	uint64_t inode;
	long long wanted;	/* the last owner_want that named it */
	int last_pid;		/* during a scan: the last holder added */
	uint16_t more;		/* holders that did not fit in text */
	uint8_t state;		/* E_PENDING until a scan resolved it */
	uint8_t len;		/* of text */
	char text[OWNER_TEXT_MAX];
};

struct scan_stats {
	unsigned long procs, skipped, links;
	int err;		/* a failure of ours, not of a process: errno */
};

/* The process being read. */
struct proc {
	int procfd;		/* the /proc directory */
	int pid;
	char comm[COMM_MAX];	/* "" until a sink needs it */
	struct scan_stats *st;
};

/* Called for every socket link: the socket with this inode is open in p. */
typedef void (*sink_fn)(void *ctx, struct proc *p, uint64_t inode);

/* A scan of every socket, in a thread (owner_prefetch). */
struct pair {
	uint64_t inode;
	uint32_t proc;		/* index into procs */
};

struct pproc {
	int pid;
	char comm[COMM_MAX];
};

struct prefetch {
	pthread_t thread;
	int procfd;
	atomic_bool stop;	/* the caller lost interest */
	size_t max;		/* pairs it may record */
	bool overflow;		/* more than max links: unusable */
	struct pair *pairs;
	size_t npairs, cap;
	struct pproc *procs;
	size_t nprocs, capprocs;
	struct scan_stats st;
	long long us;		/* how long it took */
};

struct owner_cache {
	struct entry *e;
	size_t n, cap;
	uint32_t *slot;		/* index + 1 into e; 0: empty */
	size_t nslot;		/* a power of two, at least 2 * n + 2 */
	size_t npending;
	long interval_ms, refresh_ms;
	bool scanned;		/* at least one scan was tried */
	long long last_scan;	/* the now of the last scan */
	long long next_scan;	/* the earliest now of the next */
	char *procdir;
	char *dirbuf, *fdbuf;
	struct prefetch *pf;	/* a thread to join, or NULL */
	size_t pairs_max;	/* PAIRS_MAX, but for tests */
	struct owner_stats st;
};

static long long mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* --- the hash set ------------------------------------------------------ */

static size_t slot_of(uint64_t inode, size_t mask)
{
	return (size_t)((inode * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
}

static struct entry *find(const struct owner_cache *c, uint64_t inode)
{
	size_t mask, i;

	if (!c->nslot)
		return NULL;
	mask = c->nslot - 1;
	for (i = slot_of(inode, mask); c->slot[i]; i = (i + 1) & mask)
		if (c->e[c->slot[i] - 1].inode == inode)
			return &c->e[c->slot[i] - 1];
	return NULL;
}

static void place(struct owner_cache *c, size_t idx)
{
	size_t mask = c->nslot - 1, i;

	for (i = slot_of(c->e[idx].inode, mask); c->slot[i]; i = (i + 1) & mask)
		;
	c->slot[i] = (uint32_t)(idx + 1);
}

/* Size the slots for the entries there are, and place them all. */
static void rehash(struct owner_cache *c)
{
	size_t nslot = MIN_SLOTS, i;

	while (nslot < 2 * c->n + 2)
		nslot *= 2;
	if (nslot != c->nslot) {
		free(c->slot);
		c->slot = xcalloc(nslot, sizeof(*c->slot));
		c->nslot = nslot;
	} else {
		memset(c->slot, 0, nslot * sizeof(*c->slot));
	}
	for (i = 0; i < c->n; i++)
		place(c, i);
}

static void insert(struct owner_cache *c, uint64_t inode, long long now)
{
	struct entry *e;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : MIN_SLOTS / 2;
		c->e = xrealloc(c->e, c->cap * sizeof(*c->e));
	}
	e = &c->e[c->n++];
	memset(e, 0, sizeof(*e));
	e->inode = inode;
	e->wanted = now;
	e->state = E_PENDING;
	c->npending++;
	if (2 * c->n + 2 > c->nslot)
		rehash(c);
	else
		place(c, c->n - 1);
}

/* Drop the entries nobody wanted for a while; give back memory after a
 * burst. */
static void age_out(struct owner_cache *c, long long now)
{
	long long keep = (long long)KEEP_INTERVALS * c->interval_ms;
	size_t i, j = 0;

	if (keep < KEEP_MIN_MS)
		keep = KEEP_MIN_MS;
	for (i = 0; i < c->n; i++) {
		if (now - c->e[i].wanted > keep) {
			if (c->e[i].state == E_PENDING)
				c->npending--;
			continue;
		}
		if (j != i)
			c->e[j] = c->e[i];
		j++;
	}
	if (j == c->n)
		return;
	c->n = j;
	if (c->cap > MIN_SLOTS && c->n < c->cap / 4) {
		c->cap /= 2;
		c->e = xrealloc(c->e, c->cap * sizeof(*c->e));
	}
	rehash(c);
}

/* --- reading /proc ----------------------------------------------------- */

/* "socket:[12345]" -> 12345; anything else (pipe:[N], a path, a bad or
 * overflowing number) -> 0. */
static uint64_t parse_socket_link(const char *s, size_t n)
{
	static const char pre[] = "socket:[";
	uint64_t v = 0;
	size_t i;

	if (n < sizeof(pre) + 1 || n > sizeof(pre) + 20 ||
	    memcmp(s, pre, sizeof(pre) - 1) != 0 || s[n - 1] != ']')
		return 0;
	for (i = sizeof(pre) - 1; i < n - 1; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	return v;
}

static uint64_t read_socket_link(int dirfd, const char *name)
{
	char buf[40];
	ssize_t n;

	n = readlinkat(dirfd, name, buf, sizeof(buf));
	if (n <= 0 || (size_t)n >= sizeof(buf))
		return 0;
	return parse_socket_link(buf, (size_t)n);
}

/* A /proc entry that is a process: its pid, else 0. */
static int parse_pid(const char *name)
{
	long long v = 0;
	size_t i;

	for (i = 0; name[i]; i++) {
		if (name[i] < '0' || name[i] > '9' || i >= 10)
			return 0;
		v = v * 10 + (name[i] - '0');
	}
	return v > 0 && v <= INT_MAX ? (int)v : 0;
}

/* A command made safe for a column: no blanks, commas, control or
 * non-ASCII bytes. */
static void sanitize(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    *s == ',')
			*s = '_';
}

/* A process that cannot be read is skipped, as ss -p skips it, when the
 * reason is the process (it exited, it is another user's, hidepid); when
 * it is ours (too many open files, no memory), the scan is incomplete
 * and says so. */
static void note_failure(struct scan_stats *st, int err)
{
	if (err != ENOENT && err != ESRCH && err != EACCES && err != EPERM &&
	    !st->err)
		st->err = err;
}

/* The process's command, made safe, read on first use; "?" when it
 * cannot be read (it exited). */
static const char *proc_comm(struct proc *p)
{
	char path[32];
	ssize_t n = -1;
	int fd;

	if (p->comm[0])
		return p->comm;
	snprintf(path, sizeof(path), "%d/comm", p->pid);
	fd = openat(p->procfd, path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, p->comm, sizeof(p->comm) - 1);
		close(fd);
	} else if (p->st) {
		note_failure(p->st, errno);
	}
	if (n < 0)
		n = 0;
	p->comm[n] = '\0';
	p->comm[strcspn(p->comm, "\n")] = '\0';
	if (!p->comm[0])
		str_copy(p->comm, "?", sizeof(p->comm));
	sanitize(p->comm);
	return p->comm;
}

static bool stopped(atomic_bool *stop)
{
	return stop && atomic_load_explicit(stop, memory_order_relaxed);
}

/* Every fd of one process, until the end or *stop. */
static void scan_proc(struct proc *p, char *buf, sink_fn sink, void *ctx,
		      struct scan_stats *st, atomic_bool *stop)
{
	char path[32];
	ssize_t n, off;
	int fd;

	snprintf(path, sizeof(path), "%d/fd", p->pid);
	fd = openat(p->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		note_failure(st, errno);
		st->skipped++;
		return;
	}
	st->procs++;
	while ((n = getdents64(fd, buf, DIRBUF)) > 0) {
		for (off = 0; off < n;) {
			const struct dirent64 *d = (void *)(buf + off);
			uint64_t inode;

			off += d->d_reclen;
			if (d->d_name[0] == '.' ||
			    (d->d_type != DT_LNK && d->d_type != DT_UNKNOWN))
				continue;
			if (stopped(stop))
				break;
			st->links++;
			inode = read_socket_link(fd, d->d_name);
			if (inode)
				sink(ctx, p, inode);
		}
	}
	close(fd);
}

/* Every process in the directory procfd (read from its current offset),
 * until the end or *stop. */
static void scan_procs(int procfd, char *dirbuf, char *fdbuf, sink_fn sink,
		       void *ctx, struct scan_stats *st, atomic_bool *stop)
{
	ssize_t n, off;

	memset(st, 0, sizeof(*st));
	while ((n = getdents64(procfd, dirbuf, DIRBUF)) > 0) {
		for (off = 0; off < n;) {
			const struct dirent64 *d = (void *)(dirbuf + off);
			struct proc p = { .procfd = procfd, .st = st };

			off += d->d_reclen;
			p.pid = parse_pid(d->d_name);
			if (!p.pid)
				continue;
			if (stopped(stop))
				return;
			scan_proc(&p, fdbuf, sink, ctx, st, stop);
		}
	}
	if (n < 0)
		note_failure(st, errno);
}

/* --- resolving the wanted inodes --------------------------------------- */

static void add_holder(struct entry *e, int pid, const char *comm)
{
	char tmp[OWNER_TEXT_MAX];
	int n;

	e->last_pid = pid;
	if (!e->more) {
		n = snprintf(tmp, sizeof(tmp), "%s%d/%s", e->len ? "," : "",
			     pid, comm);
		if (n > 0 && e->len + n <= OWNER_TEXT_MAX - SUFFIX_MAX) {
			memcpy(e->text + e->len, tmp, (size_t)n + 1);
			e->len = (uint8_t)(e->len + n);
			return;
		}
	}
	if (e->more < UINT16_MAX)
		e->more++;
}

/* The targeted scan's sink. */
static void want_sink(void *ctx, struct proc *p, uint64_t inode)
{
	struct entry *e = find(ctx, inode);

	if (e && e->last_pid != p->pid)
		add_holder(e, p->pid, proc_comm(p));
}

/* Before resolving: every entry without holders. */
static void begin_scan(struct owner_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		c->e[i].len = 0;
		c->e[i].text[0] = '\0';
		c->e[i].more = 0;
		c->e[i].last_pid = 0;
	}
}

/* After resolving (or failing to): every entry known, the clock set. A
 * scan cut short by a failure of ours (st->err) found no owner is no
 * answer: such entries stay pending, for the next scan. */
static void end_scan(struct owner_cache *c, const struct scan_stats *st,
		     long long now, long long us, bool resolved)
{
	long long gap;
	size_t i, pending = 0;

	for (i = 0; resolved && i < c->n; i++) {
		struct entry *e = &c->e[i];

		if (e->more)
			snprintf(e->text + e->len, OWNER_TEXT_MAX - e->len,
				 ",+%u", (unsigned)e->more);
		e->len = (uint8_t)strlen(e->text);
		e->state = st->err && !e->len ? E_PENDING : E_DONE;
		pending += e->state == E_PENDING;
	}
	if (resolved)
		c->npending = pending;
	c->st.procs = st->procs;
	c->st.skipped = st->skipped;
	c->st.links = st->links;
	c->st.scans++;
	c->st.scan_us = us;
	c->scanned = true;
	c->last_scan = now;
	gap = PACE * us / 1000;
	c->next_scan = now + (gap > c->interval_ms ? gap : c->interval_ms);
	/* a scan that failed midway (out of descriptors) left its inodes
	   pending: the next want after the interval scans again, however
	   long this one took */
	if (st->err)
		c->next_scan = now + c->interval_ms;
}

/* One targeted scan: every entry resolved afresh. */
static int scan(struct owner_cache *c, long long now)
{
	struct scan_stats st = { 0 };
	long long t0 = mono_us();
	int procfd, err;

	procfd = open(c->procdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0) {
		err = errno;
		end_scan(c, &st, now, mono_us() - t0, false);
		errno = err;
		return -1;
	}
	begin_scan(c);
	scan_procs(procfd, c->dirbuf, c->fdbuf, want_sink, c, &st, NULL);
	close(procfd);
	end_scan(c, &st, now, mono_us() - t0, true);
	if (st.err) {
		errno = st.err;
		return -1;
	}
	return 1;
}

/* --- the prefetch thread ----------------------------------------------- */

/* Its sink: every socket link, recorded. */
static void collect_sink(void *ctx, struct proc *p, uint64_t inode)
{
	struct prefetch *pf = ctx;

	if (pf->npairs == pf->max) {
		pf->overflow = true;
		atomic_store(&pf->stop, true);
		return;
	}
	if (!pf->nprocs || pf->procs[pf->nprocs - 1].pid != p->pid) {
		if (pf->nprocs == pf->capprocs) {
			pf->capprocs = pf->capprocs ? 2 * pf->capprocs : 64;
			pf->procs = xrealloc(pf->procs, pf->capprocs *
					     sizeof(*pf->procs));
		}
		pf->procs[pf->nprocs].pid = p->pid;
		str_copy(pf->procs[pf->nprocs].comm, proc_comm(p),
			 sizeof(pf->procs[0].comm));
		pf->nprocs++;
	}
	if (pf->npairs == pf->cap) {
		pf->cap = pf->cap ? 2 * pf->cap : 1024;
		pf->pairs = xrealloc(pf->pairs, pf->cap * sizeof(*pf->pairs));
	}
	pf->pairs[pf->npairs].inode = inode;
	pf->pairs[pf->npairs].proc = (uint32_t)(pf->nprocs - 1);
	pf->npairs++;
}

static void *prefetch_main(void *arg)
{
	struct owner_cache *c = arg;
	struct prefetch *pf = c->pf;
	long long t0 = mono_us();

	scan_procs(pf->procfd, c->dirbuf, c->fdbuf, collect_sink, pf, &pf->st,
		   &pf->stop);
	pf->us = mono_us() - t0;
	return NULL;
}

/* Wait for the prefetch; NULL when there was none. The caller frees it. */
static struct prefetch *prefetch_join(struct owner_cache *c)
{
	struct prefetch *pf = c->pf;

	if (!pf)
		return NULL;
	pthread_join(pf->thread, NULL);
	close(pf->procfd);
	c->pf = NULL;
	return pf;
}

static void prefetch_free(struct prefetch *pf)
{
	if (!pf)
		return;
	free(pf->pairs);
	free(pf->procs);
	free(pf);
}

/* Resolve every entry from a complete prefetch, as a scan would have. */
static void replay(struct owner_cache *c, const struct prefetch *pf,
		   long long now)
{
	size_t i;

	begin_scan(c);
	for (i = 0; i < pf->npairs; i++) {
		const struct pproc *p = &pf->procs[pf->pairs[i].proc];
		struct entry *e = find(c, pf->pairs[i].inode);

		if (e && e->last_pid != p->pid)
			add_holder(e, p->pid, p->comm);
	}
	end_scan(c, &pf->st, now, pf->us, true);
}

/* --- the API ----------------------------------------------------------- */

struct owner_cache *owner_cache_new(long interval_ms, long refresh_ms)
{
	struct owner_cache *c = xcalloc(1, sizeof(*c));

	c->interval_ms = interval_ms > 0 ? interval_ms : 0;
	c->refresh_ms = refresh_ms > 0 ? refresh_ms : 0;
	c->procdir = xstrdup("/proc");
	c->pairs_max = PAIRS_MAX;
	c->dirbuf = xmalloc(DIRBUF);
	c->fdbuf = xmalloc(DIRBUF);
	return c;
}

void owner_cache_free(struct owner_cache *c)
{
	if (!c)
		return;
	if (c->pf)
		atomic_store(&c->pf->stop, true);
	prefetch_free(prefetch_join(c));
	free(c->e);
	free(c->slot);
	free(c->procdir);
	free(c->dirbuf);
	free(c->fdbuf);
	free(c);
}

void owner_set_procdir(struct owner_cache *c, const char *path)
{
	if (c->pf)
		atomic_store(&c->pf->stop, true);
	prefetch_free(prefetch_join(c));
	free(c->procdir);
	c->procdir = xstrdup(path);
}

void owner_set_prefetch_max(struct owner_cache *c, size_t pairs)
{
	c->pairs_max = pairs;
}

int owner_prefetch(struct owner_cache *c)
{
	sigset_t all, old;
	struct prefetch *pf;
	int rc;

	if (c->pf)
		return 0;
	pf = xcalloc(1, sizeof(*pf));
	atomic_init(&pf->stop, false);
	pf->max = c->pairs_max;
	pf->procfd = open(c->procdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pf->procfd < 0) {
		rc = errno;
		goto fail;
	}
	c->pf = pf;
	/* signals stay with the caller's thread: the new one blocks them all */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&pf->thread, NULL, prefetch_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc == 0)
		return 0;
	c->pf = NULL;
	close(pf->procfd);
fail:
	prefetch_free(pf);
	errno = rc;
	return -1;
}

int owner_want_at(struct owner_cache *c, const uint64_t *inodes, size_t n,
		  long long now)
{
	struct prefetch *pf = prefetch_join(c);
	bool stale, fallback = pf != NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		struct entry *e;

		if (!inodes[i])
			continue;
		e = find(c, inodes[i]);
		if (e)
			e->wanted = now;
		else
			insert(c, inodes[i], now);
	}
	age_out(c, now);
	if (pf && !pf->overflow) {
		int err = pf->st.err;

		replay(c, pf, now);
		prefetch_free(pf);
		errno = err;
		return err ? -1 : 1;
	}
	/* no prefetch, or one that outgrew PAIRS_MAX: scan for the wanted */
	prefetch_free(pf);
	stale = c->refresh_ms && c->n && now - c->last_scan >= c->refresh_ms;
	if (!c->npending && !stale)
		return 0;
	if (c->scanned && now < c->next_scan && !fallback)
		return 0;
	return scan(c, now);
}

/* A scan that records every socket link, here and now, without limit. */
static struct prefetch *collect_now(struct owner_cache *c)
{
	struct prefetch *pf = xcalloc(1, sizeof(*pf));
	long long t0 = mono_us();

	atomic_init(&pf->stop, false);
	pf->max = SIZE_MAX;
	pf->procfd = open(c->procdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pf->procfd < 0) {
		int err = errno;

		prefetch_free(pf);
		errno = err;
		return NULL;
	}
	scan_procs(pf->procfd, c->dirbuf, c->fdbuf, collect_sink, pf, &pf->st,
		   &pf->stop);
	pf->us = mono_us() - t0;
	close(pf->procfd);
	return pf;
}

int owner_want_every(struct owner_cache *c)
{
	struct prefetch *pf = prefetch_join(c);
	long long now = now_ms();
	int err;

	if (!pf || pf->overflow) {
		prefetch_free(pf);
		if (!(pf = collect_now(c)))
			return -1;
	}
	for (size_t i = 0; i < pf->npairs; i++) {
		struct entry *e = find(c, pf->pairs[i].inode);

		if (e)
			e->wanted = now;
		else
			insert(c, pf->pairs[i].inode, now);
	}
	replay(c, pf, now);
	err = pf->st.err;
	prefetch_free(pf);
	errno = err;
	return err ? -1 : 1;
}

int owner_want(struct owner_cache *c, const uint64_t *inodes, size_t n)
{
	return owner_want_at(c, inodes, n, now_ms());
}

const char *owner_lookup(const struct owner_cache *c, uint64_t inode)
{
	const struct entry *e;

	if (!inode)
		return NULL;
	e = find(c, inode);
	if (!e || e->state != E_DONE || !e->len)
		return NULL;
	return e->text;
}

void owner_get_stats(const struct owner_cache *c, struct owner_stats *st)
{
	*st = c->st;
	st->entries = c->n;
}
