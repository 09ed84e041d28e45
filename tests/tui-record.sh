#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-record.sh - --record FILE.cast, through tmux, in a private network
# namespace:
#
#  1. a lesson played with --record: Space through three steps, one resize,
#     q; the cast is asciicast v2: a JSON header (version 2, the pane's
#     size, title "sockstage: lesson NAME", env TERM), then JSON arrays
#     whose times never go back: "o" output, an "r" event for the resize,
#     "m" markers "step 1/4", "step 2/4", "step 3/4", one per step, and
#     an empty "o" event at the end; replayed into pyte (resized on "r",
#     tests/castscreen.py), the output gives the screen tmux showed just
#     before q, line by line: the cast ends on the last frame, not on the
#     screen that leaving curses clears;
#  2. SIGABRT while recording: the terminal is restored (tmux: not in
#     the alternate screen), the cast is complete lines of JSON;
#  3. a path that cannot be created: exit 2 and a message;
#     --record with --run or --dump: exit 2;
#  4. one command line records a whole lesson with no hands: --lesson
#     --autoplay --hold --record ends by itself, its cast has every step's
#     marker (--no-stable: times from the clock, every frame as drawn);
#     replayed into pyte it ends on the lesson's end, not on the screen
#     that leaving curses clears, and its last event comes the hold after
#     the last step (tests/tui-stable.sh does the same with --stable).

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
here=$(cd "$(dirname -- "$0")" && pwd)
/usr/bin/python3 -c 'import pyte' 2>/dev/null ||
	skip "no pyte for /usr/bin/python3 (Debian package python3-pyte): the cast is replayed with it"
in_private_netns "$@"
make_tmpdir

quote() { tui_quote_re "$1"; }
header_step() { tui_wait_for "^ sockstage \\| step $1 \\| sandbox netns"; }
LP='127\.0\.0\.1:3461'

lesson=$tmp/rec-test.stage
cat > "$lesson" <<'STAGE'
title Record test
about A listener, a connection, a close: recorded. Ünïcode ─ too.
say Step one: a listener on 127.0.0.1:3461.
socket tcp as srv
bind srv 127.0.0.1:3461 => ok
listen srv => ok
pause
say Step two: a client connects.
socket tcp as cli
connect cli 127.0.0.1:3461 => ok
accept srv as conn => ok
pause
say Step three: the client closes.
close cli
pause
say Step four: not played.
close srv
STAGE

# ---- 1. a recorded lesson ------------------------------------------------------------
note "1. a lesson recorded: steps, a resize, q"
cast=$tmp/session.cast
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --record "$cast"
header_step 0/4
tui_keys Space
header_step 1/4
tui_wait_for "^[ !] tcp +LISTEN +[0-9]+ +[0-9]+ +$LP "
tui_keys Space
header_step 2/4
tui_wait_for "ESTAB"
tui_resize 110 32
tui_wait_for '^ Space next step'
tui_keys Space
header_step 3/4
tui_wait_for "$(quote "close(s2) = 0")"
# the screen is quiet: two captures 300 ms apart agree
for _ in $(seq 50); do
	tui_capture
	before=$tui_screen_text
	sleep 0.3
	tui_capture
	[ "$tui_screen_text" = "$before" ] && break
done
[ "$tui_screen_text" = "$before" ] || tui_fail_screen "the screen never settled"
printf '%s\n' "$tui_screen_text" > "$tmp/final.txt"
tui_keys q
tui_wait_exit 0
tui_stop

[ -s "$cast" ] || fail "no cast written at $cast"
note "cast: $(wc -c < "$cast") bytes, $(wc -l < "$cast") lines"
/usr/bin/python3 - "$here" "$cast" "$tmp/final.txt" 110 32 100 30 <<'PY' || fail "the cast does not hold what was on the screen"
import sys
sys.dont_write_bytecode = True	# the source tree may be read-only
sys.path.insert(0, sys.argv[1])
import castscreen

cast, final, fw, fh, w0, h0 = sys.argv[2], sys.argv[3], *map(int, sys.argv[4:])
bad = []
head, events = castscreen.load(cast)
if head.get("version") != 2: bad.append("version %r" % head.get("version"))
if (head.get("width"), head.get("height")) != (w0, h0):
    bad.append("size %rx%r, want %dx%d" % (head.get("width"), head.get("height"), w0, h0))
if head.get("title") != "sockstage: lesson rec-test": bad.append("title %r" % head.get("title"))
if not isinstance(head.get("timestamp"), int): bad.append("timestamp %r" % head.get("timestamp"))
env = head.get("env", {})
if not env.get("TERM") or "SHELL" not in env: bad.append("env %r" % env)
last = 0.0
for e in events:
    if not (isinstance(e, list) and len(e) == 3 and isinstance(e[0], float)
            and e[1] in ("o", "r", "m") and isinstance(e[2], str)):
        bad.append("not an event: %r" % (e,)); continue
    if e[0] < last: bad.append("time goes back at %r" % (e,))
    last = e[0]
kinds = [e[1] for e in events]
if "o" not in kinds: bad.append("no o event")
rs = [e[2] for e in events if e[1] == "r"]
if rs != ["%dx%d" % (fw, fh)]: bad.append("r events %r" % rs)
ms = [e[2] for e in events if e[1] == "m"]
if ms != ["step 1/4", "step 2/4", "step 3/4"]: bad.append("markers %r" % ms)
if events[-1][1:] != ["o", ""]: bad.append("the last event %r, want an empty o" % (events[-1],))

# the cast ends on the screen tmux showed before q (on the alternate
# screen: leaving it is not recorded)
screen = castscreen.replay(head, events)
got = castscreen.lines(screen)
with open(final, encoding="utf-8") as f:
    want = [l.rstrip() for l in f.read().split("\n")]
while got and not got[-1]: got.pop()
while want and not want[-1]: want.pop()
if (screen.columns, screen.lines) != (fw, fh):
    bad.append("replayed screen %dx%d" % (screen.columns, screen.lines))
for i in range(max(len(got), len(want))):
    g = got[i] if i < len(got) else ""
    w = want[i] if i < len(want) else ""
    if g != w:
        bad.append("line %d: replay |%s|\n#      tmux   |%s|" % (i + 1, g, w))
print("# %d events: %d o, %d r, %d m; %d screen lines compared" %
      (len(events), kinds.count("o"), len(rs), len(ms), len(want)))
for b in bad: print("# bad:", b)
sys.exit(1 if bad else 0)
PY

# ---- 2. a crash ------------------------------------------------------------------------------
note "2. SIGABRT while recording: the terminal is restored, the cast is whole"
tui_start 100 30 "$SOCKSTAGE" --record "$tmp/crash.cast"
tui_wait_for '^ sockstage \|'
kill -ABRT "$tui_pid"
tui_wait_exit 134
tui_stop
/usr/bin/python3 - "$tmp/crash.cast" <<'PY' || fail "the cast of a crashed session is not whole"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "" and len(lines) > 2, "%d lines" % len(lines)
assert json.loads(lines[0])["title"] == "sockstage"
assert any(json.loads(l)[1] == "o" for l in lines[1:-1])
PY

# ---- 3. refused ------------------------------------------------------------------------------
note "3. a bad path, and --record without the TUI"
# (a shell stays in the pane: the program exits at once)
tui_start 100 30 /bin/sh -c '"$0" --record /nonexistent/dir/x.cast; echo "exit status $?"; exec sleep 60' "$SOCKSTAGE"
tui_wait_for '^exit status 2$'
tui_line "^$(quote "sockstage: --record: cannot create '/nonexistent/dir/x.cast': No such file or directory")\$" >/dev/null ||
	tui_fail_screen "no clear message for a bad --record path"
[ "$(tui_tmux display-message -p -t "$tui_target" '#{alternate_on}')" = 0 ] ||
	tui_fail_screen "a bad --record path left the alternate screen on"
tui_stop
run_cmd "$SOCKSTAGE" --record "$tmp/x.cast" --dump
expect_rc 2
expect_err_has "--record records the TUI"
run_cmd "$SOCKSTAGE" --record "$tmp/x.cast" --run /dev/null
expect_rc 2
[ ! -e "$tmp/x.cast" ] || fail "--record with --run created the file"

# ---- 4. one command line, no hands ------------------------------------------------------
note "4. --lesson --autoplay --record: a whole lesson recorded with no key pressed"
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --autoplay 0.2 --wpm 2000 \
	--hold 1.5 --no-stable --record "$tmp/auto.cast"
tui_wait_exit 0 20
tui_stop
/usr/bin/python3 - "$here" "$tmp/auto.cast" <<'PY' || fail "the autoplayed lesson's cast is not right"
import sys
sys.dont_write_bytecode = True	# the source tree may be read-only
sys.path.insert(0, sys.argv[1])
import castscreen

head, events = castscreen.load(sys.argv[2])
assert head["version"] == 2 and head["title"] == "sockstage: lesson rec-test", head
ms = [e[2] for e in events if e[1] == "m"]
assert ms == ["step 1/4", "step 2/4", "step 3/4", "step 4/4"], ms
times = [e[0] for e in events]
assert times == sorted(times), "times go back"
outs = [e for e in events if e[1] == "o"]
assert len(outs) > 4
# the end: an empty event, the hold (1.5 s) after the last step began
# (what is drawn meanwhile, a timer's countdown, is recorded as drawn)
assert outs[-1][2] == "" and events[-1] is outs[-1], events[-1]
last_step = [e[0] for e in events if e[1] == "m"][-1]
assert 1.5 <= outs[-1][0] - last_step <= 5, (last_step, outs[-1][0])
text = "\n".join(castscreen.lines(castscreen.replay(head, events)))
assert "Step four: not played. End of the lesson." in text, text
assert "End of the lesson: any key quits" in text, text
print("# %d events, markers %s, %.1f s" % (len(events), ms, times[-1]))
PY
exit 0
