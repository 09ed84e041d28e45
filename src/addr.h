/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.h - addresses as the command language writes them, and as
 * transcripts print them. */
#ifndef SOCKSTAGE_ADDR_H
#define SOCKSTAGE_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

enum addr_kind {
	ADDR_NONE,	/* nothing given */
	ADDR_V4,	/* 127.0.0.1, 0.0.0.0 */
	ADDR_V6,	/* [::1], [::] */
	ADDR_ANY,	/* '*': the wildcard of the socket's family */
	ADDR_LOCALHOST,	/* 'localhost': 127.0.0.1 or ::1 by family */
	ADDR_PATH,	/* a UNIX socket's path: "srv.sock", /run/x.sock */
	ADDR_ABSTRACT,	/* a UNIX socket's abstract name: @name */
};

/* A UNIX name as written may be longer than sun_path (108 bytes): the
 * kernel then answers for it (EINVAL), up to what a sockaddr_storage
 * holds. */
#define ADDR_UNIX_MAX 126

struct addrspec {
	enum addr_kind kind;
	struct in_addr v4;
	struct in6_addr v6;
	int port;		/* 0..65535, or -1 when none was written */
	char path[ADDR_UNIX_MAX + 1];	/* ADDR_PATH, ADDR_ABSTRACT: the name
					   (without the @), NUL-terminated */
	size_t pathlen;
};

/* A UNIX name (ADDR_PATH or ADDR_ABSTRACT) */
bool addr_is_unix(const struct addrspec *a);
/* Parse a UNIX name as the language writes it: "@name" is abstract,
 * anything else a path (quoted: any bytes but NUL). Returns 0, or -1
 * with a message in err. */
int addr_parse_unix(const char *text, size_t n, bool quoted,
		    struct addrspec *out, char *err, size_t errlen);
/* Does an unquoted operand look like a UNIX name rather than an inet
 * address? @name, or a path: it has a '/'; or it has no ':' nor '[' (a
 * port, IPv6) and is not "localhost" nor made of digits, dots and '*'. */
bool addr_looks_unix(const char *text, size_t n);

/* Parse ADDR[:PORT] (port_required: ADDR:PORT). Returns 0, or -1 with a
 * message in err and the 0-based offset of the bad part in *errpos. */
int addr_parse(const char *text, bool port_required, struct addrspec *out,
	       char *err, size_t errlen, int *errpos);

/* Parse a bare address without port (multicast group, interface). */
int addr_parse_host(const char *text, struct addrspec *out, char *err,
		    size_t errlen);

/* Turn a spec into a sockaddr for a socket of family AF_INET or AF_INET6
 * (a UNIX name: an AF_UNIX sockaddr whatever the family, its length the
 * name's, without a NUL).
 * An IPv4 address for an AF_INET6 socket becomes ::ffff:a.b.c.d; an IPv6
 * address for an AF_INET socket is kept as AF_INET6 so that the kernel
 * gives its own answer (EAFNOSUPPORT). A missing port is 0. */
void addr_to_sockaddr(const struct addrspec *a, int family,
		      struct sockaddr_storage *ss, socklen_t *len);

/* "127.0.0.1:3459", "[::1]:3459", "0.0.0.0:0"; a UNIX name as
 * "\"srv.sock\"" or "@name" (unprintable bytes as \xNN), "(unnamed)" */
void addr_format_sa(const struct sockaddr *sa, char *buf, size_t len);
/* The same for a sockaddr of salen bytes (an abstract name's length). */
void addr_format_sa_len(const struct sockaddr *sa, socklen_t salen,
			char *buf, size_t len);
/* the spec as written back: "127.0.0.1:3459", "*:80", "localhost" */
void addr_format_spec(const struct addrspec *a, char *buf, size_t len);
/* Whether family's addr and port are what a names (its port, when it
 * has one; "localhost" is either loopback; a UNIX name: never). */
bool addr_spec_matches(const struct addrspec *a, uint8_t family,
		       const struct in6_addr *addr, uint16_t port);
/* port of a sockaddr (host order), 0 if none */
int addr_sa_port(const struct sockaddr *sa);
/* The IPv4 address of sa, also when sa is an IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d). False for other addresses. */
bool addr_sa_v4(const struct sockaddr *sa, struct in_addr *out);
/* Same address and port; an IPv4-mapped IPv6 address equals its IPv4
 * address. with_port false: the addresses only. */
bool addr_sa_same(const struct sockaddr *a, const struct sockaddr *b,
		  bool with_port);
/* A wildcard address: 0.0.0.0 or [::] */
bool addr_sa_any(const struct sockaddr *sa);

#endif
