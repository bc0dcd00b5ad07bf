"""Typos family, Korean grammar (TYP020–TYP029): particle agreement and spacing.

TYP020 works from the surface alone, where the word before a particle is certain without
analysis: a closing bracket or quote, an all-caps acronym, a unit after a number.
TYP021–TYP025 need Kiwi (the `korean` extra, see newslint/kiwi.py) and analyse only the
sentences a cheap pattern marks as suspect, so a clean article costs almost nothing;
TYP029 says once per run when Kiwi is missing. The misspelling list, rule packs, English
and repeated words live in typos.py (TYP001–TYP019).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, NamedTuple

from newslint import kiwi
from newslint.diagnostics import Diagnostic, Edit
from newslint.document import Document
from newslint.hangul import (
    CONSONANT,
    PARTICLES,
    RIEUL,
    VOWEL,
    acronym_sounds,
    agreement,
    final_index,
    is_syllable,
    letter_sound,
    sound_of,
    split_particle,
)
from newslint.joined import joined_prose
from newslint.lazyre import lazy
from newslint.prose import Segment, prose_segments
from newslint.registry import Context, JoinContext, corpus_rule, rule, warm_up
from newslint.resources import rules_data

_HANGUL = lazy(r"[가-힣]")
_SOUND_WORDS = {VOWEL: "ends in a vowel", RIEUL: "ends in ㄹ", CONSONANT: "ends in a final consonant (받침)"}


def _korean_segments(doc: Document) -> list[Segment]:
    key = "typos_korean:segments"
    segs = doc.memo.get(key)
    if segs is None:
        segs = [s for s in prose_segments(doc) if _HANGUL.search(s.text)]
        doc.memo[key] = segs
    return segs


def _word_start(text: str, i: int) -> int:
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


# --------------------------------------------------------------------------- data (rules/)

@cache
def _acronyms() -> dict[str, str]:
    raw = rules_data("acronyms-ko.yaml")
    return {str(k): str(v) for k, v in (raw.get("acronyms") or {}).items()}


@cache
def _units() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """A pattern for number + unit at the end of a text, and each unit's possible end sounds."""
    sounds: dict[str, frozenset[str]] = {}
    for unit, readings in (rules_data("units-ko.yaml").get("units") or {}).items():
        found = {sound_of(str(r)[-1]) for r in readings}
        sounds[str(unit)] = frozenset(s for s in found if s)
    alt = "|".join(re.escape(u) for u in sorted(sounds, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])\d[\d,]*(?:\.\d+)? ?(?:{alt})$"), sounds


# --------------------------------------------------------------------------- TYP020: surface hosts

_CLOSERS = {")": "(", "]": "[", "}": "{", "’": "‘", "”": "“", "」": "「", "』": "『", "》": "《", "〉": "〈",
            "'": "'", '"': '"'}
_BRACKETS = ")]}"
_MAX_NAME = 20
_ACRONYM_BEFORE_OK = " \t\n([{'\"‘“「『《〈·,/"
# Where a word TYP020 reads a particle in may start: a letter that can start a particle (split_particle needs
# one) after a letter that is neither a space nor a syllable (`(SCO)를`, `KBS는`). A short class the regex
# engine skips to; the word itself is measured by _tails.
_PARTICLE_FIRSTS = "".join(sorted({p.after_consonant[0] for p in PARTICLES} | {p.after_vowel[0] for p in PARTICLES}))
_TAIL_START = lazy(rf"[{_PARTICLE_FIRSTS}](?<=[^\s가-힣][{_PARTICLE_FIRSTS}])")
_TAIL_MAX = 5  # syllables


def _tails(text: str) -> Iterator[tuple[int, int]]:
    r"""Spans of (?<=[^\s가-힣])[가-힣]{1,5}(?![가-힣]) in `text` whose first letter can start a particle.

    The syllables after the first letter are counted here rather than matched by a second class of
    11,172 syllables, a millisecond to compile for a pre-commit check. No span starts inside another:
    the letter before a start is no syllable.
    """
    if text.isascii() or not any(c in text for c in _PARTICLE_FIRSTS):
        return  # no letter a particle starts with (an English article): nothing to compile or scan
    n = len(text)
    for m in _TAIL_START.finditer(text):
        start = end = m.start()
        while end < n and is_syllable(text[end]) and end - start <= _TAIL_MAX:
            end += 1
        if end - start <= _TAIL_MAX:
            yield start, end


_MAX_BRACKET = 300


def _opener(text: str, close: int) -> int | None:
    """Index of the bracket or quote that `text[close]` closes, or None."""
    c = text[close]
    o = _CLOSERS[c]
    lo = max(0, close - _MAX_BRACKET)
    if o == c:  # straight quotes: the previous one on the same line
        j = text.rfind(c, lo, close)
        return j if j >= 0 and "\n" not in text[j:close] else None
    depth = 0
    for j in range(close - 1, lo - 1, -1):
        ch = text[j]
        if ch == c:
            depth += 1
        elif ch == o:
            if depth == 0:
                return j
            depth -= 1
    return None


def host_sounds(text: str, end: int, depth: int = 0) -> frozenset[str] | None:
    """How the text just before `end` ends when read aloud, when that is certain; else None.

    A closing bracket or quote accepts both its content and the word attached before it
    (상하이협력기구(SCO)를: 구 and SCO both end in a vowel); any unknown candidate gives None.
    """
    if end <= 0 or depth > 2:
        return None
    ch = text[end - 1]
    if is_syllable(ch):
        s = sound_of(ch)
        return frozenset({s}) if s else None
    if ch in _CLOSERS:
        j = _opener(text, end - 1)
        if j is None or j + 1 >= end - 1 or text[end - 2].isspace():
            return None
        content = text[j + 1:end - 1]
        if text[end - 1] in _BRACKETS and (len(content) > _MAX_NAME or any(c.isspace() for c in content)):
            return None  # a remark in brackets (React 19에서 제거됨), not a name the particle could attach to
        inner = host_sounds(text[: end - 1], end - 1, depth + 1) if content.strip() else None
        if inner is None:
            return None
        if j > 1 and text[j - 1].isspace() and text[j - 2].isspace():
            return None  # after masked code (`union`(공용체)이): the host is unknown
        k = j - 1 if j > 1 and text[j - 1] == " " and text[end - 1] in _BRACKETS else j
        if k > 0 and not text[k - 1].isspace():  # 웹사이트 (정책브리핑)를: a gloss of the word before
            before = host_sounds(text, k, depth + 1)
            if before is None:
                return None
            return inner | before
        return inner
    unit_re, unit_sounds = _units()
    m = unit_re.search(text, max(0, end - 24), end)
    if m is not None:
        unit = m.group(0).lstrip("0123456789,. ")
        return unit_sounds.get(unit) or None
    if "A" <= ch <= "Z":
        i = end - 1
        while i > 0 and "A" <= text[i - 1] <= "Z":
            i -= 1
        if i > 0 and text[i - 1] not in _ACRONYM_BEFORE_OK:
            return None  # mixed case (iOS), digits (G20), hyphens (K-POP), dots (U.S.)
        word = text[i:end]
        if len(word) == 1:
            return frozenset({letter_sound(word)}) if depth else None  # a lone letter only in brackets
        return acronym_sounds(word, _acronyms())
    return None


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else "…" + s[-n:]


def _sound_phrase(sounds: frozenset[str]) -> str:
    return " or ".join(_SOUND_WORDS[s] for s in sorted(sounds))


@rule("TYP020", "korean-particle-after-symbol", "typos", "warning",
      "A particle after a bracket, a quote, an acronym or a unit does not fit how that word is read.",
      bad="북대서양조약기구(NATO)을 비롯해 10%을 넘는 KBS은", good="북대서양조약기구(NATO)를 비롯해 10%를 넘는 KBS는",
      docs="Korean particles change with the sound before them: 을/를, 은/는, 이/가, 과/와, 으로/로 "
           "(a ㄹ-final word takes 로), 이나/나, 이라고/라고, 이며/며. After a closing bracket or quote "
           "either the word inside or the word before the bracket may be the host (상하이협력기구(SCO)를 "
           "is fine); an acronym is spelled out (KBS 케이비에스) unless rules/acronyms-ko.yaml reads it as "
           "a word (NATO 나토); units come from rules/units-ko.yaml (% 퍼센트). Bare digits and "
           "mixed-case words are skipped, and so is anything whose reading is uncertain.")
def particle_after_symbol(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    joined = joined_prose(doc)  # a tail never crosses a line break: safe to join
    for jstart, jend in _tails(joined.text):
        k = joined.locate(jstart)
        seg = joined.segs[k]
        text = seg.text
        at = jstart - joined.starts[k]
        tail = joined.text[jstart:jend]
        if split_particle(tail) is None:
            continue  # no particle starts the word: agreement() would say None whatever the host's sound
        sounds = host_sounds(text, at)
        if sounds is None:
            continue
        found = agreement(tail, sounds)
        if found is None:
            continue
        written, right = found
        w0 = _word_start(text, at)
        if text[at - 1] in _CLOSERS:  # the whole bracket or quote is the host
            j = _opener(text, at - 1)
            w0 = _word_start(text, j) if j is not None and j < w0 else w0
        word = text[w0:at + len(written)]
        host = text[w0:at]
        fixed = _clip(host + right)
        word, host = _clip(word), _clip(host)
        start, end = seg.offset(w0), seg.offset(at + len(written))
        yield ctx.report(start, end,
                         f"particle '{written}' does not fit '{host}', which {_sound_phrase(sounds)} "
                         f"when read aloud: '{word}' should be '{fixed}'",
                         f"write '{fixed}'")


# --------------------------------------------------------------------------- Kiwi: sentences to analyse

_SENT_BREAK = lazy(r"(?<=[.!?。])\s+|\n+")
_MAX_SENT = 400


def _sentence_around(text: str, i: int, starts: list[int]) -> tuple[int, int]:
    k = bisect_right(starts, i) - 1
    s = starts[k]
    e = starts[k + 1] if k + 1 < len(starts) else len(text)
    if e - s > _MAX_SENT:  # a run-on line: a window on word boundaries is context enough
        lo, hi = max(s, i - _MAX_SENT // 2), min(e, i + _MAX_SENT // 2)
        lo = text.find(" ", lo, i) + 1 if text.find(" ", lo, i) >= 0 else lo
        j = text.rfind(" ", i, hi)
        s, e = lo, j if j > i else hi
    return s, e


def _list_like(sent: str) -> bool:
    """A comma-separated run of short fragments (word lists, model output), not a sentence."""
    n = sent.count(",")
    return n >= 5 and len(sent) / (n + 1) < 10


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENT_BREAK.finditer(text)]


Analysed = tuple[Segment, int, str, list[Any]]  # segment, sentence start in it, sentence, tokens


class Finder(NamedTuple):  # a NamedTuple: made at import in a tenth of a frozen dataclass's time
    # (equal finders are still told apart where it matters: the shared scan keys its spans by id(finder))
    """The matches of a pattern that starts with one letter class (`[받침 ㄹ](?:수|거…)`), found fast.

    A pattern that starts with a class of hundreds of syllables makes the regex engine try almost
    every position of a Korean text. `pattern` is the same pattern written from the literal part
    that follows (a few syllables the engine skips to), checking the `lead` letters before it with
    a look-behind; `spans` turns its matches back into the original pattern's (start, end), in the
    order and without the overlaps finditer would give.
    """

    pattern: re.Pattern[str]
    lead: int
    # A last test of a match of `pattern` that the original pattern would not have made (a class left
    # out of `pattern`, where spelling it would cost more to compile than testing the few matches).
    keep: Callable[[str, re.Match[str]], bool] | None = None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        search, lead, keep = self.pattern.search, self.lead, self.keep
        m = search(text)
        while m is not None:
            if keep is not None and not keep(text, m):
                m = search(text, m.start() + 1)  # no original match starts here: look on
                continue
            end = m.end()
            yield m.start() - lead, end
            m = search(text, end + lead)  # the next original match starts at `end` or later


def _analyse(doc: Document, finder: Finder,
             skip: frozenset[str] = frozenset()) -> Iterator[Analysed]:
    """Kiwi tokens of every sentence where `finder` matches; nothing without Kiwi."""
    jobs: list[tuple[Segment, int, str]] = []
    joined = joined_prose(doc)  # the finders never cross a line break: safe to join
    k = -1
    seg: Segment | None = None
    base = 0
    starts: list[int] | None = None
    last = -1
    for start, _end in joined_spans(doc, finder):
        if seg is None or start >= base + len(seg.text):
            k = joined.locate(start)
            seg, base, starts, last = joined.segs[k], joined.starts[k], None, -1
        text = seg.text
        i = start - base
        if i < last or text[i:i + 2] in skip:
            continue
        starts = starts or _sentence_starts(text)
        s, e = _sentence_around(text, i, starts)
        jobs.append((seg, s, text[s:e]))
        last = e
    jobs = [j for j in jobs if not _list_like(j[2])]
    if not jobs or kiwi.get() is None:
        return
    tokens = kiwi.tokenize([j[2] for j in jobs]) or []
    for (seg, s, sent), toks in zip(jobs, tokens, strict=True):
        yield seg, s, sent, toks


@cache
def _with_final(finals: frozenset[int]) -> str:
    """Every syllable whose final consonant (0: none, 4: ㄴ, 8: ㄹ…) is in `finals`, in code order."""
    return "".join(map(chr, sorted(c for f in finals for c in range(0xAC00 + f, 0xD7A4, 28))))


def _report_space(ctx: Context, seg: Segment, at: int, w0: int, w1: int, what: str) -> Diagnostic:
    """A missing space at seg index `at`, inside the word seg.text[w0:w1]."""
    text = seg.text
    word = text[w0:w1]
    fixed = text[w0:at] + " " + text[at:w1]
    o = seg.offset(at)
    return ctx.report(seg.offset(w0), seg.offset(w1), f"{what}: '{word}' should be '{fixed}'",
                      f"write '{fixed}'", edits=[Edit(o, o, " ")])


def _word_end(text: str, i: int) -> int:
    """End of the word at `i`, before trailing punctuation."""
    while i < len(text) and (text[i].isalnum()):
        i += 1
    return i


# --------------------------------------------------------------------------- TYP021: bound nouns

_BOUND_NOUNS = frozenset({"수", "것", "거", "데", "줄", "만큼", "뿐", "듯", "바", "터", "리", "뻔", "척"})


@cache
def _bound_finder() -> Finder:
    """[받침 ㄹ](?:수|거…|리…)|[받침 ㄴ·ㄹ](?:것|줄|만큼…), found from the bound noun (see Finder)."""
    rieul, n_or_l = _with_final(frozenset({8})), _with_final(frozenset({4, 8}))  # modifier endings end in ㄴ, ㄹ
    after_l = "(?<=수)|(?<=거)(?:야|다|예|라|니|지|고|면|든|나|요|에요|예요|란|래)|(?<=리)(?:가|도|는)? ?(?:없|만무)"
    after_nl = ("(?<=것)|(?<=줄)|(?<=만)큼|(?<=뿐)|(?<=듯)|(?<=뻔)|(?<=척)|(?<=데)(?:에|가|를)"
                "|(?<=바)(?:가|를|와|에|는|도|대로)")
    # Each branch first checks the bound noun's letter (a few letters, a cheap test) before the class of
    # hosts (hundreds of syllables): a branch whose letters differ could not match anyway.
    # Compiled only if used on its own (Kiwi's TYP021): the shared scan (_scanner) reads its source.
    return Finder(lazy(rf"[수거리것줄만뿐듯뻔척데바](?:(?<=[수거리])(?<=[{rieul}].)(?:{after_l})"
                       rf"|(?<=[것줄만뿐듯뻔척데바])(?<=[{n_or_l}].)(?:{after_nl}))"), 1)

_BOUND_STOP = frozenset("필수 실수 철수 일수 술수 별수 말수 물수 결수 월수 출수 열수 칠수 팔수 할리 갈리".split())  # noqa: SIM905 - a word list reads best as text
_MODIFIERS = ("ETM", "MM")
# Single words in the dictionary that Kiwi still splits into modifier + bound noun.
_LEXICALIZED = ("그럴듯", "그럴싸", "별것", "날것", "들것", "탈것", "어린것", "암것", "아무것")


@rule("TYP021", "korean-bound-noun-spacing", "typos", "warning",
      "A bound noun (수, 것, 데, 줄, 만큼, 뿐, 듯…) is written together with the word that modifies it.",
      bad="그럴수밖에 없다. 그런것 같다.", good="그럴 수밖에 없다. 그런 것 같다.",
      docs="Bound nouns are words of their own and take a space after the modifier before them "
           "(한글 맞춤법 제42항): 먹을 수, 그런 것, 할 줄, 아는 만큼, 할 뿐. The same syllables are "
           "endings in 할수록, 하는데, 할지 and stay attached; Kiwi tells them apart, so this rule "
           "runs only with the `korean` extra.")
def bound_noun_spacing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for seg, s, sent, toks in _analyse(doc, _bound_finder(), _BOUND_STOP):
        for prev, t in zip(toks, toks[1:], strict=False):
            if t.tag != "NNB" or t.form not in _BOUND_NOUNS or prev.tag not in _MODIFIERS:
                continue
            if prev.tag == "MM" and (len(prev.form) < 2 or prev.form == "아무"):
                continue  # 그만큼, 이만큼, 아무것 are single words
            at = t.start
            if at <= 0 or not is_syllable(sent[at - 1]) or not sent.startswith(t.form[0], at):
                continue  # already spaced, or Kiwi's span does not match the text
            head = sent[_word_start(sent, at):at + len(t.form)]
            if head.endswith(_LEXICALIZED) or sent.startswith("뿐더러", at):
                continue
            i = s + at
            yield _report_space(ctx, seg, i, _word_start(seg.text, i), _word_end(seg.text, i),
                                f"the bound noun '{t.form}' is written together with the word before it")


# --------------------------------------------------------------------------- TYP022: -지 않다

_JI_FINDER = Finder(lazy(r"지(?<=[가-힣]지)(?:않|못)"), 1)  # [가-힣]지(?:않|못)


@rule("TYP022", "korean-ji-anhda-spacing", "typos", "warning",
      "-지 and the auxiliary 않다 / 못하다 after it are written together.",
      bad="쉽지않다. 가지못했다.", good="쉽지 않다. 가지 못했다.",
      docs="않다 and 못하다 after -지 are auxiliary verbs, written apart: 하지 않았다, 가지 못했다. "
           "(바라마지않다 is one word and is left alone.) Needs the `korean` extra.")
def ji_anhda_spacing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for seg, s, sent, toks in _analyse(doc, _JI_FINDER):
        for prev, t, nxt in zip(toks, toks[1:], toks[2:], strict=False):
            if t.form != "지" or t.tag != "EC" or prev.form == "마":
                continue
            aux = nxt.tag in ("VX", "VV") and nxt.form in ("않", "못하")
            aux = aux or (nxt.tag == "MAG" and nxt.form == "못")
            at = nxt.start
            if not aux or at != t.start + t.len or not is_syllable(sent[at - 1]):
                continue
            i = s + at
            yield _report_space(ctx, seg, i, _word_start(seg.text, i), _word_end(seg.text, i),
                                f"'{nxt.form}' after -지 is a separate word")


# --------------------------------------------------------------------------- TYP023: detached particle

_DETACHABLE = ("부터", "까지", "에서", "에게", "에게서", "한테", "처럼", "께서", "조차", "마저",
               "으로부터", "로부터", "에서부터")
# [가-힣0-9] (?:부터|까지|…), longest particle first, found from the particle (see Finder). The class
# is spelt once: compiling [가-힣] costs about a millisecond each time.
_DETACHED_FINDER = Finder(lazy(
    f"[{''.join(sorted({p[0] for p in _DETACHABLE}))}](?<=[가-힣0-9] .)(?:"
    + "|".join(f"(?<={p[0]}){p[1:]}" for p in sorted(_DETACHABLE, key=len, reverse=True)) + ")"), 2)
_NOUNISH = ("NNG", "NNP", "NNB", "NR", "NP", "SN", "XSN")


@rule("TYP023", "korean-detached-particle", "typos", "warning",
      "A particle is cut off from its noun by a space.",
      bad="25일 부터 접수한다.", good="25일부터 접수한다.",
      docs="Particles attach to the word before them (한글 맞춤법 제41항): 25일부터, 서울에서, "
           "정부처럼. Only particles that can never stand alone are checked (부터, 까지, 에서, "
           "에게, 처럼…), and only when Kiwi reads them as particles after a noun. Needs the "
           "`korean` extra.")
def detached_particle(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for seg, s, sent, toks in _analyse(doc, _DETACHED_FINDER):
        for prev, t in zip(toks, toks[1:], strict=False):
            if not t.tag.startswith("J") or prev.tag not in _NOUNISH:
                continue
            at = t.start
            gap = sent[prev.start + prev.len:at]
            if gap != " " or not any(sent.startswith(p, at) for p in _DETACHABLE):
                continue
            w0 = _word_start(sent, at - 1)
            w1 = _word_end(sent, at)
            if w0 < at - 1 and not (is_syllable(sent[at - 2]) or sent[at - 2].isdigit()):
                continue
            word, fixed = sent[w0:w1], sent[w0:at - 1] + sent[at:w1]
            o = seg.offset(s + at - 1)
            yield ctx.report(seg.offset(s + w0), seg.offset(s + w1),
                             f"the particle '{t.form}' is cut off from its noun: '{word}' should be '{fixed}'",
                             f"write '{fixed}'", edits=[Edit(o, o + 1, "")])


# --------------------------------------------------------------------------- TYP024: ordinary nouns

@cache
def _particle_finder() -> Finder:
    """Word ends where a particle's form does not fit the syllable before it.

    Left out because real nouns end that way far more often than particles are wrong:
    consonant + 로 (광평로, 항로), vowel + 이 (차이, 아이), consonant + 나 (혼나다). Hosts whose
    final only verbs have (있, 않, 없…) are left out too.

    The pattern is (?:[받침](?:라고|는|가…)|[모음](?:으로|은…)|[ㄹ]으로…)(?![가-힣]), written from the
    particle's first letter (see Finder); "받침" is a syllable that is neither vowel-final nor verbish.
    The 받침 branch is tried last on any syllable but a vowel-final one, and `_final_fits` drops what
    it matched after a verbish final (있는, 없는: a few a paragraph): the same matches as spelling the
    class (thousands of syllables, tens of milliseconds to compile).
    """
    vow = _with_final(frozenset({0}))
    rieul = _with_final(frozenset({8}))

    def alt(forms: Iterable[str]) -> str:
        out = []
        for form in forms:
            p = next(p for p in PARTICLES if form in (p.after_consonant, p.after_vowel))
            conts = [re.escape(c) for c in sorted(p.continuations, key=len, reverse=True) if c]
            out.append(f"(?<={form[0]}){form[1:]}" + (f"(?:{'|'.join(conts)})?" if conts else ""))
        return "|".join(out)

    after_fin = ("라고", "라는", "라도", "는", "가", "를", "와", "며", "랑")
    after_vow = ("으로", "은", "을", "과")
    firsts = "".join(sorted({f[0] for f in (*after_fin, *after_vow)}))
    # As in _bound_finder, the particle's first letter picks the branches before any class of hosts is
    # tested: the vowel and ㄹ branches start with 으, 은, 을 or 과, the 받침 branch with none of those.
    v_firsts = "".join(sorted({f[0] for f in after_vow}))
    fin_firsts = "".join(sorted({f[0] for f in after_fin}))
    return Finder(lazy(rf"[{firsts}](?:(?<=[{v_firsts}])(?:(?<=[{vow}].)(?P<v>)(?:{alt(after_vow)})"
                       rf"|(?<=[{rieul}].)(?P<r>)(?:{alt(('으로',))}))"
                       rf"|(?<=[{fin_firsts}])(?<=[가-힣].)(?<![{vow}].)(?:{alt(after_fin)}))(?![가-힣])"),
                  1, _final_fits)


_VERBISH = frozenset({19, 20, 5, 6, 15, 18})  # ㅄ ㅆ ㄵ ㄶ ㄾ ㅀ: 없는, 있는, 앉는, 않는, 핥는, 잃는


def _final_fits(text: str, m: re.Match[str]) -> bool:
    """A match of the vowel or ㄹ branch, or of the 받침 branch after a final that is not verbish."""
    if m.group("v") is not None or m.group("r") is not None:
        return True
    fin = final_index(text[m.start() - 1])
    return fin != 0 and fin not in _VERBISH


# --------------------------------------------------------------------------- one scan for TYP020-TYP024

@cache
def _finders() -> tuple[Finder, ...]:
    return _bound_finder(), _JI_FINDER, _DETACHED_FINDER, _particle_finder()


def _split_first(source: str) -> tuple[str, str]:
    """A finder pattern's first letter (a class or one syllable) and the rest."""
    cut = source.index("]") + 1 if source.startswith("[") else 1
    return source[:cut], source[cut:]


@cache
def _scanner() -> re.Pattern[str]:
    """Every finder at once, from the union of their first letters: one scan of the article, not four.

    Each branch takes one letter and reads the rest of its finder's match in a look-ahead, so every
    position where a finder matches is seen (nothing is consumed past the first letter). At one
    position at most one finder can match: their first letters differ, or what stands before them
    does (a space for TYP023, a syllable for TYP024).
    """
    branches, firsts = [], []
    for i, f in enumerate(_finders()):
        first, rest = _split_first(f.pattern.pattern)
        firsts.append(first)
        branches.append(f"(?<={first})(?=(?P<f{i}>{rest}))")
    # Single letters and classes joined by | make one class: the engine still skips to its letters.
    return re.compile(f"(?:{'|'.join(firsts)})(?:{'|'.join(branches)})")


def joined_spans(doc: Document, finder: Finder) -> list[tuple[int, int]]:
    """finder.spans(joined prose text), from the one shared scan."""
    scans = doc.memo.get("typos_korean:scan")
    if scans is None:
        scans = _scan_spans(joined_prose(doc).text)
        doc.memo["typos_korean:scan"] = scans
    return scans[id(finder)]  # type: ignore[no-any-return,unused-ignore]


def _scan_spans(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each finder (by id), what finder.spans(text) gives."""
    finders = _finders()
    if text.isascii():
        return {id(f): [] for f in finders}  # every finder starts on a syllable
    found: list[list[tuple[int, int]]] = [[] for _ in finders]
    for m in _scanner().finditer(text):
        name = m.lastgroup  # the branch's own f{i}: it closes after any group inside it (the particles' v, r)
        assert name is not None
        i = int(name[1:])
        f = finders[i]
        if f.keep is not None and not f.keep(text, m):
            continue
        found[i].append((m.start(), m.end(f"f{i}")))
    scans = {}
    for f, hits in zip(finders, found, strict=True):
        spans, allowed = [], 0
        for t, end in hits:  # as Finder.spans: no match starts inside the one before
            if t >= allowed:
                spans.append((t - f.lead, end))
                allowed = end + f.lead
        scans[id(f)] = spans
    return scans


# Common words and verb forms that end like a misfit particle; skipping them only saves analysis.
_PARTICLE_STOP = frozenset((  # noqa: SIM905 - a word list reads best as text
    "받는 찾는 묻는 맞는 넘는 겪는 갖는 돕는 짓는 얻는 읽는 먹는 넣는 잡는 듣는 잇는 남는 쌓는 "
    "놓는 막는 믿는 속는 웃는 입는 씻는 낳는 닫는 걷는 묶는 꺾는 섞는 닦는 쫓는 붙는 "
    "평가 국가 증가 물가 양가 인가 문가 는가 불가 참가 농가 석가 작가 상가 원가 업가 던가 뭔가 "
    "단가 대가 주가 시가 호가 정가 특가 명가 종가 "
    "초과 효과 사과 치과 부과 제과 외과 "
    "나은 지은 이은 부은 그은 저은 노을 마을 가을 고을").split())
_NOUNS = ("NNG", "NNP", "NNB", "NR", "NP")
_NEVER_WORDS = frozenset({"를", "는", "으로"})


def _agreement_in_word(sent: str, toks: list[Any], w0: int, w1: int) -> tuple[int, str, str] | None:
    """(host end, written, expected) when the particle ending sent[w0:w1] does not fit its noun.

    The noun boundary comes from Kiwi; the particle is read from the text, since Kiwi often
    re-reads a wrong particle as something else (원내대표과 → 과/NNG, 학생는 → 늘/VV).
    """
    inside = [t for t in toks if w0 <= t.start < w1]
    for k in range(len(inside) - 1, 0, -1):
        t = inside[k]
        noun = inside[k - 1]
        p = t.start
        if noun.tag not in _NOUNS or noun.start + noun.len != p or sent[noun.start:p] != noun.form:
            continue
        if t.tag.startswith("XS"):
            return None  # a suffix (전문가): not a particle
        tail = sent[p:w1]
        sound = sound_of(sent[p - 1])
        if sound is None:
            return None
        found = agreement(tail, frozenset({sound}))
        if found is None:
            return None
        # Kiwi may read the particle as a word (원내대표과 → 과/NNG). That reading is often right
        # (산업경제과 is a government division, 10번가 a street): trust the text over it only
        # for forms that are never a word after a noun (정책를, 학생는, 서울으로).
        particle = t.tag.startswith("J") or (t.tag == "VCP" and tail.startswith("이"))
        if not particle and (tail != found[0] or found[0] not in _NEVER_WORDS):
            return None
        if found[0] == "을" and noun.tag == "NNP":
            return None  # an electoral district: 김해을, 서구을
        return p, found[0], found[1]
    return None


@rule("TYP024", "korean-particle-agreement", "typos", "warning",
      "A particle does not fit the final sound of the noun before it.",
      bad="정책를 발표했다. 원내대표과 만났다. 서울으로 갔다.",
      good="정책을 발표했다. 원내대표와 만났다. 서울로 갔다.",
      docs="을/를, 은/는, 이/가, 과/와, 으로/로 and the copula-based 이나/나, 이라고/라고, 이며/며 "
           "follow the last sound of the noun: a final consonant takes the first form, a vowel "
           "the second, and ㄹ takes 로. Kiwi finds where the noun ends; the particle is checked "
           "on the text itself. Needs the `korean` extra.")
def particle_agreement(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    finder = _particle_finder()
    for seg, s, sent, toks in _analyse(doc, finder, _PARTICLE_STOP):
        for _start, w1 in finder.spans(sent):
            w0 = w1
            while w0 > 0 and is_syllable(sent[w0 - 1]):
                w0 -= 1
            found = _agreement_in_word(sent, toks, w0, w1)
            if found is None:
                continue
            p, written, right = found
            word = sent[w0:p + len(written)]
            fixed = sent[w0:p] + right
            ws = _word_start(sent, w0)
            yield ctx.report(seg.offset(s + ws), seg.offset(s + p + len(written)),
                             f"particle '{written}' does not fit '{sent[w0:p]}', which "
                             f"{_SOUND_WORDS[sound_of(sent[p - 1]) or VOWEL]}: '{word}' should be '{fixed}'",
                             f"write '{fixed}'")


# --------------------------------------------------------------------------- TYP025: Kiwi's typo model

_ANY_HANGUL_SENTENCE = lazy(r"[가-힣]{2,}")


_PARTICLE_FORMS = frozenset(f for p in PARTICLES for f in (p.after_consonant, p.after_vowel))


def _only_particle(written: str, t: Any) -> bool:
    """A correction to or from a particle (학교을 → 를; `A`를 → 룰): TYP020/TYP024 say it better."""
    return bool(t.tag.startswith("J")) or written in _PARTICLE_FORMS


@rule("TYP025", "korean-possible-typo", "typos", "info",
      "Kiwi's typo model reads a word as a likely misspelling of another.",
      bad="몇일 전에 발표했다.", good="며칠 전에 발표했다.",
      docs="Kiwi can analyse a sentence as if a few letters were mistyped, when that reading is much "
           "likelier; the corrected word is offered as a suggestion to check, not a certainty. "
           "Corrections that only change a particle are left to the particle rules. Off by default: "
           "it analyses every Korean sentence (several times slower than the other rules); turn it "
           "on with `extend-select: [TYP025]`. Needs the `korean` extra.",
      default_enabled=False)
def possible_typo(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    jobs: list[tuple[Segment, int, str]] = []
    for seg in _korean_segments(doc):
        starts = _sentence_starts(seg.text)
        for a, b in zip(starts, [*starts[1:], len(seg.text)], strict=True):
            sent = seg.text[a:b]
            if _ANY_HANGUL_SENTENCE.search(sent):
                jobs.append((seg, a, sent))
    if not jobs or kiwi.get() is None:
        return
    results = kiwi.tokenize([j[2] for j in jobs], typos=True) or []
    seen: set[tuple[str, str]] = set()  # one note per misspelling per article
    for (seg, a, sent), toks in zip(jobs, results, strict=True):
        for t in toks:
            if getattr(t, "typo_cost", 0.0) <= 0:
                continue
            i0, i1 = t.start, t.start + t.len
            w0, w1 = _word_start(sent, i0), _word_end(sent, max(i1, i0 + 1))
            written = sent[i0:i1]
            if not written or written == t.form or _only_particle(written, t) or (written, t.form) in seen:
                continue
            seen.add((written, t.form))
            yield ctx.report(seg.offset(a + w0), seg.offset(a + w1),
                             f"'{sent[w0:w1]}' may be a typo: Kiwi reads '{written}' as '{t.form}'",
                             f"check the spelling; perhaps '{sent[w0:i0]}{t.form}{sent[i1:w1]}'")


# --------------------------------------------------------------------------- TYP029: Kiwi missing

KIWI_RULES = ("TYP021", "TYP022", "TYP023", "TYP024", "TYP025")


def _kiwi_missing(doc: Document, ctx: Context) -> int | None:
    """1 when this article needed Kiwi (Korean text, a Kiwi rule on) and Kiwi is not there."""
    if kiwi.installed():
        return None
    enabled = ctx.config.rules_for(doc.fspath or doc.path)
    if not any(code in enabled for code in KIWI_RULES) or not _korean_segments(doc):
        return None
    return 1


def _kiwi_notice(prints: list[tuple[str, Any]], jctx: JoinContext) -> Iterator[Diagnostic]:
    if not prints:
        return
    first = min(p for p, _ in prints)
    why = kiwi.load_error() or "kiwipiepy is not installed"
    yield jctx.report(first, 1, 1,
                      f"{len(prints)} article(s) with Korean text were not checked by the Korean rules that "
                      f"need morphological analysis ({', '.join(KIWI_RULES)}): {why}",
                      "install the Korean extra: pip install 'newslint[korean]'")


corpus_rule("TYP029", "korean-analysis-unavailable", "typos", "info",
            "Korean rules that need Kiwi were skipped because kiwipiepy is not installed (said once per run).",
            bad="(a run over Korean articles without the korean extra)",
            good="pip install 'newslint[korean]'",
            fingerprint=_kiwi_missing, join=_kiwi_notice,
            docs="The spacing, particle and typo rules that need morphological analysis (TYP021–TYP025) "
                 "use kiwipiepy, installed with the `korean` extra. Without it they are skipped and this "
                 "notice appears once per run, on the first article that needed them, instead of an "
                 "error per file.")


@warm_up
def _load_kiwi_before_fork(enabled: set[str]) -> None:
    """Load Kiwi once in the main process when its rules will run, so parallel workers share it."""
    if enabled & {"TYP021", "TYP022", "TYP023", "TYP024", "TYP025"} and kiwi.installed():
        kiwi.get()
