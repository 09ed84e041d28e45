#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sandbox-valgrind.sh - --sandbox under valgrind: every byte sockstage
# sends the kernel is defined (the RTM_NEWLINK request that brings the
# loopback interface up had an uninitialised padding byte), and a small
# script runs clean. Skipped without valgrind, and for a sanitizer build
# (valgrind cannot run AddressSanitizer's).

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
command -v valgrind >/dev/null || skip "no valgrind (Debian package valgrind)"
grep -q '^SAN_CFLAGS *=.*-fsanitize' "${top_builddir:-.}/Makefile" 2>/dev/null &&
	skip "a sanitizer build: valgrind cannot run it"
make_tmpdir

cat > "$tmp/small.stage" <<'STAGE'
socket tcp as srv
bind srv 127.0.0.1:3459 => ok
listen srv => ok
STAGE
SOCKSTAGE_TEST_TIMEOUT=${SOCKSTAGE_TEST_TIMEOUT:-300} \
	run_cmd valgrind -q --error-exitcode=9 --trace-children=no \
	"$SOCKSTAGE" --sandbox --run "$tmp/small.stage"
if grep -q "cannot create\|user namespaces" <<< "$run_err" && [ "$run_rc" -eq 2 ]; then
	skip "--sandbox cannot create a namespace here: $run_err"
fi
! grep -q '^==[0-9]*==' <<< "$run_err" || fail "valgrind reported errors"
expect_rc 0 "--sandbox --run under valgrind"
expect_out_has "listen(s1, 4096) = 0"
exit 0
