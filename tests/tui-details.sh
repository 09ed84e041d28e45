#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-details.sh - the details of a kernel row, through tmux in a private
# network namespace. On stage: a listener, an established pair (the
# client sent 5 bytes), a TIME-WAIT, a CLOSE-WAIT, a UDP socket, and a
# listener of a process off stage (python3). Then:
#   - Tab focuses the kernel view: its title says which row the cursor is
#     on, the key bar offers "Enter details", the cursor row is drawn in
#     reverse; Up/Down move it;
#   - Enter on the server's ESTAB row opens the overlay: its title, the
#     ends, the state, Recv-Q 5, bytes_received 5, the stage socket and
#     its owner; and the values that do not move between two reads are
#     those `ss -tiemn` prints in the same namespace: inode, the cookie
#     (ss -e's sk:), uid, mss, advmss, pmtu, rcvmss, the congestion
#     control, wscale, rcv_space, the options;
#   - Esc closes it; the TIME-WAIT row says it has no tcp_info and names
#     its timer with the time left; the LISTEN row's sacked is its
#     backlog; the CLOSE-WAIT row's Recv-Q 1 is the peer's FIN; the UDP
#     row has no tcp_info but its memory;
#   - the off-stage listener's process is killed while its overlay is
#     open: the overlay says GONE and keeps the last values;
#   - in a lesson, with the kernel view focused, Enter opens the details
#     and does not run the next step; Space still does.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
command -v ss >/dev/null || skip "no ss(8) (Debian package iproute2) to compare with"
[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3 for a listener off stage"
in_private_netns "$@"
make_tmpdir

P=3459
quote() { tui_quote_re "$1"; }
wait_log() { tui_wait_for "$(quote "$1")" "${2:-}"; }

# The kernel view's rows on the last screen, one a line.
kernel_rows()
{
	awk '/^  P +State +Recv/ { on = 1; next }
	     on && /^[ !] (tcp|udp) / { print; next }
	     on { exit }' <<< "$tui_screen_text"
}

# The row the cursor is on, from the title ("row N,"): 1 for the first.
cursor_at()
{
	tui_line 'Kernel: .* \* row [0-9]+,' | sed -E 's/.* \* row ([0-9]+),.*/\1/'
}

# The kernel rows drawn in reverse video, as a terminal emulator (pyte)
# reads the screen's sequences (tmux starts each line of a capture from
# the default look).
reversed()
{
	tui_capture -e
	/usr/bin/python3 -c '
import sys, pyte
lines = sys.stdin.read().split("\n")
screen = pyte.Screen(200, len(lines) + 1)
pyte.Stream(screen).feed("".join("\x1b[0m" + l + "\r\n" for l in lines))
for y in range(len(lines)):
    row = screen.buffer[y]
    text = "".join(row[x].data for x in range(200)).rstrip()
    if text[2:6] in ("tcp ", "udp ") and row[10].reverse:
        print(text)
' <<< "$tui_screen_text"
}

# move_to REGEX: the cursor to the first kernel row matching REGEX.
move_to()
{
	local want at k
	tui_capture
	want=$(kernel_rows | grep -nEm1 -- "$1" | cut -d: -f1)
	[ -n "$want" ] || tui_fail_screen "no kernel row matches /$1/"
	at=$(cursor_at)
	[ -n "$at" ] || tui_fail_screen "the kernel view's title does not say where its cursor is"
	k=Down
	(( want < at )) && k=Up
	while (( at != want )); do
		tui_keys "$k"
		if [ "$k" = Down ]; then at=$((at + 1)); else at=$((at - 1)); fi
	done
	tui_wait_for "Kernel: .* \\* row $want, Enter: details"
}

# The whole overlay, every page of it, into $overlay (Home first).
read_overlay()
{
	local i last
	tui_keys Home
	tui_wait_for '^ details: '
	overlay=$tui_screen_text
	for i in $(seq 1 20); do
		tui_capture
		# the title says "rows A-B of N" while more are below
		tui_matches '^ details: .* rows [0-9]+-([0-9]+) of \1 *$' && break
		tui_matches '^ details: .* rows ' || break
		last=$tui_screen_text
		tui_keys NPage
		tui_wait_change
		overlay+=$'\n'$tui_screen_text
	done
	tui_keys Home
}

# value LABEL: the value of the overlay's field LABEL.
value()
{
	awk -v l="$1" '$1 == l && substr($0, 1, 2) == "  " { print $2; exit }' <<< "$overlay"
}

has()
{
	grep -Eq -- "$1" <<< "$overlay" ||
		{ printf '%s\n' "$overlay" | sed 's/^/#   |/'; fail "the overlay lacks /$1/"; }
}

same()	# same LABEL WANT WHAT: the field LABEL's value is WANT
{
	local got
	got=$(value "$1")
	if [ "$got" != "$2" ]; then
		printf '%s\n' "$overlay" | sed 's/^/#   |/'
		fail "$3: the overlay says '$1 ${got:-(nothing)}', expected '$2'"
	fi
	note "$1 $got, as expected"
}

# ---- the stage ----------------------------------------------------------------
/usr/bin/python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 3470))
s.listen()
print("ready", flush=True)
sys.stdin.read()
' < /dev/zero > "$tmp/py.out" 2>&1 &
py=$!
kill_at_exit "$py"
pyready() { grep -q ready "$tmp/py.out"; }
wait_for 5 pyready || fail "the python3 listener did not start: $(cat "$tmp/py.out")"

tui_start 120 50 "$SOCKSTAGE"
tui_type_cmd ":socket tcp as srv"
tui_type_cmd ":bind srv 127.0.0.1:$P"
tui_type_cmd ":listen srv"
wait_log "listen(s1, 4096) = 0"
tui_type_cmd ":socket tcp as cli"
tui_type_cmd ":connect cli 127.0.0.1:$P"
tui_type_cmd ":accept srv as conn"
wait_log "accept(s1) = s3 (conn) from 127.0.0.1:"
tui_type_cmd ":send cli \"hello\""
wait_log 'send(s2, "hello") = 5'
# a TIME-WAIT: the server's side closes first
tui_type_cmd ":socket tcp as c2"
tui_type_cmd ":connect c2 127.0.0.1:$P"
tui_type_cmd ":accept srv as a2"
wait_log "accept(s1) = s5 (a2)"
tui_type_cmd ":close a2"
tui_type_cmd ":close c2"
# a CLOSE-WAIT: the client closes, the server's side does not
tui_type_cmd ":socket tcp as c3"
tui_type_cmd ":connect c3 127.0.0.1:$P"
tui_type_cmd ":accept srv as a3"
wait_log "accept(s1) = s7 (a3)"
tui_type_cmd ":close c3"
tui_type_cmd ":socket udp as u"
tui_type_cmd ":bind u 127.0.0.1:5300"
wait_log "bind(s8, 127.0.0.1:5300) = 0"
# the port of the listener off stage comes into play
tui_type_cmd ":expect LISTEN 127.0.0.1:3470"
tui_wait_for '^[ !] tcp +TIME-WAIT .* was s5$'
tui_wait_for '^[ !] tcp +CLOSE-WAIT +1 .* s7$'
tui_wait_for '^[ !] tcp +LISTEN .*127\.0\.0\.1:3470 '
tui_wait_for '^[ !] tcp +ESTAB +5 .* s3$'
tui_capture
cport=$(kernel_rows | awk '$NF == "s3" { sub(/.*:/, "", $6); print $6; exit }')
[ -n "$cport" ] || tui_fail_screen "no port for cli in s3's row"
note "cli's port: $cport"

# ---- the cursor ---------------------------------------------------------------
tui_not_matches 'Enter details' || tui_fail_screen "'Enter details' on the bar without the focus"
for i in 1 2 3 4; do
	tui_matches 'Kernel: .*\*' && break
	tui_keys Tab
	tui_wait_change
done
tui_wait_for 'Kernel: .* \* row [0-9]+, Enter: details'
tui_wait_for '^ Enter details '
move_to ' s3$'
# the cursor's row is drawn in reverse, the others not (once the rows
# that just appeared are no longer highlighted as new: 1.2 s)
tui_capture
s3row=$(kernel_rows | grep -E ' s3$')
only_cursor() { [ "$(reversed)" = "$s3row" ]; }
tui_wait_cond "$(tui_scale 5)" only_cursor ||
	tui_fail_screen "the cursor's row is not the one in reverse video: $(reversed)"

# ---- the ESTAB row, against ss ---------------------------------------------------
tui_keys Enter
tui_wait_for "^ details: tcp ESTAB 127\\.0\\.0\\.1:$P 127\\.0\\.0\\.1:$cport"
tui_wait_for '^ live: '
read_overlay
ssline=$(ss -tiemnH state established src "127.0.0.1:$P" dst "127.0.0.1:$cport" | tr '\n\t' '  ')
note "ss: $ssline"
[ -n "$ssline" ] || fail "ss does not show the connection"
ssval() { grep -oE "(^| )$1:[^ ]+" <<< "$ssline" | head -1 | sed "s/^ *$1://"; }
same inode "$(ssval ino)" "the inode"
same cookie "$(ssval sk)" "the cookie"
same uid "$(ssval uid | grep . || echo 0)" "the uid"
same mss "$(ssval mss)" "the mss"
same advmss "$(ssval advmss)" "advmss"
same pmtu "$(ssval pmtu)" "the path MTU"
same rcv_mss "$(ssval rcvmss)" "rcvmss"
same wscale "$(ssval wscale)" "the window scales"
same rcv_space "$(ssval rcv_space)" "rcv_space"
# the congestion control: the word before wscale in ss's line
cong=$(grep -oE '[a-z0-9_]+ wscale:' <<< "$ssline" | cut -d' ' -f1)
same cong "$cong" "the congestion control"
grep -q ' ts sack ' <<< "$ssline" && has '^  options +ts sack '
same Recv-Q 5 "Recv-Q"
same bytes_received 5 "bytes received"
same state ESTAB "the state"
has '^  stage +s3 conn +the socket on stage, held by main'
has '^  owner +s3 '
has '^  timer +none '
has '^  rtt +[0-9.]+/[0-9.]+ ms '
has '^  rb +[0-9]+ '
tui_keys Escape
tui_wait_gone '^ details: '
tui_wait_for 'Kernel: .* \* row [0-9]+, Enter: details'

# ---- the TIME-WAIT, the LISTEN, the CLOSE-WAIT, the UDP rows -------------------
move_to 'TIME-WAIT .* was s5$'
tui_keys i
tui_wait_for '^ details: tcp TIME-WAIT '
read_overlay
has '^  timer +[0-9.]+s left +TIME-WAIT: the socket goes when it fires'
has '^  a TIME-WAIT \(or a FIN-WAIT-2 no process holds\) is a small stand-in'
has 'no tcp_info, no buffers, no congestion control'
has '^  owner +was s5 '
has '^  inode +0 '
tui_keys Escape
tui_wait_gone '^ details: '

move_to "LISTEN .*127\\.0\\.0\\.1:$P .* s1\$"
tui_keys Enter
tui_wait_for '^ details: tcp LISTEN '
read_overlay
has '^  sacked +4096 +for a listener: its backlog'
has '^  Send-Q +4096 '
tui_keys Escape
tui_wait_gone '^ details: '

move_to 'CLOSE-WAIT .* s7$'
tui_keys Enter
tui_wait_for '^ details: tcp CLOSE-WAIT '
read_overlay
same Recv-Q 1 "CLOSE-WAIT's Recv-Q"
has "0 bytes not read yet, plus 1 for the peer's FIN"
same bytes_received 1 "CLOSE-WAIT's bytes received: the FIN"
has '^  shutdown +--> +receiving is shut'
tui_keys Escape
tui_wait_gone '^ details: '

move_to 'udp .* s8$'
tui_keys Enter
tui_wait_for '^ details: udp UNCONN 127\.0\.0\.1:5300 '
read_overlay
has 'UDP keeps no tcp_info'
has '^  rb +[0-9]+ '
tui_keys Escape
tui_wait_gone '^ details: '

# ---- gone ---------------------------------------------------------------------------
move_to 'LISTEN .*127\.0\.0\.1:3470 '
tui_keys Enter
tui_wait_for '^ details: tcp LISTEN 127\.0\.0\.1:3470 '
tui_wait_for '^ live: '
tui_wait_for "^  owner +$py/python3 "
ino=$(tui_line '^  inode ' | awk '{ print $2 }')
kill "$py"
tui_wait_for '^ details: tcp LISTEN 127\.0\.0\.1:3470 .* GONE'
tui_wait_for '^ GONE: the kernel has no socket with this cookie any more'
tui_wait_for "^  inode +$ino "
tui_keys Escape
tui_wait_gone '^ details: '
tui_wait_gone '^[ !] tcp +LISTEN .*127\.0\.0\.1:3470 '
tui_wait_for 'tcp 127\.0\.0\.1:3470 0\.0\.0\.0:\*: LISTEN -> \(gone\)'
tui_keys q
tui_wait_exit 0
tui_stop

# ---- in a lesson, Enter on the kernel view opens the details --------------------
# (in a fresh namespace of its own: the TIME-WAITs above are not in it)
tui_start 120 50 "$SOCKSTAGE" --lesson "$top_srcdir/lessons/01-first-server.stage"
tui_wait_for 'step 0/'
tui_keys Space
tui_wait_for 'step 1/'
tui_wait_gone 'step 1/[0-9]+ running'
tui_wait_for '^[ !] tcp +LISTEN '
for i in 1 2 3 4 5; do
	tui_matches 'Kernel: .*\*' && break
	tui_keys Tab
	tui_wait_change
done
tui_wait_for 'Kernel: .* \* row 1, Enter: details'
tui_wait_for '^ Space next step  Enter details '
tui_keys Enter
tui_wait_for '^ details: tcp LISTEN 127\.0\.0\.1:3459 '
tui_keys Escape
tui_wait_gone '^ details: '
tui_wait_for 'step 1/'
tui_keys Space
tui_wait_for 'step 2/'
tui_keys q
tui_wait_exit 0
exit 0
