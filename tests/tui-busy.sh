#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-busy.sh - the TUI stays live on a busy host. In a private network
# namespace, bench/mkload.c (built as tests/mktw) leaves 50,000 TIME-WAIT
# sockets; the TUI (host mode, refresh 250 ms) has three client sockets
# connected to a python3 listener off stage. The listener closes its end
# of each connection in turn, and each stage socket's row must show
# CLOSE-WAIT within two refresh periods of the close (plus what one
# capture-pane takes, measured on the same screen): the stage's rows are
# looked up exactly at every refresh, where a dump would walk all 50,000
# TIME-WAIT sockets. Meanwhile the header says how old the dumped rest of
# the view is ("rest read Ns ago"): the dumps are paced, and the rows are
# live without them. A destroyed socket on a port in play (the listener's
# accepted socket, closed) is seen at once too: the kernel row of the
# listener's side moves to FIN-WAIT-2 as fast. At the end, the view of
# all sockets (A) holds them all, and a filter goes through them and
# finds the three CLOSE-WAIT rows.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
command -v /usr/bin/python3 >/dev/null || skip "no /usr/bin/python3"
mktw=$(dirname -- "$SOCKSTAGE")/tests/mktw
[ -x "$mktw" ] || skip "no $mktw (make tests/mktw)"
in_private_netns "$@"
make_tmpdir

TW=${TW:-50000}
PORT=900
REFRESH=250

# ---- the busy host ---------------------------------------------------------
echo $((TW * 2)) > /proc/sys/net/ipv4/tcp_max_tw_buckets 2>/dev/null ||
	note "cannot raise net.ipv4.tcp_max_tw_buckets (it is $(cat /proc/sys/net/ipv4/tcp_max_tw_buckets))"
mkfifo "$tmp/hold" "$tmp/ready" || fail "mkfifo"
"$mktw" "$TW" 0 < "$tmp/hold" > "$tmp/ready" 2> "$tmp/mktw.err" &
kill_at_exit $!
exec 7> "$tmp/hold"
read -r -t 120 line < "$tmp/ready"
[ "${line:-}" = ready ] || fail "mktw did not get ready: $(cat "$tmp/mktw.err")"
# (a load that took long to make, on a busy machine, may have lost its
# first sockets to their 60 s by now: nine tenths will do)
tw=$(ss -tanH state time-wait | wc -l)
(( tw * 10 >= TW * 9 )) || fail "only $tw TIME-WAIT sockets, wanted $TW"
note "$tw TIME-WAIT sockets in the namespace"

# ---- the listener off stage: closes one connection a line ------------------
mkfifo "$tmp/closes" || fail "mkfifo"
/usr/bin/python3 -c '
import socket, sys
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", int(sys.argv[1])))
l.listen(8)
print("ready", flush=True)
conns = [l.accept()[0] for _ in range(3)]
print("accepted", flush=True)
for c in conns:
    sys.stdin.readline()
    c.close()
    print("closed", flush=True)
sys.stdin.read()
' "$PORT" < "$tmp/closes" > "$tmp/py.out" 2>&1 &
kill_at_exit $!
exec 8> "$tmp/closes"
pyready() { grep -q ready "$tmp/py.out"; }
wait_for 5 pyready || fail "the python3 listener did not start: $(cat "$tmp/py.out")"

# the view of all sockets holds at least $1 rows
tui_all_rows_at_least()
{
	local n
	tui_capture
	n=$(grep -Eo 'Kernel: all sockets \([0-9]+ rows' <<< "$tui_screen_text" |
		grep -Eo '[0-9]+')
	[ "${n:-0}" -ge "$1" ]
}

# the title no longer says how far the rows on show have got
tui_live_gone_through()
{
	tui_capture
	! tui_screen | grep -q 'gone through'
}

# ---- the stage ----------------------------------------------------------------
tui_start 120 40 "$SOCKSTAGE" --refresh "$REFRESH"
for i in 1 2 3; do
	tui_type_cmd ":socket tcp"
	tui_type_cmd ":connect s$i 127.0.0.1:$PORT"
	tui_wait_for "^[ !] tcp +ESTAB .* s$i\$"
done
pyaccepted() { grep -q accepted "$tmp/py.out"; }
wait_for 5 pyaccepted || fail "the listener did not accept three connections"

# The dumps are paced: the header says how old the rest of the view is.
tui_wait_for 'rest read [0-9]+s ago' 10

# What one capture-pane costs here: the time to see a line already there.
now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
t0=$(now_ms)
for i in 1 2 3 4 5; do tui_capture; done
cap=$(( ($(now_ms) - t0) / 5 ))
note "one capture-pane takes ${cap} ms"

# ---- the state changes, each timed ---------------------------------------------
bound=$(( 2 * REFRESH + 2 * cap ))
took=()
for i in 1 2 3; do
	t0=$(now_ms)
	echo close >&8
	tui_wait_cond "$(tui_scale 10)" tui_live_matches "^[ !] tcp +CLOSE-WAIT .* s$i\$" ||
		tui_fail_screen "s$i did not show CLOSE-WAIT"
	took+=($(( $(now_ms) - t0 )))
	note "s$i: CLOSE-WAIT on screen $(( ${took[-1]} )) ms after the peer's close"
	# the listener's end, off stage, moved too (looked up as s$i's peer)
	tui_wait_for "^[ !] tcp +FIN-WAIT-2 .*127\\.0\\.0\\.1:$PORT .*127\\.0\\.0\\.1:[0-9]+ "
done
median=$(printf '%s\n' "${took[@]}" | sort -n | sed -n 2p)
note "median ${median} ms; bound: two refresh periods and two captures, ${bound} ms"
(( median <= bound )) ||
	tui_fail_screen "the state changes took ${took[*]} ms (median $median ms): more than two refresh periods (${bound} ms)"
# ---- every socket, and a filter over them ------------------------------------------
# A: all 50,000 and more in the view (kept compactly); a filter goes
# through them a slice at a time and finds the three CLOSE-WAIT rows,
# and only those.
tui_keys A
tui_wait_cond "$(tui_scale 30)" tui_all_rows_at_least $(( TW * 9 / 10 )) ||
	tui_fail_screen "the view of all sockets does not hold nine tenths of the $TW TIME-WAIT sockets"
tui_keys /
tui_wait_change
tui_text "CLOSE-WAIT"
tui_keys Enter
tui_wait_for 'filter: CLOSE-WAIT'
tui_wait_cond "$(tui_scale 30)" tui_live_gone_through ||
	tui_fail_screen "the filter did not go through every row"
n=$(tui_screen | grep -Ec '^[ !] tcp +CLOSE-WAIT ')
[ "$n" -eq 3 ] || tui_fail_screen "the filter shows $n CLOSE-WAIT rows, not 3"
tui_screen | grep -Eq '^[ !] tcp +(TIME-WAIT|FIN-WAIT-2|LISTEN) ' &&
	tui_fail_screen "the filter shows rows without CLOSE-WAIT"
note "all sockets: the filter found the 3 CLOSE-WAIT rows"

tui_keys q
tui_wait_exit 0
tui_stop
