"""The article body as one model, whatever its markup.

Jekyll and Hugo posts mix Markdown and HTML freely, often on the same line. Rather than
build two DOMs (slow, and neither keeps source positions), we scan the text once:

1. mask: code (fenced, inline, `<pre>`, `<code>`), HTML comments, Liquid and Hugo tags,
   MDX comments and math are replaced by spaces of the same length, so every later offset
   is still an offset into the original text and nothing inside them is mistaken for prose,
   headings, images or links;
2. tags: HTML tags are read from the masked text with their attributes and offsets;
3. blocks: a line scanner for Markdown structure plus a stack of open HTML elements cut the
   text into prose blocks (paragraph, heading, list item, table cell, quote, alt text), each
   keeping a map from its plain text back to source offsets;
4. headings, images and links are collected along the way.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, attrgetter

from newslint.lazyre import lazy
from newslint.textindex import LINE_BREAK

# --------------------------------------------------------------------------- data model


@dataclass(slots=True)
class Attr:
    """An attribute of an HTML tag, with the offsets of its name and value."""

    name: str  # lower-cased
    value: str | None  # entity-decoded; None for a bare attribute
    start: int  # offset of the attribute name
    value_start: int  # offset of the first character of the value (inside quotes)
    value_end: int


@dataclass(slots=True)
class Tag:
    """An HTML tag as written, start or end, with its attributes."""

    name: str  # lower-cased
    closing: bool
    start: int
    end: int
    attrs: tuple[Attr, ...] = ()  # a tuple: most tags have none, and all of them share the empty one

    def attr(self, name: str) -> Attr | None:
        for a in self.attrs:
            if a.name == name:
                return a
        return None


@dataclass(slots=True, eq=False)
class Block:
    """A run of prose with a map from its plain text back to the source."""

    kind: str  # paragraph, heading, list_item, table_cell, blockquote, caption, alt
    start: int  # source span of the block's content
    end: int
    text: str = ""
    level: int = 0  # headings only
    in_quote: bool = False
    markup: str = "md"  # "md" or "html": the markup that opened the block
    # Pieces of text as they were found: source offset, text, source offset, text… (one list per
    # block: fewer objects to allocate and for the garbage collector to walk). The text is joined
    # once when the block ends; the index from text to source is built on the first lookup.
    _pieces: list[int | str] = field(default_factory=list)
    _plain: list[int] | None = None  # text index of each piece
    _source: list[int] | None = None  # source offset of each piece
    _done: bool = False

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            if self._pieces:
                self.text = "".join(self._pieces[1::2])  # type: ignore[arg-type]

    def source_offset(self, i: int) -> int:
        """Source offset of plain-text index `i` (the end maps to the end of its piece)."""
        plain = self._plain
        if plain is None:
            # Most blocks never get a diagnostic: their piece index is built on the first lookup.
            texts: list[str] = self._pieces[1:-1:2]  # type: ignore[assignment]
            plain = self._plain = list(accumulate(map(len, texts), initial=0)) if self._pieces else []
            self._source = self._pieces[::2]  # type: ignore[assignment]
        if not plain:
            return self.start
        source = self._source
        assert source is not None
        k = bisect_right(plain, i) - 1
        if k < 0:
            return source[0]
        return source[k] + (i - plain[k])


@dataclass(slots=True)
class Heading:
    """A heading in any markup, with the block that holds its text."""

    level: int
    text: str  # plain text, whitespace collapsed
    start: int  # offset of `#`, `<hN` or the first character of a setext heading
    end: int
    markup: str  # "atx", "setext" or "html"
    block: Block
    has_image: bool = False


@dataclass(slots=True)
class Image:
    """An image: Markdown, a reference, an `<img>` or one entry of a srcset."""

    src: str | None  # as written; None when the tag has no src
    alt: str | None  # None when there is no alt attribute
    start: int
    end: int
    src_start: int
    src_end: int
    alt_start: int | None
    markup: str  # "md", "md-ref", "html", "srcset"
    title: str | None = None
    templated: bool = False  # src holds a Liquid/Hugo expression
    tag: Tag | None = None


@dataclass(slots=True)
class Link:
    """A link in Markdown or HTML, or an autolink."""

    href: str | None
    text: str  # plain link text
    start: int
    end: int
    href_start: int
    href_end: int
    markup: str  # "md", "md-ref", "html", "autolink"
    templated: bool = False
    tag: Tag | None = None


@dataclass(slots=True)
class Comment:
    """An HTML comment and what it says."""

    start: int
    end: int
    content: str


@dataclass(slots=True)
class Body:
    """The article body as one model (see the module docstring); every offset is into the whole text."""

    start: int
    end: int
    masked: str  # the whole document text, with non-prose regions blanked (same offsets)
    tags: list[Tag]
    blocks: list[Block]
    headings: list[Heading]
    images: list[Image]
    links: list[Link]
    comments: list[Comment]
    templates: list[tuple[int, int]]  # Liquid / Hugo regions
    code: list[tuple[int, int]]  # code regions (fenced, inline, <pre>, <code>)

    def is_templated(self, start: int, end: int) -> bool:
        return _overlaps(self.templates, start, end)

    def in_code(self, offset: int) -> bool:
        return _overlaps(self.code, offset, offset + 1)


def _overlaps(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(regions, (start, 1 << 62)) - 1
    if i >= 0 and regions[i][1] > start:
        return True
    j = i + 1
    return j < len(regions) and regions[j][0] < end


# --------------------------------------------------------------------------- masking

# Every alternative starts with a literal character, so the regex engine can skip ahead
# quickly; fenced code blocks are line-anchored and found by their own pattern.
_OPENERS = lazy(
    r"(?P<comment><!--)"
    r"|(?P<lblock>\{%-?\s*(?P<lbname>raw|highlight|comment|codeblock|capture)\b[^%]*%\})"
    r"|(?P<mdx>\{/\*)"
    r"|(?P<element><(?P<el>(?i:pre|script|style|code|textarea|svg|math|kbd|samp))\b[^>]*>)"
    r"|(?P<liquid>\{\{|\{%)"
    r"|(?P<dmath>\$\$)"
    r"|(?P<codespan>`+)",
)
# Where an opener can start, one pattern per first character: a pattern that starts with a literal
# is scanned for at C speed, where one that starts with a character class (`[<{$`]`) tests every
# character in a slow loop (some 30 µs on a 3,000-character Korean article, ten times as much).
# Every _OPENERS match starts at one of these.
_LT_CANDIDATE = re.compile(r"<(?:!--|(?i:pre|script|style|code|textarea|svg|math|kbd|samp)\b)")
_BRACE_CANDIDATE = re.compile(r"\{[{%/]")
_NO_HIT = 1 << 62


class _OpenerScan:
    """The next _OPENERS match from a position, for mask()'s walk forward through one text.

    The next candidate of each kind is remembered until the walk passes it, so each part of the
    text is scanned once per kind. That needs the positions asked for never to go back, as in mask().
    """

    __slots__ = ("text", "hits")

    def __init__(self, text: str) -> None:
        self.text = text
        self.hits = [-1, -1, -1, -1]  # `<`, `{`, `$$`, a backtick; -1: not looked for yet

    def _find(self, kind: int, pos: int) -> int:
        text = self.text
        if kind == 0:
            m = _LT_CANDIDATE.search(text, pos)
            return m.start() if m is not None else _NO_HIT
        if kind == 1:
            m = _BRACE_CANDIDATE.search(text, pos)
            return m.start() if m is not None else _NO_HIT
        i = text.find("$$" if kind == 2 else "`", pos)
        return i if i >= 0 else _NO_HIT

    def next(self, pos: int) -> re.Match[str] | None:
        """The first opener at or after `pos` (never before the last call's `pos`)."""
        hits = self.hits
        while True:
            for kind in range(4):
                if hits[kind] < pos:
                    hits[kind] = self._find(kind, pos)
            c = min(hits)
            if c == _NO_HIT:
                return None
            m = _OPENERS.match(self.text, c)
            if m is not None:
                return m
            pos = c + 1


_FENCE = lazy(r"^[ \t]*(?:>[ \t]*)*(`{3,}|~{3,}).*$", re.MULTILINE)
_BLANK_LINE = lazy(r"\n[ \t]*\r?\n")
_NOT_NEWLINE = lazy(r"[^\r\n]")
_MAX_INLINE_SEARCH = 4000


def _blank(s: str) -> str:
    """Spaces for every character but line breaks (offsets and line numbers stay the same)."""
    if "\n" not in s and "\r" not in s:  # a code span, a template tag: one line
        return " " * len(s)
    if len(s) < 256:
        return _NOT_NEWLINE.sub(" ", s)
    parts = LINE_BREAK.split(s)
    parts[::2] = [" " * len(p) for p in parts[::2]]
    return "".join(parts)


_INDENTED = lazy(r"^[ \t]*\r?\n((?:(?: {4}|\t)[^\r\n]*(?:\r?\n|$)(?:[ \t]*\r?\n)*)+)", re.MULTILINE)
# A necessary condition for an _INDENTED match after the first line: a line break, a blank line,
# then the indent. It starts with a literal, so the engine skips ahead (the `^` pattern cannot).
_INDENTED_GATE = re.compile(r"\n[ \t]*\r?\n(?: {4}|\t)")
_LIST_OR_INDENT = lazy(r"^(?:[ \t]+|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])")


def _indented_code(text: str, start: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Markdown indented code blocks: four spaces after a blank line, outside lists and HTML."""
    out = []
    for m in _INDENTED.finditer(text, start):
        s, e = m.start(1), m.end(1)
        if _overlaps(taken, s, e) or text[s:e].lstrip().startswith("<"):
            continue
        before = text[start : m.start()].rstrip()
        prev_line = before[before.rfind("\n") + 1 :]
        if _LIST_OR_INDENT.match(prev_line):
            continue  # a list item's continuation, not code
        out.append((s, s + len(text[s:e].rstrip())))
    return out


@lru_cache(maxsize=64)
def _codespan_close(ticks: str) -> re.Pattern[str]:
    """What closes a code span opened by this run of backticks."""
    return re.compile(r"(?<!`)" + ticks + r"(?!`)")


def mask(text: str, start: int, markdown: bool = True
         ) -> tuple[str, list[Comment], list[tuple[int, int]], list[tuple[int, int]]]:
    """Blank out what is not prose. Returns (masked, comments, template regions, code regions)."""
    regions: list[tuple[int, int]] = []
    comments: list[Comment] = []
    templates: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    pos = start
    n = len(text)
    fences = list(_FENCE.finditer(text, start)) if ("```" in text or "~~~" in text) else []
    fi = 0
    openers = _OpenerScan(text)
    blank_line = -1  # where the next blank line starts, from the last search for one
    while pos < n:
        while fi < len(fences) and fences[fi].start() < pos:
            fi += 1
        m: re.Match[str] | None = openers.next(pos)
        fence = fences[fi] if fi < len(fences) else None
        if fence is not None and (m is None or fence.start() <= m.start()):
            m = fence
            kind = "fence"
        elif m is None:
            break
        else:
            kind = m.lastgroup or ""
        s = m.start()
        e: int
        if kind == "fence":
            fchar = m.group(1)
            close = re.compile(
                r"^[ \t]*(?:>[ \t]*)*" + re.escape(fchar[0]) + "{" + str(len(fchar)) + r",}[ \t]*$", re.MULTILINE
            )
            cm = close.search(text, m.end() + 1)
            e = cm.end() if cm else n
            code.append((s, e))
        elif kind == "comment":
            ce = text.find("-->", m.end())
            e = n if ce < 0 else ce + 3
            comments.append(Comment(s, e, text[m.end() : (ce if ce >= 0 else n)]))
        elif kind == "lblock":
            name = m.group("lbname").lower()
            cm = re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}").search(text, m.end())
            e = cm.end() if cm else n
            templates.append((s, e))
            if name in ("highlight", "codeblock", "raw"):
                code.append((s, e))
        elif kind == "mdx":
            ce = text.find("*/}", m.end(), m.end() + _MAX_INLINE_SEARCH)
            if ce < 0:
                pos = m.end()
                continue
            e = ce + 3
            templates.append((s, e))
        elif kind == "element":
            el = m.group("el").lower()
            cm = re.compile(r"</" + el + r"\s*>", re.IGNORECASE).search(text, m.end())
            inner_end = cm.start() if cm else n
            # Mask the element's content only: its tags stay, so they still end a block.
            if inner_end > m.end():
                regions.append((m.end(), inner_end))
                code.append((m.end(), inner_end))
            pos = cm.end() if cm else n
            continue
        elif kind == "liquid":
            closer = "}}" if m.group("liquid") == "{{" else "%}"
            ce = text.find(closer, m.end(), m.end() + _MAX_INLINE_SEARCH)
            if ce < 0:
                pos = m.end()
                continue
            e = ce + 2
            if closer == "}}" and text.startswith("}", e) and m.end() < n and text[m.end()] == "{":
                e += 1  # {{{ raw }}} in Hugo/Handlebars
            templates.append((s, e))
        elif kind == "dmath":
            ce = text.find("$$", m.end(), m.end() + _MAX_INLINE_SEARCH)
            if ce < 0:
                pos = m.end()
                continue
            e = ce + 2
            code.append((s, e))
        else:  # codespan
            ticks = m.group("codespan")
            if m.end() > blank_line:
                # The next blank line: a code span cannot cross it. Kept until the walk passes it, so
                # a long list of code spans with no blank line between is not searched to its end
                # once per span (no match starts between the last search and this one).
                limit = _BLANK_LINE.search(text, m.end())
                blank_line = limit.start() if limit else n
            stop = blank_line
            close = _codespan_close(ticks)
            cm = close.search(text, m.end(), min(stop, m.end() + _MAX_INLINE_SEARCH))
            if not cm:
                pos = m.end()
                continue
            e = cm.end()
            code.append((s, e))
        regions.append((s, e))
        pos = max(e, s + 1)
    if markdown and ("\n    " in text or "\n\t" in text) and (
            _INDENTED_GATE.search(text, max(start - 1, 0)) is not None or (start == 0 and _INDENTED.match(text))):
        regions.sort()
        indented = _indented_code(text, start, regions)
        regions.extend(indented)
        code.extend(indented)
    if not regions and start == 0:
        return text, comments, templates, code
    pieces = [_blank(text[:start])]
    last = start
    for s, e in sorted(regions):
        if s < last:
            s = last
        if e <= s:
            continue
        pieces.append(text[last:s])
        pieces.append(_blank(text[s:e]))
        last = e
    pieces.append(text[last:])
    templates.sort()
    code.sort()
    return "".join(pieces), comments, templates, code


# --------------------------------------------------------------------------- tags

# A tag's parts: "/" (a closing tag), the name, the attributes. _TAG groups each of them (a tag's shape,
# see _tag_shape); _TAG_SPLIT, the same pattern with one group around the whole tag, finds them all.
_TAG_PARTS = ("/?", "[A-Za-z][A-Za-z0-9:-]*", r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*")
_TAG = re.compile(r"<(?<!\\<)" + "".join(f"({p})" for p in _TAG_PARTS) + r"\s*/?>")
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")

VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
INLINE = frozenset(
    ["a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "font", "i", "ins", "del", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "label", "img", "wbr", "nobr", "big", "tt"]
)
_BLOCK_KIND = {
    "p": "paragraph",
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    "blockquote": "blockquote",
    "figcaption": "caption",
    "caption": "caption",
    **{f"h{i}": "heading" for i in range(1, 7)},
}


# Attribute strings repeat across tags and articles (`data-ke-size="size16"`, a CMS's `style=…`):
# each distinct one is parsed once per process. Parsing depends on the string alone (the pattern
# has no anchors or lookbehind), so offsets are kept relative to its start.
_ParsedAttr = tuple[str, "str | None", int, int, int]  # name, value, start, value_start, value_end
_ATTR_CACHE: dict[str, tuple[_ParsedAttr, ...]] = {}
_ATTR_CACHE_MAX = 4096
_ATTR_CACHE_MAX_LEN = 300


def _parse_attrs(raw: str) -> tuple[_ParsedAttr, ...]:
    out = []
    unescape = html.unescape
    for am in _ATTR.finditer(raw):
        g = 2 if am.group(2) is not None else 3 if am.group(3) is not None else 4
        raw_value = am.group(g)
        if raw_value is not None:
            value: str | None = unescape(raw_value) if "&" in raw_value else raw_value
            vs, ve = am.span(g)
        else:
            value, vs, ve = None, am.end(), am.end()
        out.append((am.group(1).lower(), value, am.start(1), vs, ve))
    return tuple(out)


# _TAG with one group, the whole tag: split() gives the text between tags and the tags, and their
# offsets are summed from the lengths at C speed (no match object per tag).
_TAG_SPLIT = re.compile(r"(<(?<!\\<)" + "".join(_TAG_PARTS) + r"\s*/?>)")
# A tag as written → (lower-cased name, closing, where its attributes start and end relative to the
# tag): `</p>`, `<td style="…">` repeat across an article and across articles. A match's groups
# depend on the matched text alone (the only look-around is the `\<` check before it), so a tag
# matched again on its own has the same groups.
_TagShape = tuple[str, bool, int, int]
_SHAPES: dict[str, _TagShape] = {}
_SHAPES_MAX = 4096
_SHAPE_MAX_LEN = 400


def _tag_shape(whole: str) -> _TagShape:
    m = _TAG.match(whole)
    assert m is not None and m.end() == len(whole)
    a_base, a_end = m.span(3)
    shape = (m.group(2).lower(), m.group(1) == "/", a_base, a_end)
    if len(whole) <= _SHAPE_MAX_LEN and len(_SHAPES) < _SHAPES_MAX:
        _SHAPES[whole] = shape
    return shape


def parse_tags(text: str, masked: str, start: int, end: int) -> list[Tag]:
    """The HTML tags of masked[start:end] in order, with their attributes read from `text`."""
    tags: list[Tag] = []
    append = tags.append
    cache = _ATTR_CACHE
    shapes = _SHAPES
    # Before `start` the masked text is blank, so the region's first tag is matched as in the whole text.
    parts = _TAG_SPLIT.split(masked[start:end] if start or end != len(masked) else masked)
    bounds = list(accumulate(map(len, parts), initial=start))  # each part's start, then the end
    for whole, ts, te in zip(parts[1::2], bounds[1:-1:2], bounds[2::2], strict=True):
        name, closing, a_rel, a_rel_end = shapes.get(whole) or _tag_shape(whole)
        if a_rel_end > a_rel:  # most tags (</p>, <b>, <li>) have no attributes
            a_base = ts + a_rel
            raw = text[a_base : ts + a_rel_end]  # the source, not the masked text: values keep templates
            parsed = cache.get(raw)
            if parsed is None:
                parsed = _parse_attrs(raw)
                if len(raw) <= _ATTR_CACHE_MAX_LEN and len(cache) < _ATTR_CACHE_MAX:
                    cache[raw] = parsed
            append(Tag(name, closing, ts, te,
                       tuple([Attr(n, v, a_base + st, a_base + vs, a_base + ve) for n, v, st, vs, ve in parsed])))
        else:
            append(Tag(name, closing, ts, te, ()))
    return tags


# --------------------------------------------------------------------------- markdown inline syntax

_MD_IMAGE = lazy(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_MD_REF_IMAGE = lazy(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?:\[([^\[\]\n]*)\])?")
_MD_LINK = lazy(
    r"\[(?<![!\\]\[)((?:[^\[\]\n]|!\[[^\[\]\n]*\]\([^()\n]*\)|\[[^\[\]\n]*\])*)\]"
    r"\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)"
)
# A full or collapsed reference link, [text][label] or [text][] (a shortcut [label] alone is not taken:
# any bracketed words would be read as one). An image's ![alt][label] is excluded by its overlap.
_MD_REF_LINK = lazy(r"\[(?<!\\\[)((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[([^\[\]\n]*)\]")
_MD_REF_DEF = lazy(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)(?:[ \t]+(\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
                         re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*)>", re.IGNORECASE)
# Emphasis markers `\*{1,3}|_{2,3}|~~`, one pattern per marker: each starts with a literal, so the
# engine skips ahead at C speed (one alternation of different first characters is tried character by
# character, ~0.04 ms/article). Their matches cannot overlap (each holds one kind of character), so
# they are those of the single pattern; the removals are sorted later.
_EMPHASIS_RUNS = (re.compile(r"\*\*?\*?"), re.compile(r"___?"), re.compile(r"~~"))
_DEST_TITLE = lazy(r"^\s*(<[^>]*>|\S*)(?:\s+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$")


def _split_dest(raw: str, base: int) -> tuple[str, int, int, str | None]:
    """Split `dest "title"` from a Markdown link; returns (dest, start, end, title)."""
    m = _DEST_TITLE.match(raw)
    if m is None:
        # Not a valid destination (spaces in it, say): keep it whole for the URL rules.
        stripped = raw.strip()
        s = base + raw.find(stripped) if stripped else base
        return stripped, s, s + len(stripped), None
    dest = m.group(1)
    ds, de = m.start(1), m.end(1)
    if dest.startswith("<") and dest.endswith(">"):
        dest, ds, de = dest[1:-1], ds + 1, de - 1
    title = m.group(2)[1:-1] if m.group(2) else None
    return dest, base + ds, base + de, title


# --------------------------------------------------------------------------- markdown block syntax

_ATX = lazy(r"^( {0,3})(#{1,6})(?=[ \t]|$)[ \t]*")
_ATX_CLOSE = lazy(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_HEADING_ID = lazy(r"[ \t]*(?:\{#[^}]*\}|\{:[^}]*\}|\{/\*.*?\*/\})[ \t]*$")
_SETEXT = lazy(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = lazy(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST = lazy(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE = lazy(r"^[ \t]{0,3}(?:>[ \t]?)+")
_TABLE_SEP = lazy(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_IAL = lazy(r"^[ \t]*\{:[^}]*\}[ \t]*$")
_HTML_LINE = re.compile(r"^[ \t]*</?[A-Za-z]")
# First characters of a line (stripped) that may start Markdown block syntax: quote, setext
# underline, rule, IAL, table, heading, HTML, list item (digits are tested apart: any digit).
_MD_LINE_MARKS = frozenset(">=-*_{|:#<+")
_ENTITY = lazy(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_WS = re.compile(r"\s+")


class _Builder:
    """Cuts the masked body into prose blocks, collecting headings on the way."""

    __slots__ = ("text", "masked", "blocks", "headings", "cur", "html_stack", "md_kind", "md_level", "md_quote",
                 "heading_open")

    def __init__(self, text: str, masked: str) -> None:
        self.text = text
        self.masked = masked
        self.blocks: list[Block] = []
        self.headings: list[Heading] = []
        self.cur: Block | None = None
        self.html_stack: list[str] = []
        self.md_kind: str | None = None  # the Markdown context of the current line
        self.md_level = 0
        self.md_quote = False
        self.heading_open: tuple[Block, int, str] | None = None

    # -- blocks
    def context(self) -> tuple[str, int, bool]:
        stack = self.html_stack
        if not stack:  # Markdown text, or HTML between block elements
            in_quote = self.md_quote
        else:
            in_quote = self.md_quote or "blockquote" in stack
            for name in reversed(stack):
                kind = _BLOCK_KIND.get(name)
                if kind is not None and kind != "blockquote":
                    return kind, int(name[1]) if kind == "heading" else 0, in_quote
        if self.md_kind:
            return self.md_kind, self.md_level, in_quote
        return ("blockquote" if in_quote else "paragraph"), 0, in_quote

    def flush(self) -> None:
        cur = self.cur
        if cur is not None:
            cur._finish()
            if cur.kind == "heading" or cur.text.strip():
                self.blocks.append(cur)
            self.cur = None

    def open_block(self, at: int, markup: str) -> Block:
        kind, level, in_quote = self.context()
        self.cur = Block(kind, at, at, "", level, in_quote, markup)
        return self.cur

    def add_text(self, s: int, e: int, markup: str = "md") -> None:
        if e <= s:
            return
        chunk = self.masked[s:e]
        cur = self.cur
        if cur is None:
            if not chunk.strip():
                return
            cur = self.open_block(s, markup)
        _add_piece(cur._pieces, chunk, s)
        cur.end = e

    def extra_block(self, kind: str, text: str, start: int, end: int) -> None:
        """A stand-alone prose block, such as an image's alt text."""
        if not text.strip():
            return
        b = Block(kind, start, end, text=text, _plain=[0], _source=[start], _done=True)
        self.blocks.append(b)

    # -- headings
    def start_heading(self, level: int, at: int, markup: str, content_at: int) -> None:
        self.flush()
        _kind, _lvl, in_quote = self.context()
        b = Block("heading", content_at, content_at, level=level, in_quote=in_quote,
                  markup="html" if markup == "html" else "md")
        self.cur = b
        self.heading_open = (b, at, markup)

    def end_heading(self, end: int) -> None:
        if self.heading_open is None:
            return
        b, at, markup = self.heading_open
        self.heading_open = None
        if self.cur is b:
            self.flush()
        elif not b._done:
            b._finish()
            self.blocks.append(b)
        if not b.in_quote:
            self.add_heading(b, at, end, markup)

    def add_heading(self, blk: Block, start: int, end: int, markup: str) -> None:
        """The heading a finished heading block makes (its text with white space collapsed)."""
        self.headings.append(Heading(blk.level, _WS.sub(" ", blk.text).strip(), start, end, markup, blk))


def _add_piece(pieces: list[int | str], chunk: str, s: int) -> None:
    """A run of text from offset `s`; each character reference in it becomes its character, mapped to
    the reference."""
    if "&" not in chunk:  # most text
        pieces += (s, chunk)
        return
    pos = 0
    for m in _ENTITY.finditer(chunk):
        if m.start() > pos:
            pieces += (s + pos, chunk[pos : m.start()])
        pieces += (s + m.start(), html.unescape(m.group()))
        pos = m.end()
    if pos < len(chunk):
        pieces += (s + pos, chunk[pos:])


_MEDIA_AND_LINKS = frozenset(["img", "source", "a"])


def parse_body(text: str, start: int, end: int | None = None, markdown: bool = True) -> Body:
    end = len(text) if end is None else end
    masked, comments, templates, code = mask(text, start, markdown)
    tags = parse_tags(text, masked, start, end)
    images: list[Image] = []
    links: list[Link] = []

    # Markdown reference definitions: their lines are not prose.
    ref_defs: dict[str, tuple[str, int, int, str | None]] = {}
    removals: list[tuple[int, int, bool]] = []  # (start, end, is_break) cut from prose
    def_spans: list[tuple[int, int]] = []  # the definitions' lines, in order
    md_start, md_end = (start, end) if markdown else (end, end)  # an .html post has no Markdown
    has_defs = masked.find("]:", md_start, md_end) >= 0  # every definition has one
    for m in (_MD_REF_DEF.finditer(masked, md_start, md_end) if has_defs else ()):
        dest = m.group(2)
        ds = m.start(2)
        if dest.startswith("<"):
            dest, ds = dest[1:-1], ds + 1
        title = m.group(3)[1:-1] if m.group(3) else None
        ref_defs.setdefault(m.group(1).strip().lower(), (text[ds : ds + len(dest)], ds, ds + len(dest), title))
        removals.append((m.start(), m.end(), True))
        def_spans.append((m.start(), m.end()))

    b = _Builder(text, masked)

    # Markdown images and links (inline and reference style).
    # Every Markdown image has `![`, every inline link `](`, a reference image a definition: most HTML
    # posts have none of them.
    has_images = masked.find("![", md_start, md_end) >= 0
    has_links = masked.find("](", md_start, md_end) >= 0
    for m in (_MD_IMAGE.finditer(masked, md_start, md_end) if has_images and has_links else ()):
        dest, ds, de, title = _split_dest(text[m.start(2) : m.end(2)], m.start(2))
        alt = html.unescape(text[m.start(1) : m.end(1)])
        images.append(Image(dest, alt, m.start(), m.end(), ds, de, m.start(1), "md", title,
                            _overlaps(templates, ds, max(de, ds + 1))))
        removals.append((m.start(), m.end(), False))
        b.extra_block("alt", alt, m.start(1), m.end(1))
    taken = [(i.start, i.end) for i in images]
    for m in (_MD_REF_IMAGE.finditer(masked, md_start, md_end) if has_images and ref_defs else ()):
        if _overlaps(taken, m.start(), m.end()):
            continue
        ref = (m.group(2) or m.group(1) or "").strip().lower()
        if ref not in ref_defs:
            continue
        dest, ds, de, title = ref_defs[ref]
        alt = html.unescape(text[m.start(1) : m.end(1)])
        images.append(Image(dest, alt, m.start(), m.end(), ds, de, m.start(1), "md-ref", title,
                            _overlaps(templates, ds, max(de, ds + 1))))
        removals.append((m.start(), m.end(), False))
        b.extra_block("alt", alt, m.start(1), m.end(1))
    for m in (_MD_LINK.finditer(masked, md_start, md_end) if has_links else ()):
        dest, ds, de, _title = _split_dest(text[m.start(2) : m.end(2)], m.start(2))
        inner = _MD_IMAGE.sub("", masked[m.start(1) : m.end(1)])
        links.append(Link(dest, _WS.sub(" ", inner).strip(), m.start(), m.end(), ds, de, "md",
                          _overlaps(templates, ds, max(de, ds + 1))))
        removals.append((m.start(), m.start(1), False))
        removals.append((m.end(1), m.end(), False))
    if ref_defs and masked.find("][", md_start, md_end) >= 0:
        _md_ref_links(text, masked, md_start, md_end, ref_defs, templates, images, links)
    for m in _AUTOLINK.finditer(masked, md_start, md_end):
        if def_spans and _overlaps(def_spans, m.start(), m.end()):
            continue  # `[label]: <https://…>` is a definition's address: its links are above
        links.append(Link(m.group(1), m.group(1), m.start(), m.end(), m.start(1), m.end(1), "autolink"))

    # HTML images, sources and links.
    open_links: list[tuple[Tag, int]] = []
    for t in tags:
        if t.name not in _MEDIA_AND_LINKS:  # most tags: one test
            continue
        if t.name == "img" and not t.closing:
            _html_image(text, templates, t, images, b)
        elif t.name == "source" and not t.closing:
            _srcset_images(text, templates, t, t.attr("srcset"), images)
        elif t.name == "a":
            if not t.closing:
                open_links.append((t, t.end))
            elif open_links:
                ot, inner_start = open_links.pop()
                inner = _TAG.sub("", masked[inner_start : t.start])
                href = ot.attr("href")
                hs = href.value_start if href else ot.start
                he = href.value_end if href else ot.start
                links.append(Link(href.value if href else None, _WS.sub(" ", html.unescape(inner)).strip(),
                                  ot.start, t.end, hs, he, "html", _overlaps(templates, hs, max(he, hs + 1)), ot))
    for ot, _inner_start in open_links:  # <a> never closed
        href = ot.attr("href")
        hs = href.value_start if href else ot.start
        he = href.value_end if href else ot.start
        links.append(Link(href.value if href else None, "", ot.start, ot.end, hs, he, "html",
                          _overlaps(templates, hs, max(he, hs + 1)), ot))

    if markdown:
        for run in _EMPHASIS_RUNS:
            removals.extend([(m.start(), m.end(), False) for m in run.finditer(masked, start, end)])
    _build_blocks(b, text, masked, start, end, tags, removals, markdown)
    by_start = attrgetter("start")
    images.sort(key=by_start)
    links.sort(key=by_start)
    b.blocks.sort(key=by_start)
    b.headings.sort(key=by_start)
    if images:  # has_image is False already
        img_spans = sorted((i.start, i.end) for i in images)
        for h in b.headings:
            h.has_image = _overlaps(img_spans, h.start, h.end)
    return Body(start, end, masked, tags, b.blocks, b.headings, images, links, comments, templates, code)


def _md_ref_links(text: str, masked: str, start: int, end: int, ref_defs: dict[str, tuple[str, int, int, str | None]],
                  templates: list[tuple[int, int]], images: list[Image], links: list[Link]) -> None:
    """Reference links whose label is defined. The address is written once, in the definition, which is
    where a link rule reports it (and a fix edits it): a definition several links use is taken once."""
    taken = _merged([(i.start, i.end) for i in images] + [(lk.start, lk.end) for lk in links])
    used: set[str] = set()
    for m in _MD_REF_LINK.finditer(masked, start, end):
        ref = (m.group(2) or m.group(1)).strip().lower()
        if ref in used or ref not in ref_defs or _overlaps(taken, m.start(), m.end()):
            continue
        used.add(ref)
        dest, ds, de, _title = ref_defs[ref]
        inner = _MD_IMAGE.sub("", masked[m.start(1) : m.end(1)])
        links.append(Link(dest, _WS.sub(" ", inner).strip(), m.start(), m.end(), ds, de, "md-ref",
                          _overlaps(templates, ds, max(de, ds + 1))))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that may nest or overlap (a link around an image) as sorted disjoint ones, for _overlaps."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _html_image(text: str, templates: list[tuple[int, int]], t: Tag, images: list[Image], b: _Builder) -> None:
    src = t.attr("src")
    alt = t.attr("alt")
    title = t.attr("title")
    if src is not None:
        ss, se = src.value_start, src.value_end
    else:
        ss = se = t.start
    images.append(Image(src.value if src else None, alt.value if alt else None, t.start, t.end, ss, se,
                        alt.value_start if alt else None, "html", title.value if title else None,
                        _overlaps(templates, ss, max(se, ss + 1)), t))
    if alt is not None and alt.value:
        b.extra_block("alt", alt.value, alt.value_start, alt.value_end)
    _srcset_images(text, templates, t, t.attr("srcset"), images)


_SRCSET_ITEM = lazy(r"\s*([^\s,][^\s]*?)(?:\s+[^,]*)?(?:,|$)")


def _srcset_images(text: str, templates: list[tuple[int, int]], t: Tag, attr: Attr | None,
                   images: list[Image]) -> None:
    if attr is None or not attr.value:
        return
    raw = text[attr.value_start : attr.value_end]
    alt = t.attr("alt")
    for m in _SRCSET_ITEM.finditer(raw):
        url = m.group(1).rstrip(",")
        if not url:
            continue
        s = attr.value_start + m.start(1)
        images.append(Image(html.unescape(url), alt.value if alt else None, t.start, t.end, s, s + len(url),
                            alt.value_start if alt else None, "srcset", None,
                            _overlaps(templates, s, s + len(url)), t))


def _events(tags: list[Tag], removals: list[tuple[int, int, bool]]
            ) -> tuple[list[int], Sequence[Tag | tuple[int, int, bool]]]:
    """Tags and removals as one list in source order (a removal before a tag at the same offset)."""
    if not removals:
        return [t.start for t in tags], tags
    keyed = [(r[0], 0, i) for i, r in enumerate(removals)]
    keyed += [(t.start, 1, i) for i, t in enumerate(tags)]
    keyed.sort()
    return [k[0] for k in keyed], [removals[i] if w == 0 else tags[i] for _at, w, i in keyed]


def _split_lines(masked: str, start: int, end: int) -> tuple[list[str], list[int] | None]:
    """The lines of masked[start:end] without their breaks, and each break's length (None: all '\\n')."""
    region = masked[start:end]
    if "\r" not in region:
        return region.split("\n"), None
    parts = LINE_BREAK.split(region)
    return parts[::2], [len(x) for x in parts[1::2]]


def _build_blocks(b: _Builder, text: str, masked: str, start: int, end: int, tags: list[Tag],
                  removals: list[tuple[int, int, bool]], markdown: bool = True) -> None:
    """Walk the body line by line, cutting prose at Markdown structure and HTML block tags."""
    removals.sort()
    at, events = _events(tags, removals)
    ei = 0
    pos = start
    prev_para_line: tuple[int, int] | None = None  # a Markdown paragraph line just seen (for setext)
    html_line_match = _HTML_LINE.match
    n_events = len(events)
    lines, breaks = _split_lines(masked, start, end)
    # Where each line starts, and where the next one does (the last line: the end), summed at C
    # speed. An empty last line (the text ends with a line break) is taken as a blank line: a no-op.
    starts = list(accumulate(map(add, map(len, lines[:-1]), repeat(1) if breaks is None else breaks),
                             initial=start))
    nexts = starts[1:]
    nexts.append(end)
    for line, ls, le in zip(lines, starts, nexts, strict=True):
        content_end = ls + len(line)
        stripped = line.strip()
        if not stripped:
            if b.cur is not None:
                b.flush()
            prev_para_line = None
            b.md_quote = False
            b.md_kind = None
            pos = le
            continue
        md_mode = markdown and not b.html_stack and b.heading_open is None
        first = stripped[0]
        if (first == "<" and b.cur is None and b.heading_open is None
                and (not md_mode or html_line_match(line) is not None)):
            # An HTML line (most lines of CMS exports). Most are one element, `<p …>text</p>` or
            # `<td>…</td>`, or one tag alone: taken in one step.
            if md_mode:
                b.md_kind = None
            if ls > pos:
                pos = ls
            while ei < n_events and at[ei] < pos:
                ei += 1
            if ei < n_events and (at[ei] == pos or not masked[pos : at[ei]].strip()):
                done = _element_line(b, content_end, at, events, ei, n_events)
                if done >= 0:
                    ei = done
                    prev_para_line = None
                    if b.cur is not None:  # `<h2>` alone opens a heading: its line break is in it
                        b.add_text(content_end, le)
                    pos = le
                    continue
            md_mode = False
        cursor = ls
        is_para_line = False
        if md_mode and first == "<" and html_line_match(line):
            # An HTML line (most lines of CMS exports): no Markdown block syntax to look for. (With no
            # block open, the branch above has taken the line or already left Markdown mode.)
            md_mode = False
        elif md_mode and first not in _MD_LINE_MARKS and b.md_kind != "table_cell" and not first.isdigit():
            # A line of Markdown text with no block syntax (what the branch below finds for it).
            if b.cur is None:
                b.md_kind = None
            is_para_line = b.md_kind is None
            if ls > pos:
                pos = ls
            while ei < n_events and at[ei] < pos:
                ei += 1
            if pos == ls and (ei == n_events or at[ei] >= content_end) and "&" not in line:
                # Nothing inline on it either: the line and its break are one run of text.
                b.add_text(ls, le)
                prev_para_line = (ls, content_end) if is_para_line and prev_para_line is None else (
                    prev_para_line if is_para_line else None)
                pos = le
                continue
        elif md_mode:
            qm = _QUOTE.match(line) if first == ">" else None
            if qm is not None:
                b.md_quote = True
                cursor = ls + qm.end()
                line_rest = masked[cursor:content_end]
                first = line_rest.lstrip()[:1]
            else:
                line_rest = line
            sm = _SETEXT.match(line_rest) if first in ("=", "-") else None
            if (sm and prev_para_line is not None and b.cur is not None and b.cur.kind == "paragraph"
                    and not b.md_quote):
                # The paragraph above is a setext heading.
                blk = b.cur
                blk._finish()
                blk.kind = "heading"
                blk.level = 1 if sm.group(1)[0] == "=" else 2
                b.cur = None
                b.blocks.append(blk)
                b.add_heading(blk, prev_para_line[0], content_end, "setext")
                prev_para_line = None
                pos = le
                continue
            if ((first in ("*", "-", "_") and _HR.match(line_rest)) or (first == "{" and _IAL.match(line_rest))
                    or (first in ("|", ":", "-") and _TABLE_SEP.match(line_rest))):
                b.flush()
                prev_para_line = None
                pos = le
                continue
            am = _ATX.match(line_rest) if first == "#" else None
            if am:
                level = len(am.group(2))
                hs = cursor + am.start(2)
                body_s = cursor + am.end()
                heading_text_end = content_end
                tail = masked[body_s:content_end]
                cm = _HEADING_ID.search(tail)
                if cm:
                    heading_text_end = body_s + cm.start()
                    tail = masked[body_s:heading_text_end]
                cm2 = _ATX_CLOSE.search(tail)
                if cm2:
                    heading_text_end = body_s + cm2.start()
                b.md_kind = None
                b.start_heading(level, hs, "atx", body_s)
                # Heading text only: tags in it are skipped, not handled.
                _emit_line(b, body_s, heading_text_end, at, events, ei, False, heading=True)
                b.end_heading(content_end)
                prev_para_line = None
                pos = le
                continue
            html_line = first == "<" and html_line_match(line_rest) is not None
            lm2 = _LIST.match(line_rest) if first in ("-", "*", "+") or first.isdigit() else None
            if lm2 and not html_line:
                b.flush()
                b.md_kind = "list_item"
                cursor = cursor + lm2.end()
            elif first == "|" or (b.md_kind == "table_cell" and "|" in line_rest):
                b.flush()
                b.md_kind = "table_cell"
            elif b.cur is None and not html_line:
                b.md_kind = None
            is_para_line = not html_line and b.md_kind is None
        if cursor > pos:
            pos = cursor
        # The rest of the line: text, inline removals and HTML tags in order.
        pos, ei = _emit_line(b, pos, content_end, at, events, ei, md_mode and b.md_kind == "table_cell")
        if b.cur is not None and pos <= content_end:
            b.add_text(content_end, le)  # the line break: a soft break in the block
        if pos < le:
            pos = le  # a tag that spans lines (`<img` then `src=…` below) is not prose
        prev_para_line = (ls, content_end) if is_para_line and prev_para_line is None else (
            prev_para_line if is_para_line else None)
    # Tags after the last line (none, normally) and open blocks.
    b.flush()
    if b.heading_open is not None:
        b.end_heading(end)


# Elements whose one-line form `<x …>…</x>` _element_line takes: each makes a block of its own kind.
_LINE_BLOCK = {name: kind for name, kind in _BLOCK_KIND.items() if kind not in ("heading", "blockquote")}


def _element_line(b: _Builder, stop: int, at: list[int], events: Sequence[Tag | tuple[int, int, bool]],
                  ei: int, n: int) -> int:
    """A line that is one element, `<p …>…</p>` or `<h2>…</h2>`, with only inline tags and marks inside,
    or one tag alone.

    The caller has checked that no block or heading is open and that events[ei] is the first thing
    on the line. Does exactly what _emit_line would and returns the next event's index; returns -1,
    having changed nothing, for any other line.
    """
    open_tag = events[ei]
    if type(open_tag) is not Tag:
        return -1
    if open_tag.end == stop:  # a tag alone on its line: `<tr>`, `</ul>`
        if open_tag.name not in INLINE:
            _handle_tag(b, open_tag)
        return ei + 1
    if open_tag.closing:
        return -1
    name = open_tag.name
    kind = _LINE_BLOCK.get(name)
    level = 0 if kind is not None else _HEADING_LEVEL.get(name, 0)
    if not level and kind is None:
        return -1
    masked = b.masked
    inline = INLINE
    pos = open_tag.end
    k = ei + 1
    first = -1 if kind is not None else pos  # a block starts at its first text that is not blank; a heading at once
    last_end = pos
    pieces: list[int | str] = []
    ev = events[k] if k < n else None
    if (type(ev) is Tag and at[k] >= pos and ev.end == stop and ev.closing and ev.name == name):
        # The usual line: start tag, text, end tag.
        a = at[k]
        if pos < a:
            chunk = masked[pos:a]
            if first >= 0 or chunk.strip():
                first = pos
                _add_piece(pieces, chunk, pos)
                last_end = a
        close_tag = ev
        k += 1
    else:
        while True:
            if k >= n:
                return -1
            a = at[k]
            if a < pos:  # inside a Markdown mark or a tag that came before (as in _emit_line)
                k += 1
                continue
            if a >= stop:
                return -1
            if pos < a:
                chunk = masked[pos:a]
                if first >= 0 or chunk.strip():
                    if first < 0:
                        first = pos
                    _add_piece(pieces, chunk, pos)
                    last_end = a
            ev = events[k]
            k += 1
            if type(ev) is Tag:
                if ev.name in inline:
                    pos = ev.end
                    continue
                if ev.name == name and ev.closing and ev.end == stop:
                    close_tag = ev
                    break
                return -1
            # A Markdown mark (`**`, a link's brackets): skipped; a reference definition: a break.
            if ev[2]:  # type: ignore[index]
                return -1
            if ev[1] > pos:  # type: ignore[index]
                pos = ev[1]  # type: ignore[index]
    # The start tag may close an open `<p>`, `<li>`, `<td>`… (as in _handle_tag); the end tag closes the
    # element itself again.
    stack = b.html_stack
    _close_implied(stack, name)
    in_quote = b.md_quote or "blockquote" in stack
    if first < 0:
        return k
    # One run of text, the usual case, needs no join.
    text: str = pieces[1] if len(pieces) == 2 else "".join(pieces[1::2])  # type: ignore[assignment,arg-type]
    blk = Block(kind or "heading", first, last_end, text, level, in_quote, "html" if level else "md", pieces,
                None, None, True)
    if level:
        b.blocks.append(blk)
        if not in_quote:
            b.add_heading(blk, open_tag.start, close_tag.end, "html")
    elif blk.text.strip():
        b.blocks.append(blk)
    return k


def _emit_line(b: _Builder, pos: int, stop: int, at: list[int], events: Sequence[Tag | tuple[int, int, bool]],
               ei: int, table: bool, heading: bool = False) -> tuple[int, int]:
    """Text, removals and tags from `pos` to `stop`; returns the position reached and the next event."""
    n = len(events)
    inline = INLINE
    while True:
        while ei < n and at[ei] < pos:
            ei += 1
        nxt = at[ei] if ei < n and at[ei] < stop else stop
        if pos < nxt:
            if table:
                _emit_table_cells(b, pos, nxt)
            else:
                b.add_text(pos, nxt)
        if nxt >= stop:
            return (pos if pos > stop else stop), ei  # past `stop` when a tag goes on over the next lines
        ev = events[ei]
        ei += 1
        if type(ev) is tuple:  # a removal: Markdown syntax or a reference definition (a break)
            if ev[2]:
                b.flush()
            if ev[1] > pos:
                pos = ev[1]
            continue
        assert isinstance(ev, Tag)
        pos = ev.end
        if heading or ev.name in inline:
            continue
        b.flush()  # every block-level tag ends the current block
        _handle_tag(b, ev)


def _emit_table_cells(b: _Builder, s: int, e: int) -> None:
    """Text of a Markdown table row: each `|` ends a cell."""
    seg = s
    pipe = b.masked.find("|", s, e)
    while pipe >= 0:
        b.add_text(seg, pipe)
        b.flush()
        seg = pipe + 1
        pipe = b.masked.find("|", seg, e)
    b.add_text(seg, e)


_IMPLIED_BY = {
    "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "td": ("td", "th"), "th": ("td", "th"),
    "tr": ("tr", "td", "th"), "option": ("option",),
}
_CLOSES_P = frozenset(
    ["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"]
)
_SCOPES = frozenset(["ul", "ol", "dl", "table", "tbody", "thead", "tfoot"])


# Tag names that end an open heading when closed (`</h7>` too, as before), and the levels that open one.
_HEADING_NAMES = frozenset(f"h{i}" for i in range(10))
_HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}


def _close_implied(stack: list[str], name: str) -> None:
    """HTML lets `<p>`, `<li>`, `<td>`… go unclosed: opening the next one closes the last."""
    if not stack:
        return
    if name in _CLOSES_P and stack[-1] == "p":
        stack.pop()
    closes = _IMPLIED_BY.get(name)
    if closes:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i] in _SCOPES:
                break
            if stack[i] in closes:
                del stack[i:]
                break


def _handle_tag(b: _Builder, t: Tag) -> None:
    """The open elements after a block-level tag (the caller has ended the current block)."""
    name = t.name
    if name == "br":
        return
    stack = b.html_stack
    if t.closing:
        if stack and stack[-1] == name:  # the usual case: closing the innermost element
            idx = len(stack) - 1
        elif name in stack:
            idx = len(stack) - 1 - stack[::-1].index(name)
        else:
            return
        if name in _HEADING_NAMES and b.heading_open is not None:
            b.end_heading(t.end)
        del stack[idx:]
        return
    if name in VOID:
        return
    _close_implied(stack, name)
    stack.append(name)
    level = _HEADING_LEVEL.get(name)
    if level is not None:
        b.start_heading(level, t.start, "html", t.end)
