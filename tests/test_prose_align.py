"""The front matter offset map: the verbatim-value shortcut agrees with the character-by-character walk."""

from __future__ import annotations

import random

from newslint.document import load_text
from newslint.prose import _align, _walk, fm_segment


def _reference(src: str, start: int, node_end: int, value: str) -> list[int]:
    """The plain algorithm, character by character, without the verbatim shortcut."""
    return _walk(src, start, max(node_end, start), value)


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
        assert _align(src, start, end, value) == _reference(src, start, end, value), (src, start, end, value)


def test_front_matter_segment_offsets_built_on_demand() -> None:
    doc = load_text("---\ntitle: '서울 시장, 발표'\nexcerpt: >\n  첫 줄\n  둘째 줄\n---\n\n본문\n")
    for key in ("title", "excerpt"):
        seg = fm_segment(doc, key)
        node = doc.fm.node(key) if doc.fm is not None else None
        assert seg is not None and node is not None
        expected = _reference(doc.text, node.start, node.end, seg.text)
        assert [seg.offset(i) for i in range(len(seg.text))] == expected
        assert seg.offset(len(seg.text)) == expected[-1] + 1
    title = fm_segment(doc, "title")
    assert title is not None and doc.text[title.offset(0)] == "서"
