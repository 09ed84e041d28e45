/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage.h - the stage: processes (workers), the sockets they hold, their
 * options; executes commands and returns results. A socket is one kernel
 * object that one or more processes may hold, each by its own fd. */
#ifndef SOCKSTAGE_STAGE_H
#define SOCKSTAGE_STAGE_H

#include <stdbool.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>

#include "command.h"
#include "diag.h"
#include "endpoint.h"
#include "host.h"
#include "owner.h"
#include "result.h"
#include "sockdir.h"
#include "util.h"
#include "worker.h"

#define STAGE_MAX_PROCS 32

/* How long calls wait, by default (the C exporter's programs wait as
 * long): a connect for its handshake, accept and recv for something to
 * arrive, wait SOCK STATE without a timeout for the state. */
#define STAGE_CONNECT_WAIT_MS 1000
#define STAGE_IO_WAIT_MS 1000
#define STAGE_STATE_WAIT_MS 5000

/* How one call runs: a parameter of stage_exec, never a setting. */
struct exec_mode {
	bool async;		/* never wait: connect returns RES_PENDING
				   (its outcome comes through stage_poll),
				   accept/recv answer EAGAIN at once */
	int expect_wait_ms;	/* how long expect waits for the kernel */
};
/* A script's: calls wait for their outcomes, expect up to 1 s. */
#define EXEC_MODE_SCRIPT ((struct exec_mode){ .async = false, \
					      .expect_wait_ms = 1000 })

struct stage_proc {
	char name[NAME_MAX_LEN + 1];
	struct worker w;
	long uid;		/* -1: the uid sockstage runs as */
	bool alive;
	int host;		/* its machine: index into hosts (0: local) */
};

/* A machine of the stage (host.h) and its kernel view's socket. */
struct stage_host {
	struct host h;
	struct diag *diag;	/* sock_diag in its namespace (NULL: not
				   opened yet; local's is the stage's) */
};

/* What the program believes about a socket (the kernel view says the rest). */
enum sock_belief {
	SB_NEW, SB_BOUND, SB_LISTENING, SB_CONNECTING, SB_CONNECTED, SB_CLOSED,
};

struct stage_holder {
	int proc;		/* index into procs */
	int fd;			/* that process's descriptor */
};

struct stage_sock {
	int id;			/* s<id> */
	char name[NAME_MAX_LEN + 1];
	int family;		/* AF_INET / AF_INET6 */
	int type;		/* SOCK_STREAM / SOCK_DGRAM */
	unsigned opts;		/* bit (1 << OPT_*): the option is on */
	struct sockopt_val optv[OPT_COUNT];	/* as last read back */
	long linger;		/* seconds, -1 off */
	struct endpoint local, peer;	/* EP_NONE: none (yet) */
	enum sock_belief belief;
	bool shut_rd, shut_wr;
	uint64_t inode, cookie;
	struct stage_holder holders[STAGE_MAX_PROCS];
	int nholders;		/* 0: gone from the stage, kept for "was sN" */
	int listener;		/* accepted: the id of its listener, else 0 */
	int unread_at_close;	/* bytes it had not read when its last holder
				   closed it (a RST went out), -1 unknown */
	char last[96];		/* the last result, "= -1 EADDRINUSE" */
	/* a connected UNIX socket: its peer's credentials (SO_PEERCRED: who
	   connected, or made the pair), pid 0 none */
	int32_t peer_pid;
	uint32_t peer_uid, peer_gid;
	struct sockaddr_storage dest;	/* where its last connect went ... */
	bool has_dest;			/* ... if it made one */
};

/* A call whose outcome has not come back yet (async mode). */
#define STAGE_PENDING_KEY(proc, seq) \
	(((uint64_t)(uint32_t)((proc) + 1) << 32) | (uint32_t)(seq))
struct stage_pending {
	uint32_t seq;
	int proc;
	int sock;		/* index into socks */
	char call[200];
	struct sockaddr_storage addr;	/* where it connects to */
	long long started_ms;
	struct command cmd;	/* the line (its expectation), without its
				   owned text and data */
	enum sock_belief before;	/* what the socket was before it */
};

struct stage {
	struct stage_proc procs[STAGE_MAX_PROCS];
	int nprocs;
	int cur;		/* current process */
	struct stage_sock **socks;	/* each allocated once, never moved:
				   a pointer to a socket stays valid
				   until stage_free */
	int nsocks, capsocks;
	int next_id;
	uint16_t *ports;	/* ports in play, in the order they came */
	int nports, capports;
	struct diag *diag;
	struct diag_table table;
	struct owner_cache *owners;	/* pid/command of rows not on stage */
	int connect_wait_ms;	/* how long a connect may take to finish */
	int io_wait_ms;		/* how long accept/recv wait for something */
	struct exec_mode mode;	/* the call under way's (stage_exec) */
	worker_idle_fn idle;	/* while a call waits for a worker (or NULL) */
	void *idle_ctx;
	int busy_proc;		/* the process a call waits for, or -1 */
	struct stage_pending *pending;
	int npending, cappending;
	/* stage_set_stable: results leave out what varies from one run to
	   the next, and ephemeral ports are fixed */
	bool stable;
	int port_base;		/* sN's ephemeral port: port_base + N; 0 none */
	int port_hi;		/* ... up to this one */
	bool port_note;		/* the ports could not be fixed: said once */
	/* the wire (stage_wire.c): a capture of the stage's segments */
	struct wire *wire;	/* NULL: none (why: wire_err) */
	char wire_err[256];
	unsigned long long wire_mark;	/* the wire's count when the last
					   call began */
	bool wire_ports;	/* the host's loopback: only the ports in
				   play are captured */
	bool sandboxed;		/* a private namespace of the stage's own
				   (the front-end says): sysctl may set it */
	/* hosts (stage_host.c): none until the first "host"; then hosts[0]
	   is the stage's own namespace, "local" */
	struct stage_host hosts[HOST_MAX];
	int nhosts;
	struct relay *relay;	/* the wire between them */
	struct capture_file *pcap;	/* --pcap: the relay writes here too */
	int pcap_iface;		/* ... as interface "wire" */
	/* the directory of relative UNIX paths (stage_unix.c) */
	struct sockdir dir;
};

typedef void (*stage_result_fn)(void *ctx, const struct result *res);

struct wire;
struct capture_file;
/* Capture the stage's segments on interface ifname ("lo": the sandbox's
 * loopback), each packet into file too (--pcap; NULL none; not the
 * stage's). Returns 0, or -1 with the reason in st->wire_err (no
 * CAP_NET_RAW): everything else works without it. */
int stage_wire_open(struct stage *st, const char *ifname,
		    struct capture_file *file);
/* On the host (not a sandbox of its own), capture only the ports in play,
 * as they come into play. Returns 0, or -1 (st->wire_err). */
int stage_wire_only_ports(struct stage *st);
void stage_wire_close(struct stage *st);
/* A call begins: what the wire shows from now on is its doing. */
void stage_wire_mark(struct stage *st);
/* show wire: the ladder of every conversation so far, a line at a time
 * (each a line of text without its newline). */
void stage_wire_show(struct stage *st, void (*fn)(void *ctx, const char *line),
		     void *ctx);

struct wire_entry;
/* The segments the wire between hosts holds, in the order they go: their
 * entries as sent (those still in the wire's ring), at most max. */
size_t stage_wire_held(const struct stage *st, const struct wire_entry **out,
		       size_t max);
struct sockinfo;
/* Everything sock_diag tells of the socket of row (sockinfo_lookup), asked
 * in the namespace of the row's host. 1 found, 0 gone, -1 (err). */
int stage_sockinfo(struct stage *st, const struct diag_row *row,
		   struct sockinfo *si, char *err, size_t errlen);
/* Host h as "b 10.0.0.2/24 10.0.1.2/24": its name and addresses. */
void stage_host_text(const struct stage *st, int h, char *buf, size_t len);
/* The index of the host named name, or -1. */
int stage_find_host(const struct stage *st, const char *name);

/* Start the stage: one worker named "main". Returns 0 or -1 (err). */
int stage_init(struct stage *st, char *err, size_t errlen);
/* Stop every worker (their sockets close) and reap them. */
void stage_free(struct stage *st);
/* Stable results (--stable), for a run that must look the same each
 * time: processes are named without their pids, measured times and
 * timers' seconds are left out, and each socket made from now on has a
 * one-port local port range (IP_LOCAL_PORT_RANGE) that connect, listen
 * and UDP's implicit bind, and bind to port 0, take its port from:
 * STAGE_STABLE_PORT + N for sN, while the namespace's
 * ip_local_port_range holds it. */
#define STAGE_STABLE_PORT 40000
void stage_set_stable(struct stage *st);
/* A process as messages name it: "'NAME' (pid N)", or "'NAME'" when
 * stable. */
const char *stage_proc_label(const struct stage *st, int proc, char *buf,
			     size_t len);

/* Execute one parsed command in mode (NULL: EXEC_MODE_SCRIPT). Returns
 * the result kind (also in res). res must be released with result_free.
 * say/pause/show/wait DURATION/title/about are front-end matters: they
 * return RES_NONE here. Front-ends use the runner (runner.h). */
enum result_kind stage_exec(struct stage *st, const struct command *cmd,
			    const struct exec_mode *mode, struct result *res);

/* Async mode: the worker channels to poll (POLLIN), into fds (at most
 * max). Returns how many. */
int stage_pollfds(const struct stage *st, struct pollfd *fds, int max);
/* Async mode: true when outcomes have come back already (read from a
 * channel while a call waited for its own answer): stage_poll has
 * something to deliver without any channel being readable. */
bool stage_has_news(const struct stage *st);
/* Async mode: deliver what has come back, without blocking. Every call
 * that finished, and every process that died, becomes a result for fn. */
void stage_poll(struct stage *st, stage_result_fn fn, void *ctx);
/* fn runs about every 50 ms while a call waits for a worker's answer
 * (st->busy_proc says which); when it returns true the call gives up. */
void stage_set_idle(struct stage *st, worker_idle_fn fn, void *ctx);

/* The stage socket a kernel row belongs to (by cookie, then inode), or
 * NULL. */
const struct stage_sock *stage_sock_of_row(const struct stage *st,
					   const struct diag_row *r);
const struct stage_sock *stage_sock_by_cookie(const struct stage *st,
					      uint64_t cookie);

/* Whether kernel row r is one an "expect" command c names (its state,
 * protocol, local and peer address); negation aside. */
bool stage_row_expected(const struct stage *st, const struct diag_row *r,
			const struct command *c);

/* A snapshot of the kernel: the rows on the ports in play (every socket
 * when all is set) into out, a table of the caller's. Returns 0, or -1
 * with a message. The core's own looks (expect, wait, explanations) use
 * snapshots of their own, never st->table. */
int stage_snapshot(struct stage *st, bool all, struct diag_table *out,
		   char *err, size_t errlen);
/* The same into st->table, the view a front-end shows. */
int stage_read_view(struct stage *st, bool all, char *err, size_t errlen);
/* The stage's netlink handle, opened on first use; NULL with a message. */
struct diag *stage_diag(struct stage *st, char *err, size_t errlen);
/* Look up the owners (pid/command, from /proc) of the first max rows of t
 * that are not on stage; cached and rate-limited, so that calling it after
 * every read is cheap. Returns 0, or -1 (errno set) when /proc could not
 * be read (owners then show as unknown). */
int stage_want_owners(struct stage *st, const struct diag_table *t,
		      size_t max);
/* Owner text of a kernel row: "s1", "s4 @ child", "was s2", "pid/cmd"
 * (after stage_want_owners), "" */
void stage_owner(void *st, const struct diag_row *r, char *buf, size_t len);

/* A UNIX inode as the stage names it: "s3" for its sockets; with stable
 * results "?" for others (else false: the number). view_inode_fn. */
bool stage_inode_name(void *st, uint64_t inode, char *buf, size_t len);
/* A row's two ends as the stage shows them: as ss writes them, a UNIX
 * socket's inodes named (stage_inode_name). */
void stage_row_ends(const struct stage *st, const struct diag_row *r,
		    char *local, char *peer, size_t len);

/* Credentials as the stage words them: "process 'NAME' (pid N), uid U,
 * gid G" (stable results: no pid; a pid of no stage process: "pid N") */
void stage_cred_text(const struct stage *st, int32_t pid, uint32_t uid,
		     uint32_t gid, char *buf, size_t len);

/* A UNIX row's other end as the stage names it ("s3"; "" none) and, for
 * a stage socket, its peer's credentials ("" unknown); len bytes each. */
void stage_unix_who(const struct stage *st, const struct diag_row *r,
		    char *peer, char *cred, size_t len);

/* Find a socket by "sN" or name; -1 when there is none. */
int stage_find_sock(const struct stage *st, const char *ref);
int stage_find_proc(const struct stage *st, const char *name);
void stage_sock_label(const struct stage_sock *s, char *buf, size_t len);
/* Its kind as ss names it: tcp4, udp6, u_str (a UNIX stream) ... */
const char *stage_sock_netid(const struct stage_sock *s);
/* The names of the processes holding s, joined by sep. */
void stage_holders_text(const struct stage *st, const struct stage_sock *s,
			const char *sep, char *buf, size_t len);

#endif
