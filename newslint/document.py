"""Load an article once: bytes → text → front matter nodes + body model, never a traceback.

Everything a rule needs comes from the `Document`; everything that went wrong while
reading it becomes a `Problem` that the parse family reports.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from newslint.body import Body, parse_body
from newslint.frontmatter import (
    STANDARD_TAGS,
    FrontMatter,
    Node,
    YamlTooComplex,
    compose,
    find_duplicates,
    find_front_matter,
    nesting_depth_exceeds,
    plain,
)
from newslint.textindex import LineIndex

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mkd", ".mdown")


@dataclass(frozen=True, slots=True)
class Limits:
    """How large an article may be before newslint stops reading it (`limits:` in .newslint.yaml)."""

    max_file_bytes: int = 4 * 1024 * 1024  # real articles are far smaller; parsing stays within seconds
    max_yaml_nodes: int = 50_000  # values after alias expansion
    max_yaml_depth: int = 64
    max_front_matter_lines: int = 10_000  # checked before YAML is composed (composing is the slow part)


@dataclass(slots=True)
class Problem:
    """Something that stopped the article from being read as expected (parse family)."""

    code: str
    line: int
    column: int
    message: str
    suggestion: str | None = None
    end_line: int | None = None
    end_column: int | None = None


@dataclass
class Document:
    """One article as read: its text, front matter and problems; its body model and line index on first use."""

    path: str  # as the user gave it (display path)
    text: str = ""
    fspath: str | None = None  # real file path, for rules that look at neighbouring files
    bom: bool = False
    readable: bool = True  # False when the bytes could not be turned into text
    problems: list[Problem] = field(default_factory=list)
    fm: FrontMatter | None = None
    body_start: int = 0
    markdown: bool = True
    memo: dict[str, Any] = field(default_factory=dict)  # per-document results shared by rules
    _index: LineIndex | None = None
    _body: Body | None = None

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def body(self) -> Body:
        if self._body is None:
            self._body = parse_body(self.text, self.body_start, markdown=self.markdown)
        return self._body

    @property
    def data(self) -> dict[str, Any]:
        """The front matter as plain data ({} when missing or not a mapping)."""
        if self.fm is not None and isinstance(self.fm.data, dict):
            return self.fm.data
        return {}

    @property
    def filename(self) -> str:
        return os.path.basename(self.path)

    def position(self, offset: int) -> tuple[int, int]:
        return self.index.position(offset)

    def line_text(self, line: int) -> str:
        start = self.index.line_start(line)
        m = re.compile(r"[^\r\n]*").match(self.text, start)
        return m.group() if m else ""


def read_document(fspath: str, display: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    doc = Document(display, fspath=fspath, markdown=fspath.lower().endswith(MARKDOWN_SUFFIXES))
    try:
        size = os.path.getsize(fspath)
        if size > limits.max_file_bytes:
            doc.readable = False
            doc.problems.append(Problem(
                "NL008", 1, 1,
                f"the file is {size:,} bytes, over the {limits.max_file_bytes:,}-byte limit for one article",
                "split the article, or raise `limits.max_file_bytes` in .newslint.yaml if it is really one story",
            ))
            return doc
        with open(fspath, "rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except OSError as exc:
        doc.readable = False
        reason = exc.strerror or str(exc)
        doc.problems.append(Problem("NL001", 1, 1, f"the file cannot be read: {reason}",
                                    "check the file's permissions and that it still exists"))
        return doc
    return decode_into(doc, data, limits)


def load_text(text: str, path: str = "article.md", limits: Limits | None = None) -> Document:
    """Build a Document from text already in memory (tests, stdin)."""
    doc = Document(path, markdown=path.lower().endswith(MARKDOWN_SUFFIXES))
    return _from_text(doc, text, limits or Limits())


def load_bytes(data: bytes, path: str = "article.md", limits: Limits | None = None) -> Document:
    doc = Document(path, markdown=path.lower().endswith(MARKDOWN_SUFFIXES))
    return decode_into(doc, data, limits or Limits())


def decode_into(doc: Document, data: bytes, limits: Limits) -> Document:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.readable = False
        doc.problems.append(Problem("NL002", 1, 1, "the file is saved as UTF-16, not UTF-8",
                                    "save the article as UTF-8 (most editors: File → Save with Encoding → UTF-8)"))
        return doc
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        doc.readable = False
        line = data.count(b"\n", 0, nul) + 1
        doc.problems.append(Problem("NL003", line, 1,
                                    f"the file looks binary (a NUL byte at byte {nul}), not an article",
                                    "exclude it in .newslint.yaml, or re-save it as UTF-8 text"))
        return doc
    if data.startswith(b"\xef\xbb\xbf"):
        doc.bom = True
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc.readable = False
        bad = exc.start + (3 if doc.bom else 0)
        before = data[: exc.start].decode("utf-8", "replace")
        # Lines as everywhere else (LF, CRLF or lone CR), columns in characters.
        line, column = LineIndex(before).position(len(before))
        doc.problems.append(Problem(
            "NL002", line, column,
            f"invalid UTF-8 at byte {bad} (0x{data[exc.start]:02x}): the file is not saved as UTF-8",
            "re-save the article as UTF-8; if it came from an old CMS, it may be in EUC-KR (CP949)",
        ))
        return doc
    return _from_text(doc, text, limits)


# The line a YAML error points at: a key and its value; a quoted value with more after the closing quote; a
# flow list or mapping with more after it. Strings, not compiled patterns: only an article whose front
# matter fails to parse needs them (re compiles them then, once).
_KEY_VALUE = r"^\s*([^\s:#][^:#]*?):\s+(.*)$"
_QUOTED_THEN_MORE = r"""^\s*[^\s:#][^:#]*:\s*(["']).*?\1\s*[^\s#]"""
_FLOW_THEN_MORE = r"""^\s*[^\s:#][^:#]*:\s*[\[{].*?[\]}]\s*[^\s#,]"""


def yaml_quote(value: str) -> str:
    """`value` as a YAML quoted scalar an editor can paste."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_advice(line_text: str, problem: str) -> str:
    """What an editor should do about a YAML error, judged from the line it points at."""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return "YAML does not allow tabs for indentation: indent with spaces"
    m = re.match(_KEY_VALUE, line_text)
    if re.match(_FLOW_THEN_MORE, line_text) and m:
        return (f"a value that starts with '[' or '{{' is read as a list: quote the whole value, "
                f"e.g. {m.group(1)}: {yaml_quote(m.group(2).strip())}")
    if re.match(_QUOTED_THEN_MORE, line_text) and m:
        return (f"the quotes close before the value ends: quote the whole value, "
                f"e.g. {m.group(1)}: {yaml_quote(m.group(2).strip())}")
    if "could not find expected ':'" in problem or "mapping values are not allowed" in problem:
        return "a value that contains ': ' or spills onto the next line must be quoted"
    if "found character '\\t'" in problem:
        return "YAML does not allow tabs here: use spaces"
    return "fix the YAML syntax at this position; quoting the value usually helps"


def _from_text(doc: Document, text: str, limits: Limits) -> Document:
    doc.text = text
    found = find_front_matter(text)
    if found is None:
        doc.problems.append(Problem("NL004", 1, 1, "the article has no front matter (it must start with a '---' line)",
                                    "add a front matter block: '---', then 'title: …' and the other fields, then '---'"))
        doc.body_start = 0
        return doc
    if found == "unclosed":
        doc.problems.append(Problem("NL005", 1, 1, "the front matter opened with '---' is never closed",
                                    "add a line with '---' after the last front matter field"))
        doc.body_start = len(text)
        return doc
    assert isinstance(found, tuple)
    ystart, yend, body_start = found
    doc.body_start = body_start
    fm = FrontMatter(ystart, yend, body_start)
    doc.fm = fm
    ytext = text[ystart:yend]
    if not ytext.strip():
        return doc
    fm_lines = ytext.count("\n") + 1
    if fm_lines > limits.max_front_matter_lines:
        line, col = doc.position(ystart)
        doc.problems.append(Problem("NL009", line, col,
                                    f"the front matter is {fm_lines:,} lines long, over the limit of "
                                    f"{limits.max_front_matter_lines:,}",
                                    "front matter holds a few fields; move long content into the body, or raise "
                                    "`limits.max_front_matter_lines` in .newslint.yaml"))
        return doc
    if nesting_depth_exceeds(ytext, limits.max_yaml_depth):
        line, col = doc.position(ystart)
        doc.problems.append(Problem("NL009", line, col,
                                    f"the front matter is nested more than {limits.max_yaml_depth} levels deep",
                                    "front matter holds flat fields: flatten the nesting"))
        return doc
    try:
        root = compose(ytext, ystart, limits.max_yaml_nodes, limits.max_yaml_depth)
    except YamlTooComplex as exc:
        line, col = doc.position(ystart)
        doc.problems.append(Problem("NL009", line, col, str(exc),
                                    "remove the YAML aliases (*name) that multiply the values"))
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = doc.position(ystart + (mark.index if mark is not None else 0))
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        doc.problems.append(Problem("NL006", line, col, f"the front matter is not valid YAML: {problem}{context}",
                                    _yaml_advice(doc.line_text(line), problem)))
        return doc
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        line, col = doc.position(ystart)
        doc.problems.append(Problem("NL006", line, col, f"the front matter is not valid YAML: {exc}",
                                    "fix the YAML syntax"))
        return doc
    fm.root = root
    if root is None:
        return doc
    if root.kind != "mapping":
        line, col = doc.position(root.start)
        doc.problems.append(Problem("NL007", line, col,
                                    f"the front matter is a {root.kind}, not a set of 'key: value' fields",
                                    "write each field as 'key: value' on its own line"))
        return doc
    fm.data = plain(root)
    fm.duplicates = find_duplicates(root)
    _flag_tags(doc, root)
    return doc


def _flag_tags(doc: Document, node: Node) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.tag not in STANDARD_TAGS and n.tag.startswith(("!", "tag:yaml.org,2002:python")) or (
            n.tag.startswith("tag:") and n.tag not in STANDARD_TAGS and "python" in n.tag
        ):
            line, col = doc.position(n.start)
            doc.problems.append(Problem("NL010", line, col,
                                        f"the YAML tag {n.tag} asks a loader to build a program object",
                                        "remove the tag; newslint read the value as plain text and never ran it"))
        stack.extend(n.children)
        for k, v in n.items:
            stack.append(k)
            stack.append(v)
