"""Helpers for rule tests: lint a fixture article held in a string."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from newslint.config import Config, build_config
from newslint.diagnostics import Diagnostic
from newslint.document import load_text
from newslint.engine import check_document, join_corpus


def make_config(raw: dict[str, Any] | None = None, root: Path | None = None) -> Config:
    return build_config(raw or {}, root or Path.cwd())


def lint(text: str, path: str = "_posts/2026-07-04-article.md", select: list[str] | None = None,
         config: dict[str, Any] | None = None, root: Path | None = None, dedent: bool = True) -> list[Diagnostic]:
    """Diagnostics for one article given as text (dedented), limited to `select` when given."""
    raw = dict(config or {})
    if select is not None:
        raw["select"] = select
    cfg = make_config(raw, root)
    doc = load_text(textwrap.dedent(text) if dedent else text, path, cfg.limits)
    result = check_document(doc, cfg)
    return result.diagnostics + join_corpus([result], cfg)


def lint_many(articles: dict[str, str], select: list[str] | None = None,
              config: dict[str, Any] | None = None) -> list[Diagnostic]:
    """Diagnostics for several articles at once, corpus rules included."""
    raw = dict(config or {})
    if select is not None:
        raw["select"] = select
    cfg = make_config(raw)
    results = [check_document(load_text(textwrap.dedent(t), p, cfg.limits), cfg) for p, t in articles.items()]
    out = [d for r in results for d in r.diagnostics]
    out.extend(join_corpus(results, cfg))
    return sorted(out, key=Diagnostic.sort_key)


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.rule for d in diagnostics]


def invoke(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the `newslint` command in-process from folder `cwd`: (exit code, stdout, stderr)."""
    import os

    from click.testing import CliRunner

    from newslint.cli import main

    old = os.getcwd()
    os.chdir(cwd)
    try:
        res = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return res.exit_code, res.stdout, res.stderr
