"""Baselines: record today's problems so an archive can adopt newslint without fixing its past first.

An entry is (path, rule, fingerprint) with a count. The fingerprint hashes the offending text
(`Diagnostic.snippet`), not its line, so a problem keeps its identity when lines above it are added
or removed. The count makes a second copy of the same problem in the same file a new problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newslint.diagnostics import Diagnostic

BASELINE_VERSION = 1
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


class BaselineError(Exception):
    """The baseline file cannot be read or is not a newslint baseline."""


def fingerprint(d: Diagnostic) -> str:
    """A short hash of what the problem is about, independent of where it sits in the file."""
    if d.snippet.strip():
        basis = _SPACE.sub(" ", d.snippet.strip())
    else:
        # No offending text (whole-file and cross-article problems): the message, without the
        # numbers in it, which are often line numbers of the other article.
        basis = "msg:" + _DIGITS.sub("#", _SPACE.sub(" ", d.message.strip()))
    return hashlib.sha1(f"{d.rule}\0{basis}".encode()).hexdigest()[:16]


def baseline_path(path: str, base_dir: str) -> str:
    """`path` (as shown in reports, relative to the current folder) relative to the baseline's folder."""
    rel = os.path.relpath(os.path.abspath(path), base_dir)
    return rel.replace(os.sep, "/")


@dataclass
class Baseline:
    base_dir: str  # paths in the file are relative to this folder
    counts: Counter[tuple[str, str, str]]  # (path, rule, fingerprint) → how many

    def key(self, d: Diagnostic) -> tuple[str, str, str]:
        return (baseline_path(d.path, self.base_dir), d.rule, fingerprint(d))

    def filter(self, diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], int, int]:
        """(new problems, how many the baseline hid, how many baseline entries were not seen: fixed)."""
        left = Counter(self.counts)
        new: list[Diagnostic] = []
        hidden = 0
        for d in diagnostics:
            k = self.key(d)
            if left[k] > 0:
                left[k] -= 1
                hidden += 1
            else:
                new.append(d)
        return new, hidden, sum(n for n in left.values() if n > 0)


def build(diagnostics: Iterable[Diagnostic], base_dir: str) -> dict[str, object]:
    """The baseline document: sorted, one entry per distinct problem, stable for version control."""
    counts: Counter[tuple[str, str, str]] = Counter()
    messages: dict[tuple[str, str, str], str] = {}
    for d in diagnostics:
        k = (baseline_path(d.path, base_dir), d.rule, fingerprint(d))
        counts[k] += 1
        messages.setdefault(k, d.message)
    entries = [{"path": p, "rule": r, "fingerprint": f, "count": counts[(p, r, f)], "message": messages[(p, r, f)]}
               for (p, r, f) in sorted(counts)]
    return {"newslint_baseline": BASELINE_VERSION, "problems": sum(counts.values()), "entries": entries}


def dumps(doc: dict[str, object]) -> str:
    """One entry per line, so that a shrinking baseline makes a readable diff."""
    entries = doc["entries"]
    assert isinstance(entries, list)
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=False) for e in entries]
    head = {k: v for k, v in doc.items() if k != "entries"}
    body = ",\n  ".join(lines)
    head_text = json.dumps(head, ensure_ascii=False)[:-1]
    return f"{head_text}, \"entries\": [\n  {body}\n]}}\n" if lines else f"{head_text}, \"entries\": []}}\n"


def write(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    """Write the baseline atomically; returns how many problems it records."""
    from newslint.fix import atomic_write

    base_dir = os.path.dirname(os.path.abspath(path))
    doc = build(diagnostics, base_dir)
    atomic_write(path, dumps(doc).encode("utf-8"), create_mode=0o644)
    problems = doc["problems"]
    assert isinstance(problems, int)
    return problems


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a newslint baseline (invalid JSON: {exc})") from None
    if not isinstance(doc, dict) or doc.get("newslint_baseline") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a newslint baseline (write one with --write-baseline)")
    counts: Counter[tuple[str, str, str]] = Counter()
    for e in doc.get("entries", []):
        try:
            counts[(str(e["path"]), str(e["rule"]), str(e["fingerprint"]))] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: a baseline entry lacks path, rule or fingerprint: {e!r}") from None
    return Baseline(os.path.dirname(os.path.abspath(path)), counts)
