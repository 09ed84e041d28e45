/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_host.c - a host's addresses as the language writes them (ADDR
 * [/PREFIX], IPv4 /24 and IPv6 /64 by default, bad ones refused with the
 * reason), their subnets and who is on one; and the generator behind
 * "wire drop P% seed S": the same seed, the same draws. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "relay.h"
#include "tap.h"

static void test_parse(void)
{
	struct host_addr a;
	char buf[64], err[160];

	tap_ok(host_addr_parse("10.0.0.7", &a, err, sizeof(err)) == 0 &&
	       a.family == AF_INET && a.prefix == 24, "IPv4: /24 by default");
	host_addr_format(&a, buf, sizeof(buf));
	tap_is_str(buf, "10.0.0.7/24", "written back");
	tap_ok(host_addr_parse("fd00::3", &a, err, sizeof(err)) == 0 &&
	       a.family == AF_INET6 && a.prefix == 64, "IPv6: /64 by default");
	tap_ok(host_addr_parse("192.168.7.1/16", &a, err, sizeof(err)) == 0 &&
	       a.prefix == 16, "a prefix given");
	tap_ok(host_addr_parse("10.0.0.1/33", &a, err, sizeof(err)) < 0 &&
	       strstr(err, "'/33' is not a prefix length (0-32)"), "/33: %s", err);
	tap_ok(host_addr_parse("fd00::1/129", &a, err, sizeof(err)) < 0 &&
	       strstr(err, "(0-128)"), "/129: %s", err);
	tap_ok(host_addr_parse("10.0.0/24", &a, err, sizeof(err)) < 0 &&
	       strstr(err, "'10.0.0' is not an IPv4 or IPv6 address"), "10.0.0: %s", err);
	tap_ok(host_addr_parse("10.0.0.1/", &a, err, sizeof(err)) < 0,
	       "a slash without a prefix");
	tap_ok(host_addr_parse("10.0.0.1/2x", &a, err, sizeof(err)) < 0,
	       "a prefix that is not a number");
}

static void test_subnets(void)
{
	struct host h = { .name = "b" };
	struct host_addr a, net, other;
	char buf[64], err[160];

	host_addr_parse("10.0.1.3/24", &a, err, sizeof(err));
	host_subnet(&a, &net);
	host_addr_format(&net, buf, sizeof(buf));
	tap_is_str(buf, "10.0.1.0/24", "a /24's subnet");
	host_addr_parse("172.16.5.9/12", &a, err, sizeof(err));
	host_subnet(&a, &net);
	host_addr_format(&net, buf, sizeof(buf));
	tap_is_str(buf, "172.16.0.0/12", "a /12's subnet (a prefix across a byte)");
	host_addr_parse("fd00:0:0:1::9/64", &a, err, sizeof(err));
	host_subnet(&a, &net);
	host_addr_format(&net, buf, sizeof(buf));
	tap_is_str(buf, "fd00:0:0:1::/64", "an IPv6 subnet");
	host_addr_parse("10.0.0.2/24", &h.addr[h.naddr++], err, sizeof(err));
	host_addr_parse("10.0.0.0/24", &net, err, sizeof(err));
	host_addr_parse("10.0.1.0/24", &other, err, sizeof(err));
	tap_ok(host_on_subnet(&h, &net) && !host_on_subnet(&h, &other),
	       "a host is on its address's subnet, not on another");
	tap_ok(host_has(&h, AF_INET, &h.addr[0].a) && !host_has(&h, AF_INET, &other.a),
	       "a host has its own address");
}

static void test_random(void)
{
	uint32_t a = 7, b = 7, c = 8;
	int same = 1, differ = 0, dropped = 0;

	for (int i = 0; i < 1000; i++) {
		uint32_t x = relay_random(&a), y = relay_random(&b), z = relay_random(&c);

		same &= x == y;
		differ |= x != z;
		dropped += x % 100 < 30;
	}
	tap_ok(same, "the same seed: the same draws");
	tap_ok(differ, "another seed: other draws");
	tap_ok(dropped > 230 && dropped < 370, "30%% of 1000 draws: %d", dropped);
}

int main(void)
{
	test_parse();
	test_subnets();
	test_random();
	return tap_done();
}
