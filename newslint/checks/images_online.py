"""Images family, online check (IMG100, `--online` only): fetch every distinct image URL once per run.

A cross-article rule: each file's fingerprint is its list of image URLs with positions; the
join fetches the distinct URLs with bounded concurrency (overall and per host) and reports
on each file. Safety first, because article text is untrusted input:

- names are resolved by us, and private, loopback, link-local, multicast and reserved
  addresses are refused unless listed in the `allow_addresses` option; the connection then
  goes to the address we checked (no second lookup an attacker could answer differently);
- redirects are followed by hand, and each hop is checked the same way;
- HEAD first, then a small ranged GET; never more than `max_bytes` + 1 bytes are read.

httpx is imported inside the join (the `online` extra); without it the rule says so once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from newslint.checks.images import image_refs, parse_address
from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document
from newslint.registry import Context, JoinContext, Option, corpus_rule

if TYPE_CHECKING:  # asyncio, sockets and addresses are imported where they run: only `--online` pays for them
    import asyncio
    import ipaddress

Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolve(host: str, port: int) -> list[str]:
    import asyncio
    loop = asyncio.get_running_loop()
    import socket

    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


# The hook tests replace to map names to addresses without DNS (never a mock of the HTTP layer).
RESOLVER: Resolver = system_resolve
CACHE_DIR = ".newslint_cache"
CACHE_FILE = "images-online.json"
_REDIRECTS = (301, 302, 303, 307, 308)


# --------------------------------------------------------------------------- fingerprint


def fingerprint(doc: Document, ctx: Context) -> list[tuple[str, int, int, int, int, str, bool]] | None:
    """(url, line, column, end line, end column, where, is_front_matter) for each fetchable image."""
    site = ctx.config.site_value("url")
    base = str(site).rstrip("/") if isinstance(site, str) and site.startswith(("http://", "https://")) else ""
    out = []
    for r in image_refs(doc, ctx):
        if r.templated or not r.src.strip():
            continue
        src = r.src.strip()
        a = parse_address(src)
        if a.kind == "url":
            url = "https:" + src if src.startswith("//") else src
        elif a.kind == "local" and src.startswith("/") and base and ctx.options.get("resolve_site_paths", True):
            url = base + src
        else:
            continue
        line, col = doc.position(r.start)
        eline, ecol = doc.position(r.end)
        out.append((url, line, col, eline, ecol, r.where, r.source == "fm"))
    return out or None


# --------------------------------------------------------------------------- results


@dataclass
class Fetched:
    """What we learnt about one URL (JSON-serialisable for the disk cache)."""

    url: str
    status: int | None = None
    final_url: str = ""
    hops: list[str] = field(default_factory=list)
    content_type: str = ""
    size: int | None = None  # total size in bytes, when the server told or we counted past the cap
    size_at_least: bool = False  # True when we stopped reading at the cap: the body is bigger still
    width: int | None = None
    looks_like_image: bool = False  # the first bytes are an image's, whatever the Content-Type says
    error: str | None = None  # timeout, connect, refused, redirect-loop, too-many-redirects, bad-url
    detail: str = ""

    @property
    def cacheable(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400


class Refused(Exception):
    """The address is private, loopback, link-local, multicast or reserved, and not allowed."""


def _networks(values: list[Any]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    import ipaddress

    return [ipaddress.ip_network(str(v), strict=False) for v in values]


def is_refused(address: str, allowed: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    import ipaddress

    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allowed):
        return False
    return (not ip.is_global or ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


async def safe_address(host: str, port: int, allowed: list[Any]) -> str:
    """The address to connect to, after checking it; raises Refused."""
    import ipaddress

    try:
        ipaddress.ip_address(host)
        candidates = [host]
        literal = True
    except ValueError:
        candidates = await RESOLVER(host, port)
        literal = False
    ok = [a for a in candidates if not is_refused(a, allowed)]
    if not ok:
        if literal:
            raise Refused(f"{host} is a private or local address")
        shown = ", ".join(sorted(set(candidates))) or "no address"
        raise Refused(f"{host} resolves to {shown}, a private or local address")
    return ok[0]


# --------------------------------------------------------------------------- pixel width


def sniff_width(data: bytes) -> int | None:
    """Pixel width from the first bytes of a PNG, GIF, WebP or JPEG; None when unknown."""
    import struct

    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24 and data[12:16] == b"IHDR":
        return int(struct.unpack(">I", data[16:20])[0])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int(struct.unpack("<H", data[6:8])[0])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        kind = data[12:16]
        if kind == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
            return int(struct.unpack("<H", data[26:28])[0]) & 0x3FFF
        if kind == b"VP8L" and data[20:21] == b"\x2f":
            b0, b1 = data[21], data[22]
            return 1 + (((b1 & 0x3F) << 8) | b0)
        if kind == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little")
        return None
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker == 0xFF:
                i += 1
                continue
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            seg = int(struct.unpack(">H", data[i + 2 : i + 4])[0])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int(struct.unpack(">H", data[i + 7 : i + 9])[0])
            i += 2 + seg
    return None


def _image_magic(data: bytes) -> bool:
    head = data[:64].lstrip()
    return head[4:12] in (b"ftypavif", b"ftypheic", b"ftypmif1") or head[:5] in (b"<svg ", b"<?xml") and b"<svg" in data[:1024]


# --------------------------------------------------------------------------- fetching


@dataclass
class Settings:
    timeout: float
    concurrency: int
    per_host: int
    retries: int
    backoff: float
    max_redirects: int
    max_bytes: int
    sniff_bytes: int
    allowed: list[Any]
    user_agent: str


class Fetcher:
    def __init__(self, client: Any, s: Settings) -> None:
        import asyncio
        self.client = client
        self.s = s
        self.all = asyncio.Semaphore(max(1, s.concurrency))
        self.hosts: dict[str, asyncio.Semaphore] = {}

    async def fetch(self, url: str) -> Fetched:
        import httpx

        res = Fetched(url)
        current = url
        seen = {url}
        try:
            for _hop in range(self.s.max_redirects + 1):
                parts = urlsplit(current)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    res.error, res.detail = "bad-url", f"cannot fetch {current}"
                    return res
                status, headers, body = await self._hop(current, parts)
                if status in _REDIRECTS and headers.get("location"):
                    nxt = urljoin(current, headers["location"])
                    res.hops.append(nxt)
                    if nxt in seen:
                        res.error, res.detail = "redirect-loop", f"the redirects go round in a loop ({nxt})"
                        return res
                    seen.add(nxt)
                    current = nxt
                    continue
                res.status, res.final_url = status, current
                res.content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
                res.size = _total_size(headers, status)
                if body is not None:
                    res.width = sniff_width(body)
                    res.looks_like_image = res.width is not None or _image_magic(body)
                    if res.size is None and len(body) > self.s.max_bytes:
                        res.size, res.size_at_least = len(body), True  # stopped at the cap
                return res
            res.error, res.detail = "too-many-redirects", f"more than {self.s.max_redirects} redirects"
        except Refused as exc:
            res.error = "refused"
            res.detail = f"it redirects to {current}, and {exc}" if res.hops else str(exc)
        except (TimeoutError, httpx.TimeoutException):
            res.error, res.detail = "timeout", f"no answer within {self.s.timeout:g} s"
        except (httpx.HTTPError, OSError) as exc:
            res.error, res.detail = "connect", f"{type(exc).__name__}: {exc}".rstrip(": ")
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
            res.error, res.detail = "bad-url", f"the address cannot be requested ({exc})"
        return res

    async def _hop(self, url: str, parts: Any) -> tuple[int, dict[str, str], bytes | None]:
        """One address: HEAD, then a ranged GET when HEAD is refused or the first bytes are wanted."""
        import asyncio
        host = parts.hostname.lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = await safe_address(host, port, self.s.allowed)  # checked on every hop
        sem = self.hosts.setdefault(host, asyncio.Semaphore(max(1, self.s.per_host)))
        async with sem, self.all:  # wait for the host first, so a busy host does not hold a global slot
            status, headers, _ = await self._retrying("HEAD", url, parts, address)
            if status in _REDIRECTS:
                return status, headers, None
            ctype = headers.get("content-type", "").lower()
            if status < 400 and ctype and not ctype.startswith(("image/", "application/octet-stream",
                                                                 "binary/octet-stream")):
                return status, headers, None  # a page, not a picture: no need for its bytes
            return await self._retrying("GET", url, parts, address)

    async def _retrying(self, method: str, url: str, parts: Any, address: str) -> tuple[int, dict[str, str], bytes | None]:
        import asyncio
        attempt = 0
        while True:
            status, headers, body = await asyncio.wait_for(self._request(method, url, parts, address),
                                                           self.s.timeout)
            if (status == 429 or status >= 500) and attempt < self.s.retries:
                delay = self.s.backoff * (2 ** attempt)
                retry_after = headers.get("retry-after", "")
                if _is_number(retry_after):
                    # Honoured, but never longer than one answer may take: a server asking for an
                    # hour (or a hostile one) must not hold the run and the host's slot.
                    delay = max(delay, min(float(retry_after), self.s.timeout))
                attempt += 1
                await asyncio.sleep(delay)
                continue
            return status, headers, body

    async def _request(self, method: str, url: str, parts: Any, address: str) -> tuple[int, dict[str, str], bytes | None]:
        import httpx

        target = httpx.URL(url).copy_with(host=address)
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        headers = {"Host": netloc, "User-Agent": self.s.user_agent, "Accept": "image/*,*/*;q=0.5",
                   "Accept-Encoding": "identity"}
        ext = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        if method == "HEAD":
            r = await self.client.request("HEAD", target, headers=headers, extensions=ext)
            return r.status_code, {k.lower(): v for k, v in r.headers.items()}, None
        headers["Range"] = f"bytes=0-{self.s.sniff_bytes - 1}"
        req = self.client.build_request("GET", target, headers=headers, extensions=ext)
        resp = await self.client.send(req, stream=True)
        try:
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            buf = bytearray()
            # A server that ignores Range may send the whole file: read past the sniff window only
            # to learn whether it is over the size limit, and never more than that.
            cap = self.s.sniff_bytes if _total_size(hdrs, resp.status_code) is not None else self.s.max_bytes + 1
            if resp.status_code < 400:
                async for chunk in resp.aiter_raw():
                    buf += chunk
                    if len(buf) >= cap:
                        break
            return resp.status_code, hdrs, bytes(buf[: max(cap, self.s.sniff_bytes)])
        finally:
            await resp.aclose()


def _is_number(value: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²' (a Latin-1 header byte), which int() refuses."""
    return value.isascii() and value.isdigit()


def _total_size(headers: dict[str, str], status: int) -> int | None:
    cr = headers.get("content-range", "")
    if "/" in cr:
        total = cr.rsplit("/", 1)[1].strip()
        return int(total) if _is_number(total) else None
    cl = headers.get("content-length", "").strip()
    if status == 200 and _is_number(cl):
        return int(cl)
    return None


async def fetch_all(urls: list[str], s: Settings) -> dict[str, Fetched]:
    import asyncio

    import httpx

    # No keep-alive: connections are pooled by address, and a TLS connection checked for one host
    # name must not carry a request for another name that resolved to the same address.
    limits = httpx.Limits(max_connections=max(1, s.concurrency), max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=httpx.Timeout(s.timeout), limits=limits, follow_redirects=False,
                                 trust_env=False) as client:
        f = Fetcher(client, s)
        results = await asyncio.gather(*(f.fetch(u) for u in urls))
    return dict(zip(urls, results, strict=True))


# --------------------------------------------------------------------------- disk cache


def _cache_path(jctx: JoinContext) -> Path:
    return jctx.config.root / CACHE_DIR / CACHE_FILE


def load_cache(path: Path, ttl: float) -> dict[str, Fetched]:
    if ttl <= 0:
        return {}
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
    except (OSError, ValueError):
        return {}
    now = time.time()
    out = {}
    for url, entry in raw.items() if isinstance(raw, dict) else ():
        try:
            if now - float(entry["t"]) < ttl:
                f = Fetched(**entry["r"])
                if f.cacheable:
                    out[url] = f
        except (KeyError, TypeError, ValueError):
            continue
    return out


def save_cache(path: Path, fresh: dict[str, Fetched], ttl: float) -> None:
    if ttl <= 0:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        try:
            with open(path, encoding="utf-8") as fh:
                raw = json.load(fh)
            if not isinstance(raw, dict):
                raw = {}
        except (OSError, ValueError):
            raw = {}
        now = time.time()
        raw = {u: e for u, e in raw.items() if isinstance(e, dict) and now - float(e.get("t", 0)) < ttl}
        for url, f in fresh.items():
            if f.cacheable:  # failures are always checked again
                raw[url] = {"t": now, "r": asdict(f)}
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(raw, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


# --------------------------------------------------------------------------- join


def _settings(o: dict[str, Any]) -> Settings:
    return Settings(float(o["timeout"]), int(o["concurrency"]), int(o["per_host"]), int(o["retries"]),
                    float(o["backoff"]), int(o["max_redirects"]), int(o["max_bytes"]),
                    int(o["sniff_bytes"]), _networks(list(o["allow_addresses"])), str(o["user_agent"]))


def join(prints: list[tuple[str, Any]], jctx: JoinContext) -> Iterator[Diagnostic]:
    import asyncio
    if not prints:
        return
    o = {**jctx.rule.defaults(), **jctx.options}
    try:
        import httpx  # noqa: F401  (the `online` extra)
    except ImportError:
        yield jctx.report(prints[0][0], 1, 1, "the online image check needs the httpx package, which is not "
                          "installed: image addresses were not fetched",
                          "install it with: pip install 'newslint[online]'", severity=Severity.INFO)
        return
    try:
        s = _settings(o)
    except ValueError as exc:
        yield jctx.report(prints[0][0], 1, 1, f"the online image check's allow_addresses option is invalid: {exc}",
                          "list addresses or ranges such as 10.0.0.0/8 or 192.168.1.20", severity=Severity.ERROR)
        return
    ttl = float(o["cache_ttl_hours"]) * 3600
    cache_path = _cache_path(jctx)
    urls = sorted({u for _p, fp in prints for u, *_rest in fp})
    cached = load_cache(cache_path, ttl)
    todo = [u for u in urls if u not in cached]
    fresh = asyncio.run(fetch_all(todo, s)) if todo else {}
    save_cache(cache_path, fresh, ttl)
    results = {**cached, **fresh}
    for path, fp in prints:
        for url, line, col, eline, ecol, where, is_fm in fp:
            for sev, msg, hint in judge(results[url], o, is_fm, where):
                yield jctx.report(path, line, col, msg, hint, eline, ecol, url[:200], severity=sev)


def judge(f: Fetched, o: dict[str, Any], is_fm: bool, where: str) -> Iterator[tuple[Severity, str, str]]:
    """What an editor needs to hear about one fetched image."""
    err, warn = Severity.ERROR, Severity.WARNING
    if f.error == "refused":
        yield warn, f"{where} was not fetched: {f.detail}", \
            "use a public image address; for an intranet, list its addresses in allow_addresses"
        return
    if f.error == "timeout":
        yield err, f"{where} did not load: the server gave {f.detail}", "check the address, or host the image yourself"
        return
    if f.error in ("redirect-loop", "too-many-redirects"):
        yield err, f"{where} does not load: {f.detail}", "use the image's final address"
        return
    if f.error:
        yield err, f"{where} could not be fetched ({f.detail})", "check the address; the host may be gone"
        return
    status = f.status or 0
    if status >= 400:
        yield err, f"{where} is broken: the server answers {status}", "find the image's current address or upload it again"
        return
    if f.content_type and not f.content_type.startswith("image/") and not f.looks_like_image:
        yield err, f"{where} is not an image: the server sends {f.content_type}", \
            "use the address of the picture itself, not of a page that shows it"
        return
    if f.hops and o["report_redirects"]:
        first, last = urlsplit(f.url).hostname or "", urlsplit(f.final_url).hostname or ""
        if first != last:
            yield warn, f"{where} is redirected from {first} to {last}", f"link the final address: {f.final_url[:120]}"
    if f.size is not None and f.size > int(o["max_bytes"]):
        weight = f"more than {int(o['max_bytes']) / 1_000_000:.1f} MB (the server sends no size; reading stopped there)" \
            if f.size_at_least else f"{f.size / 1_000_000:.1f} MB, over the {int(o['max_bytes']) / 1_000_000:.1f} MB limit"
        yield warn, f"{where} weighs {weight}", \
            "save a smaller version (about 1200-2000 px wide, compressed JPEG or WebP)"
    min_width = int(o["min_width"])
    applies = is_fm or o["min_width_scope"] == "all"
    if min_width and applies and f.width is not None and f.width < min_width:
        yield warn, f"{where} is {f.width} px wide; search and news feeds want at least {min_width} px", \
            f"use a version at least {min_width} px wide"


IMAGE_ONLINE = corpus_rule(
    "IMG100", "image-online", "images", "error",
    "Fetches every image address once (`--online`): broken (status ≥ 400, timeout), not an image, redirected "
    "to another host, too heavy, or too narrow.",
    bad="image: 'https://newsdao.kr/res/images/removed.jpg'   (404)",
    good="image: 'https://newsdao.kr/res/images/2024/summit.jpg'   (200, image/jpeg, 1600 px)",
    fingerprint=fingerprint, join=join,
    docs="Runs only with `newslint check --online` (never in the pre-commit hook by default). Each distinct "
         "address is fetched once per run (HEAD, then a small ranged GET), with a concurrency limit overall and "
         "per host, timeouts, and a few retries with backoff on 429 and 5xx. Successes are cached in "
         ".newslint_cache/ for `cache_ttl_hours`; failures are always checked again. For safety it never fetches "
         "private, loopback, link-local, multicast or reserved addresses (checked after DNS and on every "
         "redirect) unless they are listed in `allow_addresses`, and it reads at most `max_bytes` + 1 bytes. "
         "The width check (Google Discover asks for 1200 px) applies to front matter images unless "
         "`min_width_scope` is 'all'. Needs httpx: pip install 'newslint[online]'.",
    options={
        "timeout": Option(10.0, "seconds to wait for each answer"),
        "concurrency": Option(8, "requests in flight at once"),
        "per_host": Option(2, "requests in flight at once to one host"),
        "retries": Option(2, "retries after 429 or 5xx answers"),
        "backoff": Option(0.5, "seconds before the first retry (doubles each time)"),
        "max_redirects": Option(5, "redirects followed before giving up"),
        "max_bytes": Option(1_000_000, "heaviest image accepted, in bytes; also the most ever read"),
        "sniff_bytes": Option(65536, "bytes read to find the pixel width"),
        "min_width": Option(1200, "narrowest image accepted, in pixels (0: no check)"),
        "min_width_scope": Option("front-matter", "which images the width check applies to: front-matter or all"),
        "report_redirects": Option(True, "warn when an image address redirects to another host"),
        "resolve_site_paths": Option(True, "fetch /paths as site.url + path when site.url is set"),
        "allow_addresses": Option([], "private addresses or ranges that may be fetched (intranets, tests)"),
        "cache_ttl_hours": Option(24.0, "how long a successful answer is reused (0: no cache)"),
        "user_agent": Option("newslint-image-check/0.1 (+https://github.com/newslint)", "User-Agent header sent"),
    },
    network=True,
)
