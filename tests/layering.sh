#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# layering.sh - dependencies run one way: cli/ and ui/ use src/, never the
# other way round. No file under src/ includes curses or a header of ui/
# or cli/ (by path, or by the name of one of their headers); no file
# under ui/ includes a header of cli/. Every source file carries an SPDX
# licence line. The README's Code map names every module.

. "$(dirname -- "$0")/lib.sh" || exit 99

cd "$top_srcdir" || fail "no source tree at $top_srcdir"
[ -d src ] && [ -d ui ] && [ -d cli ] || fail "src/, ui/ and cli/ expected"

# the headers of a directory, as '"name.h"' alternatives for grep -E
headers_of()
{
	local d=$1 h out=
	for h in "$d"/*.h; do
		[ -e "$h" ] || continue
		out+="${out:+|}${h##*/}"
	done
	printf '%s' "${out//./\\.}"
}

bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]*/)?n?curses(w)?[^>"]*[>"]' \
	src/*.c src/*.h 2>/dev/null)
[ -z "$bad" ] || fail "src/ includes curses: $bad"

bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*/)?(ui|cli)/' \
	src/*.c src/*.h 2>/dev/null)
[ -z "$bad" ] || fail "src/ includes a header of ui/ or cli/ by path: $bad"

ui_h=$(headers_of ui)
if [ -n "$ui_h" ]; then
	bad=$(grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"($ui_h)\"" \
		src/*.c src/*.h 2>/dev/null)
	[ -z "$bad" ] || fail "src/ includes a header of ui/: $bad"
fi
cli_h=$(headers_of cli)
if [ -n "$cli_h" ]; then
	bad=$(grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*/)?($cli_h)\"" \
		src/*.c src/*.h ui/*.c ui/*.h 2>/dev/null)
	[ -z "$bad" ] || fail "src/ or ui/ includes a header of cli/: $bad"
fi
note "src/ uses neither curses nor ui/ nor cli/; ui/ does not use cli/"

missing=
for f in src/*.[ch] src/*.awk ui/*.[ch] cli/*.[ch] tests/*.sh tests/*.c tests/unit/*.[ch] \
	 tests/fuzz/*.[ch] configure.ac Makefile.am; do
	grep -q 'SPDX-License-Identifier: GPL-2.0-or-later' "$f" || missing+=" $f"
done
[ -z "$missing" ] || fail "no SPDX licence line in:$missing"
[ -f COPYING ] || fail "no COPYING"
note "every source file names its licence"

# The README's code map names every module of src/, ui/ and cli/.
map=$(awk '/^## Code map/ { on = 1; next } /^## / { on = 0 } on' README.md)
[ -n "$map" ] || fail "the README has no Code map section"
missing=
for f in src/*.c src/cmdtab.h ui/*.c cli/*.c; do
	grep -qF "\`${f##*/}\`" <<< "$map" || missing+=" $f"
done
[ -z "$missing" ] || fail "the README's Code map does not name:$missing"
note "the Code map names every module"
