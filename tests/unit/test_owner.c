/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_owner.c - unit tests of the socket owner cache (src/owner.c).
 *
 * First against a fake /proc built in a scratch directory (PID/fd/N
 * symlinks, PID/comm files): link parsing (pipes, paths, malformed and
 * overflowing numbers), several holders, a pid holding one socket twice,
 * the cap on the text, commands with blanks and commas, unreadable
 * processes, and with a clock given by the test the rescan rate limit,
 * the refresh and the ageing out of entries nobody wants; a scan that
 * runs out of descriptors (EMFILE) says so instead of reporting nobody.
 *
 * Then against the kernel, inside a private network namespace made by
 * sandbox_enter(): sockets made here and in a forked child (synchronised
 * through pipes) are looked up by the inodes fstat gives, and a closed
 * socket, and an exited child's, lose their owner at the next rescan;
 * owner_prefetch (the thread --dump uses) resolves the same owners as a
 * targeted scan, falls back to one past its limit, and is reaped when
 * unused. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "owner.h"
#include "sandbox.h"
#include "tap.h"

#define NHOLDERS 20	/* pids 1000.. holding inode 2000: more than fit */

static char root[256];

/* ---- the fake /proc --------------------------------------------------- */

static void __attribute__((format(printf, 1, 2)))
mkdirf(const char *fmt, ...)
{
	char path[512];
	va_list ap;
	int n;

	n = snprintf(path, sizeof(path), "%s/", root);
	va_start(ap, fmt);
	vsnprintf(path + n, sizeof(path) - (size_t)n, fmt, ap);
	va_end(ap);
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		printf("Bail out! mkdir %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* PID/fd/FD -> target, creating the directories. */
static void fake_link(int pid, int fd, const char *target)
{
	char path[512];

	mkdirf("%d", pid);
	mkdirf("%d/fd", pid);
	snprintf(path, sizeof(path), "%s/%d/fd/%d", root, pid, fd);
	if (symlink(target, path) < 0) {
		printf("Bail out! symlink %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void fake_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("Bail out! writing %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void fake_comm(int pid, const char *comm)
{
	char name[64];

	mkdirf("%d", pid);
	snprintf(name, sizeof(name), "%d/comm", pid);
	fake_file(name, comm);
}

static void build_fake_proc(void)
{
	const char *tmp = getenv("TMPDIR");
	int i;

	snprintf(root, sizeof(root), "%s/test_owner.XXXXXX",
		 tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		printf("Bail out! mkdtemp %s: %s\n", root, strerror(errno));
		exit(1);
	}
	fake_comm(100, "srv\n");
	fake_link(100, 3, "socket:[1001]");
	fake_link(100, 4, "socket:[1001]");	/* dup: one holder */
	fake_link(100, 5, "pipe:[1002]");
	fake_link(100, 6, "socket:[1003]x");
	fake_link(100, 7, "socket:[]");
	fake_link(100, 8, "socket:[18446744073709551615]");
	fake_link(100, 9, "socket:[18446744073709551616]");
	fake_link(100, 10, "socket:[-5]");
	fake_link(100, 11, "/dev/null");
	fake_link(100, 12, "socket:[1004");
	fake_link(100, 13, "Socket:[1005]");
	fake_link(100, 14, "socket:[00001006]");
	fake_file("100/fd/15", "a regular file, not a link\n");
	fake_comm(200, "my prog,\t\x7f\xc3\n");
	fake_link(200, 0, "socket:[1001]");
	mkdirf("300");				/* no fd directory: skipped */
	fake_comm(300, "nofd\n");
	fake_link(500, 1, "socket:[3000]");	/* no comm */
	mkdirf("self");
	mkdirf("12a");
	fake_link(0, 1, "socket:[1001]");	/* pid 0 is not a process */
	for (i = 0; i < NHOLDERS; i++) {
		fake_comm(1000 + i, "holder\n");
		fake_link(1000 + i, 3, "socket:[2000]");
	}
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static void remove_fake_proc(void)
{
	if (root[0] && nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		printf("# could not remove %s: %s\n", root, strerror(errno));
}

static struct owner_cache *fake_cache(long interval_ms, long refresh_ms)
{
	struct owner_cache *c = owner_cache_new(interval_ms, refresh_ms);

	owner_set_procdir(c, root);
	return c;
}

static unsigned long scans(const struct owner_cache *c)
{
	struct owner_stats st;

	owner_get_stats(c, &st);
	return st.scans;
}

static size_t entries(const struct owner_cache *c)
{
	struct owner_stats st;

	owner_get_stats(c, &st);
	return st.entries;
}

/* ---- against the fake /proc ------------------------------------------- */

/* Inode 1001's holders, in the order the scratch file system lists them
 * (the real /proc lists pids in ascending order). */
static int two_holders(const char *s)
{
	return s && (!strcmp(s, "100/srv,200/my_prog____") ||
		     !strcmp(s, "200/my_prog____,100/srv"));
}

static void test_links(void)
{
	static const uint64_t want[] = {
		1001, 1002, 1003, 0, 1004, 1005, 1006, 3000, 9999,
		UINT64_MAX, 1844674407370955161ULL, 1001,
	};
	struct owner_cache *c = fake_cache(1000, 0);
	struct owner_stats st;
	const char *s;

	tap_is_int(owner_want_at(c, want, sizeof(want) / sizeof(want[0]), 0),
		   1, "fake /proc: the first want scans");
	owner_get_stats(c, &st);
	tap_is_int((long long)st.entries, 10,
		   "inode 0 and a repeated inode make no entry");
	tap_ok(st.procs == 3 + NHOLDERS && st.skipped == 1,
	       "read the processes with an fd dir, skipped the one without "
	       "(procs %lu, skipped %lu)", st.procs, st.skipped);
	tap_is_int((long long)st.links, 14 + NHOLDERS,
		   "read only links (a regular file in fd/ is not one)");

	s = owner_lookup(c, 1001);
	tap_ok(two_holders(s),
	       "two holders, a pid once for two fds, the command made safe: %s",
	       s ? s : "(null)");
	tap_ok(owner_lookup(c, 1002) == NULL, "a pipe's inode is no socket");
	tap_ok(owner_lookup(c, 1003) == NULL, "socket:[1003]x: not 1003");
	tap_ok(owner_lookup(c, 1004) == NULL, "socket:[1004: not 1004");
	tap_ok(owner_lookup(c, 1005) == NULL, "Socket:[1005]: not a socket");
	tap_is_str(owner_lookup(c, 1006), "100/srv",
		   "leading zeros still name the inode");
	tap_is_str(owner_lookup(c, 3000), "500/?",
		   "a process without a readable comm is '?'");
	tap_ok(owner_lookup(c, 9999) == NULL, "an inode nobody holds: NULL");
	tap_is_str(owner_lookup(c, UINT64_MAX), "100/srv",
		   "the largest inode parses");
	tap_ok(owner_lookup(c, 1844674407370955161ULL) == NULL,
	       "an overflowing number matches nothing");
	tap_ok(owner_lookup(c, 0) == NULL, "inode 0: NULL");
	tap_ok(owner_lookup(c, 4242) == NULL, "an inode never wanted: NULL");
	owner_cache_free(c);
}

static void test_cap(void)
{
	static const uint64_t want[] = { 2000 };
	struct owner_cache *c = fake_cache(0, 0);
	const char *s, *p;
	int shown = 1, more = -1;

	owner_want_at(c, want, 1, 0);
	s = owner_lookup(c, 2000);
	tap_ok(s != NULL, "%d holders: %s", NHOLDERS, s ? s : "(null)");
	if (!s)
		return;
	tap_ok(strlen(s) < OWNER_TEXT_MAX, "the text fits OWNER_TEXT_MAX");
	for (p = s; *p; p++)
		if (*p == ',' && p[1] != '+')
			shown++;
	p = strstr(s, ",+");
	if (p)
		more = atoi(p + 2);
	tap_is_int(shown + more, NHOLDERS,
		   "holders shown plus ',+N' count them all");
	tap_ok(!strchr(s, ' '), "no blanks in the text");
	owner_cache_free(c);
}

static void test_rate_limit(void)
{
	static const uint64_t a[] = { 1001 }, ab[] = { 1001, 3000 },
		nobody[] = { 4000 };
	struct owner_cache *c = fake_cache(1000, 0);

	tap_is_int(owner_want_at(c, a, 1, 0), 1, "t=0: scans for a new inode");
	tap_is_int(owner_want_at(c, a, 1, 10), 0, "t=10: nothing new, no scan");
	tap_is_int(owner_want_at(c, ab, 2, 20), 0,
		   "t=20: a new inode, but within the interval: no scan");
	tap_ok(owner_lookup(c, 3000) == NULL, "so it is not known yet");
	tap_is_int(owner_want_at(c, ab, 2, 999), 0, "t=999: still no scan");
	tap_is_int((long long)scans(c), 1, "one scan so far");
	tap_is_int(owner_want_at(c, ab, 2, 1000), 1, "t=1000: scans");
	tap_is_str(owner_lookup(c, 3000), "500/?", "and now knows it");
	tap_is_str(owner_lookup(c, 1001) ? "found" : NULL, "found",
		   "an older entry survives a rescan");
	tap_is_int(owner_want_at(c, nobody, 1, 1500), 0,
		   "t=1500: an inode nobody holds waits for the interval");
	tap_is_int(owner_want_at(c, nobody, 1, 2000), 1, "t=2000: scans");
	tap_is_int(owner_want_at(c, nobody, 1, 5000), 0,
		   "t=5000: a scanned inode nobody holds causes no rescan");
	tap_is_int((long long)scans(c), 3, "three scans in all");

	/* ageing: 10 intervals, at least 10 s, without being wanted */
	tap_is_int((long long)entries(c), 3, "three inodes cached");
	owner_want_at(c, a, 1, 12000);
	tap_is_int((long long)entries(c), 2,
		   "t=12000: 3000 (last wanted at 1000) aged out");
	owner_want_at(c, a, 1, 15001);
	tap_is_int((long long)entries(c), 1,
		   "t=15001: 4000 (last wanted at 5000) aged out");
	tap_ok(owner_lookup(c, 3000) == NULL, "an aged-out inode: NULL");
	tap_is_int(owner_want_at(c, ab, 2, 15002), 1,
		   "wanted again, it is new again: a scan");
	tap_is_int((long long)scans(c), 4, "four scans in all");
	owner_cache_free(c);

	c = fake_cache(1000, 3000);
	tap_is_int(owner_want_at(c, a, 1, 0), 1, "refresh 3 s: t=0 scans");
	tap_is_int(owner_want_at(c, a, 1, 2999), 0, "t=2999: still fresh");
	tap_is_int(owner_want_at(c, a, 1, 3000), 1, "t=3000: refreshed");
	owner_cache_free(c);
}

static void test_no_proc(void)
{
	static const uint64_t a[] = { 1001 }, b[] = { 1002 };
	struct owner_cache *c = owner_cache_new(1000, 0);
	int rc;

	owner_set_procdir(c, "/nonexistent/proc");
	errno = 0;
	rc = owner_want_at(c, a, 1, 0);
	tap_ok(rc == -1 && errno == ENOENT,
	       "an unreadable /proc: -1 ENOENT (got %d, %s)", rc,
	       strerror(errno));
	tap_is_int(owner_want_at(c, b, 1, 10), 0,
		   "and the rate limit holds after a failure");
	tap_ok(owner_lookup(c, 1001) == NULL, "its inodes have no owner");
	owner_set_procdir(c, root);
	tap_is_int(owner_want_at(c, b, 1, 1000), 1,
		   "a readable one later: scans");
	tap_ok(two_holders(owner_lookup(c, 1001)),
	       "pending inodes from the failed scan resolved");
	owner_cache_free(c);
	owner_cache_free(NULL);
	tap_ok(1, "owner_cache_free(NULL) is harmless");
}

/* Allow only extra more descriptors to be opened (the lowest free ones);
 * returns the limit to restore. */
static struct rlimit few_fds(int extra)
{
	struct rlimit old, lim;
	int lo = dup(0);

	getrlimit(RLIMIT_NOFILE, &old);
	if (lo >= 0)
		close(lo);
	lim = old;
	lim.rlim_cur = (rlim_t)(lo + extra);
	if (lo < 0 || setrlimit(RLIMIT_NOFILE, &lim) < 0)
		printf("# cannot lower RLIMIT_NOFILE: %s\n", strerror(errno));
	return old;
}

/* Out of descriptors mid-scan: -1 EMFILE, never "no owner" in silence;
 * once descriptors are back, the owners are found. */
static void test_no_fds(void)
{
	static const uint64_t want[] = { 1001, 3000 };
	struct owner_cache *c = fake_cache(0, 500);
	struct rlimit old;
	int rc, e;

	old = few_fds(1);	/* /proc itself, then nothing */
	errno = 0;
	rc = owner_want_at(c, want, 2, 0);
	e = errno;
	setrlimit(RLIMIT_NOFILE, &old);
	tap_ok(rc == -1 && e == EMFILE, "no descriptor for PID/fd: -1 EMFILE "
	       "(got %d, %s)", rc, strerror(e));
	tap_ok(owner_lookup(c, 1001) == NULL, "and no owner made up");
	tap_is_int(owner_want_at(c, want, 2, 1), 1, "the inodes without an "
		   "answer stay pending: the next want scans again");
	tap_ok(two_holders(owner_lookup(c, 1001)), "and finds their owners");

	old = few_fds(2);	/* /proc and PID/fd, but not PID/comm */
	errno = 0;
	rc = owner_want_at(c, want, 2, 1000);
	e = errno;
	setrlimit(RLIMIT_NOFILE, &old);
	tap_ok(rc == -1 && e == EMFILE, "no descriptor for PID/comm: -1 "
	       "EMFILE (got %d, %s)", rc, strerror(e));
	tap_is_int(owner_want_at(c, want, 2, 2000), 1,
		   "descriptors back: the next scan works");
	tap_ok(two_holders(owner_lookup(c, 1001)), "and finds the owners");
	owner_cache_free(c);

	c = fake_cache(0, 0);
	old = few_fds(1);	/* the thread's /proc, then nothing */
	rc = owner_prefetch(c);
	errno = 0;
	if (rc == 0)
		rc = owner_want_at(c, want, 2, 0);
	e = errno;
	setrlimit(RLIMIT_NOFILE, &old);
	tap_ok(rc == -1 && e == EMFILE, "prefetch out of descriptors: "
	       "owner_want -1 EMFILE (got %d, %s)", rc, strerror(e));
	owner_cache_free(c);
}

/* Do two caches give the same owner for every inode in want[]? */
static int same_owners(const struct owner_cache *a, const struct owner_cache *b,
		       const uint64_t *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *x = owner_lookup(a, want[i]);
		const char *y = owner_lookup(b, want[i]);

		if (!x != !y || (x && strcmp(x, y))) {
			printf("# inode %llu: '%s' vs '%s'\n",
			       (unsigned long long)want[i], x ? x : "(null)",
			       y ? y : "(null)");
			return 0;
		}
	}
	return 1;
}

static void test_prefetch(void)
{
	static const uint64_t want[] = {
		1001, 1002, 1003, 1006, 2000, 3000, 9999, UINT64_MAX, 0,
	};
	const size_t n = sizeof(want) / sizeof(want[0]);
	struct owner_cache *ref = fake_cache(1000, 0), *c;
	struct owner_stats st;
	int rc;

	owner_want_at(ref, want, n, 0);

	c = fake_cache(1000, 0);
	tap_is_int(owner_prefetch(c), 0, "prefetch: a thread starts");
	tap_is_int(owner_prefetch(c), 0, "a second call while it runs: 0");
	tap_is_int(owner_want_at(c, want, n, 0), 1,
		   "owner_want resolves from it (returns 1)");
	owner_get_stats(c, &st);
	tap_ok(st.scans == 1 && st.procs == 3 + NHOLDERS && st.skipped == 1,
	       "counted as one scan of the same processes (%lu, %lu, %lu)",
	       st.scans, st.procs, st.skipped);
	tap_ok(same_owners(ref, c, want, n),
	       "the same owners as a targeted scan");
	tap_is_int(owner_want_at(c, want, n, 10), 0,
		   "and it counts for the rate limit");
	owner_cache_free(c);

	c = fake_cache(1000, 0);
	owner_set_prefetch_max(c, 5);
	owner_prefetch(c);
	tap_is_int(owner_want_at(c, want, n, 0), 1,
		   "a prefetch over its limit: owner_want scans instead");
	tap_ok(same_owners(ref, c, want, n), "with the same owners");
	tap_is_int((long long)scans(c), 1, "one scan counted");
	owner_cache_free(c);

	c = fake_cache(1000, 0);
	owner_prefetch(c);
	owner_cache_free(c);
	tap_ok(1, "a prefetch nobody used is stopped and reaped by free");

	c = fake_cache(1000, 0);
	owner_prefetch(c);
	owner_set_procdir(c, "/nonexistent/proc");
	errno = 0;
	rc = owner_prefetch(c);
	tap_ok(rc == -1 && errno == ENOENT,
	       "owner_set_procdir reaps it; an unreadable one: -1 ENOENT");
	tap_is_int(owner_want_at(c, want, n, 0), -1,
		   "then owner_want scans, and fails the same way");
	owner_cache_free(c);
	owner_cache_free(ref);
}

/* owner_want_every: every socket the scan found is known, none wanted
 * before; the same owners as a targeted scan, from a prefetch, from one
 * over its limit, and with none. */
static void test_want_every(void)
{
	static const uint64_t want[] = {
		1001, 1002, 1003, 1006, 2000, 3000, 9999, UINT64_MAX, 0,
	};
	const size_t n = sizeof(want) / sizeof(want[0]);
	struct owner_cache *ref = fake_cache(1000, 0), *c;

	owner_want_at(ref, want, n, 0);

	c = fake_cache(1000, 0);
	owner_prefetch(c);
	tap_is_int(owner_want_every(c), 1, "want every: from the prefetch");
	tap_ok(same_owners(ref, c, want, n),
	       "every socket's owners, none named before");
	tap_is_int((long long)scans(c), 1, "one scan counted");
	owner_cache_free(c);

	c = fake_cache(1000, 0);
	owner_set_prefetch_max(c, 5);
	owner_prefetch(c);
	tap_is_int(owner_want_every(c), 1,
		   "want every: a prefetch over its limit, then a scan here");
	tap_ok(same_owners(ref, c, want, n), "with the same owners");
	owner_cache_free(c);

	c = fake_cache(1000, 0);
	tap_is_int(owner_want_every(c), 1, "want every: no prefetch, a scan");
	tap_ok(same_owners(ref, c, want, n), "with the same owners");
	owner_cache_free(c);

	c = fake_cache(1000, 0);
	owner_set_procdir(c, "/nonexistent/proc");
	errno = 0;
	tap_ok(owner_want_every(c) == -1 && errno == ENOENT,
	       "want every: no /proc: -1 ENOENT");
	tap_ok(owner_lookup(c, 1001) == NULL, "and no owner");
	owner_cache_free(c);
	owner_cache_free(ref);
}

/* ---- against the kernel ----------------------------------------------- */

static uint64_t inode_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? (uint64_t)st.st_ino : 0;
}

/* The child: holds the inherited s1, a socket of its own (s3, its inode
 * written on report), and waits for hold to close. */
static void __attribute__((noreturn)) child(int s2, int report, int hold)
{
	uint64_t ino;
	char c;
	int s3;

	prctl(PR_SET_NAME, "owner-child");
	close(s2);
	s3 = socket(AF_INET, SOCK_DGRAM, 0);
	ino = s3 < 0 ? 0 : inode_of(s3);
	if (write(report, &ino, sizeof(ino)) != (ssize_t)sizeof(ino))
		_exit(1);
	close(report);
	while (read(hold, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

static void test_kernel(void)
{
	int s1, s2, s4, report[2], hold[2], status;
	uint64_t in[6], i1, i2, i3 = 0, i4;
	struct owner_cache *c;
	char me[64], kid[64], both[160];
	struct owner_stats st;
	char err[256];
	pid_t pid;

	if (sandbox_enter(err, sizeof(err)) < 0) {
		printf("ok %d # SKIP no private network namespace: %s\n",
		       ++tap_n, err);
		return;
	}
	prctl(PR_SET_NAME, "owner parent");
	s1 = socket(AF_INET, SOCK_STREAM, 0);
	s2 = socket(AF_INET6, SOCK_DGRAM, 0);
	if (s1 < 0 || s2 < 0 || listen(s1, 4) < 0 || pipe(report) < 0 ||
	    pipe(hold) < 0) {
		printf("Bail out! sockets and pipes: %s\n", strerror(errno));
		exit(1);
	}
	i1 = inode_of(s1);
	i2 = inode_of(s2);
	pid = fork();
	if (pid < 0) {
		printf("Bail out! fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		close(report[0]);
		close(hold[1]);
		child(s2, report[1], hold[0]);
	}
	close(report[1]);
	close(hold[0]);
	if (read(report[0], &i3, sizeof(i3)) != (ssize_t)sizeof(i3) || !i3) {
		printf("Bail out! the child did not report its socket\n");
		exit(1);
	}
	close(report[0]);

	snprintf(me, sizeof(me), "%d/owner_parent", (int)getpid());
	snprintf(kid, sizeof(kid), "%d/owner-child", (int)pid);
	if (getpid() < pid)
		snprintf(both, sizeof(both), "%s,%s", me, kid);
	else
		snprintf(both, sizeof(both), "%s,%s", kid, me);

	/* times far apart: a slow scan stretches the interval (pacing) */
	c = owner_cache_new(1000, 200000);
	in[0] = i1;
	in[1] = i2;
	in[2] = i3;
	in[3] = 0;
	in[4] = UINT64_MAX - 1;
	tap_is_int(owner_want_at(c, in, 5, 0), 1, "kernel: one scan for all");
	owner_get_stats(c, &st);
	tap_ok(st.procs > 0 && st.links > 0,
	       "it read processes and links (%lu, %lu, %lld us)", st.procs,
	       st.links, st.scan_us);
	tap_is_str(owner_lookup(c, i1), both,
		   "a listener shared with a forked child: both, in pid order");
	tap_is_str(owner_lookup(c, i2), me,
		   "a socket the child closed: this process only");
	tap_is_str(owner_lookup(c, i3), kid, "the child's own socket");
	tap_ok(owner_lookup(c, 0) == NULL, "inode 0: NULL");
	tap_ok(!owner_lookup(c, UINT64_MAX - 1), "an unknown inode: NULL");

	close(s2);
	s4 = socket(AF_INET, SOCK_STREAM, 0);
	i4 = inode_of(s4);
	in[3] = i4;
	tap_is_int(owner_want_at(c, in, 4, 500), 0,
		   "a new socket within the interval: no scan");
	tap_ok(owner_lookup(c, i2) != NULL,
	       "the closed socket keeps its cached owner until then");
	tap_is_int(owner_want_at(c, in, 4, 100000), 1,
		   "after the interval: a rescan");
	tap_ok(owner_lookup(c, i2) == NULL,
	       "a closed socket's inode has no owner after the rescan");
	tap_is_str(owner_lookup(c, i4), me, "the new socket is found");

	close(hold[1]);		/* the child exits */
	waitpid(pid, &status, 0);
	tap_is_int(owner_want_at(c, in, 5, 400000), 1,
		   "results older than refresh_ms: a rescan");
	tap_is_str(owner_lookup(c, i1), me,
		   "the exited child no longer holds the listener");
	tap_ok(owner_lookup(c, i3) == NULL, "nor its own socket");
	owner_cache_free(c);

	c = owner_cache_new(0, 0);
	tap_is_int(owner_prefetch(c), 0, "kernel: a prefetch starts");
	tap_is_int(owner_want(c, in, 5), 1, "and resolves");
	tap_is_str(owner_lookup(c, i1), me, "the listener's owner");
	tap_is_str(owner_lookup(c, i4), me, "the new socket's owner");
	tap_ok(!owner_lookup(c, i2) && !owner_lookup(c, i3),
	       "closed sockets have none");
	owner_cache_free(c);
	close(s1);
	close(s4);
}

int main(void)
{
	build_fake_proc();
	test_links();
	test_cap();
	test_rate_limit();
	test_no_proc();
	test_prefetch();
	test_want_every();
	test_no_fds();
	remove_fake_proc();
	test_kernel();
	return tap_done();
}
