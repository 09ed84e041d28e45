#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-caption.sh - a lesson's caption at 80x24 starts with the step's first
# sentence, and what does not fit is reachable. Lesson 02, step 7, plays in
# one part and has more narration than its caption's rows: the caption
# shows "Now server4 sets SO_REUSEADDR too..." (the start, not the end),
# its title says how many rows more there are, and with the focus on the
# caption (Shift-Tab) Down scrolls to its last sentence, "Set only in the
# restarted server, it does not help."

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

tui_start 80 24 "$SOCKSTAGE" --lesson "$top_srcdir/lessons/02-timewait-restart.stage" \
	--no-sandbox
tui_wait_for 'step 0/7'
for s in 1 2 3 4 5 6 7; do
	tui_play_step "$s" 7
done
tui_wait_for '^ Now server4 sets SO_REUSEADDR too: the bind works'
tui_wait_for 'step 7/7 \[\+[0-9]+ more: Tab, Down\]'
# the caption: the screen's rows 3 to 5 (header, caption title, text)
caption() { tui_capture; sed -n '3,5p' <<< "$tui_screen_text"; }
grep -q 'does not help' <<< "$(caption)" &&
	tui_fail_screen "the caption fits whole: this test needs one that does not"
grep -q '^ Now server4 sets SO_REUSEADDR' <<< "$(caption)" ||
	tui_fail_screen "the caption does not start with the step's first sentence"
tui_keys BTab
tui_wait_for 'step 7/7 \[\+[0-9]+ more: Down\]'
tui_keys Down Down Down
tui_wait_cond "$(tui_scale 5)" eval 'caption | grep -q "does not help\."' ||
	tui_fail_screen "Down does not bring the caption's last sentence"
tui_matches 'step 7/7 \[' && tui_fail_screen "scrolled to the end, yet more is said to follow"
tui_keys q
tui_wait_exit 0
tui_stop
exit 0
