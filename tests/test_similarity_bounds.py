"""DUP003's gate: trigram_jaccard_below is never True when trigram_jaccard reaches the threshold, so
skipping the pairs it proves dissimilar never hides a report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.similarity import (
    _characters,
    _trigram_count_most,
    _trigram_set,
    trigram_jaccard,
    trigram_jaccard_below,
)

_TEXT = st.text(alphabet=st.sampled_from("가나다라 abcab\t\n\u3000…."), max_size=40)


@settings(max_examples=800, deadline=None)
@given(_TEXT, _TEXT, st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0]))
def test_gate_never_hides_a_similar_pair(a: str, b: str, threshold: float) -> None:
    if trigram_jaccard_below(a, b, threshold):
        assert trigram_jaccard(a, b) < threshold


# Texts over a wider alphabet, so that they often lack each other's characters (the second bound).
_WIDE = st.text(alphabet=st.sampled_from("가나다라마바사아자차카타파하 abcdefgh\t…."), min_size=0, max_size=40)


@st.composite
def _edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy with a few characters replaced, inserted or dropped: pairs near the threshold."""
    a = draw(_WIDE)
    b = list(a)
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(b)))
        op = draw(st.sampled_from(["replace", "insert", "drop"]))
        c = draw(st.sampled_from("가나다라마바사아자차카타파하 abcdefgh"))
        if op == "insert" or not b:
            b.insert(i, c)
        elif op == "replace":
            b[min(i, len(b) - 1)] = c
        else:
            del b[min(i, len(b) - 1)]
    return a, "".join(b)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.tuples(_WIDE, _WIDE), _edited_pairs()), st.sampled_from([0.0, 0.3, 0.5, 0.8, 0.9, 1.0]))
def test_character_bound_never_hides_a_similar_pair(pair: tuple[str, str], threshold: float) -> None:
    a, b = pair
    if trigram_jaccard_below(a, b, threshold):
        assert trigram_jaccard(a, b) < threshold


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_count_bound_holds(s: str) -> None:
    assert len(_characters(s)) - 2 <= len(_trigram_set(s)) <= _trigram_count_most(s)


def test_title_and_long_excerpt_are_told_apart_without_sets() -> None:
    title = "정부, 폐교 무상 양여 확대"
    excerpt = "정부가 인구감소지역의 폐교를 지방자치단체에 무상으로 양여하고 농촌 유학 프로그램을 확대하기로 했다고 밝혔다"
    assert trigram_jaccard_below(title, excerpt, 0.8)
    assert not trigram_jaccard_below(excerpt, excerpt, 0.8)


def test_teasers_of_one_length_are_told_apart_by_their_characters() -> None:
    excerpt = "공정거래위원회는 단계적으로 속초 지역의 물가 안정 논의를 공개했습니다."
    feature = "관광공사는 지난달 김해 지역의 치안 강화 보고서를 내놓았습니다."
    assert trigram_jaccard_below(excerpt, feature, 0.8)
    assert trigram_jaccard_below(feature, excerpt, 0.8)
    # A near copy (one word changed in a longer teaser) is not ruled out by its characters.
    longer = excerpt + " 위원회는 다음 달 결과를 발표할 예정입니다."
    near = longer.replace("속초", "강릉")
    assert trigram_jaccard(longer, near) >= 0.8
    assert not trigram_jaccard_below(longer, near, 0.8)
    assert not trigram_jaccard_below(near, longer, 0.8)
