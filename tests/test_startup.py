"""A pre-commit hook checks one or two files: start-up must not pay for what the run does not use (issue 8).

The quick front-matter check lets a valid article be judged without importing jsonschema; these tests
keep that check exactly as strict as jsonschema where it answers, and keep the heavy imports out of
a default run over a valid article.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from newslint.checks import front_matter
from newslint.testing import lint

_CHECKER = jsonschema.Draft202012Validator.TYPE_CHECKER
_VALUES = [None, True, False, 0, 1, -3, 2.0, 2.5, float("inf"), "", "x", [], [1], {}, {"a": 1}]


@pytest.mark.parametrize("name", sorted(front_matter._TYPES))
def test_quick_types_agree_with_jsonschema(name: str) -> None:
    for v in _VALUES:
        assert front_matter._TYPES[name](v) == _CHECKER.is_type(v, name), (name, v)


def test_format_verdicts_do_not_depend_on_installed_packages() -> None:
    checker = front_matter._validator(None).format_checker
    assert sorted(checker.checkers) == sorted(front_matter.CHECKED_FORMATS)
    # An address with a space is not RFC 3986, but uri-reference is an annotation here (IMG001 judges
    # image addresses), whether or not rfc3986-validator is installed.
    assert checker.conforms("https://example.com/사진 (4).jpg", "uri-reference")
    assert not checker.conforms("2026-13-45", "date")


def test_checked_formats_are_judged_by_jsonschema(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{"type": "object", "properties": {"embargo": {"type": "string", "format": "date"}}}',
                      encoding="utf-8")
    quick = front_matter._quick_valid(str(schema))
    assert quick is not None
    assert quick({"embargo": None}) is False and quick({}) is True
    assert not quick({"embargo": "2026-07-04"})  # text in a checked format: jsonschema decides
    found = lint("---\ntitle: t\nembargo: 2026-13-45\n---\n", select=["FM003"], config={"schema": str(schema)})
    assert [d.rule for d in found] == ["FM003"]
    assert lint("---\ntitle: t\nembargo: 2026-07-04\n---\n", select=["FM003"],
                config={"schema": str(schema)}) == []


def test_quick_check_is_skipped_for_other_drafts(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}', encoding="utf-8")
    assert front_matter._quick_valid(str(schema)) is None


_HEAVY = ("jsonschema", "httpx", "bs4", "kiwipiepy", "multiprocessing", "socket", "tempfile", "traceback", "tomllib")


def test_one_valid_article_imports_nothing_heavy(tmp_path: Path) -> None:
    article = tmp_path / "2026-07-04-summit.md"
    article.write_text(textwrap.dedent("""\
        ---
        title: 푸틴·시진핑, 카자흐스탄에서 회담
        categories: 국제
        excerpt: 두 정상이 4일 아스타나에서 만났다.
        image: https://img.example.co.kr/2026/07/summit.jpg
        ---

        <p>두 정상은 4일 카자흐스탄 아스타나에서 만났다.</p>
        """), encoding="utf-8")
    code = textwrap.dedent(f"""\
        import sys
        from newslint.cli import main
        try:
            main(["check", {str(article)!r}, "--no-cache", "--ignore", "TYP021,TYP022,TYP023,TYP024"])
        except SystemExit as exc:
            assert exc.code in (0, 1), exc.code
        print("heavy:" + ",".join(m for m in {_HEAVY!r} if m in sys.modules))
        """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip().splitlines()[-1] == "heavy:", out.stdout
