#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-autoplay.sh - for screencasts, through tmux in a private namespace:
#
#  1. --lesson FILE --autoplay 0.3 --hold 0: the lesson steps by itself
#     (the step counter goes up with no key pressed), reaches its end, and
#     the program quits on its own with status 0, leaving no process;
#     without --hold the end stays (the key bar says any key quits) until
#     a key, which quits;
#  2. --show-keys: the last keys pressed stand on the row above the key
#     bar by name (Space, Enter, Esc, F1, Ctrl-L, a letter, Up), at most
#     six, newest last, and go away after a moment;
#  3. the options are refused where they make no sense.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

cat > "$tmp/auto.stage" <<'STAGE'
title Autoplay test
about Three steps that play by themselves.
say One: a listener.
socket tcp as srv
bind srv 127.0.0.1:3459 => ok
listen srv => ok
pause
say Two: a client.
socket tcp as cli
connect cli 127.0.0.1:3459 => ok
pause
say Three: the server accepts.
accept srv as conn => ok
STAGE

note "1. --autoplay: no hands"
tui_start 100 30 "$SOCKSTAGE" --lesson "$tmp/auto.stage" --autoplay 0.3 \
	--wpm 2000 --hold 0
tui_wait_for '^─ step [0-3](/3| running)'
tui_wait_for '^─ step 2/3 \| auto: Autoplay test'
tui_wait_exit 0 10
tui_stop
tui_start 100 30 "$SOCKSTAGE" --lesson "$tmp/auto.stage" --autoplay 0 --wpm 2000
tui_wait_for '^ End of the lesson: any key quits$'
tui_line 'Three: the server accepts\. End of the lesson\.$' >/dev/null ||
	tui_fail_screen "the end does not show the last step and the lesson's end"
tui_keys x
tui_wait_exit 0
tui_stop

note "2. --show-keys"
tui_start 100 30 "$SOCKSTAGE" --show-keys
tui_wait_for '^ n new '
tui_keys x
tui_wait_for ' keys: x$'
tui_keys F1
tui_wait_for 'sockstage help'
tui_wait_for ' keys: x F1$'
tui_keys Escape		# alone: Esc then a key at once reads as Alt-key
tui_wait_for ' keys: x F1 Esc$'
tui_wait_gone 'sockstage help'
tui_keys C-l Up Space
tui_wait_for ' keys: x F1 Esc Ctrl-L Up Space$'
tui_keys Enter		# the seventh: the oldest goes
tui_wait_for ' keys: F1 Esc Ctrl-L Up Space Enter$'
tui_wait_gone ' keys: '
tui_keys q
tui_wait_exit 0
tui_stop

note "3. refused where they make no sense"
for args in "--autoplay 1" "--lesson $tmp/auto.stage --autoplay -1" \
	    "--lesson $tmp/auto.stage --autoplay x" \
	    "--lesson $tmp/auto.stage --autoplay 601" \
	    "--lesson $tmp/auto.stage --autoplay 1 --predict" "--show-keys --run -" \
	    "--lesson $tmp/auto.stage --wpm 200" "--lesson $tmp/auto.stage --hold 1" \
	    "--lesson $tmp/auto.stage --autoplay 1 --wpm 19" \
	    "--lesson $tmp/auto.stage --autoplay 1 --wpm 2001" \
	    "--lesson $tmp/auto.stage --autoplay 1 --wpm 1.5" \
	    "--lesson $tmp/auto.stage --autoplay 1 --hold -1" \
	    "--lesson $tmp/auto.stage --autoplay 1 --hold 3601" \
	    "--stable --run -" "--no-stable --dump"; do
	# shellcheck disable=SC2086
	err=$("$SOCKSTAGE" $args </dev/null 2>&1)
	[ $? = 2 ] && [ -n "$err" ] || fail "'$args' was not refused: $err"
done
# what a refusal says
err=$("$SOCKSTAGE" --lesson "$tmp/auto.stage" --autoplay 1 --wpm fast </dev/null 2>&1)
[ "$err" = "sockstage: --wpm 'fast': a reading speed in words per minute, a whole number from 20 to 2000" ] ||
	fail "--wpm fast: $err"
err=$("$SOCKSTAGE" --lesson "$tmp/auto.stage" --hold 2 </dev/null 2>&1)
[ "$err" = "sockstage: --hold goes with --autoplay" ] || fail "--hold alone: $err"
exit 0
