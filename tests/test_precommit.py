"""The real pre-commit and the real git: a Jekyll-like content repository whose hooks are this checkout's.

The hooks come from this repository's .pre-commit-hooks.yaml, turned into `repo: local` hooks with
`language: system` and the entry pointing at this environment's newslint: `language: python` would
make pre-commit install newslint and its dependencies from the network.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NEWSLINT = BIN / "newslint"
PRE_COMMIT = BIN / "pre-commit"

CLEAN = ("---\nlayout: post\ntitle: \"한중 정상, 베이징서 회담\"\ndate: 2026-07-04 09:00:00 +0900\n"
         "categories: 국제\nexcerpt: 두 정상이 무역과 안보를 논의했다.\nimage: /assets/img/summit.jpg\n---\n\n"
         "두 정상은 4일 베이징에서 만났다.\n")
BAD = CLEAN.replace('title: "한중 정상, 베이징서 회담"', "title: [속보] 한중 정상, 베이징서 회담") \
           .replace("excerpt:", "exerpt:").replace("categories: 국제", "categories: 국제   ")
HAND_FIXED = BAD.replace("title: [속보] 한중 정상, 베이징서 회담", 'title: "[속보] 한중 정상, 베이징서 회담"')
FIXED = HAND_FIXED.replace("exerpt:", "excerpt:").replace("categories: 국제   ", "categories: 국제")
SELECT = ["--select", "parse,front-matter"]  # this test is about the hooks, not about other families' rules


def local_hooks() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    out = []
    for h in hooks:
        h = dict(h)
        assert h["entry"].startswith("newslint ")
        h["entry"] = str(NEWSLINT) + h["entry"][len("newslint"):]
        h["language"] = "system"
        h["args"] = SELECT
        out.append(h)
    return {"repos": [{"repo": "local", "hooks": out}]}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    e.update(GIT_AUTHOR_NAME="기자", GIT_AUTHOR_EMAIL="reporter@example.com", GIT_COMMITTER_NAME="기자",
             GIT_COMMITTER_EMAIL="reporter@example.com", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
             HOME=str(tmp_path / "home"), NO_COLOR="1")
    e.pop("CI", None)
    return e


def sh(args: list[str], cwd: Path, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if ok:
        assert res.returncode == 0, res.stdout + res.stderr
    return res


def test_the_hooks_manifest_is_valid(env: dict[str, str]) -> None:
    sh([str(PRE_COMMIT), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], ROOT, env)
    ids = [h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]
    assert ids == ["newslint", "newslint-fix"]


def test_commit_is_blocked_then_fixed_then_passes(tmp_path: Path, env: dict[str, str]) -> None:
    repo = tmp_path / "site"
    (repo / "_posts").mkdir(parents=True)
    (repo / "_layouts").mkdir()
    (Path(env["HOME"])).mkdir()
    sh(["git", "init", "-q", "-b", "main"], repo, env)
    (repo / "_config.yml").write_text("title: 뉴스다오\nurl: https://newsdao.example\ntimezone: Asia/Seoul\n",
                                      encoding="utf-8")
    (repo / "_layouts/post.html").write_text("<html>{{ content }}</html>\n", encoding="utf-8")  # not an article
    (repo / "README.md").write_text("# 뉴스다오 기사 저장소\n", encoding="utf-8")  # no front matter: not an article
    (repo / "_posts/2026-07-03-earlier.md").write_text(CLEAN.replace("4일", "3일"), encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local_hooks(), allow_unicode=True), encoding="utf-8")
    sh([str(PRE_COMMIT), "install"], repo, env)
    sh(["git", "add", "-A"], repo, env)
    sh(["git", "commit", "-q", "-m", "사이트 시작"], repo, env)  # clean articles, README and layout pass

    article = repo / "_posts/2026-07-04-summit.md"
    article.write_text(BAD, encoding="utf-8")
    sh(["git", "add", str(article)], repo, env)
    res = sh(["git", "commit", "-m", "정상회담 기사"], repo, env, ok=False)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "_posts/2026-07-04-summit.md:3:" in out and "NL006 error" in out  # the diagnostics, in the hook output
    assert out.count("NL006 error") == 2  # both hooks report it; the fix hook cannot fix broken YAML
    assert article.read_text(encoding="utf-8") == BAD
    assert sh(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "1"

    # the editor quotes the title; the fix hook then fixes the rest and stops the commit to show it
    article.write_text(HAND_FIXED, encoding="utf-8")
    sh(["git", "add", str(article)], repo, env)
    res = sh(["git", "commit", "-m", "정상회담 기사"], repo, env, ok=False)
    out = res.stdout + res.stderr
    assert res.returncode == 1 and "files were modified by this hook" in out, out
    assert "fixed _posts/2026-07-04-summit.md: FM009, FM010" in out
    assert article.read_text(encoding="utf-8") == FIXED

    sh(["git", "add", str(article)], repo, env)
    res = sh(["git", "commit", "-m", "정상회담 기사"], repo, env)
    assert "newslint....." in res.stdout + res.stderr and "Failed" not in res.stdout + res.stderr
    assert sh(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "2"
    assert sh(["git", "show", "HEAD:_posts/2026-07-04-summit.md"], repo, env).stdout == FIXED


def test_readme_snippets_are_valid_and_use_real_options() -> None:
    import re

    from click.testing import CliRunner

    from newslint.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In a content repository"):readme.index("\n## Rules")]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    assert len(blocks) == 3
    manifest_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {h["id"] for h in blocks[0]["repos"][0]["hooks"]} == manifest_ids
    steps = blocks[2]["jobs"]["newslint"]["steps"]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("newslint check")]
    assert len(commands) == 2 and "--format github" in commands[0] and "--output newslint.sarif" in commands[1]
    helptext = CliRunner().invoke(main, ["check", "--help"]).stdout
    used = set(re.findall(r"(--[a-z-]+)", "\n".join(commands) + section))
    assert used and all(opt in helptext for opt in used - {"--force"}), used
