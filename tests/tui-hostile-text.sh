#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-hostile-text.sh - on a terminal, hostile text stays text: through
# tmux, in a private network namespace,
#
#  1. the forged MISMATCH: "sockstage --run" on a script whose say lines
#     set the window title, move the cursor up, erase lines and print a
#     fake success after a failed expectation: when the run is over, the
#     pane still shows the MISMATCH line and the first lines of the
#     transcript (nothing was erased or cleared), the forging say line as
#     escapes, and the pane's title is what it was;
#  2. a lesson whose file name, title, about text and say lines hold
#     escape sequences (OSC title sets, clear screen, cursor up and erase,
#     C1 in both forms, DEL), played in the TUI: the caption shows them as
#     escapes (\x1b...), the stage stays on the screen, the pane's title
#     does not change, q quits cleanly;
#  3. the same lesson recorded (--autoplay --record): the cast's title
#     holds no control character (only escapes), and what was drawn never
#     holds an OSC sequence.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

quote() { tui_quote_re "$1"; }
title_now() { tui_tmux display-message -p -t "$tui_target" '#{pane_title}'; }

# same_title BEFORE WHAT: the pane's title is still BEFORE
same_title()
{
	local now
	now=$(title_now)
	[ "$now" = "$1" ] ||
		tui_fail_screen "$2: the pane's title changed from '$1' to '$(cat -v <<< "$now")'"
}

# has_line REGEX WHAT: a line of the last capture matches
has_line()
{
	tui_line "$1" >/dev/null || tui_fail_screen "$2: no line matches /$1/"
}

# wait_line REGEX WHAT: tui_wait_for, which stops early when the program
# has exited, then the line must be there
wait_line()
{
	tui_wait_for "$1"
	has_line "$1" "$2"
}

# ---- 1. a forged success on a terminal ------------------------------------------

note "1. --run on a terminal: a say line cannot erase the MISMATCH"
forged=$tmp/forged.stage
{
	printf 'title %sforged\n' $'\e]0;pwned\a'
	echo 'socket tcp'
	echo 'bind s1 127.0.0.1:3731 => EADDRINUSE'
	printf 'say %sbind(s1, 127.0.0.1:3731) = -1 EADDRINUSE (Address already in use)\n' \
		$'\e[1A\e[2K\e[1A\e[2K\e[1A\e[2K\r'
	printf 'say %severy expectation held\n' $'\e]2;all good\e\\\e[2J\e[H'
} > "$forged"
# the shell waits for Enter before the run, so that the title is read first
tui_start 100 30 /bin/sh -c 'echo ready; read go; "$0" --run "$1"; echo "run ended: $?"; read end' \
	"$SOCKSTAGE" "$forged"
wait_line '^ready$' "the shell before the run"
before=$(title_now)
note "the pane's title: $before"
tui_keys Enter
wait_line '^run ended: 1$' "the end of the run"
has_line '^MISMATCH: expected EADDRINUSE$' "the MISMATCH line"
has_line '^> socket tcp$' "the first line of the transcript"
has_line '^bind\(s1, 127\.0\.0\.1:3731\) = 0$' "the real result"
has_line "^$(quote '-- \x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\rbind(s1, 127.0.0.1:3731) = -1 EADDRINUSE')" \
	"the forging say line, as escapes"
has_line "^$(quote '-- \x1b]2;all good\x1b\\x1b[2J\x1b[Hevery expectation held')\$" \
	"the clearing say line, as escapes"
same_title "$before" "--run"
tui_keys Enter
tui_wait_exit 0
tui_stop

# ---- 2. a hostile lesson in the TUI -------------------------------------------------

note "2. a lesson with escape sequences in its name, title and narration"
# alone in its directory: the command tmux runs is for /bin/sh, which has
# no $'...' quoting, so the shell there finds the name by a pattern
mkdir -p "$tmp/hl" || fail "mkdir"
lesson=$tmp/hl/$'les\e]0;pwned\a\x9b.stage'
{
	printf 'title Hostile%s title\n' $'\e]0;pwned\a'
	printf 'about About%s text\n' $'\e[2J'
	printf 'say Step one%s %s %s2J %s %s done\n' $'\e]2;pwned2\e\\' \
		$'\e[1A\e[2K' $'\xc2\x9b' $'\x9b' $'\x7f'
	echo 'socket tcp as srv'
	echo 'bind srv 127.0.0.1:3732 => ok'
	echo 'pause'
	printf 'say Step two%s\n' $'\e[2J\e[H'
	echo 'socket tcp as cli'
} > "$lesson"
tui_start 100 30 /bin/sh -c 'echo ready; read go; exec "$0" --lesson "$1"/*.stage' \
	"$SOCKSTAGE" "$tmp/hl"
wait_line '^ready$' "the shell before the lesson"
before=$(title_now)
tui_keys Enter
wait_line "^─ step 0/2 \\| $(quote 'les\x1b]0;pwned\x07\x9b: Hostile\x1b]0;pwned\x07 title')" \
	"the lesson's name and title"
wait_line "^ $(quote 'About\x1b[2J text')" "the about text"
same_title "$before" "the lesson's name, title and about text"
tui_keys Space
wait_line "^ .*$(quote 'Step one\x1b]2;pwned2\x1b\ \x1b[1A\x1b[2K \xc2\x9b2J \x9b \x7f done')" \
	"step 1's narration"
wait_line 's1 +srv' "step 1's socket"
has_line "^─ step 1/2 \\| " "the caption's head after step 1"
has_line '─ Log ' "the log panel after step 1"
same_title "$before" "step 1's narration"
tui_keys Space
wait_line "^ .*$(quote 'Step two\x1b[2J\x1b[H')" "step 2's narration"
wait_line 's2 +cli' "step 2's socket"
has_line 's1 +srv' "the stage after step 2"
has_line "^─ step 2/2 \\| " "the caption's head after step 2"
same_title "$before" "step 2's narration"
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 3. the same lesson recorded ---------------------------------------------------

note "3. --autoplay --record: the cast holds escapes, not escape sequences"
cast=$tmp/hostile.cast
tui_start 100 30 /bin/sh -c 'exec "$0" --lesson "$1"/*.stage --autoplay 0.2 --wpm 2000 --hold 0 --record "$2"' \
	"$SOCKSTAGE" "$tmp/hl" "$cast"
tui_wait_exit 0 20
tui_stop
head -n 1 "$cast" | sed 's/^/# header: /'
# JSON writes a control character as \u00XX; C1 would be raw UTF-8
! head -n 1 "$cast" | LC_ALL=C grep -qP '\\u00(?:[01][0-9a-fA-F]|7[fF])|\xc2[\x80-\x9f]' ||
	fail "the cast's title holds a control character"
head -n 1 "$cast" | grep -qF '"sockstage: lesson les\\x1b]0;pwned\\x07\\x9b"' ||
	fail "the cast's title does not show the file name's escapes"
! tail -n +2 "$cast" | grep -qF '\u001b]' || fail "the cast's output holds an OSC sequence"
exit 0
