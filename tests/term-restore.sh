#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# term-restore.sh - however the TUI ends, the terminal is given back as it
# was found and the shell that started it carries on.
#
# In a private tmux pane a shell saves "stty -g", runs the TUI, then saves
# "stty -g" and "stty -a" again, prints a marker with the exit status and
# reads a line from the terminal (then sleeps, to keep the pane alive: a
# dead pane hides the cursor and loses a line).
# The TUI gets a socket, a second process and a fork (workers: children
# and a grandchild), then a signal sent to it alone:
#
#  - SIGTERM, SIGINT, SIGHUP: the main loop quits cleanly (status 0, or
#    the signal's);
#  - SIGSEGV, SIGABRT, SIGQUIT: the fatal path, whose status must be the
#    signal's (128+N; under AddressSanitizer a SIGSEGV goes on to its
#    handler, which reports and exits 1).
#
# Each time: the marker shows (the shell goes on) and a line typed then is
# echoed and read (cooked mode works for real), the termios are exactly
# those of before (echo, icanon), the terminal is off the alternate screen
# with keypad mode off and the cursor visible, no process of the sockstage
# binary is left, and stderr was captured while curses ran (fd 2 is not
# the terminal) and replayed after: a line written into the TUI's fd 2
# during the run shows after it ends, never on the TUI's screen.

. "$(dirname -- "$0")/lib.sh" || exit 99
. "$(dirname -- "$0")/tui-lib.sh" || exit 99
require_sockstage
tui_require
in_private_netns "$@"
make_tmpdir
ulimit -c 0	# crashes on purpose: no core files

exe=$(readlink -f -- "$SOCKSTAGE") || fail "readlink -f $SOCKSTAGE"
asan=0
grep -qa __asan_init "$exe" && asan=1

# What the pane runs (a file: the pane's /bin/sh would not read bash's
# $'...' quoting of a multi-line argument): $1 the binary, $2 the scratch
# dir, $3 a run name.
cat > "$tmp/pane.sh" <<'EOF' || fail "cannot write $tmp/pane.sh"
ulimit -c 0
stty -g > "$2/before.$3"
"$1" --sandbox
rc=$?
stty -g > "$2/after.$3"
stty -a > "$2/after-a.$3"
echo "@@done $3 rc=$rc@@"
IFS= read -r line
echo "@@got:$line@@"
exec sleep 600
EOF

ppid_of()
{
	sed -n 's/^PPid:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null
}

# The pids of the sockstage binary among the run's processes (the UI and
# its workers).
stage_procs()
{
	local p
	for p in $(tui_procs); do
		[ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$exe" ] && echo "$p"
	done
}

enough_procs()
{
	(( $(stage_procs | wc -l) >= $1 ))
}

no_stage_procs()
{
	[ -z "$(stage_procs)" ]
}

# The UI: the sockstage process whose parent is the pane's shell.
find_ui()
{
	local p
	ui=
	for p in $(stage_procs); do
		if [ "$(ppid_of "$p")" = "$tui_pid" ]; then
			ui=$p
			return 0
		fi
	done
	return 1
}

# run NAME SIGNAL clean|fatal: one run of the TUI ended by SIGNAL, which
# it handles by quitting cleanly, or as a crash.
run()
{
	local name=$1 sig=$2 how=$3 n flags status want tty errf

	note "---- $name: kill -$sig"
	tui_start 100 30 bash --norc --noprofile "$tmp/pane.sh" \
		"$SOCKSTAGE" "$tmp" "$name"
	tui_wait_for '^ ?sockstage .*(host|sandbox)'
	tui_wait_cond "$(tui_scale 5)" find_ui ||
		tui_fail_screen "no sockstage process under the pane's shell"
	note "the UI is pid $ui"

	# workers: a socket in main, a second process, a fork of main
	tui_type_cmd ":socket tcp as srv"
	tui_wait_for 's1 .*srv'
	tui_type_cmd ":spawn other"
	tui_type_cmd ":other: socket udp as u"
	tui_wait_for 's2 .*u'
	tui_type_cmd ":fork main as kid"
	tui_wait_cond "$(tui_scale 5)" enough_procs 4 ||
		tui_fail_screen "expected the UI and three workers, found: $(tui_ps)"

	# stderr is captured: fd 2 is not the terminal, and what is written
	# to it waits for the end
	tty=$(readlink "/proc/$tui_pid/fd/0")
	errf=$(readlink "/proc/$ui/fd/2") || fail "cannot read the UI's fd 2"
	note "the UI's fd 2: $errf (the terminal: $tty)"
	[ "$errf" != "$tty" ] ||
		fail "stderr is the terminal while curses runs"
	printf 'stderr-probe-%s\n' "$name" >> "/proc/$ui/fd/2" ||
		fail "cannot write into the UI's stderr"
	tui_capture
	! grep -q "stderr-probe" <<< "$tui_screen_text" ||
		tui_fail_screen "a line written to stderr shows on the TUI's screen"

	kill "-$sig" "$ui" || fail "kill -$sig $ui"
	tui_wait_for "@@done $name rc=[0-9]+@@" 10
	status=$(grep -Eo "@@done $name rc=[0-9]+@@" <<< "$tui_screen_text")
	status=${status##*rc=}
	status=${status%@@}
	n=$(( 128 + $(kill -l "$sig") ))
	note "exit status $status"
	case $how in
	clean)
		[ "$status" = 0 ] || [ "$status" = "$n" ] ||
			tui_fail_screen "status $status after SIG$sig, expected 0 or $n"
		;;
	fatal)
		want=$n
		# AddressSanitizer takes a SIGSEGV itself: it reports, then
		# exits 1, or aborts (134) under ASAN_OPTIONS=abort_on_error=1
		if [ "$asan" = 1 ] && { [ "$status" = 1 ] || [ "$status" = 134 ]; } &&
		   grep -q 'AddressSanitizer' <<< "$tui_screen_text"; then
			note "AddressSanitizer took SIG$sig (its report is on the screen)"
			want=$status
		fi
		[ "$status" = "$want" ] ||
			tui_fail_screen "status $status after SIG$sig, expected $want (the signal's)"
		;;
	esac

	# the terminal, as it was
	cmp -s "$tmp/before.$name" "$tmp/after.$name" || {
		note "stty -g before: $(cat "$tmp/before.$name")"
		note "stty -g after:  $(cat "$tmp/after.$name")"
		tui_fail_screen "the terminal's modes differ after SIG$sig"
	}
	grep -Eq '(^| )icanon( |$)' "$tmp/after-a.$name" &&
		grep -Eq '(^| )echo( |$)' "$tmp/after-a.$name" || {
		sed 's/^/#   /' "$tmp/after-a.$name"
		fail "not in cooked mode with echo after SIG$sig"
	}
	flags=$(tui_tmux display-message -p -t "$tui_target" \
		'#{alternate_on} #{keypad_cursor_flag} #{keypad_flag} #{cursor_flag}')
	[ "$flags" = "0 0 0 1" ] ||
		tui_fail_screen "after SIG$sig: alternate screen, keypad cursor, keypad, cursor shown are '$flags', want '0 0 0 1'"
	grep -q "stderr-probe-$name" <<< "$tui_screen_text" ||
		tui_fail_screen "what was written to stderr during the run was not replayed after it"

	# the shell reads a line: echoed as typed, delivered on Enter
	tui_text "typed-after-$name"
	tui_keys Enter
	tui_wait_for "@@got:typed-after-$name@@"
	grep -qx "typed-after-$name" <<< "$tui_screen_text" ||
		tui_fail_screen "the line typed after SIG$sig was not echoed"

	tui_wait_cond "$(tui_scale 5)" no_stage_procs ||
		fail "sockstage processes left after SIG$sig: $(tui_ps)"
	tui_stop
}

run term TERM clean
run int INT clean
run hup HUP clean
run segv SEGV fatal
run abrt ABRT fatal
run quit QUIT fatal
exit 0
