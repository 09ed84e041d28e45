#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# json-check.py - the checks of tests/json.sh on sockstage's --json output.
#
#   json-check.py valid FILE            every line a strict JSON object;
#                                       prints how many
#   json-check.py render FILE           a --run --json's events rendered
#                                       back into the text transcript (each
#                                       row event's fields checked against
#                                       its text first)
#   json-check.py normalize NAME        stdin to stdout: what the kernel
#                                       varies between runs made the same
#                                       (the rules of tests/golden/produce)
#   json-check.py dump TEXT FILE [no-owners]
#                                       a --dump --json against the text
#                                       --dump: as many objects as rows,
#                                       the same columns row for row
#
# Strict: UTF-8, no NaN or Infinity, no duplicate keys, no raw control
# character (C0, DEL, C1) anywhere in a line, each line one object ended
# by exactly one newline. A failed check exits 1 with a message.
import json
import re
import sys


def die(msg):
    print("json-check: " + msg, file=sys.stderr)
    sys.exit(1)


def no_constant(name):
    raise ValueError("not JSON: " + name)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in %r" % keys)
    return dict(pairs)


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def read_jsonl(path):
    data = open(path, "rb").read()
    if data and not data.endswith(b"\n"):
        die("%s: the last line has no newline" % path)
    objs = []
    for n, raw in enumerate(data.split(b"\n")[:-1], 1):
        try:
            line = raw.decode("utf-8")
            if CONTROL.search(line):
                raise ValueError("a raw control character")
            obj = json.loads(line, parse_constant=no_constant,
                             object_pairs_hook=no_duplicates)
        except ValueError as e:
            die("%s:%d: %s: %r" % (path, n, e, raw[:200]))
        if not isinstance(obj, dict):
            die("%s:%d: not an object" % (path, n))
        objs.append(obj)
    return objs


# ---- the text transcript's escapes (src/text.h) -------------------------

UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                     "\u2066-\u2069]")


def shown(s):
    def esc(m):
        c = m.group(0)
        if c in "\t\n\r":
            return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}[c]
        return "".join("\\x%02x" % b for b in c.encode("utf-8"))
    return UNSHOWN.sub(esc, s)


def pad(s, width):
    # C's %-Ns pads by bytes
    return s + " " * max(0, width - len(s.encode("utf-8")))


def check_row(e):
    cols = e["text"].split()
    want = [e["netid"], e["state"], str(e["recv_q"]), str(e["send_q"])]
    if cols[:4] != want:
        die("row %r: its fields say %r" % (e["text"], want))
    for key in ("local", "peer"):
        if e[key].split()[0] not in e["text"]:
            die("row %r lacks its %s %r" % (e["text"], key, e[key]))


def render_transition(e):
    if e["cause"] == "segments":
        return "  %s: %s" % (e["socket"], e["states"])
    why = {"kernel": " (the kernel's; no segment seen)",
           "no-segment": " (no segment)",
           "timewait-timer": " (no segment: the TIME-WAIT timer)"}
    return "  %s: %s -> %s%s" % (e["socket"], e["from"], e["to"],
                                 why[e["cause"]])


def render_result(e):
    if e["kind"] == "fail":
        return "%s = %d %s (%s)" % (e["call"], e["ret"], e["errno"],
                                    e["message"])
    return "%s = %s" % (e["call"], e["value"])


def render_show(e):
    if e["kind"] == "field":
        return "  %s %s %s" % (pad(e["label"], 14), pad(e["value"], 20),
                               e["text"])
    return "  " + e["text"]


RENDER = {
    "line": lambda e: "> " + e["text"],
    "result": render_result,
    "note": lambda e: "  " + e["label"] + e["text"],
    "mismatch": lambda e: "MISMATCH: expected " + e["expected"],
    "error": lambda e: "%s:%d:%d: error: %s" % (e["file"], e["line"],
                                                e["column"], e["message"]),
    "say": lambda e: "-- " + e["text"],
    "title": lambda e: "== " + e["text"],
    "wait": lambda e: "wait %d ms = ok" % e["ms"],
    "wire": lambda e: "  wire: " + e["segment"],
    "transition": render_transition,
    "show": render_show,
}


def render(path):
    out = []
    for e in read_jsonl(path):
        kind = e.get("event")
        if kind == "row":
            check_row(e)
            out.append(e["text"])   # the view's own line, escaped already
        elif kind in RENDER:
            out.append(shown(RENDER[kind](e)))
        else:
            die("unknown event %r" % kind)
    sys.stdout.write("".join(line + "\n" for line in out))


# ---- what varies between runs (tests/golden/produce) ---------------------

EPH = re.compile(r"(:|port )(3276[89]|327[7-9][0-9]|32[89][0-9]{2}|"
                 r"3[3-9][0-9]{3}|[45][0-9]{4}|60[0-9]{3})\b")
TIMER = re.compile(r"\b(on|keepalive|timewait|probe|timer[0-9]+):"
                   r"[0-9.]+m?s(,r[0-9]+)?\b")


def normalize_line(line, name):
    line = EPH.sub(r"\1EPH", line)
    line = re.sub(r"\bpid [0-9]+", "pid N", line)
    if re.match(r"wait [^=]* = ", line):
        line = re.sub(r" after [0-9]+ ms$", " after N ms", line)
    line = TIMER.sub(r"\1:T", line)
    if line.startswith("  why: "):
        line = re.sub(r", [0-9]+s left\)", ", Ns left)", line)
    kind = ""
    if re.match(r"(tcp|udp) ", line):
        kind = "row"
        f = line.split()
        if f[0] == "udp" and f[2] != "0":
            f[2] = "Q"
        line = " ".join(f)
        if (name == "07-reuseport-tcp" and
                re.match(r"tcp LISTEN [0-9]+ [0-9]+ 127\.0\.0\.1:3465 ", line)) or \
           (name == "08-udp-sharing" and
                re.match(r"udp [A-Z-]+ [0-9Q]+ [0-9]+ 127\.0\.0\.1:3566 ", line)):
            f[2] = "R"
            line = " ".join(f)
    elif line.startswith("  why: "):
        kind = "why"
    elif re.match(r"u_(str|dgr|seq) ", line):
        f = line.split()
        if f[1] != "LISTEN" and f[3] != "0":
            f[3] = "Q"
        line = " ".join(f)
    return kind, line


def normalize(name):
    out, group, kind = [], [], ""
    for line in sys.stdin.read().split("\n")[:-1]:
        k, line = normalize_line(line, name)
        if k != kind:
            out.extend(sorted(group))
            group, kind = [], k
        if k:
            group.append(line)
        else:
            out.append(line)
    out.extend(sorted(group))
    sys.stdout.write("".join(line + "\n" for line in out))


# ---- --dump ----------------------------------------------------------------

def owner_text(e):
    if "owners" not in e:
        return None
    items = ["%d/%s" % (o["pid"], o["command"]) for o in e["owners"]]
    if e.get("owners_more"):
        items.append("+%d" % e["owners_more"])
    return ",".join(items) or "-"


def dump_row_text(e, with_owners):
    cols = [e["netid"], e["state"], str(e["recv_q"]), str(e["send_q"]),
            e["local"], e["peer"], e["timer"]]
    cols.append(owner_text(e) if with_owners else "-")
    return TIMER.sub(r"\1:T", " ".join(" ".join(cols).split()))


def check_fields(e):
    if e["family"] == "unix":
        name = {"unnamed": "*", "path": e.get("name"),
                "abstract": "@" + e.get("name", "").replace("\0", "@")}
        want = "%s %d" % (shown(name[e["name_kind"]]), e["inode"])
        if e["local"] != want:
            die("UNIX row %r: its name and inode say %r" % (e["local"], want))
        if e["peer"] != "* %d" % e["peer_inode"]:
            die("UNIX row %r: peer_inode %d" % (e["peer"], e["peer_inode"]))
        if e["pending"] < len(e["pending_inodes"]):
            die("UNIX row %r: more pending inodes than pending" % e["local"])
        return
    for end in ("local", "peer"):
        port = e[end + "_port"]
        if not e[end].endswith(":" + (str(port) if port else "*")):
            die("row %r: %s_port %d" % (e[end], end, port))
    if e["timer_kind"] == "off" and e["timer"] != "-":
        die("row %r: timer_kind off" % e["timer"])
    if e["timer_kind"] != "off" and not e["timer"].startswith(
            e["timer_kind"] + ":"):
        die("row timer %r: timer_kind %r" % (e["timer"], e["timer_kind"]))


def dump(text_path, json_path, with_owners):
    objs = read_jsonl(json_path)
    rows = [line for line in open(text_path, encoding="utf-8",
                                  errors="surrogateescape").read().split("\n")
            if line]
    if len(objs) != len(rows):
        die("%d objects, %d text rows" % (len(objs), len(rows)))
    for e in objs:
        check_fields(e)
        if ("owners" in e) != with_owners:
            die("row %r: owners field %s" % (e["local"], "missing"
                                              if with_owners else "present"))
    # --dump's order: UDP, TCP's IPv4 rows, its IPv6 ones, UNIX
    rank = [0 if e["netid"] == "udp" else
            1 if e["netid"] == "tcp" and e["family"] == "inet" else
            2 if e["netid"] == "tcp" else 3 for e in objs]
    if rank != sorted(rank):
        die("the rows are not in --dump's order (UDP, TCP IPv4, TCP IPv6, "
            "UNIX): %s" % rank)
    if [e["netid"] for e in objs] != [r.split()[0] for r in rows]:
        die("the rows' netids are not in the text's order")
    got = sorted(dump_row_text(e, with_owners) for e in objs)
    want = sorted(TIMER.sub(r"\1:T", " ".join(r.split())) for r in rows)
    for g, w in zip(got, want):
        if g != w:
            die("a row differs:\n  json: %s\n  text: %s" % (g, w))
    print(len(objs))


def main(argv):
    if len(argv) >= 3 and argv[1] == "valid":
        print(len(read_jsonl(argv[2])))
    elif len(argv) == 3 and argv[1] == "render":
        render(argv[2])
    elif len(argv) == 3 and argv[1] == "normalize":
        normalize(argv[2])
    elif len(argv) in (4, 5) and argv[1] == "dump":
        dump(argv[2], argv[3], len(argv) == 4)
    else:
        die("usage: see the header")


main(sys.argv)
