/* SPDX-License-Identifier: GPL-2.0-or-later */
/* endpoint.c - tagged socket addresses (endpoint.h). */
#include "endpoint.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>

void ep_from_inet(struct endpoint *e, int family, const struct in6_addr *a,
		  uint16_t port, uint32_t scope)
{
	/* every field but the path (a kernel row is read in bulk) */
	e->kind = family == AF_INET ? EP_INET4 : family == AF_INET6 ? EP_INET6 :
		  EP_NONE;
	e->port = port;
	e->scope = family == AF_INET6 ? scope : 0;
	memcpy(&e->v4, a, sizeof(e->v4));
	e->v6 = *a;
	e->pathlen = 0;
}
static void from_unix(struct endpoint *e, const struct sockaddr_un *sun,
		      socklen_t len)
{
	size_t n = len > offsetof(struct sockaddr_un, sun_path) ?
		   len - offsetof(struct sockaddr_un, sun_path) : 0;

	if (n > sizeof(sun->sun_path))
		n = sizeof(sun->sun_path);
	if (n == 0) {
		e->kind = EP_UNIX_UNNAMED;
	} else if (sun->sun_path[0] == '\0') {
		e->kind = EP_UNIX_ABSTRACT;
		e->pathlen = n - 1;
		memcpy(e->path, sun->sun_path + 1, e->pathlen);
	} else {
		e->kind = EP_UNIX_PATH;
		e->pathlen = strnlen(sun->sun_path, n);
		memcpy(e->path, sun->sun_path, e->pathlen);
	}
}

void ep_from_sockaddr(struct endpoint *e, const struct sockaddr *sa,
		      socklen_t len)
{
	memset(e, 0, sizeof(*e));
	if (!sa || len < sizeof(sa_family_t))
		return;
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *sin = (const void *)sa;

		e->kind = EP_INET4;
		e->v4 = sin->sin_addr;
		e->port = ntohs(sin->sin_port);
	} else if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *sin6 = (const void *)sa;

		e->kind = EP_INET6;
		e->v6 = sin6->sin6_addr;
		e->port = ntohs(sin6->sin6_port);
		e->scope = sin6->sin6_scope_id;
	} else if (sa->sa_family == AF_UNIX) {
		from_unix(e, (const void *)sa, len);
	}
}

socklen_t ep_to_sockaddr(const struct endpoint *e, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	switch (e->kind) {
	case EP_INET4: {
		struct sockaddr_in *sin = (void *)ss;

		sin->sin_family = AF_INET;
		sin->sin_addr = e->v4;
		sin->sin_port = htons(e->port);
		return sizeof(*sin);
	}
	case EP_INET6: {
		struct sockaddr_in6 *sin6 = (void *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = e->v6;
		sin6->sin6_port = htons(e->port);
		sin6->sin6_scope_id = e->scope;
		return sizeof(*sin6);
	}
	case EP_UNIX_PATH:
	case EP_UNIX_ABSTRACT:
	case EP_UNIX_UNNAMED: {
		struct sockaddr_un *sun = (void *)ss;
		size_t off = e->kind == EP_UNIX_ABSTRACT ? 1 : 0;
		size_t n = e->kind == EP_UNIX_UNNAMED ? 0 : e->pathlen;

		if (n + off > sizeof(sun->sun_path))
			n = sizeof(sun->sun_path) - off;
		sun->sun_family = AF_UNIX;
		memcpy(sun->sun_path + off, e->path, n);
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + off + n +
				   (e->kind == EP_UNIX_PATH && n < sizeof(sun->sun_path)));
	}
	default:
		return 0;
	}
}

bool ep_is_set(const struct endpoint *e)
{
	return e->kind != EP_NONE;
}

bool ep_is_inet(const struct endpoint *e)
{
	return e->kind == EP_INET4 || e->kind == EP_INET6;
}

int ep_family(const struct endpoint *e)
{
	switch (e->kind) {
	case EP_INET4: return AF_INET;
	case EP_INET6: return AF_INET6;
	case EP_NONE: return 0;
	default: return AF_UNIX;
	}
}

int ep_port(const struct endpoint *e)
{
	return ep_is_inet(e) ? e->port : 0;
}

bool ep_any(const struct endpoint *e)
{
	if (e->kind == EP_INET4)
		return e->v4.s_addr == htonl(INADDR_ANY);
	return e->kind == EP_INET6 && IN6_IS_ADDR_UNSPECIFIED(&e->v6);
}

bool ep_v4(const struct endpoint *e, struct in_addr *out)
{
	if (e->kind == EP_INET4) {
		*out = e->v4;
		return true;
	}
	if (e->kind == EP_INET6 && IN6_IS_ADDR_V4MAPPED(&e->v6)) {
		memcpy(out, &e->v6.s6_addr[12], sizeof(*out));
		return true;
	}
	return false;
}

bool ep_same(const struct endpoint *a, const struct endpoint *b,
	     bool with_port)
{
	struct in_addr a4 = { 0 }, b4 = { 0 };
	bool av4, bv4;

	if (!ep_is_inet(a) || !ep_is_inet(b))
		return a->kind == b->kind && a->kind != EP_UNIX_UNNAMED &&
		       a->pathlen == b->pathlen &&
		       memcmp(a->path, b->path, a->pathlen) == 0;
	if (with_port && a->port != b->port)
		return false;
	av4 = ep_v4(a, &a4);
	bv4 = ep_v4(b, &b4);
	if (av4 || bv4)
		return av4 && bv4 && a4.s_addr == b4.s_addr;
	return IN6_ARE_ADDR_EQUAL(&a->v6, &b->v6);
}

/* a name's bytes, the unprintable ones as \xNN */
static void format_name(const char *prefix, const struct endpoint *e,
			char *buf, size_t len)
{
	size_t o = (size_t)snprintf(buf, len, "%s", prefix);

	for (size_t i = 0; i < e->pathlen && o + 5 < len; i++) {
		unsigned char c = (unsigned char)e->path[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	if (o < len)
		buf[o] = '\0';
}

void ep_format(const struct endpoint *e, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN];

	switch (e->kind) {
	case EP_INET4:
		inet_ntop(AF_INET, &e->v4, host, sizeof(host));
		snprintf(buf, len, "%s:%u", host, e->port);
		break;
	case EP_INET6:
		inet_ntop(AF_INET6, &e->v6, host, sizeof(host));
		snprintf(buf, len, "[%s]:%u", host, e->port);
		break;
	case EP_UNIX_PATH:
		format_name("", e, buf, len);
		break;
	case EP_UNIX_ABSTRACT:
		format_name("@", e, buf, len);
		break;
	case EP_UNIX_UNNAMED:
		snprintf(buf, len, "(unnamed)");
		break;
	default:
		snprintf(buf, len, "-");
		break;
	}
}
