"""The JSON contract of design.md: stable keys, 1-based positions, columns in characters."""

from __future__ import annotations

import json

from newslint import __version__
from newslint.report import Report, counts


def format_json(report: Report) -> str:
    doc = {
        "version": __version__,
        "files_checked": report.files_checked,
        "diagnostics": [d.to_json() for d in report.diagnostics],
        "summary": counts(report.diagnostics),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
