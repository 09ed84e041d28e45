#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# explain-unix.sh - a UNIX socket's failed bind and connect, explained,
# each by a real call in a private network namespace, and each piece of
# advice followed, in the same run and again in a fresh run of its own
# (part 3), and working:
#  - EADDRINUSE, a stale file (a probe gets ECONNREFUSED): unlink, then
#    bind works; the abstract namespace needs no unlink;
#  - EADDRINUSE, a live socket (the probe never connects to a listener: a
#    listener with backlog 0 still takes its one connection afterwards);
#  - EADDRINUSE on an abstract name: close its socket, then bind works;
#  - ENOENT (a missing directory; no file), ECONNREFUSED (a stale file),
#    EPROTOTYPE (connect from the matching type works), EAGAIN (backlog
#    full: an accept makes room), EINVAL (longer than sun_path: an
#    abstract name works);
#  - as root: EACCES for uid 65534, on bind (the directory) and on connect
#    (the socket file), with modes and uid; a world-writable directory and
#    the file's owner work.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir
umask 022

run_sockstage <<'S'
socket unix stream as srv
bind srv srv.sock
listen srv
close srv
socket unix stream as srv2
bind srv2 srv.sock => EADDRINUSE
socket unix stream as c
connect c srv.sock => ECONNREFUSED
unlink srv.sock => ok
bind srv2 srv.sock => ok
socket unix stream as ab
bind ab @srv => ok
listen srv2 0 => ok
socket unix stream as srv3
bind srv3 srv.sock => EADDRINUSE
socket unix stream as c1
connect c1 srv.sock => ok
socket unix stream as c2
connect c2 srv.sock => EAGAIN
accept srv2 => ok
connect c2 srv.sock => ok
socket unix stream as x
bind x nodir/x.sock => ENOENT
bind x x.sock => ok
connect c none.sock => ENOENT
socket unix dgram as d
bind d d.sock => ok
connect c d.sock => EPROTOTYPE
socket unix dgram as dc
connect dc d.sock => ok
socket unix stream as y
bind y @srv => EADDRINUSE
close ab => ok
bind y @srv => ok
socket unix stream as long
bind long aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => EINVAL
bind long @aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => ok
S
[ "$run_rc" -eq 0 ] || fail "exit $run_rc: $run_err"
transcript_has "stale: why" '^  why: "srv\.sock" is a socket file, and nothing listens there: a probe connect gets ECONNREFUSED'
transcript_has "stale: advice" '^  try: unlink "srv\.sock" first, then bind .*abstract namespace'
transcript_has "live: why" '^  why: a socket is bound at "srv\.sock": u_str LISTEN \(s2\); it is in use$'
transcript_has "refused: why" '^  why: "srv\.sock" is a socket file, but nothing listens there: a stale file'
transcript_has "backlog: why" '^  why: the listener at "srv\.sock" has as many connections waiting as its backlog allows'
transcript_has "backlog: advice" '^  try: accept on the listener'
transcript_has "no dir: why" '^  why: the directory of "nodir/x\.sock" does not exist \(nodir\)'
transcript_has "no file: why" '^  why: there is no file "none\.sock"'
transcript_has "type: why" '^  why: the socket at "d\.sock" is u_dgr UNCONN \(s10\), a dgram socket; u_str is stream: the types must match$'
transcript_has "type: advice" '^  try: connect from a socket unix dgram$'
transcript_has "abstract: why" '^  why: another socket holds the abstract name @srv in this network namespace$'
transcript_has "long: why" '^  why: the name is 118 bytes: sun_path holds 108'

# ---- EACCES: another uid (root is needed to spawn one) ----------------------
chmod 1777 "$tmp"
if [ "$(id -u)" != 0 ]; then
	note "EACCES part skipped: spawn uid needs root"
else
run_sockstage <<S
socket unix dgram as d
bind d d.sock => ok
spawn nobody uid 65534
nobody: socket unix dgram as n
nobody: bind n n.sock => EACCES
nobody: bind n $tmp/n.sock => ok
nobody: socket unix dgram as n2
nobody: connect n2 d.sock => EACCES
socket unix dgram as m
connect m d.sock => ok
S
[ "$run_rc" -eq 0 ] || fail "EACCES: exit $run_rc: $run_err"
transcript_has "EACCES bind: why" '^  why: bind makes a file: the process \(uid 65534\) needs write and search permission on its directory \(mode 0755, owner uid 0\)$'
fi
[ "$(id -u)" != 0 ] ||
transcript_has "EACCES connect: why" '^  why: connect needs write permission on the socket file \(mode 0755, owner uid 0\) and search permission on its directory \(mode 0755, owner uid 0\); the process is uid 65534$'

# ---- 3. each piece of advice in a fresh run of its own ------------------------
# fresh SCRIPT: a run of its own that must end with exit 0 (every => holds)
fresh()
{
	run_sockstage
	[ "$run_rc" -eq 0 ] || fail "fresh run $1: exit $run_rc: $run_out"
}
# a stale file: unlink it before bind, as a well-written server does
fresh "unlink before bind" <<'S'
socket unix stream as old
bind old srv.sock => ok
listen old => ok
close old => ok
socket unix stream as srv
unlink srv.sock => ok
bind srv srv.sock => ok
listen srv => ok
socket unix stream as c
connect c srv.sock => ok
S
# ... or the abstract namespace: a server that dies leaves nothing behind
fresh "the abstract namespace" <<'S'
spawn server
server: socket unix stream as a
server: bind a @fresh-srv => ok
server: listen a => ok
kill server
socket unix stream as b
bind b @fresh-srv => ok
S
# a live socket has the name: pick another path
fresh "another path" <<'S'
socket unix stream as a
bind a srv.sock => ok
listen a => ok
socket unix stream as b
bind b srv2.sock => ok
S
# the abstract name's socket closed: the name is free
fresh "close the abstract name's socket" <<'S'
socket unix dgram as a
bind a @n => ok
close a => ok
socket unix dgram as b
bind b @n => ok
S
# a missing directory: a path in one that exists
fresh "a directory that exists" <<S
socket unix stream as x
bind x nodir/x.sock => ENOENT
bind x $tmp/x.sock => ok
S
# the types must match: connect from the listener's type
fresh "the matching type" <<'S'
socket unix dgram as d
bind d d.sock => ok
socket unix dgram as c
connect c d.sock => ok
sendto c d.sock "hi" => ok
recv d => ok
S
# a full backlog: a larger backlog, or an accept
fresh "a larger backlog" <<'S'
socket unix stream as l
bind l l.sock => ok
listen l 2 => ok
socket unix stream as c1
connect c1 l.sock => ok
socket unix stream as c2
connect c2 l.sock => ok
socket unix stream as c3
connect c3 l.sock => ok
S
# longer than sun_path: a short abstract name
fresh "a short name" <<'S'
socket unix stream as long
bind long @aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => ok
S
if [ "$(id -u)" = 0 ]; then
	# another uid: a directory it may write; or the server's files open
	# to others (a umask of 0 before bind); or the file's owner
	fresh "a writable directory" <<S
spawn nobody uid 65534
nobody: socket unix dgram as n
nobody: bind n $tmp/fresh-n.sock => ok
S
	(umask 000; fresh "the server's umask" <<'S'
socket unix dgram as d
bind d d.sock => ok
spawn nobody uid 65534
nobody: socket unix dgram as n
nobody: connect n d.sock => ok
S
	) || exit 1
fi
exit 0
