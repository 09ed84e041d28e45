#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# hosts.sh - hosts joined by the wire sockstage carries, and each of the
# wire's controls, checked against the kernels on both ends:
#   hold/step: a handshake one segment at a time, SYN-SENT on the client
#     and SYN-RECV on the server while the SYN+ACK is held, then ESTAB;
#   delay: every segment waits the delay (measured: 'delivered after N
#     ms' within bounds), the handshake completes;
#   drop next N FLAGS: the SYN is dropped (and only it), the kernel sends
#     it again, ESTAB; then a data segment: tcp_info's total_retrans
#     (show SOCK) counts 1, then 2; drop next 0 takes back an earlier
#     drop next that has not run out;
#   drop P% seed S: two runs of the same exchange (datagrams, one way)
#     lose the same packets;
#   a failed call of a process on a host is explained in that host (a
#     bind's EADDRNOTAVAIL lists the host's addresses);
#   dup next: a data segment delivered twice, the receiver reads it once;
#   down/up: data sent with the cable pulled is lost and sent again by
#     the kernel once it is back;
#   offloads: a transfer of 3 MB crosses in segments longer than the
#     MTU's 1448 bytes of payload (TSO: one packet on the wire, as on
#     loopback), and every byte sent is read on the other side;
#   --pcap: tcpdump reads every packet sockstage wrote, and tshark finds
#     each of the wire's marks as a packet's comment on interface "wire";
#   no process is left in the hosts' namespaces after sockstage ends
#   normally, by SIGTERM, by SIGKILL;
#   wire0's transmit queue holds 4096 packets (as root: nsenter).

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir
[ -r /dev/net/tun ] || skip "no /dev/net/tun: hosts need a TUN device"

# The server on host b, a client on local with a fixed port.
setup='host b
spawn srv on b
srv: socket tcp as l
srv: bind l 10.0.0.2:80
srv: listen l
socket tcp as c
bind c 10.0.0.1:40002'

# ---- hold and step ----------------------------------------------------------------
run_sockstage --sandbox --wire <<EOF
$setup
wire hold
connect c 10.0.0.2:80
expect SYN-SENT 10.0.0.1:40002 10.0.0.2:80
expect on b no tcp SYN-RECV 10.0.0.2:80
wire step
expect on b SYN-RECV 10.0.0.2:80 10.0.0.1:40002
expect no ESTAB 10.0.0.1:40002 10.0.0.2:80
wire step
expect ESTAB 10.0.0.1:40002 10.0.0.2:80
expect on b SYN-RECV 10.0.0.2:80 10.0.0.1:40002
wire step
expect on b ESTAB 10.0.0.2:80 10.0.0.1:40002
wire
EOF
[ "$run_rc" = 0 ] || fail "hold/step: exit $run_rc"
transcript_has "the SYN held" '^  wire: s2 10\.0\.0\.1:40002 > s1 10\.0\.0\.2:80 \[S\] .*\(held\)$'
transcript_has "the SYN delivered" '^  wire: s2 .* \[S\] .*\(delivered after [0-9]+ ms\)$'
transcript_has "the SYN+ACK held" '^  held 1: s1 10\.0\.0\.2:80 > s2 10\.0\.0\.1:40002 \[S\.\] seq 0 ack 1 '
transcript_line "the client" "  s2: SYN-SENT -> ESTAB (SYN+ACK from s1)"
transcript_has "nothing left held" "^wire = held; 0 held, 0 delayed$"
[ "$(grep -c '\[S\] .*(held)' <<< "$run_out")" = 1 ] ||
	fail "hold/step: the SYN was sent more than once"

# the wire held after the client's SYN: SYN-RECV on the server, SYN-SENT on
# the client; a step of two (the SYN+ACK, then the ACK): both ESTAB
run_sockstage --sandbox <<EOF
$setup
wire hold
connect c 10.0.0.2:80
wire step
expect on b SYN-RECV 10.0.0.2:80 10.0.0.1:40002
expect on local SYN-SENT 10.0.0.1:40002 10.0.0.2:80
wire step 2
expect on b ESTAB 10.0.0.2:80 10.0.0.1:40002
expect on local ESTAB 10.0.0.1:40002 10.0.0.2:80
EOF
[ "$run_rc" = 0 ] || fail "held after the SYN, then a step of two: exit $run_rc"
transcript_line "two through" "wire step 2 = 2 through"

# ---- delay ----------------------------------------------------------------------------
run_sockstage --sandbox --wire <<EOF
$setup
wire delay 150ms
connect c 10.0.0.2:80 => ok
expect on b ESTAB 10.0.0.2:80 10.0.0.1:40002
EOF
[ "$run_rc" = 0 ] || fail "delay: exit $run_rc"
n=0
while read -r ms; do
	n=$((n + 1))
	[ "$ms" -ge 150 ] && [ "$ms" -lt 1000 ] ||
		fail "delay: a segment waited $ms ms, not 150 ms or a little more"
done < <(grep -oE 'delivered after [0-9]+ ms' <<< "$run_out" | grep -oE '[0-9]+')
[ "$n" -ge 3 ] || fail "delay: $n delayed segments delivered, not the handshake's 3"
note "delay: $n segments, each 150-1000 ms"

# ---- drop next N FLAGS ------------------------------------------------------------------
run_sockstage --sandbox --wire <<EOF
$setup
wire drop next 1 SYN
connect c 10.0.0.2:80
wait c ESTAB 5s
show c
wire drop next 1 PSH
send c "again"
srv: accept l as a
srv: recv a => ok
show c
EOF
[ "$run_rc" = 0 ] || fail "drop next: exit $run_rc"
transcript_has "the SYN dropped" '^  wire: s2 .* \[S\] seq 0 .*\(dropped\)$'
[ "$(grep -c '\[S\] .*(dropped)' <<< "$run_out")" = 1 ] &&
	[ "$(grep -c '(dropped)' <<< "$run_out")" = 2 ] ||
	fail "drop next 1 SYN, then 1 PSH: not one SYN and one data segment dropped"
transcript_has "ESTAB after the retransmission" '^wait s2 ESTAB = ESTAB after [0-9]+ ms$'
ms=$(grep -oE 'ESTAB after [0-9]+ ms' <<< "$run_out" | grep -oE '[0-9]+')
[ "$ms" -ge 500 ] || fail "drop next: ESTAB after $ms ms: no retransmission waited"
# tcp_info's count: the SYN sent again, then the data too
tr=$(grep -oE '^  total_retrans +[0-9]+' <<< "$run_out" | grep -oE '[0-9]+$' | tr '\n' ' ')
[ "$tr" = "1 2 " ] || fail "drop next: tcp_info's total_retrans went '$tr', not '1 2'"
transcript_has "the data dropped once" '^  wire: s2 .* \[P\.\] seq 1 ack 1 .* len 5 .*\(dropped\)$'
transcript_has "read after its retransmission" '^recv\(s3, .*\) = 5 "again"$'

# drop next 0 takes back what is left of an earlier drop next: nothing
# is dropped, the connect is made at once
run_sockstage --sandbox --wire <<EOF
$setup
wire drop next 3 SYN
wire drop next 0
connect c 10.0.0.2:80 => ok
EOF
[ "$run_rc" = 0 ] || fail "drop next 0: exit $run_rc"
transcript_line "drop next 0" "wire drop next 0 = up; 0 held, 0 delayed"
! grep -q '(dropped)' <<< "$run_out" || fail "drop next 0: a segment was dropped"

# ---- a failed call is explained where it ran ------------------------------------------
# A bind of an address host b does not have: the explanation lists b's
# addresses, not those of the stage's own namespace (local, 10.0.0.1).
run_sockstage --sandbox <<EOF
$setup
srv: socket tcp as x
srv: bind x 10.0.0.1:81 => EADDRNOTAVAIL
EOF
[ "$run_rc" = 0 ] || fail "explained on b: exit $run_rc"
transcript_has "b's addresses" '^  why: 10\.0\.0\.1 is not an address of this host .*: 127\.0\.0\.1/8 \(lo\), 10\.0\.0\.2/24 \(wire0\)'

# ---- drop P% seed S: the same segments lost in two runs --------------------------------
# Datagrams of 1 to 24 bytes, one way: no retransmission or ACK whose
# timing could change which packet comes when; each is known by its length.
share='srv: socket udp as r
srv: bind r 10.0.0.2:5000
socket udp as u
bind u 10.0.0.1:5001
wire drop 30% seed 7'
for n in $(seq 24); do
	share="$share
sendto u 10.0.0.2:5000 $n"
done
lost=()
for i in 1 2; do
	run_sockstage --sandbox --wire <<EOF
$setup
$share
EOF
	[ "$run_rc" = 0 ] || fail "drop 30%: exit $run_rc"
	lost[$i]=$(grep -E '^  wire: .* udp len [0-9]+ \(dropped\)$' <<< "$run_out" |
		   grep -oE 'len [0-9]+' | tr '\n' ' ')
	[ -n "${lost[$i]}" ] || fail "drop 30%: nothing was dropped in run $i"
done
[ "${lost[1]}" = "${lost[2]}" ] ||
	fail "drop 30% seed 7: two runs lost different datagrams: ${lost[1]} // ${lost[2]}"
n=$(wc -w <<< "${lost[1]}")
[ "$n" -ge 2 ] && [ "$n" -le 14 ] || fail "drop 30% of 24: $n lost (${lost[1]})"
note "drop 30% seed 7: the same datagrams lost in both runs: ${lost[1]}"

# ---- dup next ---------------------------------------------------------------------------
run_sockstage --sandbox --wire <<EOF
$setup
connect c 10.0.0.2:80 => ok
srv: accept l as a
wire dup next
send c "hello"
srv: recv a => ok
srv: recv a => EAGAIN
EOF
[ "$run_rc" = 0 ] || fail "dup: exit $run_rc"
transcript_has "the data duplicated" '^  wire: s2 .* \[P\.\] seq 1 ack 1 .* len 5 .*\(duplicated\)$'
transcript_has "read once" '^recv\(s3, .*\) = 5 "hello"$'

# ---- down and up -------------------------------------------------------------------------
run_sockstage --sandbox --wire <<EOF
$setup
connect c 10.0.0.2:80 => ok
srv: accept l as a
wire down
send c "lost"
srv: recv a => EAGAIN
wire up
srv: recv a 10 => ok
EOF
[ "$run_rc" = 0 ] || fail "down/up: exit $run_rc"
transcript_has "lost while down" '^  wire: s2 .* len 4 .*\(lost: the wire is down\)$'
transcript_has "sent again and read" '^recv\(s3, .*\) = 4 "lost"$'

# ---- offloads: segments of up to 64 KiB, every byte read ------------------------------
bulk="$setup
connect c 10.0.0.2:80 => ok
srv: accept l as a"
# 60,000 bytes at a time, each read by one recv of up to 65,536 (one that
# finds nothing waits 1 s): what is late is read later, and at the end
for _ in $(seq 50); do
	bulk="$bulk
send c 60000
srv: recv a 65536"
done
for _ in 1 2 3; do
	bulk="$bulk
srv: recv a 65536"
done
run_sockstage --sandbox --wire <<EOF
$bulk
EOF
[ "$run_rc" = 0 ] || fail "offloads: exit $run_rc"
# the longest data segment from the client, as the wire carried it
longest=$(grep -E '^  wire: s2 10\.0\.0\.1:40002 > s3 10\.0\.0\.2:80 \[P?\.\] ' <<< "$run_out" |
	  grep -oE ' len [0-9]+' | awk '$2 > n { n = $2 } END { print n + 0 }')
[ "$longest" -gt 1448 ] ||
	fail "offloads: no segment on the wire longer than 1448 bytes (the longest: $longest): no TSO"
sent=$(grep -oE '^send\(s2, 60000 bytes\) = [0-9]+' <<< "$run_out" |
       awk '{ n += $NF } END { print n + 0 }')
got=$(grep -oE '^recv\(s3, 65536\) = [0-9]+ "x' <<< "$run_out" |
      awk '{ n += $(NF - 1) } END { print n + 0 }')
[ "$sent" -ge 1000000 ] && [ "$got" = "$sent" ] ||
	fail "offloads: $sent bytes sent, $got read"
note "offloads: $sent bytes sent and read, segments of up to $longest bytes on the wire"

# ---- the pcap file: every packet on the wire, marked -------------------------------------
run_sockstage --sandbox --pcap "$tmp/wire.pcap" <<EOF
$setup
wire hold
connect c 10.0.0.2:80
wire release
wait c ESTAB 2s
srv: accept l as a
wire dup next
send c "twice"
srv: recv a => ok
wire drop next 1 PSH
send c "lost"
srv: recv a => ok
wire delay 100ms
send c "slow"
srv: recv a => ok
wire delay 0ms
wait 300ms
wire down
send c "down"
wire up
srv: recv a => ok
EOF
[ "$run_rc" = 0 ] || fail "--pcap: exit $run_rc"
n=$(grep -oE -- '--pcap: [0-9]+ packets' <<< "$run_err" | grep -oE '[0-9]+')
read_n=$(tcpdump -nr "$tmp/wire.pcap" 2>/dev/null | wc -l)
[ -n "$n" ] && [ "$n" = "$read_n" ] ||
	fail "--pcap: sockstage wrote '$n' packets, tcpdump reads $read_n"
if command -v tshark >/dev/null; then
	comments=$(tshark -r "$tmp/wire.pcap" -T fields -e frame.interface_name \
		   -e frame.comment 2>/dev/null | sort | uniq -c)
	printf '%s\n' "$comments"
	for want in "wire	held" "wire	delivered after [0-9]+ ms" \
		    "wire	duplicated" "wire	dropped" "wire	delayed 100 ms" \
		    "wire	lost: the wire is down"; do
		grep -Eq "^ +[0-9]+ $want\$" <<< "$comments" ||
			fail "--pcap: no packet on 'wire' commented '$want'"
	done
	note "--pcap: $n packets, each of the wire's marks in its comments"
else
	note "no tshark: the comments in the pcap file are not read here ($n packets)"
fi

# ---- IPv6 between hosts that have IPv6 addresses ---------------------------------------
run_sockstage --sandbox --wire <<EOF
host b 10.0.0.2/24 fd00::2/64
host c 10.0.0.3 fd00::3/64
spawn s on b
s: socket tcp 6 as l
s: bind l [fd00::2]:80
s: listen l
spawn k on c
k: socket tcp 6 as d
k: bind d [fd00::3]:40009
k: connect d [fd00::2]:80 => ok
expect on b ESTAB [fd00::2]:80 [fd00::3]:40009
EOF
[ "$run_rc" = 0 ] || fail "IPv6 between hosts: exit $run_rc"
transcript_has "IPv6 on the wire" '^  wire: s2 \[fd00::3\]:40009 > s1 \[fd00::2\]:80 \[S\] '

# ---- refusals, each with its reason ------------------------------------------------------
run_sockstage <<EOF
host b
EOF
[ "$run_rc" = 2 ] || fail "host without a sandbox: exit $run_rc, not 2"
transcript_has "host refused outside a sandbox" \
	"error: hosts are network namespaces of a sandbox: run with --sandbox \(or a lesson\)"
run_sockstage --sandbox <<EOF
wire hold
host local
host b
host b
spawn p on nowhere
host c 10.0.0.2
EOF
transcript_has "wire before hosts" "error: there is no wire yet: it joins hosts \('host NAME' makes one\)"
transcript_has "local is taken" "error: there is a host 'local' already"
transcript_has "a second b" "error: there is a host 'b' already"
transcript_has "an unknown host" "error: unknown host 'nowhere'"
transcript_has "an address taken" "error: 10\.0\.0\.2/24 is b's address"
rm -f "$tmp/x.c"
run_sockstage --sandbox --export-c "$tmp/x.c" <<EOF
host b
socket tcp
EOF
[ "$run_rc" = 2 ] && [ ! -e "$tmp/x.c" ] ||
	fail "--export-c with hosts: exit $run_rc, or a file was written"
grep -q "sockstage: --export-c: '.*x.c': line 1 (host) needs hosts: a C program runs in one network namespace" <<< "$run_err" ||
	fail "--export-c with hosts: no reason given: $run_err"
# Unprivileged: a user namespace of its own, and /dev/net/tun as this
# machine has it (0600: not for uid 65534; 0666 as Debian ships it: yes)
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
if command -v setpriv >/dev/null && "${as_nobody[@]}" test -x "$SOCKSTAGE" 2>/dev/null; then
	run_out=$(printf 'host b\n' | "${as_nobody[@]}" "$SOCKSTAGE" --sandbox --run - 2>&1)
	run_rc=$?
	printf '%s\n' "$run_out"
	if "${as_nobody[@]}" test -r /dev/net/tun -a -w /dev/net/tun; then
		[ "$run_rc" = 0 ] && grep -q '^host(b) = 10\.0\.0\.2/24$' <<< "$run_out" ||
			fail "nobody, /dev/net/tun open to all: exit $run_rc: $run_out"
		note "unprivileged: hosts work (/dev/net/tun is open to all)"
	elif [ "$run_rc" = 0 ] && grep -q '^host(b) = -1 EACCES' <<< "$run_out"; then
		grep -q "cannot open /dev/net/tun: Permission denied (hosts need a /dev/net/tun this user may open: run as root, or make it mode 0666 as Debian ships it)" <<< "$run_out" ||
			fail "nobody: no clear reason: $run_out"
		note "unprivileged: refused with the reason (/dev/net/tun is $(stat -c %a /dev/net/tun))"
	else
		note "nobody: --sandbox refused here (exit $run_rc): not tested"
	fi
else
	note "not real root or no setpriv: the unprivileged run is left out"
fi

# ---- nothing left behind --------------------------------------------------------------------
# The namespaces of the stage's processes while it runs; none has a
# process after it ends.
left_in()	# NS...
{
	local p ns want
	for p in /proc/[0-9]*; do
		ns=$(readlink "$p/ns/net" 2>/dev/null) || continue
		for want in "$@"; do
			[ "$ns" = "$want" ] && echo "${p#/proc/}"
		done
	done
}
two_hosts()	# PID
{
	[ "$(for c in $(pgrep -P "$1"); do readlink "/proc/$c/ns/net"; done |
	     sort -u | wc -l)" -ge 2 ]
}
# shellcheck disable=SC2086
none_left() { [ -z "$(left_in $nss)" ]; }
for how in normal TERM KILL; do
	printf '%s\nsrv: socket udp\nwait 2s\n' "$setup" > "$tmp/left.stage"
	"$SOCKSTAGE" --sandbox --run "$tmp/left.stage" > "$tmp/left.out" 2>&1 &
	pid=$!
	wait_for 10 two_hosts "$pid" || fail "$how: no worker on host b"
	nss=$(for c in $(pgrep -P "$pid"); do readlink "/proc/$c/ns/net"; done | sort -u)
	if [ "$how" = normal ]; then
		# wire0's transmit queue (where nsenter may enter: as root)
		n=0
		for c in "$pid" $(pgrep -P "$pid"); do
			q=$(nsenter -t "$c" -n ip link show wire0 2>/dev/null |
			    sed -n 's/.* qlen \([0-9]*\).*/\1/p')
			[ -z "$q" ] && continue
			[ "$q" = 4096 ] || fail "wire0 of pid $c: a queue of $q packets, not 4096"
			n=$((n + 1))
		done
		note "wire0's queue: 4096 packets ($n processes' devices looked at)"
	fi
	case $how in
	TERM) kill -TERM "$pid" ;;
	KILL) kill -KILL "$pid" ;;
	esac
	wait "$pid"
	wait_for 10 none_left ||
		fail "$how: processes left in the hosts' namespaces: $(left_in $nss)"
done
note "nothing left after a normal end, SIGTERM, SIGKILL"
exit 0
