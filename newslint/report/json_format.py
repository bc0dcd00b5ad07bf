"""The JSON contract of design.md: stable keys, 1-based positions, columns in characters.

Laid out with one diagnostic per line: as readable as indenting every key, and the whole list is
encoded by one call of the C encoder (`indent=` would switch Python to its pure-Python encoder, and a
call per diagnostic costs more than the encoding: both took most of a cached run's time).
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
        # Every diagnostic is an object starting with "path"; inside a JSON string a quote is always
        # escaped, so '}, {"path": ' only ever occurs between two diagnostics: there the line breaks.
        encoded = _encode([d.to_json() for d in report.diagnostics])
        out.append("    " + encoded[1:-1].replace('}, {"path": ', '},\n    {"path": '))
        out.append("\n  ],\n")
    else:
        out.append('  "diagnostics": [],\n')
    out.append(f'  "summary": {_encode(counts(report.diagnostics))}\n}}\n')
    return "".join(out)
