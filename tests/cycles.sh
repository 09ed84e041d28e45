#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# cycles.sh - no cycles between files. From the objects of the build tree
# the program is linked from (the members of libstage.a and libui.a, and
# cli/*.o; automake's per-target prefixes such as
# "sockstage-" or "libui_a-" are taken off, and the objects of test
# programs, prefixed "tests_...-", are left out) it reads with nm -P which global symbols each
# file defines and which it uses, draws an edge A -> B when A uses a
# symbol that B defines, and fails when some files depend on each other
# in a circle, naming each circle with the symbol behind every step.

. "$(dirname -- "$0")/lib.sh" || exit 99

command -v nm >/dev/null || skip "no nm(1) (binutils)"
cd "$top_builddir" || fail "no build tree at $top_builddir"

# The objects the program is linked from: the members of libstage.a and
# libui.a (never a stale object of a file that has gone), and cli/'s.
objs=()
if command -v ar >/dev/null && [ -e libstage.a ] && [ -e libui.a ]; then
	for m in $(ar t libstage.a); do [ -e "src/$m" ] && objs+=("src/$m"); done
	for m in $(ar t libui.a); do [ -e "ui/$m" ] && objs+=("ui/$m"); done
	for o in cli/*.o; do [ -e "$o" ] && objs+=("$o"); done
else
	for o in src/*.o ui/*.o cli/*.o; do
		[ -e "$o" ] || continue
		base=${o##*/}
		[[ $base == tests_*-* ]] && continue	# a test program's
		objs+=("$o")
	done
fi
[ "${#objs[@]}" -gt 0 ] || fail "no objects under $top_builddir/{src,ui,cli}: build first"
note "${#objs[@]} objects"

# "FILE SYMBOL TYPE" for every global symbol; FILE is src/stage for
# src/stage.o, ui/draw for ui/libui_a-draw.o
table=$(for o in "${objs[@]}"; do
	d=${o%/*}
	f=${o##*/}
	f=${f#*-}
	f=$d/${f%.o}
	nm -P "$o" | awk -v f="$f" '$2 ~ /^[A-Z]$/ { print f, $1, $2 }'
done) || fail "nm failed"

report=$(awk '
	{
		file = $1; sym = $2; type = $3
		if (!(file in id)) { id[file] = ++n; name[n] = file }
		if (type == "U") { nu++; ufile[nu] = file; usym[nu] = sym }
		else if (!(sym in def)) def[sym] = file
	}
	END {
		for (i = 1; i <= nu; i++) {
			if (!(usym[i] in def)) continue	# libc, libmnl, curses
			a = id[ufile[i]]; b = id[def[usym[i]]]
			if (a == b || ((a, b) in via)) continue
			via[a, b] = usym[i]
			succ[a] = succ[a] " " b
		}
		# reach[a, b]: a depends on b, directly or not
		for (s = 1; s <= n; s++) {
			top = 0
			stack[++top] = s
			while (top) {
				u = stack[top--]
				k = split(succ[u], next_, " ")
				for (j = 1; j <= k; j++) {
					v = next_[j]
					if ((s, v) in reach) continue
					reach[s, v] = 1
					stack[++top] = v
				}
			}
		}
		# a circle: the files that reach each other; the shortest way
		# from its first file back to itself, symbol by symbol
		for (s = 1; s <= n; s++) {
			if (done[s] || !((s, s) in reach)) continue
			members = ""
			for (v = 1; v <= n; v++)
				if (((s, v) in reach) && ((v, s) in reach)) {
					done[v] = 1
					members = members " " name[v]
				}
			delete seen; delete parent
			head = 1; tail = 0
			k = split(succ[s], next_, " ")
			for (j = 1; j <= k; j++) {
				v = next_[j]
				if (!((v, s) in reach) || (v in seen)) continue
				seen[v] = 1; parent[v] = s; queue[++tail] = v
			}
			while (head <= tail && !(s in seen)) {
				u = queue[head++]
				k = split(succ[u], next_, " ")
				for (j = 1; j <= k; j++) {
					v = next_[j]
					if (!((v, s) in reach) || (v in seen)) continue
					seen[v] = 1; parent[v] = u; queue[++tail] = v
				}
			}
			path = ""
			v = s
			do {
				u = parent[v]
				path = " -> " name[v] " (" via[u, v] ")" path
				v = u
			} while (v != s)
			printf "cycle between%s: %s%s\n", members, name[s], path
		}
	}' <<< "$table")

if [ -n "$report" ]; then
	printf '%s\n' "$report" | sed 's/^/# /'
	fail "$(wc -l <<< "$report") cycle(s) between files (above)"
fi
note "no cycles between the files of src/, ui/ and cli/"
