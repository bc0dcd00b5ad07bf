"""Inline suppression comments, the way markdownlint does it.

    <!-- newslint-disable IMG002 -->     … <!-- newslint-enable IMG002 -->
    <!-- newslint-disable-next-line TYP001 -->
    <!-- newslint-disable-file STY003 -->
No code means every rule. Codes may also be names, families or prefixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.registry import REGISTRY, matches

_DIRECTIVE = re.compile(r"^\s*newslint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*?)\s*$",
                        re.DOTALL)


@dataclass
class Suppressions:
    file_all: bool = False
    file_sel: tuple[str, ...] = ()
    # (first line, last line, selectors or () for all)
    ranges: tuple[tuple[int, int, tuple[str, ...]], ...] = ()

    def hides(self, d: Diagnostic) -> bool:
        if self.file_all:
            return True
        r = REGISTRY.get(d.rule)
        if r is None:
            return False
        if any(matches(r, s) for s in self.file_sel):
            return True
        for first, last, sel in self.ranges:
            if first <= d.line <= last and (not sel or any(matches(r, s) for s in sel)):
                return True
        return False


def parse_suppressions(doc: Document) -> Suppressions | None:
    if not doc.readable or "newslint-" not in doc.text:
        return None
    sup = Suppressions()
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    open_all: int | None = None
    open_sel: dict[str, int] = {}
    file_sel: list[str] = []
    end_line = doc.index.line_count
    for c in doc.body.comments:
        m = _DIRECTIVE.match(c.content)
        if not m:
            continue
        kind = m.group(1)
        sel = tuple(s for s in re.split(r"[\s,]+", m.group(2).strip()) if s)
        line, _ = doc.position(c.start)
        eline, _ = doc.position(c.end)
        if kind == "disable-file":
            if sel:
                file_sel.extend(sel)
            else:
                sup.file_all = True
        elif kind == "disable-next-line":
            ranges.append((eline + 1, eline + 1, sel))
        elif kind == "disable-line":
            ranges.append((line, eline, sel))
        elif kind == "disable":
            if sel:
                for s in sel:
                    open_sel.setdefault(s, line)
            elif open_all is None:
                open_all = line
        else:  # enable
            if sel:
                for s in sel:
                    if s in open_sel:
                        ranges.append((open_sel.pop(s), line, (s,)))
            else:
                if open_all is not None:
                    ranges.append((open_all, line, ()))
                    open_all = None
                for s, start in open_sel.items():
                    ranges.append((start, line, (s,)))
                open_sel.clear()
    if open_all is not None:
        ranges.append((open_all, end_line, ()))
    for s, start in open_sel.items():
        ranges.append((start, end_line, (s,)))
    sup.ranges = tuple(ranges)
    sup.file_sel = tuple(file_sel)
    return sup
