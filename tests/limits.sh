#!/bin/bash
# limits.sh - no silent caps in batch: more than 64 ports in play are all
# in 'show' and seen by 'expect' (past 64 the kernel view is read whole and
# filtered by sockstage), and the limit on processes is said where it
# bites.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

run_sockstage <<EOF2
$(for i in $(seq 1 70); do
	echo "socket udp"
	echo "bind s$i 127.0.0.1:$((6000 + i))"
done)
show
expect UNCONN 127.0.0.1:6001
expect UNCONN 127.0.0.1:6070
EOF2
expect_rc 0 "70 ports in play"
n=$(grep -cE '^udp +UNCONN .*127\.0\.0\.1:60[0-9]{2} ' <<< "$run_out")
[ "$n" -eq 70 ] || fail "show printed $n of the 70 sockets on the ports in play"

run_sockstage <<EOF2
$(for i in $(seq 1 31); do echo "spawn p$i"; done)
spawn one-too-many
EOF2
expect_rc 2 "the 33rd process"
transcript_has "the limit is said" "error: at most 32 processes"
