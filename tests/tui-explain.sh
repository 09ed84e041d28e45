#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-explain.sh - key y: the full explanation of a failed call, in an
# overlay, through tmux, in a private network namespace, at 80x24 (the
# smallest screen):
#
#  1. before any failure, y logs "no failed call to explain yet" and the
#     key bar has no "y why";
#  2. a listener on 127.0.0.1:P (s1) with ten connections in its queue; a
#     second socket (s2) binding 0.0.0.0:P fails with EADDRINUSE: the log
#     shows the means: line and the advice ending in " (y: why)", the key
#     bar "y why"; y opens the overlay: the title names the call and the
#     errno, the notes are grouped under means / why / try: the why: row
#     naming the LISTEN row and s1, the rule, every try: probe; it does not
#     fit in 24 rows: the advice "no option on s2 helps" shows only after
#     End (or Down/j, PgDn), Home brings the call back; a resize to 100x40
#     shows it all, below 60x18 "terminal too small", back to 80x24 the
#     overlay again; ? opens the help over it and Escape comes back to it;
#     Esc closes it and the main screen returns;
#  3. a connect to a port nothing listens on fails with ECONNREFUSED: two
#     explanations, the title says 2/2, Left (and [) goes to the older
#     (1/2, the bind), Right (and ]) back; the log's hint is there if and
#     only if the overlay shows more than the log did; q closes the
#     overlay, it does not quit;
#  4. a failure the log shows whole (bind on a bound socket: EINVAL, only
#     a means: line) gets no hint;
#  5. a connect whose failure comes later (a SYN dropped by a full accept
#     queue, then the listener closes: the retransmitted SYN gets a RST):
#     the failure arrives through the asynchronous path, also while the
#     overlay is open (which keeps showing what it showed), and y explains
#     it (its means: line, its "after N ms" note);
#  6. garbage keys while the overlay is open (letters that are commands on
#     the main screen, Enter, Tab, function keys, UTF-8, invalid bytes) do
#     nothing: the overlay stays, no socket is touched; Esc closes it; q
#     quits with status 0 and leaves no process.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

P=3459		# the listener
N=3461		# nothing listens here
R=3470		# a full accept queue, then nothing
L=3490		# a second listener refused
CONNS=10	# connections in s1's queue: the explanation outgrows 24 rows

quote() { tui_quote_re "$1"; }
LP="127\\.0\\.0\\.1:$P"

# wait_log TEXT [SECONDS]: the screen shows TEXT (a fixed string).
wait_log()
{
	tui_wait_for "$(quote "$1")" "${2:-}"
}

# The overlay's title: " why: CALL = -1 ERRNO ... [n/m] [rows a-b of c]"
TITLE='^ why: '
OVERLAY_KEYS='^ Up/Down/PgUp/PgDn/Home/End scroll'
overlay_open()
{
	tui_wait_for "$TITLE"
	tui_wait_for "$OVERLAY_KEYS"
}
main_screen()
{
	tui_wait_gone "$TITLE"
	tui_wait_for 'Sockets'
	tui_wait_for '^ n new '
}
# the screen shows REGEX now (after a wait for something else)
has_now()
{
	tui_line "$1" >/dev/null || tui_fail_screen "expected /$1/ on the screen"
}

tui_start 80 24 "$SOCKSTAGE"
tui_wait_for 'Sockets'
tui_wait_for '^ n new .*\? help'

# ---- 1. nothing to explain yet -------------------------------------------
note "1. y before any failure"
tui_line '^ n new .*y why' >/dev/null &&
	tui_fail_screen "the key bar offers 'y why' with nothing to explain"
tui_keys y
wait_log "no failed call to explain yet"
tui_wait_for '^ n new '
tui_line "$TITLE" >/dev/null && tui_fail_screen "an overlay opened with nothing in it"

# ---- 2. EADDRINUSE, explained in full --------------------------------------
note "2. EADDRINUSE: the log's hint, the overlay, scrolling, resizes"
tui_type_cmd ":socket tcp as a"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s1 (a)"
tui_type_cmd ":socket tcp as b"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s2 (b)"
tui_type_cmd ":bind a 127.0.0.1:$P"
wait_log "bind(s1, 127.0.0.1:$P) = 0"
tui_type_cmd ":listen a"
wait_log "listen(s1, 4096) = 0"
for (( i = 1; i <= CONNS; i++ )); do
	tui_type_cmd ":socket tcp as c$i"
	wait_log "= s$(( i + 2 )) (c$i)"
	tui_type_cmd ":connect c$i 127.0.0.1:$P"
	wait_log "connect(s$(( i + 2 )), 127.0.0.1:$P) = 0"
done
tui_type_cmd ":bind b 0.0.0.0:$P"
wait_log "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE (Address already in use)"
# the log: the advice, wrapped onto indented rows, whole, ends with the hint
tui_wait_log '^  try: no option on s2 alone helps: .* or use another port \(y: why\)$'
tui_wait_for '^  means: '
tui_line '^  why: ' >/dev/null && tui_fail_screen "the log shows why: rows"
tui_wait_for '^ n new .*y why  \? help  q quit$'

tui_keys y
overlay_open
tui_wait_for "^ why: $(quote "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE")"
# the body: the call in full, then the notes under their labels
has_now "^ $(quote "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE (Address already in use)")"
has_now '^ means +[^ ]'
has_now '^ why +tcp '
has_now "^ (why)? +tcp +LISTEN +$LP +0\\.0\\.0\\.0:\\* +\\(s1"
has_now '^ +a bind may share a port'
has_now '^ try +s2 with SO_REUSEADDR: EADDRINUSE'
has_now '^ +s2 with SO_REUSEPORT: EADDRINUSE'
# more rows than fit: the title says which are shown, the advice is below
tui_wait_for ' rows 1-22 of (2[3-9]|[3-9][0-9]) ?$'
tui_line 'no option on s2 (alone )?helps' >/dev/null &&
	tui_fail_screen "the whole explanation fits in 24 rows: nothing to scroll"
total=$(tui_line ' rows 1-22 of ' | sed -E 's/.* of ([0-9]+) ?$/\1/')
note "the explanation has $total rows at 80 columns"
tui_keys End
tui_wait_for 'no option on s2 (alone )?helps'
tui_wait_for " rows $(( total - 21 ))-$total of $total ?\$"
tui_wait_gone "^ $(quote "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE (Address")"
tui_keys Home
tui_wait_for " rows 1-22 of $total ?\$"
tui_wait_for "^ $(quote "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE (Address")"
tui_keys Down
tui_wait_for " rows 2-23 of $total ?\$"
tui_keys j j
tui_wait_for " rows 4-25 of $total ?\$"
tui_keys k Up
tui_wait_for " rows 2-23 of $total ?\$"
tui_keys NPage
tui_wait_for " rows $(( total - 21 ))-$total of $total ?\$"
tui_wait_for 'no option on s2 (alone )?helps'
tui_keys PPage PPage
tui_wait_for " rows 1-22 of $total ?\$"
# resizes while open: all of it fits at 100x40; too small; back
tui_resize 100 40
tui_wait_gone ' rows [0-9]+-[0-9]+ of '
tui_wait_for 'no option on s2 (alone )?helps'
has_now "^ $(quote "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE (Address")"
tui_resize 50 15
tui_wait_for 'terminal too small'
tui_resize 80 24
overlay_open
tui_wait_for " rows 1-22 of $total ?\$"
tui_keys G
tui_wait_for 'no option on s2 (alone )?helps'
# no row wider than the screen, none cut in the middle of a word
tui_capture
awk 'length($0) > 80 { bad = 1 } END { exit !bad }' <<< "$tui_screen_text" &&
	tui_fail_screen "a row wider than 80 columns"
# ? shows the help over it, Escape comes back to it
tui_keys '?'
tui_wait_for 'sockstage help'
tui_wait_gone "$TITLE"
tui_keys Escape
overlay_open
tui_wait_gone 'sockstage help'
tui_keys Escape
main_screen
tui_wait_log '^  try: no option on s2 alone helps: .* or use another port \(y: why\)$'

# ---- 3. a second failure: two explanations ----------------------------------
note "3. ECONNREFUSED: 2/2, Left and Right"
tui_type_cmd ":socket tcp as d"
wait_log "socket(AF_INET, SOCK_STREAM, 0) = s13 (d)"
tui_type_cmd ":connect d 127.0.0.1:$N"
wait_log "connect(s13, 127.0.0.1:$N) = -1 ECONNREFUSED (Connection refused)"
tui_wait_for '^  means: '
log_before=$tui_screen_text
tui_keys y
tui_wait_for "^ why: $(quote "connect(s13, 127.0.0.1:$N) = -1 ECONNREFUSED") .* 2/2 ?\$"
has_now '^ means +[^ ]'
# the outcome came asynchronously and is explained all the same: the
# overlay has the why: row the log does not show, so means: has the hint
tui_line "^ why +nothing listens on port $N" >/dev/null ||
	tui_fail_screen "the refused connect has no why: row"
tui_log "$log_before" | grep -Eq '^  means: .*\(y: why\)$' ||
	tui_fail_screen "a why: row the log did not show, and no hint"
tui_keys Left
tui_wait_for "^ why: $(quote "bind(s2, 0.0.0.0:$P) = -1 EADDRINUSE") .* 1/2 "
tui_keys Left		# the oldest: stays
tui_keys Right
tui_wait_for "^ why: $(quote "connect(s13, 127.0.0.1:$N)") .* 2/2 ?\$"
tui_keys '['
tui_wait_for "^ why: $(quote "bind(s2, 0.0.0.0:$P)") .* 1/2 "
tui_keys ']'
tui_wait_for "^ why: $(quote "connect(s13, 127.0.0.1:$N)") .* 2/2 ?\$"
tui_keys q		# closes the overlay, does not quit
main_screen
tui_capture
[ "$tui_dead" = 1 ] && tui_fail_screen "q in the overlay quit the program"

# ---- 4. a failure the log shows whole: no hint --------------------------------
note "4. EINVAL: no hint"
tui_type_cmd ":bind a 127.0.0.1:$(( P + 1 ))"
wait_log "bind(s1, 127.0.0.1:$(( P + 1 ))) = -1 EINVAL"
tui_wait_for '^  means: The socket is already bound'
tui_log | grep -Eq '^  means: The socket is already bound.*\(y: why\)$' &&
	tui_fail_screen "a hint where the log shows everything"
tui_keys y
tui_wait_for "^ why: $(quote "bind(s1, 127.0.0.1:$(( P + 1 ))) = -1 EINVAL") .* 3/3 ?\$"
has_now '^ means +[^ ]'
tui_keys y		# y closes it too
main_screen

# ---- 5. a failure that comes later ---------------------------------------------
note "5. ECONNREFUSED after SYN-SENT: the asynchronous path"
tui_type_cmd ":socket tcp as q"
wait_log "= s14 (q)"
tui_type_cmd ":bind q 127.0.0.1:$R"
wait_log "bind(s14, 127.0.0.1:$R) = 0"
tui_type_cmd ":listen q 0"
wait_log "listen(s14, 0) = 0"
tui_type_cmd ":socket tcp as e1"
tui_type_cmd ":connect e1 127.0.0.1:$R"
wait_log "connect(s15, 127.0.0.1:$R) = 0"	# the queue is full
tui_type_cmd ":socket tcp as e2"
tui_type_cmd ":connect e2 127.0.0.1:$R"
wait_log "connect(s16, 127.0.0.1:$R) = in progress"
tui_type_cmd ":close q"
wait_log "close(s14) = 0"
# the overlay opens on what is there; the failure arrives meanwhile or has
# arrived: either way there are four, and the one shown does not move
tui_keys y
tui_wait_for "^ why: .* [34]/[34] ?\$"
tui_wait_for "^ why: .* [34]/4 ?\$" 15
tui_keys End Right
tui_wait_for "^ why: $(quote "connect(s16, 127.0.0.1:$R) = -1 ECONNREFUSED") .* 4/4 ?\$"
has_now '^ means +[^ ]'
has_now '^ note +after [0-9]+ ms'
tui_keys Escape
main_screen
tui_wait_for "$(quote "connect(s16, 127.0.0.1:$R) = -1 ECONNREFUSED")"

# ---- 6. garbage while the overlay is open ------------------------------------------
note "6. garbage keys in the overlay"
# the stage is still: no SYN-SENT left, s15's connection reset
tui_wait_gone '^[ !] tcp +SYN-SENT '
tui_wait_gone "^[ !] tcp +ESTAB .*:$R "
tui_wait_for '^s16: SYN-SENT -> '
log_now()	# the log panel's lines, and the socket count
{
	tui_capture
	awk '/─ Log |- Log / { inlog = 1 } inlog' <<< "$(sed '$d' <<< "$tui_screen_text")"
	tui_line '^.* Sockets \([0-9]+\)'
}
before=$(log_now)
tui_keys y
tui_wait_for "^ why: .* 4/4 ?\$"
for k in x b l c a s e w o r p v n S F E K U A Z : / Tab BTab Enter Space \
	 C-a C-d C-u F2 F5 F9 F12 IC DC BSpace Enter; do
	tui_keys "$k"
done
tui_text "xé日本語🙂$(printf '\xcc\x81')Ω"
tui_tmux send-keys -t "$tui_target" -H ff fe c3 e6 97 ed a0 80 00 7f 0d ||
	fail "send-keys -H failed"
for i in 1 2 3 4 5 6 7 8 9 10; do tui_keys Left Right Up Down End Home PPage NPage; done
tui_keys ']' ']' '[' Enter
# still the overlay, alive, on the older one that '[' chose
tui_wait_for "^ why: .* 3/4 ?\$"
tui_wait_for "$OVERLAY_KEYS"
tui_keys Escape
main_screen
after=$(log_now)
if [ "$before" != "$after" ]; then
	note "before:"; printf '%s\n' "$before" | sed 's/^/#   |/'
	note "after:"; printf '%s\n' "$after" | sed 's/^/#   |/'
	fail "the keys given to the overlay changed the log or the stage"
fi

# ---- 7. the rows marked are those the explanation names ---------------------------
note "7. a failed listen marks the listener in the way, not its own row"
tui_type_cmd ":socket tcp as w1"
wait_log "= s17 (w1)"
tui_type_cmd ":set w1 reuseaddr"
tui_type_cmd ":bind w1 0.0.0.0:$L"
wait_log "bind(s17, 0.0.0.0:$L) = 0"
tui_type_cmd ":socket tcp as w2"
wait_log "= s18 (w2)"
tui_type_cmd ":set w2 reuseaddr"
tui_type_cmd ":bind w2 127.0.0.1:$L"
wait_log "bind(s18, 127.0.0.1:$L) = 0"
tui_type_cmd ":listen w1"
wait_log "listen(s17, 4096) = 0"
tui_type_cmd ":listen w2"
wait_log "listen(s18, 4096) = -1 EADDRINUSE"
tui_wait_for "^! tcp +LISTEN +[0-9]+ +[0-9]+ +0\.0\.0\.0:$L +0\.0\.0\.0:\* +- +s17\$"
# only the rows of that port (the panel is small at 80x24)
tui_keys /
tui_text ":$L "
tui_keys Enter
tui_wait_for "^  tcp +BOUND .*127\.0\.0\.1:$L "
tui_line "^! tcp +BOUND .*127\.0\.0\.1:$L " >/dev/null &&
	tui_fail_screen "the failing socket's own row is marked as a cause"
tui_line "^! tcp +LISTEN .*0\.0\.0\.0:$L " >/dev/null ||
	tui_fail_screen "the listener in the way is not marked"
tui_keys /
tui_keys C-u Enter	# the filter off

# ---- quit ---------------------------------------------------------------------------
note "q quits"
[ "$(tui_procs | wc -l)" -ge 2 ] ||
	fail "expected sockstage and its worker running, found: $(tui_ps)"
tui_keys q
tui_wait_exit 0
tui_stop

exit 0
