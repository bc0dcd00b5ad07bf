"""Ready-made word lists between runs (newslint.datacache): reused only while their files are unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint import datacache


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    datacache.use(tmp_path / "cache")
    yield tmp_path / "cache"
    datacache.use(None)


def _builder(source: Path, calls: list[str]):  # type: ignore[no-untyped-def]
    def build() -> str:
        calls.append("built")
        return source.read_text(encoding="utf-8").upper()
    return build


def test_built_once_then_reused_until_the_source_changes(folder: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.yaml"
    src.write_text("a", encoding="utf-8")
    calls: list[str] = []
    assert datacache.load("words", [src], _builder(src, calls)) == "A"
    assert datacache.load("words", [src], _builder(src, calls)) == "A"
    assert calls == ["built"]
    src.write_text("bb", encoding="utf-8")
    assert datacache.load("words", [src], _builder(src, calls)) == "BB"
    assert calls == ["built", "built"]
    assert len(list((folder / "data").glob("words.*.pickle"))) == 1  # the older version is gone


def test_a_damaged_file_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.yaml"
    src.write_text("a", encoding="utf-8")
    calls: list[str] = []
    datacache.load("words", [src], _builder(src, calls))
    (kept,) = (folder / "data").glob("words.*.pickle")
    kept.write_bytes(b"\x80\x05 not a pickle")
    assert datacache.load("words", [src], _builder(src, calls)) == "A"
    assert calls == ["built", "built"]


def test_errors_are_never_kept(folder: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.yaml"
    src.write_text("a", encoding="utf-8")

    def broken() -> str:
        raise ValueError("bad pack")

    for _ in range(2):
        with pytest.raises(ValueError):
            datacache.load("words", [src], broken)
    assert not list(folder.glob("data/*.pickle"))


def test_without_a_folder_everything_is_built_afresh(tmp_path: Path) -> None:
    datacache.use(None)
    src = tmp_path / "words.yaml"
    src.write_text("a", encoding="utf-8")
    calls: list[str] = []
    datacache.load("words", [src], _builder(src, calls))
    datacache.load("words", [src], _builder(src, calls))
    assert calls == ["built", "built"]


def test_an_unwritable_folder_only_means_building(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    datacache.use(blocker / "cache")  # a folder inside a file cannot be made
    try:
        src = tmp_path / "words.yaml"
        src.write_text("a", encoding="utf-8")
        assert datacache.load("words", [src], lambda: 1) == 1
    finally:
        datacache.use(None)


def _check(args: list[str], cwd: Path) -> str:
    # A process per run: within one process the packs stay loaded and the folder is never read.
    done = subprocess.run([sys.executable, "-m", "newslint", "check", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # warnings only
    return done.stdout


def test_check_keeps_the_word_lists_with_its_results_and_not_with_no_cache(tmp_path: Path) -> None:
    article = tmp_path / "2026-07-04-a.md"
    article.write_text("---\ntitle: 회담\n---\n\n몇일 뒤 발표됬다.\n", encoding="utf-8")
    fresh = _check(["--no-cache", "--select", "TYP001", str(article)], tmp_path)
    assert not (tmp_path / ".newslint_cache").exists()
    out = _check(["--select", "TYP001", str(article)], tmp_path)
    assert out.splitlines()[:-1] == fresh.splitlines()[:-1] and "TYP001" in out
    packs = sorted((tmp_path / ".newslint_cache" / "data").glob("typo-pack-*.pickle"))
    assert packs
    stamps = [os.stat(p).st_mtime_ns for p in packs]
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a result cache miss
    again = _check(["--select", "TYP001", str(article)], tmp_path)
    assert [os.stat(p).st_mtime_ns for p in packs] == stamps  # reused, not rewritten
    assert again.splitlines()[:-1] == out.splitlines()[:-1]  # the same findings (the last line is timing)


def test_an_edit_that_keeps_size_and_date_is_seen(folder: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.yaml"
    src.write_text("ab", encoding="utf-8")
    os.utime(src, (1_000_000, 1_000_000))
    calls: list[str] = []
    assert datacache.load("words", [src], _builder(src, calls)) == "AB"
    src.write_text("cd", encoding="utf-8")
    os.utime(src, (1_000_000, 1_000_000))
    assert datacache.load("words", [src], _builder(src, calls)) == "CD"
    assert calls == ["built", "built"]
