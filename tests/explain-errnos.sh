#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# explain-errnos.sh - every errno that a socket call can fail with in a
# private network namespace is produced here by a real call, and its
# transcript line carries a "means:" line written for that call (checked
# by a keyword of the call's own sentence, not only by its presence).
# Every failed-call line of every transcript must be followed by a
# "means:" line, so a new errno path without a meaning fails this test.
#
# Produced, by call: EADDRINUSE (bind, listen, join, bind port 0),
# EADDRNOTAVAIL (bind, connect, leave), EACCES (connect/sendto to a
# broadcast address, a prohibit route; bind below port 1024 as nobody),
# EINVAL (bind twice, accept, listen, setsockopt, blackhole route),
# EISCONN, ENOTCONN, ECONNREFUSED (TCP and UDP), ECONNRESET (send, recv),
# EPIPE, ETIMEDOUT (a SYN dropped by a full accept queue), ENETUNREACH,
# EHOSTUNREACH (an unreachable route), EAGAIN/EWOULDBLOCK (accept, recv,
# send, and the UDP implicit bind with no free port), EINPROGRESS,
# EALREADY, EAFNOSUPPORT, EOPNOTSUPP, ENOPROTOOPT, EMFILE (a lowered
# RLIMIT_NOFILE), EPERM (spawn with uid, root only), EDESTADDRREQ,
# EMSGSIZE (a UDP datagram of 65,508 bytes; 65,507 still goes).
#
# Not produced, and why (tests/unit/test_explain.c checks their texts):
# - EBADF is not a kernel answer here: the stage knows which process holds
#   each descriptor and answers EBADF itself (close twice, a closed
#   socket) without asking the kernel. Its line and meaning are checked.
# - EPERM needs root: only a stage running as another uid (setpriv) gets
#   it from spawn's setuid. As an unprivileged user the namespace maps one
#   uid, so spawn with a uid fails with EINVAL instead.
# - ETIMEDOUT and EHOSTUNREACH need net.ipv4.tcp_syn_retries and routes
#   set in the namespace: where that is refused, those parts say so and
#   are left out.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

declare -A covered=()	# errno -> the call that produced it, checked
routes= timeouts= real=

# Every failed call in the last transcript is followed by a "means:" line.
all_failures_explained()
{
	local bad
	bad=$(awk 'want { if ($0 !~ /^  means: /) print prev; want = 0 }
		   / = -1 E[A-Z]+ / { want = 1; prev = $0 }
		   END { if (want) print prev }' <<< "$run_out")
	[ -z "$bad" ] || fail "$1: failed call without a 'means:' line: $bad"
}

# means CALL ERRNO KEYWORD: the first failure of CALL with ERRNO in the
# last transcript is followed by "  means: ..." that contains KEYWORD.
means()
{
	local line
	line=$(awk -v call="$1(" -v err=" = -1 $2 (" '
		found { print "+" $0; found = 0; exit }
		index($0, call) == 1 && index($0, err) { found = 1 }
		END { if (found) print "+" }' <<< "$run_out")
	[ -n "$line" ] || fail "no failed $1 with $2 in the transcript"
	line=${line#+}
	case $line in
	"  means: "*"$3"*) ;;
	*) fail "$1 $2: the meaning lacks '$3': ${line:-(none)}" ;;
	esac
	covered[$2]=${covered[$2]:-$1}
}

# run LABEL: the script on stdin meets all its expectations, and every
# failure in it is explained
run()
{
	run_sockstage
	expect_rc 0 "$1"
	all_failures_explained "$1"
}

# set_sysctl NAME VALUE: a sysctl of this namespace, set for one part
# ($sysctl_old: what it was; put back by the part, and at exit anyway)
set_sysctl()
{
	sysctl_old=$(sysctl -n "$1" 2>/dev/null) || return 1
	sysctl -q -w "$1=$2" 2>/dev/null || return 1
	at_exit sysctl -q -w "$1=$sysctl_old"
}

note "1. addresses, families, options"
run "addresses" <<'STAGE'
socket tcp as a
bind a 127.0.0.1:3601 => ok
socket tcp as b
bind b 127.0.0.1:3601 => EADDRINUSE
bind a 127.0.0.1:3602 => EINVAL
bind b 192.0.2.1:3601 => EADDRNOTAVAIL
bind b [::1]:3601 => EAFNOSUPPORT
connect b [::1]:3601 => EAFNOSUPPORT
set a v6only => ENOPROTOOPT
socket tcp 6 as v
bind v [::1]:3603 => ok
set v v6only => EINVAL
socket udp as u
sendto u [::1]:3609 "x" => EAFNOSUPPORT
STAGE
means bind EADDRINUSE "bound, listening or in TIME-WAIT"
means bind EINVAL "already bound"
means bind EADDRNOTAVAIL "not assigned to any interface"
means bind EAFNOSUPPORT "IPv6 address on an IPv4 socket"
means connect EAFNOSUPPORT "IPv6 address on an IPv4 socket"
means setsockopt ENOPROTOOPT "IPV6_V6ONLY on an IPv4 socket"
means setsockopt EINVAL "IPV6_V6ONLY after bind"
means sendto EAFNOSUPPORT "destination's family"

note "2. calls that do not fit the socket or its state"
run "wrong state" <<'STAGE'
socket udp as u
listen u => EOPNOTSUPP
accept u => EOPNOTSUPP
send u "x" => EDESTADDRREQ
sendto u 127.0.0.1:9 65507 => ok
sendto u 127.0.0.1:9 65508 => EMSGSIZE
recv u => EAGAIN
shutdown u wr => ENOTCONN
socket tcp as n
accept n => EINVAL
recv n => ENOTCONN
send n "x" => EPIPE
STAGE
means listen EOPNOTSUPP "cannot listen"
means accept EOPNOTSUPP "does not accept connections"
means send EDESTADDRREQ "use sendto"
means sendto EMSGSIZE "65,507 bytes"
means recv EAGAIN "No data has arrived"
means shutdown ENOTCONN "shutdown acts on a connection"
means accept EINVAL "not listening"
means recv ENOTCONN "never connected"
means send EPIPE "also says this when never connected"

note "3. connections: connected twice, shut down, full, reset"
run "connections" <<'STAGE'
socket tcp as l
bind l 127.0.0.1:3610
listen l
accept l => EWOULDBLOCK
socket tcp as c
connect c 127.0.0.1:3610 => ok
# Linux: the next connect completes the nonblocking one (0); then EISCONN
connect c 127.0.0.1:3610
connect c 127.0.0.1:3610 => EISCONN
connect l 127.0.0.1:3610 => EISCONN
listen c => EINVAL
accept l as ca => ok
shutdown c wr => ok
send c "x" => EPIPE
# the peer never reads: the send buffer fills
socket tcp as f
connect f 127.0.0.1:3610 => ok
accept l as fa => ok
send f 67108864
send f 67108864
send f 1 => EAGAIN
# SO_LINGER {on, 0}: close sends RST; the first send sees it, then EPIPE
socket tcp as r
bind r 127.0.0.1:3611
connect r 127.0.0.1:3610 => ok
accept l as ra => ok
set r linger 0
close r => ok
expect no ESTAB 127.0.0.1:3610 127.0.0.1:3611
send ra "x" => ECONNRESET
send ra "x" => EPIPE
# close with unread data sends RST too: the peer's recv sees it
socket tcp as q
connect q 127.0.0.1:3610 => ok
accept l as qa => ok
send q "unread" => ok
close qa => ok
recv q => ECONNRESET
# nothing listens: TCP gets RST, UDP an ICMP port unreachable
socket tcp as x
connect x 127.0.0.1:3619 => ECONNREFUSED
socket udp as d
connect d 127.0.0.1:3619 => ok
send d "x" => ok
recv d => ECONNREFUSED
STAGE
means accept EAGAIN "accept queue"
means connect EISCONN "already connected"
means listen EINVAL "only an unconnected socket can listen"
means send EAGAIN "send buffer is full"
means send ECONNRESET "the next send fails with EPIPE"
means recv ECONNRESET "unread data"
means connect ECONNREFUSED "answered with RST"
means recv ECONNREFUSED "ICMP port unreachable"

note "4. broadcast, multicast, no route; ports taken; groups; closed"
run "addresses in use" <<'STAGE'
socket udp as bc
connect bc 127.255.255.255:3620 => EACCES
sendto bc 127.255.255.255:3620 "x" => EACCES
sendto bc 239.1.1.1:3620 "x" => ENETUNREACH
socket tcp as t
connect t 127.255.255.255:3620 => ENETUNREACH
connect t 192.0.2.1:3620 => ENETUNREACH
socket tcp as l
bind l 127.0.0.1:3621
listen l
socket tcp as p1
set p1 reuseaddr
bind p1 127.0.0.1:3622
socket tcp as p2
set p2 reuseaddr
bind p2 127.0.0.1:3622
connect p1 127.0.0.1:3621 => ok
connect p2 127.0.0.1:3621 => EADDRNOTAVAIL
socket tcp as w1
set w1 reuseaddr
bind w1 127.0.0.1:3623
socket tcp as w2
set w2 reuseaddr
bind w2 127.0.0.1:3623
listen w1 => ok
listen w2 => EADDRINUSE
socket udp as m
join m 239.1.1.1 127.0.0.1 => ok
join m 239.1.1.1 127.0.0.1 => EADDRINUSE
leave m 239.1.1.2 127.0.0.1 => EADDRNOTAVAIL
close m => ok
close m => EBADF
STAGE
means connect EACCES "SO_BROADCAST"
means sendto EACCES "broadcast address"
means sendto ENETUNREACH "IP_MULTICAST_IF"
means connect ENETUNREACH "broadcast or multicast"
means connect EADDRNOTAVAIL "already connected there"
means listen EADDRINUSE "only SO_REUSEPORT lets both listen"
means setsockopt EADDRINUSE "already joined"
means setsockopt EADDRNOTAVAIL "not a member"
means close EBADF "already closed"

note "5. no free ephemeral port: ip_local_port_range of two ports"
if set_sysctl net.ipv4.ip_local_port_range "3700 3701"; then
	run "ports used up" <<'STAGE'
socket udp as u1
bind u1 127.0.0.1 => ok
socket udp as u2
bind u2 127.0.0.1 => ok
socket udp as u3
bind u3 127.0.0.1 => EADDRINUSE
connect u3 127.0.0.1:3629 => EAGAIN
sendto u3 127.0.0.1:3629 "x" => EAGAIN
socket tcp as t1
bind t1 127.0.0.1 => ok
socket tcp as t2
bind t2 127.0.0.1 => ok
socket tcp as t3
connect t3 127.0.0.1:3629 => EADDRNOTAVAIL
listen t3 => EADDRINUSE
STAGE
	means bind EADDRINUSE "port 0 found no free port"
	means connect EAGAIN "ip_local_port_range is used up"
	means sendto EAGAIN "no free local port"
	means connect EADDRNOTAVAIL "No free local port"
	means listen EADDRINUSE "no ephemeral port is free"
	sysctl -q -w net.ipv4.ip_local_port_range="$sysctl_old" ||
		fail "cannot restore net.ipv4.ip_local_port_range"
else
	note "5. skipped: net.ipv4.ip_local_port_range cannot be set here"
fi

note "6. routes that refuse: unreachable, prohibit, blackhole"
routes=yes
ip route add unreachable 198.51.100.0/24 2>/dev/null &&
ip route add prohibit 203.0.113.0/24 2>/dev/null &&
ip route add blackhole 192.0.2.128/25 2>/dev/null || routes=
if [ -n "$routes" ]; then
	run "routes" <<'STAGE'
socket tcp as h
connect h 198.51.100.1:3630 => EHOSTUNREACH
connect h 203.0.113.1:3630 => EACCES
connect h 192.0.2.129:3630 => EINVAL
socket udp as hu
sendto hu 198.51.100.1:3630 "x" => EHOSTUNREACH
sendto hu 203.0.113.1:3630 "x" => EACCES
sendto hu 192.0.2.129:3630 "x" => EINVAL
STAGE
	means connect EHOSTUNREACH "unreachable route"
	means connect EACCES "prohibit route"
	means connect EINVAL "blackhole route"
	means sendto EHOSTUNREACH "unreachable route"
	means sendto EACCES "prohibit route"
	means sendto EINVAL "blackhole route"
else
	note "6. skipped: cannot add routes in this namespace"
fi

note "7. a SYN that gets no answer: a full accept queue drops it"
if set_sysctl net.ipv4.tcp_syn_retries 1; then
	timeouts=yes
	# the connect waits 1 s, then says EINPROGRESS; the kernel gives up
	# the SYN after about 3 s, and the bound socket is CLOSE again
	run "timeout" <<'STAGE'
socket tcp as l
bind l 127.0.0.1:3640
listen l 0
socket tcp as full
connect full 127.0.0.1:3640 => ok
socket tcp as c
bind c 127.0.0.1:3641
connect c 127.0.0.1:3640 => EINPROGRESS
connect c 127.0.0.1:3640 => EALREADY
wait c BOUND 15s
connect c 127.0.0.1:3640 => ETIMEDOUT
STAGE
	means connect EINPROGRESS "SO_ERROR"
	means connect EALREADY "wait for it to finish"
	means connect ETIMEDOUT "SYN got no answer"
else
	note "7. skipped: net.ipv4.tcp_syn_retries cannot be set here"
fi

note "8. no free file descriptor: RLIMIT_NOFILE 16"
# The worker holds 0-3 and the listener: 11 sockets fit. The connection
# comes from another process, so it waits in the accept queue.
script="spawn p
p: socket tcp as pc
socket tcp as l
bind l 127.0.0.1:3650
listen l
p: connect pc 127.0.0.1:3650 => ok
$(for i in $(seq 16); do echo "socket udp"; done)
socket udp => EMFILE
accept l => EMFILE"
nofile=$(ulimit -Sn)
ulimit -Sn 16 || fail "cannot lower RLIMIT_NOFILE"
run "fds" <<< "$script"
ulimit -Sn "$nofile" || fail "cannot restore RLIMIT_NOFILE"
means socket EMFILE "for the new socket"
means accept EMFILE "stays in the accept queue"

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	note "9. the stage as uid 65534: a privileged port, another uid"
	# run_sockstage passes the script as a file in $tmp, which uid 65534
	# cannot read: the wrapper hands it over on stdin instead
	cat > "$tmp/as-nobody" <<EOF
#!/bin/bash
f=\${@: -1}
set -- "\${@:1:\$#-2}"
exec setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKSTAGE" "\$@" --run - < "\$f"
EOF
	chmod +x "$tmp/as-nobody"
	real=$SOCKSTAGE
	SOCKSTAGE=$tmp/as-nobody
	run "as nobody" <<'STAGE'
socket tcp as low
bind low 127.0.0.1:80 => EACCES
spawn p uid 0 => EPERM
STAGE
	SOCKSTAGE=$real
	means bind EACCES "CAP_NET_BIND_SERVICE"
	means spawn EPERM "CAP_SETUID"
else
	note "9. skipped: EPERM (spawn with a uid) and bind EACCES need root"
	note "   (a stage running as another uid); tests/unit/test_explain covers the texts"
fi

# every errno this namespace allowed us to produce was produced and checked
want="EADDRINUSE EADDRNOTAVAIL EACCES EINVAL EISCONN ENOTCONN ECONNREFUSED
ECONNRESET EPIPE ENETUNREACH EAGAIN EAFNOSUPPORT EOPNOTSUPP ENOPROTOOPT
EMFILE EDESTADDRREQ EMSGSIZE EBADF"
[ -n "$routes" ] && want="$want EHOSTUNREACH"
[ -n "$timeouts" ] && want="$want ETIMEDOUT EINPROGRESS EALREADY"
[ -n "$real" ] && want="$want EPERM"
for e in $want; do
	[ -n "${covered[$e]:-}" ] || fail "$e was not produced and checked"
done
note "covered: $(for e in "${!covered[@]}"; do printf '%s(%s) ' "$e" "${covered[$e]}"; done)"
exit 0
