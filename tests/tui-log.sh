#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-log.sh - the log can be read back, through tmux, in a private network
# namespace:
#
#  1. at 100x30, with more lines than the log shows: Tab takes the focus
#     to the log (Sockets, Processes, the kernel view, the log); the
#     newest line is the log's last while it follows; Up scrolls back a
#     line: the title says "scrolled back, 1 newer below: End" and the
#     newest line is out of sight; a command run meanwhile does not move
#     what is shown (the same first line) and the count grows; Home shows
#     the session's first line, PgDn the page after it; End follows the
#     newest line again; focused elsewhere, End is the kernel view's and
#     the title says "Tab, End";
#  2. a lesson's expectations: its expect and wait lines that held show
#     as one short line each ("✓ expect LISTEN 127.0.0.1:3459", "✓ wait
#     s1 LISTEN"); C hides them, C again shows them in full ("expect ...
#     = ok", "wait s1 LISTEN = LISTEN after N ms"), C again compact; the
#     log's title says which, the key bar and the help name C; an expect
#     that fails shows in full (its value, its kernel row, MISMATCH) in
#     every mode.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir

quote() { tui_quote_re "$1"; }
log_first() { tui_capture; tui_log | head -1; }
log_last() { tui_capture; tui_log | tail -1; }
log_has() { tui_capture; tui_log | grep -Eq -- "$1"; }

# ---- 1. focus and scrolling ------------------------------------------------------
note "1. the log: focus, scrolling back, the newest-line rule"
tui_start 100 30 "$SOCKSTAGE"
tui_wait_for '─ Log ─'
for i in $(seq 1 10); do
	tui_type_cmd ":socket udp as u$i"
	tui_wait_text "socket(AF_INET, SOCK_DGRAM, 0) = s$i (u$i)"
done
[ "$(log_last)" = "socket(AF_INET, SOCK_DGRAM, 0) = s10 (u10)" ] ||
	tui_fail_screen "the newest line is not the log's last"
log_has '^sockstage .*press \? for help' &&
	tui_fail_screen "this test needs a log longer than its panel"
# Tab: Sockets, Processes, the kernel view, the log
for i in 1 2 3 4 5; do
	tui_matches '─ Log \* ─' && break
	tui_keys Tab
	tui_wait_change
done
tui_wait_for '─ Log \* ─'
tui_keys Up
tui_wait_for '─ Log \(scrolled back, 1 newer below: End\) \* ─'
[ "$(log_last)" = "socket(AF_INET, SOCK_DGRAM, 0) = s9 (u9)" ] ||
	tui_fail_screen "Up did not scroll back one line"
first=$(log_first)
# new lines do not move what is read
tui_type_cmd ":socket udp as more"
tui_wait_text "s11 more"
tui_wait_for '─ Log \(scrolled back, 2 newer below: End\) \* ─'
[ "$(log_first)" = "$first" ] ||
	tui_fail_screen "a new line moved the scrolled-back log: its first line was '$first'"
log_has 's11 \(more\)' && tui_fail_screen "the new line shows while scrolled back"
tui_keys Home
tui_wait_cond "$(tui_scale 5)" log_has '^sockstage .*press \? for help' ||
	tui_fail_screen "Home does not show the session's first line"
[ "$(log_first | cut -c1-10)" = "sockstage " ] ||
	tui_fail_screen "Home: the first line is not at the top"
tui_wait_for '─ Log \(scrolled back, [0-9]+ newer below: End\) \* ─'
tui_keys NPage
tui_wait_cond "$(tui_scale 5)" eval '! log_has "^sockstage "' ||
	tui_fail_screen "PgDn does not page on"
log_has '^socket\(AF_INET, SOCK_DGRAM, 0\) = s[0-9]+ \(u[0-9]+\)$' ||
	tui_fail_screen "PgDn: not the lines after the first page"
tui_keys End
tui_wait_for '─ Log \* ─'
[ "$(log_last)" = "socket(AF_INET, SOCK_DGRAM, 0) = s11 (more)" ] ||
	tui_fail_screen "End: the newest line is not the log's last"
# scrolled back, focused elsewhere: the title says Tab, End
tui_keys Up
tui_wait_for '─ Log \(scrolled back, 1 newer below: End\) \* ─'
tui_keys Tab			# the Wire panel, then Sockets
tui_wait_for '─ Wire.*\* ─'
tui_keys Tab
tui_wait_for 'Sockets .*\*'
tui_wait_for '─ Log \(scrolled back, 1 newer below: Tab, End\) ─'
tui_keys End			# the kernel view's, not the log's
tui_wait_for '─ Log \(scrolled back, 1 newer below: Tab, End\) ─'
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 2. a lesson's expectations ----------------------------------------------
note "2. a lesson's expect and wait lines: compact, hidden, in full"
lesson=$tmp/checks.stage
cat > "$lesson" <<'STAGE'
title Checks
about The lesson's expectations in the log.
say Step one: a listener.
socket tcp as srv
bind srv 127.0.0.1:3459 => ok
listen srv => ok
expect LISTEN 127.0.0.1:3459
wait srv LISTEN 1s
pause
say Step two: an expectation that does not hold.
expect ESTAB 127.0.0.1:3459
STAGE
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --no-sandbox
tui_wait_for 'step 0/2'
tui_wait_for '^ Space next step +R restart +G go to +C checks'
tui_wait_for '─ Log \(checks: compact\) ─'
tui_keys Space
tui_wait_for 'step 1/2 '
tui_wait_gone 'step 1/2 running'
ok='(✓|\+) '
tui_wait_log "^${ok}expect LISTEN 127\\.0\\.0\\.1:3459$"
tui_wait_log "^${ok}wait s1 LISTEN$"
log_has '= ok$|= LISTEN after' && tui_fail_screen "compact: the full lines show too"
tui_keys C
tui_wait_for '─ Log \(checks: hidden\) ─'
log_has "^${ok}(expect|wait) |= ok$|= LISTEN after" &&
	tui_fail_screen "hidden: the expectations still show"
tui_wait_log '^listen\(s1, 4096\) = 0$'
tui_keys C
tui_wait_for '─ Log \(checks: full\) ─'
tui_wait_log '^expect LISTEN 127\.0\.0\.1:3459 = ok$'
tui_wait_log '^wait s1 LISTEN = LISTEN after [0-9]+ ms$'
log_has "^${ok}(expect|wait) " && tui_fail_screen "full: the short lines show too"
tui_keys C
tui_wait_for '─ Log \(checks: compact\) ─'
tui_wait_log "^${ok}expect LISTEN 127\\.0\\.0\\.1:3459$"
# a failed expectation: in full, whatever the mode
tui_keys Space
tui_wait_for 'step 2/2 '
tui_wait_gone 'step 2/2 running'
for mode in compact hidden full; do
	tui_wait_for "─ Log \\(checks: $mode\\) ─"
	tui_wait_log '^expect ESTAB 127\.0\.0\.1:3459 = not found$'
	tui_wait_log '^MISMATCH: expected ESTAB 127\.0\.0\.1:3459$'
	tui_keys C
done
tui_wait_for '─ Log \(checks: compact\) ─'
# the help names C
tui_keys '?'
tui_wait_for 'sockstage help'
found=
for i in $(seq 1 10); do
	if tui_matches '^  C +the lesson.s expect and wait lines'; then
		found=1
		break
	fi
	tui_keys NPage
	tui_wait_change
done
[ -n "$found" ] || tui_fail_screen "the help does not name C"
tui_keys Escape
tui_wait_gone 'sockstage help'
tui_keys q
tui_wait_exit 0
tui_stop
exit 0
