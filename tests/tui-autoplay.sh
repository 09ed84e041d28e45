#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-autoplay.sh - for screencasts, through tmux in a private namespace:
#
#  1. --lesson FILE --autoplay 0.3: the lesson steps by itself (the step
#     counter goes up with no key pressed), reaches its end, and the
#     program quits on its own with status 0, leaving no process;
#  2. --show-keys: the last keys pressed stand in a box above the key bar
#     by name (Space, Enter, Esc, F1, Ctrl-L, a letter, Up), at most six,
#     newest last, and the box goes away after a moment;
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
tui_start 100 30 "$SOCKSTAGE" --lesson "$tmp/auto.stage" --autoplay 0.3
tui_wait_for '^─ step [0-3](/3| running)'
tui_wait_for '^─ step 2/3 \| auto: Autoplay test'
tui_wait_exit 0 10
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
for args in "--autoplay 1" "--lesson $tmp/auto.stage --autoplay 0" \
	    "--lesson $tmp/auto.stage --autoplay x" \
	    "--lesson $tmp/auto.stage --autoplay 1 --predict" "--show-keys --run -"; do
	# shellcheck disable=SC2086
	err=$("$SOCKSTAGE" $args </dev/null 2>&1)
	[ $? = 2 ] && [ -n "$err" ] || fail "'$args' was not refused: $err"
done
exit 0
