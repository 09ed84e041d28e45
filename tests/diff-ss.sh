#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# diff-ss.sh - differential test of the kernel view. In a private network
# namespace, tests/mkstates creates sockets in every state loopback allows
# (see its header); then "sockstage --dump" must show every row that
# "ss -tuanH" shows, identical in the first six columns (Netid State
# Recv-Q Send-Q Local Peer), plus the bound-only TCP sockets (BOUND) that
# ss 6.1 leaves out, and nothing else. Same for "--dump --port N" against
# ss's kernel-side filter '( sport = :N or dport = :N )'.
#
# ss runs once before and once after sockstage; only rows present in both
# snapshots are required, so a kernel timer firing in between cannot make
# the test flaky.

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
command -v ss >/dev/null || skip "no ss(8) (Debian package iproute2)"
make_tmpdir
export LC_ALL=C

mkstates=${top_builddir:-.}/tests/mkstates
[ -x "$mkstates" ] || fail "helper $mkstates is not built (make check builds it)"

# ---- start the helper and wait for "ready" ---------------------------------

mkfifo "$tmp/hold" "$tmp/ready" || fail "mkfifo"
"$mkstates" < "$tmp/hold" > "$tmp/ready" 2> "$tmp/mkstates.err" &
helper=$!
kill_at_exit "$helper"
# fd 3 is the helper's stdin: closing it tells the helper to exit.
exec 3> "$tmp/hold"
exec 4< "$tmp/ready"
if ! read -r -t 20 line <&4 || [ "$line" != ready ]; then
	cat "$tmp/mkstates.err" >&2
	fail "mkstates did not report ready within 20 s (got '${line:-}')"
fi
exec 4<&-

# ---- comparing -------------------------------------------------------------

# The first six fields of each line, sorted, duplicates dropped.
six()
{
	awk '{ print $1, $2, $3, $4, $5, $6 }' "$1" | sort -u
}

# compare NAME "SS FILTER" [SOCKSTAGE OPTION...]
compare()
{
	local name=$1 filter=$2 d=$tmp/$1 rc
	shift 2
	mkdir -p "$d"
	ss -tuanH $filter > "$d/ss1" 2>&1 || fail "$name: ss failed: $(cat "$d/ss1")"
	"$SOCKSTAGE" --dump "$@" > "$d/dump" 2> "$d/err"
	rc=$?
	ss -tuanH $filter > "$d/ss2" 2>&1 || fail "$name: ss failed: $(cat "$d/ss2")"
	note "$name: sockstage --dump $* -> exit $rc"
	sed 's/^/#   /' "$d/dump"
	[ "$rc" -eq 0 ] || fail "$name: sockstage --dump $* exited $rc: $(cat "$d/err")"
	[ ! -s "$d/err" ] || fail "$name: stderr: $(cat "$d/err")"

	six "$d/ss1" > "$d/ss1.6"
	six "$d/ss2" > "$d/ss2.6"
	six "$d/dump" > "$d/dump.6"
	comm -12 "$d/ss1.6" "$d/ss2.6" > "$d/ss.both"
	sort -u "$d/ss1.6" "$d/ss2.6" > "$d/ss.any"
	[ -s "$d/ss.both" ] || fail "$name: ss shows no sockets"

	comm -23 "$d/ss.both" "$d/dump.6" > "$d/missing"
	awk '$2 != "BOUND"' "$d/dump.6" | comm -13 "$d/ss.any" - > "$d/extra"
	if [ -s "$d/missing" ] || [ -s "$d/extra" ]; then
		note "$name: diff between ss -tuanH $filter (-) and sockstage --dump $* (+):"
		diff -u "$d/ss.both" "$d/dump.6" | sed 's/^/#   /'
		[ ! -s "$d/missing" ] || { note "rows ss shows and sockstage lacks:"; sed 's/^/#   /' "$d/missing"; }
		[ ! -s "$d/extra" ] || { note "rows sockstage shows and ss does not:"; sed 's/^/#   /' "$d/extra"; }
		fail "$name: sockstage --dump $* differs from ss -tuanH $filter"
	fi
	note "$name: $(wc -l < "$d/ss.both") rows of ss found in sockstage's output"
}

# has NAME LINE: sockstage's output in test NAME has the six-field LINE.
has()
{
	grep -qxF -- "$2" "$tmp/$1/dump.6" || fail "$1: no row '$2' in sockstage's output"
}

# ---- the full table --------------------------------------------------------

compare all ""

for state in LISTEN ESTAB SYN-SENT SYN-RECV FIN-WAIT-1 FIN-WAIT-2 \
	     TIME-WAIT CLOSE-WAIT LAST-ACK CLOSING UNCONN BOUND; do
	awk -v s="$state" '$2 == s { found = 1 } END { exit !found }' \
		"$tmp/all/dump.6" || fail "all: no $state row in sockstage's output"
done
for state in LISTEN ESTAB SYN-SENT SYN-RECV FIN-WAIT-1 FIN-WAIT-2 \
	     TIME-WAIT CLOSE-WAIT LAST-ACK CLOSING UNCONN; do
	awk -v s="$state" '$2 == s { found = 1 } END { exit !found }' \
		"$tmp/all/ss.both" || fail "all: ss showed no stable $state row to compare"
done

# The address spellings, as ss spells them (so also compared above).
has all "tcp LISTEN 2 8 127.0.0.1:5001 0.0.0.0:*"
has all "tcp LISTEN 0 8 [::]:5012 [::]:*"
has all "tcp LISTEN 1 8 *:5013 *:*"
has all "tcp LISTEN 0 8 127.0.0.1%lo:5014 0.0.0.0:*"
has all "udp UNCONN 0 0 *:5304 *:*"
has all "udp UNCONN 0 0 [::]:5305 [::]:*"
has all "udp UNCONN 0 0 127.0.0.1%lo:5307 0.0.0.0:*"
grep -q '^tcp ESTAB 0 0 \[::ffff:127\.0\.0\.1\]:5013 \[::ffff:127\.0\.0\.1\]:[0-9]*$' \
	"$tmp/all/dump.6" || fail "all: no dual-stack row with an IPv4-mapped peer"
grep -q '^tcp TIME-WAIT 0 0 \[::1\]:[0-9]* \[::1\]:5011$' "$tmp/all/dump.6" ||
	fail "all: no IPv6 TIME-WAIT row"

# sockstage's own rows and columns.
has all "tcp BOUND 0 0 127.0.0.1:5020 0.0.0.0:*"
has all "tcp BOUND 0 0 [::]:5021 [::]:*"
has all "tcp BOUND 0 0 0.0.0.0:5022 0.0.0.0:*"
awk '$2 == "TIME-WAIT" && $7 !~ /^timewait:[0-9.]+s$/ { bad = 1 } END { exit bad }' \
	"$tmp/all/dump" || fail "all: a TIME-WAIT row without a timewait:N.Ns timer"
awk 'NF != 8 { bad = 1 } END { exit bad }' "$tmp/all/dump" ||
	fail "all: a row without exactly 8 columns"

# ---- the kernel-side port filter -------------------------------------------

compare port5001 "( sport = :5001 or dport = :5001 )" --port 5001
compare port5013-5304 \
	"( sport = :5013 or dport = :5013 or sport = :5304 or dport = :5304 )" \
	--port 5013 --port 5304
compare port5006 "( sport = :5006 or dport = :5006 )" --port 5006
has port5006 "tcp LISTEN 1 0 127.0.0.1:5006 0.0.0.0:*"

# A bound-only socket passes the filter too (ss 6.1 never shows it).
"$SOCKSTAGE" --dump --port 5020 > "$tmp/p5020" 2>&1 ||
	fail "--dump --port 5020 failed: $(cat "$tmp/p5020")"
[ "$(six "$tmp/p5020")" = "tcp BOUND 0 0 127.0.0.1:5020 0.0.0.0:*" ] ||
	fail "--dump --port 5020: got '$(cat "$tmp/p5020")'"

# A port nobody uses: nothing, successfully.
"$SOCKSTAGE" --dump --port 6999 > "$tmp/p6999" 2>&1 ||
	fail "--dump --port 6999 failed: $(cat "$tmp/p6999")"
[ ! -s "$tmp/p6999" ] || fail "--dump --port 6999 printed: $(cat "$tmp/p6999")"

# ---- let the helper go -----------------------------------------------------

exec 3>&-
wait "$helper" || fail "mkstates exited $?: $(cat "$tmp/mkstates.err")"
exit 0
