"""The body model: headings, images, links and prose blocks, with positions, in Markdown and HTML."""

from __future__ import annotations

from newslint.document import load_text


def body(text: str, path: str = "a.md"):  # type: ignore[no-untyped-def]
    doc = load_text("---\ntitle: t\n---\n" + text, path)
    return doc, doc.body


def test_markdown_and_html_headings_with_positions() -> None:
    doc, b = body("## 둘째 수준\n\n<h3 class='x'>셋째 <b>수준</b></h3>\n\n제목\n===\n\n본문 문단\n")
    assert [(h.level, h.text, h.markup) for h in b.headings] == [
        (2, "둘째 수준", "atx"), (3, "셋째 수준", "html"), (1, "제목", "setext")]
    assert [doc.position(h.start) for h in b.headings] == [(4, 1), (6, 1), (8, 1)]


def test_not_headings_in_code_comments_liquid_and_quotes() -> None:
    _doc, b = body("```\n# code\n```\n<!-- <h2>x</h2> -->\n{% raw %}\n# raw\n{% endraw %}\n> ## quoted\n\n"
                   "    # indented four\n<pre><h2>pre</h2></pre>\n")
    assert b.headings == []


def test_heading_ids_and_closing_hashes_are_not_text() -> None:
    _doc, b = body("## 제목 {/*title-id*/}\n\n### 둘째 {#second}\n\n#### 셋째 ###\n")
    assert [h.text for h in b.headings] == ["제목", "둘째", "셋째"]


def test_empty_heading() -> None:
    _doc, b = body("## \n\n<h3></h3>\n\n<h4>&nbsp;</h4>\n")
    assert [(h.level, h.text.strip("\xa0 ")) for h in b.headings] == [(2, ""), (3, ""), (4, "")]


def test_images_from_markdown_html_reference_and_srcset() -> None:
    doc, b = body('![대체 텍스트](/img/a.jpg "제목")\n\n<img src="https://x.kr/b.png">\n\n![][ref]\n\n'
                  '[ref]: https://x.kr/c.webp\n\n<img src="/d.jpg" srcset="/d-1x.jpg 1x, /d-2x.jpg 2x" alt="">\n\n'
                  '<img src="{{ site.url }}/e.jpg" alt="e">\n')
    got = [(i.src, i.alt, i.markup, i.templated) for i in b.images]
    assert got == [("/img/a.jpg", "대체 텍스트", "md", False), ("https://x.kr/b.png", None, "html", False),
                   ("https://x.kr/c.webp", "", "md-ref", False), ("/d.jpg", "", "html", False),
                   ("/d-1x.jpg", "", "srcset", False), ("/d-2x.jpg", "", "srcset", False),
                   ("{{ site.url }}/e.jpg", "e", "html", True)]
    assert doc.position(b.images[0].src_start) == (4, 11)
    assert b.images[0].title == "제목"


def test_links_with_rel_and_text() -> None:
    _doc, b = body('[기사](https://a.kr/x?utm_source=y) 와 <a href="https://b.kr" rel="dofollow">'
                   '<b>https://b.kr</b></a> <https://c.kr>\n')
    got = [(lk.href, lk.text, lk.markup) for lk in b.links]
    assert got == [("https://a.kr/x?utm_source=y", "기사", "md"), ("https://b.kr", "https://b.kr", "html"),
                   ("https://c.kr", "https://c.kr", "autolink")]
    rel = b.links[1].tag.attr("rel") if b.links[1].tag else None
    assert rel is not None and rel.value == "dofollow"


def test_reference_links_point_at_their_definition() -> None:
    doc, b = body("[보도자료][1], [다시][1], [짧게][], ![사진][1] and [shortcut]\n\n"
                  "[1]: <https://a.kr/x> \"제목\"\n[짧게]: https://b.kr\n[shortcut]: https://c.kr\n")
    got = [(lk.href, lk.text, lk.markup, doc.text[lk.href_start:lk.href_end]) for lk in b.links]
    # one link per definition used (the address is written once), no autolink for <…> in a definition,
    # and a shortcut [label] alone is not taken for a link
    assert got == [("https://a.kr/x", "보도자료", "md-ref", "https://a.kr/x"),
                   ("https://b.kr", "짧게", "md-ref", "https://b.kr")]


def test_prose_blocks_map_back_to_source() -> None:
    text = ('<p data-ke-size="size16">러시아와 <b>중국</b>의 협력&nbsp;강화</p>\n\n- 목록 **항목**\n\n'
            '| 표 | 칸 |\n|---|---|\n| 가 | 나 |\n')
    doc, b = body(text)
    kinds = [(blk.kind, blk.text.strip()) for blk in b.blocks]
    assert kinds == [("paragraph", "러시아와 중국의 협력\xa0강화"), ("list_item", "목록 항목"),
                     ("table_cell", "표"), ("table_cell", "칸"), ("table_cell", "가"), ("table_cell", "나")]
    para = b.blocks[0]
    i = para.text.index("중국")
    assert doc.text[para.source_offset(i): para.source_offset(i) + 2] == "중국"
    j = para.text.index("강화")
    assert doc.text[para.source_offset(j): para.source_offset(j) + 2] == "강화"


def test_inline_code_and_liquid_are_not_prose() -> None:
    _doc, b = body("코드 `rm -rf` 와 {{ page.title }} 그리고 {% include x.html %} 끝\n")
    assert "rm" not in b.blocks[0].text and "page" not in b.blocks[0].text and "include" not in b.blocks[0].text


def test_html_file_has_no_markdown() -> None:
    _doc, b = body("# not a heading\n<h2>real</h2>\n![not](image.png)\n", path="a.html")
    assert [h.text for h in b.headings] == ["real"]
    assert b.images == []


def test_unclosed_tags_and_comments_do_not_break_the_model() -> None:
    _doc, b = body("<p>첫 문단\n<p>둘째 문단\n<h2>제목\n\n<!-- 닫히지 않은 주석\n## 숨은 제목\n")
    assert [h.text for h in b.headings] == ["제목"]
    assert b.blocks[0].text.strip() == "첫 문단"


def test_crlf_positions() -> None:
    doc = load_text("---\r\ntitle: t\r\n---\r\n\r\n## 제목\r\n\r\n![a](b.png)\r\n")
    assert doc.position(doc.body.headings[0].start) == (5, 1)
    assert doc.body.headings[0].text == "제목"
    assert doc.position(doc.body.images[0].start) == (7, 1)


def test_indented_code_blocks_are_not_prose_but_list_continuations_and_html_are() -> None:
    _doc, b = body("문단입니다.\n\n    end\n    # not a heading\n\n다음 문단\n\n- 목록\n\n    목록의 둘째 문단\n\n"
                   "<table>\n\n    <tr><td>칸</td></tr>\n</table>\n")
    texts = [blk.text.strip() for blk in b.blocks]
    assert "end" not in " ".join(texts)
    assert "목록의 둘째 문단" in texts and "칸" in texts and "다음 문단" in texts


def test_quote_marker_deeper_than_three_spaces_and_escaped_tags() -> None:
    doc, b = body("      > 깊은 인용\n\n\\<sarang> 안녕하세요\n")
    assert any("안녕하세요" in blk.text and "sarang" in blk.text for blk in b.blocks)
    assert all(t.name != "sarang" for t in b.tags)
