"""Shared helpers of the style family (STY…): its data files, quotes, dates and widths.

Not a rule module (the leading underscore keeps the registry from importing it as one).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from typing import Any

from newslint.document import Document
from newslint.lazyre import lazy
from newslint.prose import Segment, prose_segments


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex in which a space matches any run of spaces or none."""
    return r"\s*".join(re.escape(tok) for tok in phrase.split())


def alternation(pieces: Iterable[str]) -> str:
    """One regex from several; the longest pieces first so the longest match wins."""
    return "|".join(f"(?:{p})" for p in sorted(set(pieces), key=len, reverse=True))


# --------------------------------------------------------------------------- quotations

# Double quotation marks of Korean and English copy; single quotes mark emphasis in Korean
# news ('역대 최고 수준') more often than speech, so they do not count.
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "«": "»", '"': '"'}


_QUOTE_OPEN = lazy('[“「『«"]')  # most articles have nothing to look at quotes for


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (an unclosed quote runs to the end of the text)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    search = _QUOTE_OPEN.search
    while True:
        m = search(text, pos)
        if m is None:
            return spans
        close = text.find(_QUOTE_PAIRS[m.group()], m.end())
        end = len(text) if close < 0 else close + 1
        spans.append((m.start(), end))
        pos = end


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect_right(spans, (i, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


# --------------------------------------------------------------------------- dates

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
           r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# A day of a month written out: 2024-07-04, 2024년 7월 4일, 7월 4일, (4일), 지난 3일 (not 3일간),
# July 4, 4 July, the 4th (tests/test_style_speed.py keeps these forms as one regex, the reference
# `is_dated` answers as). Every form holds a digit; those that start with one are searched with the
# digit taken out in front, so the regex engine skips to digits (`(?<![\d.,])\d` becomes
# `\d(?<![\d.,]\d)`, `\b\d` becomes `\d(?<!\w\d)`: the same tests).


# Compiled on first use: an article without a relative time word never needs them. The forms led by
# a digit:
_DATE_DIGIT_LED = lazy(
    r"\d(?:\d{3}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}"
    r"|\d?\s*월\s*\d{1,2}\s*일"
    r"|(?<![\d.,]\d)\d?\s*일(?!\s*(?:간|째|동안|이내|만에|치|분))"
    rf"|(?<!\w\d)\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b)",
    re.IGNORECASE,
)
# The forms with a word first ("July 4", "the 4th"): the word, an optional '.', the whole run of
# spaces before the digit, so such a date starts at most 10 characters ("September.") before it.
_DATE_WORD_LED = lazy(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?!\d)|\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b", re.IGNORECASE)


_DIGIT = re.compile(r"\d")
_SPACE_DIGIT = re.compile(r"\s\d")


def is_dated(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a day of a month is written in text[start:end], in one of the forms above."""
    if end is None:
        end = len(text)
    if _DIGIT.search(text, start, end) is None:
        return False
    if _DATE_DIGIT_LED.search(text, start, end) is not None:
        return True
    m = _SPACE_DIGIT.search(text, start, end)
    if m is None:
        return False
    run = m.start()  # the run of spaces before the first digit that follows a space
    while run > start and text[run - 1].isspace():
        run -= 1
    return _DATE_WORD_LED.search(text, max(start, run - 10), end) is not None


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FILE_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")


def publication_day(doc: Document) -> tuple[dt.date, str] | None:
    """The story's day from `date:` or else the Jekyll file name, with where it came from."""
    value = doc.data.get("date")
    candidates: list[tuple[str, str]] = []
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value), "date"
    if isinstance(value, str):
        candidates.append((value, "date"))
    candidates.append((doc.filename, "file name"))
    for text, source in candidates:
        m = (_ISO_DAY.match(text.strip()) if source == "date" else _FILE_DAY.match(text))
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), source
            except ValueError:
                continue
    return None


# --------------------------------------------------------------------------- sentences

# A break: after . ! ? 。 (and closing quotes or brackets), a run of spaces; or a run of line breaks.
# The rule is `(?<=[.!?。])["'”’)\]]*\s+|\n+`; the regex below matches the mark itself too (the
# break then starts one character after the match: see `_breaks`), and starts with one class of the
# marks and the line break: the regex engine skips ahead to those only when a pattern starts with a
# class or literal (an alternation of two forms is tried at every character, ten times slower).
_SENTENCE_BREAK = lazy(r"[\n.!?。](?:(?<=\n)\n*|(?<=[.!?。])[\"'”’)\]]*\s+)")  # only articles with a time word


_SPAN = re.Match.span


def _breaks(text: str) -> list[tuple[int, int]]:
    """The spans of the sentence breaks in text: what the rule above finds, as its own regex would."""
    return [(s if text[s] == "\n" else s + 1, e) for s, e in map(_SPAN, _SENTENCE_BREAK.finditer(text))]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: cut after . ! ? 。 followed by a space (3.5 stays whole), and at line breaks."""
    out = []
    pos = 0
    for s, e in _breaks(text):
        # not blank: most sentences start with a letter, which settles it without a copy
        if pos < s and (not text[pos].isspace() or text[pos:s].strip()):
            out.append((pos, s))
        pos = e
    if pos < len(text) and (not text[pos].isspace() or text[pos:].strip()):
        out.append((pos, len(text)))
    return out


# --------------------------------------------------------------------------- widths

def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width rendering: wide (CJK) characters count two."""
    width = 0
    for ch in text:
        if ch.isascii():
            width += 1
        elif unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Cf"):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def has_hangul(text: str) -> bool:
    """Whether the text holds a Hangul syllable (on a word, this costs less than compiling [가-힣]: 1 ms)."""
    if text.isascii():
        return False
    return "가" <= text[0] <= "힣" or any("가" <= ch <= "힣" for ch in text)  # a Korean word starts with one


# --------------------------------------------------------------------------- gated regexes
#
# A long alternation of phrases costs Python's regex engine ~0.5 µs per character of text.
# Each pattern instead carries "gates": literal strings it cannot match without. One lowered
# copy of the article is searched for the gates (fast substring search) and only the patterns
# whose gate is present run, so an article without any of the phrases costs almost nothing.
# A literal is first tested one character at a time (a single-character search is ten times
# faster than a phrase's, and one missing character settles it), rarest characters first.
# A literal the pattern holds as written (a phrase's words, a run of literal characters) is then
# looked for word by word in the lowered text itself; only the others need the text without spaces,
# which costs more to make than all the other tests of an article together.

# Characters found in more than a quarter of real articles' prose, the most common first (measured on
# /work/shared/corpus). A literal is tested by its rarest character first: one that is missing settles it.
_COMMON = (".r,oesni12ka0t:d3cpm-wgl4fy5)(이다에로h는bu을니의하를해한가기고스수정은도서사있6인지습보으8리v시대자되과"
           "여전어할주제입7요!와상들적위게부용성9라아경내며것일소개면만중장합비나공x원통그조관모발간확안러실문우계치세생구유신?"
           "동된화예결미/드진방q운바분단z행했후더선최히함속었데반오j야력마'점재체출처번트터뉴명영표식현또따려등록각작포필향국능됩"
           "역강추연회심특양될당#및거무음르변목련많받않래차준업감설같근약루두환없활질법저직건높\"매크까노파겠든호임프때알종큰앞급달")
_RANK = {ch: len(_COMMON) - i for i, ch in enumerate(_COMMON)}


def _keys(literal: str) -> str:
    """The literal's distinct characters, the rarest first (a cheap test that may rule it out)."""
    return "".join(sorted(dict.fromkeys(literal), key=lambda ch: _RANK.get(ch, 0)))


def rarest_char(word: str) -> str:
    """The word's character least often found in articles' prose ("" for "")."""
    return _keys(word)[:1]


Words = tuple[str, ...] | None  # a literal's words as every match holds them (see `_words`), or None


def _words(text: str, split: bool = True) -> Words:
    """The text's words (or, not `split`, the whole text), lower-cased, as every case-insensitive match holds them.

    Only for ASCII and Hangul: their lower case is what `re` matches when ignoring case, apart from
    the three letters `_Gate.plain` looks out for. None for other text (it is then tested squeezed).
    """
    if not text.strip() or not all(ch.isascii() or "가" <= ch <= "힣" for ch in text):
        return None
    return tuple(text.lower().split()) if split else (text.lower(),)


class Gated:
    """A regex with the literals it needs; compiled on first use unless given compiled (see `gated`).

    `all_of`: literals (lower-cased, spaces removed) it needs, every one; `any_of`: literals of which it
    needs one; `all_words`, `any_words`: their words (see `_words`).
    """

    __slots__ = ("pattern", "flags", "_rx", "_all_keys", "_any_keys", "_tests", "_any_tests")

    def __init__(self, pattern: str, flags: int, all_of: tuple[str, ...] = (), any_of: tuple[str, ...] = (),
                 rx: re.Pattern[str] | None = None, all_words: tuple[Words, ...] = (),
                 any_words: tuple[Words, ...] = ()) -> None:
        self.pattern = pattern
        self.flags = flags
        self._rx = rx
        # Per literal: (literal, its characters rarest first, its words or None). Tested in this order:
        # the literal with the rarest character first (any order gives the same answer).
        all_keys = ((lit, _keys(lit), w) for lit, w in zip(all_of, all_words or (None,) * len(all_of), strict=True))
        self._all_keys = tuple(sorted(all_keys, key=lambda lk: _RANK.get(lk[1][:1], 0)))
        self._any_keys = tuple((lit, _keys(lit), w)
                               for lit, w in zip(any_of, any_words or (None,) * len(any_of), strict=True))
        # The same as strings to find in the lowered prose, in order (every one is needed; of `_any_tests`,
        # every one of one group): each literal's characters, rarest first, then its words. None when a
        # literal has no words (outside ASCII and Hangul): `has` then tests it on the squeezed text.
        tests, any_tests = _tests(self._all_keys), tuple(_tests((k,)) for k in self._any_keys)
        self._tests = None if None in any_tests else tests
        self._any_tests: tuple[tuple[str, ...], ...] = tuple(t for t in any_tests if t is not None)

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern, self.flags)
        return self._rx

    def open(self, gate: _Gate) -> bool:
        tests = self._tests
        if tests is not None and gate.plain:
            if not gate.finds(tests):
                return False
            return not self._any_tests or any(gate.finds(t) for t in self._any_tests)
        has = gate.has_words
        for lit, keys, words in self._all_keys:
            if not has(lit, keys, words):
                return False
        if not self._any_keys:
            return True
        return any(has(lit, keys, words) for lit, keys, words in self._any_keys)


def _tests(keyed: tuple[tuple[str, str, Words], ...]) -> tuple[str, ...] | None:
    out: dict[str, None] = {}
    for _lit, keys, words in keyed:
        if words is None:
            return None
        out.update(dict.fromkeys(keys))
        out.update(dict.fromkeys(words))
    return tuple(out)


class _Gate:
    """One article's prose for gate tests: lower-cased, and squeezed (no spaces) when a literal needs it.

    Characters and words are looked for in the lower-cased text (`finds`). A character is in the
    squeezed text exactly when it is in the lower-cased one (only spaces go); the squeezed copy is
    made only for a literal without words (`has`), on the first whose characters are all there.
    """

    __slots__ = ("low", "_squeezed", "seen", "plain", "_lits")

    def __init__(self, low: str, plain: bool = True) -> None:
        self.low = low
        self._squeezed: str | None = None
        self.seen: dict[str, bool] = {}  # whether a string (a character, a word) is in `low`
        # No İ ı ſ in the prose: the letters `re` matches to an ASCII letter when ignoring case but
        # str.lower does not turn into it (K, the Kelvin sign, lower-cases to k).
        self.plain = plain
        self._lits: dict[str, bool] = {}  # whether a literal of two characters or more is in `squeezed`

    @property
    def squeezed(self) -> str:
        if self._squeezed is None:
            # "".join(low.split()) without a list of every word: the common spaces go by replace; the
            # split then only cuts at the rare others (tab, NBSP, ideographic space…).
            self._squeezed = "".join(self.low.replace(" ", "").replace("\n", "").split())
        return self._squeezed

    def has(self, literal: str, keys: str) -> bool:
        if len(literal) < 2:  # one character: its own test
            return self.finds(keys)
        hit = self._lits.get(literal)
        if hit is None:
            hit = self._lits[literal] = self.finds(keys) and literal in self.squeezed
        return hit

    def finds(self, needles: Iterable[str]) -> bool:
        """Whether every one of the strings is in the lowered text; results shared by the family's rules."""
        seen, low = self.seen, self.low
        for s in needles:
            hit = seen.get(s)
            if hit is None:
                hit = seen[s] = s in low
            if not hit:
                return False
        return True

    def has_words(self, literal: str, keys: str, words: Words) -> bool:
        """`has(literal, keys)`, narrowed for a literal that every match holds as `words`, each as written.

        Then each word is looked for in the lowered text as it is: a match, inside one segment, holds it
        there. Where the two tests differ (the words are all there but not the squeezed literal, or the
        other way round) the pattern cannot match anywhere, so no rule's result changes.
        """
        if words is None or not self.plain:
            return self.has(literal, keys)
        # a word is often in several literals (도와드릴 수 있을까요, 도와드릴 수 없습니다): each is looked for once
        return self.finds(keys) and self.finds(words)


def _squeeze(s: str) -> str:
    return "".join(s.lower().split())


def _literal_runs(tree: Any, runs: list[str]) -> None:
    c = importlib.import_module("re._constants")  # private, only used to speed up; failures fall back

    cur: list[str] = []
    for op, av in tree:
        if op is c.LITERAL:
            cur.append(chr(av))
            continue
        if cur:
            runs.append("".join(cur))
            cur = []
        if op is c.SUBPATTERN:
            _literal_runs(av[-1], runs)
    if cur:
        runs.append("".join(cur))


def literal_runs(pattern: str) -> list[str] | None:
    """Runs of literal characters, as written, that every match of the pattern contains (None: unknown)."""
    try:
        parser = importlib.import_module("re._parser")
        runs: list[str] = []
        _literal_runs(parser.parse(pattern), runs)
    except Exception:  # noqa: BLE001 - an unknown regex form only means "always run"
        return None
    return runs


# The characters other than the letter itself and its capital that `re` matches to an ASCII letter
# when ignoring case (found by trying every character; tests/test_style_speed.py checks it).
ASCII_FOLDS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
# Those of them that str.lower() does not turn into their ASCII letter (K lowers to k): prose holding
# one is tested by the squeezed text (see _Gate.plain).
_LOWER_ELSEWHERE = "".join(c for letter, folds in ASCII_FOLDS.items() for c in folds if c.lower() != letter)

# The letters that `re`, ignoring case, takes for a letter str.lower() does not turn them into: İ and ı
# match i, ſ matches s, σ matches ς, Greek and Cyrillic letters with a second small form, µ and μ…
# (tests/test_style_speed.py works the set out again from `re` itself over every code point).
_FOLDS_UNLIKE_LOWER = frozenset(map(chr, (
    0xB5, 0x130, 0x131, 0x17F, 0x345, 0x390, 0x392, 0x395, 0x398, 0x399, 0x39A, 0x39C, 0x3A0, 0x3A1, 0x3A3,
    0x3A6, 0x3B0, 0x3B2, 0x3B5, 0x3B8, 0x3B9, 0x3BA, 0x3BC, 0x3C0, 0x3C1, 0x3C2, 0x3C3, 0x3C6, 0x3D0,
    0x3D1, 0x3D5, 0x3D6, 0x3F0, 0x3F1, 0x3F4, 0x3F5, 0x412, 0x414, 0x41E, 0x421, 0x422, 0x42A, 0x432,
    0x434, 0x43E, 0x441, 0x442, 0x44A, 0x462, 0x463, 0x1C80, 0x1C81, 0x1C82, 0x1C83, 0x1C84, 0x1C85,
    0x1C86, 0x1C87, 0x1C88, 0x1E60, 0x1E61, 0x1E9B, 0x1FBE, 0x1FD3, 0x1FE3, 0xA64A, 0xA64B, 0xFB05, 0xFB06,
)))


def _fold_safe(run: str) -> list[str]:
    """The pieces of a run of literal characters that any case-insensitive match holds in lower case.

    The run is cut at each letter of _FOLDS_UNLIKE_LOWER, which a gate then does not look for: an
    article's lower-cased text may hold the letter re matched in its place.
    """
    if run.isascii():
        return [run]
    pieces = [""]
    for ch in run:
        if ch not in _FOLDS_UNLIKE_LOWER:
            pieces[-1] += ch
        elif pieces[-1]:
            pieces.append("")
    return [p for p in pieces if p]


def _literals(runs: list[str]) -> tuple[str, ...]:
    """Literals (lower-cased, spaces removed, 2+ characters) the pattern of these runs cannot match without."""
    lits = {_squeeze(r) for r in runs}
    return tuple(sorted((lit for lit in lits if len(lit) >= 2), key=len, reverse=True))


def _any_of_keys(any_of: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[Words, ...]]:
    """`any_of` as a gate looks for them: squeezed, and their words. None of them when one holds a letter
    a gate cannot look for (_fold_safe): the others alone cannot rule the pattern out."""
    if any(_fold_safe(g) != [g] for g in any_of):
        return (), ()
    return tuple(_squeeze(g) for g in any_of), tuple(_words(g, split=False) for g in any_of)


def gated(pattern: str, flags: int = re.IGNORECASE, any_of: tuple[str, ...] = (), lazy: bool = False) -> Gated:
    """A pattern with the literals that must be in an article for it to match there.

    `any_of`: literals of which every match holds one, as written (ignoring case). Compiled now (a bad
    pattern from an option fails at once, as always), unless `lazy`: a pattern that cannot be bad (one
    built from escaped names, or one of rules/, which the tests compile) is compiled when an article
    opens it, so a run pays only for the patterns its articles may hold.
    """
    runs = [piece for run in literal_runs(pattern) or [] for piece in _fold_safe(run)]
    all_of = _literals(runs)
    words: dict[str, Words] = {}
    for r in runs:  # a run of literal characters is in every match as written, spaces and all
        words.setdefault(_squeeze(r), _words(r, split=False))
    any_keys, any_words = _any_of_keys(any_of)
    return Gated(pattern, flags, all_of, any_keys, None if lazy else re.compile(pattern, flags),
                 tuple(words[lit] for lit in all_of), any_words)


def gated_by(pattern: str, any_of: tuple[str, ...]) -> Gated:
    """A pattern built from escaped names, gated by `any_of` alone (as `gated(pattern, any_of=any_of, lazy=True)`
    for a pattern no literal of which every match holds: the names are alternatives), without parsing it."""
    any_keys, any_words = _any_of_keys(any_of)
    return Gated(pattern, re.IGNORECASE, (), any_keys, None, (), any_words)


def gated_phrase(phrase: str) -> Gated:
    """A literal phrase (spaces optional) gated by the whole phrase; compiled when an article has it."""
    if _fold_safe(phrase) != [phrase]:
        return gated(phrase_regex(phrase), lazy=True)  # gated by the pieces a match surely holds
    return Gated(phrase_regex(phrase), re.IGNORECASE, (_squeeze(phrase),), all_words=(_words(phrase),))


def style_segments(doc: Document) -> list[Segment]:
    """The prose this family reads: front matter values, then body blocks; alt text left out.

    Built from the default `prose_segments(doc)` list, which the typos and html families
    use too, so the segments are cut once per article.
    """
    segs = doc.memo.get("style:segments")
    if segs is None:
        segs = doc.memo["style:segments"] = [s for s in prose_segments(doc) if s.kind != "alt"]
    return segs


def joined_prose(doc: Document) -> tuple[str, str]:
    """The family's segments joined by line breaks, and that text lower-cased; once per document."""
    got = doc.memo.get("style:joined")
    if got is None:
        joined = "\n".join([seg.text for seg in style_segments(doc)])
        got = doc.memo["style:joined"] = (joined, joined.lower())
    return got  # type: ignore[no-any-return,unused-ignore]


def _gate(doc: Document) -> _Gate:
    """The article's prose for gate tests, once per document (shared by the family's rules).

    Prose only: markup and front matter keys are often half of a file, and no phrase is in them.
    The segments are joined without a separator; the line-joined lower-cased text serves as well
    (its line breaks are squeezed out and are in no literal), except around a capital sigma, the
    one letter whose lower case depends on the letter after it.
    """
    gate = doc.memo.get("style:gate")
    if gate is None:
        joined, low = joined_prose(doc)
        if "Σ" in joined:
            low = "".join([seg.text for seg in style_segments(doc)]).lower()
        gate = doc.memo["style:gate"] = _Gate(low, not any(c in joined for c in _LOWER_ELSEWHERE))
    return gate  # type: ignore[no-any-return,unused-ignore]


_Indexed = tuple[tuple[int, Gated], ...]  # entries with their place in the list
_PLANS: dict[int, tuple[tuple[Gated, ...], _Indexed, tuple[tuple[str, _Indexed], ...]]] = {}


def _plan(entries: tuple[Gated, ...]) -> tuple[_Indexed, tuple[tuple[str, _Indexed], ...]]:
    """The entries without literals, and the others grouped by the rarest character of their literals."""
    got = _PLANS.get(id(entries))
    if got is None or got[0] is not entries:
        always: list[tuple[int, Gated]] = []
        by_char: dict[str, list[tuple[int, Gated]]] = {}
        for i, e in enumerate(entries):
            ch = e._all_keys[0][1][:1] if e._all_keys else ""
            (by_char.setdefault(ch, []) if ch else always).append((i, e))
        got = _PLANS[id(entries)] = (entries, tuple(always), tuple((ch, tuple(g)) for ch, g in by_char.items()))
    return got[1], got[2]


def open_patterns(entries: tuple[Gated, ...], doc: Document) -> list[re.Pattern[str]]:
    """The patterns whose literals are all in the article (gate results shared by the family's rules)."""
    return [e.rx for e in _opened(entries, _gate(doc))]


def open_in_ascii(entries: tuple[Gated, ...], text: str) -> list[Gated]:
    """The entries whose literals are all in an ASCII text (not prose: a link address, say).

    In ASCII text, lower-casing is exactly how `re` ignores case, so an entry left out matches nowhere.
    """
    return _opened(entries, _Gate(text.lower()))


def _opened(entries: tuple[Gated, ...], gate: _Gate) -> list[Gated]:
    """The entries whose gates open, in their own order.

    Most entries are ruled out by one missing character: each distinct such character is tested
    once, and only the entries whose character is there are looked at one by one.
    """
    low, seen = gate.low, gate.seen
    always, by_char = _plan(entries)
    opened = [ie for ie in always if ie[1].open(gate)]
    for ch, group in by_char:
        hit = seen.get(ch)
        if hit is None:
            hit = seen[ch] = ch in low
        if hit:
            opened += [ie for ie in group if ie[1].open(gate)]
    if len(opened) > 1:
        opened.sort(key=lambda ie: ie[0])  # the entries' own order
    return [e for _, e in opened]


@cache
def _keyed_words(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, str, Words], ...], ...]:
    """The groups with their words' keys, those of the commonest characters first: `any` stops at the
    first group found, and a group of common characters (이번 주) is the likeliest to be there."""
    keyed = [tuple((w, _keys(w), _words(w)) for w in g) for g in groups]
    return tuple(sorted(keyed, key=lambda g: -min((_RANK.get(k[1][:1], 0) for k in g), default=0)))


def any_has_words(doc: Document, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether all the words (lower-cased) of one of `groups` are in the article's prose, for words that a
    pattern holds as written (a phrase's words): a gate for that pattern.

    Each word is looked for in the lowered prose as it is, not squeezed (see `_Gate.has_words`): the
    answer differs from looking for it in the squeezed prose only for an article where no phrase of the
    pattern can match.
    """
    gate = _gate(doc)
    keyed = _keyed_words(groups)
    tests = _group_tests(keyed)
    if tests is not None and gate.plain:
        finds = gate.finds
        return any(finds(t) for t in tests)
    has = gate.has_words
    return any(all(has(w, keys, words) for w, keys, words in g) for g in keyed)


@cache
def _group_tests(keyed: tuple[tuple[tuple[str, str, Words], ...], ...]) -> tuple[tuple[str, ...], ...] | None:
    """Per group, the strings `_Gate.finds` needs (as `Gated._tests`); None if a word is outside ASCII and Hangul."""
    tests = tuple(_tests(g) for g in keyed)
    return None if None in tests else tests  # type: ignore[return-value]


def find_all(rxs: list[re.Pattern[str]], text: str, pos: int = 0, endpos: int | None = None
             ) -> list[re.Match[str]]:
    """Matches of several regexes in text order, overlapping ones dropped (the earliest, longest wins)."""
    end = len(text) if endpos is None else endpos
    found = [m for rx in rxs for m in rx.finditer(text, pos, end) if m.end() > m.start()]
    found.sort(key=lambda m: (m.start(), -m.end()))
    out: list[re.Match[str]] = []
    for m in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out
