"""Style family, headline hygiene (STY004–STY008): width, clickbait, ?/!, labels, unsupported words.

The headline is the front matter `title`. Word lists: rules/style-headline.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from functools import cache
from typing import NamedTuple

from newslint.checks._style_common import (
    alternation,
    display_width,
    has_hangul,
    joined_prose,
    literal_runs,
    style_segments,
)
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.lazyre import lazy
from newslint.prose import Segment
from newslint.registry import Context, Option, rule
from newslint.resources import rules_data


def _title(doc: Document) -> Segment | None:
    """The headline's segment, from the family's shared prose list (cut once per article)."""
    for seg in style_segments(doc):
        if seg.kind == "fm:title":
            return seg if seg.text.strip() else None
        if not seg.in_front_matter:
            break
    return None


def _span(seg: Segment, start: int, end: int) -> tuple[int, int]:
    """Article offsets of title[start:end]."""
    return seg.offset(start), seg.offset(max(start, end - 1)) + (1 if end > start else 0)


# --------------------------------------------------------------------------- STY004


@rule("STY004", "headline-too-wide", "style", "warning",
      "The headline is wider than the configured display width (a Korean or other CJK character counts two).",
      bad="---\ntitle: 정부, 전공의 행정처분 철회하고 복귀 전공의에 대한 면허정지 등 모든 처분을 중단하기로 "
          "전격 결정해\n---",
      good="---\ntitle: 정부, 복귀 전공의 면허정지 처분 중단\n---",
      docs="Search results, social cards and the site's own lists cut long headlines. Width is counted "
           "the way those layouts see it: a Hangul or other wide character takes two columns, a Latin "
           "letter, digit or space one, so the limit works for Korean and English headlines alike. "
           "80 columns is about 40 Hangul syllables or 80 Latin characters.",
      options={"max_width": Option(80, "the widest headline allowed, in columns (CJK characters count two)")})
def headline_too_wide(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    seg = _title(doc)
    if seg is None:
        return
    limit = int(ctx.options.get("max_width", 80))
    text = seg.text.strip()
    width = display_width(text)
    if width <= limit:
        return
    # Point at the part past the limit: that is what readers will not see.
    cut, used = 0, 0
    for i, ch in enumerate(seg.text):
        used += display_width(ch)
        if used > limit:
            cut = i
            break
    start, end = _span(seg, cut, len(seg.text.rstrip()))
    yield ctx.report(start, end,
                     f"the headline is {width} columns wide, over the {limit} allowed; search results and "
                     "lists will cut it here",
                     f"shorten the headline to {limit} columns or less (about {limit // 2} Korean characters)")


# --------------------------------------------------------------------------- STY005


@cache
def _clickbait(extra: tuple[str, ...]) -> re.Pattern[str]:
    data = rules_data("style-headline.yaml")["clickbait"]
    parts = list(data.get("ko", [])) + list(data.get("en", [])) + list(extra)
    return re.compile(alternation(parts), re.IGNORECASE)


@cache
def _clickbait_gate(extra: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regex that finds something in every headline `_clickbait(extra)` finds a word in.

    One run of letters each word cannot match without (충격, you won, shocking), matched the same
    way (ignoring case); quick to compile, where the word list's Hangul classes under IGNORECASE take
    milliseconds. None when some word has no such run.
    """
    data = rules_data("style-headline.yaml")["clickbait"]
    needed = []
    for part in list(data.get("ko", [])) + list(data.get("en", [])) + list(extra):
        runs = literal_runs(part)
        if not runs:
            return None
        needed.append(max(runs, key=len))
    return re.compile("|".join(re.escape(r) for r in sorted(set(needed), key=len, reverse=True)) or "(?!)",
                      re.IGNORECASE)


@rule("STY005", "headline-clickbait", "style", "warning",
      "The headline uses a clickbait word (충격, 경악, 알고 보니, you won't believe…).",
      bad="---\ntitle: 충격! 알고 보니 시청역 사고 운전자는…\n---",
      good="---\ntitle: 시청역 역주행 사고 운전자, 급발진 주장\n---",
      docs="Words that promise a shock instead of saying what happened cost a news site its readers' "
           "trust, and portals demote them. The list is deliberately short and matches only the "
           "clickbait use (\"유가 충격\" is news; \"충격!\" and \"충격적인\" are not): rules/style-headline.yaml. "
           "The `words` option adds regular expressions.",
      options={"words": Option([], "more regular expressions (case-insensitive) of clickbait words")})
def headline_clickbait(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    seg = _title(doc)
    if seg is None:
        return
    words = tuple(ctx.options.get("words") or ())
    gate = _clickbait_gate(words)
    if gate is not None and gate.search(seg.text) is None:
        return  # not one word's letters: the word list need not even be compiled
    rx = _clickbait(words)
    for m in rx.finditer(seg.text):
        if not m.group().strip():
            continue
        start, end = _span(seg, m.start(), m.end())
        yield ctx.report(start, end, f"the headline uses the clickbait word \"{m.group().strip()}\"",
                         "say what happened instead: who did what, where, when")


# --------------------------------------------------------------------------- STY006

_MARK_CHARS = "!?！？"
_MARKS = lazy(rf"[{_MARK_CHARS}]+")  # compiled for the first headline with a mark


@rule("STY006", "headline-punctuation", "style", "warning",
      "The headline has an exclamation mark, or a question mark when the newsroom does not allow one.",
      bad="---\ntitle: 임영웅 듀엣영상 200만뷰 돌파!\n---",
      good="---\ntitle: 임영웅 듀엣영상 200만뷰 돌파\n---",
      docs="News headlines state facts; an exclamation mark makes them read like an advertisement. "
           "Question marks are allowed by default (a genuine question can be a headline); set "
           "`question: true` to report them too. Runs such as ?! or !! are reported whenever either "
           "mark is.",
      options={"exclamation": Option(True, "report ! in headlines"),
               "question": Option(False, "report ? in headlines")})
def headline_punctuation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    seg = _title(doc)
    if seg is None:
        return
    if not any(ch in seg.text for ch in _MARK_CHARS):
        return
    excl, quest = bool(ctx.options.get("exclamation", True)), bool(ctx.options.get("question", False))
    for m in _MARKS.finditer(seg.text):
        marks = m.group()
        has_excl = "!" in marks or "！" in marks
        has_q = "?" in marks or "？" in marks
        if not ((excl and has_excl) or (quest and has_q)):
            continue
        start, end = _span(seg, m.start(), m.end())
        what = "an exclamation mark" if has_excl and not has_q else (
            "a question mark" if not has_excl else "the marks")
        yield ctx.report(start, end, f"the headline uses {what} (\"{marks}\")",
                         "state the fact without the mark" if has_excl else
                         "state what is known instead of asking, or keep the question if it is the story")


# --------------------------------------------------------------------------- STY007


class _Labels(NamedTuple):
    any: re.Pattern[str]  # a label anywhere, as its own word
    bracketed_start: re.Pattern[str]  # "[속보] …"


@cache
def _label_words() -> tuple[str, ...]:
    data = rules_data("style-headline.yaml")["labels"]
    return tuple(data.get("ko", []) + data.get("en", []))


@cache
def _labels() -> _Labels:
    words = alternation(re.escape(w) for w in _label_words())
    return _Labels(
        re.compile(rf"[\[(<【〈「]?\s*(?<![가-힣A-Za-z])(?:{words})(?![가-힣A-Za-z])\s*[\])>】〉」]?\s*[:：|/-]?"),
        re.compile(rf"^\s*\[(?:{words})\](?=\s|$)"),
    )


_POLICIES = ("brackets", "forbid", "allow")


@rule("STY007", "headline-label", "style", "warning",
      "A status label such as 속보 or 단독 in the headline is not written the way the newsroom's policy asks.",
      bad="---\ntitle: 물폭탄 수도권 산사태·호우경보 속보\n---",
      good="---\ntitle: \"[속보] 수도권 산사태·호우경보\"\n---",
      docs="Policies (`policy` option): `brackets` (default) allows a label only as \"[속보]\" at the start "
           "of the headline, so readers and portals recognise it; a label at the end, or written \"속보:\" "
           "or \"(속보)\", is reported. `forbid` reports every label at the start or end of a headline "
           "(for sites that mark breaking news with a category or tag instead). `allow` turns the "
           "rule off. A label word in the middle of a headline (\"주요 사건 속보 공개\") is ordinary "
           "vocabulary and is left alone. Note that a YAML value starting with '[' must be quoted. "
           "Labels: rules/style-headline.yaml.",
      options={"policy": Option("brackets", "brackets, forbid or allow")})
def headline_label(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    policy = str(ctx.options.get("policy", "brackets")).lower()
    seg = _title(doc)
    if seg is None or policy == "allow" or policy not in _POLICIES:
        return
    text = seg.text
    words = _label_words()
    if words and not any(w in text for w in words):
        return  # every label the regex finds is one of the words, as written
    labels = _labels()
    for m in labels.any.finditer(text):
        at_start = not text[: m.start()].strip()
        at_end = not text[m.end() :].strip(" .!?…") and not m.group().strip(" [](){}<>:|/-").isascii()
        if not (at_start or at_end):
            continue
        label = m.group().strip()
        start, end = _span(seg, m.start() + (len(m.group()) - len(m.group().lstrip())), m.end())
        if policy == "forbid":
            yield ctx.report(start, end, f"the headline carries the label \"{label}\", which this site does not use",
                             "remove the label; mark the story with its category or tag instead")
        elif not (at_start and labels.bracketed_start.match(text[m.start() :])):
            word = re.sub(r"[^\w]", "", label)
            yield ctx.report(start, end,
                             f"the label \"{label}\" is not written as \"[{word}]\" at the start of the headline",
                             f"start the headline with [{word}] (quote the whole title in YAML), or drop the label")


# --------------------------------------------------------------------------- STY008


class _MissingData(NamedTuple):
    particles: frozenset[str]
    endings: frozenset[str]
    verb_like: tuple[str, ...]
    stop_ko: frozenset[str]
    stop_en: frozenset[str]
    labels: frozenset[str]


@cache
def _missing_data() -> _MissingData:
    data = rules_data("style-headline.yaml")
    miss = data["missing"]
    labels = data["labels"]
    return _MissingData(
        frozenset(miss.get("particles", [])),
        frozenset(miss.get("endings", [])),
        tuple(miss.get("verb_like", [])),
        frozenset(miss["stopwords"].get("ko", [])),
        frozenset(w.lower() for w in miss["stopwords"].get("en", [])),
        frozenset(w.lower() for w in labels.get("ko", []) + labels.get("en", [])),
    )


_TOKEN = re.compile(r"[^\s,·‧∙'\"“”‘’()\[\]{}<>《》〈〉「」『』【】!?！？…:;/|~]+")
_EN_SUFFIXES = ("'s", "’s", "ing", "ed", "es", "s", "d")


def _ko_candidates(word: str, data: _MissingData) -> list[str]:
    """The word and its stems: particles and verb endings stripped, never below two syllables."""
    out = [word]
    for suffixes in (data.particles, data.endings):
        for base in list(out):
            for n in range(1, min(4, len(base) - 2) + 1):
                if base[-n:] in suffixes:
                    out.append(base[:-n])
    return out


def _en_candidates(word: str) -> list[str]:
    out = [word]
    for suf in _EN_SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            out.append(word[: -len(suf)])
    return out


# Dates and series numbers are metadata, not claims: 2014-06-16, 16th, 2편, Part1. Each form holds a
# digit: a word without one is not looked at, and a headline without digits needs no compile.
_DATE_TOKEN = lazy(r"\d{4}(?:[-./]\d{1,2}(?:[-./]\d{1,2})?)?|\d{1,2}(?:st|nd|rd|th)"
                   r"|\d{1,3}(?:편|부|탄|회차)|part\s*\d+", re.IGNORECASE)


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}s?")


def _title_case(tokens: list[str], stop_en: frozenset[str]) -> bool:
    """Most words of an English headline start with a capital ("Monero Missive for the Week of …")."""
    words = [t for t in tokens if t.isascii() and t.isalpha() and t.lower() not in stop_en]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) > len(words) * 0.6


def _body_text(doc: Document) -> str:
    """The body's segments joined by line breaks, lower-cased.

    Cut from the family's shared lower-cased text (`prose_segments` lists the front matter values
    first, then the body): a line break stops the one context rule of lower-casing (the final
    sigma), so lowering the whole and cutting it gives what lowering the body alone gives.
    """
    segs = style_segments(doc)  # shared with the other style rules
    nfm = 0
    while nfm < len(segs) and segs[nfm].in_front_matter:
        nfm += 1
    if nfm == len(segs):
        return ""
    _joined, low = joined_prose(doc)
    return low[sum(len(seg.text) + 1 for seg in segs[:nfm]):]


@rule("STY008", "headline-words-not-in-body", "style", "info",
      "A word of the headline never appears in the body: the headline may claim what the story does not say.",
      bad="---\ntitle: 푸틴 시진핑 밀착 10월 방러 초청\n---\n\n<p>푸틴 대통령과 시진핑 주석이 회담했다.</p>",
      good="---\ntitle: 푸틴 시진핑 회담\n---\n\n<p>푸틴 대통령과 시진핑 주석이 회담했다.</p>",
      docs="Every claim in a headline should be supported by the story. Each content word of the headline "
           "is looked for in the body text (headings, paragraphs, lists, tables; not the excerpt). Korean "
           "words carry particles and endings, so the word is also looked for without a known particle or "
           "ending (초청을 → 초청, 소중한 → 소중), never below two syllables, and as part of a longer word "
           "(회담 is found in 정상회담). Without a morphological analyser a paraphrase is not recognised "
           "(방러 for 러시아 방문), so the rule only informs. Stop words, labels and one-syllable words "
           "are skipped: rules/style-headline.yaml.",
      options={"min_body_chars": Option(200, "skip articles whose body has fewer characters of text")})
def headline_words_not_in_body(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    seg = _title(doc)
    if seg is None:
        return
    body = _body_text(doc)
    if len(body) < int(ctx.options.get("min_body_chars", 200)):
        return
    squeezed = _Squeezed(body)  # 상하이 협력기구 / 상하이협력기구
    data = _missing_data()
    seen: set[str] = set()
    missing: list[re.Match[str]] = []
    tokens = list(_TOKEN.finditer(seg.text))
    title_case = _title_case([m.group() for m in tokens], data.stop_en)
    for i, m in enumerate(tokens):
        raw = m.group().strip(".-–—")
        word = raw.lower()
        if not word or word in seen:
            continue
        seen.add(word)
        if not _judged(raw, i == 0, title_case, data):
            continue
        if not _supported(word, body, squeezed, data):
            missing.append(m)
    if not missing:
        return
    # One report per headline: the editor judges the headline as a whole.
    words = ", ".join(f"\"{m.group().strip('.-–—')}\"" for m in missing)
    start, end = _span(seg, missing[0].start(), missing[-1].start() + len(missing[-1].group().rstrip(".-–—")))
    yield ctx.report(start, end,
                     f"the headline says {words} but the body never does",
                     "support the headline's claim in the story, or change the headline to what the story says")


def _judged(raw: str, first: bool, title_case: bool, data: _MissingData) -> bool:
    """Whether a headline word is a claim this rule can look for.

    Korean: a word of two syllables or more that is not a stop word or label; English: numbers,
    acronyms and names (capitalised words of a sentence-case headline), because the rest of an
    English headline is paraphrased in the body more often than repeated. Dates are metadata.
    """
    word = raw.lower()
    digits = not raw.isalpha() and any(ch.isdigit() for ch in raw)  # every \d is a digit, no letter is
    if word in data.labels or digits and _DATE_TOKEN.fullmatch(raw):
        return False
    if has_hangul(raw):
        return len(word) >= 2 and word not in data.stop_ko
    if word in data.stop_en or not any(ch.isalnum() for ch in raw):
        return False
    if digits or _ACRONYM.fullmatch(raw):
        return True
    return raw[:1].isupper() and not first and not title_case


class _Squeezed:
    """The body without its spaces, for `in`: whether a word is in the body with spaces inside it.

    Most headline words are found as written, and the few that are not are looked for from each place
    their first letter is at, skipping spaces; the body is squeezed (which costs more than a dozen such
    looks) only for a word whose first letter is in many places.
    """

    __slots__ = ("_body", "_text")
    _MAX_STARTS = 12

    def __init__(self, body: str) -> None:
        self._body = body
        self._text: str | None = None

    def __contains__(self, part: object) -> bool:
        if not isinstance(part, str):
            return False
        if self._text is None and part and not any(ch.isspace() for ch in part):
            found = _spaced_in(part, self._body, self._MAX_STARTS)
            if found is not None:
                return found
        if self._text is None:
            self._text = "".join(self._body.split())
        return part in self._text


def _spaced_in(word: str, text: str, max_starts: int) -> bool | None:
    """Whether `word` (no spaces in it) is in `text` once its spaces are taken out; None after max_starts tries."""
    first, n, end = word[0], len(word), len(text)
    at = text.find(first)
    tries = 0
    while at >= 0:
        tries += 1
        if tries > max_starts:
            return None
        j, k = at + 1, 1
        while k < n:
            while j < end and text[j].isspace():
                j += 1
            if j >= end or text[j] != word[k]:
                break
            j += 1
            k += 1
        if k == n:
            return True
        at = text.find(first, at + 1)
    return False


def _supported(word: str, body: str, squeezed: Container[str], data: _MissingData) -> bool:
    """True when the word is found, or cannot be judged (a verb form, a stop word)."""
    if has_hangul(word):
        cands = _ko_candidates(word, data)
        # Every candidate starts with the shortest: one is in the body (or the squeezed body) exactly
        # when the shortest is, so that is the one looked for. (A candidate has no space: found in
        # the body, it is in the squeezed body too.)
        shortest = min(cands, key=len)
        if shortest in body or shortest in squeezed:
            return True
        if any(c in data.stop_ko for c in cands):
            return True
        # Without particles, does it still end like a verb or adjective (드러났다, 간단할까)?
        return shortest.endswith(data.verb_like) or word.endswith(data.verb_like)
    return min(_en_candidates(word), key=len) in body  # each candidate starts with the shortest
