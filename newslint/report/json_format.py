"""The JSON contract of design.md: stable keys, 1-based positions, columns in characters.

Laid out with one diagnostic per line: as readable as indenting every key. A line is exactly what
`json.dumps(d.to_json(), ensure_ascii=False)` writes, in UTF-8 (tests/test_formats.py holds them to
it), put together from the fixed keys and the C string encoder. A cached run over ten thousand
articles writes tens of megabytes, so the lines are made as bytes and every repeated piece is
encoded once: a path repeats in every finding of its file, a rule's name, family and severity in
every finding of that rule, and most suggestions across files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newslint import __version__
from newslint.diagnostics import Diagnostic, Severity
from newslint.report import Report, counts

_encode = json.JSONEncoder(ensure_ascii=False).encode
_text = json.encoder.encode_basestring  # how JSONEncoder(ensure_ascii=False) writes a text (the C function)
_text_ascii = json.encoder.encode_basestring_ascii


def _utf8(s: str) -> bytes:
    """A text as a JSON string in UTF-8. A lone surrogate (no UTF-8 form) is written as its \\u escape,
    which reads back as the same text."""
    try:
        return _text(s).encode()
    except UnicodeEncodeError:
        return _text_ascii(s).encode()


class _Texts(dict[str, bytes]):
    """Texts as JSON strings in UTF-8, each encoded once."""

    def __missing__(self, s: str) -> bytes:
        encoded = self[s] = _utf8(s)
        return encoded


_LINE = (b'{"path": %b, "line": %d, "column": %d, "end_line": %d, "end_column": %d, %b%b, '
         b'"suggestion": %b, "fixable": %b}')


def json_line_bytes(diagnostics: Iterable[Diagnostic]) -> Iterator[bytes]:
    """Each diagnostic as one line of JSON in UTF-8, the keys in the order of Diagnostic.to_json."""
    t = _Texts()
    middles: dict[tuple[str, str, str, Severity], bytes] = {}  # "rule" … "message": per rule and severity
    for d in diagnostics:
        key = (d.rule, d.name, d.family, d.severity)
        middle = middles.get(key)
        if middle is None:
            middle = middles[key] = (b'"rule": %b, "name": %b, "family": %b, "severity": %b, "message": '
                                     % (t[d.rule], t[d.name], t[d.family], t[d.severity.label]))
        s = d.suggestion
        yield _LINE % (t[d.path], d.line, d.column, d.end_line, d.end_column, middle, t[d.message],
                       b"null" if s is None else t[s], b"true" if d.fixable else b"false")


_CHUNK = 2000  # diagnostics per piece written: small in memory, few pieces


def format_json(report: Report) -> str:
    return b"".join(format_json_chunks(report)).decode()


def format_json_chunks(report: Report) -> Iterator[bytes]:
    """format_json's text in UTF-8 pieces, so a run with a hundred thousand findings is written
    without holding the whole document (several copies of it) in memory."""
    head = "{\n" + f'  "version": {_encode(__version__)},\n' + f'  "files_checked": {report.files_checked},\n'
    yield head.encode()
    diagnostics = report.diagnostics
    if diagnostics:
        yield b'  "diagnostics": [\n'
        lines = json_line_bytes(diagnostics)
        for i in range(0, len(diagnostics), _CHUNK):
            piece = b",\n    ".join(next(lines) for _ in range(min(_CHUNK, len(diagnostics) - i)))
            yield (b"    " if i == 0 else b",\n    ") + piece
        yield b"\n  ],\n"
    else:
        yield b'  "diagnostics": [],\n'
    yield f'  "summary": {_encode(counts(diagnostics))}\n}}\n'.encode()
