"""`newslint init`: a commented .newslint.yaml for the Jekyll or Hugo site it is run in.

What it can see, it fills in (site name, address, language, time zone, the folders that hold posts,
the hosts the posts take their images from); everything else is written as a comment with its
default, so the file documents every setting. Rule options and site keys come from the registry,
so a new rule's options appear here without anyone editing this module.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

JEKYLL_CONFIGS = ("_config.yml", "_config.yaml")
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml")
ARTICLE_SUFFIXES = (".md", ".markdown", ".html")
# Folders of a site that hold templates and assets, not articles.
THEME_FOLDERS = ("_layouts", "_includes", "_sass", "_data", "_plugins", "assets", "layouts", "themes", "static",
                 "archetypes", "resources", "public", "data", "i18n", "vendor", "node_modules")
IMAGE_KEYS = ("image", "thumbnail", "og_image", "feature_image", "cover_image", "cover", "banner", "images")
MAX_SCANNED = 3000  # posts read to learn the image hosts: enough for a stable picture, fast on big archives


class InitError(Exception):
    """No site to configure, or a file that must not be overwritten."""


@dataclass
class Site:
    root: Path
    kind: str  # "jekyll" or "hugo"
    config_file: str
    settings: dict[str, Any] = field(default_factory=dict)
    post_folders: dict[str, int] = field(default_factory=dict)  # folder (relative to root) → articles
    pages: list[str] = field(default_factory=list)  # top-level pages that are not articles
    image_hosts: Counter[str] = field(default_factory=Counter)
    scanned: int = 0


def find_site(start: Path) -> Site:
    """The nearest folder at or above `start` with a Jekyll or Hugo configuration."""
    for folder in [start, *start.parents]:
        for name in JEKYLL_CONFIGS:
            if (folder / name).is_file():
                return Site(folder, "jekyll", name, _read_settings(folder / name))
        for name in HUGO_CONFIGS:
            path = folder / name
            if path.is_file() and (name.startswith("hugo.") or (folder / "content").is_dir()):
                return Site(folder, "hugo", name, _read_settings(path))
        if (folder / ".git").exists():
            break
    raise InitError(f"no Jekyll or Hugo site here: none of {', '.join(JEKYLL_CONFIGS + HUGO_CONFIGS)} "
                    f"in {start} or the folders above it (up to the repository root)")


def _read_settings(path: Path) -> dict[str, Any]:
    try:
        if path.suffix == ".toml":
            with open(path, "rb") as fh:
                data: Any = tomllib.load(fh)
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}  # an unreadable site config: init still writes the defaults
    return data if isinstance(data, dict) else {}


def _articles(folder: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out += [Path(dirpath) / f for f in sorted(filenames) if f.lower().endswith(ARTICLE_SUFFIXES)]
    return out


def find_posts(site: Site) -> list[Path]:
    """Fill site.post_folders and site.pages; return the article files found."""
    root = site.root
    candidates: list[Path] = []
    if site.kind == "jekyll":
        for dirpath, dirnames, _files in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                 and d not in THEME_FOLDERS and d != "_site")
            for d in list(dirnames):
                if d in ("_posts", "_drafts"):
                    candidates.append(Path(dirpath) / d)
                    dirnames.remove(d)
        collections = site.settings.get("collections")
        if isinstance(collections, dict | list):
            for name in collections:
                folder = root / f"_{name}"
                if isinstance(name, str) and folder.is_dir() and folder not in candidates:
                    candidates.append(folder)
    else:
        content = root / str(site.settings.get("contentDir") or "content")
        if content.is_dir():
            subs = sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith("."))
            candidates += subs or [content]
    files: list[Path] = []
    for folder in candidates:
        found = _articles(folder)
        if found:
            site.post_folders[folder.relative_to(root).as_posix()] = len(found)
            files += found
    site.pages = sorted(p.name for p in root.iterdir() if p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES))
    return files


def scan_image_hosts(site: Site, files: list[Path]) -> None:
    """Count the hosts of absolute image URLs in the posts (body images and front matter image keys)."""
    from newslint.document import read_document

    for path in files[:MAX_SCANNED]:
        doc = read_document(str(path), str(path))
        if not doc.readable:
            continue
        site.scanned += 1
        urls = [img.src for img in doc.body.images if img.src]
        for key in IMAGE_KEYS:
            value = doc.data.get(key)
            values = value if isinstance(value, list) else [value]
            urls += [v for v in values if isinstance(v, str)]
        for url in urls:
            parts = urlsplit(url.strip())
            if parts.scheme in ("http", "https") and parts.hostname:
                site.image_hosts[parts.hostname] += 1


# --------------------------------------------------------------------------- writing the file

def _val(value: Any) -> str:
    """A YAML flow value (JSON is valid YAML), on one line."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]


def _site_values(site: Site) -> dict[str, Any]:
    s = site.settings
    values: dict[str, Any] = {"root": "."}
    title = s.get("title")
    if isinstance(title, str) and title.strip():
        values["name"] = title.strip()
    url = s.get("url") if site.kind == "jekyll" else s.get("baseURL") or s.get("baseurl")
    if isinstance(url, str) and url.strip():
        base = s.get("baseurl") if site.kind == "jekyll" else ""
        values["url"] = url.strip().rstrip("/") + (str(base).rstrip("/") if isinstance(base, str) else "")
    lang = s.get("lang") or s.get("locale") or s.get("languageCode") or s.get("defaultContentLanguage")
    if isinstance(lang, str) and lang.strip():
        values["language"] = lang.strip().split("-")[0].split("_")[0].lower()
    tz = s.get("timezone") or s.get("timeZone")
    if isinstance(tz, str) and tz.strip():
        values["timezone"] = tz.strip()
    if any(n > 1 for n in site.image_hosts.values()):
        values["image_hosts"] = [h for h, _n in site.image_hosts.most_common()]
    return values


_PLACEHOLDER = {list: "[]", str: '""', bool: "  # true or false", int: "  # a whole number", dict: "{}"}


def site_lines(site: Site) -> list[str]:
    from newslint.registry import SITE_KEYS, load_rules

    load_rules()
    values = _site_values(site)
    out = ["site:"]
    for key in sorted(SITE_KEYS, key=lambda k: (k not in values, k)):
        kind, help_text = SITE_KEYS[key]
        out += _comment(help_text, "  ")
        if key in values and isinstance(values[key], kind):
            if key == "image_hosts":
                out.append("  image_hosts:")
                for host, n in site.image_hosts.most_common():
                    if n > 1:
                        out.append(f"    - {_val(host)}  # {n} images in the posts read")
                    else:  # seen once: perhaps a hotlinked picture rather than a host the newsroom uses
                        out.append(f"    # - {_val(host)}  # 1 image: uncomment if it is a host you use")
            else:
                out.append(f"  {key}: {_val(values[key])}")
        else:
            out.append(f"  # {key}: {_PLACEHOLDER.get(kind, '')}".rstrip())
    return out


def rule_option_lines() -> list[str]:
    """Every rule option with its default, as YAML (the file holds them commented out)."""
    from newslint.registry import iter_rules

    out = ["rules:"]
    for r in iter_rules():
        if not r.options:
            continue
        out.append(f"  {r.code}:  # {r.name}: {r.summary}")
        for name, o in r.options.items():
            out.append(f"    {name}: {_val(o.default)}  # {o.help}")
    return out


def severity_lines() -> list[str]:
    """Every rule with its default severity, as YAML (commented out in the file)."""
    from newslint.registry import iter_rules

    out = ["severity:"]
    for r in iter_rules():
        off = ", off by default: turn on with extend-select" if not r.default_enabled else ""
        out.append(f"  {r.code}: {r.severity.label}  # {r.name}{off}")
    return out


def render(site: Site) -> str:
    from newslint import __version__
    from newslint.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, glob_match
    from newslint.document import Limits

    kind = "Jekyll" if site.kind == "jekyll" else "Hugo"
    lines = [
        f"# newslint configuration for this {kind} site (found {site.config_file}), written by",
        f"# `newslint init` (newslint {__version__}). Every key is checked when newslint starts: a misspelt",
        "# key or a wrong value stops the run with a message that says what is wrong.",
        "# A commented line shows a setting with its default: remove the '# ' to change it.",
        "# `newslint rules` lists the rules, `newslint explain CODE` documents one.",
        "",
    ]
    lines += site_lines(site)
    lines.append("")
    if site.post_folders:
        found = ", ".join(f"{f} ({n} article{'s' if n != 1 else ''})" for f, n in site.post_folders.items())
        lines += _comment(f"Articles found in: {found}.")
        folders = " ".join(f"{f}/" for f in site.post_folders)
        lines += _comment(f"Check them with: newslint check {folders}")
    else:
        lines += _comment("No post folder found (_posts/, content/…): name your article folders to `newslint check`.")
    lines += _comment("Files checked inside folders (globs; a bare name matches in any folder):")
    lines.append(f"include: {_val(DEFAULT_INCLUDE)}")
    lines += _comment(f"Always skipped: {', '.join(DEFAULT_EXCLUDE)}.")
    lines += _comment("Skipped here too: this site's other template and asset folders, and its top-level pages")
    lines += _comment("(a leading '/' anchors a glob at the folder checked).")
    exclude = [f"{d}/" for d in THEME_FOLDERS if (site.root / d).is_dir() and f"{d}/" not in DEFAULT_EXCLUDE]
    exclude += [f"/{p}" for p in site.pages if not any(glob_match(p, g) for g in DEFAULT_EXCLUDE)]
    if exclude:
        lines.append("exclude:")
        lines += [f"  - {_val(e)}" for e in exclude]
    else:
        lines.append("# exclude: []")
    lines += [""]
    lines += _comment("Which rules run: codes (FM001), prefixes (IMG), names (unknown-key) or families (typos).")
    lines += _comment("Empty select: every rule that is on by default.")
    lines += ["# select: []", "# extend-select: []  # rules that are off by default", "# ignore: []", ""]
    lines += _comment("Fail the run when there are more warnings than this (errors always fail it).")
    lines += ["# max-warnings: null", ""]
    lines += _comment("Your own front matter JSON Schema (2020-12) instead of the built-in one; rule packs.")
    lines += ["# schema: schemas/front-matter.json", "# rule-packs: []  # folders of extra rule packs",
              "# disable-packs: []  # built-in packs to leave out", ""]
    lines += _comment("Safety limits for one article.")
    lines += ["# limits:"] + [f"#   {f.name}: {getattr(Limits(), f.name)}" for f in dataclasses.fields(Limits)]
    lines += [""]
    lines += _comment("Different settings for some files, e.g. an archive that predates the house style:")
    lines += ["# overrides:", "#   - files: [\"_posts/archive/**\"]", "#     ignore: [images]",
              "#     severity: {duplicates: warning}", "#     rules: {}", ""]
    lines += _comment("Each rule's default severity (error, warning or info); change one by uncommenting it.")
    lines += ["# " + line for line in severity_lines()]
    lines += [""]
    lines += _comment("Every rule option, with its default (the same as `newslint explain CODE` shows).")
    lines += ["# " + line for line in rule_option_lines()]
    return "\n".join(lines) + "\n"


def init(start: Path, force: bool = False, output: str = ".newslint.yaml") -> tuple[Path, Site]:
    """Write the configuration at the site's root; returns its path and what was found."""
    site = find_site(start.resolve())
    target = site.root / output
    if target.exists() and not force:
        raise InitError(f"{target} already exists: use --force to replace it")
    files = find_posts(site)
    scan_image_hosts(site, files)
    from newslint.fix import atomic_write

    atomic_write(str(target), render(site).encode("utf-8"))
    return target, site
