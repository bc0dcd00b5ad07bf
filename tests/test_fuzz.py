"""Property-based fuzzing of the loader and of the whole check pipeline (issue 9).

Generated inputs: random bytes, random text (plain and biased towards markup characters), and
structured articles — front matter with random keys, values, quoting, indentation, anchors,
aliases and tags; bodies mixing Markdown headings, lists, tables, fences, HTML nested and
unclosed, comments, Liquid, entities, Korean and English words; LF, CRLF and lone CR.

Properties, for every input:
- no exception escapes, and no rule fails inside (an NL900 internal error is a failure too);
- every diagnostic points into the text: 1 <= line <= number of lines, 1 <= column <= length of
  that line + 1, for the start and the end, and the end is not before the start;
- every fix edit stays inside the text;
- running twice gives the same diagnostics.

The default run is short (see the `ci` profile in conftest.py). For a long local run:
    .venv/bin/pytest tests/test_fuzz.py --hypothesis-profile=long --hypothesis-show-statistics
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from newslint.diagnostics import Diagnostic
from newslint.document import Document, load_bytes, load_text
from newslint.engine import INTERNAL_CODE, check_document, join_corpus
from newslint.testing import make_config

CFG = make_config({})
_NEWLINE = re.compile(r"\r\n|\r|\n")


# --------------------------------------------------------------------------- the properties


def lines_of(text: str) -> list[str]:
    """The article's lines as newslint counts them (LF, CRLF and lone CR all end a line)."""
    return _NEWLINE.split(text)


def reference_text(doc: Document, data: bytes | None) -> str:
    """The text positions must point into: the decoded text, or for undecodable bytes what an
    editor sees when opening them (invalid bytes replaced, BOM dropped)."""
    if doc.readable or data is None:
        return doc.text
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "replace")


def check_position(d: Diagnostic, lines: list[str]) -> None:
    where = f"{d.rule} at {d.line}:{d.column}-{d.end_line}:{d.end_column} ({d.message})"
    for line, col in ((d.line, d.column), (d.end_line, d.end_column)):
        assert 1 <= line <= len(lines), f"line outside the text ({len(lines)} lines): {where}"
        assert 1 <= col <= len(lines[line - 1]) + 1, \
            f"column outside line {line} ({len(lines[line - 1])} characters): {where}"
    assert (d.end_line, d.end_column) >= (d.line, d.column), f"end before start: {where}"


def run_checks(doc: Document) -> list[Diagnostic]:
    result = check_document(doc, CFG)
    return result.diagnostics + join_corpus([result], CFG)


def check_all(doc: Document, data: bytes | None = None) -> list[dict[str, Any]]:
    """Run every default rule and assert the properties; returns the diagnostics as JSON."""
    diagnostics = run_checks(doc)
    internal = [d.message for d in diagnostics if d.rule == INTERNAL_CODE]
    assert not internal, internal
    text = reference_text(doc, data)
    lines = lines_of(text)
    for d in diagnostics:
        check_position(d, lines)
        for e in d.edits:
            assert 0 <= e.start <= e.end <= len(doc.text), f"{d.rule} edit {e} outside the text"
    for p in doc.problems:
        assert 1 <= p.line <= len(lines) and 1 <= p.column <= len(lines[p.line - 1]) + 1, p
    check_body_model(doc)
    return [d.to_json() for d in diagnostics]


def check_body_model(doc: Document) -> None:
    """Offsets in the body model stay inside the text; masking keeps every offset."""
    if not doc.readable:
        return
    body = doc.body
    n = len(doc.text)
    assert len(body.masked) == n
    spans = [(x.start, x.end) for x in (*body.blocks, *body.headings, *body.images, *body.links,
                                       *body.tags, *body.comments)]
    spans += body.templates + body.code
    for s, e in spans:
        assert 0 <= s <= e <= n, (s, e, n)


def loaded_twice_same(make: Any) -> None:
    first = check_all(make())
    assert check_all(make()) == first, "two runs over the same input disagree"


# --------------------------------------------------------------------------- generators

KO_WORDS = ["정부는", "오늘", "발표했다", "기자", "서울", "회의가", "열렸다", "속보", "대통령", "의", "을", "를",
            "이", "가", "은", "는", "에서", "했다.", "(사진)", "[단독]", "“인용”", "‘작은따옴표’", "…", "·",
            "1조", "3.5%", "2026년", "뉴스다오", "ㅋㅋ", "햇살", "됬다", "안되요"]
EN_WORDS = ["The", "government", "said", "today", "on", "Monday", "breaking", "news", "the", "the", "a",
            "Seoul", "U.S.", "e.g.", "I", "don't", "5,000", "$3", "COVID-19", "click", "here", "teh"]
ODD = ["\u200b", "\ufeff", "\u00a0", "\u3000", "\t", "é", "e\u0301", "😀", "👩‍👩‍👧", "\u202e", "\\", "\x0c",
       "\u2028", "\x85", "&", "<", ">", "*", "_", "`", "|", "#", "!", "[", "]", "(", ")", "{", "}", "%", "\"", "'"]
URLS = ["https://newsdao.kr/res/images/2024/a.jpg", "http://example.com/a b.png", "/assets/img/x.png",
        "img/사진 1.jpg", "//cdn.example.com/x.webp", "data:image/gif;base64,R0lGOD==", "{{ site.url }}/a.png",
        "javascript:alert(1)", "http://[::1/a.png", "http://127.0.0.1:99999/a.png", "", " ", "#top", "mailto:a@b",
        "https://bit.ly/x", "../up.jpg", "C:\\pics\\a.jpg", "http://xn--hxa.com/α.png", "https://a.com/%zz"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#12345;", "&#x1F600;", "&bogus;", "&#99999999;", "&#0;", "&#xD800;",
            "&", "&#;", "&#x;", "&quot;", "&ldquo;", "&middot;"]
TAGS = ["p", "div", "span", "b", "i", "em", "strong", "a", "img", "h1", "h2", "h3", "h7", "figure", "figcaption",
        "table", "tr", "td", "th", "ul", "ol", "li", "blockquote", "pre", "code", "br", "hr", "script", "style",
        "iframe", "video", "source", "picture", "center", "font", "section", "Ｐ", "x-widget", "svg"]
ATTRS = ["src", "alt", "href", "class", "style", "width", "srcset", "title", "onclick", "data-x", "id", "align"]
FM_KEYS = ["title", "date", "author", "tags", "categories", "image", "excerpt", "layout", "description",
           "feature_text", "permalink", "lang", "published", "last_modified_at", "canonical_url", "og_image",
           "제목", "1", "null", "true", "<<", "? complex", "title", "a b", "key:colon", "-", "~"]

words = st.sampled_from(KO_WORDS + EN_WORDS)
odd = st.sampled_from(ODD)
url = st.one_of(st.sampled_from(URLS), st.text(max_size=12))
entity = st.sampled_from(ENTITIES)


@st.composite
def phrase(draw: st.DrawFn, max_words: int = 8) -> str:
    parts = draw(st.lists(st.one_of(words, words, words, odd, entity, st.text(max_size=4)), max_size=max_words))
    seps = draw(st.lists(st.sampled_from([" ", " ", "", "  ", "\t", "\u3000"]), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True)).strip(" ") or draw(words)


@st.composite
def html_attr(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(ATTRS))
    value = draw(st.one_of(url, phrase(3)))
    quote = draw(st.sampled_from(['"', "'", "", '"']))
    if draw(st.booleans()) and name != "alt":
        return name
    if not quote:
        value = value.replace(" ", "") or "x"
    return f"{name}={quote}{value}{quote if draw(st.integers(0, 9)) else ''}"


@st.composite
def html_open(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(TAGS))
    attrs = draw(st.lists(html_attr(), max_size=3))
    case = draw(st.sampled_from([str, str, str.upper]))
    close = draw(st.sampled_from([">", ">", " />", "/>", "", " >"]))
    return f"<{case(name)}{''.join(' ' + a for a in attrs)}{close}", name


INLINE_SIMPLE = st.one_of(
    phrase(),
    st.builds(lambda t, u: f"[{t}]({u})", phrase(3), url),
    st.builds(lambda t, u: f"![{t}]({u})", phrase(3), url),
    st.builds(lambda t, u: f"![{t}](<{u}> \"title\")", phrase(2), url),
    st.builds(lambda t, r: f"[{t}][{r}]", phrase(2), st.sampled_from(["1", "a", "없음"])),
    st.builds(lambda u: f"<{u}>", url),
    st.builds(lambda t, m: f"{m}{t}{m}", phrase(3), st.sampled_from(["*", "**", "_", "__", "~~", "`", "``"])),
    st.builds(lambda t, m: f"{m}{t}", phrase(3), st.sampled_from(["*", "**", "`", "[", "![", "<!--", "{{", "{%"])),
    st.sampled_from(["{{ page.title }}", "{% raw %}", "{% endraw %}", "{% include x.html %}",
                     "{{< figure src=\"a.jpg\" >}}", "{{% note %}}", "$x^2$", "<!-- note -->", "<!--", "-->",
                     "</div>", "</p>", "<br>", "\\<b>", "{#", "#}", "{: .class}", "[^1]", "<b><i>x</b></i>", "<img>",
                     "<a href=x>", "<script>x", "<<", ">>", "<!DOCTYPE html>", "<?php ?>", "<![CDATA[x]]>"]),
    entity,
)


def _wrapped(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`inner` inside an HTML element, closed or not."""
    return st.builds(lambda o, text, c: f"{o[0]}{text}{'</' + o[1] + '>' if c else ''}", html_open(), inner,
                     st.booleans())


INLINE_1 = st.one_of(INLINE_SIMPLE, _wrapped(INLINE_SIMPLE))
INLINE = st.one_of(INLINE_SIMPLE, INLINE_SIMPLE, _wrapped(INLINE_1))


@st.composite
def paragraph(draw: st.DrawFn) -> list[str]:
    return [" ".join(draw(st.lists(INLINE, min_size=1, max_size=6)))]


@st.composite
def heading(draw: st.DrawFn) -> list[str]:
    text = draw(st.one_of(phrase(5), INLINE, st.just("")))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return [f"{'#' * draw(st.integers(1, 8))}{draw(st.sampled_from([' ', '', '  ']))}{text}"
                f"{draw(st.sampled_from(['', ' #', ' ##', '#']))}"]
    if kind == 1:
        return [text, draw(st.sampled_from(["===", "---", "-", "=", "= =", "---   "]))]
    n = draw(st.integers(0, 8))
    attrs = draw(st.sampled_from(["", " id=x", ' class="t"']))
    close = draw(st.sampled_from([f"</h{n}>", "", f"</h{(n + 1) % 9}>", f"</H{n}>"]))
    return [f"<h{n}{attrs}>{text}{close}"]


@st.composite
def list_block(draw: st.DrawFn) -> list[str]:
    out = []
    for _ in range(draw(st.integers(1, 5))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 8]))
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)", "10.", "-", "* [ ]", "- [x]"]))
        out.append(f"{indent}{marker} {' '.join(draw(st.lists(INLINE, max_size=3)))}")
    return out


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    cols = draw(st.integers(1, 4))
    rows = []
    for i in range(draw(st.integers(1, 4))):
        cells = draw(st.lists(st.one_of(phrase(3), INLINE, st.just("")), min_size=cols, max_size=cols + 1))
        rows.append("| " + " | ".join(cells) + draw(st.sampled_from([" |", "", "|"])))
        if i == 0:
            rows.append("|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"])) for _ in range(cols)) + "|")
    return rows


@st.composite
def fence(draw: st.DrawFn) -> list[str]:
    mark = draw(st.sampled_from(["```", "~~~", "````", "```python", "~~~ {.md}", "``"]))
    body = draw(st.lists(st.one_of(phrase(), INLINE, st.sampled_from(["---", "# not a heading", "<div>"])),
                         max_size=4))
    close = draw(st.sampled_from([mark[:3], mark[:3], "", "~~~" if mark.startswith("`") else "```", mark + "`"]))
    return [mark, *body, *([close] if close else [])]


@st.composite
def html_block(draw: st.DrawFn) -> list[str]:
    depth = draw(st.integers(1, 6))
    opened = [draw(html_open()) for _ in range(depth)]
    inner = draw(st.lists(INLINE_1, max_size=3))
    closes = [f"</{name}>" for _o, name in reversed(opened) if draw(st.integers(0, 4))]
    if draw(st.booleans()):
        closes = draw(st.permutations(closes))
    sep = draw(st.sampled_from(["", "\n", " "]))
    return (sep.join(o for o, _n in opened) + sep + " ".join(inner) + sep + sep.join(closes)).split("\n")


@st.composite
def other_block(draw: st.DrawFn) -> list[str]:
    return draw(st.sampled_from([
        ["<!-- 편집자 메모", "지울 것 -->"], ["<!--"], ["-->"], ["{% raw %}", "{{ x }}", "{% endraw %}"],
        ["{% highlight ruby %}", "def x; end", "{% endhighlight %}"], ["{% comment %}", "hidden"],
        ["    indented code", "    more"], ["> 인용문", "> > nested", ">"], ["---"], ["***"], ["..."],
        ["$$", "x = y", "$$"], ["[1]: https://example.com \"t\"", "[a]: <>"], ["[^1]: 각주"],
        ["<pre>", "# not heading", "</pre>"], ["<table><tr><td>셀</td><td>", "</table>"],
        ["<figure><img src=\"a.jpg\"><figcaption>사진 설명</figcaption></figure>"], [""], ["", ""],
        ["<details><summary>요약</summary>", "본문", "</details>"], ["<script>", "var a = '<b>';", "</script>"],
        ["Term", ": definition"], ["* * *"], ["#"], ["# "], ["#\t제목"], ["<", ">"], ["\\"], ["&"],
    ]))


@st.composite
def body(draw: st.DrawFn) -> list[str]:
    blocks = draw(st.lists(st.one_of(paragraph(), paragraph(), heading(), list_block(), table(), fence(),
                                     html_block(), other_block()), max_size=10))
    lines: list[str] = []
    for b in blocks:
        lines.extend(b)
        if draw(st.integers(0, 3)):
            lines.append("")
    return lines


@st.composite
def scalar(draw: st.DrawFn) -> str:
    value = draw(st.one_of(phrase(6), url, st.sampled_from(
        ["2026-07-04", "2026-13-40", "2026-07-04 09:30:00 +0900", "2026-07-04T09:30:00Z", "1999-02-29", "yes",
         "no", "true", "null", "~", "1e309", "0x1F", "0o17", "1_000", ".inf", "-.nan", "12:30:45", "''", '""',
         "- item", "key: value", "# comment", "@at", "`tick`", "%percent", "|", ">", "[속보] 제목", "{a: b}",
         "[a, b", "\"unclosed", "'unclosed", "a #b", "x: y: z", "*alias", "&anchor", "!tag x", "\\x00",
         "\"\\x00 \\uD800 \\U0010FFFF\"", "!!binary aGVsbG8=", "!!python/object/apply:os.system [ls]"])))
    style = draw(st.integers(0, 5))
    if style == 1:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == 2:
        return "'" + value.replace("'", "''") + "'"
    if style == 3:
        return value.replace('"', "")  # may break the YAML: on purpose
    return value


@st.composite
def fm_value(draw: st.DrawFn, indent: str) -> list[str]:
    kind = draw(st.integers(0, 9))
    prefix = draw(st.sampled_from(["", "", "", "&a ", "!!str ", "!custom ", "!!int ", "!!timestamp ",
                                   "!!python/name:os.system ", "!!map ", "!!seq "]))
    if kind <= 4:
        return [prefix + draw(scalar())]
    if kind == 5:
        return [prefix + "[" + ", ".join(draw(st.lists(scalar(), max_size=4))) + draw(st.sampled_from(["]", "]", ""]))]
    if kind == 6:
        step = " " * draw(st.sampled_from([2, 2, 4, 0, 1, 3]))
        return [prefix.rstrip(), *(f"{indent}{step}- {draw(scalar())}" for _ in range(draw(st.integers(0, 4))))]
    if kind == 7:
        mark = draw(st.sampled_from(["|", ">", "|-", ">+", "|2"]))
        return [prefix + mark, *(f"{indent}  {draw(phrase())}" for _ in range(draw(st.integers(0, 3))))]
    if kind == 8:
        return [draw(st.sampled_from(["*a", "*missing", "{a: 1, b: [2, 3]}", "{}", "[]", "{", "? x"]))]
    step = " " * draw(st.sampled_from([2, 4, 1, 0]))
    return ["", *(f"{indent}{step}{draw(st.sampled_from(FM_KEYS))}: {draw(scalar())}"
                  for _ in range(draw(st.integers(1, 3))))]


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    out = []
    for _ in range(draw(st.integers(0, 8))):
        indent = draw(st.sampled_from(["", "", "", "", " ", "  ", "\t"]))
        key = draw(st.one_of(st.sampled_from(FM_KEYS), phrase(2)))
        sep = draw(st.sampled_from([": ", ": ", ":", " : ", ":  ", ":\t"]))
        value = draw(fm_value(indent))
        out.append(f"{indent}{key}{sep}{value[0]}")
        out.extend(value[1:])
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(["# comment", "", "<<: *a", "- stray", "%YAML 1.1", "---", "? [a, b]",
                                             ": c", "...", "title: 두번째 제목"])))
    return out


@st.composite
def article(draw: st.DrawFn) -> str:
    lines: list[str] = []
    opening = draw(st.sampled_from(["---", "---", "---", "--- ", "---\t", "----", "", "+++", "<!-- x -->"]))
    if opening:
        lines.append(opening)
    if opening.startswith("---") or draw(st.booleans()):
        lines.extend(draw(front_matter()))
        closing = draw(st.sampled_from(["---", "---", "---", "...", "--- ", "", "----"]))
        if closing:
            lines.append(closing)
    lines.extend(draw(body()))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "mixed"]))
    if newline == "mixed":
        seps = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
        text = "".join(line + sep for line, sep in zip(lines, seps, strict=True))
    else:
        text = newline.join(lines) + draw(st.sampled_from([newline, "", newline * 2]))
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


MARKUPISH = st.lists(st.one_of(
    st.sampled_from(list("#-*_[]()!<>/=\"' `~|{}%&;:.\\\t\n\r ") + ["가", "a", "1", "é"]),
    st.sampled_from(["---\n", "<!--", "-->", "```", "{{", "}}", "{%", "%}", "<div>", "</div>", "<img src=",
                     "![", "](", "&#", "\r\n", "title: ", "<h2>", "- ", "| "]),
), max_size=200).map("".join)


# --------------------------------------------------------------------------- tests


@given(st.binary(max_size=600))
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"---\r\ntitle: caf\xe9\r\n---\r")
@example(b"a\rb\r\xff")
def test_random_bytes(data: bytes) -> None:
    first = check_all(load_bytes(data), data)
    assert check_all(load_bytes(data), data) == first


@given(st.binary(max_size=400).map(lambda b: b"---\ntitle: x\n---\n" + b))
def test_random_bytes_after_front_matter(data: bytes) -> None:
    first = check_all(load_bytes(data), data)
    assert check_all(load_bytes(data), data) == first


@given(st.one_of(st.text(max_size=400), MARKUPISH, MARKUPISH.map(lambda t: "---\ntitle: 제목\n---\n" + t)))
@example("---\n---\n")
@example("---\ntitle: x\n---\r\n")
def test_random_text(text: str) -> None:
    loaded_twice_same(lambda: load_text(text))


@given(article())
def test_generated_articles(text: str) -> None:
    loaded_twice_same(lambda: load_text(text))


@given(article())
def test_generated_articles_as_bytes_and_html(text: str) -> None:
    data = text.encode("utf-8")
    first = check_all(load_bytes(data, "article.html"), data)
    assert check_all(load_bytes(data, "article.html"), data) == first


# --------------------------------------------------------------------------- crashes found, kept as regressions


def test_invalid_utf8_after_lone_cr_lines_points_at_the_right_line() -> None:
    # NL002 counted only LF: with old Mac (CR) line ends it pointed past the end of line 1.
    doc = load_bytes(b"a\rb\r\xff")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("NL002", 3, 1)]
    doc = load_bytes(b"---\r\ntitle: x\r\n---\r\n\xea\xb0\x80 \xff")  # '가 ' then a bad byte
    assert [(p.line, p.column) for p in doc.problems] == [(4, 3)]


def test_missing_field_points_at_a_crlf_opening_fence() -> None:
    # FM001/FM002 assumed a 4-character '---\n' fence: with CRLF the end fell between CR and LF.
    data = b"---\r\n---\r\n"
    doc = load_bytes(data)
    found = [d for d in run_checks(doc) if d.rule in ("FM001", "FM002")]
    assert found and all((d.line, d.column, d.end_line, d.end_column) == (1, 1, 1, 4) for d in found)
    check_all(doc, data)
    lf = [d for d in run_checks(load_text("---\ncategories: x\n---\n")) if d.rule == "FM001"]
    assert [(d.line, d.column, d.end_line, d.end_column) for d in lf] == [(1, 1, 1, 4)]


def test_unclosed_html_heading_at_the_end_of_a_crlf_file() -> None:
    # HD003 ended the heading's first line at '\n' only: with CRLF the end fell between CR and LF.
    text = "---\r\ntitle: 제목\r\n---\r\n정부는\r\n<h1>![정부는](https://newsdao.kr/a.jpg)\r\n"
    doc = load_bytes(text.encode(), "article.html")
    hd = [d for d in run_checks(doc) if d.rule == "HD003"]
    line = "<h1>![정부는](https://newsdao.kr/a.jpg)"
    assert [(d.line, d.column, d.end_line, d.end_column) for d in hd] == [(5, 1, 5, len(line) + 1)]
    check_all(doc, text.encode())


def test_a_tag_spanning_lines_is_not_prose_and_blocks_stay_ordered() -> None:
    # An HTML tag running over several lines (here across a blank line, in an .html post) left
    # a heading block that started after it ended; its attribute lines were read as prose.
    text = ('---\n---\n정부는\n- \n<h1 src="a.jpg" src{{ page.title }}\n\n# ![정부는](<> "title")\n')
    doc = load_bytes(text.encode(), "article.html")
    assert all(b.start <= b.end for b in doc.body.blocks), doc.body.blocks
    check_all(doc, text.encode())
    doc = load_text("---\ntitle: 제목\n---\n\n<img src=\"a.jpg\"\n     alt=\"숭크의 절규\" width='300'/>\n\n본문 문장.\n")
    assert [b.text.strip() for b in doc.body.blocks if b.kind == "paragraph"] == ["본문 문장."]
