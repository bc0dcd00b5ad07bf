"""Configuration: `.newslint.yaml`, `[tool.newslint]` in pyproject.toml, or `--config FILE`.

Every key is checked: an unknown key, an unknown rule or a value of the wrong type is a
clear error (exit 2), never silently ignored.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newslint.diagnostics import Severity
from newslint.document import Limits
from newslint.registry import REGISTRY, SITE_KEYS, Rule, find_rule, load_rules, matches, selector_is_known

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.html"]
# Build output, dependencies, hidden folders, site templates, and the repository's own documents:
# none of them is an article, and reporting "no front matter" on README.md would be noise.
DEFAULT_EXCLUDE = [
    "_site/", "node_modules/", "vendor/", ".*/",
    "_layouts/", "_includes/", "_sass/", "_data/", "layouts/", "themes/", "archetypes/", "public/",
    "README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*",
]


class ConfigError(Exception):
    """A problem with the configuration: reported with exit code 2."""


@dataclass
class Override:
    files: list[str]
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Config:
    root: Path = field(default_factory=Path.cwd)  # folder the config file lives in
    source: str | None = None
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    select: list[str] = field(default_factory=list)  # empty: every rule enabled by default
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)  # rule code → severity
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule code → options
    overrides: list[Override] = field(default_factory=list)
    site: dict[str, Any] = field(default_factory=dict)
    schema: str | None = None  # front matter JSON Schema; None: the built-in one
    rule_packs: list[str] = field(default_factory=list)  # extra pack folders
    disable_packs: list[str] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    max_warnings: int | None = None
    _resolved: dict[tuple[int, ...], dict[str, tuple[Severity, dict[str, Any]]]] = field(
        default_factory=dict, repr=False)

    # -- site settings shared by several families
    def site_value(self, key: str, default: Any = None) -> Any:
        return self.site.get(key, default)

    def path_in_site(self, p: str) -> str:
        return str((self.root / p).resolve())

    # -- which rules run on a path, with what severity and options
    def rules_for(self, path: str) -> dict[str, tuple[Severity, dict[str, Any]]]:
        load_rules()
        hits: tuple[int, ...] = ()
        if self.overrides:  # only then does the path matter (relpath costs more than the rest)
            rel = self.relative(path)
            hits = tuple(i for i, o in enumerate(self.overrides) if any(_glob_match(rel, g) for g in o.files))
        cached = self._resolved.get(hits)
        if cached is not None:
            return cached
        enabled: dict[str, tuple[Severity, dict[str, Any]]] = {}
        layers: list[tuple[list[str], list[str], list[str], dict[str, Severity], dict[str, dict[str, Any]]]] = [
            (self.select, self.extend_select, self.ignore, self.severity, self.rules)]
        layers += [(o.select, [], o.ignore, o.severity, o.rules) for o in (self.overrides[i] for i in hits)]
        active: set[str] = set()
        for i, (select, extend, ignore, _sev, _opts) in enumerate(layers):
            if i == 0:
                active = {r.code for r in REGISTRY.values() if _selected(r, select, default=True)}
            else:
                active |= {r.code for r in REGISTRY.values() if select and _selected(r, select, default=False)}
            active |= {r.code for r in REGISTRY.values() if extend and _selected(r, extend, default=False)}
            active -= {r.code for r in REGISTRY.values() if any(matches(r, s) for s in ignore)}
        for code in sorted(active):
            r = REGISTRY[code]
            sev = r.severity
            opts = r.defaults()
            for _sel, _ext, _ign, sevmap, optmap in layers:
                for key, value in sevmap.items():
                    if matches(r, key):
                        sev = value
                opts.update(optmap.get(code, {}))
            enabled[code] = (sev, opts)
        self._resolved[hits] = enabled
        return enabled

    def rules_without_overrides(self) -> dict[str, tuple[Severity, dict[str, Any]]]:
        """The enabled rules, severities and options of the configuration's top level."""
        return self.rules_for(str(self.root / "_"))

    def relative(self, path: str) -> str:
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:
            rel = path
        return rel.replace(os.sep, "/")

    def cache_key(self) -> str:
        """A stable text that changes whenever anything that affects results changes."""
        return repr((self.select, self.extend_select, self.ignore, sorted(self.severity.items()),
                     sorted((k, repr(v)) for k, v in self.rules.items()),
                     [(o.files, o.select, o.ignore, sorted(o.severity.items()), repr(o.rules)) for o in self.overrides],
                     repr(sorted(self.site.items())), self.schema, self.rule_packs, self.disable_packs, self.limits,
                     str(self.root)))


def _selected(r: Rule, selectors: list[str], default: bool) -> bool:
    """Rules that are off by default run only when named by code or name."""
    if not selectors:
        return default and r.default_enabled
    for s in selectors:
        if s.strip().upper() == r.code or s.strip().lower() == r.name:
            return True
        if r.default_enabled and matches(r, s):
            return True
    return False


def _glob_match(rel: str, pattern: str) -> bool:
    """Globs match the path relative to the config folder; `**` spans folders; a bare name matches anywhere."""
    pattern = pattern.replace(os.sep, "/")
    if pattern.endswith("/"):
        parts = rel.split("/")[:-1]
        return any(fnmatch.fnmatchcase(part, pattern[:-1]) for part in parts)
    if "/" not in pattern:
        return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)
    regex = _glob_regex(pattern)
    return regex.match(rel) is not None


_GLOB_CACHE: dict[str, re.Pattern[str]] = {}


def _glob_regex(pattern: str) -> re.Pattern[str]:
    cached = _GLOB_CACHE.get(pattern)
    if cached is None:
        out = []
        i = 0
        p = pattern.lstrip("/")
        while i < len(p):
            if p.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif p.startswith("**", i):
                out.append(".*")
                i += 2
            elif p[i] == "*":
                out.append("[^/]*")
                i += 1
            elif p[i] == "?":
                out.append("[^/]")
                i += 1
            else:
                out.append(re.escape(p[i]))
                i += 1
        cached = _GLOB_CACHE[pattern] = re.compile("".join(out) + r"(?:/.*)?$")
    return cached


glob_match = _glob_match


class GlobSet:
    """Many globs matched at once, meaning exactly what `glob_match` means for each of them."""

    def __init__(self, patterns: list[str]) -> None:
        dirs, names, paths = [], [], []
        for raw in patterns:
            p = raw.replace(os.sep, "/")
            if p.endswith("/"):
                dirs.append(fnmatch.translate(p[:-1]))
            elif "/" not in p:
                names.append(fnmatch.translate(p))
            else:
                paths.append(_glob_regex(p).pattern)
        self._dirs = re.compile("|".join(f"(?:{x})" for x in dirs)) if dirs else None
        self._names = re.compile("|".join(f"(?:{x})" for x in names)) if names else None
        self._paths = re.compile("|".join(f"(?:{x})" for x in paths)) if paths else None

    def match(self, rel: str) -> bool:
        if self._names is not None and self._names.match(rel.rsplit("/", 1)[-1]):
            return True
        if self._dirs is not None and "/" in rel:
            dirs = self._dirs
            if any(dirs.match(part) for part in rel.split("/")[:-1]):
                return True
        return self._paths is not None and self._paths.match(rel) is not None

# --------------------------------------------------------------------------- loading

_TOP_KEYS = {
    "include": list, "exclude": list, "select": list, "extend-select": list, "ignore": list,
    "severity": dict, "rules": dict, "overrides": list, "site": dict, "schema": str,
    "rule-packs": list, "disable-packs": list, "limits": dict, "max-warnings": int,
}
_LIMIT_KEYS = {"max_file_bytes": int, "max_yaml_nodes": int, "max_yaml_depth": int, "max_front_matter_lines": int}
_OVERRIDE_KEYS = {"files": list, "select": list, "ignore": list, "severity": dict, "rules": dict}


def find_config(start: Path) -> Path | None:
    """Walk up from `start` to find .newslint.yaml or a pyproject.toml with [tool.newslint]."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_newslint_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            break
    return None


def _has_newslint_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a [tool.newslint] table. One without the word newslint in it has none
    (a pre-commit run in a Python project need not import and run a TOML parser to learn that)."""
    try:
        data = pyproject.read_bytes()
    except OSError:
        return False
    if b"newslint" not in data:
        return False
    import tomllib

    try:
        return "newslint" in tomllib.loads(data.decode("utf-8")).get("tool", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_config(path: Path | None = None, cwd: Path | None = None, targets: list[str] | None = None) -> Config:
    """Load the given config file, or the one found from `cwd`, or else the one found from the first
    checked path that has one (`newslint check site/_posts` from outside the site), or the defaults."""
    cwd = cwd or Path.cwd()
    if path is None:
        path = find_config(cwd)
        for target in targets or []:
            if path is not None:
                break
            t = Path(target).resolve()
            path = find_config(t if t.is_dir() else t.parent)
        if path is None:
            return Config(root=cwd)
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    try:
        if path.name == "pyproject.toml":
            import tomllib

            with open(path, "rb") as fh:
                raw = tomllib.load(fh).get("tool", {}).get("newslint", {})
        else:
            with open(path, encoding="utf-8") as fh:
                raw = yaml.safe_load(fh) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:  # ValueError: tomllib's TOMLDecodeError
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    return build_config(raw, path.parent.resolve(), str(path))


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_keys(where: str, raw: dict[str, Any], allowed: Mapping[str, type]) -> None:
    for key, value in raw.items():
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key {key!r}{_did_you_mean(str(key), list(allowed))}")
        expected = allowed[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            kind = {list: "a list", dict: "a mapping", str: "a string", int: "a whole number",
                    bool: "true or false"}[expected]
            raise ConfigError(f"{where}: {key} must be {kind}, got {value!r}")


def _selectors(where: str, values: list[Any]) -> list[str]:
    out = []
    for v in values:
        if not isinstance(v, str) or not selector_is_known(v):
            raise ConfigError(f"{where}: {v!r} names no rule, family or code prefix (see `newslint rules`)")
        out.append(v)
    return out


def _severities(where: str, raw: dict[str, Any]) -> dict[str, Severity]:
    out = {}
    for key, value in raw.items():
        if not selector_is_known(str(key)):
            raise ConfigError(f"{where}: {key!r} names no rule, family or code prefix")
        try:
            out[str(key)] = Severity.parse(str(value))
        except ValueError as exc:
            raise ConfigError(f"{where}.{key}: {exc}") from None
    return out


def _rule_options(where: str, raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, opts in raw.items():
        r = find_rule(str(key))
        if r is None:
            raise ConfigError(f"{where}: {key!r} is not a rule code or name (see `newslint rules`)")
        if opts is None:
            opts = {}
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}.{key}: options must be a mapping of option: value")
        for name, value in opts.items():
            if name not in r.options:
                hint = _did_you_mean(str(name), list(r.options))
                known = ", ".join(r.options) or "none"
                raise ConfigError(f"{where}.{key}: rule {r.code} has no option {name!r}{hint}; its options: {known}")
            err = r.options[name].check(name, value)
            if err:
                raise ConfigError(f"{where}.{key}: {err}")
        out.setdefault(r.code, {}).update(opts)
    return out


def _str_list(where: str, values: list[Any]) -> list[str]:
    for v in values:
        if not isinstance(v, str):
            raise ConfigError(f"{where}: every item must be a string, got {v!r}")
    return list(values)


def build_config(raw: Any, root: Path, source: str | None = None) -> Config:
    load_rules()
    name = source or "configuration"
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: the configuration must be a mapping of settings")
    _check_keys(name, raw, _TOP_KEYS)
    cfg = Config(root=root, source=source)
    if "include" in raw:
        cfg.include = _str_list(f"{name}: include", raw["include"])
    if "exclude" in raw:
        cfg.exclude = list(DEFAULT_EXCLUDE) + _str_list(f"{name}: exclude", raw["exclude"])
    cfg.select = _selectors(f"{name}: select", raw.get("select", []))
    cfg.extend_select = _selectors(f"{name}: extend-select", raw.get("extend-select", []))
    cfg.ignore = _selectors(f"{name}: ignore", raw.get("ignore", []))
    cfg.severity = _severities(f"{name}: severity", raw.get("severity", {}))
    cfg.rules = _rule_options(f"{name}: rules", raw.get("rules", {}))
    site = raw.get("site", {})
    if not isinstance(site, dict):
        raise ConfigError(f"{name}: site must be a mapping")
    _check_keys(f"{name}: site", site, {k: t for k, (t, _h) in SITE_KEYS.items()})
    cfg.site = dict(site)
    if "schema" in raw:
        schema = (root / raw["schema"]).resolve()
        if not schema.is_file():
            raise ConfigError(f"{name}: schema: no such file {schema}")
        cfg.schema = str(schema)
    cfg.rule_packs = [str((root / p).resolve()) for p in _str_list(f"{name}: rule-packs", raw.get("rule-packs", []))]
    for p in cfg.rule_packs:
        if not Path(p).is_dir():
            raise ConfigError(f"{name}: rule-packs: no such folder {p}")
    cfg.disable_packs = _str_list(f"{name}: disable-packs", raw.get("disable-packs", []))
    limits = raw.get("limits", {})
    _check_keys(f"{name}: limits", limits, _LIMIT_KEYS)
    cfg.limits = Limits(**{**dataclasses.asdict(Limits()), **limits}) if limits else Limits()
    if "max-warnings" in raw:
        cfg.max_warnings = raw["max-warnings"]
    for i, o in enumerate(raw.get("overrides", [])):
        where = f"{name}: overrides[{i}]"
        if not isinstance(o, dict):
            raise ConfigError(f"{where}: each override is a mapping with 'files' and settings")
        _check_keys(where, o, _OVERRIDE_KEYS)
        if not o.get("files"):
            raise ConfigError(f"{where}: 'files' (a list of globs) is required")
        cfg.overrides.append(Override(
            files=_str_list(f"{where}.files", o["files"]),
            select=_selectors(f"{where}.select", o.get("select", [])),
            ignore=_selectors(f"{where}.ignore", o.get("ignore", [])),
            severity=_severities(f"{where}.severity", o.get("severity", {})),
            rules=_rule_options(f"{where}.rules", o.get("rules", {})),
        ))
    return cfg
