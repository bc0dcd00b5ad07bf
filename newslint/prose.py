"""Prose to check for words: body blocks and selected front matter values, with source offsets.

Typos, style and html rules look at words; this gives them one list of text segments,
each able to turn an index in its text back into an offset in the article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newslint.body import Block
from newslint.document import Document

FM_PROSE_KEYS = ("title", "excerpt", "feature_text", "description", "summary", "subtitle")


@dataclass(slots=True)
class Segment:
    """A run of prose (a body block or a front matter value) that maps its text back to the article."""

    text: str
    kind: str  # a Block kind (paragraph, heading, list_item, table_cell, blockquote, caption, alt) or "fm:<key>"
    block: Block | None = None
    _fm_map: list[int] | None = None  # source offset of every character of a front matter value
    # (article text, node start, node end) of a front matter value: its _fm_map is built on the first
    # offset() call, since most values never get a diagnostic.
    _fm_src: tuple[str, int, int] | None = None

    def offset(self, i: int) -> int:
        """Article offset of index `i` of `text` (i == len(text) maps just past the last character)."""
        if self.block is not None:
            return self.block.source_offset(i)
        if self._fm_map is None and self._fm_src is not None:
            src, start, end = self._fm_src
            self._fm_map = _align(src, start, end, self.text)
        m = self._fm_map or [0]
        if i < len(m):
            return m[i]
        return m[-1] + 1 if m else 0

    @property
    def in_front_matter(self) -> bool:
        return self.kind.startswith("fm:")


def _align(src: str, start: int, node_end: int, value: str) -> list[int]:
    """Map each character of a scalar's value to its source offset (folding and quotes skipped)."""
    pos = start
    end = max(node_end, start)
    if value:
        # A value written as is (most titles): every character sits where a character-by-character
        # search would put it, provided its first character occurs nowhere before.
        j = src.find(value, pos, end)
        if j >= 0 and not value[0].isspace() and src.find(value[0], pos, end) == j:
            return list(range(j, j + len(value)))
    return _walk(src, pos, end, value)


def _walk(src: str, pos: int, end: int, value: str) -> list[int]:
    """_align character by character: each character at its next occurrence, spaces at the next space."""
    out = []
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


def fm_segment(doc: Document, key: str) -> Segment | None:
    fm = doc.fm
    if fm is None:
        return None
    node = fm.node(key)
    if node is None or node.kind != "scalar" or not isinstance(node.value, str) or not node.value.strip():
        return None
    return Segment(node.value, f"fm:{key}", None, None, (doc.text, node.start, node.end))


def prose_segments(doc: Document, fm_keys: Iterable[str] = FM_PROSE_KEYS, body: bool = True,
                   alt: bool = True) -> list[Segment]:
    """Front matter values (in `fm_keys` order) then body blocks in document order."""
    key = f"prose:{tuple(fm_keys)}:{body}:{alt}"
    cached = doc.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return,unused-ignore]
    out: list[Segment] = []
    for k in fm_keys:
        seg = fm_segment(doc, k)
        if seg is not None:
            out.append(seg)
    if body and doc.readable:
        for b in doc.body.blocks:
            if b.kind == "alt" and not alt:
                continue
            if b.text.strip():
                out.append(Segment(b.text, b.kind, b))
    doc.memo[key] = out
    return out
