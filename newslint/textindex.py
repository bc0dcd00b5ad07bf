"""Offsets to 1-based line and column, counted in characters (so Korean text points right)."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

# A line break as every part of newslint counts one (LF, CRLF or a lone CR), grouped: split() keeps it.
LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


class LineIndex:
    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        # Line starts summed at C speed from the lines' lengths (no Python step per line).
        if "\r" not in text:
            lines = text.split("\n")
            lines.pop()  # the last line ends the text, not at a break
            starts = list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))
        else:  # lines and their breaks alternate: every other running total is a line start
            starts = list(accumulate(map(len, LINE_BREAK.split(text)), initial=0))[::2]
        self._starts = starts
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, for a character offset; clamped into the text."""
        offset = max(0, min(offset, self._length))
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        line = max(1, min(line, len(self._starts)))
        return self._starts[line - 1]

    def offset(self, line: int, column: int) -> int:
        return min(self.line_start(line) + column - 1, self._length)
