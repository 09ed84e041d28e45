#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# explain-conn.sh - the explanations of failures between two ends and of
# local addresses (src/whatif_conn.c, src/whatif_local.c), and their advice
# followed: connect's EADDRNOTAVAIL (the same four addresses taken; an
# exhausted ip_local_port_range) and ECONNREFUSED, bind's EADDRNOTAVAIL (an
# address not local) and EACCES (a privileged port), ECONNRESET and EPIPE
# after the peer on stage closed with SO_LINGER 0, with unread data, or
# normally (LINUX-FACTS.md (f)), EPIPE after shutdown. EADDRINUSE on bind
# and listen: explain.sh.
# The sysctls written here are those of the test's private namespace.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# the checks on the last transcript, by their short names
has() { transcript_has "$@"; }
re() { transcript_re "$@"; }
line() { transcript_line "$@"; }
# notes CMD: the lines under "> CMD" (every such command) in the last transcript
notes()
{
	awk -v c="> $1" '$0 == c { on = 1; next } /^> / { on = 0 } on' <<< "$run_out"
}
# line_in CMD LABEL TEXT: a line under "> CMD" is TEXT ('#': a number)
line_in()
{
	grep -Eq -- "$(re "$3")" <<< "$(notes "$1")" || {
		printf '%s\n' "$run_out"
		fail "$2: no line under '> $1' is '$3'"
	}
}
# no_line_in CMD LABEL REGEX: no line under "> CMD" matches REGEX
no_line_in()
{
	! grep -Eq -- "$3" <<< "$(notes "$1")" || {
		printf '%s\n' "$run_out"
		fail "$2: a line under '> $1' matches /$3/"
	}
}
# sysctl_set NAME VALUE: in this namespace only (we run in a private one)
sysctl_set()
{
	echo "$2" > "/proc/sys/${1//.//}" || fail "cannot set $1 in the test namespace"
}

# ---- connect: the same four addresses ----------------------------------------

note "1. connect: the four-tuple is taken"
run_sockstage <<'STAGE'
socket tcp as l
bind l 0.0.0.0:3700
listen l
socket tcp as l2
bind l2 127.0.0.1:3702
listen l2
socket tcp as a
set a reuseaddr
bind a 127.0.0.1:3701
connect a 127.0.0.1:3700 => ok
socket tcp as b
set b reuseaddr
bind b 127.0.0.1:3701
connect b 127.0.0.1:3700 => EADDRNOTAVAIL
connect b 127.0.0.2:3700 => ok
socket tcp as c
set c reuseaddr
bind c 127.0.0.1:3701
connect c 127.0.0.1:3700 => EADDRNOTAVAIL
connect c 127.0.0.1:3702 => ok
socket tcp as d
set d reuseaddr
bind d 127.0.0.1:0
connect d 127.0.0.1:3700 => ok
socket tcp as e
connect e 127.0.0.1:3700 => ok
STAGE
expect_rc 0 "four-tuple"
cmd="connect b 127.0.0.1:3700 => EADDRNOTAVAIL"
line_in "$cmd" "1: why" "  why: tcp ESTAB 127.0.0.1:3701 127.0.0.1:3700 (s3: SO_REUSEADDR)"
line_in "$cmd" "1: rule" "  why: a TCP connection is known by its four addresses; SO_REUSEADDR lets two sockets bind one port, but no two may connect from it to the same place (Linux says EADDRNOTAVAIL, connect(2) EADDRINUSE)"
line_in "$cmd" "1: advice" "  try: bind s4 to port 0 (or not at all) so that the kernel picks a free port, or connect to another address or port"
no_line_in "$cmd" "1: only the connection in the way" '^  why: tcp (LISTEN|BOUND) '
line_in "connect c 127.0.0.1:3700 => EADDRNOTAVAIL" "1: advice (s5)" "  try: bind s5 to port 0 (or not at all) so that the kernel picks a free port, or connect to another address or port"

# ---- bind: an address that is not local -----------------------------------------

note "2. bind: addresses that are not local"
run_sockstage <<'STAGE'
socket tcp as a
bind a 10.1.2.3:3710 => EADDRNOTAVAIL
bind a 0.0.0.0:3710 => ok
socket tcp as b
bind b 10.1.2.3:3711 => EADDRNOTAVAIL
bind b 127.0.0.1:3711 => ok
socket tcp 6 as c
bind c [2001:db8::1]:3712 => EADDRNOTAVAIL
bind c [::]:3712 => ok
socket udp 6 as d
bind d [2001:db8::1]:3713 => EADDRNOTAVAIL
bind d [::1]:3713 => ok
STAGE
expect_rc 0 "not local"
cmd="bind a 10.1.2.3:3710 => EADDRNOTAVAIL"
line_in "$cmd" "2: why" "  why: 10.1.2.3 is not an address of this host (this network namespace); its IPv4 addresses: 127.0.0.1/8 (lo); all of 127.0.0.0/8 is local through lo"
line_in "$cmd" "2: rule" "  why: bind takes a local address or a wildcard; IP_FREEBIND or net.ipv4.ip_nonlocal_bind=1 lets it take any address"
line_in "$cmd" "2: advice" "  try: bind one of the addresses above, or 0.0.0.0 to take all of them"
cmd="bind c [2001:db8::1]:3712 => EADDRNOTAVAIL"
line_in "$cmd" "2: why v6" "  why: 2001:db8::1 is not an address of this host (this network namespace); its IPv6 addresses: ::1/128 (lo)"
line_in "$cmd" "2: rule v6" "  why: bind takes a local address or a wildcard; IP_FREEBIND or net.ipv6.ip_nonlocal_bind=1 lets it take any address"
line_in "$cmd" "2: advice v6" "  try: bind one of the addresses above, or [::] to take all of them"
line_in "bind d [2001:db8::1]:3713 => EADDRNOTAVAIL" "2: why v6 udp" "  why: 2001:db8::1 is not an address of this host (this network namespace); its IPv6 addresses: ::1/128 (lo)"

note "2b. following the advice: ip_nonlocal_bind=1 in this namespace"
sysctl_set net.ipv4.ip_nonlocal_bind 1
sysctl_set net.ipv6.ip_nonlocal_bind 1
run_sockstage <<'STAGE'
socket tcp as a
bind a 10.1.2.3:3710 => ok
socket tcp 6 as c
bind c [2001:db8::1]:3712 => ok
STAGE
expect_rc 0 "ip_nonlocal_bind"
sysctl_set net.ipv4.ip_nonlocal_bind 0
sysctl_set net.ipv6.ip_nonlocal_bind 0

# ---- ECONNRESET and EPIPE ----------------------------------------------------------

# conn PORT: a listener l on 127.0.0.1:PORT, c connected to it, s accepted
conn()
{
	printf '%s\n' "socket tcp as l" "bind l 127.0.0.1:$1" "listen l" \
		"socket tcp as c" "connect c 127.0.0.1:$1 => ok" "accept l as s => ok"
}
rst_why="the connection ended at once, with no TIME-WAIT on either side"

note "3. the peer closed with SO_LINGER 0"
run_sockstage <<< "$(conn 3720; printf '%s\n' "set s linger 0" "close s" \
	"recv c => ECONNRESET" "send c \"more\" => EPIPE" \
	"expect no TIME-WAIT 127.0.0.1:3720" "close c" \
	"expect no TIME-WAIT 127.0.0.1:3720")"
expect_rc 0 "linger 0"
cmd="recv c => ECONNRESET"
line_in "$cmd" "3: why" "  why: the peer s3 closed with SO_LINGER {on, 0}: close sent a RST instead of a FIN, and $rst_why"
line_in "$cmd" "3: advice" "  try: close s3 without SO_LINGER 0 (linger off) for an orderly FIN: recv on s2 then returns 0 at the end"
cmd="send c \"more\" => EPIPE"
line_in "$cmd" "3: why EPIPE" "  why: the peer s3 closed with SO_LINGER {on, 0}: close sent a RST instead of a FIN, and $rst_why"
line_in "$cmd" "3: EPIPE after RST" "  why: after a RST, send fails with EPIPE (and SIGPIPE, which the stage ignores)"
line_in "$cmd" "3: advice EPIPE" "  try: close s3 without SO_LINGER 0 (linger off) for an orderly FIN: recv on s2 then returns 0 at the end"
# the reset is reported once: then recv says end of stream
note "3b. linger 0: send first gets ECONNRESET"
run_sockstage <<< "$(conn 3721; printf '%s\n' "set s linger 0" "close s" \
	"send c \"more\" => ECONNRESET" "recv c => ok")"
expect_rc 0 "linger 0, send"
line_in "send c \"more\" => ECONNRESET" "3b: why" "  why: the peer s3 closed with SO_LINGER {on, 0}: close sent a RST instead of a FIN, and $rst_why"
has "3b: then end of stream" '^recv\(s2, [0-9]+\) = 0 '
note "3c. following the advice: linger off, then close"
run_sockstage <<< "$(conn 3722; printf '%s\n' "set s linger 0" "set s linger off" \
	"close s" "wait c CLOSE-WAIT" "recv c => ok")"
expect_rc 0 "linger off"
has "3c: recv returns 0" '^recv\(s2, [0-9]+\) = 0 \(end of stream'

note "4. the peer closed with data unread"
run_sockstage <<< "$(conn 3730; printf '%s\n' "send c \"hello\" => ok" "close s" \
	"recv c => ECONNRESET" "send c \"more\" => EPIPE")"
expect_rc 0 "unread"
cmd="recv c => ECONNRESET"
line_in "$cmd" "4: why" "  why: s3 was closed with 5 bytes it had not read: the kernel then sends a RST instead of a FIN, and what was unread is lost"
line_in "$cmd" "4: advice" "  try: read what s3 received before closing it; then close sends a FIN and recv on s2 returns 0"
cmd="send c \"more\" => EPIPE"
line_in "$cmd" "4: why EPIPE" "  why: s3 was closed with 5 bytes it had not read: the kernel then sends a RST instead of a FIN, and what was unread is lost"
line_in "$cmd" "4: EPIPE after RST" "  why: after a RST, send fails with EPIPE (and SIGPIPE, which the stage ignores)"
note "4b. following the advice: read first, then close"
run_sockstage <<< "$(conn 3731; printf '%s\n' "send c \"hello\" => ok" \
	"recv s => ok" "close s" "wait c CLOSE-WAIT" "recv c => ok")"
expect_rc 0 "read first"
has "4b: recv returns 0" '^recv\(s2, [0-9]+\) = 0 \(end of stream'

# No ECONNRESET here: the RST finds s2 in CLOSE-WAIT (it had the FIN), for
# which Linux (tcp_reset) reports EPIPE
note "5. the peer closed normally, and s2 sends on"
run_sockstage <<< "$(conn 3740; printf '%s\n' "close s" "wait c CLOSE-WAIT" \
	"send c \"a\" => ok" "send c \"b\" => EPIPE")"
expect_rc 0 "normal close"
cmd="send c \"b\" => EPIPE"
line_in "$cmd" "5: why" "  why: the peer s3 is closed: data that s2 sent after that was answered with a RST"
line_in "$cmd" "5: EPIPE after RST" "  why: after a RST, send fails with EPIPE (and SIGPIPE, which the stage ignores)"
line_in "$cmd" "5: advice" "  try: stop sending on s2 once recv returns 0 (the peer's FIN): the peer will read no more"
note "5b. following the advice: recv returns 0, and nothing is reset"
run_sockstage <<< "$(conn 3741; printf '%s\n' "close s" "wait c CLOSE-WAIT" \
	"recv c => ok" "close c => ok")"
expect_rc 0 "stop at the FIN"
has "5b: recv returns 0" '^recv\(s2, [0-9]+\) = 0 \(end of stream'

note "6. EPIPE after shutdown wr"
run_sockstage <<< "$(conn 3750; printf '%s\n' "shutdown c wr" "send c \"x\" => EPIPE")"
expect_rc 0 "shutdown"
cmd="send c \"x\" => EPIPE"
line_in "$cmd" "6: why" "  why: s2 was shut down for writing (shutdown SHUT_WR or SHUT_RDWR): it may send no more"
no_line_in "$cmd" "6: no peer blamed" '^  why: .*(peer|RST)'

# ---- connect refused, a privileged port ---------------------------------------------

# root (and uid 65534 mapped in this namespace): a process of another user
can_be_nobody()
{
	[ "$(id -u)" = 0 ] &&
	awk '$1 <= 65534 && 65534 < $1 + $3 { f = 1 } END { exit !f }' /proc/self/uid_map
}

note "7. connection refused: what listens on the port elsewhere, or nothing"
run_sockstage <<'STAGE'
socket tcp as l
bind l 127.0.0.2:3530
listen l
socket tcp as c
connect c 127.0.0.1:3530 => ECONNREFUSED
socket tcp as d
connect d 127.0.0.1:3531 => ECONNREFUSED
socket tcp as e
connect e 127.0.0.2:3530 => ok
STAGE
expect_rc 0 "refused"
has "meaning" '^  means: Nothing listens there'
has "where it listens" '^  why: port 3530 listens only on 127\.0\.0\.2:3530 \(s1\)$'
has "nothing listens" '^  why: nothing listens on port 3531: the kernel answered the SYN with a RST$'
line "advice" "  try: connect to an address it listens on, or bind the listener to a wildcard (0.0.0.0 or [::])"
note "7b. following the advice: the listener on a wildcard"
run_sockstage <<'STAGE'
socket tcp as l
bind l 0.0.0.0:3532
listen l
socket tcp as c
connect c 127.0.0.1:3532 => ok
STAGE
expect_rc 0 "refused: advice followed"

if can_be_nobody; then
	note "8. a privileged port as another user: the setting and the capability"
	run_sockstage <<'STAGE'
spawn p uid 65534
p: socket tcp as low
p: bind low 127.0.0.1:80 => EACCES
p: bind low 127.0.0.1:1024 => ok
socket tcp as root
bind root 127.0.0.1:80 => ok
STAGE
	expect_rc 0 "privileged port"
	has "why" '^  why: port 80 is below net\.ipv4\.ip_unprivileged_port_start \(1024\): binding it needs CAP_NET_BIND_SERVICE$'
	has "try" '^  try: a port from 1024 up'
	line "try" "  try: a port from 1024 up, or this process as root (or with CAP_NET_BIND_SERVICE), or a lower ip_unprivileged_port_start in this namespace"
	note "8b. following the advice: a lower ip_unprivileged_port_start here"
	start=$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start) ||
		fail "no ip_unprivileged_port_start"
	sysctl_set net.ipv4.ip_unprivileged_port_start 80
	run_sockstage <<'STAGE'
spawn p uid 65534
p: socket tcp as low
p: bind low 127.0.0.1:80 => ok
STAGE
	expect_rc 0 "lower ip_unprivileged_port_start"
	sysctl_set net.ipv4.ip_unprivileged_port_start "$start"
else
	note "8 skipped: switching to another uid needs real root"
fi

# ---- connect: the port range exhausted -------------------------------------------
# last: the narrow range holds for the whole namespace until restored

range=$(cat /proc/sys/net/ipv4/ip_local_port_range) || fail "no ip_local_port_range"
note "9. connect: ip_local_port_range exhausted (40000-40001)"
sysctl_set net.ipv4.ip_local_port_range "40000 40001"
at_exit sysctl_set net.ipv4.ip_local_port_range "$range"
run_sockstage <<'STAGE'
socket tcp as l
bind l 127.0.0.1:3760
listen l
socket tcp as l2
bind l2 127.0.0.1:3761
listen l2
socket tcp as a
connect a 127.0.0.1:3760 => ok
socket tcp as b
connect b 127.0.0.1:3760 => ok
socket tcp as c
connect c 127.0.0.1:3760 => EADDRNOTAVAIL
connect c 127.0.0.1:3761 => ok
socket tcp as d
connect d 127.0.0.1:3760 => EADDRNOTAVAIL
bind d 127.0.0.2:0 => ok
connect d 127.0.0.1:3760 => ok
STAGE
expect_rc 0 "exhausted"
cmd="connect c 127.0.0.1:3760 => EADDRNOTAVAIL"
line_in "$cmd" "7: why 40000" "  why: tcp ESTAB 127.0.0.1:40000 127.0.0.1:3760 (s3: no SO_REUSEADDR)"
line_in "$cmd" "7: why 40001" "  why: tcp ESTAB 127.0.0.1:40001 127.0.0.1:3760 (s4: no SO_REUSEADDR)"
line_in "$cmd" "7: rule" "  why: net.ipv4.ip_local_port_range is 40000-40001 (2 ports): 2 of them already connect to 127.0.0.1:3760, 0 more are held by bind; a port may be reused only for another destination"
line_in "$cmd" "7: advice" "  try: widen net.ipv4.ip_local_port_range, connect to another address or port, or bind another local address with port 0 first; TIME-WAIT rows free their ports when they end"
# Two ports more: connect picks from an even number of ports (Linux
# __inet_hash_connect): in 40000-40002 it never takes 40002.
note "9b. following the advice: a wider range (40000-40003)"
sysctl_set net.ipv4.ip_local_port_range "40000 40003"
run_sockstage <<'STAGE'
socket tcp as l
bind l 127.0.0.1:3762
listen l
socket tcp as a
connect a 127.0.0.1:3762 => ok
socket tcp as b
connect b 127.0.0.1:3762 => ok
socket tcp as c
connect c 127.0.0.1:3762 => ok
socket tcp as d
connect d 127.0.0.1:3762 => ok
STAGE
expect_rc 0 "wider range"
note "9c. an odd range: the explanation says connect uses one port less"
sysctl_set net.ipv4.ip_local_port_range "40000 40002"
run_sockstage <<'STAGE'
socket tcp as l
bind l 127.0.0.1:3763
listen l
socket tcp as a
connect a 127.0.0.1:3763 => ok
socket tcp as b
connect b 127.0.0.1:3763 => ok
socket tcp as c
connect c 127.0.0.1:3763 => EADDRNOTAVAIL
STAGE
expect_rc 0 "odd range"
line_in "connect c 127.0.0.1:3763 => EADDRNOTAVAIL" "9c: rule" "  why: net.ipv4.ip_local_port_range is 40000-40002 (3 ports, of which connect uses 2): 2 of them already connect to 127.0.0.1:3763, 0 more are held by bind; a port may be reused only for another destination"
sysctl_set net.ipv4.ip_local_port_range "$range"
exit 0
