#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# unix-dir.sh - the stage's own directory for relative UNIX paths: made
# under $TMPDIR when a line first uses one (never before: a script
# without one leaves no trace), every process of the stage works in it
# (a process spawned after it was made too), and it is gone with its
# socket files when the stage ends, however it ends: normally, SIGTERM,
# SIGKILL of sockstage (its janitor process removes it then, and ends).
# An absolute path is the user's: it stays.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

export TMPDIR=$tmp/t
mkdir -p "$TMPDIR" || fail "mkdir"

dir_count() { find "$TMPDIR" -mindepth 1 -maxdepth 1 | wc -l; }
no_dirs() { [ "$(dir_count)" -eq 0 ]; }
no_janitor() { ! pgrep -x sockstage-dir >/dev/null; }

# ---- 1. a script without a relative path: no directory --------------------
run_sockstage <<'S'
socket unix stream as a => ok
bind a @only-abstract => ok
socket tcp as t => ok
S
[ "$run_rc" -eq 0 ] || fail "1: exit $run_rc"
no_dirs || fail "1: a directory was made without a relative path: $(ls "$TMPDIR")"

# ---- 2. normal end: made, used by every process, gone --------------------
run_sockstage <<S
socket unix stream as srv => ok
bind srv srv.sock => ok
listen srv => ok
spawn late => ok
late: socket unix stream as c => ok
late: connect c srv.sock => ok
socket unix dgram as abs => ok
bind abs $tmp/absolute.sock => ok
S
[ "$run_rc" -eq 0 ] || fail "2: exit $run_rc"
transcript_has "2: bind relative" '^bind\(s1, "srv\.sock"\) = 0$'
wait_for 5 no_janitor || fail "2: the janitor is still there after the end"
no_dirs || fail "2: the directory is left: $(find "$TMPDIR")"
[ -S "$tmp/absolute.sock" ] || fail "2: the absolute path's socket file went too"

# ---- 3. SIGTERM and SIGKILL -----------------------------------------------
for sig in TERM KILL; do
	cat > "$tmp/hold.stage" <<'S'
socket unix stream as srv
bind srv srv.sock
listen srv
socketpair stream as a b
wait 60s
S
	"$SOCKSTAGE" --run "$tmp/hold.stage" > "$tmp/hold.out" 2>&1 &
	pid=$!
	kill_at_exit "$pid"
	has_sock() { [ -n "$(find "$TMPDIR" -mindepth 2 -name srv.sock -type s)" ]; }
	wait_for 20 has_sock || fail "3 ($sig): no srv.sock appeared in a directory under $TMPDIR"
	note "3 ($sig): $(find "$TMPDIR" -mindepth 1)"
	dirmode=$(stat -c %a "$(find "$TMPDIR" -mindepth 1 -maxdepth 1)")
	[ "$dirmode" = 755 ] || fail "3: the directory's mode is $dirmode, not 755"
	kill -"$sig" "$pid"
	wait "$pid" 2>/dev/null
	wait_for 10 no_dirs || fail "3 ($sig): the directory is left: $(find "$TMPDIR")"
	wait_for 10 no_janitor || fail "3 ($sig): the janitor did not end"
	wait_for 10 no_stage_pids || fail "3 ($sig): processes are left: $(stage_pids)"
done

# ---- 4. the janitor survives the signals a terminal sends its group --------
"$SOCKSTAGE" --run "$tmp/hold.stage" > "$tmp/hold.out" 2>&1 &
pid=$!
kill_at_exit "$pid"
wait_for 20 has_sock || fail "4: no srv.sock appeared"
jan=$(pgrep -x sockstage-dir) || fail "4: no janitor process (sockstage-dir)"
kill -INT "$jan"; kill -HUP "$jan"; kill -TERM "$jan"; kill -QUIT "$jan"
sleep 0.2
kill -0 "$jan" 2>/dev/null || fail "4: a signal ended the janitor before its work"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
wait_for 10 no_dirs || fail "4: the directory is left"
exit 0
