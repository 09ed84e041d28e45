#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-lessons-all.sh - every shipped lesson steps cleanly in the TUI: Space
# runs each step (the caption's counter goes 1/N ... N/N, each step ends),
# the lesson reaches its end, and no expectation failed on the way (the
# end line would say the kernel disagreed). Lessons marked "# needs: root"
# are left out when not root, lessons with hosts where /dev/net/tun cannot
# be opened. Each lesson runs in a namespace of its own.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

played=0
for f in "$top_srcdir"/lessons/*.stage; do
	name=${f##*/}
	name=${name%.stage}
	if grep -q '^# needs: root' "$f" && [ "$(id -u)" != 0 ]; then
		note "$name: left out (needs root)"
		continue
	fi
	if needs_hosts "$f" && ! hosts_possible; then
		note "$name: left out (it makes hosts: no /dev/net/tun to open)"
		continue
	fi
	steps=$(awk '/^[ \t]*pause[ \t]*$/ { n++ } END { print n + 1 }' "$f")
	note "$name: $steps steps"
	tui_start 100 30 "$SOCKSTAGE" --lesson "$f"
	tui_wait_for "^─ step 0/$steps \\| $name: "
	for k in $(seq 1 "$steps"); do
		# a step may wait for the kernel (a SYN retry): bounded at 40 s
		tui_play_step "$k" "$steps" 40
	done
	tui_wait_for "$(tui_quote_re "-- end of lesson $name")\$"
	tui_line "end of lesson $name: the kernel disagreed" >/dev/null &&
		tui_fail_screen "$name: an expectation failed in the TUI"
	tui_keys q
	tui_wait_exit 0
	tui_stop
	played=$((played + 1))
done
[ "$played" -gt 0 ] || fail "no lesson played"
exit 0
