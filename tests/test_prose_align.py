"""The front matter offset map: the verbatim-value shortcut agrees with the character-by-character walk."""

from __future__ import annotations

import random

from newslint.document import load_text
from newslint.prose import _align, fm_segment


def _walk(src: str, start: int, node_end: int, value: str) -> list[int]:
    """The plain algorithm, character by character (the reference)."""
    pos, end, out = start, max(node_end, start), []
    for ch in value:
        if ch.isspace():
            out.append(min(pos, end))
            while pos < end and src[pos].isspace() and src[pos] != ch:
                pos += 1
            if pos < end and src[pos] == ch:
                pos += 1
            continue
        j = src.find(ch, pos, end)
        if j < 0:
            out.append(min(pos, end))
            continue
        out.append(j)
        pos = j + 1
    return out


def test_align_matches_the_walk_on_random_values() -> None:
    rnd = random.Random(8)
    for _ in range(20000):
        src = "".join(rnd.choice("ab \n'\"") for _ in range(rnd.randint(0, 12)))
        start, end = rnd.randint(0, len(src)), rnd.randint(0, len(src))
        if rnd.random() < 0.5 and len(src) > 1:
            a = rnd.randint(0, len(src) - 1)
            value = src[a:rnd.randint(a, len(src))]
        else:
            value = "".join(rnd.choice("ab \n") for _ in range(rnd.randint(0, 5)))
        assert _align(src, start, end, value) == _walk(src, start, end, value), (src, start, end, value)


def test_front_matter_segment_offsets_built_on_demand() -> None:
    doc = load_text("---\ntitle: '서울 시장, 발표'\nexcerpt: >\n  첫 줄\n  둘째 줄\n---\n\n본문\n")
    for key in ("title", "excerpt"):
        seg = fm_segment(doc, key)
        node = doc.fm.node(key) if doc.fm is not None else None
        assert seg is not None and node is not None
        expected = _walk(doc.text, node.start, node.end, seg.text)
        assert [seg.offset(i) for i in range(len(seg.text))] == expected
        assert seg.offset(len(seg.text)) == expected[-1] + 1
    title = fm_segment(doc, "title")
    assert title is not None and doc.text[title.offset(0)] == "서"
