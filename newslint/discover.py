"""Find the articles to check: deterministic order, hidden and build folders skipped."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from newslint.config import Config, GlobSet


@dataclass
class Discovery:
    files: list[tuple[str, str]] = field(default_factory=list)  # (filesystem path, display path)
    notices: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _included(rel: str, name: str, include: GlobSet, exclude: GlobSet) -> bool:
    if not (include.match(rel) or include.match(name)):
        return False
    return not exclude.match(rel)


def shown_path(path: str) -> str:
    """A path as reports show it. Bytes of a file name that are not UTF-8 reach Python as lone
    surrogates, which no report format can write: they are shown as U+FFFD (the file itself is
    still read through its real name)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path


def _special(path: str) -> bool:
    """A FIFO, socket or device: reading one could block forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # a broken link or a loop: reported as unreadable by the loader
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _scan(folder: str) -> tuple[list[os.DirEntry[str]], list[os.DirEntry[str]]]:
    """(subfolders, other entries) of a folder, each sorted by name; an unreadable folder is empty.

    os.scandir tells files, folders and links apart from the directory listing itself, without the
    two or three system calls per file that os.walk plus stat and islink cost.
    """
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return [], []
    dirs: list[os.DirEntry[str]] = []
    others: list[os.DirEntry[str]] = []
    for e in entries:
        try:
            is_dir = e.is_dir()  # follows links, as os.walk does: a link to a folder is a folder
        except OSError:
            is_dir = False
        (dirs if is_dir else others).append(e)
    dirs.sort(key=_name)
    others.sort(key=_name)
    return dirs, others


def _name(e: os.DirEntry[str]) -> str:
    return e.name


def _is_file(e: os.DirEntry[str]) -> bool:
    try:
        return e.is_file()  # a regular file, or a link to one
    except OSError:
        return False


def discover(paths: list[str], config: Config, include: list[str] | None = None,
             exclude: list[str] | None = None) -> Discovery:
    inc = GlobSet(include or config.include)
    exc = GlobSet(list(config.exclude) + list(exclude or []))
    out = Discovery()
    seen: set[str] = set()

    def add(fspath: str, display: str, real: str | None = None) -> None:
        key = real or os.path.realpath(fspath)
        if key not in seen:
            seen.add(key)
            out.files.append((fspath, shown_path(display)))

    for given in paths:
        if not os.path.lexists(given):
            out.missing.append(given)
            continue
        if not os.path.isdir(given):
            if _special(given):
                out.notices.append(f"{given}: skipped, it is not a regular file")
            else:
                add(given, given)  # a file named on the command line is always checked
            continue
        top_real = os.path.realpath(given)
        # Paths under a folder given in normal form are in normal form too (scandir joins plain names),
        # except under "." ("./a.md" reads "a.md").
        normal = os.path.normpath(given) == given and given != os.curdir
        stack = [(given, ".")]  # depth first, each folder's files before its subfolders (as os.walk)
        while stack:
            dirpath, rel_dir = stack.pop()
            subdirs, entries = _scan(dirpath)
            real_dir = os.path.realpath(dirpath)  # once per folder: links to folders are not followed
            keep = []
            for d in subdirs:
                rel = d.name if rel_dir == "." else f"{rel_dir}/{d.name}"
                if exc.match(rel + "/x") or exc.match(rel):
                    continue
                if d.is_symlink():
                    out.notices.append(f"{d.path}: a folder link is not followed")
                    continue
                keep.append((d.path, rel))
            for e in entries:
                name, full = e.name, e.path
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if not _included(rel, name, inc, exc):
                    continue
                if not _is_file(e) and _special(full):
                    out.notices.append(f"{full}: skipped, it is not a regular file")
                    continue
                if e.is_symlink():
                    target = os.path.realpath(full)
                    if not os.path.exists(target):
                        add(full, os.path.normpath(full))  # a broken link: reported as unreadable
                        continue
                    if os.path.commonpath([top_real, target]) != top_real:
                        out.notices.append(f"{full}: skipped, it links to {target}, outside {given}")
                        continue
                    add(full, os.path.normpath(full))
                    continue
                add(full, full if normal else os.path.normpath(full), os.path.join(real_dir, name))
            stack.extend(reversed(keep))
    return out
