#!/bin/bash
# explain.sh - a failed bind is explained (why: the rows in the way and the
# rule; try: what the probes found), the advice holds when followed, and
# the probes leave no trace in the kernel.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# has LABEL REGEX: the last transcript ($run_out) has a line matching REGEX
has()
{
	grep -Eq -- "$2" <<< "$run_out" || {
		printf '%s\n' "$run_out"
		fail "$1: no line matches /$2/"
	}
}
# The restart with a TIME-WAIT left by the accepted side of a listener
# that did not set SO_REUSEADDR; $1: options for the old listener,
# $2 for the new socket; port $3.
restart()
{
	cat <<STAGE
socket tcp as srv
${1:+set srv $1}
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
${2:+set new $2}
STAGE
}

note "1. TIME-WAIT from a listener without SO_REUSEADDR"
run_sockstage <<< "$(restart "" reuseaddr 3501; echo "show"; echo "bind new 127.0.0.1:3501 => EADDRINUSE"; echo "show")"
expect_rc 0 "restart"
has "why names the TIME-WAIT" '^  why: tcp TIME-WAIT 127\.0\.0\.1:3501 127\.0\.0\.1:[0-9]+ \(was s3: no SO_REUSEADDR, [0-9]+s left\)$'
has "the rule" '^  why: a bind may share a port .* both set SO_REUSEADDR'
has "probe: reuseport" '^  try: s4 with SO_REUSEPORT: EADDRINUSE$'
has "advice" '^  try: no option on s4 helps: the TIME-WAIT on 127\.0\.0\.1:3501 came from s3, which did not set SO_REUSEADDR; set it on its listener s1 too, in both runs, or wait [0-9]+s$'
# the probes leave no trace: the two views are the same but for timers
views=$(awk '/^> show$/ { n++; next } /^>/ { n = n ? n + 10 : 0 } n == 1 || n == 12 { print n, $1, $2, $3, $4, $5, $6 }' <<< "$run_out")
before=$(awk '$1 == 1 { $1 = ""; print }' <<< "$views")
after=$(awk '$1 == 12 { $1 = ""; print }' <<< "$views")
[ -n "$before" ] && [ "$before" = "$after" ] || {
	printf 'before:\n%s\nafter:\n%s\n' "$before" "$after"
	fail "the kernel view changed across an explained failure"
}

note "1b. following the advice: SO_REUSEADDR on the listener too, in both runs"
run_sockstage <<< "$(restart reuseaddr reuseaddr 3502; echo "bind new 127.0.0.1:3502 => ok")"
expect_rc 0 "advice followed"
note "1c. the advice said SO_REUSEPORT would not help: it does not"
run_sockstage <<< "$(restart "" reuseport 3503; echo "bind new 127.0.0.1:3503 => EADDRINUSE")"
expect_rc 0 "reuseport does not help"

note "2. a listener in the way: no option helps; stopping it does"
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
has "advice" '^  try: no option on s2 helps: 127\.0\.0\.1:3510 is LISTENING \(s1\); stop it or use another port$'

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

note "4. connection refused: what listens on the port elsewhere, or nothing"
run_sockstage <<'STAGE'
socket tcp as l
bind l 127.0.0.2:3530
listen l
socket tcp as c
connect c 127.0.0.1:3530 => ECONNREFUSED
socket tcp as d
connect d 127.0.0.1:3531 => ECONNREFUSED
socket tcp as e
connect e 127.0.0.2:3530 => ok
STAGE
expect_rc 0 "refused"
has "meaning" '^  means: Nothing listens there'
has "where it listens" '^  why: port 3530 listens only on 127\.0\.0\.2:3530 \(s1\)$'
has "nothing listens" '^  why: nothing listens on port 3531: the kernel answered the SYN with a RST$'

if [ "$(id -u)" = 0 ]; then
	note "5. a privileged port as another user: the setting and the capability"
	run_sockstage <<'STAGE'
spawn p uid 65534
p: socket tcp as low
p: bind low 127.0.0.1:80 => EACCES
p: bind low 127.0.0.1:1024 => ok
STAGE
	expect_rc 0 "privileged port"
	has "why" '^  why: port 80 is below net\.ipv4\.ip_unprivileged_port_start \(1024\): binding it needs CAP_NET_BIND_SERVICE$'
	has "try" '^  try: a port from 1024 up'
else
	note "5. skipped: switching to another uid needs root"
fi
exit 0
