"""Headings family: what each rule catches and what it leaves alone, in Markdown and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.diagnostics import Severity
from newslint.testing import codes, lint

FIXTURES = Path(__file__).parent / "fixtures" / "headings"
FM = "---\ntitle: 푸틴 시진핑 밀착\n---\n\n"


def hd(text: str, rule: str | list[str] = "headings", config: dict | None = None, fm: bool = True) -> list:
    return lint((FM if fm else "") + text, select=[rule] if isinstance(rule, str) else rule, config=config,
                dedent=False)


def where(diags: list) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in diags]


# --------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("name", ["good-html.md", "good-markdown.md"])
def test_good_fixtures_are_clean(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert lint(text, select=["headings"], dedent=False) == []


def test_bad_html_fixture() -> None:
    text = (FIXTURES / "bad-html.md").read_text(encoding="utf-8")
    got = sorted((d.rule, d.line) for d in lint(text, select=["headings"], dedent=False))
    assert got == [("HD001", 5), ("HD002", 15), ("HD003", 19), ("HD004", 11), ("HD005", 15),
                   ("HD007", 21), ("HD008", 7)]


def test_bad_markdown_fixture() -> None:
    text = (FIXTURES / "bad-markdown.md").read_text(encoding="utf-8")
    got = sorted((d.rule, d.line) for d in lint(text, select=["headings"], dedent=False))
    assert got == [("HD002", 5), ("HD003", 15), ("HD005", 11), ("HD006", 5), ("HD007", 17), ("HD008", 9)]


# --------------------------------------------------------------------------- HD001 h1-in-body


def test_h1_in_body_markdown_html_and_setext() -> None:
    d = hd("# 회담 결과\n\n본문\n\n<h1>두 번째</h1>\n\n세 번째\n===\n\n본문\n", "HD001")
    assert where(d) == [("HD001", 5, 1), ("HD001", 9, 1), ("HD001", 11, 1)]
    assert "“회담 결과” is an h1" in d[0].message
    assert d[0].severity is Severity.WARNING


def test_h1_repeating_the_title_says_so() -> None:
    d = hd("# 푸틴, 시진핑 밀착\n\n본문\n", "HD001")
    assert codes(d) == ["HD001"] and "repeats the title" in d[0].message


def test_h2_is_not_an_h1() -> None:
    assert hd("## 회담 결과\n\n<h2>결과</h2>\n", "HD001") == []


def test_h1_in_code_comment_raw_and_quotes_is_not_a_heading() -> None:
    text = ("```\n# 코드 주석\n```\n\n~~~\n# tilde\n~~~\n\n<!-- # 주석\n<h1>주석</h1> -->\n\n"
            "{% raw %}\n# Liquid raw\n{% endraw %}\n\n> # 인용\n\n<blockquote><h1>인용</h1></blockquote>\n\n"
            "<pre>\n# pre\n</pre>\n\n    # indented code\n\n{% highlight ruby %}\n# ruby comment\n{% endhighlight %}\n\n"
            "<script>document.write('<h1>x</h1>')</script>\n\n- ```\n  # in a list's code\n  ```\n")
    assert hd(text, "HD001") == []


def test_title_is_h1_false_allows_the_opening_h1_only() -> None:
    cfg = {"site": {"title_is_h1": False}}
    d = hd("# Overview\n\ntext\n\n# Download\n\ntext\n", "HD001", cfg)
    assert where(d) == [("HD001", 9, 1)] and "line 5" in d[0].message
    # An h1 that does not open the body is a section heading (markdownlint MD025 says nothing).
    assert hd("Intro.\n\n# Overview\n\n# Download\n", "HD001", cfg) == []


def test_sites_whose_sections_are_h1s() -> None:
    cfg = {"site": {"title_is_h1": False, "top_heading_level": 1}}
    assert hd("# Overview\n\ntext\n\n# Download\n\ntext\n", "HD001", cfg) == []
    # With the title as h1, a top level of 1 does not make body h1s right.
    assert codes(hd("# Overview\n\ntext\n", "HD001", {"site": {"top_heading_level": 1}})) == ["HD001"]


def test_post_without_title_behaves_like_markdownlint_without_front_matter_title() -> None:
    text = "---\ndate: 2026-07-04\n---\n<!-- note -->\n# 제목\n\n본문\n\n# 또 다른 제목\n"
    assert where(lint(text, select=["HD001"], dedent=False)) == [("HD001", 9, 1)]


# --------------------------------------------------------------------------- HD002 heading-increment


def test_skip_in_markdown_and_html_and_mixed() -> None:
    assert where(hd("## 결과\n\n#### 세부\n", "HD002")) == [("HD002", 7, 1)]
    assert where(hd("<h2>결과</h2>\n<p>x</p>\n<h4>세부</h4>\n", "HD002")) == [("HD002", 7, 1)]
    assert where(hd("<h2>결과</h2>\n\n#### 세부\n", "HD002")) == [("HD002", 7, 1)]
    d = hd("## 결과\n\n##### 세부\n", "HD002")
    assert "from h2 to h5" in d[0].message and "###" in (d[0].suggestion or "")


def test_going_down_one_level_and_up_many_is_fine() -> None:
    assert hd("## a\n\n### b\n\n#### c\n\n## d\n\n### e\n", "HD002") == []


def test_each_skip_is_reported_once() -> None:
    # markdownlint MD001: h4 after the skipped h4 is fine; h6 after h4 is another skip.
    assert where(hd("## a\n\n#### b\n\n#### c\n\n###### d\n", "HD002")) == [("HD002", 7, 1), ("HD002", 11, 1)]


def test_first_heading_deeper_than_top_level() -> None:
    d = hd("### 결과\n\n본문\n", "HD002")
    assert where(d) == [("HD002", 5, 1)] and "first heading is an h3" in d[0].message
    assert hd("<h4>결과</h4>\n", "HD002")[0].suggestion.startswith("make it <h2>")  # type: ignore[union-attr]


def test_first_heading_options() -> None:
    text = "### 결과\n\n본문\n"
    assert hd(text, "HD002", {"site": {"top_heading_level": 3}}) == []
    assert hd(text, "HD002", {"rules": {"HD002": {"check_first": False}}}) == []
    # No front matter title and no explicit top level: MD001 does not check the first heading.
    assert lint("---\ndate: 2026-07-04\n---\n### 결과\n", select=["HD002"], dedent=False) == []
    assert hd(text, "HD002", {"site": {"title_is_h1": False}}) == []
    d = hd("## 결과\n", "HD002", {"site": {"top_heading_level": 1}})
    assert "first heading is an h2" in d[0].message


def test_mdx_heading_ids_do_not_change_levels() -> None:
    assert where(hd("## 제목 {/*title*/}\n\n#### 세부 {/*detail*/}\n", "HD002")) == [("HD002", 7, 1)]


# --------------------------------------------------------------------------- HD003 empty-heading


@pytest.mark.parametrize("heading", ["## ", "##", "#", "## #", "<h3></h3>", "<h3>   </h3>", "<h3>&nbsp;</h3>",
                                     "<h3> &#160; </h3>", "## {/*id-only*/}", "<h2><b></b></h2>", "### {#id}"])
def test_empty_headings(heading: str) -> None:
    d = hd(f"본문\n\n{heading}\n\n본문\n", "HD003")
    assert where(d) == [("HD003", 7, 1)]
    assert d[0].severity is Severity.ERROR


@pytest.mark.parametrize("heading", ["## ![로고](logo.png)", '<h2><img src="logo.png" alt="로고"></h2>'])
def test_image_only_heading_is_a_warning(heading: str) -> None:
    d = hd(f"{heading}\n\n본문\n", "HD003")
    assert codes(d) == ["HD003"] and d[0].severity is Severity.WARNING and "only an image" in d[0].message


@pytest.mark.parametrize("heading", ["## `npm`", "<h3><code>useId</code></h3>", "## {{ page.subtitle }}",
                                     "## 제목 {/*title*/}", "## [링크](https://example.com)", "## 0",
                                     "## ![로고](logo.png) 뉴스다오"])
def test_headings_with_words_are_not_empty(heading: str) -> None:
    assert hd(f"{heading}\n\n본문\n", "HD003") == []


# --------------------------------------------------------------------------- HD004 duplicate-sibling-heading


def test_duplicate_siblings_markdown_and_html() -> None:
    d = hd("## 결과\n\n### 세부\n\nx\n\n### 세부\n\nx\n", "HD004")
    assert where(d) == [("HD004", 11, 1)] and "line 7" in d[0].message
    d = hd("<h2>결과</h2><p>x</p>\n<h3>회담  결과</h3><p>x</p>\n<h3>회담 결과</h3>\n", "HD004")
    assert where(d) == [("HD004", 7, 1)]
    assert codes(hd("### 회담 결과\n\nx\n\n<h3>회담\n결과</h3>\n", "HD004")) == ["HD004"]


def test_same_text_under_different_parents_is_fine() -> None:
    text = "## 러시아\n\n### 세부\n\nx\n\n## 중국\n\n### 세부\n\nx\n"
    assert hd(text, "HD004") == []
    d = hd(text, "HD004", {"rules": {"HD004": {"siblings_only": False}}})
    assert where(d) == [("HD004", 13, 1)] and "in this article" in d[0].message


def test_duplicate_after_a_level_skip_and_back() -> None:
    # markdownlint MD024 siblings_only: a new parent starts a new list even after a skip.
    assert hd("## a\n\n#### x\n\n## b\n\n#### x\n", "HD004") == []


def test_code_in_headings_is_part_of_their_text() -> None:
    # Regression: the body model's text leaves inline code out, so both read "설치".
    assert hd("## `npm` 설치\n\nx\n\n## `pnpm` 설치\n\nx\n", "HD004") == []


def test_case_differs_is_not_a_duplicate() -> None:
    assert hd("## Release\n\nx\n\n## release\n\nx\n", "HD004") == []


# --------------------------------------------------------------------------- HD005 heading-trailing-punctuation


def test_trailing_punctuation_points_at_it_with_a_fix() -> None:
    text = FM + "## 회담 결과:\n\n본문\n"
    d = lint(text, select=["HD005"], dedent=False)
    assert where(d) == [("HD005", 5, 9)]
    assert d[0].fixable and len(d[0].edits) == 1
    e = d[0].edits[0]
    assert text[: e.start] + e.replacement + text[e.end :] == FM + "## 회담 결과\n\n본문\n"


@pytest.mark.parametrize("heading", ["## 결과.", "## 끝!", "## 결과；", "## 결과！", "## 결과。", "<h2>참가 등록:</h2>",
                                     "## 기다려...", "결과:\n---", "## 결과. {#result}", "## 제목입니다. {/*title*/}"])
def test_trailing_punctuation_is_caught(heading: str) -> None:
    assert codes(hd(f"{heading}\n\n본문\n", "HD005")) == ["HD005"]


@pytest.mark.parametrize("heading", ["## 무엇이 달라지나?", "## AT&amp;T", "## 설치 {.note}", '## 설치 {id="a."}',
                                     "## 설치 {: #install}", "## 설치 {#install .note} ##", "## 출시 :tada:", "## 설치 {#install.}",
                                     "## 제목 {/*title.*/}", "## `a;`", "## Node.js", "## C#", "## 결과…"])
def test_trailing_punctuation_left_alone(heading: str) -> None:
    d = hd(f"{heading}\n\n본문\n", "HD005")
    if heading == "## `a;`":
        assert codes(d) == ["HD005"]  # code is shown text too, as in markdownlint
    else:
        assert d == []


def test_punctuation_inside_bold_is_pointed_at_without_a_fix() -> None:
    d = hd("## **시작!**\n\n본문\n", "HD005")
    assert where(d) == [("HD005", 5, 8)] and d[0].edits == ()


def test_punctuation_option() -> None:
    assert hd("## 결과:\n", "HD005", {"rules": {"HD005": {"punctuation": ""}}}) == []
    assert codes(hd("## 무엇?\n", "HD005", {"rules": {"HD005": {"punctuation": "?"}}})) == ["HD005"]


def test_crlf_headings() -> None:
    text = "---\r\ntitle: t\r\n---\r\n## 결과:\r\n\r\n결론.\r\n---\r\n\r\n본문\r\n"
    d = lint(text, select=["HD005"], dedent=False)
    assert [(x.line, x.column) for x in d] == [(4, 6), (6, 3)]


# --------------------------------------------------------------------------- HD006 heading-repeats-title


def test_first_heading_repeating_the_title() -> None:
    assert where(hd("## 푸틴, 시진핑 밀착!\n\n본문\n", "HD006")) == [("HD006", 5, 1)]
    assert where(hd("<h2>푸틴 시진핑  밀착</h2>\n<p>본문</p>\n", "HD006")) == [("HD006", 5, 1)]


def test_title_words_further_down_only_with_anywhere() -> None:
    text = "## 회담\n\n본문\n\n### 푸틴 시진핑 밀착\n\n본문\n"
    assert hd(text, "HD006") == []
    assert codes(hd(text, "HD006", {"rules": {"HD006": {"anywhere": True}}})) == ["HD006"]


def test_similar_but_not_the_same_words() -> None:
    assert hd("## 푸틴 시진핑 밀착 배경\n\n본문\n", "HD006") == []


def test_h1_repeating_title_reported_once() -> None:
    assert codes(hd("# 푸틴 시진핑 밀착\n\n본문\n", ["HD001", "HD006"])) == ["HD001"]
    assert codes(hd("# 푸틴 시진핑 밀착\n\n본문\n", "HD006")) == ["HD006"]


def test_own_h1_is_the_title_when_the_template_does_not_show_it() -> None:
    cfg = {"site": {"title_is_h1": False}}
    assert hd("# 푸틴 시진핑 밀착\n\n본문\n", ["HD001", "HD006"], cfg) == []
    assert codes(hd("## 푸틴 시진핑 밀착\n\n본문\n", "HD006", cfg)) == ["HD006"]


# --------------------------------------------------------------------------- HD007 emphasis-as-heading


@pytest.mark.parametrize("para", ["**회담 결과**", "__회담 결과__", "<p><b>회담 결과</b></p>",
                                  '<p data-ke-size="size16"><strong>회담 결과</strong></p>', "<b>회담 결과</b>"])
def test_bold_paragraph_used_as_heading(para: str) -> None:
    d = hd(f"## 소개\n\n본문\n\n{para}\n\n본문\n", "HD007")
    assert codes(d) == ["HD007"] and d[0].line == 9 and d[0].severity is Severity.INFO
    assert "“회담 결과”" in d[0].message and ("###" in (d[0].suggestion or "") or "<h3>" in (d[0].suggestion or ""))


@pytest.mark.parametrize("para", ["**주의: 이것은 문장입니다.**", "**굵게** 일반 텍스트", "**첫 줄**\n둘째 줄",
                                  "- **목록 안**", "<table><tr><td><b>표 안</b></td></tr></table>", "> **인용 안**",
                                  "**[링크](https://example.com)**", "**`code`**", "**" + "가" * 81 + "**",
                                  "```\n**코드 안**\n```", "<!-- **주석 안** -->", "**다크 모드입니다. 확인해 보세요**",
                                  "*기울임*", "**회담 결과?**", "**코드를 종합해보면 이렇게 되겠네요**",
                                  "**정부는 대책을 발표했다**", "**(참고로 이 단계는 생략할 수 있음)**",
                                  "**“검색 상단에 노출시킨다”**"])
def test_bold_text_that_is_not_a_heading(para: str) -> None:
    assert hd(f"본문\n\n{para}\n\n본문\n", "HD007") == []


def test_max_length_option() -> None:
    text = "본문\n\n**" + "가" * 90 + "**\n\n본문\n"
    assert codes(hd(text, "HD007", {"rules": {"HD007": {"max_length": 0}}})) == ["HD007"]


# --------------------------------------------------------------------------- HD008 empty-section


@pytest.mark.parametrize("between", ["", "\n", "<!-- 작성 중 -->", '<p data-ke-size="size16">&nbsp;</p>', "---",
                                     "<hr>", "{: .notice}", "<div></div>", "{/* MDX 주석 */}"])
def test_empty_sections(between: str) -> None:
    d = hd(f"## 결과\n\n{between}\n\n## 다음 단계\n\n본문\n", "HD008")
    assert where(d) == [("HD008", 5, 1)]


def test_empty_section_in_html_on_one_line() -> None:
    d = hd("<h2>결과</h2><h2>다음 단계</h2><p>본문</p>\n", "HD008")
    assert where(d) == [("HD008", 5, 1)] and "“결과”" in d[0].message


@pytest.mark.parametrize("between", ["본문", "![사진](a.jpg)", '<img src="a.jpg" alt="사진">',
                                     "```\ncode\n```", "{% include video.html %}", '<iframe src="x"></iframe>',
                                     "- 항목", "| a |\n|---|\n| 1 |", "<table><tr><td></td></tr></table>",
                                     "`x`"])
def test_sections_with_content(between: str) -> None:
    assert hd(f"## 결과\n\n{between}\n\n## 다음 단계\n\n본문\n", "HD008") == []


def test_subsections_and_last_heading_are_not_empty_sections() -> None:
    assert hd("## 결과\n\n### 세부\n\n본문\n\n## 마무리\n", "HD008") == []
    d = hd("### 세부\n\n## 상위\n\n본문\n", "HD008")
    assert where(d) == [("HD008", 5, 1)]


def test_empty_heading_is_left_to_hd003() -> None:
    assert hd("##\n\n## 다음\n\n본문\n", "HD008") == []


# --------------------------------------------------------------------------- all rules together


def test_rules_document_their_markdownlint_counterpart() -> None:
    from newslint.registry import REGISTRY, load_rules

    load_rules()
    docs = {c: r.docs for c, r in REGISTRY.items() if r.family == "headings"}
    assert len(docs) == 8
    for code, mdl in {"HD001": "MD025", "HD002": "MD001", "HD004": "MD024", "HD005": "MD026",
                      "HD007": "MD036"}.items():
        assert mdl in docs[code]
    for code in ("HD003", "HD006", "HD008"):
        assert "markdownlint has no such rule" in docs[code]


def test_rule_examples_behave_as_documented() -> None:
    from newslint.registry import REGISTRY, load_rules

    load_rules()
    for code, r in REGISTRY.items():
        if r.family != "headings":
            continue
        bad = r.bad if r.bad.startswith("---") else FM + r.bad
        good = r.good if r.good.startswith("---") else FM + r.good
        assert code in codes(lint(bad + "\n", select=[code], dedent=False)), code
        assert lint(good + "\n", select=[code], dedent=False) == [], code
