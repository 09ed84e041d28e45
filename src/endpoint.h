/* SPDX-License-Identifier: GPL-2.0-or-later */
/* endpoint.h - one end of a socket, tagged by kind: an IPv4 or IPv6
 * address with its port (and an IPv6 scope), or a UNIX-domain path, an
 * abstract name, or none (unnamed). The model's sockets, the kernel's
 * rows and everything that prints or compares an address use it; nothing
 * assumes "an inet address and a port". */
#ifndef SOCKSTAGE_ENDPOINT_H
#define SOCKSTAGE_ENDPOINT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define EP_PATH_MAX 108		/* sun_path */

enum ep_kind {
	EP_NONE,		/* not known, or not set (not bound) */
	EP_INET4,
	EP_INET6,
	EP_UNIX_PATH,		/* "/run/x.sock" */
	EP_UNIX_ABSTRACT,	/* "@name": sun_path starts with a NUL */
	EP_UNIX_UNNAMED,	/* a UNIX socket with no name */
};

struct endpoint {
	enum ep_kind kind;
	uint16_t port;		/* inet: host byte order */
	uint32_t scope;		/* inet6: the scope (interface) id */
	struct in_addr v4;
	struct in6_addr v6;
	char path[EP_PATH_MAX];	/* unix: the path or abstract name; it may
				   hold NULs (abstract): pathlen says */
	size_t pathlen;
};

/* From a sockaddr of len bytes; EP_NONE for what it cannot be. */
void ep_from_sockaddr(struct endpoint *e, const struct sockaddr *sa,
		      socklen_t len);
/* Back into a sockaddr; returns its length (0 for EP_NONE). */
socklen_t ep_to_sockaddr(const struct endpoint *e, struct sockaddr_storage *ss);
/* An inet_diag address (IPv4 in the first 4 bytes) of family. */
void ep_from_inet(struct endpoint *e, int family, const struct in6_addr *a,
		  uint16_t port, uint32_t scope);

bool ep_is_set(const struct endpoint *e);
bool ep_is_inet(const struct endpoint *e);
int ep_family(const struct endpoint *e);	/* AF_INET, AF_INET6, AF_UNIX, 0 */
int ep_port(const struct endpoint *e);		/* 0 when none */
/* The wildcard: 0.0.0.0 or [::] */
bool ep_any(const struct endpoint *e);
/* The IPv4 address, also of an IPv4-mapped IPv6 one. */
bool ep_v4(const struct endpoint *e, struct in_addr *out);
/* Same place (an IPv4-mapped IPv6 address equals its IPv4 address);
 * with_port false: the addresses only. */
bool ep_same(const struct endpoint *a, const struct endpoint *b,
	     bool with_port);
/* "127.0.0.1:3459", "[::1]:3459", "/run/x.sock", "@name", "(unnamed)",
 * "-" for EP_NONE. Bytes of a name that are not printable are \xNN. */
void ep_format(const struct endpoint *e, char *buf, size_t len);

#endif
