"""The real corpus and the example article run through the real command without a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT.parent / "shared" / "examples" / "breaking-news-ko.md"


def _check(*args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    res = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--format", "json", *args],
                         capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert "Traceback" not in res.stderr, res.stderr[-3000:]
    return res.returncode, json.loads(res.stdout), res.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_whole_corpus_runs_without_internal_errors() -> None:
    code, data, _err = _check(str(CORPUS))
    assert code == 1  # the corpus has real errors
    assert data["files_checked"] >= 4000
    internal = [d for d in data["diagnostics"] if d["rule"] == "NL900"]
    assert internal == [], internal[:5]
    lines = {}
    for d in data["diagnostics"]:
        assert d["line"] >= 1 and d["column"] >= 1
        lines.setdefault(d["path"], []).append(d["line"])


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="../shared/examples is not here")
def test_seed_article_gets_its_real_defects() -> None:
    code, data, _err = _check(str(EXAMPLE))
    assert code == 1
    rules = {d["rule"] for d in data["diagnostics"]}
    # excerpt == feature_text, the generic image, another brand in alt, editor artifacts, rel=dofollow, 오늘
    assert {"DUP001", "HTML001", "LNK001"} <= rules, sorted(rules)


def test_bundled_examples_show_problems() -> None:
    code, data, _err = _check(str(ROOT / "examples"))
    assert code == 1
    rules = {d["rule"] for d in data["diagnostics"]}
    assert "NL006" in rules
