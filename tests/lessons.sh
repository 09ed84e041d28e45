#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lessons.sh - the shipped lessons and how they are found (each lesson
# also runs as a test of its own through tests/run-stage):
#
#  1. every lessons/*.stage has a header (title, then a one-paragraph
#     about, before any step), narration (say) in every step, at least two
#     steps, and an expectation (=> or expect) somewhere; there are at
#     least the twenty-four lessons of the course, numbered 01-24;
#  2. --list-lessons lists each of them, in order, with its title;
#  3. --lesson finds a lesson by NN-name, name, number, and path; a name
#     that is no lesson says where it looked; --lesson without a terminal
#     says how to run it as a script; --predict and --no-sandbox alone,
#     --lesson with --run, are refused (exit 2);
#  4. SOCKSTAGE_LESSONS comes first: its lessons are listed and found,
#     a lesson there hides one of the same name elsewhere; a lesson that
#     does not parse is listed with its error, and --lesson refuses it.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
make_tmpdir

dir=$top_srcdir/lessons
courses="first-server timewait-restart who-gets-timewait forked-child
client-bind wildcard-specific reuseport-tcp udp-sharing multicast dual-stack
abortive-close listen-backlog half-close handshake-slow close-slow lost-syn
rst-or-silence why-timewait vanished-peer two-addresses stale-socket-file
socketpair-fork passing-sockets datagram-boundaries"

# ---- 1. headers and steps ------------------------------------------------------
note "1. every lesson has its header, narration and steps"
n=0
for f in "$dir"/*.stage; do
	[ -e "$f" ] || fail "no lessons in $dir"
	n=$((n + 1))
	b=${f##*/}
	awk -v f="$b" '
		/^[ \t]*(#|$)/ { next }
		!seen_title { if ($1 != "title" || NF < 2) { print f ": the first line is not a title"; bad = 1; exit }
			      seen_title = 1; next }
		!seen_about { if ($1 != "about" || NF < 4) { print f ": the second line is not an about paragraph"; bad = 1; exit }
			      seen_about = 1; next }
		$1 == "title" || $1 == "about" { print f ": a second " $1; bad = 1; exit }
		$1 == "pause" { if (!said) { print f ": step " steps + 1 " has no say"; bad = 1; exit }
				steps++; said = 0; body = 0; next }
		$1 == "say" { said = 1 }
		{ body = 1 }
		/=>|^[ \t]*expect / { expects++ }
		END { if (bad) exit 1
		      if (body) { if (!said) { print f ": the last step has no say"; exit 1 } steps++ }
		      if (steps < 2) { print f ": fewer than two steps"; exit 1 }
		      if (!expects) { print f ": no expectation"; exit 1 } }
	' "$f" || fail "lesson $b is not well formed"
done
[ "$n" -ge 24 ] || fail "only $n lessons in $dir (the course has 24)"
i=0
for c in $courses; do
	i=$((i + 1))
	printf -v want '%s/%02d-%s.stage' "$dir" "$i" "$c"
	[ -r "$want" ] || fail "lesson $i is missing: $want"
done

# ---- 2. the list --------------------------------------------------------------------
note "2. --list-lessons"
list=$(SOCKSTAGE_LESSONS= "$SOCKSTAGE" --list-lessons) || fail "--list-lessons failed"
printf '%s\n' "$list" | sed 's/^/#   /'
i=0
for c in $courses; do
	i=$((i + 1))
	printf -v name '%02d-%s' "$i" "$c"
	title=$(sed -n 's/^title //p' "$dir/$name.stage")
	grep -qxF -- "$(printf '%-22s %s' "$name" "$title")" <<< "$list" ||
	grep -qxF -- "$(printf '%-22s %s [needs root]' "$name" "$title")" <<< "$list" ||
		fail "--list-lessons does not list $name with its title"
done
sorted=$(awk '{ print $1 }' <<< "$list")
[ "$sorted" = "$(sort <<< "$sorted")" ] || fail "--list-lessons is not in order"

# ---- 3. finding -------------------------------------------------------------------------
note "3. --lesson finds lessons (and refuses to play without a terminal)"
for what in 02-timewait-restart timewait-restart 2 02 "$dir/02-timewait-restart.stage"; do
	err=$("$SOCKSTAGE" --lesson "$what" </dev/null 2>&1 >/dev/null)
	rc=$?
	[ "$rc" = 2 ] || fail "--lesson $what without a terminal: exit $rc"
	grep -qF -- "--lesson needs a terminal; to run the lesson as a script: --run " <<< "$err" &&
	grep -qF -- "02-timewait-restart.stage --sandbox" <<< "$err" ||
		fail "--lesson $what: $err"
done
err=$("$SOCKSTAGE" --lesson no-such-lesson </dev/null 2>&1)
[ $? = 2 ] && grep -qF "no lesson 'no-such-lesson' (--list-lessons lists them; looked in" <<< "$err" ||
	fail "an unknown lesson: $err"
for args in "--predict" "--no-sandbox" "--lesson 1 --run -" "--lesson 1 --sandbox --no-sandbox"; do
	# shellcheck disable=SC2086
	err=$("$SOCKSTAGE" $args </dev/null 2>&1)
	[ $? = 2 ] && [ -n "$err" ] || fail "'$args' was not refused: $err"
done

# ---- 4. SOCKSTAGE_LESSONS -------------------------------------------------------------------
note "4. SOCKSTAGE_LESSONS comes first"
mkdir -p "$tmp/mine"
printf 'title Mine first\nabout A lesson of my own, to check the search order.\nsay One.\nsocket tcp\npause\nsay Two.\nsocket udp => ok\n' \
	> "$tmp/mine/01-first-server.stage"
printf 'title Broken\nabout It does not parse.\nsay One.\nbind nothing 127.0.0.1:99999\n' \
	> "$tmp/mine/99-broken.stage"
list=$(SOCKSTAGE_LESSONS=$tmp/mine "$SOCKSTAGE" --list-lessons) || fail "--list-lessons failed"
grep -qxF "$(printf '%-22s %s' 01-first-server "Mine first")" <<< "$list" ||
	fail "SOCKSTAGE_LESSONS does not come first: $list"
[ "$(grep -c '^01-first-server ' <<< "$list")" = 1 ] || fail "01-first-server listed twice"
grep -q '^02-timewait-restart ' <<< "$list" || fail "the other lessons are not listed with SOCKSTAGE_LESSONS"
grep -qE '^99-broken +\(cannot load: .*/99-broken\.stage:4:[0-9]+: error: ' <<< "$list" ||
	fail "a broken lesson is not listed with its error: $list"
err=$(SOCKSTAGE_LESSONS=$tmp/mine "$SOCKSTAGE" --lesson 1 </dev/null 2>&1)
grep -qF "$tmp/mine/01-first-server.stage" <<< "$err" || fail "--lesson 1 did not find mine: $err"

note "5. a copy outside the build tree does not look into the source tree"
mkdir -p "$tmp/bin"
cp -- "$SOCKSTAGE" "$tmp/bin/sockstage" || fail "cannot copy the program"
err=$("$tmp/bin/sockstage" --lesson 02-timewait-restart </dev/null 2>&1)
src=$(cd "$top_srcdir" && pwd)
grep -qF "$src/lessons/" <<< "$err" &&
	fail "a copy outside the build tree found the source tree's lesson: $err"
mkdir -p "$tmp/bin/lessons"
cp -- "$tmp/mine/01-first-server.stage" "$tmp/bin/lessons/"
err=$("$tmp/bin/sockstage" --lesson first-server </dev/null 2>&1)
grep -qF "$tmp/bin/lessons/01-first-server.stage" <<< "$err" ||
	fail "the lessons beside the program are not found: $err"
exit 0
