#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-hardening.sh - the TUI, through tmux in a private network namespace,
# where a hostile user could once crash or freeze it:
#
#  1. ':wait SOCK STATE' on a socket that was closed: the wait is watched
#     with the screen live and gives its result (it once crashed the
#     program: the session's C export took it for a call that had run);
#     the FIN-WAIT-2 it waits for shows its timer as "fin Ns" (the kernel
#     reports it as a TIME-WAIT timer);
#  2. accept makes the 17th socket on stage (the table grows under the
#     listener's entry): the log names the right listener and new socket,
#     and the program lives on (under the sanitizers, any stale pointer
#     aborts it);
#  3. a pending connect (the listener's queue is full, the SYN waits) is
#     closed before its outcome: the log says there was none, never "= 0";
#  4. a worker stopped with SIGSTOP: a command for it is reported as
#     "does not answer: stopped?" at once, the screen stays live (help,
#     redraw, other processes), and q leaves at once with no process left;
#  5. a worker busy for 30 s (a close lingering for a peer that never
#     reads): the screen says what it waits for and is redrawn (resize,
#     Ctrl-L), and SIGINT (Ctrl-C) leaves at once.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir


tui_start 100 30 "$SOCKSTAGE"
tui_wait_for 'press \? for help'

# ---- 1. wait on a closed socket ------------------------------------------------
note "1. :wait on a socket that was closed"
tui_type_cmd ":socket tcp as l"
tui_type_cmd ":bind l 127.0.0.1:5300"
tui_type_cmd ":listen l"
tui_type_cmd ":socket tcp as c"
tui_type_cmd ":connect c 127.0.0.1:5300"
tui_wait_text "connect(s2, 127.0.0.1:5300) = 0"
tui_type_cmd ":accept l as a"
tui_wait_text "accept(s1) = s3 (a) from 127.0.0.1:"
tui_type_cmd ":close a"
tui_wait_text "close(s3) = 0"
tui_type_cmd ":wait a FIN-WAIT-2 2s"
tui_wait_for '^wait s3 FIN-WAIT-2 = FIN-WAIT-2 after [0-9]+ ms'
# the orphan's timer is labelled as such, not as a TIME-WAIT countdown
tui_wait_for ' FIN-WAIT-2 .* fin [0-9]+s '
tui_type_cmd ":wait a LISTEN 300ms"
tui_wait_text "watching the kernel for LISTEN (up to 300 ms)"
tui_wait_for '^wait s3 LISTEN = timed out'
tui_wait_text "MISMATCH: expected s3 LISTEN"
tui_type_cmd ":close c"
tui_wait_text "close(s2) = 0"

# ---- 2. accept grows the socket table -----------------------------------------------
note "2. the 17th socket on stage is an accepted one"
tui_type_cmd ":socket tcp as c2"
tui_type_cmd ":connect c2 127.0.0.1:5300"
tui_wait_text "connect(s4, 127.0.0.1:5300) = 0"
for i in $(seq 5 16); do
	tui_type_cmd ":socket udp"
	tui_wait_text "socket(AF_INET, SOCK_DGRAM, 0) = s$i"
done
tui_type_cmd ":accept l as a2"
tui_wait_text "accept(s1) = s17 (a2) from 127.0.0.1:"
tui_type_cmd ":send c2 \"hello\""
tui_type_cmd ":recv a2"
tui_wait_text 'recv(s17, 65536) = 5 "hello"'

# ---- 3. a pending connect, closed before its outcome --------------------------------
note "3. a connect still in SYN-SENT is closed"
tui_type_cmd ":socket tcp as full"
tui_type_cmd ":bind full 127.0.0.1:5400"
tui_type_cmd ":listen full 0"
tui_wait_text "listen(s18, 0) = 0"
# backlog 0 holds one connection; the next SYN is dropped: SYN-SENT
tui_type_cmd ":socket tcp as q1"
tui_type_cmd ":connect q1 127.0.0.1:5400"
tui_wait_text "connect(s19, 127.0.0.1:5400) = 0"
tui_type_cmd ":socket tcp as q2"
tui_type_cmd ":connect q2 127.0.0.1:5400"
tui_wait_text "connect(s20, 127.0.0.1:5400) = in progress (SYN-SENT)"
tui_type_cmd ":close q2"
tui_wait_text "close(s20) = 0"
tui_wait_text "connect(s20, 127.0.0.1:5400) = no outcome: s20 was closed before the handshake finished"
tui_capture
! grep -q 'connect(s20, 127.0.0.1:5400) = 0' <<< "$tui_screen_text" ||
	tui_fail_screen "a connect closed before its outcome is reported as a success"

# ---- 4. a stopped worker ----------------------------------------------------------
note "4. kill -STOP of a worker"
tui_type_cmd ":spawn w"
tui_wait_text "spawn(w) = pid "
wpid=$(tui_line 'spawn\(w\) = pid [0-9]+' | sed -E 's/.*pid ([0-9]+).*/\1/')
[ -n "$wpid" ] || tui_fail_screen "no pid for the spawned process"
tui_type_cmd ":w: socket tcp as ws"
tui_wait_text "socket(AF_INET, SOCK_STREAM, 0) = s21 (ws)"
kill -STOP "$wpid" || fail "cannot stop the worker $wpid"
at_exit kill -KILL "$wpid"
t0=$(lib_now_us)
tui_type_cmd ":w: bind ws 127.0.0.1:5500"
tui_wait_text "error: process 'w' (pid $wpid) does not answer: stopped?"
t1=$(lib_now_us)
note "reported after $(( (t1 - t0) / 1000 )) ms"
# the screen is live: a command for main works, the help opens and closes
tui_type_cmd ":socket udp as m"
tui_wait_text "socket(AF_INET, SOCK_DGRAM, 0) = s22 (m)"
tui_keys '?'
tui_wait_for 'sockstage help'
tui_keys Escape
tui_wait_gone 'sockstage help'
tui_keys C-l
tui_wait_for '^ n new '
t0=$(lib_now_us)
tui_keys q
tui_wait_exit 0 3
t1=$(lib_now_us)
note "q left in $(( (t1 - t0) / 1000 )) ms"
(( t1 - t0 < 1500000 )) || fail "q took $(( (t1 - t0) / 1000 )) ms with a stopped worker"
! kill -0 "$wpid" 2>/dev/null || fail "the stopped worker $wpid outlived the program"

# ---- 5. a worker busy in a lingering close -----------------------------------------
# close() with SO_LINGER waits for the peer to take the data, even on a
# non-blocking socket: here 30 s, the peer never reads. The screen stays
# live, says what it waits for, and q leaves at once.
note "5. a worker busy for 30 s"
tui_stop
tui_start 100 30 "$SOCKSTAGE"
tui_wait_for 'press \? for help'
tui_type_cmd ":socket tcp as l"
tui_type_cmd ":set l rcvbuf 4096"
tui_type_cmd ":bind l 127.0.0.1:5600"
tui_type_cmd ":listen l"
tui_type_cmd ":socket tcp as c"
tui_type_cmd ":connect c 127.0.0.1:5600"
tui_wait_text "connect(s2, 127.0.0.1:5600) = 0"
tui_type_cmd ":accept l as a"
tui_wait_text "accept(s1) = s3 (a)"
tui_type_cmd ":send c 4000000"
tui_wait_text "only "
tui_type_cmd ":set c linger 30"
tui_wait_text "setsockopt(s2, SO_LINGER, {on=1, 30s}) = 0"
tui_type_cmd ":close c"
tui_wait_for "waiting for process 'main' \(pid [0-9]+\) to answer \.\.\.  q quits"
# the screen is drawn: after a resize, at its new size
tui_resize 110 32
tui_wait_for "^ waiting for process 'main' \(pid [0-9]+\) to answer"
tui_capture
[ "$(wc -l <<< "$tui_screen_text")" -eq 32 ] &&
	[[ $(tail -n 1 <<< "$tui_screen_text") == " waiting for process 'main'"* ]] ||
	tui_fail_screen "not redrawn at 110x32 while waiting"
tui_keys C-l
tui_wait_for "^ waiting for process 'main'"
t0=$(lib_now_us)
ctrl_c_status=0
kill -INT "$tui_pid"	# as Ctrl-C does (not to the pane's shell)
tui_wait_exit "$ctrl_c_status" 3
t1=$(lib_now_us)
note "SIGINT left in $(( (t1 - t0) / 1000 )) ms"
(( t1 - t0 < 1500000 )) || fail "SIGINT took $(( (t1 - t0) / 1000 )) ms with a busy worker"
