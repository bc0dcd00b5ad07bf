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
from dataclasses import dataclass
from functools import cache
from typing import Any

from newslint.document import Document
from newslint.prose import Segment, prose_segments
from newslint.resources import load_yaml, rules_path


@cache
def load_data(name: str) -> dict[str, Any]:
    """A style data file from rules/, parsed once per process."""
    with open(rules_path(name), encoding="utf-8") as fh:
        data = load_yaml(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"rules/{name} must hold a mapping")
    return data


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
_QUOTE_OPEN = re.compile('[“「『«"]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (an unclosed quote runs to the end of the text)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _QUOTE_OPEN.search(text, pos)
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
# A day of a month written out: 2024-07-04, 2024년 7월 4일, 7월 4일, (4일), 지난 3일, July 4, 4 July.
EXPLICIT_DATE = re.compile(
    r"\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}"
    r"|\d{1,2}\s*월\s*\d{1,2}\s*일"
    r"|(?<![\d.,])\d{1,2}\s*일(?!\s*(?:간|째|동안|이내|만에|치|분))"
    rf"|\b{_MONTHS}\.?\s+\d{{1,2}}(?!\d)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
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

_SENTENCE_BREAK = re.compile(r"(?<=[.!?。])[\"'”’)\]]*\s+|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: cut after . ! ? 。 followed by a space (3.5 stays whole), and at line breaks."""
    out = []
    pos = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
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


HANGUL = re.compile(r"[가-힣]")


# --------------------------------------------------------------------------- gated regexes
#
# A long alternation of phrases costs Python's regex engine ~0.5 µs per character of text.
# Each pattern instead carries "gates": literal strings it cannot match without. One lowered
# copy of the article is searched for the gates (fast substring search) and only the patterns
# whose gate is present run, so an article without any of the phrases costs almost nothing.


@dataclass(frozen=True)
class Gated:
    rx: re.Pattern[str]
    all_of: tuple[str, ...] = ()  # literals (lower-cased, spaces removed) it needs, every one; longest first
    any_of: tuple[str, ...] = ()  # literals of which it needs one

    def open(self, gate_text: str, seen: dict[str, bool]) -> bool:
        for g in self.all_of:
            if not _has(gate_text, g, seen):
                return False
        return not self.any_of or any(_has(gate_text, g, seen) for g in self.any_of)


def _has(gate_text: str, literal: str, seen: dict[str, bool]) -> bool:
    hit = seen.get(literal)
    if hit is None:
        hit = seen[literal] = literal in gate_text
    return hit


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


def required_literals(pattern: str) -> tuple[str, ...]:
    """Literals (lower-cased, spaces removed, 2+ characters) the pattern cannot match without."""
    try:
        parser = importlib.import_module("re._parser")
        runs: list[str] = []
        _literal_runs(parser.parse(pattern), runs)
    except Exception:  # noqa: BLE001 - an unknown regex form only means "always run"
        return ()
    lits = {_squeeze(r) for r in runs}
    return tuple(sorted((lit for lit in lits if len(lit) >= 2), key=len, reverse=True))


def gated(pattern: str, flags: int = re.IGNORECASE, any_of: tuple[str, ...] = ()) -> Gated:
    """A compiled pattern with the literals that must be in an article for it to match there."""
    return Gated(re.compile(pattern, flags), required_literals(pattern), tuple(_squeeze(g) for g in any_of))


def gated_phrase(phrase: str) -> Gated:
    """A literal phrase (spaces optional) gated by the whole phrase."""
    return Gated(re.compile(phrase_regex(phrase), re.IGNORECASE), (_squeeze(phrase),))


def style_segments(doc: Document) -> list[Segment]:
    """The prose this family reads: front matter values, then body blocks; alt text left out.

    Built from the default `prose_segments(doc)` list, which the typos and html families
    use too, so the segments are cut once per article.
    """
    segs = doc.memo.get("style:segments")
    if segs is None:
        segs = doc.memo["style:segments"] = [s for s in prose_segments(doc) if s.kind != "alt"]
    return segs


def gate_text(doc: Document) -> str:
    """The article's prose lower-cased with its spaces removed, once per document (for gates).

    Prose only: markup and front matter keys are often half of a file, and no phrase is in them.
    """
    text = doc.memo.get("style:gate")
    if text is None:
        text = doc.memo["style:gate"] = _squeeze("".join(seg.text for seg in style_segments(doc)))
    return str(text)


def _seen(doc: Document) -> dict[str, bool]:
    seen = doc.memo.get("style:gates")
    if seen is None:
        seen = doc.memo["style:gates"] = {}
    return seen


def open_patterns(entries: Iterable[Gated], doc: Document) -> list[re.Pattern[str]]:
    """The patterns whose literals are all in the article (gate results shared by the family's rules)."""
    text, seen = gate_text(doc), _seen(doc)
    return [e.rx for e in entries if e.open(text, seen)]


def has_all(doc: Document, literals: Iterable[str]) -> bool:
    """Every literal (lower-cased, no spaces) is in the article's prose; results shared per article."""
    text, seen = gate_text(doc), _seen(doc)
    return all(_has(text, lit, seen) for lit in literals)


def any_has_all(doc: Document, groups: Iterable[Iterable[str]]) -> bool:
    """`any(has_all(doc, g) for g in groups)` in one loop: the gate text and results are fetched once."""
    text, seen = gate_text(doc), _seen(doc)
    for literals in groups:
        for lit in literals:
            hit = seen.get(lit)
            if hit is None:
                hit = seen[lit] = lit in text
            if not hit:
                break
        else:
            return True
    return False


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
