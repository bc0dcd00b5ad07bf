"""The body model's shortcuts (attribute cache, lazy text index, one event list) keep exact offsets."""

from __future__ import annotations

import pytest

import newslint.body as body_module
from newslint.body import parse_body


def test_repeated_attribute_strings_get_their_own_offsets() -> None:
    text = '<p data-ke-size="size16">가</p>\n<p data-ke-size="size16">나 &amp; 다</p>\n'
    body = parse_body(text, 0)
    opens = [t for t in body.tags if t.name == "p" and not t.closing]
    assert len(opens) == 2
    for t in opens:
        a = t.attr("data-ke-size")
        assert a is not None and a.value == "size16"
        assert text[a.start : a.start + len("data-ke-size")] == "data-ke-size"
        assert text[a.value_start : a.value_end] == "size16"
    assert [t.attrs for t in body.tags if t.closing] == [(), ()]


def test_block_offsets_across_pieces_entities_and_line_breaks() -> None:
    for nl in ("\n", "\r\n", "\r"):
        text = f"첫 **굵게** 문장{nl}A &amp; B{nl}{nl}<p>둘째 <b>문단</b></p>{nl}"
        body = parse_body(text, 0)
        first, second = body.blocks
        assert first.text == f"첫 굵게 문장{nl}A & B{nl}"
        for i, ch in enumerate(first.text):
            src = first.source_offset(i)
            assert text.startswith(ch, src) or (ch == "&" and text.startswith("&amp;", src)), (nl, i, ch)
        assert first.source_offset(len(first.text)) == text.index(f"{nl}{nl}") + len(nl)
        assert second.text == "둘째 문단"
        assert [text[second.source_offset(i)] for i in range(len(second.text))] == list("둘째 문단")


def test_markdown_removal_and_tag_at_the_same_offset() -> None:
    text = "**<b>x</b>** y\n\n<h2>**제목**</h2>\n"
    body = parse_body(text, 0)
    assert [b.text for b in body.blocks] == ["x y\n", "제목"]
    assert [h.text for h in body.headings] == ["제목"]


def _model(text: str, markdown: bool = True) -> list[object]:
    body = parse_body(text, 0, markdown=markdown)
    out: list[object] = [body.tags]
    for bl in body.blocks:
        out.append((bl.kind, bl.start, bl.end, bl.text, bl.level, bl.in_quote, bl.markup,
                    [bl.source_offset(i) for i in range(len(bl.text) + 2)]))
    out += [(h.level, h.text, h.start, h.end, h.markup, body.blocks.index(h.block)) for h in body.headings]
    return out


def test_one_element_lines_are_taken_as_the_line_walk_takes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = [
        '<p data-ke-size="size16">가 나 다</p>\n\n<p>A &amp; B &nbsp;</p>\n<p> </p>\n<p>&nbsp;</p>\n',
        "<p> <b>굵게</b> 글 <a href='x'>링크</a></p>\n<p><img src='a.png' alt='그림'/></p>\n",
        "<h2>제목 <em>하나</em></h2>\n<h3></h3>\n<h2>열림</h3>\n텍스트\n\n<h2>\n둘째 제목\n</h2>\n",
        "<blockquote>\n<p>인용</p>\n<h2>인용 속 제목</h2>\n</blockquote>\n",
        "<table>\n  <tr>\n    <td style='a'><b>구분</b></td>\n    <td>내용</td>\n  </tr>\n  <tr><td>x</td>\n"
        "    <td>unclosed\n    <td>y</td>\n</table>\n",
        "<ul>\n<li>하나</li>\n<li>둘\n<li>셋</li>\n</ul>\n<p>열린 문단\n<p>다음</p> 꼬리\n",
        '<p class="a__b">**굵게** 글 [링크](http://x)</p>\n<p>~~지움~~ __밑줄__</p>\n',
        "<p>문단</p>\r\n\r\n<h2>제목</h2>\r\n<p>줄\r\n바꿈</p>\r\n",
        "<p>a</p><p>b</p>\n<p>a</p> <p>b</p>\n<div><p>in div</p></div>\n<p><br></p>\n<p>x<br>y</p>\n",
        "<img\n  src='x.png'>\n<p>after</p>\n",
    ]
    fast = [(_model(t), _model(t, markdown=False)) for t in samples]
    monkeypatch.setattr(body_module, "_element_line", lambda *args: -1)
    assert fast == [(_model(t), _model(t, markdown=False)) for t in samples]


def test_code_spans_in_a_list_without_blank_lines() -> None:
    text = "- `a` x `b`\n- ``c ` d`` e\n- `open\n\n`closed`\n"
    body = parse_body(text, 0)
    assert body.masked == "-     x    \n-           e\n- `open\n\n        \n"
    assert body.code == [(2, 5), (8, 11), (14, 23), (35, 43)]


def test_markdown_text_lines_keep_their_blocks_and_offsets() -> None:
    text = ("> 인용\n이어짐\n\n- 항목\n  이어서\n\n문단 첫 줄\n둘째 줄\n===\n\n| a | b |\n계속 | c\n\n"
            "첫 줄\r\n<b>둘</b> 줄\r\n끝 &amp; 줄")
    body = parse_body(text, 0)
    assert [(b.kind, b.text, b.start, b.end, b.in_quote) for b in body.blocks] == [
        ("blockquote", "인용\n이어짐\n", 2, 9, True),
        ("list_item", "항목\n  이어서\n", 12, 21, False),
        ("heading", "문단 첫 줄\n둘째 줄\n", 22, 34, False),
        ("table_cell", " a ", 40, 43, False),
        ("table_cell", " b ", 44, 47, False),
        ("table_cell", "계속 ", 49, 52, False),
        ("table_cell", " c\n", 53, 56, False),
        ("paragraph", "첫 줄\r\n둘 줄\r\n끝 & 줄", 57, 83, False),
    ]
    assert [(h.level, h.text, h.start, h.end) for h in body.headings] == [(1, "문단 첫 줄 둘째 줄", 22, 37)]
    for blk in body.blocks:
        for i, ch in enumerate(blk.text):
            src = blk.source_offset(i)
            assert text.startswith(ch, src) or (ch == "&" and text.startswith("&amp;", src))
        assert blk.source_offset(len(blk.text)) == blk.end


def test_tags_found_by_split_are_those_found_one_by_one() -> None:
    text = ('앞 \\<b> <B>굵게</B> <p  data-ke-size="size16" CLASS=x>가</p >\n<img src="{{ a }}" alt=\'그림\'/>'
            '<a href=x title="a > b">링크</a><br/><1p> <x:y z>\n<td\n style="a">끝</td>')
    for start in (0, 3, 40):
        masked = " " * start + text[start:]
        got = body_module.parse_tags(text, masked, start, len(text))
        want = []
        for m in body_module._TAG.finditer(masked, start):
            a0, a1 = m.span(3)
            want.append((m.group(2).lower(), m.group(1) == "/", m.start(), m.end(),
                         [(n, v, a0 + s, a0 + vs, a0 + ve) for n, v, s, vs, ve in body_module._parse_attrs(text[a0:a1])]))
        assert [(t.name, t.closing, t.start, t.end, [(a.name, a.value, a.start, a.value_start, a.value_end)
                                                      for a in t.attrs]) for t in got] == want
