"""--since REV with the real git: report changed and untracked files only, but compare them with all files."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from newslint import registry
from newslint.diagnostics import Severity
from newslint.gitfiles import GitError, changed_files
from newslint.registry import CorpusHooks, Rule
from newslint.testing import invoke

BROKEN = "---\ntitle: [속보] 대통령 담화\n---\n본문\n"


def art(title: str) -> str:
    return f"---\ntitle: {title}\n---\n\n본문입니다.\n"


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


run = invoke


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2026-01-01-old-broken.md").write_text(BROKEN, encoding="utf-8")
    (posts / "2026-01-02-summit.md").write_text(art("정상회담 결과"), encoding="utf-8")
    (posts / "2026-01-03-edited.md").write_text(art("편집할 기사"), encoding="utf-8")
    (posts / "2026-01-04-deleted.md").write_text(art("지울 기사"), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "archive")
    (posts / "2026-01-03-edited.md").write_text(BROKEN, encoding="utf-8")  # modified, not staged
    (posts / "2026-01-04-deleted.md").unlink()
    (posts / "2026-07-04-new.md").write_text(BROKEN, encoding="utf-8")  # untracked
    (tmp_path / ".gitignore").write_text("_posts/ignored-*.md\n", encoding="utf-8")
    (posts / "ignored-draft.md").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_changed_files_uses_git(repo: Path) -> None:
    names = {os.path.relpath(p, os.path.realpath(repo)) for p in changed_files("HEAD", str(repo / "_posts"))}
    assert names == {"_posts/2026-01-03-edited.md", "_posts/2026-07-04-new.md", ".gitignore"}


def test_since_reports_only_changed_and_untracked(repo: Path) -> None:
    code, out, err = run(["check", "_posts", "--select", "parse", "--since", "HEAD", "--format", "json"], repo)
    assert code == 1
    data = json.loads(out)
    assert sorted(d["path"] for d in data["diagnostics"]) == ["_posts/2026-01-03-edited.md",
                                                             "_posts/2026-07-04-new.md"]
    assert data["files_checked"] == 2
    assert "2 of 5 files changed since HEAD" in err  # the ignored draft is still a file named by discovery
    code, out, _ = run(["check", ".", "--select", "parse", "--since", "HEAD", "--format", "json"], repo / "_posts")
    assert sorted(d["path"] for d in json.loads(out)["diagnostics"]) == ["2026-01-03-edited.md", "2026-07-04-new.md"]


def test_nothing_changed_is_a_clean_run(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "more")
    code, out, _ = run(["check", "_posts", "--select", "parse", "--since", "HEAD"], repo)
    assert code == 0 and "0 files checked" in out
    code, out, _ = run(["check", "_posts", "--select", "parse", "--since", "HEAD~1", "--format", "json"], repo)
    assert code == 1 and len(json.loads(out)["diagnostics"]) == 2


def test_cross_article_rules_compare_changed_files_with_all(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fingerprint(doc, ctx):  # type: ignore[no-untyped-def]
        return doc.data.get("title")

    def join(prints, jctx):  # type: ignore[no-untyped-def]
        by_title: dict[str, list[str]] = {}
        for path, title in prints:
            by_title.setdefault(title, []).append(path)
        for paths in by_title.values():
            for p in paths if len(paths) > 1 else []:
                others = ", ".join(o for o in paths if o != p)
                yield jctx.report(p, 2, 1, f"same title as {others}")

    monkeypatch.setitem(registry.REGISTRY, "ZZ990", Rule(
        "ZZ990", "zz-same-title", "duplicates", Severity.ERROR, "s", "b", "g",
        corpus=CorpusHooks(fingerprint, join)))
    (repo / "_posts/2026-07-04-new.md").write_text(art("정상회담 결과"), encoding="utf-8")
    code, out, _ = run(["check", "_posts", "--select", "ZZ990", "--since", "HEAD", "--format", "json"], repo)
    diags = json.loads(out)["diagnostics"]
    # the new article repeats an unchanged one: reported on the new one only
    assert [(d["path"], d["message"]) for d in diags] == [
        ("_posts/2026-07-04-new.md", "same title as _posts/2026-01-02-summit.md")]
    assert code == 1


def test_bad_revision_and_no_repository_are_usage_errors(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    code, _out, err = run(["check", "_posts", "--since", "no-such-branch"], repo)
    assert code == 2 and "unknown git revision 'no-such-branch'" in err
    code, _out, err = run(["check", "_posts", "--since", "--oops"], repo)
    assert code == 2
    outside = tmp_path_factory.mktemp("not-a-repo")
    (outside / "a.md").write_text(BROKEN, encoding="utf-8")
    code, _out, err = run(["check", ".", "--since", "HEAD"], outside)
    assert code == 2 and "--since HEAD" in err
    with pytest.raises(GitError):
        changed_files("HEAD", str(outside))


def test_write_baseline_with_since_is_refused(repo: Path) -> None:
    code, _out, err = run(["check", "_posts", "--since", "HEAD", "--write-baseline", "b.json"], repo)
    assert code == 2 and "--write-baseline records every file" in err


def test_fix_with_since_fixes_only_changed_files(repo: Path) -> None:
    messy = '---\ntitle: " 정상회담 결과 "\n---\n본문\n'
    (repo / "_posts/2026-01-02-summit.md").write_text(messy, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "messy")
    (repo / "_posts/2026-07-05-newer.md").write_text(messy, encoding="utf-8")
    run(["check", "_posts", "--select", "FM010", "--since", "HEAD", "--fix"], repo)
    assert (repo / "_posts/2026-01-02-summit.md").read_text(encoding="utf-8") == messy
    assert (repo / "_posts/2026-07-05-newer.md").read_text(encoding="utf-8") == '---\ntitle: "정상회담 결과"\n---\n본문\n'
