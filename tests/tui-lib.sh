# SPDX-License-Identifier: GPL-2.0-or-later
# tui-lib.sh - drive the TUI through a private tmux server. Source it after
# lib.sh, then enter the private namespace before anything else:
#
#	. "$(dirname -- "$0")/lib.sh" || exit 99
#	. "$(dirname -- "$0")/tui-lib.sh" || exit 99
#	require_sockstage
#	tui_require		# SKIP without a usable tmux
#	in_private_netns "$@"	# the tmux server, the TUI, its workers: all in it
#	make_tmpdir
#	tui_start 100 30 "$SOCKSTAGE"
#	tui_type_cmd ":socket tcp as srv"
#	tui_wait_for 's1 +srv'
#	tui_keys q
#	tui_wait_exit 0
#
# The tmux server is private (its socket is $tmp/tmux.sock, no config
# file), so nothing of the user's tmux is touched or read. One session
# "tui" with one pane runs /bin/sh ($tui_shell_pid), which runs the program
# ($tui_pid, its child) and writes down its exit status (tmux 3.3's
# #{pane_dead_status} is not reliable); remain-on-exit keeps the pane after
# the program ends so that its exit status (128+N after signal N) and last
# screen can be read. The program's environment carries a tag
# (SOCKSTAGE_TUI_TAG) that its forked workers inherit: that is how
# tui_procs finds every process of the run, whatever namespace it ends up
# in. At exit, whatever happens, the tmux server is killed and any tagged
# process left is killed (and reported in the log).
#
# The pane's terminal: TERM is the best of tmux-256color, screen-256color,
# screen that has a terminfo entry (TUI_TERM overrides), the locale C.UTF-8
# if there is one (TUI_LOCALE overrides), NO_COLOR unset unless given to
# tui_start as VAR=VALUE. capture-pane drops trailing blanks of each line.
#
# Waiting is always polling for a condition with a bound (TUI_WAIT seconds,
# default 5; multiply all bounds with TUI_WAIT_SCALE, e.g. 4 under
# sanitizers). On a timeout the last screen is printed and the test fails.

tui_sock=
tui_target=tui:0.0
tui_tag=
tui_screen_text=	# the last capture (tui_capture, tui_wait_*)
tui_dead=0		# from the last capture: the program has exited
tui_dead_status=

# tui_require: SKIP (77) when tmux is missing or too old for the commands
# used here (resize-window and capture-pane -e need tmux >= 2.9).
tui_require()
{
	local v maj min
	command -v tmux >/dev/null ||
		skip "no tmux(1) (Debian package tmux): the TUI tests drive the TUI through it"
	v=$(tmux -V 2>/dev/null) || skip "tmux -V failed"
	v=${v#tmux }
	v=${v#next-}
	maj=${v%%.*}
	min=${v#*.}
	min=${min%%[!0-9]*}
	[[ $maj =~ ^[0-9]+$ && $min =~ ^[0-9]+$ ]] ||
		skip "cannot read the tmux version from '$(tmux -V)'"
	(( maj > 2 || (maj == 2 && min >= 9) )) ||
		skip "tmux $v is too old (need 2.9 or later for resize-window)"
}

# tmux on the private server.
tui_tmux()
{
	tmux -S "$tui_sock" "$@"
}

tui_scale()
{
	awk -v s="$1" -v k="${TUI_WAIT_SCALE:-1}" 'BEGIN { printf "%d\n", s * k + 0.999 }'
}

# The terminal type tmux announces in the pane: the best one this system
# has a terminfo entry for (TUI_TERM overrides).
tui_pick_term()
{
	local t
	if [ -n "${TUI_TERM:-}" ]; then
		echo "$TUI_TERM"
		return
	fi
	for t in tmux-256color screen-256color screen; do
		if infocmp "$t" >/dev/null 2>&1; then
			echo "$t"
			return
		fi
	done
	echo screen
}

# A UTF-8 locale for the program if there is one (TUI_LOCALE overrides; set
# it to C for a plain ASCII terminal).
tui_pick_locale()
{
	local l
	if [ -n "${TUI_LOCALE:-}" ]; then
		echo "$TUI_LOCALE"
		return
	fi
	if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
		echo C.UTF-8
	elif locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$'; then
		echo en_US.UTF-8
	else
		echo C
	fi
}

# tui_start WIDTH HEIGHT [VAR=VALUE...] COMMAND [ARG...]
# Start the private tmux server with one detached WIDTHxHEIGHT pane running
# COMMAND (with the given environment variables), and wait until the
# program has drawn something. NO_COLOR is removed from the environment
# unless given here.
tui_start()
{
	local w=$1 h=$2 cmd="" a term loc envs=()
	shift 2
	make_tmpdir
	tui_sock=$tmp/tmux.sock
	tui_tag=$$.$RANDOM.$RANDOM
	while [[ ${1:-} == [A-Za-z_]*=* ]]; do
		envs+=("$1")
		shift
	done
	[ $# -gt 0 ] || fail "tui_start: no command"
	term=$(tui_pick_term)
	loc=$(tui_pick_locale)
	for a in env -u NO_COLOR -u LC_ALL -u TMUX LANG="$loc" \
		 SOCKSTAGE_TUI_TAG="$tui_tag" "${envs[@]}" "$@"; do
		printf -v a '%q' "$a"
		cmd+=" $a"
	done
	tui_status_file=$tmp/tui.status
	rm -f -- "$tui_status_file"
	# sh runs the program and writes down its exit status (tmux 3.3's
	# #{pane_dead_status} is sometimes empty), 128+N for a signal N
	printf -v a '%q' "$tui_status_file"
	cmd+="; echo \$? > $a"
	note "tmux ${w}x$h TERM=$term:$cmd"
	if [ -z "${tui_cleanup_set:-}" ]; then
		at_exit tui_cleanup
		tui_cleanup_set=1
	fi
	TMUX= tui_tmux -f /dev/null \
		set-option -g remain-on-exit on \; \
		set-option -g default-terminal "$term" \; \
		set-option -g history-limit 0 \; \
		set-option -g status off \; \
		set-option -g default-shell /bin/sh \; \
		new-session -d -s tui -c "$tmp" -x "$w" -y "$h" "$cmd" ||
		fail "cannot start tmux"
	tui_server_pid=$(tui_tmux display-message -p '#{pid}') ||
		fail "tmux started but does not answer"
	tui_shell_pid=$(tui_tmux display-message -p -t "$tui_target" '#{pane_pid}')
	tui_pid=
	tui_wait_cond "$(tui_scale 5)" tui_find_pid ||
		fail "the program did not start (or exited at once: status $(cat "$tui_status_file" 2>/dev/null))"
	note "tmux server pid $tui_server_pid, program pid $tui_pid"
	tui_wait_cond "$(tui_scale "${TUI_WAIT:-5}")" tui_drawn ||
		tui_fail_screen "the program drew nothing"
}

# the program: the process of the run whose parent is the pane's shell
tui_find_pid()
{
	local p
	for p in $(tui_procs); do
		if [ "$(awk '/^PPid:/ { print $2 }' "/proc/$p/status" 2>/dev/null)" = \
		     "$tui_shell_pid" ]; then
			tui_pid=$p
			return 0
		fi
	done
	return 1
}

tui_drawn()
{
	tui_capture
	[ "$tui_dead" = 1 ] && return 0
	grep -q '[^[:space:]]' <<< "$tui_screen_text"
}

# tui_capture [-e]: capture the pane into $tui_screen_text (with -e: with
# the escape sequences of colors and attributes), and whether the program
# has exited into $tui_dead / $tui_dead_status. One tmux call.
tui_capture()
{
	local out
	out=$(tui_tmux capture-pane -p ${1:+"$1"} -t "$tui_target" \; \
		display-message -p -t "$tui_target" '@@tui@@ #{pane_dead}' 2>&1) || {
		tui_screen_text=$out
		tui_dead=1
		tui_dead_status="(tmux gone)"
		return 1
	}
	tui_screen_text=${out%@@tui@@ *}
	tui_screen_text=${tui_screen_text%$'\n'}
	tui_dead=${out##*@@tui@@ }
	tui_dead_status=
	if [ "$tui_dead" = 1 ]; then
		read -r tui_dead_status < "$tui_status_file" 2>/dev/null
		# the pane may close a moment before the status is written
		[ -n "$tui_dead_status" ] || tui_dead=0
	fi
}

# tui_screen [-e]: print the screen.
tui_screen()
{
	tui_capture "$@"
	printf '%s\n' "$tui_screen_text"
}

# Print the last screen into the log, framed so that its edges show.
tui_show()
{
	local size
	size=$(tui_tmux display-message -p -t "$tui_target" \
		'#{pane_width}x#{pane_height}' 2>/dev/null)
	note "${1:-screen} (${size:-?}${2:+, $2}):"
	printf '%s\n' "$tui_screen_text" | sed 's/^/#   |/; s/$/|/'
	if [ "$tui_dead" = 1 ]; then
		note "the program has exited (status ${tui_dead_status:-?})"
	fi
}

# Fail with the screen in the log.
tui_fail_screen()
{
	tui_show "last screen"
	fail "$*"
}

# tui_wait_cond SECONDS COMMAND...: wait_for, polling every 20 ms.
tui_wait_cond()
{
	lib_poll 0.02 "$@"
}

tui_matches()
{
	tui_capture || return 1
	grep -Eq -- "$1" <<< "$tui_screen_text"
}

tui_not_matches()
{
	tui_capture || return 1
	! grep -Eq -- "$1" <<< "$tui_screen_text"
}

# tui_wait_for REGEX [SECONDS]: until a line of the screen matches REGEX
# (extended). Fails, printing the screen, when the time is up or the
# program has exited.
tui_wait_for()
{
	local re=$1 secs
	secs=$(tui_scale "${2:-${TUI_WAIT:-5}}")
	# a program that has exited stops the wait: that is a failure
	tui_wait_cond "$secs" tui_live_matches "$re" && [ -z "$tui_why" ] &&
		return 0
	tui_fail_screen "waited ${secs}s for /$re/${tui_why:+ ($tui_why)}"
}

tui_live_matches()
{
	tui_why=
	if tui_matches "$1"; then
		return 0
	fi
	if [ "$tui_dead" = 1 ]; then
		tui_why="the program exited with status $tui_dead_status"
		return 0	# stop waiting; the caller sees the mismatch
	fi
	return 1
}

# tui_wait_text TEXT [SECONDS]: tui_wait_for a fixed string.
tui_wait_text()
{
	tui_wait_for "$(tui_quote_re "$1")" "${2:-}"
}

# tui_wait_gone REGEX [SECONDS]: until no line matches REGEX.
tui_wait_gone()
{
	local re=$1 secs
	secs=$(tui_scale "${2:-${TUI_WAIT:-5}}")
	if tui_wait_cond "$secs" tui_not_matches "$re" && [ "$tui_dead" != 1 ]; then
		return 0
	fi
	[ "$tui_dead" = 1 ] && tui_why="the program exited with status $tui_dead_status"
	tui_fail_screen "waited ${secs}s for /$re/ to go${tui_why:+ ($tui_why)}"
}

# tui_wait_change [SECONDS]: until the screen differs from the last capture.
tui_wait_change()
{
	local before=$tui_screen_text secs
	secs=$(tui_scale "${1:-${TUI_WAIT:-5}}")
	tui_wait_cond "$secs" tui_differs "$before" && return 0
	tui_fail_screen "the screen did not change within ${secs}s"
}

tui_differs()
{
	tui_capture || return 0
	[ "$tui_screen_text" != "$1" ] || [ "$tui_dead" = 1 ]
}

# tui_line REGEX: print the first line of the last capture matching REGEX
# (return 1 if none).
tui_line()
{
	grep -Em1 -- "$1" <<< "$tui_screen_text"
}

# tui_log [SCREEN]: the log's lines on SCREEN (default: the last capture),
# each whole again: the rows between the "Log" title and the key bar (the
# screen's last row), a row indented by four blanks or more continuing the
# line above it (the log wraps a long line onto indented rows, dropping
# the blank it wraps at).
tui_log()
{
	sed '$d' <<< "${1-$tui_screen_text}" |
	awk '/─ Log |- Log / { inlog = 1; n = 0; next }
	     !inlog { next }
	     /^    / && n { sub(/^ +/, ""); line[n] = line[n] " " $0; next }
	     { line[++n] = $0 }
	     END { for (i = 1; i <= n; i++) print line[i] }'
}

tui_log_matches()
{
	tui_capture || return 1
	tui_log | grep -Eq -- "$1"
}

tui_live_log_matches()
{
	tui_why=
	tui_log_matches "$1" && return 0
	if [ "$tui_dead" = 1 ]; then
		tui_why="the program exited with status $tui_dead_status"
		return 0
	fi
	return 1
}

# tui_wait_log REGEX [SECONDS]: until a line of the log (tui_log: a
# wrapped one whole) matches REGEX (extended); fails like tui_wait_for.
tui_wait_log()
{
	local re=$1 secs
	secs=$(tui_scale "${2:-${TUI_WAIT:-5}}")
	tui_wait_cond "$secs" tui_live_log_matches "$re" && [ -z "$tui_why" ] &&
		return 0
	tui_fail_screen "waited ${secs}s for a log line /$re/${tui_why:+ ($tui_why)}"
}

# tui_keys KEY...: send named keys (tmux names: Enter Escape Up Down Tab
# BTab F1 C-l M-x ...; a single character is sent as that character).
tui_keys()
{
	local k
	for k in "$@"; do
		tui_tmux send-keys -t "$tui_target" -- "$k" ||
			fail "tmux send-keys '$k' failed"
	done
}

# tui_text TEXT: send TEXT literally (no key-name lookup).
tui_text()
{
	tui_tmux send-keys -t "$tui_target" -l -- "$1" ||
		fail "tmux send-keys -l '$1' failed"
}

# tui_type_cmd ":COMMAND": open the command line with ':', type COMMAND,
# wait until the prompt shows it (its tail, when it is long), press Enter.
tui_type_cmd()
{
	local line=${1#:} tail re
	tui_capture
	tui_text ":"
	tui_wait_change
	tui_text "$line"
	tail=${line: -20}
	re=$(tui_quote_re "$tail")
	tui_wait_cond "$(tui_scale "${TUI_WAIT:-5}")" tui_matches "$re" ||
		tui_fail_screen "the command line does not show '$tail' after typing ':$line'"
	tui_keys Enter
}

# A fixed string as an extended regular expression.
tui_quote_re()
{
	sed 's/[][\.*^$?+(){}|/]/\\&/g' <<< "$1"
}

# tui_resize WIDTH HEIGHT: resize the window (the program gets SIGWINCH).
tui_resize()
{
	local size
	tui_tmux resize-window -t tui -x "$1" -y "$2" ||
		fail "tmux resize-window -x $1 -y $2 failed"
	size=$(tui_tmux display-message -p -t "$tui_target" '#{pane_width}x#{pane_height}')
	[ "$size" = "$1x$2" ] || fail "resized to $1x$2, but the pane is $size"
}

# tui_procs: the pids of the program and of every process forked from it
# (workers), one per line; zombies excluded (they have no environment).
tui_procs()
{
	[ -n "$tui_tag" ] || return 0
	grep -lsxzF -- "SOCKSTAGE_TUI_TAG=$tui_tag" /proc/[0-9]*/environ 2>/dev/null |
		sed 's|^/proc/||; s|/environ$||'
}

tui_no_procs()
{
	[ -z "$(tui_procs)" ]
}

# tui_wait_exit [STATUS [SECONDS]]: the program exits (with STATUS, default
# 0), the terminal is left as it was found (normal screen, keypad off), and
# within SECONDS (default 5) no process of the run (workers included) is
# left.
tui_wait_exit()
{
	local want=${1:-0} secs flags
	secs=$(tui_scale "${2:-${TUI_WAIT:-5}}")
	tui_wait_cond "$secs" tui_exited ||
		tui_fail_screen "the program did not exit within ${secs}s"
	# what it wrote to stderr shows after curses ends: no sanitizer report
	! grep -qE 'Sanitizer|runtime error:' <<< "$tui_screen_text" ||
		tui_fail_screen "a sanitizer report after the program ended"
	[ "$tui_dead_status" = "$want" ] ||
		tui_fail_screen "the program exited with status $tui_dead_status, expected $want"
	flags=$(tui_tmux display-message -p -t "$tui_target" \
		'#{alternate_on} #{keypad_cursor_flag} #{keypad_flag}')
	[ "${flags%% *}" = 0 ] ||
		tui_fail_screen "the terminal is still in the alternate screen after exit"
	[ "$flags" = "0 0 0" ] ||
		tui_fail_screen "the terminal's keypad mode is still on after exit (alternate, keypad cursor, keypad: $flags)"
	tui_wait_cond "$secs" tui_no_procs ||
		fail "processes of the run still alive ${secs}s after the program exited: $(tui_ps)"
}

tui_exited()
{
	tui_capture
	[ "$tui_dead" = 1 ]
}

# ps lines of the run's processes, for messages.
tui_ps()
{
	local p out=""
	for p in $(tui_procs); do
		out+="[$p $(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null)]"
	done
	echo "${out:-none}"
}

# tui_stop: end the tmux server (the program gets SIGHUP) and make sure no
# process of the run is left (SIGKILL after a bound).
tui_stop()
{
	local p left
	[ -n "$tui_sock" ] || return 0
	tui_tmux kill-server >/dev/null 2>&1
	if [ -n "${tui_server_pid:-}" ]; then
		tui_wait_cond 3 tui_pid_gone "$tui_server_pid" ||
			kill -KILL "$tui_server_pid" 2>/dev/null
	fi
	if ! tui_wait_cond "$(tui_scale 3)" tui_no_procs; then
		left=$(tui_ps)
		# a few rounds: a process may fork while the others die
		for _ in 1 2 3 4 5; do
			for p in $(tui_procs); do
				kill -KILL "$p" 2>/dev/null
			done
			tui_wait_cond 1 tui_no_procs && break
		done
		note "killed what was left of the run: $left"
	fi
	rm -f -- "$tui_sock"
	tui_sock=
	tui_server_pid=
}

tui_pid_gone()
{
	! kill -0 "$1" 2>/dev/null
}

tui_cleanup()
{
	tui_stop
}

# tui_play_step K N [SECONDS]: play step K of a lesson of N steps with
# Space, part by part (a step whose narration goes on after its first
# calls holds before each new part: "step K/N, part I/M Space: go on"),
# until the whole step has run. Each press waits until the program has
# taken it (the step, or the part, on screen changed), each part for
# SECONDS at most (default 40: a part may wait for the kernel).
tui_play_step()
{
	local k=$1 n=$2 secs=${3:-40} part=1 more=' \[[^]]*\]'
	local title="^─ step $k/$n"
	tui_keys Space
	tui_wait_for "$title(, part 1/[0-9]+)?( Space: go on)?($more)? \\| " "$secs"
	while tui_matches "$title, part $part/[0-9]+ Space: go on"; do
		part=$((part + 1))
		tui_keys Space
		tui_wait_for "$title, part $part/[0-9]+( Space: go on)?($more)? \\| " \
			"$secs"
	done
}
