#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# diff-ss-unix.sh - differential test of the kernel view's UNIX sockets.
# In a private network namespace (abstract names belong to one), the
# helper tests/mkunix creates UNIX sockets of every type and state (see
# its header; every path under $tmp); then every row "ss -xanH" prints for
# the helper's sockets (their inodes read from /proc/PID/fd) must be in
# "sockstage --dump --unix --no-owners", identical in ss's columns (Netid
# State Recv-Q Send-Q Local Peer: "u_str ESTAB 0 0 /path 123 * 456", runs
# of blanks squeezed), and sockstage must show no helper socket that ss
# does not. ss runs before and after sockstage: only rows in both are
# required. Then the options: --dump --inet is --dump byte for byte;
# --dump --unix shows no TCP or UDP row; --unix with --inet shows both,
# --port filtering only the TCP and UDP ones; --port with --unix alone is
# refused. Last, a name holding ESC and a newline is shown escaped.

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
command -v ss >/dev/null || skip "no ss(8) (Debian package iproute2)"
make_tmpdir
export LC_ALL=C

mkunix=${top_builddir:-.}/tests/mkunix
[ -x "$mkunix" ] || fail "helper $mkunix is not built (make check builds it)"

# The sockets the helper holds (tests/mkunix.c), each dumped (the server
# end of the connection never accepted is not: it has no file yet).
# Fewer compared rows means the helper or the dump is broken.
min_rows=21

# start_helper NAME [ARG]: run mkunix in $tmp/NAME, wait for "ready"; sets
# helper (its pid) and keeps its stdin open on fd 3.
start_helper()
{
	local d=$tmp/$1 line
	mkdir -p "$d" || fail "mkdir $d"
	mkfifo "$d/hold" "$d/ready" || fail "mkfifo"
	"$mkunix" "$d" ${2:+"$2"} < "$d/hold" > "$d/ready" 2> "$d/err" &
	helper=$!
	kill_at_exit "$helper"
	exec 3> "$d/hold"
	exec 4< "$d/ready"
	if ! read -r -t 20 line <&4 || [ "$line" != ready ]; then
		cat "$d/err" >&2
		fail "mkunix $2 did not report ready within 20 s (got '${line:-}')"
	fi
	exec 4<&-
}

stop_helper()
{
	exec 3>&-
	wait "$helper" || fail "mkunix exited $?: $(cat "$tmp"/*/err)"
}

# The inodes of the helper's sockets, one a line.
helper_inodes()
{
	local f l
	for f in /proc/"$helper"/fd/*; do
		l=$(readlink "$f") || continue
		case $l in socket:\[*\]) l=${l#socket:[}; echo "${l%]}" ;; esac
	done | sort -u
}

# ss's columns of the lines of FILE whose local inode is in INODES,
# blanks squeezed; sockstage's lines lose their last two columns first
# (timer and owner). A UNIX line ends "LOCAL-INODE * PEER-INODE".
columns()	# ss|stage FILE INODES
{
	awk -v drop="$([ "$1" = stage ] && echo 2 || echo 0)" '
		NR == FNR { mine[$1] = 1; next }
		{
			n = NF - drop
			if (n < 8 || !(($(n - 2)) in mine)) next
			line = $1
			for (i = 2; i <= n; i++) line = line " " $i
			print line
		}' "$3" "$2" | sort -u
}

# ---- the rows of every kind --------------------------------------------

start_helper set
d=$tmp/cmp
mkdir -p "$d"
helper_inodes > "$d/inodes"
note "helper $helper holds $(wc -l < "$d/inodes") sockets"
[ "$(wc -l < "$d/inodes")" -ge "$min_rows" ] ||
	fail "the helper holds $(wc -l < "$d/inodes") sockets, $min_rows expected at least"

ss -xanH > "$d/ss1" 2>&1 || fail "ss -xanH failed: $(cat "$d/ss1")"
"$SOCKSTAGE" --dump --unix --no-owners > "$d/dump" 2> "$d/err"
rc=$?
ss -xanH > "$d/ss2" 2>&1 || fail "ss -xanH failed: $(cat "$d/ss2")"
note "sockstage --dump --unix --no-owners -> exit $rc"
sed "s|$tmp|\$tmp|; s/^/#   /" "$d/dump"
[ "$rc" -eq 0 ] || fail "--dump --unix exited $rc: $(cat "$d/err")"
[ ! -s "$d/err" ] || fail "--dump --unix: stderr: $(cat "$d/err")"

columns ss "$d/ss1" "$d/inodes" > "$d/ss1.c"
columns ss "$d/ss2" "$d/inodes" > "$d/ss2.c"
columns stage "$d/dump" "$d/inodes" > "$d/dump.c"
comm -12 "$d/ss1.c" "$d/ss2.c" > "$d/ss.both"
sort -u "$d/ss1.c" "$d/ss2.c" > "$d/ss.any"
comm -23 "$d/ss.both" "$d/dump.c" > "$d/missing"
comm -13 "$d/ss.any" "$d/dump.c" > "$d/extra"
if [ -s "$d/missing" ] || [ -s "$d/extra" ]; then
	note "diff between ss -xanH (-) and sockstage --dump --unix (+):"
	diff -u "$d/ss.both" "$d/dump.c" | sed 's/^/#   /'
	fail "sockstage --dump --unix differs from ss -xanH"
fi
n=$(wc -l < "$d/ss.both")
note "$n rows of ss found in sockstage's output"
[ "$n" -ge "$min_rows" ] ||
	fail "only $n rows compared, $min_rows expected at least"

# has REGEX: a compared row matches it (the kinds the helper made)
has()
{
	grep -Eq -- "$1" "$d/ss.both" ||
		fail "no row /$1/ among the rows compared"
}
t=$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<< "$tmp")
has "^u_str LISTEN 1 4 $t/set/listen\.sock [0-9]+ \* 0$"
has "^u_str ESTAB 5 [0-9]+ $t/set/listen\.sock [0-9]+ \* [1-9][0-9]*$"
has "^u_seq LISTEN 0 4 $t/set/seq\.sock [0-9]+ \* 0$"
has "^u_seq ESTAB 3 0 $t/set/seq\.sock [0-9]+ \* [1-9][0-9]*$"
has "^u_str ESTAB 7 0 \* [0-9]+ \* [1-9][0-9]*$"
has "^u_dgr ESTAB 3 0 \* [0-9]+ \* [1-9][0-9]*$"
has "^u_seq ESTAB 0 0 \* [0-9]+ \* [1-9][0-9]*$"
has "^u_dgr [A-Z]+ [1-9][0-9]* 0 $t/set/dgram\.sock [0-9]+ \* 0$"
has "^u_dgr UNCONN 0 0 $t/set/with space\.sock [0-9]+ \* 0$"
has "^u_str LISTEN 0 8 @sockstage-abs [0-9]+ \* 0$"
has "^u_dgr UNCONN 0 0 @sockstage-dgr@x [0-9]+ \* 0$"
for netid in u_str u_dgr u_seq; do
	has "^$netid UNCONN 0 0 \* [0-9]+ \* 0$"
done

# ---- the options ---------------------------------------------------------

run_cmd "$SOCKSTAGE" --dump --no-owners
plain=$run_out
expect_rc 0 "--dump"
run_cmd "$SOCKSTAGE" --dump --inet --no-owners
expect_rc 0 "--dump --inet"
[ "$run_out" = "$plain" ] || fail "--dump --inet differs from --dump"
! grep -q '^u_' <<< "$plain" || fail "--dump shows UNIX sockets"

# TCP and UDP sockets of this namespace, to tell the options apart
exec 5<> /dev/udp/127.0.0.1/5399 ||
	fail "cannot make a UDP socket with bash's /dev/udp"
run_cmd "$SOCKSTAGE" --dump --unix --no-owners
expect_rc 0 "--dump --unix"
! grep -Eq '^(tcp|udp) ' <<< "$run_out" || fail "--dump --unix shows TCP or UDP rows"
grep -q '^u_str ' <<< "$run_out" || fail "--dump --unix shows no u_str row"

run_cmd "$SOCKSTAGE" --dump --unix --inet --no-owners
expect_rc 0 "--dump --unix --inet"
awk '/^u_/ { u = 1 } /^(tcp|udp) / { if (u) bad = 1; i = 1 }
     END { exit !(i && u && !bad) }' <<< "$run_out" ||
	fail "--dump --unix --inet: not TCP and UDP first, then UNIX"
run_cmd "$SOCKSTAGE" --dump --unix --inet --port 1 --no-owners
expect_rc 0 "--port 1 --unix --inet"
! grep -Eq '^(tcp|udp) ' <<< "$run_out" || fail "--port 1 let a TCP or UDP row through"
[ "$(grep -c '^u_' <<< "$run_out")" -ge "$min_rows" ] ||
	fail "--port 1 --unix --inet: the UNIX rows are not all there"
exec 5>&-

run_cmd "$SOCKSTAGE" --dump --port 1 --unix
expect_rc 2 "--port 1 --unix"
expect_err_has "--port" "--port 1 --unix"
expect_err_has "--inet" "--port 1 --unix"
[ -z "$run_out" ] || fail "--port 1 --unix printed something"
run_cmd "$SOCKSTAGE" --unix --run /dev/null
expect_rc 2 "--unix without --dump"
expect_err_has "goes with --dump"

stop_helper

# ---- a name that would drive a terminal ---------------------------------

start_helper hostile hostile
run_cmd "$SOCKSTAGE" --dump --unix --no-owners
expect_rc 0 "--dump --unix, a hostile name"
expect_no_crash
LC_ALL=C grep -q $'\033' "$tmp/run$lib_runs.out" &&
	fail "an ESC byte reached the output"
awk '!/^u_(str|dgr|seq) / { bad = 1 } END { exit bad }' "$tmp/run$lib_runs.out" ||
	fail "a line that is not a row: the name's newline split it"
expect_out_has '@sockstage-\x1b[31m\nevil '
stop_helper
exit 0
