#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-lessons-screen.sh - every shipped lesson can be followed on a
# projector's screen: played with Space at 80x24 and at 100x30, at the end
# of every step
#   - every kernel row that the step's closing "expect" lines name is on
#     screen, in the kernel panel: its state, its local address and its
#     peer (an address cut to fit keeps its end, after a '~'; a UNIX row,
#     its state and its path or @name). Closing:
#     after the step's last call (an expect between two calls speaks of a
#     moment the step has left behind); "expect no ..." and "expect
#     segment ..." name no row; "expect on HOST ..." names a row of that
#     host's kernel panel (its rows look as the Kernel panel's); and
#   - the caption begins with the first sentence of the step's narration;
# and at the end of every part of a step whose narration goes on after
# its first calls (Space plays it part by part), the caption shows the
# first sentence of that part's narration.
# Lessons marked "# needs: root" are left out when not root. Each run is a
# lesson in a namespace of its own.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

# The steps of a lesson, one line each, fields split by a tab: the first
# sentence of its narration; the first sentence of each of its later
# parts (a say after a call of the step and before another begins one),
# split by '|'; then its expect lines without "expect " (the fields of
# each split by '|').
lesson_steps()
{
	awk '
	function sentence(s) {
		sub(/^[ \t]*say[ \t]+/, "", s)
		if (match(s, /[.?!] /))
			s = substr(s, 1, RSTART)
		return s
	}
	function flush() {
		# "-": none (read would fold two tabs into one)
		printf "%s\t%s", first == "" ? "-" : first, parts == "" ? "-" : parts
		for (i = 1; i <= ne; i++)
			printf "\t%s", e[i]
		printf "\n"
		first = ""; parts = ""; ne = 0; called = 0; pending = ""
	}
	/^[ \t]*(#|$)/ { next }
	/^[ \t]*(title|about)[ \t]/ { next }
	/^[ \t]*pause[ \t]*$/ { flush(); next }
	/^[ \t]*say[ \t]/ {
		if (first == "")
			first = sentence($0)
		else if (called && pending == "")
			pending = sentence($0)
		next
	}
	pending != "" {
		parts = parts (parts == "" ? "" : "|") pending
		pending = ""
	}
	{ called = 1 }
	/^[ \t]*show[ \t]*$/ { next }
	# "expect on HOST ...": a row of that host, in its own kernel panel
	/^[ \t]*expect[ \t]/ { at = $2 == "on" ? 4 : 2 }
	/^[ \t]*expect[ \t]/ && ($at == "no" || $at == "segment") { next }
	/^[ \t]*expect[ \t]/ {
		f = ""
		for (i = at; i <= NF; i++)
			f = f (i > at ? "|" : "") $i
		e[++ne] = f
		next
	}
	{ ne = 0 }	# a call: the expect lines before it are past
	END { flush() }' "$1"
}

# An address as the kernel panel shows it: whole, or its end after '~';
# a dual-stack [::]:P as ss prints it, *:P.
addr_shown()	# SHOWN WANTED
{
	[ "$1" = "$2" ] && return 0
	[[ $2 == "[::]:"* && $1 == "*:${2#\[::\]:}" ]] && return 0
	[[ $1 == "~"?* ]] || return 1
	[[ $2 == *"${1#\~}" ]]
}

# Is the row "[tcp|udp] STATE LOCAL [PEER]" on screen? A UNIX row
# ("expect STATE PATH|@NAME") is "u_str STATE RECV SEND NAME sN * PEER":
# its name is the first word after the queues.
row_on_screen()	# FIELDS (split by '|')
{
	local -a f
	local proto=tcp\|udp\|u_str\|u_dgr\|u_seq line re
	IFS='|' read -r -a f <<< "$1"
	if [ "${f[0]}" = tcp ] || [ "${f[0]}" = udp ]; then
		proto=${f[0]}
		f=("${f[@]:1}")
	fi
	re="^[ !] ($proto) +${f[0]} +[0-9]+ +[0-9]+ +([^ ]+) +([^ ]+)"
	while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		# a UNIX row: its second word is its stage id, not a peer
		[[ ${BASH_REMATCH[1]} == u_* && -n ${f[2]:-} ]] && continue
		addr_shown "${BASH_REMATCH[2]}" "${f[1]}" || continue
		[ -z "${f[2]:-}" ] || addr_shown "${BASH_REMATCH[3]}" "${f[2]}" ||
			continue
		return 0
	done <<< "$tui_screen_text"
	return 1
}

# The caption's text: its rows under the "─ step" title, up to the next
# panel's title, blanks squeezed.
caption_text()
{
	awk '/^─ step / { on = 1; next } on && /^─/ { exit }
	     on { printf "%s ", $0 }' <<< "$tui_screen_text" | tr -s ' ' |
		sed 's/^ //'
}

# The caption has SENTENCE (blanks squeezed).
caption_has()	# SENTENCE
{
	local want text
	want=$(tr -s ' ' <<< "$1")
	text=$(caption_text)
	[[ $text == *"$want"* ]]
}

# The caption begins with SENTENCE (blanks squeezed).
caption_begins()	# SENTENCE
{
	local want text
	want=$(tr -s ' ' <<< "$1")
	text=$(caption_text)
	[ "${text:0:${#want}}" = "$want" ]
}

# Everything the step must show, on the screen as captured now.
step_shown()	# STEPLINE
{
	local -a parts
	local e
	tui_capture
	IFS=$'\t' read -r -a parts <<< "$1"
	if [ "${parts[0]}" != - ] && ! caption_begins "${parts[0]}"; then
		why="the caption does not begin with: ${parts[0]}"
		return 1
	fi
	for e in "${parts[@]:2}"; do
		if ! row_on_screen "$e"; then
			why="the kernel row is not on screen: ${e//|/ }"
			return 1
		fi
	done
	return 0
}

# Step K of N part by part (tui_play_step), each part's first sentence
# in the caption once the part has run.
play_parts()	# K N STEPLINE
{
	local k=$1 n=$2 part=1 more=' \[[^]]*\]' title="^─ step $1/$2"
	local -a fields sentences
	IFS=$'\t' read -r -a fields <<< "$3"
	sentences=()
	[ "${fields[1]}" = - ] || IFS='|' read -r -a sentences <<< "${fields[1]}"
	tui_keys Space
	# a part may wait for the kernel (a SYN retry): bounded
	tui_wait_for "$title(, part 1/[0-9]+)?( Space: go on)?($more)? \\| " 40
	while tui_matches "$title, part $part/[0-9]+ Space: go on"; do
		part=$((part + 1))
		tui_keys Space
		tui_wait_for "$title, part $part/[0-9]+( Space: go on)?($more)? \\| " 40
		tui_wait_cond "$(tui_scale 5)" caption_has "${sentences[part - 2]}" ||
			tui_fail_screen "$name at ${size/ /x}, step $k/$n, part $part:" \
				"the caption does not show: ${sentences[part - 2]}"
		parts_checked=$((parts_checked + 1))
	done
	[ "$part" -eq $((${#sentences[@]} + 1)) ] ||
		tui_fail_screen "$name at ${size/ /x}, step $k/$n: $part parts, the" \
			"lesson has $((${#sentences[@]} + 1))"
}

checked=0 parts_checked=0
for f in "$top_srcdir"/lessons/*.stage; do
	name=${f##*/}
	name=${name%.stage}
	if grep -q '^# needs: root' "$f" && [ "$(id -u)" != 0 ]; then
		note "$name: left out (needs root)"
		continue
	fi
	mapfile -t steps < <(lesson_steps "$f")
	n=${#steps[@]}
	for size in "80 24" "100 30"; do
		note "$name at ${size/ /x}: $n steps"
		# shellcheck disable=SC2086
		tui_start $size "$SOCKSTAGE" --lesson "$f"
		tui_wait_for "^─ step 0/$n[ |]"
		for k in $(seq 1 "$n"); do
			play_parts "$k" "$n" "${steps[k - 1]}"
			why=
			tui_wait_cond "$(tui_scale 5)" step_shown "${steps[k - 1]}" ||
				tui_fail_screen "$name at ${size/ /x}, step $k/$n: $why"
			checked=$((checked + 1))
		done
		tui_keys q
		tui_wait_exit 0
		tui_stop
	done
done
[ "$checked" -gt 0 ] || fail "no lesson step checked"
note "$checked steps checked, $parts_checked later parts"
exit 0
