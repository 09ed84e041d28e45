# SPDX-License-Identifier: GPL-2.0-or-later
# embed_c.awk - the sections of a C file as C string literals, for a
# program that writes them out byte for byte (src/export_rt.c, read by
# src/export.c through the generated export_rt.inc).
#
#	LC_ALL=C awk -v prefix=export_rt -f embed_c.awk FILE.c > FILE.inc
#
# A section is the lines between a line "//@ begin NAME" and the next line
# "//@ end"; it becomes
#
#	static const char PREFIX_NAME[] =
#		"its first line\n"
#		...
#		"its last line\n";
#
# each line with its newline, a backslash, a double quote and a question
# mark (no trigraph can form) escaped, a tab as \t. Lines outside the
# sections are left out. So that a mistake fails the build instead of
# changing what is written out, these are errors: a marker out of place
# or misspelt, a section empty, never ended or named twice, no section
# at all, a byte in a section other than printable ASCII and the tab.

function fail(msg)
{
	printf "%s:%d: %s\n", FILENAME, FNR, msg | "cat 1>&2"
	failed = 1
	exit 1
}

# One line of text as the inside of a C string literal.
function literal(s,	out, i, c)
{
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"" || c == "?")
			out = out "\\" c
		else if (c == "\t")
			out = out "\\t"
		else
			out = out c
	}
	return out
}

BEGIN {
	if (prefix !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
		fail("-v prefix=NAME: a C identifier is needed")
	name = ""
	count = 0
}

FNR == 1 {
	file = FILENAME
	sub(/.*\//, "", file)
	print "/* Generated from " file " by embed_c.awk: do not edit. */"
}

/^\/\/@ begin [a-z_][a-z0-9_]*$/ {
	if (name != "")
		fail("\"//@ begin\" inside section " name)
	name = substr($0, 11)
	if (name in seen)
		fail("section " name " named twice")
	seen[name] = 1
	count++
	printf "\nstatic const char %s_%s[] =", prefix, name
	lines = 0
	next
}

/^\/\/@ end$/ {
	if (name == "")
		fail("\"//@ end\" outside a section")
	if (lines == 0)
		fail("section " name " is empty")
	print ";"
	name = ""
	next
}

/^\/\/@/ {
	fail("not a marker: \"//@ begin NAME\" (a-z, 0-9, _) or \"//@ end\"")
}

name != "" {
	if ($0 ~ /[^\t -~]/)
		fail("a byte other than printable ASCII or a tab")
	printf "\n\t\"%s\\n\"", literal($0)
	lines++
}

END {
	if (failed)
		exit 1
	if (name != "")
		fail("section " name " has no \"//@ end\"")
	if (count == 0)
		fail("no section")
}
