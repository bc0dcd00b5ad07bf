"""The one thing every rule produces: a diagnostic with a position in the article."""

from __future__ import annotations

import sys
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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Workers send every diagnostic to the main process: a flat tuple with the severity as a number
        # unpickles in one call, where the default (a state dict and an enum lookup) costs several.
        return (rebuild_diagnostic, (self.path, self.line, self.column, self.end_line, self.end_column, self.rule, self.name,
                           self.family, int(self.severity), self.message, self.suggestion, self.fixable,
                           self.edits, self.snippet))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message)

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


SEVERITY_OF = {int(s): s for s in Severity}


def rebuild_diagnostic(path: str, line: int, column: int, end_line: int, end_column: int, rule: str, name: str, family: str,
             severity: int, message: str, suggestion: str | None, fixable: bool, edits: tuple[Edit, ...],
             snippet: str) -> Diagnostic:
    """A diagnostic received from a worker or read from the cache.

    The main process keeps every diagnostic of the run: the texts that repeat from article to article
    (rule names, and most messages, suggestions and quoted words) are kept once (interned), not once per article.
    """
    return Diagnostic(path, line, column, end_line, end_column, _intern(rule), _intern(name), _intern(family),
                      SEVERITY_OF[severity], _intern(message), suggestion and _intern(suggestion), fixable, edits,
                      _intern(snippet))


_intern = sys.intern
