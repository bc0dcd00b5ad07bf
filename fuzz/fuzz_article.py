"""Coverage-guided fuzz target (atheris / libFuzzer): bytes -> load -> every default rule.

A finding is any exception escaping the loader or the engine, an internal-error diagnostic
(NL900: a rule raised), a diagnostic whose line or column is outside the text, or an end before
its start. Usage and options: fuzz/README.md.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports(include=["newslint"]):
    from newslint.document import load_bytes
    from newslint.engine import INTERNAL_CODE, check_document, join_corpus
    from newslint.registry import load_rules
    from newslint.testing import make_config

    load_rules()  # the rule modules are imported here, so they are instrumented too

CFG = make_config({})
_NEWLINE = re.compile(r"\r\n|\r|\n")
SUFFIXES = (".md", ".html")


def check(data: bytes, path: str = "article.md") -> None:
    """Raise AssertionError when any property does not hold for `data`."""
    doc = load_bytes(data, path)
    result = check_document(doc, CFG)
    diagnostics = result.diagnostics + join_corpus([result], CFG)
    if doc.readable:
        text = doc.text
    else:  # positions of encoding problems point into what an editor sees
        text = (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode("utf-8", "replace")
    lines = _NEWLINE.split(text)
    for d in diagnostics:
        assert d.rule != INTERNAL_CODE, d.message
        for line, col in ((d.line, d.column), (d.end_line, d.end_column)):
            assert 1 <= line <= len(lines), f"{d.rule}: line {line} of {len(lines)}"
            assert 1 <= col <= len(lines[line - 1]) + 1, f"{d.rule}: column {col} on line {line}"
        assert (d.end_line, d.end_column) >= (d.line, d.column), f"{d.rule}: end before start"
        for e in d.edits:
            assert 0 <= e.start <= e.end <= len(doc.text), f"{d.rule}: edit outside the text"


def test_one_input(data: bytes) -> None:
    # The length's parity picks the file type (Markdown or HTML: the body is read differently), so
    # every byte is the article's and real articles can be used as seeds unchanged.
    check(data, "article" + SUFFIXES[len(data) % 2])


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
