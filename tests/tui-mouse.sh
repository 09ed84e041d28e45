#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-mouse.sh - the mouse, through tmux, in a private network namespace.
# The test writes mouse reports into the pane as a terminal would (tmux
# send-keys -H), in the form the pane's terminfo entry says (kmous: SGR
# 1006 "\e[<B;X;YM", else X10 "\e[M" and three bytes):
#
#  1. the TUI turns the terminal's mouse reports on; a click on a socket's
#     row gives Sockets the focus and selects that socket (b then asks to
#     bind it), on a process's row Processes and that process (F forks
#     it), on a kernel row the kernel view, in the log the log; the wheel
#     scrolls the panel under the pointer without moving the focus: the
#     log scrolls back and comes back, the kernel view scrolls down and up,
#     Sockets moves the selection; a click on the key bar's "? help" opens
#     the help, on "n new" the prompt for a new socket;
#  2. nothing harmful: a click on the header, past the key bar's last
#     label, while a prompt is open, over the help (whose wheel scrolls
#     it), on a screen too small: the selection, the focus and the stage
#     stay as they were, the prompt and the help stay open; after q the
#     terminal's mouse reports are off again;
#  3. a lesson: a click on "Space next step" runs the next step;
#  4. --no-mouse: the terminal's mouse reports stay off, and the same
#     bytes change nothing: not the selection, not the focus, not the
#     log, and in a lesson they do not step it (X10's report of a press
#     holds a blank).

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
command -v infocmp >/dev/null || skip "no infocmp(1) (Debian package ncurses-bin)"
in_private_netns "$@"
make_tmpdir

quote() { tui_quote_re "$1"; }

# ---- mouse reports -------------------------------------------------------------------
term=$(tui_pick_term)
kmous=$(infocmp -1 "$term" 2>/dev/null | sed -n 's/^[[:space:]]*kmous=\(.*\),$/\1/p')
[ -n "$kmous" ] || skip "the terminfo entry $term has no kmous: ncurses reads no mouse there"
note "TERM=$term kmous=$kmous"

# mouse_send BUTTON X Y [RELEASE]: a report at column X, row Y (0 first)
mouse_send()
{
	local b=$1 x=$2 y=$3 release=${4:-} hex
	if [ "$kmous" = '\E[<' ]; then
		hex=$(printf '\033[<%d;%d;%d%s' "$b" $((x + 1)) $((y + 1)) \
			"$([ -n "$release" ] && echo m || echo M)" | od -An -tx1)
	else
		# X10 bytes past 126 (a column past 93) are not all read: stay left
		(( x < 94 && y < 94 )) || fail "mouse_send: $x,$y too far for X10"
		[ -n "$release" ] && b=3
		hex=$(printf '1b 5b 4d %02x %02x %02x' $((32 + b)) $((33 + x)) $((33 + y)))
	fi
	# shellcheck disable=SC2086
	tui_tmux send-keys -t "$tui_target" -H $hex || fail "send-keys -H $hex failed"
}
click() { mouse_send 0 "$1" "$2"; mouse_send 0 "$1" "$2" release; }
wheel_up() { mouse_send 64 "$1" "$2"; }
wheel_down() { mouse_send 65 "$1" "$2"; }

# the screen row (0 first) of the first line matching REGEX
row_of()
{
	local n
	tui_capture
	n=$(grep -nEm1 -- "$1" <<< "$tui_screen_text" | cut -d: -f1)
	[ -n "$n" ] || tui_fail_screen "no line /$1/ on the screen"
	echo $((n - 1))
}

# the column (0 first) of TEXT on the key bar (the last row)
bar_col()
{
	local bar
	tui_capture
	bar=$(tail -1 <<< "$tui_screen_text")
	bar=${bar%%"$1"*}
	[ "${#bar}" -lt "$(tail -1 <<< "$tui_screen_text" | wc -c)" ] ||
		tui_fail_screen "no '$1' on the key bar"
	echo "${#bar}"
}

mouse_flag()
{
	tui_tmux display-message -p -t "$tui_target" '#{mouse_any_flag}'
}

# selected N: the selected socket is sN (b asks to bind it)
selected()
{
	tui_keys b
	tui_wait_for "^bind s$1 address: "
	tui_keys Escape
	tui_wait_gone '^bind s[0-9]+ address: '
}

focused() { tui_wait_for "$1"; }
SOCKS_F='─ Sockets .*\* ─'
PROCS_F='─ Processes .*\* ─'
KERNEL_F='─ Kernel: .*\* (row [0-9]+, Enter: details )?─'
LOG_F='─ Log( \(.*\))? \* ─'

# ---- 1. clicks and the wheel --------------------------------------------------------
note "1. a click focuses and selects, the wheel scrolls"
tui_start 100 30 "$SOCKSTAGE"
tui_wait_for 'Sockets'
[ "$(mouse_flag)" = 1 ] || tui_fail_screen "the TUI did not turn the mouse reports on"
for s in a b c; do
	tui_type_cmd ":socket tcp as $s"
	tui_wait_for "^s[0-9] $s "
done
tui_type_cmd ":bind a 127.0.0.1:4100"
tui_wait_text "bind(s1, 127.0.0.1:4100) = 0"
tui_type_cmd ":spawn child"
tui_wait_for 'Processes \(2, \* current\)'
# the kernel view has the focus; a click on s1's row
tui_keys Tab Tab
focused "$KERNEL_F"
click 20 "$(row_of '^s1 a ')"
focused "$SOCKS_F"
tui_wait_gone "$KERNEL_F"
selected 1
# a process's row
click 30 "$(row_of '^  child ')"
focused "$PROCS_F"
tui_keys F
tui_wait_for '^fork child \[as NAME\]'
tui_keys Escape
tui_wait_gone '^fork child'
# a kernel row, the log
click 10 "$(row_of '^  tcp +BOUND ')"
focused "$KERNEL_F"
tui_wait_gone "$PROCS_F"
click 10 "$(( $(row_of '─ Log ') + 2 ))"
focused "$LOG_F"
selected 1			# a click elsewhere kept the selection
# the wheel: the panel under the pointer, the focus where it is
# (18 sockets more: more kernel rows than the panel shows)
for i in $(seq 1 18); do
	tui_type_cmd ":socket udp as u$i"
	tui_type_cmd ":bind u$i 127.0.0.1:$((4200 + i))"
	tui_wait_text "bind(s$((3 + i)), 127.0.0.1:$((4200 + i))) = 0"
done
tui_wait_for '^  \+[0-9]+ more below'
click 10 "$(row_of '─ Sockets ')"	# a panel's title: its focus
focused "$SOCKS_F"
log_row=$(( $(row_of '─ Log ') + 2 ))
wheel_up 10 "$log_row"
tui_wait_for '─ Log \(scrolled back, [0-9]+ newer below: Tab, End\) ─'
focused "$SOCKS_F"
for i in 1 2 3 4; do wheel_down 10 "$log_row"; done
tui_wait_for '─ Log ─'
k_row=$(( $(row_of '─ Kernel: ') + 3 ))
wheel_down 10 "$k_row"
tui_wait_for '─ Kernel: ports in play \([0-9]+ rows, [0-9]+ above\) ─'
wheel_up 10 "$k_row"
tui_wait_for '─ Kernel: ports in play \([0-9]+ rows\) ─'
focused "$SOCKS_F"
selected 21
wheel_up 10 "$(row_of '^s21 u18 ')"
selected 18
wheel_down 10 "$(row_of '^s18 u15 ')"
selected 21
# the key bar: ? help, n new
click "$(( $(bar_col '? help') + 2 ))" 29
tui_wait_for 'sockstage help'
tui_keys Escape
tui_wait_gone 'sockstage help'
click "$(bar_col 'n new')" 29
tui_wait_for '^socket \(tcp\|udp'
tui_keys Escape
tui_wait_gone '^socket \(tcp'

# ---- 2. nothing harmful ---------------------------------------------------------------
note "2. clicks that do nothing"
tui_capture
before=$(tui_log)
click 10 0					# the header
click "$(( $(bar_col 'b bind') - 1 ))" 29	# between two labels
# a prompt: a click on a socket changes nothing, the prompt stays
tui_keys :
tui_wait_for '^:'
click 20 "$(row_of '^s21 u18 ')"
wheel_up 10 "$log_row"
tui_text "x"
tui_wait_for '^:x'
tui_keys Escape
tui_wait_gone '^:'
focused "$SOCKS_F"
selected 21
tui_wait_for '─ Log ─'
# the help: clicks do nothing, the wheel scrolls it
tui_keys '?'
tui_wait_for 'sockstage help'
click 20 "$(row_of 'sockstage help')"
click 20 5
wheel_down 20 10
tui_wait_gone 'sockstage help'		# scrolled off its top line
wheel_up 20 10
tui_wait_for 'sockstage help'
tui_keys Escape
tui_wait_gone 'sockstage help'
focused "$SOCKS_F"
selected 21
# a screen too small
tui_resize 50 15
tui_wait_for 'terminal too small'
click 10 5
click 49 14
wheel_up 10 5
wheel_down 10 5
tui_wait_for 'terminal too small'
tui_resize 100 30
tui_wait_for 'Sockets'
focused "$SOCKS_F"
selected 21
tui_capture
after=$(tui_log)
[ "$before" = "$after" ] || {
	note "before:"; printf '%s\n' "$before" | sed 's/^/#   |/'
	tui_fail_screen "the clicks that do nothing changed the log"
}
tui_keys q
tui_wait_exit 0
[ "$(mouse_flag)" = 0 ] || tui_fail_screen "the mouse reports are still on after q"
tui_stop

# ---- 3. a lesson's key bar --------------------------------------------------------------
note "3. a click on Space next step"
lesson=$tmp/click.stage
cat > "$lesson" <<'STAGE'
title Click
about A lesson stepped by a click.
say One.
socket tcp as one
pause
say Two.
socket tcp as two
STAGE
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --no-sandbox
tui_wait_for 'step 0/2'
click "$(( $(bar_col 'Space next step') + 3 ))" 29
# the click began the step: its first line ran
tui_wait_for 'step 1/2'
tui_wait_for '^-- One\.$'
# then its call. Under a loaded parallel check with sanitizers the step
# has stood 'running' for over 20 s before it (cause not found): wait
# longer, bounded, and write down where each thread of the program and
# its worker were when it is slow, for whoever looks next
if ! tui_wait_cond "$(tui_scale 20)" tui_matches '^s1 one '; then
	for p in $(tui_procs); do
		for tk in /proc/"$p"/task/*; do
			note "slow: $p ${tk##*/} $(cut -d' ' -f2-3 "$tk/stat" 2>/dev/null) wchan=$(cat "$tk/wchan" 2>/dev/null)"
		done
	done
	tui_wait_for '^s1 one ' 60
fi
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 4. --no-mouse ------------------------------------------------------------------------
note "4. --no-mouse: the same bytes change nothing"
tui_start 100 30 "$SOCKSTAGE" --no-mouse
tui_wait_for 'Sockets'
[ "$(mouse_flag)" = 0 ] || tui_fail_screen "--no-mouse, yet the mouse reports are on"
for s in a b c; do
	tui_type_cmd ":socket tcp as $s"
	tui_wait_for "^s[0-9] $s "
done
tui_keys Tab Tab
focused "$KERNEL_F"
tui_capture
before=$(tui_log)
click 20 "$(row_of '^s1 a ')"
click "$(( $(bar_col '? help') + 2 ))" 29
wheel_up 10 "$(( $(row_of '─ Log ') + 2 ))"
click 10 "$(( $(row_of '─ Log ') + 2 ))"
tui_text ":"
tui_wait_for '^:'
tui_keys Escape
tui_wait_gone '^:'
focused "$KERNEL_F"
tui_capture
after=$(tui_log)
[ "$before" = "$after" ] || {
	note "before:"; printf '%s\n' "$before" | sed 's/^/#   |/'
	tui_fail_screen "--no-mouse: the mouse's bytes changed the log"
}
tui_wait_for '─ Log ─'
tui_not_matches 'sockstage help' || tui_fail_screen "--no-mouse: a click opened the help"
selected 3
tui_keys q
tui_wait_exit 0
tui_stop

tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --no-sandbox --no-mouse
tui_wait_for 'step 0/2'
click "$(( $(bar_col 'Space next step') + 3 ))" 29
click 10 10
tui_text ":"
tui_wait_for '^:'
tui_keys Escape
tui_wait_gone '^:'
tui_matches 'step 0/2' || tui_fail_screen "--no-mouse: a click stepped the lesson"
tui_keys Space
tui_wait_for 'step 1/2'
tui_keys q
tui_wait_exit 0
tui_stop
exit 0
