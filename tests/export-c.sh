#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# export-c.sh - --export-c FILE.c: every shipped lesson, and scripts of our
# own (processes: spawn, fork, kill, exit, use, PROC:; UDP, multicast,
# IPv6, filler; UNIX-domain sockets: paths and abstract names, socketpair,
# sendfd and recvfd across processes, unlink, wait for a UNIX socket's
# state), exported while they run,
# compiled with cc -std=c11 -Wall -Wextra -Werror, and run in a fresh
# network namespace: the program prints the transcript's call lines, the
# same but for what must differ between runs (ephemeral ports, pids,
# "after N ms"), and leaves no directory behind. A script with hosts has
# no program: the export is refused, and says which line needs hosts.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

cc=
for c in "${CC:-cc}" cc gcc clang; do
	command -v "$c" >/dev/null && { cc=$c; break; }
done
[ -n "$cc" ] || skip "no C compiler (cc, gcc or clang) to build the exported programs"

# Really root (not only uid 0 of a user namespace): spawn uid N works.
real_root=false
read -r a b c < /proc/self/uid_map
[ "$a $b $c" = "0 0 4294967295" ] && real_root=true

# A fresh network namespace for each run, so that a TIME-WAIT of one run
# never meets the next: "unshare -n" where we may, else a user namespace.
ns=(unshare -n)
"${ns[@]}" true 2>/dev/null || ns=(unshare -rn)
"${ns[@]}" true 2>/dev/null || skip "cannot create a network namespace per run"

in_fresh_ns()
{
	timeout -k 5 30 "${ns[@]}" sh -c 'ip link set lo up && exec "$@"' sh "$@"
}

# The transcript's call lines (no echo, notes, expect, show).
calls()
{
	grep -E '^([a-z_]+\(.*\) = |wait [^=]+ = |use [^ ]+ = )'
}

# What must differ between runs: ephemeral ports, pids, timings.
normalize()
{
	sed -E -e 's/(:|port )(3276[89]|327[7-9][0-9]|32[89][0-9]{2}|3[3-9][0-9]{3}|[45][0-9]{4}|60[0-9]{3})\b/\1EPH/g' \
	       -e 's/pid [0-9]+/pid N/g' -e 's/after [0-9]+ ms/after N ms/g'
}

# check NAME SCRIPT [RC]: export, compile, run, compare. sockstage must
# exit RC (default 0: every expectation held).
check()
{
	local name=$1 script=$2 want_rc=${3:-0} rc args=()
	needs_sandbox "$script" && args=(--sandbox)
	in_fresh_ns "$SOCKSTAGE" --run "$script" "${args[@]}" --export-c "$tmp/$name.c" \
		> "$tmp/$name.out" 2> "$tmp/$name.err"
	rc=$?
	[ "$rc" -eq "$want_rc" ] || {
		cat "$tmp/$name.out" "$tmp/$name.err"
		fail "$name: sockstage --run exited $rc, expected $want_rc"
	}
	! grep -qE 'Sanitizer|runtime error:' "$tmp/$name.err" || {
		cat "$tmp/$name.err"
		fail "$name: a sanitizer report from sockstage"
	}
	[ -s "$tmp/$name.c" ] || fail "$name: no program written"
	"$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/$name" "$tmp/$name.c" \
		2> "$tmp/$name.cc" || {
		cat "$tmp/$name.cc"
		fail "$name: the exported program does not compile"
	}
	in_fresh_ns "$tmp/$name" > "$tmp/$name.prog" 2> "$tmp/$name.perr"
	rc=$?
	[ "$rc" -eq 0 ] || {
		cat "$tmp/$name.prog" "$tmp/$name.perr"
		fail "$name: the exported program exited $rc"
	}
	calls < "$tmp/$name.out" | normalize > "$tmp/$name.want"
	normalize < "$tmp/$name.prog" > "$tmp/$name.got"
	[ -s "$tmp/$name.want" ] || fail "$name: no call lines in the transcript"
	diff -u "$tmp/$name.want" "$tmp/$name.got" ||
		fail "$name: the program's lines differ from the transcript's"
	note "$name: $(wc -l < "$tmp/$name.got") lines alike"
}

# ---- options -------------------------------------------------------------------

run_cmd "$SOCKSTAGE" --export-c "$tmp/x.c"
expect_rc 2 "--export-c without --run"
expect_err_has "--export-c goes with --run"
echo 'socket tcp' > "$tmp/one.stage"
run_cmd "$SOCKSTAGE" --run "$tmp/one.stage" --export-c "$tmp/no/such/dir/x.c"
expect_rc 2 "an export file that cannot be written"
expect_err_has "cannot create '$tmp/no/such/dir/x.c': No such file or directory"
[ -z "$run_out" ] || fail "the script ran although the export file could not be written"

# ---- every shipped lesson --------------------------------------------------------

lessons=$(ls "$top_srcdir"/lessons/*.stage) || fail "no lessons"
for l in $lessons; do
	n=$(basename "$l" .stage)
	if ! $real_root && grep -q '^# needs: root' "$l"; then
		note "$n: skipped (needs root)"
		continue
	fi
	if needs_hosts "$l"; then
		# refused, and why: tests/golden.sh checks its message
		note "$n: no program (it makes hosts)"
		continue
	fi
	check "$n" "$l"
done

# ---- a script with hosts: no program, and the export says why -------------------
# The script runs to its end all the same (its transcript, its
# expectations); then the export is refused, naming the first line that
# needs hosts, and no file is left.

if hosts_possible; then
	printf '%s\n' 'socket tcp as c' '# the wire between two machines' \
		'host b' 'wire hold' 'close c' > "$tmp/hosts.stage"
	run_cmd "$SOCKSTAGE" --run "$tmp/hosts.stage" --sandbox --export-c "$tmp/hosts.c"
	expect_rc 2 "a script with hosts"
	expect_out_has "close(s1) = 0" "a script with hosts runs to its end"
	expect_err_has "--export-c: '$tmp/hosts.c': line 3 (host) needs hosts: a C program runs in one network namespace"
	expect_err_has "hosts.stage: 1 error, 0 mismatches"
	[ ! -e "$tmp/hosts.c" ] || fail "a script with hosts left a program"
else
	note "a script with hosts: not checked (no /dev/net/tun to open)"
fi

# ---- processes ------------------------------------------------------------------

cat > "$tmp/procs.stage" <<'S'
# processes: spawn, fork, kill, exit, use, PROC:
spawn srv
srv: socket tcp as l
srv: bind l 127.0.0.1:5001
srv: listen l
spawn cli
use cli
socket tcp as c
connect c 127.0.0.1:5001
srv: accept l as a
fork srv as kid
srv: close a
kid: close l
kid: send a "from the kid"
recv c
kill kid
recv c
main: close a
close c
exit srv
socket tcp as c2
connect c2 127.0.0.1:5001 => ECONNREFUSED
fork cli
cli-1: close c2
cli-1: close c2
exit cli-1
main: wait 50ms
use main
socket tcp as m
listen m
socket tcp as mm
bind mm 127.0.0.1:5002
listen mm
spawn last
kill main
last: socket tcp as z
last: connect z 127.0.0.1:5002 => ECONNREFUSED
S
check procs "$tmp/procs.stage"

if $real_root; then
	cat > "$tmp/uid.stage" <<'S'
spawn nobody uid 65534
nobody: socket tcp as n
nobody: bind n 127.0.0.1:80 => EACCES
nobody: bind n 127.0.0.1:5080
spawn grp uid 65534 gid 65533
grp: socket udp as g
S
	check uid "$tmp/uid.stage"
else
	note "spawn with uid: skipped (not root)"
fi

# ---- UDP, multicast, IPv6, filler ---------------------------------------------------

cat > "$tmp/udp.stage" <<'S'
socket udp as r
set r reuseaddr
bind r 0.0.0.0:5101
join r 239.2.2.2 127.0.0.1
socket udp as t
set t multicast-if 127.0.0.1
set t multicast-loop on
set t ttl 2
sendto t 239.2.2.2:5101 "to the group"
recv r
sendto t 127.0.0.1:5101 100
recv r 10
leave r 239.2.2.2
recv r => EAGAIN
socket udp 6 as r6
bind r6 [::1]:5102
sendto t [::1]:5102 "v6?"
socket udp 6 as t6
sendto t6 [::1]:5102 "v6 \"quoted\" ??= ok"
recv r6
socket udp as any
bind any 127.0.0.1:0
S
check udp "$tmp/udp.stage"

cat > "$tmp/tcp.stage" <<'S'
socket tcp as l
set l nodelay
set l keepalive
set l linger 3
set l rcvbuf 8192
listen l
socket tcp as s
bind s 127.0.0.1:5201
listen s 2
socket tcp as c
set c linger off
connect c 127.0.0.1:5201
accept s as a
send c 3000
recv a 5000
shutdown a rdwr
recv c
send c "after"
accept s => EAGAIN
wait s LISTEN 1s
wait a LISTEN 100ms
close c
wait a TIME-WAIT 1s
socket tcp as b
bind b 127.0.0.1:5202
wait b BOUND 1s
S
check tcp "$tmp/tcp.stage" 1	# wait a LISTEN times out: a mismatch

# ---- many sockets: accept is the call that grows the socket table ------------------
# The 17th, 33rd and 65th sockets on stage are accepted ones: each accept
# must still name its listener right (in the transcript and in the program,
# which would otherwise accept on a descriptor that does not exist).

{
	echo "socket tcp as l"
	echo "bind l 127.0.0.1:5301"
	echo "listen l"
	n=1
	for grow in 17 33 65; do
		while [ $((n + 2)) -lt "$grow" ]; do
			echo "socket udp"
			n=$((n + 1))
		done
		echo "socket tcp"
		echo "connect s$((n + 1)) 127.0.0.1:5301 => ok"
		echo "accept l as a$grow => ok"
		n=$((n + 2))
	done
	echo "send s$((n - 1)) \"to the last\""
	echo "recv a65"
	echo "close a65"
} > "$tmp/grow.stage"
check grow "$tmp/grow.stage"
check getname "$top_srcdir/tests/behaviour/getname.stage"
grep -qxF 'getpeername(s2) = [::ffff:127.0.0.1]:4400' "$tmp/getname.prog" ||
	fail "getname: the program's getpeername does not print the peer"
for grow in 17 33 65; do
	grep -qx "accept(s1) = s$grow (a$grow) from 127.0.0.1:[0-9]*" "$tmp/grow.out" ||
		fail "grow: accept $grow is not s$grow from the listener s1"
	grep -q "do_accept(1, $grow, " "$tmp/grow.c" ||
		fail "grow: the program does not accept s$grow on s1"
done

# ---- UNIX-domain sockets ---------------------------------------------------------
# Streams, u_seq and datagrams; paths (relative: in the program's own
# directory, as on the stage) and abstract names, longer than sun_path
# too; who connected and who sent; socketpair, a socket passed to a
# spawned process (it finds the path in the directory it inherits) and
# to a forked child, and back; unlink of a stale file; the connects that
# fail (ENOENT, ECONNREFUSED, EPROTOTYPE). Each program leaves nothing
# in $TMPDIR, nor does sockstage.

export TMPDIR=$tmp/tmpdir
mkdir "$TMPDIR" || fail "cannot make $TMPDIR"

# nothing left in $TMPDIR (after NAME)
tmpdir_empty()
{
	[ -z "$(ls -A "$TMPDIR")" ] || {
		ls -laR "$TMPDIR"
		fail "$1: left something in \$TMPDIR"
	}
}

cat > "$tmp/unix-stream.stage" <<'S'
# UNIX streams and seqpacket: a path, an abstract name, who connected
socket unix stream as l
bind l srv.sock
listen l 4
wait l LISTEN 1s
getsockname l
socket unix stream as anon
connect anon srv.sock
accept l as a1
wait a1 ESTAB 1s
wait anon ESTAB 1s
getpeername anon
getpeername a1
getsockname anon
socket unix stream as named
bind named cli.sock
connect named srv.sock
accept l as a2
getpeername a2
socket unix stream as abs
bind abs @uexport-cli
connect abs srv.sock
accept l as a3
send a3 "hello"
recv abs 3
recv abs
shutdown a3 wr
recv abs
accept l => EAGAIN
socket unix seqpacket as ql
bind ql @uexport-seq
listen ql
socket unix seqpacket as qc
connect qc @uexport-seq
accept ql as qa
send qc "one"
send qc "two"
send qc 3000
recv qa 2
recv qa
recv qa
close qc
recv qa
socketpair dgram as g1 g2
wait g1 ESTAB 1s
send g1 "x"
recv g2
getpeername g2
close l
socket unix stream as late
connect late srv.sock => ECONNREFUSED
S
check unix-stream "$tmp/unix-stream.stage"
tmpdir_empty unix-stream

cat > "$tmp/unix-dgram.stage" <<'S'
# UNIX datagrams: the sender's name, or none; errors
socket unix dgram as d
bind d d.sock
wait d UNCONN 1s
socket unix dgram as p
bind p p.sock
sendto p d.sock "from a path"
recv d
socket unix dgram as q
bind q @uexport-q
sendto q d.sock "from an abstract name"
recv d
socket unix dgram as u
sendto u d.sock "from no name"
recv d
sendto u nowhere.sock "lost" => ENOENT
sendto u @nobody "lost" => ECONNREFUSED
connect u d.sock
wait u ESTAB 1s
send u 500
recv d 10
socket unix stream as s
connect s d.sock => EPROTOTYPE
connect s nodir/x.sock => ENOENT
socket unix stream as long
bind long aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => EINVAL
bind long @bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb => EINVAL
bind long @bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
getsockname long
connect long aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => EINVAL
socket unix dgram as odd
bind odd "sp ace\x01.sock"
sendto odd d.sock "odd"
recv d
S
check unix-dgram "$tmp/unix-dgram.stage"
tmpdir_empty unix-dgram

cat > "$tmp/unix-pass.stage" <<'S'
# passing sockets: to a forked child, to a spawned process (it finds
# the listener's path in the program's directory), and back; unlink
socket unix stream as l
bind l pass.sock
listen l
spawn other
other: socket unix stream as c
other: connect c pass.sock
accept l as a
socket unix dgram as gift
bind gift gift.sock
sendfd a gift
close gift
other: recvfd c as got
other: getsockname gift
other: recvfd c => EAGAIN
socketpair seqpacket as p1 p2
fork main as kid
kid: close p1
close p2
socket unix stream as gift2
sendfd p1 gift2
sendfd p1 l
kid: recvfd p2
kid: recvfd p2 as mine
kid: close gift2
kid: listen l 8
close p1
kid: recvfd p2
exit kid
other: sendto gift gift.sock "to myself"
other: recv gift
recv gift
unlink pass.sock
unlink pass.sock => ENOENT
socket unix stream as again
bind again pass.sock
close again
socket unix stream as again2
bind again2 pass.sock => EADDRINUSE
unlink pass.sock
bind again2 pass.sock
S
check unix-pass "$tmp/unix-pass.stage"
tmpdir_empty unix-pass
grep -q '^recv(s4, 65536) = 9 "to myself" from "gift.sock"$' "$tmp/unix-pass.prog" ||
	fail "unix-pass: the spawned process does not use the socket it received"
grep -q 'own_dir_enter' "$tmp/unix-pass.c" ||
	fail "unix-pass: a program with relative paths has no directory of its own"

# Abstract names only: no directory. A program of inet sockets only has
# no UNIX runtime at all.
printf '%s\n' 'socket unix dgram as a' 'bind a @uexport-only' \
	'socket unix dgram as b' 'sendto b @uexport-only "hi"' 'recv a' \
	> "$tmp/unix-abstract.stage"
check unix-abstract "$tmp/unix-abstract.stage"
tmpdir_empty unix-abstract
! grep -q 'own_dir_enter' "$tmp/unix-abstract.c" ||
	fail "unix-abstract: a directory made for abstract names only"
! grep -qE 'sun_make|own_dir_enter' "$tmp/procs.c" ||
	fail "procs: an inet-only program holds the UNIX runtime"

# However the program ends, its directory goes: here SIGTERM to it while
# a socket file is in the directory (mode 0755), in the middle of a wait.
printf '%s\n' 'socket unix stream as l' 'bind l held.sock' 'listen l' 'wait 3s' \
	'close l' > "$tmp/unix-term.stage"
in_fresh_ns "$SOCKSTAGE" --run "$tmp/unix-term.stage" \
	--export-c "$tmp/unix-term.c" > /dev/null 2>&1 ||
	fail "unix-term: sockstage --run failed"
"$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/unix-term" "$tmp/unix-term.c" ||
	fail "unix-term: the exported program does not compile"
tmpdir_empty "unix-term (sockstage)"
"$tmp/unix-term" > "$tmp/unix-term.prog" 2>&1 &
pid=$!
for _ in $(seq 100); do
	[ -S "$TMPDIR"/sockstage-*/held.sock ] 2>/dev/null && break
	sleep 0.05
done
d=$(echo "$TMPDIR"/sockstage-*)
[ -S "$d/held.sock" ] || fail "unix-term: no held.sock in the program's directory ($d)"
[ "$(stat -c %a "$d")" = 755 ] || fail "unix-term: the directory's mode is $(stat -c %a "$d"), not 755"
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 143 ] || fail "unix-term: the program exited $rc after SIGTERM, not 143"
tmpdir_empty "unix-term (SIGTERM)"
unset TMPDIR
