#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
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

# more sockets in the way than an explanation lists: it says how many more
run_sockstage --sandbox <<EOF2
socket tcp as l
bind l 127.0.0.1:5700
listen l
$(for i in $(seq 2 21); do
	echo "socket tcp"
	echo "connect s$i 127.0.0.1:5700"
done)
socket tcp as late
bind late 127.0.0.1:5700 => EADDRINUSE
EOF2
expect_rc 0 "a bind in the way of 21 sockets"
n=$(grep -c '^  why: tcp ' <<< "$run_out")
[ "$n" -eq 16 ] || fail "the explanation lists $n rows, expected 16"
transcript_has "the rest is counted" '^  why: and 5 more sockets in the way, not listed \(the first 16 are\)$'
transcript_has "the listener first" '^  why: tcp LISTEN 127\.0\.0\.1:5700 '
