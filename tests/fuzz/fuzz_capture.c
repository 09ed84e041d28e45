/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_capture.c - the packet parser (src/capture.c): the input's first
 * byte chooses the link type (0: Ethernet, as loopback's frames are; 1:
 * Linux cooked; 2: raw IP), the rest is the frame (the seed corpus holds
 * frames captured on loopback: a handshake, data, FIN, RST, UDP, an ICMP
 * port unreachable). A frame parsed must make sense: a known family and
 * protocol, a payload no longer than an IP header can say (a frame may
 * hold only the first bytes of its packet: a snaplen), a window scale in
 * TCP's range, ports only for TCP and UDP; the flags' letters are
 * terminated and printable. Nothing may be read beyond the frame
 * (ASan). */
#include <netinet/in.h>
#include <pcap/dlt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int links[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_RAW };
	struct segment s;
	unsigned char *frame;
	char flags[16];
	size_t n;

	if (!size)
		return 0;
	n = size - 1;
	frame = malloc(n ? n : 1);	/* exactly its size: ASan sees past it */
	if (!frame)
		abort();
	memcpy(frame, data + 1, n);
	if (capture_parse(links[data[0] % 3], frame, n, 7, &s) == 0) {
		FUZZ_CHECK(s.family == AF_INET || s.family == AF_INET6,
			   "family %u", s.family);
		FUZZ_CHECK(s.proto == IPPROTO_TCP || s.proto == IPPROTO_UDP ||
			   s.proto == IPPROTO_ICMP || s.proto == IPPROTO_ICMPV6,
			   "protocol %u", s.proto);
		FUZZ_CHECK(s.len <= 65535, "a payload of %u", s.len);
		FUZZ_CHECK(s.wscale >= -1 && s.wscale <= 14, "wscale %d", s.wscale);
		FUZZ_CHECK(s.us == 7, "the time");
		if (s.proto == IPPROTO_ICMP || s.proto == IPPROTO_ICMPV6)
			FUZZ_CHECK(!s.sport && !s.dport, "ports on ICMP");
	}
	capture_flags_text(n ? frame[0] : 0, flags, sizeof(flags));
	FUZZ_CHECK(strnlen(flags, sizeof(flags)) < sizeof(flags), "flags");
	free(frame);
	return 0;
}
