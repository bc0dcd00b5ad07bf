"""Word lists and rule packs, kept ready-made between runs.

Reading a big YAML word list and running its examples costs tens of milliseconds: a pre-commit hook on
one article would pay that on every commit. The built object is pickled under `.newslint_cache/data/`,
keyed by newslint's version and the size and modification time of the files it was built from, and
loaded from there while those files are unchanged. `--no-cache` (no folder set) builds everything
afresh; any problem with the folder just means building afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from newslint import __version__

T = TypeVar("T")

_folder: Path | None = None


def use(folder: Path | None) -> None:
    """Keep built data in `folder` (None: build it afresh every run)."""
    global _folder
    _folder = folder


def _key(kind: str, sources: Sequence[Path]) -> str | None:
    h = hashlib.blake2b(f"{__version__}\0{sys.version}\0{kind}".encode(), digest_size=16)
    for p in sources:
        try:
            st = os.stat(p)
        except OSError:
            return None
        h.update(f"\0{os.path.abspath(p)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
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
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a truncated or foreign file: build afresh and replace it
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
