#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# dump-owner.sh - differential test of --dump's owner column against
# "ss -tuanpH". In a private network namespace:
#
#   - a copy of tests/mkstates named "mk states" holds sockets in many
#     states (see its header); the blank in its command must come out of
#     --dump as "mk_states", so that the owner stays one column;
#   - "sockstage --run" holds a listener shared by two of its worker
#     processes (a fork) and a UDP socket held by one.
#
# For every row (Netid, State, Local, Peer) that ss shows alike in two
# snapshots taken around the dump, --dump's last column must name the same
# processes as ss's users:(("cmd",pid=N,fd=M),...): the same set of
# PID/COMMAND, blanks and commas of a command written '_', a pid once
# however many of its fds hold the socket, and "-" where ss names nobody
# (TIME-WAIT, orphans, connections not accepted yet). Same with --port.

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
command -v ss >/dev/null || skip "no ss(8) (Debian package iproute2)"
make_tmpdir
export LC_ALL=C

mkstates=${top_builddir:-.}/tests/mkstates
[ -x "$mkstates" ] || fail "helper $mkstates is not built (make check builds it)"

# ---- the holders -------------------------------------------------------------

cp -- "$mkstates" "$tmp/mk states" || fail "cannot copy $mkstates"
mkfifo "$tmp/hold" "$tmp/ready" || fail "mkfifo"
"$tmp/mk states" < "$tmp/hold" > "$tmp/ready" 2> "$tmp/mkstates.err" &
helper=$!
kill_at_exit "$helper"
exec 3> "$tmp/hold"		# closing it lets the helper go
exec 4< "$tmp/ready"
if ! read -r -t 20 line <&4 || [ "$line" != ready ]; then
	cat "$tmp/mkstates.err" >&2
	fail "mkstates did not report ready within 20 s (got '${line:-}')"
fi
exec 4<&-

cat > "$tmp/fork.stage" <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:5999
listen srv
fork main as kid
socket udp as u
bind u 127.0.0.1:5998
wait 60s
EOF
"$SOCKSTAGE" --run "$tmp/fork.stage" > "$tmp/fork.out" 2>&1 &
runner=$!
kill_at_exit "$runner"
udp_bound() { [ -n "$(ss -uanH 'sport = :5998')" ]; }
wait_for 20 udp_bound || fail "sockstage --run did not bind 127.0.0.1:5998: $(cat "$tmp/fork.out")"

# ---- normalising both outputs ------------------------------------------------

# ss -tuanpH on stdin -> "NETID STATE LOCAL PEER<TAB>OWNERS", OWNERS the
# sorted set "PID/COMMAND,..." with the command made safe as --dump makes
# it, or "-".
ss_owners()
{
	awk '{
		key = $1 " " $2 " " $5 " " $6
		rest = $0
		n = 0
		while (match(rest, /\("[^"]*",pid=[0-9]+/)) {
			u = substr(rest, RSTART + 2, RLENGTH - 2)
			rest = substr(rest, RSTART + RLENGTH)
			cmd = u
			sub(/",pid=[0-9]+$/, "", cmd)
			pid = u
			sub(/^.*",pid=/, "", pid)
			gsub(/[^!-~]|,/, "_", cmd)
			who[++n] = pid "/" cmd
		}
		print key "\t" join(who, n)
		delete who
	}
	'"$awk_join"
}

# sockstage --dump on stdin -> the same form, from its last column.
dump_owners()
{
	awk '{
		key = $1 " " $2 " " $5 " " $6
		n = ($NF == "-") ? 0 : split($NF, who, ",")
		print key "\t" join(who, n)
		delete who
	}
	'"$awk_join"
}

# join(a, n): a[1..n] sorted, duplicates dropped, joined by ","; "-" if none
awk_join='
function join(a, n,    i, j, t, out) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	out = ""
	for (i = 1; i <= n; i++)
		if (i == 1 || a[i] != a[i - 1])
			out = out (out == "" ? "" : ",") a[i]
	return out == "" ? "-" : out
}'

# ---- comparing ---------------------------------------------------------------

# compare NAME "SS FILTER" [SOCKSTAGE OPTION...]
compare()
{
	local name=$1 filter=$2 d=$tmp/$1 rc
	shift 2
	mkdir -p "$d"
	ss -tuanpH $filter > "$d/ss1" 2>&1 || fail "$name: ss failed: $(cat "$d/ss1")"
	"$SOCKSTAGE" --dump "$@" > "$d/dump" 2> "$d/err"
	rc=$?
	ss -tuanpH $filter > "$d/ss2" 2>&1 || fail "$name: ss failed: $(cat "$d/ss2")"
	note "$name: sockstage --dump $* -> exit $rc"
	sed 's/^/#   /' "$d/dump"
	[ "$rc" -eq 0 ] || fail "$name: sockstage --dump $* exited $rc: $(cat "$d/err")"
	[ ! -s "$d/err" ] || fail "$name: stderr: $(cat "$d/err")"
	awk 'NF != 8 { bad = 1 } END { exit bad }' "$d/dump" ||
		fail "$name: a row without exactly 8 columns"

	ss_owners < "$d/ss1" | sort > "$d/ss1.o"
	ss_owners < "$d/ss2" | sort > "$d/ss2.o"
	dump_owners < "$d/dump" | sort > "$d/dump.o"
	# rows whose key is not unique cannot be matched: leave them out
	for f in "$d/ss1.o" "$d/ss2.o" "$d/dump.o"; do
		cut -f1 "$f" | sort | uniq -d
	done | sort -u > "$d/dups"
	comm -12 "$d/ss1.o" "$d/ss2.o" |
		awk -F'\t' 'FILENAME == ARGV[1] { dup[$0]; next } !($1 in dup)' \
			"$d/dups" - > "$d/ss.both"
	[ -s "$d/ss.both" ] || fail "$name: ss shows no stable rows"

	comm -23 "$d/ss.both" "$d/dump.o" > "$d/differ"
	if [ -s "$d/differ" ]; then
		note "$name: rows of ss -tuanpH $filter (NETID STATE LOCAL PEER, owners) that --dump $* lacks or owns otherwise:"
		sed 's/^/#   ss:   /' "$d/differ"
		cut -f1 "$d/differ" | while read -r key; do
			grep -F -- "$key	" "$d/dump.o" | sed 's/^/#   dump: /'
		done
		fail "$name: --dump's owners differ from ss -p's"
	fi
	note "$name: $(wc -l < "$d/ss.both") rows, owners as ss -p names them"
}

# owner_of NAME "NETID STATE LOCAL PEER": the owners --dump gave that row.
owner_of()
{
	awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$tmp/$1/dump.o"
}

compare all ""

want="$helper/mk_states"
got=$(owner_of all "tcp LISTEN 127.0.0.1:5001 0.0.0.0:*")
[ "$got" = "$want" ] ||
	fail "listener 127.0.0.1:5001: owner '$got', want '$want' (the helper)"
got=$(owner_of all "udp UNCONN 127.0.0.1:5302 0.0.0.0:*")
[ "$got" = "$want" ] || fail "udp 127.0.0.1:5302: owner '$got', want '$want'"

got=$(owner_of all "tcp LISTEN 127.0.0.1:5999 0.0.0.0:*")
[[ $got =~ ^([0-9]+)/sockstage,([0-9]+)/sockstage$ ]] ||
	fail "listener 127.0.0.1:5999: owner '$got', want two sockstage workers"
[ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[2]}" ] ||
	fail "listener 127.0.0.1:5999: one pid twice: '$got'"
got=$(owner_of all "udp UNCONN 127.0.0.1:5998 0.0.0.0:*")
[[ $got =~ ^[0-9]+/sockstage$ ]] ||
	fail "udp 127.0.0.1:5998: owner '$got', want one sockstage worker"

# TIME-WAIT has no inode, so no owner; ss agrees (compared above).
awk '$2 == "TIME-WAIT" && $NF != "-" { bad = 1 } END { exit bad }' \
	"$tmp/all/dump" || fail "a TIME-WAIT row with an owner"
grep -q '^tcp TIME-WAIT ' "$tmp/all/dump" || fail "no TIME-WAIT row to check"

compare port5999 "( sport = :5999 or dport = :5999 )" --port 5999
compare port5001-5998 \
	"( sport = :5001 or dport = :5001 or sport = :5998 or dport = :5998 )" \
	--port 5001 --port 5998

# ---- let the helpers go ----------------------------------------------------------

exec 3>&-
wait "$helper" || fail "mkstates exited $?: $(cat "$tmp/mkstates.err")"
exit 0
