#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sysctl.sh - sysctl NAME [VALUE] sets the stage's own network namespace's
# sysctl, and only in a sandbox: in a private namespace (the test's), a
# run with --sandbox sets net.ipv4.tcp_fin_timeout and reads it back,
# and the test's namespace keeps its own value; a run without --sandbox
# is refused with the reason (exit 2) and changes nothing. What the
# sysctls do to sockets is tests/behaviour/sysctl.stage's (a golden).

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

f=/proc/sys/net/ipv4/tcp_fin_timeout
before=$(cat "$f") || skip "cannot read $f"
want=$(( before == 7 ? 8 : 7 ))

run_sockstage --sandbox <<SCRIPT
sysctl net.ipv4.tcp_fin_timeout $want => ok
sysctl net.ipv4.tcp_fin_timeout => ok
SCRIPT
[ "$run_rc" = 0 ] || fail "--sandbox: exit $run_rc: $run_out $run_err"
grep -qx "sysctl(net.ipv4.tcp_fin_timeout) = $want" <<< "$run_out" ||
	fail "--sandbox: the value read back is not $want: $run_out"
[ "$(cat "$f")" = "$before" ] ||
	fail "the sandbox's sysctl leaked into the namespace it came from"

run_sockstage <<SCRIPT
sysctl net.ipv4.tcp_fin_timeout $want
SCRIPT
[ "$run_rc" = 2 ] || fail "without --sandbox: exit $run_rc, not 2"
grep -q 'error: sysctl sets the network namespace.s sysctls: outside a sandbox that is the whole machine.s (run with --sandbox, or a lesson)' \
	<<< "$run_out" || fail "without --sandbox: no reason given: $run_out"
[ "$(cat "$f")" = "$before" ] || fail "without --sandbox the sysctl changed"
note "set and read in the sandbox ($want), refused outside it, $before kept"
exit 0
