#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-wire.sh - the Wire panel and the log's transitions, through tmux in a
# private network namespace (--sandbox: its loopback is the stage's).
#   - a connect draws the handshake as a ladder: the client's column on
#     the left, [S] with an arrow to the right, [S.] back to the left,
#     the last [.] to the right, the columns titled by socket id, name
#     and address, and beside them the states each end
#     entered (SYN-SENT, SYN-RECV, ESTAB);
#   - a close by the client adds [F.] to the right (FIN-WAIT-1 on its
#     side, CLOSE-WAIT on the server's) and the server's [.] back
#     (FIN-WAIT-2); the log names each transition's segment
#     ("s2: ESTAB -> FIN-WAIT-1 (s2 sent FIN)"), and a listener's close
#     says it had none;
#   - the panel follows the selected socket: a second connection on
#     another port, selected, takes the panel; the first one, selected
#     again, comes back;
#   - T shows every segment of the ports in play, then hides the panel,
#     then brings back the ladder;
#   - run by an unprivileged user (uid 65534, no CAP_NET_RAW), the panel
#     says why there is no capture, and sockets, the kernel view and the
#     log work as ever.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

quote() { tui_quote_re "$1"; }
wait_text() { tui_wait_for "$(quote "$1")"; }

# The Wire panel's lines (its title and what is under it, up to the next
# panel), one a line.
wire_lines()
{
	awk '/^─ Wire/ { on = 1; print; next }
	     on && /^─ / { exit }
	     on { print }' <<< "$tui_screen_text"
}

# wire_has REGEX: a line of the Wire panel matches.
wire_has()
{
	tui_capture
	wire_lines | grep -Eq -- "$1"
}

wait_wire()
{
	tui_wait_cond "$(tui_scale 5)" wire_has "$1" ||
		tui_fail_screen "the Wire panel shows no line like /$1/"
}

tui_start 132 50 "$SOCKSTAGE" --sandbox
for l in "socket tcp as srv" "bind srv 127.0.0.1:3459" "listen srv" \
	 "socket tcp as cli"; do
	tui_type_cmd ":$l"
	tui_wait_log "$(quote "${l%% *}")"
done
tui_type_cmd ":connect cli 127.0.0.1:3459"
tui_wait_log 'connect\(s2, 127\.0\.0\.1:3459\) = 0'
tui_type_cmd ":accept srv as conn"
tui_wait_log 'accept\(s1\) = s3'
# the selection: the client, s2 (Up from the newest)
tui_keys Up
tui_wait_for '─ Wire: s2 cli 127\.0\.0\.1:[0-9]+ <-> s3 conn 127\.0\.0\.1:3459 \(3 segments\)'
note "the handshake, a rung a segment: the arrows and the states"
wait_wire '^ +[0-9]+\.[0-9]{3} SYN-SENT +\[S\] seq 0 win [0-9]+ len 0 -+> *$'
wait_wire '^ +[0-9]+\.[0-9]{3} ESTAB +<-+ \[S\.\] seq 0 ack 1 win [0-9]+ len 0 +SYN-RECV$'
wait_wire '^ +[0-9]+\.[0-9]{3} +\[\.\] seq 1 ack 1 win [0-9]+ len 0 -+> +ESTAB$'
wire_has '^ +s2 cli 127\.0\.0\.1:[0-9]+ +s3 conn 127\.0\.0\.1:3459$' ||
	tui_fail_screen "the ladder's columns are not titled s2 cli (left) and s3 conn (right)"
tui_wait_log "$(quote 's2: CLOSE -> SYN-SENT (s2 sent SYN)')"
tui_log_matches "$(quote 'SYN-RECV (SYN from s2)')" ||
	tui_fail_screen "the server's side: no SYN-RECV caused by s2's SYN in the log"

note "the close: [F.] to the right, the ACK back"
tui_type_cmd ":close cli"
tui_wait_log 'close\(s2\) = 0'
# the selection moved to s3 (the client is gone from the stage): the
# same connection, from its other end
tui_wait_for '─ Wire: s2 cli 127\.0\.0\.1:[0-9]+ <-> s3 conn 127\.0\.0\.1:3459 \(5 segments\)'
wait_wire '^ +[0-9]+\.[0-9]{3} FIN-WAIT-1 +\[F\.\] seq 1 ack 1 win [0-9]+ len 0 -+> +CLOSE-WAIT$'
wait_wire '^ +[0-9]+\.[0-9]{3} FIN-WAIT-2 +<-+ \[\.\] seq 1 ack 2 win [0-9]+ len 0$'
tui_wait_log "$(quote 's2: ESTAB -> FIN-WAIT-1 (s2 sent FIN)')"
tui_wait_log "$(quote 's3: ESTAB -> CLOSE-WAIT (FIN from s2)')"
tui_wait_log "$(quote 'FIN-WAIT-2 (ACK from s3)')"
# (a state these segments lead to, logged without its segment; a socket
# the stage closed may show for an instant as BOUND while the kernel
# tears it down, which no segment explains)
tui_log_matches '(SYN-SENT|SYN-RECV|ESTAB|FIN-WAIT-1|FIN-WAIT-2|CLOSE-WAIT) \(no segment\)' &&
	tui_fail_screen "a transition the segments explain is logged without one"

note "a second connection, on another port: the panel follows the selection"
for l in "socket tcp as srv2" "bind srv2 127.0.0.1:3460" "listen srv2" \
	 "socket tcp as cli2"; do
	tui_type_cmd ":$l"
	tui_wait_log "$(quote "${l%% *}")"
done
tui_type_cmd ":connect cli2 127.0.0.1:3460"
tui_wait_log 'connect\(s5, 127\.0\.0\.1:3460\) = 0'
tui_wait_for '─ Wire: s5 cli2 127\.0\.0\.1:[0-9]+ <-> s4 srv2 127\.0\.0\.1:3460 \(3 segments\)'
wire_has '\[F\.\]' && tui_fail_screen "the second connection's ladder shows the first one's FIN"
# back to the first connection: s3 is the first live socket after s1
tui_keys Home 2>/dev/null
for i in 1 2 3 4 5 6; do
	tui_capture
	tui_matches '─ Wire: s2 cli 127\.0\.0\.1:[0-9]+ <-> s3 ' && break
	tui_keys k
	tui_wait_change
done
tui_wait_for '─ Wire: s2 cli 127\.0\.0\.1:[0-9]+ <-> s3 conn 127\.0\.0\.1:3459'
wire_has '\[F\.\]' || tui_fail_screen "the first connection's ladder lost its FIN"

note "T: every segment, then hidden, then the ladder again"
tui_keys T
tui_wait_for '─ Wire: the ports in play \(8 segments\)'
wire_has '^ +[0-9]+\.[0-9]{3} s5 > s4 \[S\] seq 0 win [0-9]+ len 0  s5 SYN-SENT$' ||
	tui_fail_screen "the all-ports view lacks s5's SYN"
tui_keys T
tui_wait_gone '─ Wire'
tui_keys T
tui_wait_for '─ Wire: s[0-9]+ [a-z0-9]+ 127\.0\.0\.1:[0-9]+ <-> '

note "a listener's close: no segment"
tui_type_cmd ":close srv2"
tui_wait_log "$(quote 's4: LISTEN -> (gone) (no segment)')"
tui_keys q
tui_wait_exit
tui_stop

# ---- without CAP_NET_RAW ----------------------------------------------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	note "uid 65534 without CAP_NET_RAW: the panel says why; the rest works"
	tui_start 120 40 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SOCKSTAGE"
	tui_wait_for '─ Wire ─'
	tui_wait_for 'no capture: lo: .*(CAP_NET_RAW|not permitted)'
	tui_type_cmd ":socket tcp as a"
	tui_wait_log "$(quote 'socket(AF_INET, SOCK_STREAM, 0) = s1 (a)')"
	tui_type_cmd ":bind a 127.0.0.1:3461"
	tui_wait_log "$(quote 'bind(s1, 127.0.0.1:3461) = 0')"
	tui_type_cmd ":listen a"
	tui_wait_for 'tcp LISTEN +0 +4096 +127\.0\.0\.1:3461'
	tui_wait_log "$(quote 'the wire: no capture: lo: ')"
	tui_keys q
	tui_wait_exit
else
	note "not root or no setpriv: the run without CAP_NET_RAW is left out"
fi
exit 0
