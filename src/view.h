/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view.h - the kernel view: diag rows spelled as ss spells them, printed
 * as a table whose first six columns match `ss -tuanH` (and, for UNIX
 * sockets, `ss -xanH`), followed by sockstage's own columns (timer,
 * owner). */
#ifndef SOCKSTAGE_VIEW_H
#define SOCKSTAGE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* "tcp" / "udp"; UNIX: "u_str", "u_dgr", "u_seq" */
const char *view_netid(const struct diag_row *r);
/* ss's state names (ESTAB, SYN-SENT, ... UNCONN, LISTEN); a TCP socket in
 * state CLOSE is "BOUND" (only bound) or "CLOSE" (a connection that ended,
 * still held: it has a peer); a UNIX socket's is "UNCONN". */
const char *view_state_name(const struct diag_row *r);
/* A state's name without a row: KS_CLOSE is "CLOSE" for TCP, "UNCONN"
 * for UDP; "?" for what is not a state. */
const char *view_state_text(uint8_t proto, int state);
/* Parse a state name as written in scripts ("LISTEN", "TIME-WAIT",
 * "BOUND", case-insensitive). Returns the KS_* state, or -1. "BOUND",
 * "CLOSE" and "UNCONN" all return KS_CLOSE. */
int view_state_parse(const char *name);
/* Every name view_state_parse takes, as written in scripts,
 * NULL-terminated. */
const char *const *view_state_names(void);

/* Local and peer endpoints as ss -n prints them: "127.0.0.1:3459",
 * "0.0.0.0:*", "[::1]:3459", "[::ffff:127.0.0.1]:3459", "*:3459" (dual
 * stack wildcard), "[::]:3459" (v6only wildcard), "127.0.0.1%lo:53".
 * UNIX (ss -x): local "/run/x.sock 61614482" (the name, a blank, the
 * inode), "@name 123" (abstract; each NUL in the name as '@'), "* 123"
 * (unnamed); the bytes of a name that are not printable as escapes
 * (text.h); peer "* 61614483" (its inode; "* 0": none). */
void view_format_local(const struct diag_row *r, char *buf, size_t len);
void view_format_peer(const struct diag_row *r, char *buf, size_t len);

/* Timer column: "-", "timewait:59.3s", "on:200ms", "keepalive:7199s",
 * "probe:1.2s"; retransmits appended as ",r2". */
void view_format_timer(const struct diag_row *r, char *buf, size_t len);
/* An IPv4 address's four bytes as inet_ntop writes them, into buf (at
 * least INET_ADDRSTRLEN bytes), without a printf. */
void view_ipv4_text(const unsigned char *a, char *buf);

/* Owner of a row, written into buf (at least 64 bytes); NULL callback or
 * an empty string prints "-". */
typedef void (*view_owner_fn)(void *ctx, const struct diag_row *r,
			      char *buf, size_t len);

/* Print every row of t: columns aligned like ss (widths from the rows),
 * one row per line, no header when header == 0. Written with large
 * buffered writes: this is the hot path of --dump on 100,000 sockets.
 * Returns 0, or -1 when writing failed. */
int view_print(FILE *out, const struct diag_table *t, view_owner_fn owner,
	       void *ctx, int header);

/* A UNIX socket's inode as the caller names it ("s3"): true with buf
 * filled, false for the number. */
typedef bool (*view_inode_fn)(void *ctx, uint64_t inode, char *buf, size_t len);
/* view_print, each UNIX inode (a row's own and its peer's) named by
 * inode_name where it can (the stage: its socket ids). */
int view_print_named(FILE *out, const struct diag_table *t, view_owner_fn owner,
		     view_inode_fn inode_name, void *ctx, int header);

/* sockstage --dump: read the whole table (or the ports in f) and print it
 * to out with view_print, the owner column filled from one /proc scan
 * (owner.h: "PID/COMMAND", "-" for TIME-WAIT and sockets of processes
 * that cannot be read). Errors go to stderr. Returns the process exit
 * code: 0 printed, 1 the kernel could not be read or output failed. */
int view_dump(const struct diag_filter *f, bool with_owners, FILE *out);

/* view_dump's rows handed one by one to fn as they are read (in another
 * thread, in --dump's order), each with its owner text (NULL: none
 * found, or no owners asked for), for another format (json_row.h); fn
 * writes the row to the stream it is given (out, or memory for rows that
 * go out later) and returns 0, or -1 when writing failed. Returns as
 * view_dump. */
typedef int (*view_row_fn)(void *ctx, FILE *to, const struct diag_row *r,
			   const char *owner);
int view_dump_rows(const struct diag_filter *f, bool with_owners, FILE *out,
		   view_row_fn fn, void *ctx);

#endif
