"""Style family (STY…): what each rule must catch, and what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.checks._style_common import display_width, gated, sentence_spans
from newslint.document import load_text
from newslint.testing import codes, lint

FIXTURES = Path(__file__).parent / "fixtures" / "style"
SEED = Path("/work/shared/examples/breaking-news-ko.md")


def _fixture(name: str, select: list[str], config: dict | None = None) -> list:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return lint(text, path=f"_posts/2024-07-04-{name}", select=select, config=config, dedent=False)


def _snippets(diags: list) -> list[str]:
    return [d.snippet for d in diags]


# --------------------------------------------------------------------------- helpers


def test_display_width_counts_cjk_double() -> None:
    assert display_width("abc") == 3
    assert display_width("푸틴 abc") == 2 + 2 + 1 + 3
    assert display_width("ＡＢ") == 4  # full-width Latin


def test_sentence_spans_keep_decimals_whole() -> None:
    text = "성장률은 3.5%였다. 다음 문장! 끝"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["성장률은 3.5%였다.", "다음 문장!", "끝"]


def test_required_literals_skip_optional_parts() -> None:
    def required(pattern: str) -> set[str]:  # the literals the pattern is gated by
        return {lit for lit, _keys, _words in gated(pattern)._all_keys}

    assert required(r"(?:아래|위)(?:의)?\s*내용[을를]\s*참고하여") == {"참고하여", "내용"}
    assert required(r"(?:a|b)") == set()


# --------------------------------------------------------------------------- STY001


def test_assistant_preamble_in_html_is_an_error_at_the_phrase() -> None:
    d = _fixture("assistant.html", ["STY001"])
    assert codes(d) == ["STY001", "STY001"]
    assert d[0].severity.label == "error"
    assert "작성해 드릴까요" in d[0].snippet
    assert d[0].line == 7
    assert "I'm sorry, but I can't" in d[1].snippet


@pytest.mark.parametrize("sentence", [
    "실례지만, 현재 요청하신 내용과는 상이한 주제이기 때문에 답변을 드리기 어렵습니다.",
    "저희가 제공하는 서비스는 해당 내용과 무관하여 도와드릴 수 없습니다.",
    "현대차와 관련된 최신 소식에 대해 알려주셔서 감사합니다.",
    "죄송합니다. 그러한 내용에 대해서는 알려드릴 수 없습니다.",
    "As an AI language model, I cannot write about this.",
    "Certainly! Here's a news article about the summit.",
])
def test_assistant_phrases_are_caught_in_markdown(sentence: str) -> None:
    assert codes(lint(f"---\ntitle: 제목\n---\n\n{sentence}\n", select=["STY001"])) == ["STY001"]


def test_assistant_leaves_quotes_and_ordinary_prose_alone() -> None:
    text = """\
        ---
        title: 챗봇 답변 논란
        ---

        챗봇은 “죄송합니다. 그러한 내용에 대해서는 알려드릴 수 없습니다.”라고 답했다.

        The bot replied: "As an AI language model, I cannot do that."

        성공적으로 배포한 뒤 관련 글을 작성해 보도록 하겠습니다. 호텔은 언제든지 도와드릴 준비가 되어 있습니다.
        """
    assert lint(text, select=["STY001"]) == []


def test_assistant_extra_patterns_option() -> None:
    text = "---\ntitle: 제목\n---\n\n[기자 이름] 작성\n"
    assert lint(text, select=["STY001"]) == []
    cfg = {"rules": {"STY001": {"patterns": [r"\[기자 이름\]"]}}}
    assert codes(lint(text, select=["STY001"], config=cfg)) == ["STY001"]


# --------------------------------------------------------------------------- STY002


def test_wire_copyright_line_in_table_cell() -> None:
    text = """\
        ---
        title: 제목
        ---

        <table><tr><td><b>저작권자 © 연합뉴스 무단전재 및 재배포 금지</b></td></tr></table>
        """
    d = lint(text, select=["STY002"])
    assert codes(d) == ["STY002"]
    assert _snippets(d) == ["저작권자 © 연합뉴스 무단전재 및 재배포 금지"]


@pytest.mark.parametrize("line", ["(c) Reuters 2024", "© 2024 Reuters", "Copyright © Yonhap News",
                                  "ⓒ 뉴스1", "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
                                  "This material may not be published, broadcast, rewritten or redistributed."])
def test_wire_copyright_forms(line: str) -> None:
    assert "STY002" in codes(lint(f"---\ntitle: 제목\n---\n\n{line}\n", select=["STY002"]))


def test_wire_leaves_own_site_and_licences_alone() -> None:
    own = "---\ntitle: 제목\n---\n\n저작권자 © 뉴스다오 무단전재 및 재배포 금지\n"
    assert codes(lint(own, select=["STY002"])) == ["STY002"]
    assert lint(own, select=["STY002"], config={"site": {"name": "뉴스다오"}}) == []
    other = """\
        ---
        title: Release
        ---

        Copyright (C) 2021 Free Software Foundation, Inc. Our AP style guide says (c) is fine.
        Photo: AP. We met (c) the upgrade height.
        """
    assert lint(other, select=["STY002"]) == []


# --------------------------------------------------------------------------- STY003


def test_seed_today_without_date() -> None:
    d = lint(SEED.read_text(encoding="utf-8"), path="breaking-news-ko.md", select=["STY003"], dedent=False)
    assert codes(d) == ["STY003"]
    assert d[0].snippet == "오늘"
    assert d[0].line == 37


def test_relative_words_caught_in_title_excerpt_and_body() -> None:
    text = """\
        ---
        title: 오늘 정상회의 개막
        excerpt: 어제 회담이 열렸다.
        ---

        <p>이번 주 발표가 기대된다.</p>

        Yesterday the board met.
        """
    d = lint(text, path="_posts/2024-07-04-summit.md", select=["STY003"])
    assert _snippets(d) == ["오늘", "어제", "이번 주", "Yesterday"]
    # the suggestion uses the story's day (from the file name) for 오늘 and 어제
    assert "오늘(4일)" in (d[0].suggestion or "")
    assert "어제(3일)" in (d[1].suggestion or "")


def test_relative_words_with_a_date_nearby_are_fine() -> None:
    text = """\
        ---
        title: 정상회의 개막
        ---

        오늘(4일) 정상회의가 개막했다.

        지난 3일 회담이 있었다. 어제 회담에서는 안보가 논의됐다.

        The summit opened on July 4. Leaders met yesterday as well.
        """
    assert lint(text, select=["STY003"]) == []


def test_relative_word_far_from_the_date_is_reported() -> None:
    text = """\
        ---
        title: 정상회의 개막
        ---

        지난 3일 회담이 있었다. 안보가 논의됐다. 경제도 논의됐다. 오늘 정상회의가 개막했다.
        """
    assert _snippets(lint(text, select=["STY003"])) == ["오늘"]


def test_date_in_title_dates_the_story() -> None:
    text = "---\ntitle: 7월 4일 정상회의 개막\n---\n\n오늘 정상회의가 개막했다.\n"
    assert lint(text, select=["STY003"]) == []


def test_date_field_counts_only_when_configured() -> None:
    text = "---\ntitle: 정상회의\ndate: 2024-07-04\n---\n\n오늘 정상회의가 개막했다.\n"
    assert codes(lint(text, select=["STY003"])) == ["STY003"]
    cfg = {"rules": {"STY003": {"date_field_counts": True}}}
    assert lint(text, select=["STY003"], config=cfg) == []


def test_relative_words_left_alone() -> None:
    text = """\
        ---
        title: 델리게이트
        ---

        오늘날 기술은 빠르게 바뀐다. 어제오늘의 일이 아니다. 국민내일배움카드로 신청한다.

        오늘은 C#의 델리게이트에 대해 알아보겠습니다.

        그는 “오늘 회의는 취소됐다”고 말했다.

        > 나는 내일 떠난다.

        오늘의 경험이 내일을 준비하는 자산이 될 것입니다.

        매주 월요일 회의를 합니다. 이번 주 계획을 공유합니다.

        수정이 병합되면 그 다음주에 배포됩니다.

        안녕하세요, 여러분. 오늘은 최근 논의된 개편안을

        This is how the web works today. Today's browsers are fast.

        Today, we'll look at delegates.
        """
    assert lint(text, select=["STY003"]) == []


def test_english_today_dating_an_event_is_reported() -> None:
    text = """\
        ---
        title: Release
        ---

        Today we are excited to announce Jekyll 4.

        Node.js 20 is available today.
        """
    assert _snippets(lint(text, select=["STY003"])) == ["Today", "today"]


# --------------------------------------------------------------------------- STY004


def test_headline_width_counts_korean_double() -> None:
    wide = "---\ntitle: " + "가" * 41 + "\n---\n\n본문\n"
    d = lint(wide, select=["STY004"])
    assert codes(d) == ["STY004"]
    assert "82 columns" in d[0].message
    assert d[0].column == 8 + 40  # points at the 41st syllable, where the cut falls
    assert lint("---\ntitle: " + "가" * 40 + "\n---\n\n본문\n", select=["STY004"]) == []
    assert lint("---\ntitle: " + "a" * 80 + "\n---\n\n본문\n", select=["STY004"]) == []
    cfg = {"rules": {"STY004": {"max_width": 60}}}
    assert codes(lint("---\ntitle: " + "가" * 31 + "\n---\n\n본문\n", select=["STY004"], config=cfg)) == ["STY004"]


# --------------------------------------------------------------------------- STY005


@pytest.mark.parametrize("title", ["충격! 알고 보니 운전자는", "팬들 충격", "충격적인 진실", "이럴 수가", "헉, 이런 일이",
                                   "You Won't Believe This Release", "창업 정보 필독! 클릭必"])
def test_clickbait_titles(title: str) -> None:
    assert "STY005" in codes(lint(f"---\ntitle: {title}\n---\n\n본문\n", select=["STY005"]))


@pytest.mark.parametrize("title", ["유가 충격에 물가 상승", "충격 흡수 장치 개발", "결국 합의", "헉슬리 소설 재출간",
                                   "Shock absorbers recalled"])
def test_plain_uses_are_not_clickbait(title: str) -> None:
    assert lint(f"---\ntitle: {title}\n---\n\n본문\n", select=["STY005"]) == []


# --------------------------------------------------------------------------- STY006


def test_exclamation_reported_question_allowed_by_default() -> None:
    d = lint("---\ntitle: 임영웅 200만뷰 돌파!\n---\n\n본문\n", select=["STY006"])
    assert codes(d) == ["STY006"] and d[0].snippet == "!"
    assert lint("---\ntitle: 금리 인하 가능할까?\n---\n\n본문\n", select=["STY006"]) == []
    cfg = {"rules": {"STY006": {"question": True, "exclamation": False}}}
    assert codes(lint("---\ntitle: 금리 인하 가능할까?\n---\n\n본문\n", select=["STY006"], config=cfg)) == ["STY006"]
    assert lint("---\ntitle: 대박!\n---\n\n본문\n", select=["STY006"], config=cfg) == []


# --------------------------------------------------------------------------- STY007


def test_label_policy_brackets() -> None:
    sel = ["STY007"]
    assert lint('---\ntitle: "[속보] 수도권 호우경보"\n---\n\n본문\n', select=sel) == []
    assert _snippets(lint("---\ntitle: 수도권 호우경보 속보\n---\n\n본문\n", select=sel)) == ["속보"]
    assert codes(lint("---\ntitle: '속보: 수도권 호우경보'\n---\n\n본문\n", select=sel)) == ["STY007"]
    assert codes(lint("---\ntitle: (단독) 국민연금 수익률\n---\n\n본문\n", select=sel)) == ["STY007"]
    # the word in the middle of a headline is vocabulary, not a label
    assert lint("---\ntitle: 주요 사건 속보 공개\n---\n\n본문\n", select=sel) == []
    assert lint("---\ntitle: Security Release Schedule Update\n---\n\n본문\n", select=sel) == []


def test_label_policy_forbid_and_allow() -> None:
    title = '---\ntitle: "[속보] 수도권 호우경보"\n---\n\n본문\n'
    assert codes(lint(title, select=["STY007"], config={"rules": {"STY007": {"policy": "forbid"}}})) == ["STY007"]
    assert lint("---\ntitle: 호우경보 속보\n---\n\n본문\n", select=["STY007"],
                config={"rules": {"STY007": {"policy": "allow"}}}) == []


# --------------------------------------------------------------------------- STY008


def test_seed_headline_words_missing_from_body() -> None:
    d = lint(SEED.read_text(encoding="utf-8"), path="breaking-news-ko.md", select=["STY008"], dedent=False)
    assert codes(d) == ["STY008"]
    assert d[0].severity.label == "info"
    assert '"초청"' in d[0].message and '"방러"' in d[0].message
    assert '"푸틴"' not in d[0].message and '"시진핑"' not in d[0].message


def test_headline_words_found_with_particles_and_spacing() -> None:
    body = "상하이 협력기구 정상회담에서 양국은 초청을 수락했다. 러시아와 중국의 관계는 역대 최고 수준이다. " * 4
    text = f"---\ntitle: 상하이협력기구 정상회담서 초청 수락한 러시아\n---\n\n{body}\n"
    assert lint(text, select=["STY008"]) == []


def test_headline_words_skip_short_bodies_and_english_paraphrase() -> None:
    assert lint("---\ntitle: 초청 거절\n---\n\n짧은 본문.\n", select=["STY008"]) == []
    body = "We are pleased to announce the release of version 4.0 of the site generator. " * 4
    assert lint(f"---\ntitle: Jekyll 4.0 Released\n---\n\n{body}\n", select=["STY008"]) == []
    d = lint(f"---\ntitle: Jekyll 4.1 Released\n---\n\n{body}\n", select=["STY008"])
    assert '"4.1"' in d[0].message


# --------------------------------------------------------------------------- STY009


def test_affiliate_link_without_disclosure_at_top() -> None:
    d = _fixture("affiliate.md", ["STY009"])
    assert codes(d) == ["STY009"]
    assert "link.coupang.com" in d[0].snippet or "쿠팡 파트너스" in d[0].snippet


def test_disclosure_in_title_or_top_is_fine() -> None:
    text = (FIXTURES / "affiliate.md").read_text(encoding="utf-8").replace(
        "title: 여름 캠핑 의자 추천", 'title: "[광고] 여름 캠핑 의자 추천"')
    assert lint(text, select=["STY009"], dedent=False) == []
    top = """\
        ---
        title: 캠핑 의자
        ---

        이 포스팅은 쿠팡 파트너스 활동의 일환으로, 수수료를 제공받습니다.

        의자 이야기.
        """
    assert lint(top, select=["STY009"]) == []
    assert lint("---\ntitle: 일반 기사\n---\n\n광고 시장이 커졌다.\n", select=["STY009"]) == []


def test_ad_markers_option_replaces_the_list() -> None:
    text = "---\ntitle: 호텔 소개\n---\n\n" + "호텔 이야기. " * 40 + "\n\n[예약하기](https://tinyurl.com/x)\n"
    assert lint(text, select=["STY009"]) == []
    cfg = {"rules": {"STY009": {"markers": [r"tinyurl\.com"]}}}
    assert codes(lint(text, select=["STY009"], config=cfg)) == ["STY009"]


@pytest.mark.parametrize("marker, written", [("İlan", "ilan"), ("ſponsor", "sponsor"), ("\u212aOOP", "koop")])
def test_a_marker_with_a_letter_re_folds_unlike_lower_case_is_still_found(marker: str, written: str) -> None:
    """İ, ſ and the Kelvin sign K match i, s and k when case is ignored, though str.lower() does not turn
    them into those: the quick test of an article's text must not rule such a marker out (regression)."""
    cfg = {"rules": {"STY009": {"markers": [marker]}}}
    link = "---\ntitle: 호텔 소개\n---\n\n" + "호텔 이야기. " * 40 + f"\n\n[예약](https://x.example/{written}/1)\n"
    assert codes(lint(link, select=["STY009"], config=cfg)) == ["STY009"]
    prose = "---\ntitle: 호텔 소개\n---\n\n" + "호텔 이야기. " * 40 + f"\n\n{written} 문의는 아래로.\n"
    assert codes(lint(prose, select=["STY009"], config=cfg)) == ["STY009"]


# --------------------------------------------------------------------------- STY010


def test_byline_runs_only_when_configured() -> None:
    text = "---\ntitle: 제목\nauthor: 홍길동 기자\n---\n\n본문\n"
    assert lint(text, select=["STY010"]) == []
    d = lint(text, select=["STY010"], config={"site": {"byline_field": "author"}})
    assert codes(d) == ["STY010"] and d[0].snippet == "기자"
    assert "author: 홍길동" in (d[0].suggestion or "")
    # the fix cuts everything after the name
    doc_text = text
    (edit,) = d[0].edits
    fixed = doc_text[: edit.start] + edit.replacement + doc_text[edit.end :]
    assert "author: 홍길동\n" in fixed


@pytest.mark.parametrize("value", ["'홍길동 기자 (hong@example.com)'", "hong@example.com", "By John Smith",
                                   "[홍길동 특파원, 김철수]"])
def test_byline_forms_reported(value: str) -> None:
    text = f"---\ntitle: 제목\nauthor: {value}\n---\n\n본문\n"
    assert "STY010" in codes(lint(text, select=["STY010"], config={"site": {"byline_field": "author"}}))


@pytest.mark.parametrize("value", ["홍길동", "John Smith", "[홍길동, 김철수]", "기자단"])
def test_byline_names_left_alone(value: str) -> None:
    text = f"---\ntitle: 제목\nauthor: {value}\n---\n\n본문\n"
    assert lint(text, select=["STY010"], config={"site": {"byline_field": "author"}}) == []


# --------------------------------------------------------------------------- the family on clean copy


def test_clean_article_has_no_style_diagnostics() -> None:
    assert _fixture("clean.md", ["style"]) == []


def test_family_on_a_document_without_front_matter_or_title() -> None:
    assert lint("본문만 있는 글. 오늘 회의.\n", select=["STY004", "STY005", "STY006", "STY007", "STY008"]) == []
    doc = load_text("---\n---\n\n본문\n")
    assert doc.fm is not None


def test_relative_word_in_link_text_is_a_cited_title() -> None:
    text = """\
        ---
        title: 의료개혁특위
        ---

        <p>출처: <a href="https://example.com/1">이번주 의료개혁특위 발족</a> | 보건복지부</p>

        오늘 [투표하세요](https://example.com/vote).
        """
    assert _snippets(lint(text, select=["STY003"])) == ["오늘"]


def test_english_today_meaning_nowadays_is_left_alone() -> None:
    text = "---\ntitle: GenStage\n---\n\nIt suits the machines we have available today.\n"
    assert lint(text, select=["STY003"]) == []


def test_title_case_headline_words_are_not_names() -> None:
    body = "Notes from the weekly community meeting about the 0.15 release and the wallet. " * 4
    assert lint(f"---\ntitle: Monero Missive for the Week of 2015-03-16\n---\n\n{body}\n", select=["STY008"]) == []
    (d,) = lint(f"---\ntitle: Farewell to Node.js v5, Preparing for v7\n---\n\n{body}\n", select=["STY008"])
    assert '"v5"' in d.message and '"Preparing"' not in d.message
    d = lint(f"---\ntitle: Notes on the router built by Kovri developers\n---\n\n{body}\n", select=["STY008"])
    assert codes(d) == ["STY008"] and '"Kovri"' in d[0].message


# --------------------------------------------------------------------------- the documented examples

_FM = "---\ntitle: 정상회의 개막\n---\n\n"
# The examples elide the body ("…"): the length thresholds are lowered to match.
_EXAMPLE_CONFIG = {"site": {"byline_field": "author"},
                   "rules": {"STY008": {"min_body_chars": 0}, "STY009": {"top_chars": 5}}}


def test_each_rule_fires_on_its_bad_example_and_not_on_its_good_one() -> None:
    from newslint.registry import iter_rules

    rules = [r for r in iter_rules() if r.family == "style"]
    assert len(rules) == 10
    for r in rules:
        assert r.docs and r.bad and r.good, r.code
        bad = r.bad if r.bad.startswith("---") else _FM + r.bad
        good = r.good if r.good.startswith("---") else _FM + r.good
        assert r.code in codes(lint(bad + "\n", select=[r.code], config=_EXAMPLE_CONFIG, dedent=False)), r.code
        assert lint(good + "\n", select=[r.code], config=_EXAMPLE_CONFIG, dedent=False) == [], r.code


def test_byline_with_markup_gets_no_made_up_name() -> None:
    text = "---\ntitle: 제목\nauthor: '[Reiley Yang](mailto:ry@example.com) (Microsoft)'\n---\n\n본문\n"
    d = lint(text, select=["STY010"], config={"site": {"byline_field": "author"}})
    assert codes(d) == ["STY010"] and d[0].edits == ()
    assert d[0].suggestion == "write the reporter's name alone in `author`"


def test_headline_dates_and_series_numbers_are_not_claims() -> None:
    body = "이번 글에서는 서버 구성과 배포 과정을 다룬다. 미러링 구성은 다음과 같다. " * 4
    assert lint(f"---\ntitle: 미러링 서버 제작기 2편\n---\n\n{body}\n", select=["STY008"]) == []
    body_en = "Notes from the community meeting about the release and the wallet. " * 4
    assert lint(f"---\ntitle: Weekly Update - June 16th, 2016\n---\n\n{body_en}\n", select=["STY008"]) == []
