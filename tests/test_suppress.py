"""Inline suppression comments: ranges, next line, whole file; codes, prefixes, families, names."""

from __future__ import annotations

from newslint.diagnostics import Diagnostic, Severity
from newslint.document import load_text
from newslint.suppress import parse_suppressions

BODY = """---
title: 제목
---
line4
<!-- newslint-disable FM007 -->
line6
<!-- newslint-enable FM007 -->
line8
<!-- newslint-disable-next-line -->
line10
line11
<!-- newslint-disable front-matter -->
line13
<!-- newslint-enable -->
line15
"""


def diag(code: str, line: int, family: str = "front-matter", name: str = "field-length") -> Diagnostic:
    return Diagnostic("a.md", line, 1, line, 1, code, name, family, Severity.WARNING, "m")


def test_ranges_next_line_and_families() -> None:
    sup = parse_suppressions(load_text(BODY))
    assert sup is not None
    assert not sup.hides(diag("FM007", 4))
    assert sup.hides(diag("FM007", 6))
    assert not sup.hides(diag("FM001", 6, name="required-field"))
    assert not sup.hides(diag("FM007", 8))
    assert sup.hides(diag("FM001", 10, name="required-field"))
    assert not sup.hides(diag("FM001", 11, name="required-field"))
    assert sup.hides(diag("FM001", 13, name="required-field"))
    assert not sup.hides(diag("FM001", 15, name="required-field"))


def test_disable_without_enable_runs_to_the_end_and_comments_in_code_do_not_count() -> None:
    text = "---\ntitle: x\n---\n```\n<!-- newslint-disable -->\n```\nline7\n<!-- newslint-disable FM -->\nline9\n"
    sup = parse_suppressions(load_text(text))
    assert sup is not None
    assert not sup.hides(diag("FM007", 7))
    assert sup.hides(diag("FM007", 9))


def test_no_directives_means_nothing_to_parse() -> None:
    assert parse_suppressions(load_text("---\ntitle: x\n---\n<!-- a comment -->\n")) is None
