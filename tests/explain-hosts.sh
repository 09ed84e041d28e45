#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# explain-hosts.sh - a connect between hosts that fails is explained from
# the wire and from the hosts' kernels, each by a real call, and each
# piece of advice, followed in a fresh run, works:
#   ECONNREFUSED: the host whose kernel answered with a RST (nothing
#     listens there) -> listen on that host: the connect completes;
#   EHOSTUNREACH: no host on the wire has the address (the wire answered
#     ICMP host unreachable) -> a host with that address: it completes;
#     with 'wire unknown drop' the wire says nothing: ETIMEDOUT;
#   ENETUNREACH: no route on the client's host -> a host on that subnet
#     (every host gets a route to it): it completes; bound with
#     IP_FREEBIND to an address the host does not have -> 0.0.0.0: it
#     completes;
#   'wait SOCK CLOSE' while the connect fails: the wait ends with CLOSE,
#     the error left for the next call (it ended with the error or CLOSE
#     by which it saw first);
#   ETIMEDOUT: the SYNs sent, each lost by the wire, and the sysctls
#     that set how long the kernel tries (tcp_syn_retries,
#     tcp_syn_linear_timeouts, on the client's host) -> the SYN let
#     through: ESTAB; more retries: the kernel tries longer.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir
[ -r /dev/net/tun ] || skip "no /dev/net/tun: hosts need a TUN device"

server='host b
spawn srv on b
srv: socket tcp as l
srv: bind l 10.0.0.2:80
srv: listen l
use main
socket tcp as c'

# ---- ECONNREFUSED ----------------------------------------------------------------
run_sockstage --sandbox <<EOF
$server
connect c 10.0.0.2:81 => ECONNREFUSED
EOF
[ "$run_rc" = 0 ] || fail "refused: exit $run_rc"
transcript_line "refused: the host" "  why: nothing listens on port 81 on host b: its kernel answered the SYN with a RST"
transcript_line "refused: the advice" "  try: listen on that port on that host first (spawn a process on it: spawn NAME on HOST)"
run_sockstage --sandbox <<EOF
$server
srv: socket tcp as l2
srv: bind l2 10.0.0.2:81
srv: listen l2
connect c 10.0.0.2:81 => ok
EOF
[ "$run_rc" = 0 ] || fail "refused, the advice followed: exit $run_rc"

# ---- EHOSTUNREACH --------------------------------------------------------------------
run_sockstage --sandbox <<EOF
$server
connect c 10.0.0.9:80 => EHOSTUNREACH
EOF
[ "$run_rc" = 0 ] || fail "host unreachable: exit $run_rc"
transcript_line "unreachable: why" "  why: no host on the stage's wire has 10.0.0.9: the wire answered the SYN with ICMP host unreachable, as a router does"
transcript_line "unreachable: the hosts" "  why: the hosts: local 10.0.0.1/24; b 10.0.0.2/24"
transcript_line "unreachable: the advice" "  try: connect to a host's address, or make a host with that address (host NAME ADDR/PREFIX)"
run_sockstage --sandbox <<EOF
host z 10.0.0.9
spawn zs on z
zs: socket tcp as l
zs: bind l 10.0.0.9:80
zs: listen l
use main
socket tcp as c
connect c 10.0.0.9:80 => ok
EOF
[ "$run_rc" = 0 ] || fail "host unreachable, the advice followed: exit $run_rc"

# ... or, with 'wire unknown drop', silence: the SYNs are lost, ETIMEDOUT
run_sockstage --sandbox --wire <<EOF
$server
wire unknown drop
sysctl local net.ipv4.tcp_syn_retries 1
sysctl local net.ipv4.tcp_syn_linear_timeouts 0
connect c 10.0.0.9:80
wait c ESTAB 10s => ETIMEDOUT
wire
EOF
[ "$run_rc" = 0 ] || fail "unknown address dropped: exit $run_rc"
transcript_has "unknown: the SYN lost" '^  wire: s2 10\.0\.0\.1:[0-9]+ > 10\.0\.0\.9:80 \[S\] .*\(no host has that address\)$'
transcript_line "unknown: why" "  why: the wire lost every one of them (dropped, the wire down, or no host with that address): none reached a peer"
transcript_line "unknown: the wire's state" "wire = up, unknown addresses dropped; 0 held, 0 delayed"

# ---- ENETUNREACH -----------------------------------------------------------------------
run_sockstage --sandbox <<EOF
$server
connect c 192.168.7.1:80 => ENETUNREACH
EOF
[ "$run_rc" = 0 ] || fail "net unreachable: exit $run_rc"
transcript_line "net unreachable: why" "  why: host local has no route to 192.168.7.1: its routes go to the subnets on the stage's wire only"
run_sockstage --sandbox <<EOF
host far 192.168.7.1/24
spawn fs on far
fs: socket tcp as l
fs: bind l 192.168.7.1:80
fs: listen l
use main
socket tcp as c
connect c 192.168.7.1:80 => ok
expect on far ESTAB 192.168.7.1:80
EOF
[ "$run_rc" = 0 ] || fail "net unreachable, the advice followed: exit $run_rc"
# bound with IP_FREEBIND to an address local does not have: there is a
# route, but the kernel sends from no such address
run_sockstage --sandbox <<EOF
$server
set c freebind
bind c 10.0.9.9:4000
connect c 10.0.0.2:80 => ENETUNREACH
EOF
[ "$run_rc" = 0 ] || fail "freebind: exit $run_rc"
transcript_line "freebind: why" "  why: s2 is bound to 10.0.9.9, which host local does not have (IP_FREEBIND let the bind through): the kernel sends nothing from an address its host does not have"
! grep -q 'has no route to 10\.0\.0\.2' <<< "$run_out" ||
	fail "freebind: a route is blamed, and local has one"
run_sockstage --sandbox <<EOF
$server
bind c 0.0.0.0:4000
connect c 10.0.0.2:80 => ok
EOF
[ "$run_rc" = 0 ] || fail "freebind, the advice followed: exit $run_rc"

# ---- a wait for CLOSE while a connect fails ---------------------------------------
# The state a failed connect leaves: the wait ends with it every time,
# and the connect's error stays for the program's next call. (It ended
# with the error or with CLOSE by which of the two the loop saw first:
# with eight hosts to read, the error in about two runs of three.) Four
# runs at once.
for i in 1 2 3 4; do
	{
		echo "$server"
		for h in h3 h4 h5 h6 h7 h8; do echo "host $h"; done
		printf '%s\n' 'bind c 10.0.0.1:4000' \
			'sysctl local net.ipv4.tcp_syn_retries 1' 'wire down' \
			'connect c 10.0.0.2:80 => EINPROGRESS' 'wait c CLOSE 5s' \
			'recv c => ETIMEDOUT'
	} > "$tmp/close$i.stage"
	timeout -k 5 60 "$SOCKSTAGE" --sandbox --run "$tmp/close$i.stage" \
		> "$tmp/close$i.out" 2>&1 &
done
wait
for i in 1 2 3 4; do
	sed 's/^/#   /' "$tmp/close$i.out"
	grep -q '^wait s2 CLOSE = CLOSE after [0-9]* ms$' "$tmp/close$i.out" &&
	grep -q '^recv(s2, [0-9]*) = -1 ETIMEDOUT' "$tmp/close$i.out" ||
		fail "wait for CLOSE while the connect fails, run $i: not CLOSE, then ETIMEDOUT for recv"
done

# ---- ETIMEDOUT --------------------------------------------------------------------------
timeout_run()	# RETRIES
{
	run_sockstage --sandbox <<EOF
$server
sysctl local net.ipv4.tcp_syn_retries $1
sysctl local net.ipv4.tcp_syn_linear_timeouts 0
bind c 10.0.0.1:40007
wire drop 100%
connect c 10.0.0.2:80
wait c ESTAB 30s => ETIMEDOUT
EOF
	[ "$run_rc" = 0 ] || fail "timed out ($1 retries): exit $run_rc"
}
timeout_run 1
transcript_has "timed out: the SYNs" '^  why: s2 sent its SYN to 10\.0\.0\.2:80 2 times, at 0\.0 s, 1\.0 s: once, then again each time its timer ran out$'
transcript_line "timed out: the wire" "  why: the wire lost every one of them (dropped, the wire down, or no host with that address): none reached a peer"
transcript_line "timed out: linear" "  why: net.ipv4.tcp_syn_linear_timeouts is 0 on host local: after the first timeout (1 s) the next 0 stay as long; then each timeout doubles"
transcript_line "timed out: retries" "  why: net.ipv4.tcp_syn_retries is 1 on host local: the kernel gives up with ETIMEDOUT when its timer runs out after the time that many retries with doubling timeouts take (1 + 2 = 3 s)"
transcript_line "timed out: the advice" "  try: let the SYN through (wire up, wire release, no drop), or raise tcp_syn_retries to wait longer"
ms1=$(grep -oE 'failed, [0-9]+ ms' <<< "$run_out" | grep -oE '[0-9]+')
# more retries: it tries longer (3 SYNs, 7 s)
timeout_run 2
transcript_has "two retries: three SYNs" '^  why: s2 sent its SYN to 10\.0\.0\.2:80 3 times, at 0\.0 s, 1\.0 s, 3\.0 s: '
ms2=$(grep -oE 'failed, [0-9]+ ms' <<< "$run_out" | grep -oE '[0-9]+')
[ "$ms2" -gt "$ms1" ] && [ "$ms2" -ge 6000 ] ||
	fail "tcp_syn_retries 2 did not try longer ($ms2 ms) than 1 ($ms1 ms)"
run_sockstage --sandbox <<EOF
$server
sysctl local net.ipv4.tcp_syn_retries 1
bind c 10.0.0.1:40007
connect c 10.0.0.2:80
wait c ESTAB 5s => ok
EOF
[ "$run_rc" = 0 ] || fail "timed out, the SYN let through: exit $run_rc"
note "each explanation, and its advice followed ($ms1 ms, $ms2 ms)"
exit 0
