/* SPDX-License-Identifier: GPL-2.0-or-later */
/* owner.h - who holds a socket: socket inodes mapped to the processes
 * that have them open, found the way `ss -p` finds them, by reading the
 * links /proc/PID/fd/N -> "socket:[INODE]", with each holder's command
 * from /proc/PID/comm.
 *
 * A cache answers for the inodes its caller wants (the rows on screen, or
 * every row of --dump) and scans /proc only for those, at most once per
 * interval:
 *
 *	c = owner_cache_new(1000, 5000);
 *	each frame:
 *		owner_want(c, inodes_of_the_rows_shown, n);
 *		for each row: text = owner_lookup(c, row->inode);  "-" if NULL
 *	owner_cache_free(c);
 *
 * A scan reads every process in /proc. Processes that cannot be read
 * (another user's, without root; one that exits mid-scan; hidepid) are
 * skipped silently: their sockets have no owner here, as with ss -p; a
 * failure of the scan's own (too many open files) is reported. The
 * scan allocates nothing per process or per fd, and runs in the caller's
 * thread: it costs a few microseconds of kernel time per open file
 * descriptor on the host (25 ms for 6,400 on a 2-core VM). */
#ifndef SOCKSTAGE_OWNER_H
#define SOCKSTAGE_OWNER_H

#include <stddef.h>
#include <stdint.h>

/* Longest owner text, its NUL included: fits the view's owner column. */
#define OWNER_TEXT_MAX	64

struct owner_cache;

/* A new, empty cache; never NULL (allocation failure aborts, as xmalloc).
 *
 * interval_ms: two scans are at least this far apart (0: no limit). A
 * scan that took long stretches it, so that scanning stays within about
 * 3% of a core on a host with very many file descriptors.
 * refresh_ms: results older than this are scanned again when their inode
 * is wanted, so that a fork or a close shows up (0: never; a result then
 * holds until the inode ages out).
 *
 * An inode not named by owner_want for 10 intervals (at least 10 s) ages
 * out of the cache: its socket has usually gone from the table. */
struct owner_cache *owner_cache_new(long interval_ms, long refresh_ms);
void owner_cache_free(struct owner_cache *c);

/* The caller is about to show the sockets with these inodes: remember
 * them (inode 0, TIME-WAIT or not yet accepted, never has an owner and is
 * ignored), drop the entries that aged out, and scan /proc when an inode
 * is new to the cache or a result is older than refresh_ms, unless the
 * last scan was less than an interval ago (a new inode then stays unknown
 * until a later call). Every scan resolves every inode in the cache.
 * Returns 1 when it scanned, 0 when it did not need or was not allowed
 * to, -1 (errno set) when /proc could not be read at all, or only in part
 * for a reason of this process's own (EMFILE, ENFILE, ENOMEM: then the
 * owners found are kept, the others unknown); the rate limit still
 * applies after a failure. */
int owner_want(struct owner_cache *c, const uint64_t *inodes, size_t n);

/* For a one-shot caller (--dump): start reading /proc now, in a thread,
 * while the caller does its own work (reading the kernel's table), before
 * it knows which inodes it wants. The thread records every socket link it
 * finds (16 bytes each, at most 2^20 of them; beyond that the next
 * owner_want scans for the wanted inodes instead); the next owner_want
 * waits for it and resolves its inodes from that record without scanning
 * again. owner_cache_free or owner_set_procdir stop and reap an unused
 * one. Returns 0 (also when one is already running), or -1 (errno set)
 * when /proc cannot be opened or no thread can be made: owner_want then
 * scans as usual. */
int owner_prefetch(struct owner_cache *c);

/* For a one-shot caller that hands each row on as it comes, before it
 * knows them all (--dump --json): wait for the prefetch and want every
 * socket it found, so that owner_lookup answers for any socket that was
 * open when /proc was read. Without a prefetch, or when it outgrew its
 * limit, a scan here records every link (16 bytes each, no limit).
 * Returns as owner_want. */
int owner_want_every(struct owner_cache *c);

/* The holders of the socket with this inode, as of the last scan:
 * "PID/COMMAND", or several "PID/COMMAND,PID2/COMMAND2" in the order
 * /proc lists them (ascending pid), a
 * pid once however many of its fds hold the socket; those that do not fit
 * in OWNER_TEXT_MAX are counted as ",+N". The text holds no spaces,
 * commas or control characters inside a command (each such byte, and any
 * byte outside printable ASCII, is written '_'), so it can end a line of
 * whitespace-separated columns. NULL when the inode is 0, not wanted yet,
 * not scanned yet, or held by no process that could be read. The text
 * stays valid until the next owner_want or owner_cache_free. Never scans. */
const char *owner_lookup(const struct owner_cache *c, uint64_t inode);

/* What the cache did, for the caller's pacing and for tests. */
struct owner_stats {
	unsigned long scans;	/* /proc scans so far (failed ones too) */
	unsigned long procs;	/* last scan: processes whose fds were read */
	unsigned long skipped;	/* last scan: processes that could not be */
	unsigned long links;	/* last scan: fd links read */
	size_t entries;		/* inodes in the cache now */
	long long scan_us;	/* wall time of the last scan */
};
void owner_get_stats(const struct owner_cache *c, struct owner_stats *st);

/* --- exposed for tests ------------------------------------------------ */

/* owner_want with the time (monotonic ms) given instead of read. */
int owner_want_at(struct owner_cache *c, const uint64_t *inodes, size_t n,
		  long long now_ms);

/* Read processes from this directory instead of "/proc" (a fake tree of
 * PID/fd/N symlinks and PID/comm files). The path is copied. */
void owner_set_procdir(struct owner_cache *c, const char *path);

/* How many socket links owner_prefetch may record (default 2^20). */
void owner_set_prefetch_max(struct owner_cache *c, size_t pairs);

#endif
