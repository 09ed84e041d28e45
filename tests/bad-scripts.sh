#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bad-scripts.sh - robustness of the batch front-end against bad input: a
# few hundred malformed lines fed through "sockstage --run -":
#   - known commands with wrong operands (every command, many mistakes),
#   - garbage words, unbalanced quotes, bad escapes,
#   - lines longer than 4096 characters (up to 1 MiB), NUL bytes,
#   - binary junk from a seeded generator (the same bytes on every run),
#   - a process prefix naming nobody, a last line without a newline.
# sockstage must not crash (exit code 2, never >= 128; under the sanitizer
# build any memory error aborts, which shows as a signal and a report on
# stderr), must print exactly one "<stdin>:LINE:COL: error: ..." for every
# bad line and none for the good lines between them, and must go on to run
# the good lines (their results appear).

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

export LC_ALL=C
script=$tmp/bad.stage
: > "$script"
lineno=0
bad_lines=()	# line numbers that must give an error
good_lines=()	# line numbers that must not

bad()	# bad LINE...: append lines that must each give one error
{
	local l
	for l in "$@"; do
		printf '%s\n' "$l" >> "$script"
		lineno=$((lineno + 1))
		bad_lines+=("$lineno")
	done
}

good()	# good LINE: a line that must run
{
	printf '%s\n' "$1" >> "$script"
	lineno=$((lineno + 1))
	good_lines+=("$lineno")
}

bad_raw()	# bad_raw PRINTF-FORMAT: one bad line written by printf (NULs)
{
	# shellcheck disable=SC2059
	printf "$1" >> "$script"
	printf '\n' >> "$script"
	lineno=$((lineno + 1))
	bad_lines+=("$lineno")
}

# A seeded generator, the same in every bash: a 31-bit LCG.
seed=20251121
rnd()	# rnd N: sets r to a number in 0..N-1
{
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed >> 8) % $1 ))
}

# rnd_bytes N: N random bytes (never a newline) as a printf format
rnd_bytes()
{
	local i
	fmt=
	for ((i = 0; i < $1; i++)); do
		rnd 256
		[ "$r" -eq 10 ] && r=11
		printf -v o '\\%03o' "$r"
		fmt+=$o
	done
}

# rnd_word N: N random letters and digits
rnd_word()
{
	local i chars=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789
	word=
	for ((i = 0; i < $1; i++)); do
		rnd ${#chars}
		word+=${chars:r:1}
	done
}

# ---- a few good lines first: sockets the bad lines can name --------------
good "socket tcp as a => ok"
good "socket udp as u => ok"
good "bind a 127.0.0.1:6200 => ok"

# ---- every command with wrong operands ---------------------------------------
bad "socket" "socket tcp 5" "socket icmp" "socket tcp 4 6" "socket tcp as" \
	"socket tcp as s7" "socket tcp as 9lives" "socket tcp as a" \
	"socket udp as x y" "socket 'tcp'" \
	"socket tcp as averyveryveryveryverylongsocketname"
bad "set" "set a" "set a frobnicate" "set a linger" "set a ttl -1" \
	"set a ttl 99999999999" "set a reuseaddr maybe" "set a rcvbuf lots" \
	"set a multicast-if nowhere" "set a reuseaddr on off" "set nosuch reuseaddr" \
	"set 'a' reuseaddr"
bad "bind" "bind a" "bind a 300.1.1.1:80" "bind a 127.0.0.1:65536" \
	"bind a 127.0.0.1:70000" "bind a 127.0.0.1:-1" "bind a 127.0.0.1:8x" \
	"bind a [::1" "bind a [::1]x" "bind a [nothing]:80" "bind a ::1::2:80:x" \
	"bind a host.example:80" "bind a 127.0.0.1:80 extra" "bind nosuch 127.0.0.1:1" \
	"bind a :80" "bind a 127.0.0.1:" "bind a [::1]:99999"
bad "listen" "listen a -5" "listen a abc" "listen a 70000" "listen a 1 2" \
	"listen nosuch"
bad "connect" "connect a" "connect a 127.0.0.1" "connect a *" \
	"connect a 127.0.0.1:1:2" "connect nosuch 127.0.0.1:1"
bad "accept" "accept a as" "accept a as s3" "accept a like b" "accept nosuch"
bad "send" "send a" "send a hello" "send a -3" "send a 99999999999" \
	"send a 1 2" "send nosuch \"x\""
bad "sendto" "sendto u" "sendto u 127.0.0.1:1" "sendto u 127.0.0.1 \"x\"" \
	"sendto u 127.0.0.1:1 bare"
bad "recv" "recv a 0" "recv a 70000" "recv a -1" "recv a 1 2" "recv nosuch"
bad "shutdown" "shutdown a" "shutdown a sideways" "shutdown a rd wr" \
	"shutdown nosuch rd"
bad "close" "close" "close a b" "close nosuch" "close 'a'"
bad "join" "join u" "join u 10.0.0.1" "join u 239.1.1.1 [::1]" \
	"join u [ff02::1]" "join u 239.1.1.1 127.0.0.1 x" "leave u" \
	"leave u 1.2.3.4" "join nosuch 239.1.1.1"
bad "spawn" "spawn 9lives" "spawn p uid" "spawn p gid 5" "spawn p uid -1" \
	"spawn p uid x" "spawn main" "spawn p uid 5 6"
bad "fork" "fork nosuch" "fork main child" "fork main as" "fork main as main" \
	"exit" "exit nosuch" "exit a b" "kill" "kill nosuch" "use" "use nosuch" \
	"use a b"
bad "show now" "show => ok" "pause 1" "use main => ok"
bad "say" "title" "about" "main: say hello" "main: title T"
bad "wait" "wait 5" "wait 700s" "wait -1s" "wait 1h" "wait nan" \
	"wait a NOTASTATE" "wait nosuch LISTEN" "wait u LISTEN 1s 2s" \
	"wait a LISTEN soon" "wait 1s => ok"
bad "expect" "expect LISTEN" "expect FLYING 127.0.0.1:1" \
	"expect LISTEN 127.0.0.1" "expect no no LISTEN 127.0.0.1:1" \
	"expect tcp udp LISTEN 127.0.0.1:1" "expect LISTEN 127.0.0.1:1 127.0.0.1" \
	"expect LISTEN 127.0.0.1:1 1.2.3.4:5 x" "expect LISTEN 127.0.0.1:1 => ok"
bad "bind a 127.0.0.1:1 =>" "bind a 127.0.0.1:1 => EWHAT" \
	"bind a 127.0.0.1:1 => ok extra" "=> ok" "bind a 127.0.0.1:1 => 42"
bad "main:" "main: " "main: # only a comment" "9bad: socket tcp" \
	"nosuch: socket tcp" "nosuch: bind a 127.0.0.1:1" "nosuch: show" \
	"nosuch: pause" "nosuch: wait 10ms" "nosuch: spawn q" "nosuch: use main" \
	"nosuch: expect no LISTEN 127.0.0.1:1" \
	"averyveryveryveryveryveryverylongname: socket tcp" ":socket tcp" \
	"a:b: socket tcp"
bad "socket tcp as x y z w v u t s r q p o n m l k"
good "socket tcp as b => ok"

# ---- garbage words ----------------------------------------------------------
for i in $(seq 1 60); do
	rnd_word $((3 + i % 20))
	line="zz$word"
	rnd 4
	for ((k = 0; k < r; k++)); do
		rnd_word 5
		line+=" $word"
	done
	bad "$line"
done

# ---- unbalanced quotes and bad escapes ---------------------------------------
for i in $(seq 1 30); do
	rnd_word $((1 + i))
	case $((i % 6)) in
	0) bad "send a \"$word" ;;
	1) bad "send a '$word" ;;
	2) bad "sendto u 127.0.0.1:1 \"$word\\" ;;
	3) bad "send a \"$word\\q\"" ;;
	4) bad "send a \"$word\"$word" ;;
	5) bad "send a \"\\x${word:0:1}\"" ;;
	esac
done
bad "send a \"" "send a '" "send a \"\\\"" "send a \"abc'" "send a 'abc\"" \
	"\"" "'" "\"socket tcp\"" "send a \"\\x\"" "send a \"\\xg0\""

# ---- long lines ----------------------------------------------------------------
bad_long()	# bad_long PREFIX N CHAR SUFFIX: PREFIX, N times CHAR, SUFFIX
{
	printf '%s' "$1" >> "$script"
	head -c "$2" /dev/zero | tr '\0' "$3" >> "$script"
	printf '%s\n' "$4" >> "$script"
	lineno=$((lineno + 1))
	bad_lines+=("$lineno")
}
for n in 4093 4100 5000 8192 65536 1048576; do
	bad_long "say " "$n" y ""
	bad_long "socket tcp as " "$n" n ""
	bad_long "send a \"" "$n" z "\""
	bad_long "    " "$n" "#" ""	# a comment, but too long
done
good "socket udp as c => ok"

# ---- NUL bytes --------------------------------------------------------------
bad_raw '\0'
bad_raw '\0\0\0\0'
bad_raw 'socket tcp\0'
bad_raw 'socket\0tcp as x'
bad_raw 'show\0'
bad_raw '# a comment\0with a NUL'
bad_raw 'send a "with a \0 NUL"'
bad_raw 'say hello\0world'
bad_raw '\0socket tcp'
bad_raw 'main: socket tcp \0'

# ---- binary junk ------------------------------------------------------------------
# Each starts with \001 (not a space, not '#'), so it cannot be a comment
# or a blank line; or with a real command word, to go deeper into the parser.
prefixes=("" "send a " "bind a " "set a " "expect " "wait " "socket " "main: ")
for i in $(seq 1 120); do
	rnd 300
	rnd_bytes $((1 + r))
	p=${prefixes[i % ${#prefixes[@]}]}
	if [ -z "$p" ]; then
		bad_raw "\\001$fmt"
	else
		bad_raw "$p\\001$fmt"
	fi
done

# ---- the good lines still run; a last bad line without a newline -------------
good "socket tcp as last => ok"
good "bind last 127.0.0.1:6201 => ok"
printf 'nonsense without a newline' >> "$script"
lineno=$((lineno + 1))
bad_lines+=("$lineno")

note "$lineno lines, ${#bad_lines[@]} bad, ${#good_lines[@]} good, $(wc -c < "$script") bytes"
timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-120}" "$SOCKSTAGE" --run - \
	< "$script" > "$tmp/out" 2> "$tmp/err"
run_rc=$?
run_err=$(cat "$tmp/err")
note "exit $run_rc"
[ -z "$run_err" ] || { note "stderr:"; printf '%s\n' "$run_err" | head -c 20000; }
[ "$run_rc" -ne 124 ] || fail "sockstage did not finish in time"
expect_no_crash "bad scripts"
expect_rc 2 "bad scripts"
expect_err_has "${#bad_lines[@]} errors, 0 mismatches" "the summary on stderr"

# The error lines (a junk line's echo starts with "> ", never "<stdin>").
grep -a -o '^<stdin>:[0-9]*:[0-9]*: error: ' "$tmp/out" |
	cut -d: -f2 > "$tmp/errlines"
printf '%s\n' "${bad_lines[@]}" > "$tmp/want"
if ! cmp -s "$tmp/errlines" "$tmp/want"; then
	note "error lines: got (<) vs wanted (>):"
	diff "$tmp/errlines" "$tmp/want" | head -40
	grep -a '^<stdin>' "$tmp/out" | cut -c1-200 | head -60
	fail "not exactly one error for each bad line, in order"
fi
note "one error for each of the ${#bad_lines[@]} bad lines"

# Every error has a column within its line (1-based, at most length + 1).
awk -F: 'NR == FNR { len[FNR] = length($0); next }
	/^<stdin>:[0-9]+:[0-9]+: error: / {
		if ($3 < 1 || $3 > len[$2] + 1) {
			print "line " $2 ": column " $3 " of " len[$2]; bad = 1
		}
	}
	END { exit bad }' "$script" "$tmp/out" ||
	fail "an error column lies outside its line"

# The good lines ran, with the results they expected.
grep -aq '^socket(AF_INET, SOCK_STREAM, 0) = s1 (a)$' "$tmp/out" ||
	fail "the first good line did not run"
grep -aq '^socket(AF_INET, SOCK_STREAM, 0) = s[0-9]* (last)$' "$tmp/out" ||
	fail "a good line after all the bad ones did not run"
grep -aq '^bind(s[0-9]*, 127\.0\.0\.1:6201) = 0$' "$tmp/out" ||
	fail "the last good bind did not run"
! grep -aq '^MISMATCH' "$tmp/out" || fail "a good line did not get its result"
exit 0
