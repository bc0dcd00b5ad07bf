"""DUP003's gate: trigram_jaccard_at_most never says less than trigram_jaccard, so skipping a pair whose
bound is below the threshold never hides a report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.similarity import _trigram_count_bounds, _trigram_set, trigram_jaccard, trigram_jaccard_at_most

_TEXT = st.text(alphabet=st.sampled_from("가나다라 abcab\t\n\u3000…."), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_TEXT, _TEXT)
def test_bound_is_never_below_the_index(a: str, b: str) -> None:
    assert trigram_jaccard(a, b) <= trigram_jaccard_at_most(a, b)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_count_bounds_hold(s: str) -> None:
    lo, hi = _trigram_count_bounds(s)
    assert lo <= len(_trigram_set(s)) <= hi


def test_title_and_long_excerpt_are_told_apart_without_sets() -> None:
    title = "정부, 폐교 무상 양여 확대"
    excerpt = "정부가 인구감소지역의 폐교를 지방자치단체에 무상으로 양여하고 농촌 유학 프로그램을 확대하기로 했다고 밝혔다"
    assert trigram_jaccard_at_most(title, excerpt) < 0.8
    assert trigram_jaccard_at_most(excerpt, excerpt) >= 1.0
