#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-complete.sh - Tab on the ':' line completes as the command language
# goes (src/complete.h), in a private network namespace, through tmux:
#
#  1. "socket t" + Tab is "socket tcp " (tcp is the only word there: no
#     option such as ttl), and the line runs;
#  2. "set s1 reuse" + Tab lists reuseaddr and reuseport; "a" + Tab makes
#     it reuseaddr, and Tab then offers on and off;
#  3. "bind " + Tab offers the stage's sockets (its id and its name), and
#     "fork " + Tab the processes;
#  4. the 'o' key's prompt ("set s1 " before the answer) completes option
#     names after its prefix.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

tui_start 100 30 "$SOCKSTAGE"
tui_wait_for 'press \? for help'

# open the ':' line and type TEXT (no Enter)
cmd_line()
{
	tui_capture
	tui_text ":"
	tui_wait_change
	tui_text "$1"
	tui_wait_text ":${1% }"	# capture-pane drops trailing blanks
}

note "1. socket t + Tab: socket tcp"
cmd_line "socket t"
tui_keys Tab
tui_wait_for '^:socket tcp$'	# (capture-pane drops the space after it)
tui_not_matches 'ttl' || tui_fail_screen "ttl offered after 'socket t'"
tui_text "as web"
tui_wait_text ":socket tcp as web"
tui_keys Enter
tui_wait_text "socket(AF_INET, SOCK_STREAM, 0) = s1 (web)"

note "2. set s1 reuse + Tab: reuseaddr and reuseport"
cmd_line "set s1 reuse"
tui_keys Tab
tui_wait_for 'reuseaddr  reuseport'
tui_text "a"
tui_keys Tab
tui_wait_for '^:set s1 reuseaddr$'
tui_keys Tab
tui_wait_for '^:set s1 reuseaddr +on  off  =>'
tui_text "on"
tui_keys Enter
tui_wait_text "setsockopt(s1, SO_REUSEADDR, 1) = 0"

note "3. bind + Tab: the sockets; fork + Tab: the processes"
cmd_line "bind "
tui_keys Tab
tui_wait_for '^:bind +s1  web'
tui_keys Escape
tui_wait_gone '^:bind'
cmd_line "fork m"
tui_keys Tab
tui_wait_for '^:fork main$'
tui_keys Escape
tui_wait_gone '^:fork'

note "4. the o key's prompt completes after its prefix"
tui_keys o
tui_wait_text "set s1 OPTION [VALUE]"
tui_text "nod"
tui_keys Tab
tui_wait_text "nodelay"
tui_keys Escape

tui_keys q
tui_wait_exit 0
