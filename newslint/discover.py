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


def _special(path: str) -> bool:
    """A FIFO, socket or device: reading one could block forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # a broken link or a loop: reported as unreadable by the loader
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


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
            out.files.append((fspath, display))

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
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            rel_dir = os.path.relpath(dirpath, given)
            real_dir = os.path.realpath(dirpath)  # once per folder: links to folders are not followed
            keep = []
            for d in sorted(dirnames):
                rel = d if rel_dir == "." else f"{rel_dir}/{d}"
                if exc.match(rel + "/x") or exc.match(rel):
                    continue
                full = os.path.join(dirpath, d)
                if os.path.islink(full):
                    out.notices.append(f"{full}: a folder link is not followed")
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
                if not _included(rel, name, inc, exc):
                    continue
                if _special(full):
                    out.notices.append(f"{full}: skipped, it is not a regular file")
                    continue
                if os.path.islink(full):
                    target = os.path.realpath(full)
                    if not os.path.exists(target):
                        add(full, os.path.normpath(full))  # a broken link: reported as unreadable
                        continue
                    if os.path.commonpath([top_real, target]) != top_real:
                        out.notices.append(f"{full}: skipped, it links to {target}, outside {given}")
                        continue
                add(full, os.path.normpath(full), None if os.path.islink(full) else os.path.join(real_dir, name))
    return out
