"""A result cache so that a second run over unchanged articles is nearly free.

Key: the article's bytes and display path, the configuration, newslint's version and the
data files rules read (schema, word lists, rule packs). Value: the file's diagnostics and
the fingerprints that cross-article rules join, so those rules still see every file.
Stored in one SQLite file under `.newslint_cache/` (with a `.gitignore`), written by the
main process only; any problem with the cache turns it off for the run, never fails it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newslint import __version__

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import FileResult

CACHE_DIR = ".newslint_cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


def _data_fingerprint(config: Config) -> str:
    """Size and mtime of every data file a rule may read, and of newslint's own code: editing a word
    list or a rule invalidates results (an installed release never changes, a checkout often does)."""
    from newslint.resources import rules_dir

    h = hashlib.blake2b(digest_size=16)
    folders = [str(rules_dir()), str(Path(__file__).resolve().parent), *config.rule_packs]
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in sorted(filenames):
                p = os.path.join(dirpath, name)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    if config.schema:
        try:
            st = os.stat(config.schema)
            h.update(f"{config.schema}\0{st.st_size}\0{st.st_mtime_ns}".encode())
        except OSError:
            pass
    return h.hexdigest()


class ResultCache:
    def __init__(self, folder: Path, config: Config) -> None:
        self.folder = folder
        self.salt = f"{__version__}\0{config.cache_key()}\0{_data_fingerprint(config)}".encode()
        self.db: sqlite3.Connection | None = None
        self.error: str | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# newslint's result cache: safe to delete, never commit it\n*\n", encoding="utf-8")
            self.db = sqlite3.connect(str(folder / "results.sqlite3"), timeout=5)
            self.db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self.error = f"the result cache in {self.folder} is off for this run: {exc}"
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None

    def key(self, display: str, data: bytes) -> str:
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update(display.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def get_many(self, keys: Iterable[str]) -> dict[str, FileResult]:
        out: dict[str, FileResult] = {}
        if self.db is None:
            return out
        wanted = list(keys)
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self.db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk):
                    try:
                        out[key] = pickle.loads(blob)
                    except Exception:  # an entry from an incompatible version: recompute it
                        continue
        except sqlite3.Error as exc:
            self._fail(exc)
        return out

    def put_many(self, items: Iterable[tuple[str, FileResult]]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                                    ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items))
        except (sqlite3.Error, pickle.PicklingError) as exc:
            self._fail(exc)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def read_for_key(fspath: str, max_bytes: int) -> bytes | None:
    """The bytes a cache key is made of; None when the file cannot or should not be cached."""
    try:
        if not os.path.isfile(fspath) or os.path.getsize(fspath) > max_bytes:
            return None
        with open(fspath, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError:
        return None
