"""End-to-end: the `newslint` command as a user runs it."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import registry
from newslint.testing import invoke

CLEAN = "---\ntitle: 깨끗한 기사 제목\ncategories: 정치\nexcerpt: 요약입니다.\nimage: /a.jpg\n---\n\n본문입니다.\n"
BROKEN = "---\ntitle: [속보] 대통령 담화\n---\n본문\n"
NO_TITLE = "---\ncategories: 정치\nexcerpt: 요약입니다.\nimage: /a.jpg\n---\n\n본문입니다.\n"


def write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


run = invoke


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, "_posts/2026-07-04-clean.md", CLEAN)
    write(tmp_path, "_posts/2026-07-05-broken.md", BROKEN)
    write(tmp_path, "_posts/notes.txt", "not an article")
    write(tmp_path, "_site/2026/07/04/clean.html", "no front matter here")
    write(tmp_path, ".drafts/2026-07-06-x.md", "no front matter")
    write(tmp_path, "node_modules/pkg/README.md", "# readme")
    return tmp_path


def test_exit_codes_and_text_output(site: Path) -> None:
    code, out, _ = run(["check", "--select", "parse,front-matter"], site)
    assert code == 1
    assert "_posts/2026-07-05-broken.md:2:" in out and "NL006 error" in out
    assert "→ a value that starts with '['" in out
    assert out.strip().splitlines()[-1].startswith("2 files checked in ")
    assert "\x1b[" not in out  # no colour on a pipe
    code, out, _ = run(["check", "_posts/2026-07-04-clean.md", "--select", "parse,front-matter"], site)
    assert code == 0, out


def test_missing_path_is_usage_error(site: Path) -> None:
    code, _out, err = run(["check", "nope/"], site)
    assert code == 2 and "no such file or folder: nope/" in err


def test_unknown_selector_is_usage_error(site: Path) -> None:
    code, _out, err = run(["check", "--select", "FM999"], site)
    assert code == 2 and "FM999" in err


def test_json_contract(site: Path) -> None:
    code, out, _ = run(["check", "--format", "json", "--select", "parse,front-matter"], site)
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["version", "files_checked", "diagnostics", "summary"]
    assert data["files_checked"] == 2
    d = data["diagnostics"][0]
    assert list(d) == ["path", "line", "column", "end_line", "end_column", "rule", "name", "family", "severity",
                       "message", "suggestion", "fixable"]
    assert d["path"] == "_posts/2026-07-05-broken.md" and d["family"] == "parse"
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}


def test_columns_count_characters_in_korean(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: 한국어 제목\nexcerpt: 가나다\ntitle: 두번째\n---\n본문\n")
    _code, out, _ = run(["check", "a.md", "--format", "json", "--select", "FM008"], tmp_path)
    d = json.loads(out)["diagnostics"][0]
    assert (d["line"], d["column"], d["end_column"]) == (4, 1, 6)


def test_quiet_exit_zero_and_max_warnings(site: Path) -> None:
    write(site, "_posts/2026-07-06-bare.md", "---\ntitle: 제목만 있는 기사\n---\n본문\n")
    code, out, _ = run(["check", "--select", "FM002", "-q"], site)
    assert code == 0 and out == ""
    code, out, _ = run(["check", "--select", "FM002", "--max-warnings", "0"], site)
    assert code == 1
    code, _out, _ = run(["check", "--exit-zero", "--select", "parse"], site)
    assert code == 0


def test_select_ignore_include_exclude(site: Path) -> None:
    code, out, _ = run(["check", "--select", "parse,front-matter", "--ignore", "NL006"], site)
    assert code == 0, out
    code, out, _ = run(["check", "--select", "parse", "--exclude", "*broken*"], site)
    assert code == 0 and "1 file checked" in out
    code, out, _ = run(["check", "--select", "parse", "--include", "*.txt"], site)
    assert "NL004" in out and "notes.txt" in out


def test_discovery_order_is_deterministic_and_skips_hidden_and_build(site: Path) -> None:
    write(site, "_posts/2026-07-01-a.md", BROKEN)
    _code, out, _ = run(["check", "--format", "json", "--select", "parse"], site)
    paths = [d["path"] for d in json.loads(out)["diagnostics"]]
    assert paths == ["_posts/2026-07-01-a.md", "_posts/2026-07-05-broken.md"]


def test_paths_are_shown_in_normal_form_however_the_folder_was_named(site: Path) -> None:
    for given in ("_posts", "./_posts", "_posts/", "_posts//", "./_posts/../_posts"):
        _code, out, _ = run(["check", "--format", "json", "--select", "parse", given], site)
        assert [d["path"] for d in json.loads(out)["diagnostics"]] == ["_posts/2026-07-05-broken.md"], given


def test_config_file_is_found_walking_up_and_validated(site: Path) -> None:
    write(site, ".newslint.yaml", "ignore: [NL006]\n")
    sub = site / "_posts"
    code, out, _ = run(["check", ".", "--select", "parse"], sub)
    assert code == 0, out
    write(site, ".newslint.yaml", "ignor: [NL006]\n")
    code, _out, err = run(["check", "."], sub)
    assert code == 2 and "unknown key 'ignor'" in err and "did you mean 'ignore'" in err
    write(site, ".newslint.yaml", "rules: {FM007: {max: 5}}\n")
    code, _out, err = run(["check", "."], sub)
    assert code == 2 and "option max expects a mapping" in err
    write(site, ".newslint.yaml", "severity: {FM999: error}\n")
    code, _out, err = run(["check", "."], sub)
    assert code == 2 and "FM999" in err
    write(site, ".newslint.yaml", "rules: {FM007: {maxx: {}}}\n")
    code, _out, err = run(["check", "."], sub)
    assert code == 2 and "did you mean 'max'" in err


def test_pyproject_config_and_severity_override(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.newslint]\nseverity = {NL006 = "warning"}\n')
    write(tmp_path, "a.md", BROKEN)
    code, out, _ = run(["check", "a.md", "--select", "parse"], tmp_path)
    assert code == 0 and "NL006 warning" in out


def test_per_path_overrides(tmp_path: Path) -> None:
    write(tmp_path, ".newslint.yaml", "overrides:\n  - files: ['archive/**']\n    ignore: [FM001]\n")
    write(tmp_path, "archive/2001/a.md", NO_TITLE)
    write(tmp_path, "news/a.md", NO_TITLE)
    _code, out, _ = run(["check", "--select", "FM001", "--format", "json"], tmp_path)
    paths = [d["path"] for d in json.loads(out)["diagnostics"]]
    assert paths == ["news/a.md"]


def test_inline_suppression_of_a_whole_file(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: 제목\n---\n<!-- newslint-disable-file FM007 -->\n본문\n")
    code, out, _ = run(["check", "a.md", "--select", "FM007"], tmp_path)
    assert code == 0 and "0 warnings" in out
    write(tmp_path, "b.md", "---\ntitle: 제목\n---\n<!-- newslint-disable-file front-matter -->\n본문\n")
    code, out, _ = run(["check", "b.md", "--select", "FM007"], tmp_path)
    assert "FM007" not in out
    write(tmp_path, "c.md", "---\ntitle: 제목\n---\n<!-- newslint-disable-file FM001 -->\n본문\n")
    code, out, _ = run(["check", "c.md", "--select", "FM007"], tmp_path)
    assert "FM007" in out


def test_rules_and_explain(tmp_path: Path) -> None:
    code, out, _ = run(["rules"], tmp_path)
    assert code == 0 and "FM001" in out and "required-field" in out and "front-matter" in out
    code, out, _ = run(["explain", "FM008"], tmp_path)
    assert code == 0 and "Bad:" in out and "Good:" in out and "duplicate-key" in out
    code, out, _ = run(["explain", "duplicate-key"], tmp_path)
    assert code == 0 and "FM008" in out
    code, _out, err = run(["explain", "XX123"], tmp_path)
    assert code == 2


def test_internal_error_in_one_rule_is_one_diagnostic_and_exit_2(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(doc, ctx):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("bug")

    r = registry.REGISTRY["FM007"]
    monkeypatch.setitem(registry.REGISTRY, "FM007", dataclasses.replace(r, check=boom))
    code, out, err = run(["check", "--select", "FM007,NL", "--format", "json"], site)
    assert code == 2
    diags = json.loads(out)["diagnostics"]
    internal = [d for d in diags if d["rule"] == "NL900"]
    assert len(internal) == 2 and "FM007" in internal[0]["message"]
    assert any(d["rule"] == "NL006" for d in diags)  # the run went on
    assert "internal error" in err


def test_real_command_runs_as_a_subprocess(site: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "newslint", "check", "--select", "parse", "--jobs", "2"], cwd=site,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1 and "NL006" in res.stdout and "Traceback" not in res.stderr


def test_parallel_output_equals_serial(tmp_path: Path) -> None:
    for i in range(80):
        write(tmp_path, f"_posts/2026-07-{i % 28 + 1:02d}-a{i}.md", BROKEN if i % 3 else CLEAN)
    _c1, serial, _ = run(["check", "--format", "json", "-j", "1"], tmp_path)
    _c2, parallel, _ = run(["check", "--format", "json", "-j", "2"], tmp_path)
    assert json.loads(serial)["diagnostics"] == json.loads(parallel)["diagnostics"]


def test_repository_documents_and_templates_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# The site\n")
    write(tmp_path, "CHANGELOG.md", "# Changes\n")
    write(tmp_path, "_layouts/default.html", "<html>{{ content }}</html>")
    write(tmp_path, "_includes/footer.html", "<footer></footer>")
    write(tmp_path, "_posts/2026-07-04-a.md", CLEAN)
    code, out, _ = run(["check", "--select", "parse"], tmp_path)
    assert code == 0 and "1 file checked" in out
    code, out, _ = run(["check", "--select", "parse", "README.md"], tmp_path)  # named explicitly: checked
    assert code == 1 and "NL004" in out


def test_config_is_found_from_the_checked_folder_when_the_current_one_has_none(tmp_path: Path) -> None:
    write(tmp_path, "site/.newslint.yaml", "ignore: [NL006]\n")
    write(tmp_path, "site/_posts/a.md", BROKEN)
    code, out, _ = run(["check", "site/_posts", "--select", "parse"], tmp_path)
    assert code == 0, out


def test_globset_means_what_each_glob_means() -> None:
    from newslint.config import GlobSet, glob_match

    patterns = ["_site/", ".*/", "README*", "*.md", "drafts/**", "news/*.html", "**/tmp/*.md"]
    paths = ["a.md", "_site/x.md", "posts/_site/y.md", ".git/z.md", "README.md", "docs/README.txt",
             "drafts/2026/a.md", "news/a.html", "news/sub/a.html", "x/tmp/b.md", "tmp/b.md", "a.html"]
    for pattern in patterns:
        one = GlobSet([pattern])
        for path in paths:
            assert one.match(path) == glob_match(path, pattern), (pattern, path)
    every = GlobSet(patterns)
    for path in paths:
        assert every.match(path) == any(glob_match(path, p) for p in patterns), path


def _dies_on_a50(item: tuple[str, str]) -> object:
    """A worker's job that ends its process on one article, as the kernel kills a process: no exception,
    no cleanup."""
    import os

    from newslint import engine

    if item[1].endswith("a50.md"):
        os._exit(9)
    assert engine._worker_config is not None
    return engine.check_file(item[0], item[1], engine._worker_config)


def test_a_worker_process_that_dies_ends_the_run_with_exit_2_not_a_hang(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-run (the machine ran out of memory) must not leave a CI job waiting forever,
    nor print a traceback or a partial report as if it were whole."""
    from newslint import engine

    for i in range(80):
        (tmp_path / f"a{i:02d}.md").write_text(f"---\ntitle: 기사 제목 {i}번입니다\n---\n본문 {i}\n", encoding="utf-8")
    monkeypatch.setattr(engine, "_work", _dies_on_a50)  # the forked workers inherit it
    code, out, err = run(["check", "--select", "parse", "-j", "2", "--no-cache"], tmp_path)
    assert code == 2 and out == ""
    assert "worker process stopped" in err and "-j 1" in err and "Traceback" not in err


def test_an_interrupted_run_exits_130_not_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or a CI job cancelled) must not exit 1, which means "errors found in the articles"."""
    from newslint import engine

    (tmp_path / "a.md").write_text("---\ntitle: 좋은 기사 제목입니다\n---\n본문\n", encoding="utf-8")

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "run", interrupted)
    code, out, err = run(["check", "a.md"], tmp_path)
    assert code == 130 and "newslint: interrupted" in err and "Aborted" not in err and out == ""


def test_a_pyproject_without_a_newslint_table_is_passed_over(tmp_path: Path) -> None:
    from newslint.config import find_config

    (tmp_path / ".newslint.yaml").write_text("select: [parse]\n", encoding="utf-8")
    sub = tmp_path / "site"
    sub.mkdir()
    pyproject = sub / "pyproject.toml"
    for text in ('[project]\nname = "site"\n',  # no newslint at all
                 '# newslint runs in CI\n[tool.ruff]\nline-length = 100\n',  # the word, but no table
                 '[tool.newslint\n'):  # broken TOML
        pyproject.write_text(text, encoding="utf-8")
        assert find_config(sub) == tmp_path / ".newslint.yaml", text
    pyproject.write_bytes(b"name = '\xff' # newslint\n")  # not UTF-8: passed over, not a crash
    assert find_config(sub) == tmp_path / ".newslint.yaml"
    for text in ('[tool.newslint]\nselect = ["parse"]\n', '[tool."newslint"]\nselect = ["parse"]\n',
                 '[tool]\nnewslint = { select = ["parse"] }\n'):
        pyproject.write_text(text, encoding="utf-8")
        assert find_config(sub) == pyproject, text
