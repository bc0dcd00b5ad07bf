"""The body model's shortcuts (attribute cache, lazy text index, one event list) keep exact offsets."""

from __future__ import annotations

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
