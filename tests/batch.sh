#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# batch.sh - the contract of the batch front-end, "sockstage --run FILE|-"
# (DESIGN.md sections 4 and 5), in a private network namespace:
#
#  1. exit 0 when every expectation holds; the transcript echoes each
#     command ("> LINE") and its result ("CALL = VALUE");
#  2. a mismatch prints "MISMATCH: expected X", the run goes on, exit 1;
#  3. a line error prints "FILE:LINE:COL: error: ...", the run goes on
#     (later lines still execute), exit 2 (also when mismatches happened);
#     expect segment in a run that does not capture is one, and says how
#     a run captures;
#  4. "--run -" reads standard input, and names it <stdin> in messages;
#  5. socket results: bind to port 0 (or no port) reports the chosen port;
#     connect to a closed port: ECONNREFUSED; connect to a listener whose
#     accept queue is full: EINPROGRESS with the SYN-SENT note, and
#     "expect SYN-SENT" sees it; accept with nothing pending: EAGAIN; recv
#     on UDP names the sender; show prints the TIME-WAIT row "was sN"
#     after an active close;
#  6. unknown socket / unknown process are line errors; a closed socket
#     used again is EBADF with the "closed" note;
#  7. processes: after fork, close in one process leaves the socket open
#     in the kernel and the last close removes it; exit and kill of a
#     process close its sockets;
#  8. process lifecycle: when "sockstage --run" ends (normally, or killed
#     by SIGTERM or SIGKILL in the middle of a "wait 30s"), no worker
#     process is left and the namespace holds no socket.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# ---- helpers -------------------------------------------------------------

# run_stdin: like run_sockstage, but the script goes through "--run -".
run_stdin()
{
	lib_runs=$(( ${lib_runs:-0} + 1 ))
	local n=$tmp/run$lib_runs
	cat > "$n.stage" || fail "cannot write $n.stage"
	timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-60}" \
		"$SOCKSTAGE" --run - < "$n.stage" > "$n.out" 2> "$n.err"
	run_rc=$?
	run_out=$(cat "$n.out")
	run_err=$(cat "$n.err")
	note "sockstage --run - <<EOF"
	sed 's/^/#   /' "$n.stage"
	note "exit $run_rc; transcript:"
	printf '%s\n' "$run_out"
	[ -z "$run_err" ] || { note "stderr:"; printf '%s\n' "$run_err"; }
	[ "$run_rc" -ne 124 ] || fail "sockstage did not finish in time"
}

# has_line WHAT REGEX: some line of the transcript matches the extended
# regular expression (anchored by the caller).
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

# result_of CMDLINE: the line right after the echo "> CMDLINE" (its result)
result_of()
{
	awk -v l="> $1" 'found { print; exit } $0 == l { found = 1 }' \
		<<< "$run_out"
}

# expect_result WHAT CMDLINE REGEX: the result line of CMDLINE matches
expect_result()
{
	local r
	r=$(result_of "$2")
	[[ $r =~ $3 ]] ||
		fail "$1: '$2' gave '$r', expected /$3/"
}

# sock_id NAME: the id (sN) the transcript gave the socket named NAME
sock_id()
{
	sed -n "s/^[a-z]*(.*) = \(s[0-9]*\) ($1)\( from .*\)\{0,1\}\$/\1/p" \
		<<< "$run_out"
}

# ---- 1. exit 0 -------------------------------------------------------------
run_sockstage <<'EOF'
# a comment line is not echoed
socket tcp as srv => ok
set srv reuseaddr => ok
bind srv 127.0.0.1:6100 => ok
listen srv => ok
expect LISTEN 127.0.0.1:6100
expect no LISTEN 127.0.0.1:6101
EOF
expect_no_crash "exit 0"
expect_rc 0 "every expectation holds"
expect_result "exit 0" "socket tcp as srv => ok" '^socket\(AF_INET, SOCK_STREAM, 0\) = s1 \(srv\)$'
expect_result "exit 0" "set srv reuseaddr => ok" '^setsockopt\(s1, SO_REUSEADDR, 1\) = 0$'
expect_result "exit 0" "bind srv 127.0.0.1:6100 => ok" '^bind\(s1, 127\.0\.0\.1:6100\) = 0$'
expect_result "exit 0" "listen srv => ok" '^listen\(s1, [0-9]+\) = 0$'
expect_result "exit 0" "expect LISTEN 127.0.0.1:6100" ' = ok$'
expect_result "exit 0" "expect no LISTEN 127.0.0.1:6101" ' = ok$'
lacks_line "exit 0" '^> # a comment'
lacks_line "exit 0" 'MISMATCH|error'
[ -z "$run_err" ] || fail "exit 0: unexpected output on stderr"

# ---- 2. a mismatch: reported, the run goes on, exit 1 ----------------------
run_sockstage <<'EOF'
socket tcp as a => ok
bind a 127.0.0.1:6110 => EADDRINUSE
expect LISTEN 127.0.0.1:6110
socket tcp as b => ok
bind b 127.0.0.1:6110 => ok
listen a => ok
EOF
expect_no_crash "mismatch"
expect_rc 1 "a mismatch"
has_line "mismatch" '^MISMATCH: expected EADDRINUSE$'
has_line "mismatch" '^MISMATCH: expected LISTEN 127\.0\.0\.1:6110$'
# the failed expect lists what the kernel has on the port (a BOUND socket)
has_line "mismatch" '^  kernel: tcp BOUND +127\.0\.0\.1:6110 '
# later lines ran, with their real results (b's bind really failed)
expect_result "mismatch" "bind b 127.0.0.1:6110 => ok" '^bind\(s2, 127\.0\.0\.1:6110\) = -1 EADDRINUSE \(Address already in use\)$'
has_line "mismatch" '^MISMATCH: expected ok$'
expect_result "mismatch" "listen a => ok" '^listen\(s1, [0-9]+\) = 0$'
[ "$(grep -c '^MISMATCH: ' <<< "$run_out")" -eq 3 ] ||
	fail "mismatch: expected exactly 3 MISMATCH lines"
expect_err_has "3 mismatches" "mismatch summary on stderr"

# ---- 3. line errors: FILE:LINE:COL, the run goes on, exit 2 -----------------
run_sockstage <<'EOF'
socket tcp as a => ok
bogus stuff
bind a 127.0.0.1:70000
  listen a 99999
bind a 127.0.0.1:6120 => EADDRINUSE
socket tcp as b => ok
bind b 127.0.0.1:6121 => ok
EOF
script=$tmp/run$lib_runs.stage
expect_no_crash "line errors"
expect_rc 2 "line errors (and a mismatch): exit 2"
has_line "line error" "^$script:2:1: error: unknown command 'bogus'\$"
has_line "line error" "^$script:3:18: error: port 70000 is out of range"
has_line "line error" "^$script:4:12: error: backlog: 99999 is out of range"
has_line "line error" '^MISMATCH: expected EADDRINUSE$'
# the lines after the errors ran
expect_result "line error" "bind a 127.0.0.1:6120 => EADDRINUSE" '^bind\(s1, 127\.0\.0\.1:6120\) = 0$'
expect_result "line error" "bind b 127.0.0.1:6121 => ok" '^bind\(s2, 127\.0\.0\.1:6121\) = 0$'
expect_err_has "3 errors, 1 mismatch" "error summary on stderr"

# A script that cannot be opened: exit 2, a message, nothing run.
run_cmd "$SOCKSTAGE" --run "$tmp/no-such-script.stage"
expect_no_crash "missing script"
expect_rc 2 "a missing script"
expect_err_has "no-such-script.stage" "missing script"

# The wire in a run that does not capture (no --sandbox, --wire, --pcap):
# expect segment is a line error that says how a run gets a capture, and
# show wire says the same.
run_sockstage <<'EOF'
socket tcp as a
expect segment a -> 127.0.0.1:9 SYN
show wire
EOF
script=$tmp/run$lib_runs.stage
expect_no_crash "no capture"
expect_rc 2 "expect segment in a run without a capture"
has_line "no capture" "^$script:2:1: error: cannot see the wire: a run captures with --sandbox, --wire or --pcap\$"
has_line "no capture" '^  \(no capture: a run captures with --sandbox, --wire or --pcap\)$'

# ---- 4. --run - reads standard input --------------------------------------
run_stdin <<'EOF'
socket udp as u => ok
bind u 127.0.0.1:6130 => ok
nonsense
bind u 127.0.0.1:6131 => EINVAL
EOF
expect_no_crash "--run -"
expect_rc 2 "--run - with a line error"
expect_result "--run -" "bind u 127.0.0.1:6130 => ok" '^bind\(s1, 127\.0\.0\.1:6130\) = 0$'
has_line "--run -" "^<stdin>:3:1: error: unknown command 'nonsense'\$"
expect_result "--run -" "bind u 127.0.0.1:6131 => EINVAL" '^bind\(s1, 127\.0\.0\.1:6131\) = -1 EINVAL '
lacks_line "--run -" '^MISMATCH'

run_stdin <<'EOF'
socket tcp => ok
EOF
expect_rc 0 "--run - without errors"
expect_result "--run -" "socket tcp => ok" '^socket\(AF_INET, SOCK_STREAM, 0\) = s1$'

# ---- 5. socket results -----------------------------------------------------
run_sockstage <<'EOF'
# port 0, and no port: the kernel picks one, the result names it
socket tcp as any0 => ok
bind any0 127.0.0.1:0 => ok
listen any0 => ok
show
socket udp as noport => ok
bind noport 127.0.0.1 => ok

# connect to a port where nobody listens
socket tcp as refused => ok
connect refused 127.0.0.1:6140 => ECONNREFUSED

# a listener with backlog 0 takes one connection into its accept queue; a
# second connection finds the queue full: its SYN is dropped, the client
# stays in SYN-SENT
socket tcp as full => ok
bind full 127.0.0.1:6141 => ok
listen full 0 => ok
socket tcp as q1 => ok
bind q1 127.0.0.1:6142 => ok
connect q1 127.0.0.1:6141 => ok
expect ESTAB 127.0.0.1:6141 127.0.0.1:6142
socket tcp as q2 => ok
bind q2 127.0.0.1:6143 => ok
connect q2 127.0.0.1:6141 => EINPROGRESS
expect SYN-SENT 127.0.0.1:6143 127.0.0.1:6141
expect no ESTAB 127.0.0.1:6143

# accept with nothing pending
socket tcp as idle => ok
bind idle 127.0.0.1:6144 => ok
listen idle => ok
accept idle => EAGAIN

# recv on UDP names the sender
socket udp as rx => ok
bind rx 127.0.0.1:6145 => ok
socket udp as tx => ok
bind tx 127.0.0.1:6146 => ok
sendto tx 127.0.0.1:6145 "ping" => ok
recv rx => ok
recv rx => EAGAIN

# an active close leaves TIME-WAIT, shown as "was sN"
socket tcp as srv => ok
bind srv 127.0.0.1:6147 => ok
listen srv => ok
socket tcp as cli => ok
bind cli 127.0.0.1:6148 => ok
connect cli 127.0.0.1:6147 => ok
accept srv as conn => ok
close conn => ok
close cli => ok
wait conn TIME-WAIT 5s
show
EOF
expect_no_crash "socket results"
expect_rc 0 "socket results"
r=$(result_of "bind any0 127.0.0.1:0 => ok")
[[ $r =~ ^bind\(s1,\ 127\.0\.0\.1:0\)\ =\ 0\ \(port\ ([0-9]+)\)$ ]] ||
	fail "port 0: bind gave '$r', expected '= 0 (port N)'"
port=${BASH_REMATCH[1]}
(( port > 0 && port < 65536 )) || fail "port 0: chosen port $port"
# the kernel view shows the listener on the chosen port
has_line "port 0" "^tcp +LISTEN +0 +[0-9]+ +127\.0\.0\.1:$port +0\.0\.0\.0:\* .* s1\$"
expect_result "no port" "bind noport 127.0.0.1 => ok" '^bind\(s2, 127\.0\.0\.1:0\) = 0 \(port [1-9][0-9]*\)$'
expect_result "ECONNREFUSED" "connect refused 127.0.0.1:6140 => ECONNREFUSED" '^connect\(s3, 127\.0\.0\.1:6140\) = -1 ECONNREFUSED \(Connection refused\)$'
expect_result "EINPROGRESS" "connect q2 127.0.0.1:6141 => EINPROGRESS" '^connect\(s[0-9]+, 127\.0\.0\.1:6141\) = -1 EINPROGRESS \(Operation now in progress\)$'
has_line "EINPROGRESS" '^  still connecting \(SYN-SENT\) after [0-9]+ ms'
expect_result "SYN-SENT" "expect SYN-SENT 127.0.0.1:6143 127.0.0.1:6141" ' = ok$'
expect_result "EAGAIN" "accept idle => EAGAIN" '^accept\(s[0-9]+\) = -1 EAGAIN '
expect_result "UDP sender" "recv rx => ok" '^recv\(s[0-9]+, [0-9]+\) = 4 "ping" from 127\.0\.0\.1:6146$'
conn=$(sock_id conn)
[ -n "$conn" ] || fail "no id for the accepted socket 'conn'"
expect_result "TIME-WAIT" "wait conn TIME-WAIT 5s" "^wait $conn TIME-WAIT = TIME-WAIT after [0-9]+ ms\$"
# (the owner column reads "was sN"; blanks in it may print as '_')
has_line "TIME-WAIT" "^tcp +TIME-WAIT +0 +0 +127\.0\.0\.1:6147 +127\.0\.0\.1:6148 .* was[ _]$conn\$"

# ---- 6. unknown names, closed sockets ---------------------------------------
run_sockstage <<'EOF'
socket tcp as a => ok
bind nosuch 127.0.0.1:6150
ghost: socket tcp
use ghost
kill ghost
close a => ok
bind a 127.0.0.1:6151 => EBADF
close a => EBADF
socket tcp as b => ok
ghost: show
ghost: wait 10ms
ghost: expect no LISTEN 127.0.0.1:6152
ghost: spawn x
x: socket tcp
ghost: use main
EOF
script=$tmp/run$lib_runs.stage
expect_no_crash "unknown names"
expect_rc 2 "unknown names are line errors"
has_line "unknown socket" "^$script:2:6: error: unknown socket 'nosuch'\$"
has_line "unknown process" "^$script:3:1: error: unknown process 'ghost'\$"
has_line "unknown process" "^$script:4:5: error: unknown process 'ghost'\$"
has_line "unknown process" "^$script:5:6: error: unknown process 'ghost'\$"
expect_result "closed socket" "bind a 127.0.0.1:6151 => EBADF" '^bind\(s1\) = -1 EBADF \(Bad file descriptor\)$'
has_line "closed socket" '^  s1 is closed: no process holds it any more$'
expect_result "closed socket" "close a => EBADF" '^close\(s1\) = -1 EBADF '
lacks_line "closed socket" '^MISMATCH'
expect_result "after errors" "socket tcp as b => ok" '^socket\(AF_INET, SOCK_STREAM, 0\) = s2 \(b\)$'
# a "NAME:" prefix naming nobody is an error for every command, also those
# that run in no process (and they do not run: x was never spawned)
for l in 10 11 12 13 15; do
	has_line "unknown prefix" "^$script:$l:1: error: unknown process 'ghost'\$"
done
has_line "unknown prefix" "^$script:14:1: error: unknown process 'x'\$"
lacks_line "unknown prefix" '^spawn\(|^use '
[ "$(grep -c ': error: ' <<< "$run_out")" -eq 10 ] ||
	fail "unknown names: expected exactly 10 line errors"

# ---- 7. processes: fork, exit, kill -----------------------------------------
run_sockstage <<'EOF'
socket tcp as l => ok
bind l 127.0.0.1:6160 => ok
listen l => ok
fork main as child => ok
show
# main closes its descriptor: the child still holds the socket
close l => ok
expect LISTEN 127.0.0.1:6160
show
close l => EBADF
# ... and can still use it
socket tcp as c => ok
connect c 127.0.0.1:6160 => ok
child: accept l as conn => ok
# the last close removes it
child: close l => ok
expect no LISTEN 127.0.0.1:6160
child: close l => EBADF

# exit: the process's sockets close
spawn srv => ok
srv: socket tcp as k => ok
srv: bind k 127.0.0.1:6161 => ok
srv: listen k => ok
srv: socket udp as ku => ok
srv: bind ku 127.0.0.1:6162 => ok
expect LISTEN 127.0.0.1:6161
expect UNCONN 127.0.0.1:6162
exit srv => ok
expect no LISTEN 127.0.0.1:6161
expect no UNCONN 127.0.0.1:6162
srv: socket tcp
close k => EBADF

# kill (SIGKILL): the same
spawn crash => ok
use crash
socket tcp as m => ok
bind m 127.0.0.1:6163 => ok
listen m => ok
use main
expect LISTEN 127.0.0.1:6163
kill crash => ok
expect no LISTEN 127.0.0.1:6163

# a fork whose parent exits keeps the inherited sockets
spawn p => ok
p: socket tcp as pl => ok
p: bind pl 127.0.0.1:6164 => ok
p: listen pl => ok
fork p as pchild => ok
exit p => ok
expect LISTEN 127.0.0.1:6164
pchild: close pl => ok
expect no LISTEN 127.0.0.1:6164
EOF
script=$tmp/run$lib_runs.stage
expect_no_crash "processes"
expect_rc 2 "processes (one deliberate line error)"
lacks_line "processes" '^MISMATCH'
has_line "fork" '^fork\(main\) = pid [0-9]+ \(child\)$'
has_line "fork" '^tcp +LISTEN .*127\.0\.0\.1:6160 .* s1[ _]@[ _](main,[ _]child|child,[ _]main)$'
has_line "fork" '^tcp +LISTEN .*127\.0\.0\.1:6160 .* s1[ _]@[ _]child$'
ln=$(grep -n '^srv: socket tcp$' "$script" | cut -d: -f1)
has_line "exit" "^$script:$ln:1: error: process 'srv' has exited"
[ "$(grep -c ': error: ' <<< "$run_out")" -eq 1 ] ||
	fail "processes: expected exactly one line error"

# ---- 8. process lifecycle: no worker survives sockstage ----------------------

# (stage_pids, no_stage_pids, sockets, no_sockets: tests/lib.sh)

# Can a worker switch to uid 65534? Only as real root (not in a user
# namespace where 65534 is unmapped).
other_uid=
if [ "$(id -u)" = 0 ] && grep -Eq '^ *0 +0 +4294967295$' /proc/self/uid_map; then
	other_uid="spawn nobody uid 65534 => ok
nobody: socket tcp as nl => ok
nobody: bind nl 127.0.0.1:6174 => ok
nobody: listen nl => ok"
fi

# The script: a listener and a UDP socket in main, a spawned process, a
# forked one, a forked child of a spawned process (a grandchild of
# sockstage), and (as root) a worker running as another uid. No
# connections, so nothing lingers in TIME-WAIT once the processes are gone.
lifecycle_script()
{
	cat <<EOF
socket tcp as l => ok
bind l 127.0.0.1:6170 => ok
listen l => ok
socket udp as u => ok
bind u 127.0.0.1:6171 => ok
spawn other => ok
other: socket tcp as ol => ok
other: bind ol 127.0.0.1:6172 => ok
other: listen ol => ok
fork other as grandchild => ok
fork main as child => ok
child: socket udp as cu => ok
child: bind cu 127.0.0.1:6173 => ok
$other_uid
$1
EOF
}
nworkers=5	# main, other, grandchild, child: 4, plus sockstage itself
[ -n "$other_uid" ] && nworkers=6

wait_for 10 no_stage_pids ||
	fail "lifecycle: sockstage processes left over from earlier runs: $(stage_pids)"
wait_for 10 no_sockets ||
	fail "lifecycle: sockets left over from earlier runs: $(sockets)"

# 8a. a normal end
lifecycle_script "expect LISTEN 127.0.0.1:6172" > "$tmp/life.stage"
run_stdin < "$tmp/life.stage"
expect_no_crash "lifecycle, normal end"
expect_rc 0 "lifecycle, normal end"
wait_for 10 no_stage_pids ||
	fail "lifecycle: after a normal end, sockstage processes remain: $(stage_pids)"
wait_for 10 no_sockets ||
	fail "lifecycle: after a normal end, sockets remain: $(sockets)"

# 8b, 8c: killed by SIGTERM, by SIGKILL, during "wait 30s"
for sig in TERM KILL; do
	lifecycle_script "wait 30s" > "$tmp/life-$sig.stage"
	"$SOCKSTAGE" --run "$tmp/life-$sig.stage" > "$tmp/life-$sig.out" \
		2> "$tmp/life-$sig.err" &
	pid=$!
	kill_at_exit "$pid"
	wait_for 20 grep -qx '> wait 30s' "$tmp/life-$sig.out" || {
		cat "$tmp/life-$sig.out" "$tmp/life-$sig.err"
		fail "lifecycle ($sig): the script did not reach its 'wait 30s'"
	}
	n=$(stage_pids | wc -l)
	note "SIG$sig: $n sockstage processes before the kill: $(echo $(stage_pids))"
	[ "$n" -eq "$nworkers" ] ||
		fail "lifecycle ($sig): $n sockstage processes, expected $nworkers (the check would be vacuous)"
	[ -n "$(sockets)" ] || fail "lifecycle ($sig): no sockets before the kill"
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
	note "sockstage exited $rc after SIG$sig"
	[ "$sig" = TERM ] || [ "$rc" -eq 137 ] ||
		fail "lifecycle: SIGKILL: exit $rc, expected 137"
	wait_for 10 no_stage_pids ||
		fail "lifecycle: after SIG$sig, worker processes remain: $(stage_pids)"
	wait_for 10 no_sockets ||
		fail "lifecycle: after SIG$sig, sockets remain: $(sockets)"
done

exit 0
