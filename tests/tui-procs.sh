#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-procs.sh - processes in the TUI, through tmux in a private network
# namespace: the Processes panel (name, pid, uid, sockets held, the
# current one marked), S spawn, F fork, U use, E exit and K kill on the
# selected process, the holders shown in the stage panel and as the
# kernel rows' owners ("s3 @ main, child"), a worker that dies from outside
# reported in the log, and the fork scenario with keys: the child keeps the
# connection after the parent exits. Ctrl-Space (NUL) is no key.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

P=3459
LP="127\\.0\\.0\\.1:$P"
quote() { tui_quote_re "$1"; }
wait_log() { tui_wait_for "$(quote "$1")" "${2:-}"; }
# prompt_enter KEY TEXT: press KEY, wait for its prompt, type TEXT, Enter
prompt_enter()
{
	tui_keys "$1"
	tui_wait_for "$2"
	[ -n "$3" ] && tui_text "$3"
	tui_keys Enter
}

tui_start 100 30 "$SOCKSTAGE"
# one process: the panel is one line
tui_wait_for 'Process: main \(pid [0-9]+, uid [0-9]+\) holds - '

note "Ctrl-Space (a NUL byte) is no key: it opens no prompt (it opened K's)"
tui_keys C-Space
tui_type_cmd ":socket tcp as srv"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s1 (srv)"

note "a server in main, a client spawned with S"
tui_type_cmd ":bind srv 127.0.0.1:$P"
tui_type_cmd ":listen srv"
wait_log "listen(s1, 4096) = 0"
prompt_enter S '^spawn NAME' "client"
wait_log "spawn(client) = pid "
tui_wait_for '^  client +pid [0-9]+ +uid [0-9]+ +holds -$'
tui_type_cmd ":client: socket tcp as cli"
tui_type_cmd ":client: connect cli 127.0.0.1:$P"
wait_log "connect(s2, 127.0.0.1:$P) = 0"
tui_type_cmd ":accept srv as conn"
wait_log "accept(s1) = s3 (conn) from 127.0.0.1:"
tui_wait_for '^  client +pid .*holds s2$'
tui_wait_for '^\* main +pid .*holds s1 s3$'

note "F forks the selected process (main): the child holds the same sockets"
tui_keys Tab					# focus: Processes
tui_wait_for 'Processes .*current\) \*'
prompt_enter F '^fork main ' "as child"
wait_log "fork(main) = pid "
tui_wait_for '^  child +pid .*holds s1 s3$'
tui_wait_for '^s3 conn +main,child +tcp4 '
tui_wait_for "^[ !] tcp +ESTAB .*$LP .* s3 @ main, child\$"

note "the child closes the listener, then E: main exits"
tui_type_cmd ":child: close srv"
wait_log "close(s1) = 0"
tui_wait_for "^[ !] tcp +LISTEN .*$LP .* s1 @ main\$"
tui_keys Up Up					# select main in the panel
prompt_enter E '^exit main: Enter to exit' ""
wait_log "exit(main) = 0"
tui_wait_gone "^[ !] tcp +LISTEN .*$LP"
tui_wait_for "^[ !] tcp +ESTAB .*$LP .* s3 @ child\$"
tui_wait_for '^s3 conn +child +tcp4 '
tui_wait_for 'process main \(exited: U uses another\)'

note "U uses the selected process; K kills it"
tui_keys Down					# child
prompt_enter F '^fork child ' "as spare"	# a process to kill
wait_log "fork(child) = pid "
tui_wait_for '^  spare +pid .*holds s3$'
tui_keys Down Down
tui_keys U
wait_log "use spare = now in process 'spare'"
tui_wait_for '^\* spare +pid '
prompt_enter K '^kill spare \(SIGKILL\)' ""
wait_log "kill(spare, SIGKILL) = 0"
tui_wait_gone '^. spare +pid '
tui_wait_for "^[ !] tcp +ESTAB .*$LP .* s3 @ child\$"

note "a worker killed from outside is reported in the log"
cpid=$(tui_screen | sed -n 's/^  client  *pid \([0-9][0-9]*\) .*/\1/p' | head -1)
[ -n "$cpid" ] || tui_fail_screen "no pid shown for client"
kill -9 "$cpid"
wait_log "process 'client' (pid $cpid) died; the kernel closed its sockets"
tui_wait_gone '^  client +pid '
# its connection end is gone; the child's end sees the close
tui_wait_for "^[ !] tcp +CLOSE-WAIT .*$LP .* s3 @ child\$"

tui_keys q
tui_wait_exit 0
tui_stop
exit 0
