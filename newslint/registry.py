"""One rule mechanism: a rule is declared once, next to its code, with everything about it.

`newslint rules`, `newslint explain`, config validation and the README's rule table all
read this registry; adding a rule means writing one decorated function in its family's
module under `newslint/checks/`, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from newslint.diagnostics import FAMILIES, Diagnostic, Edit, Severity

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document


@dataclass(frozen=True)
class Option:
    default: Any
    help: str

    def check(self, name: str, value: Any) -> str | None:
        """An error message when `value` does not have the default's type."""
        expected = type(self.default)
        if self.default is None:
            return None
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return None
        if expected is int and isinstance(value, bool):
            return f"option {name} expects a whole number, got {value!r}"
        if not isinstance(value, expected):
            kind = {bool: "true or false", int: "a whole number", float: "a number", str: "a string",
                    list: "a list", dict: "a mapping"}.get(expected, expected.__name__)
            return f"option {name} expects {kind}, got {value!r}"
        return None


class CheckFn(Protocol):
    def __call__(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]: ...


@dataclass(frozen=True)
class CorpusHooks:
    """A cross-article rule: a small picklable fingerprint per file, then one join over all."""

    fingerprint: Callable[[Document, Context], Any]
    join: Callable[[list[tuple[str, Any]], JoinContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    severity: Severity
    summary: str
    bad: str
    good: str
    docs: str = ""
    options: dict[str, Option] = field(default_factory=dict)
    fixable: bool = False
    default_enabled: bool = True
    network: bool = False  # needs the network: off unless `--online`
    check: CheckFn | None = None
    corpus: CorpusHooks | None = None

    def defaults(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}


REGISTRY: dict[str, Rule] = {}
# Keys a newsroom may set under `site:` in .newslint.yaml; rule modules declare the ones they read.
SITE_KEYS: dict[str, tuple[type, str]] = {}


def site_key(name: str, kind: type, help: str) -> None:
    """Declare a `site:` setting (name, expected type, what it means) read by some rule."""
    if name in SITE_KEYS and SITE_KEYS[name][0] is not kind:
        raise ValueError(f"site key {name!r} declared twice with different types")
    SITE_KEYS[name] = (kind, help)


site_key("name", str, "the site's own name, as readers see it (e.g. 'newsdao')")
site_key("aliases", list, "other names of the site (brands, domains)")
site_key("url", str, "the site's address, e.g. https://newsdao.kr")
site_key("root", str, "the site's source folder, relative to this file (for local image paths)")
site_key("language", str, "the articles' main language: ko or en")
site_key("timezone", str, "the newsroom's time zone, e.g. Asia/Seoul")
_BY_NAME: dict[str, Rule] = {}
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")


def register(r: Rule) -> Rule:
    if not _CODE.match(r.code):
        raise ValueError(f"rule code {r.code!r} must look like ABC123")
    if r.family not in FAMILIES:
        raise ValueError(f"rule {r.code}: unknown family {r.family!r}")
    if r.code in REGISTRY or r.name in _BY_NAME:
        raise ValueError(f"rule {r.code} / {r.name} is declared twice")
    REGISTRY[r.code] = r
    _BY_NAME[r.name] = r
    return r


def rule(
    code: str,
    name: str,
    family: str,
    severity: str,
    summary: str,
    bad: str,
    good: str,
    docs: str = "",
    options: dict[str, Option] | None = None,
    fixable: bool = False,
    default_enabled: bool = True,
    network: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Declare a per-document rule: the decorated function yields diagnostics for one article."""

    def deco(fn: CheckFn) -> CheckFn:
        register(Rule(code, name, family, Severity.parse(severity), summary, bad.strip("\n"), good.strip("\n"),
                      docs.strip(), options or {}, fixable, default_enabled and not network, network, check=fn))
        return fn

    return deco


def corpus_rule(
    code: str,
    name: str,
    family: str,
    severity: str,
    summary: str,
    bad: str,
    good: str,
    fingerprint: Callable[[Document, Context], Any],
    join: Callable[[list[tuple[str, Any]], JoinContext], Iterable[Diagnostic]],
    docs: str = "",
    options: dict[str, Option] | None = None,
    default_enabled: bool = True,
    network: bool = False,
) -> Rule:
    """Declare a cross-article rule from its fingerprint and join functions."""
    return register(Rule(code, name, family, Severity.parse(severity), summary, bad.strip("\n"), good.strip("\n"),
                         docs.strip(), options or {}, False, default_enabled and not network, network,
                         corpus=CorpusHooks(fingerprint, join)))


# Functions run once in the main process before worker processes are forked, given the codes of
# the enabled rules: a module that loads something heavy (a language model) loads it there, so the
# workers share one copy instead of each loading its own.
WARM_UPS: list[Callable[[set[str]], None]] = []


def warm_up(fn: Callable[[set[str]], None]) -> Callable[[set[str]], None]:
    """Register `fn(enabled codes)`: run before a run over many articles starts (before it forks its
    workers, which inherit what it loads); never in a run over a few files, such as a pre-commit hook's."""
    WARM_UPS.append(fn)
    return fn


_loaded = False


def load_rules() -> dict[str, Rule]:
    """Import every module in newslint.checks (each registers its rules)."""
    global _loaded
    if not _loaded:
        import newslint.checks as pkg

        for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if not mod.name.startswith("_"):
                importlib.import_module(f"{pkg.__name__}.{mod.name}")
        _loaded = True
    return REGISTRY


def find_rule(code_or_name: str) -> Rule | None:
    load_rules()
    key = code_or_name.strip()
    return REGISTRY.get(key.upper()) or _BY_NAME.get(key.lower())


def matches(r: Rule, selector: str) -> bool:
    """A selector names a rule by code, code prefix, family, name, or ALL."""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if s.lower() == r.family or s.lower() == r.name:
        return True
    return r.code.startswith(s.upper())


def selector_is_known(selector: str) -> bool:
    load_rules()
    return any(matches(r, selector) for r in REGISTRY.values())


class Context:
    """What a rule sees besides the document: its options, the config, and a way to report."""

    __slots__ = ("rule", "options", "config", "doc")

    def __init__(self, rule: Rule, options: dict[str, Any], config: Config, doc: Document) -> None:
        self.rule = rule
        self.options = options
        self.config = config
        self.doc = doc

    def report(
        self,
        start: int,
        end: int | None,
        message: str,
        suggestion: str | None = None,
        edits: Iterable[Edit] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic from character offsets into the article text."""
        doc = self.doc
        end = start if end is None else max(end, start)
        line, col = doc.position(start)
        eline, ecol = doc.position(end)
        edits = tuple(edits)
        return Diagnostic(doc.path, line, col, eline, ecol, self.rule.code, self.rule.name, self.rule.family,
                          severity or self.rule.severity, message, suggestion, bool(edits), edits,
                          doc.text[start:end][:200])

    def report_at(self, line: int, column: int, message: str, suggestion: str | None = None,
                  end_line: int | None = None, end_column: int | None = None, snippet: str = "") -> Diagnostic:
        """A diagnostic at a known line and column (for problems found before the text existed)."""
        r = self.rule
        return Diagnostic(self.doc.path, line, column, end_line or line, end_column or column, r.code, r.name,
                          r.family, r.severity, message, suggestion, False, (), snippet)


class JoinContext:
    """What a corpus rule's join sees: its options and the config."""

    __slots__ = ("rule", "options", "config")

    def __init__(self, rule: Rule, options: dict[str, Any], config: Config) -> None:
        self.rule = rule
        self.options = options
        self.config = config

    def report(self, path: str, line: int, column: int, message: str, suggestion: str | None = None,
               end_line: int | None = None, end_column: int | None = None, snippet: str = "",
               severity: Severity | None = None) -> Diagnostic:
        r = self.rule
        return Diagnostic(path, line, column, end_line or line, end_column or column, r.code, r.name, r.family,
                          severity or r.severity, message, suggestion, False, (), snippet)


def iter_rules() -> Iterator[Rule]:
    load_rules()
    yield from sorted(REGISTRY.values(), key=lambda r: (r.family != "parse", r.code))
