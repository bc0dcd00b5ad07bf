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
import marshal
import os
import pickle
import sqlite3
import stat
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__
from newslint.diagnostics import Diagnostic, from_records

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import FileResult

CACHE_DIR = ".newslint_cache"
_DB_NAME = "results.v2.sqlite3"
_OLD_DB_NAMES = ("results.sqlite3",)  # earlier layouts: removed on sight
_TABLES = (
    # diags: marshal of (path, internal, diagnostics as tuples); prints: pickle of (fingerprints,
    # suppressions) or NULL. Kept apart so a run whose cross-article join is cached never reads them.
    "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, diags BLOB NOT NULL, prints BLOB, used INTEGER)",
    # the cross-article rules' diagnostics for one exact set of files (a hash of all their keys)
    "CREATE TABLE IF NOT EXISTS joins (key TEXT PRIMARY KEY, value BLOB NOT NULL, used INTEGER)",
    # a file's content digest, trusted while its size, times and inode are what they were (as git's index)
    "CREATE TABLE IF NOT EXISTS stats (path TEXT PRIMARY KEY, sig TEXT NOT NULL, digest BLOB NOT NULL, used INTEGER)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER)",  # the day of the last pruning
)
_FEW_FILES = 200  # up to this many files, their stat rows are looked up one by one
_RACY_NS = 2_000_000_000  # a file changed this close to when it was hashed may change again unseen
KEEP_DAYS = 14  # entries no run has used for this long are deleted

def _today() -> int:
    return int(time.time() // 86400)


def _data_fingerprint(config: Config) -> str:
    """newslint itself (its code and shipped word lists, by content) and the newsroom's rule packs and
    schema: editing a word list or a rule invalidates results."""
    from newslint.datacache import hash_folders, newslint_fingerprint

    h = hashlib.blake2b(newslint_fingerprint().encode(), digest_size=16)
    hash_folders(h, list(config.rule_packs))
    if config.schema:
        try:
            with open(config.schema, "rb") as fh:
                h.update(b"schema\0" + fh.read())
        except OSError:
            pass
    return h.hexdigest()


class ResultCache:
    def __init__(self, folder: Path, config: Config) -> None:
        self.folder = folder
        self.salt = f"{__version__}\0{config.cache_key()}\0{_data_fingerprint(config)}".encode()
        self.db: sqlite3.Connection | None = None
        self.error: str | None = None
        self.today = _today()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# newslint's result cache: safe to delete, never commit it\n*\n", encoding="utf-8")
            for old in _OLD_DB_NAMES:
                with contextlib.suppress(FileNotFoundError):
                    (folder / old).unlink()
            try:
                self.db = _open(folder / _DB_NAME)
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc):
                    raise
                _remove_db(folder / _DB_NAME)  # a cut-off or foreign file: it only held a cache
                self.db = _open(folder / _DB_NAME)
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self.error = f"the result cache in {self.folder} is off for this run: {exc}"
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None

    def keys_for(self, items: Sequence[tuple[str, str]], max_bytes: int) -> list[str | None]:
        """The cache key of every (path, display) file; None for a file that is not cached.

        A key is made of the file's content digest. Reading and hashing every article again on each
        run costs more than the rest of a run over unchanged files, so the digest is remembered with
        the file's size, modification and change times and inode, and trusted while they are the same
        and the file had not been changed within two seconds of being hashed.
        """
        known: dict[bytes, tuple[str, bytes, int]] = {}
        if self.db is not None:
            try:
                if len(items) > _FEW_FILES:  # the whole table in one read
                    rows: Iterable[tuple[Any, ...]] = self.db.execute("SELECT path, sig, digest, used FROM stats")
                else:  # a pre-commit hook's few files in a big archive's cache: only their rows
                    rows = self._select("SELECT path, sig, digest, used FROM stats WHERE path IN ({marks})",
                                        [_stat_name(fspath) for fspath, _ in items])
                known = {p: (sig, digest, used) for p, sig, digest, used in rows}
            except sqlite3.Error as exc:
                self._fail(exc)
        now = time.time_ns()
        fresh: list[tuple[bytes, str, bytes, int]] = []
        touched: list[bytes] = []
        keys: list[str | None] = []
        for fspath, display in items:
            digest = None
            try:
                st = os.stat(fspath)
            except OSError:
                keys.append(None)
                continue
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                keys.append(None)
                continue
            sig = _stat_sig(st)
            apath = _stat_name(fspath)
            seen = known.get(apath)
            if seen is not None and seen[0] == sig:
                digest = seen[1]
                if seen[2] != self.today:
                    touched.append(apath)
            else:  # a regular file within the size limit (the stat above): read it once to hash it
                try:
                    with open(fspath, "rb") as fh:
                        data = fh.read(max_bytes + 1)
                except OSError:
                    keys.append(None)
                    continue
                digest = hashlib.blake2b(data, digest_size=20).digest()
                if st.st_mtime_ns < now - _RACY_NS and _stat_sig(os.stat(fspath)) == sig:
                    fresh.append((apath, sig, digest, self.today))
            h = hashlib.blake2b(self.salt, digest_size=20)
            h.update(display.encode("utf-8", "surrogateescape"))
            h.update(b"\0")
            h.update(digest)
            keys.append(h.hexdigest())
        if self.db is not None and (fresh or touched):
            try:
                with self.db:
                    self.db.executemany("INSERT OR REPLACE INTO stats (path, sig, digest, used) VALUES (?, ?, ?, ?)",
                                        fresh)
                self._touch("stats", touched, column="path")
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc)
        return keys

    def join_key(self, keys: Sequence[str]) -> str:
        """The key of the cross-article rules' result over exactly these files (in this order)."""
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update("\n".join(keys).encode())
        return h.hexdigest()

    def _select(self, sql: str, keys: Sequence[str | bytes]) -> Iterable[tuple[Any, ...]]:
        assert self.db is not None
        for chunk, marks in _chunks(keys):
            yield from self.db.execute(sql.format(marks=marks), chunk)

    def get_many(self, keys: Iterable[str], with_prints: bool = True) -> dict[str, FileResult]:
        """The cached results of these keys; without fingerprints and suppressions unless asked."""
        from newslint.engine import FileResult

        out: dict[str, FileResult] = {}
        if self.db is None:
            return out
        wanted = sorted(keys)  # in the index's order: each chunk reads neighbouring pages, not the whole file
        cols = "key, diags, prints, used" if with_prints else "key, diags, NULL, used"
        stale: list[str] = []
        try:
            for key, diags, prints, used in self._select(f"SELECT {cols} FROM results WHERE key IN ({{marks}})",
                                                         wanted):
                try:
                    path, internal, packed = marshal.loads(diags)
                    fingerprints, suppressions = pickle.loads(prints) if prints is not None else ({}, None)
                    out[key] = FileResult(path, from_records(packed, path), fingerprints, suppressions, internal)
                except Exception:  # an entry from an incompatible version: recompute it
                    continue
                if used != self.today:
                    stale.append(key)
            self._touch("results", stale)
        except sqlite3.Error as exc:
            self._fail(exc)
        return out

    def put_many(self, items: Iterable[tuple[str, FileResult]]) -> None:
        if self.db is None:
            return
        rows = []
        try:
            for key, res in items:
                diags = marshal.dumps((res.path, res.internal, [d.record(res.path) for d in res.diagnostics]))
                extra = (res.fingerprints, res.suppressions)
                prints = pickle.dumps(extra, protocol=pickle.HIGHEST_PROTOCOL) if any(extra) else None
                rows.append((key, diags, prints, self.today))
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results (key, diags, prints, used) VALUES (?, ?, ?, ?)",
                                    rows)
        except (sqlite3.Error, pickle.PicklingError, ValueError, TypeError) as exc:
            self._fail(exc)

    def get_join(self, key: str) -> list[Diagnostic] | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value, used FROM joins WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            if row[1] != self.today:
                self._touch("joins", [key])
            return from_records(marshal.loads(row[0]))
        except sqlite3.Error as exc:
            self._fail(exc)
        except Exception:  # noqa: BLE001 - an entry from an incompatible version: join again
            pass
        return None

    def put_join(self, key: str, diagnostics: list[Diagnostic]) -> None:
        if self.db is None:
            return
        try:
            value = marshal.dumps([d.record() for d in diagnostics])
            with self.db:
                self.db.execute("INSERT OR REPLACE INTO joins (key, value, used) VALUES (?, ?, ?)",
                                (key, value, self.today))
        except (sqlite3.Error, ValueError) as exc:
            self._fail(exc)

    def _touch(self, table: str, keys: Sequence[str | bytes], column: str = "key") -> None:
        """Mark entries as used today (once a day per entry), so pruning keeps what runs still use."""
        if not keys or self.db is None:
            return
        with self.db:
            for chunk, marks in _chunks(keys):
                self.db.execute(f"UPDATE {table} SET used = ? WHERE {column} IN ({marks})", [self.today, *chunk])

    def prune(self) -> None:
        """Delete what no run has used for KEEP_DAYS days (results of edited files, old settings, old versions).

        Once a day: the first run of the day pays for the scan, a pre-commit hook's other runs do not.
        """
        if self.db is None:
            return
        try:
            row = self.db.execute("SELECT value FROM meta WHERE name = 'pruned'").fetchone()
            if row is not None and row[0] == self.today:
                return
            with self.db:
                self.db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('pruned', ?)", (self.today,))
                for table in ("results", "joins", "stats"):
                    self.db.execute(f"DELETE FROM {table} WHERE used IS NULL OR used < ?", (self.today - KEEP_DAYS,))
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def _chunks(keys: Sequence[str | bytes]) -> Iterable[tuple[Sequence[str | bytes], str]]:
    """`keys` in pieces small enough for one statement's parameters, each with its `?,?,…` placeholders."""
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        yield chunk, ",".join("?" * len(chunk))


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=5)
    try:
        # A write-ahead log without a disk flush on every commit: a pre-commit hook's run otherwise
        # spends tens of milliseconds waiting for the disk. A crash can lose the last run's entries
        # (they are computed again), never leave the file inconsistent.
        with contextlib.suppress(sqlite3.OperationalError):  # a file system without shared memory
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        for table in _TABLES:
            db.execute(table)
    except BaseException:
        db.close()
        raise
    return db


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """The file is not a database or is corrupt (as opposed to locked, read-only or out of space)."""
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _stat_name(fspath: str) -> bytes:
    """A file's absolute path as the stats table keeps it: the file system's bytes, so a name that is
    not valid UTF-8 (read as lone surrogates) is stored like any other."""
    return os.fsencode(os.path.abspath(fspath))


def _stat_sig(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
