"""Word lists and rule packs, kept ready-made between runs.

Reading a big YAML word list and running its examples costs tens of milliseconds: a pre-commit hook on
one article would pay that on every commit. The built object is pickled under `.newslint_cache/data/`,
keyed by newslint itself (its version, code and shipped data: see newslint_fingerprint) and the content
of the files it was built from, and loaded from there while none of them changes. `--no-cache` (no folder set) builds everything
afresh; any problem with the folder just means building afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from newslint import __version__

T = TypeVar("T")

_folder: Path | None = None


def use(folder: Path | None) -> None:
    """Keep built data in `folder` (None: build it afresh every run)."""
    global _folder
    _folder = folder


def keeping() -> bool:
    """Whether built data is kept between runs (not under --no-cache)."""
    return _folder is not None


def hash_folders(h: Any, folders: Sequence[str]) -> None:
    """Feed every file under `folders` (names relative to their folder, and contents) into hash `h`.

    Contents, not modification times, and relative names: a CI job that installs the same newslint
    afresh on every run is the same newslint.
    """
    for i, folder in enumerate(folders):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in sorted(filenames):
                p = os.path.join(dirpath, name)
                try:
                    with open(p, "rb") as fh:
                        data = fh.read()
                except OSError:
                    continue
                h.update(f"{i}\0{os.path.relpath(p, folder)}\0{len(data)}\0".encode())
                h.update(data)


@cache
def newslint_fingerprint() -> str:
    """newslint's version, its code and its shipped data (rules/): what built data and results depend on
    besides their own inputs. A checkout being edited changes it; an installed release never does."""
    from newslint.resources import rules_dir

    h = hashlib.blake2b(f"{__version__}\0{sys.version}".encode(), digest_size=16)
    hash_folders(h, [str(rules_dir()), str(Path(__file__).resolve().parent)])
    return h.hexdigest()


def _key(kind: str, sources: Sequence[Path]) -> str | None:
    h = hashlib.blake2b(f"{newslint_fingerprint()}\0{kind}".encode(), digest_size=16)
    for p in sources:
        try:
            with open(p, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        h.update(f"\0{os.path.abspath(p)}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def load(kind: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """`build()`, or what it returned last time while `sources` have not changed.

    `kind` names what is built (letters, digits and '-'); one file per kind is kept. An exception
    from `build` is never kept: the next run builds again and raises again.
    """
    folder = _folder
    key = _key(kind, sources) if folder is not None else None
    if folder is None or key is None:
        return build()
    path = folder / "data" / f"{kind}.{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return,unused-ignore]
    except Exception:  # noqa: BLE001 - not built yet, or a truncated or foreign file: build it (again)
        pass
    value = build()
    _store(path, kind, value)
    return value


def _store(path: Path, kind: str, value: object) -> None:
    import tempfile  # only a run that builds something writes

    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        for old in path.parent.glob(f"{kind}.*.pickle"):  # the versions built from older sources
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
