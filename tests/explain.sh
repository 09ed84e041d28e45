#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# explain.sh - a failed bind or listen (EADDRINUSE, src/whatif.c) is
# explained: why: the kernel rows in the way (state, address, owner,
# options) and the rule; try: what the probes found and the advice.
# LINUX-FACTS.md (a)-(e) and listen. Every piece of advice is followed and
# must work (in fresh runs where it says "in both runs", "on both" or
# "before its bind"); every probe is replayed in a fresh run and must give
# what it said; the probes leave no trace in the kernel.
# Connections, local addresses, ECONNREFUSED, EACCES: explain-conn.sh.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

uid=$(id -u)	# in this namespace: every stage process but "uid N" ones

# the checks on the last transcript, by their short names
has() { transcript_has "$@"; }
re() { transcript_re "$@"; }
line() { transcript_line "$@"; }
# sets SOCK "OPT..." [PROC]: "[PROC: ]set SOCK OPT" for each
sets()
{
	local o
	for o in $2; do echo "${3:+$3: }set $1 $o"; done
}
# A fresh port for each run that may leave a TIME-WAIT behind.
port=3600
newport() { port=$((port + 1)); }

# try SCENARIO LABEL NEW WANT [OLD [EXTRA]]: a fresh run of SCENARIO on a
# fresh port (@PORT in the arguments); it must meet all its expectations.
# A scenario prints a script from PORT NEW WANT [OLD [EXTRA]]: NEW, the
# options of the socket whose call fails (WANT: ok or an errno), OLD those
# of the socket in its way, EXTRA lines to run after the call.
try()
{
	local scn=$1 label=$2
	shift 2
	newport
	run_sockstage <<< "$("$scn" "$port" "${@//@PORT/$port}")"
	expect_rc 0 "$label"
}

# follow_probes LABEL SCENARIO [HAVE]: each probe of the last transcript
# ("try: sN with OPTS: RESULT") is replayed: a fresh run of SCENARIO in
# which the failing socket sets OPTS (and HAVE, the options it had: a probe
# adds to them) before its bind must give RESULT.
follow_probes()
{
	local label=$1 scn=$2 probes p what result opts=${3-} w
	probes=$(grep -E '^  try: s[0-9]+ with ' <<< "$run_out")
	[ -n "$probes" ] || fail "$label: no probe to follow"
	while IFS= read -r p; do
		[[ $p =~ ^\ \ try:\ s[0-9]+\ with\ (.*):\ (EADDRINUSE|the\ bind\ works|the\ bind\ and\ listen\ work)$ ]] ||
			fail "$label: unexpected probe line '$p'"
		what=${BASH_REMATCH[1]} result=${BASH_REMATCH[2]} opts=${3-}
		for w in ${what// and / }; do
			case $w in
			SO_REUSEADDR) opts+=" reuseaddr" ;;
			SO_REUSEPORT) opts+=" reuseport" ;;
			IPV6_V6ONLY) opts+=" v6only" ;;
			*) fail "$label: unknown option '$w' in '$p'" ;;
			esac
		done
		[ "$result" = EADDRINUSE ] || result=ok
		note "$label: replaying the probe: $what => $result"
		try "$scn" "$label, probe $what" "$opts" "$result"
	done <<< "$probes"
}

# same_views LABEL: the script ran "show", the failing call, "show"; the two
# views are the same rows (netid, state, queues, addresses: all but timers)
same_views()
{
	local v1 v2
	v1=$(awk '/^> show$/ { n++; next } /^>/ { n = n ? n + 10 : 0 } n == 1 { print $1, $2, $3, $4, $5, $6 }' <<< "$run_out")
	v2=$(awk '/^> show$/ { n++; next } /^>/ { n = n ? n + 10 : 0 } n == 12 { print $1, $2, $3, $4, $5, $6 }' <<< "$run_out")
	[ -n "$v1" ] && [ "$v1" = "$v2" ] || {
		printf 'before:\n%s\nafter:\n%s\n' "$v1" "$v2"
		fail "$1: the kernel view changed across an explained failure"
	}
}

# ---- (a) restarting a server with a TIME-WAIT on its port --------------------

# The restart with a TIME-WAIT left by the accepted side of a listener;
# $1: options for the old listener, $2 for the new socket; port $3.
restart()
{
	cat <<STAGE
socket tcp as srv
$(sets srv "$1")
bind srv 127.0.0.1:$3
listen srv
socket tcp as cli
connect cli 127.0.0.1:$3 => ok
accept srv as conn => ok
close conn
close cli
close srv
expect TIME-WAIT 127.0.0.1:$3
socket tcp as new
$(sets new "$2")
STAGE
}
# scenarios: PORT NEW WANT [OLD [EXTRA]]; NEW, OLD: options
tw_local() { restart "${4-}" "$2" "$1"; echo "bind new 127.0.0.1:$1 => $3"; echo "${5-}"; }
tw_any() { restart "${4-}" "$2" "$1"; echo "bind new 0.0.0.0:$1 => $3"; }
tw_ra() { tw_local "$1" "$2" "$3" "${4-reuseaddr}" "${5-}"; }
tw_rp() { tw_local "$1" "$2" "$3" "${4-reuseport}" "${5-}"; }

note "1. TIME-WAIT from a listener without SO_REUSEADDR"
run_sockstage <<< "$(restart "" reuseaddr 3501; echo "show"; echo "bind new 127.0.0.1:3501 => EADDRINUSE"; echo "show")"
expect_rc 0 "restart"
has "why names the TIME-WAIT" '^  why: tcp TIME-WAIT 127\.0\.0\.1:3501 127\.0\.0\.1:[0-9]+ \(was s3: no SO_REUSEADDR, [0-9]+s left\)$'
has "the rule" '^  why: a bind may share a port .* both set SO_REUSEADDR'
has "probe: reuseport" '^  try: s4 with SO_REUSEPORT: EADDRINUSE$'
has "advice" '^  try: no option on s4 helps: the TIME-WAIT on 127\.0\.0\.1:3501 came from s3, which did not set SO_REUSEADDR; set it on its listener s1 too, in both runs \(SO_REUSEPORT on both works too\), or wait [0-9]+s$'
# the probes leave no trace: the two views are the same but for timers
same_views "failed bind"
follow_probes "1" tw_local reuseaddr

note "1b. following the advice: SO_REUSEADDR on the listener too, in both runs"
run_sockstage <<< "$(restart reuseaddr reuseaddr 3502; echo "bind new 127.0.0.1:3502 => ok"; echo "listen new => ok")"
expect_rc 0 "advice followed"
note "1c. the advice said SO_REUSEPORT would not help: it does not"
run_sockstage <<< "$(restart "" reuseport 3503; echo "bind new 127.0.0.1:3503 => EADDRINUSE")"
expect_rc 0 "reuseport does not help"

note "1d. the same TIME-WAIT is in the way of 0.0.0.0 too"
try tw_any "1d" "" EADDRINUSE
line "1d: why" "  why: tcp TIME-WAIT 127.0.0.1:$port 127.0.0.1:# (was s3: no SO_REUSEADDR, #s left)"
line "1d: probe" "  try: s4 with SO_REUSEADDR: EADDRINUSE"
line "1d: advice" "  try: no option on s4 helps: the TIME-WAIT on 127.0.0.1:$port came from s3, which did not set SO_REUSEADDR; set it on its listener s1 too, in both runs (SO_REUSEPORT on both works too), or wait #s"
follow_probes "1d" tw_any
try tw_any "1d: advice followed" reuseaddr ok reuseaddr

note "1e. the old listener set SO_REUSEADDR, the new socket not: SO_REUSEADDR works"
try tw_ra "1e" "" EADDRINUSE reuseaddr "set new reuseaddr
bind new 127.0.0.1:@PORT => ok
listen new => ok"
line "1e: why" "  why: tcp TIME-WAIT 127.0.0.1:$port 127.0.0.1:# (was s3: SO_REUSEADDR, #s left)"
line "1e: probe" "  try: s4 with SO_REUSEADDR: the bind works"
line "1e: advice" "  try: set SO_REUSEADDR on s4 before bind (tried: it works)"
line "1e: reuseport alone" "  try: s4 with SO_REUSEPORT: EADDRINUSE"
# the conclusion comes after every probe, and names the one option that is
# enough, not the later probe that sets both
[ "$(grep -E '^  try: ' <<< "$run_out" | tail -n 1)" = \
  "  try: set SO_REUSEADDR on s4 before bind (tried: it works)" ] || {
	printf '%s\n' "$run_out"
	fail "1e: the last try: line is not the advice"
}
follow_probes "1e" tw_ra

note "1f. SO_REUSEPORT on the old listener and on the new socket works"
try tw_rp "1f" "" EADDRINUSE
line "1f: why" "  why: tcp TIME-WAIT 127.0.0.1:$port 127.0.0.1:# (was s3: no SO_REUSEADDR, SO_REUSEPORT, #s left)"
line "1f: probe" "  try: s4 with SO_REUSEPORT: the bind works"
line "1f: advice" "  try: set SO_REUSEPORT on s4 before bind (tried: it works)"
follow_probes "1f" tw_rp
try tw_rp "1f: followed, and listen" reuseport ok reuseport "listen new => ok"

# ---- (b) 0.0.0.0:P and 127.0.0.1:P -------------------------------------------

note "2. a listener in the way: no option on the new socket helps; stopping it does"
run_sockstage <<'STAGE'
socket tcp as l
bind l 127.0.0.1:3510
listen l
socket tcp as x
bind x 0.0.0.0:3510 => EADDRINUSE
set x reuseaddr
bind x 0.0.0.0:3510 => EADDRINUSE
close l
bind x 0.0.0.0:3510 => ok
STAGE
expect_rc 0 "listener in the way"
has "why names the listener" '^  why: tcp LISTEN 127\.0\.0\.1:3510 0\.0\.0\.0:\* \(s1: no SO_REUSEADDR\)$'
has "advice" '^  try: no option on s2 alone helps: 127\.0\.0\.1:3510 is LISTENING \(s1\); set SO_REUSEPORT on both s1 and s2 before bind \(both run as uid '"$uid"'\), or stop s1, or use another port$'

# PORT NEW WANT [OLD [EXTRA]]: a listener on 127.0.0.1 or 0.0.0.0, then a
# bind of the other address
spec_listening()
{
	printf '%s\n' "socket tcp as l" "$(sets l "${4-}")" "bind l 127.0.0.1:$1" \
		"listen l" "socket tcp as x" "$(sets x "$2")" \
		"bind x 0.0.0.0:$1 => $3" "${5-}"
}
any_listening()
{
	printf '%s\n' "socket tcp as l" "$(sets l "${4-reuseaddr}")" \
		"bind l 0.0.0.0:$1" "listen l" "socket tcp as x" \
		"$(sets x "$2")" "bind x 127.0.0.1:$1 => $3" "${5-}"
}
run_sockstage <<< "$(spec_listening 3511 "" EADDRINUSE)"
follow_probes "2" spec_listening
note "2b. following the advice: SO_REUSEPORT on both s1 and s2"
try spec_listening "2b" reuseport ok reuseport "listen x => ok"

note "2c. a wildcard listener, then 127.0.0.1, both with SO_REUSEADDR"
try any_listening "2c" reuseaddr EADDRINUSE reuseaddr "close l
bind x 127.0.0.1:@PORT => ok"
line "2c: why" "  why: tcp LISTEN 0.0.0.0:$port 0.0.0.0:* (s1: SO_REUSEADDR)"
line "2c: rule" "  why: a bind may share a port with another socket only if both set SO_REUSEADDR and neither listens, or both set SO_REUSEPORT under the same user"
line "2c: probe" "  try: s2 with SO_REUSEPORT: EADDRINUSE"
line "2c: advice" "  try: no option on s2 alone helps: 0.0.0.0:$port is LISTENING (s1); set SO_REUSEPORT on both s1 and s2 before bind (both run as uid $uid), or stop s1, or use another port"
follow_probes "2c" any_listening reuseaddr
try any_listening "2c: advice followed" "reuseaddr reuseport" ok "reuseaddr reuseport" "listen x => ok"

# PORT NEW WANT [OLD [EXTRA]]: 0.0.0.0:P only bound, then 127.0.0.1:P; or
# the other way round (old default SO_REUSEADDR)
any_bound()
{
	printf '%s\n' "socket tcp as a" "$(sets a "${4-}")" "bind a 0.0.0.0:$1" \
		"socket tcp as b" "$(sets b "$2")" "bind b 127.0.0.1:$1 => $3" "${5-}"
}
spec_bound()
{
	printf '%s\n' "socket tcp as a" "$(sets a "${4-reuseaddr}")" \
		"bind a 127.0.0.1:$1" "socket tcp as b" "$(sets b "$2")" \
		"bind b 0.0.0.0:$1 => $3" "${5-}"
}
note "2d. 0.0.0.0 only bound, without SO_REUSEADDR, then 127.0.0.1"
try any_bound "2d" "" EADDRINUSE
line "2d: why" "  why: tcp BOUND 0.0.0.0:$port 0.0.0.0:* (s1: no SO_REUSEADDR)"
line "2d: advice" "  try: no option on s2 alone helps: s1 holds 0.0.0.0:$port without SO_REUSEADDR; set SO_REUSEADDR on both s1 and s2 before bind (then only one of them may listen), or SO_REUSEPORT on both"
follow_probes "2d" any_bound
# then one of them may listen after all (the first to), not the other
try any_bound "2d: SO_REUSEADDR on both" reuseaddr ok reuseaddr "listen b => ok
listen a => EADDRINUSE"
try any_bound "2d: SO_REUSEPORT on both" reuseport ok reuseport "listen b => ok"

note "2e. 127.0.0.1 bound with SO_REUSEADDR, then 0.0.0.0 without: SO_REUSEADDR works"
try spec_bound "2e" "" EADDRINUSE
line "2e: why" "  why: tcp BOUND 127.0.0.1:$port 0.0.0.0:* (s1: SO_REUSEADDR)"
line "2e: probe" "  try: s2 with SO_REUSEADDR: the bind works"
line "2e: advice" "  try: set SO_REUSEADDR on s2 before bind (tried: it works)"
follow_probes "2e" spec_bound

# ---- (c) SO_REUSEPORT ----------------------------------------------------------

note "3. SO_REUSEPORT on both works: the probe says so, and it does"
run_sockstage <<'STAGE'
socket tcp as a
set a reuseport
bind a 127.0.0.1:3520
listen a
socket tcp as b
bind b 127.0.0.1:3520 => EADDRINUSE
set b reuseport
bind b 127.0.0.1:3520 => ok
listen b => ok
STAGE
expect_rc 0 "reuseport"
has "probe" '^  try: s2 with SO_REUSEPORT: the bind works$'
has "advice" '^  try: set SO_REUSEPORT on s2 before bind \(tried: it works\)$'

# PORT NEW WANT [OLD [EXTRA]]: two SO_REUSEPORT listeners, then a third
third()
{
	printf '%s\n' "socket tcp as a" "set a reuseport" "bind a 127.0.0.1:$1" \
		"listen a" "socket tcp as b" "set b reuseport" \
		"bind b 127.0.0.1:$1 => ok" "listen b => ok" "socket tcp as c" \
		"$(sets c "$2")" "${around-}" "bind c 127.0.0.1:$1 => $3" \
		"${around-}" "${5-}"
}
note "3b. a third socket without SO_REUSEPORT; the probes leave no trace"
newport
run_sockstage <<< "$(around=show third "$port" "" EADDRINUSE "" "set c reuseport
bind c 127.0.0.1:$port => ok
listen c => ok")"
expect_rc 0 "3b"
line "3b: why s1" "  why: tcp LISTEN 127.0.0.1:$port 0.0.0.0:* (s1: no SO_REUSEADDR, SO_REUSEPORT, uid $uid)"
line "3b: why s2" "  why: tcp LISTEN 127.0.0.1:$port 0.0.0.0:* (s2: no SO_REUSEADDR, SO_REUSEPORT, uid $uid)"
line "3b: probe" "  try: s3 with SO_REUSEPORT: the bind works"
line "3b: advice" "  try: set SO_REUSEPORT on s3 before bind (tried: it works)"
line "3b: SO_REUSEADDR" "  try: s3 with SO_REUSEADDR: EADDRINUSE"
same_views "3b: a probe that bound"
follow_probes "3b" third

# root (and uid 65534 mapped): a process of another user
can_be_nobody()
{
	[ "$uid" = 0 ] && awk '$1 <= 65534 && 65534 < $1 + $3 { f = 1 } END { exit !f }' /proc/self/uid_map
}
other_uid()
{
	printf '%s\n' "socket tcp as a" "set a reuseport" "bind a 127.0.0.1:$1" \
		"listen a" "spawn p uid 65534" "p: socket tcp as d" \
		"$(sets d "$2" p)" \
		"p: bind d 127.0.0.1:$1 => $3" "${5-}"
}
if can_be_nobody; then
	note "3c. SO_REUSEPORT listener of another user"
	try other_uid "3c" reuseport EADDRINUSE
	line "3c: why" "  why: tcp LISTEN 127.0.0.1:$port 0.0.0.0:* (s1 @ main: no SO_REUSEADDR, SO_REUSEPORT, uid $uid)"
	line "3c: probe" "  try: s2 with SO_REUSEADDR and SO_REUSEPORT: EADDRINUSE"
	line "3c: advice" "  try: no option on s2 helps: 127.0.0.1:$port (s1) is LISTENING with SO_REUSEPORT as uid $uid, and s2 runs as uid 65534: SO_REUSEPORT shares a port only within one user; run both as one user, or use another port"
	follow_probes "3c" other_uid reuseport
	note "3d. following the advice: both as one user (65534)"
	newport
	run_sockstage <<STAGE
spawn q uid 65534
q: socket tcp as a
q: set a reuseport
q: bind a 127.0.0.1:$port => ok
q: listen a => ok
spawn p uid 65534
p: socket tcp as d
p: set d reuseport
p: bind d 127.0.0.1:$port => ok
p: listen d => ok
STAGE
	expect_rc 0 "3d"
else
	note "3c, 3d skipped: a process of another uid needs real root"
fi

# ---- (d) UDP --------------------------------------------------------------------

udp()
{
	printf '%s\n' "socket udp as u1" "$(sets u1 "${4-}")" "bind u1 127.0.0.1:$1" \
		"socket udp as u2" "$(sets u2 "$2")" "bind u2 127.0.0.1:$1 => $3" "${5-}"
}
note "4. UDP: only the second socket sets SO_REUSEADDR"
try udp "4" reuseaddr EADDRINUSE
line "4: why" "  why: udp UNCONN 127.0.0.1:$port 0.0.0.0:* (s1: no SO_REUSEADDR)"
line "4: advice" "  try: no option on s2 alone helps: s1 holds 127.0.0.1:$port without SO_REUSEADDR; set SO_REUSEADDR on both s1 and s2 before bind, or SO_REUSEPORT on both"
follow_probes "4" udp reuseaddr
try udp "4: SO_REUSEADDR on both" reuseaddr ok reuseaddr
try udp "4: SO_REUSEPORT on both" reuseport ok reuseport

# ---- (e) IPv6 [::] and IPv4 0.0.0.0 ---------------------------------------------

# PORT NEW WANT [OLD [EXTRA]]: [::] (listening or only bound) then 0.0.0.0,
# or 0.0.0.0 listening then [::]
v6_then_v4()
{
	printf '%s\n' "socket tcp 6 as a" "$(sets a "${4-}")" "bind a [::]:$1" \
		"${listen-listen a}" "socket tcp as b" "$(sets b "$2")" \
		"bind b 0.0.0.0:$1 => $3" "${5-}"
}
v6_bound_then_v4() { listen="" v6_then_v4 "$@"; }
v4_then_v6()
{
	printf '%s\n' "socket tcp as a" "$(sets a "${4-}")" "bind a 0.0.0.0:$1" \
		"listen a" "socket tcp 6 as b" "$(sets b "$2")" \
		"bind b [::]:$1 => $3" "${5-}"
}
note "5. 0.0.0.0 after a dual-stack [::] listener"
try v6_then_v4 "5" "" EADDRINUSE "" "close a
bind b 0.0.0.0:@PORT => ok"
line "5: why" "  why: tcp LISTEN *:$port *:* (s1: no SO_REUSEADDR)"
line "5: advice" "  try: no option on s2 helps: *:$port (s1) is LISTENING for IPv4 too (IPV6_V6ONLY off); set IPV6_V6ONLY on s1 before its bind, or stop it, or use another port"
follow_probes "5" v6_then_v4
try v6_then_v4 "5: SO_REUSEADDR on both does not help" reuseaddr EADDRINUSE reuseaddr
try v6_then_v4 "5: following the advice: IPV6_V6ONLY on s1" "" ok v6only "listen b => ok"

note "5b. [::] after 0.0.0.0 listening: IPV6_V6ONLY works"
try v4_then_v6 "5b" "" EADDRINUSE "" "set b v6only
bind b [::]:@PORT => ok
listen b => ok"
line "5b: why" "  why: tcp LISTEN 0.0.0.0:$port 0.0.0.0:* (s1: no SO_REUSEADDR)"
line "5b: probe" "  try: s2 with IPV6_V6ONLY: the bind works"
line "5b: advice" "  try: set IPV6_V6ONLY on s2 before bind (tried: it works)"
follow_probes "5b" v4_then_v6

note "5c. 0.0.0.0 after [::] only bound"
try v6_bound_then_v4 "5c" "" EADDRINUSE
line "5c: why" "  why: tcp BOUND *:$port *:* (s1: no SO_REUSEADDR)"
line "5c: advice" "  try: no option on s2 alone helps: s1 holds *:$port without SO_REUSEADDR; set SO_REUSEADDR on both s1 and s2 before bind (then only one of them may listen), or SO_REUSEPORT on both, or IPV6_V6ONLY on s1"
follow_probes "5c" v6_bound_then_v4
try v6_bound_then_v4 "5c: SO_REUSEADDR on both" reuseaddr ok reuseaddr
try v6_bound_then_v4 "5c: SO_REUSEPORT on both" reuseport ok reuseport
try v6_bound_then_v4 "5c: IPV6_V6ONLY on s1" "" ok v6only

# ---- listen ----------------------------------------------------------------------

# PORT NEW WANT [OLD [EXTRA]]: s1 0.0.0.0 and s2 127.0.0.1 bound (old
# default SO_REUSEADDR; new: s1's, default SO_REUSEADDR), s2 listens, then s1
listen2()
{
	printf '%s\n' "socket tcp as g" "$(sets g "$2")" "bind g 0.0.0.0:$1 => ok" \
		"socket tcp as h" "$(sets h "${4-reuseaddr}")" \
		"bind h 127.0.0.1:$1 => ok" "listen h => ok" "${around-}" \
		"listen g => $3" "${around-}" "${5-}"
}
note "6. listen: two SO_REUSEADDR sockets on 0.0.0.0 and 127.0.0.1; no trace"
newport
run_sockstage <<< "$(around=show listen2 "$port" reuseaddr EADDRINUSE)"
expect_rc 0 "6"
line "6: why" "  why: tcp LISTEN 127.0.0.1:$port 0.0.0.0:* (s2: SO_REUSEADDR)"
line "6: rule" "  why: only one socket may listen on an address and port (a wildcard covers every address), unless all set SO_REUSEPORT under the same user; SO_REUSEADDR lets them bind, not listen"
line "6: probe" "  try: s1 with SO_REUSEPORT: EADDRINUSE"
line "6: advice" "  try: no option on s1 alone helps: 127.0.0.1:$port is LISTENING (s2); set SO_REUSEPORT on both s2 and s1 before bind (both run as uid $uid), or stop s2, or use another port"
same_views "failed listen"
follow_probes "6" listen2 reuseaddr
try listen2 "6: SO_REUSEPORT on s1 alone" "reuseaddr reuseport" EADDRINUSE
try listen2 "6: following the advice: SO_REUSEPORT on both" "reuseaddr reuseport" ok "reuseaddr reuseport"
try listen2 "6: or stop s2" reuseaddr EADDRINUSE reuseaddr "close h
listen g => ok"

# PORT NEW WANT [OLD [EXTRA]]: both on 127.0.0.1; s2 listens with
# SO_REUSEPORT, then s1 without
listen_rp()
{
	printf '%s\n' "socket tcp as g" "$(sets g "$2")" "bind g 127.0.0.1:$1 => ok" \
		"socket tcp as h" "$(sets h "${4-reuseaddr reuseport}")" \
		"bind h 127.0.0.1:$1 => ok" "listen h => ok" "${around-}" \
		"listen g => $3" "${around-}" "${5-}"
}
note "6b. listen: a probe that listens, and leaves no trace"
newport
run_sockstage <<< "$(around=show listen_rp "$port" reuseaddr EADDRINUSE)"
expect_rc 0 "6b"
line "6b: why" "  why: tcp LISTEN 127.0.0.1:$port 0.0.0.0:* (s2: SO_REUSEADDR, SO_REUSEPORT, uid $uid)"
line "6b: probe" "  try: s1 with SO_REUSEPORT: the bind and listen work"
line "6b: advice" "  try: set SO_REUSEPORT on s1 before its bind, then listen (tried: it works)"
same_views "6b: a probe that listened"
follow_probes "6b" listen_rp reuseaddr

exit 0
