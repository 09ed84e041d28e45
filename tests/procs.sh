#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# procs.sh - processes on stage (spawn, fork, exit, kill, uid): what a
# .stage file cannot express. The kernel side of processes is in
# tests/behaviour/{holders,fork-child-holds,kill-restart,
# reuseport-other-uid}.stage; the basic lifecycle (no worker survives
# sockstage's normal end, SIGTERM or SIGKILL, a forked child of a spawned
# worker included) is tests/batch.sh part 8. Here, in a private network
# namespace:
#
#  1. the transcript's words: EBADF on a socket of another process names
#     its holders ("held by: ..."); the owner column of a connection a
#     forked child kept after its parent exited reads "@ CHILD";
#  2. changing uid without the right to: "spawn NAME uid N" fails with a
#     plain message, the run goes on:
#     a. as an ordinary user (uid 65534, real root needed to get there):
#        EPERM, "needs root or CAP_SETUID" (switching to one's own uid
#        works);
#     b. in a user namespace ("unshare -rn"), where only one uid is mapped:
#        EINVAL, "not mapped";
#  3. a worker killed from outside (kill -9 of its pid, found in /proc
#     among the children of sockstage): the next command naming it
#     reports "process 'w' (pid N) died", later lines still run (exit 2:
#     the death is a line error); its forked child keeps the shared
#     listener and is adopted by sockstage (a child subreaper);
#  4. no worker survives sockstage (normal end, SIGTERM, SIGKILL) when the
#     process tree has holes: a worker killed from outside, its forked
#     child and grandchild (a fork of a fork), and the forked child of a
#     worker that exited; all of them must go, within a bounded wait;
#  5. after "kill" of a server, its FIN-WAIT-2 (a TIME-WAIT mini-socket
#     already, kill-restart.stage) expires after net.ipv4.tcp_fin_timeout
#     when the client never closes (2 s here, set in the test's namespace;
#     60 s by default): then the port is free for a restart without any
#     option, while the client stays in CLOSE-WAIT;
#  6. "exit" and "kill" of a forked child (not sockstage's own child: its
#     parent worker reaps it) return once it is gone and the kernel has
#     closed what it held: the very next show has no row of its end of a
#     socketpair, and recv returns 0 (never EAGAIN), many times over.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# ---- helpers -------------------------------------------------------------

has_line()
{
	grep -Eq -- "$2" <<< "$run_out" ||
		fail "$1: no transcript line matches /$2/"
}

lacks_line()
{
	! grep -Eq -- "$2" <<< "$run_out" ||
		fail "$1: a transcript line matches /$2/"
}

# result_of CMDLINE: the line right after the echo "> CMDLINE"
result_of()
{
	awk -v l="> $1" 'found { print; exit } $0 == l { found = 1 }' \
		<<< "$run_out"
}

expect_result()
{
	local r
	r=$(result_of "$2")
	[[ $r =~ $3 ]] || fail "$1: '$2' gave '$r', expected /$3/"
}

# run_as CMD... <<'EOF': run "CMD... $SOCKSTAGE --run -" on the script
# read from standard input (CMD drops privileges or makes a namespace; the
# script goes through a pipe, so nobody need not read $tmp).
run_as()
{
	lib_runs=$(( ${lib_runs:-0} + 1 ))
	local n=$tmp/run$lib_runs
	cat > "$n.stage" || fail "cannot write $n.stage"
	( cd / && timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-60}" \
		"$@" "$SOCKSTAGE" --run - ) < "$n.stage" > "$n.out" 2> "$n.err"
	run_rc=$?
	run_out=$(cat "$n.out")
	run_err=$(cat "$n.err")
	note "$* sockstage --run - <<EOF"
	sed 's/^/#   /' "$n.stage"
	note "exit $run_rc; transcript:"
	printf '%s\n' "$run_out"
	[ -z "$run_err" ] || { note "stderr:"; printf '%s\n' "$run_err"; }
	[ "$run_rc" -ne 124 ] || fail "sockstage did not finish in time"
}

# ppid_of PID: the parent pid ("" when PID is gone)
ppid_of()
{
	sed -n 's/^PPid:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null
}

# is_child_of PID PARENT
is_child_of() { [ "$(ppid_of "$1")" = "$2" ]; }

# ---- 1. the transcript names holders -----------------------------------------
# The scenario of fork-child-holds.stage: srv accepts, forks kid, kid
# closes the listener, srv exits; the connection is kid's alone.
run_sockstage <<'EOF'
spawn srv => ok
spawn cli => ok
srv: socket tcp as l => ok
srv: bind l 127.0.0.1:6301 => ok
srv: listen l => ok
cli: socket tcp as c => ok
cli: bind c 127.0.0.1:6302 => ok
cli: connect c 127.0.0.1:6301 => ok
srv: accept l as conn => ok
fork srv as kid => ok
cli: accept l => EBADF
show
kid: close l => ok
kid: accept l => EBADF
exit srv => ok
cli: accept l => EBADF
show
EOF
expect_no_crash "holders"
expect_rc 0 "holders"
# (the holders list may come in either order)
has_line "two holders" '^  s1 is not held by process .cli. \(held by: (srv, kid|kid, srv)\)$'
has_line "one holder" "^  s1 is not held by process 'kid' \\(held by: srv\\)\$"
has_line "no holder" '^  s1 is closed: no process holds it any more$'
# the owner column (blanks in it may print as '_'): before srv's exit the
# connection is "@ srv, kid", after it "@ kid"
before=$(sed -n '/^> exit srv => ok$/q;p' <<< "$run_out")
after=$(sed -n '/^> exit srv => ok$/,$p' <<< "$run_out")
grep -Eq '^tcp +ESTAB +.* 127\.0\.0\.1:6301 +127\.0\.0\.1:6302 .* s3[ _]@[ _](srv,[ _]kid|kid,[ _]srv)$' <<< "$before" ||
	fail "owner: before srv exits, the connection is not shown '@ srv, kid'"
grep -Eq '^tcp +ESTAB +.* 127\.0\.0\.1:6301 +127\.0\.0\.1:6302 .* s3[ _]@[ _]kid$' <<< "$after" ||
	fail "owner: after srv exits, the connection is not shown '@ kid'"
grep -Eq '^tcp +ESTAB +.* 127\.0\.0\.1:6302 +127\.0\.0\.1:6301 .* s2[ _]@[ _]cli$' <<< "$after" ||
	fail "owner: the client's end is not shown '@ cli'"
! grep -Eq '@[ _].*srv' <<< "$after" ||
	fail "owner: srv still named as a holder after its exit"
! grep -Eq '^tcp +LISTEN' <<< "$after" ||
	fail "owner: the listener outlived its last holder"

# ---- 2. changing uid without the right to --------------------------------------
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
uid_map=$(cat /proc/self/uid_map)
tested_uid=0

# 2a. an ordinary user: only real root can become one here
if [ "$(id -u)" != 0 ] || ! grep -Eq '^ *0 +0 +4294967295$' <<< "$uid_map"; then
	note "not real root: 'spawn ... uid N' as an ordinary user not tested"
elif ! command -v setpriv >/dev/null; then
	note "no setpriv: 'spawn ... uid N' as an ordinary user not tested"
elif ! "${as_nobody[@]}" test -x "$SOCKSTAGE" 2>/dev/null; then
	note "uid 65534 cannot run $SOCKSTAGE (build directory out of its" \
	     "reach): 'spawn ... uid N' as an ordinary user not tested"
else
	run_as "${as_nobody[@]}" <<'EOF'
spawn x uid 65533 => EPERM
x: socket tcp
spawn y uid 0 => EPERM
spawn me uid 65534 => ok
me: socket tcp as s => ok
me: bind s 127.0.0.1:6310 => ok
socket tcp as m => ok
EOF
	expect_no_crash "nobody: spawn uid"
	# the failed spawns made no process: "x: ..." is a line error
	expect_rc 2 "nobody: spawn uid"
	expect_result "nobody: EPERM" "spawn x uid 65533 => EPERM" \
		'^spawn\(x, uid 65533\) = -1 EPERM '
	has_line "nobody: message" '^  .*uid 65533.*needs root'
	has_line "nobody: message" '^  .*uid 0.*needs root'
	has_line "nobody: no process" "^<stdin>:2:1: error: unknown process 'x'\$"
	expect_result "nobody: own uid" "me: bind s 127.0.0.1:6310 => ok" \
		'^bind\(s[0-9]+, 127\.0\.0\.1:6310\) = 0$'
	expect_result "nobody: goes on" "socket tcp as m => ok" \
		'^socket\(AF_INET, SOCK_STREAM, 0\) = s[0-9]+ \(m\)$'
	lacks_line "nobody" '^MISMATCH'
	tested_uid=$((tested_uid + 1))
fi

# 2b. a user namespace mapping one uid: uid 65534 does not exist there.
# As real root: become nobody, then "unshare -rn" (as sockstage's
# unprivileged --sandbox does). Not root: this test already runs in such a
# namespace (lib.sh's "unshare -rn"), unless 65534 happens to be mapped.
mapped_65534()
{
	awk '$1 <= 65534 && 65534 < $1 + $3 { found = 1 } END { exit !found }' \
		/proc/self/uid_map
}
userns=()
if grep -Eq '^ *0 +0 +4294967295$' <<< "$uid_map"; then
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
	   "${as_nobody[@]}" unshare -rn test -x "$SOCKSTAGE" 2>/dev/null; then
		userns=("${as_nobody[@]}" unshare -rn --)
	elif unshare -rn true 2>/dev/null; then
		# root whose build directory nobody cannot reach
		userns=(unshare -rn --)
	fi
elif ! mapped_65534; then
	userns=(env)
fi
if [ ${#userns[@]} -eq 0 ]; then
	note "no user namespace without uid 65534: 'not mapped' not tested"
else
	run_as "${userns[@]}" <<'EOF'
spawn x uid 65534 => EINVAL
x: socket tcp
socket tcp as m => ok
bind m 127.0.0.1:6311 => ok
EOF
	expect_no_crash "userns: spawn uid"
	expect_rc 2 "userns: spawn uid (one line error)"
	expect_result "userns: EINVAL" "spawn x uid 65534 => EINVAL" \
		'^spawn\(x, uid 65534\) = -1 EINVAL '
	has_line "userns: message" '^  .*uid 65534.*not mapped'
	has_line "userns: no process" "^<stdin>:2:1: error: unknown process 'x'\$"
	expect_result "userns: goes on" "bind m 127.0.0.1:6311 => ok" \
		'^bind\(s[0-9]+, 127\.0\.0\.1:6311\) = 0$'
	lacks_line "userns" '^MISMATCH'
	tested_uid=$((tested_uid + 1))
fi
note "uid cases tested: $tested_uid of 2"

# ---- 3, 4. a worker killed from outside; no worker survives ---------------
stage_exe=$(readlink -f "$SOCKSTAGE")

# (stage_pids, no_stage_pids, sockets, no_sockets: tests/lib.sh)

# pid_of NAME OUTFILE: the pid the transcript gave process NAME
pid_of()
{
	sed -n -e "s/^spawn($1) = pid \\([0-9]*\\)\$/\\1/p" \
	       -e "s/^fork([a-z0-9]*) = pid \\([0-9]*\\) ($1)\$/\\1/p" "$2"
}

# The tree: sockstage - main
#                     - w - wc - wcc     (w: spawned; wc, wcc: forks)
#                     - e - ec           (e exits: ec is adopted)
# w holds a listener that wc and wcc share; wcc and ec have sockets of
# their own; no connections, so nothing lingers once they are gone.
procs_script()
{
	cat <<EOF
spawn w => ok
w: socket tcp as wl => ok
w: bind wl 127.0.0.1:6320 => ok
w: listen wl => ok
fork w as wc => ok
fork wc as wcc => ok
wcc: socket udp as wu => ok
wcc: bind wu 127.0.0.1:6321 => ok
spawn e => ok
fork e as ec => ok
ec: socket udp as eu => ok
ec: bind eu 127.0.0.1:6322 => ok
exit e => ok
socket udp as mu => ok
bind mu 127.0.0.1:6323 => ok
wait $1
w: socket tcp
wc: socket tcp as after => ok
expect LISTEN 127.0.0.1:6320
wcc: close wl => ok
wc: accept wl => EAGAIN
w: close wl
ec: bind eu 127.0.0.1:6324 => EINVAL
EOF
}

wait_for 10 no_stage_pids ||
	fail "sockstage processes left over from earlier runs: $(stage_pids)"

for how in normal TERM KILL; do
	# the normal end's wait leaves room for a loaded machine: the checks
	# below run inside it
	if [ "$how" = normal ]; then dur=8s; else dur=30s; fi
	s=$tmp/procs-$how
	procs_script "$dur" > "$s.stage"
	note "---- $how end; script:"
	sed 's/^/#   /' "$s.stage"
	"$SOCKSTAGE" --run "$s.stage" > "$s.out" 2> "$s.err" &
	sp=$!
	kill_at_exit "$sp"
	wait_for 20 grep -qx "> wait $dur" "$s.out" || {
		cat "$s.out" "$s.err"
		fail "$how: the script did not reach its 'wait $dur'"
	}
	t0=$(lib_now_us)
	w=$(pid_of w "$s.out") wc=$(pid_of wc "$s.out")
	wcc=$(pid_of wcc "$s.out") ec=$(pid_of ec "$s.out")
	note "$how: sockstage $sp, w $w, wc $wc, wcc $wcc, ec $ec;" \
	     "children of sockstage: $(cat "/proc/$sp/task/$sp/children")"
	[ -n "$w" ] && [ -n "$wc" ] && [ -n "$wcc" ] && [ -n "$ec" ] ||
		fail "$how: no pid for w, wc, wcc or ec in the transcript"
	# the tree is as drawn: w is one of sockstage's children running
	# sockstage; ec was adopted when e exited
	grep -qw -- "$w" "/proc/$sp/task/$sp/children" ||
		fail "$how: w ($w) is not a child of sockstage ($sp)"
	[ "$(readlink "/proc/$w/exe")" = "$stage_exe" ] ||
		fail "$how: w ($w) does not run sockstage"
	is_child_of "$wc" "$w" || fail "$how: wc's parent is $(ppid_of "$wc"), not w"
	is_child_of "$wcc" "$wc" || fail "$how: wcc's parent is $(ppid_of "$wcc"), not wc"
	is_child_of "$ec" "$sp" ||
		fail "$how: ec's parent is $(ppid_of "$ec"), not sockstage (subreaper)"
	[ -n "$(sockets)" ] || fail "$how: no sockets before the kill"
	kill -KILL "$w"
	# the kill must land inside the script's wait (8 s for the normal
	# end), with time left for the checks below
	(( $(lib_now_us) - t0 < 5000000 )) ||
		fail "$how: too slow: w was killed more than 5 s into 'wait $dur'"
	# wc, an orphan now, is adopted by sockstage too
	wait_for 5 is_child_of "$wc" "$sp" ||
		fail "$how: after kill -9 of w, wc's parent is $(ppid_of "$wc")"
	n=$(stage_pids | wc -l)
	note "$how: $n sockstage processes after kill -9 $w: $(echo $(stage_pids))"
	# sockstage, main, wc, wcc, ec (without it the checks below are vacuous)
	[ "$n" -eq 5 ] || fail "$how: $n sockstage processes, expected 5"
	[ -n "$(sockets)" ] || fail "$how: no sockets before the end"

	if [ "$how" = normal ]; then
		wait "$sp"
		run_rc=$?
		run_out=$(cat "$s.out")
		run_err=$(cat "$s.err")
		note "exit $run_rc; transcript:"
		printf '%s\n' "$run_out"
		[ -z "$run_err" ] || { note "stderr:"; printf '%s\n' "$run_err"; }
		expect_no_crash "worker killed"
		expect_rc 2 "worker killed (its death is one line error)"
		ln=$(grep -n '^w: socket tcp$' "$s.stage" | cut -d: -f1)
		has_line "worker killed" "^$s.stage:$ln:1: error: process 'w' \\(pid $w\\) died"
		ln=$(grep -n '^w: close wl$' "$s.stage" | cut -d: -f1)
		has_line "worker killed" "^$s.stage:$ln:1: error: process 'w' has exited"
		[ "$(grep -c ': error: ' <<< "$run_out")" -eq 2 ] ||
			fail "worker killed: expected exactly 2 line errors"
		lacks_line "worker killed" '^MISMATCH'
		# the lines after the death ran: wc (adopted) and wcc still
		# hold the listener
		expect_result "after the death" "wc: socket tcp as after => ok" \
			'^socket\(AF_INET, SOCK_STREAM, 0\) = s[0-9]+ \(after\)$'
		expect_result "after the death" "expect LISTEN 127.0.0.1:6320" ' = ok$'
		expect_result "after the death" "wc: accept wl => EAGAIN" \
			'^accept\(s1\) = -1 EAGAIN '
	else
		kill -s "$how" "$sp"
		wait "$sp"
		note "sockstage exited $? after SIG$how"
	fi
	wait_for 10 no_stage_pids ||
		fail "$how: sockstage processes remain: $(stage_pids)"
	wait_for 10 no_sockets || fail "$how: sockets remain: $(sockets)"
done

# ---- 5. an orphaned FIN-WAIT-2 expires after tcp_fin_timeout ------------------
fin=/proc/sys/net/ipv4/tcp_fin_timeout
if ! { echo 2 > "$fin"; } 2>/dev/null; then
	note "cannot set $fin in the test namespace: FIN-WAIT-2 expiry not tested"
else
	run_sockstage <<'EOF'
spawn srv => ok
spawn cli => ok
srv: socket tcp as l => ok
srv: bind l 127.0.0.1:6330 => ok
srv: listen l => ok
cli: socket tcp as c => ok
cli: bind c 127.0.0.1:6331 => ok
cli: connect c 127.0.0.1:6330 => ok
srv: accept l as conn => ok
kill srv => ok
wait conn FIN-WAIT-2 2s
show
socket tcp as n => ok
bind n 127.0.0.1:6330 => EADDRINUSE
wait 3s
expect no FIN-WAIT-2 127.0.0.1:6330
expect no TIME-WAIT 127.0.0.1:6330
expect CLOSE-WAIT 127.0.0.1:6331 127.0.0.1:6330
bind n 127.0.0.1:6330 => ok
listen n => ok
EOF
	expect_no_crash "FIN-WAIT-2 expiry"
	expect_rc 0 "FIN-WAIT-2 expiry"
	# the FIN-WAIT-2 row carries the TIME-WAIT timer (at most 2 s here)
	has_line "FIN-WAIT-2 expiry" '^tcp +FIN-WAIT-2 +0 +0 +127\.0\.0\.1:6330 +127\.0\.0\.1:6331 +timewait:([0-2](\.[0-9])?s|[0-9]+ms) +was[ _]s3$'
fi

# ---- 6. exit and kill of a forked child wait for it to be gone ---------------
{
	echo 'spawn p => ok'
	for i in $(seq 1 20); do
		how=exit
		[ $((i % 2)) = 0 ] && how=kill
		echo "p: socketpair stream as a$i b$i => ok"
		echo "fork p as k$i => ok"
		echo "p: close b$i => ok"
		echo "$how k$i => ok"
		echo "show"
		echo "p: recv a$i => ok"
		echo "p: close a$i => ok"
	done
} > "$tmp/forkgone.stage"
run_cmd "$SOCKSTAGE" --run "$tmp/forkgone.stage"
expect_no_crash "exit and kill of a forked child"
expect_rc 0 "exit and kill of a forked child"
n=$(grep -c '^recv(s[0-9]*, 65536) = 0 (end of stream' <<< "$run_out")
[ "$n" = 20 ] || fail "a forked child's end was still open after exit or kill: $n of 20 recv returned 0"
! grep -E '^u_str .* was s[0-9]+$' <<< "$run_out" ||
	fail "the kernel view still had a forked child's socket after exit or kill"

exit 0
