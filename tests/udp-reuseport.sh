#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# udp-reuseport.sh - LINUX-FACTS.md (d), the statistical part: UDP sockets
# sharing a port with SO_REUSEPORT. The kernel picks the socket for a
# datagram by a hash of its 4-tuple (source and destination address and
# port), so
#   1. the datagrams of ONE sender (one 4-tuple) all reach the SAME socket;
#   2. datagrams from many senders are spread over the sockets.
# (The deterministic part of (d), SO_REUSEADDR sharing, is
# tests/behaviour/udp-sharing.stage.)
#
# Four sockets r1..r4 with SO_REUSEPORT share 127.0.0.1:P. The script is
# fed to "sockstage --run -" as a here-doc; the checks parse its transcript.
#
# 1. One sender (127.0.0.1:5100) sends 50 datagrams to port 5000. Then each
#    of r1..r4 is asked for one datagram: exactly one returns data, the
#    other three report EAGAIN after waiting 1 s (so nothing reached them:
#    every datagram was sent before). The kernel view then shows a non-empty
#    receive queue (Recv-Q) on that one socket only: the other 49 are
#    there, none elsewhere. This is not statistical: a 4-tuple has one hash.
# 2. 100 senders bound to the distinct fixed ports 127.0.0.1:5201..5300
#    send one datagram each to port 5001. Each of r1..r4 must receive at
#    least one. If the hash spreads the 100 4-tuples like a random choice
#    among 4 sockets (its secret is random per boot), the chance that some
#    socket gets none is at most 4 * (3/4)^100 ~ 1.3e-12: a failure means
#    the spreading is broken, not bad luck.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# run_stdin: like run_sockstage, but through "--run -" (standard input).
run_stdin()
{
	cat > "$tmp/script.stage" || fail "cannot write the script"
	timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-120}" \
		"$SOCKSTAGE" --run - < "$tmp/script.stage" \
		> "$tmp/out" 2> "$tmp/err"
	run_rc=$?
	run_out=$(cat "$tmp/out")
	run_err=$(cat "$tmp/err")
	note "sockstage --run - <<EOF"
	sed 's/^/#   /' "$tmp/script.stage"
	note "exit $run_rc; transcript:"
	printf '%s\n' "$run_out"
	[ -z "$run_err" ] || { note "stderr:"; printf '%s\n' "$run_err"; }
	[ "$run_rc" -ne 124 ] || fail "sockstage did not finish in time"
}

# receivers PORT: four SO_REUSEPORT sockets named r1..r4 (with a suffix)
receivers()
{
	local port=$1 sfx=$2 i
	for i in 1 2 3 4; do
		printf 'socket udp as r%s%s => ok\n' "$i" "$sfx"
		printf 'set r%s%s reuseport => ok\n' "$i" "$sfx"
		printf 'bind r%s%s 127.0.0.1:%s => ok\n' "$i" "$sfx" "$port"
	done
}

# sock_id NAME: the sN id the transcript gave the socket named NAME
sock_id()
{
	sed -n "s/^socket(.*) = \(s[0-9]*\) ($1)\$/\1/p" <<< "$run_out"
}

# recv_result ID: the result of the (one) "recv(ID, ...)" in the transcript
recv_results()
{
	sed -n "s/^recv($1, [0-9]*) = //p" <<< "$run_out"
}

run_stdin <<EOF
# 1. one sender: every datagram to the same socket
$(receivers 5000 a)
socket udp as tx => ok
bind tx 127.0.0.1:5100 => ok
$(for i in $(seq 1 50); do printf 'sendto tx 127.0.0.1:5000 "d%s" => ok\n' "$i"; done)
recv r1a
recv r2a
recv r3a
recv r4a
show

# 2. 100 senders on distinct ports: spread over all four sockets
$(receivers 5001 b)
$(for i in $(seq 1 100); do
	printf 'socket udp as tx%s => ok\n' "$i"
	printf 'bind tx%s 127.0.0.1:%s => ok\n' "$i" $((5200 + i))
	printf 'sendto tx%s 127.0.0.1:5001 "from sender %s" => ok\n' "$i" "$i"
done)
recv r1b => ok
recv r2b => ok
recv r3b => ok
recv r4b => ok
show
EOF
expect_no_crash
expect_rc 0 "the script's own expectations (setup, and part 2)"

# ---- part 1 ----------------------------------------------------------------
got=0
receiver=
for i in 1 2 3 4; do
	id=$(sock_id "r${i}a")
	[ -n "$id" ] || fail "no socket id for r${i}a in the transcript"
	r=$(recv_results "$id")
	if [[ $r =~ ^[0-9]+\ \"d[0-9]+\"\ from\ 127\.0\.0\.1:5100$ ]]; then
		got=$((got + 1))
		receiver=$id
	elif [[ $r != "-1 EAGAIN "* ]]; then
		fail "part 1: unexpected recv result for r${i}a ($id): '$r'"
	fi
done
[ "$got" -eq 1 ] ||
	fail "part 1: $got of the 4 sockets received from the one sender, expected exactly 1"
note "part 1: all datagrams of 127.0.0.1:5100 went to $receiver"

# The kernel view (the first show): Recv-Q of the four sockets on port
# 5000. Only the receiver has something queued (the other 49 datagrams).
rows=$(awk '/^> show$/ { n++ } n == 1 && $1 == "udp" && $5 == "127.0.0.1:5000"' \
	<<< "$run_out")
[ "$(grep -c . <<< "$rows")" -eq 4 ] ||
	fail "part 1: the kernel view does not show 4 sockets on 127.0.0.1:5000"
busy=$(awk '$3 > 0 { print $NF }' <<< "$rows")
[ "$busy" = "$receiver" ] ||
	fail "part 1: sockets with a non-empty Recv-Q: '$(echo $busy)', expected only $receiver"

# ---- part 2 ----------------------------------------------------------------
senders=()
for i in 1 2 3 4; do
	id=$(sock_id "r${i}b")
	r=$(recv_results "$id")
	[[ $r == *' "from sender '*'" from 127.0.0.1:'* ]] ||
		fail "part 2: r${i}b ($id) received nothing: '$r'"
	senders+=("${r##*:}")
done
note "part 2: the four sockets each received, from ports ${senders[*]}"
rows=$(awk '/^> show$/ { n++ } n == 2 && $1 == "udp" && $5 == "127.0.0.1:5001"' \
	<<< "$run_out")
note "part 2: Recv-Q (bytes, about 830 per datagram) left on the four: " \
	$(awk '{ print $NF "=" $3 }' <<< "$rows")

exit 0
