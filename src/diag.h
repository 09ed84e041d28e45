/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag.h - the kernel's socket table, read through netlink sock_diag
 * (libmnl), the way ss reads it: TCP and UDP, IPv4 and IPv6, every state,
 * bound-only TCP sockets included; and, when asked, UNIX-domain sockets
 * (diag_unix.c). */
#ifndef SOCKSTAGE_DIAG_H
#define SOCKSTAGE_DIAG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "endpoint.h"

struct nlmsghdr;

/* Kernel TCP states (include/net/tcp_states.h); not in userspace headers. */
enum {
	KS_ESTABLISHED = 1,
	KS_SYN_SENT,
	KS_SYN_RECV,
	KS_FIN_WAIT1,
	KS_FIN_WAIT2,
	KS_TIME_WAIT,
	KS_CLOSE,
	KS_CLOSE_WAIT,
	KS_LAST_ACK,
	KS_LISTEN,
	KS_CLOSING,
	KS_MAX_STATES
};

/* Timer kinds as inet_diag reports them in idiag_timer. */
enum {
	DT_NONE = 0,
	DT_RETRANS = 1,
	DT_KEEPALIVE = 2,
	DT_TIMEWAIT = 3,
	DT_PROBE = 4,
};

/* A UNIX socket's name as the kernel reports it: sun_path's bytes */
#define DIAG_UNIX_NAME_MAX	108
/* Pending connections of a UNIX listener kept in a row (the count is
 * whole) */
#define DIAG_UNIX_ICONS		8

/* One socket. Rows are plain values: copied by assignment or memcpy.
 * The inet ends and the UNIX name share their storage: which one a row
 * has follows from family. */
struct diag_row {
	uint8_t proto;		/* IPPROTO_TCP or IPPROTO_UDP; 0 for AF_UNIX */
	uint8_t family;		/* AF_INET, AF_INET6 or AF_UNIX */
	uint8_t type;		/* SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET */
	uint8_t state;		/* KS_* (UNIX: the kernel's udiag_state, of
				   the same values) */
	uint8_t timer;		/* DT_* (DT_NONE for UNIX) */
	int8_t v6only;		/* 1, 0, or -1 when the kernel did not say */
	uint8_t retrans;
	uint8_t host;		/* the stage's host it was read on (0: local,
				   or no hosts) */
	uint32_t rqueue, wqueue; /* UNIX listener: pending, backlog */
	uint32_t expires_ms;
	uint32_t uid;
	uint64_t inode;
	uint64_t cookie;
	union {
		struct {	/* AF_INET, AF_INET6 */
			uint16_t sport, dport;	/* host byte order */
			uint32_t ifindex;
			struct in6_addr src, dst; /* IPv4 in the first 4
						     bytes, as inet_diag */
		};
		struct {	/* AF_UNIX */
			uint64_t peer_inode;	/* 0: no peer */
			uint32_t icons[DIAG_UNIX_ICONS]; /* pending
					connections' inodes (the kernel's
					are 32 bits), the first ones */
			uint32_t nicons;	/* how many are pending */
			/* a path's file (UNIX_DIAG_VFS): its inode and
			   device (the kernel's encoding: major << 20 |
			   minor); 0: none (abstract, unnamed) */
			uint32_t vfs_ino, vfs_dev;
			uint8_t namelen;	/* 0: unnamed */
			/* sun_path as reported: a path (possibly with its
			 * NUL), or an abstract name, name[0] == '\0'; any
			 * bytes */
			char name[DIAG_UNIX_NAME_MAX];
		};
	};
};

/* One attribute of a row's message: its type (NLA_TYPE_MASK applied) and
 * its value's n bytes. 0, or -1 with err filled. */
typedef int (*diag_attr_fn)(void *ctx, unsigned type, const unsigned char *v,
			    size_t n, char *err, size_t errlen);
/* The left bytes of attributes at p, each checked to lie within them
 * before fn reads it. 0, or -1 with err filled (fn's, or a malformed
 * attribute's). */
int diag_walk_attrs(const unsigned char *p, size_t left, diag_attr_fn fn,
		    void *ctx, char *err, size_t errlen);

/* A row's two ends as endpoints (endpoint.h). A UNIX row's local end is
 * EP_UNIX_PATH, EP_UNIX_ABSTRACT or EP_UNIX_UNNAMED; its peer, known by
 * inode only (peer_inode), is EP_NONE. */
void diag_row_local(const struct diag_row *r, struct endpoint *e);
void diag_row_peer(const struct diag_row *r, struct endpoint *e);

/* A row as a dump reads it (diag_dump_each); NULL: the dump was
 * interrupted and starts over, forget the rows so far. */
typedef void (*diag_row_fn)(void *ctx, const struct diag_row *r);

struct diag_table {
	struct diag_row *rows;
	size_t n, cap;
	/* or, when set, each buffer's rows go to each and are not kept
	   (diag_dump_each) */
	diag_row_fn each;
	void *each_ctx;
};

/* Which sockets to ask for. nports == 0: all of them. Otherwise only those
 * whose local or peer port is one of ports[] (kernel-side bytecode filter,
 * like ss '( sport = :N or dport = :N )'); the ports filter TCP and UDP
 * only: UNIX sockets have none, and are all read when asked for. */
#define DIAG_MAX_PORTS 64
struct diag_filter {
	uint16_t ports[DIAG_MAX_PORTS];
	size_t nports;
	bool tcp, udp;		/* which protocols (both false: both) */
	bool inet, unix_;	/* which families: TCP and UDP, UNIX (both
				   false: TCP and UDP only) */
	uint32_t states;	/* TCP: which states, bits 1 << KS_* and
				   DIAG_BOUND_INACTIVE; 0: every one. A
				   dump of listeners alone walks only the
				   kernel's listening hash, not the table
				   of established and TIME-WAIT sockets */
};

/* The state bit of TCP sockets that are bound and no more (the kernel's
 * TCPF_BOUND_INACTIVE); their rows say CLOSE. */
#define DIAG_BOUND_INACTIVE	(1u << 13)

struct diag;

/* Open the netlink socket. Returns NULL with a message in err. */
struct diag *diag_open(char *err, size_t errlen);
void diag_close(struct diag *d);

/* Dump into t (t->n is reset first; storage is reused). Order: as ss
 * -tuan: UDP before TCP, IPv4 before IPv6; then, when f asks for them,
 * the UNIX sockets (diag_unix_dump). Returns 0, or -1 with a message
 * in err (the table then holds what was read before the failure). A dump
 * interrupted by a concurrent change (NLM_F_DUMP_INTR) is retried. */
int diag_dump(struct diag *d, const struct diag_filter *f,
	      struct diag_table *t, char *err, size_t errlen);

void diag_table_free(struct diag_table *t);

/* diag_dump without a table: each row to fn as the kernel's replies come
 * (TCP's rows of both families in the kernel's order, IPv4 and IPv6
 * mixed; the UNIX ones last). Memory stays that of one reply, whatever
 * the size of the table. Returns like diag_dump. */
int diag_dump_each(struct diag *d, const struct diag_filter *f,
		   diag_row_fn fn, void *ctx, char *err, size_t errlen);

/* A request of the caller's and its replies, for requests diag_dump does
 * not make (sockinfo.h's exact lookups). nlh holds the whole request,
 * header and body; its nlmsg_seq is set here. Each buffer received goes
 * to fn with that seq until fn returns nonzero: 1 the reply is complete,
 * -1 an error (fn's message in err). Returns 0 complete, or -1 (err):
 * fn's error or the socket's. After an error the netlink socket is
 * opened again, so that what is left of the reply is never taken for
 * the next one's. */
typedef int (*diag_reply_fn)(void *ctx, const void *buf, size_t len,
			     uint32_t seq, char *err, size_t errlen);
int diag_request(struct diag *d, struct nlmsghdr *nlh, diag_reply_fn fn,
		 void *ctx, char *err, size_t errlen);

/* One TCP or UDP socket, asked for exactly (no dump: the kernel looks it
 * up in its hash tables by the ends and checks the cookie): key's proto,
 * family, local and peer ends (a listener's or an unconnected socket's
 * peer is the wildcard, port 0), ifindex, and cookie (0: any socket with
 * those ends). Returns 1 found (out filled), 0 not found (no socket has
 * those ends, or it is not the one with that cookie: a socket that is
 * only bound, or one of several sharing a port, is not found this way),
 * -1 an error (message in err). diag_lookup.c. */
int diag_lookup(struct diag *d, const struct diag_row *key,
		struct diag_row *out, char *err, size_t errlen);

/* The kernel's word that sockets are gone (diag_watch.c): the destroy
 * groups of sock_diag, in the namespace it is opened in. */
struct diag_watch;
struct diag_watch *diag_watch_open(char *err, size_t errlen);
void diag_watch_close(struct diag_watch *w);
/* A descriptor to poll for POLLIN. */
int diag_watch_fd(const struct diag_watch *w);
/* A destroyed socket's last row; NULL: some were lost (the socket's
 * buffer overflowed), so any may be gone. */
typedef void (*diag_watch_fn)(void *ctx, const struct diag_row *r);
/* What has come, without blocking: fn for each. Returns how many, or -1
 * with a message in err. */
int diag_watch_read(struct diag_watch *w, diag_watch_fn fn, void *ctx,
		    char *err, size_t errlen);

/* --- UNIX-domain sockets (diag_unix.c) -------------------------------- */

/* Append every UNIX socket of the namespace to t, in the kernel's order,
 * with its name, peer, pending connections, queues and uid. A dump
 * interrupted by a concurrent change is retried (t keeps only the last
 * try's rows). Returns 0, or -1 with a message in err (t then holds
 * what it held before). */
int diag_unix_dump(struct diag *d, struct diag_table *t, char *err,
		   size_t errlen);

/* One UNIX socket, asked for exactly (no dump): by inode, and by cookie
 * when it is not 0 (a socket whose inode number was taken by another is
 * then not mistaken for it). Returns 1 found (row filled), 0 gone (the
 * kernel has no such socket, or the inode is another's now), -1 an error
 * (message in err). */
int diag_unix_lookup(struct diag *d, uint64_t inode, uint64_t cookie,
		     struct diag_row *row, char *err, size_t errlen);

/* --- exposed for tests ------------------------------------------------ */

/* Parse one AF_UNIX SOCK_DIAG_BY_FAMILY reply (a unix_diag_msg with
 * attributes) into row. Returns 0, or -1 with a message when it is
 * malformed. */
int diag_unix_parse_msg(const struct nlmsghdr *nlh, struct diag_row *row,
			char *err, size_t errlen);

/* diag_parse_buf for the replies to a UNIX dump. */
int diag_unix_parse_buf(const void *buf, size_t len, uint32_t seq,
			struct diag_table *t, char *err, size_t errlen);

/* Parse one SOCK_DIAG_BY_FAMILY reply (an inet_diag_msg with attributes)
 * into row. Returns 0, or -1 with a message when it is malformed. */
int diag_parse_msg(const struct nlmsghdr *nlh, uint8_t proto,
		   struct diag_row *row, char *err, size_t errlen);

/* Parse a buffer of netlink messages as received from the kernel for one
 * dump request (seq), appending rows to t. Returns 1 when the dump is
 * complete (NLMSG_DONE), 0 when more is to come, -1 on error (message in
 * err; an NLMSG_ERROR from the kernel, a truncated or malformed message),
 * -2 when NLM_F_DUMP_INTR was seen (caller retries). */
int diag_parse_buf(const void *buf, size_t len, uint32_t seq, uint8_t proto,
		   struct diag_table *t, char *err, size_t errlen);

/* Dump every TCP and UDP socket with caller-supplied filter bytecode, as
 * is, unchecked: lets tests see how a kernel refusal is reported. Returns
 * like diag_dump. */
int diag_dump_raw(struct diag *d, const void *bc, int bclen,
		  struct diag_table *t, char *err, size_t errlen);

/* Build the inet_diag bytecode for the port filter into buf. Returns its
 * length in bytes, 0 when no filter is needed, -1 when buf is too small. */
int diag_build_filter(const struct diag_filter *f, void *buf, size_t buflen);

#endif
