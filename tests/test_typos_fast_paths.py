"""The typos family's fast paths find exactly what the straightforward patterns found.

Each fast path (a pattern written from its rare literal part, a whole-article gate) is compared
with the pattern it replaced, kept here, over random strings built from the letters that matter.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable

import pytest

import newslint.checks.typos as ty
import newslint.checks.typos_korean as tk
from newslint.hangul import CONSONANT, PARTICLES, RIEUL, VOWEL, final_index, sound_of

_RND = random.Random(11)


def _strings(alphabet: list[str], n: int = 4000, longest: int = 24) -> list[str]:
    return ["".join(_RND.choice(alphabet) for _ in range(_RND.randint(0, longest))) for _ in range(n)]


def _chars(pred: Callable[[str], bool]) -> str:
    return "".join(chr(c) for c in range(0xAC00, 0xD7A4) if pred(chr(c)))


_N_OR_L_FINAL = _chars(lambda ch: final_index(ch) in (4, 8))
_L_FINAL = _chars(lambda ch: final_index(ch) == 8)
_OLD_BOUND = re.compile(
    rf"[{_L_FINAL}](?:수|거(?:야|다|예|라|니|지|고|면|든|나|요|에요|예요|란|래)|리(?:가|도|는)? ?(?:없|만무))"
    rf"|[{_N_OR_L_FINAL}](?:것|줄|만큼|뿐|듯|뻔|척|데(?:에|가|를)|바(?:가|를|와|에|는|도|대로))")
_OLD_JI = re.compile(r"[가-힣]지(?:않|못)")
_OLD_DETACHED = re.compile(rf"[가-힣0-9] (?:{'|'.join(sorted(tk._DETACHABLE, key=len, reverse=True))})")


def _old_particle() -> re.Pattern[str]:
    verbish = {19, 20, 5, 6, 15, 18}
    fin = _chars(lambda ch: sound_of(ch) in (CONSONANT, RIEUL) and final_index(ch) not in verbish)
    vow = _chars(lambda ch: sound_of(ch) == VOWEL)

    def alt(forms: Iterable[str]) -> str:
        out = []
        for form in forms:
            p = next(p for p in PARTICLES if form in (p.after_consonant, p.after_vowel))
            conts = [re.escape(c) for c in sorted(p.continuations, key=len, reverse=True) if c]
            out.append(form + (f"(?:{'|'.join(conts)})?" if conts else ""))
        return "|".join(out)

    after_fin = alt(("라고", "라는", "라도", "는", "가", "를", "와", "며", "랑"))
    after_vow = alt(("으로", "은", "을", "과"))
    return re.compile(rf"(?:[{fin}](?:{after_fin})|[{vow}](?:{after_vow})|[{_L_FINAL}](?:{alt(('으로',))}))"
                      rf"(?![가-힣])")


# Syllables with every kind of final that matters, the literal parts, and what separates words.
_HOSTS = list("할갈을는된간만정책서울나무학생없있앉않핥잃사과국가받거란줄를바") + ["\n", " ", "  ", ".", "1", "가", "x"]
_BOUND_BITS = ["수", "거", "거란", "리", "리가 ", "없", "만무", "것", "줄", "만큼", "뿐", "듯", "뻔", "척", "데에", "바를",
               "바대로", "수록"]
_PARTICLE_BITS = [f for p in PARTICLES for f in (p.after_consonant, p.after_vowel)] + ["으로부터", "과의", "와는", "라고는"]
_DETACHED_BITS = list(tk._DETACHABLE) + ["에", "부", "서"]


@pytest.mark.parametrize(("old", "new", "bits"), [
    (_OLD_BOUND, tk._bound_finder(), _BOUND_BITS),
    (_OLD_JI, tk._JI_FINDER, ["지", "않", "못", "지않", "지못"]),
    (_OLD_DETACHED, tk._DETACHED_FINDER, _DETACHED_BITS),
    (_old_particle(), tk._particle_finder(), _PARTICLE_BITS),
])
def test_finders_find_what_the_class_first_patterns_found(old: re.Pattern[str], new: tk.Finder,
                                                         bits: list[str]) -> None:
    texts = _strings(_HOSTS + bits, n=6000, longest=14)
    for s in texts:
        assert list(new.spans(s)) == [m.span() for m in old.finditer(s)], repr(s)
    assert sum(1 for s in texts if old.search(s)) > 100


_OLD_TAIL = re.compile(r"(?<=[^\s가-힣])[가-힣]{1,5}(?![가-힣])")  # every word TYP020 may read a particle in


def test_tail_from_particle_keeps_every_tail_a_particle_can_start() -> None:
    alphabet = list("가나는을를이로과와으라며랑다)]A%1 \n") + ["KBS", "(NATO)", "이라고", "으로", "으로부터는"]
    for s in _strings(alphabet, n=6000, longest=14):
        new = list(tk._tails(s))
        assert new == [m.span() for m in _OLD_TAIL.finditer(s) if m.group(0)[0] in tk._PARTICLE_FIRSTS], repr(s)


@pytest.mark.parametrize(("pattern", "anchor", "bits"), [
    (ty._JI, ty._JI_ANCHOR, ["지", "지는", "지도", "지를", "조차", "라도", "만", "요", "모르", "지역", "(", "["]),
    (ty._JI_OTHER, ty._JI_OTHER_ANCHOR, ["뿐더러", "망정", "수록", "수", "록"]),
    (ty._AUX, ty._AUX_ANCHOR, ["듯", "만", "뻔", "척", "하다", "했", "해요", "해", "합니", "한다", "할 듯 하다", " 만 해요",
                               "\t척\t했", " 뻔 합니다"]),
])
def test_anchored_matches_are_finditers(pattern: re.Pattern[str], anchor: re.Pattern[str], bits: list[str]) -> None:
    alphabet = list("할될있는인을먹가") + [" ", " ", "\t", "  ", "\n", ".", "1", "a"] + bits
    texts = _strings(alphabet, n=8000, longest=12)
    for s in texts:
        anchors = [m.start() for m in anchor.finditer(s)]
        assert [m.span() for m in ty._finditer_from(pattern, s, anchors)] == [m.span() for m in pattern.finditer(s)], \
            repr(s)
    assert sum(1 for s in texts if pattern.search(s)) > 100


def test_repeat_precheck_names_every_repeated_word() -> None:
    alphabet = ["정부는", "the", "The", "a", "A", " ", "  ", "\n", "\t", ",", ".", "2", "-", "'", "(", "u.s.", "1,000",
                "_", "·", "x", "é", "\u3000", "\xa0", "’", "@", "the the", "정부는 정부는", "a\n a", "The\tthe", "a a", "“",
                "”", "\x1c", "\r", "İ", "\ud800"]
    texts = _strings(alphabet, n=8000, longest=10)
    hits = 0
    for s in texts:
        low = s.lower()
        words = ty._maybe_repeated(low)
        for m in ty._REPEAT.finditer(low):
            hits += 1
            assert m.group("a") in words, repr(s)
    assert hits > 300


def test_repeated_tokens_are_those_of_neighbouring_pairs() -> None:
    """The one-regex search for a token written twice finds the words a neighbour-by-neighbour
    comparison of the split tokens found."""
    from itertools import compress, islice
    from operator import eq

    alphabet = ["정부는", "the", "The", "a", "ab", " ", "  ", "\n", "\t", ",", ".", "-", "'", "_", "x", "é", "\u3000",
                "\xa0", "“", "\x1c", "\x0b", "\r", "\ud800", "😀", "the the", "a a a", "정부는 정부는", "ab\ta"]
    hits = 0
    for s in _strings(alphabet, n=8000, longest=10):
        low = s.lower()
        toks = low.encode("utf-8", "surrogatepass").translate(ty._ASCII_NON_WORD_TO_SPACE).split()
        old = {t.decode("utf-8", "surrogatepass") for t in compress(toks, map(eq, toks, islice(toks, 1, None)))}
        spaced = (b" " + low.encode("utf-8", "surrogatepass")).translate(ty._ASCII_NON_WORD_TO_SPACE)
        new = {m.group(1).decode("utf-8", "surrogatepass") for m in ty._SAME_TOKEN_TWICE.finditer(spaced)}
        assert new == old, repr(s)
        hits += bool(old)
    assert hits > 1000


def _only_ascii_and_syllables(s: str) -> bool:
    try:
        return ty._only_ascii_and_syllables(s, s.encode())
    except UnicodeEncodeError:  # a lone surrogate: _repeat_segments takes the slow path
        return False


def test_repeated_tokens_without_marks_need_no_lower_case() -> None:
    """Text of ASCII and Hangul syllables only: the table that lower-cases A-Z finds in the text what
    _maybe_repeated finds in its lower case."""
    alphabet = ["정부는", "The", "the", "THE", "a", "A", " ", "\n", "\t", ",", ".", "-", "_", "1", "가", "Ab", "aB",
                "정부는 정부는", "The the", "A a", "x", "“", "é", "😀", "Σ"]
    fast = 0
    for s in _strings(alphabet, n=8000, longest=8):
        if not _only_ascii_and_syllables(s):
            continue
        fast += 1
        enc = s.encode("utf-8", "surrogatepass")
        assert ty._repeated_tokens(enc, ty._ASCII_LOWER_NON_WORD_TO_SPACE) == ty._maybe_repeated(s.lower()), repr(s)
    assert fast > 1000


def test_only_ascii_and_syllables_is_told_from_the_bytes() -> None:
    """The byte test says there is no mark (_MARK, once the shared scan's) and no letter past U+FFFF, at
    every edge of the ranges involved. The lower case of such a letter is one too: the repeated-word rule
    looks around marks in the lower case as it did when the scan told it of marks or such letters."""
    mark = re.compile("[\x80-\uabff\ud7a4-\uffff]")
    edges = ["\x00", "\x7f", "\x80", "\xa0", "\xe9", "\xff", "\u0100", "\u00ac", "\u00d7", "\u0d7a", "\u2018", "\uabff",
             "\uac00", "가", "\ud6ff", "\ud700", "\ud788", "\ud7a3", "\ud7a4", "\ud7ff", "\ud800", "\udfff", "\ue000",
             "\uffff", "\U00010000", "😀", "\U0010ffff", "a", " ", "힣"]
    for s in ["", *edges, *_strings(edges, n=6000, longest=6), *_strings(["a", "가", "힘", "힣", " "], n=500, longest=6)]:
        other = mark.search(s) is not None or any(ord(c) > 0xFFFF for c in s)
        assert _only_ascii_and_syllables(s) == (not other), repr(s)
    assert all(ord(c) > 0xFFFF for x in range(0x10000, 0x110000) for c in chr(x).lower())


def test_a_to_z_runs_hold_every_lower_run() -> None:
    alphabet = ["teh", "the", "ab", "Abc", " ", "-", "'", ".", "/", "x", "é", "가", "1", "_", "\n", "İ", "\ud800"]
    for s in _strings(alphabet, longest=12):
        assert set(ty._LOWER_RUN.findall(s)) <= ty._a_to_z_runs(s), repr(s)


def test_a_to_z_words_hold_every_english_word() -> None:
    alphabet = ["teh", "the", "ab", "Abc", "C", "calls", " ", "-", "'", "’", ".", "/", "x", "é", "가", "1", "_", "\n",
                "İ", "\ud800", "#", "@", "{", "\\", "A"]
    dropped = 0
    for s in _strings(alphabet, longest=12):
        words = ty._a_to_z_words(s)
        assert {m.group() for m in ty._EN_WORD.finditer(s)} <= words, repr(s)
        assert words - ty._a_to_z_runs(s) <= {w for w in words if "#" in w}, repr(s)
        dropped += len(ty._a_to_z_runs(s) - words)
    assert dropped > 1000


def test_one_scan_finds_what_each_finder_finds() -> None:
    bits = _BOUND_BITS + _PARTICLE_BITS + _DETACHED_BITS + ["지않", "지못", ")", "(NATO)", "KBS", "10%", "1", "A", "“",
                                                            "·", "é", "\u3000"]
    texts = _strings(_HOSTS + bits + ["가가가가가", "(", "漢字", "\U0001f600", "\ud800", "\uffff", "\x80"],
                     n=6000, longest=14)
    found = dict.fromkeys(map(id, tk._finders()), 0)
    for s in texts:
        scans = tk._scan_spans(s)
        for f in tk._finders():
            assert scans[id(f)] == list(f.spans(s)), (repr(s), f.pattern.pattern[:30])
            found[id(f)] += len(scans[id(f)])
    assert min(found.values()) > 50


def test_codespell_dictionary_reads_the_lines_the_regex_read(tmp_path: object) -> None:
    from pathlib import Path

    old = re.compile(r"^([a-z]+)->(.*)$", re.MULTILINE)
    path = Path(str(tmp_path)) / "dictionary.txt"
    lines = ["abc->abd,", "abc->last,", "Abc->x", "ab-c->y", "abd->", "x->y->z", "caf\u00e9->cafe", "tehh->the, ten,",
             "->empty", "abcd ->spaced"]
    for text in ["\n".join(lines) + "\n", "\n".join(lines), "\n".join(lines) + "\n\nnoarrow\n"]:
        path.write_text(text, encoding="utf-8")
        got = ty._read_codespell(path)
        want = dict(old.findall(text))
        assert {k: v for k, v in got.items() if re.fullmatch("[a-z]+", k)} == want, repr(text)


def test_codespell_parts_hold_exactly_the_entries_of_the_whole_dictionary() -> None:
    """A pre-commit run unpacks only the parts its article's words begin as; what it looks up must be
    what the whole dictionary says, and a long run ends up with the whole dictionary."""
    import random

    rnd = random.Random(8)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rnd.choice(letters[:6]) for _ in range(rnd.randint(1, 6))): f"fix{i}," for i in range(3000)}
    words.update({"1nd": "1st,", "a": "an,", "caf\u00e9": "cafe,"})
    parts = ty._CodespellParts(ty._split_parts(words))
    for _ in range(ty._CodespellParts.UNPACK_ALL_AFTER):
        asked = {"".join(rnd.choice(letters[:8]) for _ in range(rnd.randint(1, 6))) for _ in range(40)} | {"a"}
        got = parts.covering(asked)
        assert got is not words and len(got) < len(words)
        assert {w: got[w] for w in asked if w in got} == {w: words[w] for w in asked if w in words}
        assert parts._whole is None
    assert parts.covering({"ab"}) == words  # the run goes on: the whole dictionary, once
    assert all((w in parts) == (w in words) for w in ["a", "1nd", "caf\u00e9", "zzz", "ab", *list(words)[:50]])

