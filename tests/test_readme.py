"""README.md's rule table is generated from the registry and must not drift from it."""

from __future__ import annotations

from pathlib import Path

from newslint.docs import render

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rule_table_is_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run `python -m newslint.docs` to regenerate README.md's rule table"


def test_readme_has_the_two_newcomer_commands_and_ci_runs_the_second() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[korean]' && .venv/bin/newslint check examples/" in text
    assert "pip install -e '.[dev,korean,online]' && .venv-ci/bin/python -m pytest" in text
    assert ".venv-ci/bin/pip install --quiet -e '.[dev,korean,online]'" in ci
    assert ".venv-ci/bin/python -m pytest" in ci
