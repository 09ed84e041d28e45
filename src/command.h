/* SPDX-License-Identifier: GPL-2.0-or-later */
/* command.h - the command language: one line in, one command out.
 * Keys, the ':' line, lessons, batch scripts all go through here. */
#ifndef SOCKSTAGE_COMMAND_H
#define SOCKSTAGE_COMMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "cmdtab.h"
#include "host.h"
#include "sockopt.h"

#define NAME_MAX_LEN 31

#define CMD_KIND_ENUM(K, ...) CMD_##K,
enum cmd_kind {
	CMD_NONE,	/* blank line or comment */
	CMD_TABLE(CMD_KIND_ENUM)
	CMD_COUNT
};
#undef CMD_KIND_ENUM

/* A name written in a line, with where it was written (0-based column). */
struct cmd_ref {
	char name[NAME_MAX_LEN + 1];
	int col;		/* -1 when absent */
};

struct command {
	enum cmd_kind kind;
	struct cmd_ref proc;	/* "NAME:" prefix, col -1 if none */
	struct cmd_ref sock;	/* socket operand (SOCK), or PROC for
				   fork/exit/kill/use, NAME for spawn */
	struct cmd_ref as;	/* "as NAME" */
	struct cmd_ref host;	/* "on HOST" (spawn, expect, show), sysctl's
				   HOST; host: its NAME. col -1 if none */
	struct host_addr haddr[HOST_ADDRS];	/* host: its addresses */
	int nhaddr;
	int wire_op;		/* wire: WIRE_* */

	int proto;		/* socket: IPPROTO_TCP / IPPROTO_UDP */
	int family;		/* socket: AF_INET / AF_INET6 / AF_UNIX */
	int type;		/* socket, socketpair: SOCK_STREAM / SOCK_DGRAM /
				   SOCK_SEQPACKET */
	struct cmd_ref sock2;	/* sendfd: the socket passed; socketpair: B */

	enum sock_opt opt;	/* set */
	long value;		/* set: on/off as 1/0, N, SECONDS; linger off:
				   -1. listen: backlog. recv: max. spawn: uid
				   (-1 none). shutdown: SHUT_RD/WR/RDWR.
				   wire: N, or P of P% (duration_ms: delay) */
	bool value_set;		/* listen backlog / recv max / spawn uid given */
	long gid;		/* spawn: gid G, -1 none (then the uid's number);
				   wire drop P%: the seed */

	struct addrspec addr;	/* bind/connect/sendto/expect/multicast-if;
				   join: group */
	int addr_col;
	struct addrspec addr2;	/* join/leave: interface; expect: peer */

	char *data;		/* send/sendto: bytes (owned, may hold NULs);
				   sysctl: the value, or NULL to read */
	size_t datalen;
	long nbytes;		/* send N: filler count; -1 when data given */

	char *text;		/* say/title/about: text; set bindtodevice:
				   the interface, "" for off; sysctl: the
				   name (owned) */

	int state;		/* wait/expect: KS_* state, -1 none */
	char state_name[16];	/* upper case, as ss spells it (or BOUND) */
	bool negate;		/* expect no ... */
	int expect_proto;	/* expect tcp|udp: IPPROTO_*, 0 any */
	bool segment;		/* expect [no] segment FROM -> TO FLAGS;
				   show wire */
	struct seg_end {
		struct cmd_ref sock;	/* a socket (col -1: addr instead) */
		struct addrspec addr;	/* ADDR:PORT */
	} seg[2];		/* FROM, TO */
	uint8_t seg_flags;	/* the flags named (SEG_*, capture.h) */
	long duration_ms;	/* wait DURATION, or wait timeout (-1 none) */

	bool has_expect;	/* "=> ok|ERRNO" */
	int expect_errno;	/* 0 for ok */
	int expect_col;

	bool frontend;		/* a front-end does it (say, wait DURATION...) */

	int line;		/* 1-based line number, set by the caller */
};

/* wire's words */
enum wire_op {
	WIRE_STATE, WIRE_HOLD, WIRE_RELEASE, WIRE_STEP, WIRE_DELAY,
	WIRE_DROP_NEXT, WIRE_DROP_SHARE, WIRE_DUP_NEXT, WIRE_DOWN, WIRE_UP,
	WIRE_UNKNOWN,	/* value: 1 answer with ICMP, 0 drop */
};

struct cmd_error {
	int col;		/* 0-based column of the problem */
	char msg[200];
};

/* Parse one line. Returns 0 (cmd filled; CMD_NONE for blank/comment) or
 * -1 (err filled). cmd must be released with command_free either way. */
int command_parse(const char *line, struct command *cmd,
		  struct cmd_error *err);
void command_free(struct command *cmd);
/* A copy that owns its own text and data. */
void command_copy(struct command *dst, const struct command *src);

/* What the command table says of a command (everything but its
 * functions): NULL for CMD_NONE and out of range. */
struct cmd_info {
	const char *name, *usage, *help, *call;
	const char *args;		/* its operands' kinds (cmdtab.h) */
	unsigned flags;			/* CF_* */
	const int *errnos;		/* 0-terminated */
};
const struct cmd_info *command_info(enum cmd_kind kind);

const char *command_name(enum cmd_kind kind);
/* The command whose word is the len bytes at word (any case), or
 * CMD_NONE. */
enum cmd_kind command_lookup(const char *word, size_t len);
/* Every command name, NULL-terminated (completion/help). */
const char *const *command_names(void);
/* One-line usage of a command: "bind SOCK ADDR[:PORT]". */
const char *command_usage(enum cmd_kind kind);

#endif
