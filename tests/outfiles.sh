#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# outfiles.sh - the files sockstage writes (--export-c, --record) never
# harm another file, in a private network namespace. For each of
# --export-c and --record:
#
#   - a symbolic link to a victim file: exit 2, a message naming the
#     link, the victim unchanged (and, for --export-c, the script not run);
#   - a dangling symbolic link: exit 2, nothing created where it points;
#   - an existing file: exit 2, "exists; not replacing it (use --force
#     ...)", the file unchanged; with --force it is replaced whole, and no
#     temporary file is left beside it;
#   - the script (or lesson) itself, and a hard link to it: exit 2, even
#     with --force, the script unchanged;
#   - --force on a symbolic link: still refused;
#   - as root: --force on another user's file: refused.
#
# --record's refusals come before it looks for a terminal; a recording
# that replaces a file needs one: script(1) gives it a pseudo-terminal
# (that part is skipped, with a note, without script). script's input is
# a pipe that stays open and silent: at the end of its input script sends
# the terminal's EOF character, which the TUI would read as a key.

. "$(dirname -- "$0")/lib.sh" || exit 99
in_private_netns "$@"
require_sockstage
make_tmpdir
cd "$tmp" || fail "cd $tmp"

T=${SOCKSTAGE_TEST_TIMEOUT:-60}

cat > script.stage <<'EOF'
title Outfiles
socket tcp as srv
bind srv 127.0.0.1:3472 => ok
pause
listen srv => ok
EOF
cp script.stage script.stage.orig
printf 'precious\n' > victim
cp victim victim.orig

unchanged()	# FILE: still as it was (FILE.orig)
{
	cmp -s "$1" "$1.orig" || fail "$what: '$1' was changed"
}

# try OPTION TARGET [EXTRA...]: OPTION TARGET, refused or not, on
# script.stage (--export-c) or on the lesson script.stage (--record).
try()
{
	local opt=$1 target=$2
	shift 2
	if [ "$opt" = --export-c ]; then
		run_cmd "$SOCKSTAGE" --run script.stage --export-c "$target" "$@"
	else
		run_cmd "$SOCKSTAGE" --lesson script.stage --no-sandbox \
			--record "$target" "$@"
	fi
	expect_no_crash "$what"
}

# refused MESSAGE: exit 2, "sockstage: OPT: MESSAGE" on stderr, no
# transcript.
refused()
{
	expect_rc 2 "$what"
	grep -qxF -- "sockstage: $opt: $1" <<< "$run_err" ||
		fail "$what: stderr lacks 'sockstage: $opt: $1'"
	[ -z "$run_out" ] || fail "$what: the script ran"
	unchanged script.stage
	unchanged victim
}

for opt in --export-c --record; do
	note "---- $opt"
	rm -f link dangling existing hard.stage new.out .existing.*

	what="$opt onto a symbolic link to a victim"
	ln -s victim link
	try "$opt" link
	refused "'link' is a symbolic link; not writing through it (name the file itself, or a new one)"
	what="$opt --force onto a symbolic link"
	try "$opt" link --force
	refused "'link' is a symbolic link; not writing through it (name the file itself, or a new one)"

	what="$opt onto a dangling symbolic link"
	ln -s nowhere dangling
	try "$opt" dangling
	refused "'dangling' is a symbolic link; not writing through it (name the file itself, or a new one)"
	[ ! -e nowhere ] || fail "$what: created the link's target"

	what="$opt onto an existing file"
	printf 'mine\n' > existing
	cp existing existing.orig
	try "$opt" existing
	refused "'existing' exists; not replacing it (use --force to replace a regular file you own)"
	unchanged existing

	what="$opt onto the script itself"
	try "$opt" script.stage --force
	refused "'script.stage' is the file being run; not writing over it"

	what="$opt onto a hard link to the script"
	ln script.stage hard.stage
	try "$opt" hard.stage --force
	refused "'hard.stage' is another name for 'script.stage', the file being run; not writing over it"

	if [ "$(id -u)" = 0 ]; then
		what="$opt --force onto another user's file"
		printf 'theirs\n' > theirs
		cp theirs theirs.orig
		chown 65534 theirs
		try "$opt" theirs --force
		refused "'theirs' belongs to another user (uid 65534); not replacing it, even with --force"
		unchanged theirs
		rm -f theirs theirs.orig
	fi
done

# ---- what is allowed ----------------------------------------------------------------

what="--export-c to a new file"
rm -f new.c
run_cmd "$SOCKSTAGE" --run script.stage --export-c new.c
expect_rc 0 "$what"
grep -q '^int main' new.c || fail "$what: no program in new.c"
[ "$(stat -c %a new.c)" = "$(printf '%o' $(( 0666 & ~$(umask) )))" ] ||
	fail "$what: mode $(stat -c %a new.c), umask $(umask)"

what="--export-c --force over an existing file of one's own"
printf 'mine\n' > existing
chmod 600 existing
run_cmd "$SOCKSTAGE" --run script.stage --export-c existing --force
expect_rc 0 "$what"
grep -q '^int main' existing || fail "$what: existing was not replaced"
[ "$(stat -c %a existing)" = 600 ] ||
	fail "$what: the mode changed to $(stat -c %a existing)"
[ -z "$(ls -A | grep '^\.existing\.')" ] || fail "$what: a temporary file was left"
unchanged script.stage

what="--force without a file to write"
run_cmd "$SOCKSTAGE" --dump --force
expect_rc 2 "$what"
expect_err_has "--force goes with --export-c, --pcap, --record or the TUI (W)"

# --record over a file of one's own: with a terminal
if ! command -v script >/dev/null; then
	note "no script(1) (Debian package bsdutils): --record --force not run"
	exit 0
fi
term=
for t in xterm screen vt100; do
	infocmp "$t" >/dev/null 2>&1 && { term=$t; break; }
done
[ -n "$term" ] || { note "no terminfo entry for xterm, screen or vt100"; exit 0; }

what="--record --force over an existing file of one's own"
printf 'mine\n' > existing
TERM=$term timeout -k 5 "$T" script -qec \
	"'$SOCKSTAGE' --lesson script.stage --no-sandbox --autoplay 0.1 --wpm 2000 --hold 0 --record existing --force" \
	/dev/null < <(sleep "$T") > script.out 2>&1
rc=$?
note "exit $rc"
[ "$rc" -eq 0 ] || { cat script.out; fail "$what: exit $rc"; }
head -n 1 existing | grep -q '^{"version": 2,' ||
	fail "$what: existing is not a cast: $(head -c 200 existing)"
grep -q '"m", "step 2/2"' existing || fail "$what: the cast lacks the last step"
[ -z "$(ls -A | grep '^\.existing\.')" ] || fail "$what: a temporary file was left"
unchanged script.stage

exit 0
