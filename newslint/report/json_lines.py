"""JSON Lines: one diagnostic per line (the objects of the JSON contract), nothing else, for streaming tools."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.report import Report
from newslint.report.json_format import json_line_bytes


def format_json_lines(report: Report) -> str:
    return b"".join(format_json_lines_chunks(report)).decode()


def format_json_lines_chunks(report: Report) -> Iterator[bytes]:
    """format_json_lines in UTF-8 pieces of a few thousand lines."""
    lines = json_line_bytes(report.diagnostics)
    while piece := b"".join(line + b"\n" for _, line in zip(range(2000), lines, strict=False)):
        yield piece
