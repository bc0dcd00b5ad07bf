"""Duplicates family: repeated teasers and text inside an article and across articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newslint.registry import find_rule
from newslint.similarity import (
    lsh_pairs,
    minhash,
    normalize,
    signature_similarity,
    trigram_jaccard,
    word_shingle_hashes,
)
from newslint.testing import codes, lint, lint_many

FIXTURES = Path(__file__).parent / "fixtures" / "duplicates"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


# --------------------------------------------------------------------------- normalization


@pytest.mark.parametrize("a, b", [
    ("폭염 특보를 발령했습니다", "폭염&nbsp;특보를\n  발령했습니다…"),
    ("<b>Ruby</b> 2.0 released", "ruby 2.0 released..."),
    ("ＡＢＣ，　뉴스", "ABC, 뉴스"),  # full-width letters, comma and space
    ("속보 ⋯", "속보"),
])
def test_normalize_treats_reader_identical_text_as_equal(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_normalize_keeps_real_differences() -> None:
    assert normalize("폭염 특보 발령") != normalize("폭염 특보 해제")
    assert normalize("…") == ""


def test_trigram_jaccard_ignores_korean_spacing() -> None:
    assert trigram_jaccard("데이터분석 입문", "데이터 분석 입문") == 1.0
    assert trigram_jaccard("폭염 특보 발령", "국회 본회의 개최") == 0.0


# --------------------------------------------------------------------------- DUP001 / DUP002


def test_seed_style_excerpt_equal_to_feature_text_is_an_error() -> None:
    d = lint(_fixture("crlf-folded-vs-literal.md"), select=["DUP001"], dedent=False)
    assert codes(d) == ["DUP001"]
    assert d[0].severity.label == "error"
    assert d[0].line == 6  # reported at feature_text, naming the excerpt's line
    assert "line 3" in d[0].message


def test_quoted_folded_and_literal_values_compare_equal() -> None:
    text = """\
        ---
        excerpt: '서울 전역에 폭염 특보'
        feature_text: |
          서울 전역에
          폭염 특보
        ---
        본문
        """
    assert codes(lint(text, select=["DUP001"])) == ["DUP001"]


def test_different_teasers_are_left_alone() -> None:
    assert lint(_fixture("distinct.html"), path="_posts/a.html", select=["duplicates"]) == []


def test_other_identical_pairs_are_warnings_and_not_reported_twice() -> None:
    text = """\
        ---
        title: Ruby 2.0 released
        description: "Ruby 2.0 <em>released</em>"
        excerpt: Keyword arguments and refinements.
        feature_text: Keyword arguments and refinements.
        ---
        Body.
        """
    d = lint(text, select=["DUP001", "DUP002"])
    assert sorted((x.rule, x.severity.label, x.line) for x in d) == [
        ("DUP001", "error", 5), ("DUP002", "warning", 3)]


def test_pairs_are_configurable() -> None:
    text = """\
        ---
        title: 같은 문장
        subtitle: 같은 문장
        ---
        본문
        """
    cfg = {"rules": {"DUP001": {"pairs": [["title", "subtitle"]]}}}
    assert codes(lint(text, select=["DUP001", "DUP002"], config=cfg)) == ["DUP001"]
    assert codes(lint(text, select=["DUP001", "DUP002"])) == ["DUP002"]


# --------------------------------------------------------------------------- DUP003


def test_banner_plus_excerpt_is_contained() -> None:
    d = lint(_fixture("banner-feature-text.md"), select=["DUP003"])
    assert codes(d) == ["DUP003"]
    assert d[0].line == 5
    assert "contains the whole excerpt" in d[0].message
    assert "뉴스다오 실시간 뉴스 속보입니다" in d[0].message  # says what was added


def test_one_word_changed_is_near_identical() -> None:
    text = """\
        ---
        excerpt: 정부가 영세 자영업자와 소상공인을 위한 종합대책을 발표했습니다. 배달료와 임대료 부담을 줄입니다.
        description: 정부가 영세 자영업자와 소상공인을 위한 종합대책을 발표하였습니다. 배달료와 임대료 부담을 줄입니다.
        ---
        본문
        """
    d = lint(text, select=["DUP003"])
    assert codes(d) == ["DUP003"] and "the same as excerpt" in d[0].message


def test_dek_that_extends_the_title_is_normal() -> None:
    text = """\
        ---
        title: Elixir v1.16 released
        excerpt: Elixir v1.16 released with compiler diagnostics and extensive documentation
        ---
        Body.
        """
    assert lint(text, select=["DUP003"]) == []
    cfg = {"rules": {"DUP003": {"title_containment": True}}}
    assert codes(lint(text, select=["DUP003"], config=cfg)) == ["DUP003"]


# --------------------------------------------------------------------------- DUP004


def test_excerpt_repeated_as_first_paragraph_is_info() -> None:
    text = """\
        ---
        excerpt: Elixir v1.8 comes with many improvements at the infrastructure level…
        ---

        ## Overview

        Elixir v1.8 comes with many improvements at the infrastructure level, improving compilation time.
        """
    d = lint(text, select=["DUP004"])
    assert codes(d) == ["DUP004"] and d[0].severity.label == "info"
    assert "line 7" in d[0].message


def test_distinct_dek_is_left_alone() -> None:
    text = """\
        ---
        excerpt: Faster compilation and a new inspect protocol.
        ---

        Elixir v1.8 comes with many improvements at the infrastructure level.
        """
    assert lint(text, select=["DUP004"]) == []


# --------------------------------------------------------------------------- DUP005

_PARA = "교육부는 각 대학이 가이드라인의 내용을 준수하도록 권고하고, 의대교육 정상화를 위해 소통을 이어가기로 했습니다."


def test_repeated_paragraph_names_the_first_line() -> None:
    text = f"---\ntitle: t\n---\n\n<p>{_PARA}</p>\n\n<h3>정부의 역할</h3>\n\n<p data-ke-size=\"size16\">{_PARA}</p>\n"
    d = lint(text, select=["DUP005"], dedent=False)
    assert [(x.rule, x.line) for x in d] == [("DUP005", 9)]
    assert "line 5" in d[0].message


def test_repeated_paragraph_holding_a_control_character_is_found() -> None:
    """Regression: the quick pass's test for a paragraph that holds its own separator character (U+0001,
    pasted from some CMS exports) had slipped into a comment, so such a paragraph, cut there into pieces
    each too short to compare, was never reported as repeated."""
    para = "정부는 이번 대책으로 영세 자영업자의 부담을\x01크게 줄이고 재창업을 돕는 정책자금을 늘린다고 밝혔다"
    text = f"---\ntitle: t\n---\n\n{para}\n\n다른 이야기를 하는 문단입니다.\n\n{para}\n"
    d = lint(text, select=["DUP005"], dedent=False)
    assert [(x.rule, x.line) for x in d] == [("DUP005", 9)] and "line 5" in d[0].message


def test_repeated_long_sentence_in_another_paragraph() -> None:
    sent = "정부는 이번 대책으로 영세 자영업자와 소상공인의 고정비용 부담을 크게 줄이고 재창업을 돕는 정책자금 지원을 늘리겠다고 밝혔습니다."
    text = f"---\ntitle: t\n---\n\n첫 문단입니다. {sent}\n\n다른 이야기를 하는 문단입니다. {sent} 끝.\n"
    d = lint(text, select=["DUP005"], dedent=False)
    assert codes(d) == ["DUP005"] and "sentence" in d[0].message and d[0].line == 7


def test_list_items_short_lines_templates_and_transcripts_may_repeat() -> None:
    text = (
        "---\ntitle: t\n---\n\n"
        "- all versions of Node.js 6 (LTS Boron) are vulnerable to this issue\n"
        "- all versions of Node.js 6 (LTS Boron) are vulnerable to this issue\n\n"
        "현재 일반 유지보수 단계입니다.\n\n현재 일반 유지보수 단계입니다.\n\n"
        "SHA256: {{ release.sha256 }} and some more words for the length here\n\n"
        "SHA256: {{ release.sha256 }} and some more words for the length here\n\n"
        "**\\<anonimal>** 2. Brief review of what's been completed since the previous meeting\n\n"
        "**\\<anonimal>** 2. Brief review of what's been completed since the previous meeting\n"
    )
    assert lint(text, select=["DUP005"], dedent=False) == []


def test_inline_code_makes_paragraphs_different() -> None:
    text = ("---\ntitle: t\n---\n\n"
            "To switch to the new API with the codemod, run this command: `npx codemod a`\n\n"
            "To switch to the new API with the codemod, run this command: `npx codemod b`\n")
    assert lint(text, select=["DUP005"], dedent=False) == []


def test_extra_boilerplate_option() -> None:
    text = f"---\ntitle: t\n---\n\n{_PARA}\n\n{_PARA}\n"
    cfg = {"rules": {"DUP005": {"extra_boilerplate": ["^교육부는"]}}}
    assert lint(text, select=["DUP005"], config=cfg, dedent=False) == []


# --------------------------------------------------------------------------- cross-article


def _article(title: str, excerpt: str, body: str, image: str = "https://example.com/a.jpg",
             lang: str | None = None) -> str:
    extra = f"lang: {lang}\n" if lang else ""
    return f"---\ntitle: {title}\nexcerpt: {excerpt}\nimage: {image}\n{extra}---\n\n{body}\n"


def _words(rng: random.Random, n: int) -> str:
    vocab = ["정부", "대통령", "회담", "경제", "발표", "지원", "서울", "기업", "시장", "국회", "협력", "정책",
             "투자", "지역", "주민", "안전", "교육", "의료", "기술", "환경"]
    return " ".join(rng.choice(vocab) + str(rng.randrange(1000)) for _ in range(n))


def test_same_excerpt_in_two_articles_names_the_other() -> None:
    rng = random.Random(1)
    arts = {
        "a.md": _article("폭염 특보 발령", "서울 전역에 폭염 특보가 내려졌습니다", _words(rng, 80)),
        "b.md": _article("폭염 특보 이틀째", "서울 전역에 폭염 특보가 내려졌습니다…", _words(rng, 80)),
        "c.md": _article("국회 본회의", "국회가 본회의를 열었습니다", _words(rng, 80)),
    }
    d = [x for x in lint_many(arts, select=["DUP101"])]
    assert [(x.path, x.line) for x in d] == [("a.md", 3), ("b.md", 3)]
    assert "b.md" in d[0].message and "a.md" in d[1].message


def test_translations_do_not_share_titles() -> None:
    rng = random.Random(2)
    arts = {
        "en/a.md": _article("Ruby 2.7.8 Released", "Ruby 2.7.8 is out", _words(rng, 80), lang="en"),
        "ko/a.md": _article("Ruby 2.7.8 Released", "루비 2.7.8 릴리스", _words(rng, 80), lang="ko"),
    }
    assert lint_many(arts, select=["DUP101"]) == []


def test_cross_article_list_is_capped() -> None:
    rng = random.Random(3)
    arts = {f"{i}.md": _article("같은 제목의 기사입니다", f"요약 {i}번", _words(rng, 60)) for i in range(9)}
    d = lint_many(arts, select=["DUP101"], config={"rules": {"DUP101": {"max_listed": 3}}})
    assert len(d) == 9
    assert "8 other articles" in d[0].message and "and 5 more" in d[0].message


def test_near_duplicate_bodies_found_and_distinct_left_alone() -> None:
    rng = random.Random(4)
    base = _words(rng, 300).split()
    copy = list(base)
    for i in rng.sample(range(len(copy)), 6):  # a rewrite changing a few words
        copy[i] = "변경" + str(i)
    arts = {
        "orig.md": _article("원본 기사", "원본 요약입니다", " ".join(base)),
        "copy.md": _article("고친 기사", "고친 요약입니다", " ".join(copy)),
        "other.md": _article("다른 기사", "다른 요약입니다", _words(rng, 300)),
        "short.md": _article("짧은 기사", "짧은 요약입니다", " ".join(base[:20])),
    }
    d = lint_many(arts, select=["DUP102"])
    assert sorted(x.path for x in d) == ["copy.md", "orig.md"]
    assert all("the same as" in x.message for x in d)
    assert "orig.md" in [x for x in d if x.path == "copy.md"][0].message


def test_shared_image_reported_with_count_only_from_threshold() -> None:
    rng = random.Random(5)
    arts = {f"{i}.md": _article(f"기사 {i} 제목입니다", f"요약 {i}번입니다", _words(rng, 60),
                                image="https://example.com/stock.jpg" if i < 3 else f"https://e.com/{i}.jpg")
            for i in range(5)}
    cfg = {"rules": {"DUP103": {"min_articles": 3}}}
    d = lint_many(arts, select=["DUP103"], config=cfg)
    assert sorted(x.path for x in d) == ["0.md", "1.md", "2.md"]
    assert all("3 articles" in x.message and x.severity.label == "info" for x in d)
    assert lint_many(arts, select=["DUP103"]) == []  # default: 10 articles


def test_fingerprints_are_plain_data() -> None:
    from newslint.config import build_config
    from newslint.document import load_text
    from newslint.engine import check_document

    cfg = build_config({"select": ["DUP101", "DUP102", "DUP103"]}, Path.cwd())
    rng = random.Random(6)
    res = check_document(load_text(_article("폭염 특보가 발령된 서울", "서울 전역에 폭염 특보가 내려졌습니다", _words(rng, 100))), cfg)
    assert set(res.fingerprints) == {"DUP101", "DUP102", "DUP103"}

    def plain(v: object) -> bool:
        if isinstance(v, tuple):
            return all(plain(x) for x in v)
        return isinstance(v, (int, str))

    assert all(plain(v) for v in res.fingerprints.values())


# --------------------------------------------------------------------------- MinHash / LSH


def test_minhash_estimates_jaccard_and_is_stable() -> None:
    rng = random.Random(7)
    words = [f"w{rng.randrange(10**6)}" for _ in range(400)]
    changed = list(words)
    for i in rng.sample(range(400), 20):
        changed[i] = "x"
    a, b = word_shingle_hashes(" ".join(words)), word_shingle_hashes(" ".join(changed))
    true = len(set(a) & set(b)) / len(set(a) | set(b))
    est = signature_similarity(minhash(a), minhash(b))
    assert abs(true - est) < 0.15
    # the same text gives the same signature in any process: no str hash() involved
    assert minhash(word_shingle_hashes("하나 둘 셋 넷")).hex() == minhash(word_shingle_hashes("하나 둘 셋 넷")).hex()


def test_lsh_finds_copies_in_a_big_bucket_linearly() -> None:
    sig = minhash(word_shingle_hashes(" ".join(f"w{i}" for i in range(200))))
    pairs = list(lsh_pairs([sig] * 1000, 0.8, window=4))
    assert len(pairs) <= 1000 * 4 * 8
    assert {i for p in pairs for i in p} == set(range(1000))


def test_every_rule_has_docs_and_examples() -> None:
    for code in ["DUP001", "DUP002", "DUP003", "DUP004", "DUP005", "DUP101", "DUP102", "DUP103"]:
        r = find_rule(code)
        assert r is not None and r.family == "duplicates" and r.docs and r.bad and r.good
