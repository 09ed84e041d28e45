#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui-stable.sh - screencasts that can be published, through tmux in a
# private network namespace, each cast replayed into pyte
# (tests/castscreen.py):
#
#  1. a lesson with ephemeral ports (connect, listen and UDP's implicit
#     bind, bind to port 0), processes, a TIME-WAIT and a failed bind,
#     recorded twice with --stable --autoplay --hold --record: the two
#     casts are the same event for event (parsed JSON), the header but
#     its timestamp too; the cast holds the start and one frame a step,
#     its markers and frames at the schedule's times (each step stays for
#     its narration's words at --wpm plus the --autoplay pause), and the
#     end the hold after the last frame; no frame shows a pid or a
#     timer's seconds, and each socket's ephemeral port is 40000 + its
#     number (connect, listen, sendto on an unbound socket, IPv4 and
#     IPv6, bind to port 0); the last frame, replayed, is the lesson's
#     end (not the screen that leaving curses clears);
#  2. --hold: the program quits by itself once the end has stayed that
#     long; without it, the end stays until a key;
#  3. --show-keys: the keys stand on a row of their own above the key
#     bar, and the log's last line stays in sight right above them;
#  4. --stable in the TUI: the Processes panel shows no pid, a connect's
#     port is fixed, and W writes the same C program as without --stable.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
here=$(cd "$(dirname -- "$0")" && pwd)
/usr/bin/python3 -c 'import pyte' 2>/dev/null ||
	skip "no pyte for /usr/bin/python3 (Debian package python3-pyte): the casts are replayed with it"
in_private_netns "$@"
make_tmpdir

lesson=$tmp/stable.stage
cat > "$lesson" <<'STAGE'
title Stable cast
about Ephemeral ports, a TIME-WAIT, a refused restart: recorded twice, the same each time.
say A server listens on 127.0.0.1:3459. Another listens without a bind: the kernel picks its port.
spawn server
server: socket tcp as srv
server: bind srv 127.0.0.1:3459
server: listen srv
server: socket tcp as auto
server: listen auto
pause
say A client connects without binding: its port is ephemeral too.
spawn client
client: socket tcp as cli
client: connect cli 127.0.0.1:3459 => ok
server: accept srv as conn => ok
client: getsockname cli
pause
say The server closes first and exits: its side of the connection stays in TIME-WAIT.
server: close conn
client: close cli
wait conn TIME-WAIT 2s
exit server
wait 200ms
expect TIME-WAIT 127.0.0.1:3459
pause
say A restarted server cannot bind the port.
spawn server2
server2: socket tcp as again
server2: bind again 127.0.0.1:3459 => EADDRINUSE
pause
say Datagrams from unbound UDP sockets, IPv4 and IPv6, and a bind to port 0.
client: socket udp as u
client: sendto u 127.0.0.1:3466 "hi"
client: socket tcp as zero
client: bind zero 127.0.0.1:0
client: socket udp 6 as u6
client: sendto u6 [::1]:3466 "hi"
say That is all: the TIME-WAIT still holds port 3459.
STAGE

# the schedule: --wpm 1200, a pause of 0.25 s, the end held 1.5 s
WPM=1200 PAUSE=0.25 HOLD=1.5

# ---- 1. two recordings ------------------------------------------------------------------
record()	# CAST: the lesson, recorded with no hands
{
	tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --stable --autoplay "$PAUSE" \
		--wpm "$WPM" --hold "$HOLD" --record "$1"
	tui_wait_exit 0 40
	tui_stop
	[ -s "$1" ] || fail "no cast at $1"
}

note "1. the lesson recorded twice with --stable"
record "$tmp/one.cast"
record "$tmp/two.cast"
/usr/bin/python3 - "$here" "$tmp/one.cast" "$tmp/two.cast" "$lesson" "$WPM" "$PAUSE" "$HOLD" <<'PY' ||
import math, re, sys
sys.dont_write_bytecode = True	# the source tree may be read-only
sys.path.insert(0, sys.argv[1])
import castscreen

one, two, lesson = sys.argv[2:5]
wpm, pause, hold = int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
bad = []

# the same, but for the header's timestamp
h1, e1 = castscreen.load(one)
h2, e2 = castscreen.load(two)
for h in (h1, h2):
    if not isinstance(h.pop("timestamp", None), int):
        bad.append("a header without its timestamp")
if h1 != h2:
    bad.append("the headers differ: %r / %r" % (h1, h2))
if len(e1) != len(e2):
    bad.append("%d events, then %d" % (len(e1), len(e2)))
for i, (a, b) in enumerate(zip(e1, e2)):
    if a != b:
        bad.append("event %d differs:\n#   %.300r\n#   %.300r" % (i + 1, a, b))
        break

# the schedule: a step begins (its marker) once the one before has stayed
# for its narration's reading time plus the pause; its frame comes when its
# calls are done (their wait lines), the end the hold after the last frame
steps, about = [[]], ""
for line in open(lesson, encoding="utf-8"):
    w = line.split(None, 1)
    if not w:
        continue
    if w[0] == "about":
        about = w[1]
    elif w[0] == "pause":
        steps.append([])
    else:
        steps[-1].append(line)
words = [len(about.split())] + [sum(len(l.split()) - 1 for l in s if l.startswith("say "))
                                for s in steps]
waits = [0] + [sum(int(m.group(1)) for l in s for m in [re.match(r"wait (\d+)ms$", l.strip())] if m)
               for s in steps]
def reading(n):
    return -(-n * 60000 // wpm)
want, t = [], 0
want.append((0, "o"))
for k in range(1, len(steps) + 1):
    t += reading(words[k - 1]) + round(pause * 1000)
    want.append((t, "m", "step %d/%d" % (k, len(steps))))
    t += waits[k]
    want.append((t, "o"))
want.append((t + round(hold * 1000), "o", ""))
got = [(round(e[0] * 1000), e[1]) + ((e[2],) if e[1] == "m" or e[2] == "" else ())
       for e in e1]
if got != want:
    bad.append("the schedule:\n#   got  %r\n#   want %r" % (got, want))

# what each frame shows
frames, n = [], sum(1 for e in e1 if e[1] == "o")
for k in range(1, n + 1):
    frames.append("\n".join(castscreen.lines(castscreen.replay(h1, e1, k))))
every = "\n".join(frames)
if re.search(r"\bpid\b", every):
    bad.append("a frame shows a pid: %s" % re.search(r".*\bpid\b.*", every).group(0))
tw = re.findall(r"^  tcp TIME-WAIT .*", every, re.M)
if not tw or any(not re.search(r" tw +was s4$", l) for l in tw):
    bad.append("the TIME-WAIT rows' timer (want 'tw', no seconds): %r" % tw)
for port in ("0.0.0.0:40002", "127.0.0.1:40003", "0.0.0.0:40006", "127.0.0.1:40007",
             "[::]:40008"):
    if port not in every:
        bad.append("no frame shows %s (sN's ephemeral port: 40000 + N)" % port)

# the last frame: the lesson's end, on the alternate screen
last = castscreen.replay(h1, e1)
text = " ".join(" ".join(castscreen.lines(last)).split())
for want_text in ("That is all: the TIME-WAIT still holds port 3459. End of the lesson.",
                  "-- end of lesson stable", "End of the lesson: any key quits",
                  "sendto(s8, \"hi\", [::1]:3466) = 2"):
    if want_text not in text:
        bad.append("the last frame lacks %r" % want_text)
if last.main is None:
    bad.append("the cast ends off the alternate screen")
if frames[-1] != "\n".join(castscreen.lines(last)):
    bad.append("the end event changed the screen")

print("# %d events, %d frames, %.2f s; the last frame:" % (len(e1), n, e1[-1][0]))
for l in castscreen.lines(last):
    print("#   |" + l)
for b in bad:
    print("# bad:", b)
sys.exit(1 if bad else 0)
PY
	fail "the recordings differ, or do not show what they should"

# ---- 2. --hold, or a key ----------------------------------------------------------------
note "2. --hold quits by itself; without it the end stays until a key"
start=$(date +%s%N)
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --autoplay 0 --wpm 2000 --hold 2
tui_wait_for '^ End of the lesson: any key quits$' 20
ended=$(date +%s%N)
tui_wait_exit 0 10
quit=$(date +%s%N)
tui_stop
held=$(( (quit - ended) / 1000000 ))
note "the end stayed about $held ms (at least 2000, less what the capture took)"
[ "$held" -ge 1500 ] || fail "--hold 2: quit $held ms after the end showed"
[ $(( (quit - start) / 1000000 )) -ge 2000 ] || fail "--hold 2: quit too soon"
tui_start 100 30 "$SOCKSTAGE" --lesson "$lesson" --autoplay 0 --wpm 2000
tui_wait_for '^ End of the lesson: any key quits$' 20
# it does not quit by itself (bounded: it is still there 2 s later)
! tui_wait_cond 2 tui_exited || tui_fail_screen "without --hold, the end did not stay"
tui_keys Space
tui_wait_exit 0
tui_stop

# ---- 3. --show-keys: a row of its own ---------------------------------------------------
note "3. --show-keys: the keys above the key bar, the log's last line above them"
tui_start 100 30 "$SOCKSTAGE" --show-keys
tui_wait_for '^ n new '
tui_type_cmd ":socket tcp as first"
tui_wait_for '^socket\(AF_INET, SOCK_STREAM, 0\) = s1 \(first\)$'
tui_type_cmd ":socket udp as second"
tui_wait_for ' keys: .* Enter$'
mapfile -t rows <<< "$tui_screen_text"
[[ ${rows[29]} =~ ^\ n\ new ]] || tui_fail_screen "the key bar is not the last row"
[[ ${rows[28]} =~ ^\ +keys:\ .*\ Enter$ ]] ||
	tui_fail_screen "the keys are not on a row of their own above the key bar"
[ "${rows[27]}" = "socket(AF_INET, SOCK_DGRAM, 0) = s2 (second)" ] ||
	tui_fail_screen "the log's last line is not in sight above the keys: '${rows[27]}'"
tui_wait_gone ' keys: '
tui_capture
mapfile -t rows <<< "$tui_screen_text"
[ "${rows[27]}" = "socket(AF_INET, SOCK_DGRAM, 0) = s2 (second)" ] && [ -z "${rows[28]}" ] ||
	tui_fail_screen "once the keys are gone, their row stays (empty) and the log stays put"
tui_keys q
tui_wait_exit 0
tui_stop

# ---- 4. --stable in the TUI: no pid, a fixed port, the same C -------------------------
note "4. --stable in the TUI"
session()	# C-FILE [OPTION]: the same lines, then W
{
	tui_start 100 30 "$SOCKSTAGE" --sandbox "${@:2}"
	tui_wait_for '^ n new '
	tui_type_cmd ":socket tcp as l"
	tui_type_cmd ":listen l"
	tui_wait_for '^listen\(s1, 4096\) = 0 \(port [0-9]+\)$'
	tui_type_cmd ":socket tcp as c"
	tui_type_cmd ":spawn other"
	tui_wait_for '^spawn\(other\) = '
	tui_capture
	if [ "${2:-}" = --stable ]; then
		tui_line '^listen\(s1, 4096\) = 0 \(port 40001\)$' >/dev/null ||
			tui_fail_screen "--stable: listen did not take port 40001"
		# before the connect's transitions scroll it out of the log
		tui_line '^spawn\(other\) = other$' >/dev/null ||
			tui_fail_screen "--stable: spawn's result shows a pid"
		tui_type_cmd ":connect c 127.0.0.1:40001"
		tui_wait_for '^connect\(s2, 127\.0\.0\.1:40001\) = 0$'
		tui_wait_for ' 127\.0\.0\.1:40002 +127\.0\.0\.1:40001 '
		! grep -q '\bpid\b' <<< "$tui_screen_text" ||
			tui_fail_screen "--stable: a pid on screen"
	else
		tui_type_cmd ":connect c 127.0.0.1:40001"
		tui_wait_for '^connect\(s2, 127\.0\.0\.1:40001\) = -1 ECONNREFUSED'
		tui_line '^[* ] main +pid [0-9]+ ' >/dev/null ||
			tui_fail_screen "without --stable the Processes panel shows pids"
	fi
	tui_keys W
	tui_wait_for 'write the session as C to:'
	tui_keys C-u
	tui_text "$1"
	tui_keys Enter
	tui_wait_text "the session so far is in $1"
	tui_keys q
	tui_wait_exit 0
	tui_stop
}
session "$tmp/stable.c" --stable
session "$tmp/plain.c"
cmp -s "$tmp/stable.c" "$tmp/plain.c" ||
	fail "--stable changed the C program W writes: $(diff "$tmp/plain.c" "$tmp/stable.c" | head -20)"
exit 0
