#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# pcapng-tshark.sh - tshark (Wireshark's reader) reads the --pcap file
# and its comments:
#  1. a file written through the --pcap file's API by tests/pcapng-sample
#     (as a relay between hosts will write one, bare IPv4 and IPv6
#     packets): each packet's interface, time, addresses and comment
#     ("held", "delayed 200 ms", "dropped", "duplicated", one in UTF-8,
#     none where there is none), and the application named in the
#     section;
#  2. a script's --pcap file in a sandbox: as many packets as sockstage
#     says, all on interface lo, none with a comment (the loopback's
#     packets have none).
# tshark 4.0 calls a packet's comment frame.comment.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
command -v tshark >/dev/null ||
	skip "no tshark (Debian package tshark): the comments are not read"
sample=${top_builddir:-.}/tests/pcapng-sample
[ -x "$sample" ] || fail "helper $sample is not built (make check builds it)"
in_private_netns "$@"
make_tmpdir
# tshark keeps its settings under HOME; as root it warns on stderr
export HOME=$tmp

# tshark_fields FILE FIELD...: one line a packet, the fields split by '|'
tshark_fields()
{
	local file=$1 args=() f
	shift
	for f in "$@"; do
		args+=(-e "$f")
	done
	tshark -n -r "$file" -T fields -E separator='|' "${args[@]}" \
		2> "$tmp/tshark.err"
}

note "1. the sample's comments"
"$sample" "$tmp/s.pcapng" || fail "pcapng-sample failed"
tshark_fields "$tmp/s.pcapng" frame.number frame.interface_name \
	frame.time_epoch _ws.col.Source tcp.srcport _ws.col.Destination \
	tcp.dstport frame.comment > "$tmp/got" || fail "tshark cannot read the sample: $(cat "$tmp/tshark.err")"
sed 's/^/# tshark: /' "$tmp/got" "$tmp/tshark.err"
cat > "$tmp/want" <<'EOF'
1|lo|1764806400.000001000|127.0.0.1|40000|127.0.0.1|3459|
2|wire|1764806400.100002000|10.0.0.2|40001|10.0.0.3|3459|held
3|wire|1764806400.200003000|10.0.0.2|40001|10.0.0.3|3459|delayed 200 ms
4|wire|1764806400.300004000|10.0.0.3|3459|10.0.0.2|40001|dropped
5|wire|1764806400.400005000|10.0.0.2|40001|10.0.0.3|3459|duplicated
6|wire|1764806400.500006000|10.0.0.2|40001|10.0.0.3|3459|
7|wire|1764806400.600007000|10.0.0.2|40001|10.0.0.3|3459|wire down — unplugged
8|wire|1764806400.700008000|fd00::2|40002|fd00::3|3459|held
EOF
diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
cmp -s "$tmp/want" "$tmp/got" ||
	fail "tshark reads other packets or comments from the sample (above)"
if command -v capinfos >/dev/null; then
	capinfos "$tmp/s.pcapng" > "$tmp/capinfos" 2>&1 ||
		fail "capinfos cannot read the sample: $(cat "$tmp/capinfos")"
	sed 's/^/# capinfos: /' "$tmp/capinfos"
	grep -qE '^Capture application: +sockstage [0-9]' "$tmp/capinfos" ||
		fail "the section does not name sockstage"
	[ "$(grep -cE '^ +Name = (lo|wire)$' "$tmp/capinfos")" = 2 ] ||
		fail "not the two interfaces lo and wire"
else
	note "no capinfos: the section's application is not read"
fi

note "2. a script's --pcap file"
cat > "$tmp/run.stage" <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3459
listen srv
socket tcp as cli
connect cli 127.0.0.1:3459 => ok
accept srv as conn => ok
send cli "hello" => ok
recv conn => ok
close cli => ok
close conn => ok
EOF
timeout -k 5 60 "$SOCKSTAGE" --run "$tmp/run.stage" --sandbox \
	--pcap "$tmp/r.pcapng" > "$tmp/out" 2> "$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/err"
[ "$rc" = 0 ] || fail "the run exited with $rc"
report=$(grep -E "^sockstage: --pcap: [0-9]+ packets into '$tmp/r\.pcapng', 0 dropped by the kernel\$" \
	"$tmp/err") || fail "no report of the pcap file"
n=$(sed -E 's/^sockstage: --pcap: ([0-9]+) packets.*/\1/' <<< "$report")
tshark_fields "$tmp/r.pcapng" frame.number frame.interface_name tcp.flags.str \
	frame.comment > "$tmp/r.txt" ||
	fail "tshark cannot read the file: $(cat "$tmp/tshark.err")"
sed 's/^/# tshark: /' "$tmp/r.txt"
[ "$n" -gt 0 ] && [ "$(wc -l < "$tmp/r.txt")" = "$n" ] ||
	fail "tshark reads $(wc -l < "$tmp/r.txt") packets, sockstage says $n"
[ "$(cut -d'|' -f2 "$tmp/r.txt" | sort -u)" = lo ] ||
	fail "not every packet on interface lo"
[ -z "$(cut -d'|' -f4 "$tmp/r.txt" | tr -d '\n')" ] ||
	fail "a loopback packet with a comment"
exit 0
