"""Safe fixes: apply the edits rules marked certain, until nothing changes, and write atomically.

A file is fixed only when it reads cleanly (no parse-family problem: bytes we could not decode,
front matter we could not parse). The edits index the decoded text, so every byte outside them,
line endings and the BOM included, is written back as it was read. A file is replaced in one
`os.replace` of a fully written and fsynced temporary file in the same folder: a reader (or a
crash, or `kill -9`) sees the old file or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newslint.config import Config
from newslint.diagnostics import Diagnostic, Edit
from newslint.document import MARKDOWN_SUFFIXES, Document, decode_into

MAX_PASSES = 10  # fixes that keep producing new fixes after this many passes are left for a person
BOM = b"\xef\xbb\xbf"


@dataclass
class Applied:
    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    skipped: list[Diagnostic] = field(default_factory=list)  # overlapped another fix: next pass


def newline_of(text: str) -> str:
    """The file's line ending, judged by its first line break."""
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    if i < 0 and "\r" in text:
        return "\r"
    return "\n"


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one place: their order would be a guess
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, diagnostics: Iterable[Diagnostic]) -> Applied:
    """Apply every fixable diagnostic's edits, all or none per diagnostic, never two that overlap."""
    nl = newline_of(text)
    chosen: list[Edit] = []
    out = Applied(text)
    for d in diagnostics:
        if not d.edits:
            continue
        edits = sorted(d.edits, key=lambda e: (e.start, e.end))
        valid = all(0 <= e.start <= e.end <= len(text) for e in edits) and not any(
            _overlaps(a, b) for a, b in zip(edits, edits[1:], strict=False))
        if not valid or any(_overlaps(e, c) for e in edits for c in chosen):
            out.skipped.append(d)
            continue
        chosen.extend(edits)
        out.fixed.append(d)
    if not chosen:
        return out
    parts: list[str] = []
    pos = 0
    for e in sorted(chosen, key=lambda e: (e.start, e.end)):
        parts.append(text[pos:e.start])
        repl = e.replacement
        if nl != "\n" and "\n" in repl:  # keep the file's own line endings
            repl = repl.replace("\r\n", "\n").replace("\n", nl)
        parts.append(repl)
        pos = e.end
    parts.append(text[pos:])
    out.text = "".join(parts)
    return out


def encode(text: str, bom: bool) -> bytes:
    return (BOM if bom else b"") + text.encode("utf-8")


def load(fspath: str, display: str, data: bytes, config: Config) -> Document:
    doc = Document(display, fspath=fspath, markdown=fspath.lower().endswith(MARKDOWN_SUFFIXES))
    return decode_into(doc, data, config.limits)


@dataclass
class FileFix:
    path: str  # display path
    fspath: str
    original: bytes = b""
    new: bytes = b""
    fixed: list[Diagnostic] = field(default_factory=list)
    passes: int = 0
    refused: str | None = None  # why the file was left as it was
    settled: bool = True

    @property
    def changed(self) -> bool:
        return self.refused is None and self.new != self.original


def fix_file(fspath: str, display: str, config: Config, max_passes: int = MAX_PASSES) -> FileFix:
    """Compute the fixed content of one file (nothing is written here)."""
    from newslint.engine import check_document

    ff = FileFix(display, fspath)
    try:
        with open(fspath, "rb") as fh:
            ff.original = fh.read(config.limits.max_file_bytes + 1)
    except OSError as exc:
        ff.refused = f"cannot be read: {exc.strerror or exc}"
        return ff
    ff.new = ff.original
    doc = load(fspath, display, ff.original, config)
    if not doc.readable or doc.problems:
        first = doc.problems[0] if doc.problems else None
        why = f"{first.code} at line {first.line}: {first.message}" if first else "it cannot be read"
        ff.refused = f"not fixed, it has a problem to correct by hand first ({why})"
        return ff
    bom = doc.bom
    for _ in range(max_passes):
        result = check_document(doc, config)
        applied = apply_edits(doc.text, result.diagnostics)
        if applied.text == doc.text:
            return ff
        candidate = load(fspath, display, encode(applied.text, bom), config)
        if not candidate.readable or candidate.problems:
            # A fix broke the file's structure: keep what the earlier passes achieved.
            ff.settled = False
            return ff
        ff.passes += 1
        ff.fixed.extend(applied.fixed)
        doc = candidate
        ff.new = encode(doc.text, bom)
    ff.settled = apply_edits(doc.text, check_document(doc, config).diagnostics).text == doc.text
    return ff


_pool_config: Config | None = None


def _init_pool(config: Config) -> None:
    global _pool_config
    _pool_config = config


def _fix_item(item: tuple[str, str]) -> FileFix:
    assert _pool_config is not None
    return fix_file(item[0], item[1], _pool_config)


def fix_files(items: list[tuple[str, str]], config: Config, jobs: int = 1) -> Iterator[FileFix]:
    """fix_file over many files, in order; computed in worker processes when there are enough.

    Workers only compute; the caller writes, so a file is only ever replaced by one process.
    """
    if jobs <= 1 or len(items) < 16:
        for fspath, display in items:
            yield fix_file(fspath, display, config)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_init_pool, initargs=(config,)) as pool:
        yield from pool.imap(_fix_item, items, chunksize=4)


def atomic_write(path: str, data: bytes | Iterable[bytes], create_mode: int = 0o644) -> None:
    """Replace `path` with `data` (bytes, or pieces of it) in one step: temp file in the same folder,
    fsync, os.replace."""
    target = os.path.realpath(path)  # a symlinked article: rewrite the file it points to, keep the link
    folder = os.path.dirname(target) or "."
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".newslint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                fh.writelines(data)
            fh.flush()
            if st is not None:
                os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
                if os.geteuid() == 0 and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                    os.fchown(fh.fileno(), st.st_uid, st.st_gid)
            else:
                os.fchmod(fh.fileno(), create_mode & ~_umask())
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: str) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_fix(ff: FileFix) -> bool:
    """Write a computed fix, unless the file changed on disk since it was read (then leave it)."""
    if not ff.changed:
        return False
    try:
        with open(ff.fspath, "rb") as fh:
            if fh.read(len(ff.original) + 1) != ff.original:
                ff.refused = "not fixed, the file changed on disk while newslint was fixing it"
                return False
    except OSError as exc:
        ff.refused = f"not fixed: {exc.strerror or exc}"
        return False
    atomic_write(ff.fspath, ff.new)
    return True


def unified_diff(ff: FileFix) -> str:
    """The fix as a unified diff (a/ and b/ prefixes, like git), for --diff."""
    old = ff.original.decode("utf-8-sig").splitlines(keepends=True)
    new = ff.new.decode("utf-8-sig").splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(old, new, f"a/{ff.path}", f"b/{ff.path}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
