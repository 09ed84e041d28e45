#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui.sh - the TUI end to end, through tmux, in a private network namespace:
#
#  1. at 100x30, with ':' commands: a listener shows as a LISTEN row owned
#     by s1 and its port is "in play"; a connection as two ESTAB rows (s2,
#     s3) and two stage rows with their addresses; the server side closing
#     first leaves a TIME-WAIT row "was s3" whose timer counts down, the
#     transitions are logged, the closed sockets leave the stage panel; a
#     second bind to the address fails with EADDRINUSE in the log and in
#     the socket's last result, and the conflicting rows (only those) are
#     marked '!' until the next action; 'r' toggles SO_REUSEADDR on the
#     selected socket (badge RA, setsockopt in the log), Up/Down move the
#     selection; Tab moves the focus; 'A' shows all sockets; '/' filters;
#     'Z' pauses and resumes the refresh; '?' and F1 open the help at its
#     top, which names every key and every command of the language; Escape,
#     q and ? close it; between 60x18 and 80x24 the reduced layout (the
#     kernel view and the log, not the sockets), below that a clear
#     message and keys that would change the stage unseen are not taken;
#     back to 100x30 a normal screen, at once even while paused; the key
#     bar shows "? help"
#     and "q quit"; Ctrl-L repaints a damaged screen; a connect to a full
#     accept queue shows SYN-SENT while the screen stays responsive, and
#     completes once the queue has room; 'q' quits with status 0, restores
#     the terminal, and leaves no process (workers included);
#  2. at exactly 80x24: the key bar shows "? help" and "q quit"; after each
#     of many commands the newest log line is the log's last line;
#  3. "restart fails with Address already in use while TIME-WAIT lasts",
#     with single keys and the prompts' defaults only (in a --sandbox, at
#     80x24): the old server sets SO_REUSEADDR and its accepted socket
#     shows it inherited; the new server's bind fails while the TIME-WAIT
#     (marked) lasts, and succeeds once 'r' sets SO_REUSEADDR on it too;
#  4. --refresh shows in the header; a UDP socket shows as UNCONN; p, v
#     and 'set linger' put the RP, V6 and LG badges on an IPv6 socket;
#     the Sockets panel's state is the kernel's word (a socket without a
#     row in the kernel says what the stage knows: created): BOUND,
#     LISTEN, ESTAB, SYN-SENT, and FIN-WAIT-2 and CLOSE-WAIT after a
#     shutdown of the sending side.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

P=3459		# a listener, connections, TIME-WAIT
Q=3470		# a full accept queue
R=3480		# part 2 binds R+1 .. R+6, part 4 R+10

# Regular expressions for screen lines:
#   stage row:  "s1 srv    main    tcp4 RA RP V6 LG LOCAL PEER BELIEF LAST"
#   kernel row: "! tcp LISTEN 0 4096 127.0.0.1:3459 0.0.0.0:* - s1"
# (the first column is '!' on the rows marked as a failure's cause).
LP="127\\.0\\.0\\.1:$P"			# the server's address
LQ="127\\.0\\.0\\.1:$Q"
EPH='127\.0\.0\.1:[0-9]+'		# a client's address
WILD='0\.0\.0\.0:\*'			# a listener's peer
TIMER='(-|([a-z]+ )?[0-9]+s)'		# "-", "59s", "rtx 1s", "ka 7s"
krow()	# STATE LOCAL PEER OWNER (regexes) -> a kernel row, marked or not
{
	printf '^[ !] tcp +%s +[0-9]+ +[0-9]+ +%s +%s +%s +%s$' "$1" "$2" "$3" "$TIMER" "$4"
}
krow_marked()	# the same, marked as a cause
{
	printf '^! tcp +%s +[0-9]+ +[0-9]+ +%s +%s +%s +%s$' "$1" "$2" "$3" "$TIMER" "$4"
}
srow()	# ID NAME -> the start of a stage row, up to the badges
{
	printf '^s%s %s +main +tcp4 ' "$1" "$2"
}
quote() { tui_quote_re "$1"; }

# wait_log TEXT [SECONDS]: the screen shows TEXT (a fixed string).
wait_log()
{
	tui_wait_for "$(quote "$1")" "${2:-}"
}

tui_start 100 30 "$SOCKSTAGE"
tui_wait_for '^ ?sockstage .*host.*refresh 250ms'
tui_wait_for 'Sockets'
tui_wait_for 'Kernel'

# ---- 1. a listener --------------------------------------------------------
note "1. listener, connection, TIME-WAIT"
tui_type_cmd ":socket tcp as srv"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s1 (srv)"
tui_wait_for "$(srow 1 srv)"
# its state: what the stage knows (no kernel row yet), then the
# kernel's word, as the kernel view says it
tui_wait_for "$(srow 1 srv).* created +socket: s1"
tui_type_cmd ":bind srv 127.0.0.1:$P"
wait_log "bind(s1, 127.0.0.1:$P) = 0"
tui_wait_for "$(srow 1 srv).* BOUND +bind: ok"
tui_type_cmd ":listen srv"
wait_log "listen(s1, 4096) = 0"
tui_wait_for "$(krow LISTEN "$LP" "$WILD" s1)"
tui_wait_for "$(srow 1 srv).* LISTEN +listen: ok"
tui_wait_for "ports in play: $P"

# a connection
tui_type_cmd ":socket tcp as cli"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s2 (cli)"
tui_type_cmd ":connect cli 127.0.0.1:$P"
wait_log "connect(s2, 127.0.0.1:$P) = 0"
tui_type_cmd ":accept srv as conn"
tui_wait_for "$(quote "accept(s1) = s3 (conn) from 127.0.0.1:")[0-9]+"
tui_wait_for "$(krow ESTAB "$EPH" "$LP" s2)"
tui_wait_for "$(krow ESTAB "$LP" "$EPH" s3)"
# both ends on the stage, with their addresses
tui_wait_for "$(srow 2 cli).*127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:$P +ESTAB "
tui_wait_for "$(srow 3 conn).*127\.0\.0\.1:$P +127\.0\.0\.1:[0-9]+ +ESTAB "

# the server side closes first: it gets the TIME-WAIT
tui_type_cmd ":close conn"
wait_log "close(s3) = 0"
tui_wait_for '^s3: ESTAB -> '
tui_wait_for '^s3: .*-> FIN-WAIT-2'
tui_type_cmd ":close cli"
wait_log "close(s2) = 0"
tw=$(krow TIME-WAIT "$LP" "$EPH" 'was s3')
tui_wait_for "$tw"
tui_wait_for '^s3: .*FIN-WAIT-2 -> TIME-WAIT'
# its timer counts down: ~60 s now, less a little later
timer_of_tw()
{
	tui_line "$tw" | sed -E 's/.* ([0-9]+)s +was s3$/\1/'
}
t1=$(timer_of_tw)
note "TIME-WAIT timer: $t1"
[[ $t1 =~ ^[0-9]+$ ]] || tui_fail_screen "no 'NNs' timer on the TIME-WAIT row"
(( t1 > 50 && t1 <= 60 )) ||
	tui_fail_screen "TIME-WAIT timer $t1 s, expected about 60 s"
timer_below() { tui_matches "$tw" && t2=$(timer_of_tw) && (( t2 < $1 )); }
tui_wait_cond "$(tui_scale 5)" timer_below "$t1" ||
	tui_fail_screen "the TIME-WAIT timer stays at $t1 s"
note "TIME-WAIT timer later: $t2"
# the closed sockets are off the stage panel
tui_wait_gone "$(srow 2 cli)"
tui_wait_gone "$(srow 3 conn)"

# ---- a second bind: EADDRINUSE, cause marked -------------------------------
note "EADDRINUSE and its cause"
tui_type_cmd ":socket tcp as srv2"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s4 (srv2)"
tui_type_cmd ":bind srv2 127.0.0.1:$P"
wait_log "bind(s4, 127.0.0.1:$P) = -1 EADDRINUSE (Address already in use)"
tui_wait_for "$(krow_marked LISTEN "$LP" "$WILD" s1)"
tui_wait_for "$(srow 4 srv2).*EADDRINUSE"
if tui_line "^!.*TIME-WAIT" >/dev/null; then
	note "the TIME-WAIT row is marked too"
fi
# only rows on that address are marked
if tui_line '^!' | grep -v "127\.0\.0\.1:$P " >/dev/null; then
	tui_fail_screen "a row not on 127.0.0.1:$P is marked as the cause"
fi

# ---- r toggles SO_REUSEADDR on the selected socket (s4, just created) ------
note "r: SO_REUSEADDR"
tui_keys r
wait_log "setsockopt(s4, SO_REUSEADDR, 1) = 0"
tui_wait_for "$(srow 4 srv2)RA "
# the cause mark belongs to the failed call: the next action clears it
tui_wait_gone '^!'
tui_keys r
wait_log "setsockopt(s4, SO_REUSEADDR, 0) = 0"
tui_wait_gone "$(srow 4 srv2)RA "
tui_wait_for "$(srow 4 srv2)"
# Up selects srv (s1), the only other live socket
tui_keys Up r
wait_log "setsockopt(s1, SO_REUSEADDR, 1) = 0"
tui_wait_for "$(srow 1 srv)RA "
tui_wait_for "$(srow 4 srv2) {4}"
tui_keys r
wait_log "setsockopt(s1, SO_REUSEADDR, 0) = 0"
tui_wait_gone "$(srow 1 srv)RA "
tui_keys Down

# ---- focus, all sockets, filter, pause --------------------------------------
note "Tab, A, /, Z"
tui_wait_for 'Sockets.*\*'
tui_keys Tab			# Sockets -> Processes -> Kernel -> Log -> Wire -> Sockets
tui_wait_for 'Process(es \(.*current\)|: main .* holds .*) \*'
tui_wait_gone 'Sockets.*\*'
tui_keys Tab
tui_wait_for 'Kernel.*\*'
tui_wait_gone 'Process(es \(.*current\)|: main .* holds .*) \*'
tui_keys Tab
tui_wait_for '─ Log \* ─'
tui_wait_gone 'Kernel.*\*'
tui_keys Tab
tui_wait_for '─ Wire: .*\* ─'
tui_wait_gone '─ Log \* ─'
tui_keys Tab
tui_wait_for 'Sockets.*\*'
tui_wait_gone '─ Wire: .*\* ─'
tui_keys A
tui_wait_for 'Kernel: all sockets'
tui_wait_for 'sockstage .*all sockets'
tui_keys A
tui_wait_for 'Kernel: ports in play'
tui_keys /
tui_wait_change
tui_text "LISTEN"
tui_keys Enter
tui_wait_for 'filter: LISTEN'
tui_wait_gone 'TIME-WAIT +[0-9]'
tui_wait_for "$(krow LISTEN "$LP" "$WILD" s1)"
tui_keys /
tui_wait_for 'LISTEN$'
tui_keys BSpace BSpace BSpace BSpace BSpace BSpace Enter
tui_wait_gone 'filter: '
tui_wait_for "$tw"
tui_keys Z
tui_wait_for '^ ?sockstage .*PAUSED'
tui_keys Z
tui_wait_for '^ ?sockstage .*refresh 250ms'

# ---- help ----------------------------------------------------------------------
note "help"
tui_keys '?'
tui_wait_for 'sockstage help'
help_text=$tui_screen_text
# page through it all, collecting what it says
for i in $(seq 1 8); do
	tui_keys NPage
	tui_wait_cond 1 tui_differs "$tui_screen_text"
	help_text+=$'\n'$tui_screen_text
done
help_has()
{
	grep -Eq -- "$1" <<< "$help_text" ||
		{ printf '%s\n' "$help_text" | sed 's/^/#   |/'; \
		  fail "the help does not have /$1/"; }
}
# every key of the spec ...
for k in n r p v b l c a s e w x Tab A / Z : q; do
	help_has "^ +($(quote "$k")|[^ ]+/$(quote "$k")) "
done
help_has '^ +Up/Down '
help_has '^ +\? F1 '
help_has '^ +q F10 '
help_has '^ +Ctrl-L '
help_has 'SO_REUSEADDR'
help_has 'Escape'
# ... and every command of the language, with its usage
for c in socket set bind listen connect accept send sendto recv shutdown \
	 close join leave spawn fork exit kill use show say pause wait expect; do
	help_has "^ +$c( |$)"
done
tui_keys Escape
tui_wait_gone 'sockstage help|^ +socket tcp'
tui_wait_for "$(srow 1 srv)"
tui_keys F1
tui_wait_for 'sockstage help'
tui_keys q		# q closes the help, it does not quit
tui_wait_gone 'sockstage help'
tui_wait_for "$(srow 1 srv)"
tui_keys '?'
tui_wait_for 'sockstage help'
tui_keys '?'
tui_wait_gone 'sockstage help'
tui_wait_for "$(srow 1 srv)"

# ---- too small, and back ----------------------------------------------------------
note "resize"
for size in "40 12" "59 24" "80 17"; do
	tui_resize $size
	tui_wait_for 'terminal too small'
	tui_wait_for '\(60x18 at least, 80x24 for everything\)'
	tui_wait_gone "$(srow 1 srv)"
done
# while the message shows, a key that changes the stage is not taken
tui_capture
socks=$(grep -oE '^─ Sockets \([0-9]+' <<< "$tui_screen_text" || true)
tui_resize 40 12
tui_wait_for 'terminal too small'
tui_keys n Enter
tui_resize 100 30
tui_wait_for "$(srow 1 srv)"
tui_wait_for "^$(quote "${socks:-─ Sockets (}")"
tui_line '^socket \(tcp\|udp' >/dev/null && tui_fail_screen "a prompt opened while the screen was too small"
# between 60x18 and 80x24: the kernel view and the log, not the sockets
for size in "79 24" "80 23" "60 18"; do
	tui_resize $size
	tui_wait_for '^─ Kernel: ports in play'
	tui_wait_for '^─ Log ─'
	tui_wait_gone "$(srow 1 srv)"
	tui_wait_gone 'terminal too small'
done
tui_resize 80 24
tui_wait_for "$(srow 1 srv)"
tui_wait_gone 'terminal too small'
tui_resize 100 30
tui_wait_for "$(srow 1 srv)"
tui_wait_for "$tw"
# a resize is drawn at once, not at the next refresh: even when paused
tui_keys Z
tui_wait_for '^ ?sockstage .*PAUSED'
tui_resize 40 12
tui_wait_for 'terminal too small' 2
tui_resize 100 30
tui_wait_for "$(srow 1 srv)" 2
tui_wait_for '^ ?sockstage .*PAUSED' 1
tui_keys Z
tui_wait_for '^ ?sockstage .*refresh 250ms'
tui_wait_for '^ ?sockstage .*refresh 250ms'
tui_wait_for '^ n new '
# the key bar's most needed hints fit at this width
tui_wait_for '^ n new .*\? help' 1
tui_wait_for '^ n new .*q quit' 1

# ---- Ctrl-L repaints ---------------------------------------------------------------
note "Ctrl-L"
tty=$(tui_tmux display-message -p -t "$tui_target" '#{pane_tty}')
printf '\033[12;30HXYZZY-DAMAGE' > "$tty" || fail "cannot write to $tty"
tui_wait_for 'XYZZY-DAMAGE'
tui_keys C-l
tui_wait_gone 'XYZZY-DAMAGE'
tui_wait_for "$(srow 1 srv)"

# ---- a connect that cannot complete yet: SYN-SENT, and the UI stays live ----------
note "pending connect"
tui_type_cmd ":socket tcp as q"
wait_log "= s5 (q)"
tui_type_cmd ":bind q 127.0.0.1:$Q"
wait_log "bind(s5, 127.0.0.1:$Q) = 0"
tui_type_cmd ":listen q 0"
wait_log "listen(s5, 0) = 0"
tui_type_cmd ":socket tcp as c1"
tui_type_cmd ":connect c1 127.0.0.1:$Q"
wait_log "connect(s6, 127.0.0.1:$Q) = 0"	# fills the accept queue
tui_type_cmd ":socket tcp as c2"
tui_type_cmd ":connect c2 127.0.0.1:$Q"
wait_log "connect(s7, 127.0.0.1:$Q) = in progress"
tui_wait_for "$(krow SYN-SENT "$EPH" "$LQ" s7)"
tui_wait_for "$(srow 7 c2).* SYN-SENT +connect: pending"
# responsive meanwhile: help opens and closes, a command runs
tui_keys '?'
tui_wait_for 'sockstage help' 2
tui_keys Escape
tui_wait_gone 'sockstage help' 2
tui_type_cmd ":set c1 rcvbuf 65536"
wait_log "setsockopt(s6, SO_RCVBUF, 65536) = 0" 2
tui_wait_for "$(krow SYN-SENT "$EPH" "$LQ" s7)"
# room in the queue: the kernel's next SYN retransmission gets through
tui_type_cmd ":accept q"
wait_log "accept(s5) = s8 from"
wait_log "connect(s7, 127.0.0.1:$Q) = 0" 10
tui_wait_for "$(krow ESTAB "$EPH" "$LQ" s7)"

# ---- quit -------------------------------------------------------------------------------
note "quit"
[ "$(tui_procs | wc -l)" -ge 2 ] ||
	fail "expected sockstage and its worker running, found: $(tui_ps)"
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 2. 80x24: the newest log line is always visible ------------------------------------
note "2. 80x24, the newest log line"
tui_start 80 24 "$SOCKSTAGE"
tui_wait_for 'Sockets'
# on the smallest screen too, the key bar says where help is and how to quit
tui_wait_for '^ n new .*\? help' 1
tui_wait_for '^ n new .*q quit' 1
# newest_is TEXT: TEXT starts the log's last entry: the last non-blank
# line between the "Log" title and the key bar (the screen's last line),
# not counting the indented explanation lines under a result (a failure's
# "  try: ..." advice stands under the call it explains)
newest_is()
{
	local got
	tui_capture
	got=$(awk '/─ Log |- Log / { inlog = 1; last = ""; next }
		   inlog && NF && !/^  / { last = $0 }
		   { prev = last }
		   END { print prev }' <<< "$(sed '$d' <<< "$tui_screen_text")")
	[[ $got == "$1"* ]]
}
wait_newest()
{
	tui_wait_cond "$(tui_scale 5)" newest_is "$1" ||
		tui_fail_screen "the log's newest line is not '$1'"
}
for i in 1 2 3 4 5 6; do
	tui_type_cmd ":socket tcp as a$i"
	wait_newest "socket(AF_INET, SOCK_STREAM, 0) = s$i (a$i)"
	tui_type_cmd ":set a$i rcvbuf $((4096 + i))"
	wait_newest "setsockopt(s$i, SO_RCVBUF, $((4096 + i))) = 0"
	tui_type_cmd ":bind a$i 127.0.0.1:$((R + i))"
	wait_newest "bind(s$i, 127.0.0.1:$((R + i))) = 0"
done
tui_type_cmd ":bind a1 127.0.0.1:$((R + 2))"
wait_newest "bind(s1, 127.0.0.1:$((R + 2))) = -1 EINVAL"
tui_type_cmd ":socket tcp as b"
wait_newest "socket(AF_INET, SOCK_STREAM, 0) = s7 (b)"
tui_type_cmd ":bind b 127.0.0.1:$((R + 2))"
wait_newest "bind(s7, 127.0.0.1:$((R + 2))) = -1 EADDRINUSE (Address alread"
tui_wait_for "$(krow_marked BOUND "127\\.0\\.0\\.1:$((R + 2))" '[^ ]+' s2)"
tui_type_cmd ":frobnicate the socket"
tui_wait_for 'error at column 1'
tui_type_cmd ":listen a6"
wait_log "listen(s6, 4096) = 0"
wait_newest "s6: BOUND -> LISTEN"
tui_type_cmd ":set a6 ttl 9"
wait_newest "setsockopt(s6, IP_TTL, 9) = 0"
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 3. the restart story with single keys and the prompts' defaults ---------------------
# In a --sandbox of its own: the default address, 127.0.0.1:3459, is fresh
# there (part 1 left a TIME-WAIT on it here).
note "3. keys only: restart while TIME-WAIT lasts (--sandbox, 80x24)"
tui_start 80 24 "$SOCKSTAGE" --sandbox
tui_wait_for '^ ?sockstage .*sandbox'
tui_wait_for 'Sockets'

# key_prompt KEY LABEL_REGEX: press KEY, see its prompt, accept the default
key_prompt()
{
	tui_keys "$1"
	tui_wait_for "$2"
	tui_keys Enter
	tui_wait_gone "$2"
}
# select_nth N: select the Nth live socket (1-based) with Up/Down
select_nth()
{
	local i
	for i in 1 2 3 4 5 6 7 8; do tui_keys Up; done
	for (( i = 1; i < $1; i++ )); do tui_keys Down; done
}

# the old server sets SO_REUSEADDR (its accepted connection inherits it,
# and the TIME-WAIT remembers it: see tests/behaviour/timewait-restart.stage)
key_prompt n '^socket .*: tcp$'				# s1
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s1"
tui_keys r
wait_log "setsockopt(s1, SO_REUSEADDR, 1) = 0"
key_prompt b '^bind s1 .*: 127\.0\.0\.1:3459$'
wait_log "bind(s1, 127.0.0.1:$P) = 0"
key_prompt l '^listen s1 '
wait_log "listen(s1, 4096) = 0"
key_prompt n '^socket .*: tcp$'				# s2
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s2"
key_prompt c "^connect s2 .*: $LP\$"
wait_log "connect(s2, 127.0.0.1:$P) = 0"
select_nth 1
key_prompt a '^accept s1 '				# s3
tui_wait_for "$(quote "accept(s1) = s3 from 127.0.0.1:")"
tui_wait_for "$(krow ESTAB "$LP" "$EPH" s3)"
tui_wait_for "$(srow 3 '').*RA "			# inherited
# the server closes its connection first, then the client, then the listener
select_nth 3
key_prompt x '^close s3 '
wait_log "close(s3) = 0"
select_nth 2
key_prompt x '^close s2 '
wait_log "close(s2) = 0"
select_nth 1
key_prompt x '^close s1 '
wait_log "close(s1) = 0"
tw=$(krow TIME-WAIT "$LP" "$EPH" 'was s3')
tui_wait_for "$tw"
tui_wait_gone "$(krow LISTEN "$LP" "$WILD" s1)"
# the new server, without SO_REUSEADDR: Address already in use, the
# TIME-WAIT marked as the cause
key_prompt n '^socket .*: tcp$'				# s4
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s4"
key_prompt b '^bind s4 .*: 127\.0\.0\.1:3459$'
wait_log "bind(s4, 127.0.0.1:$P) = -1 EADDRINUSE (Address already in use)"
tui_wait_for "$(krow_marked TIME-WAIT "$LP" "$EPH" 'was s3')"
# with SO_REUSEADDR the same bind succeeds while the TIME-WAIT is there
tui_keys r
wait_log "setsockopt(s4, SO_REUSEADDR, 1) = 0"
key_prompt b '^bind s4 .*: 127\.0\.0\.1:3459$'
wait_log "bind(s4, 127.0.0.1:$P) = 0"
key_prompt l '^listen s4 '
wait_log "listen(s4, 4096) = 0"
tui_wait_for "$(krow LISTEN "$LP" "$WILD" s4)"
tui_wait_for "$tw"
tui_keys F10
tui_wait_exit 0
tui_stop

# ---- 4. --refresh ----------------------------------------------------------------------------
note "4. --refresh 1000, UDP, p and v"
tui_start 100 30 "$SOCKSTAGE" --refresh 1000
tui_wait_for '^ ?sockstage .*host.*refresh 1000ms'
tui_type_cmd ":socket udp as u"
wait_log "socket(AF_INET, SOCK_DGRAM, 0) = s1 (u)"
tui_type_cmd ":bind u 127.0.0.1:$((R + 10))"
wait_log "bind(s1, 127.0.0.1:$((R + 10))) = 0"
tui_wait_for "^[ !] udp +UNCONN .*127\\.0\\.0\\.1:$((R + 10)) .* s1$"
tui_wait_for "^s1 u +main +udp4 .* UNCONN +bind: ok"
# p and v, and the LG badge, on an IPv6 socket (the new one is selected)
tui_type_cmd ":socket tcp 6 as six"
wait_log "socket(AF_INET6, SOCK_STREAM, 0) = s2 (six)"
tui_keys v
wait_log "setsockopt(s2, IPV6_V6ONLY, 1) = 0"
tui_wait_for '^s2 six +main +tcp6 {7}V6 '
tui_keys p
wait_log "setsockopt(s2, SO_REUSEPORT, 1) = 0"
tui_wait_for '^s2 six +main +tcp6 {4}RP V6 '
tui_type_cmd ":set six linger 0"
wait_log "setsockopt(s2, SO_LINGER, {on=1, 0s}) = 0"
tui_wait_for '^s2 six +main +tcp6 {4}RP V6 LG '
tui_keys p
wait_log "setsockopt(s2, SO_REUSEPORT, 0) = 0"
tui_wait_for '^s2 six +main +tcp6 {7}V6 LG '
# a connection whose client shuts down its sending side: the Sockets
# panel says FIN-WAIT-2 and CLOSE-WAIT, as the kernel does
tui_type_cmd ":socket tcp as l"
tui_type_cmd ":bind l 127.0.0.1:$((R + 11))"
tui_type_cmd ":listen l"
tui_type_cmd ":socket tcp as c"
tui_type_cmd ":connect c 127.0.0.1:$((R + 11))"
tui_type_cmd ":accept l as a"
tui_wait_for "^s5 a +main +tcp4 .* ESTAB +accept: s5"
tui_type_cmd ":shutdown c wr"
tui_wait_for "^s4 c +main +tcp4 .* FIN-WAIT-2 +shutdown: ok"
tui_wait_for "^s5 a +main +tcp4 .* CLOSE-WAIT +accept: s5"
tui_wait_for "^s3 l +main +tcp4 .* LISTEN +listen: ok"
tui_keys q
tui_wait_exit 0
tui_stop

exit 0
