#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-lesson.sh - a lesson played in the TUI, through tmux, in a private
# network namespace (and each lesson in a namespace of its own inside it):
#
#  1. --lesson FILE: the caption shows the lesson's about text and the
#     header "step 0/4"; Space and Enter run the steps one by one: the
#     caption shows each step's narration, the header and caption count
#     the steps, the kernel view shows what the step made (LISTEN, the two
#     ESTAB rows, TIME-WAIT), the last step's EADDRINUSE is in the log and
#     the caption says the lesson is over; Space then only says so;
#  2. R restarts in a fresh network namespace: step 0/4, the TIME-WAIT of
#     the last try is gone, and a bind of the same port works at once;
#  3. G goes to a step: "go to step 3" replays steps 1-2 silently (their
#     calls are not in the log) and plays step 3 as Space would (its
#     caption, its calls, its TIME-WAIT); G with a bad answer says so;
#  4. --predict: in each step that asserts, after its narration and the
#     lines before the call asked about, the question (the call without
#     its "=> ..." answer) and the choices, the key bar's range
#     as many as the choices (1-4, 1-3), what changed since the last
#     question; Esc skips it: the step runs, the
#     score stays 0/0; answers wrong, right give the score 1/2 at the
#     end; a step without assertions asks nothing;
#  1b. W writes the session so far as a C program that compiles and,
#     run in a namespace of its own, gives the lesson's results; W never
#     replaces an existing file nor writes through a symbolic link;
#  5. a lesson found by name (SOCKSTAGE_LESSONS, NN-name, name, number);
#     q quits with status 0 and leaves no process.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

quote() { tui_quote_re "$1"; }
wait_text() { tui_wait_for "$(quote "$1")" "${2:-}"; }
has_now() { tui_line "$1" >/dev/null || tui_fail_screen "expected /$1/ on the screen"; }
caption() { tui_wait_for "^ .*$(quote "$1")"; }	# the caption's text
header_step() { tui_wait_for "^ sockstage \\| step $1 \\| sandbox netns"; }
krow() { printf '^[ !] tcp +%s +[0-9]+ +[0-9]+ +%s ' "$1" "$2"; }
LP='127\.0\.0\.1:3459'

mkdir -p "$tmp/lessons"
lesson=$tmp/lessons/07-restart-test.stage
cat > "$lesson" <<'STAGE'
title Restart test: TIME-WAIT in the way
about A listener, one connection that the server closes first, and a restart that fails.
say Step one: a listener on 127.0.0.1:3459.
socket tcp as srv
bind srv 127.0.0.1:3459 => ok
listen srv => ok
pause
say Step two: a client connects, the server accepts.
socket tcp as cli
connect cli 127.0.0.1:3459 => ok
accept srv as conn => ok
pause
say Step three: the server side closes first and keeps TIME-WAIT.
close conn
close cli
close srv
expect TIME-WAIT 127.0.0.1:3459
pause
say Step four: the restart fails.
socket tcp as new
bind new 127.0.0.1:3459 => EADDRINUSE
STAGE

# ---- 1. stepping ------------------------------------------------------------------
note "1. Space and Enter run the steps"
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson"
header_step 0/4
caption "A listener, one connection that the server closes first"
caption "Press Space to"
tui_wait_for '^─ step 0/4 \| 07-restart-test: Restart test: TIME-WAIT in the way'
tui_wait_for '^ Space next step +R restart +G go to +C checks'
tui_keys Space
header_step 1/4
caption "Step one: a listener on 127.0.0.1:3459."
tui_wait_for "$(krow LISTEN "$LP")"
wait_text "listen(s1, 4096) = 0"
tui_keys Enter
header_step 2/4
caption "Step two: a client connects, the server accepts."
tui_wait_for "$(krow ESTAB "$LP")"
tui_wait_for "$(krow ESTAB '127\.0\.0\.1:[0-9]+') *$LP"
tui_line "Step one" >/dev/null && tui_fail_screen "step one's narration still shown"
tui_keys Space
header_step 3/4
tui_wait_for "$(krow TIME-WAIT "$LP")"
tui_keys Space
header_step 4/4
wait_text "bind(s4, 127.0.0.1:3459) = -1 EADDRINUSE"
caption "End of the lesson. R plays it again."
wait_text "-- end of lesson 07-restart-test"
tui_keys Space
wait_text "the lesson is over: R plays it again"

# ---- 1b. W: the session so far as a C program -----------------------------------------
note "1b. W writes the session as C; it compiles and gives the same results"
tui_keys W
tui_wait_for 'write the session as C to:'
tui_keys C-u
tui_text "$tmp/session.c"
tui_keys Enter
wait_text "the session so far is in $tmp/session.c"
[ -s "$tmp/session.c" ] || fail "W wrote nothing"
tui_keys W		# never over an existing file
tui_wait_for 'write the session as C to:'
tui_keys C-u
tui_text "$tmp/session.c"
tui_keys Enter
wait_text "W: '$tmp/session.c' exists; not replacing it"
wait_text "W again with another name"
printf 'precious\n' > "$tmp/victim"
ln -s victim "$tmp/link.c"
tui_keys W		# never through a symbolic link
tui_wait_for 'write the session as C to:'
tui_keys C-u
tui_text "$tmp/link.c"
tui_keys Enter
wait_text "W: '$tmp/link.c' is a symbolic link; not writing through it"
[ "$(cat "$tmp/victim")" = precious ] || fail "W wrote through a symbolic link"
if command -v cc >/dev/null 2>&1; then
	cc -std=c11 -Wall -Wextra -Werror -o "$tmp/session" "$tmp/session.c" ||
		fail "the session's C program does not compile"
	# in a namespace of its own: the lesson's TIME-WAIT is in this one
	if [ "$(id -u)" = 0 ]; then
		out=$(unshare -n sh -c 'ip link set lo up && "$1"' sh "$tmp/session") ||
			fail "the session's program failed: $out"
		printf '%s\n' "$out" | sed 's/^/#   /'
		grep -qxF "bind(s1, 127.0.0.1:3459) = 0" <<< "$out" &&
		grep -qE '^accept\(s1\) = s3 \(conn\) from 127\.0\.0\.1:[0-9]+$' <<< "$out" &&
		grep -qxF "bind(s4, 127.0.0.1:3459) = -1 EADDRINUSE (Address already in use)" <<< "$out" ||
			fail "the session's program did not give the lesson's results"
	fi
else
	note "no C compiler: the program is not compiled"
fi

# ---- 2. restart: a fresh namespace ---------------------------------------------------
note "2. R: from the beginning, in a fresh network namespace"
tui_keys R
header_step 0/4
caption "From the beginning, in a fresh network namespace."
wait_text "-- lesson 07-restart-test restarted in a fresh network namespace"
tui_wait_gone "$(krow TIME-WAIT "$LP")"
tui_type_cmd ":socket tcp as probe"
tui_type_cmd ":bind probe 127.0.0.1:3459"
wait_text "bind(s1, 127.0.0.1:3459) = 0"
tui_type_cmd ":close probe"
wait_text "close(s1) = 0"

# ---- 3. G: replay silently ---------------------------------------------------------------
note "3. G replays up to a step silently"
tui_keys G
tui_wait_for 'go to step \(1-4\):'
tui_text "3"
tui_keys Enter
caption "Step three: the server side closes first and keeps TIME-WAIT."
header_step 3/4
tui_wait_for "$(krow TIME-WAIT "$LP")"
tui_wait_for "$(quote "expect TIME-WAIT 127.0.0.1:3459")"	# step 3 plays, as Space plays it
tui_line "$(quote "listen(s1, 4096) = 0")" >/dev/null &&
	tui_fail_screen "a replayed call shows in the log"
tui_keys G
tui_wait_for 'go to step \(1-4\):'
tui_text "x"
tui_keys Enter
wait_text "'x' is not a step number (1-4)"
tui_keys G
tui_text "9"
tui_keys Enter
wait_text "no step 9: steps are 1 to 4"
header_step 3/4
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 4. predict ------------------------------------------------------------------------------
note "4. --predict: questions, answers, the score"
tui_start 160 30 "$SOCKSTAGE" --lesson "$lesson" --predict
header_step 0/4
tui_wait_for '^─ step 0/4  score 0/0 \|'
tui_keys Space		# the narration, then the question
caption 'Step one: a listener on 127.0.0.1:3459. Predict: what will "listen srv" do?  1 succeeds  2 EADDRINUSE  3 EINVAL  4 EOPNOTSUPP'
header_step 1/4
wait_text "bind(s1, 127.0.0.1:3459) = 0"	# the lines before it ran
tui_line "$(quote "listen(s1, 4096)")" >/dev/null &&
	tui_fail_screen "the line asked about ran before the answer"
tui_line '=> ok' >/dev/null && tui_fail_screen "the question gives its answer away"
tui_wait_for '^ 1-4 your answer +Esc skip the question'	# 4 choices: 1-4
tui_keys Escape		# skipped: the step runs, the score stays
header_step 1/4
caption "(Question skipped: not scored.)"
wait_text "listen(s1, 4096) = 0"
tui_wait_for '^─ step 1/4  score 0/0 \|'
tui_wait_for '^ Space next step +R restart'
tui_keys Space
caption 'Step two: a client connects, the server accepts. Since the last question: cli is a new socket; cli has connected to 127.0.0.1:3459.'
wait_text '-- predict: what will "accept srv as conn" do? (keys 1-3)'
tui_wait_for '^ 1-3 your answer +Esc skip the question'	# 3 choices: 1-3
tui_keys 2
header_step 2/4
wait_text "predict: You said: EAGAIN. The kernel: succeeds. Not this time."
tui_wait_for '^─ step 2/4  score 0/1 \|'
tui_keys Space		# step 3 asserts nothing: no question
header_step 3/4
caption "Step three: the server side closes first and keeps TIME-WAIT."
tui_keys Space
caption 'Step four: the restart fails. Since the last question: conn is closed; cli is closed; srv is closed; new is a new socket.'
wait_text '-- predict: what will "bind new 127.0.0.1:3459" do? (keys 1-4)'
tui_keys 2
header_step 4/4
wait_text "predict: You said: EADDRINUSE. The kernel: EADDRINUSE. Right!"
caption "End of the lesson. Your score: 1"
tui_wait_for '^─ step 4/4  score 1/2 \|'
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 5. by name --------------------------------------------------------------------------------
note "5. found by name and number in SOCKSTAGE_LESSONS"
for name in restart-test 7 07 07-restart-test; do
	tui_start 100 30 SOCKSTAGE_LESSONS="$tmp/lessons" "$SOCKSTAGE" --lesson "$name"
	tui_wait_for '^─ step 0/4 \| 07-restart-test: Restart test'
	[ "$(tui_procs | wc -l)" -ge 2 ] ||
		fail "expected sockstage and its worker running, found: $(tui_ps)"
	tui_keys q
	tui_wait_exit 0
	tui_no_procs
	tui_stop
done
exit 0
