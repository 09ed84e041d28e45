#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# json.sh - --json: the same events as the text, valid JSON whatever the
# bytes. Checked with tests/json-check.py (Debian's /usr/bin/python3, its
# json module, strict: no NaN or Infinity, no duplicate keys, no raw
# control character):
#
#  1. every shipped lesson runs twice, each run in a fresh network
#     namespace of its own (with --sandbox when it looks at the wire, sets
#     a sysctl or makes hosts, as tests/golden.sh runs it): as text and
#     with --json. Every line of the JSON is an object; there are as many
#     objects as text lines (each line of the transcript is one event);
#     the events rendered back into text equal the text transcript once
#     both have what the kernel varies between runs normalised (the rules
#     of tests/golden/produce); each row event's fields agree with its
#     line. The same for a small script run with --wire: its segments
#     and transitions are events too.
#  2. --dump --json, in a private namespace with tests/mkstates (TCP and
#     UDP in many states) and tests/mkunix (UNIX sockets of every type
#     and state, one with ESC and a newline in its name) holding sockets:
#     as many objects as text rows, the columns equal row for row (timers
#     normalised), the structured fields agree with the columns; with
#     --no-owners there is no owners field.
#  3. a hostile script (control bytes, invalid UTF-8, quotes and
#     backslashes in say lines, titles, socket names, a UNIX path): valid
#     JSON, one object a text line, and the bytes that are valid UTF-8
#     come back exactly (the say text, the UNIX socket's name); the stage
#     socket's row carries its id and name.
#
# Needs network namespaces (unshare -n, else unshare -rn): SKIP without.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir
export LC_ALL=C

py=/usr/bin/python3
[ -x "$py" ] || skip "no /usr/bin/python3"
check=$top_srcdir/tests/json-check.py
[ -r "$check" ] || fail "no $check"

ns=(unshare -n)
"${ns[@]}" true 2>/dev/null || ns=(unshare -rn)
"${ns[@]}" true 2>/dev/null ||
	skip "cannot create a network namespace for each run (unshare -n, unshare -rn)"
real_root=false
read -r a b c < /proc/self/uid_map
[ "$a $b $c" = "0 0 4294967295" ] && real_root=true

# run_in_ns DIR OUT ARG...: sockstage ARG... in DIR, in a namespace of its
# own, stdout into DIR/OUT, stderr into DIR/OUT.err.
run_in_ns()
{
	local d=$1 out=$2
	shift 2
	(
		cd "$d" &&
		timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-120}" "${ns[@]}" \
			sh -c 'ip link set lo up && exec "$@"' sh \
			"$SOCKSTAGE" "$@" > "$out" 2> "$out.err" < /dev/null
	)
	echo $? > "$d/$out.rc"
}

# same_events NAME DIR: the text run DIR/text and the JSON run DIR/json
# carry the same events.
same_events()
{
	local name=$1 d=$2 n lines
	n=$("$py" "$check" valid "$d/json") || fail "$name: invalid JSON"
	lines=$(wc -l < "$d/text")
	[ "$n" -eq "$lines" ] ||
		fail "$name: $n JSON objects, $lines text lines"
	"$py" "$check" render "$d/json" > "$d/rendered" ||
		fail "$name: the events do not render"
	"$py" "$check" normalize "$name" < "$d/text" > "$d/text.n" &&
	"$py" "$check" normalize "$name" < "$d/rendered" > "$d/rendered.n" ||
		fail "$name: normalising failed"
	diff -u --label "$name (text)" --label "$name (json, rendered)" \
		"$d/text.n" "$d/rendered.n" ||
		fail "$name: the JSON's events differ from the text transcript"
	[ "$(cat "$d/text.rc")" = "$(cat "$d/json.rc")" ] ||
		fail "$name: exit $(cat "$d/text.rc") as text, $(cat "$d/json.rc") with --json"
}

# ---- 0. where --json goes ---------------------------------------------------------

"$SOCKSTAGE" --json > "$tmp/o" 2> "$tmp/e"
rc=$?
[ "$rc" -eq 2 ] && grep -qF -- "--json goes with --run or --dump" "$tmp/e" ||
	fail "--json alone: exit $rc, $(cat "$tmp/e")"
"$SOCKSTAGE" --help | grep -q -- "--json" || fail "--help does not mention --json"

# ---- 1. every lesson -----------------------------------------------------------

lessons=0
for s in "$top_srcdir"/lessons/*.stage; do
	name=$(basename "$s" .stage)
	if needs_hosts "$s" && ! hosts_possible; then
		note "$name: left out (it makes hosts: no /dev/net/tun here)"
		continue
	fi
	if ! $real_root && grep -q '^# needs: root' "$s"; then
		note "$name: left out (it needs real root)"
		continue
	fi
	args=(--run "$name.stage")
	needs_sandbox "$s" && args+=(--sandbox)
	d=$tmp/lesson/$name
	mkdir -p "$d/t" "$d/j" || fail "mkdir"
	cp -- "$s" "$d/t/" && cp -- "$s" "$d/j/" || fail "cp $s"
	run_in_ns "$d/t" text "${args[@]}" &
	run_in_ns "$d/j" json "${args[@]}" --json
	wait
	for f in text text.rc text.err; do mv "$d/t/$f" "$d/$f"; done
	for f in json json.rc json.err; do mv "$d/j/$f" "$d/$f"; done
	case $(cat "$d/text.rc") in 124|137) fail "$name: timed out" ;; esac
	case $(cat "$d/json.rc") in 124|137) fail "$name: --json timed out" ;; esac
	same_events "$name" "$d"
	note "$name: $(wc -l < "$d/json") events, the same as the text's"
	lessons=$((lessons + 1))
done
[ "$lessons" -gt 0 ] || fail "no lesson ran"

# --wire: the segments and the transitions, events too. The text and the
# JSON are two runs: the script waits for the ACK of the client's FIN
# (delayed by the server's kernel) before the server closes, so that
# both runs see the same segments.
d=$tmp/wire
mkdir -p "$d/t" "$d/j" || fail "mkdir"
cat > "$d/t/wire.stage" <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3470
listen srv
socket tcp as cli
connect cli 127.0.0.1:3470
accept srv as conn
send cli "hi"
close cli
wait cli FIN-WAIT-2 3s
close conn
show wire
EOF
cp "$d/t/wire.stage" "$d/j/" || fail "cp"
run_in_ns "$d/t" text --run wire.stage --wire --sandbox &
run_in_ns "$d/j" json --run wire.stage --wire --sandbox --json
wait
for f in text text.rc text.err; do mv "$d/t/$f" "$d/$f"; done
for f in json json.rc json.err; do mv "$d/j/$f" "$d/$f"; done
same_events wire "$d"
if grep -q '"event":"wire"' "$d/json"; then
	grep -q '"event":"transition","socket":"s2","cause":"segments"' "$d/json" ||
		fail "--wire --json: no transition of s2 told by its segments"
	note "--wire: $(wc -l < "$d/json") events, the same as the text's"
else
	note "--wire: no capture here ($(cat "$d/json.err")): segments not checked"
fi

# ---- 2. --dump --json ------------------------------------------------------------

mkstates=${top_builddir:-.}/tests/mkstates
mkunix=${top_builddir:-.}/tests/mkunix
[ -x "$mkstates" ] || fail "helper $mkstates is not built (make check builds it)"
[ -x "$mkunix" ] || fail "helper $mkunix is not built (make check builds it)"

# start_helper NAME COMMAND...: run it until the end, holding its sockets,
# and wait for its "ready".
start_helper()
{
	local d=$tmp/$1 line
	shift
	mkdir -p "$d" && mkfifo "$d/hold" "$d/ready" || fail "mkfifo"
	"$@" < "$d/hold" > "$d/ready" 2> "$d/err" &
	kill_at_exit $!
	exec {hold}> "$d/hold"
	holds+=("$hold")
	if ! read -r -t 20 line < "$d/ready" || [ "$line" != ready ]; then
		cat "$d/err" >&2
		fail "$1 did not report ready within 20 s (got '${line:-}')"
	fi
}

holds=()
start_helper states "$mkstates"
start_helper unix "$mkunix" "$tmp/unix"
start_helper unixh "$mkunix" "$tmp/unixh" hostile

dump_pair()	# LABEL [no-owners] OPTION...
{
	local label=$1 extra=() n
	shift
	[ "$1" = no-owners ] && { extra=(no-owners); shift; }
	"$SOCKSTAGE" --dump "$@" > "$tmp/dump.text" 2> "$tmp/dump.err" ||
		fail "$label: --dump exited $?: $(cat "$tmp/dump.err")"
	"$SOCKSTAGE" --dump "$@" --json > "$tmp/dump.json" 2> "$tmp/dump.err" ||
		fail "$label: --dump --json exited $?: $(cat "$tmp/dump.err")"
	n=$("$py" "$check" dump "$tmp/dump.text" "$tmp/dump.json" "${extra[@]}") ||
		{ cat "$tmp/dump.text"; fail "$label: --dump --json differs from --dump"; }
	[ "$n" -ge "${min:-1}" ] || fail "$label: only $n rows"
	note "$label: $n rows, the same in both"
}

min=30 dump_pair "TCP and UDP"
min=20 dump_pair "UNIX" --unix
min=50 dump_pair "both" --inet --unix
min=50 dump_pair "both, no owners" no-owners --inet --unix --no-owners
# the hostile name (ESC, a newline) comes back whole
"$SOCKSTAGE" --dump --unix --json > "$tmp/dump.json" || fail "--dump --unix --json"
grep -qF '"name_kind":"abstract","name":"sockstage-\u001B[31m\nevil"' \
	"$tmp/dump.json" || fail "the hostile abstract name is not in the JSON whole"
"$SOCKSTAGE" --dump --json > "$tmp/dump.json" || fail "--dump --json"
grep -q '"state":"LISTEN".*"owners":\[{"pid":[0-9]*,"command":"mkstates"}' \
	"$tmp/dump.json" || fail "no LISTEN row owned by mkstates, as pid and command"
# a write error is one, as for the text
if [ -w /dev/full ]; then
	"$SOCKSTAGE" --dump --json > /dev/full 2> "$tmp/e"
	rc=$?
	[ "$rc" -eq 1 ] && grep -q "writing the socket table" "$tmp/e" ||
		fail "--dump --json > /dev/full: exit $rc, $(cat "$tmp/e")"
	printf 'socket tcp\nshow\n' > "$tmp/full.stage"
	"$SOCKSTAGE" --run "$tmp/full.stage" --json > /dev/full 2> "$tmp/e"
	rc=$?
	[ "$rc" -eq 2 ] && grep -q "writing the transcript" "$tmp/e" ||
		fail "--run --json > /dev/full: exit $rc, $(cat "$tmp/e")"
fi
for h in "${holds[@]}"; do exec {h}>&-; done

# ---- 3. hostile bytes ------------------------------------------------------------

d=$tmp/hostile
mkdir -p "$d/t" "$d/j" || fail "mkdir"
{
	printf 'title T\e]0;pwned\a\xff\n'
	printf 'say S\e[2J"q"\\b\xc2\x9b\x7f\xed\xa0\x80\xe2\x80\xae end\n'
	printf 'socket tcp as a\e[1A\n'
	printf 'socket unix dgram as u\n'
	printf 'bind u "h\\x1b\\"q\\\\b.sock"\n'
	printf 'show\n'
	printf 'fo\x01o "\xff\\"\n'
	printf 'say a CR\r in the middle\n'
} > "$d/t/hostile.stage"
cp "$d/t/hostile.stage" "$d/j/" || fail "cp"
run_in_ns "$d/t" text --run hostile.stage
run_in_ns "$d/j" json --run hostile.stage --json
for f in text text.rc; do mv "$d/t/$f" "$d/$f"; done
for f in json json.rc; do mv "$d/j/$f" "$d/$f"; done
n=$("$py" "$check" valid "$d/json") || fail "hostile: invalid JSON"
[ "$n" -eq "$(wc -l < "$d/text")" ] ||
	fail "hostile: $n objects, $(wc -l < "$d/text") text lines"
"$py" - "$d/json" <<'EOF' || fail "hostile: the texts did not come back"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
say = [e["text"] for e in ev if e["event"] == "say"]
want = 'S\x1b[2J"q"\\b\x9b\x7f\ufffd\ufffd\ufffd\u202e end'
assert say[0] == want, (say[0], want)
assert ev[0] == {"event": "title", "text": "T\x1b]0;pwned\x07\ufffd"}, ev[0]
names = [e.get("name") for e in ev if e["event"] == "row"]
assert any(n and n.endswith('h\x1b"q\\b.sock') for n in names), names
mine = [e for e in ev if e["event"] == "row" and e.get("stage_name") == "u"]
assert mine and mine[0]["stage_id"] == 1 and mine[0]["owner"] == "s1", \
    [e for e in ev if e["event"] == "row"]
errs = [e for e in ev if e["event"] == "error"]
assert errs and errs[-1]["line"] == 7, errs
print("hostile: %d events, texts whole" % len(ev))
EOF
exit 0
