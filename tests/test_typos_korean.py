"""Korean particle agreement and spacing (TYP020–TYP029): what must be caught, what must be left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import hangul, kiwi
from newslint.testing import codes, lint, lint_many

FIXTURES = Path(__file__).parent / "fixtures" / "typos_korean"
SEED = Path("/work/shared/examples/breaking-news-ko.md")
HAS_KIWI = kiwi.installed()
needs_kiwi = pytest.mark.skipif(not HAS_KIWI, reason="kiwipiepy (the korean extra) is not installed")


def md(body: str, title: str = "제목") -> str:
    return f"---\ntitle: {title}\n---\n\n{body}\n"


def flagged(text: str, code: str) -> list[str]:
    """The offending words reported by `code` (the report's snippet)."""
    return [d.message.split("'")[-4] if "should be" in d.message else d.message
            for d in lint(text, select=[code], dedent=False)]


# --------------------------------------------------------------------------- hangul helpers

def test_final_consonant_classes() -> None:
    assert hangul.sound_of("나") == hangul.VOWEL
    assert hangul.sound_of("책") == hangul.CONSONANT
    assert hangul.sound_of("울") == hangul.RIEUL
    assert hangul.sound_of("A") is None
    assert hangul.is_rieul_final("물") and not hangul.is_rieul_final("문")


def test_acronym_readings() -> None:
    table = {"NATO": "나토", "OPEC": "오펙"}
    assert hangul.acronym_sounds("KBS", table) == {hangul.VOWEL}  # 케이비에스, no vowel letter: spelled
    assert hangul.acronym_sounds("HTML", table) == {hangul.RIEUL}
    assert hangul.acronym_sounds("OPEC", table) == {hangul.CONSONANT}  # the table wins
    assert hangul.acronym_sounds("IBM", table) == {hangul.CONSONANT}  # 아이비엠 or a word in -m: same
    assert hangul.acronym_sounds("LINE", table) is None  # 라인 or 엘아이엔이: unknown


def test_particle_table() -> None:
    assert hangul.agreement("를", frozenset({hangul.CONSONANT})) == ("를", "을")
    assert hangul.agreement("으로", frozenset({hangul.RIEUL})) == ("으로", "로")
    assert hangul.agreement("로", frozenset({hangul.RIEUL})) is None
    assert hangul.agreement("와의", frozenset({hangul.CONSONANT})) == ("와", "과")
    assert hangul.agreement("이라고", frozenset({hangul.VOWEL})) is None  # the copula may stay
    assert hangul.agreement("라고", frozenset({hangul.CONSONANT})) == ("라고", "이라고")
    assert hangul.agreement("을", frozenset({hangul.VOWEL, hangul.CONSONANT})) is None  # either reading


# --------------------------------------------------------------------------- TYP020, no Kiwi needed

MUST_FLAG_020 = [
    ("북대서양조약기구(NATO)을 비롯해", "북대서양조약기구(NATO)를"),
    ("물가가 10%을 넘었다", "10%를"),
    ("KBS은 보도했다", "KBS는"),
    ("IBM를 비롯한 기업", "IBM을"),
    ("금리가 3%으로 올랐다", "3%로"),
    ("그는 '역대 최고 수준'라고 했다", "'역대 최고 수준'이라고"),
    ("“한우세일”가 열린다", "“한우세일”이"),
    ("SQL와 함께", "SQL과"),
    ("HTML으로 쓴다", "HTML로"),
    ("무게는 5mg를 넘지 않는다", "5mg을"),
    ("정책 포털 (정책브리핑)를 보라", "(정책브리핑)을"),
]


@pytest.mark.parametrize(("body", "fixed"), MUST_FLAG_020)
def test_particle_after_symbol_flags(body: str, fixed: str) -> None:
    d = lint(md(body), select=["TYP020"], dedent=False)
    assert codes(d) == ["TYP020"], body
    assert d[0].suggestion == f"write '{fixed}'"


MUST_PASS_020 = [
    "상하이협력기구(SCO)를 비롯해",  # either the word before the bracket or the content
    "미국(USA)과 중국",  # 국 takes 과
    "그는 '역대 최고 수준'이라고 평가했다",
    "NATO는 동맹이다",  # 나토
    "OPEC은 감산했다",  # 오펙
    "JSON을 쓴다. NAVER로 검색했다",
    "iOS를 쓴다",  # mixed case: skipped
    "3을 더한다",  # bare digits: skipped
    "G20은 열렸다",  # digits in the acronym
    "kg을 쓴다. 5kg를 뺐다",  # kg is 킬로그램 or 킬로: either particle
    "LINE을 쓴다",  # 라인 or 엘아이엔이
    "CEO이다. CEO이라는 직함",  # the copula after a vowel is not an error
    "KBS가요대축제",  # not a particle: the word goes on
    "계획(React 19에서 제거됨)을 보라",  # a remark in brackets is not the host
    "“감사합니다.”라고 말했다",  # a sentence in quotes: 라고
    "정책 브리핑 웹사이트 (정책브리핑)를 보라",  # a gloss: 웹사이트를
    "estimator (모델)를 정의한다",  # the word before the gloss is unknown
    "CPU를 999m으로 설정한다",  # m: metres, or millicores read as the letter
    "이를 위한 `union`(공용체)이 있다",  # the host is code, masked out
]


@pytest.mark.parametrize("body", MUST_PASS_020)
def test_particle_after_symbol_leaves_alone(body: str) -> None:
    assert lint(md(body), select=["TYP020"], dedent=False) == []


def test_particle_after_symbol_in_html_and_front_matter_points_at_the_word() -> None:
    text = "---\ntitle: KBS은 보도했다\n---\n\n<p data-x=\"KBS은\">본문 <b>MBN</b>와 SBS</p>\n"
    d = lint(text, select=["TYP020"], dedent=False)
    assert [(x.line, x.column) for x in d] == [(2, 8), (5, 24)]
    assert all("KBS은" not in x.message or x.line == 2 for x in d)  # never inside attributes


def test_particle_after_symbol_skips_code_and_urls() -> None:
    body = "`KBS`은 코드다. 링크는 [KBS](https://kbs.co.kr/KBS은)에서.\n\n```\nKBS은\n```"
    assert lint(md(body), select=["TYP020"], dedent=False) == []


def test_seed_article_has_no_false_particle_flags() -> None:
    if not SEED.exists():
        pytest.skip("shared example not available")
    assert lint(SEED.read_text(encoding="utf-8"), select=["TYP020"], dedent=False) == []


# --------------------------------------------------------------------------- Kiwi rules

@needs_kiwi
@pytest.mark.parametrize(("code", "body", "fixed"), [
    ("TYP021", "결국 먹을수밖에 없었다.", "먹을 수밖에"),
    ("TYP021", "그런것 같다고 말했다.", "그런 것"),
    ("TYP021", "문제를 해결하는데에 도움이 된다.", "해결하는 데에"),
    ("TYP022", "그는 하지않았다고 말했다.", "하지 않았다고"),
    ("TYP022", "끝내 가지못했다.", "가지 못했다"),
    ("TYP023", "접수는 25일 부터 시작한다.", "25일부터"),
    ("TYP023", "서울 에서 열린 회의", "서울에서"),
    ("TYP024", "정부는 새 정책를 발표했다.", "정책을"),
    ("TYP024", "우리는 서울으로 갔다.", "서울로"),
    ("TYP024", "주식는 오르고 채권은 내렸다.", "주식은"),
    ("TYP024", "역할를 다했다.", "역할을"),
])
def test_kiwi_rules_flag(code: str, body: str, fixed: str) -> None:
    d = lint(md(body), select=[code], dedent=False)
    assert codes(d) == [code], body
    assert d[0].suggestion == f"write '{fixed}'"


@needs_kiwi
@pytest.mark.parametrize("body", [
    "열심히 할수록 좋아진다.",  # -ㄹ수록 is an ending
    "비가 오는데 우산이 없다.",  # -는데 is an ending
    "그럴듯한 이야기였다.",  # one word
    "그만큼 중요하다.",  # one word
    "그는 선수가 되었다.",
    "감사해 마지않는다.",
    "평가가 좋았다. 국가가 나섰다. 효과가 컸다.",
    "기획재정부 산업경제과 관계자는 말했다.",  # 과 is a division here
    "서울 광평로 123에 있다.",  # a road name
    "김해을 지역구에 출마했다.",  # an electoral district
    "10번가에 있는 가게",
    "원내대표와 만났다. 서울로 갔다. 정책을 발표했다.",
    "먹을 수밖에 없다. 25일부터 시작한다.",
    "제가, 쪙, 께요, 본데, 여, 쪄, 질거야, 졌다, 해여, 줘요",  # a word list, not prose
])
def test_kiwi_rules_leave_alone(body: str) -> None:
    assert lint(md(body), select=["TYP021", "TYP022", "TYP023", "TYP024"], dedent=False) == []


@needs_kiwi
def test_kiwi_rules_in_html_point_at_the_word_and_fix() -> None:
    text = "---\ntitle: 제목\n---\n\n<p class=\"a\">결국 먹을수밖에 없었다.</p>\n"
    d = lint(text, select=["TYP021"], dedent=False)
    assert [(x.line, x.column) for x in d] == [(5, 17)]
    (edit,) = d[0].edits
    assert text[:edit.start] + " " + text[edit.end:] == text.replace("먹을수", "먹을 수")


@needs_kiwi
def test_possible_typo_is_off_by_default_and_skips_particles() -> None:
    body = "몇일 전에 설겆이를 했다. 우리는 학교을 갔다. 몇일 뒤에 다시 갔다."
    assert "TYP025" not in codes(lint(md(body), select=["typos"], dedent=False))
    d = lint(md(body), select=["TYP025"], dedent=False)
    assert codes(d) == ["TYP025"]
    assert "며칠" in d[0].message and d[0].severity.label == "info"  # 학교을→학교를 is left to TYP024
    # the same misspelling twice in one article is noted once


@needs_kiwi
def test_kiwi_loads_once_and_is_pos_answers() -> None:
    first = kiwi.get()
    assert first is not None and kiwi.get() is first
    assert kiwi.is_pos("정부는 정책을 발표했다.", 4, 6, {"NN"}) is True
    assert kiwi.is_pos("정부는 정책을 발표했다.", 4, 6, {"V"}) is False


# --------------------------------------------------------------------------- without Kiwi

@pytest.fixture
def no_kiwi():  # type: ignore[no-untyped-def]
    saved = (kiwi._kiwi, kiwi._tried)
    kiwi._reset_for_tests(None, tried=True)
    yield
    kiwi._reset_for_tests(*saved)


def test_without_kiwi_rules_skip_with_one_notice(no_kiwi: None) -> None:
    articles = {f"_posts/a{i}.md": md("새 정책를 발표했다. 먹을수밖에 없다.") for i in range(3)}
    articles["_posts/en.md"] = "---\ntitle: English\n---\n\nNo Korean here.\n"
    d = lint_many(articles, select=["typos"])
    assert codes(d) == ["TYP029"]
    assert d[0].path == "_posts/a0.md" and "3 article(s)" in d[0].message
    assert d[0].severity.label == "info"
    # TYP020 needs no analysis and still works
    assert codes(lint(md("KBS은 새 정책를 발표했다."), select=["TYP020", "TYP024"], dedent=False)) == ["TYP020"]


def test_no_notice_without_korean_text(no_kiwi: None) -> None:
    assert lint_many({"a.md": "---\ntitle: English\n---\n\nText.\n"}, select=["typos"]) == []
