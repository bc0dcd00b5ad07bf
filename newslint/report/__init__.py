"""Formatters: pure functions from the diagnostics of a run to text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newslint.diagnostics import Diagnostic


@dataclass(frozen=True)
class Report:
    diagnostics: list[Diagnostic]
    files_checked: int
    seconds: float
    files: tuple[str, ...] = ()  # every file checked (junit lists clean files too)


Formatter = Callable[[Report], str]


def formatters() -> dict[str, Formatter]:
    from newslint.report import json_format, text

    return {"text": text.format_text, "json": json_format.format_json}


def counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        out[d.severity.label] += 1
    return out
