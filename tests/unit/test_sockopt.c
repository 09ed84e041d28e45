/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sockopt.c - the option table: every row is whole and consistent,
 * the five options added last have the kernel's constants, and (in a
 * private network namespace, when one can be had) reading an option back
 * gives what the kernel holds: TCP_DEFER_ACCEPT rounds to retransmits,
 * SO_BINDTODEVICE gives the name, a TCP option is unknown on UDP. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "command.h"
#include "sockopt.h"
#include "tap.h"

static void test_rows(void)
{
	const char *const *names = sockopt_names();
	bool whole = true, unique = true;
	size_t n;

	for (n = 0; names[n]; n++)
		;
	tap_is_int(n, OPT_COUNT - 1, "sockopt_names: one per row");
	for (int k = OPT_NONE + 1; k < OPT_COUNT; k++) {
		const struct sockopt_def *d = sockopt_get((enum sock_opt)k);

		if (!d || d->id != (enum sock_opt)k || !d->name[0] || !d->help[0] ||
		    (strncmp(d->cname, "SO_", 3) != 0 && strncmp(d->cname, "IP", 2) != 0 &&
		     strncmp(d->cname, "TCP_", 4) != 0)) {
			printf("# row %d is not whole\n", k);
			whole = false;
			continue;
		}
		if (sockopt_find(d->name) != d)
			unique = false;
		if (d->badge && strlen(d->badge) != 2)
			whole = false;
	}
	tap_ok(whole, "every row has its id, word, help, C spelling, 2-letter badge");
	tap_ok(unique, "every word finds its own row");
	tap_ok(sockopt_get(OPT_NONE) == NULL && sockopt_get(OPT_COUNT) == NULL,
	       "no row for OPT_NONE or OPT_COUNT");
	tap_ok(sockopt_find("REUSEADDR") == sockopt_get(OPT_REUSEADDR),
	       "words are found in any case");
	tap_ok(sockopt_find("frobnicate") == NULL, "an unknown word has no row");
}

static void test_spellings(void)
{
	const struct sockopt_def *ttl = sockopt_get(OPT_TTL);

	tap_is_str(sockopt_cname(ttl, AF_INET), "IP_TTL", "ttl on IPv4: IP_TTL");
	tap_is_str(sockopt_cname(ttl, AF_INET6), "IPV6_UNICAST_HOPS",
		   "ttl on IPv6: IPV6_UNICAST_HOPS");
	tap_is_str(sockopt_clevel(ttl, AF_INET6), "IPPROTO_IPV6", "... at IPPROTO_IPV6");
	tap_is_int(sockopt_level(ttl, AF_INET6), IPPROTO_IPV6, "... level value");
	tap_is_int(sockopt_optname(ttl, AF_INET6), IPV6_UNICAST_HOPS, "... name value");
	tap_is_str(sockopt_get(OPT_REUSEADDR)->clevel, "SOL_SOCKET",
		   "reuseaddr: SOL_SOCKET");
	tap_ok(sockopt_get(OPT_NODELAY)->takes == SOF_TCP, "nodelay: TCP only");
	tap_ok(sockopt_get(OPT_MULTICAST_IF)->takes == SOF_UDP, "multicast-if: UDP only");
	tap_ok(sockopt_get(OPT_TTL)->takes == SOF_ANY, "ttl: any socket");
}

struct newopt {
	const char *word;
	int level, optname;
	const char *cname;
	enum sockopt_kind kind;
	enum sockopt_for takes;
};

static void test_new_options(void)
{
	static const struct newopt want[] = {
		{ "freebind", IPPROTO_IP, IP_FREEBIND, "IP_FREEBIND", SOV_BOOL, SOF_ANY },
		{ "bind-no-port", IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT,
		  "IP_BIND_ADDRESS_NO_PORT", SOV_BOOL, SOF_ANY },
		{ "bindtodevice", SOL_SOCKET, SO_BINDTODEVICE, "SO_BINDTODEVICE",
		  SOV_IFNAME, SOF_ANY },
		{ "user-timeout", IPPROTO_TCP, TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT",
		  SOV_INT, SOF_TCP },
		{ "defer-accept", IPPROTO_TCP, TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT",
		  SOV_INT, SOF_TCP },
	};

	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		const struct newopt *w = &want[k];
		const struct sockopt_def *d = sockopt_find(w->word);

		tap_ok(d && d->level == w->level && d->optname == w->optname &&
		       d->level6 == w->level && d->optname6 == w->optname &&
		       strcmp(d->cname, w->cname) == 0 && d->kind == w->kind &&
		       d->takes == w->takes && d->readback,
		       "%s: %s, its kind, its sockets, read back", w->word, w->cname);
	}
}

static void test_badges(void)
{
	char b[64];

	sockopt_badges(0, b, sizeof(b));
	tap_is_str(b, "           ", "no option on: four empty slots");
	sockopt_badges(1u << OPT_REUSEADDR | 1u << OPT_V6ONLY, b, sizeof(b));
	tap_is_str(b, "RA    V6   ", "RA and V6 keep their slots");
	sockopt_badges(1u << OPT_LINGER | 1u << OPT_FREEBIND | 1u << OPT_DEFER_ACCEPT,
		       b, sizeof(b));
	tap_is_str(b, "         LG FB DA", "later badges follow when on");
	sockopt_badges(1u << OPT_NODELAY, b, sizeof(b));
	tap_is_str(b, "           ", "an option without a badge shows none");
}

static void test_parse(void)
{
	struct command c;
	struct cmd_error e;

	tap_ok(command_parse("set s1 bindtodevice lo", &c, &e) == 0 &&
	       c.opt == OPT_BINDTODEVICE && c.text && strcmp(c.text, "lo") == 0,
	       "set bindtodevice lo: the name");
	command_free(&c);
	tap_ok(command_parse("set s1 bindtodevice off", &c, &e) == 0 &&
	       c.text && c.text[0] == '\0', "set bindtodevice off: no name");
	command_free(&c);
	tap_ok(command_parse("set s1 bindtodevice a-name-far-too-long", &c, &e) < 0 &&
	       strstr(e.msg, "interface name"), "an over-long interface name: %s", e.msg);
	command_free(&c);
	tap_ok(command_parse("set s1 user-timeout", &c, &e) < 0 &&
	       strstr(e.msg, "needs a value"), "user-timeout needs a value");
	command_free(&c);
	tap_ok(command_parse("set s1 freebind", &c, &e) == 0 && c.value == 1,
	       "freebind alone: on");
	command_free(&c);
	tap_ok(command_parse("set s1 nosuch", &c, &e) < 0 &&
	       strstr(e.msg, "defer-accept") && strstr(e.msg, "reuseaddr"),
	       "an unknown option lists every word: %s", e.msg);
	command_free(&c);
}

static void read_back(void)
{
	struct sockopt_val v;
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	int five = 5;

	tap_ok(t >= 0 && u >= 0, "sockets");
	sockopt_read(t, AF_INET, sockopt_get(OPT_FREEBIND), &v);
	tap_ok(v.known && v.i == 0 && !sockopt_is_on(sockopt_get(OPT_FREEBIND), &v),
	       "freebind reads back off");
	setsockopt(t, IPPROTO_TCP, TCP_DEFER_ACCEPT, &five, sizeof(five));
	sockopt_read(t, AF_INET, sockopt_get(OPT_DEFER_ACCEPT), &v);
	tap_ok(v.known && v.i == 7, "defer-accept 5 reads back 7 (whole retransmits): %d",
	       v.i);
	sockopt_read(t, AF_INET, sockopt_get(OPT_BINDTODEVICE), &v);
	tap_ok(v.known && v.s[0] == '\0' &&
	       !sockopt_is_on(sockopt_get(OPT_BINDTODEVICE), &v), "no device: off");
	setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "lo", 2);
	sockopt_read(t, AF_INET, sockopt_get(OPT_BINDTODEVICE), &v);
	tap_ok(v.known && strcmp(v.s, "lo") == 0 &&
	       sockopt_is_on(sockopt_get(OPT_BINDTODEVICE), &v), "bindtodevice lo reads back");
	sockopt_read(t, AF_INET, sockopt_get(OPT_LINGER), &v);
	tap_ok(v.known && v.i == -1 && !sockopt_is_on(sockopt_get(OPT_LINGER), &v),
	       "linger off reads back -1");
	sockopt_read(u, AF_INET, sockopt_get(OPT_USER_TIMEOUT), &v);
	tap_ok(!v.known, "user-timeout on UDP: the kernel does not say");
	close(t);
	close(u);
}

int main(void)
{
	test_rows();
	test_spellings();
	test_new_options();
	test_badges();
	test_parse();
	if (unshare(CLONE_NEWNET) == 0)
		read_back();
	else
		printf("ok %d # SKIP no private network namespace: %s\n", ++tap_n,
		       strerror(errno));
	return tap_done();
}
