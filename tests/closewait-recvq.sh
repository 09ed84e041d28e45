#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# closewait-recvq.sh - what the 1 in CLOSE-WAIT's Recv-Q is, against the
# kernel. For a TCP socket that does not listen, Recv-Q is rcv_nxt -
# copied_seq; the peer's FIN takes one sequence number, and a recv moves
# copied_seq past it when it reaches it. So, as the kernel view's help
# and the details overlay say:
#   1. a connection whose peer closed without sending: CLOSE-WAIT, Recv-Q
#      1 (and ss says 1 too); after recv returns 0 (end of file), 0;
#   2. the peer sent 5 bytes, then closed: Recv-Q 6; after a recv of 2
#      bytes, 4 (3 + the FIN); the recv that takes the last 3 bytes also
#      reaches the FIN: 0, although it returned 3, not 0;
#   3. the same 5 bytes without the close: ESTAB, Recv-Q 5 (no FIN, no
#      one more).

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# rq TAG STATE: the Recv-Q of conn's row (s3) in STATE, in the show that
# follows the narration line "-- TAG" of the last transcript
rq()
{
	awk -v tag="-- $1" -v st="$2" '
		$0 == tag { on = 1; next }
		on && $1 == "tcp" && $2 == st && $NF == "s3" { print $3; exit }
		on && /^-- / { exit }' <<< "$run_out"
}

expect_rq()
{
	local got
	got=$(rq "$1" "$2")
	[ "$got" = "$3" ] ||
		fail "$1: Recv-Q of the $2 row is '${got:-none}', expected $3"
	note "$1: $2 Recv-Q $got"
}

connection()
{
	cat <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3459 => ok
listen srv
socket tcp as cli
connect cli 127.0.0.1:3459 => ok
accept srv as conn => ok
EOF
}

# ---- 1. nothing sent: the FIN alone ----------------------------------------
run_sockstage <<EOF
$(connection)
close cli
wait conn CLOSE-WAIT
say fin only
show
recv conn => ok
say after eof
show
EOF
expect_rc 0
transcript_line "end of file" 'recv(s3, 65536) = 0 (end of stream: the peer will send no more)'
expect_rq "fin only" CLOSE-WAIT 1
expect_rq "after eof" CLOSE-WAIT 0

# ---- 2. five bytes, then the FIN -------------------------------------------
run_sockstage <<EOF
$(connection)
send cli "hello"
close cli
wait conn CLOSE-WAIT
say data and fin
show
recv conn 2
say read 2
show
recv conn
say read the rest
show
recv conn
EOF
expect_rc 0
transcript_line "a recv of 2" 'recv(s3, 2) = 2 "he"'
transcript_line "the last 3 bytes" 'recv(s3, 65536) = 3 "llo"'
expect_rq "data and fin" CLOSE-WAIT 6
expect_rq "read 2" CLOSE-WAIT 4
expect_rq "read the rest" CLOSE-WAIT 0
transcript_line "then end of file" 'recv(s3, 65536) = 0 (end of stream: the peer will send no more)'

# ---- 3. five bytes, no FIN ----------------------------------------------------
run_sockstage <<EOF
$(connection)
send cli "hello"
wait 100ms
say data only
show
EOF
expect_rc 0
expect_rq "data only" ESTAB 5

# ---- ss reads the same 1 -------------------------------------------------------
command -v ss >/dev/null || skip "no ss(8) (Debian package iproute2) for the last check"
connection > "$tmp/held.stage"
printf '%s\n' "close cli" "wait conn CLOSE-WAIT" "wait 3s" >> "$tmp/held.stage"
"$SOCKSTAGE" --run "$tmp/held.stage" > "$tmp/held.out" 2>&1 &
held=$!
kill_at_exit "$held"
closewait() { ss -tnH state close-wait | grep -q .; }
wait_for 5 closewait || fail "no CLOSE-WAIT socket for ss to see"
line=$(ss -tnH state close-wait)
note "ss: $line"
[ "$(awk '{ print $1 }' <<< "$line")" = 1 ] ||
	fail "ss shows CLOSE-WAIT's Recv-Q as something else than 1: $line"
wait "$held" || fail "the script that held the CLOSE-WAIT failed: $(cat "$tmp/held.out")"
exit 0
