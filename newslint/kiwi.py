"""Kiwi (kiwipiepy), the Korean morphological analyser, loaded lazily and once per process.

kiwipiepy is the optional `korean` extra. Nothing here imports it until a rule asks for an
analysis, so articles without Korean text, or runs without Kiwi's rules, never pay its
load time (several seconds). When it is missing, `get()` returns None and the rules that
need it skip quietly; the `korean-analysis-unavailable` rule says so once per run.

Other rules may ask Kiwi about a word with `is_pos` (for list entries that are also words
in another sense): it answers None when Kiwi is not installed.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterable, Sequence
from typing import Any

_kiwi: Any = None
_tried = False
_error: str | None = None
_load_seconds: float | None = None
_cache: dict[tuple[str, bool], list[Any]] = {}
_CACHE_MAX = 20_000  # analysed sentences kept per process (shared by the rules of one article)


_found: bool | None = None  # find_spec walks sys.path (~0.2 ms): asked once per process


def installed() -> bool:
    """kiwipiepy and its model are importable (without importing them)."""
    global _found
    if _tried:
        return _kiwi is not None
    if _found is None:
        _found = all(importlib.util.find_spec(m) is not None for m in ("kiwipiepy", "kiwipiepy_model"))
    return _found


def get() -> Any:
    """The process's Kiwi instance, or None when kiwipiepy (or its model) cannot be loaded."""
    global _kiwi, _tried, _error, _load_seconds
    if _tried:
        return _kiwi
    _tried = True
    t0 = time.perf_counter()
    try:
        from kiwipiepy import Kiwi

        # one worker thread: newslint already runs one process per core
        _kiwi = Kiwi(num_workers=1)
        _kiwi.tokenize("가")  # the model loads on first use: pay it here, once
    except Exception as exc:  # ImportError, a missing model file, an ABI mismatch…
        _kiwi = None
        _error = f"{type(exc).__name__}: {exc}"
    _load_seconds = time.perf_counter() - t0
    return _kiwi


def load_error() -> str | None:
    return _error


def load_seconds() -> float | None:
    return _load_seconds


def _reset_for_tests(kiwi: Any = None, tried: bool = False) -> None:
    """Forget the loaded instance (tests simulate a missing Kiwi with `tried=True`)."""
    global _kiwi, _tried, _error, _found
    _kiwi, _tried, _error, _found = kiwi, tried, None, None
    _cache.clear()


def tokenize(sentences: Sequence[str], typos: bool = False) -> list[list[Any]] | None:
    """Kiwi tokens for each sentence (cached), or None without Kiwi.

    Token offsets (`start`, `len`) are indexes into the sentence. With `typos`, Kiwi's basic
    typo model may correct a morpheme; such tokens have `typo_cost > 0`.
    """
    k = get()
    if k is None:
        return None
    todo = [s for s in dict.fromkeys(sentences) if (s, typos) not in _cache]
    if todo:
        if len(_cache) + len(todo) > _CACHE_MAX:
            _cache.clear()
        kwargs: dict[str, Any] = {"z_coda": False}
        if typos:
            kwargs["typos"] = "basic"
        for s in todo:
            _cache[(s, typos)] = k.tokenize(s, **kwargs)
    return [_cache[(s, typos)] for s in sentences]


def tags_at(text: str, start: int, end: int) -> list[tuple[str, str]] | None:
    """(form, tag) of the morphemes Kiwi reads inside text[start:end]; None without Kiwi.

    Pass the sentence around the word, not a bare word: Kiwi needs the context.
    """
    res = tokenize([text])
    if res is None:
        return None
    return [(t.form, t.tag) for t in res[0] if t.start < end and t.start + max(t.len, 1) > start]


def is_pos(text: str, start: int, end: int, tags: Iterable[str]) -> bool | None:
    """Does Kiwi read a morpheme inside text[start:end] with one of `tags`? None without Kiwi.

    Tags match by prefix: "V" matches VV, VA and VX; "NN" matches NNG, NNP and NNB.
    Example: a list entry that is a misspelling as a noun but a valid verb form elsewhere is
    flagged only when `is_pos(sentence, start, end, {"NN"})` is True.
    """
    found = tags_at(text, start, end)
    if found is None:
        return None
    wanted = tuple(tags)
    return any(tag.startswith(wanted) for _form, tag in found)
