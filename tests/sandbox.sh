#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sandbox.sh - --sandbox really isolates: a listener in the test's own
# namespace (standing in for "the host") is seen by "sockstage --dump" and
# not by "sockstage --sandbox --dump"; in the sandbox its port is free and
# loopback works; the same as an unprivileged user (the user-namespace
# path); and a host that refuses namespaces gets a clear message, exit 2,
# and the hint to run without --sandbox.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

helper=$top_builddir/tests/unit/test_sandbox
[ -x "$helper" ] || fail "$helper is not built (make check builds it)"

# A listener on 127.0.0.1 in this (test) namespace; its port is printed.
"$helper" --listen 127.0.0.1 > "$tmp/port" &
kill_at_exit $!
wait_for 10 test -s "$tmp/port" || fail "the listener did not start"
port=$(cat "$tmp/port")
note "listener on 127.0.0.1:$port (pid $!)"
if command -v ss >/dev/null; then
	ss -tlnH "sport = :$port" | grep -q LISTEN ||
		fail "ss does not see the listener on port $port"
fi

# has_row: the last output has a TCP LISTEN row for 127.0.0.1:$port.
has_row()
{
	grep -Eq "^tcp +LISTEN .*127\.0\.0\.1:$port( |$)" <<< "$run_out"
}

# no_rows: not a single socket row (a row has a local ADDR:PORT column).
no_rows()
{
	! grep -Eq '(^| )([0-9.]+|\[[0-9a-fA-F:.%a-z]*\]|\*):([0-9]+|\*)( |$)' \
		<<< "$run_out"
}

# 1. Without --sandbox sockstage sees the listener: the check below is not
#    vacuous.
run_cmd "$SOCKSTAGE" --dump
expect_no_crash "--dump"
expect_rc 0 "--dump"
has_row || fail "--dump does not show the listener on 127.0.0.1:$port"
run_cmd "$SOCKSTAGE" --dump --port "$port"
expect_rc 0 "--dump --port $port"
has_row || fail "--dump --port $port does not show the listener"

# 2. With --sandbox: a fresh namespace, nothing of ours in it.
run_cmd "$SOCKSTAGE" --sandbox --dump
expect_no_crash "--sandbox --dump"
expect_rc 0 "--sandbox --dump"
has_row && fail "--sandbox --dump shows the outer listener"
no_rows || fail "--sandbox --dump shows sockets in a fresh namespace"
run_cmd "$SOCKSTAGE" --sandbox --dump --port "$port"
expect_rc 0 "--sandbox --dump --port $port"
no_rows || fail "--sandbox --dump --port $port shows sockets"

# 2b. Inside the sandbox lo is up and the outer port is free: binding the
#     listener's own address succeeds there (and fails outside), and a
#     connection over loopback is established.
cat > "$tmp/isolated.stage" <<EOF
socket tcp
bind s1 127.0.0.1:$port => ok
listen s1
socket tcp
connect s2 127.0.0.1:$port => ok
expect ESTAB 127.0.0.1:$port
EOF
chmod a+rx "$tmp" && chmod a+r "$tmp/isolated.stage"
run_sockstage --sandbox < "$tmp/isolated.stage"
expect_no_crash "--sandbox --run"
expect_rc 0 "--sandbox --run: bind the outer port, connect over lo"
run_sockstage <<EOF
socket tcp
bind s1 127.0.0.1:$port => EADDRINUSE
EOF
expect_no_crash "--run outside the sandbox"
expect_rc 0 "--run outside the sandbox: the port is taken there"

# 3. The unprivileged path: as nobody, --sandbox goes through a user
#    namespace. This needs real root (to become nobody; under "unshare -rn"
#    uid 65534 is not mapped) and a binary that nobody can execute (not
#    under a private home directory). Otherwise only noted: the unit test
#    test_sandbox covers this path from C as well.
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
if ! command -v setpriv >/dev/null; then
	note "no setpriv: unprivileged --sandbox not tested here"
elif ! "${as_nobody[@]}" test -x "$SOCKSTAGE" 2>/dev/null; then
	note "cannot run $SOCKSTAGE as uid 65534 (not real root, or the" \
	     "build directory is not reachable by nobody): unprivileged" \
	     "--sandbox not tested here"
else
	run_cmd "${as_nobody[@]}" "$SOCKSTAGE" --dump
	expect_rc 0 "nobody: --dump"
	has_row || fail "nobody: --dump does not show the listener"
	run_cmd "${as_nobody[@]}" "$SOCKSTAGE" --sandbox --dump
	expect_no_crash "nobody: --sandbox --dump"
	if [ "$run_rc" -eq 0 ]; then
		has_row && fail "nobody: --sandbox --dump shows the listener"
		no_rows || fail "nobody: --sandbox --dump shows sockets"
		run_cmd "${as_nobody[@]}" "$SOCKSTAGE" --sandbox \
			--run "$tmp/isolated.stage"
		expect_no_crash "nobody: --sandbox --run"
		expect_rc 0 "nobody: --sandbox --run: bind, connect over lo"
	else
		# The host forbids unprivileged user namespaces: that must
		# be said clearly.
		expect_rc 2 "nobody: --sandbox --dump refused"
		expect_err_has "without --sandbox" "nobody: refusal"
		note "unprivileged user namespaces are refused on this host"
	fi
fi

# 4. A refusal: a user namespace whose user.max_user_namespaces is 0, with
#    every capability dropped, is a host without namespaces for sockstage.
#    Built from nested namespaces so the real host's sysctls are untouched.
if unshare -U -r true 2>/dev/null; then
	run_cmd unshare -U -r -- "$BASH" -c '
		echo 0 > /proc/sys/user/max_user_namespaces || exit 125
		exec setpriv --inh-caps=-all --bounding-set=-all -- \
			"$1" --sandbox --dump' refuse "$SOCKSTAGE"
	if [ "$run_rc" -eq 125 ]; then
		note "cannot lower user.max_user_namespaces: refusal not tested"
	else
		expect_no_crash "refused --sandbox"
		expect_rc 2 "refused --sandbox"
		expect_err_has "sockstage: --sandbox: " "refusal"
		expect_err_has "user.max_user_namespaces" "refusal names the knob"
		expect_err_has "without --sandbox, in the host's namespace" \
			"refusal says how to go on (and is not truncated)"
		[ -z "$run_out" ] || fail "refused --sandbox printed a table"
	fi
else
	note "no nested user namespace: refusal not tested"
fi

exit 0
