"""The one thing every rule produces: a diagnostic with a position in the article."""

from __future__ import annotations

import operator
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that `max()` gives the worst; the names are the JSON vocabulary."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None


_LABELS = {s: s.name.lower() for s in Severity}

FAMILIES = ("parse", "front-matter", "duplicates", "images", "headings", "typos", "html", "links", "style")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (character offsets in the decoded file) with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    family: str
    severity: Severity
    message: str
    suggestion: str | None = None
    fixable: bool = False
    # Not part of the JSON contract: the edits of a safe fix, the offending text
    # (for baseline fingerprints) and the start offset (for inline suppression ordering).
    edits: tuple[Edit, ...] = field(default=(), compare=False)
    snippet: str = field(default="", compare=False)

    def record(self, path: str = "") -> tuple[Any, ...]:
        """The diagnostic as a flat tuple of plain values, which marshal (the result cache) and pickle (the
        worker processes) both write fast; the path is None when it is `path`, the file all the
        diagnostics of one list share. from_records turns records back into diagnostics."""
        return (None if self.path == path else self.path, self.line, self.column, self.end_line, self.end_column,
                self.rule, self.name, self.family, int(self.severity), self.message, self.suggestion, self.fixable,
                tuple((e.start, e.end, e.replacement) for e in self.edits), self.snippet)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Workers send every diagnostic to the main process: a flat tuple with the severity as a number
        # unpickles in one call, where the default (a state dict and an enum lookup) costs several.
        return (_from_record, (self.record(),))

    # The order of a report: by file, position, rule and message (attrgetter: the key made in C, which a
    # sort of a run's tens of thousands of diagnostics feels). Use as key=Diagnostic.sort_key.
    sort_key = staticmethod(operator.attrgetter("path", "line", "column", "rule", "message"))

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "family": self.family,
            "severity": self.severity.label,
            "message": self.message,
            "suggestion": self.suggestion,
            "fixable": self.fixable,
        }


_SEVERITY_OF = {int(s): s for s in Severity}


def from_records(records: Iterable[tuple[Any, ...]], path: str = "") -> list[Diagnostic]:
    """Diagnostics from their records (Diagnostic.record), received from a worker or read from the cache.

    The main process keeps every diagnostic of the run: the texts that repeat from article to article
    (rule names, and most messages, suggestions and quoted words) are kept once (interned), not once per
    article. One comprehension: a cached run rebuilds tens of thousands, and a call per record cost more
    than the objects.
    """
    new, sev, text = Diagnostic, _SEVERITY_OF, sys.intern
    return [new(p or path, line, col, end_line, end_col, text(rule), text(name), text(family), sev[severity],
                text(message), suggestion and text(suggestion), fixable,
                tuple(Edit(*e) for e in edits) if edits else (), text(snippet))
            for (p, line, col, end_line, end_col, rule, name, family, severity, message, suggestion, fixable, edits,
                 snippet) in records]


def _from_record(record: tuple[Any, ...]) -> Diagnostic:
    return from_records((record,))[0]
