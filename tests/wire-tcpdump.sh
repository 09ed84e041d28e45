#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# wire-tcpdump.sh - the segments --wire prints are the packets tcpdump
# decodes from the --pcap file of the same run. In a private namespace, a
# script makes a handshake, data both ways, a half-close, a normal close,
# a RST by SO_LINGER 0, a RST to a closed port, a UDP exchange and an ICMP
# port unreachable; `tcpdump -nn -S -r FILE` must give the same packets in
# the same order: ends, flags, lengths, and the sequence and
# acknowledgment numbers once made relative to each direction's first
# (as --wire prints them). Every state transition the transcript prints
# names the segment that caused it, or says it had none, and ends in the
# state the kernel shows. At the end the run says how many packets went
# into the file (as many as tcpdump reads) and how many the kernel
# dropped (none). Without CAP_NET_RAW (uid 65534, when setpriv
# is there) --wire says why and the run goes on; --pcap says why and the
# run stops (exit 2) without a file.

. "$(dirname -- "$0")/lib.sh" || exit 99
require_sockstage
command -v tcpdump >/dev/null || skip "no tcpdump (Debian package tcpdump)"
command -v python3 >/dev/null || skip "no python3"
in_private_netns "$@"
make_tmpdir

cat > "$tmp/wire.stage" <<'STAGE'
socket tcp as srv
bind srv 127.0.0.1:3459
listen srv
socket tcp as cli
connect cli 127.0.0.1:3459 => ok
accept srv as conn => ok
send cli "hello" => ok
recv conn => ok
send conn "world!" => ok
recv cli => ok
shutdown cli wr => ok
recv conn => ok
send conn "bye" => ok
recv cli => ok
close conn => ok
close cli => ok
socket tcp as c2
connect c2 127.0.0.1:3459 => ok
accept srv as a2 => ok
set a2 linger 0 => ok
close a2 => ok
socket tcp as c3
connect c3 127.0.0.1:3999 => ECONNREFUSED
socket udp as u1
bind u1 127.0.0.1:5301
socket udp as u2
bind u2 127.0.0.1:5302
sendto u1 127.0.0.1:5302 "ping" => ok
recv u2 => ok
sendto u2 127.0.0.1:5301 "pong" => ok
recv u1 => ok
sendto u1 127.0.0.1:5399 "nobody" => ok
STAGE

"$SOCKSTAGE" --run "$tmp/wire.stage" --wire --pcap "$tmp/wire.pcap" \
	> "$tmp/out" 2> "$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/out" "$tmp/err"
[ "$rc" = 0 ] || fail "the run exited with $rc"
[ -s "$tmp/wire.pcap" ] || fail "no pcap file"
tcpdump -nn -S -r "$tmp/wire.pcap" > "$tmp/tcpdump" 2> "$tmp/tcpdump.err" ||
	fail "tcpdump cannot read the file: $(cat "$tmp/tcpdump.err")"
sed 's/^/# tcpdump: /' "$tmp/tcpdump"
grep '^  wire: ' "$tmp/out" > "$tmp/wire" || fail "no wire lines"
# the end of the run says what went into the file, and what was dropped
grep -qxF "sockstage: --pcap: $(wc -l < "$tmp/tcpdump") packets into '$tmp/wire.pcap', 0 dropped by the kernel" \
	"$tmp/err" || fail "no report of the pcap file, or not the packets tcpdump reads"

python3 - "$tmp/wire" "$tmp/tcpdump" <<'PY' || fail "the wire lines and tcpdump disagree (above)"
import re, sys

def ours(path):
    out = []
    for line in open(path):
        line = line.strip()[len("wire: "):]
        m = re.match(r'(?:s\d+ )?(\S+):(\d+) > (?:s\d+ )?(\S+):(\d+) '
                     r'\[([^\]]*)\] seq (\d+)(?: ack (\d+))? win (\d+) len (\d+)', line)
        if m:
            a, ap, b, bp, fl, seq, ack, win, ln = m.groups()
            out.append(dict(p='tcp', a=a, ap=ap, b=b, bp=bp, flags=fl,
                            seq=int(seq), ack=None if ack is None else int(ack),
                            len=int(ln), text=line))
            continue
        m = re.match(r'(?:s\d+ )?(\S+):(\d+) > (?:s\d+ )?(\S+):(\d+) udp len (\d+)', line)
        if m:
            a, ap, b, bp, ln = m.groups()
            out.append(dict(p='udp', a=a, ap=ap, b=b, bp=bp, len=int(ln), text=line))
            continue
        m = re.match(r'icmp port unreachable for udp (?:s\d+ )?(\S+):(\d+) > (\S+):(\d+)', line)
        if m:
            a, ap, b, bp = m.groups()
            out.append(dict(p='icmp', a=a, ap=ap, b=b, bp=bp, text=line))
            continue
        out.append(dict(p='?', text=line))
    return out

def theirs(path):
    out, isn = [], {}
    for line in open(path):
        m = re.search(r'IP (\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\](.*)length (\d+)', line)
        if m:
            a, ap, b, bp, fl, rest, ln = m.groups()
            seq = re.search(r' seq (\d+)', rest)
            ack = re.search(r' ack (\d+)', rest)
            key, rkey = (a, ap, b, bp), (b, bp, a, ap)
            s = int(seq.group(1)) if seq else None
            if 'S' in fl and s is not None:
                isn[key] = s
            rel = lambda v, k: None if v is None or k not in isn else (v - isn[k]) % 2**32
            out.append(dict(p='tcp', a=a, ap=ap, b=b, bp=bp, flags=fl,
                            seq=rel(s, key), ack=rel(int(ack.group(1)) if ack else None, rkey),
                            len=int(ln), text=line.strip()))
            continue
        m = re.search(r'IP (\S+)\.(\d+) > (\S+)\.(\d+): UDP, length (\d+)', line)
        if m:
            a, ap, b, bp, ln = m.groups()
            out.append(dict(p='udp', a=a, ap=ap, b=b, bp=bp, len=int(ln), text=line.strip()))
            continue
        m = re.search(r'ICMP (\S+) udp port (\d+) unreachable', line)
        if m:
            # the quoted datagram went from its sender (the ICMP's
            # destination) to the closed port
            dst = re.search(r'IP \S+ > (\S+): ICMP', line).group(1)
            out.append(dict(p='icmp', a=dst, ap=None, b=m.group(1), bp=m.group(2),
                            text=line.strip()))
            continue
        out.append(dict(p='?', text=line.strip()))
    return out

w, t = ours(sys.argv[1]), theirs(sys.argv[2])
bad = 0
if len(w) != len(t):
    print("# %d wire lines, %d packets from tcpdump" % (len(w), len(t)))
    bad += 1
for i, (x, y) in enumerate(zip(w, t)):
    why = []
    if x['p'] != y['p']:
        why.append('kind')
    else:
        for k in ('a', 'b', 'bp'):
            if x[k] != y[k]:
                why.append(k)
        if x['p'] != 'icmp' and x['ap'] != y['ap']:
            why.append('ap')
        if x['p'] in ('tcp', 'udp') and x['len'] != y['len']:
            why.append('len')
        if x['p'] == 'tcp':
            if x['flags'] != y['flags']:
                why.append('flags')
            if y['seq'] is not None and x['seq'] != y['seq']:
                why.append('seq')
            if y['ack'] is not None and x['ack'] != y['ack']:
                why.append('ack')
    if why:
        bad += 1
        print("# packet %d differs (%s):\n#   wire:    %s\n#   tcpdump: %s" %
              (i + 1, ','.join(why), x['text'], y['text']))
kinds = {}
for x in w:
    kinds[x['p']] = kinds.get(x['p'], 0) + 1
print("# %d packets compared: %s" % (len(w), kinds))
flags = set(x.get('flags') for x in w if x['p'] == 'tcp')
for want in ('S', 'S.', '.', 'P.', 'F.', 'R.'):
    if not any(f == want for f in flags):
        print("# no [%s] segment in the run" % want)
        bad += 1
if 'icmp' not in kinds or 'udp' not in kinds:
    print("# no udp datagram or no icmp error in the run")
    bad += 1
sys.exit(1 if bad else 0)
PY

# ---- the transitions: each names its segment, or says it had none --------------
# A transition line is "  WHO: STATE -> STATE (CAUSE) -> ...", WHO a stage
# socket or a connection's addresses; every "-> STATE" has its cause, and
# the states the segments tell always end where the kernel's table is
# (otherwise the line says "the kernel's").
grep -E '^  (s[0-9]+|tcp [^ ]+ [^ ]+): [A-Z]' "$tmp/out" > "$tmp/moves" ||
	fail "no transitions in the transcript"
sed 's/^/# move: /' "$tmp/moves"
python3 - "$tmp/moves" <<'PY' || fail "a transition without its cause (above)"
import re, sys
bad = 0
for line in open(sys.argv[1]):
    body = line.split(': ', 1)[1].strip()
    steps = body.split(' -> ')[1:]
    if not steps or not all(re.fullmatch(r'[A-Z0-9-]+ \((.+)\)', s) for s in steps):
        print("# no cause: " + line.strip()); bad += 1
    if "the kernel's" in line:
        print("# the segments and the kernel disagree: " + line.strip()); bad += 1
sys.exit(1 if bad else 0)
PY
# Each socket's transitions, joined across the calls (when a delayed ACK
# comes is the kernel's business, not the test's)
python3 - "$tmp/moves" <<'PY' || fail "a socket went through other states (above)"
import re, sys
seq = {}
for line in open(sys.argv[1]):
    who, body = line.strip().split(': ', 1)
    who = re.sub(r':\d+$', ':*', who)     # the ephemeral port
    parts = body.split(' -> ')
    seq.setdefault(who, [parts[0]])
    seq[who] += parts[1:]
want = {
    's1': ['CLOSE', 'LISTEN (no segment)'],
    's2': ['CLOSE', 'SYN-SENT (s2 sent SYN)', 'ESTAB (SYN+ACK from s1)',
           'FIN-WAIT-1 (s2 sent FIN)', 'FIN-WAIT-2 (ACK from s3)',
           'TIME-WAIT (FIN from s3)'],
    's3': ['ESTAB', 'CLOSE-WAIT (FIN from s2)', 'LAST-ACK (s3 sent FIN)',
           'CLOSE (ACK from s2)'],
    's4': ['CLOSE', 'SYN-SENT (s4 sent SYN)', 'ESTAB (SYN+ACK from s1)',
           'CLOSE (RST from s5)'],
    's5': ['ESTAB', 'CLOSE (s5 sent RST)'],
    's6': ['CLOSE', 'SYN-SENT (s6 sent SYN)', 'CLOSE (RST from 127.0.0.1:3999)'],
}
bad = 0
for who, steps in want.items():
    if seq.get(who) != steps:
        print("# %s went %s, not %s" % (who, seq.get(who), steps)); bad += 1
kids = [w for w in seq if w.startswith('tcp 127.0.0.1:3459 ')]
for k in kids:
    if seq[k][:3] != ['CLOSE', 'SYN-RECV (SYN from s2)', 'ESTAB (ACK from s2)'] and \
       seq[k][:3] != ['CLOSE', 'SYN-RECV (SYN from s4)', 'ESTAB (ACK from s4)']:
        print("# %s went %s" % (k, seq[k])); bad += 1
if len(kids) != 1:   # both accepted connections on one line: same ports
    print("# the accepted connections: %s" % kids); bad += 1
sys.exit(1 if bad else 0)
PY

# ---- without CAP_NET_RAW -------------------------------------------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	printf 'socket tcp as a\n' | nobody "$SOCKSTAGE" --run - --wire \
		> "$tmp/out2" 2> "$tmp/err2"
	rc=$?
	sed 's/^/# /' "$tmp/out2" "$tmp/err2"
	[ "$rc" = 0 ] || fail "--wire without CAP_NET_RAW: exit $rc, not 0"
	grep -q 'socket(AF_INET, SOCK_STREAM, 0) = s1 (a)' "$tmp/out2" ||
		fail "--wire without CAP_NET_RAW: the run did not go on"
	grep -q -- '--wire: no capture: .*capturing needs CAP_NET_RAW' "$tmp/err2" ||
		fail "--wire without CAP_NET_RAW: no reason given"
	printf 'socket tcp as a\n' | nobody "$SOCKSTAGE" --run - \
		--pcap /proc/self/cwd/never.pcap > "$tmp/out3" 2> "$tmp/err3"
	rc=$?
	[ "$rc" = 2 ] || fail "--pcap without CAP_NET_RAW: exit $rc, not 2"
	grep -q -- '--pcap: no capture: .*CAP_NET_RAW' "$tmp/err3" ||
		fail "--pcap without CAP_NET_RAW: no reason given"
else
	note "not root or no setpriv: the run without CAP_NET_RAW is left out"
fi
exit 0
