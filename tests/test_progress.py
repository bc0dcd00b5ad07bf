"""The progress bar: on a terminal's stderr for big runs only; never on a pipe, in CI or with --quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newslint.cli import PROGRESS_MIN_FILES, want_progress

ARTICLE = "---\ntitle: 진행 표시줄 시험 기사\n---\n본문\n"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_want_progress() -> None:
    many = PROGRESS_MIN_FILES + 1
    assert want_progress(many, False, Tty(), {})
    assert not want_progress(PROGRESS_MIN_FILES, False, Tty(), {})  # a small run: no bar
    assert not want_progress(many, True, Tty(), {})  # --quiet
    assert not want_progress(many, False, Tty(), {"CI": "true"})  # CI
    assert not want_progress(many, False, io.StringIO(), {})  # a pipe or a file


def run_on_pty(folder: Path, env: dict[str, str]) -> tuple[str, str]:
    """Run newslint with stderr on a pseudo-terminal and stdout on a pipe; return both."""
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO once the child has closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        res = subprocess.run([sys.executable, "-m", "newslint", "check", str(folder), "--select", "parse", "-j", "1",
                              "--no-cache"], stdout=subprocess.PIPE, stderr=slave, env=env, timeout=300, cwd=folder)
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    return res.stdout.decode(), b"".join(chunks).decode(errors="replace")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for i in range(PROGRESS_MIN_FILES + 1):
        (folder / f"a{i:04d}.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_bar_on_a_terminal_and_not_in_ci(many: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    out, err = run_on_pty(many, env)
    assert "checking" in err and f"{PROGRESS_MIN_FILES + 1}/{PROGRESS_MIN_FILES + 1}" in err
    assert "checking" not in out and out.strip().endswith("0 info")  # stdout (a pipe) stays clean
    out, err = run_on_pty(many, {**env, "CI": "true"})
    assert "checking" not in err


def test_no_bar_on_a_pipe(many: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    res = subprocess.run([sys.executable, "-m", "newslint", "check", str(many), "--select", "parse", "-j", "1",
                          "--no-cache"], capture_output=True, text=True, env=env, timeout=300, cwd=many)
    assert res.stderr == "" and "checking" not in res.stdout
