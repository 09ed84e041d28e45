# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for sockstage(1). make install puts it into
# bash-completion's completions directory under the name "sockstage";
# to try it from a source tree: . completion/sockstage.bash
#
# It completes the options (cli/main.c's option table; tests/completion.sh
# checks that they agree), the lessons for --lesson (as the program lists
# them with --list-lessons, so they follow the installed lessons and
# $SOCKSTAGE_LESSONS), the themes for --theme (ui/term.c), and file names
# for the options that take a file. It needs nothing but bash itself.

_sockstage_long_opts='--help --version --run --dump --port --unix --inet
--sandbox --refresh --no-color --no-mouse --theme --no-owners --lesson
--predict --list-lessons --no-sandbox --autoplay --wpm --hold --stable
--no-stable --show-keys --record --export-c --force --wire --pcap --json'
_sockstage_short_opts='-h -V -r -d -p -s'
_sockstage_themes='dark light projector'

# The lessons' names, as the program being completed lists them (the
# first column of --list-lessons).
_sockstage_lessons()
{
	local prog=$1
	# a literal "~/" as typed (never expanded with eval)
	# shellcheck disable=SC2088
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	command -v -- "$prog" >/dev/null 2>&1 || prog=sockstage
	"$prog" --list-lessons 2>/dev/null </dev/null |
		while read -r name _; do
			[ -n "$name" ] && printf '%s\n' "$name"
		done
}

# COMPREPLY: the words of the list $2 (separated by white space) that
# start with $1, each after $3. Compared literally, never expanded (as
# compgen -W would: a lesson's name is a file's name). With $4 "lessons",
# a name matches without its number too ("time" for
# "02-timewait-restart"), as --lesson takes it.
_sockstage_words()
{
	local w words
	COMPREPLY=()
	read -r -d '' -a words <<<"$2"
	for w in "${words[@]}"; do
		if [[ $w == "$1"* ]] ||
		   [[ $4 == lessons && $w == [0-9]*-* && ${w#*-} == "$1"* ]]; then
			COMPREPLY+=("$3$w")
		fi
	done
}

# COMPREPLY: the file names that start with $1 (directories too, so that
# one can go on into them), each after $2.
_sockstage_files()
{
	local f
	COMPREPLY=()
	[ -z "$2" ] && compopt -o filenames 2>/dev/null
	while IFS= read -r f; do
		COMPREPLY+=("$2$f")
	done < <(compgen -f -- "$1")
}

_sockstage()
{
	local cword=$COMP_CWORD cur prev pre=
	cur=${COMP_WORDS[cword]}
	prev=
	[ "$cword" -gt 0 ] && prev=${COMP_WORDS[cword - 1]}

	# "--theme=li": bash splits it at "=" into "--theme" "=" "li" (when
	# "=" is in COMP_WORDBREAKS, its default), or leaves it one word.
	if [ "$cur" = "=" ] && [ "$cword" -gt 0 ]; then
		cur=
	elif [ "$prev" = "=" ] && [ "$cword" -gt 1 ]; then
		prev=${COMP_WORDS[cword - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		pre=$prev=
		cur=${cur#*=}
	fi

	case $prev in
	--theme)
		_sockstage_words "$cur" "$_sockstage_themes" "$pre"
		return 0
		;;
	--lesson)
		# a name, or a lesson file when the word is a path
		if [[ $cur == */* || $cur == .* || $cur == "~"* ]]; then
			_sockstage_files "$cur" "$pre"
		else
			_sockstage_words "$cur" "$(_sockstage_lessons "${COMP_WORDS[0]}")" \
				"$pre" lessons
		fi
		return 0
		;;
	-r | --run | --export-c | --record | --pcap)
		_sockstage_files "$cur" "$pre"
		return 0
		;;
	-p | --port | --refresh | --autoplay | --wpm | --hold)
		# a number: nothing to offer
		COMPREPLY=()
		return 0
		;;
	esac

	case $cur in
	--*) _sockstage_words "$cur" "$_sockstage_long_opts" ;;
	-*) _sockstage_words "$cur" "$_sockstage_short_opts $_sockstage_long_opts" ;;
	*) _sockstage_words "$cur" "$_sockstage_long_opts" ;;
	esac
	return 0
}

complete -F _sockstage sockstage
