"""HTML family: editor artifacts, headerless tables, invisible characters, leaked Hanja."""

from __future__ import annotations

from pathlib import Path

from newslint.testing import codes, lint

FIXTURES = Path(__file__).parent / "fixtures" / "html"
FM = "---\ntitle: 제목\n---\n\n"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _html(body: str, select: list[str], path: str = "_posts/2026-07-04-a.md", **config: object) -> list:
    return lint(FM + body, path=path, select=select, config=dict(config) or None, dedent=False)


# --------------------------------------------------------------------------- fixtures


def test_tistory_paste_gets_every_artifact_once() -> None:
    d = lint(_fixture("tistory-paste.md"), select=["html"], dedent=False)
    assert sorted(codes(d)) == ["HTML001", "HTML002", "HTML003", "HTML004"]
    by = {x.rule: x for x in d}
    assert "4 times" in by["HTML001"].message and "Tistory" in by["HTML001"].message
    assert by["HTML001"].line == 5  # the first data-ke-size, on the <h2>
    assert "2 empty paragraphs" in by["HTML003"].message
    # text-align alone is allowed; the color and the height are not.
    assert "3 inline `style` attributes" in by["HTML002"].message
    assert "bold" in by["HTML004"].message and by["HTML004"].line == 11


def test_clean_article_has_nothing() -> None:
    assert lint(_fixture("clean.md"), select=["html"], dedent=False) == []


def test_seed_article() -> None:
    seed = Path("/work/shared/examples/breaking-news-ko.md")
    if not seed.exists():
        return
    d = lint(seed.read_text(encoding="utf-8"), select=["html"], dedent=False)
    assert sorted(codes(d)) == ["HTML001", "HTML002", "HTML004"]


# --------------------------------------------------------------------------- HTML001


def test_editor_attributes_each_and_other_sources() -> None:
    body = '<p data-ke-size="size16">가</p>\n<p data-ke-size="size16">나</p>\n<p class="MsoNormal">다</p>\n'
    d = _html(body, ["HTML001"], rules={"HTML001": {"report_each": True}})
    assert codes(d) == ["HTML001"] * 3
    assert "Microsoft Word" in d[2].message
    assert (d[0].line, d[0].column) == (5, 4)


def test_editor_attributes_leave_ordinary_attributes_and_allow() -> None:
    body = '<p class="lead" id="top" data-id="3">가</p>\n<p data-ke-size="size16">나</p>\n'
    assert _html(body, ["HTML001"], rules={"HTML001": {"allow": ["data-ke-*"]}}) == []
    assert codes(_html('<p data-se-x="1">가</p>\n', ["HTML001"], rules={"HTML001": {"extra": ["data-se-*"]}})) \
        == ["HTML001"]


def test_editor_attribute_verdicts_kept_per_set_of_options() -> None:
    # Verdicts are remembered across articles; each set of options has its own.
    body = '<p data-ke-size="size16" data-se-x="1">가</p>\n'
    extra, allow = {"HTML001": {"extra": ["data-se-*"]}}, {"HTML001": {"allow": ["data-ke-*"]}}
    for _ in range(2):
        assert [d.message.split(" is ")[0] for d in _html(body, ["HTML001"])] == ["`data-ke-size`"]
        assert len(_html(body, ["HTML001"], rules=extra)) == 2
        assert _html(body, ["HTML001"], rules=allow) == []


# --------------------------------------------------------------------------- HTML002


def test_style_verdicts_kept_per_set_of_options() -> None:
    body = '<p><span style="color: red">가</span> <span style="text-align: center">나</span></p>\n'
    allow = {"HTML002": {"allow_properties": ["color", "text-align"]}}
    ignore = {"HTML002": {"ignore_tags": ["span"]}}
    for _ in range(2):
        assert len(_html(body, ["HTML002"])) == 1
        assert _html(body, ["HTML002"], rules=allow) == []
        assert _html(body, ["HTML002"], rules=ignore) == []


def test_font_tag_and_span_style() -> None:
    d = _html('<p><font color="red">빨강</font> <span style="color:red">빨강</span></p>\n', ["HTML002"])
    assert sorted(x.message.split()[0] for x in d) == ["`<font>`", "inline"]


def test_style_on_media_div_and_alignment_left_alone() -> None:
    body = ('<img src="a.png" alt="그림" style="width: 50%">\n\n<div style="display:flex">가</div>\n\n'
            '<p style="text-align: center">나</p>\n')
    assert _html(body, ["HTML002"]) == []


# --------------------------------------------------------------------------- HTML003


def test_empty_paragraph_variants() -> None:
    for p in ("<p></p>", "<p>&nbsp;</p>", '<p data-ke-size="size16"> &nbsp; </p>', "<p><br></p>",
              "<p><span>&#160;</span></p>", "<p>\u200b</p>"):
        assert codes(_html(f"가\n\n{p}\n", ["HTML003"])) == ["HTML003"], p


def test_paragraphs_with_content_are_not_empty() -> None:
    for p in ("<p>가</p>", '<p><img src="a.png" alt="가"></p>', "<p>{{ page.lead }}</p>", "<p><code> </code></p>"):
        assert _html(f"{p}\n", ["HTML003"]) == [], p


# --------------------------------------------------------------------------- HTML004


def test_table_with_th_or_thead_is_fine() -> None:
    body = "<table>\n<thead><tr><td>항목</td><td>값</td></tr></thead>\n<tr><td>가</td><td>1</td></tr>\n</table>\n"
    assert _html(body, ["HTML004"]) == []


def test_plain_grid_only_with_require_header() -> None:
    body = "<table>\n<tr><td>가</td><td>나</td></tr>\n<tr><td>다</td><td>라</td></tr>\n</table>\n"
    assert _html(body, ["HTML004"]) == []
    d = _html(body, ["HTML004"], rules={"HTML004": {"require_header": True}})
    assert codes(d) == ["HTML004"] and "no header cells" in d[0].message


def test_one_row_or_one_column_tables_are_layout() -> None:
    one_row = "<table><tr><td><b>가</b></td><td><b>나</b></td></tr></table>\n"
    one_col = "<table><tr><td><b>가</b></td></tr><tr><td>나</td></tr></table>\n"
    assert _html(one_row, ["HTML004"]) == [] and _html(one_col, ["HTML004"]) == []


def test_partly_bold_first_row_is_not_a_fake_header() -> None:
    body = "<table><tr><td><b>가</b> 설명</td><td><b>나</b></td></tr><tr><td>1</td><td>2</td></tr></table>\n"
    assert _html(body, ["HTML004"]) == []


def test_fake_header_in_html_file() -> None:
    body = "<table><tr><td><strong>가</strong></td><td><b>나</b></td></tr><tr><td>1</td><td>2</td></tr></table>\n"
    assert codes(_html(body, ["HTML004"], path="_posts/2026-07-04-a.html")) == ["HTML004"]


# --------------------------------------------------------------------------- HTML005


def test_invisible_characters_in_body_and_title() -> None:
    text = "---\ntitle: \"속보\u200b 발표\"\n---\n\n정부는\u200b 오늘 발표했다.\n\n<p>끝\u2060이다.</p>\n"
    d = lint(text, select=["HTML005"], dedent=False)
    assert codes(d) == ["HTML005"] * 3
    assert [x.line for x in d] == [2, 5, 7]
    assert "zero-width space (U+200B)" in d[1].message and (d[1].column, d[1].end_column) == (4, 5)


def test_invisible_characters_left_alone() -> None:
    body = ("가족 👨\u200d👩\u200d👧 사진\n\n"  # emoji ZWJ sequence
            "שלום\u200f עולם\n\n"  # a direction mark in Hebrew
            "수식 $a_{ij}\u200b$ 의 값\n\n"  # Typora's zero-width space in math
            "`code\u200b`\n")
    assert _html(body, ["HTML005"]) == []
    assert _html("가\u00ad나\n", ["HTML005"], rules={"HTML005": {"allow": ["U+00AD"]}}) == []


def test_an_invisible_character_written_as_an_entity_is_left_alone_whatever_else_the_file_holds() -> None:
    """Regression: `&#8203;` was reported only when the file also held a real invisible character
    somewhere (the quick test reads the file, the rule the decoded prose). An entity can be seen in
    the source, so it is never reported; the real character still is."""
    entity = "<p>가&#8203;나 문장.</p>\n"
    assert _html(entity, ["HTML005"], path="_posts/2026-07-04-a.html") == []
    d = _html(entity + "<p>다\u200b라</p>\n", ["HTML005"], path="_posts/2026-07-04-a.html")
    assert [(x.line - FM.count("\n"), x.column) for x in d] == [(2, 5)]
    assert codes(_html("<p>&#8203;</p>\n<p>본문.</p>\n", ["HTML003", "HTML005"])) == ["HTML003"]
    assert codes(_html("<p>\u200b</p>\n<p>본문.</p>\n", ["HTML003", "HTML005"])) == ["HTML003", "HTML005"]
    assert lint('---\ntitle: "속보\\u200b 발표"\n---\n\n본문.\n', select=["HTML005"], dedent=False) == []


# --------------------------------------------------------------------------- HTML006


def test_hanja_leftovers_from_machine_translation() -> None:
    for s, run in (("여론 조작을批判하였습니다.", "批判"), ("개인申请者의 신용평점", "申请者"),
                   ("매우 불公平한 상황", "公平"), ("국민에게及时하게 제공", "及时"),
                   ("범죄의 根源을 제거", "根源"), ("정책과改革 노력이", "改革")):
        d = _html(f"<p>{s}</p>\n", ["HTML006"])
        assert codes(d) == ["HTML006"], s
        assert f"'{run}'" in d[0].message


def test_hanja_position() -> None:
    d = _html("여론 조작을批判하였습니다.\n", ["HTML006"])
    assert (d[0].line, d[0].column, d[0].end_column) == (5, 7, 9)


def test_legitimate_hanja_left_alone() -> None:
    for s in ("경제(經濟)가 회복됐다.", "전기담요(電氣담_), 죽부인(竹夫人)", "經濟(경제)를 살린다.",
              "美中 갈등이 커졌다.", "與野가 합의했다.", "故 이건희 회장", "中에 관세를 매겼다.",
              "새움綜合建設 株式會社", "東京タワー를 방문", "母子가 함께 왔다."):
        assert _html(f"<p>{s}</p>\n", ["HTML006"]) == [], s


def test_hanja_in_titles_only_when_cut_into_a_word() -> None:
    ok = "---\ntitle: 메달 1호 母子의 이야기\n---\n\n본문\n"
    assert lint(ok, select=["HTML006"], dedent=False) == []
    bad = "---\ntitle: 의료改革을 위한 지원\n---\n\n## 의료改革을 위한 지원\n"
    assert codes(lint(bad, select=["HTML006"], dedent=False)) == ["HTML006", "HTML006"]


def test_hanja_min_length_option() -> None:
    assert _html("<p>거래가 活발하다</p>\n", ["HTML006"]) == []
    assert codes(_html("<p>거래가 活발하다</p>\n", ["HTML006"], rules={"HTML006": {"min_length": 1}})) == ["HTML006"]


def test_documented_examples_behave() -> None:
    from newslint.registry import iter_rules

    for r in iter_rules():
        if r.family == "html":
            assert codes(lint(FM + r.bad + "\n", select=[r.code], dedent=False)) == [r.code], r.code
            assert lint(FM + r.good + "\n", select=[r.code], dedent=False) == [], r.code
