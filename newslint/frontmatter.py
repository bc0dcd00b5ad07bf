"""Front matter: find the fenced YAML block and compose it into nodes that keep their positions.

PyYAML's `safe_load` throws away where things are, crashes on dates such as `2026-13-40`
and silently keeps the last of two duplicate keys. We compose the node tree instead
(libyaml's C composer when available), keep every node's start and end offset, turn
scalars into Python values ourselves (dates stay as written, for the date rule to judge)
and bound alias expansion so a "billion laughs" block cannot eat the machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An opening fence is `---` alone on the first line; the closing fence is `---` or `...`.
_OPEN_FENCE = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
# The closing fence at the start of the YAML text, or just after a line break: a pattern that begins
# with a line anchor is tried at every character (~20 µs over a title and an excerpt in Korean), one
# that begins with the break itself is scanned for at C speed.
_FENCE_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", re.MULTILINE)


@cache
def _fence_after(line_break: str) -> re.Pattern[str]:
    """The closing fence just after `line_break` ("\\n", or "\\r", which only a file holding a CR needs)."""
    return re.compile(re.escape(line_break) + "(" + _FENCE_LINE.pattern + ")", re.MULTILINE)


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_CONSTRUCTORS = {
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
}
_constructor = SafeConstructor()
STANDARD_TAGS = {
    _STR,
    _TIMESTAMP,
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    *_SCALAR_CONSTRUCTORS,
}


class YamlTooComplex(Exception):
    """Alias expansion or nesting beyond the configured limits."""


@dataclass(slots=True)
class Node:
    """A composed YAML node with absolute character offsets into the article text."""

    kind: str  # "scalar", "mapping" or "sequence"
    tag: str
    start: int
    end: int
    value: Any = None  # scalars: the Python value (dates as written); collections: None
    style: str | None = None  # scalar style: None/'' plain, '"', "'", '|', '>'
    items: list[tuple[Node, Node]] = field(default_factory=list)  # mapping entries, in order
    children: list[Node] = field(default_factory=list)  # sequence items

    def get(self, key: str) -> Node | None:
        """The value node of the last `key` in a mapping (YAML loaders keep the last)."""
        found = None
        for k, v in self.items:
            if k.kind == "scalar" and k.value == key:
                found = v
        return found

    def key_node(self, key: str) -> Node | None:
        found = None
        for k, _v in self.items:
            if k.kind == "scalar" and k.value == key:
                found = k
        return found

    @property
    def is_timestamp(self) -> bool:
        return self.tag == _TIMESTAMP


@dataclass(slots=True)
class FrontMatter:
    """The fenced block: where it is and what it holds."""

    start: int  # offset of the first character of the YAML text (after the opening fence)
    end: int  # offset just past the YAML text (the start of the closing fence line)
    fence_end: int  # offset just past the closing fence line: where the body begins
    root: Node | None = None  # None when the YAML failed to parse or was empty
    data: Any = None  # plain Python view of root (mapping → dict, last duplicate wins)
    duplicates: list[tuple[str, Node, Node]] = field(default_factory=list)  # (json path, first key, repeat)

    def node(self, key: str) -> Node | None:
        if self.root is None or self.root.kind != "mapping":
            return None
        return self.root.get(key)

    def key(self, key: str) -> Node | None:
        if self.root is None or self.root.kind != "mapping":
            return None
        return self.root.key_node(key)

    def string(self, key: str) -> str | None:
        """The value of `key` when it is a non-empty-able string scalar, else None."""
        node = self.node(key)
        if node is None or node.kind != "scalar" or not isinstance(node.value, str):
            return None
        return node.value


def find_front_matter(text: str) -> tuple[int, int, int] | None | str:
    """Locate the fences.

    Returns (yaml_start, yaml_end, body_start); None when the text does not start with
    a fence; "unclosed" when the opening fence has no closing one.
    """
    m = _OPEN_FENCE.match(text)
    if not m:
        if text.rstrip(" \t") == "---":
            return "unclosed"
        return None
    start = m.end()  # just after a line break
    close = _close_fence(text, start)
    if close is None:
        return "unclosed"
    return start, close[0], close[1]


def _close_fence(text: str, start: int) -> tuple[int, int] | None:
    """The span of the first closing fence line from `start`: at `start`, after a LF or after a CR."""
    m = _FENCE_LINE.match(text, start)
    if m is not None:
        return m.span()
    found = None
    for line_break in ("\n", "\r") if "\r" in text else ("\n",):
        m = _fence_after(line_break).search(text, start)
        if m is not None and (found is None or m.start(1) < found[0]):
            found = m.span(1)
    return found


class Composer:
    """Turns a PyYAML node graph into `Node`s with absolute offsets, within limits."""

    def __init__(self, base: int, max_nodes: int, max_depth: int) -> None:
        self.base = base
        self.budget = max_nodes
        self.limit = max_nodes
        self.max_depth = max_depth

    def convert(self, ynode: yaml.Node, depth: int = 0) -> Node:
        self.budget -= 1
        if self.budget < 0:
            raise YamlTooComplex(f"the front matter holds more than {self.limit:,} values once its aliases "
                                 "(*name) are expanded")
        if depth > self.max_depth:
            raise YamlTooComplex(f"the front matter is nested more than {self.max_depth} levels deep")
        start = self.base + ynode.start_mark.index
        end = self.base + ynode.end_mark.index
        if isinstance(ynode, yaml.ScalarNode):
            return Node("scalar", ynode.tag, start, end, value=scalar_value(ynode), style=ynode.style)
        if isinstance(ynode, yaml.SequenceNode):
            node = Node("sequence", ynode.tag, start, end)
            node.children = [self.convert(child, depth + 1) for child in ynode.value]
            return node
        node = Node("mapping", ynode.tag, start, end)
        items = []
        for k, v in ynode.value:
            if k.tag == "tag:yaml.org,2002:merge":
                # `<<: *base` merges: keep the merged entries so rules see the keys a site sees.
                merged = self.convert(v, depth + 1)
                sources = merged.children if merged.kind == "sequence" else [merged]
                for src in sources:
                    items.extend(src.items)
                continue
            items.append((self.convert(k, depth + 1), self.convert(v, depth + 1)))
        node.items = items
        return node


def scalar_value(ynode: yaml.ScalarNode) -> Any:
    make = _SCALAR_CONSTRUCTORS.get(ynode.tag)
    if make is not None:
        try:
            return make(_constructor, ynode)
        except (ValueError, TypeError, LookupError, ArithmeticError, yaml.YAMLError):
            return ynode.value  # `title: !!int` with nothing after it, `!!bool maybe`: kept as written
    return ynode.value  # strings, timestamps (as written) and unknown tags stay text


def plain(node: Node) -> Any:
    """Plain Python data (what a YAML loader would give), last duplicate key winning."""
    if node.kind == "scalar":
        return node.value
    if node.kind == "sequence":
        return [plain(c) for c in node.children]
    out: dict[Any, Any] = {}
    for k, v in node.items:
        key = k.value if k.kind == "scalar" else _unhashable_key(k)
        try:
            out[key] = plain(v)
        except TypeError:
            out[str(key)] = plain(v)
    return out


def _unhashable_key(node: Node) -> str:
    return f"<{node.kind} key>"


def find_duplicates(node: Node, path: str = "$") -> list[tuple[str, Node, Node]]:
    found: list[tuple[str, Node, Node]] = []
    if node.kind == "mapping":
        seen: dict[Any, Node] = {}
        for k, v in node.items:
            key = k.value if k.kind == "scalar" else None
            child_path = f"{path}.{key}" if key is not None else path
            if key is not None:
                try:
                    if key in seen:
                        found.append((child_path, seen[key], k))
                    else:
                        seen[key] = k
                except TypeError:
                    pass
            found.extend(find_duplicates(v, child_path))
    elif node.kind == "sequence":
        for i, c in enumerate(node.children):
            found.extend(find_duplicates(c, f"{path}[{i}]"))
    return found


def compose(yaml_text: str, base: int, max_nodes: int, max_depth: int) -> Node | None:
    """Compose `yaml_text` (which starts at offset `base`); raises yaml.YAMLError or YamlTooComplex."""
    ynode = yaml.compose(yaml_text, Loader=_Loader)
    if ynode is None:
        return None
    return Composer(base, max_nodes, max_depth).convert(ynode)


def nesting_depth_exceeds(yaml_text: str, limit: int) -> bool:
    """A cheap pre-check before handing text to the C composer, which recurses per level."""
    if "[" in yaml_text or "{" in yaml_text:  # most front matter has no flow collections at all
        depth = 0
        for ch in _BRACKET.findall(yaml_text):
            if ch in "[{":
                depth += 1
                if depth > limit:
                    return True
            elif depth:
                depth -= 1
    # Block-style nesting: indentation depth in spaces bounds the nesting depth. A line (at the start,
    # or after any line break) indented by more than `limit` * 4 spaces: three substring tests, where a
    # regex anchored at line starts would be tried at every character.
    pad = " " * (limit * 4 + 1)
    return yaml_text.startswith(pad) or "\n" + pad in yaml_text or "\r" + pad in yaml_text


_BRACKET = re.compile(r"[\[\]{}]")
