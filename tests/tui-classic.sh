#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-classic.sh - the classic demo with single keys and their prompts'
# defaults (Enter), at 80x24, through tmux, each run in a --sandbox of its
# own (127.0.0.1:3459, the default address, is fresh there):
#
#  1. n b l n c a x x x n b: a accepts on the listener (accept(s1), not
#     the client the c just selected); the three x close the accepted
#     connection, the client, then the listener, in that order (after a
#     close its neighbour is selected); the new socket's bind fails with
#     EADDRINUSE against the TIME-WAIT the connection left, and the log's
#     conclusion is the advice, whole at 80 columns (wrapped, nothing cut
#     with '~'): the listener did not set SO_REUSEADDR, so no option on
#     the new socket helps. The kernel agrees: with SO_REUSEADDR, then
#     SO_REUSEPORT as well, the bind still fails. A socket key's prompt
#     takes another socket: x, "s4", closes s4 while s5 is selected;
#  2. the same with r on the listener first: now the conclusion is
#     SO_REUSEADDR alone (not the later probe with both options), and the
#     kernel agrees: r, b and the bind works while the TIME-WAIT is there.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

P=3459
LP="127\\.0\\.0\\.1:$P"
EPH='127\.0\.0\.1:[0-9]+'
TIMER='(-|([a-z]+ )?[0-9]+s)'
krow()	# STATE LOCAL PEER OWNER (regexes) -> a kernel row, marked or not
{
	printf '^[ !] tcp +%s +[0-9]+ +[0-9]+ +%s +%s +%s +%s$' "$1" "$2" "$3" "$TIMER" "$4"
}
quote() { tui_quote_re "$1"; }
wait_log() { tui_wait_for "$(quote "$1")" "${2:-}"; }

# key_prompt KEY LABEL_REGEX: press KEY, see its prompt, accept the default
key_prompt()
{
	tui_keys "$1"
	tui_wait_for "$2"
	tui_keys Enter
	tui_wait_gone "$2"
}

# no_cut: no row of the log ends in '~' (a line cut to the width)
no_cut()
{
	tui_capture
	if tui_log | grep -q '~$'; then
		tui_fail_screen "a log line is cut with '~'"
	fi
}

# classic [r]: n [r] b l n c a x x x n b, up to the failed bind
classic()
{
	key_prompt n '^socket .*: tcp$'				# s1
	wait_log "socket(AF_INET, SOCK_STREAM, 0) = s1"
	if [ "${1:-}" = r ]; then
		tui_keys r
		wait_log "setsockopt(s1, SO_REUSEADDR, 1) = 0"
	fi
	key_prompt b '^bind s1 .*: 127\.0\.0\.1:3459$'
	wait_log "bind(s1, 127.0.0.1:$P) = 0"
	key_prompt l '^listen s1 '
	wait_log "listen(s1, 4096) = 0"
	key_prompt n '^socket .*: tcp$'				# s2
	wait_log "socket(AF_INET, SOCK_STREAM, 0) = s2"
	key_prompt c "^connect s2 .*: $LP\$"
	wait_log "connect(s2, 127.0.0.1:$P) = 0"
	tui_wait_for "$(krow LISTEN "$LP" '0\.0\.0\.0:\*' s1)"
	# a, right after c (s2 selected): the listener with the connection
	key_prompt a '^accept s1 as NAME'			# s3
	tui_wait_for "$(quote "accept(s1) = s3 from 127.0.0.1:")"
	tui_wait_for "$(krow ESTAB "$LP" "$EPH" s3)"
	# x x x: the newest first
	key_prompt x '^close s3 '
	wait_log "close(s3) = 0"
	key_prompt x '^close s2 '
	wait_log "close(s2) = 0"
	key_prompt x '^close s1 '
	wait_log "close(s1) = 0"
	tui_wait_for "$(krow TIME-WAIT "$LP" "$EPH" 'was s3')"
	key_prompt n '^socket .*: tcp$'				# s4
	wait_log "socket(AF_INET, SOCK_STREAM, 0) = s4"
	key_prompt b '^bind s4 .*: 127\.0\.0\.1:3459$'
	wait_log "bind(s4, 127.0.0.1:$P) = -1 EADDRINUSE (Address already in use)"
}

# ---- 1. the listener without SO_REUSEADDR -----------------------------------------
note "1. n b l n c a x x x n b (80x24)"
tui_start 80 24 "$SOCKSTAGE" --sandbox
tui_wait_for '^ ?sockstage .*sandbox'
tui_wait_for 'Sockets'
classic
# the conclusion, whole: it names the TIME-WAIT, where it came from, the
# fix on the listener, and how long to wait; it ends in the hint
tui_wait_log "^  try: no option on s4 helps: the TIME-WAIT on $LP came from s3, which did not set SO_REUSEADDR; set it on its listener s1 too, in both runs \\(SO_REUSEPORT on both works too\\), or wait [0-9]+s \\(y: why\\)\$"
no_cut
# the kernel agrees: no option on s4 helps
tui_keys r
wait_log "setsockopt(s4, SO_REUSEADDR, 1) = 0"
key_prompt b '^bind s4 .*: 127\.0\.0\.1:3459$'
tui_wait_for "^  try: no option on s4 helps"
tui_keys p
wait_log "setsockopt(s4, SO_REUSEPORT, 1) = 0"
key_prompt b '^bind s4 .*: 127\.0\.0\.1:3459$'
wait_log "bind(s4, 127.0.0.1:$P) = -1 EADDRINUSE (Address already in use)"
tui_wait_log '^  try: no option on s4 helps: .* \(y: why\)$'
no_cut
# a socket key's prompt takes another socket: close s4 while s5 is selected
key_prompt n '^socket .*: tcp$'				# s5
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s5"
tui_keys x
tui_wait_for '^close s5 '
tui_text "s4"
tui_keys Enter
wait_log "close(s4) = 0"
tui_wait_for '^s5 +main +tcp4 '
tui_keys F10
tui_wait_exit 0
tui_stop

# ---- 2. the listener with SO_REUSEADDR: SO_REUSEADDR alone is the fix ------------
note "2. n r b l n c a x x x n b (80x24)"
tui_start 80 24 "$SOCKSTAGE" --sandbox
tui_wait_for '^ ?sockstage .*sandbox'
tui_wait_for 'Sockets'
classic r
tui_wait_log '^  try: set SO_REUSEADDR on s4 before bind \(tried: it works\) \(y: why\)$'
tui_capture
if tui_log | grep -q 'try: s4 with SO_REUSEADDR and SO_REUSEPORT'; then
	tui_fail_screen "the log shows a probe instead of the conclusion"
fi
no_cut
# the kernel agrees: with SO_REUSEADDR alone the bind works
tui_keys r
wait_log "setsockopt(s4, SO_REUSEADDR, 1) = 0"
key_prompt b '^bind s4 .*: 127\.0\.0\.1:3459$'
wait_log "bind(s4, 127.0.0.1:$P) = 0"
tui_wait_for "$(krow TIME-WAIT "$LP" "$EPH" 'was s3')"
tui_keys F10
tui_wait_exit 0
tui_stop
