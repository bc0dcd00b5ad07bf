"""JSON Lines: one diagnostic per line (the objects of the JSON contract), nothing else, for streaming tools."""

from __future__ import annotations

from newslint.report import Report
from newslint.report.json_format import json_lines


def format_json_lines(report: Report) -> str:
    return "".join(line + "\n" for line in json_lines(report.diagnostics))
