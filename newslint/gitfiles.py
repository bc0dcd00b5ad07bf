"""Files changed against a git revision, with the real git: `--since REV`."""

from __future__ import annotations

import os
import subprocess


class GitError(Exception):
    """git is missing, this is not a repository, or the revision is unknown."""


def _git(args: list[str], cwd: str) -> str:
    try:
        res = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); --since needs it") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)} took too long") from None
    if res.returncode != 0:
        msg = res.stderr.strip().splitlines()
        raise GitError(msg[0] if msg else f"git {' '.join(args)} failed")
    return res.stdout


def changed_files(rev: str, cwd: str = ".") -> set[str]:
    """Real paths of files that differ from `rev` in the working tree, plus untracked files.

    Deleted files are left out (nothing to check). Paths are absolute and resolved, so they can be
    compared with whatever form the user gave on the command line.
    """
    if rev.startswith("-"):
        raise GitError(f"{rev!r} is not a revision")
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    except GitError:
        raise GitError(f"unknown git revision {rev!r}") from None
    names = _git(["diff", "--name-only", "--no-renames", "-z", rev, "--"], cwd).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], top).split("\0")
    out = set()
    for n in names:
        if n:
            full = os.path.join(top, n)
            if os.path.isfile(full):
                out.add(os.path.realpath(full))
    return out
