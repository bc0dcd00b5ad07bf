"""A short coverage-guided fuzz run (atheris) of fuzz/fuzz_article.py: bytes -> load -> every rule.

Bounded by a run count and a time cap so it fits in CI; for long runs see fuzz/README.md.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
RUNS = 2000

pytestmark = pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                                reason="atheris is not installed (pip install atheris; it ships wheels for "
                                       "CPython on Linux x86-64 and macOS)")


def test_short_fuzz_run_finds_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"  # libFuzzer writes new inputs into the first folder: never into fuzz/seeds
    corpus.mkdir()
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    res = subprocess.run(
        [sys.executable, str(FUZZ / "fuzz_article.py"), f"-runs={RUNS}", "-seed=1", "-max_len=4096",
         "-timeout=20", "-rss_limit_mb=2048", "-max_total_time=240", f"-dict={FUZZ / 'article.dict'}",
         f"-artifact_prefix={artifacts}/", str(corpus), str(FUZZ / "seeds")],
        cwd=tmp_path, capture_output=True, text=True, timeout=400)
    found = sorted(p.name for p in artifacts.iterdir())
    tail = "\n".join(res.stderr.splitlines()[-40:])
    assert res.returncode == 0 and not found, f"the fuzzer found {found}:\n{tail}"
    assert f"Done {RUNS} runs" in res.stderr or "Done" in res.stderr, tail


def _load_target() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_article", FUZZ / "fuzz_article.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seeds_pass_and_a_broken_position_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The target's checks without the fuzzer: a failing seed is a plain test failure with a traceback.
    target = _load_target()
    seeds = sorted((FUZZ / "seeds").iterdir())
    assert len(seeds) >= 5
    for seed in seeds:
        data = seed.read_bytes()
        target.test_one_input(data)
        target.check(data, "article.html")
    real = target.check_document

    def off_by_one(doc: Any, config: Any) -> Any:
        result = real(doc, config)
        d = result.diagnostics[0]
        d.column = len(doc.text.splitlines()[d.line - 1]) + 2
        return result

    monkeypatch.setattr(target, "check_document", off_by_one)
    with pytest.raises(AssertionError, match="column"):
        target.check(b"---\ntitle: x\n---\n")
