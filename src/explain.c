/* SPDX-License-Identifier: GPL-2.0-or-later */
/* explain.c - errno names: what scripts write after '=>' and what
 * transcripts print. (The meanings and the conflict finder grow here.) */
#include "explain.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct errname {
	int err;
	const char *name;
};

#define E(x) { x, #x }
static const struct errname errnames[] = {
	E(EPERM), E(ENOENT), E(EINTR), E(EBADF), E(EAGAIN), E(ENOMEM),
	E(EACCES), E(EFAULT), E(EBUSY), E(EEXIST), E(EINVAL), E(ENFILE),
	E(EMFILE), E(ENOSPC), E(EPIPE), E(ENOSYS), E(ENOTSOCK),
	E(EDESTADDRREQ), E(EMSGSIZE), E(EPROTOTYPE), E(ENOPROTOOPT),
	E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT), E(EOPNOTSUPP), E(EPFNOSUPPORT),
	E(EAFNOSUPPORT), E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN),
	E(ENETUNREACH), E(ENETRESET), E(ECONNABORTED), E(ECONNRESET),
	E(ENOBUFS), E(EISCONN), E(ENOTCONN), E(ESHUTDOWN), E(ETIMEDOUT),
	E(ECONNREFUSED), E(EHOSTDOWN), E(EHOSTUNREACH), E(EALREADY),
	E(EINPROGRESS), E(EPROTO), E(ENODEV), E(ENXIO), E(ESRCH), E(ECHILD),
};
#undef E

static const char *const *names_list(void)
{
	static const char *list[ARRAY_LEN(errnames) + 1];

	if (!list[0])
		for (size_t i = 0; i < ARRAY_LEN(errnames); i++)
			list[i] = errnames[i].name;
	return list;
}

const char *explain_errname(int err)
{
	static char unknown[16];

	for (size_t i = 0; i < ARRAY_LEN(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(unknown, sizeof(unknown), "E%d", err);
	return unknown;
}

int explain_errno_parse(const char *name)
{
	if (strcasecmp(name, "EWOULDBLOCK") == 0)
		return EAGAIN;
	if (strcasecmp(name, "ENOTSUP") == 0)
		return EOPNOTSUPP;
	for (size_t i = 0; i < ARRAY_LEN(errnames); i++)
		if (strcasecmp(errnames[i].name, name) == 0)
			return errnames[i].err;
	return -1;
}

const char *const *explain_errnames(void)
{
	return names_list();
}

/* How an overlap sees an address: IPv4 (IPv4-mapped too) or IPv6, the
 * wildcard, and a dual-stack wildcard (IPv6, not v6only) that also takes
 * IPv4. */
struct reach {
	bool v4, any, dual;
};

static struct reach reach_of(const struct endpoint *e, bool v6only)
{
	struct in_addr a4;
	struct reach r = { .v4 = ep_v4(e, &a4) };

	r.any = r.v4 ? a4.s_addr == 0 : IN6_IS_ADDR_UNSPECIFIED(&e->v6);
	r.dual = !r.v4 && r.any && !v6only;
	return r;
}

static bool endpoints_overlap(const struct endpoint *x, bool xv6only,
			      const struct endpoint *y, bool yv6only)
{
	struct reach rx = reach_of(x, xv6only), ry = reach_of(y, yv6only);

	if (rx.v4 == ry.v4)
		return rx.any || ry.any || ep_same(x, y, false);
	/* one IPv4, one IPv6: only a dual-stack wildcard reaches across */
	return rx.dual || ry.dual;
}

bool explain_overlaps(const struct diag_row *r, int proto,
		      const struct sockaddr *sa, bool v6only)
{
	struct endpoint want, row;

	if (r->proto != proto || (sa->sa_family != AF_INET &&
				  sa->sa_family != AF_INET6))
		return false;
	ep_from_sockaddr(&want, sa, sa->sa_family == AF_INET ?
			 sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
	if (!ep_port(&want) || r->sport != ep_port(&want))
		return false;
	diag_row_local(r, &row);
	return endpoints_overlap(&want, v6only, &row, r->v6only == 1);
}

/* ---- meanings: what an errno says, for the call that returned it ---------
 *
 * explain_meaning() looks up (call, errno) first, then (NULL, errno), the
 * generic text; "sendto" also tries "send" before the generic text. The
 * process calls ("spawn", "fork") never fall back to the socket texts.
 * Each text is one sentence, at most 150 characters, for a transcript line.
 *
 * Checked against the kernel (6.18, in a private namespace) where it
 * disagrees with the man pages; the kernel wins:
 * - send on a TCP socket that never connected: EPIPE, not ENOTCONN.
 * - connect when no ephemeral port is free, or when the bound port already
 *   has a connection to that destination: TCP says EADDRNOTAVAIL; UDP (its
 *   implicit bind at connect/sendto) says EAGAIN. connect(2) lists
 *   EADDRINUSE for this, which TCP does not return here.
 * - bind with port 0 when no ephemeral port is free: EADDRINUSE.
 * - connect on a listening TCP socket: EISCONN, not EINVAL.
 * - bind of an IPv6 socket to a sockaddr_in: EINVAL (too short); of an
 *   IPv4 socket to a sockaddr_in6: EAFNOSUPPORT.
 * - listen/accept on UDP: EOPNOTSUPP; accept on a TCP socket that does not
 *   listen: EINVAL; listen on a connected TCP socket: EINVAL.
 * - recv on a TCP socket whose connect failed (state CLOSE): ENOTCONN;
 *   send and recv while a nonblocking connect is under way: EAGAIN.
 * - a route of type unreachable, prohibit or blackhole fails connect and
 *   sendto at once, TCP and UDP alike: EHOSTUNREACH, EACCES, EINVAL.
 * - TCP connect to a broadcast (127.255.255.255, in the local table) or a
 *   multicast address: ENETUNREACH, even though a route exists.
 * - listen on an unbound TCP socket when no ephemeral port is free:
 *   EADDRINUSE (listen binds it first).
 * - a SYN dropped by a listener whose accept queue is full: the connect
 *   gives up after net.ipv4.tcp_syn_retries with ETIMEDOUT.
 * (tests/explain-errnos.sh produces each of these with real calls.)
 * EWOULDBLOCK is EAGAIN on Linux: one entry covers both.
 */

struct meaning {
	const char *call;	/* NULL: any call */
	int err;
	const char *text;
};

static const struct meaning meanings[] = {
	/* ---- generic: any socket call ---- */
	{ NULL, EADDRINUSE, "Another socket already holds that address and port." },
	{ NULL, EADDRNOTAVAIL, "The address is not one this host has, or no local port is free for it." },
	{ NULL, EACCES, "Permission denied for this address or operation." },
	{ NULL, EINVAL, "An argument is invalid for this socket or for the state it is in." },
	{ NULL, EISCONN, "The socket is already connected." },
	{ NULL, ENOTCONN, "The socket is not connected, so it has no peer." },
	{ NULL, ECONNREFUSED, "The peer refused: nothing listens on that address and port." },
	{ NULL, ECONNRESET, "The peer reset the connection (RST): it closed abruptly or with unread data." },
	{ NULL, EPIPE, "The connection was shut down for writing, or the peer reset it." },
	{ NULL, ETIMEDOUT, "The peer did not answer in time: retransmissions or keepalive probes gave up." },
	{ NULL, ENETUNREACH, "No route to that network: the routing table has no entry for the destination." },
	{ NULL, EHOSTUNREACH, "The host is unreachable: an unreachable route covers it, no neighbour answered, or an ICMP host unreachable came back." },
	{ NULL, EAGAIN, "The socket is nonblocking and the operation would have to wait." },
	{ NULL, EINPROGRESS, "A nonblocking connect has started and has not finished yet." },
	{ NULL, EALREADY, "A nonblocking connect is still in progress on this socket." },
	{ NULL, EAFNOSUPPORT, "The address family is not supported, or does not match the socket's family." },
	{ NULL, EOPNOTSUPP, "This kind of socket does not support that operation." },
	{ NULL, ENOPROTOOPT, "The option or protocol is not available for this kind of socket." },
	{ NULL, EMFILE, "The process has no free file descriptor: its RLIMIT_NOFILE is reached." },
	{ NULL, EPERM, "Not permitted: a capability is missing, or a firewall rule refused the packet." },
	{ NULL, EDESTADDRREQ, "The socket is not connected and no destination address was given." },
	{ NULL, EMSGSIZE, "The message is too big to go out as one datagram." },
	{ NULL, EBADF, "The descriptor is not open in this process: the socket was closed, or only another process holds it." },
	{ NULL, EPROTO, "A protocol error: a packet broke the protocol's rules." },
	{ NULL, ENODEV, "No network device has that name or address." },

	/* ---- socket ---- */
	{ "socket", EAFNOSUPPORT, "This kernel does not offer that address family (IPv6 disabled or not built in)." },
	{ "socket", EACCES, "Not allowed to create this kind of socket: a capability is missing or a security module refused." },
	{ "socket", EINVAL, "Unknown socket type, family or flags." },
	{ "socket", EMFILE, "No free file descriptor for the new socket: the process's RLIMIT_NOFILE is reached." },

	/* ---- setsockopt (also join/leave of a multicast group) ---- */
	{ "setsockopt", ENOPROTOOPT, "The option does not exist at this level for this kind of socket, e.g. IPV6_V6ONLY on an IPv4 socket." },
	{ "setsockopt", EINVAL, "The value or its length is wrong, or the option cannot change now, e.g. IPV6_V6ONLY after bind." },
	{ "sysctl", EINVAL, "The kernel cannot take that value for this sysctl (a number where one is expected, in its range)." },
	{ "sysctl", ENOENT, "This network namespace has no sysctl of that name." },
	{ "sysctl", EACCES, "The sysctl cannot be written from here (read-only, or not this namespace's owner)." },
	{ "sysctl", EPERM, "The sysctl cannot be written from here (read-only, or not this namespace's owner)." },
	{ "setsockopt", EPERM, "The option needs a privilege the process lacks, e.g. SO_MARK without CAP_NET_ADMIN." },
	{ "setsockopt", EADDRINUSE, "The socket has already joined that multicast group on that interface." },
	{ "setsockopt", EADDRNOTAVAIL, "The socket is not a member of that multicast group on that interface." },
	{ "setsockopt", ENODEV, "No interface has that name or address (SO_BINDTODEVICE, IP_MULTICAST_IF, a group join)." },

	/* ---- bind ---- */
	{ "bind", EADDRINUSE, "Another socket (bound, listening or in TIME-WAIT) holds this address and port, or port 0 found no free port." },
	{ "bind", EADDRNOTAVAIL, "The address is not assigned to any interface here (IP_FREEBIND or ip_nonlocal_bind would allow it)." },
	{ "bind", EACCES, "Ports below net.ipv4.ip_unprivileged_port_start need CAP_NET_BIND_SERVICE." },
	{ "bind", EINVAL, "The socket is already bound (bind works once), or the address is wrong for its family." },
	{ "bind", EAFNOSUPPORT, "The address's family does not match the socket's, e.g. an IPv6 address on an IPv4 socket." },

	/* ---- listen ---- */
	{ "listen", EADDRINUSE, "Another socket listens on this port (only SO_REUSEPORT lets both listen), or the socket is unbound and no ephemeral port is free." },
	{ "listen", EINVAL, "The socket is connected or connecting: only an unconnected socket can listen." },
	{ "listen", EOPNOTSUPP, "This kind of socket cannot listen: UDP has no connections to accept." },

	/* ---- connect ---- */
	{ "connect", EADDRINUSE, "The local address and port are in use for this destination: the 4-tuple is taken." },
	{ "connect", EADDRNOTAVAIL, "No free local port for this destination (ip_local_port_range), or the bound port is already connected there." },
	{ "connect", EAGAIN, "No free local port to bind the socket to: net.ipv4.ip_local_port_range is used up." },
	{ "connect", EACCES, "A prohibit route covers the destination, or (UDP) it is a broadcast address and the socket lacks SO_BROADCAST." },
	{ "connect", EPERM, "A local firewall rule refused the outgoing connection." },
	{ "connect", EISCONN, "The socket is already connected, or it listens (Linux says EISCONN for a listener too)." },
	{ "connect", ECONNREFUSED, "Nothing listens there: the peer answered with RST." },
	{ "connect", ETIMEDOUT, "The SYN got no answer: the path or the peer dropped it (a firewall, a full accept queue); see net.ipv4.tcp_syn_retries." },
	{ "connect", ENETUNREACH, "No route to the destination network, or TCP was given a broadcast or multicast address: it connects only to unicast." },
	{ "connect", EHOSTUNREACH, "An unreachable route covers the destination, its host did not answer neighbour discovery, or an ICMP host unreachable came back." },
	{ "connect", EINPROGRESS, "The socket is nonblocking: the handshake has started; wait until it is writable, then read SO_ERROR." },
	{ "connect", EALREADY, "A nonblocking connect is still in progress on this socket: wait for it to finish." },
	{ "connect", EAFNOSUPPORT, "The address's family does not match the socket's, e.g. an IPv6 address on an IPv4 socket." },
	{ "connect", EINVAL, "The address is wrong for the socket's family or too short, or a blackhole route covers the destination." },

	/* ---- accept ---- */
	{ "accept", EAGAIN, "No connection is waiting in the accept queue, and the socket is nonblocking." },
	{ "accept", EINVAL, "The socket is not listening: call listen first." },
	{ "accept", EOPNOTSUPP, "This kind of socket does not accept connections: UDP has none." },
	{ "accept", EMFILE, "No free file descriptor for the new connection: it stays in the accept queue." },
	{ "accept", EPROTO, "A protocol error on a new connection; Linux passes it through accept: retry." },

	/* ---- send (sendto falls back to these) ---- */
	{ "send", EPIPE, "The connection was shut down for writing, or the peer reset it (Linux TCP also says this when never connected)." },
	{ "send", ENOTCONN, "The socket is not connected, so send has no peer: connect first or use sendto." },
	{ "send", EAGAIN, "The send buffer is full (or the connect has not finished yet), and the socket is nonblocking." },
	{ "send", EDESTADDRREQ, "The socket is not connected and no destination was given: use sendto, or connect first." },
	{ "send", EMSGSIZE, "The datagram is too big: over the UDP limit (65,507 bytes on IPv4) or the path MTU when DF is set." },
	{ "send", ECONNREFUSED, "An ICMP port unreachable came back for an earlier datagram: nothing listens at the peer." },
	{ "send", ECONNRESET, "The peer reset the connection (RST); the next send fails with EPIPE." },
	{ "send", ENETUNREACH, "No route to the destination; for multicast set IP_MULTICAST_IF or add a route." },
	{ "send", EACCES, "The destination is a broadcast address and the socket lacks SO_BROADCAST, or a prohibit route covers it." },
	{ "send", EINVAL, "A blackhole route covers the destination, or an argument such as a flag is invalid for this socket." },
	{ "send", EPERM, "A local firewall rule dropped the outgoing packet." },
	{ "send", ETIMEDOUT, "The connection died: retransmissions or keepalive probes got no answer." },
	{ "send", EOPNOTSUPP, "A flag is not supported by this kind of socket, e.g. MSG_OOB on UDP." },
	{ "sendto", EAGAIN, "The send buffer is full, or no free local port was left for the implicit bind." },
	{ "sendto", EAFNOSUPPORT, "The destination's family does not match the socket's, e.g. an IPv6 address on an IPv4 socket." },
	{ "sendto", EISCONN, "The socket is connected and this kind of socket refuses another destination." },

	/* ---- recv ---- */
	{ "recv", EAGAIN, "No data has arrived yet, and the socket is nonblocking (or SO_RCVTIMEO ran out)." },
	{ "recv", ENOTCONN, "The socket is not connected: it never connected, its connect failed, or it listens." },
	{ "recv", ECONNRESET, "The peer reset the connection (RST): it closed with unread data or with SO_LINGER {on, 0}." },
	{ "recv", ECONNREFUSED, "An ICMP port unreachable came back for an earlier datagram: nothing listens at the peer." },
	{ "recv", ETIMEDOUT, "The connection died: retransmissions or keepalive probes got no answer." },

	/* ---- shutdown ---- */
	{ "shutdown", ENOTCONN, "The socket is not connected: shutdown acts on a connection, or on a connected UDP socket." },
	{ "shutdown", EINVAL, "The how argument is not SHUT_RD, SHUT_WR or SHUT_RDWR." },

	/* ---- close ---- */
	{ "close", EBADF, "The descriptor is not open in this process: it was already closed, or only another process holds it." },

	/* ---- spawn, fork: never fall back to the socket texts ---- */
	{ "spawn", EAGAIN, "No new process: RLIMIT_NPROC or the kernel's process limit is reached." },
	{ "spawn", EPERM, "Changing to that uid or gid needs CAP_SETUID and CAP_SETGID." },
	{ "spawn", EINVAL, "That uid or gid has no mapping in this user namespace." },
	{ "spawn", ENOMEM, "The kernel could not allocate memory for a new process." },
	{ "fork", EAGAIN, "No new process: RLIMIT_NPROC or the kernel's process limit is reached." },
	{ "fork", ENOMEM, "The kernel could not allocate memory for a new process." },
	{ "spawn", EMFILE, "No free file descriptor for the channel to the new process: RLIMIT_NOFILE is reached." },
	{ "fork", EMFILE, "No free file descriptor for the channel to the new process: RLIMIT_NOFILE is reached." },
};

/* A UNIX-domain socket's own, where the texts above speak of ports, RSTs
 * and ICMP (checked against the kernel, 6.18):
 * - a socket file stays after its socket closes: bind EADDRINUSE, connect
 *   ECONNREFUSED (a stale file) until unlink; an abstract name nobody
 *   holds: connect ECONNREFUSED;
 * - a connect when the listener's backlog is full: EAGAIN;
 * - a datagram socket whose peer (or the socket at the name) is gone:
 *   send and sendto ECONNREFUSED, and a connected one is disconnected;
 * - a stream whose peer closed: send EPIPE; a peer that closed with data
 *   unread: recv ECONNRESET once, then 0. */
static const struct meaning unix_meanings[] = {
	{ "bind", EADDRINUSE, "Another socket holds this name, or its socket file is still there (a file stays after its socket closes, until unlink)." },
	{ "connect", ECONNREFUSED, "No socket listens at this name: a socket file left behind by a closed socket, or an abstract name nobody holds." },
	{ "connect", EAGAIN, "The listener's backlog is full: as many connections wait for accept as listen allowed." },
	{ "send", ECONNREFUSED, "The socket at the other end is gone: closed, or nothing is bound at the name any more." },
	{ "send", EPIPE, "The peer closed its end or shut down reading, or this socket was shut down for writing." },
	{ "send", ECONNRESET, "The peer closed its end with data it had not read." },
	{ "recv", ECONNRESET, "The peer closed its end with data it had not read; the next recv returns 0." },
};

static const char *meaning_find(const char *call, int err)
{
	for (size_t i = 0; i < ARRAY_LEN(meanings); i++) {
		const struct meaning *m = &meanings[i];

		if (m->err != err)
			continue;
		if (call ? m->call && strcmp(m->call, call) == 0 : !m->call)
			return m->text;
	}
	return NULL;
}

const char *explain_meaning_family(const char *call, int err, int family)
{
	const char *c = call && strcmp(call, "sendto") == 0 ? "send" : call;

	if (family == AF_UNIX && c)
		for (size_t i = 0; i < ARRAY_LEN(unix_meanings); i++)
			if (unix_meanings[i].err == err &&
			    strcmp(unix_meanings[i].call, c) == 0)
				return unix_meanings[i].text;
	return explain_meaning(call, err);
}

const char *explain_meaning(const char *call, int err)
{
	const char *text;

	if (call) {
		text = meaning_find(call, err);
		if (text)
			return text;
		if (strcmp(call, "sendto") == 0) {
			text = meaning_find("send", err);
			if (text)
				return text;
		}
		if (strcmp(call, "spawn") == 0 || strcmp(call, "fork") == 0)
			return NULL;
	}
	return meaning_find(NULL, err);
}
