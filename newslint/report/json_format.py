"""The JSON contract of design.md: stable keys, 1-based positions, columns in characters.

Laid out with one diagnostic per line: as readable as indenting every key. A line is exactly what
`json.dumps(d.to_json(), ensure_ascii=False)` writes (tests/test_formats.py holds them to it), put
together from the fixed keys and the C string encoder, each distinct text encoded once: paths repeat
in every finding of a file, names and most messages across files. Encoding whole dicts took most of
a cached run's time over ten thousand articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newslint import __version__
from newslint.diagnostics import Diagnostic
from newslint.report import Report, counts

_encode = json.JSONEncoder(ensure_ascii=False).encode
_text = json.encoder.encode_basestring  # how JSONEncoder(ensure_ascii=False) writes a text (the C function)


class _Texts(dict[str, str]):
    """Texts in their JSON form, each encoded once."""

    def __missing__(self, s: str) -> str:
        encoded = self[s] = _text(s)
        return encoded


def json_lines(diagnostics: Iterable[Diagnostic]) -> Iterator[str]:
    """Each diagnostic as one line of JSON, the keys in the order of Diagnostic.to_json."""
    t = _Texts()
    for d in diagnostics:
        yield (f'{{"path": {t[d.path]}, "line": {d.line}, "column": {d.column}, "end_line": {d.end_line}, '
               f'"end_column": {d.end_column}, "rule": {t[d.rule]}, "name": {t[d.name]}, "family": {t[d.family]}, '
               f'"severity": {t[d.severity.label]}, "message": {t[d.message]}, '
               f'"suggestion": {"null" if d.suggestion is None else t[d.suggestion]}, '
               f'"fixable": {"true" if d.fixable else "false"}}}')


_CHUNK = 2000  # diagnostics per piece written: small in memory, few pieces


def format_json(report: Report) -> str:
    return "".join(format_json_chunks(report))


def format_json_chunks(report: Report) -> Iterator[str]:
    """format_json's text in pieces, so a run with a hundred thousand findings is written without
    holding the whole document (several copies of it) in memory."""
    yield "{\n" + f'  "version": {_encode(__version__)},\n' + f'  "files_checked": {report.files_checked},\n'
    diagnostics = report.diagnostics
    if diagnostics:
        yield '  "diagnostics": [\n'
        lines = json_lines(diagnostics)
        for i in range(0, len(diagnostics), _CHUNK):
            piece = ",\n    ".join(next(lines) for _ in range(min(_CHUNK, len(diagnostics) - i)))
            yield ("    " if i == 0 else ",\n    ") + piece
        yield "\n  ],\n"
    else:
        yield '  "diagnostics": [],\n'
    yield f'  "summary": {_encode(counts(diagnostics))}\n}}\n'
