#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# spawn-ids.sh - "spawn NAME uid N [gid G]": the worker really runs as that
# user and group (read back from /proc/PID/status), before any socket call.
# Needs root (switching ids); skips otherwise.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
[ "$(id -u)" = 0 ] || skip "switching uid and gid needs root"
in_private_netns "$@"
make_tmpdir

# ids NAME: "UID GID" of the worker named NAME, from the transcript's pid
ids()
{
	local pid
	pid=$(sed -n "s/^spawn($1, .*) = pid \\([0-9]*\\)\$/\\1/p" "$tmp/out")
	[ -n "$pid" ] || return 1
	awk '/^Uid:/ { u = $2 } /^Gid:/ { g = $2 } END { print u, g }' \
		"/proc/$pid/status"
}

printf '%s\n' 'spawn a uid 65534 gid 65533' 'spawn b uid 65534' \
	'a: socket tcp => ok' 'wait 20s' |
	"$SOCKSTAGE" --run - > "$tmp/out" 2>&1 &
sp=$!
kill_at_exit "$sp"
wait_for 10 grep -q '^> wait' "$tmp/out" || {
	cat "$tmp/out"
	fail "the script did not reach its wait"
}
cat "$tmp/out"
[ "$(ids a)" = "65534 65533" ] || fail "a runs as '$(ids a)', not '65534 65533'"
[ "$(ids b)" = "65534 65534" ] || fail "b runs as '$(ids b)', not '65534 65534'"
kill "$sp"
wait "$sp" 2>/dev/null
exit 0
