#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# worker-stop.sh - a worker stopped with SIGSTOP in the middle of a batch
# run (--run -, lines fed through a pipe as they are needed):
#
#  - a call for it ends at once with "process 'w' (pid N) does not answer:
#    stopped?" (the kernel says it is stopped), well within the deadline;
#  - the run goes on: a call in another process works meanwhile;
#  - after SIGCONT the worker's late answer (the bind it did after all) is
#    set aside, never taken as the answer to the next call, and the next
#    calls get their own answers;
#  - a fork of the stopped process, and a stopped forked child, are
#    bounded too; the run ends (exit 2: a line could not be run) and no
#    process is left.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

mkfifo "$tmp/in" || fail "mkfifo"
"$SOCKSTAGE" --run - < "$tmp/in" > "$tmp/out" 2> "$tmp/err" &
spid=$!
exec 3> "$tmp/in"
at_exit kill -KILL "$spid"

out_has() { grep -qF -- "$1" "$tmp/out"; }
# feed LINE, then wait until the transcript has TEXT
feed()
{
	printf '%s\n' "$1" >&3
	wait_for 10 out_has "$2" || {
		cat "$tmp/out" "$tmp/err"
		fail "after '$1': no '$2' in the transcript"
	}
}

feed "spawn w" "spawn(w) = pid "
wpid=$(sed -n 's/^spawn(w) = pid \([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$wpid" ] || fail "no pid for w"
at_exit kill -KILL "$wpid"
feed "w: socket tcp as a" "socket(AF_INET, SOCK_STREAM, 0) = s1 (a)"

kill -STOP "$wpid" || fail "cannot stop $wpid"
t0=$(lib_now_us)
feed "w: bind a 127.0.0.1:4000" "does not answer: stopped?"
t1=$(lib_now_us)
note "reported after $(( (t1 - t0) / 1000 )) ms"
grep -qE "^<stdin>:[0-9]+:1: error: process 'w' \(pid $wpid\) does not answer: stopped\?" \
	"$tmp/out" || fail "the message does not name the process and its pid"
(( t1 - t0 < 3000000 )) || fail "took $(( (t1 - t0) / 1000 )) ms to notice a stopped worker"

feed "socket udp as u" "socket(AF_INET, SOCK_DGRAM, 0) = s2 (u)"
feed "fork w as kid" "<stdin>:5:1: error: process 'w' (pid $wpid) does not answer: stopped?"

kill -CONT "$wpid" || fail "cannot continue $wpid"
feed "w: listen a" "listen(s1, 4096) = 0"
out_has "process 'w' answered an earlier request too late: that answer was set aside" ||
	fail "the late answer is not reported as set aside"
feed "w: socket tcp as b" "socket(AF_INET, SOCK_STREAM, 0) = s3 (b)"
feed "w: bind b 127.0.0.1:4001" "bind(s3, 127.0.0.1:4001) = 0"
feed "show" "tcp BOUND"
grep -qE '^tcp LISTEN .*127\.0\.0\.1:4000 .* s1 @ w$' "$tmp/out" ||
	fail "the bind the worker did after all is not in the kernel view"

# a forked child stopped: the same, and at the end nothing is left
feed "fork w as kid2" "fork(w) = pid "
kpid=$(sed -n 's/^fork(w) = pid \([0-9]*\) (kid2)$/\1/p' "$tmp/out")
[ -n "$kpid" ] || fail "no pid for kid2"
kill -STOP "$kpid"
feed "kid2: close a" "process 'kid2' (pid $kpid) does not answer: stopped?"
feed "w: close a" "close(s1) = 0"

exec 3>&-
wait_for 10 eval '! kill -0 $spid 2>/dev/null' || fail "sockstage did not end at EOF"
wait "$spid"
rc=$?
[ "$rc" -eq 2 ] || { cat "$tmp/out" "$tmp/err"; fail "exit $rc, expected 2 (lines that could not run)"; }
wait_for 5 eval '! kill -0 $kpid 2>/dev/null' || fail "the stopped child $kpid outlived the run"
wait_for 5 eval '! kill -0 $wpid 2>/dev/null' || fail "the worker $wpid outlived the run"
wait_for 5 no_stage_pids || fail "processes left: $(stage_pids)"
note "transcript:"
cat "$tmp/out"
