#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-theme.sh - --theme dark|light|projector, read from the escape
# sequences tmux keeps for each cell (capture-pane -e). With a listener,
# a connection, and a failed bind (its "means:" line) on screen:
#   dark       secondary text is dim (SGR 2) and LISTEN is green text (32);
#   light      nothing is yellow or cyan text (33, 36: washed out on white);
#   projector  nothing is dim, LISTEN and ESTAB stand on a colored
#              background (42, 44), and they are bold;
#   --theme neon, and --theme with --dump: exit 2 with a message.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

run_cmd "$SOCKSTAGE" --theme neon
expect_rc 2 "an unknown theme"
expect_err_has "--theme 'neon': dark, light or projector"
run_cmd "$SOCKSTAGE" --dump --theme light
expect_rc 2 "--theme outside the TUI"
expect_err_has "--theme goes with the TUI"

# screen THEME: the TUI with that theme and a small stage; $escaped holds
# the screen with its escape sequences
screen()
{
	tui_start 100 30 "$SOCKSTAGE" --theme "$1"
	tui_wait_for 'press \? for help'
	tui_type_cmd ":socket tcp as l"
	tui_type_cmd ":bind l 127.0.0.1:5500"
	tui_type_cmd ":listen l"
	tui_type_cmd ":socket tcp as c"
	tui_type_cmd ":connect c 127.0.0.1:5500"
	tui_wait_text "connect(s2, 127.0.0.1:5500) = 0"
	tui_type_cmd ":accept c"	# EINVAL: a means: line, no row marked
	tui_wait_text "accept(s2) = -1 EINVAL"
	tui_wait_for 'means: '
	tui_wait_for 'LISTEN'
	escaped=$(tui_tmux capture-pane -e -p -t "$tui_target") ||
		fail "capture-pane -e failed"
	tui_keys q
	tui_wait_exit 0
	tui_stop
}

# sgr N: a select-graphic-rendition sequence carries parameter N
sgr() { grep -Eq $'\e\\[([0-9]+;)*'"$1"'(;[0-9]+)*m' <<< "$escaped"; }
# look TEXT: how the first cell of TEXT is drawn, "fg bg bold", as a
# terminal emulator (pyte) reads the screen's sequences
look()
{
	printf '%s\n' "$escaped" | /usr/bin/python3 -c '
import sys, pyte
text = sys.stdin.read().replace("\n", "\r\n")
screen = pyte.Screen(120, 40)
pyte.Stream(screen).feed(text)
for y in range(40):
    line = "".join(screen.buffer[y][x].data for x in range(120))
    at = line.find(sys.argv[1])
    if at >= 0:
        c = screen.buffer[y][at]
        print(c.fg, c.bg, "bold" if c.bold else "plain")
        break
' "$1"
}

screen dark
sgr 2 || fail "dark: no dim text (the means: line should be)"
look LISTEN | grep -q '^green ' || fail "dark: LISTEN is not green text: $(look LISTEN)"

screen light
! sgr 33 || fail "light: yellow text on a light background"
! sgr 36 || fail "light: cyan text on a light background"

screen projector
! sgr 2 || fail "projector: dim text"
look LISTEN | grep -q ' green bold$' ||
	fail "projector: LISTEN is not bold on green: $(look LISTEN)"
look ESTAB | grep -q ' blue bold$' ||
	fail "projector: ESTAB is not bold on blue: $(look ESTAB)"
exit 0
