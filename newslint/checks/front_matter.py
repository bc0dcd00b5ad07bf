"""Front-matter family (FM…): the fields a news article's page is built from.

Driven by a JSON Schema (rules/front-matter.schema.json by default; `schema:` in the config
points at a newsroom's own). Every problem is reported at the line of the key or value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache, partial
from typing import Any

from newslint.diagnostics import Diagnostic, Edit
from newslint.document import Document
from newslint.frontmatter import Node
from newslint.registry import Context, Option, rule
from newslint.resources import rules_path

# --------------------------------------------------------------------------- schema plumbing


@cache
def load_schema(path: str | None) -> dict[str, Any]:
    with open(path or rules_path("front-matter.schema.json"), encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


# The `format` values checked: those jsonschema checks with the standard library alone. Its other
# checkers (uri, hostname, date-time…) switch on when some optional package happens to be installed,
# and the same article must get the same verdict on every machine. Other formats are annotations.
CHECKED_FORMATS = ("date", "email", "idn-email", "ipv4", "ipv6", "regex", "uuid")


@cache
def _validator(path: str | None) -> Any:
    import jsonschema  # deferred: only front matter the quick check cannot vouch for pays for it

    schema = load_schema(path)
    cls = jsonschema.validators.validator_for(schema)
    if path is not None:  # a newsroom's own schema; the shipped one is checked by the test suite
        cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker(formats=CHECKED_FORMATS))


def _schema(ctx: Context) -> dict[str, Any]:
    return load_schema(ctx.config.schema)


# --- a quick "certainly valid" test, so most articles never reach jsonschema: its import alone costs
# ~0.15 s (a pre-commit hook on one file feels it) and its walk ~0.2 ms per article.
#
# It knows a small part of JSON Schema 2020-12 (type, required, properties, pattern, anyOf, items and the
# format keyword) and answers True only when every keyword it checks certainly holds; anything
# else: False (this value, jsonschema decides) or None (this schema, jsonschema always decides).

_ANNOTATIONS = frozenset(("$schema", "$id", "$comment", "title", "description", "examples", "default",
                          "deprecated", "readOnly", "writeOnly"))
_QUICK_KEYWORDS = frozenset(("type", "required", "properties", "pattern", "anyOf", "items", "format"))
_DRAFT_2020_12 = ("https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#")
_Quick = Callable[[Any], bool]

# JSON Schema's types as jsonschema's 2020-12 type checker judges them (bool is not a number there).
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}

def _is_any(v: Any, checks: tuple[Callable[[Any], bool], ...]) -> bool:
    return any(c(v) for c in checks)


# The quick test runs on every article, so each keyword becomes one small closure (no `partial`, no
# generator per call): a single type is its own check, and properties that accept anything are dropped.


def _has_keys(keys: tuple[str, ...]) -> _Quick:
    def ok(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for k in keys:  # noqa: SIM110 - a loop, not a generator per call
            if k not in v:
                return False
        return True
    return ok


def _props_ok(props: dict[str, _Quick]) -> _Quick:
    checked = {k: q for k, q in props.items() if q is not _always}

    def ok(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        get = checked.get
        for k, x in v.items():
            q = get(k)
            if q is not None and not q(x):
                return False
        return True
    return ok


def _pattern_ok(rx: re.Pattern[str]) -> _Quick:
    search = rx.search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _not_text(v: Any) -> bool:
    return not isinstance(v, str)


def _any_ok(alts: tuple[_Quick, ...]) -> _Quick:
    def ok(v: Any) -> bool:
        for a in alts:  # noqa: SIM110 - a loop, not a generator per call
            if a(v):
                return True
        return False
    return ok


def _items_ok(item: _Quick) -> _Quick:
    def ok(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        for x in v:  # noqa: SIM110 - a loop, not a generator per call
            if not item(x):
                return False
        return True
    return ok


def _all_ok(checks: tuple[_Quick, ...]) -> _Quick:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def ok(v: Any) -> bool:
        for c in checks:  # noqa: SIM110 - a loop, not a generator per call
            if not c(v):
                return False
        return True
    return ok


def _quick_schema(schema: Any) -> _Quick | None:
    """A function saying True when `schema` certainly accepts a value; None if the schema is out of reach."""
    if schema is True or schema == {}:
        return _always
    if not isinstance(schema, dict):
        return None
    keys = {k for k in schema if k not in _ANNOTATIONS and not k.startswith("x-")}
    if not keys <= _QUICK_KEYWORDS:
        return None
    checks: list[_Quick] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not types or not all(isinstance(t, str) and t in _TYPES for t in types):
            return None
        checks.append(_TYPES[types[0]] if len(types) == 1 else partial(_is_any, checks=tuple(_TYPES[t] for t in types)))
    if "required" in schema:
        if not isinstance(schema["required"], list) or not all(isinstance(k, str) for k in schema["required"]):
            return None
        checks.append(_has_keys(tuple(schema["required"])))
    if "properties" in schema:
        if not isinstance(schema["properties"], dict):
            return None
        props: dict[str, _Quick] = {}
        for name, sub in schema["properties"].items():
            q = _quick_schema(sub)
            if q is None:
                return None
            props[name] = q
        checks.append(_props_ok(props))
    if "pattern" in schema:
        if not isinstance(schema["pattern"], str):
            return None
        checks.append(_pattern_ok(re.compile(schema["pattern"])))
    if "anyOf" in schema:
        if not isinstance(schema["anyOf"], list) or not schema["anyOf"]:
            return None
        alts = [a for a in (_quick_schema(sub) for sub in schema["anyOf"]) if a is not None]
        if len(alts) != len(schema["anyOf"]):
            return None
        checks.append(_any_ok(tuple(alts)))
    if "items" in schema:
        item = _quick_schema(schema["items"])
        if item is None:
            return None
        checks.append(_items_ok(item))
    if "format" in schema:
        if not isinstance(schema["format"], str):
            return None
        if schema["format"] in CHECKED_FORMATS:
            checks.append(_not_text)  # text in a checked format: jsonschema judges it
        # any other format is an annotation: nothing to check
    return _all_ok(tuple(checks))


def _always(v: Any) -> bool:
    return True


@cache
def _quick_valid(path: str | None) -> _Quick | None:
    schema = load_schema(path)
    if not isinstance(schema, dict) or schema.get("$schema", _DRAFT_2020_12[0]) not in _DRAFT_2020_12:
        return None  # `items` and friends mean other things in older drafts
    try:
        return _quick_schema(schema)
    except (re.error, TypeError):
        return None


def schema_errors(doc: Document, ctx: Context) -> list[Any]:
    """jsonschema errors for the front matter, computed once per document."""
    key = f"schema-errors:{ctx.config.schema}"
    if key not in doc.memo:
        errors: list[Any] = []
        if doc.fm is not None and doc.fm.root is not None and doc.fm.root.kind == "mapping":
            path = ctx.config.schema
            if path is not None:
                _validator(path)  # a newsroom's own schema is checked before it judges anything
            quick = _quick_valid(path)
            if quick is None or not quick(doc.data):
                errors = sorted(_validator(path).iter_errors(doc.data), key=lambda e: list(e.absolute_path))
        doc.memo[key] = errors
    return doc.memo[key]  # type: ignore[no-any-return,unused-ignore]


def node_at(root: Node | None, path: list[Any]) -> tuple[Node | None, Node | None]:
    """(value node, key node) at a JSON path; the deepest node found when the path runs out."""
    node, key_node = root, None
    for part in path:
        if node is None:
            break
        if node.kind == "mapping" and isinstance(part, str):
            k, v = node.key_node(part), node.get(part)
            if v is None:
                break
            node, key_node = v, k
        elif node.kind == "sequence" and isinstance(part, int) and part < len(node.children):
            node, key_node = node.children[part], None
        else:
            break
    return node, key_node


def json_path(path: Any) -> str:
    out = "$"
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _fm_start(doc: Document) -> int:
    return doc.fm.start if doc.fm is not None else 0


def _opening_fence(doc: Document) -> tuple[int, int]:
    """The opening `---` line without its line ending (LF, CRLF or CR), to point at the whole block."""
    start = _fm_start(doc)
    return 0, len(doc.text[:start].rstrip("\r\n"))


def _has_mapping(doc: Document) -> bool:
    return doc.fm is not None and doc.fm.root is not None and doc.fm.root.kind == "mapping"


# --------------------------------------------------------------------------- FM001 required


@rule("FM001", "required-field", "front-matter", "error",
      "A field the schema requires (by default: title) is missing.",
      bad="---\ncategories: News\n---", good="---\ntitle: 푸틴·시진핑 회담\ncategories: News\n---",
      docs="The required fields come from the schema's `required` lists (also inside nested objects). "
           "A front matter block that is missing entirely is NL004.")
def required_field(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if doc.fm is None:
        return
    if doc.fm.root is None and not any(p.code in ("NL006", "NL009") for p in doc.problems):
        # An empty block: every required field is missing.
        for field in _schema(ctx).get("required", []):
            yield ctx.report(*_opening_fence(doc),
                             f"the front matter has no {field}", f"add '{field}: …' to the front matter")
        return
    if not _has_mapping(doc):
        return
    for err in schema_errors(doc, ctx):
        if err.validator != "required":
            continue
        missing = [f for f in err.validator_value if isinstance(err.instance, dict) and f not in err.instance]
        node, _ = node_at(doc.fm.root, list(err.absolute_path))
        where = json_path(err.absolute_path)
        for field in missing:
            if node is None or node is doc.fm.root:
                (start, end), inside = _opening_fence(doc), ""
            else:
                start, end, inside = node.start, node.start, f" in {where}"
            yield ctx.report(start, end, f"the front matter has no {field}{inside}",
                             f"add '{field}: …' to the front matter")


# --------------------------------------------------------------------------- FM002 recommended

_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not (value.strip() if isinstance(value, str)
                                                                           else value))


@rule("FM002", "recommended-field", "front-matter", "warning",
      "A field the newsroom recommends (categories, excerpt, image, date) is missing or empty.",
      bad="---\ntitle: 푸틴·시진핑 회담\n---",
      good="---\ntitle: 푸틴·시진핑 회담\ncategories: 국제\nexcerpt: 두 정상이 카자흐스탄에서 만났다.\n"
           "image: /assets/2026/summit.jpg\ndate: 2026-07-04 09:00:00 +0900\n---",
      docs="The list is the schema's `x-recommended`. A `date:` is not needed when the file name starts "
           "with the date, as Jekyll posts do (`2026-07-04-summit.md`).")
def recommended_field(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not _has_mapping(doc):
        return
    assert doc.fm is not None and doc.fm.root is not None
    data = doc.data
    for field in _schema(ctx).get("x-recommended", []):
        if field == "date" and _FILENAME_DATE.match(doc.filename):
            continue
        if field not in data:
            yield ctx.report(*_opening_fence(doc),
                             f"the front matter has no {field}",
                             "add a date: 'date: 2026-07-04 09:00:00 +0900', or start the file name with it"
                             if field == "date" else f"add '{field}: …' so the page and its previews have it")
        elif _empty(data[field]):
            key = doc.fm.root.key_node(field)
            assert key is not None
            yield ctx.report(key.start, key.end, f"{field} is empty", f"write the {field}, or remove the line")


# --------------------------------------------------------------------------- FM003 schema


def _friendly(err: Any, field: str, flow_list: bool, custom: dict[str, str]) -> tuple[str, str | None]:
    """An editor's message for a schema violation, with the fix when we know it."""
    where = json_path(err.absolute_path)
    msg = custom.get(err.validator)
    instance = err.instance
    expected_text = err.validator == "type" and err.validator_value in ("string", ["string"])
    if flow_list and isinstance(instance, list) and (expected_text or err.validator == "anyOf") and field == where[2:]:
        first = instance[0] if instance else ""
        return (f"{msg or field + ' must be text'}, but YAML read it as a list because it starts with '['",
                f'quote the whole value: {field}: "[{first}] …"')
    if isinstance(instance, bool | int | float) and not isinstance(instance, bool) and expected_text:
        return (f"{msg or field + ' must be text'}, but YAML read {instance!r} as a number",
                f'quote it: {field}: "{instance}"')
    if isinstance(instance, bool) and expected_text:
        return (f"{msg or field + ' must be text'}, but YAML read it as true/false",
                f"quote it: {field}: \"{'yes' if instance else 'no'}\"")
    if instance is None:
        return f"{field} is empty", f"write the {field}, or remove the line"
    if msg:
        return f"{msg} ({where})", None
    return f"{where}: {err.message}", None


@rule("FM003", "schema-violation", "front-matter", "error",
      "A field's value breaks the schema: wrong type, bad format, not one of the allowed values.",
      bad="---\ntitle: [속보]\npublished: maybe\n---", good="---\ntitle: \"[속보] 대통령 담화\"\npublished: true\n---",
      docs="Reported at the line of the offending value, with the JSON path. Messages come from the schema's "
           "`x-messages` where it has them, so a newsroom's own schema speaks to its editors. The `format` "
           "keyword is checked for date, email, idn-email, ipv4, ipv6, regex and uuid, the same on every "
           "machine; other formats (uri, date-time…) are notes for readers of the schema (image addresses "
           "are judged by the images rules).")
def schema_violation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not _has_mapping(doc):
        return
    assert doc.fm is not None
    props = _schema(ctx).get("properties", {})
    for err in schema_errors(doc, ctx):
        if err.validator == "required":
            continue
        path = list(err.absolute_path)
        node, key = node_at(doc.fm.root, path)
        field = str(path[0]) if path else ""
        custom = props.get(field, {}).get("x-messages", {}) if len(path) <= 1 else {}
        flow = node is not None and node.kind == "sequence" and doc.text.startswith("[", node.start)
        message, fix = _friendly(err, field, flow, custom)
        target = node or key
        start = target.start if target is not None else doc.fm.start
        end = target.end if target is not None else start
        yield ctx.report(start, end, message, fix)


# --------------------------------------------------------------------------- dates

_DATE = re.compile(
    r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})"
    r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?|UTC|GMT|KST)?$"
)


def parse_date(text: str) -> tuple[dt.date, dt.datetime | None, str] | str:
    """(date, datetime or None, original) for a valid date, else a reason it is not one."""
    m = _DATE.match(text.strip())
    if not m:
        return "is not a date (write it as 2026-07-04 or 2026-07-04 09:30:00 +0900)"
    y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    try:
        day = dt.date(y, mo, d)
    except ValueError as exc:
        return f"is not a real date ({exc})"
    if m.group(5) is None:
        return day, None, text
    h, mi, s = int(m.group(5)), int(m.group(6)), int(m.group(7) or 0)
    try:
        moment = dt.datetime(y, mo, d, h, mi, s)
    except ValueError as exc:
        return f"has an impossible time ({exc})"
    tz = m.group(8)
    if tz:
        if tz in ("Z", "z", "UTC", "GMT"):
            moment = moment.replace(tzinfo=dt.UTC)
        elif tz == "KST":
            moment = moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=9)))
        else:
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:] or 0)
            if hours > 14 or minutes >= 60:
                return f"has an impossible time zone offset ({tz})"
            moment = moment.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))
    return day, moment, text


def _date_fields(doc: Document, ctx: Context) -> Iterator[tuple[str, Node, Node]]:
    if not _has_mapping(doc):
        return
    assert doc.fm is not None and doc.fm.root is not None
    fields = _schema(ctx).get("x-date-fields", ["date"])
    for k, v in doc.fm.root.items:
        if k.kind == "scalar" and k.value in fields:
            yield str(k.value), k, v


def _parsed_dates(doc: Document, ctx: Context) -> list[tuple[str, Node, Node, Any]]:
    key = "fm-dates"
    if key not in doc.memo:
        out: list[tuple[str, Node, Node, Any]] = []
        for field, k, v in _date_fields(doc, ctx):
            if v.kind != "scalar" or v.value is None or v.value == "":
                out.append((field, k, v, "is empty"))
            elif isinstance(v.value, str):
                out.append((field, k, v, parse_date(v.value)))
            else:
                out.append((field, k, v, f"is not a date ({v.value!r})"))
        doc.memo[key] = out
    return doc.memo[key]  # type: ignore[no-any-return,unused-ignore]


@rule("FM004", "invalid-date", "front-matter", "error",
      "A date field holds something that is not a real date or date-time.",
      bad="---\ntitle: 회담\ndate: 2026-13-40\n---", good="---\ntitle: 회담\ndate: 2026-07-04 09:30:00 +0900\n---",
      docs="Accepted: `2026-07-04`, `2026/07/04`, `2026-07-04 09:30`, `2026-07-04T09:30:00+09:00`, `2026-07-04 09:30:00 +0900` "
           "(Jekyll's form), with an optional time zone. The date fields are the schema's `x-date-fields`.")
def invalid_date(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for field, _k, v, parsed in _parsed_dates(doc, ctx):
        if isinstance(parsed, str):
            written = v.value if v.kind == "scalar" else v.kind
            yield ctx.report(v.start, v.end, f"{field} {written!r} {parsed}" if written not in (None, "")
                             else f"{field} is empty", "write the date as YYYY-MM-DD, with a time if you like")


def _filename_date(doc: Document) -> dt.date | None:
    m = _FILENAME_DATE.match(doc.filename)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@rule("FM005", "date-filename-mismatch", "front-matter", "warning",
      "The `date:` field and the date in a Jekyll file name disagree.",
      bad="_posts/2026-07-04-summit.md\n---\ndate: 2026-07-05\n---",
      good="_posts/2026-07-04-summit.md\n---\ndate: 2026-07-04 09:30:00 +0900\n---",
      docs="Jekyll builds the URL from the file name and sorts by `date:`; when they disagree, the story's "
           "address and its published date do not match. A one-day difference that the time zone explains is "
           "accepted.")
def date_filename_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    fdate = _filename_date(doc)
    if fdate is None:
        return
    for field, _k, v, parsed in _parsed_dates(doc, ctx):
        if field != "date" or isinstance(parsed, str):
            continue
        day, moment, _ = parsed
        if day == fdate:
            continue
        if moment is not None and moment.tzinfo is not None and abs((day - fdate).days) == 1:
            continue  # the same moment in another time zone
        yield ctx.report(v.start, v.end, f"date is {day.isoformat()} but the file name says {fdate.isoformat()}",
                         "make the date and the file name agree (the file name sets the article's URL)")


@rule("FM006", "future-date", "front-matter", "info",
      "The article is dated in the future (an embargo, or a typo in the year).",
      bad="---\ndate: 2062-07-04\n---", good="---\ndate: 2026-07-04\n---",
      docs="Jekyll does not publish future-dated posts unless `future: true`; check the year. "
           "Raise the severity in the config if the newsroom never schedules posts.",
      options={"grace_days": Option(1, "days ahead of today that are still fine (time zones)")})
def future_date(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    limit = dt.date.today() + dt.timedelta(days=int(ctx.options["grace_days"]))
    for field, _k, v, parsed in _parsed_dates(doc, ctx):
        if field == "date" and not isinstance(parsed, str) and parsed[0] > limit:
            yield ctx.report(v.start, v.end, f"date {parsed[0].isoformat()} is in the future",
                             "check the year; leave it if the article is embargoed until then")


# --------------------------------------------------------------------------- lengths


@rule("FM007", "field-length", "front-matter", "warning",
      "A text field (title, excerpt) is longer or shorter than the newsroom's limit, in characters.",
      bad="---\ntitle: 푸틴 러시아 대통령과 시진핑 중국 국가주석이 카자흐스탄에서 회담을 갖고 … (120자)\n---",
      good="---\ntitle: 푸틴·시진핑 카자흐스탄 회담\n---",
      docs="Characters are counted as readers see them (a Korean syllable is one character), after "
           "collapsing runs of white space. Portals cut long titles and excerpts.",
      options={"max": Option({"title": 100, "excerpt": 400}, "longest allowed value per field, in characters"),
               "min": Option({"title": 4}, "shortest allowed value per field, in characters")})
def field_length(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if doc.fm is None:
        return
    for bound, limits in (("max", ctx.options["max"]), ("min", ctx.options["min"])):
        for field, limit in limits.items():
            node = doc.fm.node(field)
            if node is None or node.kind != "scalar" or not isinstance(node.value, str) or not node.value.strip():
                continue
            n = len(" ".join(node.value.split()))
            if bound == "max" and n > limit:
                yield ctx.report(node.start, node.end, f"{field} is {n} characters long, over the limit of {limit}",
                                 f"shorten the {field} to {limit} characters or fewer")
            elif bound == "min" and n < limit:
                yield ctx.report(node.start, node.end, f"{field} is only {n} characters long (at least {limit})",
                                 f"write a fuller {field}")


# --------------------------------------------------------------------------- keys


@rule("FM008", "duplicate-key", "front-matter", "error",
      "A key appears twice in the same front matter mapping; the site silently keeps only the last one.",
      bad="---\ntitle: Design contest\ntitle: 디자인 공모전\n---", good="---\ntitle: 디자인 공모전\n---")
def duplicate_key(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if doc.fm is None:
        return
    for path, first, again in doc.fm.duplicates:
        line, _ = doc.position(first.start)
        name = path[2:] if path.startswith("$.") else path
        yield ctx.report(again.start, again.end, f"{name} appears twice: it was already set on line {line}",
                         f"keep one {name} line; the site shows only the last one")


@lru_cache(maxsize=64)
def _known_keys(schema: str | None, extra: tuple[Any, ...]) -> tuple[list[str], frozenset[str], dict[str, str]]:
    """The schema's keys and a site's own (list, set, by lower case): the same for every article."""
    known = list(load_schema(schema).get("properties", {})) + list(extra)
    return known, frozenset(known), {k.lower(): k for k in known}


@rule("FM009", "unknown-key", "front-matter", "warning",
      "A key the schema does not know looks like a misspelling of one it does (did you mean …?).",
      bad="---\ntitle: 회담\nexerpt: 두 정상이 만났다.\n---", good="---\ntitle: 회담\nexcerpt: 두 정상이 만났다.\n---",
      docs="Keys unknown to the schema but not close to any known key are left alone: sites add their own. "
           "Add a site's own keys to `known_keys` to silence a suggestion.",
      options={"known_keys": Option([], "more keys this site uses on purpose"),
               "cutoff": Option(0.8, "how close (0–1) a key must be to a known one to be called a misspelling")})
def unknown_key(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not _has_mapping(doc):
        return
    assert doc.fm is not None and doc.fm.root is not None
    known, known_set, lower = _known_keys(ctx.config.schema, tuple(ctx.options["known_keys"]))
    for k, _v in doc.fm.root.items:
        if k.kind != "scalar" or not isinstance(k.value, str) or k.value in known_set:
            continue
        key = k.value
        guess = lower.get(key.lower())
        if guess is None:
            close = difflib.get_close_matches(key, known, n=1, cutoff=float(ctx.options["cutoff"]))
            guess = close[0] if close else None
        if guess is None or guess in doc.data:
            continue
        yield ctx.report(k.start, k.end, f"unknown key {key!r}: did you mean {guess!r}?",
                         f"rename {key} to {guess}", edits=[Edit(k.start, k.end, guess)]
                         if lower.get(key.lower()) is None and k.style in (None, "") else [])


_TRAILING_WS = re.compile(r"[ \t]+(?=\r?\n|\r|$)")


@rule("FM010", "front-matter-whitespace", "front-matter", "info",
      "Stray spaces: at the end of front matter lines, or inside the quotes around a value.",
      bad="---\ntitle: \" 회담 결과 \"   \n---", good="---\ntitle: \"회담 결과\"\n---",
      docs="Spaces inside quotes become part of the title or excerpt that portals show. Safe to fix "
           "automatically with `--fix`.", fixable=True)
def front_matter_whitespace(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    fm = doc.fm
    if fm is None or not _has_mapping(doc):
        return
    assert fm.root is not None
    text = doc.text
    for m in _trailing_spaces(text, fm.start, fm.end):
        if _inside_block_scalar(fm.root, m.start()):
            continue
        yield ctx.report(m.start(), m.end(), "spaces at the end of the line", "delete them",
                         edits=[Edit(m.start(), m.end(), "")])
    for _k, v in fm.root.items:
        if v.kind != "scalar" or v.style not in ('"', "'") or not isinstance(v.value, str):
            continue
        raw = text[v.start + 1 : v.end - 1]
        if "\n" in raw or raw != v.value or not v.value or v.value == v.value.strip():
            continue  # escapes or folding: not a plain edit
        stripped = raw.strip()
        yield ctx.report(v.start, v.end, "spaces inside the quotes become part of the value",
                         "remove the spaces inside the quotes",
                         edits=[Edit(v.start + 1, v.end - 1, stripped)])


def _trailing_spaces(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """_TRAILING_WS's matches in text[start:end]. The regex tries every space of the front matter, and
    most front matter has no line ending in one: four `find`s prove that first."""
    find = text.find
    if (find(" \n", start, end) < 0 and find("\t\n", start, end) < 0 and find(" \r", start, end) < 0
            and find("\t\r", start, end) < 0 and not (end > start and text[end - 1] in " \t")):
        return iter(())
    return _TRAILING_WS.finditer(text, start, end)


def _inside_block_scalar(root: Node, offset: int) -> bool:
    for _k, v in root.items:
        if v.kind == "scalar" and v.style in ("|", ">") and v.start <= offset < v.end:
            return True
    return False


@rule("FM011", "category-not-allowed", "front-matter", "warning",
      "A category is not one of the newsroom's sections (when the config lists them).",
      bad="---\ncategories: [스포즈]\n---", good="---\ncategories: [스포츠]\n---",
      docs="Off until `allowed` lists the sections, e.g. `rules: {FM011: {allowed: [정치, 경제, 사회, 스포츠]}}`.",
      options={"allowed": Option([], "the section names articles may be filed under"),
               "fields": Option(["categories", "category"], "front matter fields that hold categories")})
def category_not_allowed(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    allowed = [str(a) for a in ctx.options["allowed"]]
    if not allowed or doc.fm is None:
        return
    for field in ctx.options["fields"]:
        node = doc.fm.node(field)
        if node is None:
            continue
        items = node.children if node.kind == "sequence" else [node]
        for item in items:
            if item.kind != "scalar" or item.value is None:
                continue
            values = str(item.value).split() if field == "categories" and node.kind == "scalar" else [str(item.value)]
            for value in values:
                if value in allowed:
                    continue
                close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
                hint = f"did you mean {close[0]!r}?" if close else "use one of: " + ", ".join(allowed[:12])
                yield ctx.report(item.start, item.end, f"category {value!r} is not one of the newsroom's sections",
                                 hint)
