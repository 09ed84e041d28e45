#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-runner.sh - the TUI runs its ':' lines through the same runner as a
# script, so what a script guarantees holds there too; in a private
# network namespace, through tmux:
#
#  1. an asynchronous connect (the TUI never waits for one) with
#     "=> ECONNREFUSED": its outcome comes later, and is checked then (no
#     MISMATCH); the same line with "=> ok" says MISMATCH: expected ok;
#  2. a connect that fails leaves a bound socket bound (the kernel keeps
#     its row, CLOSE with the peer it tried, and the Sockets panel says
#     CLOSE), and an unbound one without a port (no row: "created");
#  3. W: the session's C program has both connects, with their
#     expectations; it compiles, and run in a namespace of its own it gives
#     the same outcomes;
#  4. "wait SOCK STATE" at the ':' line, and a line naming an unknown
#     process ("nobody: show") is an error, not a silent success.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

tui_start 100 30 "$SOCKSTAGE"
tui_wait_for 'press \? for help'

# ---- 1. the expectation of an asynchronous connect ------------------------------------
note "1. connect => ECONNREFUSED, checked when the outcome comes"
tui_type_cmd ":socket tcp as b"
tui_type_cmd ":bind b 127.0.0.1:5310"
tui_wait_text "bind(s1, 127.0.0.1:5310) = 0"
tui_type_cmd ":connect b 127.0.0.1:5311 => ECONNREFUSED"
tui_wait_text "connect(s1, 127.0.0.1:5311) = -1 ECONNREFUSED"
tui_not_matches 'MISMATCH' || tui_fail_screen "a held expectation said MISMATCH"
tui_type_cmd ":socket tcp as u"
tui_type_cmd ":connect u 127.0.0.1:5311 => ok"
tui_wait_text "connect(s2, 127.0.0.1:5311) = -1 ECONNREFUSED"
tui_wait_text "MISMATCH: expected ok"

# ---- 2. what a failed connect leaves ------------------------------------------------------
note "2. a failed connect leaves a bound socket bound"
# s1 keeps its port: the kernel still has its row, in CLOSE with the
# peer it tried, and the Sockets panel says what the kernel says
tui_wait_for '^[ !] tcp +CLOSE .* 127\.0\.0\.1:5310 +127\.0\.0\.1:5311 .* s1$'
tui_capture
grep -E '^s1 b .* CLOSE +connect: ECONNREFUSED' <<< "$tui_screen_text" > /dev/null ||
	tui_fail_screen "s1 (bound, then refused) is not shown as the kernel shows it"
# s2 has no port left, no row: the stage's word
grep -E '^s2 u .* created +connect: ECONNREFUSED' <<< "$tui_screen_text" > /dev/null ||
	tui_fail_screen "s2 (never bound, refused) is not shown created"

# ---- 4. wait SOCK STATE, an unknown process --------------------------------------------------
note "4. :wait SOCK STATE; an unknown process"
tui_type_cmd ":socket tcp as l"
tui_type_cmd ":bind l 127.0.0.1:5312"
tui_type_cmd ":listen l"
tui_wait_text "listen(s3, 4096) = 0"
tui_type_cmd ":wait l LISTEN 2s"
tui_wait_for '^wait s3 LISTEN = LISTEN after [0-9]+ ms'
tui_type_cmd ":nobody: show"
tui_wait_text "unknown process 'nobody'"

# ---- 3. the session as C ---------------------------------------------------------------------
note "3. W: the session as C"
tui_keys W
tui_wait_for 'write the session as C to:'
tui_keys C-u
tui_text "$tmp/session.c"
tui_keys Enter
tui_wait_text "the session so far is in $tmp/session.c"
tui_keys q
tui_wait_exit 0
tui_stop
grep -qF '"connect(s1, 127.0.0.1:5311)"' "$tmp/session.c" ||
	fail "the refused connect of s1 is not in the C program"
grep -qF '"connect(s2, 127.0.0.1:5311)"' "$tmp/session.c" ||
	fail "the refused connect of s2 is not in the C program"
grep -qF '/* the script expects => ECONNREFUSED */' "$tmp/session.c" &&
grep -qF '/* the script expects => ok */' "$tmp/session.c" ||
	fail "the connects' expectations are not in the C program"
if ! command -v cc > /dev/null; then
	note "no cc: the program is not compiled"
	exit 0
fi
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/session" "$tmp/session.c" ||
	fail "the session's C program does not compile"
run_cmd unshare -n sh -c 'ip link set lo up && exec "$0"' "$tmp/session"
grep -qxF 'connect(s1, 127.0.0.1:5311) = -1 ECONNREFUSED (Connection refused)' \
	<<< "$run_out" || fail "the program's s1 connect is not refused"
grep -qxF 'connect(s2, 127.0.0.1:5311) = -1 ECONNREFUSED (Connection refused)' \
	<<< "$run_out" || fail "the program's s2 connect is not refused"
exit 0
