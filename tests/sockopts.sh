#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sockopts.sh - the options that need a second interface to show what they
# do, against the real kernel. A veth pair v0/v1 is made in the private
# namespace: v0 has 10.9.0.1/24, and 10.9.0.2 is a static neighbour that
# never answers (frames to it leave v0 and die at v1, which has no address).
#
# 1. bindtodevice (SO_BINDTODEVICE): listeners on 0.0.0.0:P bound to lo and
#    to v0 do not conflict (each sees only its own interface's traffic); a
#    third, bound to no device, conflicts with both (EADDRINUSE). A client
#    on loopback reaches the lo listener only. A device that does not exist
#    is ENODEV; "off" unbinds. The kernel view names the device (%lo).
# 2. user-timeout (TCP_USER_TIMEOUT): two connects to 10.9.0.2 stay in
#    SYN-SENT; the one with user-timeout 1500 is dropped by the kernel
#    after 1.5 s (a send then fails with ETIMEDOUT), the other is still in
#    SYN-SENT (the default gives up after about 127 s).
# 3. The options are refused on the wrong socket type with a line error,
#    and in the C export they are the same setsockopt calls.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
in_private_netns "$@"
make_tmpdir

# the veth pair; also run by the exported program in a namespace of its own
setup='ip link set lo up && ip link add v0 type veth peer name v1 &&
	ip addr add 10.9.0.1/24 dev v0 && ip link set v0 up && ip link set v1 up &&
	ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev v0'
ip link add vtest type veth peer name vtest1 2>/dev/null ||
	skip "cannot make a veth pair in this namespace"
ip link del vtest
sh -c "$setup" || fail "cannot set up v0"

# ---- 1. bindtodevice ----------------------------------------------------------
run_sockstage --export-c "$tmp/btd.c" <<'EOS'
socket tcp as onlo
set onlo bindtodevice lo => ok
bind onlo 0.0.0.0:4104 => ok
listen onlo => ok
socket tcp as onv0
set onv0 bindtodevice v0 => ok
bind onv0 0.0.0.0:4104 => ok
listen onv0 => ok
socket tcp as any
bind any 0.0.0.0:4104 => EADDRINUSE
socket tcp as nodev
set nodev bindtodevice nosuch0 => ENODEV
set nodev bindtodevice lo => ok
set nodev bindtodevice off => ok
bind nodev 0.0.0.0:4104 => EADDRINUSE
socket tcp as cli
connect cli 127.0.0.1:4104 => ok
accept onv0 => EAGAIN
accept onlo => ok
show
EOS
expect_rc 0 "bindtodevice"
transcript_line "the option as setsockopt" 'setsockopt(s1, SO_BINDTODEVICE, "lo") = 0'
transcript_line "off is the empty name" 'setsockopt(s4, SO_BINDTODEVICE, "") = 0'
transcript_has "the kernel names the device" '^tcp LISTEN .*0\.0\.0\.0%lo:4104 '
transcript_has "... and the other one" '^tcp LISTEN .*0\.0\.0\.0%v0:4104 '

# the exported program makes the same calls with the same outcomes
if command -v cc > /dev/null; then
	cc -std=gnu11 -Wall -Wextra -Werror -o "$tmp/btd" "$tmp/btd.c" ||
		fail "the exported program does not compile"
	run_cmd unshare -n sh -c "$setup"' && exec "$0"' "$tmp/btd"
	[ "$run_rc" -eq 0 ] || fail "the exported program failed ($run_rc)"
	for l in 'setsockopt(s1, SO_BINDTODEVICE, "lo") = 0' \
		 'bind(s3, 0.0.0.0:4104) = -1 EADDRINUSE' \
		 'setsockopt(s4, SO_BINDTODEVICE, "nosuch0") = -1 ENODEV'; do
		grep -qF -- "$l" <<< "$run_out" ||
			fail "the exported program does not say '$l'"
	done
else
	note "no cc: the exported program is not compiled"
fi

# ---- 2. user-timeout -----------------------------------------------------------
run_sockstage <<'EOS'
socket tcp as slow
socket tcp as quick
set quick user-timeout 1500 => ok
connect slow 10.9.0.2:80 => EINPROGRESS
connect quick 10.9.0.2:81 => EINPROGRESS
wait quick SYN-SENT 100ms
wait 2500ms
wait slow SYN-SENT 100ms
send quick "x" => ETIMEDOUT
EOS
expect_rc 0 "user-timeout"
transcript_line "the option as setsockopt" 'setsockopt(s2, TCP_USER_TIMEOUT, 1500) = 0'
transcript_has "the one without is still trying" '^wait s1 SYN-SENT = SYN-SENT'

# ---- 3. the wrong socket type ----------------------------------------------------
run_sockstage <<'EOS'
socket udp as u
set u user-timeout 1000
set u defer-accept 5
set u nodelay
EOS
expect_rc 2 "TCP options on UDP"
[ "$(grep -c 'needs a TCP socket; s1 is UDP' <<< "$run_err$run_out")" -eq 3 ] ||
	fail "each TCP-only option is refused on UDP with a line error"
exit 0
