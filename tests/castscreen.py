# SPDX-License-Identifier: GPL-2.0-or-later
# castscreen.py - replay an asciicast v2 file (sockstage --record) into a
# virtual terminal (pyte: /usr/bin/python3 with Debian's python3-pyte),
# for the tests that check what a cast shows:
#
#	import castscreen
#	head, events = castscreen.load(path)	# the header, the events
#	screen = castscreen.replay(head, events)	# the screen at the end
#	castscreen.lines(screen)		# its rows, right-stripped
#
# or from the shell: /usr/bin/python3 castscreen.py CAST [N] prints the
# screen after the Nth "o" event (default: all of them), one row a line.
#
# What pyte 0.8 lacks and a cast of a curses program needs:
#  - SU and SD (CSI n S, CSI n T), which ncurses uses for terminals that
#    have them (indn, rin): scroll within the margins;
#  - the alternate screen (DECSET 1049, 1047, 47): curses draws on it,
#    and leaving it brings the normal screen back, so that a cast that
#    ends by leaving it ends on the normal screen, as a real terminal
#    (and asciinema's player) would show it.
# "r" events resize the screen.

import json
import sys

import pyte

ALT_MODES = {1049, 1047, 47}


class Screen(pyte.Screen):
    def __init__(self, columns, lines):
        super().__init__(columns, lines)
        self.main = None          # the normal screen while on the alternate

    def _scroll(self, n, y, step):
        saved = self.cursor.y
        self.cursor.y = y
        for _ in range(max(n, 1)):
            step()
        self.cursor.y = saved

    def scroll_up(self, n=1, private=False):
        m = self.margins or pyte.screens.Margins(0, self.lines - 1)
        self._scroll(n, m.bottom, self.index)

    def scroll_down(self, n=1, private=False):
        m = self.margins or pyte.screens.Margins(0, self.lines - 1)
        self._scroll(n, m.top, self.reverse_index)

    def set_mode(self, *modes, **kwargs):
        if kwargs.get("private") and ALT_MODES & set(modes):
            if self.main is None:
                self.main = ({y: dict(l) for y, l in self.buffer.items()},
                             self.cursor.x, self.cursor.y)
                self.erase_in_display(2)
            modes = [m for m in modes if m not in ALT_MODES]
        super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes, **kwargs):
        if kwargs.get("private") and ALT_MODES & set(modes):
            if self.main is not None:
                saved, x, y = self.main
                self.main = None
                self.buffer.clear()
                for row, cells in saved.items():
                    self.buffer[row].update(cells)
                self.cursor.x, self.cursor.y = x, y
                self.dirty.update(range(self.lines))
            modes = [m for m in modes if m not in ALT_MODES]
        super().reset_mode(*modes, **kwargs)


class Stream(pyte.Stream):
    csi = dict(pyte.Stream.csi, S="scroll_up", T="scroll_down")


def load(path):
    """The header (a dict) and the events ([time, code, text] lists)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rows = text.split("\n")
    if rows[-1] != "":
        raise ValueError("the cast does not end with a newline")
    return json.loads(rows[0]), [json.loads(r) for r in rows[1:-1]]


def replay(head, events, upto=None):
    """The screen after the first upto "o" events (None: all)."""
    screen = Screen(head["width"], head["height"])
    stream = Stream(screen)
    n = 0
    for _, code, data in events:
        if code == "o":
            if upto is not None and n >= upto:
                break
            n += 1
            stream.feed(data)
        elif code == "r":
            cols, rows = map(int, data.split("x"))
            screen.resize(rows, cols)
    return screen


def lines(screen):
    return [row.rstrip() for row in screen.display]


if __name__ == "__main__":
    h, ev = load(sys.argv[1])
    s = replay(h, ev, int(sys.argv[2]) if len(sys.argv) > 2 else None)
    print("\n".join(lines(s)))
