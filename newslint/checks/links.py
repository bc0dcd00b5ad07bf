"""Links family (LNK…): link addresses and attributes that mislead readers or search engines.

Works from `doc.body.links` (Markdown, HTML and autolinks, with href offsets) and the `<a>`
tags in `doc.body.tags`. Addresses holding Liquid or Hugo templates are never judged: they
are only known once the site is built. Nothing here touches the network.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, lru_cache

from newslint.body import Attr, Link, Tag
from newslint.checks._tags import attr_tags
from newslint.diagnostics import Diagnostic, Edit
from newslint.document import Document
from newslint.registry import Context, Option, rule
from newslint.resources import rules_data


def _links(doc: Document) -> Iterator[Link]:
    """Links whose address is known before the site is built."""
    for lk in doc.body.links:
        if lk.href is not None and not lk.templated:
            yield lk


_ANCHORS = ("a", "area")  # the elements whose rel and target LNK001 and LNK002 read


def _attr_templated(doc: Document, a: Attr) -> bool:
    return doc.body.is_templated(a.start, max(a.value_end, a.start + 1))


def _attr_removal(doc: Document, tag: Tag, a: Attr) -> Edit:
    """An edit that removes attribute `a` and the whitespace before it."""
    text = doc.text
    end = a.value_end
    if a.value is not None and end < tag.end and text[end] in "\"'":
        end += 1
    start = a.start
    while start > tag.start and text[start - 1] in " \t\r\n":
        start -= 1
    return Edit(start, end, "")


# --------------------------------------------------------------------------- LNK001


@lru_cache(maxsize=16)
def _rel_keywords(extra: tuple[str, ...]) -> tuple[frozenset[str], Mapping[str, str]]:
    """The valid keywords (the list's and a newsroom's `extra`), and why some invalid ones are wrong."""
    data = rules_data("links-rel.yaml")
    return (frozenset(str(k).lower() for k in data["keywords"]) | {k.lower() for k in extra},
            {str(k).lower(): str(v) for k, v in (data.get("explanations") or {}).items()})


@rule("LNK001", "invalid-rel", "links", "warning",
      "A link's `rel` attribute holds a keyword that does not exist (`rel=\"dofollow\"`).",
      bad='<a href="https://newsdao.kr" rel="dofollow">뉴스다오</a>', good='<a href="https://newsdao.kr">뉴스다오</a>',
      docs="`rel` tells browsers and search engines how the linked page relates to the article: "
           "`nofollow`, `sponsored`, `ugc`, `noopener`… Anything else is ignored. `dofollow` in "
           "particular does not exist: links are followed unless they say `nofollow`, so SEO advice "
           "to add it only adds noise. The valid keywords are `rules/links-rel.yaml`; `extra` adds a "
           "newsroom's own. The fix removes the invalid keywords (and the attribute when nothing is "
           "left), which changes nothing for browsers or search engines.",
      options={"extra": Option([], "more rel keywords to accept")},
      fixable=True)
def invalid_rel(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for t in attr_tags(doc):  # a tag without attributes has no rel
        a = t.attr("rel") if t.name in _ANCHORS else None
        if a is None or a.value is None or _attr_templated(doc, a):
            continue
        known, explain = _rel_keywords(tuple(map(str, ctx.options["extra"])))
        words = a.value.split()
        bad = [w for w in words if w.lower() not in known]
        if not bad:
            continue
        keep = [w for w in words if w.lower() in known]
        if keep:
            edit = Edit(a.value_start, a.value_end, " ".join(keep))
            fix = f"remove {', '.join(repr(w) for w in bad)} from rel: rel=\"{' '.join(keep)}\""
        else:
            edit = _attr_removal(doc, t, a)
            fix = "remove the rel attribute"
        reasons = []
        for w in bad:
            why = explain.get(w.lower())
            if why is None:
                close = difflib.get_close_matches(w.lower(), sorted(known), n=1, cutoff=0.75)
                why = f"did you mean '{close[0]}'?" if close else "browsers and search engines do not know it"
            reasons.append(f"'{w}': {why}")
        if len(bad) == 1:
            message = f"'{bad[0]}' is not a valid rel keyword: {reasons[0].split(': ', 1)[1]}"
        else:
            message = f"{', '.join(repr(w) for w in bad)} are not valid rel keywords ({'; '.join(reasons)})"
        yield ctx.report(a.start, min(a.value_end + 1, t.end), message, fix, edits=[edit])


# --------------------------------------------------------------------------- LNK002


@rule("LNK002", "target-blank-without-noopener", "links", "info",
      "A link opens a new window (`target=\"_blank\"`) without `rel=\"noopener\"`.",
      bad='<a href="https://example.org" target="_blank">자료</a>',
      good='<a href="https://example.org" target="_blank" rel="noopener">자료</a>',
      docs="A page opened with `target=\"_blank\"` can reach back to the article's window through "
           "`window.opener` and replace it with a phishing page. Current browsers assume `noopener` "
           "for such links, older ones do not; `noopener` (or `noreferrer`, which implies it) makes "
           "it explicit. Opening new windows at all is a choice a newsroom may want to avoid.")
def target_blank(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for t in attr_tags(doc):  # a tag without attributes has no target
        target = t.attr("target") if t.name in _ANCHORS else None
        if target is None or (target.value or "").strip().lower() != "_blank" or _attr_templated(doc, target):
            continue
        rel = t.attr("rel")
        words = {w.lower() for w in (rel.value or "").split()} if rel is not None else set()
        if words & {"noopener", "noreferrer"} or (rel is not None and _attr_templated(doc, rel)):
            continue
        yield ctx.report(target.start, min(target.value_end + 1, t.end),
                         "this link opens a new window without rel=\"noopener\": the opened page can "
                         "take over the article's window",
                         "add noopener to the link's rel attribute (rel=\"noopener\")")


# --------------------------------------------------------------------------- LNK003

_SEPARATOR = re.compile(r"&amp;|&#0*38;|&#[xX]0*26;|&")


@lru_cache(maxsize=16)
def _tracking_pattern(extra: tuple[str, ...], keep: frozenset[str]) -> re.Pattern[str]:
    """A tracking parameter's name (lower-cased), for one set of LNK003 options."""
    names = [str(n) for n in rules_data("links-tracking.yaml")["parameters"]] + list(extra)
    return re.compile("|".join(f"(?:{fnmatch.translate(n.lower())})" for n in names if n.lower() not in keep)
                      or "(?!)")


def _host(url: str) -> str:
    m = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)", url)
    return m.group(2).lower() if m else ""


def _host_matches(host: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(host, p) or host.endswith("." + p) for p in patterns)


def strip_tracking(raw: str, is_tracking: re.Pattern[str]) -> tuple[str, list[str]]:
    """The address without its tracking parameters, and the names removed (raw is the source text)."""
    q = raw.find("?")
    if q < 0:
        return raw, []
    h = raw.find("#", q)
    query, fragment = (raw[q + 1:h], raw[h:]) if h >= 0 else (raw[q + 1:], "")
    seps = _SEPARATOR.findall(query)
    parts = _SEPARATOR.split(query)
    kept: list[str] = []
    removed: list[str] = []
    for part in parts:
        name = part.split("=", 1)[0]
        if name and is_tracking.fullmatch(name.lower()):
            removed.append(name)
        elif part:
            kept.append(part)
    if not removed:
        return raw, []
    sep = seps[0] if seps else "&"
    rebuilt = raw[:q] + ("?" + sep.join(kept) if kept else "") + fragment
    return rebuilt, removed


@rule("LNK003", "tracking-parameters", "links", "warning",
      "A link address carries tracking parameters (`utm_source`, `fbclid`, `gclid`…).",
      bad="[보도자료](https://example.go.kr/news?id=12&utm_source=naver&utm_medium=referral)",
      good="[보도자료](https://example.go.kr/news?id=12)",
      docs="Addresses copied from a newsletter, a social network or an ad carry the campaign tags "
           "of whoever shared them. They credit the wrong source in the linked site's statistics, "
           "make the same page look like several, and tell readers how the reporter found it. The "
           "page opens the same without them. The list is `rules/links-tracking.yaml` (a trailing `*` "
           "matches any ending); `extra` adds names, `keep` exempts some, `ignore_hosts` leaves some "
           "sites alone. The fix removes the parameters and nothing else.",
      options={"extra": Option([], "more parameter names to remove, e.g. ['ref_src']"),
               "keep": Option([], "parameter names from the list to leave in addresses"),
               "ignore_hosts": Option([], "hosts whose links are left alone, e.g. ['unsplash.com']")},
      fixable=True)
def tracking_parameters(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    queries = [lk for lk in _links(doc) if "?" in (lk.href or "")]
    if not queries:
        return  # most articles: the list and its pattern are not even needed
    is_tracking = _tracking_pattern(tuple(str(n) for n in ctx.options["extra"]),
                                    frozenset(str(n).lower() for n in ctx.options["keep"]))
    ignore_hosts = [str(h).lower() for h in ctx.options["ignore_hosts"]]
    text = doc.text
    for lk in queries:
        raw = text[lk.href_start:lk.href_end]
        new, removed = strip_tracking(raw, is_tracking)
        if not removed or (ignore_hosts and _host_matches(_host(lk.href or ""), ignore_hosts)):
            continue
        shown = ", ".join(dict.fromkeys(removed))
        yield ctx.report(lk.href_start, lk.href_end,
                         f"tracking parameters in the link address: {shown}",
                         f"remove them; the page opens the same: {new}" if len(new) <= 120 else
                         "remove them; the page opens the same without them",
                         edits=[Edit(lk.href_start, lk.href_end, new)])


# --------------------------------------------------------------------------- LNK004

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(href: str) -> str | None:
    m = _SCHEME.match(_CONTROL.sub("", href))
    return m.group(1).lower() if m else None


@rule("LNK004", "javascript-url", "links", "error",
      "A link runs script (`javascript:` or `vbscript:`) instead of going to an address.",
      bad='<a href="javascript:void(0)">다운로드</a>', good='<a href="https://example.go.kr/file.pdf">다운로드</a>',
      docs="A `javascript:` link in an article is either a leftover from the page it was copied from "
           "(and does nothing on the site) or an attempt to run code in readers' browsers. Either "
           "way it must go: link to the real address.")
def javascript_url(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for lk in _links(doc):
        scheme = _scheme(lk.href or "")
        if scheme in ("javascript", "vbscript"):
            yield ctx.report(lk.href_start, lk.href_end,
                             f"this link runs {scheme} code instead of opening an address",
                             "link to the real address, or remove the link and keep its text")


# --------------------------------------------------------------------------- LNK005


@rule("LNK005", "empty-link", "links", "warning",
      "A link has an empty address (`[text]()`, `href=\"\"`, `href=\"#\"`) and goes nowhere.",
      bad="[선형판별분석]()", good="[선형판별분석](https://ratsgo.github.io/lda/)",
      docs="An empty address reloads the article, `#` jumps to its top. Both are placeholders left "
           "when the real address was never filled in. An `<a>` without any `href` (an anchor such "
           "as `<a id=\"note\">`) is not a link and is left alone.")
def empty_link(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for lk in _links(doc):
        href = (lk.href or "").strip()
        if href and href != "#":
            continue
        what = "an empty address" if not href else "the address '#', which only jumps to the top of the page"
        label = f"'{lk.text[:40]}'" if lk.text else "this link"
        yield ctx.report(lk.start, lk.end, f"{label} has {what}: it goes nowhere",
                         "fill in the address the link should open, or remove the link and keep its text")


# --------------------------------------------------------------------------- LNK006

_DOUBLE_SCHEME = re.compile(r"^(https?):/*(https?)(?::/*|//)", re.IGNORECASE)
_MISSING_COLON = re.compile(r"^(https?)//", re.IGNORECASE)
_FEW_SLASHES = re.compile(r"^(https?):/?(?!/)", re.IGNORECASE)
_WWW = re.compile(r"^www\.[^/\s]+\.[a-z]", re.IGNORECASE)


@cache
def _known_schemes() -> frozenset[str]:
    return frozenset(str(s).lower() for s in rules_data("links-urls.yaml")["schemes"])


def malformed(href: str, extra_schemes: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for an address a browser cannot open as meant, else None."""
    h = href.strip()
    if not h or h == "#":
        return None
    m = _DOUBLE_SCHEME.match(h)
    if m:
        return ("the address starts with two schemes ('" + h[:m.end()] + "')",
                f"keep one: {m.group(2).lower()}://{h[m.end():]}")
    m = _MISSING_COLON.match(h)
    if m:
        return ("the address lacks the ':' after " + m.group(1) + ", so it is read as a page of this site",
                f"write {m.group(1).lower()}://{h[m.end():]}")
    m = _FEW_SLASHES.match(h)
    if m:
        return ("the address lacks a '/' after " + m.group(1) + ":",
                f"write {m.group(1).lower()}://{h[m.end():]}")
    if re.match(r"^https?://(?:[/?#]|$)", h, re.IGNORECASE):
        return "the address has no site name after '//'", "write the full address"
    if _WWW.match(h):
        return ("the address starts with 'www.' without 'https://', so it is read as a page of this site",
                f"write https://{h}")
    if h.startswith(("[", "(")) or "](" in h:
        return "the address holds Markdown link syntax", "keep only the address itself"
    scheme = _scheme(h)
    if scheme in ("javascript", "vbscript"):
        return None  # LNK004's
    if scheme is not None and scheme not in _known_schemes() and scheme not in extra_schemes:
        return (f"'{scheme}:' is not an address scheme browsers know, so the link goes nowhere",
                "write the full address (https://…)")
    if re.search(r"\s", h):
        return "the address contains a space", "replace each space in the address with %20, or fix the address"
    return None


@rule("LNK006", "malformed-url", "links", "warning",
      "A link address is malformed: two schemes, a missing ':' or '/', 'www.' without 'https://', spaces…",
      bad='<a href="https://https://www.korea.kr">정책브리핑</a>', good='<a href="https://www.korea.kr">정책브리핑</a>',
      docs="Browsers read 'www.korea.kr' or 'https//korea.kr' as a page of the article's own site and "
           "show a 404; 'https://https://…' and 'ttps://…' go nowhere. The schemes accepted (mailto:, "
           "tel:, …) are `rules/links-urls.yaml`; `extra_schemes` adds more.",
      options={"extra_schemes": Option([], "more address schemes to accept, e.g. ['zotero']")})
def malformed_url(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    extra = frozenset(str(s).lower() for s in ctx.options["extra_schemes"])
    for lk in _links(doc):
        found = malformed(lk.href or "", extra)
        if found is not None:
            yield ctx.report(lk.href_start, lk.href_end, found[0], found[1])


# --------------------------------------------------------------------------- LNK007


@lru_cache(maxsize=16)
def _insecure_allowed(ignore_hosts: tuple[str, ...]) -> tuple[str, ...]:
    """The hosts LNK007 leaves alone: the list's local and example hosts, and a newsroom's own."""
    return tuple([str(h).lower() for h in rules_data("links-urls.yaml")["local_hosts"]] + [h.lower() for h in ignore_hosts])


@rule("LNK007", "insecure-link", "links", "warning",
      "A link uses `http://` instead of `https://`.",
      bad="[자료](http://www.korea.kr/briefing)", good="[자료](https://www.korea.kr/briefing)",
      docs="Browsers mark `http://` pages as not secure, and the address may be changed on the way "
           "to the reader. Most sites answer on `https://`; check that the page opens there. Local and "
           "example addresses (localhost, example.com…; `local_hosts` in `rules/links-urls.yaml`) "
           "and the hosts in `ignore_hosts` are left alone.",
      options={"ignore_hosts": Option([], "hosts still reached over http:// on purpose")})
def insecure_link(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for lk in _links(doc):
        href = (lk.href or "").strip()
        if href[:7].lower() != "http://":
            continue
        ignore = _insecure_allowed(tuple(map(str, ctx.options["ignore_hosts"])))
        host = _host(href)
        if not host or _host_matches(host, ignore) or malformed(href) is not None:
            continue
        yield ctx.report(lk.href_start, lk.href_end,
                         f"the link to {host} uses http://, which browsers mark as not secure",
                         "use https:// if the page opens there")


# --------------------------------------------------------------------------- LNK008

_URL_TEXT = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@rule("LNK008", "bare-url-text", "links", "info",
      "A link's text is its address (`<a href=\"https://…\">https://…</a>`) instead of words.",
      bad='실시간 뉴스 속보는, <a href="https://newsdao.kr">https://newsdao.kr</a>',
      good='실시간 뉴스 속보는 <a href="https://newsdao.kr">뉴스다오</a>에서',
      docs="A raw address tells the reader little, is read out character by character by screen "
           "readers and breaks lines badly on phones. Say where the link goes. Markdown autolinks "
           "(`<https://…>`) show their address on purpose and are reported only with "
           "`include_autolinks: true`.",
      options={"include_autolinks": Option(False, "also report <https://…> autolinks")})
def bare_url_text(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    autolinks = ctx.options["include_autolinks"]
    for lk in _links(doc):
        if lk.markup == "autolink" and not autolinks:
            continue
        if not _URL_TEXT.fullmatch(lk.text.strip()):
            continue
        yield ctx.report(lk.start, lk.end, f"the link's text is its address ({lk.text.strip()[:60]})",
                         "write what the link leads to as its text, e.g. the site's or the document's name")
