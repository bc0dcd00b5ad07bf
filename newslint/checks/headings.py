"""Headings family (HD…): the outline editors, readers, screen readers and search engines rely on.

Every rule reads `doc.body.headings` (Markdown ATX and setext headings and HTML `<h1>`–`<h6>`
in one list, in document order; headings in code, comments, Liquid raw blocks and quotes are
already left out). Where a rule overlaps with markdownlint its verdicts match markdownlint's
(MD001, MD024 with `siblings_only`, MD025 with the front matter title, MD026, MD036), so a
newsroom moving from markdownlint sees the same problems.

The body model's `Heading.text` leaves inline code and template expressions out (they are not
prose). A heading such as ``## `npm` 설치`` is still a heading with words in it, so the rules
here use `_Info.text`, which puts them back.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from newslint.body import Heading
from newslint.diagnostics import Diagnostic, Edit, Severity
from newslint.document import Document
from newslint.lazyre import lazy
from newslint.registry import Context, Option, rule, site_key

site_key("title_is_h1", bool,
         "the page template shows the front matter title as the page's h1 (default true); set false when "
         "posts carry their own h1")
site_key("top_heading_level", int,
         "the level of the first heading in an article body (default 2 when the title is the h1)")

FAMILY = "headings"

# --------------------------------------------------------------------------- heading text as readers see it

_ATX_OPEN = re.compile(r"#{1,6}[ \t]*")
_BARE_OPEN = frozenset(f"<{h}{n}>" for h in "hH" for n in "123456")
_BARE_CLOSE = frozenset(f"</{h}{n}>" for h in "hH" for n in "123456")
_HTML_OPEN = re.compile(r"<h[1-6]\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
# Patterns on paths few headings take (a line ending in `}` or `#`, an empty heading, a bold
# paragraph…) are compiled when an article first needs them.
# Heading ids and attributes: kramdown `{#id}` / `{: .class}`, Hugo `{.class id="x"}`, MDX `{/*id*/}`.
_ATX_TAIL = lazy(r"[ \t]*(?:\{[#.:][^}\n]*\}|\{[A-Za-z-]+=[^}\n]*\}|\{/\*.*?\*/\})[ \t]*$")
_ATX_CLOSE = lazy(r"(?:^|[ \t]+)#+[ \t]*$")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|\{/\*.*?\*/\}", re.DOTALL)
_CODESPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_MD_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_IMG_TAG = lazy(r"<img\b", re.IGNORECASE)
_LINE_BREAK = re.compile(r"[\r\n]")
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MARKUP_CHAR = re.compile(r"[`<\[*_~\\&{!]")
_WORD = re.compile(r"\w+")


class _Info(NamedTuple):
    h: Heading
    text: str  # the heading's words as shown on the page (code and template text kept)
    s: int  # source span of the heading's content: after `##`/`<h2>`, before `{#id}`, `##`, `</h2>`
    e: int
    templated: bool  # holds a Liquid/Hugo expression: its shown text is unknown


def _content_span(doc: Document, h: Heading) -> tuple[int, int]:
    # Found from the source: `h.block.start` is where the first text piece begins, not the markup's end.
    text = doc.text
    if h.markup == "html":
        masked = doc.body.masked
        if masked[h.start : h.start + 4] in _BARE_OPEN:
            s = h.start + 4  # `<h2>`, what _HTML_OPEN matches when the tag has no attributes
        else:
            m = _HTML_OPEN.match(masked, h.start)
            s = m.end() if m else h.start
        if h.end - 5 >= s and text[h.end - 5 : h.end] in _BARE_CLOSE:
            return s, h.end - 5  # `</h2>` ends the heading: the last "</" in it
        close = text.rfind("</", s, h.end)
        return s, (close if close >= 0 else h.end)
    if h.markup == "setext":
        last_nl = text.rfind("\n", h.start, h.end)
        e = last_nl if last_nl >= 0 else h.end
        if e > h.start and text[e - 1] == "\r":
            e -= 1
        return h.start, e
    m = _ATX_OPEN.match(text, h.start)
    s = min(m.end() if m else h.start, h.end)
    line = text[s : h.end].rstrip()
    # `{#id}`, `{/*id*/}` and closing `##`, in either order. Both patterns end the (stripped) line with
    # `}` or `#`: most headings end with a word and need no regex search.
    while line.endswith(("}", "#")):
        m = _ATX_TAIL.search(line) or _ATX_CLOSE.search(line)
        if m is None:
            break
        line = line[: m.start()].rstrip()
    return s, s + len(line)


def _collapse(text: str) -> str:
    """Runs of white space as one space, none at the ends (what `\\s+` → " " and strip() give, faster)."""
    return " ".join(text.split())


def _shown_text(raw: str) -> str:
    """Markdown/HTML source of a heading → its words, the way the page shows them."""
    if not _MARKUP_CHAR.search(raw):
        return _collapse(raw)  # most headings: plain words, nothing to undo
    raw = _COMMENT.sub(" ", raw)
    out: list[str] = []
    pos = 0
    for m in _CODESPAN.finditer(raw):
        out.append(_inline(raw[pos : m.start()]))
        out.append(m.group(2).strip())
        pos = m.end()
    out.append(_inline(raw[pos:]))
    return _collapse("".join(out))


def _inline(s: str) -> str:
    s = _MD_IMAGE.sub(" ", s)
    s = _MD_LINK.sub(r"\1", s)
    s = _TAG.sub("", s)
    s = _EMPHASIS.sub("", s)
    s = _ESCAPE.sub(r"\1", s)
    return html.unescape(s)


def _infos(doc: Document) -> list[_Info]:
    """Every heading with its shown text, computed once per document and shared by the rules."""
    cached = doc.memo.get("headings.infos")
    if cached is not None:
        return cached
    body = doc.body
    infos: list[_Info] = []
    for h in body.headings:
        s, e = _content_span(doc, h)
        raw = doc.text[s:e]
        # MDX `{/*id*/}` comments are template regions too: only Liquid/Hugo expressions count.
        templated = ("{{" in raw or "{%" in raw) and body.is_templated(s, e)
        infos.append(_Info(h, _shown_text(raw), s, e, templated))
    doc.memo["headings.infos"] = infos
    return infos


# --------------------------------------------------------------------------- helpers shared by the rules


def _title(doc: Document) -> str | None:
    if doc.fm is None:
        return None
    t = doc.fm.string("title")
    return t if t and t.strip() else None


def _title_is_h1(ctx: Context) -> bool:
    return bool(ctx.config.site_value("title_is_h1", True))


def _first_line_end(doc: Document, h: Heading) -> int:
    m = _LINE_BREAK.search(doc.text, h.start, h.end)  # CR too: CRLF and old Mac files
    return h.end if m is None else m.start()


def _house_style(text: str) -> str:
    """Messages read like every other rule's: lower-case start, no closing full stop."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _report(ctx: Context, start: int, end: int, message: str, suggestion: str | None = None,
            severity: Severity | None = None, edits: Iterable[Edit] = ()) -> Diagnostic:
    return ctx.report(start, end, _house_style(message), _house_style(suggestion) if suggestion else None,
                      edits=edits, severity=severity)


def _report_heading(ctx: Context, h: Heading, message: str, suggestion: str | None = None,
                    severity: Severity | None = None) -> Diagnostic:
    """A diagnostic over the heading's first line (a setext heading's underline is left out)."""
    return _report(ctx, h.start, _first_line_end(ctx.doc, h), message, suggestion, severity=severity)


def _mark(h: Heading, level: int | None = None) -> str:
    """How an editor writes a heading of this level in this heading's markup."""
    n = h.level if level is None else level
    return f"<h{n}>" if h.markup == "html" else "#" * n


def _quote(text: str, limit: int = 60) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _is_empty(info: _Info) -> bool:
    return not info.text and not info.templated


def _body_opens_with(doc: Document, h: Heading) -> bool:
    """True when nothing but blank lines and comments comes before `h` in the body."""
    return not _COMMENT.sub("", doc.text[doc.body_start : h.start]).strip()


# --------------------------------------------------------------------------- HD001


@rule("HD001", "h1-in-body", FAMILY, "warning",
      "The body has an h1, but the page already shows the title as its h1.",
      bad="---\ntitle: 푸틴 시진핑 회담\n---\n\n# 푸틴 시진핑 회담\n\n본문…",
      good="---\ntitle: 푸틴 시진핑 회담\n---\n\n## 회담 결과\n\n본문…",
      docs="Most news templates print the front matter `title` as the page's only h1. Another h1 in the "
           "body gives the page two titles: search engines and screen readers cannot tell which is the "
           "article's, and the outline starts over. Start body sections at h2.\n\n"
           "Corresponds to markdownlint MD025 (single-title) with its front matter title: with a "
           "title, every body h1 is reported. Sites whose posts carry their own h1 set "
           "`site: {title_is_h1: false}`; then, as in MD025 without a front matter title, an h1 that "
           "opens the body is the title and only further h1s are reported. A post without a title is "
           "treated the same way. Sites whose sections are h1s set `title_is_h1: false` and "
           "`top_heading_level: 1`: then body h1s are section headings and this rule reports nothing.")
def h1_in_body(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not _title_is_h1(ctx) and ctx.config.site_value("top_heading_level") == 1:
        return  # h1s are this site's section headings
    title = _title(doc)
    h1s = [i for i in _infos(doc) if i.h.level == 1]
    if not h1s:
        return
    if title is not None and _title_is_h1(ctx):
        title_words = _words(title)
        for i in h1s:
            if i.text and _words(i.text) == title_words:
                yield _report_heading(
                    ctx, i.h, "This h1 repeats the title, which the page already shows as its h1: readers "
                    "see the title twice and the page has two h1s.",
                    "Delete this heading; the title from the front matter is shown above the article.")
            else:
                yield _report_heading(
                    ctx, i.h, f"{_quote(i.text)} is an h1, but the page already shows the article's title as "
                    "its h1: the page gets two titles.",
                    "Make it a section heading (## or <h2>) and shift the headings under it one level down.")
        return
    first = h1s[0]
    if not _body_opens_with(doc, first.h):
        return  # markdownlint MD025: without an opening h1 the body has no h1 title to repeat
    line = doc.position(first.h.start)[0]
    for i in h1s[1:]:
        yield _report_heading(
            ctx, i.h, f"A second h1: the article's title is the h1 on line {line}, and a page should "
                      "have one.",
            "Make this a section heading (## or <h2>) under the title.")


# --------------------------------------------------------------------------- HD002


@rule("HD002", "heading-increment", FAMILY, "warning",
      "A heading skips a level (h2 → h4), or the first heading is deeper than the site's top level.",
      bad="## 회담 결과\n\n#### 세부 합의", good="## 회담 결과\n\n### 세부 합의",
      docs="Readers of a screen reader move through an article by its heading levels, and tables of "
           "contents nest by them: a jump from h2 to h4 suggests a missing section. Go down one level at a "
           "time (going back up by several levels is fine).\n\n"
           "The first heading is checked against the site's top level: `site: {top_heading_level: N}`, "
           "or 2 when the page shows the front matter title as its h1 (`title_is_h1`, the default) and "
           "the post has a title. Corresponds to markdownlint MD001 (heading-increment), which likewise "
           "counts a front matter title as the h1.",
      options={"check_first": Option(True, "also check the first heading against the site's top level")})
def heading_increment(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    infos = _infos(doc)
    if not infos:
        return
    top = ctx.config.site_value("top_heading_level")
    if not isinstance(top, int) or isinstance(top, bool):
        top = 2 if _title_is_h1(ctx) and _title(doc) is not None else None
    prev: int | None = top - 1 if (top is not None and ctx.options["check_first"]) else None
    for n, i in enumerate(infos):
        h = i.h
        if prev is not None and h.level > prev + 1:
            want = _mark(h, prev + 1)
            if n == 0:
                yield _report_heading(
                    ctx, h, f"The article's first heading is an h{h.level}, but its sections start at "
                            f"h{prev + 1}: the outline has no h{prev + 1} above it.",
                    f"Make it {want}, and the headings under it one level higher too.")
            else:
                yield _report_heading(
                    ctx, h, f"The heading jumps from h{prev} to h{h.level}, skipping a level.",
                    f"Make it {want} (one level below the heading before it), or add the missing section.")
        prev = h.level


# --------------------------------------------------------------------------- HD003


@rule("HD003", "empty-heading", FAMILY, "error",
      "A heading has no words: `<h3></h3>`, `## ` alone, only spaces, `&nbsp;` or only an image.",
      bad="<h3>&nbsp;</h3>\n\n<p>본문…</p>", good="<h3>회담 결과</h3>\n\n<p>본문…</p>",
      docs="An empty heading still makes a heading: a blank gap on the page, an empty entry in the table "
           "of contents and a nameless stop for screen readers. Editors often leave one behind when they "
           "delete a heading's text or press Enter in the editor's heading style. A heading holding only "
           "an image is reported as a warning: give it words (the image can stay beside them).\n\n"
           "Template expressions (`## {{ page.subtitle }}`) are not reported. markdownlint has no such "
           "rule.")
def empty_heading(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for i in _infos(doc):
        if not _is_empty(i):
            continue
        h = i.h
        image = h.has_image or bool(_IMG_TAG.search(doc.text, i.s, i.e))
        if image:
            yield _report_heading(
                ctx, h, f"This h{h.level} holds only an image: tables of contents and screen readers' "
                        "heading lists show an empty entry.",
                "Write the heading's words next to the image, or make the image a normal paragraph.",
                severity=Severity.WARNING)
        else:
            yield _report_heading(
                ctx, h, f"This h{h.level} heading is empty: it shows as a blank gap and an empty entry in "
                        "the outline.",
                "Write the heading's text, or delete the empty heading.")


# --------------------------------------------------------------------------- HD004


@rule("HD004", "duplicate-sibling-heading", FAMILY, "warning",
      "Two headings under the same parent have the same text.",
      bad="## 회담 결과\n\n본문…\n\n## 회담 결과\n\n본문…",
      good="## 러시아-중국 회담 결과\n\n본문…\n\n## 상하이협력기구 회의 결과\n\n본문…",
      docs="Two sections with the same heading under the same parent look like a copy-paste slip; readers "
           "cannot tell them apart in the table of contents, and both get the same link anchor (#…), so "
           "a link to the second opens the first. Text is compared after collapsing whitespace; the "
           "same heading under different parents (a \"Details\" in each section) is fine.\n\n"
           "Corresponds to markdownlint MD024 (no-duplicate-heading) with `siblings_only: true`; set "
           "`siblings_only: false` to report any repeated heading, as MD024's default does.",
      options={"siblings_only": Option(True, "only compare headings that share a parent heading")})
def duplicate_sibling_heading(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    siblings_only = ctx.options["siblings_only"]
    # known[level]: texts already seen under the current parent at that level (MD024's algorithm).
    known: dict[int, dict[str, Heading]] = {1: {}}
    last = 1
    seen: dict[str, Heading] = known[1]
    for i in _infos(doc):
        h = i.h
        if siblings_only:
            while last < h.level:
                last += 1
                known[last] = {}
            last = h.level
            seen = known[h.level]
        if _is_empty(i):
            continue  # HD003 reports it; two empty headings are not a duplicate
        first = seen.get(i.text)
        if first is None:
            seen[i.text] = h
            continue
        line = doc.position(first.start)[0]
        where = "in this section" if siblings_only else "in this article"
        yield _report_heading(
            ctx, h, f"The heading {_quote(i.text)} is already used {where} (line {line}): readers and "
                    "links to it cannot tell the two apart.",
            "Give each section its own heading, or merge the two sections.")


# --------------------------------------------------------------------------- HD005

_GEMOJI_END = lazy(r":[\w+-]+:$")


@rule("HD005", "heading-trailing-punctuation", FAMILY, "warning",
      "A heading ends with punctuation (. , ; : ! or their full-width forms).",
      bad="## 회담 결과:\n\n### 양국 관계, 역대 최고 수준.",
      good="## 회담 결과\n\n### 양국 관계, 역대 최고 수준",
      docs="Headings are labels, not sentences: house style leaves off the full stop, colon or exclamation "
           "mark, and a colon at the end reads as if the heading were cut off. A question mark is allowed "
           "by default, since a heading may ask what the section answers.\n\n"
           "Corresponds to markdownlint MD026 (no-trailing-punctuation), same default list "
           "(`.,;:!。，；：！`); an HTML entity (`&amp;`) or an emoji code (`:tada:`) at the end is not "
           "punctuation. The fix removes the punctuation.",
      options={"punctuation": Option(".,;:!。，；：！", "characters not allowed at the end of a heading")},
      fixable=True)
def heading_trailing_punctuation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    punct: str = ctx.options["punctuation"]
    if not punct:
        return
    trailing = re.compile("[" + re.escape(punct) + "]+$")
    for i in _infos(doc):
        m = trailing.search(i.text)
        if m is None or _GEMOJI_END.search(i.text):
            continue
        run = m.group()
        raw = doc.text[i.s : i.e].rstrip()
        end = i.s + len(raw)
        edits: tuple[Edit, ...] = ()
        if raw.endswith(run):
            start = end - len(run)
            edits = (Edit(start, end, ""),)
        else:  # the punctuation sits inside closing markup (`**…!**`, `<b>…!</b>`): point at it
            at = raw.rfind(run)
            start, end = (i.s + at, i.s + at + len(run)) if at >= 0 else (i.h.start, _first_line_end(doc, i.h))
        shown = "“" + run + "”"
        yield _report(ctx, start, end, f"The heading ends with {shown}: headings are labels, not sentences.",
                         f"Remove the trailing {shown}.", edits=edits)


# --------------------------------------------------------------------------- HD006


def _hd001_reports_h1s(ctx: Context, doc: Document) -> bool:
    return _title_is_h1(ctx) and _title(doc) is not None and "HD001" in ctx.config.rules_for(doc.fspath or doc.path)


@rule("HD006", "heading-repeats-title", FAMILY, "warning",
      "A heading repeats the article's title word for word.",
      bad="---\ntitle: 푸틴 시진핑 밀착\n---\n\n## 푸틴 시진핑 밀착\n\n본문…",
      good="---\ntitle: 푸틴 시진핑 밀착\n---\n\n## 카자흐스탄 정상회담\n\n본문…",
      docs="The reader has just read the title; a heading that says it again adds nothing and pushes the "
           "article's first paragraph down. Words are compared, not punctuation, spacing or letter case. "
           "By default only the article's first heading is checked: further down, a section may well be "
           "named after the article's subject (option `anywhere`).\n\n"
           "A body h1 that repeats the title is reported by HD001 (h1-in-body) when that rule runs, so it "
           "is not reported twice; on sites whose posts carry their own h1 (`title_is_h1: false`) that h1 "
           "is the title shown on the page, and is not reported. markdownlint has no such rule.",
      options={"anywhere": Option(False, "check every heading, not only the article's first")})
def heading_repeats_title(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    title = _title(doc)
    if title is None:
        return
    title_words = _words(title)
    if not title_words:
        return
    infos = _infos(doc)
    for i in infos if ctx.options["anywhere"] else infos[:1]:
        if _words(i.text) != title_words:
            continue
        if i.h.level == 1 and (not _title_is_h1(ctx) or _hd001_reports_h1s(ctx, doc)):
            continue  # the post's own h1 is its title, or HD001 reports it
        yield _report_heading(
            ctx, i.h, "This heading repeats the article's title word for word.",
            "Delete it, or write a heading that says what this section adds.")


# --------------------------------------------------------------------------- HD007

_BOLD_MD = lazy(r"^[ \t]*(\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)\1[ \t]*$")
_WRAP_OPEN = r"(?:<(?:p|div|span)\b[^>]*>[ \t]*)*"
_WRAP_CLOSE = r"(?:[ \t]*</(?:p|div|span)[ \t]*>)*"
_BOLD_HTML = lazy(r"^[ \t]*" + _WRAP_OPEN + r"<(?P<tag>b|strong)\b[^>]*>(?P<inner>.*?)</(?P=tag)[ \t]*>"
                        + _WRAP_CLOSE + r"[ \t]*$", re.IGNORECASE)
# How both patterns above begin: most paragraphs fail this anchored match at their first characters,
# before their line is cut out (what follows a line's start is not bounded by the line here: the test
# only lets through more lines, never fewer).
_BOLD_START = re.compile(r"[ \t]*(?:\*\*|__|" + _WRAP_OPEN + r"<(?:b|strong)\b)", re.IGNORECASE)
_SENTENCE_BREAK = lazy(r"[.!?。！？]\s")
# Bold text that is not a heading: a quotation or an aside in brackets, or a Korean sentence
# (해요체/합쇼체 endings, or a plain-style verb ending).
_NOT_A_LABEL = lazy(r"^[\"“‘'(（].*[\"”’')）]$|(?:니다|[요죠]|[했한된있없였겠]다)$")
_INNER_MARKUP = lazy(r"[<`\[\]*_]|\]\(|\{\{|\{%")


def _level_for_paragraph(doc: Document, ctx: Context, at: int) -> int:
    """The heading level a bold line at `at` would take: one below the heading above it."""
    above = [i.h.level for i in _infos(doc) if i.h.start < at]
    if above:
        return min(above[-1] + 1, 6)
    top = ctx.config.site_value("top_heading_level")
    if isinstance(top, int) and not isinstance(top, bool):
        return top
    return 2 if _title_is_h1(ctx) else 1


@rule("HD007", "emphasis-as-heading", FAMILY, "info",
      "A paragraph that is only bold text looks like a heading but is not one.",
      bad="<p><b>회담 결과</b></p>\n<p>본문…</p>", good="<h2>회담 결과</h2>\n<p>본문…</p>",
      docs="A short line in bold on its own looks like a heading to sighted readers, but it is not one "
           "for screen readers, tables of contents or search engines. If it starts a section, make it a "
           "heading; if it is emphasis, leave it in the sentence it belongs to.\n\n"
           "Only one-line paragraphs that are entirely bold (`**…**`, `__…__`, `<b>`, `<strong>`), hold "
           "plain text only (no link, code or image) and do not end with punctuation are reported, as in "
           "markdownlint MD036 (no-emphasis-as-heading), which also reports italic lines.",
      options={"punctuation": Option(".,;:!?。，；：！？", "a bold line ending with one of these is a sentence"),
               "max_length": Option(80, "longer bold lines are emphasis, not headings (0: no limit)")})
def emphasis_as_heading(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    punct: str = ctx.options["punctuation"]
    max_len: int = ctx.options["max_length"]
    masked = doc.body.masked
    bold_start = _BOLD_START.match
    for b in doc.body.blocks:
        if b.kind != "paragraph" or b.in_quote:
            continue
        ls = masked.rfind("\n", 0, b.start) + 1
        if bold_start(masked, ls) is None or "\n" in b.text.strip():
            continue
        le = masked.find("\n", b.start)
        le = len(masked) if le < 0 else le
        line = masked[ls:le].rstrip("\r")
        m = _BOLD_MD.match(line) if b.markup == "md" else None
        bold_html = m is None
        if bold_html:
            m = _BOLD_HTML.match(line)
        if m is None:
            continue
        inner_raw = doc.text[ls + m.start("inner") : ls + m.end("inner")]
        if _INNER_MARKUP.search(inner_raw):
            continue
        inner = _collapse(html.unescape(inner_raw))
        if not inner or (punct and inner[-1] in punct) or (max_len and len(inner) > max_len):
            continue
        if _SENTENCE_BREAK.search(inner) or _NOT_A_LABEL.search(inner):
            continue  # a sentence, a quotation or an aside in bold: emphasis, not a heading
        level = _level_for_paragraph(doc, ctx, b.start)
        want = f"<h{level}>" if bold_html else "#" * level
        yield _report(ctx, ls + m.start("inner"), ls + m.end("inner"),
                         f"{_quote(inner)} is a bold paragraph used as a heading: screen readers and the "
                         "table of contents do not see it.",
                         f"If it starts a section, make it a heading ({want}); otherwise leave it as "
                         "emphasis inside a sentence.")


# --------------------------------------------------------------------------- HD008

# What may stand between two headings without giving the section content: whitespace, comments,
# kramdown `{: .class}` lines, dividers, `&nbsp;`, and tags other than images, embeds and tables.
_NOT_CONTENT = re.compile(
    r"(?:\s+|<!--.*?-->|\{/\*.*?\*/\}|&nbsp;|&#160;"
    r"|^[ \t]*\{:[^}\n]*\}[ \t]*$"
    r"|^[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$"
    r"|</?(?!(?:img|iframe|video|audio|embed|object|svg|canvas|picture|math|input|button|select|textarea"
    r"|table)\b)[A-Za-z][A-Za-z0-9-]*\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)*",
    re.MULTILINE | re.DOTALL | re.IGNORECASE)


def _has_content(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], between two headings, shows anything: text, code, an image, an embed."""
    m = _NOT_CONTENT.match(text, start, end)
    return m is not None and m.end() < end


@rule("HD008", "empty-section", FAMILY, "warning",
      "A heading is followed directly by the next heading of the same or a higher level.",
      bad="## 회담 결과\n\n## 상하이협력기구 정상회의\n\n본문…",
      good="## 회담 결과\n\n양국은 협력 강화를 다짐했습니다.\n\n## 상하이협력기구 정상회의\n\n본문…",
      docs="A section with a heading and nothing under it is usually text that was deleted or never "
           "written, or a heading pasted twice. A heading followed by a deeper heading is fine (its "
           "section holds subsections); comments, `{: .class}` lines and dividers (`---`, `<hr>`) do "
           "not count as content, images, embeds, tables and code do. markdownlint has no such rule.")
def empty_section(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    infos = _infos(doc)
    for cur, nxt in zip(infos, infos[1:], strict=False):
        if nxt.h.level > cur.h.level or _is_empty(cur):
            continue
        if _has_content(doc.text, cur.h.end, nxt.h.start):
            continue
        line = doc.position(nxt.h.start)[0]
        yield _report_heading(
            ctx, cur.h, f"The section {_quote(cur.text)} is empty: the next heading (line {line}) follows "
                        "it directly.",
            "Write the section's text, or delete the heading.")
