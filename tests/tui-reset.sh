#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-reset.sh - R outside a lesson. With --sandbox: a fresh stage in a
# fresh network namespace, so a port left in TIME-WAIT binds again at once
# without any option. Without --sandbox (the host's namespace): R says it
# needs --sandbox and changes nothing.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

# a TIME-WAIT on 127.0.0.1:5600: a connection whose server side closes first
tw()
{
	tui_type_cmd ":socket tcp as l"
	tui_type_cmd ":bind l 127.0.0.1:5600"
	tui_type_cmd ":listen l"
	tui_type_cmd ":socket tcp as c"
	tui_type_cmd ":connect c 127.0.0.1:5600"
	tui_wait_text "connect(s2, 127.0.0.1:5600) = 0"
	tui_type_cmd ":accept l as a"
	tui_wait_text "accept(s1) = s3 (a) from 127.0.0.1:"
	tui_type_cmd ":close a"
	tui_type_cmd ":close c"
	tui_type_cmd ":close l"
	tui_wait_text "close(s1) = 0"
	tui_wait_for '^[ !] tcp +TIME-WAIT .*127\.0\.0\.1:5600 '
}

tui_start 100 30 "$SOCKSTAGE" --sandbox
tui_wait_for 'press \? for help'
tw
tui_keys R
tui_wait_text "-- a fresh stage, in a fresh network namespace"
tui_wait_gone '^[ !] tcp +TIME-WAIT '
tui_type_cmd ":socket tcp as again"
tui_type_cmd ":bind again 127.0.0.1:5600"
tui_wait_text "bind(s1, 127.0.0.1:5600) = 0"
tui_keys q
tui_wait_exit 0
tui_stop

tui_start 100 30 "$SOCKSTAGE"
tui_wait_for 'press \? for help'
tw
tui_keys R
tui_wait_text "R: a fresh stage needs --sandbox"
tui_matches '^[ !] tcp +TIME-WAIT ' || tui_fail_screen "R without --sandbox changed the stage"
tui_keys q
tui_wait_exit 0
tui_stop
exit 0
