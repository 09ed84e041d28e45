#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# messages.sh - messages that say what really happened, in a private
# network namespace:
#
#   - out of descriptors (ulimit -n) before the terminal is set up: the
#     TUI says it could not read the terminfo entry and why, never "no
#     terminfo entry" for a terminal that has one (needs script(1));
#   - a name that is only too long: "the name is too long (at most 31
#     characters)", not "not a socket name";
#   - --lesson FILE.cast (an asciicast recording): "is not a lesson";
#     a file with NUL bytes: "not a text file";
#   - the lesson directories: each searched (and named in a message) once,
#     whatever route leads to it (a trailing '/', a symbolic link); a
#     directory named NAME.stage is not a lesson;
#   - --dump out of descriptors while reading /proc: a row whose owner
#     could not be read ("-" or "PID/?") comes with the warning "owners
#     unknown: cannot read /proc: Too many open files"; the table is still
#     printed.

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
make_tmpdir

T=${SOCKSTAGE_TEST_TIMEOUT:-30}

# ---- terminfo and EMFILE --------------------------------------------------------

term=
for t in xterm screen vt100; do
	infocmp "$t" >/dev/null 2>&1 && { term=$t; break; }
done
if ! command -v script >/dev/null; then
	note "no script(1) (Debian package bsdutils): the terminfo message is not checked"
elif [ -z "$term" ]; then
	note "no terminfo entry for xterm, screen or vt100: the terminfo message is not checked"
else
	# From few descriptors up: at first the terminal cannot be set up,
	# then the stage cannot start. Never "no terminfo entry".
	seen=false
	for n in 3 4 5 6 7 8 9 10; do
		TERM=$term timeout -k 5 "$T" script -qec \
			"sh -c 'ulimit -n $n && exec \"\$0\" --no-color' '$SOCKSTAGE'" \
			/dev/null < <(sleep "$T") > "$tmp/tty.out" 2>&1
		rc=$?
		out=$(tr -d '\033' < "$tmp/tty.out" | grep -ao 'sockstage: .*' | tr -d '\r')
		note "ulimit -n $n: exit $rc: $out"
		[ "$rc" -ne 124 ] || fail "ulimit -n $n: the TUI did not end"
		! grep -q "no terminfo entry" <<< "$out" ||
			fail "ulimit -n $n: 'no terminfo entry' for TERM=$term, which has one"
		grep -qF "sockstage: cannot use the terminal (TERM=$term): cannot read its terminfo entry: Too many open files" \
			<<< "$out" && seen=true
		grep -q "cannot start the stage" <<< "$out" && break
	done
	$seen || fail "no limit gave the terminfo message"
fi

# ---- names -------------------------------------------------------------------------

run_sockstage <<'EOF'
socket tcp as abcdefghijklmnopqrstuvwxyz0123456789
abcdefghijklmnopqrstuvwxyz0123456789: show
socket tcp as 9abc
EOF
expect_rc 2 "names"
transcript_has "a socket name too long" "^.*:1:15: error: 'abcdefghijklmnopqrst\.\.\.': the name is too long \(at most 31 characters\)$"
transcript_has "a process name too long" "^.*:2:1: error: 'abcdefghijklmnopqrst\.\.\.': the name is too long \(at most 31 characters\)$"
transcript_has "not a name" "^.*:3:15: error: '9abc': not a socket name$"

# ---- not a lesson ------------------------------------------------------------------

printf '{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "socket tcp"]\n' > "$tmp/rec.cast"
run_cmd "$SOCKSTAGE" --lesson "$tmp/rec.cast"
expect_rc 2 "--lesson FILE.cast"
expect_err_has "sockstage: --lesson: '$tmp/rec.cast' is not a lesson: it is JSON (an asciicast recording? asciinema play replays it)"
printf 'socket tcp\n\0\1\2\n' > "$tmp/bin.stage"
run_cmd "$SOCKSTAGE" --lesson "$tmp/bin.stage"
expect_rc 2 "--lesson BINARY"
expect_err_has "sockstage: --lesson: '$tmp/bin.stage' is not a lesson: it is not a text file"

# ---- the lesson directories --------------------------------------------------------

src_lessons=$(cd "$top_srcdir/lessons" && pwd -P) || fail "no $top_srcdir/lessons"
ln -s "$src_lessons" "$tmp/link"
for dir in "$src_lessons/" "$tmp/link"; do
	SOCKSTAGE_LESSONS=$dir run_cmd "$SOCKSTAGE" --lesson no-such-lesson
	expect_rc 2 "SOCKSTAGE_LESSONS=$dir --lesson no-such-lesson"
	list=${run_err#*looked in }
	list=${list%)}
	note "looked in: $list"
	n=0
	IFS=, read -ra dirs <<< "$list"
	for d in "${dirs[@]}"; do
		d=${d# }
		[ "$(cd "$d" 2>/dev/null && pwd -P)" = "$src_lessons" ] && n=$((n + 1))
	done
	[ "$n" -eq 1 ] ||
		fail "SOCKSTAGE_LESSONS=$dir: the lessons directory named $n times: $list"
done
mkdir -p "$tmp/lessons/zz-dir.stage"
cp "$src_lessons/01-first-server.stage" "$tmp/lessons/"
SOCKSTAGE_LESSONS=$tmp/lessons run_cmd "$SOCKSTAGE" --list-lessons
expect_rc 0 "--list-lessons"
[ "$(grep -c '^01-first-server ' <<< "$run_out")" -eq 1 ] ||
	fail "--list-lessons: 01-first-server not listed exactly once"
expect_out_lacks "zz-dir" "--list-lessons lists a directory"

# ---- --dump out of descriptors ------------------------------------------------------

cat > "$tmp/hold.stage" <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3473
listen srv
wait 60s
EOF
"$SOCKSTAGE" --run "$tmp/hold.stage" > "$tmp/hold.out" 2>&1 &
holder=$!
kill_at_exit "$holder"
# the listener's owner: a worker of the holder, PID/sockstage
owned() { "$SOCKSTAGE" --dump --port 3473 | grep -qE ' [0-9]+/sockstage$'; }
wait_for 20 owned || fail "the holder's listener has no owner: $(cat "$tmp/hold.out")"
want=$("$SOCKSTAGE" --dump --port 3473)
want=${want##* }

warned=false
for n in 4 5 6 7 8 9 10 12 16; do
	(ulimit -n "$n" && exec timeout -k 5 "$T" "$SOCKSTAGE" --dump --port 3473) \
		> "$tmp/dump.out" 2> "$tmp/dump.err"
	rc=$?
	row=$(cat "$tmp/dump.out")
	err=$(cat "$tmp/dump.err")
	note "ulimit -n $n: exit $rc: $row | $err"
	[ "$rc" -ne 124 ] || fail "ulimit -n $n: --dump did not end"
	[ "$rc" -eq 0 ] || continue	# not even the netlink socket: said so
	grep -q ' 127\.0\.0\.1:3473 ' <<< "$row" || fail "ulimit -n $n: no row"
	owner=${row##* }
	if [ "$owner" != "$want" ]; then
		[ "$err" = "sockstage: owners unknown: cannot read /proc: Too many open files" ] ||
			fail "ulimit -n $n: owner '$owner' without the warning"
		warned=true
	fi
done
$warned || fail "no limit made --dump warn"

exit 0
