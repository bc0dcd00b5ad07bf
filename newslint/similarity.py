"""Text normalization and similarity for the duplicates family.

Two texts count as "the same" for a reader when they differ only by YAML folding, whitespace,
HTML tags and entities, full-width forms, letter case or a trailing ellipsis; `normalize` maps
both to one string. `trigram_jaccard` measures near-identical short fields (see DUP003's docs
for why this measure). `body_signature` is a one-permutation MinHash of an article body's
word 3-grams: 64 values in 256 bytes, stable across processes and runs (so it can be cached),
and `lsh_pairs` finds the similar signatures among many without comparing every pair.
"""

from __future__ import annotations

import hashlib
import html
import re
import struct
import sys
import unicodedata
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any

from newslint.lazyre import lazy

_TAG = lazy(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)  # only for values with a tag
# NFKC has already turned "…" into "..."; "⋯" and "‥" survive it. A final full stop goes too:
# "…했습니다…" (a cut excerpt) and "…했습니다." read as the same sentence.
_TRAILING_ELLIPSIS = re.compile(r"(?:\s*(?:\.+|⋯|‥|·{3,}|。))+\s*$")


_ELLIPSIS_CHARS = ".⋯‥·。"


def markup_free(value: str) -> str:
    """normalize()'s first steps: HTML tags become spaces, entities characters."""
    s = _TAG.sub(" ", value) if "<" in value else value
    return html.unescape(s) if "&" in s else s


def has_markup(text: str) -> bool:
    """Whether markup_free could change `text` or a part of it (False: it leaves every part as is).

    A tag in a part is a tag of the whole. An entity html.unescape decodes in a part is decoded in the
    whole too: no reference takes in an '&', so every '&' starts one in the whole as in the part, its
    name only grows with the text after it, and html.unescape decodes the longest prefix of at least
    two characters that names an entity (every name has two or more).
    """
    return ("<" in text and _TAG.search(text) is not None) or ("&" in text and html.unescape(text) != text)


def normalize(value: str) -> str:
    """The text a reader sees, in a comparable form ('' when nothing is left)."""
    s = unicodedata.normalize("NFKC", markup_free(value))  # full-width → half-width, &nbsp; → space, … → ...
    s = _fold_spaces(s)
    if s and s[-1] in _ELLIPSIS_CHARS:
        # The ellipsis pattern only matches within the trailing run of dots and spaces: scanning the
        # whole text with it cost more than everything else here together.
        k = len(s.rstrip(" " + _ELLIPSIS_CHARS))
        s = s[:k] + _TRAILING_ELLIPSIS.sub("", s[k:])
    return s.casefold()


def _fold_spaces(s: str) -> str:
    """" ".join(s.split()) (= re.sub(r"\\s+", " ", s).strip(): str.split and \\s agree on every character).

    Most texts have nothing to fold but line breaks: those are one str.replace, not a list of words.
    Printable text holds no whitespace but " " (tests/test_duplicates_gate.py checks every code point).
    """
    t = s.replace("\n", " ") if "\n" in s else s
    if t.isprintable() and "  " not in t:
        return t.strip(" ")
    return " ".join(s.split())


@lru_cache(maxsize=64)
def _bare(s: str) -> str:
    """`s` without whitespace (Korean spacing varies between copies), kept for the next pair: DUP003
    compares each field with every other, and the 3-gram functions below all start from it."""
    return s.replace(" ", "") if s.isprintable() else "".join(s.split())  # printable: no whitespace but " "


@lru_cache(maxsize=64)
def _trigram_set(s: str) -> frozenset[object]:
    """The character 3-grams of `s` without whitespace, as tuples of characters (zip builds them in C);
    a text of one or two characters is its own 3-gram."""
    t = _bare(s)
    if len(t) < 3:
        return frozenset((t,)) if t else frozenset()
    return frozenset(zip(t, t[1:], t[2:], strict=False))


def trigram_jaccard(a: str, b: str) -> float:
    ga, gb = _trigram_set(a), _trigram_set(b)
    if not ga or not gb:
        return 0.0
    shared = len(ga & gb)
    return shared / (len(ga) + len(gb) - shared)  # = len(ga | gb), without building the union


def _trigram_count_most(s: str) -> int:
    """The most distinct 3-grams _trigram_set(s) can hold: one per character but the last two."""
    n = len(_bare(s))
    return n - 2 if n >= 3 else min(n, 1)


def trigram_jaccard_below(a: str, b: str, threshold: float) -> bool:
    """True when trigram_jaccard(a, b) < threshold is certain without comparing 3-gram sets.

    Upper bounds of the index, cheapest first:
    - lengths: a text has at most one 3-gram per character but the last two, and at least (its
      distinct characters - 2), since 3-grams that start with different characters differ; the index
      is at most the smaller set's size over the larger's, so a title and an excerpt three times as
      long can never be near-identical;
    - characters: every distinct character of a that b lacks starts a 3-gram of a that B lacks, but
      for at most two (those found only in a's last two places); with dA and dB such 3-grams, at most
      m = min(|A| - dA, |B| - dB) are shared and the index is at most m / (m + dA + dB): two different
      teasers of one length seldom share their characters;
    - when the lengths differ, the longer text's own set (kept for the comparison that follows).
    Each bound's exact value is at least the index's and float division rounds monotonically, so a
    bound below the threshold proves the index is below it too.
    """
    most_a, most_b = _trigram_count_most(a), _trigram_count_most(b)
    if not most_a or not most_b:
        return threshold > 0.0  # trigram_jaccard is 0.0
    short, long_, most_long = (most_a, b, most_b) if most_a <= most_b else (most_b, a, most_a)
    lengths_differ = short / most_long < threshold
    if lengths_differ:
        fewest = len(_characters(long_)) - 2
        if fewest > 0 and short / fewest < threshold:
            return True
    chars_a, chars_b = _characters(a), _characters(b)
    only_a = max(len(chars_a - chars_b) - 2, 0)
    only_b = max(len(chars_b - chars_a) - 2, 0)
    shared = min(most_a - only_a, most_b - only_b)
    if shared / (shared + only_a + only_b) < threshold:
        return True
    return lengths_differ and short / len(_trigram_set(long_)) < threshold


@lru_cache(maxsize=64)
def _characters(s: str) -> frozenset[str]:
    """The characters of `s` but whitespace."""
    return frozenset(_bare(s))


def stable_hash(text: str) -> int:
    """A 63-bit hash that is the same in every process and every run (unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1


# --------------------------------------------------------------------------- MinHash of bodies

SIG_SIZE = 64  # values per signature: standard error of a similarity estimate ≈ 0.06 at 50 %
_MASK63 = (1 << 63) - 1
_EMPTY = 0xFFFFFFFF


def word_shingle_hashes(text: str) -> list[int]:
    """Stable hashes of the word 3-grams of `text` (whitespace-separated words, casefolded).

    Words are hashed with crc32 (not `hash`, which differs between runs for text); a 3-gram's
    hash is the hash of a tuple of ints, which Python computes the same way in every run.
    """
    return list(map(_MASK63.__and__, _shingle_set(text)))


def _shingle_set(text: str) -> set[int]:
    """The 3-grams' hashes before the mask: Python's own (signed) tuple hashes."""
    w = list(map(zlib.crc32, text.casefold().encode("utf-8").split()))  # map: no Python-level loop
    return set(map(hash, zip(w, w[1:], w[2:], strict=False)))


def minhash(hashes: list[int], k: int = SIG_SIZE) -> bytes:
    """One-permutation MinHash: each hash goes to one of k bins, the bin keeps its minimum.

    One hash per shingle instead of k makes it k times cheaper than classic MinHash: bin = the
    low bits, value = the high 32 bits. Empty bins borrow from the next filled bin (rotation
    densification) so every position stays comparable between articles.
    """
    if not hashes:
        return b""
    n = len(hashes)
    if n > 12 * k:
        # A bin's smallest hash is below `cut` whenever any of its hashes is, so the hashes below it
        # (about 8 a bin) give the same minima at a fraction of the sort; when a bin has none there,
        # fall through to the whole list.
        cut = (_MASK63 + 1) // n * 8 * k
        low = sorted(filter(cut.__gt__, hashes))
        first = _first_in_bins(low, k, _bin_bytes(low, k))
        if -1 not in first:
            return _layout(k)[0](*map(_HIGH32, map(low.__getitem__, first)))
    hashes = sorted(hashes)
    first = _first_in_bins(hashes, k, _bin_bytes(hashes, k))
    return _pack({b: hashes[i] >> 31 for b, i in enumerate(first) if i >= 0}, k)


_HIGH32 = (31).__rrshift__  # v >> 31, called from C (map)


@cache
def _layout(k: int) -> tuple[Callable[..., bytes], range, bytes]:
    """(pack k big-endian 32-bit values, range(k), byte -> its bin when k divides 256)."""
    return struct.Struct(f">{k}I").pack, range(k), bytes(i % k for i in range(256))


def _bin_bytes(hashes: list[int], k: int) -> bytes | None:
    """Each hash's bin (its low bits) as one byte, computed in C: the low byte of each 64-bit
    little-endian value, mapped through a table. None when k does not divide 256 or a hash does
    not fit in 64 bits."""
    if 256 % k:
        return None
    try:
        packed = struct.pack(f"<{len(hashes)}q", *hashes)
    except struct.error:
        return None
    return packed[::8].translate(_layout(k)[2])


def _first_in_bins(hashes: list[int], k: int, of: bytes | None) -> list[int]:
    """For each bin, the index of its first hash (-1 for none): its smallest when the list is sorted.
    `of` is _bin_bytes(hashes, k): one bytes.find per bin instead of a dictionary store per hash."""
    if of is not None:
        return list(map(of.find, range(k)))
    first: dict[int, int] = {}
    for i in range(len(hashes) - 1, -1, -1):
        first[hashes[i] % k] = i
    return [first.get(b, -1) for b in range(k)]


def _pack(found: dict[int, int], k: int) -> bytes:
    """The signature from each filled bin's value (bin -> value)."""
    pack, bins, _table = _layout(k)
    values = [found.get(i, _EMPTY) for i in bins]
    if len(found) < k:
        for i in bins:
            if i not in found:
                d = 1
                while (i + d) % k not in found:
                    d += 1
                values[i] = (found[(i + d) % k] + d * 0x9E3779B1) & 0xFFFFFFFE  # never _EMPTY
    return pack(*values)


def body_signature(text: str, min_shingles: int) -> bytes | None:
    """minhash(word_shingle_hashes(text)), or None when text has fewer than `min_shingles` distinct
    word 3-grams.

    When numpy is already loaded (a parallel run's warm-up loads it before the workers start), the
    3-gram hashes and the bins' minima are computed on arrays: about twice as fast for a news
    article. numpy is never imported for this: a one-file run would pay more for the import than
    it saves.
    """
    np = sys.modules.get("numpy")
    if np is not None and _numpy_agrees(np):
        sig = _numpy_signature(np, text, min_shingles)
        if sig is not _UNSURE:
            return sig  # type: ignore[no-any-return,unused-ignore]
    shingles = _shingle_set(text)
    n = len(shingles)
    if n < min_shingles:
        return None
    if n > 12 * SIG_SIZE:
        return minhash(list(map(_MASK63.__and__, shingles)))  # long bodies: minhash sorts a part of them
    return _signed_minhash(sorted(shingles)) if n else b""


def _signed_minhash(hs: list[int], k: int = SIG_SIZE) -> bytes:
    """minhash of the masked values of `hs` (signed hashes, sorted), without masking each one.

    A negative hash masks to itself + 2**63 and keeps its low bits (its bin), so the negative
    hashes keep their order once masked, and so do the others: a bin's minimum is the smaller of
    its smallest negative hash (+ 2**63) and its smallest other one.
    """
    of = _bin_bytes(hs, k)
    if of is None:
        return minhash(list(map(_MASK63.__and__, hs)), k)
    split = bisect_left(hs, 0)
    # Each bin's smallest hash on either side: the last store into a dictionary wins.
    negative = dict(zip(of[split - 1 :: -1], hs[split - 1 :: -1], strict=True)) if split else {}
    other = dict(zip(of[split:][::-1], hs[split:][::-1], strict=True))
    found: dict[int, int] = {}
    for b in range(k):
        x, y = negative.get(b), other.get(b)
        if x is not None:
            v = (x >> 31) + _TOP32  # = (x + 2**63) >> 31
            found[b] = v if y is None or v < (y >> 31) else y >> 31
        elif y is not None:
            found[b] = y >> 31
    return _pack(found, k)


_TOP = 1 << 63  # what masking adds to a negative hash
_TOP32 = _TOP >> 31


_UNSURE = object()  # the numpy path leaves a rare case to the plain one
# CPython's tuple hash (Objects/tupleobject.c, xxHash-based since 3.8) for tuples of three ints below
# 2**61 - 1, whose hash is themselves; _numpy_agrees checks it against `hash` before first use.
_XXPRIME_1 = 11400714785074694791
_XXPRIME_2 = 14029467366897019727
_XXPRIME_5 = 2870177450012600261
_TUPLE3_TAIL = 3 ^ (_XXPRIME_5 ^ 3527539)
_U64 = (1 << 64) - 1


def _numpy_signature(np: Any, text: str, min_shingles: int) -> Any:
    """body_signature on arrays; _UNSURE when the plain path must decide."""
    words = text.casefold().encode("utf-8").split()
    n = len(words)
    if n < 3:
        return _UNSURE
    u64, p1, p2, p5, tail, r31, r33, mask63, low_bits, full = _numpy_constants(np)
    # The words' crc32s packed by struct: fewer steps per word than numpy converting each int.
    w = np.frombuffer(struct.pack(f"={n}I", *map(zlib.crc32, words)), dtype=np.uint32).astype(u64)
    w *= p2
    acc = w[:-2] + p5
    rotated = np.empty(n - 2, dtype=u64)
    for lane in (w[1:-1], w[2:], None):  # acc = rotl(acc, 31) * p1, then the next lane added, in place
        np.right_shift(acc, r33, out=rotated)
        acc <<= r31
        acc |= rotated
        acc *= p1
        if lane is not None:
            acc += lane
    acc += tail
    acc.sort()
    if acc[-1] == full:
        return _UNSURE  # CPython turns a hash of -1 into 1546275796
    distinct = n - 2 - int(np.count_nonzero(acc[1:] == acc[:-1]))  # = len(word_shingle_hashes(text))
    if distinct < min_shingles:
        return None
    k = SIG_SIZE
    acc &= mask63  # repeats left in: a bin's minimum is the same
    low = np.full(k, full, dtype=u64)
    np.minimum.at(low, (acc & low_bits).astype(np.intp), acc)  # bin = value % 64 = its low 6 bits
    if low.max() == full:  # empty bins: filled from their neighbours as minhash does
        return _pack({i: v >> 31 for i, v in enumerate(low.tolist()) if v != _U64}, k)
    low >>= r31
    return low.astype(">u4").tobytes()


@cache
def _numpy_constants(np: Any) -> tuple[Any, ...]:
    """numpy's uint64 type and the constants _numpy_signature needs, made once."""
    u64 = np.uint64
    return (u64, u64(_XXPRIME_1), u64(_XXPRIME_2), u64(_XXPRIME_5), u64(_TUPLE3_TAIL), u64(31), u64(33),
            u64(_MASK63), u64(SIG_SIZE - 1), u64(_U64))  # SIG_SIZE - 1: the low bits (64 bins)


@cache
def _numpy_agrees(np: Any) -> bool:
    """The array path gives what the plain one does, on this Python and this numpy."""
    probe = "정부는 오늘 폭염 특보를 발령했다 The Ministry said on Monday " * 3 + "끝 ⋯ end 2.0"
    try:
        return bool(_numpy_signature(np, probe, 1) == minhash(word_shingle_hashes(probe)))
    except Exception:  # noqa: BLE001 - any surprise means: do not use numpy
        return False


def signature_similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal positions."""
    if not a or len(a) != len(b):
        return 0.0
    n = len(a) // 4
    same = sum(1 for i in range(0, len(a), 4) if a[i : i + 4] == b[i : i + 4])
    return same / n


@lru_cache(maxsize=32)
def lsh_params(threshold: float, k: int = SIG_SIZE) -> tuple[int, int]:
    """Bands and rows (bands × rows = k) weighing missed pairs twice as much as extra candidates."""

    def integral(f: object, lo: float, hi: float) -> float:
        steps = 200
        width = (hi - lo) / steps
        return sum(f(lo + (i + 0.5) * width) for i in range(steps)) * width  # type: ignore[operator]

    best: tuple[float, int, int] | None = None
    for rows in range(1, k + 1):
        if k % rows:
            continue
        bands = k // rows
        fp = integral(lambda s, b=bands, r=rows: 1 - (1 - s**r) ** b, 0.0, threshold)
        fn = integral(lambda s, b=bands, r=rows: (1 - s**r) ** b, threshold, 1.0)
        cost = fp + 2 * fn
        if best is None or cost < best[0]:
            best = (cost, bands, rows)
    assert best is not None
    return best[1], best[2]


def lsh_pairs(sigs: Sequence[bytes], threshold: float, window: int = 4) -> Iterator[tuple[int, int]]:
    """Candidate pairs (i < j) of signatures that share a whole band.

    One band at a time, so only one band's buckets are in memory. In a big bucket each member
    meets only its next `window` members: clusters of copies stay linear, not quadratic, and
    every member still meets a copy. A pair may come out more than once.
    """
    if len(sigs) < 2:
        return  # no pair (a one-file run): not even the bands are worked out
    k = max(len(s) for s in sigs) // 4
    if k == 0:
        return
    bands, rows = lsh_params(threshold, k)
    width = rows * 4
    for band in range(bands):
        lo, hi = band * width, (band + 1) * width
        buckets: dict[bytes, list[int]] = {}
        for i, s in enumerate(sigs):
            if len(s) == k * 4:
                buckets.setdefault(s[lo:hi], []).append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            for x, i in enumerate(members):
                for j in members[x + 1 : x + 1 + window]:
                    yield i, j
        del buckets
