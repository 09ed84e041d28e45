/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.c - parse ADDR[:PORT] as the command language writes it; format
 * socket addresses for transcripts. */
#include "addr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/un.h>

#include "endpoint.h"

static int fail(char *err, size_t errlen, int *errpos, int pos,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(char *err, size_t errlen, int *errpos, int pos,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	if (errpos)
		*errpos = pos;
	return -1;
}

static int parse_port(const char *s, int *port)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
		if (v > 99999)
			return -2;
	}
	if (v > 65535)
		return -2;
	*port = (int)v;
	return 0;
}

static int parse_host(const char *h, size_t n, bool bracketed,
		      struct addrspec *out)
{
	char buf[INET6_ADDRSTRLEN + 1];

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, h, n);
	buf[n] = '\0';
	if (bracketed)
		return inet_pton(AF_INET6, buf, &out->v6) == 1 ?
		       (out->kind = ADDR_V6, 0) : -1;
	if (strcmp(buf, "*") == 0) {
		out->kind = ADDR_ANY;
		return 0;
	}
	if (strcasecmp(buf, "localhost") == 0) {
		out->kind = ADDR_LOCALHOST;
		return 0;
	}
	if (inet_pton(AF_INET, buf, &out->v4) == 1) {
		out->kind = ADDR_V4;
		return 0;
	}
	if (inet_pton(AF_INET6, buf, &out->v6) == 1) {
		out->kind = ADDR_V6;
		return 0;
	}
	return -1;
}

int addr_parse(const char *text, bool port_required, struct addrspec *out,
	       char *err, size_t errlen, int *errpos)
{
	const char *host = text, *colon, *port = NULL;
	size_t hostlen;
	bool bracketed = false;
	int rc;

	memset(out, 0, sizeof(*out));
	out->port = -1;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');

		if (!close)
			return fail(err, errlen, errpos, 0,
				    "'%s': missing ']' after an IPv6 address", text);
		bracketed = true;
		host = text + 1;
		hostlen = (size_t)(close - host);
		if (close[1] == ':')
			port = close + 2;
		else if (close[1])
			return fail(err, errlen, errpos, (int)(close - text) + 1,
				    "'%s': expected ':PORT' after ']'", text);
	} else {
		colon = strrchr(text, ':');
		if (colon && strchr(text, ':') != colon) {
			/* several colons and no brackets: a bare IPv6 address */
			colon = NULL;
		}
		hostlen = colon ? (size_t)(colon - text) : strlen(text);
		if (colon)
			port = colon + 1;
	}
	if (parse_host(host, hostlen, bracketed, out) < 0)
		return fail(err, errlen, errpos, 0,
			    "'%s': not an address (use 127.0.0.1, [::1], *, "
			    "0.0.0.0, [::] or localhost)", text);
	if (port) {
		rc = parse_port(port, &out->port);
		if (rc == -2)
			return fail(err, errlen, errpos, (int)(port - text),
				    "port %s is out of range (0-65535)", port);
		if (rc < 0)
			return fail(err, errlen, errpos, (int)(port - text),
				    "'%s': not a port number", port);
	} else if (port_required) {
		return fail(err, errlen, errpos, (int)strlen(text),
			    "'%s': a port is needed (ADDR:PORT)", text);
	}
	return 0;
}

int addr_parse_host(const char *text, struct addrspec *out, char *err,
		    size_t errlen)
{
	const char *h = text;
	size_t n = strlen(text);
	bool bracketed = false;

	memset(out, 0, sizeof(*out));
	out->port = -1;
	if (n >= 2 && text[0] == '[' && text[n - 1] == ']') {
		h++;
		n -= 2;
		bracketed = true;
	}
	if (parse_host(h, n, bracketed, out) < 0) {
		snprintf(err, errlen, "'%s': not an address", text);
		return -1;
	}
	return 0;
}

bool addr_is_unix(const struct addrspec *a)
{
	return a->kind == ADDR_PATH || a->kind == ADDR_ABSTRACT;
}

int addr_parse_unix(const char *text, size_t n, bool quoted,
		    struct addrspec *out, char *err, size_t errlen)
{
	bool abstract = n > 0 && text[0] == '@';
	size_t off = abstract ? 1 : 0;

	memset(out, 0, sizeof(*out));
	out->port = -1;
	if (n == off) {
		snprintf(err, errlen, abstract ? "'@' needs a NAME (@name: the "
			 "abstract namespace)" : "an empty path");
		return -1;
	}
	if (memchr(text, '\0', n)) {
		snprintf(err, errlen, "a path cannot hold a NUL byte");
		return -1;
	}
	if (n - off > ADDR_UNIX_MAX - off) {
		snprintf(err, errlen, "a UNIX socket's name is at most %d bytes "
			 "(sun_path holds 108); this one is %zu", ADDR_UNIX_MAX -
			 (int)off, n - off);
		return -1;
	}
	(void)quoted;
	out->kind = abstract ? ADDR_ABSTRACT : ADDR_PATH;
	out->pathlen = n - off;
	memcpy(out->path, text + off, out->pathlen);
	out->path[out->pathlen] = '\0';
	return 0;
}

bool addr_looks_unix(const char *text, size_t n)
{
	if (n && (text[0] == '@' || memchr(text, '/', n)))
		return true;
	/* a port, or IPv6: an address, however wrong (a path with a colon is
	   written ./a:b or in quotes) */
	if (memchr(text, ':', n) || memchr(text, '[', n))
		return false;
	if (n == 9 && strncasecmp(text, "localhost", 9) == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)text[i]) && !strchr(".*", text[i]))
			return true;
	return false;
}

static void unix_sockaddr(const struct addrspec *a, struct sockaddr_storage *ss,
			  socklen_t *len)
{
	char *p = (char *)ss + offsetof(struct sockaddr_un, sun_path);
	size_t off = a->kind == ADDR_ABSTRACT ? 1 : 0;

	ss->ss_family = AF_UNIX;
	memcpy(p + off, a->path, a->pathlen);	/* p[0] is the abstract NUL */
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + off +
			   a->pathlen);
}

void addr_to_sockaddr(const struct addrspec *a, int family,
		      struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	uint16_t port = htons((uint16_t)(a->port > 0 ? a->port : 0));
	bool v6 = family == AF_INET6 || a->kind == ADDR_V6;

	memset(ss, 0, sizeof(*ss));
	if (addr_is_unix(a)) {
		unix_sockaddr(a, ss, len);
		return;
	}
	if (!v6) {
		sin->sin_family = AF_INET;
		sin->sin_port = port;
		if (a->kind == ADDR_V4)
			sin->sin_addr = a->v4;
		else if (a->kind == ADDR_LOCALHOST)
			sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		else
			sin->sin_addr.s_addr = htonl(INADDR_ANY);
		*len = sizeof(*sin);
		return;
	}
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = port;
	if (a->kind == ADDR_V6) {
		sin6->sin6_addr = a->v6;
	} else if (a->kind == ADDR_V4) {
		sin6->sin6_addr.s6_addr[10] = 0xff;
		sin6->sin6_addr.s6_addr[11] = 0xff;
		memcpy(&sin6->sin6_addr.s6_addr[12], &a->v4, 4);
	} else if (a->kind == ADDR_LOCALHOST) {
		sin6->sin6_addr = in6addr_loopback;
	} else {
		sin6->sin6_addr = in6addr_any;
	}
	*len = sizeof(*sin6);
}

/* A UNIX sockaddr of salen bytes: "\"srv.sock\"", "@name", "(unnamed)" */
static void format_unix(const struct sockaddr *sa, socklen_t salen, char *buf,
			size_t len)
{
	struct endpoint e;
	char name[4 * ADDR_UNIX_MAX + 8];

	if (salen > sizeof(struct sockaddr_storage))
		salen = sizeof(struct sockaddr_storage);
	ep_from_sockaddr(&e, sa, salen);
	ep_format(&e, name, sizeof(name));
	if (e.kind == EP_UNIX_PATH)
		snprintf(buf, len, "\"%s\"", name);
	else
		snprintf(buf, len, "%s", name);
}

/* The length of an AF_UNIX sockaddr held in a zeroed sockaddr_storage:
 * up to its last byte that is not a NUL. */
static socklen_t unix_len(const struct sockaddr *sa)
{
	const unsigned char *p = (const unsigned char *)sa;
	size_t n = sizeof(struct sockaddr_storage);
	size_t start = offsetof(struct sockaddr_un, sun_path);

	while (n > start + 1 && !p[n - 1])
		n--;
	return (socklen_t)(n == start + 1 && !p[start] ? start : n);
}

void addr_format_sa_len(const struct sockaddr *sa, socklen_t salen, char *buf,
			size_t len)
{
	if (sa->sa_family == AF_UNIX)
		format_unix(sa, salen, buf, len);
	else
		addr_format_sa(sa, buf, len);
}

void addr_format_sa(const struct sockaddr *sa, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN];

	if (sa->sa_family == AF_UNIX) {
		format_unix(sa, unix_len(sa), buf, len);
	} else if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)sa;

		inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
		snprintf(buf, len, "%s:%u", host, ntohs(sin->sin_port));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)sa;

		inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof(host));
		snprintf(buf, len, "[%s]:%u", host, ntohs(sin6->sin6_port));
	} else {
		snprintf(buf, len, "-");
	}
}

int addr_sa_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port);
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
	return 0;
}

/* An inet sockaddr as an endpoint (endpoint.h does the comparing). */
static struct endpoint ep_of(const struct sockaddr *sa)
{
	struct endpoint e;

	ep_from_sockaddr(&e, sa, sa->sa_family == AF_INET6 ?
			 sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
	return e;
}

bool addr_sa_v4(const struct sockaddr *sa, struct in_addr *out)
{
	struct endpoint e = ep_of(sa);

	return ep_v4(&e, out);
}

bool addr_sa_same(const struct sockaddr *a, const struct sockaddr *b,
		  bool with_port)
{
	struct endpoint ea = ep_of(a), eb = ep_of(b);

	return ep_is_inet(&ea) && ep_is_inet(&eb) && ep_same(&ea, &eb, with_port);
}

bool addr_sa_any(const struct sockaddr *sa)
{
	struct endpoint e = ep_of(sa);

	return ep_any(&e);
}

/* A UNIX name as written, whole (longer than sun_path too): "\"x.sock\"",
 * "@name"; its unprintable bytes as \xNN. */
static void format_unix_spec(const struct addrspec *a, char *buf, size_t len)
{
	bool path = a->kind == ADDR_PATH;
	size_t o = (size_t)snprintf(buf, len, "%s", path ? "\"" : "@");

	for (size_t i = 0; i < a->pathlen && o + 6 < len; i++) {
		unsigned char c = (unsigned char)a->path[i];

		if (c < 0x20 || c >= 0x7f || c == '\\' || (path && c == '"'))
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	if (path && o + 1 < len)
		buf[o++] = '"';
	if (o < len)
		buf[o] = '\0';
}

void addr_format_spec(const struct addrspec *a, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN + 2];

	switch (a->kind) {
	case ADDR_V4:
		inet_ntop(AF_INET, &a->v4, host, sizeof(host));
		break;
	case ADDR_V6:
		host[0] = '[';
		inet_ntop(AF_INET6, &a->v6, host + 1, sizeof(host) - 2);
		strcat(host, "]");
		break;
	case ADDR_ANY:
		strcpy(host, "*");
		break;
	case ADDR_LOCALHOST:
		strcpy(host, "localhost");
		break;
	case ADDR_PATH:
	case ADDR_ABSTRACT:
		format_unix_spec(a, buf, len);
		return;
	default:
		strcpy(host, "?");
		break;
	}
	if (a->port >= 0)
		snprintf(buf, len, "%s:%d", host, a->port);
	else
		snprintf(buf, len, "%s", host);
}

bool addr_spec_matches(const struct addrspec *a, uint8_t family,
		       const struct in6_addr *addr, uint16_t port)
{
	static const struct in6_addr zero;
	struct in_addr lo4 = { htonl(INADDR_LOOPBACK) };

	if (a->port >= 0 && a->port != port)
		return false;
	switch (a->kind) {
	case ADDR_V4:
		return family == AF_INET && memcmp(addr, &a->v4, 4) == 0;
	case ADDR_V6:
		return family == AF_INET6 && memcmp(addr, &a->v6, 16) == 0;
	case ADDR_ANY:
		return memcmp(addr, &zero, family == AF_INET ? 4 : 16) == 0;
	case ADDR_LOCALHOST:
		return family == AF_INET ? memcmp(addr, &lo4, 4) == 0 :
		       memcmp(addr, &in6addr_loopback, 16) == 0;
	case ADDR_PATH:
	case ADDR_ABSTRACT:	/* a UNIX name is no inet address */
		return false;
	default:
		return true;
	}
}
