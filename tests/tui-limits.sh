#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-limits.sh - no silent caps in the TUI, through tmux in a private
# network namespace:
#  - 40 connects pending at once (the listener's queue is full, their SYNs
#    wait): each is "in progress" at once and none blocks the screen (past
#    32 they once fell back to a blocking wait of 1 s each);
#  - 300 more sockets: the Sockets panel counts every one of them (it
#    once stopped at 256), and the selection reaches the last.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

# type a ':' line without waiting for it to show (fast)
fast_cmd() { tui_text ":$1"; tui_keys Enter; }

tui_start 120 80 "$SOCKSTAGE"
tui_wait_for 'press \? for help'
tui_type_cmd ":socket tcp as full"
tui_type_cmd ":bind full 127.0.0.1:5400"
tui_type_cmd ":listen full 0"
tui_wait_text "listen(s1, 0) = 0"
tui_type_cmd ":socket tcp as first"
tui_type_cmd ":connect first 127.0.0.1:5400"
tui_wait_text "connect(s2, 127.0.0.1:5400) = 0"

note "40 connects that cannot finish"
t0=$(lib_now_us)
for i in $(seq 3 42); do
	fast_cmd "socket tcp"
	fast_cmd "connect s$i 127.0.0.1:5400"
done
tui_wait_text "connect(s42, 127.0.0.1:5400) = in progress (SYN-SENT): the outcome follows" 20
t1=$(lib_now_us)
note "40 sockets and connects in $(( (t1 - t0) / 1000 )) ms"
syn_sent_40() { [ "$(ss -tanH state syn-sent | wc -l)" -eq 40 ]; }
tui_wait_cond 5 syn_sent_40 || tui_fail_screen "the kernel has not 40 connects in SYN-SENT"
tui_capture
# the last ones on screen (the selection follows the newest) are pending,
# not given up on after a blocking wait
grep -qE '^s42 .* connect: pending' <<< "$tui_screen_text" ||
	tui_fail_screen "s42's connect is not pending"
! grep -q 'EINPROGRESS' <<< "$tui_screen_text" ||
	tui_fail_screen "a connect waited (EINPROGRESS) instead of going on in the background"

note "300 more sockets"
for i in $(seq 1 300); do
	fast_cmd "socket udp"
done
tui_wait_text "socket(AF_INET, SOCK_DGRAM, 0) = s342" 60
tui_wait_for 'Sockets \(342[:)]'
# Down past the end: the selection stops at the last socket, s342
for i in $(seq 1 5); do tui_tmux send-keys -t "$tui_target" -N 80 Down; done
tui_wait_for '^s342 '
tui_keys q
tui_wait_exit 0
