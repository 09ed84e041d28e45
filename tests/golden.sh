#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# golden.sh - the golden transcripts: every lesson, every behaviour script
# and tests/golden/scripts/*.stage run through "sockstage --run NAME.stage
# --export-c NAME.c" (with --sandbox when it looks at the wire, sets a
# sysctl or makes hosts), each in a fresh network namespace of its own,
# and their transcripts (stdout, stderr, exit code) and exported programs
# compared byte for byte with the files in tests/golden/, after
# normalising only what the kernel varies between runs: ephemeral ports,
# pids, measured times, timer columns, the kernel's row order and the
# padding that follows from them, UDP buffer sizes, and the SO_REUSEPORT
# spread of lessons 07 and 08. Each rule and its reason is in the header
# of tests/golden/produce, which both this test and tests/golden/record
# use.
#
# A difference fails the test and is printed as a unified diff. When a
# change is meant to alter behaviour, regenerate the files with
# "tests/golden/record BUILDDIR" and commit them with the change.
# Scripts marked "# needs: root" run only as real root, scripts with hosts
# only where /dev/net/tun can be opened, and are left out otherwise (a
# note, not a failure). A script with hosts has no exported program: its
# transcript ends with the export's refusal, which this checks as the
# rest. No network namespace: SKIP.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
make_tmpdir

golden=$top_srcdir/tests/golden
[ -r "$golden/produce" ] || fail "no $golden/produce"

bash "$golden/produce" "$SOCKSTAGE" "$top_srcdir" "$tmp/got"
rc=$?
case $rc in
0)	;;
77)	skip "cannot create a network namespace for each script (unshare -n, unshare -rn)" ;;
*)	fail "running the scripts failed (produce exited $rc)" ;;
esac

while read -r n why; do
	[ -z "$n" ] || note "$n: left out (it $why)"
done < "$tmp/got/skipped"
skipped=$(cut -d' ' -f1 "$tmp/got/skipped")
rm -f "$tmp/got/skipped"

bad=0
n=0
for f in "$golden"/*.out "$golden"/*.c; do
	[ -e "$f" ] || continue
	b=$(basename "$f")
	name=${b%.*}
	grep -qx -- "$name" <<< "$skipped" && continue
	n=$((n + 1))
	if [ ! -e "$tmp/got/$b" ]; then
		note "$b: no longer produced"
		bad=$((bad + 1))
	elif ! diff -u --label "golden/$b" --label "this run" "$f" "$tmp/got/$b"; then
		bad=$((bad + 1))
	fi
done
for f in "$tmp/got"/*; do
	b=$(basename "$f")
	[ -e "$golden/$b" ] && continue
	note "$b: produced, but there is no golden file (tests/golden/record BUILDDIR)"
	bad=$((bad + 1))
done
[ "$n" -gt 0 ] || fail "no golden files in $golden"
[ "$bad" -eq 0 ] ||
	fail "$bad of $n golden files differ (if the change is meant, run tests/golden/record BUILDDIR and review the diff)"
note "$n golden files alike"
exit 0
