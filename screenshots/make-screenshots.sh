#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make-screenshots.sh - regenerate the README's screenshots of the TUI.
#
#	screenshots/make-screenshots.sh SOCKSTAGE OUTDIR [LESSONDIR]
#
# (`make screenshots` runs it with the freshly built ./sockstage, the
# source tree's screenshots/ directory and its lessons.)
#
# Every scene runs the program in a private tmux server (its own socket, no
# config file) at 100x30 (the themes' scenes at 80x24 and 100x30 too),
# TERM=tmux-256color, LANG=C.UTF-8, NO_COLOR unset,
# all inside a private network namespace (unshare -n as root, unshare -rn
# otherwise). The pane is captured with its colors (capture-pane -e),
# turned into HTML by aha, set in DejaVu Sans Mono on black, and
# photographed by headless chromium at a fixed window size that holds the
# whole grid. The light theme is photographed on a white terminal, the
# others on a black one. Every wait polls the screen for the expected text,
# with a bound; on exit, whatever happens, the tmux server, the program,
# its workers and chromium are killed and the scratch directory removed.
#
# Needs: tmux, aha, chromium (or chromium-browser), a DejaVu Sans Mono font
# (Debian: apt-get install aha chromium fonts-dejavu-core), unshare(1) and
# ip(8). Timers (the TIME-WAIT countdown) and ephemeral ports differ from
# run to run; everything else is the same.

set -u

me=${0##*/}
COLS=100
ROWS=30
TERM_NAME=tmux-256color
FONT_PX=16		# DejaVu Sans Mono: 0.602 em per cell -> 9.63 px
LINE_PX=19		# the box-drawing glyphs span ~1.17 em: no gaps
PAD_PX=10
WAIT_SECS=${SHOTS_WAIT:-10}

die() { printf '%s: %s\n' "$me" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$me" "$*"; }

# ---- the tools, before anything is touched ----------------------------------
missing=() pkgs="aha chromium fonts-dejavu-core"
if ! command -v tmux >/dev/null; then
	missing+=("tmux (Debian package tmux)")
	pkgs+=" tmux"
fi
command -v aha >/dev/null || missing+=("aha (Debian package aha)")
CHROMIUM=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null; then
		CHROMIUM=$(command -v "$c")
		break
	fi
done
[ -n "$CHROMIUM" ] || missing+=("chromium or chromium-browser (Debian package chromium)")
if ! command -v fc-list >/dev/null ||
   ! fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono'; then
	missing+=("the font DejaVu Sans Mono (Debian package fonts-dejavu-core)")
fi
if ! command -v unshare >/dev/null; then
	missing+=("unshare (Debian package util-linux)")
	pkgs+=" util-linux"
fi
if ! command -v ip >/dev/null; then
	missing+=("ip (Debian package iproute2)")
	pkgs+=" iproute2"
fi
if ! infocmp tmux-256color >/dev/null 2>&1; then
	missing+=("the terminfo entry tmux-256color (Debian package ncurses-term)")
	pkgs+=" ncurses-term"
fi
if [ ${#missing[@]} -gt 0 ]; then
	printf '%s: missing: %s\n' "$me" "${missing[@]}" >&2
	printf '%s: install them first (as root): apt-get install %s\n' "$me" "$pkgs" >&2
	exit 1
fi

[ $# -ge 2 ] || die "usage: $me SOCKSTAGE OUTDIR [LESSONDIR]"
SOCKSTAGE=$1
OUTDIR=$2
LESSONDIR=${3:-}
[ -x "$SOCKSTAGE" ] || die "$SOCKSTAGE: not an executable (run make first)"
case $SOCKSTAGE in /*) ;; *) SOCKSTAGE=$PWD/$SOCKSTAGE ;; esac
[ -d "$OUTDIR" ] || die "$OUTDIR: no such directory"
case $OUTDIR in /*) ;; *) OUTDIR=$PWD/$OUTDIR ;; esac
if [ -n "$LESSONDIR" ]; then
	case $LESSONDIR in /*) ;; *) LESSONDIR=$PWD/$LESSONDIR ;; esac
fi

# ---- into a private network namespace ---------------------------------------
if [ -z "${SHOTS_IN_NETNS:-}" ]; then
	if [ "$(id -u)" = 0 ]; then how=-n; else how=-rn; fi
	export SHOTS_IN_NETNS=1
	exec unshare "$how" -- "$BASH" "$0" "$SOCKSTAGE" "$OUTDIR" "$LESSONDIR"
fi
ip link set lo up 2>/dev/null || die "cannot bring lo up in the private namespace"

# ---- cleanup, whatever happens ----------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sockstage-shots.XXXXXX") || die "mktemp failed"
sock=$tmp/tmux.sock
tag=shots.$$.$RANDOM
chrome_pid=

tagged_procs()
{
	grep -lsxzF -- "SOCKSTAGE_SHOTS_TAG=$tag" /proc/[0-9]*/environ 2>/dev/null |
		sed 's|^/proc/||; s|/environ$||'
}

stop_scene()
{
	local p i sig=TERM
	tmux -S "$sock" kill-server 2>/dev/null
	for i in 1 2 3 4 5 6 7 8 9 10; do
		p=$(tagged_procs)
		[ -z "$p" ] && return 0
		((i > 5)) && sig=KILL
		# shellcheck disable=SC2086 # one pid per word
		kill -s "$sig" $p 2>/dev/null
		sleep 0.1
	done
}

cleanup()
{
	local rc=$?
	trap - EXIT INT TERM HUP
	# timeout passes TERM on to chromium; stop_scene ends what is left
	[ -n "$chrome_pid" ] && kill "$chrome_pid" 2>/dev/null
	stop_scene
	rm -rf -- "$tmp" 2>/dev/null || { sleep 0.5; rm -rf -- "$tmp"; }
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

now_ms() { local s=$EPOCHREALTIME; s=${s/./}; echo $((s / 1000)); }

# poll SECONDS COMMAND...: until COMMAND succeeds, every 50 ms.
poll()
{
	local secs=$1 end
	shift
	end=$(( $(now_ms) + secs * 1000 ))
	while :; do
		"$@" && return 0
		(( $(now_ms) >= end )) && return 1
		sleep 0.05
	done
}

screen=
capture() { screen=$(tmux -S "$sock" capture-pane -p -t shots:0.0 2>/dev/null); }
shows() { capture && grep -Eq -- "$1" <<< "$screen"; }
differs() { capture && [ "$screen" != "$1" ]; }

# wait_for REGEX: until a line of the screen matches (extended regex).
wait_for()
{
	poll "$WAIT_SECS" shows "$1" && return 0
	printf '%s\n' "$screen" | sed 's/^/  |/' >&2
	die "waited ${WAIT_SECS}s for /$1/ (the last screen is above)"
}

qre() { sed 's/[][\.*^$?+(){}|/]/\\&/g' <<< "$1"; }

keys() { tmux -S "$sock" send-keys -t shots:0.0 -- "$@" || die "send-keys $* failed"; }
text() { tmux -S "$sock" send-keys -t shots:0.0 -l -- "$1" || die "send-keys -l failed"; }

# cmd COMMAND: type it on the ':' command line and press Enter.
cmd()
{
	local before
	capture
	before=$screen
	text ":"
	poll "$WAIT_SECS" differs "$before" || die "':' opened no command line"
	text "$1"
	wait_for "$(qre "${1: -20}")"
	keys Enter
}

# play_to STEP: play a lesson with Space up to the end of step STEP, every
# part of each step (a step may hold before a part: "Space: go on").
play_to()
{
	local k part
	for k in $(seq 1 "$1"); do
		part=1
		keys Space
		wait_for "^─ step $k/[0-9]+(, part 1/[0-9]+)?( Space: go on)?( \\[[^]]*\\])? \\| "
		while shows "^─ step $k/[0-9]+, part $part/[0-9]+ Space: go on"; do
			part=$((part + 1))
			keys Space
			wait_for "^─ step $k/[0-9]+, part $part/[0-9]+( Space: go on)?( \\[[^]]*\\])? \\| "
		done
	done
}

# start_scene COMMAND...: a fresh private tmux server running COMMAND.
start_scene()
{
	local c=""
	local a
	for a in env -u NO_COLOR -u LC_ALL -u LC_CTYPE -u TMUX -u COLUMNS -u LINES \
		 LANG=C.UTF-8 SOCKSTAGE_SHOTS_TAG="$tag" \
		 ${LESSONDIR:+SOCKSTAGE_LESSONS="$LESSONDIR"} "$@"; do
		printf -v a '%q' "$a"
		c+=" $a"
	done
	TMUX='' tmux -S "$sock" -f /dev/null \
		set-option -g default-terminal "$TERM_NAME" \; \
		set-option -g history-limit 0 \; \
		set-option -g status off \; \
		set-option -g default-shell /bin/sh \; \
		new-session -d -s shots -x "$COLS" -y "$ROWS" "$c" ||
		die "cannot start tmux"
	wait_for '[^[:space:]]'
}

# settle: until two colored captures CHANGED_MS apart (ui/draw.c: 1200 ms,
# how long a row that changed state stays highlighted) have the same shape
# (digits aside: the timers tick), so that neither a half-drawn screen nor
# a passing highlight is photographed. Leaves the capture in $screen_e.
screen_e=
capture_e()
{
	# -N: keep trailing spaces (the header and key bars span the width)
	screen_e=$(tmux -S "$sock" capture-pane -e -N -p -t shots:0.0 2>/dev/null)
}
same_shape()
{
	local a
	capture_e || return 1
	a=${screen_e//[0-9]/}
	sleep 1.3
	capture_e || return 1
	[ "$a" = "${screen_e//[0-9]/}" ]
}
settle() { poll "$WAIT_SECS" same_shape || say "warning: the screen kept changing"; }

# sgr.awk: rewrite every SGR sequence as the full state with reverse video
# resolved into explicit colors (default colors: white on black, or with
# -v light=1 black on white).
cat > "$tmp/sgr.awk" <<'AWK' || die "cannot write $tmp/sgr.awk"
# sgr.awk - resolve reverse video (SGR 7) into explicit colors, so that
# aha, which gets reverse wrong, never sees it. Every SGR sequence becomes
# the full state: ESC[0;attrs;fg;bgm.
BEGIN { E = sprintf("%c", 27); reset() }
function reset() { bold = dim = ital = und = rev = 0; fg = ""; bg = "" }
function defbg() { return light ? "47" : "40" }
function deffg() { return light ? "30" : "37" }
function tobg(c) {
	if (c ~ /^3[0-7]$/) return "4" substr(c, 2)
	if (c ~ /^9[0-7]$/) return "10" substr(c, 2)
	if (c ~ /^38;/) return "48" substr(c, 3)
	return c
}
function tofg(c) {
	if (c ~ /^4[0-7]$/) return "3" substr(c, 2)
	if (c ~ /^10[0-7]$/) return "9" substr(c, 3)
	if (c ~ /^48;/) return "38" substr(c, 3)
	return c
}
function apply(params,    n, p, i) {
	if (params == "") params = "0"
	n = split(params, p, ";")
	for (i = 1; i <= n; i++) {
		if (p[i] == "" || p[i] == 0) reset()
		else if (p[i] == 1) bold = 1
		else if (p[i] == 2) dim = 1
		else if (p[i] == 3) ital = 1
		else if (p[i] == 4) und = 1
		else if (p[i] == 7) rev = 1
		else if (p[i] == 22) bold = dim = 0
		else if (p[i] == 23) ital = 0
		else if (p[i] == 24) und = 0
		else if (p[i] == 27) rev = 0
		else if (p[i] == 39) fg = ""
		else if (p[i] == 49) bg = ""
		else if (p[i] ~ /^(3[0-7]|9[0-7])$/) fg = p[i]
		else if (p[i] ~ /^(4[0-7]|10[0-7])$/) bg = p[i]
		else if ((p[i] == 38 || p[i] == 48) && p[i+1] == 5) {
			if (p[i] == 38) fg = "38;5;" p[i+2]; else bg = "48;5;" p[i+2]
			i += 2
		} else if ((p[i] == 38 || p[i] == 48) && p[i+1] == 2) {
			if (p[i] == 38) fg = "38;2;" p[i+2] ";" p[i+3] ";" p[i+4]
			else bg = "48;2;" p[i+2] ";" p[i+3] ";" p[i+4]
			i += 4
		}
	}
}
function state(    s, f, b) {
	s = E "[0"
	if (bold) s = s ";1"
	if (dim) s = s ";2"
	if (und) s = s ";4"
	f = fg; b = bg
	if (rev) {
		f = b == "" ? tofg(defbg()) : tofg(b)
		b = fg == "" ? tobg(deffg()) : tobg(fg)
	}
	if (f != "") s = s ";" f
	if (b != "") s = s ";" b
	return s "m"
}
{
	line = $0; out = ""
	while (match(line, E "\\[[0-9;]*m")) {
		out = out substr(line, 1, RSTART - 1)
		apply(substr(line, RSTART + 2, RLENGTH - 3))
		out = out state()
		line = substr(line, RSTART + RLENGTH)
	}
	print out line
}
AWK

# shot NAME: photograph the pane (COLS x ROWS; on white with LIGHT=1) into
# OUTDIR/NAME.png. The window: the grid plus the padding; one cell of
# DejaVu Sans Mono is 1233/2048 em wide.
LIGHT=0
shot()
{
	local name=$1 html=$tmp/$1.html png=$tmp/$1.png bg=#000 fg=#e5e5e5 black=--black
	local win_w=$(( (COLS * FONT_PX * 1233 + 2047) / 2048 + 2 * PAD_PX ))
	local win_h=$(( ROWS * LINE_PX + 2 * PAD_PX ))
	[ "$LIGHT" = 1 ] && { bg=#fff; fg=#000; black=; }
	settle
	[ -n "$screen_e" ] || die "capture-pane failed"
	# aha gets reverse video (SGR 7) wrong: resolve it into colors first
	printf '%s\n' "$screen_e" | awk -v light="$LIGHT" -f "$tmp/sgr.awk" \
		> "$tmp/$name.ansi" || die "awk failed"
	# every row, also the blank ones at the bottom
	while [ "$(wc -l < "$tmp/$name.ansi")" -lt "$ROWS" ]; do
		echo >> "$tmp/$name.ansi"
	done
	{
		cat <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>sockstage: $name</title>
<style>
html, body { margin: 0; padding: 0; background: $bg; color: $fg; overflow: hidden; }
pre { margin: 0; padding: ${PAD_PX}px; font-family: 'DejaVu Sans Mono', monospace;
      font-size: ${FONT_PX}px; line-height: ${LINE_PX}px; white-space: pre;
      font-variant-ligatures: none; }
</style></head><body><pre>
EOF
		# aha --black shows black text as dimgray, unreadable on the
		# light background of a reversed bar: black there
		# aha draws white (37, 97) gray without --black: white on
		# the light terminal
		aha $black --no-header < "$tmp/$name.ansi" |
			sed 's/\([";]\)color:dimgray;background-color:/\1color:black;background-color:/g' |
			if [ "$LIGHT" = 1 ]; then
				sed 's/\([";]\)color:gray;/\1color:white;/g'
			else
				cat
			fi
		echo '</pre></body></html>'
	} > "$html" || die "aha failed"
	rm -f -- "$png"
	# tagged: stop_scene finds chromium's own children too
	SOCKSTAGE_SHOTS_TAG=$tag timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/chromium" --hide-scrollbars \
		--force-device-scale-factor=1 --no-first-run \
		--window-size="$win_w,$win_h" --screenshot="$png" \
		"file://$html" > "$tmp/chromium.log" 2>&1 &
	chrome_pid=$!
	wait "$chrome_pid"
	chrome_pid=
	[ -s "$png" ] || { cat "$tmp/chromium.log" >&2; die "chromium made no $png"; }
	mv -f -- "$png" "$OUTDIR/$name.png" || die "cannot write $OUTDIR/$name.png"
	# SHOTS_KEEP=DIR: keep the captures and the pages (for debugging)
	[ -n "${SHOTS_KEEP:-}" ] && cp -- "$tmp/$name.ansi" "$html" "$SHOTS_KEEP/"
	say "$OUTDIR/$name.png ($win_w x $win_h pixels)"
}

# ---- 1. a lesson, at the failed restart with TIME-WAIT on screen --------------
start_scene "$SOCKSTAGE" --lesson 02-timewait-restart
wait_for '^ sockstage \| step 0/'
play_to 3
wait_for '^!.*TIME-WAIT'
shot lesson-timewait
stop_scene

# ---- 2. a failed bind, then its full explanation -----------------------------
start_scene "$SOCKSTAGE" --sandbox
wait_for 'ports in play'
cmd "socket tcp as web"
wait_for 's1 +web'
cmd "bind web 127.0.0.1:3459"
cmd "listen web"
wait_for 'LISTEN +.*127\.0\.0\.1:3459'
cmd "socket tcp as other"
wait_for 's2 +other'
cmd "bind other 0.0.0.0:3459"
wait_for 'bind\(s2, 0\.0\.0\.0:3459\) = -1 EADDRINUSE'
wait_for '^!.*LISTEN'
shot explain
keys y
wait_for '^ why: bind'
shot explain-full
keys Escape
wait_gone() { ! shows "$1"; }
poll "$WAIT_SECS" wait_gone '^ why: bind' || die "the explanation did not close"

# ---- 3. the all-sockets view: a listener, an established pair, a TIME-WAIT ---
cmd "socket tcp as cli"
cmd "connect cli 127.0.0.1:3459"
wait_for 'connect\(s3, 127\.0\.0\.1:3459\) = 0'
cmd "accept web as conn"
wait_for 'accept\(s1.*= s4'
cmd "close conn"
cmd "close cli"
wait_for 'TIME-WAIT'
cmd "socket tcp as cli2"
cmd "connect cli2 127.0.0.1:3459"
wait_for 'connect\(s5, 127\.0\.0\.1:3459\) = 0'
cmd "accept web as conn2"
wait_for 'accept\(s1.*= s6'
keys A
wait_for '^ sockstage .*\| all sockets'
shot all-sockets

# ---- 4. help -------------------------------------------------------------------
keys A
wait_for 'ports in play: '
keys '?'
wait_for '[Hh]elp'
shot help
keys Escape q
poll "$WAIT_SECS" wait_gone '.' 2>/dev/null
stop_scene

# ---- 5. each theme, at 80x24 and 100x30: lesson 04 at its end (LISTEN,
# ESTAB, BOUND and TIME-WAIT rows, six processes) --------------------------
for theme in dark light projector; do
	for size in 80x24 100x30; do
		COLS=${size%x*} ROWS=${size#*x} LIGHT=0
		[ "$theme" = light ] && LIGHT=1
		start_scene "$SOCKSTAGE" --lesson 04-forked-child --theme "$theme"
		wait_for '^ sockstage \| step 0/'
		play_to 8
		wait_for 'TIME-WAIT'
		shot "theme-$theme-$size"
		stop_scene
	done
done
say "done"
