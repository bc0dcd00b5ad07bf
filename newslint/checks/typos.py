"""Typos family (TYP001–TYP019): misspellings and spacing errors that are certain from the surface.

No morphological analysis here (the Kiwi-based rules live in typos_korean.py). Every rule reads the
same prose: `prose_segments(doc)` (front matter title/excerpt/feature_text, headings, paragraphs,
list items, table cells, alt text), with URLs and e-mail addresses inside that prose skipped.
"""

from __future__ import annotations

import importlib.util
import marshal
import re
from collections.abc import Iterator
from functools import cache, partial
from operator import itemgetter, methodcaller
from pathlib import Path

from newslint.diagnostics import Diagnostic, Edit
from newslint.document import Document
from newslint.hangul import is_syllable
from newslint.joined import joined_prose
from newslint.lazyre import lazy
from newslint.prose import Segment
from newslint.registry import Context, rule, warm_up
from newslint.resources import rules_data
from newslint.typo_packs import Hit, PackSet, pack_set

# --------------------------------------------------------------------------- shared prose access

# Addresses written as text: a scheme or www., an e-mail, or a host name followed by a path.
_URL_PARTS = (
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*+://|\bwww\.)\S+",  # needs :// or www.
    r"[\w.+-]++@[\w-]++(?:\.[\w-]++)++",  # needs @
    r"\b[\w-]++(?:\.[\w-]++)++/\S*",  # needs /
)
# The alternation of _URL_PARTS without the parts that cannot match a given text (bit i: part i can), so an
# e-mail pattern that tries every position of every word runs only where there is an '@'. Dropping an
# alternative that matches nowhere leaves the matches as they were; the possessive quantifiers (++,
# *+) only skip backtracking that cannot succeed, because the character after each run is outside it.
_URLISH_BY_PARTS = {k: lazy("|".join(p for i, p in enumerate(_URL_PARTS) if k >> i & 1)) for k in range(1, 8)}


_DOT_THEN_SLASH = lazy(r"\.[\w-]++/")  # in every match of the third part ("example.com/…")


def _url_spans(text: str) -> list[tuple[int, int]]:
    path = "/" in text and _DOT_THEN_SLASH.search(text) is not None
    k = ("://" in text or "www." in text) | ("@" in text) << 1 | path << 2
    return [m.span() for m in _URLISH_BY_PARTS[k].finditer(text)] if k else []


# A chat log quoted verbatim (`<nick> message`, `[12:01] <nick> message`, `**\<nick>** message`): its
# spelling is the speaker's. Read from the source lines, where the nick is still there.
_CHAT_LINE = lazy(r"^[ \t>*_-]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*)?[*_]*\\?(?:<|&lt;)"
                        r"(?!/|(?:p|li|b|i|u|a|em|strong|span|div|td|th|tr|br|hr|h[1-6]|ul|ol|dd|dt|blockquote|"
                        r"section|article|small|sup|sub|mark|font|center|figure|figcaption|header|footer)(?:>|&gt;))"
                        r"[^<>\s]{1,40}"
                        r"(?:>|&gt;)[*_]*[ \t:].*$", re.MULTILINE)
# The same pattern found from the line break before it: a literal first character lets the regex
# engine skip to each line instead of trying `^` at every position of the article.
_CHAT_AFTER_BREAK = lazy("\n" + _CHAT_LINE.pattern[1:], re.MULTILINE)


def _chat_spans(text: str) -> list[tuple[int, int]]:
    first = _CHAT_LINE.match(text)
    out = [first.span()] if first else []
    out.extend((m.start() + 1, m.end()) for m in _CHAT_AFTER_BREAK.finditer(text))
    return out
_LIST_ITEM = lazy(r"[^,，、]+")


def _is_word_list(text: str) -> bool:
    """A glossary or data dump ('나무, 넝쿨, 덩굴, …'): words shown as words, not prose to correct."""
    if text.count(",") + text.count("、") < 9:
        return False
    items = [i.strip() for i in _LIST_ITEM.findall(text) if i.strip()]
    short = sum(1 for i in items if len(i.split()) <= 2)
    return len(items) >= 10 and short >= 0.8 * len(items)


class Prose:  # a plain class: a dataclass with slots costs a millisecond to make at import
    __slots__ = ("seg", "text", "doc", "_skip")

    def __init__(self, seg: Segment, text: str, doc: Document) -> None:
        self.seg = seg
        self.text = text
        self.doc = doc
        self._skip: list[tuple[int, int]] | None = None

    @property
    def skip(self) -> list[tuple[int, int]]:
        """URL / e-mail spans inside text (found on first use: most segments never need them)."""
        if self._skip is None:
            self._skip = _url_spans(self.text)
        return self._skip

    @property
    def chat(self) -> list[tuple[int, int]]:
        """Source spans of chat-log lines in the article."""
        return _doc_chat_spans(self.doc)

    def skipped(self, start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in self.skip):
            return True
        if self.chat:
            at = self.seg.offset(start)
            return any(s <= at < e for s, e in self.chat)
        return False

    def gap_is_space(self, doc: Document, start: int, end: int) -> bool:
        """The source between text[start] and text[end] holds only spaces (no code or markup cut out)."""
        a = self.seg.offset(start - 1) + 1 if start > 0 else self.seg.offset(start)
        b = self.seg.offset(end)
        return b >= a and not doc.text[a:b].strip()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Article offsets of text[start:end]."""
        seg = self.seg
        return seg.offset(start), seg.offset(end - 1) + 1 if end > start else seg.offset(start)


def _doc_chat_spans(doc: Document) -> list[tuple[int, int]]:
    cached = doc.memo.get("typos:chat")
    if cached is None:
        cached = _chat_spans(doc.text) if "<" in doc.text or "&lt;" in doc.text else []
        doc.memo["typos:chat"] = cached
    return cached  # type: ignore[no-any-return,unused-ignore]


class _ProseBySegment:
    """A Prose for each of prose_segments(doc), None for a word list (not prose to correct).

    Each is made when a rule first asks for it: most segments hold nothing any rule looks at.
    """

    __slots__ = ("doc", "segs", "made")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.segs = joined_prose(doc).segs
        self.made: dict[int, Prose | None] = {}

    def __getitem__(self, k: int) -> Prose | None:
        made = self.made
        if k in made:
            return made[k]
        seg = self.segs[k]
        p = None if _is_word_list(seg.text) else Prose(seg, seg.text, self.doc)
        made[k] = p
        return p

    def __len__(self) -> int:
        return len(self.segs)


def _prose_by_segment(doc: Document) -> _ProseBySegment:
    cached = doc.memo.get("typos:prose_by_segment")
    if cached is None:
        cached = _ProseBySegment(doc)
        doc.memo["typos:prose_by_segment"] = cached
    return cached  # type: ignore[no-any-return,unused-ignore]


def _joined_utf8(doc: Document) -> bytes:
    """The article's joined prose as UTF-8, once per document (strict: a lone surrogate raises)."""
    cached = doc.memo.get("typos:utf8")
    if cached is None:
        cached = doc.memo["typos:utf8"] = joined_prose(doc).text.encode()
    return cached  # type: ignore[no-any-return,unused-ignore]


def _prose(doc: Document) -> list[Prose]:
    cached = doc.memo.get("typos:prose")
    if cached is None:
        by = _prose_by_segment(doc)
        cached = [p for p in (by[k] for k in range(len(by))) if p is not None]
        doc.memo["typos:prose"] = cached
    return cached  # type: ignore[no-any-return,unused-ignore]


def _edit(doc: Document, start: int, end: int, expected: str, replacement: str) -> list[Edit]:
    """A safe fix only when the source holds exactly the text we read (no entity, no folding)."""
    if doc.text[start:end] == expected:
        return [Edit(start, end, replacement)]
    return []


def _hangul_final(ch: str) -> int:
    """Index of the final consonant of a Hangul syllable (0: none, 4: ㄴ, 8: ㄹ), -1 if not Hangul."""
    code = ord(ch) - 0xAC00
    return code % 28 if 0 <= code < 11172 else -1


def _anchored_hits(doc: Document, anchor: re.Pattern[str]) -> dict[int, list[int]]:
    """Positions of `anchor`'s matches in the article's prose, by segment index (local positions)."""
    joined = joined_prose(doc)
    out: dict[int, list[int]] = {}
    for m in anchor.finditer(joined.text):
        k = joined.locate(m.start())
        out.setdefault(k, []).append(m.start() - joined.starts[k])
    return out


def _holds_any(text: str, needles: tuple[tuple[str, str], ...]) -> bool:
    """One of the (letter, word) `needles`' words is in `text`; each word's rare letter is tested first.

    Looking for one character is a memchr over the text, several times faster than looking for a
    word; most articles lack the letter, and the word is looked for only where it is there.
    """
    return any(letter in text and word in text for letter, word in needles)


def _word_before_space(text: str, at: int) -> int:
    """Start of the Hangul word that ends just before the spaces or tabs before text[at]; -1 if none."""
    j = at
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    end = j
    while j > 0 and "가" <= text[j - 1] <= "힣":
        j -= 1
    return j if j < end < at else -1


def _finditer_from(pattern: re.Pattern[str], text: str, anchors: list[int]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern `(?<![가-힣])[가-힣]+[ \t]+X…` whose X is at one of `anchors`.

    Each match starts at the Hangul word before the spaces before its X, so trying those starts
    in order, without overlaps, gives what finditer gives without visiting the rest of the text.
    """
    last = 0
    for at in anchors:
        s = _word_before_space(text, at)
        if s < last:
            continue
        m = pattern.match(text, s)
        if m is not None:
            yield m
            last = m.end()


# --------------------------------------------------------------------------- TYP001 / TYP002: rule packs


def _packs(ctx: Context) -> PackSet:
    return pack_set(tuple(ctx.config.rule_packs), tuple(ctx.config.disable_packs))


def _pack_errors(ctx: Context, kind: str) -> Iterator[Diagnostic]:
    for err_kind, err in _packs(ctx).errors:
        if err_kind == kind or (err_kind == "" and kind == "substitution"):
            yield ctx.report(0, 0, err, "fix the pack's entries or examples (format: rules/README.md), "
                                        "or remove its folder from rule-packs")


def _pack_hits(doc: Document, ctx: Context, kind: str) -> Iterator[tuple[Prose, Hit]]:
    ps = _packs(ctx)
    matchers = ps.substitution if kind == "substitution" else ps.existence
    if not matchers:
        return
    joined = joined_prose(doc)
    utf8 = partial(_joined_utf8, doc)
    hits = matchers[0].find_joined(joined.text, joined.starts, utf8)
    for m in matchers[1:]:
        hits.extend(m.find_joined(joined.text, joined.starts, utf8))
    if len(matchers) > 1:
        hits.sort(key=itemgetter(0))  # segment by segment, each matcher's hits in turn, as before
    prose = _prose_by_segment(doc)
    for k, h in hits:
        p = prose[k]
        if p is not None and not p.skipped(h.start, h.end):
            yield p, h


def _match_case(found: str, fix: str) -> str:
    if found[:1].isupper() and found[1:2].islower():
        return fix[:1].upper() + fix[1:]
    return fix


@rule("TYP001", "misspelling", "typos", "warning",
      "A word from the misspelling lists (built-in Korean lists, or the newsroom's own packs) is written wrong.",
      bad="몇일 뒤 결과가 발표됬다.", good="며칠 뒤 결과가 발표됐다.",
      docs="The built-in lists (rules/typos-ko.yaml, rules/typos-ko-loanwords.yaml) hold only forms that "
           "are wrong in every sense, from 한글 맞춤법, 표준어 규정 and 외래어 표기법. A newsroom adds its own "
           "substitution packs with `rule-packs:` and switches a built-in pack off with `disable-packs:`. "
           "A form with a single correction can be fixed automatically.",
      fixable=True)
def misspelling(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    yield from _pack_errors(ctx, "substitution")
    for p, h in _pack_hits(doc, ctx, "substitution"):
        e = h.entry
        found = p.text[h.start:h.end]
        start, end = p.span(h.start, h.end)
        rights = [_match_case(found, r) for r in e.right]
        shown = " or ".join(f"'{r}'" for r in rights)
        fix = _match_case(found, e.fix) if e.fix is not None else None
        edits = _edit(doc, start, end, found, fix) if fix is not None else []
        yield ctx.report(start, end, f"'{found}' should be {shown}: {e.message} [{e.pack}]",
                         f"write {shown}", edits=edits)


@rule("TYP002", "banned-term", "typos", "warning",
      "A term the newsroom's packs ban appears in the article.",
      bad="(with a pack banning '찌라시') 증권가 찌라시에 따르면", good="증권가 정보지에 따르면",
      docs="Existence packs list terms that must not be published (slurs, internal code names, "
           "outdated names) with the reason. newslint ships none; a newsroom adds its own with `rule-packs:`.")
def banned_term(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    yield from _pack_errors(ctx, "existence")
    for p, h in _pack_hits(doc, ctx, "existence"):
        found = p.text[h.start:h.end]
        start, end = p.span(h.start, h.end)
        yield ctx.report(start, end, f"'{found}': {h.entry.message} [{h.entry.pack}]",
                         "rewrite the sentence without this term")


# --------------------------------------------------------------------------- TYP003: the ending -ㄹ지 written apart

# Single-syllable nouns ending in ㄹ: before them '지' is not the ending -ㄹ지 ('서울 지도', '일 만').
_NOUN_L = frozenset("일말물술글돌불길달발줄날실열팔칼별월절철살솔쌀활굴골들벌틀알")
# Verb and adjective stems that take '-을' ('많을수록', '먹을지'); a noun before '을' is an object.
_STEMS_BEFORE_EUL = frozenset("많먹작높좋있없같넓깊낮늦적짧얇굵받찾읽잃앉웃씻짙옅얕묽붉밝맑젊늙싫잡입참남넘믿닫괜않")
# `sp` is the space to remove; what follows 지 must end the word (or be a particle of -ㄹ지).
_JI = lazy(r"(?<![가-힣])(?P<w>[가-힣]+)(?P<sp>[ \t]+)(?P<ji>지(?:는|를|조차|라도|만|요|도(?=[ \t]+(?:모르|모른|몰라|몰랐|모를)))?)"
                 r"(?![\w(\[])")
_JI_OTHER = lazy(r"(?<![가-힣])(?P<w>[가-힣]+)(?P<sp>[ \t]+)(?P<ji>뿐더러|망정|수록)(?![\w])")
# Where the 지 or ending of a match stands (after a space or tab, as every match has it): written from
# the syllable, which the regex engine skips to, with the space checked behind it.
_JI_ANCHOR = lazy(r"지(?<=[ \t]지)(?:는|를|조차|라도|만|요|도)?(?![\w(\[])")
_JI_OTHER_ANCHOR = lazy(r"뿐더러(?<=[ \t]뿐더러)|망정(?<=[ \t]망정)|수록(?<=[ \t]수록)")


def _modifier_l(word: str, prev: str) -> bool:
    """`word` ends in the modifier -ㄹ/-을 of a verb (not a bare ㄹ noun, not a date like '3월').

    '을' is also the object particle ('신곡을 수록'): it counts only after a common verb or adjective stem.
    """
    last = word[-1]
    if _hangul_final(last) != 8 or last == "를":
        return False
    if len(word) == 1 and (last in _NOUN_L or prev.isdigit()):
        return False
    if last == "을":
        return len(word) > 1 and word[-2] in _STEMS_BEFORE_EUL
    return True


@rule("TYP003", "ending-spacing", "typos", "warning",
      "An ending (-ㄹ지, -는지, -인지, -ㄹ수록, -ㄹ뿐더러, -ㄹ망정) is written apart from its word.",
      bad="어떻게 될 지 주목된다.", good="어떻게 될지 주목된다.",
      docs="'-ㄹ지', '-는지' and '-인지' are endings and attach to the word: '될지', '있는지', '사실인지'. "
           "Only the bound noun '지' of elapsed time is written apart, and it follows '-ㄴ': '만난 지 3년'. "
           "The same holds for '-ㄹ수록', '-ㄹ뿐더러' and '-ㄹ망정'. The fix removes the space.",
      fixable=True)
def ending_spacing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    text = joined_prose(doc).text
    # Each pattern needs a space or tab right before its ending: most articles have none such.
    ji = _anchored_hits(doc, _JI_ANCHOR) if " 지" in text or "\t" in text and "\t지" in text else {}
    other = _anchored_hits(doc, _JI_OTHER_ANCHOR) if _holds_any(text, (("뿐", "뿐더러"), ("망", "망정"), ("록", "수록"))) else {}
    if not ji and not other:
        return
    prose = _prose_by_segment(doc)
    for k in sorted(ji.keys() | other.keys()):
        p = prose[k]
        if p is None:
            continue
        text = p.text
        for m in _finditer_from(_JI, text, ji.get(k, [])):
            w = m.group("w")
            prev = text[m.start() - 1] if m.start() > 0 else ""
            if not (_modifier_l(w, prev) or w[-1] == "는" and len(w) > 1 or w[-1] == "인" and len(w) > 1):
                continue
            yield from _spacing_report(doc, ctx, p, m, "지", "'-ㄹ지·-는지·-인지'는 어미라 붙여 씁니다 "
                                       "(시간의 '지'는 '만난 지 3년'처럼 '-ㄴ' 뒤에서만 띄어 씁니다)")
        for m in _finditer_from(_JI_OTHER, text, other.get(k, [])):
            w = m.group("w")
            prev = text[m.start() - 1] if m.start() > 0 else ""
            if not _modifier_l(w, prev):
                continue
            ending = m.group("ji")
            topic = "은" if _hangul_final(ending[-1]) > 0 else "는"
            yield from _spacing_report(doc, ctx, p, m, ending, f"'-ㄹ{ending}'{topic} 어미라 붙여 씁니다")


def _spacing_report(doc: Document, ctx: Context, p: Prose, m: re.Match[str], what: str,
                    why: str) -> Iterator[Diagnostic]:
    ws, we = m.span("sp")
    if p.skipped(m.start(), m.end()) or not p.gap_is_space(doc, ws, we):
        return
    shown_wrong = m.group("w")[-1] + m.group("sp") + m.group("ji")
    shown_right = m.group("w")[-1] + m.group("ji")
    start, end = p.span(m.start("w"), m.end("ji"))
    sstart, send = p.span(ws, we)
    yield ctx.report(start, end, f"'{shown_wrong.strip()}' should be written '{shown_right}': {why}",
                     f"remove the space before '{what}'",
                     edits=_edit(doc, sstart, send, m.group("sp"), ""))


# --------------------------------------------------------------------------- TYP004: 듯하다, 만하다, 뻔하다, 척하다

_AUX = lazy(
    r"(?<![가-힣])(?P<w>[가-힣]+)[ \t]+(?P<n>듯|만|뻔|척)(?P<sp>[ \t]+)"
    r"(?P<h>(?:하(?:다|고|며|여|였|지|면|니|던|게|겠|기|는)|한다|했|합니|합디|해(?:요|서|도|진|졌)?(?![가-힣]))[가-힣]*)"
)


# Where the bound noun of a match stands, between spaces or tabs (every match has that).
_AUX_ANCHOR = lazy(r"[듯만뻔척](?<=[ \t][듯만뻔척])[ \t]")


def _aux_host_ok(word: str, noun: str, prev: str) -> bool:
    last = word[-1]
    final = _hangul_final(last)
    if noun in ("만", "뻔"):
        return _modifier_l(word, prev)
    if noun == "척":
        return final == 4 or last == "는"  # 아는 척, 모른 척
    return _modifier_l(word, prev) or final == 4 or last in ("는", "던")  # 듯


@rule("TYP004", "auxiliary-spacing", "typos", "warning",
      "'듯하다', '만하다', '뻔하다', '척하다' are one word: no space before '하다'.",
      bad="비가 올 듯 하다. 볼 만 하다. 넘어질 뻔 했다.", good="비가 올 듯하다. 볼 만하다. 넘어질 뻔했다.",
      docs="These auxiliary adjectives and verbs are single words (한글 맞춤법 제47항): the bound noun and "
           "'하다' are written together; only the space before the bound noun stays. The fix removes the space.",
      fixable=True)
def auxiliary_spacing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    text = joined_prose(doc).text
    # Written apart, the noun stands between spaces (or a tab): a few substring tests rule most articles out.
    gate = "\t" in text or _holds_any(text, (("듯", " 듯 "), ("만", " 만 "), ("뻔", " 뻔 "), ("척", " 척 ")))
    hits = _anchored_hits(doc, _AUX_ANCHOR) if gate else {}
    if not hits:
        return
    prose = _prose_by_segment(doc)
    for k in sorted(hits):
        p = prose[k]
        if p is None:
            continue
        text = p.text
        for m in _finditer_from(_AUX, text, hits[k]):
            w, noun = m.group("w"), m.group("n")
            prev = text[m.start() - 1] if m.start() > 0 else ""
            if not _aux_host_ok(w, noun, prev) or p.skipped(m.start(), m.end()) \
                    or not p.gap_is_space(doc, *m.span("sp")):
                continue
            start, end = p.span(m.start("n"), m.end("h"))
            sstart, send = p.span(*m.span("sp"))
            yield ctx.report(start, end,
                             f"'{noun} {m.group('h')}' should be written '{noun}{m.group('h')}': "
                             f"'{noun}하다'는 한 단어입니다 (한글 맞춤법 제47항)",
                             f"remove the space between '{noun}' and '{m.group('h')}'",
                             edits=_edit(doc, sstart, send, m.group("sp"), ""))


# --------------------------------------------------------------------------- TYP005: a word written twice

# Run on the lower-cased text (a case-insensitive backreference is several times slower).
_REPEAT = lazy(r"\b(?<![\w'’\-./@#])(?P<a>[^\W\d_]+)(?P<sp>[ \t]+(?:\n[ \t]*)?|\n[ \t]*)(?P<b>(?P=a))"
                     r"(?![\w'’\-])")
# What every _REPEAT match has, looser (any word characters, any spaces) and much cheaper to look for: a
# backreference without _REPEAT's lookarounds, on whole words only. Rules out most paragraphs at once.
_MAYBE_REPEAT = lazy(r"(?<!\w)(\w+)\s+\1(?!\w)")
# Korean words doubled by mistake carry a particle or an ending ('정부는 정부는'); bare doubled words are
# usually deliberate ('매일 매일', '한발 한발', '차근 차근').
_KO_ENDINGS = frozenset("은는이가을를의에도로와과고다며서면게지만께요죠")
_HARD_BREAK = lazy(r"  \r?\n|\\\r?\n|<br", re.IGNORECASE)
_MARKUP_GAP = lazy(r"<[^<>]*>|[\s*_\[\]]")
# Doubled on purpose: English idioms, and Korean words repeated for emphasis or rhythm.
_REPEAT_OK = frozenset("""
that had is do can bye so no ha hah heh haha hee ho ya yeah yes well there very really blah tsk chop knock tut pooh
hush night now boo ta go dum bla la na oh wow aye yo tom mahi yada
아주 너무 정말 진짜 계속 바로 따로 서로 새로 빨리 어서 천천히 많이 조금 조금씩 점점 차츰 오래 멀리 가까이 이제 다시 자꾸 더욱
하나 하나씩 한번 하루하루 어느 모두 잘한다 그래 그래서 아니 아니야 안녕 네 예 응 와 오 야 아 어 우리
""".split())  # noqa: SIM905 - a word list is easier to read and extend as text


# ASCII characters that are not word characters become spaces; other bytes stay (bytes.translate: C speed).
_ASCII_NON_WORD_TO_SPACE = bytes(c if c >= 128 or chr(c).isalnum() or c == 95 else 32 for c in range(256))
# A token then the same token (tokens: runs of bytes other than spaces, as bytes.split() gives once every
# other ASCII space is a space). Written from the space before it, a literal the engine skips to, and
# possessive, so a try costs one pass over one token. Found matches do not overlap, but an overlapped
# pair repeats the same token: the set of repeated tokens is that of every neighbouring pair.
_SAME_TOKEN_TWICE = re.compile(rb" ([^ ]++) ++\1(?![^ ])")  # small: compiled at once


# A repeat right after a non-ASCII mark or space (“정부는 정부는, ‘the the, \u3000the the): read the text
# forwards; right before one (정부는 정부는”), read it backwards. The class first lets the regex engine
# skip to such characters.
# The class holds every non-ASCII character but Hangul syllables (all word characters): more than the
# marks, which only adds places to look, and a plain range the engine tests fast.
_REPEAT_AFTER_MARK = lazy(r"[^\x00-\x7f가-힣](\w+)[ \t\n]+\1(?!\w)")


# _ASCII_NON_WORD_TO_SPACE after lower-casing A-Z.
_ASCII_LOWER_NON_WORD_TO_SPACE = bytes(_ASCII_NON_WORD_TO_SPACE[c + 32 if 65 <= c <= 90 else c] for c in range(256))


def _repeated_tokens(enc: bytes, table: bytes) -> set[str]:
    """The tokens written twice in a row in UTF-8 text `enc` once `table` has turned separators into spaces."""
    spaced = (b" " + enc).translate(table)  # every token after a space
    return {m.group(1).decode("utf-8", "surrogatepass") for m in _SAME_TOKEN_TWICE.finditer(spaced)}


def _maybe_repeated(low: str) -> set[str]:
    """Words that may be written twice in a row in `low`: every _REPEAT match's word is among them.

    A match is a word that ends one whitespace-separated token and starts the next. With ASCII
    punctuation turned into spaces, the two are whole tokens, compared neighbour to neighbour at C
    speed, unless a non-ASCII mark (a curly quote, ·, …) is glued to one: those are looked for
    around the marks.
    """
    enc = low.encode("utf-8", "surrogatepass")
    found = _repeated_tokens(enc, _ASCII_NON_WORD_TO_SPACE)
    if not low.isascii():
        found.update(m.group(1) for m in _REPEAT_AFTER_MARK.finditer(low))
        found.update(m.group(1)[::-1] for m in _REPEAT_AFTER_MARK.finditer(low[::-1]))
    return found


# The UTF-16 high bytes of ASCII (and of U+0080-U+00FF) and of Hangul syllables, but for the last
# 164 syllables (U+D700-U+D7A3), whose high byte D7 they share with other letters.
_ASCII_OR_SYLLABLE_HIGH = bytes([0, *range(0xAC, 0xD7)])


def _only_ascii_and_syllables(text: str, enc: bytes) -> bool:
    """`text` (`enc`: its UTF-8) holds only ASCII and Hangul syllables (U+AC00-U+D7A3): no other letter
    or mark, nothing past U+FFFF.

    Told from bytes at C speed: U+0080-U+00FF by their UTF-8 lead byte, the rest by their UTF-16 high
    byte, where only D7 needs a look at the low byte. A class of 11,000 letters would take a millisecond
    to compile for a pre-commit check, and scan the text slower.
    """
    if b"\xc2" in enc or b"\xc3" in enc:
        return False
    wide = text.encode("utf-16-le", "surrogatepass")
    high = wide[1::2]
    if high.translate(None, _ASCII_OR_SYLLABLE_HIGH).strip(b"\xd7"):
        return False
    i = high.find(b"\xd7")
    while i >= 0:
        if wide[2 * i] > 0xA3:  # U+D7A4-U+D7FF
            return False
        i = high.find(b"\xd7", i + 1)
    return True


def _repeat_segments(doc: Document) -> list[Prose] | None:
    """The prose segments that may hold a repeated word, in order; None: check them all."""
    joined = joined_prose(doc)
    text = joined.text
    try:
        enc: bytes | None = _joined_utf8(doc)
    except UnicodeEncodeError:  # a lone surrogate, neither ASCII nor a syllable
        enc = None
    if enc is not None and (text.isascii() or _only_ascii_and_syllables(text, enc)):
        # Only ASCII and Hangul syllables: lower() changes A-Z alone, which the table lowers as well, and
        # no mark is glued to a token. The same words as _maybe_repeated(text.lower()).
        words = _repeated_tokens(enc, _ASCII_LOWER_NON_WORD_TO_SPACE)
        if not words:
            return []
        low = text.lower()
    else:
        low = text.lower()
        if len(low) != len(text):
            return None  # a letter whose lower case is longer: the segments' own texts decide
        words = _maybe_repeated(low)
        if not words:
            return []
    ks: set[int] = set()
    for w in words:
        for m in re.finditer(re.escape(w) + r"(?=\s+" + re.escape(w) + ")", low):
            ks.add(joined.locate(m.start()))
    prose = _prose_by_segment(doc)
    return [p for p in (prose[k] for k in sorted(ks)) if p is not None]


@rule("TYP005", "repeated-word", "typos", "warning",
      "A word is written twice in a row ('the the', '정부는 정부는').",
      bad="정부는 정부는 오늘 발표했다. It is the the best.", good="정부는 오늘 발표했다. It is the best.",
      docs="Usually left over from an edit. Idioms that double a word on purpose ('that that', 'had had', "
           "'bye bye', '아주 아주') are left alone, and so are capitalized pairs ('Bora Bora'), numbers and "
           "one-syllable Korean words ('더 더'). The fix removes the second word.",
      fixable=True)
def repeated_word(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    segments = _repeat_segments(doc)
    for p in _prose(doc) if segments is None else segments:
        text = p.text
        lower = text.lower()
        if len(lower) != len(text):
            lower = text  # a rare letter whose lower case is longer: stay exact
        if _MAYBE_REPEAT.search(lower) is None:
            continue  # no word follows itself across spaces: skip the slower regex
        for m in _REPEAT.finditer(lower):
            a, b = text[m.start("a"):m.end("a")], text[m.start("b"):m.end("b")]
            before = text[:m.start()].rstrip()
            if not _repeat_counts(a, b, not before or before[-1] in ".!?") or p.skipped(m.start(), m.end()) \
                    or _tripled(text, m) or _on_own_line(text, m) \
                    or not _gap_is_markup(doc, p, m.end("a"), m.start("b")):
                continue
            start, end = p.span(m.start("b"), m.end("b"))
            dstart, dend = p.span(m.end("a"), m.end("b"))
            yield ctx.report(start, end, f"'{b}' is written twice in a row",
                             f"delete the second '{b}'",
                             edits=_edit(doc, dstart, dend, text[m.end("a"):m.end("b")], ""))


def _repeat_counts(a: str, b: str, sentence_start: bool) -> bool:
    if a.lower() in _REPEAT_OK:
        return False
    if any(map(is_syllable, a)):
        return len(a) >= 2 and a == b and a[-1] in _KO_ENDINGS
    if not (a == b or (b.islower() and a == b.capitalize() and sentence_start)):
        return False  # 'ZYS zys', 'Gregor Zeitlinger zeitlinger' stay; 'The the' is reported
    if a[:1].isupper() and b[:1].isupper():
        return False  # names: Bora Bora, Duran Duran
    return len(a) >= 2 or a.lower() == "a"


def _tripled(text: str, m: re.Match[str]) -> bool:
    """'please please please': a word said three times is meant."""
    after = text[m.end():m.end() + len(m.group("a")) + 2].lstrip().lower()
    before = text[max(0, m.start() - len(m.group("a")) - 2):m.start()].rstrip().lower()
    w = m.group("a").lower()
    return after.startswith(w) or before.endswith(w)


def _on_own_line(text: str, m: re.Match[str]) -> bool:
    """Across a line break, a word alone on its line is a heading of notes or code ('end'), not a slip."""
    if "\n" not in m.group("sp"):
        return False
    line_a = text[text.rfind("\n", 0, m.start()) + 1:m.end("a")].strip()
    nl = text.find("\n", m.end())
    line_b = text[m.start("b"):len(text) if nl < 0 else nl].strip()
    return line_a == m.group("a") or line_b == m.group("b")


def _gap_is_markup(doc: Document, p: Prose, a_end: int, b_start: int) -> bool:
    """Between the two words the source holds only spaces and markup: no code cut out, no line break."""
    s = p.seg.offset(a_end - 1) + 1
    e = p.seg.offset(b_start)
    gap = doc.text[s:e]
    return e >= s and not _MARKUP_GAP.sub("", gap) and not _HARD_BREAK.search(gap)


# --------------------------------------------------------------------------- TYP006: English, from codespell


@cache
def _codespell_dictionary() -> _CodespellParts | None:
    """Every line of codespell's main dictionary (wrong → 'right1, right2,'); None when not installed.

    Keyed by what comes before the first '->', the last line winning, as a line-by-line reading
    would give; only lower-case a-z words are ever looked up, and `_codespell_listed` says which
    of those newslint reports. Split at C speed: no regex, no filtering pass over 65,000 lines.
    """
    spec = importlib.util.find_spec("codespell_lib")  # finds the folder without running its code
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary.txt"
    if not path.is_file():
        return None
    from newslint import datacache  # kept ready-made between runs while the file is unchanged

    if not datacache.keeping():  # built afresh for this run alone: parting it would only cost more
        return _CodespellParts({}, whole=_read_codespell(path))
    return _CodespellParts(datacache.load("codespell-parts", [path], lambda: _split_parts(_read_codespell(path))))


def _split_parts(words: dict[str, str]) -> dict[str, bytes]:
    """The dictionary in parts by the entries' first two letters, each packed on its own (marshal)."""
    parts: dict[str, dict[str, str]] = {}
    for wrong, right in words.items():
        parts.setdefault(wrong[:2], {})[wrong] = right
    return {prefix: marshal.dumps(part) for prefix, part in parts.items()}


class _CodespellParts:
    """codespell's dictionary, unpacked a part at a time.

    Unpacking its 65,000 entries costs about 25 ms, most of a pre-commit hook's check of one article.
    An article is checked against the parts that begin as its words do (a Korean story quoting a few
    English words needs a handful of the 700); a run over many articles unpacks the whole dictionary
    once, after its first few articles (before the worker processes start, in a parallel run).
    """

    UNPACK_ALL_AFTER = 8  # articles

    def __init__(self, packed: dict[str, bytes], whole: dict[str, str] | None = None) -> None:
        self._packed = packed
        self._parts: dict[str, dict[str, str]] = {}
        self._whole = whole
        self._asked = 0

    def _part(self, prefix: str) -> dict[str, str]:
        part = self._parts.get(prefix)
        if part is None:
            blob = self._packed.get(prefix)
            part = self._parts[prefix] = marshal.loads(blob) if blob is not None else {}
        return part

    def whole(self) -> dict[str, str]:
        if self._whole is None:
            whole: dict[str, str] = {}
            for prefix in self._packed:  # the parts hold disjoint keys
                whole.update(self._part(prefix))
            self._whole = whole
            self._parts.clear()
        return self._whole

    def covering(self, words: set[str]) -> dict[str, str]:
        """A dictionary holding every entry of these words (and maybe others)."""
        if self._whole is not None:
            return self._whole
        self._asked += 1
        if self._asked > self.UNPACK_ALL_AFTER:
            return self.whole()
        prefixes = {w[:2] for w in words}
        if len(prefixes) == 1:
            return self._part(prefixes.pop())
        out: dict[str, str] = {}
        for prefix in prefixes:
            out.update(self._part(prefix))
        return out

    def __contains__(self, word: str) -> bool:
        return word in (self._whole if self._whole is not None else self._part(word[:2]))


@warm_up
def _unpack_codespell(enabled: set[str]) -> None:
    """Before a run over many articles (and its workers) starts: the whole dictionary, unpacked once."""
    if "TYP006" in enabled:
        words = _codespell_dictionary()
        if words is not None:
            words.whole()


def _read_codespell(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    try:
        return dict(map(methodcaller("split", "->", 1), lines))
    except ValueError:  # a line without '->' (none in codespell's file): skip such lines
        return dict(line.split("->", 1) for line in lines if "->" in line)


def _codespell_listed(word: str) -> bool:
    """A lower-case a-z dictionary word newslint reports (short ones only when listed in the yaml)."""
    skip, short = _codespell_lists()
    return (len(word) > 3 or word in short) and word not in skip


@cache
def _codespell_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(entries never reported, short entries that are reported) from rules/typos-en-codespell.yaml."""
    data = rules_data("typos-en-codespell.yaml")
    return (frozenset(str(w).lower() for w in data.get("skip") or []),
            frozenset(str(w).lower() for w in data.get("short") or []))


# [a-z]{4,}|\b[a-z]{3}\b with the first letter taken out of the alternation: a pattern that starts with a
# character class lets the regex engine skip Hangul text in a fast loop (same matches, half the time).
_LOWER_RUN = lazy(r"[a-z](?:[a-z]{3,}|(?<=\b[a-z])[a-z]{2}\b)")
_EN_WORD = lazy(r"\b(?<![\w'’\-./@#\\{}])[a-z]+(?![\w\-/@\\{}]|['’][a-zA-Z]|\.[a-zA-Z0-9])")
_FOREIGN_LATIN = lazy(r"[à-öø-ÿœßÀ-ÖØ-Þ]")  # German, French, Spanish… words are not English typos
_SIC = lazy(r"[\"'”’)]?\s*[\[(]\s*sic\s*[\])]", re.IGNORECASE)


def _doc_ignored_words(doc: Document) -> frozenset[str]:
    """Words the article's own spell-check settings accept (`cSpell:ignore` in front matter)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    words: set[str] = set()
    for key in ("cSpell:ignore", "cspell:ignore", "spelling:ignore"):
        v = data.get(key)
        if isinstance(v, str):
            words.update(v.lower().split())
        elif isinstance(v, list):
            words.update(str(x).lower() for x in v)
    return frozenset(words)


@cache
def _reports_words_under_three_letters() -> bool:
    """A reported entry is shorter than _LOWER_RUN's runs (only listed short words can be)."""
    words = _codespell_dictionary()
    _skip, short = _codespell_lists()
    return words is not None and any(len(w) < 3 and w in words and _AZ.fullmatch(w) and _codespell_listed(w)
                                     for w in short)


_AZ = lazy(r"[a-z]+")


def _occurrences(text: str, words: set[str]) -> Iterator[tuple[int, str]]:
    """(index, word) of every occurrence in `text` of each of `words`, overlapping ones too, word by word."""
    for w in words:
        i = text.find(w)
        while i >= 0:
            yield i, w
            i = text.find(w, i + 1)


def _word_matches(text: str, found: set[str]) -> list[re.Match[str]]:
    """The _EN_WORD matches of `text` whose word is in `found`, in text order, without visiting the others.

    An _EN_WORD match is a whole run of a-z (a word character or hyphen before or after it fails it),
    so runs never overlap; every such word of three letters or more is one of _LOWER_RUN's runs, so
    `found` holds every listed word the full scan would meet.
    """
    out = []
    for i, w in _occurrences(text, found):
        m = _EN_WORD.match(text, i)
        if m is not None and m.end() == i + len(w):
            out.append(m)
    out.sort(key=lambda m: m.start())
    return out


def _segments_holding(doc: Document, words: set[str]) -> list[int]:
    """Indexes of the prose segments that contain one of `words` (a-z words: never across segments)."""
    joined = joined_prose(doc)
    return sorted({joined.locate(i) for i, _w in _occurrences(joined.text, words)})


_ONLY_A_TO_Z = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
# The same, but the other ASCII word characters (A-Z, 0-9, _) become '#', which no dictionary word holds.
_A_TO_Z_WORDS = bytes(c if 97 <= c <= 122 else 35 if c < 128 and (chr(c).isalnum() or c == 95) else 32
                      for c in range(256))


def _a_to_z_runs(text: str) -> set[str]:
    """Every maximal run of a-z in `text`: each _LOWER_RUN match is one (bytes.translate: C speed)."""
    return set(text.encode("ascii", "replace").translate(_ONLY_A_TO_Z).decode("ascii").split())


def _a_to_z_words(text: str) -> set[str]:
    """The maximal runs of a-z in `text` but those glued to an A-Z, a digit or _ ('Calls' holds 'alls'),
    and tokens with a '#' in them: every _EN_WORD match is among them, as no word character touches one.
    """
    return set(text.encode("ascii", "replace").translate(_A_TO_Z_WORDS).decode("ascii").split())


@rule("TYP006", "english-misspelling", "typos", "warning",
      "An English word is misspelled (codespell's list of common misspellings).",
      bad="The goverment announced it.", good="The government announced it.",
      docs="Needs the `english` extra (`pip install newslint[english]`): the list is read from the installed "
           "codespell package. Only lower-case words are checked; capitalized words (names), words with "
           "digits or hyphens, words followed by [sic], and words listed under `cSpell:ignore` in the front "
           "matter are left alone. Entries that misfire on news prose are listed in "
           "rules/typos-en-codespell.yaml.",
      fixable=True)
def english_misspelling(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    text = joined_prose(doc).text
    runs = _a_to_z_words(text)
    if not runs:
        return  # no lower-case word in the whole article
    dictionary = _codespell_dictionary()
    if dictionary is None:
        return
    direct = not _reports_words_under_three_letters()  # else _LOWER_RUN's runs may miss a listed word
    if not direct:
        runs = _a_to_z_runs(text)  # every run: which segments are read then depends on the others too
    words = dictionary.covering(runs)  # every word looked up below is one of the runs
    # A listed run glued to a capital ('Calls', 'Flood') is never a word to report: leaving it out keeps
    # most articles from the scan per paragraph below.
    listed = {w for w in words.keys() & runs if _codespell_listed(w)}
    if not listed:
        return  # most articles hold none of the list's words: one set test instead of a scan per paragraph
    ignored: frozenset[str] | None = None
    prose = _prose_by_segment(doc)
    for k in _segments_holding(doc, listed):
        p = prose[k]
        if p is None:
            continue
        text = p.text
        if _FOREIGN_LATIN.search(text):
            continue
        found = listed & set(_LOWER_RUN.findall(text))
        if not found:
            continue
        for m in _word_matches(text, found) if direct else _EN_WORD.finditer(text):
            w = m.group()
            # Every _EN_WORD match is a whole run of a-z, one of `runs`: only a listed one can be reported.
            raw = words[w] if w in listed else None
            if raw is None or p.skipped(m.start(), m.end()) or _SIC.match(text, m.end()):
                continue
            if ignored is None:
                ignored = _doc_ignored_words(doc)
            if w in ignored:
                continue
            fixes = [f for f in (x.strip() for x in raw.split(",")) if f]
            if not fixes:
                continue
            start, end = p.span(m.start(), m.end())
            shown = " or ".join(f"'{f}'" for f in fixes)
            edits = _edit(doc, start, end, w, fixes[0]) if len(fixes) == 1 else []
            yield ctx.report(start, end, f"'{w}' is misspelled: write {shown}", f"write {shown}", edits=edits)
