"""Images family (IMG…): every image an article shows or declares, checked without the network.

Sources: front matter keys (`image`, `thumbnail`, `header.image`…, configurable with
`site.image_keys`), `<img src alt>`, `srcset` candidates, `<picture><source srcset>`, Markdown
`![alt](src)` and reference-style images. A src holding a Liquid or Hugo expression is left
alone: its value is only known once the site is built. The network check is in
`images_online.py` (`--online`).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.frontmatter import Node
from newslint.lazyre import lazy
from newslint.registry import Context, Option, rule, site_key
from newslint.resources import rules_data

site_key("image_keys", list, "front matter keys that hold an article image (dotted for nested keys: header.image)")
site_key("image_hosts", list, "hosts article images may come from (allow-list; *.example.com for subdomains)")
site_key("cdn_hosts", list, "image services whose addresses need no file extension (host or host/path globs)")
site_key("default_images", list, "the newsroom's generic banners: file names or full URLs (not a story's photo)")

DEFAULT_IMAGE_KEYS = ["image", "thumbnail", "og_image", "feature_image", "cover_image", "cover", "banner",
                      "header.image", "header.teaser", "header.overlay_image", "image.path", "image.src"]
IMAGE_EXTENSIONS = frozenset(["jpg", "jpeg", "jpe", "jfif", "pjpeg", "png", "apng", "gif", "webp", "avif", "svg",
                              "svgz", "bmp", "ico", "tif", "tiff", "heic", "heif", "jxl"])


# --------------------------------------------------------------------------- data files


@cache
def _words(name: str, key: str) -> frozenset[str]:
    return frozenset(str(w).strip().lower() for w in rules_data(name).get(key, []) or [])


# --------------------------------------------------------------------------- the images of an article


class ImageRef(NamedTuple):
    """One image address in the article, wherever it comes from."""

    src: str
    start: int  # offsets of the address itself (inside quotes)
    end: int
    source: str  # "fm" (front matter, `key` says which), "md", "md-ref", "html", "srcset"
    key: str = ""
    alt: str | None = None
    alt_start: int | None = None
    tag_start: int = 0  # start of the whole image (tag or Markdown), for alt reports
    tag_end: int = 0
    templated: bool = False
    decorative: bool = False  # role="presentation", aria-hidden: no alt needed

    @property
    def where(self) -> str:
        return f"the front matter `{self.key}`" if self.source == "fm" else "this image"


_TEMPLATE = re.compile(r"\{\{|\{%|\}\}|%\}")


def image_refs(doc: Document, ctx: Context) -> tuple[ImageRef, ...]:
    """Every image of the article, front matter first, computed once per document (and shared: a tuple)."""
    cached = doc.memo.get("images.refs")
    if cached is not None:
        return cached  # type: ignore[no-any-return,unused-ignore]
    refs: list[ImageRef] = []
    keys = ctx.config.site_value("image_keys") or DEFAULT_IMAGE_KEYS
    root = doc.fm.root if doc.fm is not None else None
    if root is not None and root.kind == "mapping":
        # A key path finds nothing unless its first part is one of the front matter's keys: one set
        # instead of a walk per listed key (a dozen, most absent).
        present = {k.value for k, _v in root.items if k.kind == "scalar" and isinstance(k.value, str)}
        for key in keys:
            if str(key).split(".", 1)[0] not in present:
                continue
            for node in _fm_nodes(doc, str(key)):
                refs.append(_fm_ref(doc, node, str(key)))
    for im in doc.body.images:
        if im.src is None:
            refs.append(ImageRef("", im.start, im.start, im.markup, alt=im.alt, alt_start=im.alt_start,
                                 tag_start=im.start, tag_end=im.end, decorative=_decorative(im.tag)))
            continue
        refs.append(ImageRef(im.src, im.src_start, im.src_end, im.markup, alt=im.alt, alt_start=im.alt_start,
                             tag_start=im.start, tag_end=im.end,
                             templated=im.templated or bool(_TEMPLATE.search(im.src)),
                             decorative=_decorative(im.tag)))
    got = doc.memo["images.refs"] = tuple(refs)
    return got


def _decorative(tag: Any) -> bool:
    if tag is None:
        return False
    role = tag.attr("role")
    hidden = tag.attr("aria-hidden")
    return bool((role and (role.value or "").lower() in ("presentation", "none"))
                or (hidden and (hidden.value or "").lower() == "true"))


def _fm_nodes(doc: Document, key: str) -> list[Node]:
    """Scalar string nodes under a dotted key; a mapping value gives its path/src/url."""
    if doc.fm is None or doc.fm.root is None or doc.fm.root.kind != "mapping":
        return []
    node: Node | None = doc.fm.root
    for part in key.split("."):
        if node is None or node.kind != "mapping":
            return []
        node = node.get(part)
    if node is None:
        return []
    if node.kind == "mapping":
        # `image: {path: …, alt: …}` (Chirpy) is declared as image.path: not counted twice here.
        return []
    items = node.children if node.kind == "sequence" else [node]
    return [n for n in items if n.kind == "scalar" and isinstance(n.value, str) and n.value.strip()]


def _fm_ref(doc: Document, node: Node, key: str) -> ImageRef:
    start, end = node.start, node.end
    if node.style in ('"', "'") and end - start >= 2:
        start, end = start + 1, end - 1
    value = str(node.value)
    if node.style in (None, "") and "\n" not in doc.text[start:end]:
        end = start + len(doc.text[start:end].rstrip())
    return ImageRef(value.strip(), start, end, "fm", key=key, tag_start=start, tag_end=end,
                    templated=bool(_TEMPLATE.search(value)))


# --------------------------------------------------------------------------- address helpers

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")


class Address(NamedTuple):
    kind: str  # "url" (scheme://host), "data", "local" (a path on the site), "other" (mailto:, blob:…)
    scheme: str
    host: str
    path: str
    query: str


@lru_cache(maxsize=8192)
def parse_address(src: str) -> Address:
    s = src.strip()
    if s.startswith("//"):
        parts = urlsplit("https:" + s)
        return Address("url", "", (parts.hostname or "").lower(), parts.path, parts.query)
    m = _SCHEME.match(s)
    if m and not _WINDOWS_PATH.match(s):
        scheme = m.group(1).lower()
        if scheme == "data":
            return Address("data", scheme, "", "", "")
        if scheme in ("http", "https") and s[m.end():].startswith("//"):
            try:
                parts = urlsplit(s)
                host = (parts.hostname or "").lower()
            except ValueError:
                return Address("other", scheme, "", "", "")
            return Address("url", scheme, host, parts.path, parts.query)
        return Address("other", scheme, "", "", "")
    path, _, query = s.partition("?")
    path = path.split("#", 1)[0]
    return Address("local", "", "", path, query)


def host_matches(host: str, pattern: str, path: str = "") -> bool:
    """`example.com` matches itself and subdomains; a pattern with `/` is a host/path glob."""
    pattern = pattern.strip().lower()
    if not pattern or not host:
        return False
    if "://" in pattern:
        pattern = pattern.split("://", 1)[1]
    if "/" in pattern:
        return fnmatch.fnmatchcase(f"{host}{path}", pattern) or fnmatch.fnmatchcase(f"{host}{path}/", pattern)
    if pattern.startswith("*."):
        pattern = pattern[2:]
    return host == pattern or host.endswith("." + pattern)


def _site_host(ctx: Context) -> str:
    url = ctx.config.site_value("url")
    if not isinstance(url, str) or not url:
        return ""
    return (urlsplit(url if "//" in url else "https://" + url).hostname or "").lower()


def _checked(refs: tuple[ImageRef, ...]) -> Iterator[ImageRef]:
    """Images whose address can be judged now (not built by a template, not empty)."""
    for r in refs:
        if not r.templated and r.src.strip():
            yield r


def _short(src: str, limit: int = 80) -> str:
    return src if len(src) <= limit else src[: limit - 1] + "…"


# --------------------------------------------------------------------------- IMG001 malformed

# Patterns only an address that is not http(s) reaches, compiled when the first one does.
_SCHEME_TYPO = lazy(r"^(?P<scheme>[a-z]{2,6})(?P<sep>[:;]{0,2}/{1,3}|:)(?P<rest>[^/].*)$", re.IGNORECASE)
_BARE_HOST = lazy(r"^(?:www\.[^/\s]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|co\.kr|io|jp|cn))/",
                  re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACE = re.compile(r"\s")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("<", ">"))


def _scheme_problem(src: str) -> str | None:
    s = src.strip()
    low = s.lower()
    if low.startswith(("http://", "https://", "//", "data:", "/", ".")):
        return None  # a web address, or a path on the site: no scheme to get wrong
    if low.startswith("file:") or _WINDOWS_PATH.match(s):
        return "points at a file on the writer's own computer, which readers cannot see"
    m = _SCHEME_TYPO.match(s)
    if m:
        scheme = m.group("scheme").lower()
        sep = m.group("sep")
        near = scheme in ("http", "https") or _close_to_http(scheme)
        if near and ("/" in sep or scheme in ("http", "https")):
            return f"the address starts with `{s[: m.start('rest')]}`, a misspelt `https://`"
    if _BARE_HOST.match(s):
        return "the address has no `https://` in front, so the browser looks for it inside this site"
    other = _SCHEME.match(s)
    if other and other.group(1).lower() not in ("http", "https", "data"):
        return f"`{other.group(1)}:` is not a web address a browser shows as an image"
    return None


def _close_to_http(word: str) -> bool:
    """Edit distance ≤ 1 from http or https (htps, htttp, hhtps, ttps…)."""
    for target in ("http", "https"):
        if abs(len(word) - len(target)) > 1:
            continue
        a, b = word, target
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        if prev[-1] <= 1:
            return True
    return False


@rule("IMG001", "image-url-malformed", "images", "error",
      "An image address is broken: misspelt or missing scheme, spaces, control characters, unbalanced brackets, "
      "or no address at all.",
      bad='<img src="https//newsdao.kr/res/images/a.jpg" alt="회담 사진">',
      good='<img src="https://newsdao.kr/res/images/a.jpg" alt="회담 사진">',
      docs="A browser cannot load such an address: the image shows as a broken icon, or not at all. "
           "Spaces must be written %20 (or the file renamed); `https//` and `htps://` are typos for `https://`; "
           "an address that starts with `www.` needs `https://` in front.")
def image_url_malformed(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for r in image_refs(doc, ctx):
        if r.templated:
            continue
        if not r.src.strip():
            if r.source in ("html", "md", "md-ref"):
                yield ctx.report(r.tag_start, r.tag_end, "this image has no address (src is missing or empty)",
                                 "add the image's address, or remove the image")
            continue
        if r.src.startswith("data:"):
            continue
        problem = _scheme_problem(r.src)
        if problem:
            yield ctx.report(r.start, r.end, f"image address {_short(r.src)!r}: {problem}",
                             "write the full address, starting with https://")
            continue
        if _CONTROL.search(r.src):
            yield ctx.report(r.start, r.end, "the image address contains an invisible control character",
                             "retype the address or paste it again as plain text")
            continue
        space = _SPACE.search(r.src.strip())
        if space:
            full = r.src.strip()
            lo, hi = max(0, space.start() - 30), space.start() + 30
            around = ("…" if lo else "") + full[lo:hi] + ("…" if hi < len(full) else "")
            yield ctx.report(r.start, r.end, f"the image address contains a space ({around})",
                             "write each space as %20, or rename the file without spaces")
            continue
        for o, c in _PAIRS:
            if r.src.count(o) != r.src.count(c):
                yield ctx.report(r.start, r.end,
                                 f"the image address {_short(r.src)!r} has an unmatched `{o if r.src.count(o) > r.src.count(c) else c}`",
                                 "check that the address was copied whole; encode brackets as %28 %29 %5B %5D")
                break


# --------------------------------------------------------------------------- IMG002 insecure


@rule("IMG002", "image-insecure", "images", "error",
      "An image is loaded over http://, not https://.",
      bad="![발표 현장](http://i.imgur.com/abc.jpg)", good="![발표 현장](https://i.imgur.com/abc.jpg)",
      docs="Browsers block or silently upgrade http images on an https page (mixed content): the image "
           "may not show, and the page loses its padlock. Most hosts serve the same file over https.",
      options={"allow_http_hosts": Option([], "hosts allowed over plain http (an intranet, say)")})
def image_insecure(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    allowed = [str(h) for h in ctx.options.get("allow_http_hosts") or []]
    for r in _checked(image_refs(doc, ctx)):
        a = parse_address(r.src)
        if a.kind != "url" or a.scheme != "http":
            continue
        if any(host_matches(a.host, p) for p in allowed):
            continue
        yield ctx.report(r.start, r.end, f"{r.where} is loaded over insecure http:// from {a.host}",
                         "change http:// to https:// (check that the image still loads)")


# --------------------------------------------------------------------------- IMG003 host not allowed


@rule("IMG003", "image-host-not-allowed", "images", "warning",
      "An image is hotlinked from a host that is not on the newsroom's list (`site.image_hosts`).",
      bad="![회담](https://www.behealthy4u.com/wp-content/uploads/koreanews.jpg)",
      good="![회담](https://newsdao.kr/res/images/2024/summit.jpg)",
      docs="Hotlinked images disappear when the other site moves them, can be swapped for something else, "
           "and may be used without permission. Set `site.image_hosts` in .newslint.yaml (e.g. "
           "[newsdao.kr, '*.newsdao.kr']); the site's own host (`site.url`) and local paths are always allowed. "
           "Without the list, this rule reports nothing.")
def image_host_not_allowed(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    allowed = [str(h) for h in ctx.config.site_value("image_hosts") or []]
    if not allowed:
        return
    own = _site_host(ctx)
    for r in _checked(image_refs(doc, ctx)):
        a = parse_address(r.src)
        if a.kind != "url" or not a.host:
            continue
        if (own and host_matches(a.host, own)) or any(host_matches(a.host, p, a.path) for p in allowed):
            continue
        yield ctx.report(r.start, r.end, f"{r.where} is hotlinked from {a.host}, which is not one of the "
                                         "newsroom's image hosts",
                         "upload the image to the site's own image host, or add the host to site.image_hosts")


# --------------------------------------------------------------------------- IMG004 not an image path


def _extension(path: str) -> str:
    name = unquote(path).rstrip("/").rsplit("/", 1)[-1]
    if "." not in name:
        return ""
    return name.rsplit(".", 1)[1].lower()


_QUERY_IMAGE = lazy(r"(?:^|[=&/.])(?:" + "|".join(sorted(IMAGE_EXTENSIONS)) + r")(?:$|&)", re.IGNORECASE)


def _query_names_image(query: str) -> bool:
    """`?fname=…/img.png`, `?format=webp`, `&fm=jpg`: a service that serves an image."""
    return bool(query) and bool(_QUERY_IMAGE.search(unquote(query)))


@lru_cache(maxsize=16)
def _cdn_hosts(site_hosts: tuple[str, ...]) -> tuple[str, ...]:
    """Image services whose addresses need no extension: the list's and the site's own."""
    return tuple(str(h) for h in rules_data("image-hosts.yaml").get("cdn_hosts", []) or []) + site_hosts


@rule("IMG004", "image-not-image-path", "images", "warning",
      "An image address ends in something that is not an image (.html, .pdf) or has no file extension.",
      bad="![사고 현장](https://example.com/news/article.html)",
      good="![사고 현장](https://example.com/images/crash.jpg)",
      docs="An address copied from a page (not from the picture itself) shows a broken image. Addresses of "
           "image services that resize on the fly carry no extension: those in rules/image-hosts.yaml and "
           "`site.cdn_hosts` are accepted, as are addresses whose query names an image format.")
def image_not_image_path(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for r in _checked(image_refs(doc, ctx)):
        a = parse_address(r.src)
        if a.kind not in ("url", "local"):
            continue
        ext = _extension(a.path)
        if ext in IMAGE_EXTENSIONS:
            continue
        cdn = _cdn_hosts(tuple(str(h) for h in ctx.config.site_value("cdn_hosts") or []))
        if a.kind == "url" and (any(host_matches(a.host, p, a.path) for p in cdn)
                                or _host_in(a.host, _placeholder_hosts())):
            continue  # resizing services; placeholders are IMG005's business
        if _query_names_image(a.query):
            continue
        if ext:
            msg = f"{r.where} points at a .{ext} file, not an image"
            hint = "use the address of the picture itself (right-click the image → copy image address)"
        else:
            msg = f"{r.where} has no image file extension ({_short(r.src, 60)})"
            hint = ("use the picture's own address ending in .jpg, .png or .webp; if this host resizes images, "
                    "add it to site.cdn_hosts")
        yield ctx.report(r.start, r.end, msg, hint)


# --------------------------------------------------------------------------- IMG005 placeholder


def _basename(path: str) -> str:
    return unquote(path).rstrip("/").rsplit("/", 1)[-1].lower()


@cache
def _placeholder_hosts() -> frozenset[str]:
    return frozenset(str(h).strip().lower().removeprefix("*.") for h in
                     rules_data("placeholder-images.yaml").get("hosts", []) or [])


def _host_in(host: str, hosts: frozenset[str]) -> bool:
    """`host` or one of its parent domains is in `hosts` (a set lookup per label, not a scan)."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in hosts for i in range(len(parts) - 1))


def _placeholder(r: ImageRef, defaults: list[str]) -> str | None:
    a = parse_address(r.src)
    if a.kind not in ("url", "local"):
        return None
    if a.kind == "url" and _host_in(a.host, _placeholder_hosts()):
        return f"a placeholder picture from {a.host}"
    name = _basename(a.path)
    if name and name in _words("placeholder-images.yaml", "file_names"):
        return f"a theme's placeholder picture ({name})"
    src = r.src.strip()
    for d in defaults:
        d = d.strip()
        if not d:
            continue
        if "/" in d:
            if src.split("?", 1)[0].rstrip("/").lower() == d.split("?", 1)[0].rstrip("/").lower():
                return "the newsroom's default banner, not a picture of this story"
        elif name == d.lower():
            return f"the newsroom's default banner ({d}), not a picture of this story"
    return None


@rule("IMG005", "image-placeholder", "images", "warning",
      "The image is a placeholder, a theme's demo picture, or the newsroom's generic default banner.",
      bad="image: 'https://picsum.photos/2560/600?image=733'",
      good="image: 'https://newsdao.kr/res/images/2024/07/summit.jpg'",
      docs="Search engines and social networks show the lead image next to the headline; a stock banner "
           "or a theme's demo photo on every story makes them look alike (Google Discover may skip them). "
           "Placeholder hosts are listed in rules/placeholder-images.yaml; the newsroom's own banners go in "
           "`site.default_images` (file names like newsdao_breakingnews.jpg, or full URLs).")
def image_placeholder(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    defaults = [str(d) for d in ctx.config.site_value("default_images") or []]
    for r in _checked(image_refs(doc, ctx)):
        what = _placeholder(r, defaults)
        if what:
            yield ctx.report(r.start, r.end, f"{r.where} is {what}",
                             "use a photo or graphic made for this story")


# --------------------------------------------------------------------------- IMG006 alt missing


@rule("IMG006", "image-alt-missing", "images", "error",
      "An image has no alt text: `<img>` without alt, or Markdown `![](…)` with empty brackets.",
      bad="<img src=\"/images/summit.jpg\">\n\n![](/images/map.png)",
      good="<img src=\"/images/summit.jpg\" alt=\"카자흐스탄에서 만난 푸틴과 시진핑\">\n\n"
           "![회담이 열린 아스타나 위치](/images/map.png)",
      docs="Screen-reader users hear nothing, or the file name, where the picture is; search engines read "
           "alt text too. Describe what the picture shows. A purely decorative HTML image may keep an empty "
           "alt=\"\" (or role=\"presentation\"), which is not reported.")
def image_alt_missing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for r in image_refs(doc, ctx):
        if r.source == "html" and r.alt is None and not r.decorative:
            yield ctx.report(r.tag_start, r.tag_end, "this image has no alt text (the <img> has no alt attribute)",
                             'add alt="…" describing what the picture shows (alt="" only if it is decoration)')
        elif r.source in ("md", "md-ref") and (r.alt is None or not r.alt.strip()):
            yield ctx.report(r.tag_start, r.tag_end, "this image has no alt text (nothing between ![ and ])",
                             "write what the picture shows between the brackets: ![설명](…)")


# --------------------------------------------------------------------------- IMG007 alt says nothing

_TRAILING_NUMBER = re.compile(r"[\s_\-.#]*\(?\d{1,4}\)?$")
_FILE_ALT = re.compile(r"^[^\s/]+\.(?:" + "|".join(sorted(IMAGE_EXTENSIONS)) + r")$", re.IGNORECASE)
_CAMERA_ALT = re.compile(
    r"^(?:img|dsc|dscn|dcim|pxl|mvimg|kakaotalk|screenshot|screen shot|스크린샷|화면 캡처|캡처)[\s_\-]*[\d_\-. :시분초]+"
    r"(?:\s*(?:am|pm|오전|오후)[\d_\-. :]*)?$|^\d{8}[_\-]\d{6}$",
    re.IGNORECASE)
_LONG_DIGITS = re.compile(r"\d{4,}")
_URL_ALT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d+$")


def _norm_alt(alt: str) -> str:
    return " ".join(alt.split()).lower()  # white space runs as one space, none at the ends


def _meaningless(alt: str, src: str) -> str | None:
    a = _norm_alt(alt)
    if not a:
        return None
    generic = _words("image-alt.yaml", "generic")
    if a in generic or _TRAILING_NUMBER.sub("", a) in generic:
        return f"the alt text {alt.strip()!r} only says that this is a picture"
    if _DIGITS.match(a):
        return f"the alt text {alt.strip()!r} is only a number"
    if _URL_ALT.match(a):
        return "the alt text is an address, not a description"
    if _FILE_ALT.match(a) or _CAMERA_ALT.match(a):
        return f"the alt text {alt.strip()!r} is a file name"
    stem = _basename(parse_address(src).path if src else "").rsplit(".", 1)[0]
    # A stem like `second-metric-flow` still reads as words; `toast_os12` or `image-2019…` does not.
    if a == stem and not re.search(r"\s", a) and ("_" in a or _LONG_DIGITS.search(a)):
        return f"the alt text {alt.strip()!r} is the file's name"
    return None


@rule("IMG007", "image-alt-meaningless", "images", "warning",
      "Alt text that says nothing about the picture: 'image', '사진', a file name, an address, or the same alt "
      "on different pictures.",
      bad="![사진](/images/summit.jpg)\n\n![IMG_2041.jpg](/images/crowd.jpg)",
      good="![정상회의장에 들어서는 두 정상](/images/summit.jpg)\n\n![광장에 모인 시민들](/images/crowd.jpg)",
      docs="A screen reader reads the alt text aloud: '사진' or 'IMG_2041.jpg' tells the listener nothing. "
           "The same alt on several different pictures means at least one of them is not described. "
           "Generic words are listed in rules/image-alt.yaml.")
def image_alt_meaningless(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, tuple[str, int]] = {}  # alt → (src, offset) of its first image
    for r in image_refs(doc, ctx):
        if r.source not in ("html", "md", "md-ref") or r.alt is None or not r.alt.strip() or r.alt_start is None:
            continue
        alt_end = _alt_end(doc, r)
        why = _meaningless(r.alt, r.src)
        if why:
            yield ctx.report(r.alt_start, alt_end, why, "describe what the picture shows, in a short sentence")
            continue
        key = _norm_alt(r.alt)
        first = seen.get(key)
        if first is None:
            seen[key] = (r.src, r.alt_start)
        elif first[0] != r.src and not r.templated:
            line, _col = doc.position(first[1])
            yield ctx.report(r.alt_start, alt_end,
                             f"the alt text {r.alt.strip()!r} is also the alt of a different picture on line {line}",
                             "describe what each picture shows, so a reader who cannot see them can tell them apart")


def _alt_end(doc: Document, r: ImageRef) -> int:
    """End offset of the alt text as written (entities make it longer than the decoded alt)."""
    assert r.alt_start is not None and r.alt is not None
    if r.source == "html":
        quote = doc.text[r.alt_start - 1] if r.alt_start > 0 else ""
        if quote in ("'", '"'):
            close = doc.text.find(quote, r.alt_start, r.tag_end)
            if close >= 0:
                return close
    else:
        close = doc.text.find("]", r.alt_start, r.tag_end)
        if close >= 0 and "[" not in doc.text[r.alt_start:close]:
            return close
    return min(r.alt_start + len(r.alt), r.tag_end)


# --------------------------------------------------------------------------- IMG008 alt names another brand

# A word starts with a letter or digit and goes on with them or . & ' -; written with the big class
# once (compiling [가-힣] walks its 11,172 characters), and compiled when IMG008 first runs.
_WORD = lazy(r"(?![.&'-])[0-9A-Za-z가-힣.&'-]+")


def _squash(s: str) -> str:
    return re.sub(r"[^0-9a-z가-힣]", "", s.lower())


def _own_names(ctx: Context) -> list[str]:
    names = [ctx.config.site_value("name")] + list(ctx.config.site_value("aliases") or [])
    host = _site_host(ctx)
    if host:
        names.append(host.removeprefix("www.").split(".")[0])
    return [n for n in (_squash(str(x)) for x in names if x) if n]


def _brands_in(alt: str) -> list[tuple[str, int, int]]:
    """Words of `alt` that name a news outlet: `X뉴스`, `Xnews`, `X일보`, or `X 속보` banners."""
    suffixes = _words("image-alt.yaml", "brand_suffixes")
    not_brands = _words("image-alt.yaml", "not_brands")
    banners = _words("image-alt.yaml", "banner_words")
    words = list(_WORD.finditer(alt))
    found = []
    for i, m in enumerate(words):
        w = m.group().lower().strip(".'-&")
        sq = _squash(w)
        if not sq or sq in not_brands or sq in banners:
            continue
        brand = any(sq.endswith(sfx) and len(sq) > len(sfx) + 1 for sfx in suffixes)
        if "." in w and re.search(r"\.(?:com|kr|net|co|org|news)$", w):
            brand = True
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if nxt in banners and i == 0 and len(words) == 2:
            brand = True  # "ranknews 속보", "info 속보": the banner of an outlet
        if brand:
            found.append((m.group(), m.start(), m.end()))
    return found


@rule("IMG008", "image-alt-brand", "images", "warning",
      "An alt text names another outlet than the site (`site.name`, `site.aliases`).",
      bad='<img src="/res/images/breaking.jpg" alt="ranknews 속보">   (on newsdao)',
      good='<img src="/res/images/breaking.jpg" alt="뉴스다오 속보">',
      docs="Articles and banners copied from a sister site keep its name in the alt text: readers of screen "
           "readers and search engines see another outlet's brand. Set `site.name` and `site.aliases` (other "
           "spellings, e.g. 뉴스다오, newsdao.kr); without `site.name` this rule reports nothing.")
def image_alt_brand(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.config.site_value("name"):
        return
    own = _own_names(ctx)
    for r in image_refs(doc, ctx):
        if r.source not in ("html", "md", "md-ref") or not r.alt or r.alt_start is None:
            continue
        for word, s, e in _brands_in(r.alt):
            sq = _squash(word)
            if any(sq == o or o in sq or sq in o for o in own):
                continue
            if doc.text[r.alt_start + s : r.alt_start + e] == word:
                start, end = r.alt_start + s, r.alt_start + e
            else:  # entities in the alt: point at the whole alt
                start, end = r.alt_start, _alt_end(doc, r)
            yield ctx.report(start, end, f"the alt text names {word!r}, not this site ({ctx.config.site_value('name')})",
                             "describe the picture, or use this site's own name")


# --------------------------------------------------------------------------- IMG009 local file missing


def _site_root(ctx: Context) -> Path:
    root = ctx.config.site_value("root")
    return (ctx.config.root / str(root)).resolve() if root else ctx.config.root.resolve()


@lru_cache(maxsize=64)
def _looks_like_site(root: Path, markers: tuple[str, ...]) -> bool:
    return any((root / m).exists() for m in markers)


@rule("IMG009", "image-file-missing", "images", "error",
      "A local image (`/assets/x.jpg`, `../img/y.png`) does not exist in the site's folder.",
      bad="![지도](/assets/images/map-2024.png)   (no such file)",
      good="![지도](/assets/images/map-2024.png)   (the file is committed)",
      docs="The image was not committed, was renamed, or the path has a typo: the published page shows a "
           "broken image. Paths starting with / are looked up from the site root (`site.root`, default the "
           "folder of .newslint.yaml; also under `static/` for Hugo), others next to the article. The check "
           "runs only for articles inside a folder that looks like a site (it has _config.yml, hugo.toml… "
           "or site.root is set).",
      options={"search_dirs": Option(["", "static", "public"], "folders under the site root where /paths are served from"),
               "base_path": Option("", "URL prefix the site is served under (Jekyll baseurl), removed before lookup"),
               "site_markers": Option(["_config.yml", "_config.yaml", "_config.toml", "hugo.toml", "hugo.yaml",
                                       "config.toml", "config.yaml", ".newslint.yaml", ".newslint.yml"],
                                      "files that mark a site root")})
def image_file_missing(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    local = [r for r in _checked(image_refs(doc, ctx)) if parse_address(r.src).kind == "local"]
    if not local:
        return
    root = _site_root(ctx)
    if not ctx.config.site_value("root") and not _looks_like_site(root, tuple(ctx.options.get("site_markers") or [])):
        return
    article = Path(doc.fspath) if doc.fspath else ctx.config.root / doc.path
    article = article.resolve()
    if root not in article.parents:
        return
    base = str(ctx.options.get("base_path") or "").rstrip("/")
    dirs = [str(d) for d in ctx.options.get("search_dirs") or [""]]
    for r in local:
        a = parse_address(r.src)
        if not a.path.strip() or _CONTROL.search(a.path):
            continue
        path = unquote(a.path.strip())
        if path.startswith("/"):
            rel = path[len(base):] if base and (path == base or path.startswith(base + "/")) else path
            candidates = [root / d / rel.lstrip("/") for d in dirs]
        else:
            candidates = [article.parent / path]
        if any(c.is_file() for c in candidates):
            continue
        shown = os.path.relpath(candidates[0], root)
        yield ctx.report(r.start, r.end, f"the image file {path} does not exist (looked for {shown} in the site)",
                         "commit the image, or fix the path (check the spelling and capital letters)")


# --------------------------------------------------------------------------- IMG010 large data: URI

_DATA_URI = lazy(r"^data:([^,;]*)((?:;[^,;]*)*),", re.IGNORECASE)


def data_uri_bytes(src: str) -> int:
    """Decoded size of a data: URI (estimated from the text; no decoding needed)."""
    m = _DATA_URI.match(src.strip())
    if not m:
        return 0
    payload = src.strip()[m.end():]
    if ";base64" in m.group(2).lower():
        n = len(re.sub(r"\s", "", payload))
        return n * 3 // 4 - payload.rstrip().count("=", -2 if n >= 2 else 0)
    return len(unquote(payload).encode("utf-8"))


@rule("IMG010", "image-data-uri-large", "images", "warning",
      "An image is embedded as a large `data:` URI in the article text.",
      bad='<img src="data:image/png;base64,iVBORw0KGgo… (200 KB)" alt="도표">',
      good='<img src="/images/chart.png" alt="도표">',
      docs="Large embedded images bloat the page, cannot be cached or resized, and make the article file "
           "hard to edit and review. Save the image as a file and link it.",
      options={"max_bytes": Option(10240, "largest embedded image accepted, in bytes")})
def image_data_uri_large(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    limit = int(ctx.options.get("max_bytes", 10240))
    for r in _checked(image_refs(doc, ctx)):
        if r.src.lstrip()[:5].lower() != "data:":
            continue
        size = data_uri_bytes(r.src)
        if size > limit:
            yield ctx.report(r.start, min(r.end, r.start + 40),
                             f"this image is embedded in the text as {size / 1024:,.0f} KB of data "
                             f"(limit {limit / 1024:,.0f} KB)",
                             "save it as an image file in the site and link to it")

