#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-unix.sh - UNIX-domain sockets in the TUI, through tmux in a private
# network namespace (and a private TMPDIR):
#  - n takes "unix stream as srv"; b offers srv.sock, l listens, c on
#    another unix socket offers the listener's name and connects, a
#    accepts: the Sockets panel shows u_str (never tcp4) with the path,
#    the kernel panel u_str rows, each end's inode named by its socket
#    (srv.sock s1, "* s3": the two ends of a connection linked);
#  - a socket passed with sendfd/recvfd: the Sockets panel names both
#    processes as its holders, then only the receiver after the sender
#    closes it;
#  - q: the stage's directory is gone.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir
export TMPDIR=$tmp/t
mkdir -p "$TMPDIR"

quote() { tui_quote_re "$1"; }
wait_log() { tui_wait_for "$(quote "$1")" "${2:-}"; }
# prompt_enter KEY PROMPT [TEXT]: KEY, its prompt, TEXT (or the default), Enter
prompt_enter()
{
	tui_keys "$1"
	tui_wait_for "$2"
	[ -n "${3:-}" ] && tui_text "$3"
	tui_keys Enter
}

tui_start 110 34 env TMPDIR="$TMPDIR" "$SOCKSTAGE"
tui_wait_for '^ ?sockstage'

note "n: a unix stream socket (its default, tcp, taken back)"
tui_keys n
tui_wait_for 'socket \(tcp\|udp .*unix stream\|dgram\|seqpacket\): tcp$'
tui_keys BSpace BSpace BSpace
tui_text "unix stream as srv"
tui_keys Enter
wait_log "socket(AF_UNIX, SOCK_STREAM, 0) = s1 (srv)"
note "b offers a path; l listens"
tui_keys b
tui_wait_for 'srv\.sock'
tui_keys Enter
wait_log 'bind(s1, "srv.sock") = 0'
tui_keys l
tui_wait_for 'backlog'
tui_keys Enter
wait_log "listen(s1, 4096) = 0"

note "another socket; c offers the listener's name"
tui_type_cmd ":socket unix stream as cli"
wait_log "socket(AF_UNIX, SOCK_STREAM, 0) = s2 (cli)"
tui_keys c
tui_wait_for 'connect.*srv\.sock'
tui_keys Enter
wait_log 'connect(s2, "srv.sock") = 0'
tui_keys a
tui_wait_for 'accept'
tui_keys Enter
wait_log "accept(s1) = s3 from (unnamed)"

note "the Sockets panel: u_str with the path; the kernel panel: the ends linked"
tui_wait_for 's1 srv .*u_str .*srv\.sock .*LISTEN'
tui_wait_for 's2 cli .*u_str .*srv\.sock .*ESTAB'
tui_not_matches 'tcp4' || tui_fail_screen "a unix socket shown as tcp4"
tui_wait_for 'u_str LISTEN .*srv\.sock s1'
tui_wait_for 'u_str ESTAB .*srv\.sock s3 +\* s2'
tui_wait_for 'u_str ESTAB .*\* s2 +\* s3'

note "a socket passed to another process"
tui_type_cmd ":socketpair stream as p1 p2"
wait_log "socketpair(AF_UNIX, SOCK_STREAM, 0) = s4 (p1), s5 (p2)"
tui_type_cmd ":fork main as kid"
wait_log "(kid)"
tui_type_cmd ":kid: close p1"
tui_type_cmd ":close p2"
wait_log "close(s5) = 0"
tui_type_cmd ":sendfd p1 s3"
wait_log 'sendmsg(s4, "F", SCM_RIGHTS: s3) = 1'
tui_type_cmd ":kid: recvfd p2"
wait_log "recvmsg(s5, SCM_RIGHTS) = s3"
tui_wait_for 's3 +main,kid .*u_str'
tui_type_cmd ":close s3"
wait_log "close(s3) = 0"
tui_wait_for 's3 +kid .*u_str'

dir=$(find "$TMPDIR" -mindepth 1 -maxdepth 1)
[ -S "$dir/srv.sock" ] || fail "no srv.sock in the stage's directory ($dir)"
tui_keys q
tui_wait_exit 0
tui_stop
gone() { [ -z "$(find "$TMPDIR" -mindepth 1)" ]; }
wait_for 10 gone || fail "the stage's directory is left: $(find "$TMPDIR")"
exit 0
