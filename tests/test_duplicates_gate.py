"""DUP005's quick pass (`_may_repeat`) must never hide a finding, and the facts it rests on must hold.

The rule skips its own loop when `_may_repeat` says nothing can repeat; these tests run the rule
with and without that pass over generated articles full of near-repeats (spacing, case, full-width
forms, ellipses, entities, tags, inline code) and check every code point for the Unicode facts
the pass relies on.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import similarity
from newslint.checks import duplicates
from newslint.testing import lint

_SENTENCES = [
    "정부는 오늘 폭염 특보를 발령하고 야외 활동을 자제해 달라고 당부했으며 지자체는 무더위 쉼터를 늘렸습니다",
    "정부는 오늘 폭염 특보를 발령하고 야외 활동을 자제해 달라고 당부했으며 지자체는 무더위 쉼터를 늘렸습니다",
    "The ministry said on Monday that the new subsidy would be paid from next month to every household",
    "THE MINISTRY said on Monday that the new subsidy would be paid from next month to every household",
    "ＡＢＣ 뉴스는 현장 반응이 엇갈렸다고 전하며 주민들의 의견을 모아 다음 주에 다시 보도하겠다고 밝혔습니다",
    "ABC 뉴스는 현장 반응이 엇갈렸다고 전하며 주민들의 의견을 모아 다음 주에 다시 보도하겠다고 밝혔습니다",
    "짧은 문장",
    "지원금은 다음 달부터",
]
_ENDS = [".", "…", "...", "!", "?", "。", "！", " ⋯", "", "·"]
_GAPS = [" ", "  ", "\n", " \n", "\u3000", "\xa0", "\t", "", " &nbsp;"]
_WRAPS = ["{}", "<b>{}</b>", "`{}`", "{} &amp; 더", "<code>{}</code>", "R&D {}", "{} <3", "a < b, {}", "{} &ampx"]


@st.composite
def _articles(draw: st.DrawFn) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(2, 5))):
        parts = []
        for _ in range(draw(st.integers(1, 3))):
            s = draw(st.sampled_from(_SENTENCES))
            parts.append(draw(st.sampled_from(_WRAPS)).format(s) + draw(st.sampled_from(_ENDS)))
            parts.append(draw(st.sampled_from(_GAPS)))
        para = "".join(parts)
        if draw(st.booleans()):
            para = "> " + para.replace("\n", " ")
        paragraphs.append(para)
    return "---\ntitle: 제목\n---\n\n" + "\n\n".join(paragraphs) + "\n"


@settings(max_examples=300, deadline=None)
@given(_articles(), st.sampled_from([(40, 60), (10, 20), (40, 0), (5, 5)]))
def test_quick_pass_never_hides_a_finding(text: str, lengths: tuple[int, int]) -> None:
    cfg = {"rules": {"DUP005": {"min_length": lengths[0], "min_sentence_length": lengths[1]}}}
    with_pass = lint(text, select=["DUP005"], config=cfg, dedent=False)
    original = duplicates._may_repeat
    try:
        duplicates._may_repeat = lambda *a: True  # type: ignore[assignment]
        without = lint(text, select=["DUP005"], config=cfg, dedent=False)
    finally:
        duplicates._may_repeat = original
    assert with_pass == without


def test_quick_pass_lets_repeats_through() -> None:
    text = ("---\ntitle: t\n---\n\n" + _SENTENCES[2] + ". 그리고 끝.\n\n" + _SENTENCES[3] + "…\n")
    assert [d.rule for d in lint(text, select=["DUP005"], dedent=False)] == ["DUP005"]
    assert duplicates._may_repeat  # the pass is in place (the test above swaps it out and back)


def test_unicode_facts_the_quick_pass_relies_on() -> None:
    dots = set(duplicates._DOTS)
    space = re.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        folded = c.casefold()
        # normalize() folds whitespace with str.split, the sentence cut finds it with \s.
        assert c.isspace() == bool(space.match(c)), hex(cp)
        if c.isspace() and c != " ":
            assert not c.isprintable(), hex(cp)  # similarity._fold_spaces: printable text has only " "
            # NFKC composes no space out of other characters…
            assert len(unicodedata.decomposition(c).split()) <= 1 or unicodedata.decomposition(c)[0] == "<"
        if c.isprintable():  # …nor decomposes a printable character into one but " " (_may_repeat's bare)
            assert not any(x.isspace() and x != " " for x in unicodedata.normalize("NFKC", c)), hex(cp)
        if c.isspace() or c in dots:
            assert folded == c, hex(cp)  # casefold leaves what normalize() drops alone…
        else:
            assert not any(x.isspace() or x in dots for x in folded), hex(cp)  # …and makes none of it
        if cp > 1:
            for sep in (duplicates._SENTENCE_CUT, duplicates._BLOCK_END):
                assert sep not in folded and sep not in unicodedata.normalize("NFKC", c), hex(cp)


def _trigrams(s: str) -> set[str]:
    """Character 3-grams of `s` with whitespace removed: the plain definition of DUP003's measure."""
    t = re.sub(r"\s+", "", s)
    if len(t) < 3:
        return {t} if t else set()
    return {t[i : i + 3] for i in range(len(t) - 2)}


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab 가나\n\t\u3000\xa0.·\u200b")), max_size=30),
       st.text(st.sampled_from(list("ab 가나\n\t\u3000")), max_size=12))
def test_space_folding_and_trigrams_match_their_plain_definitions(a: str, b: str) -> None:
    assert similarity._fold_spaces(a) == " ".join(a.split())
    ga, gb = _trigrams(a), _trigrams(b)
    plain = len(ga & gb) / len(ga | gb) if ga and gb else 0.0
    assert similarity.trigram_jaccard(a, b) == plain


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("a가.。！? \n\t\u3000\xa0\x01\u2028\u00ad\x1c")), max_size=20))
def test_plain_spaces_rule_out_odd_breaks(text: str) -> None:
    if duplicates._plain_spaces(text):
        assert duplicates._ODD_BREAK.search(text) is None
        assert all(c.isspace() == (c in " \n") for c in text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["&", "amp", "lt", "not", "in", "it", "#", "x", "1", "F", ";", "<", ">", "b", "/",
                                  " ", "\u3000", "\x01", "가", "!--", "-->", "."]), max_size=14).map("".join),
       st.data())
def test_no_markup_in_the_whole_means_none_in_its_parts(text: str, data: st.DataObject) -> None:
    """The quick pass assumes markup_free changes no block and no sentence when has_markup(joined) is False."""
    if similarity.has_markup(text):
        return
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    assert similarity.markup_free(text[i:j]) == text[i:j]
