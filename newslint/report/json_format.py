"""The JSON contract of design.md: stable keys, 1-based positions, columns in characters.

Laid out with one diagnostic per line: as readable as indenting every key, and the list is encoded
by the C encoder a few thousand diagnostics per call (`indent=` would switch Python to its pure-Python encoder, and a
call per diagnostic costs more than the encoding: both took most of a cached run's time).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newslint import __version__
from newslint.report import Report, counts

_encode = json.JSONEncoder(ensure_ascii=False).encode


_CHUNK = 2000  # diagnostics per encoder call: big enough to be fast, small enough to stay small in memory


def format_json(report: Report) -> str:
    return "".join(format_json_chunks(report))


def format_json_chunks(report: Report) -> Iterator[str]:
    """format_json's text in pieces, so a run with a hundred thousand findings is written without
    holding the whole document (several copies of it) in memory."""
    yield "{\n" + f'  "version": {_encode(__version__)},\n' + f'  "files_checked": {report.files_checked},\n'
    diagnostics = report.diagnostics
    if diagnostics:
        yield '  "diagnostics": [\n'
        for i in range(0, len(diagnostics), _CHUNK):
            # Every diagnostic is an object starting with "path"; inside a JSON string a quote is always
            # escaped, so '}, {"path": ' only ever occurs between two diagnostics: there the line breaks.
            encoded = _encode([d.to_json() for d in diagnostics[i : i + _CHUNK]])
            yield ("    " if i == 0 else ",\n    ") + encoded[1:-1].replace('}, {"path": ', '},\n    {"path": ')
        yield "\n  ],\n"
    else:
        yield '  "diagnostics": [],\n'
    yield f'  "summary": {_encode(counts(diagnostics))}\n}}\n'
