/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockopt.h - the socket options the language knows: one row each, and
 * everything about an option comes from its row (the word after "set", the
 * level and name setsockopt takes and their C spellings, the kind of value,
 * which sockets take it, its badge, whether the worker reads it back, its
 * help). Adding an option is adding a row to SOCKOPT_TABLE. */
#ifndef SOCKSTAGE_SOCKOPT_H
#define SOCKSTAGE_SOCKOPT_H

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* The kind of value an option takes. */
enum sockopt_kind {
	SOV_BOOL,	/* on|off (alone: on); an int 1/0 */
	SOV_INT,	/* N: an int */
	SOV_LINGER,	/* SECONDS|off: struct linger */
	SOV_ADDR4,	/* an IPv4 address: struct in_addr */
	SOV_IFNAME,	/* an interface name, or off: a string */
};

/* Which sockets take it (the stage refuses it on the others). */
enum sockopt_for { SOF_ANY, SOF_TCP, SOF_UDP, SOF_UNIX };

/* Whether the worker reads it back after every call (badges, the stage's
 * belief, what the explanations know). */
enum { RB_NO, RB_YES };

/* X(ID, word, level, optname, level6, optname6, kind, for, badge,
 *   read-back, help): level6/optname6 are what an AF_INET6 socket takes;
 * badge is shown beside a socket that has the option on (NULL: none). */
#define SOCKOPT_TABLE(X) \
	X(REUSEADDR, "reuseaddr", SOL_SOCKET, SO_REUSEADDR, \
	  SOL_SOCKET, SO_REUSEADDR, SOV_BOOL, SOF_ANY, "RA", RB_YES, \
	  "bind beside TIME-WAIT and non-listening sockets on the port") \
	X(REUSEPORT, "reuseport", SOL_SOCKET, SO_REUSEPORT, \
	  SOL_SOCKET, SO_REUSEPORT, SOV_BOOL, SOF_ANY, "RP", RB_YES, \
	  "share the port with sockets of the same user that have it too") \
	X(V6ONLY, "v6only", IPPROTO_IPV6, IPV6_V6ONLY, \
	  IPPROTO_IPV6, IPV6_V6ONLY, SOV_BOOL, SOF_ANY, "V6", RB_YES, \
	  "an IPv6 socket takes IPv6 only, not IPv4-mapped addresses") \
	X(NODELAY, "nodelay", IPPROTO_TCP, TCP_NODELAY, \
	  IPPROTO_TCP, TCP_NODELAY, SOV_BOOL, SOF_TCP, NULL, RB_YES, \
	  "send small segments at once (no Nagle)") \
	X(KEEPALIVE, "keepalive", SOL_SOCKET, SO_KEEPALIVE, \
	  SOL_SOCKET, SO_KEEPALIVE, SOV_BOOL, SOF_ANY, NULL, RB_YES, \
	  "probe an idle connection") \
	X(BROADCAST, "broadcast", SOL_SOCKET, SO_BROADCAST, \
	  SOL_SOCKET, SO_BROADCAST, SOV_BOOL, SOF_ANY, NULL, RB_YES, \
	  "allow sending to a broadcast address") \
	X(LINGER, "linger", SOL_SOCKET, SO_LINGER, \
	  SOL_SOCKET, SO_LINGER, SOV_LINGER, SOF_ANY, "LG", RB_YES, \
	  "close waits SECONDS for unsent data; 0: close resets (RST)") \
	X(RCVBUF, "rcvbuf", SOL_SOCKET, SO_RCVBUF, \
	  SOL_SOCKET, SO_RCVBUF, SOV_INT, SOF_ANY, NULL, RB_NO, \
	  "receive buffer size (the kernel doubles it)") \
	X(SNDBUF, "sndbuf", SOL_SOCKET, SO_SNDBUF, \
	  SOL_SOCKET, SO_SNDBUF, SOV_INT, SOF_ANY, NULL, RB_NO, \
	  "send buffer size (the kernel doubles it)") \
	X(TTL, "ttl", IPPROTO_IP, IP_TTL, \
	  IPPROTO_IPV6, IPV6_UNICAST_HOPS, SOV_INT, SOF_ANY, NULL, RB_NO, \
	  "hop limit of what it sends") \
	X(MULTICAST_IF, "multicast-if", IPPROTO_IP, IP_MULTICAST_IF, \
	  IPPROTO_IP, IP_MULTICAST_IF, SOV_ADDR4, SOF_UDP, NULL, RB_NO, \
	  "the interface (by address) multicast goes out of") \
	X(MULTICAST_LOOP, "multicast-loop", IPPROTO_IP, IP_MULTICAST_LOOP, \
	  IPPROTO_IP, IP_MULTICAST_LOOP, SOV_BOOL, SOF_UDP, NULL, RB_NO, \
	  "multicast it sends comes back to this host's members") \
	X(FREEBIND, "freebind", IPPROTO_IP, IP_FREEBIND, \
	  IPPROTO_IP, IP_FREEBIND, SOV_BOOL, SOF_ANY, "FB", RB_YES, \
	  "bind an address this host does not have (yet)") \
	X(BIND_NO_PORT, "bind-no-port", IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, \
	  IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, SOV_BOOL, SOF_ANY, "NP", RB_YES, \
	  "bind to address:0 takes no port; connect picks it") \
	X(BINDTODEVICE, "bindtodevice", SOL_SOCKET, SO_BINDTODEVICE, \
	  SOL_SOCKET, SO_BINDTODEVICE, SOV_IFNAME, SOF_ANY, "BD", RB_YES, \
	  "only traffic of interface IFNAME (off: any)") \
	X(USER_TIMEOUT, "user-timeout", IPPROTO_TCP, TCP_USER_TIMEOUT, \
	  IPPROTO_TCP, TCP_USER_TIMEOUT, SOV_INT, SOF_TCP, "UT", RB_YES, \
	  "MS unacknowledged data may wait before the connection is dropped") \
	X(DEFER_ACCEPT, "defer-accept", IPPROTO_TCP, TCP_DEFER_ACCEPT, \
	  IPPROTO_TCP, TCP_DEFER_ACCEPT, SOV_INT, SOF_TCP, "DA", RB_YES, \
	  "a listener wakes accept only once data came (SECONDS)") \
	X(PASSCRED, "passcred", SOL_SOCKET, SO_PASSCRED, \
	  SOL_SOCKET, SO_PASSCRED, SOV_BOOL, SOF_UNIX, "PC", RB_YES, \
	  "a unix socket: each message comes with its sender's pid, uid and " \
	  "gid (SCM_CREDENTIALS); an unnamed socket gets an abstract name")

#define SOCKOPT_ENUM(id, ...) OPT_##id,
enum sock_opt {
	OPT_NONE,
	SOCKOPT_TABLE(SOCKOPT_ENUM)
	OPT_COUNT
};
#undef SOCKOPT_ENUM

struct sockopt_def {
	enum sock_opt id;
	const char *name;		/* the word after "set" */
	int level, optname;		/* AF_INET */
	int level6, optname6;		/* AF_INET6 */
	const char *clevel, *cname;	/* their C spellings */
	const char *clevel6, *cname6;
	enum sockopt_kind kind;
	enum sockopt_for takes;
	const char *badge;		/* or NULL */
	bool readback;
	const char *help;
};

/* An option's value as the kernel holds it. */
#define SOCKOPT_STR 16			/* IFNAMSIZ */
struct sockopt_val {
	int8_t known;			/* getsockopt answered */
	int32_t i;			/* bool, int; linger: seconds, -1 off;
					   addr4: s_addr (network order) */
	char s[SOCKOPT_STR];		/* ifname: "" none */
};

/* The row of an option (NULL for OPT_NONE or out of range). */
const struct sockopt_def *sockopt_get(enum sock_opt id);
/* The row whose word is name (any case), or NULL. */
const struct sockopt_def *sockopt_find(const char *name);
/* Every word, NULL-terminated (completion, help). */
const char *const *sockopt_names(void);
/* The words joined by sep, into buf. */
void sockopt_list(const char *sep, char *buf, size_t len);
/* The level/name (and their spellings) for a socket of family. */
int sockopt_level(const struct sockopt_def *d, int family);
int sockopt_optname(const struct sockopt_def *d, int family);
const char *sockopt_clevel(const struct sockopt_def *d, int family);
const char *sockopt_cname(const struct sockopt_def *d, int family);
/* True when a value counts as "on" (a badge shows). */
bool sockopt_is_on(const struct sockopt_def *d, const struct sockopt_val *v);
/* The badges of the options on (opts: bit 1 << OPT_*), into buf: the
 * first SOCKOPT_SLOTS badges of the table in fixed slots (two spaces when
 * off, so that a badge never moves), the others after them when on:
 * "RA    V6    FB". */
#define SOCKOPT_SLOTS 4
void sockopt_badges(unsigned opts, char *buf, size_t len);
/* Read option d of fd back (getsockopt), for a socket of family. */
void sockopt_read(int fd, int family, const struct sockopt_def *d,
		  struct sockopt_val *v);

#endif
