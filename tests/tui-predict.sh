#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-predict.sh - predict mode asks good questions: lessons 02 and 05
# played with --predict, through tmux, in a private network namespace,
# every question answered (one skipped with Esc):
#
#  - a question comes in its own step, after that step's narration is on
#    screen, and the socket it asks about is on stage already;
#  - no two questions in a row are the same;
#  - the key bar's range is the question's choices (1-3, 1-4), not 1-9;
#  - Esc skips: the step runs to its end, the score does not change;
#  - "Since the last question:" lists what changed in between.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

# the caption's rows (under the header's line, up to the next panel's
# title), joined into one line
caption_text() {
	tui_capture
	awk '/^─ step / { on = 1; next } on && /^─/ { exit } on { sub(/^ +/, ""); printf "%s ", $0 }' \
		<<< "$tui_screen_text"
}

# the first say line of step K (1-based) of lesson file F
first_say() {
	awk -v k="$2" '/^[ \t]*pause[ \t]*$/ { n++; next }
		n == k - 1 && /^say / { sub(/^say /, ""); print; exit }' "$1"
}

# play lesson NAME with --predict; Esc on step SKIP's question; the
# "Since the last question:" TEXT expected at step SINCE_STEP
play() {
	local name=$1 skip=$2 since_step=$3 since=$4
	local f=$top_srcdir/lessons/$name.stage steps k last="" q n bar cap
	local score asked right questions=0 say sock
	steps=$(awk '/^[ \t]*pause[ \t]*$/ { n++ } END { print n + 1 }' "$f")
	note "$name: $steps steps"
	tui_start 200 50 "$SOCKSTAGE" --lesson "$f" --predict
	tui_wait_for "^─ step 0/$steps  score 0/0 \\| $name: "
	asked=0 right=0
	# the open question of step k: checked, then answered (or skipped)
	ask_step() {
		questions=$((questions + 1))
		tui_line "^─ step $k/$steps(, part [0-9]+/[0-9]+)? running  score $right/$asked \\|" >/dev/null ||
			tui_fail_screen "$name: the question of step $k is not in step $k"
		q=$(grep -Eo -- '-- predict: what will ".*" do\? \(keys 1-[0-9]\)' \
			<<< "$tui_screen_text" | tail -n 1)
		[ -n "$q" ] || tui_fail_screen "$name step $k: no question in the log"
		note "step $k: $q"
		[ "${q% (keys*}" != "$last" ] ||
			tui_fail_screen "$name step $k: the same question twice in a row"
		last=${q% (keys*}
		cap=$(caption_text)
		# the key bar's range is the number of choices
		n=$(grep -Eo ' [1-9] (succeeds|E[A-Z]+)' <<< "$cap" | tail -n 1 | awk '{ print $1 }')
		bar=$(tui_line '^ 1-[0-9] your answer' | sed -E 's/^ 1-([0-9]).*/\1/')
		[ -n "$n" ] && [ "$bar" = "$n" ] ||
			tui_fail_screen "$name step $k: the key bar says 1-$bar, the question has ${n:-no} choices"
		# the step's narration came first
		say=$(first_say "$f" "$k")
		[ -z "$say" ] || grep -qF -- "${say:0:40}" <<< "$cap" ||
			tui_fail_screen "$name step $k: the question without its narration ('${say:0:40}')"
		# the socket asked about is on stage
		sock=$(sed -E 's/^-- predict: what will "([a-z0-9]+: )?[a-z]+ ([A-Za-z0-9_-]+).*/\2/' <<< "$q")
		tui_line "^ ?s[0-9]+ +$sock " >/dev/null ||
			tui_fail_screen "$name step $k: asks about $sock, not on stage yet"
		if [ "$k" = "$since_step" ]; then
			grep -qF -- "Since the last question: $since" <<< "$cap" ||
				tui_fail_screen "$name step $k: expected 'Since the last question: $since'"
		fi
		if [ "$k" = "$skip" ]; then
			tui_keys Escape
			tui_wait_for "^─ step $k/$steps(, part [0-9]+/[0-9]+)?( Space: go on)?  score $right/$asked \\|" 40
			grep -qF "(Question skipped: not scored.)" <<< "$(caption_text)" ||
				tui_fail_screen "$name step $k: Esc did not say it skipped"
		else
			tui_keys 1
			asked=$((asked + 1))
			tui_wait_for "^─ step $k/$steps(, part [0-9]+/[0-9]+)?( Space: go on)?  score [0-9]+/$asked \\|" 40
			score=$(tui_line "^─ step $k/$steps(, part [0-9]+/[0-9]+)?( Space: go on)?  score" |
				sed -E 's/.*score ([0-9]+)\/.*/\1/')
			right=$score
		fi
	}
	for k in $(seq 1 "$steps"); do
		# Space, then again at each later part of the step ("part I/M
		# Space: go on"), until the step has run whole
		part=1
		tui_keys Space
		while :; do
			tui_wait_for "^ 1-[0-9] your answer|^─ step $k/$steps(, part $part/[0-9]+)?( Space: go on)?  score $right/$asked \\|" 40
			if tui_line '^ 1-[0-9] your answer' >/dev/null; then
				ask_step
				tui_wait_for "^─ step $k/$steps(, part $part/[0-9]+)?( Space: go on)?  score [0-9]+/$asked \\|" 40
			fi
			tui_line "^─ step $k/$steps, part $part/[0-9]+ Space: go on" >/dev/null ||
				break
			part=$((part + 1))
			tui_keys Space
		done
	done
	tui_wait_for "$(tui_quote_re "-- end of lesson $name")\$"
	tui_line "end of lesson $name: the kernel disagreed" >/dev/null &&
		tui_fail_screen "$name: an expectation failed"
	[ "$questions" -ge 2 ] || fail "$name: only $questions questions"
	tui_keys q
	tui_wait_exit 0
	tui_stop
}

play 02-timewait-restart 6 6 "10 earlier calls, then server3 was killed; c3 (client) is closed; server4 is a new process; l4 (server4) is a new socket."
play 05-client-bind 1 4 "3 earlier calls, then d1 is bound to 127.0.0.1:4464; d1 has connected to 127.0.0.1:3463; d2 is a new socket; d2 has set SO_REUSEADDR."
exit 0
