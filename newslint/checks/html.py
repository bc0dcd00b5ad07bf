"""HTML family (HTML…): what pasting from a web editor or a translation tool leaves in the copy.

Everything here reads what the body model already parsed (`doc.body.tags`, prose blocks);
no tree is built. The high-volume artifacts (editor attributes, inline styles, empty
paragraphs) are reported once per article at the first occurrence with a count, unless
`report_each` is set: 15 identical warnings per article help nobody.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from newslint.body import Tag
from newslint.checks._tags import attr_tags
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.lazyre import lazy
from newslint.prose import Segment, prose_segments
from newslint.registry import Context, Option, rule
from newslint.resources import rules_data


def _grouped(ctx: Context, hits: list[tuple[int, int]], each: bool, one: str, many: str,
             suggestion: str) -> Iterator[Diagnostic]:
    """Report every hit, or the first with the count (`many` takes {n})."""
    if not hits:
        return
    if each or len(hits) == 1:
        for s, e in hits:
            yield ctx.report(s, e, one, suggestion)
        return
    s, e = hits[0]
    yield ctx.report(s, e, many.format(n=len(hits)), suggestion)


_REPORT_EACH = Option(False, "report every occurrence instead of the first one with a count")
_MAX_VERDICTS = 8192  # verdicts kept across articles (HTML001, HTML002), per set of options

# --------------------------------------------------------------------------- HTML001


class _Artifact(NamedTuple):
    attribute: str  # a name glob (data-ke-*)
    value: str | None  # a value glob, or None for any value
    source: str  # the tool that leaves it, as editors know it

    def matches(self, name: str, value: str | None) -> bool:
        if not fnmatch.fnmatchcase(name, self.attribute):
            return False
        return self.value is None or (value is not None and fnmatch.fnmatchcase(value, self.value))


@cache
def _artifacts() -> tuple[_Artifact, ...]:
    return tuple(_Artifact(str(a["attribute"]).lower(), a.get("value"), str(a.get("source", "an editor")))
                 for a in rules_data("html-artifacts.yaml")["editor_attributes"])


class _Matcher:
    """Which artifact of a list an attribute is, for one set of HTML001 options.

    A verdict depends on the attribute's name and value alone, and editors repeat the same few
    (data-ke-size="size16" on every paragraph): verdicts are kept across articles.
    """

    __slots__ = ("artifacts", "allow", "quick", "verdicts")

    def __init__(self, artifacts: tuple[_Artifact, ...], allow: tuple[str, ...]) -> None:
        self.artifacts = artifacts
        self.allow = allow
        # One regex over all the names: most attributes are rejected with a single match.
        self.quick = re.compile("|".join(f"(?:{fnmatch.translate(a.attribute)})" for a in artifacts) or "(?!)")
        self.verdicts: dict[tuple[str, str | None], int] = {}

    def judge(self, name: str, value: str | None) -> int:
        """The index of the first artifact the attribute is, -1 when none or when the newsroom allows it."""
        if self.quick.match(name) is None:
            return -1
        for i, art in enumerate(self.artifacts):
            if art.matches(name, value) and not any(fnmatch.fnmatchcase(name, p) for p in self.allow):
                return i
        return -1


@lru_cache(maxsize=16)
def _matcher(extra: tuple[str, ...], allow: tuple[str, ...]) -> _Matcher:
    return _Matcher(_artifacts() + tuple(_Artifact(x, None, "an editor") for x in extra), allow)


@rule("HTML001", "editor-attributes", "html", "warning",
      "Attributes left by a web editor (Tistory `data-ke-*`, Word, Google Docs…) are pasted into the article.",
      bad='<p data-ke-size="size16">본문입니다.</p>', good="<p>본문입니다.</p>",
      docs="Copying from a web editor brings its private markup along: Tistory's `data-ke-size`, "
           "`contenteditable`, Word's `class=\"MsoNormal\"`, Google Docs' `docs-internal-guid` ids. "
           "They do nothing on the published page, bloat the file and show the copy's origin. "
           "The list is `rules/html-artifacts.yaml` (`editor_attributes`); `extra` adds attribute "
           "names (a trailing `*` matches any ending), `allow` exempts some.",
      options={"extra": Option([], "more attribute names to report, e.g. ['data-se-*']"),
               "allow": Option([], "attribute names from the list not to report"),
               "report_each": _REPORT_EACH})
def editor_attributes(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    m = _matcher(tuple(str(x).lower() for x in ctx.options["extra"]),
                 tuple(str(x).lower() for x in ctx.options["allow"]))
    verdicts = m.verdicts
    if len(verdicts) >= _MAX_VERDICTS:
        verdicts.clear()
    found: dict[int, list[tuple[int, int, str]]] = {}
    for t in attr_tags(doc):
        for a in t.attrs:
            key = (a.name, a.value)
            i = verdicts.get(key)
            if i is None:
                i = verdicts[key] = m.judge(a.name, a.value)
            if i >= 0:
                end = a.value_end + 1 if a.value is not None else a.start + len(a.name)
                found.setdefault(i, []).append((a.start, min(end, t.end), a.name))
    for i, hits in found.items():
        art = m.artifacts[i]
        names = sorted({n for _s, _e, n in hits})
        shown = ", ".join(f"`{n}`" for n in names[:3]) + (" …" if len(names) > 3 else "")
        yield from _grouped(
            ctx, [(s, e) for s, e, _n in hits], ctx.options["report_each"],
            f"{shown} is markup left by {art.source}; it does nothing on the published page",
            f"{shown} attributes left by {art.source} appear {{n}} times in this article "
            f"(the first is here); they do nothing on the published page",
            "delete these attributes (search and replace them all), or paste the text as plain text",
        )


# --------------------------------------------------------------------------- HTML002

_MEDIA = ["img", "video", "audio", "iframe", "embed", "object", "svg", "canvas", "picture", "source",
          "figure", "div"]


_PROPERTY = re.compile(r"([-\w]+)\s*:")


class _Styles:
    """HTML002's options, and its verdict on each style value: editors repeat the same few (the cells'
    `text-align: center; height: 17px;`), in article after article."""

    __slots__ = ("ignore", "allowed", "verdicts")

    def __init__(self, ignore: frozenset[str], allowed: frozenset[str]) -> None:
        self.ignore = ignore  # elements whose style is not reported
        self.allowed = allowed  # properties a style may set
        self.verdicts: dict[str, bool] = {}

    def reported(self, style: str) -> bool:
        """The style sets a property the newsroom does not accept."""
        bad = self.verdicts.get(style)
        if bad is None:
            if len(self.verdicts) >= _MAX_VERDICTS:
                self.verdicts.clear()
            bad = self.verdicts[style] = not all(p.lower() in self.allowed for p in _PROPERTY.findall(style))
        return bad


@lru_cache(maxsize=16)
def _styles(ignore_tags: tuple[str, ...], allow_properties: tuple[str, ...]) -> _Styles:
    return _Styles(frozenset(t.lower() for t in ignore_tags), frozenset(p.lower() for p in allow_properties))


@cache
def _presentational() -> frozenset[str]:
    return frozenset(str(t).lower() for t in rules_data("html-artifacts.yaml").get("presentational_tags", []))


@rule("HTML002", "inline-style", "html", "warning",
      "Inline `style` attributes or `<font>` tags override the site's stylesheet.",
      bad='<p><span style="color: #ee2323;">강조한 문장</span></p>', good="<p><strong>강조한 문장</strong></p>",
      docs="Colours, fonts and sizes set inside the article come from the editor it was written in. "
           "They ignore the site's design (and its dark mode), differ from one article to the next, "
           "and are lost when the copy is syndicated. Use the site's own elements (`<strong>`, "
           "headings, a class from the theme). Left alone: text alignment (Markdown tables write it; "
           "`allow_properties`), and styles that size media (`<img style=\"width: 50%\">`) or lay out "
           "`<div>`s (`ignore_tags`). The "
           "presentational tags reported (`<font>` by default) are `presentational_tags` in "
           "`rules/html-artifacts.yaml`.",
      options={"ignore_tags": Option(_MEDIA, "elements whose `style` attribute is not reported"),
               "allow_properties": Option(["text-align"], "CSS properties a style may set without being "
                                                           "reported (Markdown tables write text-align)"),
               "report_each": _REPORT_EACH})
def inline_style(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    judge = _styles(tuple(map(str, ctx.options["ignore_tags"])), tuple(map(str, ctx.options["allow_properties"])))
    ignore = judge.ignore
    presentational = _presentational()
    styles: list[tuple[int, int]] = []
    fonts: dict[str, list[tuple[int, int]]] = {}
    if presentational:
        for t in doc.body.tags:
            if t.name in presentational and not t.closing:
                fonts.setdefault(t.name, []).append((t.start, t.end))
    for t in attr_tags(doc):
        if t.name in ignore:
            continue
        a = t.attr("style")
        if a is not None and a.value and judge.reported(a.value):
            styles.append((a.start, min(a.value_end + 1, t.end)))
    each = ctx.options["report_each"]
    yield from _grouped(
        ctx, styles, each,
        "inline `style` attribute: it overrides the site's design with the editor's",
        "{n} inline `style` attributes in this article (the first is here) override the site's design "
        "with the editor's",
        "remove the style attributes; for emphasis use <strong> or the theme's classes")
    for name, hits in fonts.items():
        yield from _grouped(
            ctx, hits, each,
            f"`<{name}>` is an obsolete presentational tag left by an editor",
            f"{{n}} `<{name}>` tags in this article (the first is here) are obsolete presentational markup "
            f"left by an editor",
            f"remove the <{name}> tags and keep their text")


# --------------------------------------------------------------------------- HTML003

_EMPTY_INSIDE = frozenset(["br", "span", "b", "strong", "i", "em", "u", "font", "s", "small", "wbr"])
_BLANK = re.compile(r"(?:\s|&nbsp;|&#160;|&#[xX][aA]0;|&#8203;|&#[xX]200[bB];|[\u00a0\u200b\ufeff])*")
_BLANK_FIRST = frozenset("&\u00a0\u200b\ufeff")  # what a blank run may start with, besides a space


def _empty_paragraph_end(doc: Document, tags: list[Tag], i: int) -> int | None:
    """End offset of the paragraph opened by tags[i] when it holds only spaces and <br>, else None."""
    text = doc.body.masked
    pos = tags[i].end
    for j in range(i + 1, len(tags)):
        t = tags[j]
        # Most paragraphs start with a letter, which _BLANK cannot take: no regex call for those.
        if pos < t.start and text[pos] not in _BLANK_FIRST and not text[pos].isspace():
            return None
        if _BLANK.fullmatch(text, pos, t.start) is None:
            return None
        if t.name == "p" and t.closing:
            return t.end
        if t.name not in _EMPTY_INSIDE:
            return None
        pos = t.end
    return None


@rule("HTML003", "empty-paragraph", "html", "warning",
      "Empty paragraphs (`<p>&nbsp;</p>`, `<p></p>`, `<p><br></p>`) used as spacing.",
      bad="<p>첫 문단.</p>\n<p>&nbsp;</p>\n<p>둘째 문단.</p>", good="<p>첫 문단.</p>\n<p>둘째 문단.</p>",
      docs="Web editors turn every press of Enter on an empty line into `<p>&nbsp;</p>`. On the site "
           "they make uneven gaps that the theme cannot control, and screen readers announce blank "
           "paragraphs. Spacing belongs to the stylesheet.",
      options={"report_each": _REPORT_EACH})
def empty_paragraph(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    body = doc.body
    tags = body.tags
    hits: list[tuple[int, int]] = []
    for i, t in enumerate(tags):
        if t.name != "p" or t.closing:
            continue
        end = _empty_paragraph_end(doc, tags, i)
        if end is None or body.is_templated(t.start, end) or any(s < end and e > t.start for s, e in body.code):
            continue
        hits.append((t.start, end))
    yield from _grouped(
        ctx, hits, ctx.options["report_each"],
        "empty paragraph used as spacing",
        "{n} empty paragraphs used as spacing in this article (the first is here)",
        "delete the empty <p> elements; the site's stylesheet sets the space between paragraphs")


# --------------------------------------------------------------------------- HTML004

_BOLD = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)


class _Table:
    """An outermost table's header facts, filled in while its tags are read."""

    __slots__ = ("start", "end", "has_th", "rows", "max_cols", "cols", "first_row_bold")

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = 0
        self.has_th = False
        self.rows = 0
        self.max_cols = 0
        self.cols = 0
        self.first_row_bold: list[bool] = []  # per cell of the first row: all of its text is bold


_TABLE_OPEN = re.compile(r"<(?i:table)")
_TABLE_CLOSE = re.compile(r"</(?i:table)")


@lru_cache(maxsize=1024)
def _bold_style(style: str) -> bool:
    """A cell's style makes its text bold (editors repeat the same few styles on every cell)."""
    return _BOLD_STYLE.search(style) is not None


def _tag_start(t: Tag) -> int:
    return t.start


def _tables(doc: Document) -> list[_Table]:
    """The outermost HTML tables with their header facts (nested tables count for their parent)."""
    text = doc.body.masked
    first = _TABLE_OPEN.search(text)
    if first is None:
        return []  # no <table> tag: the tags cannot hold one
    last = max((m.start() for m in _TABLE_CLOSE.finditer(text, first.start())), default=-1)
    if last < 0:
        return []  # no </table> after it: no table is ever closed, and only closed ones count
    # Tags before the first "<table" only move `pos`, which is set again at the table tag; after the
    # last "</table" no table can open and close.
    all_tags = doc.body.tags
    lo = bisect_left(all_tags, first.start(), key=_tag_start)
    hi = bisect_right(all_tags, last, key=_tag_start)
    tags = all_tags[lo:hi]
    out: list[_Table] = []
    depth = 0
    cur: _Table | None = None
    cell: Tag | None = None  # the open cell of the table being read
    bold = 0  # <b>/<strong> open in the cell; only the first row's cells are judged, so only kept there
    cell_bold_text = False
    cell_plain_text = False
    pos = 0

    for t in tags:
        name = t.name
        if cell is not None and depth == 1 and cur is not None and cur.rows == 1:
            # The text since the last tag, inside a cell of the first row: bold or not?
            chunk = text[pos:t.start]
            if chunk.strip(" \t\r\n\u00a0") and chunk.replace("&nbsp;", "").strip():
                if bold > 0:
                    cell_bold_text = True
                else:
                    cell_plain_text = True
        pos = t.end
        if name == "table":
            if not t.closing:
                depth += 1
                if depth == 1:
                    cur = _Table(t.start)
            elif depth > 0:
                depth -= 1
                if depth == 0 and cur is not None:
                    cell = None  # (its verdict is not kept: only a one-row table would read it)
                    cur.max_cols = max(cur.max_cols, cur.cols)
                    cur.end = t.end
                    out.append(cur)
                    cur = None
            continue
        if cur is None or depth != 1:
            continue
        if name == "td" or (name == "tr" and not t.closing):
            if cell is not None:  # the open cell ends
                if cur.rows == 1:
                    cur.first_row_bold.append(cell_bold_text and not cell_plain_text)
                cell = None
            if t.closing:
                continue
            if name == "tr":
                if cur.cols > cur.max_cols:
                    cur.max_cols = cur.cols
                cur.rows += 1
                cur.cols = 0
                continue
            if cur.rows == 0:  # a <td> before any <tr>
                cur.rows = 1
            cur.cols += 1
            cell = t
            if cur.rows == 1:
                style = t.attr("style") if t.attrs else None
                bold = 1 if style is not None and style.value and _bold_style(style.value) else 0
                cell_bold_text = cell_plain_text = False
        elif name in _BOLD:
            bold = max(0, bold - 1) if t.closing else bold + 1
        elif (name == "th" or name == "thead") and not t.closing:
            cur.has_th = True
    return out


@rule("HTML004", "table-without-header", "html", "warning",
      "An HTML table has no header cells (`<th>`); a bold first row does not make one.",
      bad="<table>\n  <tr><td><b>항목</b></td><td><b>결과</b></td></tr>\n  <tr><td>관계</td><td>최고 수준</td></tr>\n"
          "</table>",
      good="<table>\n  <tr><th>항목</th><th>결과</th></tr>\n  <tr><td>관계</td><td>최고 수준</td></tr>\n</table>",
      docs="Screen readers read a table cell by cell and announce each cell's header; without `<th>` a "
           "listener hears a string of values. A row of `<td><b>…</b></td>` only looks like a header. "
           "Tables of one row or one column (boxes used for layout) are left alone; `min_rows` and "
           "`min_columns` set how large a table must be to need a header. A table with neither `<th>` "
           "nor a bold first row may be a grid laid out as a table: it is reported only with "
           "`require_header: true`.",
      options={"min_rows": Option(2, "rows a table needs before it must have a header"),
               "min_columns": Option(2, "columns a table needs before it must have a header"),
               "require_header": Option(False, "also report tables without <th> whose first row is not bold "
                                               "(grids of values laid out as a table are reported too)")})
def table_without_header(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for tb in _tables(doc):
        if tb.has_th or tb.rows < ctx.options["min_rows"] or tb.max_cols < ctx.options["min_columns"]:
            continue
        fake = bool(tb.first_row_bold) and all(tb.first_row_bold)
        if fake:
            yield ctx.report(tb.start, tb.start + len("<table"),
                             "this table's header row is bold text in ordinary cells (<td><b>…</b></td>), "
                             "not header cells: screen readers cannot tell it is the header",
                             "turn the first row's <td><b>…</b></td> into <th>…</th>")
        elif ctx.options["require_header"]:
            yield ctx.report(tb.start, tb.start + len("<table"),
                             "this table has no header cells (<th>): screen readers cannot say what "
                             "each column holds",
                             "make the cells that name the columns (or rows) <th> cells")


# --------------------------------------------------------------------------- HTML005


@cache
def _invisible_names() -> dict[str, str]:
    """The invisible characters reported (rules/html-invisible.yaml), with their names."""
    names: dict[str, str] = {}
    for item in rules_data("html-invisible.yaml")["characters"]:
        code = str(item["char"]).upper().removeprefix("U+")
        names[chr(int(code, 16))] = str(item["name"])
    return names


def _invisible_class() -> str:
    return "[" + "".join(re.escape(c) for c in _invisible_names()) + "]"


@cache
def _invisible() -> tuple[dict[str, str], re.Pattern[str]]:
    """The names, and a run of invisible characters."""
    return _invisible_names(), re.compile(_invisible_class() + "+")


@cache
def _invisible_one() -> re.Pattern[str]:
    """One invisible character: the same yes/no as `_invisible()`'s pattern, found twice as fast (a
    pattern that starts with a bare character class lets the regex engine scan in a tight loop)."""
    return re.compile(_invisible_class())


_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)[^$\n]+\$(?!\$)")
# Classes of thousands of characters take milliseconds to compile (the regex compiler visits every
# character): these are compiled when an article first needs them.
_RTL = lazy("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_JOINERS = frozenset("\u200c\u200d")
_DIRECTION = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _joiner_needed(text: str, s: int, e: int) -> bool:
    """A ZWJ/ZWNJ between emoji, or between letters of scripts that use them (Indic, Arabic…)."""
    for ch in (text[s - 1] if s > 0 else "", text[e] if e < len(text) else ""):
        if not ch:
            continue
        o = ord(ch)
        if o >= 0x2600 and not (0x3000 <= o <= 0xD7FF) and not (0xF900 <= o <= 0xFFEF):
            return True  # emoji, symbols, variation selectors
        if 0x0590 <= o <= 0x1CFF or 0xA800 <= o <= 0xABFF:
            return True  # Hebrew, Arabic, Indic, Southeast Asian scripts
    return False


@rule("HTML005", "invisible-character", "html", "warning",
      "Zero-width and other invisible characters are hidden in the prose.",
      bad="정부는\u200b 오늘 발표했다.", good="정부는 오늘 발표했다.",
      docs="Copying from web pages, messengers and PDF files brings invisible characters along: "
           "zero-width spaces, byte order marks, direction marks, Hangul fillers. Readers cannot see "
           "them, but they split words for search engines and the site's search, break hashtags and "
           "copy-paste, and can reverse the order of text. The list is `rules/html-invisible.yaml`. "
           "Joiners needed by emoji and by scripts such as Arabic or Hindi, and direction marks in "
           "right-to-left text, are left alone, and so is a character written as an entity "
           "(`&#8203;`, `&shy;`): that one can be seen in the source (an empty paragraph holding "
           "only such an entity is HTML003's).",
      options={"allow": Option([], "code points not to report, e.g. ['U+00AD']")})
def invisible_character(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not _has_rare_chars(doc):
        return
    one = _invisible_one()
    if one.search(doc.text) is None:
        return
    names, pattern = _invisible()
    allow = {chr(int(str(c).upper().removeprefix("U+"), 16)) for c in ctx.options["allow"]}
    source = doc.text
    for seg in prose_segments(doc):
        text = seg.text
        if one.search(text) is None:
            continue
        rtl = _RTL.search(text) is not None
        # Typora leaves zero-width spaces in and around $…$ math; that is not prose.
        math = [(mm.start(), mm.end()) for mm in _INLINE_MATH.finditer(text)] if "$" in text else []
        for m in pattern.finditer(text):
            if any(ms <= m.end() and m.start() <= me for ms, me in math):
                continue
            # Only the characters written as themselves: a decoded entity maps back to its '&'.
            chars = [c for c in dict.fromkeys(text[i] for i in range(m.start(), m.end())
                                              if source[seg.offset(i)] == text[i]) if c not in allow]
            if rtl:
                chars = [c for c in chars if c not in _DIRECTION]
            if not chars or (set(chars) <= _JOINERS and _joiner_needed(text, m.start(), m.end())):
                continue
            what = ", ".join(f"{names[c]} (U+{ord(c):04X})" for c in chars)
            yield ctx.report(seg.offset(m.start()), seg.offset(m.end()),
                             f"invisible character in the text: {what}",
                             "delete it (or replace it with an ordinary space where it separates two words); "
                             "search the article for the code point to find the others")


# --------------------------------------------------------------------------- HTML006

# Compiled on first use like _RTL: only an article with a Chinese character reaches them.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAN_RUN = lazy(f"[{_HAN}]+")
_HAN_ONE = lazy(f"[{_HAN}]")  # the yes/no of _HAN_RUN, twice as fast: a bare class is scanned in a tight loop
_HANGUL = lazy("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = lazy("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")


@cache
def _rare_chars() -> re.Pattern[str]:
    """One character that HTML005 or HTML006 looks for: an invisible one or a Chinese one.

    Compiling its Chinese class takes some 4 ms, once per process; every non-ASCII article needs this
    answer, and no smaller pattern gives it (a regex compiler visits each character of a class)."""
    return re.compile(_invisible_class()[:-1] + _HAN + "]")


def _has_rare_chars(doc: Document) -> bool:
    """Whether the file has an invisible or a Chinese character: one search for the two rules, and
    most articles have neither (each rule then looks for its own characters as before)."""
    got = doc.memo.get("html:rare")
    if got is None:
        # An ASCII-only file (most English articles) has neither: one C pass instead of the regex's scan.
        text = doc.text
        got = doc.memo["html:rare"] = not text.isascii() and _rare_chars().search(text) is not None
    return bool(got)


_OPEN = "([（［｛「『〈《【〔{"
_CLOSE = ")]）］｝」』〉》】〕}"


@cache
def _hanja_allowed() -> tuple[frozenset[str], frozenset[str]]:
    data = rules_data("html-hanja.yaml")
    return frozenset(str(data.get("abbreviations", "")).split()), frozenset(str(w) for w in data.get("words", []))


def _in_brackets(text: str, s: int) -> bool:
    """The run is inside an open bracket of the same segment: a gloss like 경제(經濟)."""
    depth = 0
    for i in range(s - 1, max(-1, s - 80), -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return True
            depth -= 1
    return False


def _is_hangul(ch: str) -> bool:
    return bool(ch) and _HANGUL.match(ch) is not None


def _leaked(seg: Segment, m: re.Match[str], min_len: int) -> bool:
    """Is this run of Chinese characters a machine-translation leftover inside Korean copy?"""
    text = seg.text
    run = m.group()
    s, e = m.start(), m.end()
    abbreviations, words = _hanja_allowed()
    if len(run) < min_len or run in words or all(c in abbreviations for c in run):
        return False
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if after in _OPEN or _in_brackets(text, s):
        return False  # 經濟(경제) or 경제(經濟): a gloss
    if _KANA.search(text, max(0, s - 20), e + 20):
        return False  # Japanese text
    left, right = _is_hangul(before), _is_hangul(after)
    headline = seg.kind == "heading" or seg.kind == "fm:title"
    if headline:
        # Headlines use Hanja words on purpose (母子의 …); only a word cut in two is a leftover.
        return left and right
    if right:
        return True  # 批判하였습니다, 根源을: Korean endings on a Chinese word
    if left:
        # 정책과改革 노력: a Chinese word inside a Korean sentence, not the start of a Hanja phrase.
        nxt = text[e:e + 3].lstrip()
        return bool(nxt) and _is_hangul(nxt[0])
    return False


@rule("HTML006", "hanja-in-hangul-word", "html", "warning",
      "Chinese characters are glued into Korean words: a machine-translation leftover (조작을批判하였습니다).",
      bad="댓글 부대의 여론 조작을批判하였습니다.", good="댓글 부대의 여론 조작을 비판하였습니다.",
      docs="Machine translation and AI rewriting sometimes leave a word in Chinese inside Korean copy: "
           "'개인申请者의', '불公平한', '及时하게'. Readers take it for a typo. Hanja used on purpose is "
           "left alone: glosses in brackets ('경제(經濟)', '經濟(경제)'), Hanja phrases standing on their "
           "own, Japanese text, the one-character abbreviations and set words of Korean headlines "
           "('美中', '與野', '母子'; `rules/html-hanja.yaml`), and in titles and headings any Hanja word "
           "that is not cut into a Korean word.",
      options={"min_length": Option(2, "the fewest Chinese characters in a row that are reported")})
def hanja_in_hangul_word(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    min_len = ctx.options["min_length"]
    if not _has_rare_chars(doc):
        return
    han_one, hangul = _HAN_ONE, _HANGUL
    if han_one.search(doc.text) is None:
        return
    for seg in prose_segments(doc):
        text = seg.text
        if han_one.search(text) is None or hangul.search(text) is None:
            continue
        for m in _HAN_RUN.finditer(text):
            if not _leaked(seg, m, min_len):
                continue
            ws, we = m.start(), m.end()
            while ws > 0 and _is_hangul(text[ws - 1]):
                ws -= 1
            while we < len(text) and _is_hangul(text[we]):
                we += 1
            word = text[ws:we]
            yield ctx.report(seg.offset(m.start()), seg.offset(m.end()),
                             f"Chinese characters '{m.group()}' inside the Korean word '{word}': "
                             f"likely left over from machine translation",
                             f"write the word in Hangul (e.g. the Korean reading of '{m.group()}'), or add "
                             f"the Hanja as a gloss in brackets after the Hangul word")

