#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# completion.sh - the bash completion script, completion/sockstage.bash,
# sourced into this shell; its function is called as bash calls it, with
# COMP_WORDS and COMP_CWORD set:
#   "--" completes to every long option of cli/main.c's option table, "-"
#   to its short options too (getopt_long's string), "--no-" to the
#   options that start with it;
#   --lesson completes to the lessons the program lists (those of
#   lessons/, plus one more in $SOCKSTAGE_LESSONS), by prefix and by the
#   name without its number; a path completes to files;
#   --theme to the themes of ui/term.c, also as "--theme=p" and as
#   "--theme" "=" "p" (bash's split at "=");
#   --run, -r, --pcap, --record, --export-c to file names; --port to
#   nothing.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
make_tmpdir
unset SOCKSTAGE_LESSONS

script=$top_srcdir/completion/sockstage.bash
[ -r "$script" ] || fail "no $script"
# shellcheck source=/dev/null
. "$script" || fail "sourcing $script failed"
spec=$(complete -p sockstage 2>/dev/null) || fail "no completion for sockstage"
[[ $spec == *"-F _sockstage "* ]] || fail "unexpected completion spec: $spec"

# comp WORD...: complete the last WORD of the command line WORD...; $got
# holds the candidates, sorted, one a line
comp()
{
	local COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
	local COMP_LINE="$*"
	local COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_sockstage sockstage "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}" 2>"$tmp/comp.err" ||
		fail "the completion function failed for: $*"
	[ -s "$tmp/comp.err" ] &&
		fail "the completion function wrote to stderr for '$*': $(cat "$tmp/comp.err")"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort)
}

# expect WHAT LIST: $got must be the words of LIST (any order)
expect()
{
	local want
	want=$(printf '%s\n' $2 | LC_ALL=C sort)
	[ "$got" = "$want" ] ||
		fail "$1: got [$(echo $got)], want [$(echo $want)]"
	note "ok: $1"
}

# ---- options ----------------------------------------------------------------
main_c=$top_srcdir/cli/main.c
long=$(sed -n 's/^[[:space:]]*{ *"\([a-z0-9-]*\)", *[a-z_]*_argument,.*/--\1/p' "$main_c")
[ "$(echo "$long" | wc -l)" -ge 20 ] ||
	fail "cannot read the option table of $main_c: [$(echo $long)]"
letters=$(sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$main_c" | tr -d ':')
[ -n "$letters" ] || fail "cannot read getopt_long's short options in $main_c"
short=$(printf '%s' "$letters" | sed 's/./-& /g')

comp sockstage --
expect "-- completes every long option of cli/main.c" "$long"
comp sockstage -
expect "- completes every short and long option" "$short $long"
comp sockstage --no-
expect "--no- completes its options" "$(printf '%s\n' $long | grep '^--no-')"
comp sockstage --list-l
expect "--list-l completes --list-lessons" "--list-lessons"
comp sockstage --sandbox --the
expect "an option after another" "--theme"

# ---- lessons ------------------------------------------------------------------
shipped=$(cd "$top_srcdir/lessons" && for f in *.stage; do echo "${f%.stage}"; done)
[ "$(echo "$shipped" | wc -l)" -ge 20 ] || fail "no lessons in $top_srcdir/lessons"
comp "$SOCKSTAGE" --lesson ""
expect "--lesson completes every lesson" "$shipped"
comp "$SOCKSTAGE" --sandbox --lesson 02
expect "--lesson 02" "02-timewait-restart"
comp "$SOCKSTAGE" --lesson timewait-r
expect "--lesson by the name without its number" "02-timewait-restart"
comp "$SOCKSTAGE" --lesson=02
expect "--lesson=02 (one word)" "--lesson=02-timewait-restart"
comp "$SOCKSTAGE" --lesson = 02
expect "--lesson = 02 (split at =)" "02-timewait-restart"

# the names come from the program: one more lesson where it looks
mkdir "$tmp/more" || fail "mkdir"
cp "$top_srcdir/lessons/01-first-server.stage" "$tmp/more/99-one-more.stage" ||
	fail "cp"
"$SOCKSTAGE" --list-lessons 2>/dev/null | grep -q '^99-one-more ' &&
	fail "99-one-more listed before it is in SOCKSTAGE_LESSONS"
export SOCKSTAGE_LESSONS=$tmp/more
"$SOCKSTAGE" --list-lessons | grep -q '^99-one-more ' ||
	fail "sockstage --list-lessons does not list \$SOCKSTAGE_LESSONS's lesson"
comp "$SOCKSTAGE" --lesson 9
expect "--lesson follows the lessons the program lists" "99-one-more"
unset SOCKSTAGE_LESSONS

# a path: lesson files
cp "$top_srcdir/lessons/01-first-server.stage" "$tmp/my.stage" || fail "cp"
comp "$SOCKSTAGE" --lesson "$tmp/my"
expect "--lesson PATH completes a file" "$tmp/my.stage"

# ---- themes -----------------------------------------------------------------
# ui/term.c's names ([THEME_DARK] = "dark", ...), each one the program takes
themes=$(grep -o '\[THEME_[A-Z]*\] *= *"[a-z]*"' "$top_srcdir/ui/term.c" |
	sed 's/.*"\([a-z]*\)"/\1/')
[ "$(echo "$themes" | wc -l)" -ge 3 ] || fail "cannot read the themes of ui/term.c: [$(echo $themes)]"
for t in $themes; do
	"$SOCKSTAGE" --theme "$t" --dump >/dev/null 2>"$tmp/err"
	grep -q "goes with the TUI" "$tmp/err" ||
		fail "ui/term.c's theme '$t' is not one sockstage takes: $(cat "$tmp/err")"
done
comp sockstage --theme ""
expect "--theme completes every theme of ui/term.c" "$themes"
comp sockstage --theme l
expect "--theme l" "light"
comp sockstage --theme=p
expect "--theme=p (one word)" "--theme=projector"
comp sockstage --theme = d
expect "--theme = d (split at =)" "dark"
comp sockstage --theme =
expect "--theme = (split at =, nothing after)" "$themes"

# ---- files and numbers --------------------------------------------------------
mkdir "$tmp/capdir" && : > "$tmp/capture.pcap" && : > "$tmp/other" || fail "files"
for o in --run -r --pcap --record --export-c; do
	comp sockstage "$o" "$tmp/cap"
	expect "$o completes file names" "$tmp/capdir $tmp/capture.pcap"
done
comp sockstage --pcap="$tmp/capt"
expect "--pcap=FILE (one word)" "--pcap=$tmp/capture.pcap"
for o in --port -p --refresh --wpm; do
	comp sockstage "$o" ""
	expect "$o takes a number: no candidates" ""
done
