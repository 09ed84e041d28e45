#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-hosts.sh - two hosts on the TUI, through tmux (--sandbox):
#   - 'host b' puts a second kernel panel on screen, titled with the
#     host's name and address ("Kernel: b 10.0.0.2/24"), beside the
#     stage's own ("Kernel: local 10.0.0.1/24, ports in play"); the
#     Processes panel says on which host each process is;
#   - the key bar offers H (hold) and N (step) once there is a wire;
#   - H holds the wire; a connect from local to b leaves the client in
#     SYN-SENT with its SYN held (at the top of the Wire panel) and b's
#     kernel with no connection; N lets the SYN through: b's panel shows
#     SYN-RECV while the SYN+ACK is held; N again: the client is ESTAB
#     and b still SYN-RECV; N a third time: ESTAB on b; H releases. The
#     kernel sends a held SYN again after a second (then 3 s, 7 s: linear
#     timeouts off, fewer copies): each copy is one more segment to step,
#     so the steps go on until the state comes.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir
[ -r /dev/net/tun ] || skip "no /dev/net/tun: hosts need a TUN device"

quote() { tui_quote_re "$1"; }

# The lines of the panel whose title starts with TITLE, up to the next.
panel_lines()	# TITLE
{
	awk -v t="$1" 'index($0, "─ " t) == 1 { on = 1; print; next }
		       on && /^─ / { exit }
		       on { print }' <<< "$tui_screen_text"
}
panel_has()	# TITLE REGEX
{
	tui_capture
	panel_lines "$1" | grep -Eq -- "$2"
}
wait_panel()	# TITLE REGEX
{
	tui_wait_cond "$(tui_scale 5)" panel_has "$1" "$2" ||
		tui_fail_screen "the panel '$1' shows no line like /$2/"
}
panel_lacks()	# TITLE REGEX
{
	tui_capture
	! panel_lines "$1" | grep -Eq -- "$2" ||
		tui_fail_screen "the panel '$1' shows a line like /$2/"
}

tui_start 132 50 "$SOCKSTAGE" --sandbox
tui_type_cmd ":host b"
tui_wait_log "$(quote 'host(b) = 10.0.0.2/24')"
while IFS='|' read -r l log; do
	tui_type_cmd ":$l"
	tui_wait_log "$log"
done <<'LINES'
sysctl local net.ipv4.tcp_syn_linear_timeouts 0|^sysctl\(local: net\.ipv4\.tcp_syn_linear_timeouts, "0"\) = 0
spawn srv on b|^spawn\(srv, on b\) = 
srv: socket tcp as l|= s1 \(l\)
srv: bind l 10.0.0.2:80|^bind\(s1, 10\.0\.0\.2:80\) = 0
srv: listen l|^listen\(s1, 4096\) = 0
use main|^use main = 
socket tcp as c|= s2 \(c\)
bind c 10.0.0.1:40002|^bind\(s2, 10\.0\.0\.1:40002\) = 0
LINES
note "two kernel panels: local's and b's, each titled"
wait_panel "Kernel: local 10.0.0.1/24" "tcp +BOUND +.*10\.0\.0\.1:40002"
wait_panel "Kernel: b 10.0.0.2/24" "tcp +LISTEN +.*10\.0\.0\.2:80 .*s1 @ srv"
panel_lacks "Kernel: local" "LISTEN"
wait_panel "Processes" "srv .* on b "
tui_matches ' H hold  N step ' || tui_fail_screen "no H/N keys on the key bar"

note "H holds the wire; the connect's SYN waits on it"
tui_keys H
tui_wait_log "$(quote 'wire hold = held')"
tui_wait_for ' H release  N step '
tui_type_cmd ":connect c 10.0.0.2:80"
tui_wait_log 'connect\(s2, 10\.0\.0\.2:80\) = in progress'
tui_keys T
wait_panel "Wire" '^held 1/[0-9]+: s2 10\.0\.0\.1:40002 > s1 10\.0\.0\.2:80 \[S\] '
wait_panel "Kernel: local" "SYN-SENT +.*10\.0\.0\.1:40002 +10\.0\.0\.2:80"
panel_lacks "Kernel: b" "SYN-RECV"

# N until the panel TITLE shows REGEX: one segment each time (the kernel
# sends its SYN again while the wire holds it, a second later, and each
# copy is a segment to step), sixteen times at most.
step_until()	# TITLE REGEX
{
	local i
	for i in $(seq 16); do
		tui_keys N
		tui_wait_cond "$(tui_scale 2)" panel_has "$1" "$2" && return 0
	done
	tui_fail_screen "sixteen steps, and the panel '$1' shows no line like /$2/"
}

note "N: the SYN through, the SYN+ACK held: SYN-RECV on b"
step_until "Kernel: b" "SYN-RECV +.*10\.0\.0\.2:80 +10\.0\.0\.1:40002"
wait_panel "Wire" '^held [0-9]+/[0-9]+: s1 10\.0\.0\.2:80 > s2 10\.0\.0\.1:40002 \[S\.\] '
panel_has "Kernel: local" "SYN-SENT" || tui_fail_screen "the client left SYN-SENT early"

note "N: the SYN+ACK through: the client ESTAB, b still SYN-RECV"
step_until "Kernel: local" "ESTAB +.*10\.0\.0\.1:40002 +10\.0\.0\.2:80"
tui_wait_log '^  held [0-9]+: s2 10\.0\.0\.1:40002 > s1 10\.0\.0\.2:80 \[\.\] seq 1 ack 1 '
panel_has "Kernel: b" "SYN-RECV" || tui_fail_screen "b left SYN-RECV before the ACK came"
panel_lacks "Kernel: b" "ESTAB"

note "N: the ACK through: ESTAB on b; H releases"
step_until "Kernel: b" "ESTAB +.*10\.0\.0\.2:80 +10\.0\.0\.1:40002"
tui_keys H
tui_wait_log "$(quote 'wire release = up')"
tui_stop
note "two hosts, two kernel panels, a handshake a segment at a time"
exit 0
