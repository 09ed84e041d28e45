#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-robust.sh - the TUI survives what a terminal can throw at it, and
# leaves the terminal usable however it ends:
#
#  1. garbage keys: a few hundred pseudo-random keys (printable ASCII,
#     function and cursor keys, Ctrl- and Alt- keys, raw escape sequences,
#     truncated ones, UTF-8, invalid UTF-8 bytes) in bursts, with resizes
#     to tiny sizes (1x1, 10x3, 79x23 ...) in between: the program keeps
#     running, redraws normally at 100x30, opens the help, and quits with
#     status 0, leaving no process;
#  2. without colors (NO_COLOR=1, --no-color, a terminal without colors):
#     the screen is readable and carries no color escape codes, only
#     bold/reverse/dim/underline; with colors (and with NO_COLOR set but
#     empty, as no-color.org says) there are colors;
#  3. SIGKILL of the UI: no worker (nor a forked one) outlives it.
#
# Keys that belong to the terminal, not the program, are not sent as
# garbage: C-c, C-\ and C-z (signals), C-s and C-q (flow control); nor q
# and F10, which quit; nor ? and F1, whose help would swallow the rest.
#
# SEED (default 1) selects the garbage; it is printed, to replay a failure.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

P=3459

# The normal screen: header, both panels, the key bar.
normal_screen()
{
	tui_wait_for '^ ?sockstage .*(host|sandbox)'
	tui_wait_for 'Sockets'
	tui_wait_for 'Kernel'
	tui_wait_for '^ n new '
}

# Escape out of whatever prompt or help the garbage left open, until the
# key bar shows (Escape closes prompts and the help).
back_to_normal()
{
	local i
	for i in 1 2 3 4 5 6; do
		tui_keys Escape
		if tui_wait_cond 1 tui_matches '^ n new '; then
			return 0
		fi
	done
	tui_fail_screen "Escape does not bring the normal screen back"
}

# ---- 1. garbage ---------------------------------------------------------------
seed=${SEED:-1}
note "1. garbage keys, seed $seed"
RANDOM=$seed

named=(F2 F3 F4 F5 F6 F7 F8 F9 F11 F12 Up Down Left Right Home End
       PPage NPage IC DC BSpace Tab BTab Enter Escape Space
       C-a C-b C-d C-e C-f C-g C-h C-j C-k C-l C-n C-o C-p C-r C-t C-u
       C-v C-w C-x C-y M-a M-x M-: M-Enter M-Up C-Up S-Left C-F5 M-F1)
# raw byte sequences (hex, for send-keys -H)
raw=("1b 5b"			# CSI, cut short
     "1b 5b 31 3b 35 41"	# Ctrl-Up, xterm style
     "1b 5b 39 39 39 3b 39 39 39 52"	# a cursor position report
     "1b 5b 32 30 30 7e 3a 71 75 69 74 1b 5b 32 30 31 7e"	# bracketed paste
     "1b 4f"			# SS3, cut short
     "1b 4f 50"			# F1, SS3 form
     "1b 5b 4d 20 21 21"	# an X10 mouse click
     "1b 5b 3c 30 3b 31 30 3b 35 4d"	# an SGR mouse click
     "1b 5d 30 3b 74 69 74 6c 65 07"	# OSC: a title
     "1b 1b 1b"
     "ff fe"			# never valid in UTF-8
     "c3"			# a lead byte alone
     "e6 97"			# a 3-byte character cut short
     "ed a0 80"			# a surrogate
     "00"			# NUL
     "7f"			# DEL
     "1b 5b 31 35 3b 32 7e")	# Shift-F5
utf8=("é" "ß" "日本語" "🙂" "e$(printf '\xcc\x81')" "Ω" "‮" "　")

# printable ASCII without q (it quits) and ? (the help would swallow the
# keys after it; F1 is left out for the same reason)
printable()
{
	local c
	while :; do
		c=$(printf "\\$(printf '%03o' $(( 32 + RANDOM % 95 )))")
		[ "$c" != q ] && [ "$c" != '?' ] && break
	done
	printf '%s' "$c"
}

burst()
{
	local n=$1 i k args=()
	for (( i = 0; i < n; i++ )); do
		case $(( RANDOM % 10 )) in
		0|1|2|3)
			tui_text "$(printable)"
			;;
		4|5)
			tui_keys "${named[RANDOM % ${#named[@]}]}"
			;;
		6)
			tui_tmux send-keys -t "$tui_target" -H \
				${raw[RANDOM % ${#raw[@]}]} ||
				fail "send-keys -H failed"
			;;
		7)
			tui_text "${utf8[RANDOM % ${#utf8[@]}]}"
			;;
		8)
			# a ':' command line of garbage, or a prompt's, then Enter
			tui_text ":$(printable)$(printable)$(printable) $(printable)"
			tui_keys Enter
			;;
		9)
			# a few printable keys at once
			tui_text "$(printable)$(printable)$(printable)$(printable)"
			;;
		esac
	done
}

tui_start 100 30 "$SOCKSTAGE"
normal_screen
# something on stage for the keys to act on
tui_type_cmd ":socket tcp as srv"
tui_type_cmd ":bind srv 127.0.0.1:$P"
tui_type_cmd ":listen srv"
tui_type_cmd ":socket tcp as cli"
tui_type_cmd ":connect cli 127.0.0.1:$P"
tui_wait_for "$(tui_quote_re "connect(s2, 127.0.0.1:$P) = 0")"

sizes=("1 1" "10 3" "79 23" "2 60" "200 5" "80 24" "300 100" "81 25")
total=0
for round in 1 2 3 4 5 6 7 8; do
	burst 40
	total=$(( total + 40 ))
	tui_resize ${sizes[round - 1]}
	burst 10
	total=$(( total + 10 ))
	tui_capture
	[ "$tui_dead" = 1 ] &&
		tui_fail_screen "the program died in round $round (seed $seed)"
done
note "sent $total pieces of garbage (a key, a sequence, a string or a command line each), 8 resizes"
tui_resize 100 30
tui_capture
tui_show "after the garbage (before Escape)"
back_to_normal
tui_keys C-l
normal_screen
# still responsive: help opens and closes, a command runs
tui_keys '?'
tui_wait_for 'sockstage help'
tui_keys Escape
tui_wait_gone 'sockstage help'
tui_type_cmd ":socket udp as after"
# the new socket on stage (the garbage may have left the log scrolled back)
tui_wait_for '^s[0-9]+ +after +main +udp4 '
# the tiny sizes once more, each followed by the message, then a normal screen
for size in "1 1" "10 3" "79 23"; do
	tui_resize $size
	tui_capture
	[ "$tui_dead" = 1 ] && tui_fail_screen "the program died at $size"
done
tui_resize 59 17
tui_wait_for 'terminal too small'
tui_resize 100 30
normal_screen
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 2. colors, and none --------------------------------------------------------
note "2. NO_COLOR, --no-color, a monochrome terminal"

# a screen with every kind of row: LISTEN, ESTAB, TIME-WAIT, a failure
# with its cause marked, a selected socket, the log
busy_screen()
{
	local p=$1
	normal_screen
	tui_type_cmd ":socket tcp as srv"
	tui_type_cmd ":bind srv 127.0.0.1:$p"
	tui_type_cmd ":listen srv"
	tui_type_cmd ":socket tcp as cli"
	tui_type_cmd ":connect cli 127.0.0.1:$p"
	tui_wait_for "$(tui_quote_re "connect(s2, 127.0.0.1:$p) = 0")"
	tui_type_cmd ":accept srv as conn"
	tui_wait_for "accept\\(s1\\) = s3"
	tui_type_cmd ":close conn"
	tui_type_cmd ":close cli"
	tui_wait_for "TIME-WAIT .*was s3"
	tui_type_cmd ":socket tcp as again"
	tui_type_cmd ":bind again 127.0.0.1:$p"
	tui_wait_for 'EADDRINUSE'
	tui_wait_for "^! tcp +LISTEN .*127\\.0\\.0\\.1:$p "
}

# SGR parameters of every escape sequence in the last capture -e, one per
# line ("1", "7", "38;5;2" ...); 0 and empty (resets) left out.
sgr_params()
{
	grep -o $'\033\\[[0-9;:]*m' <<< "$tui_screen_text" |
		sed 's/^.\[//; s/m$//' | tr ';' '\n' | grep -v '^0*$' | sort -u
}

# colored: the capture has color codes (30-49, 90-107 and their 38/48 forms)
colored()
{
	sgr_params | grep -Eq '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

# check_mono WHAT: readable, and only attributes, no colors
check_mono()
{
	local what=$1 bad
	tui_capture -e
	# (39 and 49, "default colors", are how tmux's capture resets)
	bad=$(sgr_params | grep -Ev '^(1|2|4|7|22|24|27|39|49)$' | tr '\n' ' ')
	if [ -n "$bad" ]; then
		tui_show "$what, with escapes"
		fail "$what: escape codes other than bold/dim/underline/reverse: $bad"
	fi
	sgr_params | grep -q '^7$' ||
		fail "$what: nothing in reverse video (header, key bar, selection)"
	note "$what: attributes used: $(sgr_params | tr '\n' ' ')"
	# readable: the plain text has it all
	tui_capture
	grep -Eq 'LISTEN' <<< "$tui_screen_text" &&
		grep -Eq 'TIME-WAIT' <<< "$tui_screen_text" &&
		grep -Eq 'EADDRINUSE' <<< "$tui_screen_text" &&
		grep -Eq '^! tcp' <<< "$tui_screen_text" ||
		tui_fail_screen "$what: the screen is not all there"
}

port=3470
# colors first: proves that the checks above can see colors at all
tui_start 100 30 "$SOCKSTAGE" --sandbox
busy_screen $port
tui_capture -e
if colored; then
	note "with colors: $(sgr_params | tr '\n' ' ')"
else
	tui_show "with colors, escapes"
	fail "no color codes on a color terminal without NO_COLOR"
fi
tui_keys q
tui_wait_exit 0
tui_stop

tui_start 100 30 NO_COLOR= "$SOCKSTAGE" --sandbox
busy_screen $port
tui_capture -e
colored || fail "NO_COLOR set but empty must not turn colors off (no-color.org)"
tui_keys q
tui_wait_exit 0
tui_stop

tui_start 100 30 NO_COLOR=1 "$SOCKSTAGE" --sandbox
busy_screen $port
check_mono "NO_COLOR=1"
tui_keys q
tui_wait_exit 0
tui_stop

tui_start 100 30 "$SOCKSTAGE" --no-color --sandbox
busy_screen $port
check_mono "--no-color"
tui_keys q
tui_wait_exit 0
tui_stop

if infocmp vt220 >/dev/null 2>&1; then
	TUI_TERM=vt220 tui_start 100 30 "$SOCKSTAGE" --sandbox
	busy_screen $port
	check_mono "TERM=vt220 (no colors)"
	tui_keys q
	tui_wait_exit 0
	tui_stop
else
	note "no terminfo entry for vt220: monochrome terminal not tested"
fi

# plain ASCII: the C locale draws no UTF-8 line characters
TUI_LOCALE=C tui_start 100 30 "$SOCKSTAGE" --sandbox
normal_screen
tui_capture
if LC_ALL=C grep -q $'[\x80-\xff]' <<< "$tui_screen_text"; then
	tui_show "C locale"
	note "non-ASCII characters on the screen in the C locale (line drawing through the terminal's ACS is fine: tmux shows it as UTF-8)"
fi
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 3. SIGKILL ------------------------------------------------------------------------
# (SIGTERM, SIGINT, SIGHUP and the crashes are tests/term-restore.sh's: the
# terminal given back as it was. SIGKILL cannot be caught: what matters is
# that no worker outlives the UI.)
note "3. SIGKILL of the UI: its workers go too"
tui_start 100 30 "$SOCKSTAGE" --sandbox
normal_screen
tui_type_cmd ":socket tcp as srv"
tui_type_cmd ":bind srv 127.0.0.1:$P"
tui_type_cmd ":listen srv"
tui_type_cmd ":spawn other"
tui_type_cmd ":other: socket tcp as cli"
tui_type_cmd ":other: connect cli 127.0.0.1:$P"
tui_wait_for "$(tui_quote_re "connect(s2, 127.0.0.1:$P) = 0")"
tui_type_cmd ":fork other as kid"
tui_wait_cond "$(tui_scale 5)" eval '(( $(tui_procs | wc -l) >= 4 ))' ||
	fail "expected the UI and three workers, found: $(tui_ps)"
note "processes: $(tui_ps)"
kill -KILL "$tui_pid"
tui_wait_cond "$(tui_scale 5)" tui_exited ||
	tui_fail_screen "SIGKILL did not end the program"
tui_wait_cond "$(tui_scale 5)" tui_no_procs ||
	fail "workers left after the UI was killed: $(tui_ps)"
tui_stop

exit 0
