# SPDX-License-Identifier: GPL-2.0-or-later
# lib.sh - helpers for sockstage's shell tests (bash). Source it first:
#
#	. "$(dirname -- "$0")/lib.sh" || exit 99
#	in_private_netns "$@"	# re-exec in a fresh network namespace, lo up
#	make_tmpdir		# $tmp: a private scratch dir, removed on exit
#
# The automake harness (AM_TESTS_ENVIRONMENT) exports SOCKSTAGE (absolute
# path of the binary), top_srcdir and top_builddir. The test-driver reads
# exit codes: 0 pass, 77 skip, anything else fail. Never write into
# $top_srcdir (read-only under make distcheck); use $tmp.
#
# fail/skip exit the current shell: inside $(...) or a pipeline that is a
# subshell only, so call them from the test's top level.

lib_me=${0##*/}

# Report a failure and exit 1.
fail()
{
	printf 'FAIL: %s: %s\n' "$lib_me" "$*" >&2
	exit 1
}

# Report why the test cannot run here and exit 77 (never a pass).
skip()
{
	printf 'SKIP: %s\n' "$*"
	exit 77
}

# A line in the log, to make a failure easy to read afterwards.
note()
{
	printf '# %s\n' "$*"
}

# ---- cleanup ---------------------------------------------------------------

lib_cleanup_cmds=()

# Run "$@" (a simple command) when the test exits, however it exits.
# Cleanups run last-registered first.
at_exit()
{
	local q
	printf -v q '%q ' "$@"
	lib_cleanup_cmds=("$q" "${lib_cleanup_cmds[@]}")
}

lib_run_cleanups()
{
	local rc=$? c
	trap - EXIT INT TERM HUP
	for c in "${lib_cleanup_cmds[@]}"; do
		eval "$c" >/dev/null 2>&1
	done
	exit "$rc"
}
trap lib_run_cleanups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Kill a background process at exit (and reap it).
kill_at_exit()
{
	at_exit lib_kill "$1"
}

lib_kill()
{
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# Create $tmp, a scratch directory removed when the test exits.
make_tmpdir()
{
	[ -n "${tmp:-}" ] && return 0
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/sockstage-test.XXXXXX") ||
		fail "mktemp -d failed"
	at_exit rm -rf -- "$tmp"
}

# ---- a private network namespace -------------------------------------------

# Re-execute the calling script, with its arguments, inside a fresh private
# network namespace whose loopback interface is up: "unshare -n" (root),
# else "unshare -rn" (an unprivileged user namespace). When neither works,
# SKIP with the reasons. Call it before anything else (before make_tmpdir,
# cd, or starting processes: exec replaces the shell and its traps).
in_private_netns()
{
	local here outer how msg reasons=""

	here=$(readlink /proc/self/ns/net) || skip "no /proc/self/ns/net"
	if [ "${SOCKSTAGE_TEST_NETNS:-}" = "$here" ]; then
		ip link set lo up 2>/dev/null ||
			fail "cannot bring lo up in the test namespace"
		return 0
	fi
	if [ -n "${SOCKSTAGE_TEST_NETNS_FROM:-}" ]; then
		# Re-executed by the code below: the namespace must be new.
		[ "$SOCKSTAGE_TEST_NETNS_FROM" != "$here" ] ||
			fail "re-executed, but still in the outer namespace"
		export SOCKSTAGE_TEST_NETNS=$here
		unset SOCKSTAGE_TEST_NETNS_FROM
		ip link set lo up ||
			fail "cannot bring lo up in the test namespace"
		return 0
	fi
	command -v unshare >/dev/null ||
		skip "no unshare(1) (Debian package util-linux)"
	command -v ip >/dev/null || skip "no ip(8) (Debian package iproute2)"
	for how in "-n" "-rn"; do
		if msg=$(unshare $how true 2>&1); then
			outer=$here
			export SOCKSTAGE_TEST_NETNS_FROM=$outer
			exec unshare $how -- "$BASH" "$0" "$@"
		fi
		reasons="$reasons${reasons:+; }unshare $how: ${msg:-failed}"
	done
	skip "cannot create a private network namespace ($reasons)"
}

# ---- waiting without luck ----------------------------------------------------

# lib_poll STEP SECONDS COMMAND...: run COMMAND every STEP seconds until it
# succeeds. Returns 0 as soon as it does, 1 once SECONDS have passed.
lib_poll()
{
	local step=$1 secs=$2 start
	shift 2
	start=$(lib_now_us)
	while :; do
		"$@" && return 0
		(( $(lib_now_us) - start >= secs * 1000000 )) && return 1
		sleep "$step"
	done
}

# wait_for SECONDS COMMAND...: lib_poll every 50 ms.
wait_for()
{
	lib_poll 0.05 "$@"
}

# ---- processes and sockets of this namespace ---------------------------------

# stage_pids: live processes running the sockstage binary in this network
# namespace (zombies have no exe link, and other tests run in other
# namespaces, so a parallel "make check" does not disturb the count).
stage_pids()
{
	local p exe netns
	exe=$(readlink -f "$SOCKSTAGE")
	netns=$(readlink /proc/self/ns/net)
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/exe" 2>/dev/null)" = "$exe" ] || continue
		[ "$(readlink "$p/ns/net" 2>/dev/null)" = "$netns" ] || continue
		echo "${p#/proc/}"
	done
}

no_stage_pids() { [ -z "$(stage_pids)" ]; }

# sockets: every TCP/UDP socket of this namespace, one a line, but for
# TIME-WAIT (no process holds those)
sockets()
{
	if command -v ss >/dev/null; then
		ss -tuanH
	else
		"$SOCKSTAGE" --dump
	fi | grep -v TIME-WAIT
}

no_sockets() { [ -z "$(sockets)" ]; }

# Microseconds on some clock (bash 5 has EPOCHREALTIME; else date).
lib_now_us()
{
	if [ -n "${EPOCHREALTIME:-}" ]; then
		echo "${EPOCHREALTIME/[.,]/}"
	else
		echo $(( $(date +%s%N) / 1000 ))
	fi
}

# ---- running sockstage -------------------------------------------------------

# The binary under test.
require_sockstage()
{
	[ -n "${SOCKSTAGE:-}" ] ||
		fail "SOCKSTAGE is not set (run through make check)"
	[ -x "$SOCKSTAGE" ] || fail "SOCKSTAGE=$SOCKSTAGE is not executable"
}

# Does the script FILE need a sandbox: does it look at the wire (expect
# [no] segment, show wire: a run captures only with --sandbox, --wire or
# --pcap), set a sysctl or make hosts (only in a sandbox)? Such a script runs with
# --sandbox: a namespace of its own inside the test's.
needs_sandbox()	# FILE
{
	grep -Eq '^[[:space:]]*([^[:space:]#]+:[[:space:]]*)?(expect[[:space:]]+(no[[:space:]]+)?segment|show[[:space:]]+wire|sysctl|host|wire)([[:space:]]|$)' "$1"
}

# Does the script FILE make hosts ('host NAME ...')? Each host takes a TUN
# device: hosts_possible says whether sockstage may open /dev/net/tun here.
needs_hosts()	# FILE
{
	grep -Eq '^[[:space:]]*host([[:space:]]|$)' "$1"
}

hosts_possible()
{
	[ -r /dev/net/tun ] && [ -w /dev/net/tun ]
}

# run_sockstage [OPTION...] <<'EOF' ... EOF
# Runs "$SOCKSTAGE OPTION... --run SCRIPT" on the script read from standard
# input, under a timeout (SOCKSTAGE_TEST_TIMEOUT seconds, default 60).
# Sets run_rc (exit code), run_out (transcript) and run_err (stderr), and
# copies both into the log.
run_sockstage()
{
	local n
	require_sockstage
	make_tmpdir
	lib_runs=$(( ${lib_runs:-0} + 1 ))
	n=$tmp/run$lib_runs
	cat > "$n.stage" || fail "cannot write $n.stage"
	timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-60}" \
		"$SOCKSTAGE" "$@" --run "$n.stage" > "$n.out" 2> "$n.err"
	run_rc=$?
	run_out=$(cat "$n.out")
	run_err=$(cat "$n.err")
	note "sockstage${*:+ $*} --run <<EOF"
	sed 's/^/#   /' "$n.stage"
	note "exit $run_rc; transcript:"
	printf '%s\n' "$run_out"
	[ -z "$run_err" ] || { note "stderr:"; printf '%s\n' "$run_err"; }
	[ "$run_rc" -ne 124 ] ||
		fail "sockstage did not finish within ${SOCKSTAGE_TEST_TIMEOUT:-60}s"
}

# Checks on the last transcript ($run_out):
# transcript_has LABEL REGEX: a line matches REGEX
transcript_has()
{
	grep -Eq -- "$2" <<< "$run_out" || {
		printf '%s\n' "$run_out"
		fail "$1: no line matches /$2/"
	}
}
# transcript_re TEXT: TEXT as a regex anchored on a whole line; '#' stands
# for a number
transcript_re()
{
	printf '^%s$' "$(sed -e 's,[[\.*^$+?(){}|],\\&,g' -e 's,#,[0-9]+,g' <<< "$1")"
}
# transcript_line LABEL TEXT: the whole line TEXT is there ('#': a number)
transcript_line()
{
	transcript_has "$1" "$(transcript_re "$2")"
}

# run_cmd COMMAND...: run any command, capturing like run_sockstage (no
# stdin, a timeout). Sets run_rc, run_out, run_err.
run_cmd()
{
	local n
	make_tmpdir
	lib_runs=$(( ${lib_runs:-0} + 1 ))
	n=$tmp/run$lib_runs
	timeout -k 5 "${SOCKSTAGE_TEST_TIMEOUT:-60}" "$@" \
		< /dev/null > "$n.out" 2> "$n.err"
	run_rc=$?
	run_out=$(cat "$n.out")
	run_err=$(cat "$n.err")
	note "\$ $* -> exit $run_rc"
	[ -z "$run_out" ] || printf '%s\n' "$run_out" | sed 's/^/#   out: /'
	[ -z "$run_err" ] || printf '%s\n' "$run_err" | sed 's/^/#   err: /'
	[ "$run_rc" -ne 124 ] || fail "'$*' did not finish in time"
}

# Assertions on the last run.
expect_rc()
{
	[ "$run_rc" -eq "$1" ] ||
		fail "${2:+$2: }exit code $run_rc, expected $1"
}

# expect_out_has TEXT: the transcript contains TEXT (a fixed string).
expect_out_has()
{
	grep -qF -- "$1" <<< "$run_out" ||
		fail "${2:+$2: }output lacks '$1'"
}

expect_out_lacks()
{
	! grep -qF -- "$1" <<< "$run_out" ||
		fail "${2:+$2: }output unexpectedly has '$1'"
}

expect_err_has()
{
	grep -qiF -- "$1" <<< "$run_err" ||
		fail "${2:+$2: }stderr lacks '$1'"
}

# No sanitizer report, no crash message on stderr.
expect_no_crash()
{
	(( run_rc <= 128 )) ||
		fail "${1:+$1: }killed by a signal (exit $run_rc)"
	! grep -qE 'Sanitizer|runtime error:|Segmentation fault|core dumped' \
		<<< "$run_err" || fail "${1:+$1: }crash report on stderr"
}
