#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# hosts.sh - hosts joined by the wire sockstage carries, and each of the
# wire's controls, checked against the kernels on both ends:
#   hold/step: a handshake one segment at a time, SYN-SENT on the client
#     and SYN-RECV on the server while the SYN+ACK is held, then ESTAB;
#   delay: every segment waits the delay (measured: 'delivered after N
#     ms' within bounds), the handshake completes;
#   drop next N FLAGS: the SYN is dropped (and only it), the kernel sends
#     it again (the kernel's retrans count in the timer column), ESTAB;
#   drop P% seed S: two runs of the same exchange lose the same segments;
#   dup next: a data segment delivered twice, the receiver reads it once;
#   down/up: data sent with the cable pulled is lost and sent again by
#     the kernel once it is back;
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
EOF
[ "$run_rc" = 0 ] || fail "drop next: exit $run_rc"
transcript_has "the SYN dropped" '^  wire: s2 .* \[S\] seq 0 .*\(dropped\)$'
[ "$(grep -c '(dropped)' <<< "$run_out")" = 1 ] || fail "drop next 1: not one drop"
transcript_has "ESTAB after the retransmission" '^wait s2 ESTAB = ESTAB after [0-9]+ ms$'
ms=$(grep -oE 'ESTAB after [0-9]+ ms' <<< "$run_out" | grep -oE '[0-9]+')
[ "$ms" -ge 500 ] || fail "drop next: ESTAB after $ms ms: no retransmission waited"

# ---- drop P% seed S: the same segments lost in two runs --------------------------------
share='wire drop 30% seed 7
connect c 10.0.0.2:80
wait c ESTAB 10s
send c 3000
srv: accept l as a
srv: recv a 3000
close c
srv: close a'
lost=()
for i in 1 2; do
	run_sockstage --sandbox --wire <<EOF
$setup
$share
EOF
	lost[$i]=$(grep '(dropped)' <<< "$run_out" |
		   sed -E 's/ \(dropped\)$//; s/ win [0-9]+//; s/ <[^>]*>//' | head -3)
	[ -n "${lost[$i]}" ] || fail "drop 30%: nothing was dropped in run $i"
done
[ "${lost[1]}" = "${lost[2]}" ] ||
	fail "drop 30% seed 7: two runs lost different segments: ${lost[1]} // ${lost[2]}"
note "drop 30% seed 7: the same segments lost twice"

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
