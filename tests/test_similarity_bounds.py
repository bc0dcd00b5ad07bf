"""DUP003's gate: trigram_jaccard_below is never True when trigram_jaccard reaches the threshold, so
skipping the pairs it proves dissimilar never hides a report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.similarity import (
    _distinct_characters,
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


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_count_bound_holds(s: str) -> None:
    assert _distinct_characters(s) - 2 <= len(_trigram_set(s)) <= _trigram_count_most(s)


def test_title_and_long_excerpt_are_told_apart_without_sets() -> None:
    title = "정부, 폐교 무상 양여 확대"
    excerpt = "정부가 인구감소지역의 폐교를 지방자치단체에 무상으로 양여하고 농촌 유학 프로그램을 확대하기로 했다고 밝혔다"
    assert trigram_jaccard_below(title, excerpt, 0.8)
    assert not trigram_jaccard_below(excerpt, excerpt, 0.8)
