#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# cli.sh - the command line: bad input gives a clear message on stderr and
# exit code 2, never a crash; --help names every option; --version prints
# the configured version. No sockets are made, so no namespace is needed.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage

# bad WHAT MESSAGE ARGS...: exit 2, MESSAGE on stderr, nothing on stdout.
bad()
{
	local what=$1 msg=$2
	shift 2
	run_cmd "$SOCKSTAGE" "$@"
	expect_no_crash "$what"
	expect_rc 2 "$what"
	expect_err_has "$msg" "$what"
	grep -q '^sockstage: ' <<< "$run_err" ||
		fail "$what: message does not start with 'sockstage: '"
	[ -z "$run_out" ] || fail "$what: unexpected output on stdout"
}

bad "unknown long option" "'--bogus'" --bogus
bad "unknown short option" "'-x'" -x
bad "unknown option after a good one" "'--frobnicate'" --dump --frobnicate
bad "--run without its file" "needs an argument" --run
bad "--port without its number" "needs an argument" --dump --port
bad "-p without its number" "needs an argument" --dump -p
bad "--port 0" "not a port number" --dump --port 0
bad "--port 70000" "not a port number" --dump --port 70000
bad "--port 65536" "not a port number" --dump --port 65536
bad "--port abc" "not a port number" --dump --port abc
bad "--port 80x" "not a port number" --dump --port 80x
bad "--port -1" "not a port number" --dump --port -1
bad "--port ''" "not a port number" --dump --port ''
bad "--port 99999999999999999999" "not a port number" --dump --port 99999999999999999999
bad "--port without --dump" "--port goes with --dump" --port 80
bad "--port with --run" "--port goes with --dump" --run - --port 80
bad "a stray argument" "'stray'" stray
bad "a stray argument after --dump" "'extra'" --dump extra

ports=()
for i in $(seq 1 65); do
	ports+=(--port "$i")
done
bad "65 --port options" "at most" --dump "${ports[@]}"

# Batch mode names a script it cannot open and exits 2.
bad "--run /nonexistent" "/nonexistent/script.stage" \
	--run /nonexistent/script.stage

# --help: exit 0, usage on stdout, every long option of cli/main.c named.
run_cmd "$SOCKSTAGE" --help
expect_no_crash --help
expect_rc 0 --help
expect_out_has "usage: sockstage" --help
opts=$(sed -n 's/^[[:space:]]*{ *"\([a-z0-9-]*\)",.*/\1/p' \
	"$top_srcdir/cli/main.c")
[ -n "$opts" ] || fail "found no options in cli/main.c"
for o in $opts run dump port sandbox help version; do
	expect_out_has "--$o" "--help"
done
run_cmd "$SOCKSTAGE" -h
expect_rc 0 -h
expect_out_has "usage: sockstage" -h

# --version: the version configure was given.
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
	"$top_builddir/config.h")
[ -n "$version" ] || fail "no PACKAGE_VERSION in $top_builddir/config.h"
for v in --version -V; do
	run_cmd "$SOCKSTAGE" "$v"
	expect_no_crash "$v"
	expect_rc 0 "$v"
	[ "$run_out" = "sockstage $version" ] ||
		fail "$v printed '$run_out', expected 'sockstage $version'"
done

# Options are read in order: a bad option before --help is reported.
bad "bad option before --help" "'--nope'" --nope --help

exit 0
