"""Formatters: pure functions from the diagnostics of a run to text."""

from __future__ import annotations

import importlib
import operator
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from newslint.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Report:
    diagnostics: list[Diagnostic]
    files_checked: int
    seconds: float
    files: tuple[str, ...] = ()  # every file checked (junit lists clean files too)


Formatter = Callable[[Report], str]


_FORMATS = {
    "text": ("text", "format_text"), "json": ("json_format", "format_json"),
    "json-lines": ("json_lines", "format_json_lines"), "sarif": ("sarif", "format_sarif"),
    "github": ("github", "format_github"), "junit": ("junit", "format_junit"), "gitlab": ("gitlab", "format_gitlab"),
}


def _lazy(module: str, name: str) -> Formatter:
    """Import a format's module only when it is used: a pre-commit run never pays for SARIF or XML."""

    def format_report(report: Report, *args: Any, **kwargs: Any) -> str:
        fn = getattr(importlib.import_module(f"newslint.report.{module}"), name)
        return fn(report, *args, **kwargs)

    return format_report


def formatters() -> dict[str, Formatter]:
    return {fmt: _lazy(module, name) for fmt, (module, name) in _FORMATS.items()}


_CHUNKED = {"json": ("json_format", "format_json_chunks"), "json-lines": ("json_lines", "format_json_lines_chunks")}


def format_chunks(fmt: str, report: Report) -> Iterator[bytes]:
    """The report in UTF-8 pieces to write one after the other: formatters()[fmt](report), encoded.

    The machine formats a CI gate reads are made in pieces, as bytes: a run over tens of thousands of
    articles writes tens of megabytes without holding them, or encoding them again, at once.
    """
    if fmt in _CHUNKED:
        module, name = _CHUNKED[fmt]
        chunks: Iterator[bytes] = getattr(importlib.import_module(f"newslint.report.{module}"), name)(report)
        return chunks
    return iter([formatters()[fmt](report).encode("utf-8", "replace")])  # "replace": a lone surrogate


@dataclass
class RuleCount:
    rule: str
    name: str
    severity: str  # the worst severity it was reported with
    count: int = 0
    fixable: int = 0


def statistics(diagnostics: list[Diagnostic]) -> list[RuleCount]:
    """How many problems each rule found, most frequent first (for --statistics)."""
    rows: dict[str, RuleCount] = {}
    worst: dict[str, Severity] = {}
    for d in diagnostics:
        row = rows.setdefault(d.rule, RuleCount(d.rule, d.name, d.severity.label))
        worst[d.rule] = max(worst.get(d.rule, d.severity), d.severity)
        row.severity = worst[d.rule].label
        row.count += 1
        row.fixable += d.fixable
    return sorted(rows.values(), key=lambda r: (-r.count, r.rule))


def counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    by_severity = Counter(map(_SEVERITY, diagnostics))  # in C: a run can have a hundred thousand findings
    return {s.label: by_severity[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


_SEVERITY = operator.attrgetter("severity")
