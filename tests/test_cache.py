"""The result cache: a second run reuses results, any change invalidates them, output stays identical."""

from __future__ import annotations

import json
from pathlib import Path

from newslint.testing import invoke

ART = "---\ntitle: [속보] 대통령 담화\n---\n본문\n"
GOOD = "---\ntitle: 좋은 기사 제목입니다\n---\n본문\n"


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    code, out, _err = invoke(args, cwd)
    return code, out


def test_second_run_reuses_results_and_output_is_identical(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"a{i}.md").write_text(ART if i % 2 else GOOD, encoding="utf-8")
    code1, out1 = run(["check", "--format", "json", "--select", "parse,front-matter"], tmp_path)
    cache = tmp_path / ".newslint_cache"
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert (cache / "results.sqlite3").is_file()
    code2, out2 = run(["check", "--format", "json", "--select", "parse,front-matter"], tmp_path)
    assert (code1, json.loads(out1)["diagnostics"]) == (code2, json.loads(out2)["diagnostics"])
    _c, out3 = run(["check", "--format", "json", "--select", "parse,front-matter", "--no-cache"], tmp_path)
    assert json.loads(out3)["diagnostics"] == json.loads(out1)["diagnostics"]


def test_changes_to_the_file_or_the_config_invalidate(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(ART, encoding="utf-8")
    code, _ = run(["check", "--select", "parse"], tmp_path)
    assert code == 1
    p.write_text(GOOD, encoding="utf-8")
    code, _ = run(["check", "--select", "parse"], tmp_path)
    assert code == 0
    p.write_text(ART, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("severity: {NL006: warning}\n", encoding="utf-8")
    code, out = run(["check", "--select", "parse"], tmp_path)
    assert code == 0 and "NL006 warning" in out


def test_an_unwritable_cache_is_turned_off_not_fatal(tmp_path: Path) -> None:
    (tmp_path / ".newslint_cache").write_text("not a folder")
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    code, out = run(["check", "--select", "parse"], tmp_path)
    assert code == 1 and "NL006" in out
