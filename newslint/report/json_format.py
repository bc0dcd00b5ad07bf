"""The JSON contract of design.md: stable keys, 1-based positions, columns in characters.

Laid out with one diagnostic per line: as readable as indenting every key, and each line is
encoded by the C encoder (`indent=` would switch Python to its pure-Python encoder, which took
most of a cached run's time over a few thousand articles).
"""

from __future__ import annotations

import json

from newslint import __version__
from newslint.report import Report, counts

_encode = json.JSONEncoder(ensure_ascii=False).encode


def format_json(report: Report) -> str:
    out = ["{\n", f'  "version": {_encode(__version__)},\n', f'  "files_checked": {report.files_checked},\n']
    if report.diagnostics:
        out.append('  "diagnostics": [\n')
        out.append(",\n".join("    " + _encode(d.to_json()) for d in report.diagnostics))
        out.append("\n  ],\n")
    else:
        out.append('  "diagnostics": [],\n')
    out.append(f'  "summary": {_encode(counts(report.diagnostics))}\n}}\n')
    return "".join(out)
