#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-more.sh - a panel that holds more than it shows says so, and never
# scrolls into emptiness. Lesson 04 at 80x24, at its last step (7 kernel
# rows, 6 processes, 7 sockets), then six UDP sockets more on ports of
# their own (13 kernel rows):
#   - the kernel view's last row says "+N more below"; focused (Tab) and
#     sent to its end, it shows its last rows, its title says how many
#     are above, and no "more below" is left; it does not scroll past its
#     last row (the panel stays full);
#   - Processes says "+N more", or names them all on one line; Sockets
#     says how many are above and below;
#   - with one process, the Processes panel is a single line;
#   - the header lists the ports in play that fit, whole, then "+N";
#   - a help line cut at the screen's edge ends with '>'.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

tui_start 80 24 "$SOCKSTAGE"
tui_wait_for 'Process: main \(pid [0-9]+, uid [0-9]+\) holds - '
# many ports in play: the header lists those that fit, whole, then +N
for p in 1 2 3 4 5 6; do
	tui_type_cmd ":socket udp"
	tui_type_cmd ":bind s$p 127.0.0.1:530$p"
	tui_wait_text "bind(s$p, 127.0.0.1:530$p) = 0"
done
tui_capture
header=$(head -1 <<< "$tui_screen_text")
grep -Eq ' ports in play: ([0-9]+ )*\+[0-9]+ *$' <<< "$header" ||
	tui_fail_screen "the header's ports are not whole numbers then +N: '$header'"
# the help: a line longer than the screen ends with '>' (the options'
# lines, at its end, are longer than 80 columns)
tui_keys '?'
tui_wait_for 'sockstage help'
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do tui_keys PgDn; done
tui_wait_for '^  bind-no-port .{60,}>$'
tui_keys Escape
tui_wait_gone 'sockstage help'
tui_keys q
tui_wait_exit 0
tui_stop

tui_start 80 24 "$SOCKSTAGE" --lesson "$top_srcdir/lessons/04-forked-child.stage" \
	--no-sandbox
tui_wait_for 'step 0/8'
for s in 1 2 3 4 5 6 7 8; do
	tui_play_step "$s" 8
done
for p in 1 2 3 4 5 6; do
	tui_type_cmd ":socket udp as u$p"
	tui_type_cmd ":bind u$p 127.0.0.1:540$p"
	tui_wait_for "Kernel: ports in play \($((7 + p)) rows"
done
tui_wait_for '^  \+[0-9]+ more below: Tab to here, then Down'
tui_wait_for 'Processes \(6, \* current\)(: \*main | \+[0-9]+ more: Tab, Down)'
tui_wait_for 'Sockets \([0-9]+: [0-9]+ above, [0-9]+ below\)'
# focus the kernel view, then its end
for i in 1 2 3 4 5 6; do
	tui_matches 'Kernel: .*\*' && break
	tui_keys Tab
	tui_wait_change
done
tui_wait_for 'Kernel: .*\*'
tui_keys End
tui_wait_for 'Kernel: ports in play \([0-9]+ rows, [0-9]+ above\)'
tui_not_matches 'more below' || tui_fail_screen "at the end, more is said to be below"
# the panel stays full: the row just above the Log's title is a kernel row
tui_capture
above_log=$(awk '/─ Log / { print prev; exit } { prev = $0 }' <<< "$tui_screen_text")
grep -Eq '^[ !] (tcp|udp) ' <<< "$above_log" ||
	tui_fail_screen "the kernel view scrolled past its last row: '$above_log'"
tui_keys q
tui_wait_exit 0
tui_stop
exit 0
