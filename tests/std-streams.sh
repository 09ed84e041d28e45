#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# std-streams.sh - standard input and output that are closed, full or not
# files, in a private network namespace. Every run has a timeout: none
# may hang (a closed descriptor 0 once became a worker's channel, which
# sockstage then read as its own input, forever).
#
#   - standard input closed: --run - and the plain line mode (input not a
#     terminal) say "standard input is closed", exit 2;
#   - standard output closed: --run FILE, --dump --no-owners, the line
#     mode, --help say "standard output is closed", exit 2, and run
#     nothing;
#   - standard error closed: --run FILE still runs and prints its
#     transcript, exit 0;
#   - standard output full (/dev/full): --run FILE, --dump, --list-lessons
#     say what they could not write and why, exit non-zero;
#   - --run DIR and --lesson DIR: "'DIR' is a directory", exit 2.

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
make_tmpdir

T=${SOCKSTAGE_TEST_TIMEOUT:-30}

# after RC OUT ERR: the last run's exit code and output, into the log.
ran()
{
	run_rc=$1
	run_out=$(cat "$tmp/out" 2>/dev/null)
	run_err=$(cat "$tmp/err" 2>/dev/null)
	note "exit $run_rc"
	[ -z "$run_out" ] || printf '%s\n' "$run_out" | sed 's/^/#   out: /'
	[ -z "$run_err" ] || printf '%s\n' "$run_err" | sed 's/^/#   err: /'
	[ "$run_rc" -ne 124 ] && [ "$run_rc" -ne 137 ] ||
		fail "$what: did not finish within ${T}s"
	expect_no_crash "$what"
}

# refused MESSAGE: exit 2 and MESSAGE (a whole line) on stderr.
refused()
{
	expect_rc 2 "$what"
	grep -qxF -- "$1" <<< "$run_err" ||
		fail "$what: stderr lacks the line '$1'"
}

cat > "$tmp/s.stage" <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3470 => ok
listen srv
EOF

# ---- closed --------------------------------------------------------------------

what="--run - with standard input closed"
note "$what"
rm -f "$tmp/out" "$tmp/err"
timeout -k 5 "$T" "$SOCKSTAGE" --run - <&- > "$tmp/out" 2> "$tmp/err"
ran $?
refused "sockstage: standard input is closed"

what="the line mode (input not a terminal) with standard input closed"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" <&- > "$tmp/out" 2> "$tmp/err"
ran $?
refused "sockstage: standard input is closed"

what="--run FILE with standard output closed"
note "$what"
rm -f "$tmp/out"
timeout -k 5 "$T" "$SOCKSTAGE" --run "$tmp/s.stage" >&- 2> "$tmp/err"
ran $?
refused "sockstage: standard output is closed"
[ -z "$(sockets)" ] || fail "$what: the script ran: $(sockets)"

what="--dump --no-owners with standard output closed"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --dump --no-owners >&- 2> "$tmp/err"
ran $?
refused "sockstage: standard output is closed"

what="the line mode with standard output closed"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" < "$tmp/s.stage" >&- 2> "$tmp/err"
ran $?
refused "sockstage: standard output is closed"
[ -z "$(sockets)" ] || fail "$what: the script ran: $(sockets)"

what="--help with standard output closed"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --help >&- 2> "$tmp/err"
ran $?
refused "sockstage: standard output is closed"

what="--run FILE with standard error closed"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --run "$tmp/s.stage" > "$tmp/out" 2>&-
ran $?
expect_rc 0 "$what"
grep -qxF "listen(s1, 4096) = 0" <<< "$run_out" ||
	fail "$what: the transcript lacks the listen"

# ---- full ------------------------------------------------------------------------

what="--run FILE with standard output full"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --run "$tmp/s.stage" > /dev/full 2> "$tmp/err"
ran $?
[ "$run_rc" -ne 0 ] || fail "$what: exit 0"
grep -qxF "sockstage: writing the transcript: No space left on device" \
	<<< "$run_err" || fail "$what: no clear message"

# --dump needs a row to write: a listener held by a script that waits
cat > "$tmp/hold.stage" <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3471
listen srv
wait 60s
EOF
"$SOCKSTAGE" --run "$tmp/hold.stage" > "$tmp/hold.out" 2>&1 &
kill_at_exit $!
listening() { [ -n "$("$SOCKSTAGE" --dump --no-owners --port 3471)" ]; }
wait_for 20 listening || fail "the holder did not listen: $(cat "$tmp/hold.out")"

what="--dump with standard output full"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --dump > /dev/full 2> "$tmp/err"
ran $?
[ "$run_rc" -ne 0 ] || fail "$what: exit 0"
grep -qxF "sockstage: writing the socket table: No space left on device" \
	<<< "$run_err" || fail "$what: no clear message"

what="--list-lessons with standard output full"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --list-lessons > /dev/full 2> "$tmp/err"
ran $?
[ "$run_rc" -ne 0 ] || fail "$what: exit 0"
grep -qxF "sockstage: writing the lesson list: No space left on device" \
	<<< "$run_err" || fail "$what: no clear message"

# ---- directories -------------------------------------------------------------------

mkdir "$tmp/dir" "$tmp/dir.stage"
what="--run DIR"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --run "$tmp/dir" > "$tmp/out" 2> "$tmp/err"
ran $?
refused "sockstage: '$tmp/dir' is a directory"

what="--lesson DIR"
note "$what"
timeout -k 5 "$T" "$SOCKSTAGE" --lesson "$tmp/dir.stage" < /dev/null \
	> "$tmp/out" 2> "$tmp/err"
ran $?
refused "sockstage: --lesson: '$tmp/dir.stage' is a directory"

exit 0
