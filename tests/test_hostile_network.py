"""IMG100 against hostile servers started here on 127.0.0.1 (issue 9): every case ends in time, with a diagnostic.

The servers are raw sockets, so they can misbehave in ways http.server cannot: endless and
dripping bodies and headers, redirect loops and endless redirect chains, redirects to a loopback
address off the allow-list (127.0.0.2, in several spellings), huge headers, endless 1xx answers,
garbage, silence, and Retry-After asking for an hour. Traffic never leaves 127.0.0.0/8: a guard on
socket.connect fails the test for any other address, and names resolve only as numeric addresses
(no DNS query is sent).
"""

from __future__ import annotations

import functools
import gzip
import socket
import socketserver
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import guard_loopback

from newslint.checks import images_online
from newslint.diagnostics import Diagnostic, Severity
from newslint.document import load_text
from newslint.engine import check_document, join_corpus
from newslint.testing import make_config

httpx = pytest.importorskip("httpx")

STOP = threading.Event()  # set at teardown: dripping handlers stop writing
LOG: list[tuple[str, str, str]] = []  # (server address, method, path) of every request read
SENT: dict[str, int] = {}  # bytes written by the endless handlers before the client hung up
TIMEOUT = 1.0  # the rule's per-answer timeout in these tests
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x06@\0\0\0d\x08\x02\0\0\0\0\0\0\0" + b"\0" * 32  # 1600 px wide


def _send(conn: socket.socket, data: bytes) -> None:
    conn.sendall(data)


def _head(status: str, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in (headers or {}).items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _drip(conn: socket.socket, data: bytes, every: float = 1.0) -> None:
    """One byte per `every` seconds until the client hangs up or the test ends."""
    for i in range(len(data)):
        if STOP.wait(every if i else 0):
            return
        conn.sendall(data[i : i + 1])


def _endless(conn: socket.socket, key: str, head: bytes, chunk: bytes) -> None:
    conn.sendall(head)
    sent = 0
    try:
        while not STOP.is_set() and sent < 200_000_000:
            conn.sendall(chunk)
            sent += len(chunk)
    finally:
        SENT[key] = sent


# --------------------------------------------------------------------------- behaviours, by path

Behaviour = Callable[[socket.socket, str, str, int], None]


def endless_body(conn: socket.socket, method: str, path: str, port: int) -> None:
    head = _head("200 OK", {"Content-Type": "image/png", "Connection": "close"})
    if method == "HEAD":
        _send(conn, head)
        return
    _endless(conn, path, head + PNG, b"\0" * 65536)


def endless_chunked(conn: socket.socket, method: str, path: str, port: int) -> None:
    head = _head("200 OK", {"Content-Type": "image/png", "Transfer-Encoding": "chunked"})
    if method == "HEAD":
        _send(conn, head)
        return
    chunk = b"\0" * 65536
    _endless(conn, path, head + b"%x\r\n" % len(PNG) + PNG + b"\r\n", b"%x\r\n" % len(chunk) + chunk + b"\r\n")


def lying_length(conn: socket.socket, method: str, path: str, port: int) -> None:
    """Claims ten gigabytes, ignores Range, and never stops."""
    head = _head("200 OK", {"Content-Type": "image/png", "Content-Length": "10000000000"})
    if method == "HEAD":
        _send(conn, head)
        return
    _endless(conn, path, head + PNG, b"\0" * 65536)


def drip_body(conn: socket.socket, method: str, path: str, port: int) -> None:
    head = _head("200 OK", {"Content-Type": "image/png", "Content-Length": str(len(PNG))})
    _send(conn, head)
    if method == "GET":
        _drip(conn, PNG)


def drip_headers(conn: socket.socket, method: str, path: str, port: int) -> None:
    _drip(conn, _head("200 OK", {"Content-Type": "image/png", "Content-Length": "0"}))


def silence(conn: socket.socket, method: str, path: str, port: int) -> None:
    STOP.wait(30)


def hang_up(conn: socket.socket, method: str, path: str, port: int) -> None:
    conn.close()


def garbage(conn: socket.socket, method: str, path: str, port: int) -> None:
    _send(conn, b"\x16\x03\x01\x00\xa5 this is not HTTP at all \xff\xfe\r\n\r\n")


def endless_continue(conn: socket.socket, method: str, path: str, port: int) -> None:
    """'100 Continue' answers forever, never a final one."""
    while not STOP.is_set():
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n" * 64)


def huge_header(conn: socket.socket, method: str, path: str, port: int) -> None:
    _send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nX-Big: " + b"a" * 2_000_000 + b"\r\n\r\n")


def many_headers(conn: socket.socket, method: str, path: str, port: int) -> None:
    _send(conn, b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(100_000)) + b"\r\n")


def endless_headers(conn: socket.socket, method: str, path: str, port: int) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    i = 0
    while not STOP.is_set() and i < 10_000_000:
        conn.sendall(b"X-More-%d: v\r\n" % i)
        i += 1


def loop_a(conn: socket.socket, method: str, path: str, port: int) -> None:
    _send(conn, _head("302 Found", {"Location": "/loop-b", "Content-Length": "0"}))


def loop_b(conn: socket.socket, method: str, path: str, port: int) -> None:
    _send(conn, _head("301 Moved", {"Location": f"http://127.0.0.1:{port}/loop-a", "Content-Length": "0"}))


def chain(conn: socket.socket, method: str, path: str, port: int) -> None:
    """A redirect to a new address every time: never a loop, never an end."""
    n = int(path.rsplit("/", 1)[1]) + 1
    _send(conn, _head("307 Temporary", {"Location": f"/chain/{n}", "Content-Length": "0"}))


def retry_after_an_hour(conn: socket.socket, method: str, path: str, port: int) -> None:
    _send(conn, _head("503 Service Unavailable", {"Retry-After": "3600", "Content-Length": "0"}))


def odd_retry(conn: socket.socket, method: str, path: str, port: int) -> None:
    """Latin-1 '²' where a number belongs: isdigit() says yes, int() says no."""
    _send(conn, b"HTTP/1.1 429 Too Many\r\nRetry-After: \xb2\r\nContent-Length: 0\r\n\r\n")


def odd_range(conn: socket.socket, method: str, path: str, port: int) -> None:
    head = b"HTTP/1.1 206 Partial\r\nContent-Type: image/png\r\nContent-Range: bytes 0-63/\xb2\r\n"
    _send(conn, head + b"Content-Length: %d\r\n\r\n" % len(PNG) + (b"" if method == "HEAD" else PNG))


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * 50_000_000, compresslevel=1)


def gzip_bomb(conn: socket.socket, method: str, path: str, port: int) -> None:
    """A page sent gzip-encoded although we asked for identity: 50 kB that would inflate to 50 MB."""
    bomb = _bomb()
    head = _head("200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip",
                            "Content-Length": str(len(bomb))})
    _send(conn, head if method == "HEAD" else head + bomb)


def off_list(spelling: str) -> Behaviour:
    def redirect(conn: socket.socket, method: str, path: str, port: int) -> None:
        other = OTHER_PORT[0] or port
        location = f"http://{spelling}:{other}/wide.png"
        _send(conn, _head("302 Found", {"Location": location, "Content-Length": "0"}))
    return redirect


ROUTES: dict[str, Behaviour] = {
    "/endless.png": endless_body, "/endless-chunked.png": endless_chunked, "/lying-length.png": lying_length,
    "/drip-body.png": drip_body, "/drip-headers.png": drip_headers, "/silence.png": silence,
    "/hang-up.png": hang_up, "/garbage.png": garbage, "/endless-continue.png": endless_continue,
    "/huge-header.png": huge_header, "/many-headers.png": many_headers, "/endless-headers.png": endless_headers,
    "/loop-a": loop_a, "/loop-b": loop_b, "/retry-after.png": retry_after_an_hour, "/odd-retry.png": odd_retry,
    "/odd-range.png": odd_range,
    "/gzip-bomb.png": gzip_bomb,
    "/to-127.0.0.2": off_list("127.0.0.2"), "/to-decimal": off_list("2130706434"),
    "/to-hex": off_list("0x7f000002"), "/to-short": off_list("127.2"), "/to-mapped": off_list("[::ffff:127.0.0.2]"),
}
OTHER_PORT = [0]


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        conn: socket.socket = self.request
        conn.settimeout(10)
        data = b""
        try:
            while b"\r\n\r\n" not in data and len(data) < 65536:
                got = conn.recv(4096)
                if not got:
                    return
                data += got
        except OSError:
            return
        method, path = (data.split(b"\r\n", 1)[0].decode("latin-1").split(" ") + ["", ""])[:2]
        LOG.append((self.server.server_address[0], method, path))
        route = ROUTES.get(path.split("?", 1)[0])
        if route is None and path.startswith("/chain/"):
            route = chain
        try:
            if route is None:
                _send(conn, _head("404 Not Found", {"Content-Length": "0"}))
            else:
                route(conn, method, path, self.server.server_address[1])
        except OSError:
            pass  # the client hung up: what we want


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _start(host: str) -> Server:
    srv = Server((host, 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    STOP.clear()
    _bomb()  # built before the clock starts
    srv = _start("127.0.0.1")
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    STOP.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def other_loopback() -> Iterator[Server | None]:
    """A listener on 127.0.0.2, off the allow-list: it must never see a connection."""
    try:
        srv = _start("127.0.0.2")
    except OSError:
        yield None
        return
    OTHER_PORT[0] = srv.server_address[1]
    yield srv
    OTHER_PORT[0] = 0
    srv.shutdown()
    srv.server_close()


CONNECTS: list[str | None] = []


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    guard_loopback(monkeypatch, CONNECTS)


@pytest.fixture(autouse=True)
def numeric_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names resolve only when they are numeric addresses in some spelling (0x7f000002, 127.2): no DNS."""

    async def resolve(host: str, port: int) -> list[str]:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
        except socket.gaierror:
            return []
        return [str(i[4][0]) for i in infos]

    monkeypatch.setattr(images_online, "RESOLVER", resolve)


def run(tmp_path: Path, *urls: str, **options: Any) -> tuple[list[Diagnostic], float]:
    opts = {"allow_addresses": ["127.0.0.1/32"], "timeout": TIMEOUT, "backoff": 0.01, "retries": 1,
            "cache_ttl_hours": 0, "max_bytes": 1_000_000, **options}
    cfg = make_config({"select": ["IMG100"], "rules": {"IMG100": opts}}, root=tmp_path)
    body = "\n\n".join(f"![사진](<{u}>)" for u in urls)
    doc = load_text(textwrap.dedent(f"---\ntitle: 기사\n---\n\n{body}\n"), "a.md", cfg.limits)
    t0 = time.monotonic()
    result = join_corpus([check_document(doc, cfg)], cfg)
    return sorted(result, key=Diagnostic.sort_key), time.monotonic() - t0


# --------------------------------------------------------------------------- the cases

# path, words expected in the one diagnostic, time limit in seconds
CASES = [
    ("/endless.png", "more than 1.0 MB", 5.0),
    ("/endless-chunked.png", "more than 1.0 MB", 5.0),
    ("/lying-length.png", "10000.0 MB", 5.0),
    ("/drip-body.png", "did not load", 3 * TIMEOUT + 1),
    ("/drip-headers.png", "did not load", 3 * TIMEOUT + 1),
    ("/silence.png", "did not load", 3 * TIMEOUT + 1),
    ("/hang-up.png", "could not be fetched", 3.0),
    ("/garbage.png", "could not be fetched", 3.0),
    ("/endless-continue.png", "", 3 * TIMEOUT + 1),  # a timeout or a protocol error: either ends it
    ("/huge-header.png", "could not be fetched", 3.0),
    ("/many-headers.png", "could not be fetched", 3.0),
    ("/endless-headers.png", "could not be fetched", 3.0),
    ("/loop-a", "loop", 3.0),
    ("/chain/0", "more than 5 redirects", 4.0),
    ("/retry-after.png", "answers 503", 4 * TIMEOUT + 2),  # HEAD and GET, one retry each, waits capped
    ("/odd-retry.png", "answers 429", 3.0),
    ("/gzip-bomb.png", "not an image", 3.0),
]
TIMES: dict[str, float] = {}


@pytest.mark.parametrize("path, words, limit", CASES, ids=[c[0] for c in CASES])
def test_each_hostile_server_ends_in_time_with_a_diagnostic(
        server: str, tmp_path: Path, path: str, words: str, limit: float) -> None:
    d, took = run(tmp_path, server + path)
    TIMES[path] = took
    assert took < limit, f"{path} took {took:.1f} s (limit {limit} s)"
    assert len(d) == 1 and d[0].rule == "IMG100", [x.message for x in d]
    assert words in d[0].message, d[0].message
    assert d[0].severity in (Severity.ERROR, Severity.WARNING)
    assert set(CONNECTS) <= {"127.0.0.1"}


def test_the_client_hangs_up_on_endless_bodies(server: str, tmp_path: Path) -> None:
    SENT.clear()
    run(tmp_path, server + "/endless.png", server + "/endless-chunked.png", server + "/lying-length.png")
    for _ in range(100):  # the server threads notice the closed connections
        if len(SENT) == 3:
            break
        time.sleep(0.05)
    assert set(SENT) == {"/endless.png", "/endless-chunked.png", "/lying-length.png"}
    # Loopback socket buffers absorb a few MB after the client stops reading; 200 MB is the server's end.
    assert all(n < 30_000_000 for n in SENT.values()), SENT


def test_an_endless_redirect_chain_makes_a_bounded_number_of_requests(server: str, tmp_path: Path) -> None:
    LOG.clear()
    d, _took = run(tmp_path, server + "/chain/0", max_redirects=3)
    assert len(d) == 1 and "more than 3 redirects" in d[0].message
    hops = {p for _a, _m, p in LOG if p.startswith("/chain/")}
    assert hops == {"/chain/0", "/chain/1", "/chain/2", "/chain/3"}


@pytest.mark.parametrize("spelling", ["127.0.0.2", "decimal", "hex", "short", "mapped"])
def test_a_redirect_off_the_allow_list_is_refused_before_connecting(
        server: str, other_loopback: Server | None, tmp_path: Path, spelling: str) -> None:
    if other_loopback is None:
        pytest.skip("127.0.0.2 cannot be bound here")
    LOG.clear()
    path = "/to-127.0.0.2" if spelling == "127.0.0.2" else f"/to-{spelling}"
    d, took = run(tmp_path, server + path)
    TIMES[path] = took
    assert len(d) == 1 and d[0].severity == Severity.WARNING, [x.message for x in d]
    assert "private or local" in d[0].message and "was not fetched" in d[0].message
    assert "127.0.0.2" not in CONNECTS and set(CONNECTS) <= {"127.0.0.1"}
    assert all(addr == "127.0.0.1" for addr, _m, _p in LOG)  # the listener on 127.0.0.2 saw nothing
    assert took < 3.0


def test_many_hostile_addresses_at_once_stay_within_the_concurrency_bound(server: str, tmp_path: Path) -> None:
    # Eight dripping addresses on one host, two at a time: about four timeouts, not eight, and never a hang.
    urls = [f"{server}/drip-headers.png?n={i}" for i in range(8)]
    d, took = run(tmp_path, *urls, per_host=2, concurrency=8)
    TIMES["8 x /drip-headers.png"] = took
    assert len(d) == 8 and all("did not load" in x.message for x in d)
    assert took < 8 * TIMEOUT, f"took {took:.1f} s"


def test_retry_after_is_capped_by_the_timeout(server: str, tmp_path: Path) -> None:
    # Regression: Retry-After was honoured up to 30 s per retry, so one hostile address could hold
    # the run (and its host's slot) for minutes with the default two retries.
    LOG.clear()
    d, took = run(tmp_path, server + "/retry-after.png", retries=2)
    assert len(d) == 1 and "503" in d[0].message
    assert [m for _a, m, _p in LOG] == ["HEAD"] * 3 + ["GET"] * 3
    assert took < 4 * TIMEOUT + 2


def test_non_ascii_digits_in_headers_are_not_numbers(server: str, tmp_path: Path) -> None:
    # Regression: 'Retry-After: ²' and 'Content-Range: bytes 0-63/²' passed str.isdigit() and then
    # failed int(): the image was reported as an address that "cannot be requested".
    assert not images_online._is_number("²") and images_online._is_number("12")
    assert images_online._total_size({"content-range": "bytes 0-63/\xb2"}, 206) is None
    d, _took = run(tmp_path, server + "/odd-retry.png")
    assert len(d) == 1 and "answers 429" in d[0].message, [x.message for x in d]
    d, _took = run(tmp_path, server + "/odd-range.png")
    assert d == []  # a 1600 px PNG whose total size is unknown: nothing to report


def test_report_times(request: pytest.FixtureRequest) -> None:
    """Prints how long each hostile case took (run with -s to see it)."""
    for path, took in sorted(TIMES.items()):
        print(f"  {path:28} {took:5.2f} s")
    assert all(t < 10 for t in TIMES.values())
