#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# pcapng.sh - the --pcap file is pcapng and tcpdump reads it whole:
#  1. a lesson run as a script in a sandbox (--run lessons/11 --sandbox
#     --pcap F): F begins with a Section Header Block whose byte-order
#     magic says little-endian, then the loopback's interface; tcpdump
#     reads as many packets as sockstage says it wrote, the lesson's
#     handshake and its RST among them;
#  2. a file written through the same API by tests/pcapng-sample (two
#     interfaces, lo's Ethernet frames and a wire's bare IPv4 and IPv6
#     packets with comments, as a relay between hosts will write them):
#     tcpdump reads its eight packets, in order, with their times and
#     addresses.
# tests/pcapng-tshark.sh asks tshark for the comments.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
command -v tcpdump >/dev/null || skip "no tcpdump (Debian package tcpdump)"
sample=${top_builddir:-.}/tests/pcapng-sample
[ -x "$sample" ] || fail "helper $sample is not built (make check builds it)"
in_private_netns "$@"
make_tmpdir

# The file's first bytes, in hex: "0a0d0d0a" (a Section Header Block)
# then its length, then "4d3c2b1a" (0x1A2B3C4D, little-endian) ...
hex_at()	# FILE OFFSET COUNT
{
	od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'
}

note "1. a lesson's --pcap file"
lesson=$top_srcdir/lessons/11-abortive-close.stage
timeout -k 5 60 "$SOCKSTAGE" --run "$lesson" --sandbox --pcap "$tmp/l.pcapng" \
	> "$tmp/out" 2> "$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/err"
[ "$rc" = 0 ] || fail "the lesson's run exited with $rc"
report=$(grep -E "^sockstage: --pcap: [0-9]+ packets into '$tmp/l\.pcapng', 0 dropped by the kernel\$" \
	"$tmp/err") || fail "no report of the pcap file"
n=$(sed -E 's/^sockstage: --pcap: ([0-9]+) packets.*/\1/' <<< "$report")
[ "$(hex_at "$tmp/l.pcapng" 0 4)" = 0a0d0d0a ] ||
	fail "the file does not begin with a Section Header Block: $(hex_at "$tmp/l.pcapng" 0 16)"
[ "$(hex_at "$tmp/l.pcapng" 8 4)" = 4d3c2b1a ] ||
	fail "no little-endian byte-order magic: $(hex_at "$tmp/l.pcapng" 0 16)"
LC_ALL=C grep -aq 'sockstage [0-9]' "$tmp/l.pcapng" ||
	fail "the section does not name sockstage (shb_userappl)"
tcpdump -nn -r "$tmp/l.pcapng" > "$tmp/l.txt" 2> "$tmp/l.err" ||
	fail "tcpdump cannot read the file: $(cat "$tmp/l.err")"
sed 's/^/# tcpdump: /' "$tmp/l.txt" "$tmp/l.err"
grep -q 'link-type EN10MB (Ethernet), snapshot length 256' "$tmp/l.err" ||
	fail "not the loopback's link type and snapshot length"
[ "$(wc -l < "$tmp/l.txt")" = "$n" ] ||
	fail "tcpdump reads $(wc -l < "$tmp/l.txt") packets, sockstage says $n"
[ "$n" -gt 0 ] || fail "no packets in the file"
grep -qE '127\.0\.0\.1\.[0-9]+ > 127\.0\.0\.1\.3469: Flags \[S\]' "$tmp/l.txt" ||
	fail "no SYN to the lesson's port"
grep -qE 'Flags \[R\.?\]' "$tmp/l.txt" || fail "no RST (the lesson's abortive close)"

note "2. a file with two interfaces and comments"
"$sample" "$tmp/s.pcapng" || fail "pcapng-sample failed"
TZ=UTC tcpdump -nn -tttt -r "$tmp/s.pcapng" > "$tmp/s.txt" 2> "$tmp/s.err" ||
	fail "tcpdump cannot read the sample: $(cat "$tmp/s.err")"
sed 's/^/# tcpdump: /' "$tmp/s.txt"
sed -E 's/^(.* Flags \[[^]]*\]).*/\1/' "$tmp/s.txt" > "$tmp/got"
cat > "$tmp/want" <<'EOF'
2025-12-04 00:00:00.000001 IP 127.0.0.1.40000 > 127.0.0.1.3459: Flags [S]
2025-12-04 00:00:00.100002 IP 10.0.0.2.40001 > 10.0.0.3.3459: Flags [S]
2025-12-04 00:00:00.200003 IP 10.0.0.2.40001 > 10.0.0.3.3459: Flags [S]
2025-12-04 00:00:00.300004 IP 10.0.0.3.3459 > 10.0.0.2.40001: Flags [S.]
2025-12-04 00:00:00.400005 IP 10.0.0.2.40001 > 10.0.0.3.3459: Flags [.]
2025-12-04 00:00:00.500006 IP 10.0.0.2.40001 > 10.0.0.3.3459: Flags [.]
2025-12-04 00:00:00.600007 IP 10.0.0.2.40001 > 10.0.0.3.3459: Flags [F.]
2025-12-04 00:00:00.700008 IP6 fd00::2.40002 > fd00::3.3459: Flags [S]
EOF
diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
cmp -s "$tmp/want" "$tmp/got" || fail "tcpdump reads other packets from the sample (above)"
exit 0
