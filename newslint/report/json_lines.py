"""JSON Lines: one diagnostic per line (the objects of the JSON contract), nothing else, for streaming tools."""

from __future__ import annotations

import json

from newslint.report import Report


def format_json_lines(report: Report) -> str:
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in report.diagnostics)
