/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_addr.c - the address parser (addr.h), with a round-trip oracle:
 * whatever parses, written back (addr_format_spec) and parsed again, is
 * the same address; made into a socket address of either family, written
 * as transcripts write it (addr_format_sa) and parsed again, it is the
 * same socket address. The input is one address per line, as a script
 * writes it (ADDR[:PORT], or a bare host for multicast). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "fuzz.h"

#define MAX_ADDR 127		/* what the command parser passes on */

static bool same_spec(const struct addrspec *a, const struct addrspec *b)
{
	if (a->kind != b->kind || a->port != b->port)
		return false;
	if (a->kind == ADDR_V4)
		return a->v4.s_addr == b->v4.s_addr;
	if (a->kind == ADDR_V6)
		return memcmp(&a->v6, &b->v6, sizeof(a->v6)) == 0;
	return true;
}

/* The spec, written back and parsed again by the same parser. */
static void round_trip_spec(const char *text, const struct addrspec *a,
			    bool host_only)
{
	char back[128], err[200];
	struct addrspec b;
	int pos = 0, rc;

	addr_format_spec(a, back, sizeof(back));
	rc = host_only ? addr_parse_host(back, &b, err, sizeof(err)) :
	     addr_parse(back, a->port >= 0, &b, err, sizeof(err), &pos);
	FUZZ_CHECK(rc == 0, "'%s' was written back as '%s', which does not "
		   "parse: %s", text, back, err);
	FUZZ_CHECK(same_spec(a, &b), "'%s' -> '%s' is another address", text,
		   back);
}

/* As a socket address of family, written as a transcript writes it. */
static void round_trip_sa(const char *text, const struct addrspec *a,
			  int family)
{
	struct sockaddr_storage ss, ss2;
	struct addrspec b;
	socklen_t len, len2;
	char back[128], err[200];
	int pos = 0;

	addr_to_sockaddr(a, family, &ss, &len);
	FUZZ_CHECK(addr_sa_port((struct sockaddr *)&ss) == (a->port > 0 ? a->port : 0),
		   "'%s': port", text);
	addr_format_sa((struct sockaddr *)&ss, back, sizeof(back));
	FUZZ_CHECK(addr_parse(back, true, &b, err, sizeof(err), &pos) == 0,
		   "'%s' as a socket address is '%s', which does not parse: %s",
		   text, back, err);
	addr_to_sockaddr(&b, ss.ss_family, &ss2, &len2);
	FUZZ_CHECK(len == len2 && ss.ss_family == ss2.ss_family &&
		   addr_sa_same((struct sockaddr *)&ss, (struct sockaddr *)&ss2, true),
		   "'%s' -> '%s' is another socket address", text, back);
	FUZZ_CHECK(addr_sa_same((struct sockaddr *)&ss2, (struct sockaddr *)&ss, true),
		   "addr_sa_same is not symmetric on '%s'", back);
	addr_sa_any((struct sockaddr *)&ss);
}

static void try_addr(const char *text)
{
	struct addrspec a;
	char err[200];
	int pos = -1;

	for (int required = 0; required < 2; required++) {
		if (addr_parse(text, required, &a, err, sizeof(err), &pos) < 0) {
			FUZZ_CHECK(pos >= 0 && (size_t)pos <= strlen(text) && err[0],
				   "'%s': error at %d: %s", text, pos, err);
			continue;
		}
		FUZZ_CHECK(a.kind != ADDR_NONE && a.port >= -1 && a.port <= 65535 &&
			   (!required || a.port >= 0), "'%s': kind %d port %d",
			   text, (int)a.kind, a.port);
		round_trip_spec(text, &a, false);
		round_trip_sa(text, &a, AF_INET);
		round_trip_sa(text, &a, AF_INET6);
	}
	if (addr_parse_host(text, &a, err, sizeof(err)) == 0) {
		FUZZ_CHECK(a.port == -1, "'%s': a host with a port", text);
		round_trip_spec(text, &a, true);
		round_trip_sa(text, &a, AF_INET);
		round_trip_sa(text, &a, AF_INET6);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at = 0;

	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t n = nl ? (size_t)(nl - (data + at)) : size - at;
		size_t k = strnlen((const char *)data + at, n < MAX_ADDR ? n : MAX_ADDR);
		char *text = malloc(k + 1);	/* exactly: overreads show */

		if (!text)
			abort();
		memcpy(text, data + at, k);
		text[k] = '\0';
		try_addr(text);
		free(text);
		at += n + 1;
	}
	return 0;
}
