#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-pcap.sh - --pcap with the TUI: a handshake on stage, R (a fresh
# stage in a fresh namespace, with a capture of its own), a second
# handshake, q. The file holds both handshakes (tcpdump reads them), and
# at the end sockstage says on stderr how many packets went into it and
# how many the kernel dropped, the count tcpdump reads back; all of them
# on the file's one interface, lo (when tshark is there to say so).

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
command -v tcpdump >/dev/null || skip "no tcpdump (Debian package tcpdump)"
in_private_netns "$@"
make_tmpdir

# a handshake to 127.0.0.1:PORT
handshake()
{
	tui_type_cmd ":socket tcp as l"
	tui_type_cmd ":bind l 127.0.0.1:$1"
	tui_type_cmd ":listen l"
	tui_type_cmd ":socket tcp as c"
	tui_type_cmd ":connect c 127.0.0.1:$1"
	tui_wait_text "connect(s2, 127.0.0.1:$1) = 0"
}

# stderr into a file: what a program writes just before it ends does not
# stay on the screen of a pane tmux 3.3 keeps after it
tui_start 100 30 ERR="$tmp/err" sh -c 'exec "$@" 2> "$ERR"' sh \
	"$SOCKSTAGE" --sandbox --pcap "$tmp/t.pcap"
tui_wait_for 'press \? for help'
[ -f "$tmp/t.pcap" ] || tui_fail_screen "no pcap file once the TUI runs"
handshake 5610
tui_wait_for 'Wire: .*\(3 segments\)'
tui_keys R
tui_wait_text "-- a fresh stage, in a fresh network namespace"
handshake 5611
tui_wait_for 'Wire: .*\(3 segments\)'
tui_keys q
tui_wait_exit 0
sed 's/^/# stderr: /' "$tmp/err"
report=$(grep -E "^sockstage: --pcap: [0-9]+ packets into '.*t\.pcap', [0-9]+ dropped by the kernel$" \
	"$tmp/err") || fail "no report of the pcap file at the end"
note "$report"
tui_stop

tcpdump -nn -r "$tmp/t.pcap" > "$tmp/read" 2> "$tmp/read.err" ||
	fail "tcpdump cannot read the file: $(cat "$tmp/read.err")"
sed 's/^/# tcpdump: /' "$tmp/read"
n=$(wc -l < "$tmp/read")
[[ $report == "sockstage: --pcap: $n packets into "* ]] ||
	fail "the report says '$report', tcpdump reads $n packets"
for port in 5610 5611; do
	[ "$(grep -cE "127\.0\.0\.1\.[0-9]+ > 127\.0\.0\.1\.$port: Flags \[S\]" "$tmp/read")" = 1 ] ||
		fail "no SYN to $port in the file (or more than one)"
	grep -qE "127\.0\.0\.1\.$port > 127\.0\.0\.1\.[0-9]+: Flags \[S\.\]" "$tmp/read" ||
		fail "no SYN+ACK from $port in the file"
done
note "both handshakes in the file, across the fresh stage"
# the fresh stage's capture goes on on the same interface of the file
if command -v tshark >/dev/null; then
	ids=$(HOME=$tmp tshark -n -r "$tmp/t.pcap" -T fields -E separator=: \
		-e frame.interface_id -e frame.interface_name 2> /dev/null |
		sort | uniq -c)
	note "packets by interface: $ids"
	[[ $ids =~ ^\ *$n\ 0:lo$ ]] ||
		fail "not all $n packets on one interface, 0 (lo): $ids"
else
	note "no tshark: the file's interfaces are not read"
fi
exit 0
