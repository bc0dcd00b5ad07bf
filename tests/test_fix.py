"""--fix and --diff: only safe edits, repeated until nothing changes, idempotent, and atomic even under kill -9."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint import registry
from newslint.diagnostics import Diagnostic, Edit, Severity
from newslint.fix import apply_edits, atomic_write, fix_file, newline_of, write_fix
from newslint.registry import Rule
from newslint.testing import invoke, make_config

MESSY = '---\ntitle: " 한중 정상회담 결과 "   \nexerpt: 두 정상이 만났다.\ncategories: 정치\n---\n\n본문입니다.\n'
CLEAN = '---\ntitle: "한중 정상회담 결과"\nexcerpt: 두 정상이 만났다.\ncategories: 정치\n---\n\n본문입니다.\n'
SELECT = ["--select", "parse,FM009,FM010"]


run = invoke


def dg(*edits: Edit) -> Diagnostic:
    return Diagnostic("a.md", 1, 1, 1, 1, "FM010", "x", "front-matter", Severity.INFO, "m", None, bool(edits), edits)


# --------------------------------------------------------------------------- applying edits


def test_apply_edits_skips_overlaps_all_or_nothing_per_diagnostic() -> None:
    text = "0123456789"
    a = dg(Edit(1, 3, "AB"))
    b = dg(Edit(2, 4, "X"))  # overlaps a: next pass
    c = dg(Edit(5, 6, "C"), Edit(8, 9, "D"))
    d = dg(Edit(6, 7, "E"), Edit(2, 3, "F"))  # its second edit overlaps a: none of d applies
    out = apply_edits(text, [a, b, c, d])
    assert out.text == "0AB34C67D9"
    assert out.fixed == [a, c] and out.skipped == [b, d]


def test_two_insertions_at_one_place_are_not_both_applied() -> None:
    out = apply_edits("ab", [dg(Edit(1, 1, "x")), dg(Edit(1, 1, "y"))])
    assert out.text == "axb" and len(out.skipped) == 1


def test_edits_out_of_range_are_refused() -> None:
    out = apply_edits("ab", [dg(Edit(1, 9, ""))])
    assert out.text == "ab" and out.fixed == []


def test_replacement_line_breaks_follow_the_file() -> None:
    assert newline_of("a\r\nb\r\n") == "\r\n" and newline_of("a\nb") == "\n" and newline_of("a\rb") == "\r"
    out = apply_edits("a\r\nb\r\n", [dg(Edit(1, 1, "\nX"))])
    assert out.text == "a\r\nX\r\nb\r\n"


# --------------------------------------------------------------------------- the command


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts/2026-07-04-a.md").write_text(MESSY, encoding="utf-8")
    return tmp_path


def test_fix_writes_the_safe_fixes_and_is_idempotent(site: Path) -> None:
    code, out, err = run(["check", "_posts", *SELECT, "--fix"], site)
    assert code == 0, out
    assert (site / "_posts/2026-07-04-a.md").read_text(encoding="utf-8") == CLEAN
    assert "fixed _posts/2026-07-04-a.md: FM009, FM010 ×2" in err and "fixed 3 problems in 1 file" in err
    assert "FM010" not in out and "0 warnings" in out  # what remains: nothing
    before = (site / "_posts/2026-07-04-a.md").stat().st_mtime_ns
    code, _out, err = run(["check", "_posts", *SELECT, "--fix"], site)
    assert code == 0 and "fixed" not in err
    assert (site / "_posts/2026-07-04-a.md").stat().st_mtime_ns == before  # untouched the second time


def test_fix_keeps_crlf_bom_and_permissions(site: Path) -> None:
    p = site / "_posts/2026-07-04-a.md"
    p.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    p.chmod(0o640)
    run(["check", "_posts", *SELECT, "--fix"], site)
    assert p.read_bytes() == b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert [f.name for f in p.parent.iterdir()] == [p.name]  # no temporary file left behind


def test_fix_rewrites_the_target_of_a_symlink(site: Path) -> None:
    real = site / "shared.md"
    real.write_text(MESSY, encoding="utf-8")
    link = site / "_posts/2026-07-05-link.md"
    link.symlink_to(real)
    run(["check", "_posts/2026-07-05-link.md", *SELECT, "--fix"], site)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == CLEAN


def test_a_file_with_a_parse_problem_is_never_fixed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def trailing(doc, ctx):  # type: ignore[no-untyped-def]
        i = doc.text.find("  \n")
        if i >= 0:
            yield ctx.report(i, i + 2, "spaces", "delete", edits=[Edit(i, i + 2, "")])

    monkeypatch.setitem(registry.REGISTRY, "ZZ901", Rule("ZZ901", "zz-trailing", "style", Severity.WARNING, "s",
                                                          "b", "g", check=trailing, fixable=True))
    p = site / "_posts/2026-07-06-nofm.md"
    p.write_text("# 제목  \n\n본문\n", encoding="utf-8")  # no front matter: NL004
    code, _out, err = run(["check", "_posts/2026-07-06-nofm.md", "--select", "ZZ901", "--fix"], site)
    assert p.read_text(encoding="utf-8") == "# 제목  \n\n본문\n"
    assert "not fixed, it has a problem to correct by hand first (NL004" in err
    assert "1 problem with a safe fix could not be fixed" in err
    assert code == 0  # a warning remains (reported), nothing failed


def test_fixes_repeat_until_nothing_changes_and_are_bounded(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def one_space_per_pass(doc, ctx):  # type: ignore[no-untyped-def]
        i = doc.text.find("  ", doc.body_start)
        if i >= 0:  # one edit at a time: only repetition gets to the end
            yield ctx.report(i, i + 2, "double space", "one space", edits=[Edit(i, i + 2, " ")])

    def forever(doc, ctx):  # type: ignore[no-untyped-def]
        yield ctx.report(len(doc.text), len(doc.text), "never happy", "", edits=[Edit(len(doc.text), len(doc.text), "x")])

    monkeypatch.setitem(registry.REGISTRY, "ZZ902", Rule("ZZ902", "zz-spaces", "style", Severity.WARNING, "s",
                                                          "b", "g", check=one_space_per_pass, fixable=True))
    monkeypatch.setitem(registry.REGISTRY, "ZZ903", Rule("ZZ903", "zz-forever", "style", Severity.WARNING, "s",
                                                          "b", "g", check=forever, fixable=True))
    p = site / "_posts/2026-07-04-a.md"
    p.write_text("---\ntitle: 제목입니다\n---\n가      나\n", encoding="utf-8")
    ff = fix_file(str(p), "a.md", make_config({"select": ["ZZ902"]}))
    assert ff.new.decode() == "---\ntitle: 제목입니다\n---\n가 나\n" and ff.settled and ff.passes == 5
    ff = fix_file(str(p), "a.md", make_config({"select": ["ZZ903"]}), max_passes=4)
    assert ff.new.decode().endswith("나\nxxxx") and not ff.settled
    code, _out, err = run(["check", "_posts", "--select", "ZZ903", "--fix"], site)
    assert "kept changing the file after 10 passes" in err


def test_a_file_changed_while_fixing_is_left_alone(site: Path) -> None:
    p = site / "_posts/2026-07-04-a.md"
    ff = fix_file(str(p), "a.md", make_config({"select": ["FM010"]}))
    p.write_text(MESSY + "편집자가 방금 쓴 문장.\n", encoding="utf-8")
    assert not write_fix(ff) and ff.refused and "changed on disk" in ff.refused
    assert p.read_text(encoding="utf-8").endswith("방금 쓴 문장.\n")


def test_diff_shows_the_fixes_and_writes_nothing(site: Path) -> None:
    code, out, err = run(["check", "_posts", *SELECT, "--diff"], site)
    assert code == 1
    assert out.startswith("--- a/_posts/2026-07-04-a.md\n+++ b/_posts/2026-07-04-a.md\n")
    assert '-title: " 한중 정상회담 결과 "   \n' in out and "+excerpt: 두 정상이 만났다.\n" in out
    assert "would fix 3 problems in 1 file" in err
    assert (site / "_posts/2026-07-04-a.md").read_text(encoding="utf-8") == MESSY
    (site / "_posts/2026-07-04-a.md").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(["check", "_posts", *SELECT, "--diff"], site)
    assert code == 0 and out == ""


def test_parallel_fixing_equals_serial(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        for i in range(40):
            (folder / f"a{i:02d}.md").write_text(MESSY if i % 2 else CLEAN, encoding="utf-8")
        code, _out, err = run(["check", ".", *SELECT, "--fix", "-j", jobs], folder)
        assert code == 0 and "fixed 60 problems in 20 files" in err
    assert all((tmp_path / "j1" / n).read_bytes() == (tmp_path / "j2" / n).read_bytes() == CLEAN.encode()
               for n in os.listdir(tmp_path / "j1") if n.endswith(".md"))


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    p = tmp_path / "new.json"
    atomic_write(str(p), b"{}")
    assert p.read_bytes() == b"{}"
    p.chmod(0o600)
    atomic_write(str(p), b"[]")
    assert p.read_bytes() == b"[]" and stat.S_IMODE(p.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["new.json"]


# --------------------------------------------------------------------------- kill -9 in the middle


def _article(i: int) -> str:
    # Big articles with many fixable lines: rewriting each takes long enough to be killed inside it.
    lines = "".join(f"tag{j}: \"값 {j} \"   \n" for j in range(150))
    return f"---\ntitle: \" 기사 {i} \"  \n{lines}---\n\n본문 {i}.\n" + "문단입니다. " * 1000 + "\n"


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, bytes], dict[str, bytes]]]:
    src = tmp_path_factory.mktemp("kill-src")
    for i in range(60):
        (src / f"2026-07-04-a{i:03d}.md").write_text(_article(i), encoding="utf-8")
    old = {p.name: p.read_bytes() for p in src.iterdir()}
    done = tmp_path_factory.mktemp("kill-done") / "posts"
    shutil.copytree(src, done)
    res = subprocess.run([sys.executable, "-m", "newslint", "check", str(done), "--select", "FM010", "--fix",
                          "-j", "1", "-q", "--no-cache"], capture_output=True, text=True, timeout=600, cwd=done.parent)
    assert res.returncode == 0, res.stderr
    new = {p.name: p.read_bytes() for p in done.iterdir()}
    assert all(new[n] != old[n] for n in old)
    yield src, old, new


def test_killed_mid_run_leaves_every_file_old_or_new(kill_corpus: tuple[Path, dict[str, bytes], dict[str, bytes]],
                                                     tmp_path: Path) -> None:
    src, old, new = kill_corpus
    rng = random.Random(7)
    mid_run = 0
    for trial in range(3):
        posts = tmp_path / f"t{trial}"
        shutil.copytree(src, posts)
        proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", str(posts), "--select", "FM010",
                                 "--fix", "-j", "1", "-q", "--no-cache"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=tmp_path)
        # wait until the rewriting has begun, then kill at a random moment inside it
        deadline = time.monotonic() + 120
        first = posts / "2026-07-04-a000.md"
        while time.monotonic() < deadline and proc.poll() is None and first.read_bytes() == old[first.name]:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        states = []
        for name in old:
            data = (posts / name).read_bytes()
            assert data in (old[name], new[name]), f"{name} is half-written after kill -9"
            states.append(data == new[name])
        if any(states) and not all(states):
            mid_run += 1
        leftovers = [p.name for p in posts.iterdir() if p.name not in old]
        assert all(n.startswith(".") and n.endswith(".newslint-tmp") for n in leftovers), leftovers
    # a leftover temporary file is never taken for an article
    res = subprocess.run([sys.executable, "-m", "newslint", "check", str(posts), "--select", "FM010",
                          "--format", "json", "--exit-zero", "--no-cache"], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path)
    assert f'"files_checked": {len(old)}' in res.stdout
    assert mid_run >= 2, "the kills did not land in the middle of the rewriting"
