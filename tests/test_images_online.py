"""Images family, online check (IMG100) against a real HTTP server on 127.0.0.1.

Test traffic stays on 127.0.0.0/8: a guard on socket.connect fails the test for any other
address. Refusals are proven with loopback addresses left off the allow-list (127.0.0.2) and
with a resolver stub that maps a name to 10.0.0.1, never by sending anything there.
"""

from __future__ import annotations

import asyncio
import builtins
import ipaddress
import json
import struct
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import guard_loopback

from newslint.checks import images_online
from newslint.checks.images_online import is_refused, sniff_width
from newslint.diagnostics import Diagnostic, Severity
from newslint.document import load_text
from newslint.engine import check_document, join_corpus
from newslint.registry import find_rule
from newslint.testing import make_config

# --------------------------------------------------------------------------- images


def png(width: int, height: int = 100) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0\0\0\0" + b"\0" * 64


def jpeg(width: int, height: int = 100) -> bytes:
    app1 = b"\xff\xe1" + struct.pack(">H", 2 + 300) + b"Exif\0\0" + b"\0" * 294
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app1 + sof + b"\xff\xd9"


def gif(width: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, 50) + b"\0" * 20


def webp_vp8x(width: int) -> bytes:
    return b"RIFF" + b"\0\0\0\0" + b"WEBP" + b"VP8X" + b"\x0a\0\0\0" + b"\0\0\0\0" + \
        (width - 1).to_bytes(3, "little") + (99).to_bytes(3, "little") + b"\0" * 8


def test_sniff_width() -> None:
    assert sniff_width(png(1600)) == 1600
    assert sniff_width(jpeg(1280)) == 1280
    assert sniff_width(gif(640)) == 640
    assert sniff_width(webp_vp8x(2000)) == 2000
    assert sniff_width(b"<html>") is None
    assert sniff_width(jpeg(1280)[:40]) is None  # SOF beyond the bytes read: unknown, not a guess


def test_private_addresses_are_refused_unless_listed() -> None:
    for a in ("127.0.0.1", "10.0.0.1", "192.168.1.5", "172.16.0.1", "169.254.169.254", "224.0.0.1", "::1",
              "fe80::1", "0.0.0.0", "100.64.0.1", "::ffff:10.0.0.1", "240.0.0.1"):
        assert is_refused(a, []), a
    assert not is_refused("93.184.216.34", [])
    assert not is_refused("10.0.0.7", [ipaddress.ip_network("10.0.0.0/8")])


# --------------------------------------------------------------------------- the test server

HITS: Counter[str] = Counter()
INFLIGHT = [0, 0]  # requests being answered now, most at once
LOCK = threading.Lock()
SENT: dict[str, int] = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _send(self, status: int, body: bytes, ctype: str, head: bool, extra: dict[str, str] | None = None) -> None:
        rng = self.headers.get("Range")
        if rng and status == 200 and not head and rng.startswith("bytes=0-"):
            end = min(int(rng[8:]), len(body) - 1)
            part = body[: end + 1]
            self.send_response(206)
            self.send_header("Content-Range", f"bytes 0-{end}/{len(body)}")
            body = part
        else:
            self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _serve(self, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        HITS[f"{self.command} {path}"] += 1
        routes = {
            "/wide.png": (png(1600), "image/png"), "/narrow.png": (png(300), "image/png"),
            "/photo.jpg": (jpeg(1280), "image/jpeg"), "/anim.gif": (gif(640), "image/gif"),
            "/pic.webp": (webp_vp8x(2000), "image/webp"), "/page.html": (b"<html>hi</html>", "text/html"),
            "/s3.png": (png(1600), "application/octet-stream"), "/s3.bin": (b"PK\x03\x04zip", "binary/octet-stream"),
        }
        if path in routes:
            body, ctype = routes[path]
            self._send(200, body, ctype, head)
        elif path == "/missing.png":
            self._send(404, b"not found", "text/plain", head)
        elif path == "/slow.png":
            time.sleep(1.5)
            self._send(200, png(1600), "image/png", head)
        elif path == "/busy.png":
            with LOCK:
                INFLIGHT[0] += 1
                INFLIGHT[1] = max(INFLIGHT[1], INFLIGHT[0])
            time.sleep(0.15)
            with LOCK:
                INFLIGHT[0] -= 1
            self._send(200, png(1600), "image/png", head)
        elif path == "/loop-a":
            self._send(302, b"", "text/plain", head, {"Location": "/loop-b"})
        elif path == "/loop-b":
            self._send(302, b"", "text/plain", head, {"Location": "/loop-a"})
        elif path == "/moved.png":
            port = self.server.server_address[1]
            self._send(301, b"", "text/plain", head, {"Location": f"http://cdn.test:{port}/wide.png"})
        elif path == "/to-other-loopback.png":
            port = self.server.server_address[1]
            self._send(302, b"", "text/plain", head, {"Location": f"http://127.0.0.2:{port}/wide.png"})
        elif path == "/heavy.png":
            self._send(200, png(1600) + b"\0" * 3_000_000, "image/png", head)
        elif path == "/flaky.png":
            if HITS[f"{self.command} {path}"] <= 1:
                self._send(503, b"busy", "text/plain", head, {"Retry-After": "0"})
            else:
                self._send(200, png(1600), "image/png", head)
        elif path == "/limited.png":
            self._send(429, b"slow down", "text/plain", head, {"Retry-After": "0"})
        elif path == "/nohead.png":
            if head:
                self._send(405, b"", "text/plain", head)
            else:
                self._send(200, png(1500), "image/png", head)
        elif path == "/endless.png":
            self._endless(head)
        else:
            self._send(404, b"no route", "text/plain", head)

    def _endless(self, head: bool) -> None:
        """An image with no length that never ends (ignores Range): the reader must stop on its own."""
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head:
            return
        sent = 0
        try:
            self.wfile.write(png(1600))
            chunk = b"\0" * 65536
            while sent < 50_000_000:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        SENT["/endless.png"] = sent


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


CONNECTS: list[str | None] = []


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    guard_loopback(monkeypatch, CONNECTS)


@pytest.fixture(autouse=True)
def resolver(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names resolve only through this table: no DNS query leaves the machine."""
    table: dict[str, list[str]] = {"cdn.test": ["127.0.0.1"], "images.example": ["10.0.0.1"]}
    asked: list[str] = []

    async def stub(host: str, port: int) -> list[str]:
        asked.append(host)
        return table.get(host, [])

    monkeypatch.setattr(images_online, "RESOLVER", stub)
    table["_asked"] = asked  # type: ignore[assignment]
    return table


def run(tmp_path: Path, articles: dict[str, str], **options: Any) -> list[Diagnostic]:
    opts = {"allow_addresses": ["127.0.0.1"], "timeout": 1.0, "backoff": 0.01, **options}
    cfg = make_config({"select": ["IMG100"], "rules": {"IMG100": opts}}, root=tmp_path)
    results = [check_document(load_text(textwrap.dedent(t), p, cfg.limits), cfg) for p, t in articles.items()]
    return sorted(join_corpus(results, cfg), key=Diagnostic.sort_key)


def article(*srcs: str, lead: str | None = None) -> str:
    front = f"title: 기사\nimage: '{lead}'\n" if lead else "title: 기사\n"
    body = "\n\n".join(f"![사진 설명](<{s}>)" for s in srcs)
    return f"---\n{front}---\n\n{body}\n"


# --------------------------------------------------------------------------- behaviour


def test_good_images_pass_and_each_url_is_fetched_once(server: str, tmp_path: Path) -> None:
    HITS.clear()
    srcs = [f"{server}/wide.png", f"{server}/photo.jpg", f"{server}/anim.gif", f"{server}/pic.webp"]
    d = run(tmp_path, {"a.md": article(*srcs, lead=f"{server}/wide.png"), "b.md": article(*srcs)})
    assert d == []
    assert HITS["HEAD /wide.png"] == 1 and HITS["GET /wide.png"] == 1  # five uses, one fetch
    assert CONNECTS and all(c == "127.0.0.1" for c in CONNECTS)  # the guard sees every connection


def test_broken_not_image_and_narrow(server: str, tmp_path: Path) -> None:
    d = run(tmp_path, {"a.md": article(f"{server}/missing.png", f"{server}/page.html", f"{server}/narrow.png",
                                       lead=f"{server}/narrow.png")})
    got = [(x.line, x.severity, x.message) for x in d]
    assert got[0][0] == 3 and got[0][1] == Severity.WARNING and "300 px wide" in got[0][2]  # lead image < 1200
    assert (got[1][0], got[1][1]) == (6, Severity.ERROR) and "answers 404" in got[1][2]
    assert (got[2][0], got[2][1]) == (8, Severity.ERROR) and "text/html" in got[2][2]
    assert len(d) == 3  # the narrow body image is not judged by width (front matter only by default)
    assert d[1].column == 11  # points at the address inside ![…](<…>)
    assert run(tmp_path, {"a.md": article(lead=f"{server}/photo.jpg")}, min_width=1280) == []
    wide = run(tmp_path, {"a.md": article(f"{server}/narrow.png")}, min_width_scope="all")
    assert ["300 px wide" in x.message for x in wide] == [True]


def test_timeout_redirect_loop_and_other_host(server: str, tmp_path: Path) -> None:
    d = run(tmp_path, {"a.md": article(f"{server}/slow.png", f"{server}/loop-a", f"{server}/moved.png")},
            timeout=0.3)
    msgs = [x.message for x in d]
    assert "did not load" in msgs[0] and "0.3 s" in msgs[0]
    assert "loop" in msgs[1] and d[1].severity == Severity.ERROR
    assert "redirected from 127.0.0.1 to cdn.test" in msgs[2] and d[2].severity == Severity.WARNING
    assert len(d) == 3


def test_retries_with_backoff_on_503_and_429(server: str, tmp_path: Path) -> None:
    HITS.clear()
    d = run(tmp_path, {"a.md": article(f"{server}/flaky.png", f"{server}/limited.png")}, retries=2)
    assert [x.message for x in d] == [d[0].message] and "answers 429" in d[0].message
    assert HITS["HEAD /limited.png"] == 3  # one try + two retries, then it gives up
    assert HITS["HEAD /flaky.png"] == 2


def test_octet_stream_judged_by_its_first_bytes(server: str, tmp_path: Path) -> None:
    # Storage buckets often send images as application/octet-stream; browsers still show them.
    d = run(tmp_path, {"a.md": article(f"{server}/s3.png", f"{server}/s3.bin")})
    assert [(x.line, "binary/octet-stream" in x.message) for x in d] == [(7, True)]


def test_concurrency_per_host_is_bounded(server: str, tmp_path: Path) -> None:
    srcs = [f"{server}/busy.png?n={i}" for i in range(8)]
    INFLIGHT[:] = [0, 0]
    assert run(tmp_path, {"a.md": article(*srcs)}, per_host=2, concurrency=8, cache_ttl_hours=0) == []
    assert INFLIGHT[1] == 2
    INFLIGHT[:] = [0, 0]
    assert run(tmp_path, {"a.md": article(*srcs)}, per_host=8, concurrency=3, cache_ttl_hours=0) == []
    assert INFLIGHT[1] == 3  # the overall limit


def test_head_refused_falls_back_to_get(server: str, tmp_path: Path) -> None:
    HITS.clear()
    assert run(tmp_path, {"a.md": article(f"{server}/nohead.png", lead=f"{server}/nohead.png")}) == []
    assert HITS["HEAD /nohead.png"] == 1 and HITS["GET /nohead.png"] == 1


def test_oversized_bodies_are_reported_and_reading_is_capped(server: str, tmp_path: Path) -> None:
    d = run(tmp_path, {"a.md": article(f"{server}/heavy.png", f"{server}/endless.png")}, max_bytes=1_000_000)
    assert len(d) == 2
    assert "3.0 MB" in d[0].message
    assert "more than 1.0 MB" in d[1].message
    for _ in range(50):  # the server thread notices the closed connection
        if "/endless.png" in SENT:
            break
        time.sleep(0.05)
    # The client hung up long before the 50 MB end (loopback socket buffers absorb a few MB).
    assert SENT["/endless.png"] < 20_000_000
    settings = images_online._settings({**find_rule("IMG100").defaults(),  # type: ignore[union-attr]
                                        "allow_addresses": ["127.0.0.1"], "max_bytes": 200_000})
    got = asyncio.run(images_online.fetch_all([f"{server}/endless.png"], settings))[f"{server}/endless.png"]
    assert got.size_at_least and got.size is not None and got.size <= 200_001


def test_redirect_to_a_loopback_address_not_allowed_is_refused(server: str, tmp_path: Path) -> None:
    CONNECTS.clear()
    d = run(tmp_path, {"a.md": article(f"{server}/to-other-loopback.png")})
    assert len(d) == 1 and d[0].severity == Severity.WARNING
    assert "redirects to http://127.0.0.2" in d[0].message and "private or local" in d[0].message
    assert "127.0.0.2" not in CONNECTS  # checked before connecting, not after


def test_name_resolving_to_a_private_address_is_never_contacted(
        server: str, tmp_path: Path, resolver: dict[str, list[str]]) -> None:
    CONNECTS.clear()
    d = run(tmp_path, {"a.md": article("http://images.example/a.png")})
    assert len(d) == 1 and "images.example resolves to 10.0.0.1" in d[0].message
    assert "images.example" in resolver["_asked"]
    assert CONNECTS == []  # not a single connection attempt


def test_loopback_is_refused_without_the_allow_list(server: str, tmp_path: Path) -> None:
    CONNECTS.clear()
    d = run(tmp_path, {"a.md": article(f"{server}/wide.png")}, allow_addresses=[])
    assert len(d) == 1 and "127.0.0.1 is a private or local address" in d[0].message
    assert CONNECTS == []


def test_disk_cache_reuses_successes_and_rechecks_failures(server: str, tmp_path: Path) -> None:
    HITS.clear()
    arts = {"a.md": article(f"{server}/wide.png", f"{server}/missing.png")}
    first = run(tmp_path, arts)
    second = run(tmp_path, arts)
    assert [x.message for x in first] == [x.message for x in second]
    assert HITS["HEAD /wide.png"] == 1  # second run answered from the cache
    assert HITS["HEAD /missing.png"] == 2  # failures are always checked again
    cache = tmp_path / ".newslint_cache"
    assert (cache / ".gitignore").read_text() == "*\n"
    data = json.loads((cache / "images-online.json").read_text())
    assert list(data) == [f"{server}/wide.png"]
    run(tmp_path, arts, cache_ttl_hours=0)
    assert HITS["HEAD /wide.png"] == 2


def test_odd_addresses_are_reported_not_crashed_on(server: str, tmp_path: Path) -> None:
    d = run(tmp_path, {"a.md": article(f"{server}/다운로드 (4).png", "http://127.0.0.1:99999/a.png",
                                       "http://[::1/a.png")})
    assert [x.rule for x in d] == ["IMG100", "IMG100"]  # the unparsable third one is IMG001's
    assert "answers 404" in d[0].message
    assert "cannot be requested" in d[1].message
    assert HITS["HEAD /%EB%8B%A4%EC%9A%B4%EB%A1%9C%EB%93%9C%20(4).png"] >= 1


def test_templated_relative_and_data_addresses_are_not_fetched(server: str, tmp_path: Path) -> None:
    text = article("{{ site.url }}/a.png", "/local/b.png", "data:image/gif;base64,R0lGOD==")
    assert run(tmp_path, {"a.md": text}) == []
    assert CONNECTS == []


def test_without_httpx_one_notice(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_httpx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "httpx" or name.startswith("httpx."):
            raise ImportError("No module named 'httpx'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_httpx)
    d = run(tmp_path, {"a.md": article(f"{server}/wide.png"), "b.md": article(f"{server}/missing.png")})
    assert len(d) == 1 and d[0].severity == Severity.INFO
    assert "httpx" in d[0].message and "newslint[online]" in (d[0].suggestion or "")


def test_rule_is_off_unless_online() -> None:
    r = find_rule("IMG100")
    assert r is not None and r.network and not r.default_enabled
    cfg = make_config({})
    assert "IMG100" not in cfg.rules_for("a.md")


def test_cli_online_flag_turns_the_check_on(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from newslint.cli import main

    (tmp_path / ".newslint.yaml").write_text(
        "rules:\n  IMG100:\n    allow_addresses: ['127.0.0.1']\n    timeout: 1.0\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(article(f"{server}/missing.png"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    offline = CliRunner().invoke(main, ["check", "a.md", "--select", "images", "--format", "json"])
    assert "IMG100" not in offline.output
    online = CliRunner().invoke(main, ["check", "a.md", "--select", "images", "--online", "--format", "json"])
    found = [d for d in json.loads(online.output)["diagnostics"] if d["rule"] == "IMG100"]
    assert [(d["line"], d["severity"]) for d in found] == [(5, "error")]
    assert online.exit_code == 1


def test_invalid_allow_list_is_one_clear_error(server: str, tmp_path: Path) -> None:
    d = run(tmp_path, {"a.md": article(f"{server}/wide.png")}, allow_addresses=["not-an-address"])
    assert len(d) == 1 and d[0].severity == Severity.ERROR and "allow_addresses" in d[0].message
    assert CONNECTS == []
