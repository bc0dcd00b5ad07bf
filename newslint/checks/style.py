"""Style family (STY…): editorial judgment a rule can support, in Korean and English copy.

This module holds the rules about the article's text as a whole: chatbot text and wire
copyright lines that must never be published, relative time words, advertising disclosure
and the byline. Headline rules live in `style_headline.py`; shared helpers and the loading
of the word lists (rules/style-*.yaml) in `_style_common.py`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache, cached_property, lru_cache
from itertools import accumulate
from typing import Any

from newslint.checks._style_common import (
    ASCII_FOLDS,
    Gated,
    alternation,
    any_has_words,
    find_all,
    gated,
    gated_by,
    gated_phrase,
    inside,
    is_dated,
    joined_prose,
    open_in_ascii,
    open_patterns,
    phrase_regex,
    publication_day,
    quote_spans,
    rarest_char,
    sentence_spans,
    style_segments,
)
from newslint.diagnostics import Diagnostic, Edit
from newslint.document import Document
from newslint.lazyre import lazy
from newslint.prose import Segment, fm_segment
from newslint.registry import Context, Option, rule, site_key
from newslint.resources import rules_data

site_key("byline_field", str, "the front matter field that holds the byline (e.g. author); "
         "STY010 checks it holds names only")

def _segments(doc: Document) -> list[Segment]:
    return style_segments(doc)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- STY001


@cache
def _assistant_patterns(extra: tuple[str, ...]) -> tuple[Gated, ...]:
    data = rules_data("style-boilerplate.yaml")["assistant"]
    phrases = [gated_phrase(p) for lang in ("ko", "en") for p in data["phrases"].get(lang, [])]
    patterns = [gated(p, lazy=True) for lang in ("ko", "en") for p in data["patterns"].get(lang, [])]
    return tuple(phrases + patterns + [gated(p) for p in extra])


def _unquoted_matches(rxs: list[re.Pattern[str]], seg: Segment) -> Iterator[re.Match[str]]:
    """Matches in a segment that do not start inside quoted speech."""
    spans: list[tuple[int, int]] | None = None
    for m in find_all(rxs, seg.text):
        if spans is None:
            spans = quote_spans(seg.text)
        if not inside(spans, m.start()):
            yield m


@rule("STY001", "assistant-boilerplate", "style", "error",
      "A chat assistant's preamble, refusal or sign-off is published as part of the article.",
      bad="<p>어떤 내용을 담은 글을 작성해 드릴까요?</p>\n<p>I'm sorry, but I can't help with that.</p>",
      good="<p>상하이협력기구 정상회의가 4일 개막했다.</p>",
      docs="Copy produced with a chatbot sometimes keeps the assistant's own words: a greeting, a "
           "question back to the user, a refusal (\"실례지만, 현재 요청하신 내용과는…\", \"As an AI "
           "language model\"). Published, they tell readers the story was not written or read by a "
           "person. The phrases and patterns are data (rules/style-boilerplate.yaml); a newsroom adds "
           "its own with the `patterns` option. Text inside double quotation marks is left alone, so a "
           "story may quote a chatbot on purpose.",
      options={"patterns": Option([], "more regular expressions (case-insensitive) of assistant text")})
def assistant_boilerplate(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    rxs = open_patterns(_assistant_patterns(tuple(ctx.options.get("patterns") or ())), doc)
    if not rxs:
        return
    for seg in _segments(doc):
        for m in _unquoted_matches(rxs, seg):
            where = "the " + seg.kind[3:] if seg.in_front_matter else "this paragraph"
            yield ctx.report(seg.offset(m.start()), seg.offset(m.end()),
                             f"{where} holds a chat assistant's words, not news: \"{_short(m.group())}\"",
                             "delete the assistant's text and check that the rest of the article was "
                             "written and read by a person")
            break  # one report per paragraph: the editor rewrites it as a whole


# --------------------------------------------------------------------------- STY002


_MARK_GATES = ("(c)", "ⓒ", "©", "copyright")


@cache
def _wire_patterns(agencies: tuple[str, ...], extra: tuple[str, ...]) -> tuple[Gated, ...]:
    data = rules_data("style-boilerplate.yaml")["wire"]
    names = alternation(phrase_regex(a) for a in agencies)
    mark = r"(?:\(c\)|ⓒ|©|copyright)"
    out = [gated(p, lazy=True) for p in data["patterns"]] + [gated(p) for p in extra]
    # "© 2024 Reuters", "ⓒ 뉴스1", "Copyright © Yonhap", "(c) Reuters": a mark, an optional year, a name.
    # Built from escaped names: compiled only when an article has a copyright mark.
    out.append(gated_by(rf"{mark}(?:\s*{mark})?\s*(?:\d{{4}}\s*)?(?<![A-Za-z])(?:{names})(?![A-Za-z가-힣])",
                        _MARK_GATES))
    out.append(gated_by(rf"(?<![A-Za-z])(?:{names})(?![A-Za-z가-힣])\s*(?:ⓒ|©)", ("ⓒ", "©")))
    return tuple(out)


def _own_names(ctx: Context) -> list[str]:
    names = [ctx.config.site_value("name")]
    aliases = ctx.config.site_value("aliases") or []
    names.extend(aliases if isinstance(aliases, list) else [])
    return [str(n).lower() for n in names if n]


@rule("STY002", "wire-copyright-line", "style", "error",
      "A news agency's or another outlet's copyright line is pasted into the article.",
      bad="<p>…라고 밝혔다.</p>\n<p>저작권자 © 연합뉴스 무단전재 및 재배포 금지</p>",
      good="<p>…라고 밝혔다.</p>",
      docs="Copy taken from a wire service or another outlet often carries its footer "
           "(\"저작권자 © 연합뉴스 무단전재 및 재배포 금지\", \"(c) Reuters\", \"This material may not be "
           "published, broadcast, rewritten or redistributed\"). Published on our site it says the text "
           "was pasted, and may be republished without a licence. A line that names the site itself "
           "(`site: name` and `aliases`) is left alone. Agencies and patterns: "
           "rules/style-boilerplate.yaml; the options add more.",
      options={"agencies": Option([], "more agency or outlet names whose copyright mark is reported"),
               "patterns": Option([], "more regular expressions (case-insensitive) of copyright lines")})
def wire_copyright_line(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    data = rules_data("style-boilerplate.yaml")["wire"]
    rxs = open_patterns(_wire_patterns(tuple(data["agencies"]) + tuple(ctx.options.get("agencies") or ()),
                                       tuple(ctx.options.get("patterns") or ())), doc)
    if not rxs:
        return
    own = _own_names(ctx)
    for seg in _segments(doc):
        lines: dict[int, list[re.Match[str]]] = {}
        for m in find_all(rxs, seg.text):
            lines.setdefault(seg.text.rfind("\n", 0, m.start()) + 1, []).append(m)
        for line_start, ms in lines.items():
            line_end = seg.text.find("\n", line_start)
            line = seg.text[line_start : len(seg.text) if line_end < 0 else line_end]
            if any(name in line.lower() for name in own):
                continue  # the site's own copyright notice
            # One report per line: "저작권자 © 연합뉴스 무단전재 및 재배포 금지" is one footer.
            start, end = ms[0].start(), ms[-1].end()
            yield ctx.report(seg.offset(start), seg.offset(end - 1) + 1,
                             f"a copyright line from another outlet is pasted into the article: "
                             f"\"{_short(seg.text[start:end])}\"",
                             "remove the line; if the text is the agency's, rewrite it or publish it under "
                             "the licence, with the credit your contract asks for")


# --------------------------------------------------------------------------- STY003


def _plain_alternation(pieces: Iterable[str]) -> str:
    """`alternation(pieces)` without a group around each piece that has no `|` of its own.

    The same regex (a group without `|` changes nothing), but one whose alternatives start with
    their first letter, so the regex engine skips ahead to those letters; it also compiles faster.
    """
    return _alternatives(_ordered(pieces))


def _ordered(pieces: Iterable[str]) -> list[str]:
    """The pieces of an alternation, longest first (so the longest match wins)."""
    return sorted(set(pieces), key=len, reverse=True)


def _alternatives(pieces: Iterable[str]) -> str:
    return "|".join(p if "|" not in p else f"(?:{p})" for p in pieces)


class _Alternation:
    """One language's time words as a regex `(?:word|word…)tail`, cut down to the words in a text.

    An article holds few of the words, if any. The regex compiled with only those (once per run for
    each such set) finds exactly what the whole one finds, since a word that is nowhere in the text
    matches nowhere; and the regex engine can then skip ahead to those words' first letters instead
    of stopping at every common syllable that starts some word (이, 지, 다…).
    """

    def __init__(self, words: Iterable[str], tail: str) -> None:
        tokens = {phrase_regex(w): tuple(w.split()) for w in words}
        self.pieces = tuple(_ordered(tokens))
        self.tail = tail
        # per piece: its words, each in the text as written wherever the piece matches, with the rarest
        # character of each first (one missing character rules a word out at less cost than the word);
        # whether it has several words (the piece itself then rules out the spacing between them)
        self._tests: tuple[tuple[tuple[tuple[str, str], ...], bool], ...] = tuple(
            (tuple((t, rarest_char(t)) for t in tokens[p]), len(tokens[p]) > 1) for p in self.pieces)

    @property
    def whole(self) -> re.Pattern[str]:
        return _compile_alternation(self.pieces, self.tail)

    def in_text(self, text: str) -> re.Pattern[str] | None:
        """The regex of the words found in text (None: not one), for `finditer` over that text."""
        present = []
        known: dict[str, bool] = {}  # words are shared (이번 주, 이번주, 이번 주말): each is looked for once
        for piece, (tokens, several) in zip(self.pieces, self._tests, strict=True):
            for t, rare in tokens:
                hit = known.get(t)
                if hit is None:
                    hit = known.get(rare)
                    if hit is None:
                        hit = known[rare] = rare in text
                    if hit and len(t) > 1:
                        hit = t in text
                    known[t] = hit
                if not hit:
                    break
            else:
                if not several or _compile_piece(piece).search(text) is not None:
                    present.append(piece)
        return _compile_alternation(tuple(present), self.tail) if present else None


@lru_cache(maxsize=1024)
def _compile_alternation(pieces: tuple[str, ...], tail: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternatives(pieces)}){tail}", flags)


@cache
def _compile_piece(piece: str) -> re.Pattern[str]:
    """A time word of several words, compiled the first time a text holds all its words."""
    return re.compile(piece)


class _TimeWords:
    """STY003's words and regexes, each compiled the first time an article needs it.

    The word regexes start with the words themselves (no look-behind, no IGNORECASE: the English
    one runs on lower-cased text) so the regex engine can skip ahead to a word's first letter;
    the check on the character before a word is done in Python.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        ko, en = data["ko"], data["en"]
        # per word, its tokens: all of one word's are in an article using it
        self.ko_gates = tuple(dict.fromkeys(tuple(w.lower().split()) for w in ko["words"]))
        self.en_gates = tuple(dict.fromkeys(tuple(w.lower().split()) for w in en["words"]))
        self.has_figurative = bool(ko.get("figurative"))
        self.has_anaphoric = bool(ko.get("anaphoric_before"))

    @cached_property
    def ko_words(self) -> _Alternation:
        ko = self._data["ko"]
        particles = _plain_alternation(ko.get("particles", []))
        return _Alternation(ko["words"], rf"(?=(?:{particles})?(?![가-힣]))")

    @cached_property
    def ko(self) -> re.Pattern[str]:
        return self.ko_words.whole

    @cached_property
    def en_words(self) -> _Alternation:
        """The English words, lower-cased: the regexes run on lower-cased text."""
        en = self._data["en"]
        not_after = _plain_alternation(re.escape(s) for s in en.get("not_after", []))
        return _Alternation((w.lower() for w in en["words"]), r"\b" + (rf"(?!{not_after})" if not_after else ""))

    @cached_property
    def en_any_case(self) -> re.Pattern[str]:
        """For the rare text whose lower-casing changes its length."""
        words = self.en_words
        return _compile_alternation(words.pieces, words.tail, re.IGNORECASE)

    @cached_property
    def en_today(self) -> re.Pattern[str]:
        """"today" only where it dates an event."""
        return re.compile(alternation(self._data["en"].get("today", [])) or r"(?!)", re.IGNORECASE)

    @cached_property
    def figurative(self) -> re.Pattern[str] | None:
        """내일을 준비하는: not a day."""
        figurative = self._data["ko"].get("figurative") or []
        return re.compile(alternation(figurative)) if figurative else None

    @cached_property
    def _habitual_parts(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
        """The habitual words (매주, every week) as (Hangul words without IGNORECASE, a first-letter class,
        the rest ignoring case): together they find what all the words in one regex ignoring case find.

        Hangul has no case, so those words match the same without the flag, and the regex engine can
        then skip ahead to their first letters. The other words (every week, daily) ignore case: the
        class holds every character their first letters match that way (as `re` folds case: ASCII
        letters, plus İ ı for i, ſ for s, K for k), so a sentence without one needs no search.
        """
        words = list(dict.fromkeys(self._data.get("habitual", [])))
        hangul = [w for w in words if _hangul_words(w)]
        other = [w for w in words if not _hangul_words(w)]
        ko = re.compile(_plain_alternation(phrase_regex(w) for w in hangul)) if hangul else None
        if not other:
            return ko, None, None
        firsts = {w.split()[0][0] for w in other}
        if all(c.isascii() and c.isalpha() for c in firsts):
            chars = "".join(sorted({v for c in firsts for v in c.lower() + c.upper() + ASCII_FOLDS.get(c.lower(), "")}))
            first: re.Pattern[str] | None = re.compile("[" + re.escape(chars) + "]")
        else:
            first = None
        return ko, first, re.compile(_plain_alternation(phrase_regex(w) for w in other), re.IGNORECASE)

    def is_habitual(self, text: str) -> bool:
        """Whether the text holds a habitual word (매주, every week): a routine, not a day."""
        ko, first, other = self._habitual_parts
        if ko is not None and ko.search(text) is not None:
            return True
        if other is None or (first is not None and first.search(text) is None):
            return False
        return other.search(text) is not None

    @cached_property
    def anaphoric(self) -> re.Pattern[str] | None:
        """"그 다음 주": relative to the story's own events."""
        ko = self._data["ko"]
        return (re.compile(rf"(?:^|[^가-힣])(?:{alternation(ko['anaphoric_before'])})\s*$")
                if ko.get("anaphoric_before") else None)

    @cached_property
    def ko_intro(self) -> re.Pattern[str]:
        return re.compile(_plain_alternation(phrase_regex(v) for v in self._data["ko"].get("blog_intro", [])))

    @cached_property
    def en_intro(self) -> re.Pattern[str]:
        return re.compile(_EN_INTRO, re.IGNORECASE)


def _hangul_words(phrase: str) -> bool:
    """Whether the phrase is Hangul words parted by single spaces (no [가-힣] regex: it takes 1 ms to compile)."""
    return all(word and all("가" <= ch <= "힣" for ch in word) for word in phrase.split(" "))


_KO_OFFSETS = {"오늘": 0, "어제": -1, "내일": 1, "그제": -2, "그저께": -2, "모레": 2}
_EN_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this morning": 0,
               "this afternoon": 0, "this evening": 0, "last night": -1}
_EN_INTRO = (r"\b(?:we(?:'ll| will)|let's|let us|i(?:'ll| will)|i want to|i'd like to|we're going to)\s+"
             r"(?:look|talk|learn|explore|discuss|cover|dive|walk|go over|show|share|write)")


@cache
def _time_words() -> _TimeWords:
    return _TimeWords(rules_data("style-time.yaml"))


class _Sentence:
    __slots__ = ("seg", "start", "end", "_dated", "_habitual")

    def __init__(self, seg: Segment, start: int, end: int) -> None:
        self.seg = seg
        self.start = start
        self.end = end
        self._dated: bool | None = None
        self._habitual: bool | None = None

    def habitual(self, words: _TimeWords) -> bool:
        """A routine (매주, every week), not a day; asked for a sentence once however many windows hold it."""
        if self._habitual is None:
            self._habitual = words.is_habitual(self.text)
        return self._habitual

    @property
    def text(self) -> str:
        return self.seg.text[self.start : self.end]

    @property
    def dated(self) -> bool:
        if self._dated is None:
            self._dated = is_dated(self.seg.text, self.start, self.end)
        return self._dated


def _hit_windows(segs: list[Segment], hits: dict[int, list[tuple[str, int, int]]]
                 ) -> Iterator[tuple[list[_Sentence], int, list[tuple[str, int, int]]]]:
    """The sentences that hold hits, each with its neighbours: (sentences, i, the hits of sentences[i]).

    Front matter values first, then the body, each in document order; a front matter value is a run of
    sentences of its own and the body is one, so `i == 0` exactly when the sentence opens its run.
    Only the segments with hits and the sentences beside them are cut, not the whole article.

    A hit belongs to the sentence its start is in (none, for a start between sentences). The sentence
    before a segment's first and after its last are cut only when a hit's window reaches them.
    """
    cut: dict[int, list[_Sentence]] = {}

    def sentences(k: int) -> list[_Sentence]:
        got = cut.get(k)
        if got is None:
            seg = segs[k]
            got = cut[k] = [_Sentence(seg, s, e) for s, e in sentence_spans(seg.text)]
        return got

    def in_fm(k: int) -> bool:
        return segs[k].in_front_matter

    for k in sorted(hits, key=lambda k: (not in_fm(k), k)):
        own = sentences(k)
        starts = [sent.start for sent in own]
        by_sentence: dict[int, list[tuple[str, int, int]]] = {}
        for h in hits[k]:  # in text order: the sentences come out in order too
            i = bisect_right(starts, h[1]) - 1
            if i >= 0 and h[1] < own[i].end:
                by_sentence.setdefault(i, []).append(h)
        if not by_sentence:
            continue
        run, first = own, 0
        if not in_fm(k):  # a front matter value is a run of its own; the body is one
            before = after = None
            if 0 in by_sentence:
                before = next((ss[-1] for j in range(k - 1, -1, -1) if not in_fm(j) and (ss := sentences(j))), None)
            if len(own) - 1 in by_sentence:
                after = next((ss[0] for j in range(k + 1, len(segs)) if not in_fm(j) and (ss := sentences(j))), None)
            if before is not None or after is not None:
                run = ([before] if before else []) + own + ([after] if after else [])
                first = 1 if before else 0
        for i, found in by_sentence.items():
            yield run, i + first, found


# [가-힣\w] (Hangul syllables are word characters: tests/test_style_speed.py checks it), without a
# Hangul class that takes a millisecond to compile
_WORD_CHAR = re.compile(r"\w")


def _time_matches(words: _TimeWords, segs: list[Segment], joined: str, low: str,
                  ko: bool = True, en: bool = True) -> dict[int, list[tuple[str, int, int]]]:
    """Relative time words per segment index, as (language, start, end) in the segment's text.

    The regexes run once over all segments joined (per-segment calls cost more than the search):
    `joined` is their texts joined by line breaks and `low` its lower case. `ko` or `en` false: the
    gates showed that no word of that language is in the text (see the caller).
    """
    same_length = len(low) == len(joined)
    found: list[tuple[str, int, int]] = []
    if ko:
        # The whole regex: Korean copy holds a few of the words' first words (이번, 지난, 다음) in nearly
        # every article, and ruling the others out costs more than the search it would save.
        figurative = words.figurative if words.has_figurative else None
        anaphoric = words.anaphoric if words.has_anaphoric else None
        found += [("ko", m.start(), m.end()) for m in words.ko.finditer(joined)
                  if not (figurative and figurative.match(joined, m.start()))
                  and not (anaphoric and anaphoric.search(joined, max(0, m.start() - 4), m.start()))]
    if not same_length:
        found += [("en", m.start(), m.end()) for m in words.en_any_case.finditer(joined)]
    elif en:
        # Cut down to the words in the text: on Korean copy, usually none.
        en_rx = words.en_words.in_text(low)
        if en_rx is not None:
            found += [("en", m.start(), m.end()) for m in en_rx.finditer(low)]
    if "today" in low:
        for m in words.en_today.finditer(joined):
            at = low.find("today", m.start(), m.end())
            found.append(("en", at, at + 5))
    out: dict[int, list[tuple[str, int, int]]] = {}
    if not found:
        return out
    # where each segment starts in `joined` (the lengths before it, and one line break each)
    starts = list(accumulate([len(seg.text) + 1 for seg in segs[:-1]], initial=0))
    quotes: dict[int, list[tuple[int, int]]] = {}
    for lang, s, e in sorted(set(found), key=lambda f: f[1]):
        if s > 0 and _WORD_CHAR.match(joined, s - 1):
            continue  # part of a longer word (오늘날 is not 오늘)
        k = bisect_right(starts, s) - 1
        block = segs[k].block
        if block is not None and (block.in_quote or block.kind == "blockquote"):
            continue  # quoted material: a speaker's or a source's own words
        at = starts[k]
        ls, le = s - at, e - at
        if k not in quotes:
            quotes[k] = quote_spans(segs[k].text)
        if not inside(quotes[k], ls):
            out.setdefault(k, []).append((lang, ls, le))
    return out


def _in_link(links: list[tuple[int, int]], offset: int) -> bool:
    k = bisect_right(links, (offset, 1 << 62)) - 1
    return k >= 0 and links[k][0] <= offset < links[k][1]


@lru_cache(maxsize=256)
def _suggest(word: str, lang: str, day: tuple[dt.date, str] | None) -> str:
    plain = " ".join(word.split())
    offsets = _KO_OFFSETS if lang == "ko" else _EN_OFFSETS
    key = plain.lower() if lang == "en" else plain.replace(" ", "")
    if day is not None and key in offsets:
        d = day[0] + dt.timedelta(days=offsets[key])
        example = (f"{plain}({d.day}일) or {d.month}월 {d.day}일" if lang == "ko"
                   else f"{plain} (on {d.strftime('%B')} {d.day}) or on {d.strftime('%B')} {d.day}")
        return (f"write the date with it, e.g. {example}, if the story is dated "
                f"{day[0].isoformat()} (from its {day[1]})")
    if lang == "ko":
        return f"write the date with it, e.g. {plain}(4일), or name the day: 7월 4일"
    return f"name the day instead, e.g. on July 4, or write it with the date: {plain} (July 4)"


@rule("STY003", "relative-time-without-date", "style", "warning",
      "A relative time word (오늘, 어제, 이번 주, today, yesterday…) has no explicit date near it.",
      bad="<p>오늘 상하이협력기구(SCO) 정상회의가 개막하며…</p>",
      good="<p>오늘(4일) 상하이협력기구(SCO) 정상회의가 개막하며…</p>",
      docs="Stories are read, shared and re-published days after they were written; \"오늘\" then "
           "means the wrong day. The Korean press writes the date with the word (오늘(4일), 지난 3일); "
           "English copy names the day (on July 4). A word is accepted when a day of the month is "
           "written in the same sentence or the sentence before or after it (in the same front matter "
           "field, or anywhere in the body's flow), or in the headline. The `date:` field alone does "
           "not count, because readers do not see it next to the word and it goes stale when the "
           "story is re-published (set `date_field_counts` to accept it). Words inside quotation "
           "marks (a speaker's own words) and a blog post's introduction (\"오늘은 델리게이트에 대해 "
           "알아보겠습니다\") are left alone. Words: rules/style-time.yaml.",
      options={"date_field_counts": Option(False, "accept an article whose `date:` field or file name "
                                                  "gives the day, even with no date in the text")})
def relative_time_without_date(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    words = _time_words()
    # Which languages' words the gates let through. With a Korean word in, the English regex just runs:
    # on Korean copy it costs less than its gates.
    ko = any_has_words(doc, words.ko_gates)
    en = ko or any_has_words(doc, words.en_gates)
    if not (ko or en or any_has_words(doc, (("today",),))):
        return
    segs = _segments(doc)
    joined, low = joined_prose(doc)
    if "Σ" in joined:
        # the gates read a text lower-cased without line breaks, which a capital sigma may tell apart
        ko = en = True
    hits = _time_matches(words, segs, joined, low, ko, en)
    if not hits:
        return
    day = publication_day(doc)
    if ctx.options.get("date_field_counts") and day is not None:
        return
    title = doc.fm.string("title") if doc.fm is not None else None
    if title and is_dated(title):
        return  # the headline, shown above the story, dates it
    links = sorted((lk.start, lk.end) for lk in doc.body.links if lk.text)
    for run, i, found in _hit_windows(segs, hits):
        sent = run[i]
        window = run[max(0, i - 1) : i + 2]
        if any(w.dated for w in window):
            continue
        if any(w.habitual(words) for w in window):
            continue  # "매주 월요일 … 이번 주 계획": a routine, not a day
        # The post's introduction: this sentence or a greeting just before it. Each language's test
        # is made only when the sentence has a word of that language.
        intro: dict[str, bool] = {}
        for lang, ws, we in found:
            is_intro = intro.get(lang)
            if is_intro is None:
                if lang == "ko":
                    around = sent.text if i == 0 else run[i - 1].text + " " + sent.text
                    is_intro = intro[lang] = words.ko_intro.search(around) is not None
                else:
                    is_intro = intro[lang] = words.en_intro.search(sent.text) is not None
            if is_intro:
                continue  # "오늘은 … 알아보겠습니다": the post's introduction, not a date
            seg = sent.seg
            start = seg.offset(ws)
            if not seg.in_front_matter and _in_link(links, start):
                continue  # link text is another page's title ("출처: [이번주 … 발족]")
            word = seg.text[ws:we]
            where = f"the {seg.kind[3:]}" if seg.in_front_matter else "the story"
            yield ctx.report(start, seg.offset(we),
                             f"\"{word}\" in {where} has no date near it: readers cannot tell which "
                             "day it means once the story is a day old or re-published",
                             _suggest(word, lang, day))


# --------------------------------------------------------------------------- STY009


@cache
def _ad_patterns(markers: tuple[str, ...] | None, disclosure: tuple[str, ...] | None
                 ) -> tuple[tuple[Gated, ...], re.Pattern[str] | None]:
    data = rules_data("style-ads.yaml")
    mk = list(data.get("markers", [])) if markers is None else list(markers)
    ds = list(data.get("disclosure", [])) if disclosure is None else list(disclosure)
    # rules/' lists are compiled when an article needs them; a newsroom's own at once (a bad one fails at once)
    rx = None
    if ds:
        rx = lazy(alternation(ds), re.IGNORECASE) if disclosure is None else re.compile(alternation(ds), re.IGNORECASE)
    return tuple(gated(p, lazy=markers is None) for p in mk), rx


def _tuple_or_none(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(str(v) for v in value)


@rule("STY009", "ad-disclosure-missing", "style", "warning",
      "Sponsored or affiliate content does not say 광고 or 협찬 in the headline or at the top of the story.",
      bad="---\ntitle: 여름 캠핑 의자 추천\n---\n\n<p>…</p>\n<p>이 포스팅은 쿠팡 파트너스 활동의 일환으로, "
          "이에 따른 일정액의 수수료를 제공받습니다.</p>",
      good="---\ntitle: \"[광고] 여름 캠핑 의자 추천\"\n---\n\n<p>이 글은 쿠팡 파트너스 활동의 일환으로 "
           "수수료를 제공받습니다.</p>\n<p>…</p>",
      docs="When the article carries signs of paid content (affiliate links such as link.coupang.com, "
           "\"쿠팡 파트너스 활동의 일환\", \"협찬을 받아\"), readers must be told before they read it: "
           "Korea's Fair Trade Commission guideline (추천·보증 등에 관한 표시·광고 심사지침) asks for the "
           "disclosure in the title or at the start of the post, not at the bottom. The markers and "
           "disclosure words are data (rules/style-ads.yaml); the `markers` and `disclosure` options "
           "replace them for a newsroom with its own sponsored formats.",
      options={"markers": Option(None, "regular expressions that mark sponsored content (replaces the "
                                       "built-in list)"),
               "disclosure": Option(None, "regular expressions of disclosure words (replaces the built-in list)"),
               "top_chars": Option(300, "how many characters at the start of the body count as the top")})
def ad_disclosure_missing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    markers, disclosure = _ad_patterns(_tuple_or_none(ctx.options.get("markers")),
                                       _tuple_or_none(ctx.options.get("disclosure")))
    if not doc.readable or not markers:
        return
    hit = _first_marker(doc, open_patterns(markers, doc), _href_test(doc, markers))
    if hit is None:
        return
    start, end, what = hit
    if disclosure is not None and _disclosed(doc, disclosure, int(ctx.options.get("top_chars", 300))):
        return
    yield ctx.report(start, end,
                     f"this article is sponsored or carries affiliate links (\"{_short(what, 40)}\"), but "
                     "neither the headline nor the top of the story says so",
                     "say 광고 or 협찬 in the headline (e.g. [광고]) or in the first lines of the story")


def _href_test(doc: Document, markers: tuple[Gated, ...]) -> Callable[[str], bool] | None:
    """`_link_test` of the markers that may match one of the article's link addresses (None: not one).

    A marker whose literals are not in the addresses matches none of them, and most articles' links
    hold no marker's literals: no marker regex is then compiled or run. Addresses are nearly always
    ASCII, where lower-casing is exactly how `re` ignores case; other addresses meet every marker.
    """
    hrefs = "\n".join([link.href for link in doc.body.links if link.href])
    if not hrefs:
        return None
    opened = open_in_ascii(markers, hrefs) if hrefs.isascii() else markers
    return _link_test(tuple(m.rx for m in opened)) if opened else None


@lru_cache(maxsize=256)  # keyed by the markers an article's links may hold: a few sets in practice
def _link_test(rxs: tuple[re.Pattern[str], ...]) -> Callable[[str], bool]:
    """Whether any marker matches a link address (as `find_all(rxs, href)` is non-empty).

    One search of all the markers joined, when that is sure to answer the same: every marker matches
    at least one character (so find_all drops none of its matches), none has a group a back-reference
    could count on, and all share their flags. Otherwise each marker is tried as before.
    """
    parser = importlib.import_module("re._parser")  # private, used only to decide: failures fall back

    def each(href: str) -> bool:
        return bool(find_all(list(rxs), href))

    try:
        if not rxs or any(rx.groups or rx.flags != rxs[0].flags or parser.parse(rx.pattern, rx.flags).getwidth()[0] < 1
                          for rx in rxs):
            return each
        joined = re.compile("|".join(f"(?:{rx.pattern})" for rx in rxs), rxs[0].flags)
    except Exception:  # noqa: BLE001 - any doubt: the per-marker way
        return each
    return lambda href: joined.search(href) is not None


def _first_marker(doc: Document, prose_rxs: list[re.Pattern[str]], link_test: Callable[[str], bool] | None
                  ) -> tuple[int, int, str] | None:
    """The first sign of paid content: in the prose or in a link's address (both gated: see `_href_test`)."""
    found: list[tuple[int, int, str]] = []
    for seg in _segments(doc) if prose_rxs else ():
        ms = find_all(prose_rxs, seg.text)
        if ms:
            found.append((seg.offset(ms[0].start()), seg.offset(ms[0].end()), ms[0].group()))
            break
    if link_test is not None:
        link = next((lk for lk in doc.body.links if lk.href and link_test(lk.href)), None)
        if link is not None and link.href:
            found.append((link.href_start, link.href_end, link.href))
    return min(found) if found else None


def _disclosed(doc: Document, rx: re.Pattern[str], top_chars: int) -> bool:
    title = doc.fm.string("title") if doc.fm is not None else None
    if title and rx.search(title):
        return True
    seen = 0
    for seg in _segments(doc):
        if seg.in_front_matter:
            continue
        if rx.search(seg.text[: max(0, top_chars - seen)]):
            return True
        seen += len(seg.text)
        if seen >= top_chars:
            return False
    return False


# --------------------------------------------------------------------------- STY010


@cache
def _byline_regex(extra: tuple[str, ...]) -> re.Pattern[str]:
    data = rules_data("style-byline.yaml")["titles"]
    titles = [t for lang in ("ko", "en") for t in data.get(lang, [])] + list(extra)
    return re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=[가-힣]))(?:{alternation(phrase_regex(t) for t in titles)})"
                      r"(?![A-Za-z가-힣])", re.IGNORECASE)


# compiled on first use: STY010 runs only for a site that names its byline field
_EMAIL = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BY = lazy(r"^\s*(?:by|글|글쓴이|작성자)\s*[:=]?\s+", re.IGNORECASE)


@rule("STY010", "byline-format", "style", "info",
      "The byline field holds more than the name (a job title such as 기자, an e-mail address, 'By').",
      bad="---\nauthor: 홍길동 기자 (hong@example.com)\n---",
      good="---\nauthor: 홍길동\n---",
      docs="Runs only when the site names its byline field (`site: byline_field: author`). The theme "
           "adds \"기자\" and the contact details around the name; writing them into the field doubles "
           "them on the page and splits one reporter into several author pages. Titles: "
           "rules/style-byline.yaml; the `titles` option adds more.",
      fixable=True,
      options={"titles": Option([], "more job titles that do not belong in the byline field")})
def byline_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    field_name = ctx.config.site_value("byline_field")
    if not field_name or doc.fm is None:
        return
    node = doc.fm.node(str(field_name))
    if node is None:
        return
    nodes = node.children if node.kind == "sequence" else [node]
    rx = _byline_regex(tuple(ctx.options.get("titles") or ()))
    for n in nodes:
        if n.kind != "scalar" or not isinstance(n.value, str):
            continue
        yield from _check_byline(doc, ctx, str(field_name), n.start, n.end, rx)


def _check_byline(doc: Document, ctx: Context, field_name: str, start: int, end: int,
                  rx: re.Pattern[str]) -> Iterator[Diagnostic]:
    seg = _byline_segment(doc, field_name, start)
    text = seg.text if seg is not None else doc.text[start:end]

    def off(i: int) -> int:
        return seg.offset(i) if seg is not None else start + i

    for pattern, what in ((rx, "a job title"), (_EMAIL, "an e-mail address"), (_BY, "a 'By' prefix")):
        m = pattern.search(text)
        if m is None:
            continue
        name = _bare_name(text, rx)
        if len(name) > 40 or "](" in name or "://" in name or ":" in name:
            name = ""  # markup or several people: no safe single-name suggestion
        edits: list[Edit] = []
        if seg is not None and name and text.startswith(name):
            # The name comes first: cutting what follows it is safe in any YAML scalar style.
            edits.append(Edit(off(len(name)), off(len(text) - 1) + 1, ""))
        yield ctx.report(off(m.start()), off(m.end()),
                         f"the byline field `{field_name}` holds {what} (\"{m.group().strip()}\"), not just a name",
                         f"write the name alone: {field_name}: {name}" if name else
                         f"write the reporter's name alone in `{field_name}`", edits=edits)
        return


def _byline_segment(doc: Document, field_name: str, start: int) -> Segment | None:
    seg = fm_segment(doc, field_name)
    if seg is not None and seg.offset(0) >= start:
        return seg
    return None


def _bare_name(text: str, rx: re.Pattern[str]) -> str:
    """The name left once titles, e-mail addresses, 'By' and brackets are taken out."""
    name = _BY.sub("", text)
    name = _EMAIL.sub("", name)
    name = rx.sub("", name)
    name = re.sub(r"[(\[<（][\s,;/|=]*[)\]>）]", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,;/|=-·")
