"""DUP102's body signature: the numpy path (used when numpy is already loaded) gives exactly what the
plain path gives, so cached fingerprints and results never depend on which one ran."""

from __future__ import annotations

import random
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import similarity
from newslint.similarity import body_signature, minhash, word_shingle_hashes

np = pytest.importorskip("numpy")

_WORDS = ["정부는", "폭염", "특보를", "발령했다", "The", "ministry", "SAID", "said", "2.0", "…", "ß", "İstanbul", "x"]


def _plain(text: str, min_shingles: int) -> bytes | None:
    hashes = word_shingle_hashes(text)
    return None if len(hashes) < min_shingles else minhash(hashes)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=120), st.sampled_from([0, 1, 3, 50]),
       st.sampled_from([" ", "\n", "  ", "\t"]))
def test_numpy_path_matches_the_plain_one(words: list[str], min_shingles: int, sep: str) -> None:
    text = sep.join(words)
    got = similarity._numpy_signature(np, text, min_shingles)
    assert got is similarity._UNSURE or got == _plain(text, min_shingles)
    assert body_signature(text, min_shingles) == _plain(text, min_shingles)


@pytest.mark.parametrize("n_words", [0, 2, 3, 40, 300, 900, 5000])
def test_numpy_path_matches_on_long_and_short_bodies(n_words: int) -> None:
    rng = random.Random(n_words)
    text = " ".join(f"w{rng.randrange(10 * n_words + 1)}" for _ in range(n_words))
    for min_shingles in (0, 50):
        assert body_signature(text, min_shingles) == _plain(text, min_shingles)


def test_plain_path_when_numpy_is_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(_WORDS * 20)
    with_numpy = body_signature(text, 50)
    monkeypatch.delitem(sys.modules, "numpy")
    assert body_signature(text, 50) == with_numpy == _plain(text, 50)


def test_numpy_path_is_checked_before_use() -> None:
    assert similarity._numpy_agrees(np)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-(1 << 63), (1 << 63) - 1), min_size=1, max_size=900, unique=True),
       st.sampled_from([1, 7, 16, 64]))
def test_signed_minhash_is_minhash_of_the_masked_hashes(hashes: list[int], k: int) -> None:
    """body_signature's plain path finds the bins' minima from the signed hashes, without masking each."""
    masked = [h & ((1 << 63) - 1) for h in hashes]
    assert similarity._signed_minhash(sorted(hashes), k) == minhash(masked, k)


@pytest.mark.parametrize("hashes", [[-(1 << 63)], [-1, 0], [(1 << 63) - 1, -(1 << 63), 5], list(range(-64, 64))])
def test_signed_minhash_at_the_edges(hashes: list[int]) -> None:
    masked = [h & ((1 << 63) - 1) for h in hashes]
    assert similarity._signed_minhash(sorted(hashes)) == minhash(masked)
