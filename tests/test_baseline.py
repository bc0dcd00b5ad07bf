"""Baselines: record today's problems, report only new ones; lines may move, a new problem still fails."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.baseline import Baseline, build, fingerprint, load
from newslint.diagnostics import Diagnostic, Severity
from newslint.testing import invoke

OLD = "---\ntitle: 오래된 기사의 제목\nexerpt: 요약입니다.\n---\n\n본문입니다.\n"
BROKEN = "---\ntitle: [속보] 대통령 담화\n---\n본문\n"
SELECT = ["--select", "parse,FM009", "--max-warnings", "0"]


run = invoke


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    posts = tmp_path / "_posts"
    posts.mkdir()
    for i in range(5):
        (posts / f"2001-01-0{i + 1}-old{i}.md").write_text(OLD, encoding="utf-8")
    (posts / "2001-02-01-broken.md").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_round_trip(archive: Path) -> None:
    code, _out, _ = run(["check", "_posts", *SELECT], archive)
    assert code == 1
    code, out, err = run(["check", "_posts", *SELECT, "--write-baseline", "newslint-baseline.json"], archive)
    assert code == 0 and "recorded 6 problems in 6 files" in err and out == ""
    data = json.loads((archive / "newslint-baseline.json").read_text(encoding="utf-8"))
    assert data["problems"] == 6 and len(data["entries"]) == 6
    assert {e["rule"] for e in data["entries"]} == {"FM009", "NL006"}
    assert data["entries"][0]["path"] == "_posts/2001-01-01-old0.md"  # relative to the baseline's folder
    code, out, err = run(["check", "_posts", *SELECT, "--baseline", "newslint-baseline.json"], archive)
    assert code == 0, out
    assert "6 known problems in newslint-baseline.json not shown" in err


def test_lines_moving_keep_the_baseline(archive: Path) -> None:
    run(["check", "_posts", *SELECT, "--write-baseline", "b.json"], archive)
    moved = OLD.replace("title: 오래된", "date: 2001-01-01\nauthor: 기자\ntitle: 오래된")
    (archive / "_posts/2001-01-01-old0.md").write_text(moved, encoding="utf-8")
    (archive / "_posts/2001-02-01-broken.md").write_text("---\nlayout: post\n" + BROKEN[4:], encoding="utf-8")
    code, out, _ = run(["check", "_posts", *SELECT, "--baseline", "b.json", "--format", "json"], archive)
    assert code == 0 and json.loads(out)["diagnostics"] == []


def test_a_new_problem_still_fails(archive: Path) -> None:
    run(["check", "_posts", *SELECT, "--write-baseline", "b.json"], archive)
    # the same kind of problem once more in a baselined file, and a new article with a problem
    (archive / "_posts/2001-01-01-old0.md").write_text(OLD.replace("exerpt", "exerpt: x\nexerpt"),
                                                       encoding="utf-8")
    (archive / "_posts/2026-07-04-new.md").write_text(BROKEN, encoding="utf-8")
    code, out, _ = run(["check", "_posts", *SELECT, "--baseline", "b.json", "--format", "json"], archive)
    assert code == 1
    got = sorted((d["path"], d["rule"], d["line"]) for d in json.loads(out)["diagnostics"])
    # the baseline covers the first 'exerpt' it meets; the second copy is the new problem
    assert got == [("_posts/2001-01-01-old0.md", "FM009", 4), ("_posts/2026-07-04-new.md", "NL006", 2)]


def test_same_problem_twice_counts(archive: Path) -> None:
    run(["check", "_posts", *SELECT, "--write-baseline", "b.json"], archive)
    p = archive / "_posts/2001-01-01-old0.md"
    p.write_text(OLD.replace("exerpt: 요약입니다.\n", "exerpt: 요약입니다.\nexerpt: 두 번째.\n"), encoding="utf-8")
    code, out, _ = run(["check", "_posts", "--select", "FM009", "--baseline", "b.json", "--format", "json"], archive)
    diags = json.loads(out)["diagnostics"]
    assert len(diags) == 1  # one of the two 'exerpt' keys is known, the other is new


def test_fixed_problems_are_reported_as_gone(archive: Path) -> None:
    run(["check", "_posts", *SELECT, "--write-baseline", "b.json"], archive)
    (archive / "_posts/2001-01-02-old1.md").write_text(OLD.replace("exerpt", "excerpt"), encoding="utf-8")
    code, _out, err = run(["check", "_posts", *SELECT, "--baseline", "b.json"], archive)
    assert code == 0 and "1 recorded there is gone" in err


def test_baseline_from_another_folder(archive: Path) -> None:
    run(["check", "_posts", *SELECT, "--write-baseline", "b.json"], archive)
    code, out, _ = run(["check", ".", *SELECT, "--baseline", "../b.json"], archive / "_posts")
    assert code == 0, out


def test_bad_baseline_files_are_usage_errors(archive: Path) -> None:
    (archive / "b.json").write_text("{not json", encoding="utf-8")
    code, _out, err = run(["check", "_posts", "--baseline", "b.json"], archive)
    assert code == 2 and "not a newslint baseline" in err
    code, _out, err = run(["check", "_posts", "--baseline", "missing.json"], archive)
    assert code == 2 and "cannot read the baseline" in err
    (archive / "b.json").write_text('{"entries": []}', encoding="utf-8")
    code, _out, err = run(["check", "_posts", "--baseline", "b.json"], archive)
    assert code == 2


def d(message: str, snippet: str, line: int = 1) -> Diagnostic:
    return Diagnostic("a.md", line, 1, line, 2, "DUP003", "x", "duplicates", Severity.ERROR, message,
                      snippet=snippet)


def test_fingerprint_ignores_position_and_spacing_not_content() -> None:
    assert fingerprint(d("m", "두 정상이  만났다", 3)) == fingerprint(d("m", "두 정상이 만났다\n", 40))
    assert fingerprint(d("m", "두 정상이 만났다")) != fingerprint(d("m", "두 정상이 헤어졌다"))
    # no snippet: the message, its numbers (often line numbers of another article) ignored
    assert fingerprint(d("same as b.md line 4", "")) == fingerprint(d("same as b.md line 9", ""))
    assert fingerprint(d("same as b.md line 4", "")) != fingerprint(d("same as c.md line 4", ""))


def test_filter_and_build(tmp_path: Path) -> None:
    diags = [d("m", "x"), d("m", "x"), d("m", "y")]
    doc = build(diags, os.getcwd())
    entries = doc["entries"]
    assert isinstance(entries, list) and sorted(e["count"] for e in entries) == [1, 2]
    (tmp_path / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    base = load(str(tmp_path / "b.json"))
    assert isinstance(base, Baseline)
    base.base_dir = os.getcwd()
    new, hidden, gone = base.filter([d("m", "x"), d("m", "x"), d("m", "x"), d("m", "z")])
    assert (len(new), hidden, gone) == (2, 2, 1)
