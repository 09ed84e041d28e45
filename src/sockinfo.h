/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockinfo.h - everything sock_diag tells about one socket, as `ss -tiem`
 * shows it: an exact SOCK_DIAG_BY_FAMILY request (no NLM_F_DUMP) for a
 * kernel row's family, protocol, ends and cookie, asking for the
 * extensions (tcp_info, memory, congestion control, TOS and traffic
 * class), and its reply parsed defensively: every attribute's length is
 * checked, a shorter struct tcp_info (an older kernel) is kept as far as
 * it goes, a malformed message is an error with a message. Text from the
 * kernel (the congestion control's name) is kept as the kernel sent it;
 * sockinfo_text.h makes it harmless. */
#ifndef SOCKSTAGE_SOCKINFO_H
#define SOCKSTAGE_SOCKINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct nlmsghdr;

#define SOCKINFO_TCPI_MAX 320	/* bytes of struct tcp_info kept */
#define SOCKINFO_CONG_MAX 32	/* the congestion control's name */
#define SOCKINFO_SKMEM_MAX 16	/* skmeminfo's counters kept */

/* What the kernel sent beside the inet_diag_msg (sockinfo.have). */
enum {
	SI_SHUTDOWN = 1u << 0,	/* INET_DIAG_SHUTDOWN */
	SI_TOS = 1u << 1,	/* INET_DIAG_TOS */
	SI_TCLASS = 1u << 2,	/* INET_DIAG_TCLASS */
	SI_CONG = 1u << 3,	/* INET_DIAG_CONG */
	SI_INFO = 1u << 4,	/* INET_DIAG_INFO: struct tcp_info */
	SI_MEMINFO = 1u << 5,	/* INET_DIAG_MEMINFO */
	SI_SKMEM = 1u << 6,	/* INET_DIAG_SKMEMINFO */
};

/* skmeminfo's counters, in the kernel's order (linux/sock_diag.h), as
 * ss -m names them: r rb t tb f w o bl d. */
enum {
	SKMEM_R, SKMEM_RB, SKMEM_T, SKMEM_TB, SKMEM_F, SKMEM_W, SKMEM_O,
	SKMEM_BL, SKMEM_D, SKMEM_KNOWN
};

struct sockinfo {
	struct diag_row row;	/* state, ends, queues, timer, uid, inode,
				   cookie; v6only from INET_DIAG_SKV6ONLY */
	unsigned have;		/* SI_* */
	uint8_t shutdown;	/* bit 0: receiving shut (RCV_SHUTDOWN), bit
				   1: sending (SEND_SHUTDOWN) */
	uint8_t tos, tclass;
	char cong[SOCKINFO_CONG_MAX];	/* as sent, cut, NUL-terminated */
	/* struct tcp_info as sent, zero past what was kept */
	unsigned char tcpi[SOCKINFO_TCPI_MAX];
	size_t tcpi_len;	/* the bytes the kernel sent (may be more
				   or fewer than this program knows) */
	uint32_t mem[4];	/* inet_diag_meminfo: rmem, wmem, fmem, tmem */
	uint32_t skmem[SOCKINFO_SKMEM_MAX];
	size_t nskmem;		/* counters sent (SK_MEMINFO_VARS here) */
};

/* One reply message, an inet_diag_msg and its attributes, into si (for
 * the protocol proto). Returns 0, or -1 with a message when it is
 * malformed (si is then partly filled). */
int sockinfo_parse_msg(const struct nlmsghdr *nlh, uint8_t proto,
		       struct sockinfo *si, char *err, size_t errlen);

/* Reading a reply: what the request was for, and what came of it. */
struct sockinfo_reply {
	uint8_t proto;
	uint64_t cookie;	/* the socket looked for */
	bool found;		/* its message came (si holds it) */
	int kernel_err;		/* the kernel answered with this errno
				   (ENOENT: no such socket) */
	bool interrupted;	/* a dump was interrupted (NLM_F_DUMP_INTR) */
};

/* A buffer of netlink messages as received for request seq: the exact
 * request's one message or error, or a dump's messages up to NLMSG_DONE
 * (the one whose cookie is st->cookie goes into si). Returns 1 when the
 * reply is complete, 0 when more is to come, -1 with a message when it is
 * malformed or answers another request. */
int sockinfo_parse_reply(const void *buf, size_t len, uint32_t seq,
			 struct sockinfo_reply *st, struct sockinfo *si,
			 char *err, size_t errlen);

/* The idiag_ext bits asked for: meminfo, tcp_info, congestion control,
 * TOS, traffic class, skmeminfo. */
uint8_t sockinfo_ext(void);

/* The request for row's socket into buf (len bytes, NLMSG_ALIGNTO
 * aligned): exact, or a dump on its local port (dump). Its nlmsg_seq is
 * 0. Returns its length, or 0 when buf is too small. */
size_t sockinfo_request(const struct diag_row *row, bool dump, void *buf,
			size_t len);

/* Look up the socket of row: an exact request by its ends and cookie;
 * when that finds nothing (a socket that is only bound is in no table an
 * exact request searches; a UDP or SO_REUSEPORT lookup may answer with a
 * sibling), a dump on its local port, for the same cookie. Returns 1
 * found (si filled), 0 gone (the kernel has no socket with that cookie
 * any more), -1 the kernel could not be asked (err). */
int sockinfo_lookup(struct diag *d, const struct diag_row *row,
		    struct sockinfo *si, char *err, size_t errlen);

/* A field of the tcp_info kept: true and *v when the kernel sent all of
 * it. name as struct tcp_info spells it without "tcpi_" ("snd_mss",
 * "rcv_space", "snd_wscale"...); an unknown name is never there. */
bool sockinfo_tcp(const struct sockinfo *si, const char *name, uint64_t *v);
/* The size of struct tcp_info as this program knows it. */
size_t sockinfo_tcpi_size(void);

#endif
