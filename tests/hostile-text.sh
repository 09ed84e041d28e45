#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# hostile-text.sh - text written by others never drives the terminal.
# Scripts and lessons are written by students and run by teachers, often
# as root: a byte such as ESC in a say line, a socket name, a file name or
# an interface name could set the window title, clear the screen, or
# erase a MISMATCH line and leave a forged success in its place. Every
# such byte must reach the output as a visible escape (\x1b, \t ...), and
# printable UTF-8 unchanged. In a private network namespace:
#
#  1. a script with hostile texts in every place a script has text (say,
#     title, about, comments, socket and process names, unknown commands,
#     bad addresses, ports, options, states, errnos and durations, quoted
#     send text and the data received, raw CR, NUL): the transcript and
#     stderr hold no control byte, no C1 control, no invalid UTF-8, and
#     show the escapes;
#  2. the forged MISMATCH: a say line that moves the cursor up and erases
#     lines after a failed expectation: the MISMATCH line is there, whole,
#     in the raw bytes;
#  3. the script's file name (ESC, BEL, a newline, raw 0x9b in it), a file
#     that cannot be opened, an --export-c file that cannot be written;
#  4. command-line arguments: --port, --refresh, --autoplay, --lesson, an
#     unknown option, a stray argument;
#  5. --list-lessons on a lesson directory with hostile file names and
#     titles and a lesson that does not load;
#  6. --export-c of the hostile script: the C file holds no control byte
#     (but tabs), no comment that a hostile text closes or splices (*/,
#     ??/ and a backslash at a wrap point), compiles with -Werror, and
#     its output is as clean as the transcript;
#  7. the kernel's text: the kernel lets an interface name hold ESC (lo is
#     renamed here), /proc a command name; --dump, the batch kernel view
#     and the explanation listing the local addresses and their
#     interfaces show them escaped.
#
# "Clean" is checked byte by byte (clean_file below): printable ASCII,
# newline, and valid UTF-8 that is not a C1 control, a bidirectional
# formatting character or a line or paragraph separator.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir
cd "$tmp" || fail "cannot cd to $tmp"

# ---- the check ----------------------------------------------------------------

# clean_file LABEL FILE [tabs]: every byte of FILE is printable text (tabs
# allowed only when asked: C source); else fail, naming the first bad byte.
clean_file()
{
	local why
	why=$(perl -e '
		my ($f, $tabs) = @ARGV;
		open(my $h, "<:raw", $f) or die "cannot read $f: $!\n";
		local $/;
		my $s = <$h> // "";
		my $one = $tabs ? qr/[\x20-\x7e\n\t]/ : qr/[\x20-\x7e\n]/;
		my $utf8 = qr/[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|
			[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|
			\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|
			\xf4[\x80-\x8f][\x80-\xbf]{2}/x;
		my $bad = qr/^(?:\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|
			\xe2\x81[\xa6-\xa9])$/x;
		while ((pos($s) // 0) < length($s)) {
			my $at = pos($s) // 0;
			if ($s =~ /\G($one|$utf8)/gc) {
				next unless $1 =~ $bad;
			}
			my $line = 1 + (substr($s, 0, $at) =~ tr/\n//);
			my $ctx = substr($s, $at < 20 ? 0 : $at - 20, 40);
			$ctx =~ s/([^\x20-\x7e])/sprintf("<%02x>", ord($1))/ge;
			printf("byte 0x%02x at offset %d (line %d): ...%s...\n",
			       ord(substr($s, $at, 1)), $at, $line, $ctx);
			exit 1;
		}' "$2" ${3:+tabs} 2>&1) || fail "$1: $why"
}

# run_q COMMAND...: run_cmd (lib.sh), but the log shows the command quoted
# (%q) and its output through cat -v: raw control bytes (^[) never reach
# the log, and they stay apart from the escapes sockstage prints (\x1b).
run_q()
{
	local n
	lib_runs=$(( ${lib_runs:-0} + 1 ))
	n=$tmp/run$lib_runs
	timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-60}" "$@" \
		< /dev/null > "$n.out" 2> "$n.err"
	run_rc=$?
	run_err=$(cat "$n.err")
	note "\$ $(printf '%q ' "$@" | cat -v)-> exit $run_rc"
	cat -v "$n.out" | sed 's/^/#   out: /'
	cat -v "$n.err" | sed 's/^/#   err: /'
	[ "$run_rc" -ne 124 ] || fail "$(printf '%q ' "$@")did not finish in time"
}

# clean_run LABEL: the last run_q / run_sockstage printed clean text.
clean_run()
{
	local n=$tmp/run$lib_runs
	clean_file "$1 (stdout)" "$n.out"
	clean_file "$1 (stderr)" "$n.err"
}

# out_has LABEL TEXT / err_has: a fixed string in the last run's output.
out_has()
{
	grep -qF -- "$2" "$tmp/run$lib_runs.out" || fail "$1: stdout lacks '$2'"
}

err_has()
{
	grep -qF -- "$2" "$tmp/run$lib_runs.err" || fail "$1: stderr lacks '$2'"
}

# ---- the hostile texts ------------------------------------------------------------

hostile=(
	$'\e]0;pwned\a'		# OSC 0: the window title, ended by BEL
	$'\e]2;pwned\e\\'	# OSC 2, ended by ST
	$'\e[2J'		# clear the screen
	$'\e[1A\e[2K'		# cursor up, erase the line
	$'\xc2\x9b2J'		# C1 CSI, in UTF-8
	$'\x9b2J'		# C1 CSI, one raw byte
	$'\x7f\a\b\r\v\f'	# DEL, BEL, backspace, CR, VT, FF
	$'\xff\xfe\xc3'		# never UTF-8; a lead byte alone
	$'\xc0\xaf\xe0\x80\xaf'	# overlong '/'
	$'\xed\xa0\x80'		# a surrogate
	$'\xe2\x80\xae'		# right-to-left override
)
H=$(printf '%s' "${hostile[@]}")	# all of them at once

# The places a script puts text; X is the hostile text.
places=(
	'say before X after'
	'title X'
	'about X'
	'# a comment X'
	'socket tcp as aX'
	'fooX bar'
	'bind s1 127.0.0.1X:80'
	'bind s1 127.0.0.1:8X'
	'procX: show'
	'spawn pX'
	'use pX'
	'set s1 reuseaddrX'
	'set s1 lingerX 5'
	'wait 3X'
	'expect LISTENX 127.0.0.1:80'
	'bind s1 127.0.0.1:0 => EADDRINUSEX'
	'close s1X'
	'send s1 X'
	'send s1 "X"'
	'connect s1 127.0.0.1:X'
	'join s2 224.1.1.1X'
	'show X'
)

# ---- 1. every place a script has text -------------------------------------------

note "1. hostile texts in every place a script has text"
script=$tmp/hostile.stage
{
	echo 'socket tcp'
	echo 'socket udp'
	for p in "${places[@]}"; do
		for x in "${hostile[@]}" "$H"; do
			printf '%s\n' "${p//X/"$x"}"
		done
	done
	printf 'say a NUL \0 in a line\n'
	printf 'say a CR\r in the middle\n'
	# received data is printed: hostile bytes through a connection
	cat <<'EOF'
socket tcp as srv
bind srv 127.0.0.1:3701 => ok
listen srv => ok
socket tcp as cli
connect cli 127.0.0.1:3701 => ok
accept srv as conn => ok
send cli "\x1b]0;pwned\x07\x1b[2J\x1b[1A\x1b[2K\xc2\x9b\x9b\x7f\0\r\n\t\xff"
recv conn
socket udp as u1
bind u1 127.0.0.1:3702 => ok
socket udp as u2
sendto u2 127.0.0.1:3702 "\x1b]2;pwned\x1b\\"
recv u1
EOF
	printf 'send conn "%s"\n' "$H"
	echo 'recv cli'
} > "$script"
run_q "$SOCKSTAGE" --run "$script"
expect_no_crash "the hostile script"
expect_rc 2 "the hostile script (line errors)"
clean_run "the hostile script"
out_has "say" '-- before \x1b]0;pwned\x07 after'
out_has "title" '== \x1b[2J'
out_has "about" '-- \x1b[1A\x1b[2K'
out_has "say, C1" '-- before \xc2\x9b2J after'
out_has "say, raw C1" '-- before \x9b2J after'
out_has "say, DEL BEL BS CR VT FF" '-- before \x7f\x07\x08\r\x0b\x0c after'
out_has "say, invalid UTF-8" '-- before \xff\xfe\xc3 after'
out_has "say, overlong" '-- before \xc0\xaf\xe0\x80\xaf after'
out_has "say, surrogate" '-- before \xed\xa0\x80 after'
out_has "say, RLO" '-- before \xe2\x80\xae after'
out_has "echo of a bad line" '> socket tcp as a\x1b[2J'
out_has "error quoting a name" "error: 'a\\x1b[2J': not a socket name"
out_has "unknown command" "error: unknown command 'foo\\x1b]0;pwned\\x07'"
out_has "bad address" "error: '127.0.0.1\\x1b[2J:80': not an address"
out_has "a NUL in a line" 'error: the line contains a NUL byte'
out_has "a CR in a line" '-- a CR\r in the middle'
out_has "received data" '"\x1b]0;pwned\x07\x1b[2J\x1b[1A\x1b[2K\xc2\x9b\x9b\x7f\x00\x0d\n\x09\xff"'
out_has "received datagram" '"\x1b]2;pwned\x1b\\"'

# ---- 2. a forged success ---------------------------------------------------------

note "2. a say line cannot erase a MISMATCH"
{
	echo 'socket tcp'
	echo 'bind s1 127.0.0.1:3703 => EADDRINUSE'
	printf 'say %sbind(s1, 127.0.0.1:3703) = -1 EADDRINUSE (Address already in use)\n' \
		$'\e[1A\e[2K\e[1A\e[2K\e[1A\e[2K\r'
	printf 'say %severy expectation held\n' $'\e]0;all good\a'
} > forged.stage
run_q "$SOCKSTAGE" --run forged.stage
expect_rc 1 "the forged script (a mismatch)"
clean_run "the forged script"
grep -qx 'MISMATCH: expected EADDRINUSE' "$tmp/run$lib_runs.out" ||
	fail "the MISMATCH line is not there, whole, on a line of its own"
out_has "the forging say, visible" '-- \x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\rbind(s1,'

# ---- 3. the script's file name ------------------------------------------------------

note "3. file names"
name=$'s\e]0;pwned\a\e[2J\x9b\nx.stage'
printf 'socket tcp\nbogus\n' > "$name"
run_q "$SOCKSTAGE" --run "$name"
expect_rc 2 "a hostile file name"
clean_run "a hostile file name"
out_has "the file name in a line error" 's\x1b]0;pwned\x07\x1b[2J\x9b\nx.stage:2:1: error:'
err_has "the file name in the summary" 'sockstage: s\x1b]0;pwned\x07\x1b[2J\x9b\nx.stage: 1 error'
run_q "$SOCKSTAGE" --run "$tmp/no/$name"
expect_rc 2 "a hostile file that is not there"
clean_run "a hostile file that is not there"
err_has "cannot open" "cannot open '$tmp/no/s\\x1b]0;pwned\\x07"
run_q "$SOCKSTAGE" --run "$name" --export-c "$tmp/no/$name.c"
expect_rc 2 "an --export-c file that cannot be written"
clean_run "an --export-c file that cannot be written"
err_has "cannot create" "cannot create '$tmp/no/s\\x1b]0;pwned\\x07"

# ---- 4. command-line arguments ------------------------------------------------------

note "4. command-line arguments"
for args in "--dump --port $H" "--refresh $H" "--autoplay $H --lesson 1" \
	    "--lesson $H" "--lesson ./$H.stage" "--$H" "-$H" "--dump $H"; do
	read -r -a argv <<< "$args"
	run_q "$SOCKSTAGE" "${argv[@]}"
	what="arguments $(printf '%q ' "${argv[@]}" | cat -v)"
	expect_no_crash "$what"
	expect_rc 2 "$what"
	clean_run "$what"
	err_has "$what" '\x1b'
done
run_q "$SOCKSTAGE" --lesson $'\e]0;pwned\a'
err_has "--lesson NAME echoed" "no lesson '\\x1b]0;pwned\\x07'"

# ---- 5. --list-lessons --------------------------------------------------------------

note "5. --list-lessons"
mkdir -p lessons
printf 'title A %s title\nsocket tcp\n' "$H" > lessons/$'01-a\e[2J\x9b.stage'
printf 'title fine\nsocket tcp\n' > lessons/$'02-b\e]0;pwned\a\n.stage'
printf 'title broken\nbogus%s\n' $'\e[2J' > lessons/03-broken.stage
SOCKSTAGE_LESSONS=$tmp/lessons run_q "$SOCKSTAGE" --list-lessons
expect_rc 0 "--list-lessons"
clean_run "--list-lessons"
out_has "a hostile file name" '01-a\x1b[2J\x9b'
out_has "a hostile title" 'A \x1b]0;pwned\x07\x1b]2;pwned\x1b\\'
out_has "a newline in a file name" '02-b\x1b]0;pwned\x07\n'
out_has "a lesson that does not load" "unknown command 'bogus\\x1b[2J'"

# ---- 6. --export-c ----------------------------------------------------------------

note "6. --export-c"
{
	echo "title exported $H"
	echo "about $H"
	echo "# a comment $H */ int evil; /*"
	# words that end in ??/ or a backslash, at every place a comment
	# line may wrap: a line splice (a trigraph warning under -Werror)
	for n in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf 'say %s' "$(printf 'w%.0s' $(seq "$n"))"
		for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			printf ' word??/ more\\'
		done
		printf ' end??/\n'
	done
	echo 'say ends in a backslash\'
	echo "say closes */ and opens /* and $H"
	echo 'socket tcp as srv'
	echo 'bind srv 127.0.0.1:3711 => ok'
	echo 'listen srv => ok'
	echo 'socket tcp as cli'
	echo 'connect cli 127.0.0.1:3711 => ok'
	echo 'accept srv as conn => ok'
	printf 'send cli "%s"\n' "${hostile[0]}${hostile[2]}${hostile[5]}"
	echo 'recv conn'
	echo "bogus$H"
} > export.stage
run_q "$SOCKSTAGE" --run export.stage --export-c "$tmp/export.c"
expect_rc 2 "the exported script (its bogus line)"
clean_run "the exported script"
clean_file "the exported C file" "$tmp/export.c" tabs
grep -qF 'int evil' export.c || fail "the comment text is not in the C file"
! grep -q '??/$\|\\$' export.c ||
	fail "a line of the C file ends in a line splice: $(grep -n '??/$\|\\$' export.c | head -3)"
if command -v cc >/dev/null; then
	cc -std=c11 -Wall -Wextra -Werror -o export export.c 2> cc.err ||
		fail "the exported program does not compile: $(head -20 cc.err)"
	# in a namespace of its own: the run above left its ports in TIME-WAIT
	ns=(unshare -n)
	"${ns[@]}" true 2>/dev/null || ns=(unshare -rn)
	run_q "${ns[@]}" sh -c 'ip link set lo up && exec ./export'
	expect_rc 0 "the exported program"
	clean_run "the exported program"
	out_has "the program's bind" 'bind(s1, 127.0.0.1:3711) = 0'
	out_has "the program's send line" 'send(s2, "\x1b]0;pwned\x07\x1b[2J\x9b2J")'
else
	note "no cc: the exported program is not compiled"
fi

# ---- 7. interface and process names -----------------------------------------------

note "7. interface names (from the kernel) and command names (from /proc)"
mkstates=${top_builddir:-.}/tests/mkstates
[ -x "$mkstates" ] || fail "helper $mkstates is not built (make check builds it)"
# a command name with ESC, BEL, DEL and raw 0x9b (comm keeps 15 bytes)
helper=$tmp/$'m\e]0;p\a\x7f\x9b\e[2J'
cp "$mkstates" "$helper" || fail "cannot copy $mkstates"
mkfifo hold || fail "mkfifo"
"$helper" < hold > ready 2> helper.err &
kill_at_exit $!
exec 3> hold	# the helper holds its sockets until this closes
wait_for 20 grep -qx ready ready ||
	fail "the helper did not get ready: $(cat helper.err)"
# Linux refuses '/', ':', blanks and NUL in an interface name (and "." and
# ".."), and takes ESC, BEL and bytes from 0x80 up: lo, whose sockets the
# helper bound to it, is renamed (down meanwhile).
ifname=$'l\e[2J\e]0;\a\x9b'
ifshown='l\x1b[2J\x1b]0;\x07\x9b'
ip link set lo down || fail "ip link set lo down"
if ! ip link set lo name "$ifname"; then
	# a kernel that refuses them is safe from this: say so, check the rest
	note "this kernel refuses ESC in an interface name: the interface" \
	     "name checks are left out"
	ifname=lo ifshown=lo
fi
ip link set "$ifname" up || fail "ip link set up"
note "interfaces: $(ip -o link | cat -v)"

run_q "$SOCKSTAGE" --dump --port 5014 --port 5307
expect_rc 0 "--dump"
clean_run "--dump"
out_has "--dump: the interface of a socket bound to it" "127.0.0.1%$ifshown:5014"
# the owner column writes a blank, a comma and any byte outside
# printable ASCII of a command as '_' (one column, as ss)
out_has "--dump: the helper's command" '/m_]0;p____[2J'

cat > local.stage <<'EOF'
socket tcp
bind s1 10.9.9.9:3721 => EADDRNOTAVAIL
socket udp
bind s2 127.0.0.1:5307
show
EOF
run_q "$SOCKSTAGE" --run local.stage
clean_run "the local addresses in an explanation"
out_has "the interface in the explanation" "127.0.0.1/8 ($ifshown)"
out_has "the interface in the batch kernel view" "127.0.0.1%$ifshown:5307"

exit 0
